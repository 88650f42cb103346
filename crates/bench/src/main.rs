//! `shetu-bench`: our engines and the peers users would pick instead, on the same data in the same
//! run. Prints one JSON line per comparison.

mod allocate;
mod audit;
mod audit_chain;
mod catalogue;
mod data;
mod http;
mod latency;
mod matching;
mod measure;
mod orders;
mod recommend;
mod schedule;
mod search;
mod writes;

use clap::{Parser, ValueEnum};

#[derive(Clone, Copy, ValueEnum)]
enum Bench {
    /// Full-text search vs SQLite FTS5 and PostgreSQL full-text search.
    Search,
    /// Top-20 matching vs a brute-force scan and a PostgreSQL query.
    Match,
    /// Deferred acceptance vs the textbook version.
    Allocate,
    /// Meeting scheduling, and vs the exact solver on small instances.
    Schedule,
    /// Audited writes from concurrent writers: the transparency log vs the hash chain under a lock.
    Audit,
    /// The whole node over HTTP: 1 to 64 concurrent writers, then memory after sign-ins.
    Writes,
    /// Checkouts over HTTP from concurrent buyers, mixed shops, limited stock.
    Orders,
    /// The catalogue's listing page and search API under concurrent readers.
    Catalogue,
    /// Recommended vacancies for one job seeker through the service path vs one SQL query.
    Recommend,
}

#[derive(Parser)]
#[command(
    name = "shetu-bench",
    about = "Side-by-side benchmarks of shetu's engines"
)]
struct Args {
    /// Which benchmark.
    bench: Bench,
    /// Documents (search), vacancies (match), applicants (allocate) or participants (schedule).
    #[arg(long)]
    size: Option<usize>,
    /// Queries to time (search, match).
    #[arg(long, default_value_t = 2000)]
    queries: usize,
    /// Repetitions of one-shot runs (allocate, schedule).
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Concurrent writers (audit), buyers (orders) or readers (catalogue).
    #[arg(long, default_value_t = 32)]
    writers: usize,
    /// Seconds per level (writes) and of sign-ins and idle (writes).
    #[arg(long, default_value_t = 3.0)]
    seconds: f64,
    /// Seconds of sign-ins, and then of idling, before memory is read (writes).
    #[arg(long, default_value_t = 30.0)]
    signin_seconds: f64,
    /// The node's database pool (writes): PostgreSQL connections, SQLite readers.
    #[arg(long, default_value_t = 8)]
    db_connections: u32,
    /// SQLite durability for the node (writes): full or normal.
    #[arg(long, default_value = "full")]
    synchronous: String,
    /// Network round trip to PostgreSQL to emulate, in milliseconds (audit; 0: plain loopback).
    #[arg(long, default_value_t = 0.0)]
    rtt_ms: f64,
    /// Measure only ours (for quick looks; reported figures come from runs with peers).
    #[arg(long)]
    no_peers: bool,
}

fn pg_url() -> Option<String> {
    ["SHETU_BENCH_PG_URL", "SHETU_TEST_PG_URL"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let lines = match args.bench {
        Bench::Search => {
            search::run(
                args.size.unwrap_or(100_000),
                args.queries,
                pg_url(),
                !args.no_peers,
            )
            .await?
        }
        Bench::Match => matching::run(args.size.unwrap_or(200_000), args.queries, pg_url()).await?,
        Bench::Recommend => recommend::run(args.size.unwrap_or(200_000), pg_url()).await?,
        Bench::Allocate => allocate::run(args.size.unwrap_or(100_000), args.runs)?,
        Bench::Schedule => schedule::run(args.size.unwrap_or(500), args.runs)?,
        Bench::Writes => {
            writes::run(
                &[1, 2, 4, 8, 16, 32, 64],
                args.seconds,
                &args.synchronous,
                pg_url(),
                args.signin_seconds,
                args.db_connections,
            )
            .await?
        }
        Bench::Orders => {
            orders::orders(
                args.writers,
                args.seconds,
                &args.synchronous,
                args.db_connections,
                pg_url(),
            )
            .await?
        }
        Bench::Catalogue => {
            catalogue::catalogue(args.writers, args.seconds, args.db_connections, pg_url()).await?
        }
        Bench::Audit => {
            audit::run(
                args.writers,
                args.size.unwrap_or(100),
                pg_url(),
                args.rtt_ms,
            )
            .await?
        }
    };
    for line in lines {
        println!("{line}");
    }
    Ok(())
}
