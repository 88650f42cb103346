//! shetu-exchange: the SSN4PSI module. A South-South network where governments, firms, experts
//! and academics share public-service solutions that worked at home and find ones that fit their
//! needs: a member directory, solutions reviewed by the secretariat with their version history,
//! needs, and need → solution matches with reasons, followed to replication.
//!
//! Use cases take an [`Actor`](shetu_core::Actor), check who may act inside their transaction,
//! and write their audit and outbox events there. The secretariat is the platform's
//! administrators.

pub mod countries;
pub mod error;
pub mod ics;
pub mod matches;
pub mod matching;
pub mod members;
pub mod needs;
pub mod publiccode;
pub mod search;
pub mod solutions;
pub mod vocabulary;
pub mod web;
pub mod workshops;

pub use error::ExchangeError;

/// Checks a free text field: trimmed, not empty when required, at most `max` characters, no
/// control characters but line breaks and tabs.
pub(crate) fn text(
    field: &str,
    value: &str,
    max: usize,
    required: bool,
) -> Result<String, ExchangeError> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(ExchangeError::Invalid(field.to_owned(), "required"));
    }
    if value.chars().count() > max
        || value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(ExchangeError::TooLong {
            field: field.to_owned(),
            max: i64::try_from(max).unwrap_or(i64::MAX),
        });
    }
    Ok(value.to_owned())
}

/// A pooled connection for reads.
pub(crate) async fn conn(
    db: &shetu_store::Db,
) -> Result<sqlx::pool::PoolConnection<sqlx::Any>, ExchangeError> {
    Ok(db
        .pool()
        .acquire()
        .await
        .map_err(shetu_store::StoreError::from)?)
}

/// Records an audit event of the exchange module.
pub(crate) async fn record(
    tx: &mut shetu_store::Tx,
    actor: &shetu_core::Actor,
    action: &str,
    object: &str,
    detail: serde_json::Value,
) -> Result<(), ExchangeError> {
    let actor_id = actor.person.to_string();
    shetu_store::audit::record(
        tx,
        shetu_store::audit::Entry {
            actor: Some(&actor_id),
            subject: None,
            action,
            object,
            request_id: actor.request_id.as_deref(),
            detail,
        },
    )
    .await?;
    Ok(())
}
