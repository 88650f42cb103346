//! shetu-exchange: the SSN4PSI module. A South-South network where governments, firms, experts
//! and academics share public-service solutions that worked at home and find ones that fit their
//! needs: a member directory, solutions reviewed by the secretariat with their version history,
//! needs, and need → solution matches with reasons, followed to replication.
//!
//! Use cases take an [`Actor`](shetu_core::Actor), check who may act inside their transaction,
//! and write their audit and outbox events there. The secretariat is the platform's
//! administrators.

pub mod countries;
pub mod discussion;
pub mod error;
pub mod ics;
pub mod match_documents;
pub mod matches;
pub mod matching;
pub mod members;
pub mod moderation;
pub mod needs;
pub mod personal;
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

/// A person's phone and language, to tell them something; `None` for an erased person or a
/// number that no longer reads as one.
pub(crate) async fn contact(
    conn: &mut sqlx::AnyConnection,
    person: &str,
) -> Result<Option<(shetu_core::Phone, String)>, ExchangeError> {
    let found: Option<(String, String)> =
        sqlx::query_as("SELECT phone, language FROM person WHERE id = $1 AND erased_at IS NULL")
            .bind(person)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(found.and_then(|(phone, lang)| {
        shetu_core::Phone::parse_e164(&phone)
            .ok()
            .map(|p| (p, lang))
    }))
}

/// A moment as its day in UTC (`2026-12-05`).
pub(crate) fn day_of(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.strftime("%Y-%m-%d").to_string())
        .unwrap_or_default()
}
