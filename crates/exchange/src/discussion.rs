//! Discussion: comments on published solutions and open needs, and flags on content or people.
//! Anyone signed in may comment (unless suspended) and flag; a solution, need or comment that
//! [`FLAG_THRESHOLD`] people have flagged is hidden until a moderator looks at it
//! ([`crate::moderation`]).

use crate::error::ExchangeError;
use crate::moderation::{moderator_may, not_suspended};
use crate::vocabulary::code;
use crate::{record, text};
use serde::Serialize;
use shetu_core::Actor;
use shetu_store::{now_ms, outbox, Db, Tx};
use sqlx::AnyConnection;
use utoipa::ToSchema;

/// What comments are about.
pub const COMMENT_TARGETS: [&str; 2] = ["solution", "need"];

/// What may be flagged.
pub const FLAG_TARGETS: [&str; 4] = ["comment", "solution", "need", "person"];

/// Why something is flagged (`other` needs a note).
pub const FLAG_REASONS: [&str; 6] = [
    "spam",
    "abuse",
    "off_topic",
    "misleading",
    "personal_data",
    "other",
];

/// Open flags from this many different people hide a solution, need or comment until a
/// moderator reviews it. Three: one person cannot hide what others wrote, and a small group of
/// readers who see abuse does not have to wait for the moderators.
pub const FLAG_THRESHOLD: i64 = 3;

/// The longest comment, in characters.
pub const COMMENT_MAX: usize = 2000;

/// A comment as a reader sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExchangeComment {
    /// Its id.
    pub id: String,
    /// `solution` or `need`.
    pub target_kind: String,
    /// The solution or need.
    pub target_id: String,
    /// Who wrote it.
    pub author_id: String,
    /// Their name.
    pub author_name: String,
    /// What they wrote; absent when it is hidden (moderators still see it).
    pub body: Option<String>,
    /// Hidden until a moderator reviews it, or hidden by one.
    pub hidden: bool,
    /// When (ms since 1970).
    pub created_at: i64,
}

/// What a flag did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExchangeFlagged {
    /// The flag's id.
    pub id: String,
    /// The content is now hidden until a moderator reviews it.
    pub hidden: bool,
}

/// The person who wrote a piece of content, and whether it is hidden now; `None` if there is no
/// such thing. A person "target" is the person.
pub(crate) async fn author_of(
    conn: &mut AnyConnection,
    kind: &str,
    id: &str,
) -> Result<Option<(String, bool)>, ExchangeError> {
    let sql = match kind {
        "comment" => "SELECT author_id, hidden FROM exchange_comment WHERE id = $1",
        "solution" => "SELECT created_by, hidden FROM exchange_solution WHERE id = $1 AND published_version IS NOT NULL",
        "need" => "SELECT created_by, hidden FROM exchange_need WHERE id = $1",
        _ => "SELECT id, 0 FROM person WHERE id = $1 AND erased_at IS NULL",
    };
    let found: Option<(String, i64)> = sqlx::query_as(sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(found.map(|(a, h)| (a, h != 0)))
}

fn not_found(kind: &str) -> ExchangeError {
    ExchangeError::NotFound(match kind {
        "comment" => "comment_not_found",
        "solution" => "solution_not_found",
        "need" => "need_not_found",
        _ => "person_not_found",
    })
}

/// A signed-in person comments on a published solution or an open need.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn comment(
    db: &Db,
    actor: &Actor,
    kind: &str,
    target: &str,
    body: &str,
) -> Result<ExchangeComment, ExchangeError> {
    let kind = code("kind", kind, &COMMENT_TARGETS)?;
    let body = text("body", body, COMMENT_MAX, true)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    not_suspended(&mut tx, actor, now).await?;
    match author_of(&mut tx, &kind, target).await? {
        Some((_, false)) => {}
        _ => return Err(not_found(&kind)),
    }
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO exchange_comment (id, target_kind, target_id, author_id, body, hidden, created_at) \
         VALUES ($1, $2, $3, $4, $5, 0, $6)",
    )
    .bind(&id)
    .bind(&kind)
    .bind(target)
    .bind(actor.person.to_string())
    .bind(&body)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let detail = serde_json::json!({ "on": format!("{kind}:{target}") });
    outbox::publish(&mut tx, "exchange.comment.posted", &id, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.comment.post",
        &format!("comment:{id}"),
        detail,
    )
    .await?;
    let made = comments_in(&mut tx, Some(actor), &kind, target)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or(ExchangeError::NotFound("comment_not_found"))?;
    tx.commit().await?;
    Ok(made)
}

async fn comments_in(
    conn: &mut AnyConnection,
    reader: Option<&Actor>,
    kind: &str,
    target: &str,
) -> Result<Vec<ExchangeComment>, ExchangeError> {
    let rows: Vec<(String, String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT c.id, c.author_id, p.name, c.body, c.hidden, c.created_at FROM exchange_comment c \
         JOIN person p ON p.id = c.author_id \
         WHERE c.target_kind = $1 AND c.target_id = $2 ORDER BY c.created_at, c.id",
    )
    .bind(kind)
    .bind(target)
    .fetch_all(&mut *conn)
    .await?;
    let sees_hidden = reader.is_some_and(moderator_may);
    Ok(rows
        .into_iter()
        .map(|(id, author_id, author_name, body, hidden, created_at)| {
            let hidden = hidden != 0;
            ExchangeComment {
                id,
                target_kind: kind.to_owned(),
                target_id: target.to_owned(),
                author_id,
                author_name,
                body: (!hidden || sees_hidden).then_some(body),
                hidden,
                created_at,
            }
        })
        .collect())
}

/// The comments on a solution or need, oldest first, as `reader` may see them.
pub async fn comments(
    db: &Db,
    reader: Option<&Actor>,
    kind: &str,
    target: &str,
) -> Result<Vec<ExchangeComment>, ExchangeError> {
    let kind = code("kind", kind, &COMMENT_TARGETS)?;
    // The discussion is as visible as what it is about (hidden content: its people and
    // moderators only).
    if kind == "solution" {
        crate::solutions::get(db, reader, target).await?;
    } else {
        crate::needs::get(db, reader, target).await?;
    }
    let mut conn = crate::conn(db).await?;
    if author_of(&mut conn, &kind, target).await?.is_none() {
        return Err(not_found(&kind));
    }
    comments_in(&mut conn, reader, &kind, target).await
}

/// Sets whether a piece of content is hidden; for solutions and needs, tells the search index.
pub(crate) async fn set_hidden(
    tx: &mut Tx,
    kind: &str,
    id: &str,
    hidden: bool,
) -> Result<(), ExchangeError> {
    let sql = match kind {
        "comment" => "UPDATE exchange_comment SET hidden = $1 WHERE id = $2",
        "solution" => "UPDATE exchange_solution SET hidden = $1 WHERE id = $2",
        "need" => "UPDATE exchange_need SET hidden = $1 WHERE id = $2",
        _ => return Ok(()),
    };
    sqlx::query(sql)
        .bind(i64::from(hidden))
        .bind(id)
        .execute(&mut **tx)
        .await?;
    if kind != "comment" {
        let topic = format!("exchange.{kind}.moderated");
        outbox::publish(tx, &topic, id, &serde_json::json!({ "hidden": hidden })).await?;
    }
    Ok(())
}

/// A signed-in person flags a comment, solution, need or person, with a reason. The flag waits
/// in the moderators' queue; content that reaches [`FLAG_THRESHOLD`] open flags is hidden.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn flag(
    db: &Db,
    actor: &Actor,
    kind: &str,
    target: &str,
    reason: &str,
    note: &str,
) -> Result<ExchangeFlagged, ExchangeError> {
    let kind = code("kind", kind, &FLAG_TARGETS)?;
    let reason = code("reason", reason, &FLAG_REASONS)?;
    let note = text("note", note, 1000, reason == "other")?;
    let me = actor.person.to_string();
    let now = now_ms();
    let mut tx = db.begin().await?;
    not_suspended(&mut tx, actor, now).await?;
    let Some((author, was_hidden)) = author_of(&mut tx, &kind, target).await? else {
        return Err(not_found(&kind));
    };
    if author == me {
        return Err(ExchangeError::Invalid("id".into(), "yourself"));
    }
    let taken: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM exchange_flag WHERE target_kind = $1 AND target_id = $2 AND flagged_by = $3 AND resolved_at IS NULL",
    )
    .bind(&kind)
    .bind(target)
    .bind(&me)
    .fetch_optional(&mut *tx)
    .await?;
    if taken.is_some() {
        return Err(ExchangeError::Conflict("already_flagged"));
    }
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO exchange_flag (id, target_kind, target_id, flagged_by, reason, note, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(&kind)
    .bind(target)
    .bind(&me)
    .bind(&reason)
    .bind(&note)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let open: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM exchange_flag WHERE target_kind = $1 AND target_id = $2 AND resolved_at IS NULL",
    )
    .bind(&kind)
    .bind(target)
    .fetch_one(&mut *tx)
    .await?;
    let hide = kind != "person" && !was_hidden && open >= FLAG_THRESHOLD;
    if hide {
        set_hidden(&mut tx, &kind, target, true).await?;
    }
    let detail = serde_json::json!({ "reason": reason, "open_flags": open, "hidden": hide });
    outbox::publish(
        &mut tx,
        "exchange.flagged",
        &format!("{kind}:{target}"),
        &detail,
    )
    .await?;
    record(
        &mut tx,
        actor,
        "exchange.flag",
        &format!("{kind}:{target}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(ExchangeFlagged {
        id,
        hidden: hide || (was_hidden && kind != "person"),
    })
}
