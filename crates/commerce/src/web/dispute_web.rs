//! Disputes on the web: a buyer reports a problem with a delivered order from its page (or the
//! API); an administrator decides from the admin page (or the API).

use super::{actor_of, path_id};
use crate::disputes::{self, Decision, Dispute};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Json, Router};
use serde::Deserialize;
use shetu_web::auth::{ApiCaller, ApiCallerFor, CsrfForm, Member};
use shetu_web::error::{ApiError, ErrorBody};
use shetu_web::extract::{ApiJson, Locale};
use shetu_web::pages::{render_own, FormErrors};
use shetu_web::AppState;
use std::sync::Arc;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(open))
        .routes(routes!(decide))
}

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/shop/orders/{id}/dispute", post(open_form))
        .route("/shop/admin/disputes/{id}", post(decide_form))
}

/// A problem with a delivered order.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisputeRequest {
    /// What is wrong, in the buyer's words.
    #[schema(example = "শাড়ির পাড় ছেঁড়া, ছবির রঙের সঙ্গে মেলে না", max_length = 1000)]
    pub reason: String,
}

/// Report a problem with a delivered order (its buyer, or an agent acting for them under
/// `commerce.buy`): an administrator decides; meanwhile the order does not complete.
#[utoipa::path(post, path = "/api/v1/orders/{id}/disputes", tag = "commerce", request_body = DisputeRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The order's id"),
        ("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    responses((status = 201, body = Dispute), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn open(
    State(state): State<AppState>,
    ApiCallerFor(actor): ApiCallerFor,
    id: Result<Path<String>, PathRejection>,
    ApiJson(body): ApiJson<DisputeRequest>,
) -> Result<(StatusCode, Json<Dispute>), ApiError> {
    let id = path_id(id, "order_not_found")?;
    Ok((
        StatusCode::CREATED,
        Json(disputes::open(&state.db, &actor, &id, &body.reason).await?),
    ))
}

/// An administrator's decision.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// `refund` (the order is returned and the buyer refunded) or `reject`.
    #[schema(example = "refund")]
    pub decision: String,
    /// Why, for the record.
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub note: String,
}

fn decision(text: &str) -> Result<Decision, ApiError> {
    match text {
        "refund" => Ok(Decision::Refund),
        "reject" => Ok(Decision::Reject),
        _ => Err(crate::CommerceError::Invalid("decision".into(), "unknown_kind").into()),
    }
}

/// Decide a dispute (administrators).
#[utoipa::path(post, path = "/api/v1/disputes/{id}/decision", tag = "commerce", request_body = DecisionRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The dispute's id")),
    responses((status = 200, body = Dispute), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(body): ApiJson<DecisionRequest>,
) -> Result<Json<Dispute>, ApiError> {
    let id = path_id(id, "dispute_not_found")?;
    let decided = disputes::resolve(
        &state.db,
        &actor,
        &id,
        decision(&body.decision)?,
        &body.note,
    )
    .await?;
    Ok(Json(decided))
}

#[derive(Deserialize)]
struct ReasonForm {
    #[serde(default)]
    reason: String,
}

async fn open_form(
    State(state): State<AppState>,
    Extension(settings): Extension<Arc<crate::settings::Settings>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(form, _): CsrfForm<ReasonForm>,
) -> Result<Response, ApiError> {
    let id = path_id(id, "order_not_found")?;
    let actor = actor_of(&member)?;
    match disputes::open(&state.db, &actor, &id, &form.reason).await {
        Ok(_) => Ok((
            StatusCode::SEE_OTHER,
            [(header::LOCATION, format!("/shop/orders/{id}"))],
        )
            .into_response()),
        Err(e) => {
            let error = ApiError::from(e);
            if error.status != StatusCode::UNPROCESSABLE_ENTITY {
                return Err(error);
            }
            let errors = FormErrors::from_error(
                &tr,
                &error,
                &[("reason", "reason", "dispute-reason")],
                "reason",
            );
            let view = super::order_pages::order_view(
                &state,
                tr,
                &uri,
                &member,
                &id,
                errors,
                settings.courier.is_some(),
            )
            .await?;
            Ok(render_own(error.status, &view))
        }
    }
}

#[derive(Deserialize)]
struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    note: String,
}

async fn decide_form(
    State(state): State<AppState>,
    member: Member,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(form, _): CsrfForm<DecisionForm>,
) -> Result<Response, ApiError> {
    let id = path_id(id, "dispute_not_found")?;
    let actor = actor_of(&member)?;
    disputes::resolve(
        &state.db,
        &actor,
        &id,
        decision(&form.decision)?,
        &form.note,
    )
    .await?;
    Ok((
        StatusCode::SEE_OTHER,
        [(header::LOCATION, "/shop/admin#disputes")],
    )
        .into_response())
}
