//! The audit design shetu had before the transparency log, kept here only as the peer of
//! `shetu-bench audit`: every event is chained to the previous one by a SHA-256 hash, so each
//! audited transaction reads the newest event and, on PostgreSQL, takes one advisory lock held
//! until commit — every audited write of the platform waits for the one before it.

use sha2::{Digest, Sha256};
use shetu_store::{Backend, StoreError, Tx};
use sqlx::Row;

/// The peer's table (created by the benchmark in its scratch database).
pub const TABLE: &str = "CREATE TABLE chained_audit_event (
    seq        BIGINT PRIMARY KEY,
    id         TEXT NOT NULL,
    at         BIGINT NOT NULL,
    actor_id   TEXT,
    subject_id TEXT,
    action     TEXT NOT NULL,
    object     TEXT NOT NULL,
    detail     TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
)";

/// Appends one chained event inside the caller's transaction, as the old design did.
pub async fn record(
    tx: &mut Tx,
    actor: &str,
    action: &str,
    object: &str,
    detail: &str,
) -> Result<(), StoreError> {
    if tx.backend() == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock(7263)")
            .execute(&mut **tx)
            .await?;
    }
    let last = sqlx::query("SELECT seq, hash FROM chained_audit_event ORDER BY seq DESC LIMIT 1")
        .fetch_optional(&mut **tx)
        .await?;
    let (prev_seq, prev_hash) = match last {
        Some(r) => (r.try_get::<i64, _>(0)?, r.try_get::<String, _>(1)?),
        None => (0, "0".repeat(64)),
    };
    let seq = prev_seq + 1;
    let at = shetu_store::now_ms();
    let mut h = Sha256::new();
    for part in [
        &prev_hash,
        &seq.to_string(),
        &at.to_string(),
        actor,
        actor,
        action,
        object,
        detail,
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    let hash = shetu_store::audit::hex(&h.finalize());
    sqlx::query(
        "INSERT INTO chained_audit_event (seq, id, at, actor_id, subject_id, action, object, detail, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9)",
    )
    .bind(seq)
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(at)
    .bind(actor)
    .bind(action)
    .bind(object)
    .bind(detail)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
