//! Administration over the API: organisations and members, roles, service points and agents, the
//! audit trail, and the sandbox SMS outbox (demo mode).

use super::account::{audit_dto, AuditEventDto};
use crate::RequireRole;
use crate::{orgs, sms, Actor, MemberRole, OrgKind, Role};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use shetu_core::id::PersonId;
use shetu_core::{parse_number, RegionId, Text};
use shetu_store::{audit, now_ms};
use shetu_web::auth::ApiCaller;
use shetu_web::error::{ApiError, ErrorBody, FieldProblem};
use shetu_web::extract::{ApiJson, ApiQuery};
use shetu_web::AppState;
use utoipa::{IntoParams, ToSchema};

fn admin(actor: Actor) -> Result<Actor, ApiError> {
    actor.require(Role::Admin)?;
    Ok(Actor {
        on_behalf_of: None,
        ..actor
    })
}

fn text(field: &str, value: &str) -> Result<Text, ApiError> {
    Text::parse(value, 120).map_err(|_| ApiError::field(field, FieldProblem::new("required")))
}

fn person_id(
    p: Result<Path<(String, String)>, PathRejection>,
) -> Result<(String, String), ApiError> {
    p.map(|Path(v)| v)
        .map_err(|_| ApiError::not_found("not_found"))
}

/// A new organisation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationRequest {
    /// Name.
    pub name: String,
    /// Kind: shop, wholesaler, partner_marketplace, courier, training_provider, employer,
    /// recruiting_agency, industry_association, government_department, network_member.
    pub kind: String,
    /// Region id.
    #[schema(pattern = "^[a-z0-9._-]{1,64}$")]
    pub region: Option<String>,
}

/// An organisation.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationDto {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Region id.
    #[schema(pattern = "^[a-z0-9._-]{1,64}$")]
    pub region: Option<String>,
}

/// Create an organisation (admins).
#[utoipa::path(post, path = "/api/v1/organizations", tag = "admin", request_body = OrganizationRequest, security(("bearer" = [])),
    responses((status = 201, body = OrganizationDto), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_organization(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(body): ApiJson<OrganizationRequest>,
) -> Result<(StatusCode, Json<OrganizationDto>), ApiError> {
    let actor = admin(actor)?;
    let kind: OrgKind = crate::web::declared_kind(&state, &body.kind)?;
    let region = body
        .region
        .as_deref()
        .map(RegionId::parse)
        .transpose()
        .map_err(|_| ApiError::field("region", FieldProblem::new("invalid_region")))?;
    let o = orgs::create_organization(
        &state.db,
        &actor,
        &text("name", &body.name)?,
        kind,
        region.as_ref(),
        now_ms(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(OrganizationDto {
            id: o.id.to_string(),
            name: o.name,
            kind: o.kind.as_str().into(),
            region: o.region,
        }),
    ))
}

/// Every organisation.
#[utoipa::path(get, path = "/api/v1/organizations", tag = "admin", security(("bearer" = [])), responses((status = 200, body = Vec<OrganizationDto>)))]
pub async fn list_organizations(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<Vec<OrganizationDto>>, ApiError> {
    admin(actor)?;
    let list = orgs::organizations(&state.db).await?;
    Ok(Json(
        list.into_iter()
            .map(|o| OrganizationDto {
                id: o.id.to_string(),
                name: o.name,
                kind: o.kind.as_str().into(),
                region: o.region,
            })
            .collect(),
    ))
}

/// A member's role.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberRequest {
    /// `owner` or `staff`.
    pub role: String,
}

/// Add or change a member (admins, or the organisation's owners).
#[utoipa::path(put, path = "/api/v1/organizations/{id}/members/{person}", tag = "admin", request_body = MemberRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "Organisation id"), ("person" = String, Path, description = "Person id")),
    responses((status = 204, description = "Done"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn set_member(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    path: Result<Path<(String, String)>, PathRejection>,
    ApiJson(body): ApiJson<MemberRequest>,
) -> Result<StatusCode, ApiError> {
    let (org, person) = person_id(path)?;
    let org = org
        .parse()
        .map_err(|_| ApiError::not_found("organization_not_found"))?;
    let person: PersonId = person
        .parse()
        .map_err(|_| ApiError::not_found("person_not_found"))?;
    let role: MemberRole = body
        .role
        .parse()
        .map_err(|_| ApiError::field("role", FieldProblem::new("unknown_value")))?;
    orgs::set_member(
        &state.db,
        &Actor {
            on_behalf_of: None,
            ..actor
        },
        org,
        person,
        role,
        now_ms(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn set_role(
    state: &AppState,
    actor: Actor,
    path: Result<Path<(String, String)>, PathRejection>,
    granted: bool,
) -> Result<StatusCode, ApiError> {
    let actor = admin(actor)?;
    let (person, role) = person_id(path)?;
    let person: PersonId = person
        .parse()
        .map_err(|_| ApiError::not_found("person_not_found"))?;
    let role: Role = role.parse().map_err(|_| ApiError::not_found("not_found"))?;
    orgs::set_role(&state.db, &actor, person, role, granted, now_ms()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Grant a platform role (admins).
#[utoipa::path(put, path = "/api/v1/people/{id}/roles/{role}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path, description = "Person id"), ("role" = String, Path, description = "admin, moderator, agent or analyst")),
    responses((status = 204, description = "Granted"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn grant_role(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    set_role(&state, actor, path, true).await
}

/// Withdraw a platform role (admins).
#[utoipa::path(delete, path = "/api/v1/people/{id}/roles/{role}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path, description = "Person id"), ("role" = String, Path, description = "admin, moderator, agent or analyst")),
    responses((status = 204, description = "Withdrawn"), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn withdraw_role(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    set_role(&state, actor, path, false).await
}

/// A new service point.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ServicePointRequest {
    /// Name, e.g. "Kapasia Union Digital Centre".
    pub name: String,
    /// Kind, e.g. `union_digital_centre`.
    pub kind: String,
    /// The union or district it serves.
    #[schema(pattern = "^[a-z0-9._-]{1,64}$")]
    pub region: String,
    /// When it is open, e.g. "শনি–বৃহস্পতি সকাল ৯টা–বিকেল ৫টা".
    #[serde(default)]
    #[schema(max_length = 120)]
    pub opening_hours: Option<String>,
    /// A number people can call (any local form).
    #[serde(default)]
    pub phone: Option<String>,
}

/// A service point.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServicePointDto {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Region id.
    pub region: String,
    /// Its agents' person ids.
    pub agents: Vec<String>,
}

/// Open a service point (admins).
#[utoipa::path(post, path = "/api/v1/admin/service-points", tag = "admin", request_body = ServicePointRequest, security(("bearer" = [])),
    responses((status = 201, body = ServicePointDto), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_point(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(body): ApiJson<ServicePointRequest>,
) -> Result<(StatusCode, Json<ServicePointDto>), ApiError> {
    let actor = admin(actor)?;
    let region = RegionId::parse(&body.region)
        .map_err(|_| ApiError::field("region", FieldProblem::new("invalid_region")))?;
    let kind = text("kind", &body.kind)?;
    let details = orgs::PointDetails {
        opening_hours: body
            .opening_hours
            .as_deref()
            .filter(|h| !h.trim().is_empty())
            .map(|h| text("opening_hours", h))
            .transpose()?,
        phone: body
            .phone
            .as_deref()
            .filter(|p| !p.trim().is_empty())
            .map(|p| {
                state.pack.phone.parse_mobile(p).map_err(|_| {
                    ApiError::field(
                        "phone",
                        FieldProblem::new("invalid_phone")
                            .arg("example", &state.pack.phone.example),
                    )
                })
            })
            .transpose()?,
    };
    let p = orgs::create_service_point(
        &state.db,
        &actor,
        &text("name", &body.name)?,
        kind.as_str(),
        &region,
        &details,
        now_ms(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(ServicePointDto {
            id: p.id.to_string(),
            name: p.name,
            kind: p.kind,
            region: p.region,
            agents: Vec::new(),
        }),
    ))
}

/// Every service point with its agents' ids (admins; the public listing is
/// `GET /api/v1/service-points?region=…`).
#[utoipa::path(get, path = "/api/v1/admin/service-points", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = Vec<ServicePointDto>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_points(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<Vec<ServicePointDto>>, ApiError> {
    admin(actor)?;
    let points = orgs::service_points(&state.db).await?;
    Ok(Json(
        points
            .into_iter()
            .map(|p| ServicePointDto {
                id: p.id.to_string(),
                name: p.name,
                kind: p.kind,
                region: p.region,
                agents: p.agents.iter().map(ToString::to_string).collect(),
            })
            .collect(),
    ))
}

/// Attach an agent to a service point (admins); grants the agent role.
#[utoipa::path(put, path = "/api/v1/admin/service-points/{id}/agents/{person}", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path, description = "Service point id"), ("person" = String, Path, description = "Person id")),
    responses((status = 204, description = "Assigned"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn assign_agent(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let actor = admin(actor)?;
    let (point, person) = person_id(path)?;
    let point = point
        .parse()
        .map_err(|_| ApiError::not_found("service_point_not_found"))?;
    let person: PersonId = person
        .parse()
        .map_err(|_| ApiError::not_found("person_not_found"))?;
    orgs::assign_agent(&state.db, &actor, point, person, now_ms()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A search of the audit trail.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Events by or about this person id.
    person: Option<String>,
    /// Events whose action starts with this (`mandate.`).
    action: Option<String>,
    /// Events before this position (the last `seq` of the previous page).
    #[param(pattern = "^[0-9০-৯٠-٩]{0,15}$")]
    before: Option<String>,
    /// Page size, 1 to 500 (default 100).
    #[param(pattern = "^[0-9০-৯٠-٩]{0,15}$")]
    limit: Option<String>,
}

/// Search the audit trail (admins), newest first.
#[utoipa::path(get, path = "/api/v1/audit", tag = "admin", params(AuditQuery), security(("bearer" = [])),
    responses((status = 200, body = Vec<AuditEventDto>), (status = 403, body = ErrorBody)))]
pub async fn search_audit(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<Vec<AuditEventDto>>, ApiError> {
    admin(actor)?;
    let number = |v: Option<&str>, field: &str| -> Result<Option<i64>, ApiError> {
        v.map(|t| {
            parse_number::<i64>(t).ok_or_else(|| {
                ApiError::bad_request("invalid_query").detail(format!("{field} is not a number"))
            })
        })
        .transpose()
    };
    let search = audit::Search {
        person: q.person,
        action_prefix: q.action,
        before: number(q.before.as_deref(), "before")?,
        limit: number(q.limit.as_deref(), "limit")?.unwrap_or(100),
    };
    Ok(Json(
        audit::search(&state.db, &search)
            .await?
            .into_iter()
            .map(audit_dto)
            .collect(),
    ))
}

/// A message the sandbox SMS gateway kept.
#[derive(Debug, Serialize, ToSchema)]
pub struct SandboxSmsDto {
    /// Recipient.
    pub to: String,
    /// Text.
    pub body: String,
    /// When (ms).
    pub at_ms: i64,
}

/// The sandbox SMS outbox (admins, demo mode only).
#[utoipa::path(get, path = "/api/v1/admin/sms", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = Vec<SandboxSmsDto>), (status = 403, body = ErrorBody), (status = 404, description = "Not in demo mode", body = ErrorBody)))]
pub async fn sandbox_sms(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<Vec<SandboxSmsDto>>, ApiError> {
    admin(actor)?;
    if !state.config.demo {
        return Err(ApiError::not_found("not_found"));
    }
    let list = sms::sandbox_outbox(&state.db, None, 100).await?;
    Ok(Json(
        list.into_iter()
            .map(|m| SandboxSmsDto {
                to: m.to,
                body: m.body,
                at_ms: m.at,
            })
            .collect(),
    ))
}

/// A message the sandbox e-mail gateway kept.
#[derive(Debug, Serialize, ToSchema)]
pub struct SandboxEmailDto {
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Text.
    pub body: String,
    /// When (ms).
    pub at_ms: i64,
}

/// The sandbox e-mail outbox (admins, demo mode only).
#[utoipa::path(get, path = "/api/v1/admin/email", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = Vec<SandboxEmailDto>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, description = "Not in demo mode", body = ErrorBody)))]
pub async fn sandbox_email(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<Vec<SandboxEmailDto>>, ApiError> {
    admin(actor)?;
    if !state.config.demo {
        return Err(ApiError::not_found("not_found"));
    }
    let list = crate::email::sandbox_outbox(&state.db, None, 100).await?;
    Ok(Json(
        list.into_iter()
            .map(|m| SandboxEmailDto {
                to: m.to,
                subject: m.subject,
                body: m.body,
                at_ms: m.at,
            })
            .collect(),
    ))
}
