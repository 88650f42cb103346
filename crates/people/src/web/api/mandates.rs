//! `/api/v1/people` (agents register clients) and `/api/v1/mandates`.

use crate::mandates::{self, Mandate, PaperForm, Request};
use crate::persons::{self, NewPerson};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use base64::Engine;
use serde::{Deserialize, Serialize};
use shetu_core::id::{MandateId, PersonId};
use shetu_core::{Lang, Text};
use shetu_store::now_ms;
use shetu_web::auth::ApiCaller;
use shetu_web::error::{ApiError, ErrorBody, FieldProblem};
use shetu_web::extract::ApiJson;
use shetu_web::AppState;
use utoipa::ToSchema;

/// A person to register.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPersonRequest {
    /// Name.
    #[schema(min_length = 1, max_length = 120, pattern = "\\S")]
    pub name: String,
    /// Mobile number as typed.
    #[schema(min_length = 1, max_length = 40)]
    pub phone: String,
    /// Language (default: the request's).
    pub language: Option<String>,
}

/// A registered person.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonDto {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Mobile number (E.164).
    pub phone: String,
}

/// Register a person (agents and admins). They have no password until they set one with a code.
#[utoipa::path(post, path = "/api/v1/people", tag = "people", request_body = NewPersonRequest, security(("bearer" = [])),
    responses((status = 201, body = PersonDto), (status = 403, body = ErrorBody), (status = 409, description = "phone_taken", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_person(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(body): ApiJson<NewPersonRequest>,
) -> Result<(StatusCode, Json<PersonDto>), ApiError> {
    let mut error = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    let name = Text::parse(&body.name, persons::NAME_MAX)
        .map_err(|_| {
            error
                .fields
                .push(("name".into(), FieldProblem::new("required")))
        })
        .ok();
    let phone = state
        .pack
        .phone
        .parse_mobile(&body.phone)
        .map_err(|_| {
            error.fields.push((
                "phone".into(),
                FieldProblem::new("invalid_phone").arg("example", &state.pack.phone.example),
            ))
        })
        .ok();
    let language = match body.language.as_deref() {
        None => Some(state.pack.default_language.clone()),
        Some(l) => Lang::parse(l)
            .ok()
            .filter(|l| state.i18n.has(l))
            .or_else(|| {
                error
                    .fields
                    .push(("language".into(), FieldProblem::new("unknown_value")));
                None
            }),
    };
    let (Some(name), Some(phone), Some(language)) = (name, phone, language) else {
        return Err(error);
    };
    let person = persons::create(
        &state.db,
        Some(&actor),
        NewPerson {
            name,
            phone,
            language,
            home_region: None,
            password: None,
        },
        now_ms(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(PersonDto {
            id: person.id.to_string(),
            name: person.name,
            phone: person.phone.to_string(),
        }),
    ))
}

/// A mandate.
#[derive(Debug, Serialize, ToSchema)]
pub struct MandateDto {
    /// Id.
    pub id: String,
    /// The person it is from.
    pub person: String,
    /// The agent it is to.
    pub agent: String,
    /// What it allows.
    pub scopes: Vec<String>,
    /// End of validity (ms since 1970).
    pub valid_until_ms: i64,
    /// `pending`, `active`, `expired` or `revoked`.
    pub status: String,
    /// `code` or `paper`, once confirmed.
    pub confirmed_via: Option<String>,
}

fn dto(m: Mandate) -> MandateDto {
    MandateDto {
        id: m.id.to_string(),
        person: m.subject.to_string(),
        agent: m.agent.to_string(),
        scopes: m.scopes.iter().map(|s| s.as_str().to_owned()).collect(),
        valid_until_ms: m.valid_until,
        status: serde_json::to_value(m.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        confirmed_via: m.confirmed_via,
    }
}

/// An agent's request for a mandate.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MandateRequest {
    /// The person's id.
    pub person: String,
    /// What the agent may do: `profile.edit`, `commerce.sell`, `commerce.buy`, `skills.profile`.
    pub scopes: Vec<String>,
    /// For how many days (1 to 365).
    #[schema(minimum = 1, maximum = 365)]
    pub valid_days: i64,
}

/// Ask a person for a mandate (agents). The person gets a code by SMS.
#[utoipa::path(post, path = "/api/v1/mandates", tag = "mandates", request_body = MandateRequest, security(("bearer" = [])),
    responses((status = 201, body = MandateDto), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(body): ApiJson<MandateRequest>,
) -> Result<(StatusCode, Json<MandateDto>), ApiError> {
    let subject: PersonId = body
        .person
        .parse()
        .map_err(|_| ApiError::not_found("person_not_found"))?;
    let scopes = crate::web::declared_scopes(&state, "scopes", &body.scopes)?;
    let m = mandates::request(
        &state.db,
        &state.i18n,
        &actor,
        Request {
            subject,
            scopes,
            valid_days: body.valid_days,
        },
        now_ms(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(dto(m))))
}

/// The mandates I hold as an agent and those I have given.
#[utoipa::path(get, path = "/api/v1/mandates", tag = "mandates", security(("bearer" = [])), responses((status = 200, body = Vec<MandateDto>)))]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<Vec<MandateDto>>, ApiError> {
    let now = now_ms();
    let mut all = mandates::of_agent(&state.db, actor.person, now).await?;
    all.extend(mandates::of_subject(&state.db, actor.person, now).await?);
    Ok(Json(all.into_iter().map(dto).collect()))
}

fn mandate_id(id: Result<Path<String>, PathRejection>) -> Result<MandateId, ApiError> {
    id.ok()
        .and_then(|Path(i)| i.parse().ok())
        .ok_or_else(|| ApiError::not_found("mandate_not_found"))
}

/// The code the person received.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmRequest {
    /// Six digits (any script).
    #[schema(example = "123456", min_length = 6, max_length = 6)]
    pub code: String,
}

/// Send the person a new code for the agent's waiting request (limited: three codes per phone in
/// 15 minutes).
#[utoipa::path(post, path = "/api/v1/mandates/{id}/resend", tag = "mandates", security(("bearer" = [])),
    params(("id" = String, Path, description = "Mandate id")),
    responses((status = 200, body = MandateDto), (status = 404, body = ErrorBody), (status = 409, description = "mandate_not_pending", body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn resend(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<MandateDto>, ApiError> {
    let id = mandate_id(id)?;
    Ok(Json(dto(mandates::resend_code(
        &state.db,
        &state.i18n,
        &actor,
        id,
        now_ms(),
    )
    .await?)))
}

/// Withdraw the agent's own request while it waits.
#[utoipa::path(post, path = "/api/v1/mandates/{id}/cancel", tag = "mandates", security(("bearer" = [])),
    params(("id" = String, Path, description = "Mandate id")),
    responses((status = 200, body = MandateDto), (status = 404, body = ErrorBody), (status = 409, description = "mandate_not_pending", body = ErrorBody)))]
pub async fn cancel(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<MandateDto>, ApiError> {
    let id = mandate_id(id)?;
    Ok(Json(dto(
        mandates::cancel(&state.db, &actor, id, now_ms()).await?
    )))
}

/// Confirm a mandate with the code the person received (the requesting agent).
#[utoipa::path(post, path = "/api/v1/mandates/{id}/confirm", tag = "mandates", request_body = ConfirmRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "Mandate id")),
    responses((status = 200, body = MandateDto), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, description = "code_invalid", body = ErrorBody)))]
pub async fn confirm(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(body): ApiJson<ConfirmRequest>,
) -> Result<Json<MandateDto>, ApiError> {
    let id = mandate_id(id)?;
    Ok(Json(dto(mandates::confirm(
        &state.db,
        &actor,
        id,
        &body.code,
        now_ms(),
    )
    .await?)))
}

/// A signed paper form.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaperRequest {
    /// Who witnessed the signature.
    #[schema(min_length = 1, max_length = 120, pattern = "\\S")]
    pub witness_name: String,
    /// The photo, base64.
    pub photo_base64: String,
    /// `image/jpeg`, `image/png` or `image/webp`.
    #[schema(pattern = "^image/(jpeg|png|webp)$")]
    pub photo_type: String,
}

/// Record a signed paper form instead of a code (the requesting agent).
#[utoipa::path(post, path = "/api/v1/mandates/{id}/paper", tag = "mandates", request_body = PaperRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "Mandate id")),
    responses((status = 200, body = MandateDto), (status = 404, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn paper(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(body): ApiJson<PaperRequest>,
) -> Result<Json<MandateDto>, ApiError> {
    let id = mandate_id(id)?;
    let witness_name = Text::parse(&body.witness_name, 120)
        .map_err(|_| ApiError::field("witness_name", FieldProblem::new("required")))?;
    let photo = base64::engine::general_purpose::STANDARD
        .decode(body.photo_base64.trim())
        .map_err(|_| ApiError::field("photo_base64", FieldProblem::new("invalid")))?;
    let form = PaperForm {
        witness_name,
        photo,
        photo_type: body.photo_type,
    };
    Ok(Json(dto(mandates::record_paper(
        &state.db,
        &actor,
        id,
        form,
        now_ms(),
    )
    .await?)))
}

/// Withdraw a mandate (the person who gave it, or an admin).
#[utoipa::path(delete, path = "/api/v1/mandates/{id}", tag = "mandates", security(("bearer" = [])),
    params(("id" = String, Path, description = "Mandate id")),
    responses((status = 200, body = MandateDto), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn revoke(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<MandateDto>, ApiError> {
    let id = mandate_id(id)?;
    Ok(Json(dto(
        mandates::revoke(&state.db, &actor, id, now_ms()).await?
    )))
}
