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
    let mut rng = Rng::new(7);
    let docs = (0..size)
        .map(|i| {
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
                title: data::text(&mut rng, title_words),
                body: data::text(&mut rng, body_words),
                category: vec![top.into(), sub.into()],
                region: rng.pick(&districts).clone(),
                price: Some(1000 + rng.below(500_000)),
                flags,
            }
        })
        .collect();
    let mut qrng = Rng::new(11);
    let queries = (0..queries)
        .map(|_| {
            let words = 1 + qrng.below(2) as usize;
            data::text(&mut qrng, words)
        })
        .collect();
    Ok(Corpus { docs, queries })
}

async fn timed_async<T, R, F: std::future::Future<Output = Result<R>>>(
    inputs: &[T],
    mut op: impl FnMut(&T) -> F,
) -> Result<(Timings, Vec<R>)> {
    let mut samples = Vec::with_capacity(inputs.len());
    let mut results = Vec::with_capacity(inputs.len());
    let start = Instant::now();
    for input in inputs {
        let t = Instant::now();
        results.push(op(input).await?);
        samples.push(t.elapsed());
    }
    Ok((Timings::from_samples(samples, start.elapsed()), results))
}

fn analysed(text: &str) -> String {
    analyzer::words(text).join(" ")
}

/// Runs the search benchmark; one JSON line per peer.
pub async fn run(
    size: usize,
    queries: usize,
    pg_url: Option<String>,
    peers: bool,
) -> Result<Vec<Value>> {
    let pg_url_for_relevance = pg_url.clone();
    let corpus = corpus(size, queries)?;
    let dir = std::env::temp_dir().join(format!("shetu-bench-search-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let build = Instant::now();
    let index = TantivyIndex::open(&dir.join("tantivy"))?;
    for chunk in corpus.docs.chunks(20_000) {
        index.add_new(chunk)?;
    }
    index.commit(Position::default())?;
    let ours_build_s = build.elapsed().as_secs_f64();
    let (ours, ours_hits) = Timings::of(&corpus.queries, |q| {
        let r = index.search(&SearchRequest {
            text: q.clone(),
            limit: 20,
            skip_total: true,
            ..SearchRequest::default()
        });
        r.map(|r| {
            r.hits
                .into_iter()
                .map(|h| h.id.parse::<i64>().unwrap_or(-1))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    // The same queries when the page also shows the exact number of matches.
    let (counted, _) = Timings::of(&corpus.queries, |q| {
        index
            .search(&SearchRequest {
                text: q.clone(),
                limit: 20,
                ..SearchRequest::default()
            })
            .map(|r| r.total)
            .unwrap_or(0)
    });
    let with_total = json!({ "p50_us": round(counted.percentile_us(50.0)), "p99_us": round(counted.percentile_us(99.0)), "per_s": round(counted.per_s()) });
    let mut lines = Vec::new();
    if !peers {
        let _ = std::fs::remove_dir_all(&dir);
        let mut lines = relevance(None).await?;
        lines.insert(0, line(
            "search",
            size,
            &ours,
            None,
            None,
            json!({ "ours_build_s": round(ours_build_s), "queries": corpus.queries.len(), "ours_with_exact_total": with_total }),
        ));
        return Ok(lines);
    }

    // SQLite FTS5, fed the same analysed words (so Bangla words stay whole and digits fold alike).
    let fts = std::env::temp_dir().join(format!("shetu-bench-fts-{}.db", std::process::id()));
    let mut config = DbConfig::new(format!("sqlite://{}", fts.display()));
    config.max_connections = 1;
    let db = Db::connect(&config).await?;
    let build = Instant::now();
    sqlx::query("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = \"unicode61 categories 'L* N* Co M*'\")").execute(db.pool()).await.context("FTS5")?;
    for chunk in corpus.docs.chunks(400) {
        let mut tx = db.begin().await?;
        let mut q = Sql::new("INSERT INTO docs (rowid, title, body) VALUES ");
        q.values(chunk, |v, d| {
            v.bind(d.id.parse::<i64>().unwrap_or(0))
                .bind(analysed(&d.title))
                .bind(analysed(&d.body));
        });
        q.build()?.execute(&mut *tx).await?;
        tx.commit().await?;
    }
    let fts_build_s = build.elapsed().as_secs_f64();
    let (fts_t, fts_hits) = timed_async(&corpus.queries, |q| {
        let db = db.clone();
        let expr = analyzer::words(q)
            .iter()
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" ");
        async move {
            use sqlx::Row;
            let rows =
                sqlx::query("SELECT rowid FROM docs WHERE docs MATCH $1 ORDER BY rank LIMIT 20")
                    .bind(expr)
                    .fetch_all(db.pool())
                    .await?;
            Ok(rows
                .iter()
                .filter_map(|r| r.try_get::<i64, _>(0).ok())
                .collect::<Vec<_>>())
        }
    })
    .await?;
    db.close().await;
    let _ = std::fs::remove_file(&fts);
    let extra = json!({ "ours_build_s": round(ours_build_s), "peer_build_s": round(fts_build_s), "queries": corpus.queries.len(), "ours_with_exact_total": with_total.clone() });
    lines.push(line(
        "search",
        size,
        &ours,
        Some(("sqlite-fts5", &fts_t)),
        Some(overlap(&ours_hits, &fts_hits)),
        extra,
    ));

    // PostgreSQL full-text search with ts_rank, in its own schema.
    match pg_url {
        None => lines.push(line(
            "search",
            size,
            &ours,
            None,
            None,
            json!({ "peer_name": "postgres-fts", "note": "set SHETU_BENCH_PG_URL" }),
        )),
        Some(url) => {
            let (admin, db, schema) = crate::measure::scratch(&url, "search").await?;
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
            sqlx::query("ANALYZE docs").execute(db.pool()).await?;
            let pg_build_s = build.elapsed().as_secs_f64();
            let (pg_t, pg_hits) = timed_async(&corpus.queries, |q| {
                let db = db.clone();
                let expr = analyzer::words(q).join(" & ");
                async move {
                    use sqlx::Row;
                    let rows = sqlx::query(
                        "SELECT id FROM docs, to_tsquery('simple', $1) q WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, id LIMIT 20",
                    )
                    .bind(expr)
                    .fetch_all(db.pool())
                    .await?;
                    Ok(rows.iter().filter_map(|r| r.try_get::<i64, _>(0).ok()).collect::<Vec<_>>())
                }
            })
            .await?;
            crate::measure::drop_scratch(admin, db, &schema).await?;
            let extra = json!({ "ours_build_s": round(ours_build_s), "peer_build_s": round(pg_build_s), "queries": corpus.queries.len(), "ours_with_exact_total": with_total.clone() });
            lines.push(line(
                "search",
                size,
                &ours,
                Some(("postgres-fts", &pg_t)),
                Some(overlap(&ours_hits, &pg_hits)),
                extra,
            ));
        }
    }
    drop(index);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = Duration::ZERO;
    lines.extend(relevance(pg_url_for_relevance).await?);
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
        let words = analyzer::words(q);
        let expr = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i + 1 == words.len() {
                    format!("\"{w}\"*")
                } else {
                    format!("\"{w}\"")
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
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
            let words = analyzer::words(q);
            // Quoted lexemes, so a word is never read as tsquery syntax; the last as a prefix.
            let expr = words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let w = w.replace('\'', "''");
                    if i + 1 == words.len() {
                        format!("'{w}':*")
                    } else {
                        format!("'{w}'")
                    }
                })
                .collect::<Vec<_>>()
                .join(" & ");
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
