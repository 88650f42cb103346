//! `shetu-bench writes`: the whole node (web server, job workers, outbox relay, search feed, audit
//! integrator) over a fresh database, loaded over HTTP on loopback with 1 to 64 concurrent
//! writers of an audited write (`POST /api/v1/feedback`: a row, its outbox event and its audit
//! event in one transaction). One JSON line per level, then the memory after sign-ins.

use crate::http::Connection;
use crate::measure::{round, Timings};
use serde_json::{json, Value};
use shetu::config::Config;
use shetu_store::Db;
use shetu_web::{app, AppState, AuditKeys, WebConfig};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// The resident memory of this process (server and load generator), in MB.
pub fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| {
                    v.split_whitespace()
                        .next()
                        .and_then(|n| n.parse::<f64>().ok())
                })
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A node serving on loopback.
pub(crate) struct Node {
    /// Where it listens.
    pub(crate) addr: SocketAddr,
    /// Its database.
    pub(crate) db: Db,
    stop: watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

/// Starts a whole node (web server with its search index, workers, feed) over `url`.
pub(crate) async fn start(
    url: &str,
    dir: &std::path::Path,
    synchronous: &str,
    connections: u32,
) -> anyhow::Result<Node> {
    let vars: Vec<(String, String)> = vec![
        ("SHETU_DATABASE_URL".into(), url.into()),
        ("SHETU_DB_MAX_CONNECTIONS".into(), connections.to_string()),
        (
            "SHETU_SEARCH_DIR".into(),
            dir.join("search").display().to_string(),
        ),
        (
            "SHETU_AUDIT_KEY_FILE".into(),
            dir.join("audit.key").display().to_string(),
        ),
        ("SHETU_SQLITE_SYNCHRONOUS".into(), synchronous.into()),
        ("SHETU_WORKERS".into(), "2".into()),
    ];
    // An empty file of our own, so that a shetu.toml in the current folder is not read.
    std::fs::create_dir_all(dir)?;
    let file = dir.join("shetu.toml");
    std::fs::write(&file, "")?;
    let config = Config::load(Some(&file), &|k| {
        vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    })?;
    let modules = shetu::run::configured_modules(&config)?;
    let db = shetu::run::open(&config, &modules).await?;
    let signer = shetu::run::head_signer(&config)?;
    let (stop, stopped) = watch::channel(false);
    let search = shetu::run::open_search(&config);
    let tasks =
        shetu::run::spawn_background(&config, &modules, &db, &signer, search.clone(), &stopped);
    let keys = AuditKeys {
        current: Some((signer.public_key(), signer.key_id())),
    };
    let mut state = AppState::new(
        db.clone(),
        config.pack,
        WebConfig::default(),
        &modules,
        keys,
    )?;
    if let Some(index) = search {
        state = state.with_search(index);
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let router = app(state, &modules);
    let mut served = stopped.clone();
    tokio::spawn(async move {
        let _ = axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            let _ = served.changed().await;
        })
        .await;
    });
    Ok(Node {
        addr,
        db,
        stop,
        tasks,
    })
}

/// `writers` clients posting for `duration`; returns timings and errors.
async fn level(addr: SocketAddr, writers: usize, duration: Duration) -> (Timings, usize) {
    let start = Instant::now();
    let mut clients = Vec::new();
    for w in 0..writers {
        clients.push(tokio::spawn(async move {
            let mut conn = Connection::new(addr);
            let mut samples = Vec::new();
            let mut errors = 0;
            let mut n = 0u64;
            while start.elapsed() < duration {
                n += 1;
                let body = json!({ "message": format!("পাতায় দাম দেখা যায় না ({w}-{n})") }).to_string();
                let t = Instant::now();
                match conn.post_json("/api/v1/feedback", &body).await {
                    Ok(201) => samples.push(t.elapsed()),
                    _ => errors += 1,
                }
            }
            (samples, errors)
        }));
    }
    let mut samples = Vec::new();
    let mut errors = 0;
    for c in clients {
        if let Ok((s, e)) = c.await {
            samples.extend(s);
            errors += e;
        }
    }
    (Timings::from_samples(samples, start.elapsed()), errors)
}

/// Sign-ins at `clients` concurrent clients for `duration`, then `idle`; returns (peak, after) RSS.
async fn sign_ins(
    node: &Node,
    clients: usize,
    duration: Duration,
    idle: Duration,
) -> anyhow::Result<(f64, f64, usize, usize)> {
    let pack = shetu_pack::Pack::built_in("bd")?;
    let mut phones = Vec::new();
    for n in 0..clients {
        let phone = pack.phone.parse_mobile(&format!("+8801790{:06}", n))?;
        let new = shetu_people::persons::NewPerson {
            name: shetu_core::Text::parse(&format!("Bench {n}"), 50)?,
            phone: phone.clone(),
            language: pack.default_language.clone(),
            home_region: None,
            password: Some("bench-password".into()),
        };
        shetu_people::persons::create(&node.db, None, new, shetu_store::now_ms()).await?;
        phones.push(phone.to_string());
    }
    let start = Instant::now();
    let addr = node.addr;
    let mut tasks = Vec::new();
    for phone in phones {
        tasks.push(tokio::spawn(async move {
            let mut conn = Connection::new(addr);
            let (mut ok, mut failed) = (0, 0);
            let body = json!({ "phone": phone, "password": "bench-password" }).to_string();
            while start.elapsed() < duration {
                match conn.post_json("/api/v1/auth/login", &body).await {
                    Ok(200) => ok += 1,
                    _ => failed += 1,
                }
            }
            (ok, failed)
        }));
    }
    let mut peak = rss_mb();
    let sampler = async {
        while start.elapsed() < duration {
            tokio::time::sleep(Duration::from_millis(250)).await;
            peak = peak.max(rss_mb());
        }
    };
    sampler.await;
    let (mut ok, mut failed) = (0, 0);
    for t in tasks {
        if let Ok((o, f)) = t.await {
            ok += o;
            failed += f;
        }
    }
    tokio::time::sleep(idle).await;
    Ok((peak, rss_mb(), ok, failed))
}

/// Stops a node and waits for its background tasks.
pub(crate) async fn stop(node: Node) {
    let _ = node.stop.send(true);
    for t in node.tasks {
        let _ = t.await;
    }
    node.db.close().await;
}

/// Runs the sweep on SQLite and, with a URL, on PostgreSQL (a fresh database).
pub async fn run(
    levels: &[usize],
    seconds: f64,
    synchronous: &str,
    pg_url: Option<String>,
    signin_s: f64,
    connections: u32,
) -> anyhow::Result<Vec<Value>> {
    let mut lines = Vec::new();
    let dir = std::env::temp_dir().join(format!("shetu-bench-writes-{}", std::process::id()));
    for (engine, url, cleanup) in crate::orders::engines(pg_url, "writes").await? {
        let node = start(&url, &dir.join(&engine), synchronous, connections).await?;
        let rss_start = rss_mb();
        // Warm-up: connections, caches, the first pages of every table.
        let _ = level(node.addr, 4, Duration::from_secs(1)).await;
        let mut results = Vec::new();
        for &writers in levels {
            let (t, errors) = level(node.addr, writers, Duration::from_secs_f64(seconds)).await;
            results.push((writers, t.per_s()));
            lines.push(json!({
                "bench": "writes",
                "engine": engine,
                "writers": writers,
                "ours": t.json(),
                "errors": errors,
                "sqlite_synchronous": synchronous,
                "db_max_connections": connections,
                "rss_mb": round(rss_mb()),
            }));
        }
        let best = results.iter().map(|r| r.1).fold(0.0, f64::max);
        let last = results.last().map_or(0.0, |r| r.1);
        let (peak, after, ok, failed) = sign_ins(
            &node,
            8,
            Duration::from_secs_f64(signin_s),
            Duration::from_secs_f64(signin_s),
        )
        .await?;
        lines.push(json!({
            "bench": "writes-summary",
            "engine": engine,
            "best_per_s": round(best),
            "at_most_writers_per_s": round(last),
            "most_vs_best": round(last / best.max(1e-9)),
            "rss_mb_at_start": round(rss_start),
            "signins": ok,
            "signin_failures": failed,
            "rss_mb_peak_during_signins": round(peak),
            "rss_mb": round(after),
            "signin_seconds": signin_s,
        }));
        stop(node).await;
        crate::orders::drop_db(cleanup).await?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(lines)
}
