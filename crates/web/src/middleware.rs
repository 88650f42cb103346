//! Cross-cutting layers: request metrics by route, security headers, same-origin forms, and the
//! one place where errors get their body in the asker's language.

use crate::error::ApiError;
use crate::extract::lenient_language;
use crate::i18n::Tr;
use crate::pages;
use crate::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Where the matched route is written down for the metrics of the request.
#[derive(Clone, Default)]
pub struct RouteSlot(Arc<Mutex<Option<String>>>);

/// Marks a response whose error body a handler wrote itself (e.g. a form shown again with its
/// problems); `render_errors` leaves it alone.
#[derive(Clone, Copy, Debug)]
pub struct OwnBody;

/// Counts requests and times them, by method, route template and status.
pub async fn track(mut req: Request, next: Next) -> Response {
    let slot = RouteSlot::default();
    req.extensions_mut().insert(slot.clone());
    let method = req.method().to_string();
    let start = Instant::now();
    let response = next.run(req).await;
    let route = slot
        .0
        .lock()
        .ok()
        .and_then(|mut r| r.take())
        .unwrap_or_else(|| "unmatched".into());
    let status = response.status().as_u16().to_string();
    metrics::counter!("http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route)
        .record(start.elapsed().as_secs_f64());
    response
}

/// Runs inside the router: notes the matched route template for [`track`].
pub async fn note_route(matched: Option<MatchedPath>, req: Request, next: Next) -> Response {
    if let (Some(matched), Some(slot)) = (matched, req.extensions().get::<RouteSlot>()) {
        if let Ok(mut route) = slot.0.lock() {
            *route = Some(matched.as_str().to_owned());
        }
    }
    next.run(req).await
}

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

/// Security headers on every response. Pages shown to a signed-in person are never stored by the
/// browser or a proxy (`no-store`): digital centres share computers.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let signed_in = crate::auth::cookie(req.headers(), crate::auth::SESSION_COOKIE).is_some();
    let mut response = next.run(req).await;
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/json"));
    if signed_in && is_page {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ] {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    response
}

/// Refuses state-changing form posts that a browser says come from another site. (Signed-in
/// forms also carry a CSRF token; this guards the anonymous ones.)
pub async fn same_origin_forms(req: Request, next: Next) -> Response {
    let changes_state = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if changes_state && !req.uri().path().starts_with("/api/") {
        let headers = req.headers();
        let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
        let cross_fetch =
            matches!(fetch_site, Some(site) if site != "same-origin" && site != "none");
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        let origin_host = headers
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok())
            .map(|o| o.split_once("://").map_or(o, |(_, rest)| rest));
        let cross_origin = matches!((origin_host, host), (Some(o), Some(h)) if o != h)
            || origin_host == Some("null");
        if cross_fetch || cross_origin {
            return ApiError::new(StatusCode::FORBIDDEN, "cross_site_request").into_response();
        }
    }
    next.run(req).await
}

fn wants_json(path: &str) -> bool {
    (path.starts_with("/api/") && !path.starts_with("/api/docs"))
        || matches!(path, "/healthz" | "/readyz" | "/metrics")
}

/// Gives every error response its body, in the request's language: the JSON envelope for the API,
/// a page for people. Errors from layers (body limit, timeout, panic) get one too.
pub async fn render_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let lang = lenient_language(req.uri(), req.headers(), &state);
    let json = wants_json(req.uri().path());
    let mut response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error())
        || response.extensions().get::<OwnBody>().is_some()
    {
        return response;
    }
    let error = response
        .extensions_mut()
        .remove::<ApiError>()
        .unwrap_or_else(|| ApiError::from_status(status));
    if status.is_server_error() && error.code == "internal_error" {
        tracing::error!(%status, "request failed");
    }
    let tr = Tr::new(state.i18n.clone(), lang);
    let mut rendered = if json {
        (status, Json(error.body(&tr))).into_response()
    } else {
        pages::error::render_error(&state, &tr, &error)
    };
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = response.headers().get(&name) {
            rendered.headers_mut().insert(name, value.clone());
        }
    }
    for (name, value) in &error.headers {
        rendered.headers_mut().insert(name.clone(), value.clone());
    }
    rendered
}
