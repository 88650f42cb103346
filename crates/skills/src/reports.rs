//! Reports of suspicious vacancies (asking applicants for fees, a fake employer, misleading
//! terms): anyone may report; moderators work one queue; a vacancy they remove leaves every
//! listing and its applicants are told by SMS.

use crate::employers::record;
use crate::error::SkillsError;
use crate::text;
use serde::Serialize;
use shetu_core::{Actor, Phone, Role};
use shetu_i18n::{Arg, I18n};
use shetu_store::{now_ms, outbox, Db};

/// Why a vacancy is reported.
pub const REASONS: [&str; 4] = ["asks_fees", "fake_employer", "misleading", "other"];

/// A report waiting for a moderator.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Report {
    /// Its id.
    pub id: String,
    /// The vacancy.
    pub vacancy_id: String,
    /// The vacancy's title.
    pub title: String,
    /// Its employer.
    pub employer_name: String,
    /// Why.
    pub reason: String,
    /// What the reporter wrote.
    pub note: String,
    /// When (ms since 1970, UTC).
    pub created_at: i64,
}

/// Reports a vacancy (signed in or not).
#[tracing::instrument(skip_all)]
pub async fn report(
    db: &Db,
    actor: Option<&Actor>,
    vacancy: &str,
    reason: &str,
    note: &str,
) -> Result<String, SkillsError> {
    if !REASONS.contains(&reason) {
        return Err(SkillsError::Invalid("reason".into(), "unknown_reason"));
    }
    let note = text("note", note, 1000, reason == "other")?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let v = crate::vacancies::get_in(&mut tx, vacancy).await?;
    if v.status == "removed" {
        return Err(SkillsError::NotFound("vacancy_not_found"));
    }
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO skills_vacancy_report (id, vacancy_id, reporter_id, reason, note, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(vacancy)
    .bind(actor.map(|a| a.person))
    .bind(reason)
    .bind(&note)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let detail = serde_json::json!({ "vacancy": vacancy, "reason": reason });
    outbox::publish(&mut tx, "skills.vacancy.reported", &id, &detail).await?;
    match actor {
        Some(actor) => {
            record(
                &mut tx,
                actor,
                None,
                "skills.vacancy.report",
                &format!("vacancy:{vacancy}"),
                detail,
            )
            .await?;
        }
        None => {
            shetu_store::audit::record(
                &mut tx,
                shetu_store::audit::Entry {
                    actor: None,
                    subject: None,
                    action: "skills.vacancy.report",
                    object: &format!("vacancy:{vacancy}"),
                    request_id: None,
                    detail,
                },
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(id)
}

fn moderator(actor: &Actor) -> Result<(), SkillsError> {
    if actor.has(Role::Moderator) || actor.has(Role::Admin) {
        Ok(())
    } else {
        Err(SkillsError::Forbidden)
    }
}

/// Reports not decided yet, oldest first (moderators).
pub async fn queue(db: &Db, actor: &Actor) -> Result<Vec<Report>, SkillsError> {
    moderator(actor)?;
    Ok(sqlx::query_as(
        "SELECT r.id, r.vacancy_id, v.title, o.name AS employer_name, r.reason, r.note, r.created_at \
         FROM skills_vacancy_report r JOIN skills_vacancy v ON v.id = r.vacancy_id \
         JOIN organization o ON o.id = v.employer_id WHERE r.decided_at IS NULL \
         ORDER BY r.created_at LIMIT 200",
    )
    .fetch_all(db.pool())
    .await?)
}

/// A moderator decides a report: `remove` takes the vacancy down (every open report on it is
/// decided with it, and its applicants are told by SMS); `keep` dismisses the report.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn decide(
    db: &Db,
    i18n: &I18n,
    actor: &Actor,
    report: &str,
    outcome: &str,
) -> Result<(), SkillsError> {
    moderator(actor)?;
    if !matches!(outcome, "remove" | "keep") {
        return Err(SkillsError::Invalid("outcome".into(), "unknown_outcome"));
    }
    let now = now_ms();
    let mut tx = db.begin().await?;
    let found: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT vacancy_id, decided_at FROM skills_vacancy_report WHERE id = $1")
            .bind(report)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((vacancy, decided)) = found else {
        return Err(SkillsError::NotFound("report_not_found"));
    };
    if decided.is_some() {
        return Err(SkillsError::Conflict("report_decided"));
    }
    if outcome == "keep" {
        sqlx::query(
            "UPDATE skills_vacancy_report SET decided_at = $1, decided_by = $2, outcome = 'keep' WHERE id = $3",
        )
        .bind(now)
        .bind(actor.person)
        .bind(report)
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query(
            "UPDATE skills_vacancy_report SET decided_at = $1, decided_by = $2, outcome = 'remove' \
             WHERE vacancy_id = $3 AND decided_at IS NULL",
        )
        .bind(now)
        .bind(actor.person)
        .bind(&vacancy)
        .execute(&mut *tx)
        .await?;
        let v = crate::vacancies::get_in(&mut tx, &vacancy).await?;
        sqlx::query("UPDATE skills_vacancy SET status = 'removed', updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(&vacancy)
            .execute(&mut *tx)
            .await?;
        crate::vacancies::bump(&mut tx, "vacancies").await?;
        let applicants: Vec<(String, String)> = sqlx::query_as(
            "SELECT p.phone, p.language FROM skills_application a JOIN person p ON p.id = a.person_id \
             WHERE a.vacancy_id = $1",
        )
        .bind(&vacancy)
        .fetch_all(&mut *tx)
        .await?;
        for (phone, lang) in applicants {
            let Ok(phone) = Phone::parse_e164(&phone) else {
                continue;
            };
            let body = i18n.message(
                &lang,
                "skills-sms-vacancy-removed",
                &[
                    ("title", Arg::Text(v.title.clone())),
                    ("employer", Arg::Text(v.employer_name.clone())),
                ],
            );
            shetu_people::sms::enqueue(&mut tx, &phone, &body).await?;
        }
        outbox::publish(
            &mut tx,
            "skills.vacancy.removed",
            &vacancy,
            &serde_json::json!({ "report": report }),
        )
        .await?;
    }
    let detail = serde_json::json!({ "report": report, "vacancy": vacancy, "outcome": outcome });
    record(
        &mut tx,
        actor,
        None,
        "skills.vacancy.moderate",
        &format!("vacancy:{vacancy}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
