//! The partner API on SQLite and PostgreSQL, against a partner's webhook receiver listening on a
//! real port: registration by an administrator, a catalogue pushed in by the partner's own
//! references (idempotently), orders for it handed over by signed webhooks that are retried until
//! acknowledged and can be replayed, status reported back, the producers' catalogue pulled
//! incrementally, and orders placed for the partner's buyers with an idempotency key.

use axum::http::{HeaderMap, Method, StatusCode};
use serde_json::{json, Value};
use shetu_testkit::{app_test, Person, TestApp};
use shetu_web::outbound;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

mod common;
use common::{shop_with, DISTRICT};

/// A partner's webhook endpoint: answers 500 to the first `fail` calls, then keeps what it gets.
#[derive(Default)]
struct Receiver {
    fail: AtomicUsize,
    got: Mutex<Vec<(HeaderMap, String)>>,
}

async fn receiver(fail: usize) -> (String, Arc<Receiver>) {
    let state = Arc::new(Receiver {
        fail: AtomicUsize::new(fail),
        ..Receiver::default()
    });
    let shared = state.clone();
    let app = axum::Router::new()
        .route("/img/{name}", axum::routing::get(image))
        .route(
            "/hook",
            axum::routing::post(move |headers: HeaderMap, body: String| {
                let state = shared.clone();
                async move {
                    if state.fail.load(Ordering::SeqCst) > 0 {
                        state.fail.fetch_sub(1, Ordering::SeqCst);
                        return StatusCode::INTERNAL_SERVER_ERROR;
                    }
                    state
                        .got
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push((headers, body));
                    StatusCode::OK
                }
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let url = format!(
        "http://{}/hook",
        listener.local_addr().unwrap_or_else(|e| panic!("{e}"))
    );
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (url, state)
}

/// The photos a partner hosts: two pictures, one address that is gone and one that is not a
/// picture.
async fn image(axum::extract::Path(name): axum::extract::Path<String>) -> (StatusCode, Vec<u8>) {
    let png = |colour: [u8; 2]| {
        let img = image::RgbImage::from_fn(80, 60, |x, _| {
            image::Rgb([colour[0], colour[1], (x * 3) as u8])
        });
        let mut out = Vec::new();
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap_or_else(|e| panic!("{e}"));
        out
    };
    match name.as_str() {
        "red.png" => (StatusCode::OK, png([200, 20])),
        "blue.png" => (StatusCode::OK, png([20, 40])),
        "text.jpg" => (StatusCode::OK, b"<html>not a photo</html>".to_vec()),
        _ => (StatusCode::NOT_FOUND, Vec::new()),
    }
}

fn received(r: &Receiver) -> Vec<(HeaderMap, String)> {
    r.got
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

async fn call(
    app: &TestApp,
    who: &Person,
    method: Method,
    uri: &str,
    body: Option<Value>,
) -> shetu_testkit::Answer {
    app.json(method, uri, Some(who), body).await
}

/// An organisation of kind partner_marketplace with `account` as its owner, registered with its
/// webhook at `url`; returns the webhook secret.
async fn register(app: &TestApp, admin: &Person, account: &Person, url: &str) -> String {
    let org = call(
        app,
        admin,
        Method::POST,
        "/api/v1/organizations",
        Some(json!({ "name": "দেশি বাজার ডটকম", "kind": "partner_marketplace" })),
    )
    .await
    .expect(StatusCode::CREATED)
    .json();
    let org = org["id"].as_str().unwrap_or_default().to_owned();
    call(
        app,
        admin,
        Method::PUT,
        &format!("/api/v1/organizations/{org}/members/{}", account.id),
        Some(json!({ "role": "owner" })),
    )
    .await;
    let body = json!({ "organization_id": org, "account": account.id.to_string(), "webhook_url": url, "district": DISTRICT });
    // Only an administrator registers a partner.
    let refused = call(
        app,
        account,
        Method::POST,
        "/api/v1/partners",
        Some(body.clone()),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let registered = call(app, admin, Method::POST, "/api/v1/partners", Some(body))
        .await
        .expect(StatusCode::CREATED)
        .json();
    registered["webhook_secret"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn run_deliveries(app: &TestApp) {
    app.relay().await;
    app.run_jobs().await;
}

app_test!(async fn a_partner_pushes_its_catalogue_and_gets_its_orders_by_signed_webhooks(app) {
    let admin = app.login_as("admin").await;
    let partner = app.login_as("person").await;
    let buyer = app.login_as("person").await;
    let (url, hook) = receiver(1).await;
    let secret = register(app, &admin, &partner, &url).await;
    assert_eq!(secret.len(), 64);

    // Its own product, by its own reference; the same body again changes nothing.
    let product = json!({ "category": "jamdani", "unit": "piece", "title_bn": "ঢাকাই জামদানি", "title_en": "Dhakai jamdani",
        "variants": [{ "sku": "DJ-RED", "label": "লাল", "price_minor": 650000, "stock": 4 }],
        "image_urls": [url.replace("/hook", "/img/red.png")] });
    let first = call(app, &partner, Method::PUT, "/api/v1/partner/products/DB-1001", Some(product.clone())).await.expect(StatusCode::CREATED).json();
    let again = call(app, &partner, Method::PUT, "/api/v1/partner/products/DB-1001", Some(product.clone())).await.expect(StatusCode::OK).json();
    assert_eq!(first["id"], again["id"]);
    assert_eq!(first["variants"][0]["id"], again["variants"][0]["id"]);
    let variant = first["variants"][0]["id"].as_str().unwrap_or_default().to_owned();
    // Someone who is not a partner cannot push; a bad image address is named.
    let stranger = call(app, &buyer, Method::PUT, "/api/v1/partner/products/X", Some(product.clone())).await;
    assert_eq!((stranger.status, stranger.error_code().as_str()), (StatusCode::FORBIDDEN, "not_a_partner"));
    let mut bad = product.clone();
    bad["image_urls"] = json!(["javascript:alert(1)"]);
    let bad = call(app, &partner, Method::PUT, "/api/v1/partner/products/DB-1002", Some(bad)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.field_error("image_urls[0]").is_some());

    // A buyer orders it: the partner gets a signed webhook; the first try fails and is retried.
    let placed = call(app, &buyer, Method::POST, "/api/v1/checkouts",
        Some(json!({ "lines": [{ "variant": variant, "quantity": 2 }], "payment": "cod", "delivery_note": "মিরপুর ১০" })))
        .await
        .expect(StatusCode::CREATED)
        .json();
    let order = placed["orders"][0]["id"].as_str().unwrap_or_default().to_owned();
    run_deliveries(app).await;
    assert!(received(&hook).is_empty(), "the first try got a 500");
    let listed = call(app, &partner, Method::GET, "/api/v1/partner/deliveries", None).await.expect(StatusCode::OK).json();
    assert_eq!(listed[0]["state"], "pending");
    assert_eq!(listed[0]["attempts"], 1);
    assert!(listed[0]["last_error"].as_str().is_some_and(|e| e.contains("500")), "{listed}");
    sqlx::query("UPDATE job SET run_at = 0 WHERE kind = 'commerce.partner.deliver' AND state = 'pending'")
        .execute(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    app.run_jobs().await;
    let got = received(&hook);
    assert_eq!(got.len(), 1);
    let (headers, body) = &got[0];
    let header = |n: &str| headers.get(n).and_then(|v| v.to_str().ok());
    assert!(outbound::verify(secret.as_bytes(), header("x-shetu-timestamp"), header("x-shetu-signature"), body.as_bytes(), outbound::unix_now()).is_ok());
    let event: Value = serde_json::from_str(body).unwrap_or_default();
    assert_eq!(event["type"], "order.placed");
    assert_eq!(header("x-shetu-event-id"), event["event_id"].as_str());
    assert_eq!(event["data"]["order"]["id"], order.as_str());
    assert_eq!(event["data"]["order"]["lines"][0]["ref"], "DB-1001");
    assert_eq!(event["data"]["order"]["lines"][0]["sku"], "DJ-RED");
    assert_eq!(event["data"]["order"]["buyer"]["phone"], buyer.phone.as_str());
    let listed = call(app, &partner, Method::GET, "/api/v1/partner/deliveries", None).await.expect(StatusCode::OK).json();
    assert_eq!(listed[0]["state"], "delivered");

    // The partner reports the order's progress; a move back is refused.
    for status in ["packed", "shipped", "delivered"] {
        call(app, &partner, Method::POST, &format!("/api/v1/partner/orders/{order}/status"), Some(json!({ "status": status })))
            .await
            .expect(StatusCode::OK);
    }
    let back = call(app, &partner, Method::POST, &format!("/api/v1/partner/orders/{order}/status"), Some(json!({ "status": "packed" }))).await;
    assert_eq!((back.status, back.error_code().as_str()), (StatusCode::CONFLICT, "invalid_transition"));
    // Each move became a webhook too; replaying the first sends the same event again.
    run_deliveries(app).await;
    assert_eq!(received(&hook).len(), 4, "placed, packed, shipped, delivered");
    let first_id = event["event_id"].as_str().unwrap_or_default();
    call(app, &partner, Method::POST, &format!("/api/v1/partner/deliveries/{first_id}/replay"), None).await.expect(StatusCode::ACCEPTED);
    app.run_jobs().await;
    let got = received(&hook);
    assert_eq!(got.len(), 5);
    let replayed: Value = serde_json::from_str(&got[4].1).unwrap_or_default();
    assert_eq!(replayed["event_id"], first_id, "a replay keeps the event id, so the partner can drop it");
    let missing = call(app, &partner, Method::POST, "/api/v1/partner/deliveries/whk_nothing/replay", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
});

app_test!(async fn a_partner_pulls_the_producers_catalogue_and_orders_for_its_buyers(app) {
    let admin = app.login_as("admin").await;
    let partner = app.login_as("person").await;
    let seller = app.login_as("person").await;
    let (url, _hook) = receiver(0).await;
    register(app, &admin, &partner, &url).await;
    call(app, &partner, Method::PUT, "/api/v1/partner/products/OWN-1",
        Some(json!({ "category": "honey", "unit": "piece", "title_bn": "মধু", "title_en": "Honey",
            "variants": [{ "sku": "H", "price_minor": 50000, "stock": 9 }] })))
        .await
        .expect(StatusCode::CREATED);
    let (_, product, variant) = shop_with(app, &seller, 20).await;

    let page = call(app, &partner, Method::GET, "/api/v1/partner/catalogue?limit=50", None).await.expect(StatusCode::OK).json();
    let ids: Vec<&str> = page["products"].as_array().map(|a| a.iter().filter_map(|p| p["id"].as_str()).collect()).unwrap_or_default();
    assert_eq!(ids, vec![product.as_str()], "the producer's product, not the partner's own");
    let next = page["next"].as_str().unwrap_or_default().to_owned();
    let empty = call(app, &partner, Method::GET, &format!("/api/v1/partner/catalogue?after={next}"), None).await.expect(StatusCode::OK).json();
    assert_eq!(empty["products"], json!([]));
    assert_eq!(empty["next"], next.as_str(), "nothing new: the same cursor");
    // A change brings it back.
    call(app, &seller, Method::PUT, &format!("/api/v1/variants/{variant}/stock"), Some(json!({ "stock": 15, "price_minor": 46000 })))
        .await
        .expect(StatusCode::OK);
    let changed = call(app, &partner, Method::GET, &format!("/api/v1/partner/catalogue?after={next}"), None).await.expect(StatusCode::OK).json();
    assert_eq!(changed["products"][0]["variants"][0]["stock"], 15);
    for bad in ["?limit=0", "?limit=201", "?after=yesterday"] {
        let answer = call(app, &partner, Method::GET, &format!("/api/v1/partner/catalogue{bad}"), None).await;
        assert!(answer.status.is_client_error(), "{bad}: {}", answer.status);
    }
    let not_partner = call(app, &seller, Method::GET, "/api/v1/partner/catalogue", None).await;
    assert_eq!(not_partner.status, StatusCode::FORBIDDEN);

    // An order for the partner's own buyer, sent twice with one key: placed once.
    let body = json!({ "lines": [{ "variant": variant, "quantity": 3 }], "delivery_note": "রুমানা, ০১৭১১২২২৩৩৩, উত্তরা" });
    let mut answers = Vec::new();
    for _ in 0..2 {
        answers.push(
            app.json_with(Method::POST, "/api/v1/partner/orders", Some(&partner), &[("idempotency-key", "po-77")], Some(body.clone()))
                .await
                .expect(StatusCode::CREATED)
                .json(),
        );
    }
    assert_eq!(answers[0]["checkout_id"], answers[1]["checkout_id"]);
    assert_eq!(answers[0]["orders"][0]["state"], "confirmed");
    let stock: i64 = sqlx::query_scalar("SELECT stock FROM commerce_variant WHERE id = $1")
        .bind(&variant)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stock, 12);
    // The partner may cancel what it placed, before shipping.
    let placed = answers[0]["orders"][0]["id"].as_str().unwrap_or_default();
    call(app, &partner, Method::POST, &format!("/api/v1/partner/orders/{placed}/status"), Some(json!({ "status": "cancelled" })))
        .await
        .expect(StatusCode::OK);
});

async fn photos_of(app: &TestApp, product: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT id, source_url FROM commerce_photo WHERE product_id = $1 ORDER BY position",
    )
    .bind(product)
    .fetch_all(app.db.pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

async fn pending_fetches(app: &TestApp) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM job WHERE kind = 'commerce.partner_images' AND state = 'pending'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"))
}

app_test!(async fn a_partners_photos_are_fetched_kept_and_shown_on_the_product_page(app) {
    let admin = app.login_as("admin").await;
    let partner = app.login_as("person").await;
    let (url, _) = receiver(0).await;
    register(app, &admin, &partner, &url).await;
    let img = |name: &str| url.replace("/hook", &format!("/img/{name}"));
    let mut product = json!({ "category": "nakshi-kantha", "unit": "piece", "title_bn": "নকশিকাঁথা", "title_en": "Nakshi kantha",
        "variants": [{ "sku": "NK-1", "price_minor": 420000, "stock": 3 }],
        "image_urls": [img("red.png"), img("gone.jpg"), img("text.jpg")] });
    let pushed = call(app, &partner, Method::PUT, "/api/v1/partner/products/NK-1", Some(product.clone())).await.expect(StatusCode::CREATED).json();
    let id = pushed["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(pending_fetches(app).await, 1);
    app.run_jobs().await;
    // The picture is kept; the address that is gone and the one that is not a picture are skipped.
    let kept = photos_of(app, &id).await;
    assert_eq!(kept.iter().map(|(_, u)| u.clone()).collect::<Vec<_>>(), vec![img("red.png")]);
    let page = app.get(&format!("/shop/products/{id}"), &[]).await.expect(StatusCode::OK).text();
    let shown = format!("/shop/photos/{}.jpg", kept[0].0);
    assert!(page.contains(&shown), "the product page shows the partner's photo from this node");
    assert!(!page.contains("/img/red.png"), "the page never loads from the partner's server");
    let photo = app.get(&shown, &[]).await.expect(StatusCode::OK);
    assert_eq!(photo.header("content-type"), "image/jpeg");
    let decoded = image::load_from_memory(&photo.body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((decoded.width(), decoded.height()), (80, 60), "re-encoded at its size (smaller than the limit)");
    // The same push again fetches nothing.
    call(app, &partner, Method::PUT, "/api/v1/partner/products/NK-1", Some(product.clone())).await.expect(StatusCode::OK);
    assert_eq!(pending_fetches(app).await, 0);
    // Another photo in its place: the new one is fetched and the one dropped is removed.
    product["image_urls"] = json!([img("blue.png")]);
    call(app, &partner, Method::PUT, "/api/v1/partner/products/NK-1", Some(product.clone())).await.expect(StatusCode::OK);
    app.run_jobs().await;
    let kept = photos_of(app, &id).await;
    assert_eq!(kept.iter().map(|(_, u)| u.clone()).collect::<Vec<_>>(), vec![img("blue.png")]);
    // A server that cannot be reached is tried again later; what was kept stays.
    product["image_urls"] = json!([img("blue.png"), "http://127.0.0.1:9/down.png"]);
    call(app, &partner, Method::PUT, "/api/v1/partner/products/NK-1", Some(product)).await.expect(StatusCode::OK);
    app.run_jobs().await;
    assert_eq!(pending_fetches(app).await, 1, "queued again with backoff");
    assert_eq!(photos_of(app, &id).await.len(), 1);
});
