use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

/// The process is alive.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// Always `ok`.
    status: &'static str,
}

/// The node can serve: database reachable, schema current.
#[derive(Debug, Serialize, ToSchema)]
pub struct Readiness {
    /// `ready`.
    status: &'static str,
    /// `sqlite` or `postgres`.
    database: &'static str,
    /// Migration versions applied.
    migrations: Vec<i64>,
}

/// Liveness: answers as long as the process runs.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, body = Health)))]
pub async fn healthz() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// Readiness: the database answers, every migration of this build is applied, and the search
/// index has been built (a first start builds it from the database before taking traffic).
#[utoipa::path(
    get, path = "/readyz", tag = "operations",
    responses((status = 200, body = Readiness), (status = 503, description = "Not ready", body = ErrorBody))
)]
pub async fn readyz(State(state): State<AppState>) -> Result<Json<Readiness>, ApiError> {
    let unavailable = |detail: String| {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "service_unavailable").detail(detail)
    };
    state
        .db
        .ping()
        .await
        .map_err(|e| unavailable(format!("database: {e}")))?;
    let status = state
        .db
        .migration_status(&state.migrations.iter().collect::<Vec<_>>())
        .await
        .map_err(|e| unavailable(format!("migrations: {e}")))?;
    if !status.is_current() {
        return Err(unavailable(format!(
            "migrations pending: {:?}",
            status.pending
        )));
    }
    // A node whose search index was never built (first start, or an analyzer change) answers
    // searches with nothing until the rebuild commits: not ready for traffic until then.
    if let Some(search) = &state.search {
        if matches!(search.position(), Ok(None)) {
            return Err(unavailable("search index is being built".to_owned()));
        }
    }
    Ok(Json(Readiness {
        status: "ready",
        database: state.db.backend().name(),
        migrations: status.applied,
    }))
}

/// Prometheus metrics: requests by route and status, latencies, jobs by state.
pub async fn metrics(State(state): State<AppState>) -> Response {
    if let Ok(lag) = shetu_store::audit::integration_lag_s(&state.db).await {
        metrics::gauge!("shetu_audit_integration_lag_seconds").set(lag);
    }
    if let Ok(counts) = shetu_store::jobs::counts(&state.db).await {
        for s in ["pending", "running", "done", "failed"] {
            #[allow(clippy::cast_precision_loss)]
            let n = counts.get(s).copied().unwrap_or(0) as f64;
            metrics::gauge!("shetu_jobs", "state" => s).set(n);
        }
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
        .into_response()
}
