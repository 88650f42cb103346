//! Who may do what: platform roles, the actor of a use case, and the open vocabularies that
//! modules extend — the scopes an agent may be given and the kinds of organisation.

use crate::id::PersonId;
use std::fmt;

/// A platform role.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the platform: people, organisations, service points, roles.
    Admin,
    /// Reviews content.
    Moderator,
    /// Serves people at a service point, acting for them with their mandate.
    Agent,
    /// Sees aggregate figures only.
    Analyst,
}

impl Role {
    /// Every role.
    pub const ALL: &'static [Role] = &[Role::Admin, Role::Moderator, Role::Agent, Role::Analyst];

    /// The stored and shown name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Moderator => "moderator",
            Role::Agent => "agent",
            Role::Analyst => "analyst",
        }
    }

    /// The role named `s`.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.iter().copied().find(|r| r.as_str() == s)
    }
}

/// A name that is not a role, or not of the form a scope or kind must have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a valid name: {0}")]
pub struct BadName(pub String);

impl std::str::FromStr for Role {
    type Err = BadName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::parse(s).ok_or_else(|| BadName(s.chars().take(64).collect()))
    }
}

crate::__sql_text_codec!(Role);

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A dotted name such as `commerce.sell`: lower-case ASCII words joined by one dot, at most 64
/// bytes. Modules declare the scopes and organisation kinds they need; these are their names.
fn valid_dotted(s: &str) -> bool {
    let word = |w: &str| {
        !w.is_empty()
            && w.starts_with(|c: char| c.is_ascii_lowercase())
            && w.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    s.len() <= 64 && s.split('.').all(word)
}

macro_rules! open_name {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(std::borrow::Cow<'static, str>);

        impl $name {
            /// Checks the form of `s` (whether a module declared it is checked where they are listed).
            pub fn parse(s: &str) -> Option<$name> {
                valid_dotted(s).then(|| $name(std::borrow::Cow::Owned(s.to_owned())))
            }

            /// A name a module declares in its code, e.g. `const SELL: Scope =
            /// Scope::declared("commerce.sell")`. Its form is checked by [`Self::is_well_formed`]
            /// in the module's tests.
            pub const fn declared(name: &'static str) -> $name {
                $name(std::borrow::Cow::Borrowed(name))
            }

            /// Whether the name has the required form (lower-case words joined by dots).
            pub fn is_well_formed(&self) -> bool {
                valid_dotted(&self.0)
            }

            /// The name.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The key of its label in the messages: `
            #[doc = $what]
            /// -` and the name with dots as dashes.
            pub fn message_key(&self) -> String {
                format!("{}-{}", $what, self.0.replace('.', "-").replace('_', "-"))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = BadName;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::parse(s).ok_or_else(|| BadName(s.chars().take(64).collect()))
            }
        }

        crate::__sql_text_codec!($name);

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| serde::de::Error::custom(concat!("not a valid ", $what)))
            }
        }
    };
}

open_name!(
    /// What a mandate lets an agent do for a person, e.g. `profile.edit`, `commerce.sell`.
    /// Declared by the module it belongs to.
    Scope,
    "scope"
);

open_name!(
    /// What kind of organisation, e.g. `shop`, `employer`. Declared by the modules that need it.
    OrgKind,
    "org-kind"
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

    /// The person the action is for: the client when acting for one, else the actor.
    pub fn subject(&self) -> PersonId {
        self.on_behalf_of.unwrap_or(self.person)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_dotted_lower_case_names() {
        assert!(Scope::parse("commerce.sell").is_some());
        assert!(Scope::parse("skills.profile").is_some());
        assert!(Scope::parse("Commerce.sell").is_none());
        assert!(Scope::parse("commerce..sell").is_none());
        assert!(Scope::parse("").is_none());
        assert!(Scope::parse("a.b c").is_none());
        assert_eq!(
            Scope::parse("profile.edit")
                .map(|s| s.message_key())
                .as_deref(),
            Some("scope-profile-edit")
        );
        assert_eq!(
            OrgKind::parse("partner_marketplace")
                .map(|s| s.message_key())
                .as_deref(),
            Some("org-kind-partner-marketplace")
        );
        assert_eq!(Role::parse("agent"), Some(Role::Agent));
        assert_eq!(Role::parse("root"), None);
    }
}
