//! `shetu-bench audit`: audited writes from many concurrent writers, with the transparency log
//! (events written without any shared lock, integrated into the Merkle tree by a background
//! loop) side by side with the previous design (each event hash-chained to the one before, under
//! one lock on PostgreSQL), on the same engine, the same business write, in the same run.

use crate::measure::{round, Timings};
use serde_json::{json, Value};
use shetu_store::audit::{self, Entry, HeadSigner};
use shetu_store::{Db, DbConfig};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, PartialEq)]
enum Design {
    Log,
    Chain,
}

/// One audited write shaped like a use case: a business row, its audit event and its outbox
/// event, in one transaction.
async fn write(
    db: &Db,
    design: Design,
    writer: usize,
    n: usize,
) -> Result<(), shetu_store::StoreError> {
    let mut tx = db.begin().await?;
    let id = uuid::Uuid::now_v7().to_string();
    let person = format!("person-{writer}-{}", n % 50);
    sqlx::query("INSERT INTO bench_thing (id, owner, value) VALUES ($1, $2, $3)")
        .bind(&id)
        .bind(&person)
        .bind(n as i64)
        .execute(&mut *tx)
        .await?;
    let detail = json!({ "name": "রহিমা বেগম", "value": n });
    match design {
        Design::Log => {
            audit::record(
                &mut tx,
                Entry {
                    actor: Some(&person),
                    subject: Some(&person),
                    action: "thing.create",
                    object: &id,
                    request_id: None,
                    detail,
                },
            )
            .await?;
        }
        Design::Chain => {
            crate::audit_chain::record(&mut tx, &person, "thing.create", &id, &detail.to_string())
                .await?;
        }
    }
    // As a use case does: its outbox event in the same transaction, after the audit event.
    shetu_store::outbox::publish(&mut tx, "thing.created", &id, &json!({ "owner": person }))
        .await?;
    tx.commit().await
}

async fn prepare(db: &Db) -> anyhow::Result<()> {
    db.migrate(&[&shetu_store::core_migrations()]).await?;
    for sql in [
        "CREATE TABLE bench_thing (id TEXT PRIMARY KEY, owner TEXT NOT NULL, value BIGINT NOT NULL)",
        crate::audit_chain::TABLE,
    ] {
        sqlx::query(sql).execute(db.pool()).await?;
    }
    Ok(())
}

/// Runs `writers` tasks of `per_writer` writes each; returns timings and failures.
async fn load(db: &Db, design: Design, writers: usize, per_writer: usize) -> (Timings, usize) {
    let start = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..writers {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            let mut samples = Vec::with_capacity(per_writer);
            let mut errors = 0;
            for n in 0..per_writer {
                let t = Instant::now();
                if write(&db, design, w, n).await.is_err() {
                    errors += 1;
                }
                samples.push(t.elapsed());
            }
            (samples, errors)
        }));
    }
    let mut samples = Vec::new();
    let mut errors = 0;
    for t in tasks {
        if let Ok((s, e)) = t.await {
            samples.extend(s);
            errors += e;
        }
    }
    (Timings::from_samples(samples, start.elapsed()), errors)
}

/// One engine: warm-up, then the peer and ours alternately (twice each), best run of each kept.
async fn engine(
    name: &str,
    db: &Db,
    writers: usize,
    per_writer: usize,
    settings: &str,
) -> anyhow::Result<Value> {
    prepare(db).await?;
    let signer = HeadSigner::generate();
    // Warm-up: caches, prepared statements, the first person keys.
    load(db, Design::Log, writers, 5).await;
    load(db, Design::Chain, writers, 5).await;
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let integrator = {
        let (db, signer, stop) = (db.clone(), signer.clone(), stop.clone());
        tokio::spawn(async move {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = audit::integrate(&db, &signer, 1000).await;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        })
    };
    let mut ours: Option<(Timings, usize)> = None;
    let mut peer: Option<(Timings, usize)> = None;
    for _ in 0..2 {
        let p = load(db, Design::Chain, writers, per_writer).await;
        if peer.as_ref().is_none_or(|b| p.0.per_s() > b.0.per_s()) {
            peer = Some(p);
        }
        let o = load(db, Design::Log, writers, per_writer).await;
        if ours.as_ref().is_none_or(|b| o.0.per_s() > b.0.per_s()) {
            ours = Some(o);
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let _ = integrator.await;
    // What the integrator still had to do when the writers stopped, and how long it takes.
    let drain = Instant::now();
    loop {
        if audit::integrate(db, &signer, 5000).await?.events == 0 && audit::waiting(db).await? == 0
        {
            break;
        }
    }
    let drain_ms = drain.elapsed().as_secs_f64() * 1000.0;
    let (ours, ours_errors) =
        ours.unwrap_or((Timings::from_samples(Vec::new(), Duration::ZERO), 0));
    let (peer, peer_errors) =
        peer.unwrap_or((Timings::from_samples(Vec::new(), Duration::ZERO), 0));
    let verified = matches!(
        audit::verify(db, &audit::KeyRing::new(&signer, &[])?).await?,
        audit::Verdict::Intact { .. }
    );
    Ok(json!({
        "bench": "audit",
        "engine": name,
        "writers": writers,
        "writes_per_run": writers * per_writer,
        "ours": { "name": "transparency log (no shared lock; Merkle tree integrated in the background)", "timing": ours.json(), "errors": ours_errors },
        "peer": { "name": "hash chain under one lock (the previous design)", "timing": peer.json(), "errors": peer_errors },
        "ratio_per_s": round(ours.per_s() / peer.per_s().max(1e-9)),
        "integration_drain_ms": round(drain_ms),
        "log_verified": verified,
        "settings": settings,
    }))
}

/// Runs the comparison on SQLite (a temp file) and, with a URL, on PostgreSQL (a scratch schema).
pub async fn run(
    writers: usize,
    per_writer: usize,
    pg_url: Option<String>,
    rtt_ms: f64,
) -> anyhow::Result<Vec<Value>> {
    let mut lines = Vec::new();
    let path =
        std::env::temp_dir().join(format!("shetu-bench-audit-{}.sqlite", std::process::id()));
    let mut config = DbConfig::new(format!("sqlite://{}", path.display()));
    config.max_connections = writers as u32;
    config.acquire_timeout = Duration::from_secs(60);
    let db = Db::connect(&config).await?;
    lines.push(
        engine(
            "sqlite",
            &db,
            writers,
            per_writer,
            "WAL, synchronous=NORMAL, busy_timeout=10s, BEGIN IMMEDIATE, one pooled connection per writer",
        )
        .await?,
    );
    db.close().await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    if let Some(mut url) = pg_url {
        let mut network = "loopback".to_owned();
        if rtt_ms > 0.0 {
            let upstream = crate::latency::upstream_of(&url)
                .ok_or_else(|| anyhow::anyhow!("cannot read host:port from the PostgreSQL URL"))?;
            let relay = crate::latency::relay(upstream, Duration::from_secs_f64(rtt_ms / 2000.0))?;
            url = crate::latency::through(&url, relay)
                .ok_or_else(|| anyhow::anyhow!("cannot rewrite the PostgreSQL URL"))?;
            network = format!(
                "{rtt_ms} ms round trip asked (a relay on loopback delays each direction by half)"
            );
        }
        let schema = format!("shetu_bench_audit_{}", std::process::id());
        let admin = Db::connect(&DbConfig::new(&url)).await?;
        sqlx::query(&format!("CREATE SCHEMA {schema}"))
            .execute(admin.pool())
            .await?;
        let mut config = DbConfig::new(&url);
        config.pg_schema = Some(schema.clone());
        config.max_connections = writers as u32 + 2;
        config.acquire_timeout = Duration::from_secs(60);
        let db = Db::connect(&config).await?;
        // What a round trip really costs on this path (loopback, or through the relay).
        let mut trips = Vec::new();
        for _ in 0..200 {
            let t = Instant::now();
            sqlx::query("SELECT 1").execute(db.pool()).await?;
            trips.push(t.elapsed());
        }
        trips.sort();
        let measured_rtt_ms = trips[trips.len() / 2].as_secs_f64() * 1000.0;
        let result = engine(
            "postgres",
            &db,
            writers,
            per_writer,
            &format!("PostgreSQL 15 on this machine, default server settings (synchronous_commit on), one pooled connection per writer; network: {network}"),
        )
        .await;
        db.close().await;
        sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
            .execute(admin.pool())
            .await?;
        admin.close().await;
        let mut line = result?;
        line["measured_rtt_ms_p50"] = json!(round(measured_rtt_ms));
        lines.push(line);
    }
    Ok(lines)
}
