//! `/api/v1/auth/login`, `/api/v1/me` and its tokens and audit trail.

use crate::persons::{self, ProfileChange};
use crate::{orgs, signin, tokens, PeopleError};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use shetu_core::{Lang, RegionId, Text};
use shetu_store::{audit, now_ms};
use shetu_web::auth::{ApiCaller, ApiCallerFor, ClientAddress};
use shetu_web::error::{ApiError, ErrorBody, FieldProblem};
use shetu_web::extract::ApiJson;
use shetu_web::AppState;
use utoipa::ToSchema;

/// Phone and password.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Mobile number as typed (`01711-000000`, `+8801711000000`, Bangla digits).
    #[schema(example = "+8801700000001", min_length = 1, max_length = 40)]
    pub phone: String,
    /// Password.
    #[schema(min_length = 1, max_length = 256)]
    pub password: String,
}

/// A new API token (shown once).
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    /// The token's id (to revoke it).
    pub token_id: String,
    /// The signed-in person.
    pub person_id: String,
}

/// Sign in with phone and password and get an API token.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "people", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = ErrorBody), (status = 429, description = "Too many failures; see Retry-After", body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let now = now_ms();
    let phone = state
        .pack
        .phone
        .parse_mobile(&body.phone)
        .map_err(|_| ApiError::from(PeopleError::InvalidCredentials))?;
    let person = signin::sign_in(&state.db, &phone, &body.password, &address, now).await?;
    let actor = crate::Actor {
        person,
        roles: Vec::new(),
        on_behalf_of: None,
        request_id: None,
    };
    let name = Text::parse("API login", 60).map_err(|_| ApiError::bad_request("bad_request"))?;
    let (id, token) = tokens::create(&state.db, &actor, &name, now).await?;
    Ok(Json(LoginResponse {
        token,
        token_id: id.to_string(),
        person_id: person.to_string(),
    }))
}

/// A membership.
#[derive(Debug, Serialize, ToSchema)]
pub struct MembershipDto {
    /// Organisation id.
    pub organization: String,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: String,
    /// `owner` or `staff`.
    pub role: String,
}

/// The signed-in person.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeDto {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Mobile number (E.164).
    pub phone: String,
    /// Preferred language.
    pub language: String,
    /// Home region id.
    pub home_region: Option<String>,
    /// Platform roles.
    pub roles: Vec<String>,
    /// Organisations.
    pub memberships: Vec<MembershipDto>,
}

async fn me_dto(state: &AppState, id: shetu_core::id::PersonId) -> Result<MeDto, ApiError> {
    let person = persons::get(&state.db, id)
        .await?
        .ok_or_else(|| ApiError::not_found("person_not_found"))?;
    let roles = persons::roles(&state.db, id)
        .await?
        .iter()
        .map(|r| r.as_str().to_owned())
        .collect();
    let memberships = orgs::memberships(&state.db, id)
        .await?
        .into_iter()
        .map(|m| MembershipDto {
            organization: m.organization.to_string(),
            name: m.organization_name,
            kind: m.kind.as_str().into(),
            role: m.role.as_str().into(),
        })
        .collect();
    Ok(MeDto {
        id: person.id.to_string(),
        name: person.name,
        phone: person.phone.to_string(),
        language: person.language.to_string(),
        home_region: person.home_region,
        roles,
        memberships,
    })
}

/// The signed-in person: id, name, phone, language, roles and memberships.
#[utoipa::path(get, path = "/api/v1/me", tag = "people", security(("bearer" = [])),
    responses((status = 200, body = MeDto), (status = 401, body = ErrorBody)))]
pub async fn me(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<MeDto>, ApiError> {
    Ok(Json(me_dto(&state, actor.person).await?))
}

/// A change of profile; absent fields stay.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileRequest {
    /// Name.
    #[schema(min_length = 1, max_length = 120, pattern = "\\S")]
    pub name: Option<String>,
    /// Language code (bn, en, ar).
    #[schema(example = "bn", min_length = 2, max_length = 2)]
    pub language: Option<String>,
    /// Home region id.
    pub home_region: Option<String>,
}

/// Change my profile — or, with `On-Behalf-Of`, a client's (needs a `profile.edit` mandate).
#[utoipa::path(patch, path = "/api/v1/me", tag = "people", request_body = ProfileRequest, security(("bearer" = [])),
    params(("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    responses((status = 200, body = MeDto), (status = 403, description = "mandate_required", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_me(
    State(state): State<AppState>,
    ApiCallerFor(actor): ApiCallerFor,
    ApiJson(body): ApiJson<ProfileRequest>,
) -> Result<Json<MeDto>, ApiError> {
    let mut error = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    let name = body.name.as_deref().and_then(|n| {
        Text::parse(n, persons::NAME_MAX)
            .map_err(|_| {
                error
                    .fields
                    .push(("name".into(), FieldProblem::new("invalid")))
            })
            .ok()
    });
    let language = body.language.as_deref().and_then(|l| {
        Lang::parse(l)
            .ok()
            .filter(|l| state.i18n.has(l))
            .or_else(|| {
                error
                    .fields
                    .push(("language".into(), FieldProblem::new("unknown_value")));
                None
            })
    });
    let home_region = body.home_region.as_deref().and_then(|r| {
        RegionId::parse(r)
            .map_err(|_| {
                error
                    .fields
                    .push(("home_region".into(), FieldProblem::new("invalid_region")))
            })
            .ok()
    });
    if !error.fields.is_empty() {
        return Err(error);
    }
    let person = persons::update_profile(
        &state.db,
        &actor,
        ProfileChange {
            name,
            language,
            home_region,
        },
        now_ms(),
    )
    .await?;
    Ok(Json(me_dto(&state, person.id).await?))
}

/// An audit event.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEventDto {
    /// The event's id (ask for its inclusion proof at `/api/v1/me/audit/{id}/proof`).
    pub id: String,
    /// Order of writing.
    pub seq: i64,
    /// Its position in the audit log's Merkle tree, once added (within seconds).
    pub leaf_index: Option<i64>,
    /// When (ms since 1970, UTC).
    pub at_ms: i64,
    /// Who did it (person id; absent for the system).
    pub actor: Option<String>,
    /// For whom.
    pub subject: Option<String>,
    /// What, e.g. `person.update_profile`.
    pub action: String,
    /// To what.
    pub object: String,
    /// The request that did it.
    pub request_id: Option<String>,
}

/// Audit events as the API shows them.
pub fn audit_dto(e: audit::Event) -> AuditEventDto {
    AuditEventDto {
        id: e.id,
        seq: e.seq,
        leaf_index: e.leaf_index,
        at_ms: e.at,
        actor: e.actor_id,
        subject: e.subject_id,
        action: e.action,
        object: e.object,
        request_id: e.request_id,
    }
}

/// Everything shetu keeps about me (or, for an agent with the client's `profile.edit` mandate
/// and `On-Behalf-Of`, about the client), as one JSON document.
#[utoipa::path(get, path = "/api/v1/me/data", tag = "people", security(("bearer" = [])),
    params(("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    responses((status = 200, description = "Everything about the person", body = Object), (status = 401, body = ErrorBody), (status = 403, description = "mandate_required", body = ErrorBody)))]
pub async fn my_data(
    State(state): State<AppState>,
    ApiCallerFor(actor): ApiCallerFor,
) -> Result<Json<serde_json::Value>, ApiError> {
    Ok(Json(
        crate::privacy::export(&state.db, &actor, &state.catalog.personal_data, now_ms()).await?,
    ))
}

/// Erase my account: personal data erased or made unreadable everywhere; records others need
/// keep a pseudonym; the audit log stays verifiable. Only the person themselves can ask.
#[utoipa::path(delete, path = "/api/v1/me", tag = "people", security(("bearer" = [])),
    responses((status = 204, description = "Erased"), (status = 401, body = ErrorBody), (status = 400, description = "on_behalf_of_not_allowed", body = ErrorBody)))]
pub async fn erase_me(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
) -> Result<StatusCode, ApiError> {
    crate::privacy::erase(&state.db, &actor, &state.catalog.personal_data, now_ms()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Everything done for me or about me, newest first.
#[utoipa::path(get, path = "/api/v1/me/audit", tag = "people", security(("bearer" = [])),
    responses((status = 200, body = Vec<AuditEventDto>), (status = 401, body = ErrorBody)))]
pub async fn my_audit(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<Vec<AuditEventDto>>, ApiError> {
    let events = audit::done_for(&state.db, &actor.person.to_string(), 200).await?;
    Ok(Json(events.into_iter().map(audit_dto).collect()))
}

/// A token (never its secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenDto {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Made at (ms).
    pub created_at_ms: i64,
    /// Last used (ms).
    pub last_used_at_ms: Option<i64>,
    /// Revoked at (ms).
    pub revoked_at_ms: Option<i64>,
}

/// My API tokens.
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "people", security(("bearer" = [])), responses((status = 200, body = Vec<TokenDto>)))]
pub async fn list_tokens(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<Vec<TokenDto>>, ApiError> {
    let list = tokens::list(&state.db, actor.person).await?;
    Ok(Json(
        list.into_iter()
            .map(|t| TokenDto {
                id: t.id.to_string(),
                name: t.name,
                created_at_ms: t.created_at.ms(),
                last_used_at_ms: t.last_used_at.map(|t| t.ms()),
                revoked_at_ms: t.revoked_at.map(|t| t.ms()),
            })
            .collect(),
    ))
}

/// Revoke one of my tokens.
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "people", security(("bearer" = [])),
    params(("id" = String, Path, description = "Token id")),
    responses((status = 204, description = "Revoked"), (status = 404, body = ErrorBody)))]
pub async fn revoke_token(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let id = id
        .ok()
        .and_then(|Path(i)| i.parse().ok())
        .ok_or_else(|| ApiError::not_found("token_not_found"))?;
    tokens::revoke(&state.db, &actor, id, now_ms()).await?;
    Ok(StatusCode::NO_CONTENT)
}
