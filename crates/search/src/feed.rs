//! Keeping an index fresh from the outbox (the change feed).
//!
//! The index itself stores the position of the last event it applied, in the same commit as the
//! documents. After a crash it resumes from there: events applied but not committed are applied
//! again, which is harmless because applying an event replaces documents by id. Each node keeps
//! its own index and position; nothing is shared but the database.

use crate::index::{Document, SearchBackend, SearchError};
use shetu_store::outbox::{self, Event, Position};
use shetu_store::{BoxFuture, Db};
use std::sync::Arc;

/// What an event changes in the index.
#[derive(Debug, Default)]
pub struct Change {
    /// Documents to add or replace.
    pub upsert: Vec<Document>,
    /// Ids to remove.
    pub delete: Vec<String>,
}

/// Where some of an index's documents come from. Modules contribute sources through the seam;
/// one index holds the documents of all of them (ids must not collide: prefix them).
pub trait Source: Send + Sync {
    /// A name for progress and logs, e.g. `regions`.
    fn name(&self) -> &'static str;
    /// Whether events of this topic concern the index.
    fn wants(&self, topic: &str) -> bool;
    /// The documents an event changes, read from the database.
    fn change<'a>(
        &'a self,
        db: &'a Db,
        event: &'a Event,
    ) -> BoxFuture<'a, Result<Change, SearchError>>;
    /// Every document, in batches, for a rebuild.
    fn all<'a>(
        &'a self,
        db: &'a Db,
        after: Option<String>,
        limit: i64,
    ) -> BoxFuture<'a, Result<Vec<Document>, SearchError>>;
    /// How many documents a rebuild will load (for progress).
    fn count<'a>(&'a self, db: &'a Db) -> BoxFuture<'a, Result<u64, SearchError>>;
}

/// Applies every event after the index's position; returns how many events it read.
pub async fn catch_up(
    db: &Db,
    index: &impl SearchBackend,
    sources: &[Arc<dyn Source>],
) -> Result<usize, SearchError> {
    let mut at = index.position()?.unwrap_or_default();
    let mut read = 0;
    loop {
        let events = outbox::read_after(db, at, 500).await?;
        let Some(last) = events.last() else {
            return Ok(read);
        };
        for event in &events {
            for source in sources.iter().filter(|s| s.wants(&event.topic)) {
                let change = source.change(db, event).await?;
                index.delete(&change.delete)?;
                index.upsert(&change.upsert)?;
            }
        }
        at = Position {
            txid: last.txid,
            seq: last.seq,
        };
        index.commit(at)?;
        read += events.len();
    }
}

/// Rebuilds the index from the database; `progress(done, total)` is called after each batch.
/// Events that arrive during the rebuild are applied by the next [`catch_up`].
pub async fn rebuild(
    db: &Db,
    index: &impl SearchBackend,
    sources: &[Arc<dyn Source>],
    mut progress: impl FnMut(&str, u64, u64),
) -> Result<u64, SearchError> {
    let head = outbox::head(db).await?;
    let mut total = 0;
    for source in sources {
        total += source.count(db).await?;
    }
    index.clear()?;
    let mut done = 0;
    for source in sources {
        let mut after = None;
        loop {
            let batch = source.all(db, after.clone(), 2000).await?;
            let Some(last) = batch.last() else { break };
            after = Some(last.id.clone());
            index.add_new(&batch)?;
            done += batch.len() as u64;
            progress(source.name(), done, total);
        }
    }
    index.commit(head)?;
    Ok(done)
}

/// The regions of the country pack as a searchable index ("type a place name").
#[derive(Debug, Clone, Copy, Default)]
pub struct RegionSource;

impl RegionSource {
    async fn load(
        db: &Db,
        filter: &str,
        bind: &str,
        limit: i64,
    ) -> Result<Vec<Document>, SearchError> {
        use sqlx::Row;
        let sql = format!("SELECT id, parent_id, level, names, iso_code FROM region WHERE {filter} ORDER BY id LIMIT $2");
        let rows = sqlx::query(&sql)
            .bind(bind)
            .bind(limit)
            .fetch_all(db.pool())
            .await
            .map_err(shetu_store::StoreError::from)?;
        // Every region's parent, read once, to write each document's path.
        let parents: std::collections::HashMap<String, Option<String>> =
            sqlx::query("SELECT id, parent_id FROM region")
                .fetch_all(db.pool())
                .await
                .map_err(shetu_store::StoreError::from)?
                .iter()
                .filter_map(|r| {
                    Some((
                        r.try_get::<String, _>("id").ok()?,
                        r.try_get::<Option<String>, _>("parent_id").ok()?,
                    ))
                })
                .collect();
        let mut docs = Vec::with_capacity(rows.len());
        for r in &rows {
            let id: String = r.try_get("id").map_err(shetu_store::StoreError::from)?;
            let names: String = r.try_get("names").map_err(shetu_store::StoreError::from)?;
            let level: String = r.try_get("level").map_err(shetu_store::StoreError::from)?;
            let names: std::collections::BTreeMap<String, String> =
                serde_json::from_str(&names).map_err(shetu_store::StoreError::from)?;
            let mut path = vec![id.clone()];
            while let Some(Some(parent)) = path.last().and_then(|p| parents.get(p)) {
                if path.len() > 16 {
                    break;
                }
                path.push(parent.clone());
            }
            path.reverse();
            let iso: Option<String> = r
                .try_get("iso_code")
                .map_err(shetu_store::StoreError::from)?;
            docs.push(Document {
                title: names.values().cloned().collect::<Vec<_>>().join(" "),
                body: iso.unwrap_or_default(),
                category: vec!["region".into(), level],
                region: path,
                id,
                ..Document::default()
            });
        }
        Ok(docs)
    }
}

impl Source for RegionSource {
    fn name(&self) -> &'static str {
        "regions"
    }

    fn wants(&self, topic: &str) -> bool {
        topic.starts_with("region.")
    }

    fn change<'a>(
        &'a self,
        db: &'a Db,
        event: &'a Event,
    ) -> BoxFuture<'a, Result<Change, SearchError>> {
        Box::pin(async move {
            let pack = event.payload["pack"]
                .as_str()
                .unwrap_or(&event.aggregate_id)
                .to_owned();
            Ok(Change {
                upsert: Self::load(db, "pack = $1", &pack, i64::MAX).await?,
                delete: Vec::new(),
            })
        })
    }

    fn all<'a>(
        &'a self,
        db: &'a Db,
        after: Option<String>,
        limit: i64,
    ) -> BoxFuture<'a, Result<Vec<Document>, SearchError>> {
        Box::pin(async move { Self::load(db, "id > $1", &after.unwrap_or_default(), limit).await })
    }

    fn count<'a>(&'a self, db: &'a Db) -> BoxFuture<'a, Result<u64, SearchError>> {
        Box::pin(async move {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM region")
                .fetch_one(db.pool())
                .await
                .map_err(shetu_store::StoreError::from)?;
            Ok(u64::try_from(n).unwrap_or(0))
        })
    }
}
