//! `shetu-bench catalogue`: the listing page (`GET /shop`, HTML) and the search API
//! (`GET /api/v1/products?…`, hits with facet counts) of the whole node over HTTP on loopback,
//! on SQLite and PostgreSQL, under concurrent readers.
//!
//! The catalogue: the 200 products of the orders benchmark plus 1,800 whose titles (3–6 words)
//! and descriptions (8–14 words) are drawn from a vocabulary of real words (the product words
//! first, then Debian's Bangla and English dictionaries; Zipf, rank r has weight 1/r; 70 %
//! Bangla), with prices, stock (one in six sold out) and categories spread over the tree.
//!
//! Two kinds of traffic, each measured on its own:
//! - `popular`: 1,000 distinct questions (one or two words drawn the same way, one in three with
//!   a filter: category, in stock, women-led or a price cap), each request picking one by Zipf
//!   popularity — the head of real search traffic. The node keeps recent answers, so this
//!   mostly measures a kept answer; `distinct_asked` says how many different questions were
//!   asked in the run.
//! - `all_new`: every request asks a question no request of the run asked before (two words,
//!   drawn the same way), so no answer can have been kept: the full cost of a search.

use crate::data::{zipf_cdf, Rng, Vocabulary};
use crate::http::Connection;
use crate::measure::Timings;
use crate::orders::{drop_db, engines, seed, PRODUCTS_PER_SHOP, SHOPS, WORDS};
use crate::writes::{start, stop, Node};
use serde_json::{json, Value};
use shetu_commerce::products::{self, NewProduct, NewVariant};
use shetu_store::Db;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Products added to the orders benchmark's 200.
const MORE_PRODUCTS: usize = 1_800;
/// Distinct questions of the popular traffic.
const POPULAR: usize = 1_000;
/// Distinct questions prepared for the all-new traffic (more than a run can ask).
const ALL_NEW: usize = 200_000;

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A question: one or `words` words, maybe with a filter.
fn question(vocab: &Vocabulary, rng: &mut Rng, words: usize, filters: bool) -> String {
    let mut q = format!("q={}", encode(&vocab.text(rng, words)));
    if filters {
        match rng.below(12) {
            0 => q.push_str(&format!("&category={}", rng.pick(WORDS).0)),
            1 => q.push_str("&in_stock=true"),
            2 => q.push_str("&women_led=true"),
            3 => q.push_str(&format!("&price_max={}", 50_000 + rng.below(10) * 25_000)),
            _ => {}
        }
    }
    q
}

async fn more_products(
    db: &Db,
    vocab: &Vocabulary,
    shops: &[(shetu_core::Actor, String)],
) -> anyhow::Result<()> {
    let mut rng = Rng::new(71);
    for n in 0..MORE_PRODUCTS {
        let (owner, shop) = &shops[n % shops.len()];
        let title_words = 3 + rng.below(4) as usize;
        let body_words = 8 + rng.below(7) as usize;
        let title = vocab.text(&mut rng, title_words);
        let body = vocab.text(&mut rng, body_words);
        products::create(
            db,
            owner,
            shop,
            NewProduct {
                category: rng.pick(WORDS).0.into(),
                unit: "piece".into(),
                title_bn: title.clone(),
                title_en: title,
                description_bn: body.clone(),
                description_en: body,
                variants: vec![NewVariant {
                    sku: format!("C{n}"),
                    label: String::new(),
                    price_minor: 2_000 + i64::try_from(rng.below(400)).unwrap_or(0) * 1_250,
                    stock: if rng.below(6) == 0 {
                        0
                    } else {
                        1 + i64::try_from(rng.below(50)).unwrap_or(0)
                    },
                    tiers: Vec::new(),
                }],
            },
        )
        .await?;
    }
    Ok(())
}

/// Which question each request asks.
#[derive(Clone)]
enum Traffic {
    /// By Zipf popularity from a fixed list.
    Popular(Arc<Vec<String>>, Arc<Vec<f64>>),
    /// The next question of a list no request has asked yet.
    AllNew(Arc<Vec<String>>, Arc<AtomicUsize>),
}

impl Traffic {
    fn next(&self, rng: &mut Rng) -> (usize, &str) {
        match self {
            Traffic::Popular(list, cdf) => {
                let u = rng.below(1 << 30) as f64 / f64::from(1u32 << 30);
                let i = cdf.partition_point(|&c| c < u).min(list.len() - 1);
                (i, &list[i])
            }
            Traffic::AllNew(list, at) => {
                let i = at.fetch_add(1, Ordering::Relaxed) % list.len();
                (i, &list[i])
            }
        }
    }
}

async fn read_load(
    node: &Node,
    clients: usize,
    duration: Duration,
    page: bool,
    traffic: &Traffic,
) -> (Timings, usize, usize) {
    let start = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let addr = node.addr;
        let traffic = traffic.clone();
        tasks.push(tokio::spawn(async move {
            let mut conn = Connection::new(addr);
            let mut rng = Rng::new(1_000 + c as u64);
            let (mut samples, mut errors, mut asked) = (Vec::new(), 0usize, Vec::new());
            while start.elapsed() < duration {
                let (i, q) = traffic.next(&mut rng);
                asked.push(i);
                let path = if page {
                    format!("/shop?{q}")
                } else {
                    format!("/api/v1/products?{q}")
                };
                let t = Instant::now();
                match conn.send("GET", &path, &[], "").await {
                    Ok((200, _)) => samples.push(t.elapsed()),
                    _ => errors += 1,
                }
            }
            (samples, errors, asked)
        }));
    }
    let (mut samples, mut errors) = (Vec::new(), 0);
    let mut asked = std::collections::HashSet::new();
    for t in tasks {
        if let Ok((s, e, a)) = t.await {
            samples.extend(s);
            errors += e;
            asked.extend(a);
        }
    }
    (
        Timings::from_samples(samples, start.elapsed()),
        errors,
        asked.len(),
    )
}

/// `shetu-bench catalogue`.
pub async fn catalogue(
    clients: usize,
    seconds: f64,
    connections: u32,
    pg_url: Option<String>,
) -> anyhow::Result<Vec<Value>> {
    let vocab = Vocabulary::load(20_000, 10_000)?;
    let mut rng = Rng::new(5);
    let mut seen = std::collections::HashSet::new();
    let mut popular = Vec::new();
    while popular.len() < POPULAR {
        let words = 1 + rng.below(2) as usize;
        let q = question(&vocab, &mut rng, words, true);
        if seen.insert(q.clone()) {
            popular.push(q);
        }
    }
    let mut all_new = Vec::new();
    while all_new.len() < ALL_NEW {
        let q = question(&vocab, &mut rng, 2, false);
        if seen.insert(q.clone()) {
            all_new.push(q);
        }
    }
    let popular = Traffic::Popular(Arc::new(popular), Arc::new(zipf_cdf(POPULAR)));
    let all_new = Arc::new(all_new);
    let products = SHOPS * PRODUCTS_PER_SHOP + MORE_PRODUCTS;
    let mut lines = Vec::new();
    let dir = std::env::temp_dir().join(format!("shetu-bench-catalogue-{}", std::process::id()));
    for (engine, url, cleanup) in engines(pg_url, "catalogue").await? {
        let node = start(&url, &dir.join(&engine), "full", connections).await?;
        let seeded = seed(&node.db, 1).await?;
        more_products(&node.db, &vocab, &seeded.shops).await?;
        // The feed indexes the catalogue within seconds; wait until the search has all of it.
        let ready = Instant::now();
        let mut conn = Connection::new(node.addr);
        while ready.elapsed() < Duration::from_secs(120) {
            if let Ok((200, body)) = conn.send("GET", "/api/v1/products", &[], "").await {
                let total = serde_json::from_slice::<Value>(&body)
                    .ok()
                    .and_then(|v| v["total"].as_u64());
                if total == Some(products as u64) {
                    break;
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        for (what, page) in [("listing page", true), ("search API", false)] {
            let fresh = Traffic::AllNew(all_new.clone(), Arc::new(AtomicUsize::new(0)));
            for (traffic_name, traffic) in [("popular", &popular), ("all_new", &fresh)] {
                // Warm-up: a second of the same traffic, untimed.
                let _ = read_load(&node, clients, Duration::from_secs(1), page, traffic).await;
                let (t, errors, distinct) = read_load(
                    &node,
                    clients,
                    Duration::from_secs_f64(seconds),
                    page,
                    traffic,
                )
                .await;
                lines.push(json!({
                    "bench": "catalogue",
                    "what": what,
                    "traffic": traffic_name,
                    "engine": engine,
                    "clients": clients,
                    "products": products,
                    "distinct_asked": distinct,
                    "ours": t.json(),
                    "errors": errors,
                }));
            }
        }
        stop(node).await;
        drop_db(cleanup).await?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(lines)
}
