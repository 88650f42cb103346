//! Organisations and their members, platform roles, and service points (digital centres) with
//! their agents. Managed by admins; an organisation's owners manage its members.

use crate::error::PeopleError;
use crate::model::{Actor, MemberRole, OrgKind, RequireRole, Role};
use crate::record;
use shetu_core::id::{OrganizationId, PersonId, ServicePointId};
use shetu_core::{RegionId, Text};
use shetu_store::Db;
use sqlx::Row;

/// An organisation.
#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow)]
pub struct Organization {
    /// Id.
    pub id: OrganizationId,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: OrgKind,
    /// Region.
    #[sqlx(rename = "region_id")]
    pub region: Option<String>,
}

/// A person's membership.
#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow)]
pub struct Membership {
    /// The organisation.
    #[sqlx(rename = "id")]
    pub organization: OrganizationId,
    /// Its name.
    #[sqlx(rename = "name")]
    pub organization_name: String,
    /// Its kind.
    pub kind: OrgKind,
    /// The person's role in it.
    pub role: MemberRole,
}

/// A service point (digital centre).
#[derive(Debug, Clone, serde::Serialize)]
pub struct ServicePoint {
    /// Id.
    pub id: ServicePointId,
    /// Name, e.g. "Kapasia Union Digital Centre".
    pub name: String,
    /// Kind, e.g. `union_digital_centre`.
    pub kind: String,
    /// Where it is.
    pub region: String,
    /// Its agents.
    pub agents: Vec<PersonId>,
}

fn map_fk(e: sqlx::Error, field: &'static str, code: &'static str) -> PeopleError {
    match e {
        sqlx::Error::Database(ref d) if d.is_foreign_key_violation() => {
            PeopleError::Invalid(field, code)
        }
        other => other.into(),
    }
}

/// Creates an organisation (admins).
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn create_organization(
    db: &Db,
    actor: &Actor,
    name: &Text,
    kind: OrgKind,
    region: Option<&RegionId>,
    now: i64,
) -> Result<Organization, PeopleError> {
    actor.require(Role::Admin)?;
    let mut tx = db.begin().await?;
    let id = insert(&mut tx, name, &kind, region, now).await?;
    record(
        &mut tx,
        Some(actor),
        None,
        "organization.create",
        &format!("organization:{id}"),
        serde_json::json!({ "kind": kind }),
    )
    .await?;
    tx.commit().await?;
    Ok(Organization {
        id,
        name: name.as_str().to_owned(),
        kind,
        region: region.map(ToString::to_string),
    })
}

async fn insert(
    tx: &mut sqlx::AnyConnection,
    name: &Text,
    kind: &OrgKind,
    region: Option<&RegionId>,
    now: i64,
) -> Result<OrganizationId, PeopleError> {
    let id = OrganizationId::new();
    sqlx::query("INSERT INTO organization (id, name, kind, region_id, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(id)
        .bind(name.as_str())
        .bind(kind.as_str())
        .bind(region.map(RegionId::as_str))
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(|e| map_fk(e, "region", "invalid_region"))?;
    Ok(id)
}

/// Registers an organisation with `owner` as its owner, inside the caller's transaction. For a
/// module's use case that lets a person register one (an employer, a training provider); the
/// caller decides who may, and writes the audit event.
pub async fn register_in(
    tx: &mut sqlx::AnyConnection,
    owner: PersonId,
    name: &Text,
    kind: OrgKind,
    region: Option<&RegionId>,
    now: i64,
) -> Result<OrganizationId, PeopleError> {
    let id = insert(tx, name, &kind, region, now).await?;
    sqlx::query(
        "INSERT INTO membership (person_id, organization_id, role, created_at) VALUES ($1, $2, 'owner', $3)",
    )
    .bind(owner)
    .bind(id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(id)
}

/// Adds (or changes) a member: admins, or the organisation's owners.
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn set_member(
    db: &Db,
    actor: &Actor,
    org: OrganizationId,
    person: PersonId,
    role: MemberRole,
    now: i64,
) -> Result<(), PeopleError> {
    let mut tx = db.begin().await?;
    if !actor.has(Role::Admin) {
        let owner = sqlx::query("SELECT COUNT(*) FROM membership WHERE person_id = $1 AND organization_id = $2 AND role = 'owner'")
            .bind(actor.person)
            .bind(org)
            .fetch_one(&mut *tx)
            .await?
            .try_get::<i64, _>(0)?;
        if owner == 0 {
            return Err(PeopleError::Forbidden);
        }
    }
    sqlx::query(
        "INSERT INTO membership (person_id, organization_id, role, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (person_id, organization_id) DO UPDATE SET role = excluded.role",
    )
    .bind(person)
    .bind(org)
    .bind(role.as_str())
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(|e| map_fk(e, "person", "not_found"))?;
    let detail = serde_json::json!({ "organization": org, "role": role });
    record(
        &mut tx,
        Some(actor),
        Some(&person.to_string()),
        "membership.set",
        &format!("organization:{org}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Grants or withdraws a platform role (admins).
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn set_role(
    db: &Db,
    actor: &Actor,
    person: PersonId,
    role: Role,
    granted: bool,
    now: i64,
) -> Result<(), PeopleError> {
    actor.require(Role::Admin)?;
    if !granted && role == Role::Admin && person == actor.person {
        return Err(PeopleError::Conflict("cannot_remove_own_admin"));
    }
    let mut tx = db.begin().await?;
    let sql = if granted {
        "INSERT INTO person_role (person_id, role, granted_at) VALUES ($1, $2, $3) ON CONFLICT (person_id, role) DO NOTHING"
    } else {
        "DELETE FROM person_role WHERE person_id = $1 AND role = $2 AND $3 = $3"
    };
    sqlx::query(sql)
        .bind(person)
        .bind(role.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(|e| map_fk(e, "person", "not_found"))?;
    let action = if granted {
        "role.grant"
    } else {
        "role.withdraw"
    };
    record(
        &mut tx,
        Some(actor),
        Some(&person.to_string()),
        action,
        &format!("person:{person}"),
        serde_json::json!({ "role": role }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Grants a role without an acting admin: for seeding the first admin and the demo only.
#[tracing::instrument(skip_all)]
pub async fn bootstrap_role(
    db: &Db,
    person: PersonId,
    role: Role,
    now: i64,
) -> Result<(), PeopleError> {
    let mut tx = db.begin().await?;
    sqlx::query("INSERT INTO person_role (person_id, role, granted_at) VALUES ($1, $2, $3) ON CONFLICT (person_id, role) DO NOTHING")
        .bind(person)
        .bind(role.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        None,
        Some(&person.to_string()),
        "role.grant",
        &format!("person:{person}"),
        serde_json::json!({ "role": role, "bootstrap": true }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What a visitor is told about a service point beyond its name.
#[derive(Debug, Clone, Default)]
pub struct PointDetails {
    /// When it is open, as the centre writes it ("Sat–Thu 9:00–17:00").
    pub opening_hours: Option<Text>,
    /// A number to call.
    pub phone: Option<shetu_core::Phone>,
}

/// Opens a service point (admins).
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn create_service_point(
    db: &Db,
    actor: &Actor,
    name: &Text,
    kind: &str,
    region: &RegionId,
    details: &PointDetails,
    now: i64,
) -> Result<ServicePoint, PeopleError> {
    actor.require(Role::Admin)?;
    let id = ServicePointId::new();
    let mut tx = db.begin().await?;
    sqlx::query("INSERT INTO service_point (id, name, kind, region_id, opening_hours, phone, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(id)
        .bind(name.as_str())
        .bind(kind)
        .bind(region.as_str())
        .bind(details.opening_hours.as_ref().map(|t| t.as_str().to_owned()))
        .bind(details.phone.clone())
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(|e| map_fk(e, "region", "invalid_region"))?;
    record(
        &mut tx,
        Some(actor),
        None,
        "service_point.create",
        &format!("service_point:{id}"),
        serde_json::json!({ "kind": kind, "region": region }),
    )
    .await?;
    tx.commit().await?;
    Ok(ServicePoint {
        id,
        name: name.as_str().to_owned(),
        kind: kind.to_owned(),
        region: region.to_string(),
        agents: Vec::new(),
    })
}

/// Attaches an agent to a service point, granting the agent role (admins).
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn assign_agent(
    db: &Db,
    actor: &Actor,
    point: ServicePointId,
    person: PersonId,
    now: i64,
) -> Result<(), PeopleError> {
    actor.require(Role::Admin)?;
    let mut tx = db.begin().await?;
    sqlx::query("INSERT INTO service_point_agent (service_point_id, person_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(point)
        .bind(person)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(|e| map_fk(e, "person", "not_found"))?;
    sqlx::query("INSERT INTO person_role (person_id, role, granted_at) VALUES ($1, 'agent', $2) ON CONFLICT (person_id, role) DO NOTHING")
        .bind(person)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        Some(actor),
        Some(&person.to_string()),
        "service_point.assign_agent",
        &format!("service_point:{point}"),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Every organisation, by name.
#[tracing::instrument(skip_all)]
pub async fn organizations(db: &Db) -> Result<Vec<Organization>, PeopleError> {
    Ok(
        sqlx::query_as(
            "SELECT id, name, kind, region_id FROM organization ORDER BY name LIMIT 500",
        )
        .fetch_all(db.pool())
        .await?,
    )
}

/// A person's memberships.
#[tracing::instrument(skip_all)]
pub async fn memberships(db: &Db, person: PersonId) -> Result<Vec<Membership>, PeopleError> {
    Ok(sqlx::query_as(
        "SELECT o.id, o.name, o.kind, m.role FROM membership m JOIN organization o ON o.id = m.organization_id WHERE m.person_id = $1 ORDER BY o.name",
    )
    .bind(person)
    .fetch_all(db.pool())
    .await?)
}

/// Every service point with its agents.
#[tracing::instrument(skip_all)]
pub async fn service_points(db: &Db) -> Result<Vec<ServicePoint>, PeopleError> {
    let rows = sqlx::query(
        "SELECT s.id, s.name, s.kind, s.region_id, a.person_id FROM service_point s \
         LEFT JOIN service_point_agent a ON a.service_point_id = s.id ORDER BY s.name, s.id",
    )
    .fetch_all(db.pool())
    .await?;
    let mut points: Vec<ServicePoint> = Vec::new();
    for r in &rows {
        let id: ServicePointId = r
            .try_get::<String, _>("id")?
            .parse()
            .map_err(|_| PeopleError::NotFound("service_point_not_found"))?;
        if points.last().is_none_or(|p| p.id != id) {
            points.push(ServicePoint {
                id,
                name: r.try_get("name")?,
                kind: r.try_get("kind")?,
                region: r.try_get("region_id")?,
                agents: Vec::new(),
            });
        }
        if let (Some(point), Some(agent)) = (
            points.last_mut(),
            r.try_get::<Option<String>, _>("person_id")?,
        ) {
            if let Ok(agent) = agent.parse() {
                point.agents.push(agent);
            }
        }
    }
    Ok(points)
}

/// The service points an agent works at.
#[tracing::instrument(skip_all)]
pub async fn points_of_agent(db: &Db, agent: PersonId) -> Result<Vec<ServicePoint>, PeopleError> {
    Ok(service_points(db)
        .await?
        .into_iter()
        .filter(|p| p.agents.contains(&agent))
        .collect())
}

/// A digital centre as anyone may see it: no ids of the people who work there.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PublicPoint {
    /// Its name.
    pub name: String,
    /// Kind, e.g. `union_digital_centre`.
    pub kind: String,
    /// The region it is in.
    pub region: String,
    /// When it is open.
    pub opening_hours: Option<String>,
    /// A number to call.
    pub phone: Option<String>,
    /// The names of its agents.
    pub agents: Vec<String>,
}

/// Where a person in a region gets help: the centres in the region, or else those of the nearest
/// region above it that has any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Help {
    /// The region whose centres these are (the one asked about, or one above it).
    pub region: RegionId,
    /// Whether they are in the region asked about itself.
    pub here: bool,
    /// The centres, by name.
    pub points: Vec<PublicPoint>,
}

/// The centres in `region` (or anywhere inside it), else in the nearest region above it that has
/// any. `None` when the whole country has none.
#[tracing::instrument(skip_all)]
pub async fn help_near(
    db: &Db,
    pack: &shetu_pack::Pack,
    region: &RegionId,
) -> Result<Option<Help>, PeopleError> {
    let chain = pack.ancestry(region);
    for (n, level) in chain.iter().rev().enumerate() {
        // The region and everything inside it.
        let mut ids = vec![level.id.clone()];
        let mut i = 0;
        while i < ids.len() {
            let more: Vec<RegionId> = pack.children(Some(&ids[i])).map(|r| r.id.clone()).collect();
            ids.extend(more);
            i += 1;
        }
        let mut q = shetu_store::sql::Sql::new(
            "SELECT s.id, s.name, s.kind, s.region_id, s.opening_hours, s.phone, p.name AS agent \
             FROM service_point s LEFT JOIN service_point_agent a ON a.service_point_id = s.id \
             LEFT JOIN person p ON p.id = a.person_id WHERE s.region_id IN ",
        );
        q.list(ids.into_iter().map(|r| r.as_str().to_owned()));
        q.push(" ORDER BY s.name, s.id, p.name");
        let rows = q.build()?.fetch_all(db.pool()).await?;
        let mut points: Vec<(String, PublicPoint)> = Vec::new();
        for r in &rows {
            let id: String = r.try_get("id")?;
            if points.last().is_none_or(|(last, _)| *last != id) {
                points.push((
                    id,
                    PublicPoint {
                        name: r.try_get("name")?,
                        kind: r.try_get("kind")?,
                        region: r.try_get("region_id")?,
                        opening_hours: r.try_get("opening_hours")?,
                        phone: r.try_get("phone")?,
                        agents: Vec::new(),
                    },
                ));
            }
            if let (Some((_, point)), Some(agent)) =
                (points.last_mut(), r.try_get::<Option<String>, _>("agent")?)
            {
                point.agents.push(agent);
            }
        }
        if !points.is_empty() {
            return Ok(Some(Help {
                region: level.id.clone(),
                here: n == 0,
                points: points.into_iter().map(|(_, p)| p).collect(),
            }));
        }
    }
    Ok(None)
}
