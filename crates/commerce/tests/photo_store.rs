//! Photos kept in an S3-compatible object store, against a real S3 server on a local port
//! (s3s-fs, which checks every request's AWS signature and keeps objects as files): an upload
//! lands in the bucket and not in the node's folder, the node serves it back, the same photo
//! sent twice is kept once (the copy removed from the bucket), and a store that refuses the
//! node's key is a clear 503 with the product still listed.

use axum::http::StatusCode;
use shetu_store::testing::Engine;
use shetu_testkit::TestApp;

mod common;
use common::{png, shop_with, upload};

const BUCKET: &str = "shetu-photos";

/// An S3 server keeping its objects under `root`, accepting only `access`/`secret`.
async fn s3_server(root: &std::path::Path, access: &str, secret: &str) -> String {
    std::fs::create_dir_all(root.join(BUCKET)).unwrap_or_else(|e| panic!("{e}"));
    let fs = s3s_fs::FileSystem::new(root).unwrap_or_else(|e| panic!("{e:?}"));
    let mut builder = s3s::service::S3ServiceBuilder::new(fs);
    builder.set_auth(s3s::auth::SimpleAuth::from_single(access, secret));
    let service = builder.build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let address = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    tokio::spawn(async move {
        let http =
            hyper_util::server::conn::auto::Builder::new(hyper_util::rt::TokioExecutor::new());
        while let Ok((socket, _)) = listener.accept().await {
            let connection = http
                .serve_connection(hyper_util::rt::TokioIo::new(socket), service.clone())
                .into_owned();
            tokio::spawn(async move {
                let _ = connection.await;
            });
        }
    });
    format!("http://{address}")
}

fn settings(endpoint: &str, secret: &str) -> String {
    format!(
        "[commerce.photos]\nstore = \"s3\"\nendpoint = \"{endpoint}\"\nbucket = \"{BUCKET}\"\n\
         access_key = \"shetu-node\"\nsecret_key = \"{secret}\"\n"
    )
}

fn objects(root: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    let dir = root.join(BUCKET).join("photos");
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        found.push(entry.file_name().to_string_lossy().into_owned());
    }
    found.sort();
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_are_kept_in_the_object_store_and_served_by_the_node() {
    let root = std::env::temp_dir().join(format!(
        "shetu-s3-{}-{}",
        std::process::id(),
        shetu_store::now_ms()
    ));
    let endpoint = s3_server(&root, "shetu-node", "s3cret-of-the-node").await;
    let app =
        TestApp::serving_with(Engine::Sqlite, &settings(&endpoint, "s3cret-of-the-node")).await;
    let owner = app.login_as("person").await;
    let (_, product, _) = shop_with(&app, &owner, 5).await;

    let photo = upload(&app, &owner, &product, png(300, 200, 60))
        .await
        .expect(StatusCode::CREATED)
        .json();
    let id = photo["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        objects(&root),
        vec![format!("{id}-t.jpg"), format!("{id}.jpg")]
    );
    assert!(
        !app.data_dir.join("photos").exists(),
        "nothing is kept in the node's folder"
    );
    // The node serves it back from the bucket, as it was stored.
    let served = app
        .get(photo["url"].as_str().unwrap_or_default(), &[])
        .await
        .expect(StatusCode::OK);
    assert_eq!(served.header("content-type"), "image/jpeg");
    let stored = std::fs::read(root.join(BUCKET).join("photos").join(format!("{id}.jpg")))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(served.body, stored);
    let thumb = app
        .get(photo["thumbnail_url"].as_str().unwrap_or_default(), &[])
        .await
        .expect(StatusCode::OK);
    let decoded = image::load_from_memory(&thumb.body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((decoded.width(), decoded.height()), (300, 200));
    // The same photo again: the one kept is answered, and the second copy leaves the bucket.
    let again = upload(&app, &owner, &product, png(300, 200, 60))
        .await
        .expect(StatusCode::CREATED)
        .json();
    assert_eq!(again["id"], photo["id"]);
    assert_eq!(objects(&root).len(), 2);
    // A name that is no photo is not asked of the store.
    app.get("/shop/photos/..%2F..%2Fsecret.jpg", &[])
        .await
        .expect(StatusCode::NOT_FOUND);
    app.finish().await;

    // A node whose key the store refuses: a clear 503, and the product stays as it was.
    let refused =
        TestApp::serving_with(Engine::Sqlite, &settings(&endpoint, "a-wrong-secret")).await;
    let owner = refused.login_as("person").await;
    let (_, product, _) = shop_with(&refused, &owner, 5).await;
    let answer = upload(&refused, &owner, &product, png(300, 200, 60)).await;
    assert_eq!(
        (answer.status, answer.error_code().as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, "photo_store_unavailable")
    );
    assert!(
        answer.error_message().contains("আবার"),
        "{}",
        answer.error_message()
    );
    refused
        .get(&format!("/api/v1/products/{product}"), &[])
        .await
        .expect(StatusCode::OK);
    assert_eq!(objects(&root).len(), 2);
    refused.finish().await;
    let _ = std::fs::remove_dir_all(&root);
}
