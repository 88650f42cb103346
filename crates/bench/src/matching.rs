//! `match`: top-20 vacancies for a person among N, by our MaxScore index, against a brute-force
//! scan and the same scores computed by a PostgreSQL query; plus batch throughput on both cores.

use crate::data::Rng;
use crate::measure::{line, round, Timings};
use anyhow::Result;
use serde_json::{json, Value};
use shetu_match::topk::{Hit, Index, Item, Query};
use shetu_store::sql::Sql;
use std::time::{Duration, Instant};

const SKILLS: u64 = 3000;
const OCCUPATIONS: u64 = 400;
const DIVISIONS: u64 = 8;
const DISTRICTS: u64 = 64;

fn features(rng: &mut Rng, skills: usize) -> Vec<(u32, u32)> {
    let mut f: Vec<(u32, u32)> = (0..skills)
        .map(|_| (rng.skewed(SKILLS) as u32, 1 + rng.below(1000) as u32))
        .collect();
    f.push((
        SKILLS as u32 + rng.below(OCCUPATIONS) as u32,
        500 + rng.below(500) as u32,
    ));
    let district = rng.below(DISTRICTS) as u32;
    f.push(((SKILLS + OCCUPATIONS) as u32 + district / 8, 200));
    f.push(((SKILLS + OCCUPATIONS + DIVISIONS) as u32 + district, 300));
    f
}

fn data(size: usize, queries: usize) -> (Vec<Item>, Vec<Query>) {
    let mut rng = Rng::new(3);
    let items = (0..size)
        .map(|i| {
            let skills = 6 + rng.below(7) as usize;
            let features = features(&mut rng, skills);
            let required = vec![features[0].0];
            Item {
                id: i as u32,
                features,
                required,
                labels: vec![rng.below(5) as u32],
            }
        })
        .collect();
    let queries = (0..queries)
        .map(|_| {
            let skills = 8 + rng.below(8) as usize;
            Query {
                features: features(&mut rng, skills),
                ..Query::default()
            }
        })
        .collect();
    (items, queries)
}

fn key(hits: &[Hit]) -> Vec<(u32, u128)> {
    hits.iter().map(|h| (h.id, h.score)).collect()
}

/// Runs the match benchmark.
pub async fn run(size: usize, queries: usize, pg_url: Option<String>) -> Result<Vec<Value>> {
    let (items, qs) = data(size, queries);
    let pg_items = items.clone();
    let build = Instant::now();
    let index = Index::new(items);
    let build_s = build.elapsed().as_secs_f64();
    let (ours, ours_hits) = Timings::of(&qs, |q| key(&index.top_k(q, 20)));
    let brute_qs = &qs[..qs.len().min(300)];
    let (brute, brute_hits) = Timings::of(brute_qs, |q| key(&index.brute_force(q, 20)));
    let same = ours_hits
        .iter()
        .zip(&brute_hits)
        .filter(|(a, b)| a == b)
        .count() as f64
        / brute_hits.len().max(1) as f64;
    // Both cores busy: the whole query set in two threads.
    let batch_start = Instant::now();
    let batch = index.top_k_batch(&qs, 20, 2);
    let batch_s = batch_start.elapsed().as_secs_f64();
    let batch_per_s = batch.len() as f64 / batch_s.max(1e-9);
    let extra = json!({
        "build_s": round(build_s),
        "batch_2_cores_per_s": round(batch_per_s),
        "rematch_1m_people_s": round(1_000_000.0 / batch_per_s.max(1e-9)),
    });
    let mut lines = vec![line(
        "match",
        size,
        &ours,
        Some(("brute-force", &brute)),
        Some(same),
        extra,
    )];

    match pg_url {
        None => lines.push(line(
            "match",
            size,
            &ours,
            None,
            None,
            json!({ "peer_name": "postgres-sql", "note": "set SHETU_BENCH_PG_URL" }),
        )),
        Some(url) => {
            let (admin, db, schema) = crate::measure::scratch(&url, "match").await?;
            sqlx::query("CREATE TABLE item_feature (item BIGINT NOT NULL, feature BIGINT NOT NULL, weight BIGINT NOT NULL)").execute(db.pool()).await?;
            let rows: Vec<(u32, u32, u32)> = pg_items
                .iter()
                .flat_map(|it| {
                    let mut f = it.features.clone();
                    f.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
                    f.dedup_by_key(|x| x.0);
                    f.into_iter().map(move |(feat, w)| (it.id, feat, w))
                })
                .collect();
            for chunk in rows.chunks(3000) {
                let mut q = Sql::new("INSERT INTO item_feature (item, feature, weight) VALUES ");
                q.values(chunk, |v, &(item, feature, weight)| {
                    v.bind(i64::from(item))
                        .bind(i64::from(feature))
                        .bind(i64::from(weight));
                });
                q.build()?.execute(db.pool()).await?;
            }
            sqlx::query(
                "CREATE INDEX item_feature_by_feature ON item_feature (feature, item, weight)",
            )
            .execute(db.pool())
            .await?;
            sqlx::query("VACUUM ANALYZE item_feature")
                .execute(db.pool())
                .await?;
            sqlx::query("SET jit = off").execute(db.pool()).await?;
            sqlx::query("SET work_mem = '64MB'")
                .execute(db.pool())
                .await?;
            let settings = crate::measure::pg_settings(&db).await?;
            let pg_qs = &qs[..qs.len().min(400)];
            // One prepared statement; the person's features arrive as two arrays.
            let sql = "SELECT i.item, SUM(i.weight * q.w)::BIGINT AS score \
                 FROM item_feature i JOIN unnest(string_to_array($1, ',')::BIGINT[], string_to_array($2, ',')::BIGINT[]) AS q(f, w) ON i.feature = q.f \
                 GROUP BY i.item ORDER BY score DESC, i.item LIMIT 20";
            let ask = |q: &Query| {
                let mut f = q.features.clone();
                f.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
                f.dedup_by_key(|x| x.0);
                // The sqlx driver in use binds no arrays; the lists travel as text.
                let list = |v: Vec<u32>| v.iter().map(u32::to_string).collect::<Vec<_>>().join(",");
                let features = list(f.iter().map(|x| x.0).collect());
                let weights = list(f.iter().map(|x| x.1).collect());
                let db = db.clone();
                async move {
                    use sqlx::Row;
                    let rows = sqlx::query(sql)
                        .bind(features)
                        .bind(weights)
                        .fetch_all(db.pool())
                        .await?;
                    anyhow::Ok(
                        rows.iter()
                            .map(|r| {
                                (
                                    r.try_get::<i64, _>(0).unwrap_or(-1) as u32,
                                    u128::try_from(r.try_get::<i64, _>(1).unwrap_or(-1))
                                        .unwrap_or(0),
                                )
                            })
                            .collect::<Vec<_>>(),
                    )
                }
            };
            // Warm-up, then two timed passes in alternating order.
            for q in &pg_qs[..pg_qs.len().min(50)] {
                ask(q).await?;
                let _ = index.top_k(q, 20);
            }
            let (mut pg_samples, mut pg_wall, mut pg_hits) =
                (Vec::new(), Duration::ZERO, Vec::new());
            let (mut our_samples, mut our_wall, mut ours_same_hits) =
                (Vec::new(), Duration::ZERO, Vec::new());
            for pass in 0..2 {
                for engine in if pass == 0 { [0, 1] } else { [1, 0] } {
                    let start = Instant::now();
                    if engine == 0 {
                        ours_same_hits.clear();
                        for q in pg_qs {
                            let t = Instant::now();
                            ours_same_hits.push(key(&index.top_k(q, 20)));
                            our_samples.push(t.elapsed());
                        }
                        our_wall += start.elapsed();
                    } else {
                        pg_hits.clear();
                        for q in pg_qs {
                            let t = Instant::now();
                            pg_hits.push(ask(q).await?);
                            pg_samples.push(t.elapsed());
                        }
                        pg_wall += start.elapsed();
                    }
                }
            }
            let pg = Timings::from_samples(pg_samples, pg_wall);
            let ours_same = Timings::from_samples(our_samples, our_wall);
            let agree = ours_same_hits
                .iter()
                .zip(&pg_hits)
                .filter(|(a, b)| a == b)
                .count() as f64
                / pg_hits.len().max(1) as f64;
            crate::measure::drop_scratch(admin, db, &schema).await?;
            lines.push(line(
                "match",
                size,
                &ours_same,
                Some(("postgres-sql", &pg)),
                Some(agree),
                json!({ "queries": pg_qs.len(), "postgres_settings": settings, "agreement_is": "identical top 20 (items and scores) per query" }),
            ));
        }
    }
    Ok(lines)
}
