//! `search`: our tantivy index against SQLite FTS5 and PostgreSQL full-text search, on the same
//! documents and queries.

use crate::data::{self, Rng};
use crate::measure::{line, overlap, round, Timings};
use anyhow::{Context, Result};
use serde_json::{json, Value};
use shetu_search::analyzer;
use shetu_search::{Document, SearchBackend, SearchRequest, TantivyIndex};
use shetu_store::outbox::Position;
use shetu_store::sql::Sql;
use shetu_store::{Db, DbConfig};
use std::time::{Duration, Instant};

struct Corpus {
    docs: Vec<Document>,
    queries: Vec<String>,
    vocabulary: usize,
}

fn corpus(size: usize, queries: usize) -> Result<Corpus> {
    let pack = shetu_pack::Pack::built_in("bd").map_err(|e| anyhow::anyhow!("{e}"))?;
    let districts: Vec<Vec<String>> = pack
        .regions()
        .iter()
        .filter(|r| r.level == "district")
        .map(|r| {
            pack.ancestry(&r.id)
                .iter()
                .map(|a| a.id.to_string())
                .collect()
        })
        .collect();
    let words = data::Vocabulary::load(40_000, 20_000)?;
    let mut rng = Rng::new(7);
    // The judged catalogue is part of the corpus, the rest is drawn from the vocabulary.
    let mut docs: Vec<Document> = shetu_search::relevance::documents()
        .into_iter()
        .enumerate()
        .map(|(i, d)| Document {
            id: i.to_string(),
            ..d
        })
        .collect();
    let judged = docs.len();
    docs.extend((judged..size.max(judged)).map(|i| {
        let (top, sub) = *rng.pick(data::CATEGORIES);
        let title_words = 4 + rng.below(5) as usize;
        let body_words = 8 + rng.below(9) as usize;
        let flags = data::FLAGS
            .iter()
            .filter(|_| rng.below(4) == 0)
            .map(|f| (*f).to_owned())
            .collect();
        Document {
            id: i.to_string(),
            title: words.text(&mut rng, title_words),
            body: words.text(&mut rng, body_words),
            category: vec![top.into(), sub.into()],
            region: rng.pick(&districts).clone(),
            price: Some(1000 + rng.below(500_000)),
            flags,
        }
    }));
    let mut qrng = Rng::new(11);
    let queries = (0..queries)
        .map(|_| {
            let n = 1 + qrng.below(2) as usize;
            words.text(&mut qrng, n)
        })
        .collect();
    Ok(Corpus {
        docs,
        queries,
        vocabulary: words.len(),
    })
}

fn analysed(text: &str) -> String {
    analyzer::words(text).join(" ")
}

/// The three engines, built on the same documents.
struct Engines {
    ours: TantivyIndex,
    fts: Db,
    pg: Option<(Db, Db, String)>,
}

/// FTS5: every word required, the last also as a prefix (as a search box does while typing).
fn fts_expression(q: &str) -> String {
    let words = analyzer::words(q);
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let w = w.replace('"', "\"\"");
            if i + 1 == words.len() {
                format!("\"{w}\"*")
            } else {
                format!("\"{w}\"")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// PostgreSQL: the same, as a tsquery of quoted lexemes.
fn pg_expression(q: &str) -> String {
    let words = analyzer::words(q);
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let w = w.replace('\'', "''").replace('\\', "\\\\");
            if i + 1 == words.len() {
                format!("'{w}':*")
            } else {
                format!("'{w}'")
            }
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

impl Engines {
    fn ours(&self, q: &str, limit: usize) -> Vec<i64> {
        self.ours
            .search(&SearchRequest {
                text: q.to_owned(),
                limit,
                skip_total: true,
                ..SearchRequest::default()
            })
            .map(|r| {
                r.hits
                    .into_iter()
                    .map(|h| h.id.parse::<i64>().unwrap_or(-1))
                    .collect()
            })
            .unwrap_or_default()
    }

    async fn fts(&self, q: &str, limit: i64) -> Result<Vec<i64>> {
        use sqlx::Row;
        let rows = sqlx::query(
            "SELECT rowid FROM docs WHERE docs MATCH $1 ORDER BY bm25(docs, 3.0, 1.0) LIMIT $2",
        )
        .bind(fts_expression(q))
        .bind(limit)
        .fetch_all(self.fts.pool())
        .await?;
        Ok(rows
            .iter()
            .filter_map(|r| r.try_get::<i64, _>(0).ok())
            .collect())
    }

    async fn pg(&self, q: &str, limit: i64) -> Result<Vec<i64>> {
        use sqlx::Row;
        let Some((_, db, _)) = &self.pg else {
            return Ok(Vec::new());
        };
        let rows = sqlx::query(
            "SELECT id FROM docs, to_tsquery('simple', $1) q WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, id LIMIT $2",
        )
        .bind(pg_expression(q))
        .bind(limit)
        .fetch_all(db.pool())
        .await?;
        Ok(rows
            .iter()
            .filter_map(|r| r.try_get::<i64, _>(0).ok())
            .collect())
    }
}

/// One engine's timed passes: every latency, the wall time, the last pass's results.
#[derive(Default)]
struct Pass {
    samples: Vec<Duration>,
    wall: Duration,
    results: Vec<Vec<i64>>,
}

/// Runs `op` over `queries`, timing each call.
async fn timed<F, Fut>(
    queries: &[String],
    mut op: F,
) -> Result<(Vec<Duration>, Duration, Vec<Vec<i64>>)>
where
    F: FnMut(String) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<i64>>>,
{
    let mut samples = Vec::with_capacity(queries.len());
    let mut results = Vec::with_capacity(queries.len());
    let start = Instant::now();
    for q in queries {
        let t = Instant::now();
        results.push(op(q.clone()).await?);
        samples.push(t.elapsed());
    }
    Ok((samples, start.elapsed(), results))
}

/// Runs the search benchmark; one JSON line per peer.
pub async fn run(
    size: usize,
    queries: usize,
    pg_url: Option<String>,
    peers: bool,
) -> Result<Vec<Value>> {
    let corpus = corpus(size, queries)?;
    let dir = std::env::temp_dir().join(format!("shetu-bench-search-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let build = Instant::now();
    let ours = TantivyIndex::open(&dir.join("tantivy"))?.with_synonyms(
        shetu_search::Synonyms::parse(shetu_search::relevance::BD_SYNONYMS),
    );
    for chunk in corpus.docs.chunks(20_000) {
        ours.add_new(chunk)?;
    }
    ours.commit(Position::default())?;
    let ours_build_s = build.elapsed().as_secs_f64();
    let mut common = json!({
        "documents": corpus.docs.len(),
        "distinct_words": corpus.vocabulary,
        "queries": corpus.queries.len(),
        "ours_build_s": round(ours_build_s),
        "semantics": "every word required, the last also as a prefix; top 20 by each engine's rank",
        "cores": "ours searches its segments on both cores; PostgreSQL may use parallel workers (see its settings); FTS5 uses one",
    });

    // SQLite FTS5, fed the same analysed words (so Bangla words stay whole and digits fold alike).
    let fts_file = std::env::temp_dir().join(format!("shetu-bench-fts-{}.db", std::process::id()));
    let mut config = DbConfig::new(format!("sqlite://{}", fts_file.display()));
    config.max_connections = 1;
    let fts = Db::connect(&config).await?;
    let mut pg = None;
    if peers {
        let build = Instant::now();
        sqlx::query("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = \"unicode61 categories 'L* N* Co M*'\")").execute(fts.pool()).await.context("FTS5")?;
        for chunk in corpus.docs.chunks(400) {
            let mut tx = fts.begin().await?;
            let mut q = Sql::new("INSERT INTO docs (rowid, title, body) VALUES ");
            q.values(chunk, |v, d| {
                v.bind(d.id.parse::<i64>().unwrap_or(0))
                    .bind(analysed(&d.title))
                    .bind(analysed(&d.body));
            });
            q.build()?.execute(&mut *tx).await?;
            tx.commit().await?;
        }
        sqlx::query("INSERT INTO docs(docs) VALUES ('optimize')")
            .execute(fts.pool())
            .await?;
        common["fts5_build_s"] = json!(round(build.elapsed().as_secs_f64()));
        common["fts5_settings"] = json!("unicode61 with marks as token characters; bm25 title 3, body 1; 'optimize' after the load; one connection, statements prepared and cached");

        if let Some(url) = &pg_url {
            let (admin, db, schema) = crate::measure::scratch(url, "search").await?;
            let build = Instant::now();
            sqlx::query("CREATE TABLE docs (id BIGINT PRIMARY KEY, tsv TSVECTOR NOT NULL)")
                .execute(db.pool())
                .await?;
            for chunk in corpus.docs.chunks(1000) {
                let mut q = Sql::new("INSERT INTO docs (id, tsv) VALUES ");
                for (i, d) in chunk.iter().enumerate() {
                    q.push(if i == 0 { "(" } else { ", (" })
                        .bind(d.id.parse::<i64>().unwrap_or(0))
                        .push(", setweight(to_tsvector('simple', ")
                        .bind(analysed(&d.title))
                        .push("), 'A') || to_tsvector('simple', ")
                        .bind(analysed(&d.body))
                        .push("))");
                }
                q.build()?.execute(db.pool()).await?;
            }
            sqlx::query("CREATE INDEX docs_tsv ON docs USING GIN (tsv)")
                .execute(db.pool())
                .await?;
            sqlx::query("VACUUM ANALYZE docs")
                .execute(db.pool())
                .await?;
            // As an operator sets a search connection: no JIT for short queries, room to sort.
            sqlx::query("SET jit = off").execute(db.pool()).await?;
            sqlx::query("SET work_mem = '64MB'")
                .execute(db.pool())
                .await?;
            common["postgres_build_s"] = json!(round(build.elapsed().as_secs_f64()));
            common["postgres_settings"] = crate::measure::pg_settings(&db).await?;
            pg = Some((admin, db, schema));
        }
    }
    let engines = Engines { ours, fts, pg };

    // Agreement on what each returns, on a sample: how many documents match, and whether ours
    // finds every document the peer finds (sets compared when the peer finds at most 1,000).
    let mut agreement = json!({});
    if peers {
        let sample: Vec<String> = corpus.queries.iter().take(200).cloned().collect();
        for (name, is_pg) in [("sqlite-fts5", false), ("postgres-fts", true)] {
            if is_pg && engines.pg.is_none() {
                continue;
            }
            let (mut equal_counts, mut compared, mut contained) = (0usize, 0usize, 0.0f64);
            for q in &sample {
                let peer = if is_pg {
                    engines.pg(q, 1000).await?
                } else {
                    engines.fts(q, 1000).await?
                };
                let total = engines
                    .ours
                    .search(&SearchRequest {
                        text: q.clone(),
                        limit: 1000,
                        ..SearchRequest::default()
                    })?
                    .total;
                if peer.len() < 1000 {
                    let ours: std::collections::HashSet<i64> =
                        engines.ours(q, 1000).into_iter().collect();
                    if total <= 1000 {
                        compared += 1;
                        equal_counts += usize::from(total == peer.len());
                        contained += if peer.is_empty() {
                            1.0
                        } else {
                            peer.iter().filter(|id| ours.contains(id)).count() as f64
                                / peer.len() as f64
                        };
                    }
                }
            }
            agreement[name] = json!({
                "queries_compared": compared,
                "same_match_count": round(equal_counts as f64 / compared.max(1) as f64),
                "peer_matches_ours_finds_too": round(contained / compared.max(1) as f64),
            });
        }
    }

    // Warm-up: every engine answers the first 200 queries once, untimed.
    let warm: Vec<String> = corpus.queries.iter().take(200).cloned().collect();
    for q in &warm {
        let _ = engines.ours(q, 20);
        if peers {
            engines.fts(q, 20).await?;
            engines.pg(q, 20).await?;
        }
    }
    // Two timed passes, the order of the engines reversed in the second.
    let mut all: Vec<Pass> = (0..3).map(|_| Pass::default()).collect();
    let engines_ref = &engines;
    for pass in 0..2 {
        let order: Vec<usize> = if pass == 0 {
            vec![0, 1, 2]
        } else {
            vec![2, 1, 0]
        };
        for e in order {
            if e > 0 && (!peers || (e == 2 && engines.pg.is_none())) {
                continue;
            }
            let (samples, wall, results) = match e {
                0 => {
                    timed(
                        &corpus.queries,
                        |q| async move { Ok(engines_ref.ours(&q, 20)) },
                    )
                    .await?
                }
                1 => {
                    timed(
                        &corpus.queries,
                        |q| async move { engines_ref.fts(&q, 20).await },
                    )
                    .await?
                }
                _ => {
                    timed(
                        &corpus.queries,
                        |q| async move { engines_ref.pg(&q, 20).await },
                    )
                    .await?
                }
            };
            all[e].samples.extend(samples);
            all[e].wall += wall;
            all[e].results = results;
        }
    }
    let timings: Vec<Timings> = all
        .iter()
        .map(|p| Timings::from_samples(p.samples.clone(), p.wall))
        .collect();
    let mut lines = Vec::new();
    for (e, name) in [(1usize, "sqlite-fts5"), (2, "postgres-fts")] {
        if all[e].samples.is_empty() {
            continue;
        }
        let mut extra = common.clone();
        extra["agreement_detail"] = agreement[name].clone();
        lines.push(line(
            "search",
            size,
            &timings[0],
            Some((name, &timings[e])),
            Some(overlap(&all[0].results, &all[e].results)),
            extra,
        ));
    }
    if lines.is_empty() {
        lines.push(line(
            "search",
            size,
            &timings[0],
            None,
            None,
            common.clone(),
        ));
    }
    if let Some((admin, db, schema)) = engines.pg {
        crate::measure::drop_scratch(admin, db, &schema).await?;
    }
    engines.fts.close().await;
    let _ = std::fs::remove_file(&fts_file);
    drop(engines.ours);
    let _ = std::fs::remove_dir_all(&dir);
    lines.extend(relevance(if peers { pg_url } else { None }).await?);
    Ok(lines)
}

/// Mean recall@10 and nDCG@10 over the judged set, given each query's top ten ids.
fn judged(results: &[Vec<String>]) -> (f64, f64) {
    let queries = shetu_search::relevance::queries();
    let n = queries.len().max(1) as f64;
    let (mut r, mut g) = (0.0, 0.0);
    for (q, ids) in queries.iter().zip(results) {
        r += shetu_search::relevance::recall_at(10, ids, &q.relevant);
        g += shetu_search::relevance::ndcg_at(10, ids, &q.relevant);
    }
    (round(r / n), round(g / n))
}

/// The judged relevance set (crates/search/relevance) through our index, SQLite FTS5 and
/// PostgreSQL full-text, each fed the same normalised words and queried as a competent user
/// would: every word required, the last one also as a prefix, ranked by bm25 / ts_rank.
pub async fn relevance(pg_url: Option<String>) -> Result<Vec<Value>> {
    use shetu_search::relevance;
    let docs = relevance::documents();
    let queries: Vec<String> = relevance::queries().into_iter().map(|q| q.query).collect();
    let index = TantivyIndex::in_memory()?
        .with_synonyms(shetu_search::Synonyms::parse(relevance::BD_SYNONYMS));
    index.add_new(&docs)?;
    index.commit(Position::default())?;
    let ours: Vec<Vec<String>> = queries
        .iter()
        .map(|q| {
            index
                .search(&SearchRequest {
                    text: q.clone(),
                    limit: 10,
                    skip_total: true,
                    ..SearchRequest::default()
                })
                .map(|r| r.hits.into_iter().map(|h| h.id).collect())
                .unwrap_or_default()
        })
        .collect();
    let mut measures = vec![("ours", judged(&ours))];

    let fts = std::env::temp_dir().join(format!("shetu-bench-rel-{}.db", std::process::id()));
    let mut config = DbConfig::new(format!("sqlite://{}", fts.display()));
    config.max_connections = 1;
    let db = Db::connect(&config).await?;
    sqlx::query("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize = \"unicode61 categories 'L* N* Co M*'\")").execute(db.pool()).await?;
    for d in &docs {
        sqlx::query("INSERT INTO docs (id, title, body) VALUES ($1, $2, $3)")
            .bind(&d.id)
            .bind(analysed(&d.title))
            .bind(analysed(&d.body))
            .execute(db.pool())
            .await?;
    }
    let mut fts_results = Vec::new();
    for q in &queries {
        let expr = fts_expression(q);
        use sqlx::Row;
        let rows = sqlx::query(
            "SELECT id FROM docs WHERE docs MATCH $1 ORDER BY bm25(docs, 0, 3.0, 1.0) LIMIT 10",
        )
        .bind(expr)
        .fetch_all(db.pool())
        .await?;
        fts_results.push(
            rows.iter()
                .filter_map(|r| r.try_get::<String, _>(0).ok())
                .collect(),
        );
    }
    db.close().await;
    let _ = std::fs::remove_file(&fts);
    measures.push(("sqlite-fts5", judged(&fts_results)));

    if let Some(url) = pg_url {
        let (admin, db, schema) = crate::measure::scratch(&url, "relevance").await?;
        sqlx::query("CREATE TABLE docs (id TEXT PRIMARY KEY, tsv TSVECTOR NOT NULL)")
            .execute(db.pool())
            .await?;
        for d in &docs {
            sqlx::query("INSERT INTO docs (id, tsv) VALUES ($1, setweight(to_tsvector('simple', $2), 'A') || to_tsvector('simple', $3))")
                .bind(&d.id)
                .bind(analysed(&d.title))
                .bind(analysed(&d.body))
                .execute(db.pool())
                .await?;
        }
        sqlx::query("CREATE INDEX docs_tsv ON docs USING GIN (tsv)")
            .execute(db.pool())
            .await?;
        sqlx::query("ANALYZE docs").execute(db.pool()).await?;
        let mut pg_results = Vec::new();
        for q in &queries {
            let expr = pg_expression(q);
            use sqlx::Row;
            let rows = sqlx::query("SELECT id FROM docs, to_tsquery('simple', $1) q WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, id LIMIT 10")
                .bind(expr)
                .fetch_all(db.pool())
                .await?;
            pg_results.push(
                rows.iter()
                    .filter_map(|r| r.try_get::<String, _>(0).ok())
                    .collect(),
            );
        }
        crate::measure::drop_scratch(admin, db, &schema).await?;
        measures.push(("postgres-fts", judged(&pg_results)));
    }
    Ok(measures
        .into_iter()
        .map(|(engine, (recall, ndcg))| {
            json!({
                "bench": "search-relevance",
                "engine": engine,
                "items": docs.len(),
                "queries": queries.len(),
                "recall_at_10": recall,
                "ndcg_at_10": ndcg,
            })
        })
        .collect())
}
