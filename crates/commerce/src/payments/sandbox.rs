//! A mobile-money provider for demonstrations and tests, served under `/sandbox/momo` by a node
//! whose configuration names no real provider. It runs the whole protocol of
//! [`super::HttpMobileMoney`] over HTTP: payments created by merchant key and idempotency key, a
//! confirm page where the buyer approves with a wallet number and PIN (or declines), signed
//! callbacks retried with backoff until acknowledged, and refunds no larger than what was paid.
//! No money moves; everything is kept in memory.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::Deserialize;
use shetu_core::Money;
use shetu_web::auth::{CsrfForm, Visitor};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::outbound::{self, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use shetu_web::pages::{render_own, Chrome, FormError, FormErrors};
use shetu_web::AppState;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Where the sandbox is served on a node.
pub const PATH: &str = "/sandbox/momo";
/// The merchant key the sandbox accepts (it is not a secret: the sandbox moves no money).
pub const MERCHANT_KEY: &str = "sandbox-merchant";
/// The secret the sandbox signs callbacks with.
pub const SECRET: &str = "sandbox-signing-secret-not-for-production";
/// Waits between deliveries of one callback: the first is sent before the buyer is sent back.
const RETRIES_S: [u64; 5] = [1, 2, 4, 8, 16];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Pending,
    Succeeded,
    Failed,
}

#[derive(Debug, Clone)]
struct Payment {
    id: String,
    reference: String,
    amount_minor: i64,
    currency: String,
    callback_url: String,
    return_url: String,
    status: Status,
    refunded: i64,
}

#[derive(Default)]
struct Books {
    payments: HashMap<String, Payment>,
    /// Idempotency key → payment id.
    created: HashMap<String, String>,
    /// Idempotency key → refund id.
    refunds: HashMap<String, String>,
    /// Idempotency key → disbursement id.
    disbursements: HashMap<String, String>,
}

/// The sandbox provider.
pub struct Sandbox {
    base: String,
    client: reqwest::Client,
    books: Mutex<Books>,
}

impl Sandbox {
    /// A sandbox reached at `base` (`{public_url}/sandbox/momo`).
    pub fn new(base: String) -> Arc<Sandbox> {
        Arc::new(Sandbox {
            base,
            client: outbound::client(),
            books: Mutex::new(Books::default()),
        })
    }

    fn books(&self) -> std::sync::MutexGuard<'_, Books> {
        self.books
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Its routes, to merge into the module's pages.
    pub fn router(self: &Arc<Sandbox>) -> Router<AppState> {
        Router::new()
            .route(&format!("{PATH}/v1/payments"), post(create))
            .route(&format!("{PATH}/v1/refunds"), post(refund))
            .route(&format!("{PATH}/v1/disbursements"), post(disburse))
            .route(
                &format!("{PATH}/pay/{{id}}"),
                get(confirm_page).post(decide),
            )
            .layer(Extension(self.clone()))
    }

    /// Sends the callback for `payment` until it is acknowledged (the first try is awaited, the
    /// retries run in the background).
    async fn notify(self: Arc<Sandbox>, payment: Payment) {
        let kind = match payment.status {
            Status::Succeeded => "payment.succeeded",
            _ => "payment.failed",
        };
        let body = serde_json::json!({
            "event_id": format!("ev_{}", uuid::Uuid::new_v4().simple()),
            "type": kind,
            "payment_id": payment.id,
            "reference": payment.reference,
            "amount_minor": payment.amount_minor,
            "currency": payment.currency,
        })
        .to_string();
        if self.deliver(&payment.callback_url, &body).await {
            return;
        }
        tokio::spawn(async move {
            for wait in RETRIES_S {
                tokio::time::sleep(Duration::from_secs(wait)).await;
                if self.deliver(&payment.callback_url, &body).await {
                    return;
                }
            }
            tracing::warn!(payment = %payment.id, "sandbox: callback never acknowledged");
        });
    }

    async fn deliver(&self, url: &str, body: &str) -> bool {
        let at = outbound::unix_now();
        let sent = self
            .client
            .post(url)
            .header(header::CONTENT_TYPE, "application/json")
            .header(TIMESTAMP_HEADER, at.to_string())
            .header(
                SIGNATURE_HEADER,
                outbound::sign(SECRET.as_bytes(), at, body.as_bytes()),
            )
            .body(body.to_owned())
            .send()
            .await;
        matches!(sent, Ok(r) if r.status().is_success())
    }
}

fn refuse(status: StatusCode, code: &str) -> Response {
    (status, Json(serde_json::json!({ "error": code }))).into_response()
}

/// The idempotency key and body of a merchant's call, or the status and code to refuse it with.
fn merchant<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(String, T), (StatusCode, &'static str)> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .filter(|k| !k.is_empty() && k.len() <= 100)
        .map(str::to_owned);
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if bearer != Some(MERCHANT_KEY) {
        return Err((StatusCode::UNAUTHORIZED, "bad_merchant_key"));
    }
    let key = key.ok_or((StatusCode::BAD_REQUEST, "idempotency_key_required"))?;
    let body =
        serde_json::from_slice(body).map_err(|_| (StatusCode::BAD_REQUEST, "bad_request"))?;
    Ok((key, body))
}

#[derive(Deserialize)]
struct NewPayment {
    reference: String,
    amount_minor: i64,
    currency: String,
    callback_url: String,
    return_url: String,
}

async fn create(
    Extension(sandbox): Extension<Arc<Sandbox>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let (key, new) = match merchant::<NewPayment>(&headers, &body) {
        Ok(call) => call,
        Err((status, code)) => return refuse(status, code),
    };
    let web = |u: &str| u.starts_with("http://") || u.starts_with("https://");
    if new.amount_minor <= 0 || !web(&new.callback_url) || !web(&new.return_url) {
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, "invalid_payment");
    }
    let mut books = sandbox.books();
    let id = match books.created.get(&key) {
        Some(id) => id.clone(),
        None => {
            let id = format!("mm_{}", uuid::Uuid::new_v4().simple());
            books.created.insert(key, id.clone());
            books.payments.insert(
                id.clone(),
                Payment {
                    id: id.clone(),
                    reference: new.reference,
                    amount_minor: new.amount_minor,
                    currency: new.currency,
                    callback_url: new.callback_url,
                    return_url: new.return_url,
                    status: Status::Pending,
                    refunded: 0,
                },
            );
            id
        }
    };
    let answer = serde_json::json!({
        "id": id, "status": "pending", "confirm_url": format!("{}/pay/{id}", sandbox.base),
    });
    (StatusCode::CREATED, Json(answer)).into_response()
}

#[derive(Deserialize)]
struct NewRefund {
    payment_id: String,
    amount_minor: i64,
}

async fn refund(
    Extension(sandbox): Extension<Arc<Sandbox>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let (key, new) = match merchant::<NewRefund>(&headers, &body) {
        Ok(call) => call,
        Err((status, code)) => return refuse(status, code),
    };
    let mut books = sandbox.books();
    if let Some(id) = books.refunds.get(&key) {
        let answer = serde_json::json!({ "id": id, "status": "succeeded" });
        return (StatusCode::CREATED, Json(answer)).into_response();
    }
    let Some(payment) = books.payments.get_mut(&new.payment_id) else {
        return refuse(StatusCode::NOT_FOUND, "payment_not_found");
    };
    if payment.status != Status::Succeeded
        || new.amount_minor <= 0
        || payment.refunded + new.amount_minor > payment.amount_minor
    {
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, "refund_exceeds_payment");
    }
    payment.refunded += new.amount_minor;
    let id = format!("rf_{}", uuid::Uuid::new_v4().simple());
    books.refunds.insert(key, id.clone());
    let answer = serde_json::json!({ "id": id, "status": "succeeded" });
    (StatusCode::CREATED, Json(answer)).into_response()
}

#[derive(Deserialize)]
struct NewDisbursement {
    wallet: String,
    amount_minor: i64,
}

async fn disburse(
    Extension(sandbox): Extension<Arc<Sandbox>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let (key, new) = match merchant::<NewDisbursement>(&headers, &body) {
        Ok(call) => call,
        Err((status, code)) => return refuse(status, code),
    };
    let digits = new.wallet.trim_start_matches('+');
    if new.amount_minor <= 0 || digits.len() < 8 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, "invalid_disbursement");
    }
    let mut books = sandbox.books();
    let id = books
        .disbursements
        .entry(key)
        .or_insert_with(|| format!("ds_{}", uuid::Uuid::new_v4().simple()))
        .clone();
    let answer = serde_json::json!({ "id": id, "status": "succeeded" });
    (StatusCode::CREATED, Json(answer)).into_response()
}

#[derive(Template)]
#[template(path = "momo_confirm.html")]
struct ConfirmPage {
    tr: Tr,
    chrome: Chrome,
    errors: FormErrors,
    id: String,
    amount: String,
    open: bool,
    wallet: String,
}

fn money(state: &AppState, tr: &Tr, minor: i64) -> String {
    Money::from_minor(minor, state.pack.currency).format(&state.pack.money_format, tr.code())
}

async fn confirm_page(
    State(state): State<AppState>,
    Extension(sandbox): Extension<Arc<Sandbox>>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let payment = sandbox.books().payments.get(&id).cloned();
    let Some(payment) = payment else {
        return Err(ApiError::not_found("payment_not_found"));
    };
    let view = ConfirmPage {
        chrome: Chrome::new(&state, &tr, &uri, "shop", &visitor),
        errors: FormErrors::none(),
        amount: money(&state, &tr, payment.amount_minor),
        open: payment.status == Status::Pending,
        id,
        wallet: String::new(),
        tr,
    };
    Ok(render_own(StatusCode::OK, &view))
}

#[derive(Deserialize)]
struct Decision {
    #[serde(default)]
    wallet: String,
    #[serde(default)]
    pin: String,
    #[serde(default)]
    decision: String,
}

async fn decide(
    State(state): State<AppState>,
    Extension(sandbox): Extension<Arc<Sandbox>>,
    Locale(tr): Locale,
    uri: Uri,
    Path(id): Path<String>,
    CsrfForm(form, visitor): CsrfForm<Decision>,
) -> Result<Response, ApiError> {
    let approve = form.decision == "approve";
    let wallet: String = form.wallet.chars().filter(|c| !c.is_whitespace()).collect();
    let mut items = Vec::new();
    if approve && state.pack.phone.parse_mobile(&wallet).is_err() {
        items.push(FormError {
            field: "wallet".into(),
            message: tr.t("momo-wallet-invalid"),
        });
    }
    let pin_ok =
        (4..=6).contains(&form.pin.chars().count()) && form.pin.chars().all(|c| c.is_ascii_digit());
    if approve && !pin_ok {
        items.push(FormError {
            field: "pin".into(),
            message: tr.t("momo-pin-invalid"),
        });
    }
    let payment = {
        let mut books = sandbox.books();
        let Some(payment) = books.payments.get_mut(&id) else {
            return Err(ApiError::not_found("payment_not_found"));
        };
        if items.is_empty() && payment.status == Status::Pending {
            payment.status = if approve {
                Status::Succeeded
            } else {
                Status::Failed
            };
            Some(payment.clone())
        } else if items.is_empty() {
            // Decided before (a second tap): just go back.
            return Ok(Redirect::to(&payment.return_url).into_response());
        } else {
            let view = ConfirmPage {
                chrome: Chrome::new(&state, &tr, &uri, "shop", &visitor),
                errors: FormErrors { items },
                amount: money(&state, &tr, payment.amount_minor),
                open: true,
                id,
                wallet: form.wallet,
                tr,
            };
            return Ok(render_own(StatusCode::UNPROCESSABLE_ENTITY, &view));
        }
    };
    let Some(payment) = payment else {
        return Err(ApiError::not_found("payment_not_found"));
    };
    let back = payment.return_url.clone();
    sandbox.notify(payment).await;
    Ok(Redirect::to(&back).into_response())
}
