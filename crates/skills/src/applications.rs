//! Applications: a job seeker (or an agent for them, under `skills.profile`) applies to an open
//! vacancy; the employer moves it through applied → shortlisted → interview → offered → hired,
//! or rejects it; the seeker may withdraw. Each change is told to the seeker by SMS in their
//! language and shows on their page.

use crate::employers::{self, record};
use crate::error::SkillsError;
use crate::SKILLS_PROFILE;
use serde::Serialize;
use shetu_core::id::PersonId;
use shetu_core::{Actor, Phone, Role};
use shetu_i18n::{Arg, I18n};
use shetu_people::mandates;
use shetu_store::{now_ms, outbox, Db, Tx};

/// The states of an application.
pub const STATES: [&str; 7] = [
    "applied",
    "shortlisted",
    "interview",
    "offered",
    "hired",
    "rejected",
    "withdrawn",
];

/// Who may move an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The employer (or the agency that posted the vacancy).
    Employer,
    /// The seeker (or their agent).
    Seeker,
}

/// Whether `side` may move an application from `from` to `to`.
pub fn allowed(side: Side, from: &str, to: &str) -> bool {
    let open = matches!(from, "applied" | "shortlisted" | "interview" | "offered");
    match side {
        Side::Seeker => open && to == "withdrawn",
        Side::Employer => {
            matches!(
                (from, to),
                ("applied", "shortlisted")
                    | ("shortlisted", "interview")
                    | ("interview", "offered")
                    | ("offered", "hired")
            ) || (open && to == "rejected")
        }
    }
}

/// An application.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Application {
    /// Its id.
    pub id: String,
    /// The vacancy.
    pub vacancy_id: String,
    /// The vacancy's title.
    pub title: String,
    /// The employer's name.
    pub employer_name: String,
    /// The applicant.
    pub person_id: String,
    /// The applicant's name.
    pub person_name: String,
    /// Its state.
    pub state: String,
    /// When it was made (ms since 1970, UTC).
    pub created_at: i64,
    /// When it last changed.
    pub updated_at: i64,
}

const SELECT: &str = "SELECT a.id, a.vacancy_id, v.title, o.name AS employer_name, a.person_id, \
    p.name AS person_name, a.state, a.created_at, a.updated_at FROM skills_application a \
    JOIN skills_vacancy v ON v.id = a.vacancy_id JOIN organization o ON o.id = v.employer_id \
    JOIN person p ON p.id = a.person_id";

async fn get_in(tx: &mut Tx, id: &str) -> Result<Application, SkillsError> {
    sqlx::query_as(&format!("{SELECT} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(SkillsError::NotFound("application_not_found"))
}

/// Tells the applicant by SMS, in their language, what happened to their application.
async fn tell(
    tx: &mut Tx,
    i18n: &I18n,
    person: &str,
    title: &str,
    employer: &str,
    state: &str,
) -> Result<(), SkillsError> {
    let found: Option<(String, String)> =
        sqlx::query_as("SELECT phone, language FROM person WHERE id = $1")
            .bind(person)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((phone, lang)) = found else {
        return Ok(());
    };
    let Ok(phone) = Phone::parse_e164(&phone) else {
        return Ok(());
    };
    let body = i18n.message(
        &lang,
        &format!("skills-sms-application-{state}"),
        &[
            ("title", Arg::Text(title.to_owned())),
            ("employer", Arg::Text(employer.to_owned())),
        ],
    );
    shetu_people::sms::enqueue(tx, &phone, &body).await?;
    Ok(())
}

/// Applies to an open vacancy for the actor (or the person an agent acts for under
/// `skills.profile`), who must have a profile. Applying twice gives the first application
/// (and `false`: nothing new was made).
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn apply(
    db: &Db,
    i18n: &I18n,
    pack: &shetu_pack::Pack,
    actor: &Actor,
    vacancy: &str,
) -> Result<(Application, bool), SkillsError> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    let person = mandates::subject_for(&mut tx, actor, SKILLS_PROFILE, now).await?;
    let v = crate::vacancies::get_in(&mut tx, vacancy).await?;
    if v.status != "open" || v.deadline < crate::vacancies::today(pack, now) {
        return Err(SkillsError::Conflict("vacancy_not_open"));
    }
    let has_profile: Option<String> =
        sqlx::query_scalar("SELECT person_id FROM skills_profile WHERE person_id = $1")
            .bind(person)
            .fetch_optional(&mut *tx)
            .await?;
    if has_profile.is_none() {
        return Err(SkillsError::NotFound("profile_not_found"));
    }
    let existing: Option<String> = sqlx::query_scalar(
        "SELECT id FROM skills_application WHERE vacancy_id = $1 AND person_id = $2",
    )
    .bind(vacancy)
    .bind(person)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(id) = existing {
        let found = get_in(&mut tx, &id).await?;
        tx.commit().await?;
        return Ok((found, false));
    }
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO skills_application (id, vacancy_id, person_id, state, created_at, updated_at, created_by) \
         VALUES ($1, $2, $3, 'applied', $4, $4, $5)",
    )
    .bind(&id)
    .bind(vacancy)
    .bind(person)
    .bind(now)
    .bind(actor.person)
    .execute(&mut *tx)
    .await?;
    log(&mut tx, &id, None, "applied", actor.person, now).await?;
    tell(
        &mut tx,
        i18n,
        &person.to_string(),
        &v.title,
        &v.employer_name,
        "applied",
    )
    .await?;
    let detail = serde_json::json!({ "vacancy": vacancy });
    outbox::publish(&mut tx, "skills.application.made", &id, &detail).await?;
    record(
        &mut tx,
        actor,
        Some(person),
        "skills.application.apply",
        &format!("application:{id}"),
        detail,
    )
    .await?;
    let made = get_in(&mut tx, &id).await?;
    tx.commit().await?;
    Ok((made, true))
}

async fn log(
    tx: &mut Tx,
    application: &str,
    from: Option<&str>,
    to: &str,
    by: PersonId,
    now: i64,
) -> Result<(), SkillsError> {
    sqlx::query(
        "INSERT INTO skills_application_event (application_id, at, from_state, to_state, actor_id) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(application)
    .bind(now)
    .bind(from)
    .bind(to)
    .bind(by)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Moves an application: the employer's side (members of the employer or of the agency that
/// posted the vacancy) or the seeker's (themselves, or their agent under `skills.profile`).
/// A move the side may not make is 409 `invalid_application_move`.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn move_to(
    db: &Db,
    i18n: &I18n,
    actor: &Actor,
    id: &str,
    to: &str,
) -> Result<Application, SkillsError> {
    if !STATES.contains(&to) {
        return Err(SkillsError::Invalid("to".into(), "unknown_state"));
    }
    let now = now_ms();
    let mut tx = db.begin().await?;
    let found = get_in(&mut tx, id).await?;
    let v = crate::vacancies::get_in(&mut tx, &found.vacancy_id).await?;
    let employer_side = actor.has(Role::Admin)
        || employers::is_member(&mut tx, actor.person, &v.employer_id).await?
        || employers::is_member(&mut tx, actor.person, &v.posted_by_org).await?;
    let side = if employer_side && actor.on_behalf_of.is_none() {
        Side::Employer
    } else {
        let person = mandates::subject_for(&mut tx, actor, SKILLS_PROFILE, now).await?;
        if person.to_string() != found.person_id {
            return Err(SkillsError::Forbidden);
        }
        Side::Seeker
    };
    if !allowed(side, &found.state, to) {
        return Err(SkillsError::Conflict("invalid_application_move"));
    }
    sqlx::query(
        "UPDATE skills_application SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4",
    )
    .bind(to)
    .bind(now)
    .bind(id)
    .bind(&found.state)
    .execute(&mut *tx)
    .await?;
    log(&mut tx, id, Some(&found.state), to, actor.person, now).await?;
    if side == Side::Employer {
        tell(
            &mut tx,
            i18n,
            &found.person_id,
            &found.title,
            &found.employer_name,
            to,
        )
        .await?;
    }
    let subject: Option<PersonId> = found.person_id.parse().ok();
    let detail = serde_json::json!({ "from": found.state, "to": to, "vacancy": found.vacancy_id });
    outbox::publish(&mut tx, "skills.application.moved", id, &detail).await?;
    record(
        &mut tx,
        actor,
        subject,
        "skills.application.move",
        &format!("application:{id}"),
        detail,
    )
    .await?;
    let moved = get_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(moved)
}

/// A person's applications, newest first (themselves, or their agent under `skills.profile`).
pub async fn mine(db: &Db, actor: &Actor) -> Result<Vec<Application>, SkillsError> {
    let mut conn = db.pool().acquire().await?;
    let person = mandates::subject_for(&mut conn, actor, SKILLS_PROFILE, now_ms()).await?;
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE a.person_id = $1 ORDER BY a.created_at DESC LIMIT 200"
    ))
    .bind(person)
    .fetch_all(&mut *conn)
    .await?)
}

/// The applications to a vacancy, for its employer's or poster's members (or administrators).
pub async fn to_vacancy(
    db: &Db,
    actor: &Actor,
    vacancy: &str,
) -> Result<Vec<Application>, SkillsError> {
    let mut conn = db.pool().acquire().await?;
    let v = crate::vacancies::get_in(&mut conn, vacancy).await?;
    let allowed = actor.has(Role::Admin)
        || employers::is_member(&mut conn, actor.person, &v.employer_id).await?
        || employers::is_member(&mut conn, actor.person, &v.posted_by_org).await?;
    if !allowed {
        return Err(SkillsError::Forbidden);
    }
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE a.vacancy_id = $1 ORDER BY a.created_at LIMIT 500"
    ))
    .bind(vacancy)
    .fetch_all(&mut *conn)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_side_moves_only_its_own_steps() {
        assert!(allowed(Side::Employer, "applied", "shortlisted"));
        assert!(allowed(Side::Employer, "offered", "hired"));
        assert!(allowed(Side::Employer, "interview", "rejected"));
        assert!(!allowed(Side::Employer, "applied", "hired"));
        assert!(!allowed(Side::Employer, "applied", "withdrawn"));
        assert!(!allowed(Side::Employer, "hired", "rejected"));
        assert!(allowed(Side::Seeker, "interview", "withdrawn"));
        assert!(!allowed(Side::Seeker, "applied", "shortlisted"));
        assert!(!allowed(Side::Seeker, "hired", "withdrawn"));
        assert!(!allowed(Side::Seeker, "rejected", "withdrawn"));
    }
}
