//! Paying online: the page where a buyer pays a checkout with mobile money (and comes back to),
//! the API that starts a payment, and the provider's signed callback.

use super::{actor_of, money, path_id};
use crate::error::CommerceError;
use crate::payments::{self, Outcome};
use crate::settings::Settings;
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use serde::Serialize;
use shetu_store::now_ms;
use shetu_web::auth::{ApiCallerFor, CsrfForm, Member};
use shetu_web::error::{ApiError, ErrorBody};
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render_own, when, Chrome, FormErrors};
use shetu_web::AppState;
use std::sync::Arc;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(start_payment))
        .routes(routes!(callback))
}

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/shop/checkouts/{id}/pay", get(pay_page).post(pay_submit))
}

fn provider(settings: &Settings) -> Result<&dyn payments::PaymentProvider, ApiError> {
    settings
        .mobile_money
        .as_deref()
        .ok_or_else(|| CommerceError::Invalid("payment".into(), "not_offered").into())
}

/// A started payment.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentStarted {
    /// The provider's page where the buyer confirms the payment.
    pub confirm_url: String,
}

/// Start paying a checkout that awaits mobile money — or, with `On-Behalf-Of`, a client's
/// (needs `commerce.buy`). Send the buyer to `confirm_url`; the provider tells shetu the outcome.
#[utoipa::path(post, path = "/api/v1/checkouts/{id}/payment", tag = "commerce", security(("bearer" = [])),
    params(("id" = String, Path, description = "The checkout's id"),
        ("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    responses((status = 201, body = PaymentStarted), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, description = "checkout_not_found", body = ErrorBody), (status = 409, description = "nothing_to_pay", body = ErrorBody),
        (status = 422, description = "mobile money is not offered here", body = ErrorBody),
        (status = 502, description = "payment_provider_unavailable", body = ErrorBody)))]
pub async fn start_payment(
    State(state): State<AppState>,
    Extension(settings): Extension<Arc<Settings>>,
    ApiCallerFor(actor): ApiCallerFor,
    id: Result<Path<String>, PathRejection>,
) -> Result<(StatusCode, Json<PaymentStarted>), ApiError> {
    let id = path_id(id, "checkout_not_found")?;
    let confirm_url = payments::start(
        &state.db,
        provider(&settings)?,
        state.pack,
        &settings.public_url,
        &actor,
        &id,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(PaymentStarted { confirm_url })))
}

/// A provider's event.
#[derive(Debug, Serialize, ToSchema)]
pub struct CallbackBody {
    /// The provider's event id (the same on every retry).
    pub event_id: String,
    /// `payment.succeeded` or `payment.failed`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The provider's payment id.
    pub payment_id: String,
    /// shetu's payment id.
    pub reference: String,
    /// Amount collected (minor units).
    pub amount_minor: i64,
    /// Currency (ISO 4217).
    pub currency: String,
}

/// What shetu did with a callback.
#[derive(Debug, Serialize, ToSchema)]
pub struct CallbackAnswer {
    /// `applied`, `duplicate` (seen before: nothing changed) or `ignored` (kept for the record).
    pub outcome: Outcome,
}

/// The payment provider's callback, signed with HMAC-SHA256 over `"{timestamp}.{body}"`
/// (`X-Shetu-Timestamp`, `X-Shetu-Signature: v1=<hex>`). Each event applies once; a retry gets
/// `duplicate`. A missing or wrong signature gets 401 `bad_signature`, one older than five
/// minutes 401 `stale_signature`.
#[utoipa::path(post, path = "/api/v1/payments/{provider}/callback", tag = "commerce", request_body = CallbackBody,
    params(("provider" = String, Path, description = "The provider's name (`mobile_money`)"),
        ("X-Shetu-Timestamp" = Option<String>, Header, description = "Signing time, Unix seconds"),
        ("X-Shetu-Signature" = Option<String>, Header, description = "`v1=<hex HMAC-SHA256>`")),
    responses((status = 200, body = CallbackAnswer), (status = 401, description = "bad_signature, stale_signature", body = ErrorBody),
        (status = 404, description = "no such provider", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn callback(
    State(state): State<AppState>,
    Extension(settings): Extension<Arc<Settings>>,
    name: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<CallbackAnswer>, ApiError> {
    let name = path_id(name, "not_found")?;
    let provider = settings
        .mobile_money
        .as_deref()
        .filter(|p| p.name() == name)
        .ok_or_else(|| ApiError::not_found("not_found"))?;
    let outcome = payments::on_callback(
        &state.db,
        &state.i18n,
        state.pack,
        provider,
        &headers,
        &body,
    )
    .await?;
    Ok(Json(CallbackAnswer { outcome }))
}

struct OrderRow {
    id: String,
    number: String,
    shop: String,
    state: String,
    total: String,
}

#[derive(Template)]
#[template(path = "pay.html")]
struct PayPage {
    tr: Tr,
    chrome: Chrome,
    errors: FormErrors,
    id: String,
    orders: Vec<OrderRow>,
    due: Option<String>,
    until: String,
    paid: bool,
    failed: bool,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    number: String,
    shop: String,
    state: String,
    paid: i64,
    total_minor: i64,
    reserved_until: Option<i64>,
}

async fn pay_view(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    member: &Member,
    id: String,
    errors: FormErrors,
) -> Result<PayPage, ApiError> {
    let me = member.0.person.to_string();
    let actor = actor_of(member)?;
    let buyer = actor
        .on_behalf_of
        .map_or_else(|| me.clone(), |c| c.to_string());
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT o.id, o.number, s.name AS shop, o.state, o.paid, o.total_minor, o.reserved_until \
         FROM commerce_order o JOIN commerce_shop s ON s.id = o.shop_id JOIN commerce_checkout c ON c.id = o.checkout_id \
         WHERE o.checkout_id = $1 AND o.buyer_id = $2 AND (c.buyer_id = $3 OR c.placed_by = $3) ORDER BY o.id",
    )
    .bind(&id)
    .bind(&buyer)
    .bind(&me)
    .fetch_all(state.db.pool())
    .await
    .map_err(CommerceError::from)?;
    if rows.is_empty() {
        return Err(ApiError::not_found("checkout_not_found"));
    }
    let now = now_ms();
    let open: Vec<&Row> = rows
        .iter()
        .filter(|r| r.state == "placed" && r.paid == 0 && r.reserved_until.is_some_and(|t| t > now))
        .collect();
    let due: i64 = open.iter().map(|r| r.total_minor).sum();
    let until = open
        .iter()
        .filter_map(|r| r.reserved_until)
        .min()
        .unwrap_or(now);
    let failed: Option<String> = sqlx::query_scalar(
        "SELECT state FROM commerce_payment WHERE checkout_id = $1 ORDER BY created_at DESC LIMIT 1",
    )
    .bind(&id)
    .fetch_optional(state.db.pool())
    .await
    .map_err(CommerceError::from)?;
    Ok(PayPage {
        chrome: Chrome::new(state, &tr, uri, "orders", &member.1),
        errors,
        paid: rows.iter().all(|r| r.paid == 1),
        failed: failed.as_deref() == Some("failed") && due > 0,
        due: (due > 0).then(|| money(state, &tr, due)),
        until: when(state, &tr, until),
        orders: rows
            .into_iter()
            .map(|r| OrderRow {
                state: tr.t(&format!("commerce-state-{}", r.state)),
                total: money(state, &tr, r.total_minor),
                id: r.id,
                number: r.number,
                shop: r.shop,
            })
            .collect(),
        id,
        tr,
    })
}

/// Where a buyer pays a checkout and comes back to from the provider.
async fn pay_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = path_id(id, "checkout_not_found")?;
    let view = pay_view(&state, tr, &uri, &member, id, FormErrors::none()).await?;
    Ok(render_own(StatusCode::OK, &view))
}

/// Starts the payment and sends the buyer to the provider's confirm page.
async fn pay_submit(
    State(state): State<AppState>,
    Extension(settings): Extension<Arc<Settings>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(NoFields {}, _): CsrfForm<NoFields>,
) -> Result<Response, ApiError> {
    let id = path_id(id, "checkout_not_found")?;
    let actor = actor_of(&member)?;
    let started = match provider(&settings) {
        Ok(p) => payments::start(&state.db, p, state.pack, &settings.public_url, &actor, &id)
            .await
            .map_err(ApiError::from),
        Err(e) => Err(e),
    };
    match started {
        Ok(url) => Ok((StatusCode::SEE_OTHER, [(header::LOCATION, url)]).into_response()),
        Err(error) if error.status == StatusCode::NOT_FOUND => Err(error),
        Err(error) => {
            let errors = FormErrors::from_error(&tr, &error, &[], "pay");
            let view = pay_view(&state, tr, &uri, &member, id, errors).await?;
            Ok(render_own(error.status, &view))
        }
    }
}

/// A form with nothing but its CSRF token.
#[derive(serde::Deserialize)]
struct NoFields {}
