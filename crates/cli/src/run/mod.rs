//! Starting and stopping a node: database, workers, web server, clean shutdown on Ctrl-C/SIGTERM.

use crate::config::{parse_addr, redact_url, Config};
use anyhow::{anyhow, Context, Result};
use shetu_pack::Pack;
use shetu_store::audit::{HeadSigner, KeyRing};
use shetu_store::housekeeping::{PurgeFinishedJobs, PURGE_KIND};
use shetu_store::jobs::{enqueue, JobRunner, NewJob};
use shetu_store::{now_ms, outbox, regions, Db, DbConfig};
use shetu_web::seam::DemoContext;
use shetu_web::{app, AppState, AuditKeys, Modules, WebConfig};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;

mod tools;
use tools::follow_feed;
pub use tools::{admin_create, audit_integrate, audit_verify, open_search, reindex};

fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .or_else(|_| tracing_subscriber::EnvFilter::try_new("info"))
        .unwrap_or_default();
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .try_init();
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The compiled-in modules, configured and turned on or off as `config` says.
pub fn configured_modules(config: &Config) -> Result<Modules> {
    let mut modules = crate::modules();
    let node = shetu_web::seam::Node {
        public_url: config.public_url.clone(),
        data_dir: config.data_dir.clone(),
        demo: config.demo,
    };
    modules
        .configure(config.module_sections.as_ref(), &node)
        .map_err(|e| anyhow!("{e}"))?;
    match &config.modules {
        Some(names) => modules.enable_only(names).map_err(|e| anyhow!("{e}")),
        None => Ok(modules),
    }
}

/// Connects, and when configured migrates (every compiled-in module) and seeds the country pack.
pub async fn open(config: &Config, modules: &Modules) -> Result<Db> {
    let mut db_config = DbConfig::new(&config.database_url);
    db_config.max_connections = config.db_max_connections;
    db_config.sqlite_synchronous = config.sqlite_synchronous;
    let db = Db::connect(&db_config).await.with_context(|| {
        format!(
            "SHETU_DATABASE_URL: cannot open the database at {}",
            redact_url(&config.database_url)
        )
    })?;
    if config.migrate_on_start {
        let sets = modules.migrations();
        db.migrate(&sets.iter().collect::<Vec<_>>())
            .await
            .context("cannot apply migrations")?;
        regions::seed(&db, config.pack)
            .await
            .context("cannot seed the country pack")?;
        for data in modules.reference_data() {
            let summary = data
                .load(&db, config.pack, None, &|_, _| {})
                .await
                .map_err(|e| anyhow!("cannot load the built-in {}: {e}", data.name()))?;
            tracing::info!(data = data.name(), "{summary}");
        }
    }
    Ok(db)
}

/// `shetu import <what> DIR`: loads a module's reference data from an operator's files.
pub async fn import(config_path: Option<&Path>, what: &str, dir: &Path) -> Result<()> {
    let config = Config::load(config_path, &env)?;
    init_logging(&config.log);
    let modules = configured_modules(&config)?;
    let known = modules.reference_data();
    let Some(data) = known.iter().find(|d| d.name() == what) else {
        let names: Vec<String> = known
            .iter()
            .map(|d| format!("{} ({})", d.name(), d.about()))
            .collect();
        return Err(anyhow!(
            "nothing to import called `{what}`; the enabled modules import: {}",
            if names.is_empty() {
                "nothing".to_owned()
            } else {
                names.join("; ")
            }
        ));
    };
    if !dir.is_dir() {
        return Err(anyhow!("{}: not a folder", dir.display()));
    }
    let db = open(&config, &modules).await?;
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(what.to_owned());
    let summary = data
        .load(&db, config.pack, Some(dir), &|done, total| {
            bar.set_length(total);
            bar.set_position(done);
        })
        .await
        .map_err(|e| anyhow!("{what}: {e}"))?;
    bar.finish();
    println!("{what} imported from {}: {summary}", dir.display());
    db.close().await;
    Ok(())
}

/// The audit log's signing key: from the setting, or from its file (made on first start).
pub fn head_signer(config: &Config) -> Result<HeadSigner> {
    match &config.audit_signing_key {
        Some(seed) => {
            HeadSigner::from_base64(seed).map_err(|e| anyhow!("SHETU_AUDIT_SIGNING_KEY: {e}"))
        }
        None => HeadSigner::load_or_create(&config.audit_key_file).map_err(|e| anyhow!("{e}")),
    }
}

/// `shetu demo`
pub async fn demo(
    listen: &str,
    data_dir: &Path,
    pack: &str,
    database_url: Option<String>,
) -> Result<()> {
    let listen = parse_addr("--listen", listen)?;
    let pack = Pack::built_in(pack).map_err(|e| anyhow!("--pack: {e}"))?;
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("--data-dir: cannot create {}", data_dir.display()))?;
    let file = data_dir.join(format!("demo-{}.sqlite", pack.code));
    let database_url = database_url.unwrap_or_else(|| format!("sqlite://{}", file.display()));
    let mut config = Config {
        listen,
        public_url: env("SHETU_PUBLIC_URL").unwrap_or_else(|| format!("http://{listen}")),
        data_dir: data_dir.to_path_buf(),
        demo: true,
        database_url: database_url.clone(),
        db_max_connections: 8,
        migrate_on_start: true,
        pack,
        workers: 2,
        secure_cookies: false,
        trust_proxy: false,
        search_dir: data_dir.join(format!("search-{}", pack.code)),
        log: env("SHETU_LOG").unwrap_or_else(|| "warn,shetu=info,tantivy=warn".into()),
        sqlite_synchronous: shetu_store::Synchronous::Full,
        operator_name: "shetu demo (a demonstration, not a public service)".into(),
        operator_contact: "+8801700000000".into(),
        modules: None,
        module_sections: None,
        audit_signing_key: None,
        audit_key_file: data_dir.join("audit-signing.key"),
        audit_previous_keys: Vec::new(),
    };
    if let Some(names) = env("SHETU_MODULES") {
        config.modules = Some(
            names
                .split(',')
                .map(|m| m.trim().to_owned())
                .filter(|m| !m.is_empty())
                .collect(),
        );
    }
    init_logging(&config.log);
    let modules = configured_modules(&config)?;
    let db = open(&config, &modules).await?;
    let mut logins = Vec::new();
    let mut admin = None;
    let messages: Vec<(&str, &str)> = modules
        .messages()
        .iter()
        .map(|m| (m.lang, m.source))
        .collect();
    let i18n = shetu_web::i18n::I18n::load(&messages)?;
    for module in modules.enabled() {
        let seeded = module
            .seed_demo(DemoContext {
                db: &db,
                pack,
                i18n: &i18n,
                admin: admin.as_ref(),
            })
            .await
            .map_err(|e| anyhow!("cannot seed the demo data of {}: {e}", module.name()))?;
        logins.extend(seeded.logins);
        if seeded.admin.is_some() {
            admin = seeded.admin;
        }
    }
    println!("shetu demo is running at http://{listen}/");
    println!(
        "  country pack: {} ({}); pages in বাংলা, English and العربية, {} by default",
        pack.code,
        pack.name.get("en", "en"),
        shetu_web::i18n::LANGUAGES
            .iter()
            .find(|(code, _)| *code == pack.default_language.code())
            .map_or("English", |(_, name)| *name)
    );
    println!(
        "  data: {} (kept between runs)",
        crate::config::redact_url(&database_url)
    );
    println!("  API: http://{listen}/api/docs   health: http://{listen}/readyz");
    println!(
        "  modules: {}",
        modules
            .enabled()
            .map(|m| m.name())
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "  demo logins (every password is `{}`):",
        shetu_people::web::DEMO_PASSWORD
    );
    for login in &logins {
        println!("    {:<7} {}  {}", login.role, login.phone, login.name);
    }
    println!("  SMS codes sent in the demo: sign in as admin, then http://{listen}/admin/sms");
    println!("  E-mail sent in the demo (sandbox outbox): http://{listen}/admin/email");
    println!("  stop with Ctrl-C");
    run_node(&config, &modules, db, true, true).await
}

/// `shetu serve`
pub async fn serve(config_path: Option<&Path>, listen: Option<&str>) -> Result<()> {
    let mut config = Config::load(config_path, &env)?;
    if let Some(listen) = listen {
        config.listen = parse_addr("--listen", listen)?;
    }
    init_logging(&config.log);
    let modules = configured_modules(&config)?;
    let db = open(&config, &modules).await?;
    tracing::info!(listen = %config.listen, database = %redact_url(&config.database_url), pack = %config.pack.code, ?modules, "shetu serving");
    run_node(&config, &modules, db, false, true).await
}

/// `shetu migrate`
pub async fn migrate(config_path: Option<&Path>) -> Result<()> {
    let mut config = Config::load(config_path, &env)?;
    config.migrate_on_start = true;
    init_logging(&config.log);
    let modules = configured_modules(&config)?;
    let db = open(&config, &modules).await?;
    let sets = modules.migrations();
    let status = db
        .migration_status(&sets.iter().collect::<Vec<_>>())
        .await?;
    println!(
        "migrations applied: {:?}; country pack {} seeded",
        status.applied, config.pack.code
    );
    db.close().await;
    Ok(())
}

/// `shetu worker`
pub async fn worker(config_path: Option<&Path>) -> Result<()> {
    let mut config = Config::load(config_path, &env)?;
    config.workers = config.workers.max(1);
    init_logging(&config.log);
    let modules = configured_modules(&config)?;
    let db = open(&config, &modules).await?;
    tracing::info!(workers = config.workers, "shetu worker running");
    run_node(&config, &modules, db, false, false).await
}

/// Starts what a node runs beside its web server: job workers, the outbox relay and daily
/// housekeeping, the search index feed and the audit log integrator. They stop when `stopped`
/// turns true.
pub fn spawn_background(
    config: &Config,
    modules: &Modules,
    db: &Db,
    signer: &HeadSigner,
    search: Option<Arc<shetu_search::TantivyIndex>>,
    stopped: &watch::Receiver<bool>,
) -> Vec<JoinHandle<()>> {
    let mut workers = spawn_workers(db, modules, config.workers, stopped);
    if let Some(index) = search {
        workers.push(tokio::spawn(follow_feed(
            db.clone(),
            modules.clone(),
            index,
            stopped.clone(),
        )));
    }
    workers.push(tokio::spawn(integrate_audit(
        db.clone(),
        signer.clone(),
        stopped.clone(),
    )));
    workers
}

async fn run_node(config: &Config, modules: &Modules, db: Db, demo: bool, web: bool) -> Result<()> {
    let signer = head_signer(config)?;
    let (stop, stopped) = watch::channel(false);
    let search = open_search(config);
    let workers = spawn_background(config, modules, &db, &signer, search.clone(), &stopped);
    let served = if web {
        let web_config = WebConfig {
            secure_cookies: config.secure_cookies,
            demo,
            trust_proxy: config.trust_proxy,
            operator_name: config.operator_name.clone(),
            operator_contact: config.operator_contact.clone(),
        };
        let keys = AuditKeys {
            current: Some((signer.public_key(), signer.key_id())),
        };
        let mut state = AppState::new(db.clone(), config.pack, web_config, modules, keys)?;
        if let Some(index) = search {
            state = state.with_search(index);
        }
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .with_context(|| {
                format!(
                    "cannot listen on {} (in use? choose another with --listen)",
                    config.listen
                )
            })?;
        axum::serve(
            listener,
            app(state, modules).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("web server failed")
    } else {
        shutdown_signal().await;
        Ok(())
    };
    let _ = stop.send(true);
    for worker in workers {
        let _ = worker.await;
    }
    db.close().await;
    tracing::info!("shetu stopped");
    served
}

fn spawn_workers(
    db: &Db,
    modules: &Modules,
    count: u32,
    stopped: &watch::Receiver<bool>,
) -> Vec<JoinHandle<()>> {
    if count == 0 {
        return Vec::new();
    }
    let mut runner = JobRunner::new(db.clone()).register(PurgeFinishedJobs { keep_days: 7 });
    for handler in modules.jobs() {
        runner = runner.register_shared(handler);
    }
    let mut handles: Vec<JoinHandle<()>> = (0..count)
        .map(|_| tokio::spawn(runner.clone().work(stopped.clone(), Duration::from_secs(1))))
        .collect();
    let mut relay = outbox::Relay::new();
    for s in modules.subscriptions() {
        relay = relay.subscribe(&s.topic_prefix, &s.job_kind);
    }
    handles.push(tokio::spawn(relay_and_schedule(
        db.clone(),
        relay,
        stopped.clone(),
    )));
    handles
}

/// Appends committed audit events to the Merkle tree and signs a new head, about every second;
/// the delay is reported as `shetu_audit_integration_lag_seconds` in `/metrics`.
async fn integrate_audit(db: Db, signer: HeadSigner, mut stopped: watch::Receiver<bool>) {
    while !*stopped.borrow() {
        let busy = match shetu_store::audit::integrate(&db, &signer, 1000).await {
            Ok(done) => done.events >= 1000,
            Err(e) => {
                tracing::error!(error = %e, "audit log integration failed");
                false
            }
        };
        if !busy {
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                _ = stopped.changed() => {}
            }
        }
    }
}

/// Moves outbox events to their subscribers' jobs, and enqueues the daily housekeeping.
async fn relay_and_schedule(db: Db, relay: outbox::Relay, mut stopped: watch::Receiver<bool>) {
    let mut scheduled_day = -1;
    while !*stopped.borrow() {
        let busy = match relay.relay_once(&db).await {
            Ok(n) => n > 0,
            Err(e) => {
                tracing::error!(error = %e, "outbox relay failed");
                false
            }
        };
        let day = now_ms() / 86_400_000;
        if day != scheduled_day {
            if let Err(e) = schedule_purge(&db, day).await {
                tracing::error!(error = %e, "cannot schedule housekeeping");
            } else {
                scheduled_day = day;
            }
        }
        if !busy {
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                _ = stopped.changed() => {}
            }
        }
    }
}

async fn schedule_purge(db: &Db, day: i64) -> Result<(), shetu_store::StoreError> {
    let mut tx = db.begin().await?;
    enqueue(
        &mut tx,
        NewJob::new(PURGE_KIND, serde_json::json!({ "day": day }))
            .dedupe(format!("{PURGE_KIND}:{day}")),
    )
    .await?;
    tx.commit().await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = terminate => {}
    }
    tracing::info!("shutting down");
}
