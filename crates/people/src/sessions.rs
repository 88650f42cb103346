//! Browser sessions: a random id in an HttpOnly cookie, stored hashed; a new id at every sign-in
//! (no fixation); dead after sign-out, after two idle hours, and twelve hours after sign-in.

use crate::error::PeopleError;
use crate::model::Actor;
use crate::{mandates, persons, record, secret};
use shetu_core::id::PersonId;
use shetu_store::Db;
use sqlx::Row;

/// Idle time after which a session ends.
pub const IDLE_MS: i64 = 2 * 60 * 60 * 1000;
/// Longest life of a session.
pub const ABSOLUTE_MS: i64 = 12 * 60 * 60 * 1000;
/// How often `last_seen_at` is written (saves a write per request).
const TOUCH_MS: i64 = 60 * 1000;

/// A session just started: the cookie value (shown once) and its CSRF token.
#[derive(Debug, Clone)]
pub struct Started {
    /// Cookie value.
    pub token: String,
    /// The token forms must carry.
    pub csrf: String,
}

/// A live session.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who is signed in.
    pub person: PersonId,
    /// The token forms must carry.
    pub csrf: String,
    /// The client an agent is acting for, chosen in the agent console.
    pub acting_for: Option<PersonId>,
}

/// Starts a session for `person` (after a successful sign-in). `previous` is the session cookie the
/// browser still had, which is ended so that an old id can never be promoted.
#[tracing::instrument(skip_all)]
pub async fn start(
    db: &Db,
    person: PersonId,
    previous: Option<&str>,
    request_id: Option<String>,
    now: i64,
) -> Result<Started, PeopleError> {
    let token = secret::token();
    let csrf = secret::token();
    let mut tx = db.begin().await?;
    if let Some(old) = previous {
        sqlx::query("DELETE FROM session WHERE token_hash = $1")
            .bind(secret::hash(old))
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO session (token_hash, person_id, csrf, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)",
    )
    .bind(secret::hash(&token))
    .bind(person)
    .bind(&csrf)
    .bind(now)
    .bind(now + ABSOLUTE_MS)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM session WHERE expires_at < $1 OR last_seen_at < $2")
        .bind(now)
        .bind(now - IDLE_MS)
        .execute(&mut *tx)
        .await?;
    let actor = Actor {
        person,
        roles: Vec::new(),
        on_behalf_of: None,
        request_id,
    };
    record(
        &mut tx,
        Some(&actor),
        None,
        "session.start",
        &format!("person:{person}"),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(Started { token, csrf })
}

/// The live session of a cookie value, if any.
#[tracing::instrument(skip_all)]
pub async fn load(db: &Db, token: &str, now: i64) -> Result<Option<Session>, PeopleError> {
    let hash = secret::hash(token);
    let row = sqlx::query("SELECT person_id, csrf, acting_for, last_seen_at, expires_at FROM session WHERE token_hash = $1")
        .bind(&hash)
        .fetch_optional(db.pool())
        .await?;
    let Some(row) = row else { return Ok(None) };
    let last_seen: i64 = row.try_get("last_seen_at")?;
    let expires: i64 = row.try_get("expires_at")?;
    if expires <= now || last_seen + IDLE_MS <= now {
        return Ok(None);
    }
    if now - last_seen > TOUCH_MS {
        sqlx::query("UPDATE session SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(db.writer())
            .await?;
    }
    let person: String = row.try_get("person_id")?;
    let acting_for: Option<String> = row.try_get("acting_for")?;
    Ok(Some(Session {
        person: person.parse().map_err(|_| PeopleError::SignInRequired)?,
        csrf: row.try_get("csrf")?,
        acting_for: acting_for.and_then(|a| a.parse().ok()),
    }))
}

/// Ends a session (sign-out).
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn end(db: &Db, token: &str, actor: &Actor) -> Result<(), PeopleError> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM session WHERE token_hash = $1")
        .bind(secret::hash(token))
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        Some(actor),
        None,
        "session.end",
        &format!("person:{}", actor.person),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Starts (or with `None` stops) acting for a client in this session. Needs an active mandate from
/// the client to this agent.
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn act_for(
    db: &Db,
    token: &str,
    actor: &Actor,
    client: Option<PersonId>,
    now: i64,
) -> Result<(), PeopleError> {
    let mut tx = db.begin().await?;
    if let Some(client) = client {
        if !actor.has(crate::Role::Agent)
            || !mandates::any_active(&mut tx, actor.person, client, now).await?
        {
            return Err(PeopleError::MandateRequired);
        }
    }
    sqlx::query("UPDATE session SET acting_for = $1 WHERE token_hash = $2")
        .bind(client.map(|c| c.to_string()))
        .bind(secret::hash(token))
        .execute(&mut *tx)
        .await?;
    let (action, subject) = match client {
        Some(c) => ("agent.act_for", Some(c.to_string())),
        None => (
            "agent.stop_acting",
            actor.on_behalf_of.map(|c| c.to_string()),
        ),
    };
    record(
        &mut tx,
        Some(actor),
        subject.as_deref(),
        action,
        &format!("person:{}", actor.person),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The actor of a session, with roles and the client chosen in the console.
#[tracing::instrument(skip_all)]
pub async fn actor(
    db: &Db,
    session: &Session,
    request_id: Option<String>,
) -> Result<Actor, PeopleError> {
    Ok(Actor {
        person: session.person,
        roles: persons::roles(db, session.person).await?,
        on_behalf_of: session.acting_for,
        request_id,
    })
}

/// Stops acting for a client in the session of `token`, without an audit event: the mandate it
/// rested on has lapsed (its end was recorded when it was given).
pub async fn lapse_client(db: &Db, token: &str) -> Result<(), PeopleError> {
    sqlx::query("UPDATE session SET acting_for = NULL WHERE token_hash = $1")
        .bind(secret::hash(token))
        .execute(db.writer())
        .await?;
    Ok(())
}
