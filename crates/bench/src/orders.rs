//! `shetu-bench orders`: the whole node over HTTP on loopback, on
//! SQLite (`synchronous` as given, FULL by default) and PostgreSQL.
//!
//! *orders*: concurrent buyers, each with a bearer token, place checkouts of one to three lines
//! from different shops (`POST /api/v1/checkouts` with an `Idempotency-Key`). Most variants are
//! plentiful; one line in ten is for one of 40 scarce variants (stock 5), so buyers also race
//! for the last units. A 409 `out_of_stock` is the right answer to a sold-out line, counted as
//! `sold_out`; anything else but 201 is an error. Afterwards `oversold` counts variants whose
//! ordered units exceed their starting stock, read back from the database.

use crate::http::Connection;
use crate::measure::Timings;
use crate::writes::{start, stop, Node};
use serde_json::{json, Value};
use shetu_commerce::products::{self, NewProduct, NewVariant};
use shetu_commerce::shops::{self, NewShop};
use shetu_core::{Actor, Role, Text};
use shetu_store::{now_ms, Db};
use std::time::{Duration, Instant};

pub(crate) const SHOPS: usize = 20;
pub(crate) const PRODUCTS_PER_SHOP: usize = 10;
const SCARCE: usize = 40;
const SCARCE_STOCK: i64 = 5;
const PLENTY: i64 = 1_000_000;

pub(crate) const WORDS: &[(&str, &str, &str)] = &[
    ("honey", "খাঁটি মধু", "Pure honey"),
    ("rice", "কাটারিভোগ চাল", "Kataribhog rice"),
    ("fruit", "হিমসাগর আম", "Himsagar mango"),
    ("nakshi-kantha", "নকশিকাঁথা", "Nakshi kantha"),
    ("jamdani", "জামদানি শাড়ি", "Jamdani saree"),
    ("spices", "হলুদের গুঁড়া", "Turmeric powder"),
    ("dried-fish", "লইট্টা শুঁটকি", "Loitta dried fish"),
    ("oil", "সরিষার তেল", "Mustard oil"),
    ("pottery", "পোড়ামাটির ফুলদানি", "Terracotta vase"),
    ("vegetables", "দেশি পেঁয়াজ", "Local onions"),
];

pub(crate) struct Seeded {
    tokens: Vec<String>,
    plenty: Vec<Vec<String>>,
    scarce: Vec<String>,
    /// Each shop's owner and id.
    pub(crate) shops: Vec<(Actor, String)>,
}

async fn person(db: &Db, n: usize) -> anyhow::Result<Actor> {
    let pack = shetu_pack::Pack::built_in("bd")?;
    let new = shetu_people::persons::NewPerson {
        name: Text::parse(&format!("Bench {n}"), 50)?,
        phone: pack.phone.parse_mobile(&format!("+8801791{n:06}"))?,
        language: pack.default_language.clone(),
        home_region: None,
        password: None,
    };
    let p = shetu_people::persons::create(db, None, new, now_ms()).await?;
    Ok(Actor {
        person: p.id,
        roles: Vec::new(),
        on_behalf_of: None,
        request_id: None,
    })
}

/// 20 verified shops of 10 products each across districts, and `buyers` people with tokens.
pub(crate) async fn seed(db: &Db, buyers: usize) -> anyhow::Result<Seeded> {
    let pack = shetu_pack::Pack::built_in("bd")?;
    let mut admin = person(db, 999_999).await?;
    shetu_people::orgs::bootstrap_role(db, admin.person, Role::Admin, now_ms()).await?;
    admin.roles.push(Role::Admin);
    let districts: Vec<String> = pack
        .regions()
        .iter()
        .filter(|r| r.depth == 1)
        .map(|r| r.id.to_string())
        .collect();
    let mut plenty = Vec::new();
    let mut scarce = Vec::new();
    let mut shops_of = Vec::new();
    for s in 0..SHOPS {
        let owner = person(db, 500_000 + s).await?;
        let shop = shops::open(
            db,
            pack,
            &owner,
            NewShop {
                name: format!("দোকান {s}"),
                kind: ["shop", "farmer", "wholesaler"][s % 3].into(),
                district: districts[(s * 7) % districts.len()].clone(),
                women_led: s % 4 != 0,
                dbid: None,
                trade_licence: None,
                payout_kind: "wallet".into(),
                payout_account: format!("+8801792{s:06}"),
            },
        )
        .await?;
        shops::verify(db, &admin, &shop.id).await?;
        shops_of.push((owner.clone(), shop.id.clone()));
        let mut ids = Vec::new();
        for p in 0..PRODUCTS_PER_SHOP {
            let (category, bn, en) = WORDS[(s + p) % WORDS.len()];
            let is_scarce = (s * PRODUCTS_PER_SHOP + p).is_multiple_of(5) && scarce.len() < SCARCE;
            let made = products::create(
                db,
                &owner,
                &shop.id,
                NewProduct {
                    category: category.into(),
                    unit: "piece".into(),
                    title_bn: format!("{bn} {p}"),
                    title_en: format!("{en} {p}"),
                    description_bn: format!("{bn}, সরাসরি উৎপাদকের কাছ থেকে।"),
                    description_en: format!("{en}, straight from the producer."),
                    variants: vec![NewVariant {
                        sku: format!("B{s}-{p}"),
                        label: String::new(),
                        price_minor: 10_000 + i64::try_from(p).unwrap_or(0) * 2_500,
                        stock: if is_scarce { SCARCE_STOCK } else { PLENTY },
                        tiers: Vec::new(),
                    }],
                },
            )
            .await?;
            let v = made.variants[0].id.clone();
            if is_scarce {
                scarce.push(v);
            } else {
                ids.push(v);
            }
        }
        plenty.push(ids);
    }
    let mut tokens = Vec::new();
    for b in 0..buyers {
        let actor = person(db, b).await?;
        let (_, token) =
            shetu_people::tokens::create(db, &actor, &Text::parse("bench", 20)?, now_ms()).await?;
        tokens.push(token);
    }
    Ok(Seeded {
        tokens,
        plenty,
        scarce,
        shops: shops_of,
    })
}

/// A small deterministic generator, one per client.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// `run` tells runs apart: each has its own idempotency keys and its own choice of lines, so no
/// request of the timed run replays one of the warm-up (a replay only reads the first answer).
async fn place_orders(
    node: &Node,
    seeded: &Seeded,
    duration: Duration,
    run: u64,
) -> (Timings, usize, usize) {
    let start = Instant::now();
    let mut clients = Vec::new();
    for (c, token) in seeded.tokens.iter().enumerate() {
        let addr = node.addr;
        let auth = format!("Bearer {token}");
        let plenty = seeded.plenty.clone();
        let scarce = seeded.scarce.clone();
        clients.push(tokio::spawn(async move {
            let mut conn = Connection::new(addr);
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (c as u64 + 1) ^ (run << 32));
            let (mut samples, mut errors, mut sold_out) = (Vec::new(), 0usize, 0usize);
            let mut n = 0u64;
            while start.elapsed() < duration {
                n += 1;
                let lines = 1 + rng.next(3);
                let mut picked: Vec<String> = Vec::new();
                for _ in 0..lines {
                    let v = if rng.next(10) == 0 {
                        scarce[rng.next(scarce.len())].clone()
                    } else {
                        let shop = &plenty[rng.next(plenty.len())];
                        shop[rng.next(shop.len())].clone()
                    };
                    if !picked.contains(&v) {
                        picked.push(v);
                    }
                }
                let body = json!({
                    "lines": picked.iter().map(|v| json!({ "variant": v, "quantity": 1 })).collect::<Vec<_>>(),
                    "payment": "cod",
                })
                .to_string();
                let key = format!("bench-{run}-{c}-{n}");
                let headers = [("Authorization", auth.as_str()), ("Idempotency-Key", key.as_str())];
                let t = Instant::now();
                match conn.send("POST", "/api/v1/checkouts", &headers, &body).await {
                    Ok((201, _)) => samples.push(t.elapsed()),
                    Ok((409, b)) if String::from_utf8_lossy(&b).contains("out_of_stock") => {
                        samples.push(t.elapsed());
                        sold_out += 1;
                    }
                    other => {
                        // Say what went wrong, not only that something did.
                        if errors < 3 {
                            match other {
                                Ok((status, b)) => eprintln!(
                                    "checkout answered {status}: {}",
                                    String::from_utf8_lossy(&b)
                                ),
                                Err(e) => eprintln!("checkout failed: {e}"),
                            }
                        }
                        errors += 1;
                    }
                }
            }
            (samples, errors, sold_out)
        }));
    }
    let (mut samples, mut errors, mut sold_out) = (Vec::new(), 0, 0);
    for c in clients {
        if let Ok((s, e, o)) = c.await {
            samples.extend(s);
            errors += e;
            sold_out += o;
        }
    }
    (
        Timings::from_samples(samples, start.elapsed()),
        errors,
        sold_out,
    )
}

/// Variants whose ordered units exceed their starting stock, or whose stock is not what it was
/// less what was ordered (there must be none). Cancelled orders would return stock; the benchmark
/// cancels none.
async fn oversold(db: &Db, seeded: &Seeded) -> anyhow::Result<usize> {
    let rows: Vec<(String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT v.id, v.stock, (SELECT CAST(SUM(l.quantity) AS BIGINT) FROM commerce_order_line l WHERE l.variant_id = v.id) \
         FROM commerce_variant v",
    )
    .fetch_all(db.pool())
    .await?;
    let mut bad = 0;
    for (id, stock, sold) in rows {
        let initial = if seeded.scarce.contains(&id) {
            SCARCE_STOCK
        } else {
            PLENTY
        };
        let sold = sold.unwrap_or(0);
        if sold > initial || stock != initial - sold {
            bad += 1;
        }
    }
    Ok(bad)
}

/// SQLite in a fresh folder, and PostgreSQL in a fresh database when a URL is given: (engine,
/// URL, what to drop afterwards).
pub(crate) async fn engines(
    pg_url: Option<String>,
    tag: &str,
) -> anyhow::Result<Vec<(String, String, Option<(Db, String)>)>> {
    let dir = std::env::temp_dir().join(format!("shetu-bench-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut engines = vec![(
        "sqlite".to_owned(),
        format!("sqlite://{}/shetu.db", dir.display()),
        None,
    )];
    if let Some(url) = &pg_url {
        let name = format!("shetu_bench_{tag}_{}", std::process::id());
        let admin = Db::connect(&shetu_store::DbConfig::new(url)).await?;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(admin.pool())
            .await?;
        let (base, _) = url.rsplit_once('/').unwrap_or((url, ""));
        engines.push((
            "postgres".to_owned(),
            format!("{base}/{name}"),
            Some((admin, name)),
        ));
    }
    Ok(engines)
}

/// Drops a database [`engines`] made.
pub(crate) async fn drop_db(cleanup: Option<(Db, String)>) -> anyhow::Result<()> {
    if let Some((admin, name)) = cleanup {
        sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
            .execute(admin.pool())
            .await?;
        admin.close().await;
    }
    Ok(())
}

/// `shetu-bench orders`.
pub async fn orders(
    clients: usize,
    seconds: f64,
    synchronous: &str,
    connections: u32,
    pg_url: Option<String>,
) -> anyhow::Result<Vec<Value>> {
    let mut lines = Vec::new();
    let dir = std::env::temp_dir().join(format!("shetu-bench-orders-{}", std::process::id()));
    for (engine, url, cleanup) in engines(pg_url, "orders").await? {
        let node = start(&url, &dir.join(&engine), synchronous, connections).await?;
        let seeded = seed(&node.db, clients).await?;
        // Warm-up: connections, statement caches, the first pages of every table.
        let _ = place_orders(&node, &seeded, Duration::from_secs(1), 1).await;
        let before = node.db.shared_commits();
        let (t, errors, sold_out) =
            place_orders(&node, &seeded, Duration::from_secs_f64(seconds), 2).await;
        // Write use cases per SQLite commit in the timed run (group commit).
        let per_commit = match (before, node.db.shared_commits()) {
            (Some((c0, m0)), Some((c1, m1))) if c1 > c0 => {
                Some(crate::measure::round((m1 - m0) as f64 / (c1 - c0) as f64))
            }
            _ => None,
        };
        let over = oversold(&node.db, &seeded).await?;
        lines.push(json!({
            "bench": "orders",
            "engine": engine,
            "clients": clients,
            "ours": t.json(),
            "errors": errors,
            "sold_out": sold_out,
            "oversold": over,
            "shops": SHOPS,
            "scarce_variants": SCARCE,
            "sqlite_synchronous": synchronous,
            "sqlite_use_cases_per_commit": per_commit,
            "db_max_connections": connections,
        }));
        stop(node).await;
        drop_db(cleanup).await?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(lines)
}
