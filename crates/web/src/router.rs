use crate::middleware::{note_route, render_errors, same_origin_forms, security_headers, track};
use crate::seam::Modules;
use crate::state::AppState;
use crate::{api, pages, static_files};
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Largest JSON body the API reads.
pub const JSON_LIMIT: usize = 64 * 1024;
/// Largest body of any request. Every extractor keeps to [`JSON_LIMIT`] unless its route allows
/// more (a form with a photo from a phone's camera, see [`PHOTO_LIMIT`]).
pub const BODY_LIMIT: usize = 8 * 1024 * 1024;
/// Largest upload of a form with a photo: a phone camera's JPEG is 2 to 6 MB.
pub const PHOTO_LIMIT: usize = 7 * 1024 * 1024;

/// The whole application: the shell's pages and API, the enabled modules' pages and API, docs,
/// health, metrics and static files, with its layers. A disabled module's routes are not there
/// (404), and its navigation is not shown.
pub fn app(state: AppState, modules: &Modules) -> Router {
    let (api_routes, openapi) = api::parts(modules);
    let _ = state
        .openapi
        .set(serde_json::to_string_pretty(&openapi).unwrap_or_else(|_| "{}".into()));
    let mut pages = pages::router();
    for module in modules.enabled() {
        pages = pages.merge(module.pages());
    }
    Router::new()
        .merge(pages)
        .merge(api_routes)
        .route("/api/openapi.json", get(api::docs::openapi_json))
        .route("/api/docs", get(api::docs::page))
        .route("/api/docs/explorer", get(api::docs::explorer))
        .route("/metrics", get(api::metrics))
        .route("/static/{*path}", get(static_files::serve))
        .route("/favicon.ico", get(static_files::favicon))
        .fallback(|| async { crate::error::ApiError::not_found("not_found") })
        .route_layer(axum::middleware::from_fn(note_route))
        .layer(DefaultBodyLimit::max(JSON_LIMIT))
        .with_state(state.clone())
        // Innermost first: each layer wraps everything above it.
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(CatchPanicLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::auth::csrf_cookie,
        ))
        .layer(axum::middleware::from_fn(same_origin_forms))
        .layer(axum::middleware::from_fn_with_state(state, render_errors))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(security_headers))
        .layer(axum::middleware::from_fn(track))
        .layer(TraceLayer::new_for_http())
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}
