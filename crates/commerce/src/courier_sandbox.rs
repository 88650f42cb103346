//! A courier for demonstrations and tests, served under `/sandbox/courier` by a node whose
//! configuration names no real courier. It books pickups by key and idempotency key, and gives
//! the rider a page for each parcel: type the code the buyer gives and mark it delivered (or not
//! delivered), which sends shetu a signed event and shows the rider what shetu answered.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::Deserialize;
use shetu_web::auth::{CsrfForm, Visitor};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::outbound::{self, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use shetu_web::pages::{render_own, Chrome};
use shetu_web::AppState;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Where the sandbox courier is served.
pub const PATH: &str = "/sandbox/courier";
/// The key it accepts.
pub const KEY: &str = "sandbox-courier";
/// The secret it signs events with.
pub const SECRET: &str = "sandbox-courier-secret-not-for-production";

#[derive(Debug, Clone)]
struct Parcel {
    label: String,
    address: String,
    cod_minor: i64,
    callback_url: String,
    last: Option<String>,
}

/// The sandbox courier.
pub struct SandboxCourier {
    client: reqwest::Client,
    parcels: Mutex<HashMap<String, Parcel>>,
    booked: Mutex<HashMap<String, String>>,
}

impl SandboxCourier {
    /// A new, empty sandbox courier.
    pub fn new() -> Arc<SandboxCourier> {
        Arc::new(SandboxCourier {
            client: outbound::client(),
            parcels: Mutex::new(HashMap::new()),
            booked: Mutex::new(HashMap::new()),
        })
    }

    /// Its routes.
    pub fn router(self: &Arc<SandboxCourier>) -> Router<AppState> {
        Router::new()
            .route(&format!("{PATH}/v1/pickups"), post(book))
            .route(
                &format!("{PATH}/parcels/{{id}}"),
                get(parcel_page).post(report),
            )
            .layer(Extension(self.clone()))
    }
}

#[derive(Deserialize)]
struct NewPickup {
    reference: String,
    label: String,
    address: String,
    cod_minor: i64,
    callback_url: String,
}

async fn book(
    Extension(c): Extension<Arc<SandboxCourier>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if bearer != Some(KEY) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(serde_json::json!({ "error": "bad_key" })),
        )
            .into_response();
    }
    let Ok(new) = serde_json::from_slice::<NewPickup>(&body) else {
        return (
            StatusCode::BAD_REQUEST,
            Json(serde_json::json!({ "error": "bad_request" })),
        )
            .into_response();
    };
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or(&new.reference)
        .to_owned();
    let mut booked = c
        .booked
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let id = booked
        .entry(key)
        .or_insert_with(|| format!("trk_{}", uuid::Uuid::new_v4().simple()))
        .clone();
    c.parcels
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .entry(id.clone())
        .or_insert(Parcel {
            label: new.label,
            address: new.address,
            cod_minor: new.cod_minor,
            callback_url: new.callback_url,
            last: None,
        });
    (StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response()
}

#[derive(Template)]
#[template(path = "courier_parcel.html")]
struct ParcelPage {
    tr: Tr,
    chrome: Chrome,
    id: String,
    label: String,
    address: String,
    cod: String,
    last: Option<String>,
}

async fn parcel_page(
    State(state): State<AppState>,
    Extension(c): Extension<Arc<SandboxCourier>>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let parcel = c.parcel(&id)?;
    let view = ParcelPage {
        chrome: Chrome::new(&state, &tr, &uri, "shop", &visitor),
        cod: crate::web::money(&state, &tr, parcel.cod_minor),
        last: parcel.last.map(|o| tr.t(&format!("courier-outcome-{o}"))),
        label: parcel.label,
        address: parcel.address,
        id,
        tr,
    };
    Ok(render_own(StatusCode::OK, &view))
}

#[derive(Deserialize)]
struct Report {
    #[serde(default)]
    code: String,
    #[serde(default)]
    status: String,
}

impl SandboxCourier {
    /// A booked parcel by its tracking id (404 otherwise).
    fn parcel(&self, id: &str) -> Result<Parcel, ApiError> {
        let parcel = self
            .parcels
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(id)
            .cloned();
        parcel.ok_or_else(|| ApiError::not_found("not_found"))
    }
}

async fn report(
    Extension(c): Extension<Arc<SandboxCourier>>,
    Path(id): Path<String>,
    CsrfForm(form, _): CsrfForm<Report>,
) -> Result<Response, ApiError> {
    let parcel = c.parcel(&id)?;
    let kind = match form.status.as_str() {
        "delivered" => "parcel.delivered",
        "picked_up" => "parcel.picked_up",
        "out_for_delivery" => "parcel.out_for_delivery",
        _ => "parcel.failed",
    };
    let body = serde_json::json!({
        "event_id": format!("cev_{}", uuid::Uuid::new_v4().simple()), "type": kind,
        "tracking_id": id, "code": form.code,
    })
    .to_string();
    let at = outbound::unix_now();
    let answer = c
        .client
        .post(&parcel.callback_url)
        .header(header::CONTENT_TYPE, "application/json")
        .header(TIMESTAMP_HEADER, at.to_string())
        .header(
            SIGNATURE_HEADER,
            outbound::sign(SECRET.as_bytes(), at, body.as_bytes()),
        )
        .body(body)
        .send()
        .await;
    let outcome = match answer {
        Ok(r) if r.status().is_success() => r
            .json::<serde_json::Value>()
            .await
            .ok()
            .and_then(|v| v["outcome"].as_str().map(str::to_owned))
            .unwrap_or_else(|| "recorded".into()),
        _ => "unreachable".into(),
    };
    if let Some(p) = c
        .parcels
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get_mut(&id)
    {
        p.last = Some(outcome);
    }
    Ok((
        StatusCode::SEE_OTHER,
        [(header::LOCATION, format!("{PATH}/parcels/{id}"))],
    )
        .into_response())
}
