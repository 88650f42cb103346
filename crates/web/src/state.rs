use crate::auth::Identity;
use crate::i18n::I18n;
use crate::seam::{HomeCard, Modules, NavEntry, PersonalData, RegionSection};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use shetu_core::{OrgKind, Scope};
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
    /// Who runs this deployment (named in the privacy notice and the terms of use).
    pub operator_name: String,
    /// How people reach the operator about their data.
    pub operator_contact: String,
}

/// What the enabled modules declared, for pages and use cases that list or check it.
pub struct Catalog {
    /// Who is signed in (from the module that keeps sessions), if any module does.
    pub identity: Option<Arc<dyn Identity>>,
    /// Header links, in order.
    pub nav: Vec<NavEntry>,
    /// Home page cards, in order.
    pub home: Vec<HomeCard>,
    /// Scopes an agent may be given.
    pub scopes: Vec<Scope>,
    /// Kinds of organisation.
    pub org_kinds: Vec<OrgKind>,
    /// Names of the enabled modules.
    pub modules: Vec<&'static str>,
    /// Sections the enabled modules add to region pages.
    pub region_sections: Vec<Arc<dyn RegionSection>>,
    /// What every compiled-in module keeps about people (erasure must reach modules that are
    /// switched off, too).
    pub personal_data: Vec<Arc<dyn PersonalData>>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("modules", &self.modules)
            .field("scopes", &self.scopes)
            .field("org_kinds", &self.org_kinds)
            .finish_non_exhaustive()
    }
}

impl Catalog {
    /// What the enabled modules of `modules` declare.
    pub fn of(modules: &Modules) -> Catalog {
        let mut nav: Vec<NavEntry> = modules.enabled().flat_map(|m| m.nav()).collect();
        nav.sort_by_key(|n| n.order);
        let mut home: Vec<HomeCard> = modules.enabled().flat_map(|m| m.home()).collect();
        home.sort_by_key(|c| c.order);
        Catalog {
            identity: modules.enabled().find_map(|m| m.identity()),
            nav,
            home,
            scopes: modules.enabled().flat_map(|m| m.scopes()).collect(),
            org_kinds: modules.enabled().flat_map(|m| m.org_kinds()).collect(),
            modules: modules.enabled().map(|m| m.name()).collect(),
            region_sections: modules
                .enabled()
                .flat_map(|m| m.region_sections())
                .collect(),
            personal_data: modules.compiled().flat_map(|m| m.personal_data()).collect(),
        }
    }
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
    /// What the enabled modules declared.
    pub catalog: Arc<Catalog>,
    /// Public keys of the audit log's tree heads (current first).
    pub audit_keys: Arc<AuditKeys>,
    /// The migrations this build has (for readiness).
    pub migrations: Arc<Vec<shetu_store::Migrations>>,
    /// This node's search index (kept fresh from the outbox by the node), if it has one.
    pub search: Option<SearchHandle>,
    pub(crate) metrics: PrometheusHandle,
    pub(crate) openapi: Arc<OnceLock<String>>,
}

/// This node's search index, shared by the outbox feed that writes it and the handlers that
/// read it.
#[derive(Clone)]
pub struct SearchHandle(pub Arc<dyn shetu_search::SearchBackend>);

impl std::fmt::Debug for SearchHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SearchHandle")
    }
}

impl std::ops::Deref for SearchHandle {
    type Target = dyn shetu_search::SearchBackend;
    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

/// The audit log's public key as published with its tree heads.
#[derive(Debug, Clone, Default)]
pub struct AuditKeys {
    /// The current key, base64, and its id.
    pub current: Option<(String, String)>,
}

/// The app could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// A message file is broken.
    #[error(transparent)]
    I18n(#[from] crate::i18n::I18nError),
}

impl AppState {
    /// The same state, searching `index` (the one the node's feed keeps fresh).
    pub fn with_search(mut self, index: Arc<dyn shetu_search::SearchBackend>) -> AppState {
        self.search = Some(SearchHandle(index));
        self
    }

    /// Builds the state for `db` serving `pack` with `modules`.
    pub fn new(
        db: Db,
        pack: &'static Pack,
        config: WebConfig,
        modules: &Modules,
        audit_keys: AuditKeys,
    ) -> Result<AppState, SetupError> {
        let sources: Vec<(&str, &str)> = modules
            .messages()
            .iter()
            .map(|m| (m.lang, m.source))
            .collect();
        Ok(AppState {
            db,
            pack,
            i18n: I18n::load(&sources)?,
            config: Arc::new(config),
            catalog: Arc::new(Catalog::of(modules)),
            audit_keys: Arc::new(audit_keys),
            migrations: Arc::new(modules.migrations()),
            search: None,
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
