//! Requests that create something carry a key their sender chose (`Idempotency-Key`, or a
//! hidden token in an HTML form). The first answer is stored with the key in the same
//! transaction as what it created; a replay gets that answer again, and the same key with
//! another request is refused.

use crate::error::CommerceError;
use sha2::{Digest, Sha256};
use shetu_store::Tx;

/// Longest key accepted.
pub const MAX_KEY: usize = 200;

/// A key and the fingerprint of the request it came with.
#[derive(Debug, Clone)]
pub struct Key {
    /// Who sent it (keys are per sender).
    pub actor: String,
    /// The key.
    pub key: String,
    /// SHA-256 of the request, hex.
    pub request_hash: String,
}

impl Key {
    /// A key for `request` (any serialisable value standing for the request).
    pub fn new(actor: &str, key: &str, request: &serde_json::Value) -> Result<Key, CommerceError> {
        let key = key.trim();
        if key.is_empty() || key.len() > MAX_KEY || !key.chars().all(|c| c.is_ascii_graphic()) {
            return Err(CommerceError::Invalid("Idempotency-Key".into(), "too_long"));
        }
        let hash = Sha256::digest(request.to_string().as_bytes());
        Ok(Key {
            actor: actor.to_owned(),
            key: key.to_owned(),
            request_hash: hash.iter().map(|b| format!("{b:02x}")).collect(),
        })
    }
}

/// The stored answer for this key, if the request was seen before; an error if the key came
/// with another request.
pub async fn replay<'e>(
    on: impl sqlx::Executor<'e, Database = sqlx::Any>,
    key: &Key,
) -> Result<Option<(u16, serde_json::Value)>, CommerceError> {
    let row: Option<(String, i64, String)> = sqlx::query_as(
        "SELECT request_hash, status, response FROM commerce_idempotency WHERE actor_id = $1 AND key = $2",
    )
    .bind(&key.actor)
    .bind(&key.key)
    .fetch_optional(on)
    .await?;
    match row {
        None => Ok(None),
        Some((hash, _, _)) if hash != key.request_hash => Err(CommerceError::IdempotencyKeyReused),
        Some((_, status, response)) => Ok(Some((
            u16::try_from(status).unwrap_or(200),
            serde_json::from_str(&response).map_err(shetu_store::StoreError::from)?,
        ))),
    }
}

/// Stores the answer with the commit of the transaction that made it (one round trip with its
/// other last writes). The same key raced in from elsewhere fails that commit as a unique
/// violation.
pub fn remember_with_commit(
    tx: &mut Tx,
    key: &Key,
    status: u16,
    response: &serde_json::Value,
    now: i64,
) {
    let row = (
        key.actor.clone(),
        key.key.clone(),
        key.request_hash.clone(),
        i64::from(status),
        response.to_string(),
    );
    tx.later_row(
        "INSERT INTO commerce_idempotency (actor_id, key, request_hash, status, response, created_at) VALUES ",
        move |v| {
            let (actor, key, hash, status, response) = row;
            v.bind(actor).bind(key).bind(hash).bind(status).bind(response).bind(now);
        },
    );
}

/// Stores the answer in the transaction that made it.
pub async fn remember(
    tx: &mut Tx,
    key: &Key,
    status: u16,
    response: &serde_json::Value,
    now: i64,
) -> Result<(), CommerceError> {
    sqlx::query(
        "INSERT INTO commerce_idempotency (actor_id, key, request_hash, status, response, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&key.actor)
    .bind(&key.key)
    .bind(&key.request_hash)
    .bind(i64::from(status))
    .bind(response.to_string())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
