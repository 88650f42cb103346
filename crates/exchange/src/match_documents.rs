//! Documents in a match's follow-up log: the agreement two members signed, minutes of a study
//! visit, an adaptation report. Either side of the match or the secretariat adds one, checked by
//! its content and size as solutions' attachments are; only they can read it.

use crate::error::ExchangeError;
use crate::matches::{get_in, sides};
use crate::record;
use crate::solutions::attachments::{check_file, CheckedFile};
use serde::Serialize;
use shetu_core::Actor;
use shetu_store::{now_ms, outbox, Db};
use utoipa::ToSchema;

/// The most documents a match keeps.
pub const MAX_PER_MATCH: i64 = 20;

/// A document of a match's log.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MatchDocument {
    /// Its id.
    pub id: String,
    /// File name.
    pub name: String,
    /// What it is (`pdf`, `docx` …), read from its content.
    pub kind: String,
    /// Size in bytes.
    pub size: i64,
}

/// Adds a document, with a note, to the follow-up log of a match.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn add(
    db: &Db,
    actor: &Actor,
    id: &str,
    name: &str,
    note: &str,
    bytes: &[u8],
) -> Result<MatchDocument, ExchangeError> {
    let CheckedFile {
        kind,
        name,
        sha256: sha,
        size,
    } = check_file(name, bytes)?;
    let note = crate::text("note", note, 2000, false)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let m = get_in(&mut tx, id).await?;
    let s = sides(&mut tx, actor, &m).await?;
    if !(s.need || s.solution || s.secretariat) {
        return Err(ExchangeError::NotFound("match_not_found"));
    }
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM exchange_match_document WHERE match_id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    if count >= MAX_PER_MATCH {
        return Err(ExchangeError::Conflict("too_many_attachments"));
    }
    let doc = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO exchange_match_document (id, match_id, name, kind, size, sha256, content, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&doc)
    .bind(id)
    .bind(&name)
    .bind(kind)
    .bind(size)
    .bind(&sha)
    .bind(bytes.to_vec())
    .bind(actor.person.to_string())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO exchange_match_log (id, match_id, at, actor_id, note, document_id) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(id)
    .bind(now)
    .bind(actor.person.to_string())
    .bind(&note)
    .bind(&doc)
    .execute(&mut *tx)
    .await?;
    let detail = serde_json::json!({ "document": doc, "kind": kind, "size": size, "sha256": sha });
    outbox::publish(&mut tx, "exchange.match.document", id, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.match.document",
        &format!("match:{id}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(MatchDocument {
        id: doc,
        name,
        kind: kind.to_owned(),
        size,
    })
}

/// A document's name, kind and bytes, for the match's two sides and the secretariat.
pub async fn file(
    db: &Db,
    actor: &Actor,
    id: &str,
    doc: &str,
) -> Result<(String, String, Vec<u8>), ExchangeError> {
    let mut conn = crate::conn(db).await?;
    let m = get_in(&mut conn, id).await?;
    let s = sides(&mut conn, actor, &m).await?;
    if !(s.need || s.solution || s.secretariat) {
        return Err(ExchangeError::NotFound("match_not_found"));
    }
    let found: Option<(String, String, Vec<u8>)> = sqlx::query_as(
        "SELECT name, kind, content FROM exchange_match_document WHERE id = $1 AND match_id = $2",
    )
    .bind(doc)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    found.ok_or(ExchangeError::NotFound("attachment_not_found"))
}
