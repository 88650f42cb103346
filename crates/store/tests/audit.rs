//! The audit log as a transparency log: concurrent writers, integration in commit order, signed
//! heads, proofs a client checks, erasure that keeps proofs valid, and `verify` naming what an
//! attacker with write access to the database changed. On SQLite and PostgreSQL.

use shetu_store::audit::{self, merkle, Entry, HeadSigner, KeyRing, Verdict};
use shetu_store::testing::ok;
use shetu_store::{db_test, Db};

async fn write(db: &Db, person: &str, action: &str, detail: serde_json::Value) -> String {
    let mut tx = ok(db.begin().await);
    let id = ok(audit::record(
        &mut tx,
        Entry {
            actor: Some(person),
            subject: Some(person),
            action,
            object: "thing:1",
            request_id: None,
            detail,
        },
    )
    .await);
    ok(tx.commit().await);
    id
}

/// Integrates until the tree holds `size` events. On PostgreSQL integration waits for every
/// older transaction of the server to end (other tests run beside this one), so it may take a
/// few rounds.
async fn integrate_to(db: &Db, signer: &HeadSigner, size: u64) {
    for _ in 0..500 {
        if ok(audit::integrate(db, signer, 1000).await).tree_size >= size {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("the tree did not reach {size} events in 10 s");
}

/// Ten events in, integrated in two rounds (two signed heads).
async fn log_of_ten(db: &Db, signer: &HeadSigner) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..6 {
        ids.push(
            write(
                db,
                &format!("p{}", i % 3),
                "thing.change",
                serde_json::json!({ "n": i }),
            )
            .await,
        );
    }
    integrate_to(db, signer, 6).await;
    for i in 6..10 {
        ids.push(
            write(
                db,
                &format!("p{}", i % 3),
                "thing.change",
                serde_json::json!({ "n": i }),
            )
            .await,
        );
    }
    integrate_to(db, signer, 10).await;
    ids
}

async fn verdict(db: &Db, signer: &HeadSigner) -> Verdict {
    ok(audit::verify(db, &ok(KeyRing::new(signer, &[]))).await)
}

fn broken(v: Verdict) -> String {
    match v {
        Verdict::Broken(problems) => problems.join("; "),
        Verdict::Intact { .. } => panic!("verification passed on a tampered log"),
    }
}

async fn exec(db: &Db, sql: &str) {
    ok(sqlx::query(sql).execute(db.pool()).await);
}

db_test!(async fn concurrent_writers_are_all_integrated_and_provable(db) {
    let signer = HeadSigner::generate();
    let mut writers = Vec::new();
    for w in 0..32 {
        let db = db.clone();
        writers.push(tokio::spawn(async move {
            let mut ids = Vec::new();
            for i in 0..4 {
                ids.push(write(&db, &format!("person-{w}"), "thing.change", serde_json::json!({ "i": i })).await);
            }
            ids
        }));
    }
    let mut ids = Vec::new();
    for w in writers {
        ids.extend(ok(w.await));
    }
    for _ in 0..500 {
        if ok(audit::integrate(&db, &signer, 50).await).tree_size > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let first_head = ok(audit::head(&db).await).unwrap_or_else(|| panic!("no head"));
    assert_eq!(first_head.tree_size, 50, "one round takes at most its limit");
    integrate_to(&db, &signer, 128).await;
    let head = ok(audit::head(&db).await).unwrap_or_else(|| panic!("no head"));
    assert_eq!(head.tree_size, 128);
    assert_eq!(ok(audit::integration_lag_s(&db).await), 0.0);
    let root = audit::parse_hash(&head.root_hash).unwrap_or_else(|| panic!("root"));
    assert!(audit::verify_head(&signer.public_key(), 128, head.timestamp, &root, &head.signature));
    assert!(!audit::verify_head(&signer.public_key(), 127, head.timestamp, &root, &head.signature));
    // Every event has a proof that a client can check against the signed root.
    for id in &ids {
        let proof = ok(ok(audit::inclusion_proof(&db, id, None).await).map_err(|e| format!("{e:?}")));
        let leaf = audit::parse_hash(&proof.leaf_hash).unwrap_or_else(|| panic!("leaf"));
        let path: Vec<merkle::Hash> = proof.audit_path.iter().filter_map(|h| audit::parse_hash(h)).collect();
        assert!(merkle::verify_inclusion(&leaf, proof.leaf_index as u64, 128, &path, &root), "event {id}");
    }
    // A person gets proofs only for their own events.
    let someone_else = ok(audit::inclusion_proof(&db, &ids[0], Some("person-nobody")).await);
    assert_eq!(someone_else, Err(audit::ProofError::NotFound));
    // The log only grew between the two heads.
    let path = ok(ok(audit::consistency_proof(&db, 50, 128).await).map_err(|e| format!("{e:?}")));
    let path: Vec<merkle::Hash> = path.iter().filter_map(|h| audit::parse_hash(h)).collect();
    let old_root = audit::parse_hash(&first_head.root_hash).unwrap_or_else(|| panic!("root"));
    assert!(merkle::verify_consistency(50, 128, &path, &old_root, &root));
    assert_eq!(ok(audit::consistency_proof(&db, 50, 129).await), Err(audit::ProofError::BadRange));
    match verdict(&db, &signer).await {
        Verdict::Intact { events, heads, root: r } => {
            assert_eq!(events, 128);
            assert!(heads >= 2, "{heads} heads");
            assert_eq!(r, head.root_hash);
        }
        Verdict::Broken(p) => panic!("{p:?}"),
    }
});

db_test!(async fn erasing_a_person_keeps_every_proof_valid(db) {
    let signer = HeadSigner::generate();
    let id = write(&db, "rahima", "person.update", serde_json::json!({ "name": "রহিমা বেগম" })).await;
    write(&db, "karim", "person.update", serde_json::json!({ "name": "করিম মিয়া" })).await;
    integrate_to(&db, &signer, 2).await;
    let stored: String = ok(sqlx::query_scalar("SELECT detail FROM audit_event WHERE id = $1").bind(&id).fetch_one(db.pool()).await);
    assert!(!stored.contains("রহিমা"), "personal data is stored sealed: {stored}");
    let before = ok(audit::search(&db, &audit::Search { person: Some("rahima".into()), limit: 10, ..Default::default() }).await);
    assert_eq!(before[0].detail["name"], "রহিমা বেগম");

    let mut tx = ok(db.begin().await);
    ok(audit::erase_person_key(&mut tx, "rahima", shetu_store::now_ms()).await);
    ok(tx.commit().await);
    let after = ok(audit::search(&db, &audit::Search { person: Some("rahima".into()), limit: 10, ..Default::default() }).await);
    assert_eq!(after[0].detail, serde_json::json!({ "erased": true }));
    let karim = ok(audit::search(&db, &audit::Search { person: Some("karim".into()), limit: 10, ..Default::default() }).await);
    assert_eq!(karim[0].detail["name"], "করিম মিয়া", "others are untouched");
    assert!(matches!(verdict(&db, &signer).await, Verdict::Intact { events: 2, .. }));
    assert!(ok(audit::inclusion_proof(&db, &id, Some("rahima")).await).is_ok());
});

db_test!(async fn an_altered_event_is_named(db) {
    let signer = HeadSigner::generate();
    let ids = log_of_ten(&db, &signer).await;
    exec(&db, &format!("UPDATE audit_event SET action = 'thing.hidden' WHERE id = '{}'", ids[3])).await;
    let v = broken(verdict(&db, &signer).await);
    assert!(v.contains("position 3") && v.contains("altered"), "{v}");
});

db_test!(async fn reordered_events_are_named(db) {
    let signer = HeadSigner::generate();
    log_of_ten(&db, &signer).await;
    exec(&db, "UPDATE audit_event SET leaf_index = 100 WHERE leaf_index = 2").await;
    exec(&db, "UPDATE audit_event SET leaf_index = 2 WHERE leaf_index = 7").await;
    exec(&db, "UPDATE audit_event SET leaf_index = 7 WHERE leaf_index = 100").await;
    let v = broken(verdict(&db, &signer).await);
    assert!(v.contains("positions 2 and 7 were reordered"), "{v}");
});

db_test!(async fn a_deleted_event_is_named(db) {
    let signer = HeadSigner::generate();
    log_of_ten(&db, &signer).await;
    exec(&db, "DELETE FROM audit_event WHERE leaf_index = 4").await;
    let v = broken(verdict(&db, &signer).await);
    assert!(v.contains("position 4 is missing"), "{v}");
    // Hiding the gap by moving later events up is caught as well.
    exec(&db, "UPDATE audit_event SET leaf_index = leaf_index - 1 WHERE leaf_index > 4").await;
    let v = broken(verdict(&db, &signer).await);
    assert!(v.contains("position 4 was deleted"), "{v}");
});

db_test!(async fn an_inserted_event_is_named(db) {
    let signer = HeadSigner::generate();
    log_of_ten(&db, &signer).await;
    exec(&db, "UPDATE audit_event SET leaf_index = leaf_index + 1000 WHERE leaf_index >= 5").await;
    exec(&db, "UPDATE audit_event SET leaf_index = leaf_index - 999 WHERE leaf_index >= 1000").await;
    exec(&db, "INSERT INTO audit_event (id, at, actor_id, subject_id, action, object, detail, leaf_index) \
               VALUES ('forged', 1, 'p9', 'p9', 'thing.change', 'thing:1', '{}', 5)").await;
    let v = broken(verdict(&db, &signer).await);
    assert!(v.contains("inserted at position 5"), "{v}");
});

db_test!(async fn events_removed_from_the_end_after_a_head_are_named(db) {
    let signer = HeadSigner::generate();
    log_of_ten(&db, &signer).await;
    // The attacker removes the last three events and their leaves and nodes.
    exec(&db, "DELETE FROM audit_event WHERE leaf_index >= 7").await;
    exec(&db, "DELETE FROM audit_node WHERE level = 0 AND idx >= 7").await;
    let v = broken(verdict(&db, &signer).await);
    assert!(v.contains("covering 10 events") && v.contains("only 7 remain"), "{v}");
    // A head signed by someone else's key is named too.
    let other = HeadSigner::generate();
    let v = broken(ok(audit::verify(&db, &ok(KeyRing::new(&other, &[]))).await));
    assert!(v.contains("not among the known keys"), "{v}");
});
