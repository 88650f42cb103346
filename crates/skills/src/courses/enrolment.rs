//! Enrolment: a person (or their agent under `skills.profile`) takes a seat in a batch; the
//! enrolments a person and a provider see.

use super::*;

pub(super) async fn enrolment_in(
    conn: &mut AnyConnection,
    id: &str,
) -> Result<Enrolment, SkillsError> {
    sqlx::query_as(&format!("{ENROLMENT} WHERE e.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(SkillsError::NotFound("enrolment_not_found"))
}

/// Enrols the actor (or the person an agent acts for under `skills.profile`) in a batch that has
/// not started and has a seat; enrolling twice gives the first enrolment (and `false`).
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn enrol(
    db: &Db,
    pack: &Pack,
    actor: &Actor,
    batch: &str,
) -> Result<(Enrolment, bool), SkillsError> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    let person = mandates::subject_for(&mut tx, actor, SKILLS_PROFILE, now).await?;
    let found: Option<(String,)> =
        sqlx::query_as("SELECT starts_on FROM skills_batch WHERE id = $1")
            .bind(batch)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((starts_on,)) = found else {
        return Err(SkillsError::NotFound("batch_not_found"));
    };
    let before: Option<String> = sqlx::query_scalar(
        "SELECT id FROM skills_enrolment WHERE batch_id = $1 AND person_id = $2",
    )
    .bind(batch)
    .bind(person)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(id) = before {
        let e = enrolment_in(&mut tx, &id).await?;
        tx.commit().await?;
        return Ok((e, false));
    }
    if starts_on < crate::vacancies::today(pack, now) {
        return Err(SkillsError::Conflict("batch_started"));
    }
    // One statement takes the seat, so two people never get the last one.
    let took =
        sqlx::query("UPDATE skills_batch SET taken = taken + 1 WHERE id = $1 AND taken < seats")
            .bind(batch)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if took == 0 {
        return Err(SkillsError::Conflict("batch_full"));
    }
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query("INSERT INTO skills_enrolment (id, batch_id, person_id, state, created_at) VALUES ($1, $2, $3, 'enrolled', $4)")
        .bind(&id)
        .bind(batch)
        .bind(person)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    let detail = serde_json::json!({ "batch": batch });
    outbox::publish(&mut tx, "skills.enrolment.made", &id, &detail).await?;
    record(
        &mut tx,
        actor,
        Some(person),
        "skills.enrolment.enrol",
        &format!("enrolment:{id}"),
        detail,
    )
    .await?;
    let e = enrolment_in(&mut tx, &id).await?;
    tx.commit().await?;
    Ok((e, true))
}

/// A person's enrolments (themselves, or their agent under `skills.profile`).
pub async fn enrolments_of(db: &Db, actor: &Actor) -> Result<Vec<Enrolment>, SkillsError> {
    let mut conn = db.pool().acquire().await?;
    let person = mandates::subject_for(&mut conn, actor, SKILLS_PROFILE, now_ms()).await?;
    Ok(sqlx::query_as(&format!(
        "{ENROLMENT} WHERE e.person_id = $1 ORDER BY e.created_at DESC"
    ))
    .bind(person)
    .fetch_all(&mut *conn)
    .await?)
}

/// The enrolments in a provider's courses (its members).
pub async fn enrolments_for(
    db: &Db,
    actor: &Actor,
    provider: &str,
) -> Result<Vec<Enrolment>, SkillsError> {
    let mut conn = db.pool().acquire().await?;
    if !actor.has(Role::Admin) && !employers::is_member(&mut conn, actor.person, provider).await? {
        return Err(SkillsError::Forbidden);
    }
    Ok(sqlx::query_as(&format!(
        "{ENROLMENT} WHERE c.provider_id = $1 ORDER BY e.created_at DESC LIMIT 500"
    ))
    .bind(provider)
    .fetch_all(&mut *conn)
    .await?)
}
