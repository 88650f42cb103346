//! Employers, recruiting agencies and training providers: registered by a person (who becomes
//! the organisation's owner), verified by an administrator before they can post; the employers
//! an agency represents, recorded by an administrator from the agency's contracts.

use crate::error::SkillsError;
use crate::text;
use serde::{Deserialize, Serialize};
use shetu_core::id::PersonId;
use shetu_core::{Actor, OrgKind, Role, Text};
use shetu_pack::Pack;
use shetu_store::{audit, now_ms, outbox, Db, Tx};
use sqlx::AnyConnection;

/// An employer.
pub const EMPLOYER: OrgKind = OrgKind::declared("employer");
/// A recruiting agency (posts for the employers it represents).
pub const RECRUITING_AGENCY: OrgKind = OrgKind::declared("recruiting_agency");
/// A training provider.
pub const TRAINING_PROVIDER: OrgKind = OrgKind::declared("training_provider");

/// The kinds a person can register, as written in requests.
pub const KINDS: [&str; 3] = ["employer", "recruiting_agency", "training_provider"];

/// An organisation to register.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrg {
    /// Its name.
    #[schema(min_length = 1, max_length = 120)]
    pub name: String,
    /// `employer`, `recruiting_agency` or `training_provider`.
    pub kind: String,
    /// The district it is in (a region id of the pack).
    pub district: String,
    /// Trade licence, or an agency's recruiting licence number.
    #[serde(default)]
    #[schema(max_length = 60)]
    pub licence: String,
    /// What it does.
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub about: String,
}

/// An organisation of the skills module.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Org {
    /// Its id (an organisation of the platform).
    pub id: String,
    /// Its name.
    pub name: String,
    /// `employer`, `recruiting_agency` or `training_provider`.
    pub kind: String,
    /// Its district.
    pub district_id: String,
    /// Its licence number.
    pub licence: String,
    /// What it does.
    pub about: String,
    /// `pending` or `verified`.
    pub status: String,
}

const SELECT: &str = "SELECT o.id, o.name, s.kind, s.district_id, s.licence, s.about, s.status \
    FROM skills_org s JOIN organization o ON o.id = s.org_id";

/// Records an audit event of the skills module.
pub(crate) async fn record(
    tx: &mut Tx,
    actor: &Actor,
    subject: Option<PersonId>,
    action: &str,
    object: &str,
    detail: serde_json::Value,
) -> Result<(), SkillsError> {
    let actor_id = actor.person.to_string();
    let subject_id = subject.map(|s| s.to_string());
    audit::record(
        tx,
        audit::Entry {
            actor: Some(&actor_id),
            subject: subject_id.as_deref(),
            action,
            object,
            request_id: actor.request_id.as_deref(),
            detail,
        },
    )
    .await?;
    Ok(())
}

/// Registers an employer, agency or training provider with the actor as its owner; it waits
/// for an administrator's verification.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn register(
    db: &Db,
    pack: &Pack,
    actor: &Actor,
    new: NewOrg,
) -> Result<Org, SkillsError> {
    let name = text("name", &new.name, 120, true)?;
    let kind = match new.kind.as_str() {
        "employer" => EMPLOYER,
        "recruiting_agency" => RECRUITING_AGENCY,
        "training_provider" => TRAINING_PROVIDER,
        _ => return Err(SkillsError::Invalid("kind".into(), "unknown_org_kind")),
    };
    let district: shetu_core::RegionId = new
        .district
        .parse()
        .ok()
        .filter(|r| pack.region(r).is_some())
        .ok_or_else(|| SkillsError::Invalid("district".into(), "unknown_region"))?;
    let licence = text("licence", &new.licence, 60, false)?;
    let about = text("about", &new.about, 1000, false)?;
    let name_text =
        Text::parse(&name, 120).map_err(|_| SkillsError::Invalid("name".into(), "required"))?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let id = shetu_people::orgs::register_in(
        &mut tx,
        actor.person,
        &name_text,
        kind.clone(),
        Some(&district),
        now,
    )
    .await?;
    sqlx::query(
        "INSERT INTO skills_org (org_id, kind, district_id, licence, about, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'pending', $6)",
    )
    .bind(id)
    .bind(kind.as_str())
    .bind(district.as_str())
    .bind(&licence)
    .bind(&about)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let detail = serde_json::json!({ "kind": kind.as_str(), "district": district.as_str() });
    outbox::publish(&mut tx, "skills.org.registered", &id.to_string(), &detail).await?;
    record(
        &mut tx,
        actor,
        None,
        "skills.org.register",
        &format!("organization:{id}"),
        detail,
    )
    .await?;
    let org = get_in(&mut tx, &id.to_string()).await?;
    tx.commit().await?;
    Ok(org)
}

/// An administrator verifies an organisation (its licence was checked); it can then post.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn verify(db: &Db, actor: &Actor, org: &str) -> Result<Org, SkillsError> {
    if !actor.has(Role::Admin) {
        return Err(SkillsError::Forbidden);
    }
    let mut tx = db.begin().await?;
    get_in(&mut tx, org).await?;
    sqlx::query(
        "UPDATE skills_org SET status = 'verified', verified_at = $1, verified_by = $2 WHERE org_id = $3",
    )
    .bind(now_ms())
    .bind(actor.person)
    .bind(org)
    .execute(&mut *tx)
    .await?;
    let detail = serde_json::json!({ "organization": org });
    outbox::publish(&mut tx, "skills.org.verified", org, &detail).await?;
    record(
        &mut tx,
        actor,
        None,
        "skills.org.verify",
        &format!("organization:{org}"),
        detail,
    )
    .await?;
    let verified = get_in(&mut tx, org).await?;
    tx.commit().await?;
    Ok(verified)
}

/// An administrator records that an agency represents an employer (both registered).
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn represent(
    db: &Db,
    actor: &Actor,
    agency: &str,
    employer: &str,
) -> Result<(), SkillsError> {
    if !actor.has(Role::Admin) {
        return Err(SkillsError::Forbidden);
    }
    let mut tx = db.begin().await?;
    if get_in(&mut tx, agency).await?.kind != RECRUITING_AGENCY.as_str() {
        return Err(SkillsError::Invalid("agency".into(), "not_an_agency"));
    }
    if get_in(&mut tx, employer).await?.kind != EMPLOYER.as_str() {
        return Err(SkillsError::Invalid("employer".into(), "not_an_employer"));
    }
    sqlx::query(
        "INSERT INTO skills_agency_client (agency_id, employer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(agency)
    .bind(employer)
    .execute(&mut *tx)
    .await?;
    let detail = serde_json::json!({ "agency": agency, "employer": employer });
    record(
        &mut tx,
        actor,
        None,
        "skills.org.represent",
        &format!("organization:{agency}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_in(conn: &mut AnyConnection, id: &str) -> Result<Org, SkillsError> {
    sqlx::query_as(&format!("{SELECT} WHERE s.org_id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(SkillsError::NotFound("organization_not_found"))
}

/// One organisation.
pub async fn get(db: &Db, id: &str) -> Result<Org, SkillsError> {
    let mut conn = db.pool().acquire().await?;
    get_in(&mut conn, id).await
}

/// Organisations waiting for verification, oldest first (administrators).
pub async fn pending(db: &Db, actor: &Actor) -> Result<Vec<Org>, SkillsError> {
    if !actor.has(Role::Admin) {
        return Err(SkillsError::Forbidden);
    }
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE s.status = 'pending' ORDER BY s.created_at LIMIT 200"
    ))
    .fetch_all(db.pool())
    .await?)
}

/// Verified organisations of one kind, by name (administrators' lists).
pub async fn verified_of_kind(db: &Db, kind: &str) -> Result<Vec<Org>, SkillsError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE s.kind = $1 AND s.status = 'verified' ORDER BY o.name LIMIT 500"
    ))
    .bind(kind)
    .fetch_all(db.pool())
    .await?)
}

/// The organisations `person` belongs to.
pub async fn of_member(db: &Db, person: PersonId) -> Result<Vec<Org>, SkillsError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} JOIN membership m ON m.organization_id = s.org_id WHERE m.person_id = $1 ORDER BY o.name"
    ))
    .bind(person)
    .fetch_all(db.pool())
    .await?)
}

/// Whether `person` belongs to the organisation.
pub(crate) async fn is_member(
    conn: &mut AnyConnection,
    person: PersonId,
    org: &str,
) -> Result<bool, SkillsError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM membership WHERE person_id = $1 AND organization_id = $2",
    )
    .bind(person)
    .bind(org)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// Whether the agency represents the employer.
pub(crate) async fn represents(
    conn: &mut AnyConnection,
    agency: &str,
    employer: &str,
) -> Result<bool, SkillsError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM skills_agency_client WHERE agency_id = $1 AND employer_id = $2",
    )
    .bind(agency)
    .bind(employer)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}
