//! The agent's console for parcels waiting at their digital centre: each is handed over against
//! the code the buyer got by SMS (with the mistake shown beside the field), or through the API.

use super::{actor_of, money, path_id};
use crate::orders::Order;
use crate::pickup;
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use shetu_web::auth::{ApiCaller, CsrfForm, Member};
use shetu_web::error::{ApiError, ErrorBody};
use shetu_web::extract::{ApiJson, Locale};
use shetu_web::i18n::Tr;
use shetu_web::pages::{render_own, Chrome, FormErrors};
use shetu_web::AppState;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/shop/handover", get(page))
        .route("/shop/handover/{id}", post(submit))
}

pub(super) fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(hand_over))
}

struct Parcel {
    id: String,
    number: String,
    shop: String,
    total: String,
    problem: Option<String>,
}

#[derive(Template)]
#[template(path = "handover.html")]
struct HandoverPage {
    tr: Tr,
    chrome: Chrome,
    errors: FormErrors,
    parcels: Vec<Parcel>,
    done: bool,
}

async fn view(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    member: &Member,
    failed: Option<(&str, String)>,
    done: bool,
) -> Result<HandoverPage, ApiError> {
    let actor = actor_of(member)?;
    let waiting: Vec<Order> = pickup::waiting(&state.db, &actor).await?;
    let mut errors = FormErrors::none();
    if let Some((id, message)) = &failed {
        errors.items.push(shetu_web::pages::FormError {
            field: format!("code-{id}"),
            message: message.clone(),
        });
    }
    Ok(HandoverPage {
        chrome: Chrome::new(state, &tr, uri, "handover", &member.1),
        parcels: waiting
            .into_iter()
            .map(|o| Parcel {
                problem: failed
                    .as_ref()
                    .filter(|(id, _)| *id == o.id)
                    .map(|(_, m)| m.clone()),
                total: money(state, &tr, o.total_minor),
                id: o.id,
                number: o.number,
                shop: o.shop_name,
            })
            .collect(),
        errors,
        done,
        tr,
    })
}

#[derive(Deserialize)]
struct Done {
    done: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    done: Result<axum::extract::Query<Done>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let done = done.is_ok_and(|d| d.done.is_some());
    let view = view(&state, tr, &uri, &member, None, done).await?;
    Ok(render_own(StatusCode::OK, &view))
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
}

async fn submit(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(form, _): CsrfForm<CodeForm>,
) -> Result<Response, ApiError> {
    let id = path_id(id, "order_not_found")?;
    let actor = actor_of(&member)?;
    match pickup::hand_over(&state.db, &state.i18n, state.pack, &actor, &id, &form.code).await {
        Ok(_) => Ok((
            StatusCode::SEE_OTHER,
            [(header::LOCATION, "/shop/handover?done=1")],
        )
            .into_response()),
        Err(e) => {
            let error = ApiError::from(e);
            if error.status == StatusCode::NOT_FOUND || error.status.is_server_error() {
                return Err(error);
            }
            let message = shetu_web::pages::problem(&tr, &error, "code")
                .unwrap_or_else(|| error.message(&tr));
            let view = view(&state, tr, &uri, &member, Some((&id, message)), false).await?;
            Ok(render_own(error.status, &view))
        }
    }
}

/// The buyer's pickup code.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HandoverRequest {
    /// The six digits the buyer got by SMS.
    #[schema(example = "482913", max_length = 20)]
    pub code: String,
}

/// Hand a parcel over at your digital centre against the buyer's code: the order is delivered.
/// A wrong code gets 422 (`fields.code`); after five, 409 `handover_locked`.
#[utoipa::path(post, path = "/api/v1/orders/{id}/handover", tag = "commerce", request_body = HandoverRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The order's id")),
    responses((status = 200, body = Order), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "invalid_transition, handover_locked", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn hand_over(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(body): ApiJson<HandoverRequest>,
) -> Result<Json<Order>, ApiError> {
    let id = path_id(id, "order_not_found")?;
    Ok(Json(
        pickup::hand_over(&state.db, &state.i18n, state.pack, &actor, &id, &body.code).await?,
    ))
}
