//! The secretariat's review: its moves, its history and its queue.

use super::*;

/// The secretariat moves the latest version's review: start it, publish it, or return it with
/// a comment. Publishing makes it what readers see and files it under its tags.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn review(
    db: &Db,
    actor: &Actor,
    id: &str,
    to: &str,
    comment: &str,
) -> Result<Solution, ExchangeError> {
    if !actor.has(Role::Admin) {
        return Err(ExchangeError::Forbidden);
    }
    let comment = text("comment", comment, 2000, to == "returned")?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let (_, member, status, version, ..) = row(&mut tx, id).await?;
    if !review_allowed(&status, to) {
        return Err(ExchangeError::Conflict("invalid_review_move"));
    }
    sqlx::query("UPDATE exchange_solution SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(to)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if to == "published" {
        let content = content_of(&mut tx, id, version).await?;
        sqlx::query(
            "UPDATE exchange_solution SET published_version = $1, title = $2, maturity = $3 WHERE id = $4",
        )
        .bind(version)
        .bind(&content.title)
        .bind(&content.maturity)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE exchange_solution_version SET published_at = $1 WHERE solution_id = $2 AND version = $3")
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *tx)
            .await?;
        set_tags(&mut tx, "solution", id, "sdg", &content.sdgs).await?;
        set_tags(&mut tx, "solution", id, "focus", &content.focus).await?;
        set_tags(&mut tx, "solution", id, "country", &content.countries).await?;
        set_tags(
            &mut tx,
            "solution",
            id,
            "maturity",
            std::slice::from_ref(&content.maturity),
        )
        .await?;
    }
    sqlx::query(
        "INSERT INTO exchange_review (id, solution_id, version, from_status, to_status, comment, actor_id, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(id)
    .bind(version)
    .bind(&status)
    .bind(to)
    .bind(&comment)
    .bind(actor.person.to_string())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let detail =
        serde_json::json!({ "member": member, "version": version, "from": status, "to": to });
    outbox::publish(&mut tx, &format!("exchange.solution.{to}"), id, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.solution.review",
        &format!("solution:{id}"),
        detail,
    )
    .await?;
    let made = view(&mut tx, Some(actor), id).await?;
    tx.commit().await?;
    Ok(made)
}

/// The review history, for the member's people and the secretariat.
pub async fn reviews(db: &Db, actor: &Actor, id: &str) -> Result<Vec<ReviewStep>, ExchangeError> {
    let mut conn = crate::conn(db).await?;
    let (_, member, ..) = row(&mut conn, id).await?;
    if !crate::members::may_act_for(&mut conn, actor, &member).await? {
        return Err(ExchangeError::Forbidden);
    }
    let rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT version, from_status, to_status, comment, at FROM exchange_review WHERE solution_id = $1 ORDER BY at, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(version, from, to, comment, at)| ReviewStep {
            version,
            from,
            to,
            comment,
            at,
        })
        .collect())
}

/// The secretariat's queue: solutions waiting for review or in review, oldest first.
pub async fn queue(db: &Db, actor: &Actor) -> Result<Vec<Solution>, ExchangeError> {
    if !actor.has(Role::Admin) {
        return Err(ExchangeError::Forbidden);
    }
    let mut conn = crate::conn(db).await?;
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM exchange_solution WHERE status IN ('submitted', 'in_review') ORDER BY updated_at, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(view(&mut conn, Some(actor), &id).await?);
    }
    Ok(out)
}
