//! Administration: people and roles, organisations and members, service points and agents, the
//! audit trail, and (in demo mode) the sandbox SMS outbox.

use super::account::event_rows;
use crate::persons::{self, NewPerson};
use crate::RequireRole;
use crate::{orgs, sms, Actor, MemberRole, OrgKind, Role};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shetu_core::{Phone, RegionId, Text};
use shetu_store::{audit, now_ms};
use shetu_web::auth::{CsrfForm, Member, Visitor};
use shetu_web::error::{ApiError, FieldProblem};
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render, when, Chrome};
use shetu_web::AppState;

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    tr: Tr,
    chrome: Chrome,
    done: bool,
    q: String,
    audit_q: String,
    example: String,
    people: Vec<(String, String, String, String)>,
    roles: Vec<(String, String)>,
    orgs: Vec<(String, String, String)>,
    kinds: Vec<(String, String)>,
    points: Vec<(String, String, String, String)>,
    events: Vec<super::account::EventRow>,
    demo: bool,
    sms: Vec<(String, String, String)>,
    /// The sandbox e-mail outbox: (when, to, subject, text).
    mail: Vec<(String, String, String, String)>,
    /// The part of the admin area shown ("" for the overview).
    section: String,
    /// The parts: (path, label).
    sections: Vec<(&'static str, String)>,
}

#[derive(Deserialize, Default)]
pub struct AdminQuery {
    q: Option<String>,
    audit: Option<String>,
    done: Option<String>,
}

fn admin_actor(visitor: &Visitor) -> Result<Actor, ApiError> {
    let mut actor = visitor
        .actor()
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "sign_in_required"))?;
    actor.require(Role::Admin).map_err(ApiError::from)?;
    actor.on_behalf_of = None;
    Ok(actor)
}

/// `GET /admin`
pub async fn show(
    state: State<AppState>,
    locale: Locale,
    uri: Uri,
    member: Member,
    query: Result<Query<AdminQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    section_page(state, locale, uri, member, String::new(), query).await
}

/// `GET /admin/{section}`: one part of the admin area (people, organisations, service points,
/// the log, the SMS outbox), each small enough for a phone's screen.
pub async fn section(
    state: State<AppState>,
    locale: Locale,
    uri: Uri,
    member: Member,
    Path(section): Path<String>,
    query: Result<Query<AdminQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    if !["people", "orgs", "points", "log", "sms", "email"].contains(&section.as_str()) {
        return Err(ApiError::not_found("not_found"));
    }
    section_page(state, locale, uri, member, section, query).await
}

async fn section_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    Member(_, visitor): Member,
    section: String,
    query: Result<Query<AdminQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    admin_actor(&visitor)?;
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let q = query.q.clone().unwrap_or_default();
    let mut people = Vec::new();
    for p in persons::find(&state.db, &shetu_core::fold_digits(&q), 50).await? {
        let roles = persons::roles(&state.db, p.id)
            .await?
            .iter()
            .map(|r| tr.t(&format!("role-{}", r.as_str())))
            .collect::<Vec<_>>()
            .join(", ");
        people.push((p.name, p.phone.to_string(), roles, p.id.to_string()));
    }
    let audit_q = query.audit.clone().unwrap_or_default();
    let search = if audit_q.contains('.') || audit_q.is_empty() {
        audit::Search {
            action_prefix: Some(audit_q.clone()),
            limit: 50,
            ..audit::Search::default()
        }
    } else {
        audit::Search {
            person: Some(audit_q.clone()),
            limit: 50,
            ..audit::Search::default()
        }
    };
    let events = event_rows(
        &state,
        &tr,
        &audit::search(&state.db, &search).await?,
        "log",
    )
    .await?;
    let sms = if state.config.demo {
        sms::sandbox_outbox(&state.db, None, 30)
            .await?
            .into_iter()
            .map(|m| (when(&state, &tr, m.at), m.to, m.body))
            .collect()
    } else {
        Vec::new()
    };
    let mail = if state.config.demo && section == "email" {
        crate::email::sandbox_outbox(&state.db, None, 30)
            .await?
            .into_iter()
            .map(|m| (when(&state, &tr, m.at), m.to, m.subject, m.body))
            .collect()
    } else {
        Vec::new()
    };
    let page = AdminPage {
        mail,
        chrome: Chrome::new(&state, &tr, &uri, "admin", &visitor),
        done: query.done.is_some(),
        q,
        audit_q,
        example: state.pack.phone.example.clone(),
        people,
        roles: Role::ALL
            .iter()
            .map(|r| (r.as_str().to_owned(), tr.t(&format!("role-{}", r.as_str()))))
            .collect(),
        orgs: orgs::organizations(&state.db)
            .await?
            .into_iter()
            .map(|o| (o.id.to_string(), o.name, tr.t(&o.kind.message_key())))
            .collect(),
        kinds: state
            .catalog
            .org_kinds
            .iter()
            .map(|k| (k.as_str().to_owned(), tr.t(&k.message_key())))
            .collect(),
        points: orgs::service_points(&state.db)
            .await?
            .into_iter()
            .map(|p| {
                (
                    p.id.to_string(),
                    p.name,
                    p.region,
                    p.agents.len().to_string(),
                )
            })
            .collect(),
        events,
        demo: state.config.demo,
        sms,
        section,
        sections: [
            ("people", "admin-people"),
            ("orgs", "admin-orgs"),
            ("points", "admin-points"),
            ("log", "admin-audit"),
        ]
        .into_iter()
        .chain(state.config.demo.then_some(("sms", "admin-sms-short")))
        .chain(state.config.demo.then_some(("email", "admin-email-short")))
        .map(|(path, key)| (path, tr.t(key)))
        .collect(),
        tr,
    };
    Ok(render(StatusCode::OK, &page))
}

fn done(anchor: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, format!("/admin/{anchor}?done=1"))],
    )
        .into_response()
}

fn phone_of(state: &AppState, text: &str) -> Result<Phone, ApiError> {
    state.pack.phone.parse_mobile(text).map_err(|_| {
        ApiError::field(
            "phone",
            FieldProblem::new("invalid_phone").arg("example", &state.pack.phone.example),
        )
    })
}

async fn person_by_phone(
    state: &AppState,
    text: &str,
) -> Result<shetu_core::id::PersonId, ApiError> {
    let phone = phone_of(state, text)?;
    Ok(persons::by_phone(&state.db, &phone)
        .await?
        .ok_or_else(|| ApiError::not_found("person_not_found"))?
        .id)
}

fn text(field: &str, value: &str) -> Result<Text, ApiError> {
    Text::parse(value, 120).map_err(|_| ApiError::field(field, FieldProblem::new("required")))
}

#[derive(Deserialize)]
pub struct PersonForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    phone: String,
}

/// `POST /admin/people`
pub async fn register(
    State(state): State<AppState>,
    Locale(tr): Locale,
    CsrfForm(form, visitor): CsrfForm<PersonForm>,
) -> Result<Response, ApiError> {
    let actor = admin_actor(&visitor)?;
    let new = NewPerson {
        name: text("name", &form.name)?,
        phone: phone_of(&state, &form.phone)?,
        language: tr.lang.clone(),
        home_region: None,
        password: None,
    };
    persons::create(&state.db, Some(&actor), new, now_ms()).await?;
    Ok(done("people"))
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    grant: String,
}

/// `POST /admin/roles`
pub async fn role(
    State(state): State<AppState>,
    CsrfForm(form, visitor): CsrfForm<RoleForm>,
) -> Result<Response, ApiError> {
    let actor = admin_actor(&visitor)?;
    let person = person_by_phone(&state, &form.phone).await?;
    let role: Role = crate::web::role_named(&form.role)?;
    orgs::set_role(&state.db, &actor, person, role, form.grant == "1", now_ms()).await?;
    Ok(done("people"))
}

#[derive(Deserialize)]
pub struct OrgForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
}

/// `POST /admin/orgs`
pub async fn create_org(
    State(state): State<AppState>,
    CsrfForm(form, visitor): CsrfForm<OrgForm>,
) -> Result<Response, ApiError> {
    let actor = admin_actor(&visitor)?;
    let kind: OrgKind = crate::web::declared_kind(&state, &form.kind)?;
    orgs::create_organization(
        &state.db,
        &actor,
        &text("name", &form.name)?,
        kind,
        None,
        now_ms(),
    )
    .await?;
    Ok(done("orgs"))
}

#[derive(Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    organization: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    role: String,
}

/// `POST /admin/members`
pub async fn member(
    State(state): State<AppState>,
    CsrfForm(form, visitor): CsrfForm<MemberForm>,
) -> Result<Response, ApiError> {
    let actor = admin_actor(&visitor)?;
    let org = form
        .organization
        .parse()
        .map_err(|_| ApiError::not_found("organization_not_found"))?;
    let person = person_by_phone(&state, &form.phone).await?;
    let role: MemberRole = form.role.parse()?;
    orgs::set_member(&state.db, &actor, org, person, role, now_ms()).await?;
    Ok(done("orgs"))
}

#[derive(Deserialize)]
pub struct PointForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    region: String,
}

/// `POST /admin/points`
pub async fn create_point(
    State(state): State<AppState>,
    CsrfForm(form, visitor): CsrfForm<PointForm>,
) -> Result<Response, ApiError> {
    let actor = admin_actor(&visitor)?;
    let region = RegionId::parse(form.region.trim())
        .map_err(|_| ApiError::field("region", FieldProblem::new("invalid_region")))?;
    orgs::create_service_point(
        &state.db,
        &actor,
        &text("name", &form.name)?,
        "digital_centre",
        &region,
        &orgs::PointDetails::default(),
        now_ms(),
    )
    .await?;
    Ok(done("points"))
}

#[derive(Deserialize)]
pub struct AgentForm {
    #[serde(default)]
    point: String,
    #[serde(default)]
    phone: String,
}

/// `POST /admin/agents`
pub async fn assign(
    State(state): State<AppState>,
    CsrfForm(form, visitor): CsrfForm<AgentForm>,
) -> Result<Response, ApiError> {
    let actor = admin_actor(&visitor)?;
    let point = form
        .point
        .parse()
        .map_err(|_| ApiError::not_found("service_point_not_found"))?;
    let person = person_by_phone(&state, &form.phone).await?;
    orgs::assign_agent(&state.db, &actor, point, person, now_ms()).await?;
    Ok(done("points"))
}
