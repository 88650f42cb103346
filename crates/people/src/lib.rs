//! shetu-people: who people are, what they may do, and when an agent may act for them.
//!
//! Every use case takes an [`Actor`] (who is asking, and for whom) and runs in one transaction
//! with its permission check and its audit event. Whether an agent may act for someone is decided
//! in one place, [`mandates::require_active`].

pub mod by_code;
pub mod email;
mod error;
pub mod mandates;
mod model;
pub mod orgs;
pub mod otp;
pub mod password;
pub mod persons;
pub mod photo;
pub mod privacy;
pub mod sessions;
pub mod signin;
pub mod sms;
pub mod tokens;
pub mod web;

pub use shetu_store::secret;

pub use error::PeopleError;
pub use model::{
    parse_role, Actor, MemberRole, OrgKind, Person, RequireRole, Role, Scope,
    GOVERNMENT_DEPARTMENT, PROFILE_EDIT,
};

use shetu_store::{audit, Tx};

/// Records an audit event for `actor` in the use case's transaction.
pub(crate) async fn record(
    tx: &mut Tx,
    actor: Option<&Actor>,
    subject: Option<&str>,
    action: &str,
    object: &str,
    detail: serde_json::Value,
) -> Result<(), PeopleError> {
    let actor_id = actor.map(|a| a.person.to_string());
    let entry = audit::Entry {
        actor: actor_id.as_deref(),
        subject,
        action,
        object,
        request_id: actor.and_then(|a| a.request_id.as_deref()),
        detail,
    };
    audit::record(tx, entry).await?;
    Ok(())
}
