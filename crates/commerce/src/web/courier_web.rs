//! Handing a packed order to the courier (a button on the order page, or the API), and the
//! courier's signed events.

use super::{actor_of, path_id};
use crate::courier;
use crate::orders::Order;
use crate::settings::Settings;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Json, Router};
use serde::Serialize;
use shetu_web::auth::{ApiCaller, CsrfForm, Member};
use shetu_web::error::{ApiError, ErrorBody};
use shetu_web::AppState;
use std::sync::Arc;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(dispatch))
        .routes(routes!(events))
}

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/shop/orders/{id}/courier", post(dispatch_form))
}

fn the_courier(settings: &Settings) -> Result<&dyn courier::Courier, ApiError> {
    settings
        .courier
        .as_deref()
        .ok_or_else(|| ApiError::from(crate::CommerceError::CourierUnavailable))
}

/// Hand a packed order to the courier (the shop): a pickup is booked, the order is shipped and
/// the buyer gets the code to give the rider.
#[utoipa::path(post, path = "/api/v1/orders/{id}/courier", tag = "commerce", security(("bearer" = [])),
    params(("id" = String, Path, description = "The order's id")),
    responses((status = 200, body = Order), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "invalid_transition", body = ErrorBody), (status = 502, description = "courier_unavailable", body = ErrorBody)))]
pub async fn dispatch(
    State(state): State<AppState>,
    Extension(settings): Extension<Arc<Settings>>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Order>, ApiError> {
    let id = path_id(id, "order_not_found")?;
    let courier = the_courier(&settings)?;
    Ok(Json(
        courier::dispatch(
            &state.db,
            &state.i18n,
            state.pack,
            courier,
            &settings.public_url,
            &actor,
            &id,
        )
        .await?,
    ))
}

#[derive(serde::Deserialize)]
struct NoFields {}

async fn dispatch_form(
    State(state): State<AppState>,
    Extension(settings): Extension<Arc<Settings>>,
    member: Member,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(NoFields {}, _): CsrfForm<NoFields>,
) -> Result<Response, ApiError> {
    let id = path_id(id, "order_not_found")?;
    let actor = actor_of(&member)?;
    let courier = the_courier(&settings)?;
    courier::dispatch(
        &state.db,
        &state.i18n,
        state.pack,
        courier,
        &settings.public_url,
        &actor,
        &id,
    )
    .await?;
    Ok((
        StatusCode::SEE_OTHER,
        [(header::LOCATION, format!("/shop/orders/{id}"))],
    )
        .into_response())
}

/// What shetu did with a courier's event.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventAnswer {
    /// `delivered`, `wrong_code`, `not_shipped`, `unknown_parcel`, `recorded` or `duplicate`.
    pub outcome: String,
}

/// An event a courier sends.
#[derive(Debug, Serialize, ToSchema)]
pub struct CourierEventBody {
    /// The courier's event id (the same on every retry).
    pub event_id: String,
    /// `parcel.delivered`, `parcel.failed` …
    #[serde(rename = "type")]
    pub kind: String,
    /// The courier's tracking id.
    pub tracking_id: String,
    /// The code the buyer gave the rider (with a delivery).
    pub code: Option<String>,
}

/// A courier's event, signed like every webhook (`X-Shetu-Timestamp`, `X-Shetu-Signature`):
/// `parcel.delivered` with the `code` the buyer gave delivers the order.
#[utoipa::path(post, path = "/api/v1/couriers/{name}/events", tag = "commerce", request_body = CourierEventBody,
    params(("name" = String, Path, description = "The courier's name (`sandbox`)")),
    responses((status = 200, body = EventAnswer), (status = 401, description = "bad_signature, stale_signature", body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn events(
    State(state): State<AppState>,
    Extension(settings): Extension<Arc<Settings>>,
    name: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<EventAnswer>, ApiError> {
    let name = path_id(name, "not_found")?;
    let courier = settings
        .courier
        .as_deref()
        .filter(|c| c.name() == name)
        .ok_or_else(|| ApiError::not_found("not_found"))?;
    let outcome =
        courier::on_event(&state.db, &state.i18n, state.pack, courier, &headers, &body).await?;
    Ok(Json(EventAnswer {
        outcome: outcome.to_owned(),
    }))
}
