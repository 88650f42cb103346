//! What the skills module keeps about a person, for the download of everything about them and
//! for erasure (the people module runs both; ADR 10).
//!
//! Erasure removes the job-seeker profile (skills, work, wanted jobs and places, alerts), withdraws
//! open applications (the employer sees a withdrawn application of a pseudonym), takes the
//! person's name and note off their reports of vacancies, drops choices in seat-allocation rounds
//! not yet run, and deletes the stored copy of their certificates. A certificate the person
//! downloaded stays theirs and still verifies (signature and status list are untouched; its
//! status index is never given to anyone else); only the copy on the platform is gone.

use serde_json::json;
use shetu_core::id::PersonId;
use shetu_store::{BoxFuture, Db, StoreError, Tx};

/// The skills part of a person's data.
#[derive(Debug, Default)]
pub struct SkillsData;

async fn collect(db: &Db, person: PersonId) -> Result<serde_json::Value, StoreError> {
    let mut conn = db.pool().acquire().await?;
    let profile = crate::profiles::read(&mut conn, person, "")
        .await
        .map_err(|e| match e {
            crate::SkillsError::Store(s) => s,
            other => StoreError::Corrupt(other.to_string()),
        })?;
    let applications: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT id, vacancy_id, state, created_at FROM skills_application WHERE person_id = $1 ORDER BY created_at",
    )
    .bind(person.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let applications: Vec<serde_json::Value> = applications
        .into_iter()
        .map(|(id, vacancy, state, at)| json!({"id": id, "vacancy_id": vacancy, "state": state, "applied_at_ms": at}))
        .collect();
    let enrolments: Vec<(String, String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, batch_id, state, created_at, completed_at FROM skills_enrolment WHERE person_id = $1 ORDER BY created_at",
    )
    .bind(person.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let enrolments: Vec<serde_json::Value> = enrolments
        .into_iter()
        .map(|(id, batch, state, at, done)| {
            json!({"id": id, "batch_id": batch, "state": state, "enrolled_at_ms": at, "completed_at_ms": done})
        })
        .collect();
    let certificates: Vec<(String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, document, issued_at, revoked_at FROM skills_certificate \
         WHERE person_id = $1 AND document <> '' ORDER BY issued_at",
    )
    .bind(person.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let certificates: Vec<serde_json::Value> = certificates
        .into_iter()
        .map(|(id, document, issued, revoked)| {
            json!({
                "id": id,
                "document": serde_json::from_str::<serde_json::Value>(&document).unwrap_or(serde_json::Value::Null),
                "issued_at_ms": issued,
                "revoked_at_ms": revoked,
            })
        })
        .collect();
    let reports: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT vacancy_id, reason, note, created_at FROM skills_vacancy_report WHERE reporter_id = $1 ORDER BY created_at",
    )
    .bind(person.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let reports: Vec<serde_json::Value> = reports
        .into_iter()
        .map(|(vacancy, reason, note, at)| json!({"vacancy_id": vacancy, "reason": reason, "note": note, "reported_at_ms": at}))
        .collect();
    let choices: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT round_id, batch_id, CAST(rank AS BIGINT) FROM skills_round_choice WHERE person_id = $1 ORDER BY round_id, rank",
    )
    .bind(person.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let choices: Vec<serde_json::Value> = choices
        .into_iter()
        .map(|(round, batch, rank)| json!({"round_id": round, "batch_id": batch, "rank": rank}))
        .collect();
    Ok(json!({
        "profile": profile,
        "applications": applications,
        "enrolments": enrolments,
        "certificates": certificates,
        "vacancy_reports": reports,
        "allocation_choices": choices,
    }))
}

async fn erase(tx: &mut Tx, person: PersonId, now: i64) -> Result<(), StoreError> {
    let id = person.to_string();
    let had_profile: Option<i64> =
        sqlx::query_scalar("SELECT findable FROM skills_profile WHERE person_id = $1")
            .bind(&id)
            .fetch_optional(&mut **tx)
            .await?;
    for sql in [
        "DELETE FROM skills_profile_skill WHERE person_id = $1",
        "DELETE FROM skills_profile_work WHERE person_id = $1",
        "DELETE FROM skills_profile_occupation WHERE person_id = $1",
        "DELETE FROM skills_profile_region WHERE person_id = $1",
        "DELETE FROM skills_alert_sent WHERE person_id = $1",
        "DELETE FROM skills_profile WHERE person_id = $1",
        "UPDATE skills_vacancy_report SET reporter_id = NULL, note = '' WHERE reporter_id = $1",
        "DELETE FROM skills_round_choice WHERE person_id = $1 \
         AND round_id IN (SELECT id FROM skills_round WHERE run_at IS NULL)",
        // The platform's copy goes; the status index stays taken, so no one else's revocation
        // can ever touch the copy the person keeps.
        "UPDATE skills_certificate SET document = '' WHERE person_id = $1",
    ] {
        sqlx::query(sql).bind(&id).execute(&mut **tx).await?;
    }
    let open: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM skills_application WHERE person_id = $1 \
         AND state IN ('applied', 'shortlisted', 'interview', 'offered')",
    )
    .bind(&id)
    .fetch_all(&mut **tx)
    .await?;
    for application in open {
        sqlx::query(
            "INSERT INTO skills_application_event (application_id, at, from_state, to_state, actor_id) \
             SELECT id, $1, state, 'withdrawn', person_id FROM skills_application WHERE id = $2",
        )
        .bind(now)
        .bind(&application)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "UPDATE skills_application SET state = 'withdrawn', updated_at = $1 WHERE id = $2",
        )
        .bind(now)
        .bind(&application)
        .execute(&mut **tx)
        .await?;
    }
    if had_profile == Some(1) {
        sqlx::query("UPDATE skills_generation SET n = n + 1 WHERE name = 'profiles'")
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

impl shetu_web::seam::PersonalData for SkillsData {
    fn part(&self) -> &'static str {
        "skills"
    }

    fn collect<'a>(
        &'a self,
        db: &'a Db,
        person: PersonId,
        _phone: &'a str,
    ) -> BoxFuture<'a, Result<serde_json::Value, StoreError>> {
        Box::pin(collect(db, person))
    }

    fn erase<'a>(
        &'a self,
        tx: &'a mut Tx,
        person: PersonId,
        _phone: &'a str,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(erase(tx, person, shetu_store::now_ms()))
    }
}
