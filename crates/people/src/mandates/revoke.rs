//! Withdrawing a mandate.

use super::*;

/// The person (or an admin) withdraws a mandate. Others get "not found".
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn revoke(
    db: &Db,
    actor: &Actor,
    id: MandateId,
    now: i64,
) -> Result<Mandate, PeopleError> {
    let mut tx = db.begin().await?;
    let row = sqlx::query("SELECT subject_id, status FROM mandate WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(row) = row else {
        return Err(PeopleError::NotFound("mandate_not_found"));
    };
    let subject: String = row.try_get("subject_id")?;
    if subject != actor.person.to_string() && !actor.has(Role::Admin) {
        return Err(PeopleError::NotFound("mandate_not_found"));
    }
    if row.try_get::<String, _>("status")? == "revoked" {
        return Err(PeopleError::Conflict("mandate_revoked"));
    }
    sqlx::query(
        "UPDATE mandate SET status = 'revoked', revoked_at = $1, revoked_by = $2 WHERE id = $3",
    )
    .bind(now)
    .bind(actor.person)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    // A session acting for the person stops doing so.
    sqlx::query("UPDATE session SET acting_for = NULL WHERE acting_for = $1 AND person_id = (SELECT agent_id FROM mandate WHERE id = $2)")
        .bind(&subject)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        Some(actor),
        Some(&subject),
        "mandate.revoke",
        &format!("mandate:{id}"),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    reload(db, id, now).await
}
