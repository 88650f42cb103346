use crate::error::PeopleError;
use shetu_core::id::PersonId;
use shetu_core::{Lang, Phone};
use std::fmt;
use std::str::FromStr;

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $text)] $variant),+ }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and shown name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = PeopleError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s { $($text => Ok($name::$variant),)+ _ => Err(PeopleError::Invalid(stringify!($name), "unknown_value")) }
            }
        }
    };
}

string_enum!(
    /// A platform role.
    Role {
        /// Runs the platform: people, organisations, service points, roles.
        Admin = "admin",
        /// Reviews content.
        Moderator = "moderator",
        /// Serves people at a service point, acting for them with their mandate.
        Agent = "agent",
        /// Sees aggregate figures only.
        Analyst = "analyst",
    }
);

string_enum!(
    /// What kind of organisation.
    OrgKind {
        /// A seller's shop (often a women-led cottage or micro enterprise).
        Shop = "shop",
        /// A wholesaler.
        Wholesaler = "wholesaler",
        /// A partner e-commerce company.
        PartnerMarketplace = "partner_marketplace",
        /// A courier company.
        Courier = "courier",
        /// A training provider.
        TrainingProvider = "training_provider",
        /// An employer.
        Employer = "employer",
        /// A recruiting agency.
        RecruitingAgency = "recruiting_agency",
        /// An industry association.
        IndustryAssociation = "industry_association",
        /// A government department.
        GovernmentDepartment = "government_department",
        /// A member of the innovation exchange network.
        NetworkMember = "network_member",
    }
);

string_enum!(
    /// A person's role in an organisation.
    MemberRole {
        /// Owns it: manages members.
        Owner = "owner",
        /// Works for it.
        Staff = "staff",
    }
);

string_enum!(
    /// What a mandate lets an agent do for a person.
    Scope {
        /// Keep the person's profile (name, language, home region).
        ProfileEdit = "profile.edit",
        /// Open a shop, list and sell products for them.
        CommerceSell = "commerce.sell",
        /// Place orders for them.
        CommerceBuy = "commerce.buy",
        /// Build their skills and job profile, apply for them.
        SkillsProfile = "skills.profile",
    }
);

/// Who is asking: the signed-in person, their roles, and the person they act for, if any.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The signed-in person.
    pub person: PersonId,
    /// Their platform roles.
    pub roles: Vec<Role>,
    /// The client an agent is acting for (`On-Behalf-Of`, or chosen in the agent console).
    pub on_behalf_of: Option<PersonId>,
    /// The request, for the audit trail.
    pub request_id: Option<String>,
}

impl Actor {
    /// Whether the actor has `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Refuses unless the actor has `role`.
    pub fn require(&self, role: Role) -> Result<(), PeopleError> {
        if self.has(role) {
            Ok(())
        } else {
            Err(PeopleError::Forbidden)
        }
    }
}

/// A person as shetu knows them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Person {
    /// Id.
    pub id: PersonId,
    /// Name.
    pub name: String,
    /// Mobile number, E.164 (the login id).
    pub phone: Phone,
    /// E-mail, if given.
    pub email: Option<String>,
    /// Preferred language.
    pub language: Lang,
    /// Home region id.
    pub home_region: Option<String>,
    /// Whether a password is set (people created by an agent may not have one yet).
    pub has_password: bool,
}
