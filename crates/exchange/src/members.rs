//! Members of the network: organisations (government, private, academic, development partner,
//! civil society) and individual experts, each with a country, languages, focus areas and SDG
//! targets. A member registers; the secretariat verifies; verified members are in the public
//! directory and may submit solutions and post needs.

use crate::vocabulary::{code, codes, sdg_targets, FOCUS_AREAS, LANGUAGES, MEMBER_KINDS};
use crate::{record, text, ExchangeError};
use serde::{Deserialize, Serialize};
use shetu_core::{Actor, OrgKind, Role, Text};
use shetu_store::{now_ms, outbox, Db, Tx};
use sqlx::AnyConnection;
use utoipa::ToSchema;

/// Organisation kinds this module adds to the people module's organisations.
pub const ORG_KINDS: [OrgKind; 5] = [
    OrgKind::declared("government"),
    OrgKind::declared("private"),
    OrgKind::declared("academic"),
    OrgKind::declared("development_partner"),
    OrgKind::declared("civil_society"),
];

/// A new member, as sent.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    /// Name of the organisation, or the expert's name.
    #[schema(max_length = 160)]
    pub name: String,
    /// `government`, `private`, `academic`, `development_partner`, `civil_society` or `expert`.
    pub kind: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Languages it works in (ISO 639-1 codes the network uses).
    #[serde(default)]
    pub languages: Vec<String>,
    /// Focus areas.
    #[serde(default)]
    pub focus: Vec<String>,
    /// SDG targets (`16.6`).
    #[serde(default)]
    pub sdgs: Vec<String>,
    /// What it does.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub about: String,
    /// Its website (`https://…`).
    #[serde(default)]
    #[schema(max_length = 200)]
    pub website: String,
}

/// A member, as anyone may read it once verified.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Member {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Languages.
    pub languages: Vec<String>,
    /// Focus areas.
    pub focus: Vec<String>,
    /// SDG targets.
    pub sdgs: Vec<String>,
    /// About.
    pub about: String,
    /// Website.
    pub website: String,
    /// `pending` or `verified`.
    pub status: String,
}

/// Filters of the directory.
#[derive(Debug, Clone, Default)]
pub struct DirectoryFilter {
    /// Country code.
    pub country: Option<String>,
    /// Member kind.
    pub kind: Option<String>,
    /// Focus area.
    pub focus: Option<String>,
}

/// Replaces an owner's tags of one facet.
pub(crate) async fn set_tags(
    tx: &mut AnyConnection,
    owner: &str,
    id: &str,
    facet: &str,
    values: &[String],
) -> Result<(), ExchangeError> {
    sqlx::query("DELETE FROM exchange_tag WHERE owner = $1 AND owner_id = $2 AND facet = $3")
        .bind(owner)
        .bind(id)
        .bind(facet)
        .execute(&mut *tx)
        .await?;
    for v in values {
        sqlx::query(
            "INSERT INTO exchange_tag (owner, owner_id, facet, value) VALUES ($1, $2, $3, $4)",
        )
        .bind(owner)
        .bind(id)
        .bind(facet)
        .bind(v)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// An owner's tags of one facet, in the order written.
pub(crate) async fn tags(
    conn: &mut AnyConnection,
    owner: &str,
    id: &str,
    facet: &str,
) -> Result<Vec<String>, ExchangeError> {
    Ok(sqlx::query_scalar(
        "SELECT value FROM exchange_tag WHERE owner = $1 AND owner_id = $2 AND facet = $3 ORDER BY value",
    )
    .bind(owner)
    .bind(id)
    .bind(facet)
    .fetch_all(&mut *conn)
    .await?)
}

type MemberRow = (String, String, String, String, String, String, String);

async fn hydrate(conn: &mut AnyConnection, r: MemberRow) -> Result<Member, ExchangeError> {
    let (id, name, kind, country, about, website, status) = r;
    Ok(Member {
        languages: tags(conn, "member", &id, "lang").await?,
        focus: tags(conn, "member", &id, "focus").await?,
        sdgs: tags(conn, "member", &id, "sdg").await?,
        id,
        name,
        kind,
        country,
        about,
        website,
        status,
    })
}

const SELECT: &str = "SELECT id, name, kind, country, about, website, status FROM exchange_member";

pub(crate) async fn get_in(conn: &mut AnyConnection, id: &str) -> Result<Member, ExchangeError> {
    let row: Option<MemberRow> = sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    hydrate(
        conn,
        row.ok_or(ExchangeError::NotFound("member_not_found"))?,
    )
    .await
}

/// Whether `actor` may act for member `id`: the expert themself, or a member of the
/// organisation. Administrators (the secretariat) may act for any member.
pub(crate) async fn may_act_for(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &str,
) -> Result<bool, ExchangeError> {
    if actor.has(Role::Admin) {
        return Ok(true);
    }
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM exchange_member m WHERE m.id = $1 AND (m.person_id = $2 \
         OR EXISTS (SELECT 1 FROM membership s WHERE s.organization_id = m.id AND s.person_id = $2))",
    )
    .bind(id)
    .bind(actor.person.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

/// A verified member `actor` may act for, or why not.
pub(crate) async fn acting_member(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &str,
) -> Result<Member, ExchangeError> {
    let member = get_in(conn, id).await?;
    if !may_act_for(conn, actor, id).await? {
        return Err(ExchangeError::Forbidden);
    }
    if member.status != "verified" {
        return Err(ExchangeError::Conflict("member_not_verified"));
    }
    crate::moderation::not_suspended(conn, actor, shetu_store::now_ms()).await?;
    Ok(member)
}

fn website(value: &str) -> Result<String, ExchangeError> {
    let v = text("website", value, 200, false)?;
    if v.is_empty() || v.starts_with("https://") || v.starts_with("http://") {
        Ok(v)
    } else {
        Err(ExchangeError::Invalid("website".into(), "not_a_url"))
    }
}

/// Registers a member: an organisation with the actor as its owner, or the actor as an expert.
/// It waits for the secretariat's verification.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn register(db: &Db, actor: &Actor, new: NewMember) -> Result<Member, ExchangeError> {
    let name = text("name", &new.name, 160, true)?;
    let kind = code("kind", &new.kind, &MEMBER_KINDS)?;
    let country = new.country.trim().to_ascii_uppercase();
    if crate::countries::get(&country).is_none() {
        return Err(ExchangeError::Invalid("country".into(), "unknown_country"));
    }
    let languages = codes("languages", &new.languages, &LANGUAGES, 8)?;
    let focus = codes("focus", &new.focus, &FOCUS_AREAS, 6)?;
    let sdgs = sdg_targets("sdgs", &new.sdgs, 20)?;
    let about = text("about", &new.about, 2000, false)?;
    let website = website(&new.website)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let (id, person) = match ORG_KINDS.iter().find(|k| k.as_str() == kind) {
        Some(org_kind) => {
            let name = Text::parse(&name, 160)
                .map_err(|_| ExchangeError::Invalid("name".into(), "required"))?;
            let org = shetu_people::orgs::register_in(
                &mut tx,
                actor.person,
                &name,
                org_kind.clone(),
                None,
                now,
            )
            .await?;
            (org.to_string(), None)
        }
        None => {
            let taken: Option<String> =
                sqlx::query_scalar("SELECT id FROM exchange_member WHERE person_id = $1")
                    .bind(actor.person.to_string())
                    .fetch_optional(&mut *tx)
                    .await?;
            if taken.is_some() {
                return Err(ExchangeError::Conflict("member_exists"));
            }
            (
                uuid::Uuid::now_v7().to_string(),
                Some(actor.person.to_string()),
            )
        }
    };
    sqlx::query(
        "INSERT INTO exchange_member (id, kind, person_id, name, country, about, website, status, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9)",
    )
    .bind(&id)
    .bind(&kind)
    .bind(person)
    .bind(&name)
    .bind(&country)
    .bind(&about)
    .bind(&website)
    .bind(actor.person.to_string())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    set_tags(&mut tx, "member", &id, "lang", &languages).await?;
    set_tags(&mut tx, "member", &id, "focus", &focus).await?;
    set_tags(&mut tx, "member", &id, "sdg", &sdgs).await?;
    let detail = serde_json::json!({ "kind": kind, "country": country });
    outbox::publish(&mut tx, "exchange.member.registered", &id, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.member.register",
        &format!("member:{id}"),
        detail,
    )
    .await?;
    let member = get_in(&mut tx, &id).await?;
    tx.commit().await?;
    Ok(member)
}

/// The secretariat verifies a member.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn verify(db: &Db, actor: &Actor, id: &str) -> Result<Member, ExchangeError> {
    if !actor.has(Role::Admin) {
        return Err(ExchangeError::Forbidden);
    }
    let mut tx: Tx = db.begin().await?;
    get_in(&mut tx, id).await?;
    sqlx::query("UPDATE exchange_member SET status = 'verified', verified_at = $1, verified_by = $2 WHERE id = $3")
        .bind(now_ms())
        .bind(actor.person.to_string())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let detail = serde_json::json!({ "member": id });
    outbox::publish(&mut tx, "exchange.member.verified", id, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.member.verify",
        &format!("member:{id}"),
        detail,
    )
    .await?;
    let member = get_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(member)
}

/// A verified member (or any, for the secretariat and the member's own people).
pub async fn get(db: &Db, actor: Option<&Actor>, id: &str) -> Result<Member, ExchangeError> {
    let mut conn = crate::conn(db).await?;
    let member = get_in(&mut conn, id).await?;
    if member.status != "verified" {
        let allowed = match actor {
            Some(a) => may_act_for(&mut conn, a, id).await?,
            None => false,
        };
        if !allowed {
            return Err(ExchangeError::NotFound("member_not_found"));
        }
    }
    Ok(member)
}

impl DirectoryFilter {
    /// Refuses values no member can have (an unknown country, kind or focus area).
    pub fn check(&self) -> Result<(), ExchangeError> {
        if let Some(c) = &self.country {
            if crate::countries::get(&c.to_ascii_uppercase()).is_none() {
                return Err(ExchangeError::Invalid("country".into(), "unknown_country"));
            }
        }
        if let Some(k) = &self.kind {
            code("kind", k, &MEMBER_KINDS)?;
        }
        if let Some(f) = &self.focus {
            code("focus", f, &FOCUS_AREAS)?;
        }
        Ok(())
    }
}

/// The public directory: verified members, by name, filtered.
pub async fn directory(db: &Db, filter: &DirectoryFilter) -> Result<Vec<Member>, ExchangeError> {
    filter.check()?;
    let mut sql = format!("{SELECT} WHERE status = 'verified'");
    let mut binds: Vec<String> = Vec::new();
    if let Some(c) = &filter.country {
        binds.push(c.to_ascii_uppercase());
        sql.push_str(&format!(" AND country = ${}", binds.len()));
    }
    if let Some(k) = &filter.kind {
        binds.push(k.clone());
        sql.push_str(&format!(" AND kind = ${}", binds.len()));
    }
    if let Some(f) = &filter.focus {
        binds.push(f.clone());
        sql.push_str(&format!(
            " AND id IN (SELECT owner_id FROM exchange_tag WHERE owner = 'member' AND facet = 'focus' AND value = ${})",
            binds.len()
        ));
    }
    sql.push_str(" ORDER BY name, id");
    let mut query = sqlx::query_as::<_, MemberRow>(&sql);
    for b in &binds {
        query = query.bind(b);
    }
    let mut conn = crate::conn(db).await?;
    let rows = query.fetch_all(&mut *conn).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(hydrate(&mut conn, r).await?);
    }
    Ok(out)
}

/// Members waiting for verification (the secretariat's queue).
pub async fn pending(db: &Db, actor: &Actor) -> Result<Vec<Member>, ExchangeError> {
    if !actor.has(Role::Admin) {
        return Err(ExchangeError::Forbidden);
    }
    let mut conn = crate::conn(db).await?;
    let rows: Vec<MemberRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE status = 'pending' ORDER BY created_at, id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(hydrate(&mut conn, r).await?);
    }
    Ok(out)
}

/// The members `actor` may act for.
pub async fn mine(db: &Db, actor: &Actor) -> Result<Vec<Member>, ExchangeError> {
    let mut conn = crate::conn(db).await?;
    let rows: Vec<MemberRow> = sqlx::query_as(&format!(
        "{SELECT} m WHERE m.person_id = $1 OR EXISTS (SELECT 1 FROM membership s \
         WHERE s.organization_id = m.id AND s.person_id = $1) ORDER BY name, id"
    ))
    .bind(actor.person.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(hydrate(&mut conn, r).await?);
    }
    Ok(out)
}
