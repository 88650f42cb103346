//! The index follows the outbox on SQLite and PostgreSQL: catches up, survives a restart without
//! losing or duplicating documents, and rebuilds from the database.

use shetu_pack::Pack;
use shetu_search::feed::{self, RegionSource, Source};
use shetu_store::testing::ok;

fn regions() -> Vec<std::sync::Arc<dyn Source>> {
    vec![std::sync::Arc::new(RegionSource)]
}
use shetu_search::{SearchBackend, SearchRequest, TantivyIndex};
use shetu_store::{db_test, outbox, regions};

fn find(index: &TantivyIndex, text: &str) -> Vec<String> {
    ok(index.search(&SearchRequest {
        text: text.into(),
        limit: 20,
        ..SearchRequest::default()
    }))
    .hits
    .into_iter()
    .map(|h| h.id)
    .collect()
}

/// Reads until the feed has caught up (PostgreSQL shows events once older transactions end).
async fn settle(db: &shetu_store::Db, index: &TantivyIndex) {
    for _ in 0..200 {
        ok(feed::catch_up(db, index, &regions()).await);
        if index.position().ok().flatten() == Some(ok(outbox::head(db).await)) && !index.is_empty()
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the index never caught up");
}

db_test!(async fn index_follows_the_outbox_and_resumes(db) {
    let dir = std::env::temp_dir().join(format!("shetu-index-{}", uuid_like()));
    ok(regions::seed(&db, ok(Pack::built_in("bd"))).await);
    {
        let index = ok(TantivyIndex::open(&dir));
        assert_eq!(ok(index.position()), None);
        settle(&db, &index).await;
        assert_eq!(index.len(), 8 + 64 + 494 + 4540);
        assert!(find(&index, "গাজীপুর").iter().any(|id| id.starts_with("bd.district.")));
        assert!(find(&index, "Gazipur").iter().any(|id| id.starts_with("bd.district.")));
        assert!(!find(&index, "কাপাসিয়া").is_empty());
    }
    // A restart opens the same index at the same position: nothing to apply, nothing doubled.
    let index = ok(TantivyIndex::open(&dir));
    let before = ok(index.position());
    assert!(before.is_some());
    assert_eq!(ok(feed::catch_up(&db, &index, &regions()).await), 0);
    assert_eq!(index.len(), 5106);
    // A crash after applying but before committing: the next run applies the events again, and
    // replacing by id keeps one copy of each document.
    ok(index.upsert(&[shetu_search::Document { id: "bd.division.1".into(), title: "draft".into(), ..Default::default() }]));
    drop(index);
    let index = ok(TantivyIndex::open(&dir));
    assert_eq!(ok(index.position()), before);
    assert!(find(&index, "draft").is_empty(), "uncommitted work is not visible after a crash");
    // Rebuild from the database, with progress.
    let mut seen = Vec::new();
    let loaded = ok(feed::rebuild(&db, &index, &regions(), |_, done, total| seen.push((done, total))).await);
    assert_eq!(loaded, 5106);
    assert_eq!(seen.last().copied(), Some((5106, 5106)));
    assert_eq!(index.len(), 5106);
    assert_eq!(ok(index.position()), Some(ok(outbox::head(&db).await)));
    let _ = std::fs::remove_dir_all(dir);
});

/// A name no other test of this run uses (the engines' tests run in parallel).
fn uuid_like() -> String {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    format!("{}-{}-{n}", std::process::id(), shetu_store::now_ms())
}
