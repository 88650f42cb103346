//! The commerce JSON API: shops, products, the catalogue search with facets, checkouts with
//! `Idempotency-Key`, and orders.

use super::{path_id, rates, search_products, ProductFilter, ProductPage};
use crate::checkout::{self, Line, NewCheckout, Payment, Placed};
use crate::error::CommerceError;
use crate::idempotency::Key;
use crate::orders::{self, Concerning, Order, OrderLine};
use crate::products::{self, NewProduct, NewVariant, Product};
use crate::shops::{self, NewShop, Shop};
use crate::state::State as OrderState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};
use shetu_web::auth::{ApiCaller, ApiCallerFor};
use shetu_web::error::{ApiError, ErrorBody};
use shetu_web::extract::{ApiJson, ApiQuery, Locale};
use shetu_web::AppState;
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(tags((name = "commerce", description = "Shops, the catalogue, checkouts and orders"),
    (name = "partners", description = "Partner marketplaces: push your catalogue, pull the producers' one, take and place orders, signed webhooks")))]
struct CommerceDoc;

/// The routes with their OpenAPI description.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(CommerceDoc::openapi())
        .routes(routes!(open_shop))
        .routes(routes!(get_shop))
        .routes(routes!(verify_shop))
        .routes(routes!(create_product))
        .routes(routes!(restock))
        .routes(routes!(list_products))
        .routes(routes!(get_product))
        .routes(routes!(create_checkout))
        .routes(routes!(list_orders))
        .routes(routes!(get_order))
        .routes(routes!(move_order))
        .routes(routes!(super::impact_web::api))
}

/// A shop to open.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShopRequest {
    /// Its name.
    #[schema(example = "রহিমার নকশিকাঁথা", min_length = 1, max_length = 120)]
    pub name: String,
    /// `shop`, `farmer` or `wholesaler`.
    #[schema(example = "shop")]
    pub kind: String,
    /// Its district (a region id of the pack, e.g. `bd.district.47`).
    pub district: String,
    /// Whether a woman leads the enterprise.
    #[serde(default)]
    pub women_led: bool,
    /// Digital business id.
    pub dbid: Option<String>,
    /// Trade licence number.
    pub trade_licence: Option<String>,
    /// `wallet` (a mobile wallet number) or `bank`.
    #[schema(example = "wallet")]
    pub payout_kind: String,
    /// The wallet number or bank account.
    #[schema(example = "01711000000")]
    pub payout_account: String,
}

/// Open a shop — or, with `On-Behalf-Of`, a client's shop (needs a `commerce.sell` mandate).
#[utoipa::path(post, path = "/api/v1/shops", tag = "commerce", request_body = ShopRequest, security(("bearer" = [])),
    params(("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    responses((status = 201, body = Shop), (status = 401, body = ErrorBody), (status = 403, description = "mandate_required", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn open_shop(
    State(state): State<AppState>,
    ApiCallerFor(actor): ApiCallerFor,
    ApiJson(body): ApiJson<ShopRequest>,
) -> Result<(StatusCode, Json<Shop>), ApiError> {
    let shop = NewShop {
        name: body.name,
        kind: body.kind,
        district: body.district,
        women_led: body.women_led,
        dbid: body.dbid,
        trade_licence: body.trade_licence,
        payout_kind: body.payout_kind,
        payout_account: body.payout_account,
    };
    let opened = shops::open(&state.db, state.pack, &actor, shop).await?;
    Ok((StatusCode::CREATED, Json(opened)))
}

/// A shop.
#[utoipa::path(get, path = "/api/v1/shops/{id}", tag = "commerce",
    params(("id" = String, Path, description = "Shop id")),
    responses((status = 200, body = Shop), (status = 404, body = ErrorBody)))]
pub async fn get_shop(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Shop>, ApiError> {
    let id = path_id(id, "shop_not_found")?;
    Ok(Json(shops::get(&state.db, &id).await?))
}

/// Verify a shop (administrators): it can then sell.
#[utoipa::path(post, path = "/api/v1/shops/{id}/verification", tag = "commerce", security(("bearer" = [])),
    params(("id" = String, Path, description = "Shop id")),
    responses((status = 200, body = Shop), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn verify_shop(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Shop>, ApiError> {
    let id = path_id(id, "shop_not_found")?;
    Ok(Json(shops::verify(&state.db, &actor, &id).await?))
}

/// A variant to list.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VariantRequest {
    /// The shop's own code (unique within the shop).
    #[schema(example = "HONEY-500", min_length = 1, max_length = 40)]
    pub sku: String,
    /// What tells it apart (`500 g`).
    #[serde(default)]
    #[schema(max_length = 60)]
    pub label: String,
    /// Unit price in minor units (poisha: 45000 is ৳450).
    #[schema(minimum = 1, maximum = 1000000000)]
    pub price_minor: i64,
    /// Units in stock.
    #[schema(minimum = 0, maximum = 1000000)]
    pub stock: i64,
    /// Wholesale tiers: from `min_quantity` units, each costs `unit_price_minor`.
    #[serde(default)]
    pub tiers: Vec<TierRequest>,
}

/// A wholesale tier.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TierRequest {
    /// From this many units (more than 1)…
    #[schema(minimum = 2, maximum = 1000000)]
    pub min_quantity: i64,
    /// …each costs this much (less than the price before it).
    #[schema(minimum = 1, maximum = 1000000000)]
    pub unit_price_minor: i64,
}

/// A product to list.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductRequest {
    /// Category id (`honey`, `nakshi-kantha` …).
    #[schema(example = "honey")]
    pub category: String,
    /// Unit id (`piece`, `kg`, `dozen`, `litre` …).
    #[schema(example = "kg")]
    pub unit: String,
    /// Title in Bangla.
    #[schema(example = "সুন্দরবনের খাঁটি মধু", min_length = 1, max_length = 150)]
    pub title_bn: String,
    /// Title in English.
    #[schema(example = "Pure Sundarbans honey", min_length = 1, max_length = 150)]
    pub title_en: String,
    /// Description in Bangla.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub description_bn: String,
    /// Description in English.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub description_en: String,
    /// Variants (1 to 20).
    #[schema(min_items = 1, max_items = 20)]
    pub variants: Vec<VariantRequest>,
}

/// List a product in a shop (its owner, an agent with the owner's `commerce.sell` mandate and
/// `On-Behalf-Of`, or an administrator).
#[utoipa::path(post, path = "/api/v1/shops/{id}/products", tag = "commerce", request_body = ProductRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "Shop id"), ("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    responses((status = 201, body = Product), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_product(
    State(state): State<AppState>,
    ApiCallerFor(actor): ApiCallerFor,
    id: Result<Path<String>, PathRejection>,
    ApiJson(body): ApiJson<ProductRequest>,
) -> Result<(StatusCode, Json<Product>), ApiError> {
    let shop = path_id(id, "shop_not_found")?;
    let product = NewProduct {
        category: body.category,
        unit: body.unit,
        title_bn: body.title_bn,
        title_en: body.title_en,
        description_bn: body.description_bn,
        description_en: body.description_en,
        variants: body
            .variants
            .into_iter()
            .map(|v| NewVariant {
                sku: v.sku,
                label: v.label,
                price_minor: v.price_minor,
                stock: v.stock,
                tiers: v
                    .tiers
                    .into_iter()
                    .map(|t| (t.min_quantity, t.unit_price_minor))
                    .collect(),
            })
            .collect(),
    };
    let created = products::create(&state.db, &actor, &shop, product).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// New stock and price of a variant.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StockRequest {
    /// Units in stock.
    #[schema(minimum = 0, maximum = 1000000)]
    pub stock: i64,
    /// Unit price in minor units.
    #[schema(minimum = 1, maximum = 1000000000)]
    pub price_minor: i64,
}

/// Set a variant's stock and price.
#[utoipa::path(put, path = "/api/v1/variants/{id}/stock", tag = "commerce", request_body = StockRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "Variant id"), ("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    responses((status = 200, body = Product), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn restock(
    State(state): State<AppState>,
    ApiCallerFor(actor): ApiCallerFor,
    id: Result<Path<String>, PathRejection>,
    ApiJson(body): ApiJson<StockRequest>,
) -> Result<Json<Product>, ApiError> {
    let id = path_id(id, "variant_not_found")?;
    Ok(Json(
        products::restock(&state.db, &actor, &id, body.stock, body.price_minor).await?,
    ))
}

/// Search and browse the catalogue: products of verified shops with counts by category,
/// district, price band and flag.
#[utoipa::path(get, path = "/api/v1/products", tag = "commerce", params(ProductFilter),
    responses((status = 200, body = ProductPage), (status = 400, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn list_products(
    State(state): State<AppState>,
    Locale(tr): Locale,
    ApiQuery(filter): ApiQuery<ProductFilter>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    filter.check()?;
    let page = search_products(&state, &tr, &filter).await?;
    Ok(Json(&*page).into_response())
}

/// A product with its variants and tiers.
#[utoipa::path(get, path = "/api/v1/products/{id}", tag = "commerce",
    params(("id" = String, Path, description = "Product id")),
    responses((status = 200, body = Product), (status = 404, body = ErrorBody)))]
pub async fn get_product(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Product>, ApiError> {
    let id = path_id(id, "product_not_found")?;
    Ok(Json(products::get(&state.db, &id).await?))
}

/// A checkout.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckoutRequest {
    /// What to buy (1 to 50 lines; items of several shops make one order per shop).
    #[schema(min_items = 1, max_items = 50)]
    pub lines: Vec<Line>,
    /// `cod` (cash on delivery) or `mobile_money`.
    pub payment: Payment,
    /// Where and how to deliver.
    #[serde(default)]
    #[schema(max_length = 500)]
    pub delivery_note: String,
    /// Collect it at this digital centre (a service point's id) instead of home delivery.
    #[serde(default)]
    #[schema(max_length = 64)]
    pub pickup_point: Option<String>,
}

/// Check out — or, with `On-Behalf-Of`, check out for a client (needs `commerce.buy`). Send an
/// `Idempotency-Key`: a replay returns the first answer; the same key with another body is
/// refused with 422 `idempotency_key_reused`.
#[utoipa::path(post, path = "/api/v1/checkouts", tag = "commerce", request_body = CheckoutRequest, security(("bearer" = [])),
    params(
        ("Idempotency-Key" = Option<String>, Header, description = "A key you choose per checkout (up to 200 printable characters)"),
        ("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    responses((status = 201, body = Placed), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, description = "variant_not_found", body = ErrorBody),
        (status = 409, description = "out_of_stock, shop_not_verified", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_checkout(
    State(state): State<AppState>,
    ApiCallerFor(actor): ApiCallerFor,
    axum::Extension(settings): axum::Extension<std::sync::Arc<crate::settings::Settings>>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<CheckoutRequest>,
) -> Result<(StatusCode, Json<Placed>), ApiError> {
    if body.payment == Payment::MobileMoney && settings.mobile_money.is_none() {
        return Err(CommerceError::Invalid("payment".into(), "not_offered").into());
    }
    let fingerprint = serde_json::json!({
        "body": serde_json::to_value(&body).unwrap_or_default(),
        "for": actor.on_behalf_of.map(|p| p.to_string()),
    });
    let checkout = NewCheckout {
        lines: body.lines,
        payment: body.payment,
        delivery_note: body.delivery_note,
        pickup_point: body.pickup_point,
    };
    let placed = place_keyed(&state, &actor, &headers, fingerprint, checkout).await?;
    Ok((StatusCode::CREATED, Json(placed)))
}

/// Places a checkout for `actor`, once per `Idempotency-Key` if the request has one
/// (`fingerprint` is what makes two requests with the key the same request).
pub(super) async fn place_keyed(
    state: &AppState,
    actor: &shetu_core::Actor,
    headers: &HeaderMap,
    fingerprint: serde_json::Value,
    checkout: NewCheckout,
) -> Result<Placed, ApiError> {
    let key = match headers.get("idempotency-key") {
        None => None,
        Some(v) => {
            let v = v.to_str().map_err(|_| {
                ApiError::from(CommerceError::Invalid("Idempotency-Key".into(), "too_long"))
            })?;
            Some(Key::new(&actor.person.to_string(), v, &fingerprint)?)
        }
    };
    Ok(checkout::place(
        &state.db,
        &state.i18n,
        state.pack,
        actor,
        checkout,
        key,
        rates(),
    )
    .await?)
}

/// Whose orders.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrdersQuery {
    /// `buyer` (mine, the default), `seller` (my shops'), `agent` (placed for others), `all`
    /// (administrators).
    #[param(rename = "as")]
    #[serde(rename = "as")]
    pub as_: Option<String>,
}

/// Orders that concern me, newest first (up to 200).
#[utoipa::path(get, path = "/api/v1/orders", tag = "commerce", security(("bearer" = [])), params(OrdersQuery),
    responses((status = 200, body = Vec<Order>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list_orders(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiQuery(q): ApiQuery<OrdersQuery>,
) -> Result<Json<Vec<Order>>, ApiError> {
    let who = match q.as_.as_deref().unwrap_or("buyer") {
        "buyer" => Concerning::Buyer(actor.person),
        "seller" => Concerning::Seller(actor.person),
        "agent" => Concerning::Agent(actor.person),
        "all" => Concerning::All,
        _ => {
            return Err(
                ApiError::bad_request("invalid_query").detail("as: buyer, seller, agent or all")
            )
        }
    };
    Ok(Json(orders::list(&state.db, &actor, who, 200).await?))
}

/// An order with its lines and the states I may move it to.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrderDetail {
    /// The order.
    pub order: Order,
    /// Its lines.
    pub lines: Vec<OrderLine>,
    /// States the caller may move it to now.
    pub next: Vec<OrderState>,
}

/// An order that concerns me (as buyer, shop, the agent who placed it, or administrator).
#[utoipa::path(get, path = "/api/v1/orders/{id}", tag = "commerce", security(("bearer" = [])),
    params(("id" = String, Path, description = "Order id"), ("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    responses((status = 200, body = OrderDetail), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_order(
    State(state): State<AppState>,
    ApiCallerFor(actor): ApiCallerFor,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<OrderDetail>, ApiError> {
    let id = path_id(id, "order_not_found")?;
    let (order, lines, next) = orders::get(&state.db, &actor, &id).await?;
    Ok(Json(OrderDetail { order, lines, next }))
}

/// Where to move an order.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveRequest {
    /// The state to move to.
    pub to: OrderState,
}

/// Move an order to its next state. A move the caller may not make from the order's state gets
/// 409 `invalid_transition`.
#[utoipa::path(post, path = "/api/v1/orders/{id}/transitions", tag = "commerce", request_body = MoveRequest, security(("bearer" = [])),
    params(("id" = String, Path, description = "Order id"), ("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    responses((status = 200, body = Order), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "invalid_transition", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn move_order(
    State(state): State<AppState>,
    ApiCallerFor(actor): ApiCallerFor,
    id: Result<Path<String>, PathRejection>,
    ApiJson(body): ApiJson<MoveRequest>,
) -> Result<Json<Order>, ApiError> {
    let id = path_id(id, "order_not_found")?;
    Ok(Json(
        orders::transition(&state.db, &state.i18n, state.pack, &actor, &id, body.to).await?,
    ))
}
