//! The partner API: the backbone's open door for e-commerce companies (see `docs/partners.md`).

use super::path_id;
use crate::checkout::{Line, NewCheckout, Payment, Placed};
use crate::error::CommerceError;
use crate::orders::{self, Order};
use crate::partner_webhooks::{self, Delivery};
use crate::partners::{self, CataloguePage, PartnerProduct, Registered};
use crate::products::Product;
use crate::state::State as OrderState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};
use shetu_web::auth::ApiCaller;
use shetu_web::error::{ApiError, ErrorBody};
use shetu_web::extract::{ApiJson, ApiQuery};
use shetu_web::AppState;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(put_product))
        .routes(routes!(catalogue))
        .routes(routes!(create_order))
        .routes(routes!(report_status))
        .routes(routes!(list_deliveries))
        .routes(routes!(replay))
}

/// A partner to register.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerRequest {
    /// The organisation (kind `partner_marketplace`).
    pub organization_id: String,
    /// The person id of the partner's API account (a member of the organisation).
    pub account: String,
    /// Where webhooks go.
    #[schema(example = "https://partner.example/shetu/webhooks", max_length = 500)]
    pub webhook_url: String,
    /// The district its shop is registered in.
    #[schema(example = "bd.district.26")]
    pub district: String,
}

/// Register a partner marketplace (administrators). Its shop is opened and verified; the answer
/// carries the webhook signing secret, shown only this once.
#[utoipa::path(post, path = "/api/v1/partners", tag = "partners", request_body = PartnerRequest, security(("bearer" = [])),
    responses((status = 201, body = Registered), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn register(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(body): ApiJson<PartnerRequest>,
) -> Result<(StatusCode, Json<Registered>), ApiError> {
    // Who may ask comes before what they asked.
    partners::may_register(&actor)?;
    let account = body
        .account
        .parse()
        .map_err(|_| CommerceError::Invalid("account".into(), "not_a_member"))?;
    let registered = partners::register(
        &state.db,
        &actor,
        partners::NewPartner {
            organization: body.organization_id,
            account,
            webhook_url: body.webhook_url,
            district: body.district,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(registered)))
}

/// Push one of your products in, under your own reference (idempotent: 201 when created, 200
/// when changed or unchanged). Variants are matched by SKU; a variant left out is sold out.
#[utoipa::path(put, path = "/api/v1/partner/products/{ref}", tag = "partners", request_body = PartnerProduct, security(("bearer" = [])),
    params(("ref" = String, Path, description = "Your reference for the product (up to 100 characters)")),
    responses((status = 200, body = Product), (status = 201, body = Product), (status = 401, body = ErrorBody),
        (status = 403, description = "not_a_partner", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_product(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    reference: Result<Path<String>, PathRejection>,
    ApiJson(body): ApiJson<PartnerProduct>,
) -> Result<(StatusCode, Json<Product>), ApiError> {
    let partner = partners::of_actor(&state.db, &actor).await?;
    let reference = reference.map_err(|_| ApiError::not_found("not_found"))?.0;
    let (created, product) =
        partners::put_product(&state.db, &actor, &partner, &reference, body).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(product)))
}

/// Where to start reading the catalogue.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CatalogueQuery {
    /// The `next` of the page before (empty or absent: from the start).
    #[param(max_length = 100)]
    pub after: Option<String>,
    /// Products per page (1 to 200; 100 by default).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
}

/// Pull the rural producers' catalogue, changed products first to last: keep `next` and ask
/// again with `after=next` to get only what changed since.
#[utoipa::path(get, path = "/api/v1/partner/catalogue", tag = "partners", params(CatalogueQuery), security(("bearer" = [])),
    responses((status = 200, body = CataloguePage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, description = "not_a_partner", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn catalogue(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiQuery(query): ApiQuery<CatalogueQuery>,
) -> Result<Json<CataloguePage>, ApiError> {
    if query.limit.is_some_and(|l| !(1..=200).contains(&l))
        || query
            .after
            .as_ref()
            .is_some_and(|a| a.chars().count() > 100)
    {
        return Err(ApiError::bad_request("invalid_query")
            .detail("limit: 1 to 200; after: up to 100 characters"));
    }
    partners::of_actor(&state.db, &actor).await?;
    let page = partners::catalogue(
        &state.db,
        query.after.as_deref().unwrap_or_default(),
        query.limit.unwrap_or(100),
    )
    .await?;
    Ok(Json(page))
}

/// An order for one of your buyers.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerOrderRequest {
    /// What to buy (variant ids from the catalogue; 1 to 50 lines).
    #[schema(min_items = 1, max_items = 50)]
    pub lines: Vec<Line>,
    /// Your buyer's name, address and phone, as the shop should read them.
    #[serde(default)]
    #[schema(max_length = 500)]
    pub delivery_note: String,
}

/// Place an order for your own buyer (one order per shop). Send an `Idempotency-Key`: a resend
/// returns the first answer. You collect the payment from your buyer; shops are paid through the
/// platform's ledger as for cash on delivery.
#[utoipa::path(post, path = "/api/v1/partner/orders", tag = "partners", request_body = PartnerOrderRequest, security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "A key you choose per order (up to 200 printable characters)")),
    responses((status = 201, body = Placed), (status = 401, body = ErrorBody), (status = 403, description = "not_a_partner", body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_order(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    headers: HeaderMap,
    ApiJson(body): ApiJson<PartnerOrderRequest>,
) -> Result<(StatusCode, Json<Placed>), ApiError> {
    partners::of_actor(&state.db, &actor).await?;
    let fingerprint = serde_json::to_value(&body).unwrap_or_default();
    let checkout = NewCheckout {
        lines: body.lines,
        payment: Payment::Cod,
        delivery_note: body.delivery_note,
        pickup_point: None,
    };
    let placed = super::api::place_keyed(&state, &actor, &headers, fingerprint, checkout).await?;
    Ok((StatusCode::CREATED, Json(placed)))
}

/// Where an order is now.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusRequest {
    /// `packed`, `shipped`, `delivered` or `cancelled` for orders of your products;
    /// `cancelled` or `completed` for orders you placed.
    pub status: OrderState,
}

/// Report the status of an order: of your products (you are its shop), or one you placed.
#[utoipa::path(post, path = "/api/v1/partner/orders/{id}/status", tag = "partners", request_body = StatusRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "The order's id")),
    responses((status = 200, body = Order), (status = 401, body = ErrorBody), (status = 403, description = "not_a_partner", body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "invalid_transition", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn report_status(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(body): ApiJson<StatusRequest>,
) -> Result<Json<Order>, ApiError> {
    partners::of_actor(&state.db, &actor).await?;
    let id = path_id(id, "order_not_found")?;
    let moved =
        orders::transition(&state.db, &state.i18n, state.pack, &actor, &id, body.status).await?;
    Ok(Json(moved))
}

/// Your newest webhooks (up to 100), with how each went.
#[utoipa::path(get, path = "/api/v1/partner/deliveries", tag = "partners", security(("bearer" = [])),
    responses((status = 200, body = Vec<Delivery>), (status = 401, body = ErrorBody), (status = 403, description = "not_a_partner", body = ErrorBody)))]
pub async fn list_deliveries(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<Vec<Delivery>>, ApiError> {
    let partner = partners::of_actor(&state.db, &actor).await?;
    Ok(Json(
        partner_webhooks::deliveries(&state.db, &partner, 100).await?,
    ))
}

/// Send a webhook again: the same body and event id, tried anew with backoff.
#[utoipa::path(post, path = "/api/v1/partner/deliveries/{id}/replay", tag = "partners", security(("bearer" = [])),
    params(("id" = String, Path, description = "The webhook's id (its event_id)")),
    responses((status = 202, description = "Queued"), (status = 401, body = ErrorBody), (status = 403, description = "not_a_partner", body = ErrorBody),
        (status = 404, description = "delivery_not_found", body = ErrorBody)))]
pub async fn replay(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let partner = partners::of_actor(&state.db, &actor).await?;
    let id = path_id(id, "delivery_not_found")?;
    partner_webhooks::replay(&state.db, &partner, &id).await?;
    Ok(StatusCode::ACCEPTED)
}
