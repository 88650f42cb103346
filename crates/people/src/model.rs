use crate::error::PeopleError;
use shetu_core::id::PersonId;
use shetu_core::{Lang, Phone};
use std::fmt;
use std::str::FromStr;

pub use shetu_core::{Actor, OrgKind, Role, Scope};

/// Keep the person's profile (name, language, home region).
pub const PROFILE_EDIT: Scope = Scope::declared("profile.edit");

/// A government department or other public body.
pub const GOVERNMENT_DEPARTMENT: OrgKind = OrgKind::declared("government_department");

/// A person's role in an organisation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    /// Owns it: manages members.
    Owner,
    /// Works for it.
    Staff,
}

impl MemberRole {
    /// Every value.
    pub const ALL: &'static [MemberRole] = &[MemberRole::Owner, MemberRole::Staff];

    /// The stored and shown name.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::Owner => "owner",
            MemberRole::Staff => "staff",
        }
    }
}

impl fmt::Display for MemberRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MemberRole {
    type Err = PeopleError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MemberRole::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == s)
            .ok_or(PeopleError::Invalid("role", "unknown_value"))
    }
}

shetu_core::__sql_text_codec!(MemberRole);

/// Refusals by role, for use cases.
pub trait RequireRole {
    /// Refuses unless the actor has `role`.
    fn require(&self, role: Role) -> Result<(), PeopleError>;
}

impl RequireRole for Actor {
    fn require(&self, role: Role) -> Result<(), PeopleError> {
        if self.has(role) {
            Ok(())
        } else {
            Err(PeopleError::Forbidden)
        }
    }
}

/// Reads a platform role by name.
pub fn parse_role(s: &str) -> Result<Role, PeopleError> {
    Role::parse(s).ok_or(PeopleError::Invalid("role", "unknown_value"))
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
