//! Timing: latencies of single operations and throughput, as JSON.

use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Latencies of repeated runs of one operation.
pub struct Timings {
    samples: Vec<Duration>,
    wall: Duration,
}

impl Timings {
    /// Runs `op` for each input, one after the other, and keeps each duration.
    pub fn of<T, R>(inputs: &[T], mut op: impl FnMut(&T) -> R) -> (Timings, Vec<R>) {
        let mut samples = Vec::with_capacity(inputs.len());
        let mut results = Vec::with_capacity(inputs.len());
        let start = Instant::now();
        for input in inputs {
            let t = Instant::now();
            results.push(op(input));
            samples.push(t.elapsed());
        }
        (
            Timings {
                samples,
                wall: start.elapsed(),
            },
            results,
        )
    }

    /// Timings measured elsewhere (e.g. around awaited calls).
    pub fn from_samples(samples: Vec<Duration>, wall: Duration) -> Timings {
        Timings { samples, wall }
    }

    /// The `p`-th percentile (0–100), in microseconds.
    pub fn percentile_us(&self, p: f64) -> f64 {
        let mut sorted = self.samples.clone();
        sorted.sort();
        if sorted.is_empty() {
            return 0.0;
        }
        let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
        sorted[rank.min(sorted.len() - 1)].as_secs_f64() * 1e6
    }

    /// Operations per second over the whole run.
    pub fn per_s(&self) -> f64 {
        self.samples.len() as f64 / self.wall.as_secs_f64().max(1e-9)
    }

    /// `{"p50_us", "p99_us", "per_s"}`.
    pub fn json(&self) -> Value {
        json!({ "p50_us": round(self.percentile_us(50.0)), "p99_us": round(self.percentile_us(99.0)), "per_s": round(self.per_s()) })
    }
}

/// Rounds to two decimals for readable output.
pub fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// One result line.
pub fn line(
    bench: &str,
    size: usize,
    ours: &Timings,
    peer: Option<(&str, &Timings)>,
    agreement: Option<f64>,
    extra: Value,
) -> Value {
    let mut v = json!({ "bench": bench, "size": size, "ours": ours.json() });
    match peer {
        Some((name, t)) => {
            let mut p = t.json();
            p["name"] = json!(name);
            v["peer"] = p;
            v["ratio"] = json!(round(ours.per_s() / t.per_s().max(1e-9)));
        }
        None => v["peer"] = json!({ "name": "skipped" }),
    }
    v["agreement"] = agreement.map_or(Value::Null, |a| json!(round(a)));
    if let Value::Object(extra) = extra {
        for (k, val) in extra {
            v[k] = val;
        }
    }
    v
}

/// Mean overlap of two lists of result sets: |A ∩ B| / max(|A|, |B|), 1 when both are empty.
pub fn overlap<T: PartialEq>(ours: &[Vec<T>], peer: &[Vec<T>]) -> f64 {
    let each = ours.iter().zip(peer).map(|(a, b)| {
        let n = a.len().max(b.len());
        if n == 0 {
            1.0
        } else {
            a.iter().filter(|x| b.contains(x)).count() as f64 / n as f64
        }
    });
    let (sum, count) = each.fold((0.0, 0usize), |(s, c), x| (s + x, c + 1));
    if count == 0 {
        1.0
    } else {
        sum / count as f64
    }
}

/// A scratch PostgreSQL schema for one benchmark run: (admin connection, connection inside it,
/// schema name). Drop it with [`drop_scratch`].
pub async fn scratch(
    url: &str,
    name: &str,
) -> anyhow::Result<(shetu_store::Db, shetu_store::Db, String)> {
    let schema = format!("shetu_bench_{name}_{}", std::process::id());
    let admin = shetu_store::Db::connect(&shetu_store::DbConfig::new(url)).await?;
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(admin.pool())
        .await?;
    let mut config = shetu_store::DbConfig::new(url);
    config.pg_schema = Some(schema.clone());
    config.max_connections = 1;
    let db = shetu_store::Db::connect(&config).await?;
    Ok((admin, db, schema))
}

/// Drops a scratch schema.
pub async fn drop_scratch(
    admin: shetu_store::Db,
    db: shetu_store::Db,
    schema: &str,
) -> anyhow::Result<()> {
    db.close().await;
    sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
        .execute(admin.pool())
        .await?;
    admin.close().await;
    Ok(())
}

/// The PostgreSQL settings a comparison depends on, read back from the connection, for the output.
pub async fn pg_settings(db: &shetu_store::Db) -> anyhow::Result<serde_json::Value> {
    use sqlx::Row;
    let mut out = serde_json::Map::new();
    for name in [
        "server_version",
        "jit",
        "work_mem",
        "shared_buffers",
        "effective_cache_size",
        "random_page_cost",
        "max_parallel_workers_per_gather",
    ] {
        let row = sqlx::query(&format!("SHOW {name}"))
            .fetch_one(db.pool())
            .await?;
        out.insert(name.into(), json!(row.try_get::<String, _>(0)?));
    }
    out.insert(
        "statements".into(),
        json!("prepared once and reused (sqlx statement cache)"),
    );
    out.insert("maintenance".into(), json!("VACUUM ANALYZE after the load"));
    Ok(serde_json::Value::Object(out))
}
