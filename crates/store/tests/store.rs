//! Storage behaviour, run on SQLite and (with SHETU_TEST_PG_URL) on PostgreSQL.

use shetu_pack::Pack;
use shetu_store::jobs::{
    enqueue, ClaimedJob, JobError, JobFuture, JobHandler, JobRunner, NewJob, Outcome,
};
use shetu_store::{db_test, outbox, regions, Backend, Db, StoreError, Tx};
use sqlx::Row;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

fn pack(code: &str) -> &'static Pack {
    Pack::built_in(code).unwrap_or_else(|e| panic!("{e}"))
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query(sql)
        .fetch_one(db.pool())
        .await
        .and_then(|r| r.try_get::<i64, _>(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// A real handler: records each completed run in its own table (created by the test).
struct RecordRun {
    fail_first: i64,
}

impl JobHandler for RecordRun {
    fn kind(&self) -> &'static str {
        "test.record"
    }
    fn run<'a>(&'a self, tx: &'a mut Tx, job: &'a ClaimedJob) -> JobFuture<'a> {
        Box::pin(async move {
            if job.attempt <= self.fail_first {
                return Err(JobError::Retry(format!(
                    "attempt {} fails on purpose",
                    job.attempt
                )));
            }
            if job.payload["permanent"] == true {
                return Err(JobError::Permanent("bad input".into()));
            }
            sqlx::query("INSERT INTO test_run (job_id) VALUES ($1)")
                .bind(job.id.to_string())
                .execute(&mut **tx)
                .await?;
            Ok(())
        })
    }
}

async fn make_run_table(db: &Db) {
    sqlx::query("CREATE TABLE test_run (job_id TEXT NOT NULL)")
        .execute(db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

async fn enqueue_one(db: &Db, job: NewJob) -> Option<shetu_core::id::JobId> {
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let id = enqueue(&mut tx, job)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    id
}

db_test!(async fn migrations_are_current(db) {
    let core = shetu_store::core_migrations();
    let status = db.migration_status(&[&core]).await.unwrap_or_else(|e| panic!("{e}"));
    assert!(status.is_current(), "{status:?}");
    assert_eq!(status.applied, vec![1, 2]);
    // Running them again changes nothing.
    db.migrate(&[&core]).await.unwrap_or_else(|e| panic!("{e}"));
    if db.backend() == Backend::Sqlite {
        let mode: String = sqlx::query("PRAGMA journal_mode").fetch_one(db.pool()).await.and_then(|r| r.try_get(0)).unwrap_or_default();
        assert_eq!(mode, "wal");
        assert_eq!(count(&db, "PRAGMA foreign_keys").await, 1);
        assert!(count(&db, "PRAGMA busy_timeout").await >= 5000);
        // The writer keeps its savepoints' sub-journal in memory (2); readers may spill a sort
        // to disk (0, the default).
        let writer: i64 = sqlx::query_scalar("PRAGMA temp_store").fetch_one(db.writer()).await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(writer, 2);
        assert_eq!(count(&db, "PRAGMA temp_store").await, 0);
    }
});

db_test!(async fn regions_seed_once_and_page(db) {
    let bd = pack("bd");
    let added = regions::seed(&db, bd).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(added, 8 + 64 + 494 + 4540);
    assert_eq!(regions::seed(&db, bd).await.unwrap_or_else(|e| panic!("{e}")), 0, "seeding twice adds nothing");
    let top = regions::children(&db, "bd", None, None, 5).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(top.items.len(), 5);
    let rest = regions::children(&db, "bd", None, top.next, 5).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rest.items.len(), 3);
    assert_eq!(rest.next, None);
    let dhaka = top.items.iter().chain(&rest.items).find(|r| r.region.iso_code.as_deref() == Some("BD-C")).unwrap_or_else(|| panic!("no Dhaka"));
    assert_eq!(dhaka.region.name.get("bn", "en"), "ঢাকা");
    assert_eq!(dhaka.children, 13);
    let union = bd.regions().last().unwrap_or_else(|| panic!("empty pack"));
    let chain = regions::ancestry(&db, &union.id).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(chain.len(), 4);
    // One seeding event went to the outbox with the regions.
    assert_eq!(count(&db, "SELECT COUNT(*) FROM outbox_event WHERE topic = 'region.seeded'").await, 1);
    // The same database cannot be reseeded as another country.
    assert!(matches!(regions::seed(&db, pack("jo")).await, Err(StoreError::Mismatch(_))));
});

db_test!(async fn jobs_commit_with_their_transaction(db) {
    make_run_table(&db).await;
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    enqueue(&mut tx, NewJob::new("test.record", serde_json::json!({}))).await.unwrap_or_else(|e| panic!("{e}"));
    tx.rollback().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM job").await, 0, "a rolled-back change leaves no job");

    assert!(enqueue_one(&db, NewJob::new("test.record", serde_json::json!({})).dedupe("k1")).await.is_some());
    assert!(enqueue_one(&db, NewJob::new("test.record", serde_json::json!({})).dedupe("k1")).await.is_none());
    let runner = JobRunner::new(db.clone()).register(RecordRun { fail_first: 0 });
    assert_eq!(runner.run_pending().await.unwrap_or_else(|e| panic!("{e}")), vec![Outcome::Done]);
    assert_eq!(runner.run_pending().await.unwrap_or_else(|e| panic!("{e}")), vec![]);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM test_run").await, 1);
});

db_test!(async fn jobs_retry_with_backoff_then_give_up(db) {
    make_run_table(&db).await;
    // The test clock runs a second ahead of the wall clock that stamps new jobs, so they are due.
    let clock = Arc::new(AtomicI64::new(shetu_store::now_ms() + 1000));
    let c = clock.clone();
    let runner = JobRunner::new(db.clone()).register(RecordRun { fail_first: 2 }).with_clock(move || c.load(Ordering::SeqCst));
    enqueue_one(&db, NewJob::new("test.record", serde_json::json!({}))).await;
    let first = runner.run_pending().await.unwrap_or_else(|e| panic!("{e}"));
    let Some(Outcome::Retrying { at }) = first.first().cloned() else { panic!("expected a retry, got {first:?}") };
    assert!(at >= clock.load(Ordering::SeqCst) + 2000, "backoff of at least 2 s");
    assert_eq!(runner.run_pending().await.unwrap_or_else(|e| panic!("{e}")), vec![], "not due before its backoff");
    clock.fetch_add(3_000, Ordering::SeqCst);
    assert!(matches!(runner.run_pending().await.unwrap_or_else(|e| panic!("{e}"))[..], [Outcome::Retrying { .. }]));
    clock.fetch_add(10_000, Ordering::SeqCst);
    assert_eq!(runner.run_pending().await.unwrap_or_else(|e| panic!("{e}")), vec![Outcome::Done]);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM test_run").await, 1);

    let mut job = NewJob::new("test.record", serde_json::json!({"permanent": true}));
    job.max_attempts = 3;
    enqueue_one(&db, job).await;
    enqueue_one(&db, NewJob::new("no.such.kind", serde_json::json!({}))).await;
    let runner = JobRunner::new(db.clone()).register(RecordRun { fail_first: 0 });
    let ends = runner.run_pending().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ends, vec![Outcome::Failed, Outcome::Failed]);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM job WHERE state = 'failed' AND last_error IS NOT NULL").await, 2);
});

db_test!(async fn a_lost_lease_commits_nothing(db) {
    make_run_table(&db).await;
    // The test clock runs a second ahead of the wall clock that stamps new jobs, so they are due.
    let clock = Arc::new(AtomicI64::new(shetu_store::now_ms() + 1000));
    let c = clock.clone();
    let runner = JobRunner::new(db.clone())
        .register(RecordRun { fail_first: 0 })
        .with_lease(Duration::from_secs(60))
        .with_clock(move || c.load(Ordering::SeqCst));
    enqueue_one(&db, NewJob::new("test.record", serde_json::json!({}))).await;
    let slow = runner.claim().await.unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|| panic!("nothing claimed"));
    assert!(runner.claim().await.unwrap_or_else(|e| panic!("{e}")).is_none(), "a held job is not claimed twice");
    clock.fetch_add(61_000, Ordering::SeqCst);
    let takeover = runner.claim().await.unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|| panic!("expired lease not reclaimed"));
    assert_eq!(takeover.id, slow.id);
    assert_eq!(takeover.attempt, 2);
    assert_eq!(runner.execute(&takeover).await.unwrap_or_else(|e| panic!("{e}")), Outcome::Done);
    assert_eq!(runner.execute(&slow).await.unwrap_or_else(|e| panic!("{e}")), Outcome::LeaseLost);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM test_run").await, 1, "run to completion once");
});

db_test!(async fn many_workers_run_each_job_once(db) {
    make_run_table(&db).await;
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    for i in 0..60 {
        enqueue(&mut tx, NewJob::new("test.record", serde_json::json!({ "n": i }))).await.unwrap_or_else(|e| panic!("{e}"));
    }
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let mut workers = Vec::new();
    for _ in 0..4 {
        let runner = JobRunner::new(db.clone()).register(RecordRun { fail_first: 0 });
        workers.push(tokio::spawn(async move { runner.run_pending().await }));
    }
    let mut done = 0;
    for w in workers {
        let outcomes = w.await.unwrap_or_else(|e| panic!("{e}")).unwrap_or_else(|e| panic!("{e}"));
        done += outcomes.iter().filter(|o| **o == Outcome::Done).count();
    }
    assert_eq!(done, 60);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM test_run").await, 60);
    assert_eq!(count(&db, "SELECT COUNT(DISTINCT job_id) FROM test_run").await, 60);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM job WHERE state = 'done'").await, 60);
});

/// On PostgreSQL an event becomes readable once every transaction older than it has ended —
/// anywhere in the cluster, so other tests running at the same time can hold it back briefly.
async fn read_all_when_visible(db: &Db, n: usize) -> Vec<outbox::Event> {
    for _ in 0..200 {
        let events = outbox::read_after(db, outbox::Position::default(), 100)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        if events.len() >= n {
            assert_eq!(events.len(), n);
            return events;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("{n} events never became readable");
}

db_test!(async fn outbox_events_relay_to_jobs_exactly_once(db) {
    make_run_table(&db).await;
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    outbox::publish(&mut tx, "thing.changed", "a", &serde_json::json!({"v": 1})).await.unwrap_or_else(|e| panic!("{e}"));
    tx.rollback().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM outbox_event").await, 0, "no event without its change");

    for n in 0..3 {
        let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
        outbox::publish(&mut tx, "thing.changed", &format!("t{n}"), &serde_json::json!({"v": n})).await.unwrap_or_else(|e| panic!("{e}"));
        outbox::publish(&mut tx, "other.topic", "x", &serde_json::json!({})).await.unwrap_or_else(|e| panic!("{e}"));
        tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    }
    let events = read_all_when_visible(&db, 6).await;
    assert_eq!(events[0].aggregate_id, "t0");
    let relay = outbox::Relay::new().subscribe("thing.", "test.record");
    let mut relayed = 0;
    for _ in 0..200 {
        relayed += relay.relay_once(&db).await.unwrap_or_else(|e| panic!("{e}"));
        if relayed == 6 {
            break;
        }
    }
    assert_eq!(relayed, 6);
    assert_eq!(relay.relay_once(&db).await.unwrap_or_else(|e| panic!("{e}")), 0, "nothing new");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM job WHERE kind = 'test.record'").await, 3);
    let runner = JobRunner::new(db.clone()).register(RecordRun { fail_first: 0 });
    assert_eq!(runner.run_pending().await.unwrap_or_else(|e| panic!("{e}")).len(), 3);
    // A consumer that stored its position resumes after it.
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    let third = outbox::Position { txid: events[2].txid, seq: events[2].seq };
    outbox::advance(&mut tx, "indexer", third).await.unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let at = outbox::position(&db, "indexer").await.unwrap_or_else(|e| panic!("{e}"));
    let rest = outbox::read_after(&db, at, 100).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rest.iter().map(|e| e.seq).collect::<Vec<_>>(), events[3..].iter().map(|e| e.seq).collect::<Vec<_>>());
});

db_test!(async fn a_connection_the_server_closed_is_unavailable_not_an_internal_error(db) {
    if db.backend() == Backend::Sqlite {
        return; // embedded: there is no server to close it
    }
    let mut conn = db.pool().acquire().await.unwrap_or_else(|e| panic!("{e}"));
    let pid: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(&mut *conn)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    // As a restart or a failover does to every connection: the server ends it.
    let ended: bool = sqlx::query_scalar("SELECT pg_terminate_backend($1)")
        .bind(pid)
        .fetch_one(db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(ended);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let err = sqlx::query("SELECT 1")
        .execute(&mut *conn)
        .await
        .map(|_| ())
        .expect_err("the server closed this connection");
    let err = StoreError::from(err);
    assert!(err.is_unavailable(), "answered as unavailable (503), not as a bug (500): {err:?}");
    drop(conn.detach());
});

db_test!(async fn concurrent_use_cases_share_commits_and_one_that_fails_leaves_the_others(db) {
    // Some use cases fail only at their commit, on a write queued for it (a key already taken),
    // while others wait for the writer: each rolls back to its own savepoint, the group goes on.
    let taken = |t: usize, i: usize| !(t + i).is_multiple_of(5) && (t * 5 + i) % 7 == 3;
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    sqlx::query("INSERT INTO instance_setting (key, value, updated_at) VALUES ('group.taken', 'v', 0)")
        .execute(&mut *tx)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    let before = db.shared_commits();
    let mut tasks = Vec::new();
    for t in 0..40 {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..5 {
                let key = format!("group.{t}.{i}");
                let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
                sqlx::query("INSERT INTO instance_setting (key, value, updated_at) VALUES ($1, 'v', 0)")
                    .bind(&key)
                    .execute(&mut *tx)
                    .await
                    .unwrap_or_else(|e| panic!("{e}"));
                if (t + i) % 5 == 0 {
                    // A use case that fails after writing: dropped, or rolled back.
                    if t % 2 == 0 {
                        drop(tx);
                    } else {
                        tx.rollback().await.unwrap_or_else(|e| panic!("{e}"));
                    }
                    continue;
                }
                if taken(t, i) {
                    tx.later(|q| {
                        q.push("INSERT INTO instance_setting (key, value, updated_at) VALUES ('group.taken', 'again', 0)");
                    });
                    assert!(tx.commit().await.is_err(), "{key}: a queued write that fails fails the commit");
                    continue;
                }
                tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
                // Acknowledged means committed: another connection sees it at once.
                let seen: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM instance_setting WHERE key = $1")
                    .bind(&key)
                    .fetch_one(db.pool())
                    .await
                    .unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(seen, 1, "{key} was acknowledged but is not there");
            }
        }));
    }
    for task in tasks {
        task.await.unwrap_or_else(|e| panic!("{e}"));
    }
    let refused = (0..40).flat_map(|t| (0..5).map(move |i| (t, i))).filter(|&(t, i)| taken(t, i)).count() as i64;
    assert!(refused >= 20, "{refused} use cases fail at their commit");
    let kept = count(&db, "SELECT COUNT(*) FROM instance_setting WHERE key LIKE 'group.%.%'").await;
    assert_eq!(kept, 160 - refused, "the failed use cases left nothing, the others are all there");
    let failed = count(&db, "SELECT COUNT(*) FROM instance_setting WHERE key IN ('group.0.0', 'group.1.4', 'group.5.0', 'group.0.3')").await;
    assert_eq!(failed, 0);
    let value: String = sqlx::query_scalar("SELECT value FROM instance_setting WHERE key = 'group.taken'")
        .fetch_one(db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value, "v");
    if let (Some((c0, m0)), Some((c1, m1))) = (before, db.shared_commits()) {
        assert_eq!(m1 - m0, (160 - refused) as u64, "every committed use case went through a shared commit");
        assert!(c1 - c0 < m1 - m0, "use cases waiting together shared commits: {} commits for {}", c1 - c0, m1 - m0);
    }
});

db_test!(async fn writes_queued_for_the_commit_land_with_it_in_order_or_not_at_all(db) {
    for sql in [
        "CREATE TABLE test_parent (id TEXT PRIMARY KEY, number TEXT UNIQUE)",
        "CREATE TABLE test_child (parent_id TEXT NOT NULL REFERENCES test_parent (id), n BIGINT NOT NULL)",
    ] {
        sqlx::query(sql).execute(db.pool()).await.unwrap_or_else(|e| panic!("{e}"));
    }
    // A parent, its children and outbox events queued in one transaction: all land at once,
    // children after their parent (the foreign key holds), events in the order published.
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    tx.later(|q| {
        q.push("INSERT INTO test_parent (id) VALUES (").bind("p1").push(")");
    });
    for n in 0..3_i64 {
        tx.later_row("INSERT INTO test_child (parent_id, n) VALUES ", move |v| {
            v.bind("p1").bind(n);
        });
        outbox::publish(&mut tx, "queued.event", &format!("e{n}"), &serde_json::json!({ "n": n }))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(count(&db, "SELECT COUNT(*) FROM test_parent").await, 0, "nothing sent before the commit");
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM test_child WHERE parent_id = 'p1'").await, 3);
    let events = read_all_when_visible(&db, 3).await;
    let ids: Vec<&str> = events.iter().map(|e| e.aggregate_id.as_str()).collect();
    assert_eq!(ids, ["e0", "e1", "e2"], "sequence numbers follow the order published");

    // A queued write that fails fails the commit, and nothing of the transaction lands.
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    sqlx::query("INSERT INTO test_parent (id) VALUES ('p2')")
        .execute(&mut *tx)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    outbox::publish(&mut tx, "queued.event", "lost", &serde_json::json!({}))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.later(|q| {
        q.push("INSERT INTO test_parent (id) VALUES (").bind("p1").push(")");
    });
    let failed = tx.commit().await.err().unwrap_or_else(|| panic!("a duplicate key must fail the commit"));
    assert!(failed.is_unique_violation(), "{failed}");
    assert!(!failed.is_duplicate_of("test_parent", "number"), "{failed}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM test_parent").await, 1, "p2 rolled back");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM outbox_event WHERE aggregate_id = 'lost'").await, 0);

    // A duplicate in a single UNIQUE column is told apart by table and column.
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    tx.later(|q| {
        q.push("INSERT INTO test_parent (id, number) VALUES ('p4', 'N-1'), ('p5', 'N-1')");
    });
    let failed = tx.commit().await.err().unwrap_or_else(|| panic!("a duplicate number must fail the commit"));
    assert!(failed.is_duplicate_of("test_parent", "number"), "{failed}");
    assert!(!failed.is_duplicate_of("test_parent", "id"), "{failed}");
    assert!(!failed.is_duplicate_of("test_child", "number"), "{failed}");

    // The writer is free again (SQLite) and a later transaction commits.
    let mut tx = db.begin().await.unwrap_or_else(|e| panic!("{e}"));
    tx.later(|q| {
        q.push("INSERT INTO test_parent (id) VALUES (").bind("p3").push(")");
    });
    tx.commit().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM test_parent").await, 2);
});
