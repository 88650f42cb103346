use crate::i18n::I18n;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use shetu_pack::Pack;
use shetu_store::Db;
use std::sync::{Arc, OnceLock};

/// Settings of the web shell.
#[derive(Debug, Clone, Default)]
pub struct WebConfig {
    /// Mark cookies `Secure` (set when shetu is served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// Demo mode: demo logins and sandbox outboxes are shown.
    pub demo: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a proxy that sets it).
    pub trust_proxy: bool,
}

/// What every handler can reach. Cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The country pack this deployment serves.
    pub pack: &'static Pack,
    /// Messages in every language.
    pub i18n: I18n,
    /// Settings.
    pub config: Arc<WebConfig>,
    pub(crate) metrics: PrometheusHandle,
    pub(crate) openapi: Arc<OnceLock<String>>,
}

/// The app could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// A message file is broken.
    #[error(transparent)]
    I18n(#[from] crate::i18n::I18nError),
}

impl AppState {
    /// Builds the state for `db` serving `pack`.
    pub fn new(db: Db, pack: &'static Pack, config: WebConfig) -> Result<AppState, SetupError> {
        Ok(AppState {
            db,
            pack,
            i18n: I18n::load()?,
            config: Arc::new(config),
            metrics: metrics_handle(),
            openapi: Arc::new(OnceLock::new()),
        })
    }
}

/// The process-wide Prometheus recorder (installed once; every app in the process shares it).
fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let buckets = [
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ];
            let builder = PrometheusBuilder::new();
            let builder = match builder.set_buckets_for_metric(
                Matcher::Full("http_request_duration_seconds".into()),
                &buckets,
            ) {
                Ok(b) => b,
                Err(_) => PrometheusBuilder::new(),
            };
            let recorder = builder.build_recorder();
            let handle = recorder.handle();
            // Fails only if another recorder is installed, e.g. by an embedding program.
            let _ = metrics::set_global_recorder(recorder);
            handle
        })
        .clone()
}
