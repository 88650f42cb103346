//! The outbox: events written in the same transaction as the change they describe, read in commit
//! order by consumers that each keep their own position (the change feed). The relay turns events
//! into jobs for the handlers subscribed to their topic, exactly once per event and subscription.

use crate::db::{now_ms, Backend, Db, Tx};
use crate::error::StoreError;
use crate::jobs::{enqueue, NewJob};
use sqlx::Row;

/// An event as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Position in the feed (with `txid`).
    pub seq: i64,
    /// Id of the transaction that wrote it (0 on SQLite, where commits are already in order).
    pub txid: i64,
    /// What happened, e.g. `region.seeded`, `order.placed`.
    pub topic: String,
    /// The thing it happened to.
    pub aggregate_id: String,
    /// Details.
    pub payload: serde_json::Value,
    /// When (ms since epoch).
    pub created_at: i64,
}

/// A consumer's position in the feed: the last event it has applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// Transaction id of the last applied event.
    pub txid: i64,
    /// Sequence number of the last applied event.
    pub seq: i64,
}

/// Records an event inside the caller's transaction: it exists if and only if the change commits.
pub async fn publish(
    tx: &mut Tx,
    topic: &str,
    aggregate_id: &str,
    payload: &serde_json::Value,
) -> Result<(), StoreError> {
    let (topic, aggregate_id, payload, at) = (
        topic.to_owned(),
        aggregate_id.to_owned(),
        payload.to_string(),
        now_ms(),
    );
    // Sent with the commit, in one round trip with the transaction's other last writes.
    tx.later_row(
        "INSERT INTO outbox_event (topic, aggregate_id, payload, created_at) VALUES ",
        move |v| {
            v.bind(topic).bind(aggregate_id).bind(payload).bind(at);
        },
    );
    Ok(())
}

/// Reads up to `limit` events after `after`, in commit order. On PostgreSQL only events of
/// transactions older than every transaction still running are returned, so an event whose
/// transaction commits later can never land behind a position already passed.
pub async fn read_after(db: &Db, after: Position, limit: i64) -> Result<Vec<Event>, StoreError> {
    let visible = match db.backend() {
        Backend::Postgres => "AND txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint",
        Backend::Sqlite => "",
    };
    let sql = format!(
        "SELECT seq, txid, topic, aggregate_id, payload, created_at FROM outbox_event \
         WHERE (txid, seq) > ($1, $2) {visible} ORDER BY txid, seq LIMIT $3"
    );
    let rows = sqlx::query(&sql)
        .bind(after.txid)
        .bind(after.seq)
        .bind(limit)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            let payload: String = r.try_get("payload")?;
            Ok(Event {
                seq: r.try_get("seq")?,
                txid: r.try_get("txid")?,
                topic: r.try_get("topic")?,
                aggregate_id: r.try_get("aggregate_id")?,
                payload: serde_json::from_str(&payload)?,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect()
}

/// The position of the newest event a reader can see now (the start if there is none).
pub async fn head(db: &Db) -> Result<Position, StoreError> {
    let mut at = Position::default();
    loop {
        let batch = read_after(db, at, 1000).await?;
        match batch.last() {
            Some(last) => {
                at = Position {
                    txid: last.txid,
                    seq: last.seq,
                }
            }
            None => return Ok(at),
        }
    }
}

/// Where `consumer` stands in the feed (the start if it has never read).
pub async fn position(db: &Db, consumer: &str) -> Result<Position, StoreError> {
    let row = sqlx::query("SELECT last_txid, last_seq FROM outbox_cursor WHERE consumer = $1")
        .bind(consumer)
        .fetch_optional(db.pool())
        .await?;
    Ok(match row {
        Some(r) => Position {
            txid: r.try_get("last_txid")?,
            seq: r.try_get("last_seq")?,
        },
        None => Position::default(),
    })
}

/// Moves `consumer` to `to`, inside the transaction that applied the events up to there.
pub async fn advance(tx: &mut Tx, consumer: &str, to: Position) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO outbox_cursor (consumer, last_txid, last_seq, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (consumer) DO UPDATE SET last_txid = excluded.last_txid, last_seq = excluded.last_seq, \
         updated_at = excluded.updated_at",
    )
    .bind(consumer)
    .bind(to.txid)
    .bind(to.seq)
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A handler's interest in a topic: every event whose topic starts with `topic_prefix` becomes
/// one job of `job_kind` (payload: the event).
#[derive(Debug, Clone)]
pub struct Subscription {
    /// E.g. `order.` or `region.seeded`.
    pub topic_prefix: String,
    /// The job kind to enqueue.
    pub job_kind: String,
}

/// Turns outbox events into jobs for their subscribers.
#[derive(Debug, Clone, Default)]
pub struct Relay {
    subscriptions: Vec<Subscription>,
}

const RELAY: &str = "outbox.relay";

impl Relay {
    /// A relay with no subscriptions.
    pub fn new() -> Relay {
        Relay::default()
    }

    /// Adds a subscription.
    pub fn subscribe(mut self, topic_prefix: &str, job_kind: &str) -> Relay {
        self.subscriptions.push(Subscription {
            topic_prefix: topic_prefix.into(),
            job_kind: job_kind.into(),
        });
        self
    }

    /// Relays one batch: enqueues the jobs and advances the relay's position in one transaction.
    /// Returns how many events it passed. Running it twice never enqueues a job twice.
    pub async fn relay_once(&self, db: &Db) -> Result<usize, StoreError> {
        let mut tx = db.begin().await?;
        if db.backend() == Backend::Postgres {
            // One relay at a time across nodes; SQLite's write transaction is already exclusive.
            sqlx::query("SELECT pg_advisory_xact_lock(7262) ")
                .execute(&mut *tx)
                .await?;
        }
        let from = {
            let row =
                sqlx::query("SELECT last_txid, last_seq FROM outbox_cursor WHERE consumer = $1")
                    .bind(RELAY)
                    .fetch_optional(&mut *tx)
                    .await?;
            match row {
                Some(r) => Position {
                    txid: r.try_get("last_txid")?,
                    seq: r.try_get("last_seq")?,
                },
                None => Position::default(),
            }
        };
        let events = read_after(db, from, 200).await?;
        let Some(last) = events.last() else {
            tx.rollback().await?;
            return Ok(0);
        };
        let to = Position {
            txid: last.txid,
            seq: last.seq,
        };
        for event in &events {
            for sub in self
                .subscriptions
                .iter()
                .filter(|s| event.topic.starts_with(&s.topic_prefix))
            {
                let payload = serde_json::json!({
                    "seq": event.seq, "topic": event.topic,
                    "aggregate_id": event.aggregate_id, "payload": event.payload,
                });
                let job = NewJob::new(&sub.job_kind, payload)
                    .dedupe(format!("{}:{}:{}", sub.job_kind, event.txid, event.seq));
                enqueue(&mut tx, job).await?;
            }
        }
        advance(&mut tx, RELAY, to).await?;
        tx.commit().await?;
        Ok(events.len())
    }
}
