//! API tokens for partners and scripts: opaque, shown once, stored hashed, listed and revoked by
//! their owner.

use crate::error::PeopleError;
use crate::model::{Actor, Role};
use crate::{record, secret};
use shetu_core::id::{PersonId, TokenId};
use shetu_core::Text;
use shetu_core::Timestamp;
use shetu_store::Db;
use sqlx::Row;

/// A token as its owner sees it (never the secret again).
#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow)]
pub struct TokenInfo {
    /// Id.
    pub id: TokenId,
    /// Its name ("phone app", "partner sync").
    pub name: String,
    /// When made.
    pub created_at: Timestamp,
    /// Last use.
    pub last_used_at: Option<Timestamp>,
    /// When revoked.
    pub revoked_at: Option<Timestamp>,
}

/// Makes a token for `person`; returns its id and the secret (shown once).
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn create(
    db: &Db,
    actor: &Actor,
    name: &Text,
    now: i64,
) -> Result<(TokenId, String), PeopleError> {
    let id = TokenId::new();
    let token = format!("shetu_{}", secret::token());
    let mut tx = db.begin().await?;
    sqlx::query("INSERT INTO api_token (id, person_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(id)
        .bind(actor.person)
        .bind(name.as_str())
        .bind(secret::hash(&token))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        Some(actor),
        None,
        "token.create",
        &format!("token:{id}"),
        serde_json::json!({ "name": name.as_str() }),
    )
    .await?;
    tx.commit().await?;
    Ok((id, token))
}

/// The person a bearer token belongs to, with their roles, if the token is live: one read for
/// both (every API request asks this first).
#[tracing::instrument(skip_all)]
pub async fn authenticate(
    db: &Db,
    token: &str,
    now: i64,
) -> Result<Option<(PersonId, Vec<Role>)>, PeopleError> {
    let hash = secret::hash(token);
    let rows = sqlx::query(
        "SELECT t.person_id, t.last_used_at, r.role FROM api_token t \
         LEFT JOIN person_role r ON r.person_id = t.person_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL ORDER BY r.role",
    )
    .bind(&hash)
    .fetch_all(db.pool())
    .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let last: Option<i64> = first.try_get("last_used_at")?;
    if last.is_none_or(|l| now - l > 60_000) {
        sqlx::query("UPDATE api_token SET last_used_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(db.writer())
            .await?;
    }
    let person: String = first.try_get("person_id")?;
    let Ok(person) = person.parse() else {
        return Ok(None);
    };
    let mut roles = Vec::new();
    for row in &rows {
        if let Some(role) = row.try_get::<Option<Role>, _>("role")? {
            roles.push(role);
        }
    }
    Ok(Some((person, roles)))
}

/// The tokens of `person`, newest first.
#[tracing::instrument(skip_all)]
pub async fn list(db: &Db, person: PersonId) -> Result<Vec<TokenInfo>, PeopleError> {
    Ok(sqlx::query_as("SELECT id, name, created_at, last_used_at, revoked_at FROM api_token WHERE person_id = $1 ORDER BY created_at DESC")
        .bind(person)
        .fetch_all(db.pool())
        .await?)
}

/// Revokes one of the actor's own tokens. Someone else's token is "not found" (no probing).
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn revoke(db: &Db, actor: &Actor, id: TokenId, now: i64) -> Result<(), PeopleError> {
    let mut tx = db.begin().await?;
    let done = sqlx::query("UPDATE api_token SET revoked_at = $1 WHERE id = $2 AND person_id = $3 AND revoked_at IS NULL")
        .bind(now)
        .bind(id)
        .bind(actor.person)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(PeopleError::NotFound("token_not_found"));
    }
    record(
        &mut tx,
        Some(actor),
        None,
        "token.revoke",
        &format!("token:{id}"),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
