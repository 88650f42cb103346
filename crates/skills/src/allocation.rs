//! Seat allocation: an administrator opens a round over some batches; applicants (or their
//! agents) rank up to five of them; every batch ranks applicants by the one published rule;
//! the administrator runs deferred acceptance (applicant-proposing, `shetu-match`), which gives
//! the stable allocation best for applicants. The result is stored, seats are taken and
//! enrolments made in the same transaction, and every applicant can read their outcome.

use crate::employers::record;
use crate::error::SkillsError;
use crate::SKILLS_PROFILE;
use serde::{Deserialize, Serialize};
use shetu_core::{Actor, Role};
use shetu_match::allocate::{deferred_acceptance, Applicant};
use shetu_people::mandates;
use shetu_store::{now_ms, outbox, Db};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// The published rule by which every batch ranks its applicants.
pub const RULE: &str = "skill_gap_then_earliest";
/// Most batches one applicant ranks.
pub const MAX_CHOICES: usize = 5;

/// A batch's score of an applicant under [`RULE`] (higher first): the course's skills the
/// applicant does not have yet (training goes first to whom it helps most), then who chose
/// earlier; equal scores go to the lower applicant number.
pub fn score(missing_skills: i64, chosen_at_ms: i64) -> i64 {
    missing_skills * 10_000_000_000_000 - chosen_at_ms
}

/// A round.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Round {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The published ranking rule.
    pub rule: String,
    /// `open` (taking choices) or `run`.
    pub status: String,
}

/// A new round.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRound {
    /// Its title.
    #[schema(min_length = 1, max_length = 120)]
    pub title: String,
    /// The batches whose free seats it allocates.
    pub batches: Vec<String>,
}

/// Opens a round (administrators).
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn open(db: &Db, actor: &Actor, new: NewRound) -> Result<Round, SkillsError> {
    if !actor.has(Role::Admin) {
        return Err(SkillsError::Forbidden);
    }
    let title = crate::text("title", &new.title, 120, true)?;
    if new.batches.is_empty() {
        return Err(SkillsError::Invalid("batches".into(), "required"));
    }
    if new.batches.len() > 500 {
        return Err(SkillsError::Invalid("batches".into(), "too_many"));
    }
    let mut tx = db.begin().await?;
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query("INSERT INTO skills_round (id, title, rule, status, created_at) VALUES ($1, $2, $3, 'open', $4)")
        .bind(&id)
        .bind(&title)
        .bind(RULE)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
    for (i, b) in new.batches.iter().enumerate() {
        let found: Option<String> = sqlx::query_scalar("SELECT id FROM skills_batch WHERE id = $1")
            .bind(b)
            .fetch_optional(&mut *tx)
            .await?;
        if found.is_none() {
            return Err(SkillsError::Invalid(
                format!("batches.{i}"),
                "unknown_batch",
            ));
        }
        sqlx::query("INSERT INTO skills_round_batch (round_id, batch_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(&id)
            .bind(b)
            .execute(&mut *tx)
            .await?;
    }
    let detail = serde_json::json!({ "batches": new.batches.len() });
    outbox::publish(&mut tx, "skills.round.opened", &id, &detail).await?;
    record(
        &mut tx,
        actor,
        None,
        "skills.round.open",
        &format!("round:{id}"),
        detail,
    )
    .await?;
    let round = get_in(&mut tx, &id).await?;
    tx.commit().await?;
    Ok(round)
}

async fn get_in(conn: &mut AnyConnection, id: &str) -> Result<Round, SkillsError> {
    sqlx::query_as("SELECT id, title, rule, status FROM skills_round WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(SkillsError::NotFound("round_not_found"))
}

/// Ranks batches of an open round for the actor (or the person an agent acts for), replacing
/// earlier choices (their time stays that of the first choice).
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn choose(
    db: &Db,
    actor: &Actor,
    round: &str,
    batches: &[String],
) -> Result<(), SkillsError> {
    if batches.is_empty() {
        return Err(SkillsError::Invalid("batches".into(), "required"));
    }
    if batches.len() > MAX_CHOICES {
        return Err(SkillsError::Invalid("batches".into(), "too_many"));
    }
    let now = now_ms();
    let mut tx = db.begin().await?;
    let person = mandates::subject_for(&mut tx, actor, SKILLS_PROFILE, now).await?;
    if get_in(&mut tx, round).await?.status != "open" {
        return Err(SkillsError::Conflict("round_run"));
    }
    let first: Option<i64> = sqlx::query_scalar(
        "SELECT MIN(chosen_at) FROM skills_round_choice WHERE round_id = $1 AND person_id = $2",
    )
    .bind(round)
    .bind(person)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM skills_round_choice WHERE round_id = $1 AND person_id = $2")
        .bind(round)
        .bind(person)
        .execute(&mut *tx)
        .await?;
    let mut seen: Vec<&String> = Vec::new();
    for (i, b) in batches.iter().enumerate() {
        let inside: Option<String> = sqlx::query_scalar(
            "SELECT batch_id FROM skills_round_batch WHERE round_id = $1 AND batch_id = $2",
        )
        .bind(round)
        .bind(b)
        .fetch_optional(&mut *tx)
        .await?;
        if inside.is_none() {
            return Err(SkillsError::Invalid(
                format!("batches.{i}"),
                "unknown_batch",
            ));
        }
        if seen.contains(&b) {
            continue;
        }
        seen.push(b);
        sqlx::query(
            "INSERT INTO skills_round_choice (round_id, person_id, batch_id, rank, chosen_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(round)
        .bind(person)
        .bind(b)
        .bind(i64::try_from(seen.len()).unwrap_or(0))
        .bind(first.unwrap_or(now))
        .execute(&mut *tx)
        .await?;
    }
    let detail = serde_json::json!({ "round": round, "choices": seen.len() });
    record(
        &mut tx,
        actor,
        Some(person),
        "skills.round.choose",
        &format!("round:{round}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What a run did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RunSummary {
    /// Applicants who ranked at least one batch.
    pub applicants: usize,
    /// Of them, placed.
    pub placed: usize,
}

/// Runs deferred acceptance over the round's choices and free seats (administrators), stores
/// the result, takes the seats and enrols the placed, all in one transaction.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn run(db: &Db, actor: &Actor, round: &str) -> Result<RunSummary, SkillsError> {
    if !actor.has(Role::Admin) {
        return Err(SkillsError::Forbidden);
    }
    let now = now_ms();
    let mut tx = db.begin().await?;
    if get_in(&mut tx, round).await?.status != "open" {
        return Err(SkillsError::Conflict("round_run"));
    }
    let batches: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT b.id, b.seats, b.taken FROM skills_round_batch r JOIN skills_batch b ON b.id = r.batch_id \
         WHERE r.round_id = $1 ORDER BY b.id",
    )
    .bind(round)
    .fetch_all(&mut *tx)
    .await?;
    let index: HashMap<&str, u32> = batches
        .iter()
        .enumerate()
        .map(|(i, b)| (b.0.as_str(), u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    let capacities: Vec<u32> = batches
        .iter()
        .map(|b| u32::try_from((b.1 - b.2).max(0)).unwrap_or(0))
        .collect();
    // Each choice with the batch's score of the applicant under the published rule.
    let choices: Vec<(String, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT c.person_id, c.batch_id, c.rank, c.chosen_at, \
           (SELECT COUNT(*) FROM skills_course_skill k WHERE k.course_id = b.course_id \
              AND NOT EXISTS (SELECT 1 FROM skills_profile_skill p WHERE p.person_id = c.person_id AND p.skill_id = k.skill_id)) \
         FROM skills_round_choice c JOIN skills_batch b ON b.id = c.batch_id \
         WHERE c.round_id = $1 ORDER BY c.person_id, c.rank",
    )
    .bind(round)
    .fetch_all(&mut *tx)
    .await?;
    let mut people: Vec<String> = Vec::new();
    let mut applicants: Vec<Applicant> = Vec::new();
    for (person, batch, _, chosen_at, missing) in &choices {
        if people.last() != Some(person) {
            people.push(person.clone());
            applicants.push(Applicant {
                id: u32::try_from(people.len() - 1).unwrap_or(u32::MAX),
                choices: Vec::new(),
            });
        }
        if let (Some(p), Some(a)) = (index.get(batch.as_str()), applicants.last_mut()) {
            a.choices.push((*p, score(*missing, *chosen_at)));
        }
    }
    let allocation = deferred_acceptance(&applicants, &capacities);
    let mut placed = 0;
    for (person, got) in people.iter().zip(&allocation) {
        let batch = got.map(|p| batches[p as usize].0.clone());
        sqlx::query(
            "INSERT INTO skills_round_result (round_id, person_id, batch_id) VALUES ($1, $2, $3)",
        )
        .bind(round)
        .bind(person)
        .bind(&batch)
        .execute(&mut *tx)
        .await?;
        if let Some(b) = batch {
            let already: Option<String> = sqlx::query_scalar(
                "SELECT id FROM skills_enrolment WHERE batch_id = $1 AND person_id = $2",
            )
            .bind(&b)
            .bind(person)
            .fetch_optional(&mut *tx)
            .await?;
            if already.is_none() {
                sqlx::query(
                    "UPDATE skills_batch SET taken = taken + 1 WHERE id = $1 AND taken < seats",
                )
                .bind(&b)
                .execute(&mut *tx)
                .await?;
                sqlx::query("INSERT INTO skills_enrolment (id, batch_id, person_id, state, created_at) VALUES ($1, $2, $3, 'enrolled', $4)")
                    .bind(uuid::Uuid::now_v7().to_string())
                    .bind(&b)
                    .bind(person)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            }
            placed += 1;
        }
    }
    sqlx::query("UPDATE skills_round SET status = 'run', run_at = $1, run_by = $2 WHERE id = $3")
        .bind(now)
        .bind(actor.person)
        .bind(round)
        .execute(&mut *tx)
        .await?;
    let summary = RunSummary {
        applicants: people.len(),
        placed,
    };
    let detail =
        serde_json::json!({ "applicants": summary.applicants, "placed": placed, "rule": RULE });
    outbox::publish(&mut tx, "skills.round.run", round, &detail).await?;
    record(
        &mut tx,
        actor,
        None,
        "skills.round.run",
        &format!("round:{round}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(summary)
}

/// An applicant's outcome in a round.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Outcome {
    /// The round.
    pub round: Round,
    /// The batches the person ranked, in their order.
    pub choices: Vec<String>,
    /// After the run: the batch they got, if any.
    pub placed_in: Option<String>,
    /// Whether the round has been run.
    pub decided: bool,
}

/// The actor's (or their client's) choices and outcome in a round.
pub async fn outcome(db: &Db, actor: &Actor, round: &str) -> Result<Outcome, SkillsError> {
    let mut conn = db.pool().acquire().await?;
    let person = mandates::subject_for(&mut conn, actor, SKILLS_PROFILE, now_ms()).await?;
    let r = get_in(&mut conn, round).await?;
    let choices: Vec<String> = sqlx::query_scalar(
        "SELECT batch_id FROM skills_round_choice WHERE round_id = $1 AND person_id = $2 ORDER BY rank",
    )
    .bind(round)
    .bind(person)
    .fetch_all(&mut *conn)
    .await?;
    let placed: Option<Option<String>> = sqlx::query_scalar(
        "SELECT batch_id FROM skills_round_result WHERE round_id = $1 AND person_id = $2",
    )
    .bind(round)
    .bind(person)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(Outcome {
        decided: r.status == "run",
        round: r,
        choices,
        placed_in: placed.flatten(),
    })
}
