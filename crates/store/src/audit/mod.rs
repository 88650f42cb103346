//! The audit log, in the style of Certificate Transparency (RFC 9162).
//!
//! - [`record`] writes an event in the use case's own transaction, with no lock shared by other
//!   writers. Personal data in its detail is sealed under the key of the person it concerns.
//! - [`integrate`] (a background loop on every node; one at a time wins) takes committed events in
//!   commit order, appends them as leaves of a Merkle tree and publishes a signed tree head.
//! - [`head`], [`inclusion_proof`] and [`consistency_proof`] serve what a person or an outside
//!   client needs to check that an event is in the log and that the log only ever grew.
//! - [`verify`] recomputes the whole tree from the events and checks it against every signed head.
//!
//! Erasing a person destroys their key ([`erase_person_key`]): what was sealed about them can no
//! longer be read, and every hash, proof and signature stays valid.

mod keys;
pub mod merkle;
mod verify;

pub use keys::{erase_person_key, verify_head, HeadSigner, KeyRing};
pub use verify::{verify, Verdict};

use crate::db::{now_ms, Backend, Db, Tx};
use crate::error::StoreError;
use merkle::{Hash, NodeRef};
use sqlx::Row;
use std::collections::HashMap;

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
    /// Details (no secrets). Sealed under the key of the subject (or the actor) when there is one.
    pub detail: serde_json::Value,
}

/// A recorded event, as read back.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Event {
    /// Its id.
    pub id: String,
    /// Order of writing (not of commit).
    pub seq: i64,
    /// Its position in the Merkle tree, once integrated.
    pub leaf_index: Option<i64>,
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
    /// Details; `{"erased": true}` once the person they concern was erased.
    pub detail: serde_json::Value,
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses 64 hex digits.
pub fn parse_hash(text: &str) -> Option<Hash> {
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, chunk) in text.as_bytes().chunks(2).enumerate() {
        let s = std::str::from_utf8(chunk).ok()?;
        out[i] = u8::from_str_radix(s, 16).ok()?;
    }
    Some(out)
}

/// The bytes a leaf commits to: every stored field, length-prefixed so that no two different
/// events encode alike. The detail enters as stored (sealed), so erasure changes nothing here.
pub(crate) fn leaf_data(r: &StoredEvent) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    for part in [
        r.id.as_str(),
        &r.at.to_string(),
        r.actor_id.as_deref().unwrap_or(""),
        r.subject_id.as_deref().unwrap_or(""),
        &r.action,
        &r.object,
        r.request_id.as_deref().unwrap_or(""),
        &r.detail,
    ] {
        out.extend_from_slice(&(part.len() as u64).to_be_bytes());
        out.extend_from_slice(part.as_bytes());
    }
    out
}

/// An event row exactly as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct StoredEvent {
    pub id: String,
    pub seq: i64,
    pub at: i64,
    pub actor_id: Option<String>,
    pub subject_id: Option<String>,
    pub action: String,
    pub object: String,
    pub request_id: Option<String>,
    pub detail: String,
    pub leaf_index: Option<i64>,
}

const EVENT_COLUMNS: &str =
    "id, seq, at, actor_id, subject_id, action, object, request_id, detail, leaf_index";

/// Writes an event inside the caller's transaction (sent with its commit): it exists if and
/// only if the change commits. Takes no lock beyond the row it inserts.
pub async fn record(tx: &mut Tx, entry: Entry<'_>) -> Result<String, StoreError> {
    let id = uuid::Uuid::now_v7().to_string();
    let at = now_ms();
    let plain = entry.detail.to_string();
    let detail = match entry.subject.or(entry.actor) {
        Some(person) => keys::seal(tx, person, &plain, at).await?,
        None => plain,
    };
    let row = (
        id.clone(),
        entry.actor.map(str::to_owned),
        entry.subject.map(str::to_owned),
        entry.action.to_owned(),
        entry.object.to_owned(),
        entry.request_id.map(str::to_owned),
    );
    // Sent with the commit, in one round trip with the transaction's other last writes.
    tx.later_row(
        "INSERT INTO audit_event (id, at, actor_id, subject_id, action, object, request_id, detail) VALUES ",
        move |v| {
            let (id, actor, subject, action, object, request_id) = row;
            v.bind(id)
                .bind(at)
                .bind(actor)
                .bind(subject)
                .bind(action)
                .bind(object)
                .bind(request_id)
                .bind(detail);
        },
    );
    Ok(id)
}

/// A signed tree head.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TreeHead {
    /// How many events the tree holds.
    pub tree_size: i64,
    /// Its root, hex.
    pub root_hash: String,
    /// When it was signed (ms since epoch).
    pub timestamp: i64,
    /// Which key signed it.
    pub key_id: String,
    /// Ed25519 signature over `shetu-audit-tree-head-v1 ‖ size ‖ timestamp ‖ root`, base64.
    pub signature: String,
}

fn to_head(r: &sqlx::any::AnyRow) -> Result<TreeHead, StoreError> {
    Ok(TreeHead {
        tree_size: r.try_get("tree_size")?,
        root_hash: r.try_get("root_hash")?,
        timestamp: r.try_get("signed_at")?,
        key_id: r.try_get("key_id")?,
        signature: r.try_get("signature")?,
    })
}

/// The newest signed tree head, if any event was integrated yet.
pub async fn head(db: &Db) -> Result<Option<TreeHead>, StoreError> {
    let row = sqlx::query(
        "SELECT tree_size, root_hash, signed_at, key_id, signature FROM audit_head \
         ORDER BY tree_size DESC LIMIT 1",
    )
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(to_head).transpose()
}

/// Every signed head, oldest first.
pub async fn heads(db: &Db) -> Result<Vec<TreeHead>, StoreError> {
    sqlx::query(
        "SELECT tree_size, root_hash, signed_at, key_id, signature FROM audit_head ORDER BY tree_size",
    )
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(to_head)
    .collect()
}

/// What one integration round did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Integrated {
    /// Events appended.
    pub events: u64,
    /// The tree's size after.
    pub tree_size: u64,
}

/// Appends up to `limit` committed events to the tree, in commit order, and signs the new head,
/// in one transaction. Several nodes may call it: one integrates, the others find nothing to do.
pub async fn integrate(db: &Db, signer: &HeadSigner, limit: i64) -> Result<Integrated, StoreError> {
    let mut tx = db.begin().await?;
    let visible = match tx.backend() {
        Backend::Postgres => {
            let got: bool = sqlx::query("SELECT pg_try_advisory_xact_lock(7264)")
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
            if !got {
                return Ok(Integrated::default());
            }
            // Only events of transactions older than every running one: nothing can commit
            // later with an earlier place in the order.
            "AND txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
        }
        Backend::Sqlite => "",
    };
    let pending: Vec<StoredEvent> = sqlx::query_as(&format!(
        "SELECT {EVENT_COLUMNS} FROM audit_event WHERE leaf_index IS NULL {visible} \
         ORDER BY txid, seq LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    let mut size: u64 = tree_size(&mut tx).await?;
    if pending.is_empty() {
        return Ok(Integrated {
            events: 0,
            tree_size: size,
        });
    }
    let mut fresh: HashMap<NodeRef, Hash> = HashMap::new();
    // Leaf positions, a few hundred events per statement (one round trip each, not one per event).
    for (n, chunk) in pending.chunks(200).enumerate() {
        let first = size + (n * 200) as u64;
        let mut q = crate::sql::Sql::new("UPDATE audit_event SET leaf_index = CASE seq");
        for (i, event) in chunk.iter().enumerate() {
            q.push(" WHEN ")
                .bind(event.seq)
                .push(" THEN ")
                .bind((first + i as u64) as i64);
        }
        q.push(" END WHERE seq IN ")
            .list(chunk.iter().map(|e| e.seq));
        q.build()?.execute(&mut *tx).await?;
    }
    for event in &pending {
        let index = size;
        let mut cur = merkle::leaf_hash(&leaf_data(event));
        let (mut level, mut idx) = (0u32, index);
        fresh.insert((level, idx), cur);
        while idx % 2 == 1 {
            let left = match fresh.get(&(level, idx - 1)) {
                Some(h) => *h,
                None => stored_node(&mut tx, (level, idx - 1)).await?,
            };
            cur = merkle::node_hash(&left, &cur);
            level += 1;
            idx /= 2;
            fresh.insert((level, idx), cur);
        }
        size += 1;
    }
    let mut rows: Vec<(NodeRef, Hash)> = fresh.into_iter().collect();
    rows.sort_unstable_by_key(|(r, _)| *r);
    for chunk in rows.chunks(300) {
        let mut q = crate::sql::Sql::new("INSERT INTO audit_node (level, idx, hash) VALUES ");
        q.values(chunk.iter(), |v, ((level, idx), hash)| {
            v.bind(i64::from(*level)).bind(*idx as i64).bind(hex(hash));
        });
        q.build()?.execute(&mut *tx).await?;
    }
    let root = root_at(&mut tx, size).await?;
    let at = now_ms();
    sqlx::query(
        "INSERT INTO audit_head (tree_size, root_hash, signed_at, key_id, signature) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(size as i64)
    .bind(hex(&root))
    .bind(at)
    .bind(signer.key_id())
    .bind(signer.sign(size, at, &root))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Integrated {
        events: pending.len() as u64,
        tree_size: size,
    })
}

/// Seconds the oldest event not yet in the tree has waited (0 when none waits).
pub async fn integration_lag_s(db: &Db) -> Result<f64, StoreError> {
    let oldest: Option<i64> =
        sqlx::query("SELECT MIN(at) FROM audit_event WHERE leaf_index IS NULL")
            .fetch_one(db.pool())
            .await?
            .try_get(0)?;
    Ok(oldest.map_or(0.0, |at| ((now_ms() - at).max(0)) as f64 / 1000.0))
}

/// How many events wait to be added to the tree.
pub async fn waiting(db: &Db) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_event WHERE leaf_index IS NULL")
            .fetch_one(db.pool())
            .await?,
    )
}

async fn tree_size(conn: &mut sqlx::AnyConnection) -> Result<u64, StoreError> {
    let max: Option<i64> = sqlx::query("SELECT MAX(idx) FROM audit_node WHERE level = 0")
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
    Ok(max.map_or(0, |m| m as u64 + 1))
}

async fn stored_node(
    conn: &mut sqlx::AnyConnection,
    (level, idx): NodeRef,
) -> Result<Hash, StoreError> {
    let text: String = sqlx::query("SELECT hash FROM audit_node WHERE level = $1 AND idx = $2")
        .bind(i64::from(level))
        .bind(idx as i64)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("audit tree node ({level}, {idx}) is missing")))?
        .try_get(0)?;
    parse_hash(&text)
        .ok_or_else(|| StoreError::Corrupt(format!("audit tree node ({level}, {idx})")))
}

/// Runs `f` over stored nodes: first to learn which nodes it needs, then, with those fetched in
/// one query, for real.
async fn with_nodes<T>(
    conn: &mut sqlx::AnyConnection,
    mut f: impl FnMut(&mut dyn FnMut(NodeRef) -> Hash) -> T,
) -> Result<T, StoreError> {
    let mut wanted: Vec<NodeRef> = Vec::new();
    f(&mut |r| {
        wanted.push(r);
        [0u8; 32]
    });
    wanted.sort_unstable();
    wanted.dedup();
    let mut found: HashMap<NodeRef, Hash> = HashMap::new();
    for chunk in wanted.chunks(200) {
        let mut q = crate::sql::Sql::new("SELECT level, idx, hash FROM audit_node WHERE ");
        for (i, (level, idx)) in chunk.iter().enumerate() {
            q.push(if i == 0 { "(level = " } else { " OR (level = " });
            q.bind(i64::from(*level))
                .push(" AND idx = ")
                .bind(*idx as i64)
                .push(")");
        }
        for r in q.build()?.fetch_all(&mut *conn).await? {
            let level: i64 = r.try_get(0)?;
            let idx: i64 = r.try_get(1)?;
            let hash: String = r.try_get(2)?;
            let hash =
                parse_hash(&hash).ok_or_else(|| StoreError::Corrupt("audit tree node".into()))?;
            found.insert((level as u32, idx as u64), hash);
        }
    }
    if let Some(missing) = wanted.iter().find(|r| !found.contains_key(r)) {
        return Err(StoreError::Corrupt(format!(
            "audit tree node {missing:?} is missing"
        )));
    }
    Ok(f(&mut |r| found.get(&r).copied().unwrap_or_default()))
}

async fn root_at(conn: &mut sqlx::AnyConnection, size: u64) -> Result<Hash, StoreError> {
    with_nodes(conn, |get| merkle::range_hash(0, size, &mut |r| get(r))).await
}

/// Proof that an event is in the tree of the newest signed head.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InclusionProof {
    /// The event.
    pub event_id: String,
    /// Its leaf's position.
    pub leaf_index: i64,
    /// Its leaf hash, hex: `SHA-256(0x00 ‖ leaf data)`.
    pub leaf_hash: String,
    /// The audit path, leaf side first, hex.
    pub audit_path: Vec<String>,
    /// The signed head the path leads to.
    pub head: TreeHead,
}

/// Why a proof cannot be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProofError {
    /// No such event (or not about this person).
    NotFound,
    /// The event is not in a signed head yet; ask again in a moment.
    NotYetIntegrated,
    /// The sizes asked for are not those of the log.
    BadRange,
}

/// The inclusion proof of event `id`, if `person` is its actor or subject (`None`: anyone).
pub async fn inclusion_proof(
    db: &Db,
    id: &str,
    person: Option<&str>,
) -> Result<Result<InclusionProof, ProofError>, StoreError> {
    let row: Option<StoredEvent> = sqlx::query_as(&format!(
        "SELECT {EVENT_COLUMNS} FROM audit_event WHERE id = $1 AND ($2 = '' OR actor_id = $2 OR subject_id = $2)"
    ))
    .bind(id)
    .bind(person.unwrap_or(""))
    .fetch_optional(db.pool())
    .await?;
    let Some(event) = row else {
        return Ok(Err(ProofError::NotFound));
    };
    let Some(head) = head(db).await? else {
        return Ok(Err(ProofError::NotYetIntegrated));
    };
    let Some(index) = event.leaf_index.filter(|i| *i < head.tree_size) else {
        return Ok(Err(ProofError::NotYetIntegrated));
    };
    let mut conn = db.pool().acquire().await?;
    let (m, n) = (index as u64, head.tree_size as u64);
    let path = with_nodes(&mut conn, |get| {
        merkle::inclusion_path(m, n, &mut |r| get(r))
    })
    .await?;
    Ok(Ok(InclusionProof {
        event_id: event.id.clone(),
        leaf_index: index,
        leaf_hash: hex(&merkle::leaf_hash(&leaf_data(&event))),
        audit_path: path.iter().map(|h| hex(h)).collect(),
        head,
    }))
}

/// The consistency proof between the trees of sizes `first` and `second` (both at most the
/// newest head's size), hex hashes.
pub async fn consistency_proof(
    db: &Db,
    first: i64,
    second: i64,
) -> Result<Result<Vec<String>, ProofError>, StoreError> {
    let Some(head) = head(db).await? else {
        return Ok(Err(ProofError::BadRange));
    };
    if first < 1 || first > second || second > head.tree_size {
        return Ok(Err(ProofError::BadRange));
    }
    let mut conn = db.pool().acquire().await?;
    let (m, n) = (first as u64, second as u64);
    let path = with_nodes(&mut conn, |get| {
        merkle::consistency_path(m, n, &mut |r| get(r))
    })
    .await?;
    Ok(Ok(path.iter().map(|h| hex(h)).collect()))
}

/// The root of the tree of size `size` (at most the newest head's), hex.
pub async fn root_of(db: &Db, size: i64) -> Result<Option<String>, StoreError> {
    let Some(head) = head(db).await? else {
        return Ok(None);
    };
    if size < 0 || size > head.tree_size {
        return Ok(None);
    }
    let mut conn = db.pool().acquire().await?;
    Ok(Some(hex(&root_at(&mut conn, size as u64).await?)))
}

/// A search of the log (all filters optional), newest first.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// Events by this actor or about this subject (either).
    pub person: Option<String>,
    /// Events whose action starts with this.
    pub action_prefix: Option<String>,
    /// Events written before this one (paging, by `seq`).
    pub before: Option<i64>,
    /// How many.
    pub limit: i64,
}

/// Finds events, opening sealed details with the keys of the people they concern.
pub async fn search(db: &Db, s: &Search) -> Result<Vec<Event>, StoreError> {
    let rows: Vec<StoredEvent> = sqlx::query_as(&format!(
        "SELECT {EVENT_COLUMNS} FROM audit_event \
         WHERE ($1 = '' OR actor_id = $1 OR subject_id = $1) AND ($2 = '' OR action LIKE $2 || '%' ESCAPE '\\') AND seq < $3 \
         ORDER BY seq DESC LIMIT $4"
    ))
    .bind(s.person.clone().unwrap_or_default())
    .bind(like_escape(&s.action_prefix.clone().unwrap_or_default()))
    .bind(s.before.unwrap_or(i64::MAX))
    .bind(s.limit.clamp(1, 500))
    .fetch_all(db.pool())
    .await?;
    let mut owners: Vec<String> = rows
        .iter()
        .filter_map(|r| keys::sealed_for(&r.detail).map(str::to_owned))
        .collect();
    owners.sort();
    owners.dedup();
    let keys = keys::keys_of(db, &owners).await?;
    rows.into_iter()
        .map(|r| {
            let key = keys::sealed_for(&r.detail).and_then(|p| keys.get(p));
            let detail = match keys::open(&r.detail, key) {
                Some(text) => serde_json::from_str(&text)?,
                None => serde_json::json!({ "erased": true }),
            };
            Ok(Event {
                id: r.id,
                seq: r.seq,
                leaf_index: r.leaf_index,
                at: r.at,
                actor_id: r.actor_id,
                subject_id: r.subject_id,
                action: r.action,
                object: r.object,
                request_id: r.request_id,
                detail,
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
