//! The discussion API: comments on solutions and needs, flags, and the moderators' queue and
//! decisions.

use super::api::{id_of, maybe, List};
use crate::discussion::{self, ExchangeComment, ExchangeFlagged};
use crate::moderation::{
    self, ExchangeSanction, ModerationDecision, ModerationItem, ModerationResult,
};
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
        .routes(routes!(solution_comments, comment_on_solution))
        .routes(routes!(need_comments, comment_on_need))
        .routes(routes!(flag))
        .routes(routes!(queue))
        .routes(routes!(decide))
        .routes(routes!(my_sanctions))
}

/// A new comment.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewExchangeComment {
    /// What you want to say (at most 2,000 characters).
    #[schema(max_length = 2000)]
    pub body: String,
}

/// The comments on a published solution, oldest first (hidden ones without their text).
#[utoipa::path(get, path = "/api/v1/exchange/solutions/{id}/comments", tag = "exchange",
    params(("id" = String, Path, description = "Solution id")),
    responses((status = 200, body = List<ExchangeComment>), (status = 404, body = ErrorBody)))]
pub async fn solution_comments(
    State(state): State<AppState>,
    caller: Result<ApiCaller, ApiError>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<List<ExchangeComment>>, ApiError> {
    let id = id_of(id, "solution_not_found")?;
    let items = discussion::comments(&state.db, maybe(caller).as_ref(), "solution", &id).await?;
    Ok(Json(List { items }))
}

/// ExchangeComment on a published solution.
#[utoipa::path(post, path = "/api/v1/exchange/solutions/{id}/comments", tag = "exchange",
    params(("id" = String, Path, description = "Solution id")), request_body = NewExchangeComment,
    security(("bearer" = [])),
    responses((status = 201, body = ExchangeComment), (status = 401, body = ErrorBody),
        (status = 403, description = "suspended", body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn comment_on_solution(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(new): ApiJson<NewExchangeComment>,
) -> Result<(StatusCode, Json<ExchangeComment>), ApiError> {
    let id = id_of(id, "solution_not_found")?;
    let made = discussion::comment(&state.db, &actor, "solution", &id, &new.body).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// The comments on a need, oldest first (hidden ones without their text).
#[utoipa::path(get, path = "/api/v1/exchange/needs/{id}/comments", tag = "exchange",
    params(("id" = String, Path, description = "Need id")),
    responses((status = 200, body = List<ExchangeComment>), (status = 404, body = ErrorBody)))]
pub async fn need_comments(
    State(state): State<AppState>,
    caller: Result<ApiCaller, ApiError>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<List<ExchangeComment>>, ApiError> {
    let id = id_of(id, "need_not_found")?;
    let items = discussion::comments(&state.db, maybe(caller).as_ref(), "need", &id).await?;
    Ok(Json(List { items }))
}

/// ExchangeComment on a need.
#[utoipa::path(post, path = "/api/v1/exchange/needs/{id}/comments", tag = "exchange",
    params(("id" = String, Path, description = "Need id")), request_body = NewExchangeComment,
    security(("bearer" = [])),
    responses((status = 201, body = ExchangeComment), (status = 401, body = ErrorBody),
        (status = 403, description = "suspended", body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn comment_on_need(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(new): ApiJson<NewExchangeComment>,
) -> Result<(StatusCode, Json<ExchangeComment>), ApiError> {
    let id = id_of(id, "need_not_found")?;
    let made = discussion::comment(&state.db, &actor, "need", &id, &new.body).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// A flag on content or a person.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewExchangeFlag {
    /// `comment`, `solution`, `need` or `person`.
    #[schema(max_length = 16)]
    pub kind: String,
    /// Its id.
    #[schema(max_length = 64)]
    pub id: String,
    /// `spam`, `abuse`, `off_topic`, `misleading`, `personal_data` or `other`.
    #[schema(max_length = 16)]
    pub reason: String,
    /// What is wrong, in your words (required for `other`).
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub note: String,
}

/// Flag a comment, solution, need or person for the moderators. Content that three people
/// have flagged is hidden until a moderator looks at it.
#[utoipa::path(post, path = "/api/v1/exchange/flags", tag = "exchange", request_body = NewExchangeFlag,
    security(("bearer" = [])),
    responses((status = 201, body = ExchangeFlagged), (status = 401, body = ErrorBody),
        (status = 403, description = "suspended", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "already_flagged (your flag on it is open)", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn flag(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(f): ApiJson<NewExchangeFlag>,
) -> Result<(StatusCode, Json<ExchangeFlagged>), ApiError> {
    let made = discussion::flag(&state.db, &actor, &f.kind, &f.id, &f.reason, &f.note).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// The moderators' queue: flagged content and people, hidden content first.
#[utoipa::path(get, path = "/api/v1/exchange/moderation", tag = "exchange",
    security(("bearer" = [])),
    responses((status = 200, body = List<ModerationItem>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn queue(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<List<ModerationItem>>, ApiError> {
    Ok(Json(List {
        items: moderation::queue(&state.db, &actor).await?,
    }))
}

/// A moderator's decision: hide or restore content, warn or suspend a person (over content,
/// warning or suspending also hides it). The person is told why by SMS.
#[utoipa::path(post, path = "/api/v1/exchange/moderation/decisions", tag = "exchange",
    request_body = ModerationDecision, security(("bearer" = [])),
    responses((status = 200, body = ModerationResult), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(d): ApiJson<ModerationDecision>,
) -> Result<Json<ModerationResult>, ApiError> {
    Ok(Json(
        moderation::decide(&state.db, &state.i18n, &actor, &d).await?,
    ))
}

/// Your warnings and suspensions from the network's moderators, newest first.
#[utoipa::path(get, path = "/api/v1/exchange/moderation/mine", tag = "exchange",
    security(("bearer" = [])),
    responses((status = 200, body = List<ExchangeSanction>), (status = 401, body = ErrorBody)))]
pub async fn my_sanctions(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<List<ExchangeSanction>>, ApiError> {
    Ok(Json(List {
        items: moderation::my_sanctions(&state.db, &actor).await?,
    }))
}
