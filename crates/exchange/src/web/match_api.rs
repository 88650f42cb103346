//! The matches API: a need matched with a solution, moved through its states by the right side,
//! its follow-up log, and the network's dashboard of partnerships.

use super::api::id_of;
use crate::matches::{self, Dashboard, Match};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use shetu_web::auth::ApiCaller;
use shetu_web::error::{ApiError, ErrorBody};
use shetu_web::extract::ApiJson;
use shetu_web::AppState;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_match))
        .routes(routes!(get_match))
        .routes(routes!(move_match))
        .routes(routes!(note_match))
        .routes(routes!(dashboard))
}

/// A need and a solution to match.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMatch {
    /// The need.
    pub need: String,
    /// A published solution of another member.
    pub solution: String,
}

/// Match a need with a published solution: the need's member expresses interest in it, or the
/// secretariat suggests it by hand.
#[utoipa::path(post, path = "/api/v1/exchange/matches", tag = "exchange", request_body = NewMatch,
    security(("bearer" = [])),
    responses((status = 201, body = Match), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, description = "need_not_found or solution_not_found", body = ErrorBody),
        (status = 409, description = "match_exists", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_match(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(new): ApiJson<NewMatch>,
) -> Result<(StatusCode, Json<Match>), ApiError> {
    let made = matches::create(&state.db, &actor, &new.need, &new.solution).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// A match with its follow-up log (its two sides and the secretariat).
#[utoipa::path(get, path = "/api/v1/exchange/matches/{id}", tag = "exchange",
    params(("id" = String, Path, description = "Match id")), security(("bearer" = [])),
    responses((status = 200, body = Match), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_match(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Match>, ApiError> {
    let id = id_of(id, "match_not_found")?;
    Ok(Json(matches::get(&state.db, &actor, &id).await?))
}

/// A move of a match.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchMove {
    /// `interest_expressed`, `agreed`, `adapting`, `replicated` or `closed`.
    pub to: String,
    /// A note for the log.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: String,
}

/// Move a match: the need's side expresses interest, the solution's side agrees, either side
/// records adapting, replication or closing.
#[utoipa::path(post, path = "/api/v1/exchange/matches/{id}/moves", tag = "exchange", request_body = MatchMove,
    params(("id" = String, Path, description = "Match id")), security(("bearer" = [])),
    responses((status = 200, body = Match), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "invalid_match_move", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn move_match(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(step): ApiJson<MatchMove>,
) -> Result<Json<Match>, ApiError> {
    let id = id_of(id, "match_not_found")?;
    Ok(Json(
        matches::move_to(&state.db, &actor, &id, &step.to, &step.note).await?,
    ))
}

/// A note for a match's follow-up log.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchNote {
    /// What happened.
    #[schema(max_length = 2000)]
    pub note: String,
    /// The day it happened (`YYYY-MM-DD`).
    #[serde(default)]
    pub happened_on: Option<String>,
}

/// Add a note to a match's follow-up log.
#[utoipa::path(post, path = "/api/v1/exchange/matches/{id}/notes", tag = "exchange", request_body = MatchNote,
    params(("id" = String, Path, description = "Match id")), security(("bearer" = [])),
    responses((status = 200, body = Match), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn note_match(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(n): ApiJson<MatchNote>,
) -> Result<Json<Match>, ApiError> {
    let id = id_of(id, "match_not_found")?;
    Ok(Json(
        matches::note(&state.db, &actor, &id, &n.note, n.happened_on.as_deref()).await?,
    ))
}

/// The network's partnerships: matches by state, and those agreed, adapting or replicated by the
/// adopting member's country and by the solution's focus area.
#[utoipa::path(get, path = "/api/v1/exchange/dashboard", tag = "exchange",
    responses((status = 200, body = Dashboard)))]
pub async fn dashboard(State(state): State<AppState>) -> Result<Json<Dashboard>, ApiError> {
    Ok(Json(matches::dashboard(&state.db).await?))
}
