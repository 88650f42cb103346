//! Training: verified providers publish courses (skills and occupation taught, level, duration,
//! fee, mode, place) and batches (start date, seats); people enrol (alone, or through an agent
//! under `skills.profile`) while seats last; a provider marks completion, which issues a signed
//! certificate and adds the course's skills to the person's profile as certified.
//! And the skill gap: for an occupation a person aims at, the essential skills they lack and the
//! courses with open seats that teach them, nearest first.

use crate::credentials::{self, VC_CONTEXT};
use crate::employers::{self, record, TRAINING_PROVIDER};
use crate::error::SkillsError;
use crate::exists;
use crate::text;
use crate::SKILLS_PROFILE;
use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};
use shetu_core::{Actor, Role};
use shetu_pack::Pack;
use shetu_people::mandates;
use shetu_store::{now_ms, outbox, Db, Tx};
use sqlx::AnyConnection;

mod enrolment;
use enrolment::*;
mod certificates;
mod gap;
pub use certificates::{
    certificate, complete, key_url, public_key, revoke, revoked, Certificate, Issuing,
};
pub use enrolment::{enrol, enrolments_for, enrolments_of};
pub use gap::{gap, Offer};

/// Course levels.
pub const LEVELS: [&str; 3] = ["basic", "intermediate", "advanced"];
/// The states of an enrolment.
pub const ENROLMENT_STATES: [&str; 3] = ["enrolled", "completed", "cancelled"];
/// How a course is taught.
pub const MODES: [&str; 3] = ["in_person", "online", "mixed"];

/// A course to publish.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCourse {
    /// The provider (a verified training provider you belong to).
    pub provider: String,
    /// Title.
    #[schema(min_length = 1, max_length = 120)]
    pub title: String,
    /// The occupation it prepares for, if one.
    pub occupation_id: Option<i64>,
    /// Skills taught (taxonomy ids).
    pub skills: Vec<i64>,
    /// `basic`, `intermediate` or `advanced`.
    pub level: String,
    /// Length in weeks.
    #[schema(minimum = 1, maximum = 104)]
    pub duration_weeks: i64,
    /// Fee in minor units (0: free).
    #[schema(minimum = 0)]
    pub fee: i64,
    /// `in_person`, `online` or `mixed`.
    pub mode: String,
    /// Where it is taught (a region id of the pack).
    pub district: String,
    /// About the course.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub description: String,
}

/// A course with its batches.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Course {
    /// Its id.
    pub id: String,
    /// The provider.
    pub provider_id: String,
    /// The provider's name.
    pub provider_name: String,
    /// Title.
    pub title: String,
    /// The occupation it prepares for.
    pub occupation_id: Option<i64>,
    /// Level.
    pub level: String,
    /// Weeks.
    pub duration_weeks: i64,
    /// Fee (minor units).
    pub fee: i64,
    /// Mode.
    pub mode: String,
    /// Where.
    pub district_id: String,
    /// About.
    pub description: String,
    /// Skills taught.
    pub skills: Vec<i64>,
    /// Batches, soonest first.
    pub batches: Vec<Batch>,
}

/// A batch of a course.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Batch {
    /// Its id.
    pub id: String,
    /// The course.
    pub course_id: String,
    /// First day, `YYYY-MM-DD`.
    pub starts_on: String,
    /// Seats.
    pub seats: i64,
    /// Seats taken.
    pub taken: i64,
}

/// An enrolment.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Enrolment {
    /// Its id.
    pub id: String,
    /// The batch.
    pub batch_id: String,
    /// The course.
    pub course_id: String,
    /// The course's title.
    pub title: String,
    /// The person.
    pub person_id: String,
    /// Their name.
    pub person_name: String,
    /// `enrolled`, `completed` or `cancelled`.
    pub state: String,
    /// The certificate, once completed.
    pub certificate_id: Option<String>,
}

#[derive(sqlx::FromRow)]
struct CourseRow {
    id: String,
    provider_id: String,
    provider_name: String,
    title: String,
    occupation_id: Option<i64>,
    level: String,
    duration_weeks: i64,
    fee: i64,
    mode: String,
    district_id: String,
    description: String,
}

const COURSE: &str =
    "SELECT c.id, c.provider_id, o.name AS provider_name, c.title, c.occupation_id, c.level, \
    c.duration_weeks, c.fee, c.mode, c.district_id, c.description FROM skills_course c \
    JOIN organization o ON o.id = c.provider_id";

const ENROLMENT: &str = "SELECT e.id, e.batch_id, b.course_id, c.title, e.person_id, p.name AS person_name, e.state, \
    (SELECT x.id FROM skills_certificate x WHERE x.enrolment_id = e.id) AS certificate_id \
    FROM skills_enrolment e JOIN skills_batch b ON b.id = e.batch_id JOIN skills_course c ON c.id = b.course_id \
    JOIN person p ON p.id = e.person_id";

async fn provider_member(
    conn: &mut AnyConnection,
    actor: &Actor,
    provider: &str,
) -> Result<employers::Org, SkillsError> {
    let org = employers::get_in(conn, provider)
        .await
        .map_err(|_| SkillsError::Invalid("provider".into(), "not_a_provider"))?;
    if org.kind != TRAINING_PROVIDER.as_str() {
        return Err(SkillsError::Invalid("provider".into(), "not_a_provider"));
    }
    if !actor.has(Role::Admin) && !employers::is_member(conn, actor.person, provider).await? {
        return Err(SkillsError::Forbidden);
    }
    if org.status != "verified" {
        return Err(SkillsError::Conflict("org_not_verified"));
    }
    Ok(org)
}

/// Publishes a course of a verified provider the actor belongs to.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn publish(
    db: &Db,
    pack: &Pack,
    actor: &Actor,
    new: NewCourse,
) -> Result<Course, SkillsError> {
    let title = text("title", &new.title, 120, true)?;
    let description = text("description", &new.description, 2000, false)?;
    if !LEVELS.contains(&new.level.as_str()) {
        return Err(SkillsError::Invalid("level".into(), "unknown_level"));
    }
    if !MODES.contains(&new.mode.as_str()) {
        return Err(SkillsError::Invalid("mode".into(), "unknown_mode"));
    }
    if !(1..=104).contains(&new.duration_weeks) {
        return Err(SkillsError::OutOfRange {
            field: "duration_weeks".into(),
            min: 1,
            max: 104,
        });
    }
    if !(0..=1_000_000_000).contains(&new.fee) {
        return Err(SkillsError::OutOfRange {
            field: "fee".into(),
            min: 0,
            max: 1_000_000_000,
        });
    }
    let district = new
        .district
        .parse()
        .ok()
        .and_then(|r| pack.region(&r))
        .map(|r| r.id.to_string())
        .ok_or_else(|| SkillsError::Invalid("district".into(), "unknown_region"))?;
    if new.skills.is_empty() {
        return Err(SkillsError::Invalid("skills".into(), "required"));
    }
    if new.skills.len() > 30 {
        return Err(SkillsError::Invalid("skills".into(), "too_many"));
    }
    let mut tx = db.begin().await?;
    provider_member(&mut tx, actor, &new.provider).await?;
    if let Some(o) = new.occupation_id {
        if !exists(&mut tx, "skills_occupation", o).await? {
            return Err(SkillsError::Invalid(
                "occupation_id".into(),
                "unknown_occupation",
            ));
        }
    }
    let mut skills = Vec::new();
    for (i, s) in new.skills.iter().enumerate() {
        if !exists(&mut tx, "skills_skill", *s).await? {
            return Err(SkillsError::Invalid(format!("skills.{i}"), "unknown_skill"));
        }
        if !skills.contains(s) {
            skills.push(*s);
        }
    }
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO skills_course (id, provider_id, title, occupation_id, level, duration_weeks, fee, mode, \
         district_id, description, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&id)
    .bind(&new.provider)
    .bind(&title)
    .bind(new.occupation_id)
    .bind(&new.level)
    .bind(new.duration_weeks)
    .bind(new.fee)
    .bind(&new.mode)
    .bind(&district)
    .bind(&description)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    for s in &skills {
        sqlx::query("INSERT INTO skills_course_skill (course_id, skill_id) VALUES ($1, $2)")
            .bind(&id)
            .bind(*s)
            .execute(&mut *tx)
            .await?;
    }
    let detail = serde_json::json!({ "provider": new.provider, "skills": skills.len() });
    outbox::publish(&mut tx, "skills.course.published", &id, &detail).await?;
    record(
        &mut tx,
        actor,
        None,
        "skills.course.publish",
        &format!("course:{id}"),
        detail,
    )
    .await?;
    let course = get_in(&mut tx, &id).await?;
    tx.commit().await?;
    Ok(course)
}

/// Adds a batch to a course (its provider's members).
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn add_batch(
    db: &Db,
    pack: &Pack,
    actor: &Actor,
    course: &str,
    starts_on: &str,
    seats: i64,
) -> Result<Batch, SkillsError> {
    if !crate::vacancies::is_date(starts_on) {
        return Err(SkillsError::Invalid("starts_on".into(), "invalid_date"));
    }
    if starts_on < crate::vacancies::today(pack, now_ms()).as_str() {
        return Err(SkillsError::Invalid(
            "starts_on".into(),
            "deadline_out_of_range",
        ));
    }
    if !(1..=1000).contains(&seats) {
        return Err(SkillsError::OutOfRange {
            field: "seats".into(),
            min: 1,
            max: 1000,
        });
    }
    let mut tx = db.begin().await?;
    let c = get_in(&mut tx, course).await?;
    provider_member(&mut tx, actor, &c.provider_id).await?;
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query("INSERT INTO skills_batch (id, course_id, starts_on, seats, taken, created_at) VALUES ($1, $2, $3, $4, 0, $5)")
        .bind(&id)
        .bind(course)
        .bind(starts_on)
        .bind(seats)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
    let detail = serde_json::json!({ "course": course, "seats": seats, "starts_on": starts_on });
    outbox::publish(&mut tx, "skills.batch.added", &id, &detail).await?;
    record(
        &mut tx,
        actor,
        None,
        "skills.batch.add",
        &format!("course:{course}"),
        detail,
    )
    .await?;
    let batch: Batch = sqlx::query_as(
        "SELECT id, course_id, starts_on, seats, taken FROM skills_batch WHERE id = $1",
    )
    .bind(&id)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(batch)
}

pub(crate) async fn get_in(conn: &mut AnyConnection, id: &str) -> Result<Course, SkillsError> {
    let row: CourseRow = sqlx::query_as(&format!("{COURSE} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(SkillsError::NotFound("course_not_found"))?;
    let skills: Vec<i64> = sqlx::query_scalar(
        "SELECT skill_id FROM skills_course_skill WHERE course_id = $1 ORDER BY skill_id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let batches: Vec<Batch> = sqlx::query_as(
        "SELECT id, course_id, starts_on, seats, taken FROM skills_batch WHERE course_id = $1 ORDER BY starts_on, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Course {
        id: row.id,
        provider_id: row.provider_id,
        provider_name: row.provider_name,
        title: row.title,
        occupation_id: row.occupation_id,
        level: row.level,
        duration_weeks: row.duration_weeks,
        fee: row.fee,
        mode: row.mode,
        district_id: row.district_id,
        description: row.description,
        skills,
        batches,
    })
}

/// A course.
pub async fn get(db: &Db, id: &str) -> Result<Course, SkillsError> {
    let mut conn = db.pool().acquire().await?;
    get_in(&mut conn, id).await
}
