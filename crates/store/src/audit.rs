//! The audit trail: append-only, one row per state change, written in the change's transaction,
//! each row chained to the previous by a SHA-256 hash. Altering, inserting or deleting a row breaks
//! the chain, and [`verify`] names the first broken event.

use crate::db::{now_ms, Backend, Db, Tx};
use crate::error::StoreError;
use sha2::{Digest, Sha256};
use sqlx::Row;

/// The hash before the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A state change to record.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// Who did it (person id), `None` for the system itself.
    pub actor: Option<&'a str>,
    /// For whom, when the actor acted for someone else (or the person the change concerns).
    pub subject: Option<&'a str>,
    /// What was done, e.g. `mandate.confirm`.
    pub action: &'a str,
    /// What it was done to, e.g. `mandate:0193…`.
    pub object: &'a str,
    /// The request that did it.
    pub request_id: Option<&'a str>,
    /// Details (no secrets).
    pub detail: serde_json::Value,
}

/// A recorded event.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Event {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// When (ms since epoch).
    pub at: i64,
    /// Who did it.
    pub actor_id: Option<String>,
    /// For whom.
    pub subject_id: Option<String>,
    /// What was done.
    pub action: String,
    /// To what.
    pub object: String,
    /// The request.
    pub request_id: Option<String>,
    /// Details.
    pub detail: serde_json::Value,
    /// The chain hash.
    pub hash: String,
}

fn chain_hash(prev: &str, seq: i64, at: i64, e: &EventFields<'_>) -> String {
    let mut h = Sha256::new();
    for part in [
        prev,
        &seq.to_string(),
        &at.to_string(),
        e.actor.unwrap_or(""),
        e.subject.unwrap_or(""),
        e.action,
        e.object,
        e.request_id.unwrap_or(""),
        e.detail,
    ] {
        // Length-prefixed, so that no two different field lists hash alike.
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex(&h.finalize())
}

struct EventFields<'a> {
    actor: Option<&'a str>,
    subject: Option<&'a str>,
    action: &'a str,
    object: &'a str,
    request_id: Option<&'a str>,
    detail: &'a str,
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Appends an event inside the caller's transaction. On PostgreSQL it takes a transaction-level
/// lock so that the chain has one order; SQLite's write transaction already has it.
pub async fn record(tx: &mut Tx, backend: Backend, entry: Entry<'_>) -> Result<i64, StoreError> {
    if backend == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock(7263)")
            .execute(&mut **tx)
            .await?;
    }
    let last = sqlx::query("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1")
        .fetch_optional(&mut **tx)
        .await?;
    let (prev_seq, prev_hash) = match last {
        Some(r) => (r.try_get::<i64, _>("seq")?, r.try_get::<String, _>("hash")?),
        None => (0, GENESIS.to_owned()),
    };
    let seq = prev_seq + 1;
    let at = now_ms();
    let detail = entry.detail.to_string();
    let fields = EventFields {
        actor: entry.actor,
        subject: entry.subject,
        action: entry.action,
        object: entry.object,
        request_id: entry.request_id,
        detail: &detail,
    };
    let hash = chain_hash(&prev_hash, seq, at, &fields);
    sqlx::query(
        "INSERT INTO audit_event (seq, id, at, actor_id, subject_id, action, object, request_id, detail, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(seq)
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(at)
    .bind(entry.actor)
    .bind(entry.subject)
    .bind(entry.action)
    .bind(entry.object)
    .bind(entry.request_id)
    .bind(&detail)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    Ok(seq)
}

/// The result of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every event is in place: how many, and the last hash (publish it to anchor the chain).
    Intact { events: i64, head: String },
    /// The first event where the chain breaks, and why.
    Broken { seq: i64, reason: String },
}

/// Re-walks the whole chain, recomputing every hash.
pub async fn verify(db: &Db) -> Result<Verdict, StoreError> {
    let mut expected_prev = GENESIS.to_owned();
    let mut expected_seq = 1;
    let mut after = 0_i64;
    loop {
        let rows = sqlx::query(
            "SELECT seq, at, actor_id, subject_id, action, object, request_id, detail, prev_hash, hash \
             FROM audit_event WHERE seq > $1 ORDER BY seq LIMIT 1000",
        )
        .bind(after)
        .fetch_all(db.pool())
        .await?;
        if rows.is_empty() {
            return Ok(Verdict::Intact {
                events: expected_seq - 1,
                head: expected_prev,
            });
        }
        for r in &rows {
            let seq: i64 = r.try_get("seq")?;
            let prev_hash: String = r.try_get("prev_hash")?;
            let hash: String = r.try_get("hash")?;
            if seq != expected_seq {
                let reason = if seq > expected_seq {
                    format!("event {expected_seq} is missing")
                } else {
                    "sequence out of order".into()
                };
                return Ok(Verdict::Broken { seq, reason });
            }
            if prev_hash != expected_prev {
                return Ok(Verdict::Broken {
                    seq,
                    reason:
                        "does not follow the previous event (one was inserted, removed or changed)"
                            .into(),
                });
            }
            let actor: Option<String> = r.try_get("actor_id")?;
            let subject: Option<String> = r.try_get("subject_id")?;
            let request_id: Option<String> = r.try_get("request_id")?;
            let action: String = r.try_get("action")?;
            let object: String = r.try_get("object")?;
            let detail: String = r.try_get("detail")?;
            let fields = EventFields {
                actor: actor.as_deref(),
                subject: subject.as_deref(),
                action: &action,
                object: &object,
                request_id: request_id.as_deref(),
                detail: &detail,
            };
            if chain_hash(&prev_hash, seq, r.try_get("at")?, &fields) != hash {
                return Ok(Verdict::Broken {
                    seq,
                    reason: "its content was altered".into(),
                });
            }
            expected_prev = hash;
            expected_seq += 1;
            after = seq;
        }
    }
}

/// A search of the trail (all filters optional), newest first.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// Events by this actor or about this subject (either).
    pub person: Option<String>,
    /// Events whose action starts with this.
    pub action_prefix: Option<String>,
    /// Events before this position (paging).
    pub before: Option<i64>,
    /// How many.
    pub limit: i64,
}

/// Finds events.
pub async fn search(db: &Db, s: &Search) -> Result<Vec<Event>, StoreError> {
    let rows = sqlx::query(
        "SELECT seq, at, actor_id, subject_id, action, object, request_id, detail, hash FROM audit_event \
         WHERE ($1 = '' OR actor_id = $1 OR subject_id = $1) AND ($2 = '' OR action LIKE $2 || '%' ESCAPE '\\') AND seq < $3 \
         ORDER BY seq DESC LIMIT $4",
    )
    .bind(s.person.clone().unwrap_or_default())
    .bind(like_escape(&s.action_prefix.clone().unwrap_or_default()))
    .bind(s.before.unwrap_or(i64::MAX))
    .bind(s.limit.clamp(1, 500))
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let detail: String = r.try_get("detail")?;
            Ok(Event {
                seq: r.try_get("seq")?,
                at: r.try_get("at")?,
                actor_id: r.try_get("actor_id")?,
                subject_id: r.try_get("subject_id")?,
                action: r.try_get("action")?,
                object: r.try_get("object")?,
                request_id: r.try_get("request_id")?,
                detail: serde_json::from_str(&detail)?,
                hash: r.try_get("hash")?,
            })
        })
        .collect()
}

/// Events about `subject` that someone else did (what was done *for* a person), newest first.
pub async fn done_for(db: &Db, subject: &str, limit: i64) -> Result<Vec<Event>, StoreError> {
    let found = search(
        db,
        &Search {
            person: Some(subject.to_owned()),
            limit,
            ..Search::default()
        },
    )
    .await?;
    Ok(found
        .into_iter()
        .filter(|e| e.subject_id.as_deref() == Some(subject))
        .collect())
}

/// Escapes `%`, `_` and the backslash so that `text` matches literally in `LIKE … ESCAPE` with a backslash.
pub fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
