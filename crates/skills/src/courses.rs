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

async fn enrolment_in(conn: &mut AnyConnection, id: &str) -> Result<Enrolment, SkillsError> {
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

/// Where this node is reached, for the ids and keys in certificates.
#[derive(Debug, Clone, Default)]
pub struct Issuing {
    /// `http://127.0.0.1:8080`, no trailing slash.
    pub public_url: String,
}

/// The provider's signing key, made on first use. (Kept in the database like the audit log's
/// subject keys; a hardware or cloud key store is for later — see ADR 18.)
async fn issuer_key(tx: &mut Tx, provider: &str) -> Result<(String, SigningKey), SkillsError> {
    let found: Option<(String, String)> =
        sqlx::query_as("SELECT key_id, seed FROM skills_issuer_key WHERE org_id = $1")
            .bind(provider)
            .fetch_optional(&mut **tx)
            .await?;
    if let Some((key_id, seed)) = found {
        let bytes: [u8; 32] = hex::decode(&seed)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| shetu_store::StoreError::Corrupt("issuer key".into()))?;
        return Ok((key_id, SigningKey::from_bytes(&bytes)));
    }
    let seed: [u8; 32] = {
        use sha2::Digest;
        // 32 random bytes from two random tokens, hashed.
        let mut h = sha2::Sha256::new();
        h.update(shetu_store::secret::token().as_bytes());
        h.update(shetu_store::secret::token().as_bytes());
        h.finalize().into()
    };
    let key = SigningKey::from_bytes(&seed);
    let key_id = "key-1".to_owned();
    sqlx::query("INSERT INTO skills_issuer_key (org_id, key_id, public_key, seed, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(provider)
        .bind(&key_id)
        .bind(credentials::multikey(&key.verifying_key()))
        .bind(hex::encode(seed))
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
    Ok((key_id, key))
}

/// The URL of a provider's key (its verification method).
pub fn key_url(issuing: &Issuing, provider: &str, key_id: &str) -> String {
    format!(
        "{}/skills/providers/{provider}/keys/{key_id}",
        issuing.public_url
    )
}

/// A provider marks an enrolment completed: a certificate is issued (a signed Verifiable
/// Credential) and the course's skills join the person's profile as certified.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn complete(
    db: &Db,
    issuing: &Issuing,
    actor: &Actor,
    enrolment: &str,
) -> Result<Enrolment, SkillsError> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    let e = enrolment_in(&mut tx, enrolment).await?;
    let course = get_in(&mut tx, &e.course_id).await?;
    provider_member(&mut tx, actor, &course.provider_id).await?;
    if e.state != "enrolled" {
        return Err(SkillsError::Conflict("enrolment_not_open"));
    }
    sqlx::query("UPDATE skills_enrolment SET state = 'completed', completed_at = $1 WHERE id = $2")
        .bind(now)
        .bind(enrolment)
        .execute(&mut *tx)
        .await?;
    let (key_id, key) = issuer_key(&mut tx, &course.provider_id).await?;
    let index: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(status_index), -1) + 1 FROM skills_certificate WHERE provider_id = $1",
    )
    .bind(&course.provider_id)
    .fetch_one(&mut *tx)
    .await?;
    if index >= credentials::STATUS_BITS as i64 {
        return Err(SkillsError::Conflict("status_list_full"));
    }
    let id = uuid::Uuid::now_v7().to_string();
    let skills: Vec<(String, String)> = {
        let mut sql =
            shetu_store::sql::Sql::new("SELECT uuid, label_en FROM skills_skill WHERE id IN ");
        sql.list(course.skills.iter().copied()).push(" ORDER BY id");
        let args = sql.build_args()?;
        sqlx::query_as_with(sql.text(), args)
            .fetch_all(&mut *tx)
            .await?
    };
    let issued = crate::vacancies::date_of(now);
    let created = format!("{issued}T{}Z", time_of(now));
    let base = &issuing.public_url;
    let document = serde_json::json!({
        "@context": [VC_CONTEXT],
        "id": format!("{base}/verify/{id}"),
        "type": ["VerifiableCredential", "CourseCompletionCredential"],
        "issuer": { "id": format!("{base}/skills/providers/{}", course.provider_id), "name": course.provider_name },
        "validFrom": created,
        "name": course.title,
        "credentialSubject": {
            "id": format!("{base}/people/{}", e.person_id),
            "name": e.person_name,
            "completed": {
                "course": course.title,
                "level": course.level,
                "weeks": course.duration_weeks,
                "skills": skills.iter().map(|(uuid, label)| serde_json::json!({
                    "id": format!("http://data.europa.eu/esco/skill/{uuid}"), "name": label
                })).collect::<Vec<_>>(),
            },
        },
        "credentialStatus": {
            "id": format!("{base}/skills/providers/{}/status#{index}", course.provider_id),
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": index.to_string(),
            "statusListCredential": format!("{base}/skills/providers/{}/status", course.provider_id),
        },
    });
    let signed = credentials::sign(
        &document,
        &key,
        &key_url(issuing, &course.provider_id, &key_id),
        &created,
    )
    .map_err(|e| shetu_store::StoreError::Corrupt(e.to_string()))?;
    sqlx::query(
        "INSERT INTO skills_certificate (id, enrolment_id, person_id, provider_id, status_index, document, issued_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(enrolment)
    .bind(&e.person_id)
    .bind(&course.provider_id)
    .bind(index)
    .bind(signed.to_string())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    // The course's skills become certified on the person's profile (if they keep one).
    let has_profile: Option<String> =
        sqlx::query_scalar("SELECT person_id FROM skills_profile WHERE person_id = $1")
            .bind(&e.person_id)
            .fetch_optional(&mut *tx)
            .await?;
    if has_profile.is_some() {
        for s in &course.skills {
            sqlx::query(
                "INSERT INTO skills_profile_skill (person_id, skill_id, level, evidence, added_at) \
                 VALUES ($1, $2, 'good', 'certificate', $3) \
                 ON CONFLICT (person_id, skill_id) DO UPDATE SET evidence = 'certificate'",
            )
            .bind(&e.person_id)
            .bind(*s)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        crate::vacancies::bump(&mut tx, "profiles").await?;
    }
    let subject: Option<shetu_core::id::PersonId> = e.person_id.parse().ok();
    let detail = serde_json::json!({ "certificate": id, "course": course.id });
    outbox::publish(&mut tx, "skills.certificate.issued", &id, &detail).await?;
    record(
        &mut tx,
        actor,
        subject,
        "skills.enrolment.complete",
        &format!("enrolment:{enrolment}"),
        detail,
    )
    .await?;
    let done = enrolment_in(&mut tx, enrolment).await?;
    tx.commit().await?;
    Ok(done)
}

fn time_of(ms: i64) -> String {
    let s = ms.div_euclid(1000).rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", s / 3600, s % 3600 / 60, s % 60)
}

/// A provider revokes a certificate; its bit in the published status list is set.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn revoke(db: &Db, actor: &Actor, certificate: &str) -> Result<(), SkillsError> {
    let mut tx = db.begin().await?;
    let found: Option<(String, String, Option<i64>)> = sqlx::query_as(
        "SELECT provider_id, person_id, revoked_at FROM skills_certificate WHERE id = $1",
    )
    .bind(certificate)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((provider, person, revoked)) = found else {
        return Err(SkillsError::NotFound("certificate_not_found"));
    };
    provider_member(&mut tx, actor, &provider).await?;
    if revoked.is_some() {
        return Err(SkillsError::Conflict("certificate_revoked"));
    }
    sqlx::query("UPDATE skills_certificate SET revoked_at = $1 WHERE id = $2")
        .bind(now_ms())
        .bind(certificate)
        .execute(&mut *tx)
        .await?;
    let detail = serde_json::json!({ "certificate": certificate });
    outbox::publish(&mut tx, "skills.certificate.revoked", certificate, &detail).await?;
    record(
        &mut tx,
        actor,
        person.parse().ok(),
        "skills.certificate.revoke",
        &format!("certificate:{certificate}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A certificate as stored: its document, the holder, and whether it is revoked.
#[derive(Debug, Clone)]
pub struct Certificate {
    /// Its id.
    pub id: String,
    /// The holder.
    pub person_id: String,
    /// The issuing provider.
    pub provider_id: String,
    /// The signed document.
    pub document: serde_json::Value,
    /// Revoked.
    pub revoked: bool,
}

/// A certificate by id.
pub async fn certificate(db: &Db, id: &str) -> Result<Certificate, SkillsError> {
    let found: Option<(String, String, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, person_id, provider_id, document, revoked_at FROM skills_certificate WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    // An erased person's certificate keeps its row (and status index) but not its document.
    let (id, person_id, provider_id, document, revoked) = found
        .filter(|f| !f.3.is_empty())
        .ok_or(SkillsError::NotFound("certificate_not_found"))?;
    Ok(Certificate {
        id,
        person_id,
        provider_id,
        document: serde_json::from_str(&document)
            .map_err(|e| shetu_store::StoreError::Corrupt(e.to_string()))?,
        revoked: revoked.is_some(),
    })
}

/// A provider's published key (Multikey), by the verification method's URL parts.
pub async fn public_key(db: &Db, provider: &str, key_id: &str) -> Result<String, SkillsError> {
    sqlx::query_scalar("SELECT public_key FROM skills_issuer_key WHERE org_id = $1 AND key_id = $2")
        .bind(provider)
        .bind(key_id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(SkillsError::NotFound("key_not_found"))
}

/// A provider's status list: the indexes of its revoked certificates.
pub async fn revoked(db: &Db, provider: &str) -> Result<Vec<usize>, SkillsError> {
    let rows: Vec<i64> = sqlx::query_scalar(
        "SELECT status_index FROM skills_certificate WHERE provider_id = $1 AND revoked_at IS NOT NULL",
    )
    .bind(provider)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|i| usize::try_from(i).ok())
        .collect())
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

/// A course that teaches some of the missing skills, with its next open batch.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Offer {
    /// The course.
    pub course: Course,
    /// The missing skills it teaches.
    pub teaches: Vec<i64>,
    /// Its soonest batch with a seat.
    pub batch: Batch,
    /// 0: in the person's district; 1: in their division; 2: elsewhere (online counts as 0).
    pub distance: u8,
}

/// The skill gap for an occupation: its essential skills the profile lacks, and the courses
/// with open seats that teach them, nearest first (then most missing skills taught, soonest).
pub async fn gap(
    db: &Db,
    pack: &Pack,
    profile: &crate::profiles::ProfileInput,
    occupation: i64,
) -> Result<(Vec<i64>, Vec<Offer>), SkillsError> {
    let essential: Vec<i64> = sqlx::query_scalar(
        "SELECT skill_id FROM skills_occupation_skill WHERE occupation_id = $1 AND essential = 1 ORDER BY skill_id",
    )
    .bind(occupation)
    .fetch_all(db.pool())
    .await?;
    if essential.is_empty() {
        let known: Option<i64> =
            sqlx::query_scalar("SELECT id FROM skills_occupation WHERE id = $1")
                .bind(occupation)
                .fetch_optional(db.pool())
                .await?;
        if known.is_none() {
            return Err(SkillsError::NotFound("occupation_not_found"));
        }
    }
    let missing: Vec<i64> = essential
        .into_iter()
        .filter(|s| !profile.skills.iter().any(|k| k.skill_id == *s))
        .collect();
    if missing.is_empty() {
        return Ok((missing, Vec::new()));
    }
    let today = crate::vacancies::today(pack, now_ms());
    let mut sql = shetu_store::sql::Sql::new(
        "SELECT DISTINCT cs.course_id FROM skills_course_skill cs JOIN skills_batch b ON b.course_id = cs.course_id \
         WHERE b.taken < b.seats AND b.starts_on >= ",
    );
    sql.bind(today.clone())
        .push(" AND cs.skill_id IN ")
        .list(missing.iter().copied());
    let ids: Vec<String> = {
        let args = sql.build_args()?;
        sqlx::query_scalar_with(sql.text(), args)
            .fetch_all(db.pool())
            .await?
    };
    let home = profile.district.clone().unwrap_or_default();
    let division = |region: &str| {
        region
            .parse()
            .ok()
            .and_then(|r| pack.region(&r))
            .and_then(|r| r.parent.clone())
            .map(|p| p.to_string())
    };
    let mut offers = Vec::new();
    for id in ids.iter().take(200) {
        let course = get(db, id).await?;
        let Some(batch) = course
            .batches
            .iter()
            .find(|b| b.taken < b.seats && b.starts_on >= today)
            .cloned()
        else {
            continue;
        };
        let distance = if course.mode == "online" || course.district_id == home {
            0
        } else if division(&course.district_id).is_some()
            && division(&course.district_id) == division(&home)
        {
            1
        } else {
            2
        };
        let teaches = missing
            .iter()
            .copied()
            .filter(|s| course.skills.contains(s))
            .collect();
        offers.push(Offer {
            course,
            teaches,
            batch,
            distance,
        });
    }
    offers.sort_by(|a, b| {
        a.distance
            .cmp(&b.distance)
            .then(b.teaches.len().cmp(&a.teaches.len()))
            .then(a.batch.starts_on.cmp(&b.batch.starts_on))
            .then(a.course.id.cmp(&b.course.id))
    });
    offers.truncate(20);
    Ok((missing, offers))
}
