//! Seat allocation over the API: open a round, rank batches, run it, read the outcome.

use super::api::SkillsDoc;
use super::id_of;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use shetu_web::auth::{ApiCaller, ApiCallerFor};
use shetu_web::error::{ApiError, ErrorBody};
use shetu_web::extract::ApiJson;
use shetu_web::AppState;
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(crate) fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(SkillsDoc::openapi())
        .routes(routes!(open_round))
        .routes(routes!(choose_batches))
        .routes(routes!(run_round))
        .routes(routes!(round_outcome))
}

/// Open a seat-allocation round over some batches (administrators).
#[utoipa::path(post, path = "/api/v1/skills/rounds", tag = "skills", request_body = crate::allocation::NewRound,
    security(("bearer" = [])),
    responses((status = 201, body = crate::allocation::Round), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 413, body = ErrorBody), (status = 415, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn open_round(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(body): ApiJson<crate::allocation::NewRound>,
) -> Result<(StatusCode, Json<crate::allocation::Round>), ApiError> {
    let r = crate::allocation::open(&state.db, &actor, body).await?;
    Ok((StatusCode::CREATED, Json(r)))
}

/// Batches in order of preference.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Choices {
    /// Batch ids, most wanted first (1 to 5).
    pub batches: Vec<String>,
}

/// Rank batches of an open round (or, with `On-Behalf-Of`, for a client under `skills.profile`).
#[utoipa::path(put, path = "/api/v1/skills/rounds/{id}/choices", tag = "skills", request_body = Choices,
    params(("id" = String, Path, description = "Round id"),
        ("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    security(("bearer" = [])),
    responses((status = 204, description = "Recorded"), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "round_run", body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn choose_batches(
    State(state): State<AppState>,
    ApiCallerFor(actor): ApiCallerFor,
    id: Result<Path<String>, PathRejection>,
    ApiJson(body): ApiJson<Choices>,
) -> Result<StatusCode, ApiError> {
    let id = id_of(id, "round_not_found")?;
    crate::allocation::choose(&state.db, &actor, &id, &body.batches).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Run deferred acceptance for a round (administrators): placements are stored, seats taken and
/// the placed enrolled.
#[utoipa::path(post, path = "/api/v1/skills/rounds/{id}/run", tag = "skills",
    params(("id" = String, Path, description = "Round id")), security(("bearer" = [])),
    responses((status = 200, body = crate::allocation::RunSummary), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "round_run", body = ErrorBody)))]
pub async fn run_round(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<crate::allocation::RunSummary>, ApiError> {
    let id = id_of(id, "round_not_found")?;
    Ok(Json(crate::allocation::run(&state.db, &actor, &id).await?))
}

/// A round with your choices and, once run, your outcome (or a client's, with `On-Behalf-Of`).
#[utoipa::path(get, path = "/api/v1/skills/rounds/{id}", tag = "skills",
    params(("id" = String, Path, description = "Round id"),
        ("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    security(("bearer" = [])),
    responses((status = 200, body = crate::allocation::Outcome), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn round_outcome(
    State(state): State<AppState>,
    ApiCallerFor(actor): ApiCallerFor,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<crate::allocation::Outcome>, ApiError> {
    let id = id_of(id, "round_not_found")?;
    Ok(Json(
        crate::allocation::outcome(&state.db, &actor, &id).await?,
    ))
}
