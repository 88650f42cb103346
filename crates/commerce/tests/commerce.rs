//! Commerce through the whole app on SQLite and PostgreSQL: an agent opens a shop and lists a
//! product for a client, a buyer finds it in Bangla and checks out with an idempotency key, the
//! order moves through its states by who may move it, stock never oversells, and the ledger
//! balances.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use shetu_commerce::checkout::{place_numbered, random_number, Line, NewCheckout, Payment};
use shetu_commerce::idempotency::Key;
use shetu_commerce::{ledger, CommerceError};
use shetu_core::Actor;
use shetu_testkit::{app_test, Person, TestApp};

mod common;
use common::{shop_with, DISTRICT};

async fn checkout(app: &TestApp, who: &Person, key: &str, body: Value) -> shetu_testkit::Answer {
    app.json_with(
        Method::POST,
        "/api/v1/checkouts",
        Some(who),
        &[("idempotency-key", key)],
        Some(body),
    )
    .await
}

/// What is left of a variant's stock (-1 if it cannot be read).
async fn stock_of(app: &TestApp, variant: &str) -> i64 {
    sqlx::query_scalar::<_, i64>("SELECT stock FROM commerce_variant WHERE id = $1")
        .bind(variant)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or(-1)
}

async fn move_to(app: &TestApp, who: &Person, order: &str, to: &str) -> shetu_testkit::Answer {
    app.json(
        Method::POST,
        &format!("/api/v1/orders/{order}/transitions"),
        Some(who),
        Some(json!({ "to": to })),
    )
    .await
}

app_test!(async fn an_agent_opens_a_shop_for_a_client_and_a_buyer_finds_and_buys_in_bangla(app) {
    let agent = app.login_as("agent").await;
    let client = app.login_as("person").await;
    let admin = app.login_as("admin").await;
    let buyer = app.login_as("person").await;
    // Without a mandate the agent cannot open a shop for the client.
    let refused = app
        .json_with(Method::POST, "/api/v1/shops", Some(&agent), &[("on-behalf-of", &client.id.to_string())],
            Some(json!({ "name": "নকশিকাঁথা ঘর", "kind": "shop", "district": DISTRICT, "women_led": true,
                "payout_kind": "wallet", "payout_account": "01711000222" })))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.error_code(), "mandate_required");
    app.act_for(&agent, &client, &["commerce.sell"]).await;
    let shop = app
        .json_with(Method::POST, "/api/v1/shops", Some(&agent), &[("on-behalf-of", &client.id.to_string())],
            Some(json!({ "name": "নকশিকাঁথা ঘর", "kind": "shop", "district": DISTRICT, "women_led": true,
                "dbid": "DBID-0012345", "payout_kind": "wallet", "payout_account": "01711000222" })))
        .await
        .expect(StatusCode::CREATED)
        .json();
    assert_eq!(shop["owner_id"], client.id.to_string(), "the shop is the client's");
    assert_eq!(shop["status"], "pending");
    let shop_id = shop["id"].as_str().unwrap_or_default().to_owned();
    // A wrong field is named, with nothing written.
    let bad = app
        .json_with(Method::POST, &format!("/api/v1/shops/{shop_id}/products"), Some(&agent),
            &[("on-behalf-of", &client.id.to_string())],
            Some(json!({ "category": "spaceships", "unit": "piece", "title_bn": "x", "title_en": "x",
                "variants": [{ "sku": "A", "price_minor": 100, "stock": 1 }] })))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.field_error("category").is_some(), "{}", bad.text());
    let product = app
        .json_with(Method::POST, &format!("/api/v1/shops/{shop_id}/products"), Some(&agent),
            &[("on-behalf-of", &client.id.to_string())],
            Some(json!({ "category": "nakshi-kantha", "unit": "piece", "title_bn": "হাতে সেলাই নকশিকাঁথা",
                "title_en": "Hand-stitched nakshi kantha", "description_bn": "যশোরের মেয়েদের হাতে সেলাই",
                "variants": [{ "sku": "NK-1", "label": "একক", "price_minor": 320000, "stock": 3 }] })))
        .await
        .expect(StatusCode::CREATED)
        .json();
    let product_id = product["id"].as_str().unwrap_or_default().to_owned();
    let variant = product["variants"][0]["id"].as_str().unwrap_or_default().to_owned();

    // Not findable, and not for sale, until an administrator verifies the shop.
    app.sync_search().await;
    let before = app.get("/api/v1/products?q=নকশিকাঁথা", &[]).await.expect(StatusCode::OK).json();
    assert_eq!(before["total"], 0);
    let early = checkout(app, &buyer, "early", json!({ "lines": [{ "variant": variant, "quantity": 1 }], "payment": "cod" })).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert_eq!(early.error_code(), "shop_not_verified");
    app.json(Method::POST, &format!("/api/v1/shops/{shop_id}/verification"), Some(&admin), None)
        .await
        .expect(StatusCode::OK);
    app.sync_search().await;

    // Found by a Bangla word with another spelling, with facet counts.
    let found = app.get("/api/v1/products?q=নকশী%20কাথা", &[]).await.expect(StatusCode::OK).json();
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["hits"][0]["id"], product_id.as_str());
    let cats = found["facets"]["categories"].as_array().cloned().unwrap_or_default();
    assert_eq!(cats.len(), 1);
    assert_eq!(cats[0]["value"], "textiles");
    assert_eq!(cats[0]["count"], 1);
    let women = app.get("/api/v1/products?women_led=true&category=nakshi-kantha", &[]).await.expect(StatusCode::OK).json();
    assert_eq!(women["total"], 1);
    let cheap = app.get("/api/v1/products?q=kantha&price_max=100000", &[]).await.expect(StatusCode::OK).json();
    assert_eq!(cheap["total"], 0, "the kantha costs ৳3,200");

    // Checkout with a key: a replay answers the same, another body with the key is refused.
    let body = json!({ "lines": [{ "variant": variant, "quantity": 2 }], "payment": "cod", "delivery_note": "স্কুলের পাশে" });
    let first = checkout(app, &buyer, "k-1", body.clone()).await.expect(StatusCode::CREATED).json();
    let again = checkout(app, &buyer, "k-1", body).await.expect(StatusCode::CREATED).json();
    assert_eq!(first, again);
    let other = checkout(app, &buyer, "k-1", json!({ "lines": [{ "variant": variant, "quantity": 1 }], "payment": "cod" })).await;
    assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(other.error_code(), "idempotency_key_reused");
    assert_eq!(first["total_minor"], 640_000);
    let order = first["orders"][0]["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(first["orders"][0]["state"], "confirmed", "cash on delivery is confirmed at once");
    let left = app.get(&format!("/api/v1/products/{product_id}"), &[]).await.json();
    assert_eq!(left["variants"][0]["stock"], 1, "one checkout took two");

    // Who may move it, and in what order.
    assert_eq!(move_to(app, &buyer, &order, "packed").await.error_code(), "invalid_transition");
    assert_eq!(move_to(app, &client, &order, "completed").await.status, StatusCode::CONFLICT);
    for to in ["packed", "shipped", "delivered"] {
        move_to(app, &client, &order, to).await.expect(StatusCode::OK);
    }
    assert_eq!(move_to(app, &client, &order, "cancelled").await.error_code(), "invalid_transition");
    move_to(app, &buyer, &order, "completed").await.expect(StatusCode::OK);

    // The money: cash held by whoever delivered, split between the shop and the platform.
    let db = &app.db;
    assert!(ledger::unbalanced(db).await.map(|u| u.is_empty()).unwrap_or(false));
    assert_eq!(ledger::balance(db, ledger::COD_HELD).await.ok(), Some(640_000));
    assert_eq!(ledger::balance(db, &ledger::shop_payable(&shop_id)).await.ok(), Some(-627_200));
    assert_eq!(ledger::balance(db, ledger::PLATFORM_FEE).await.ok(), Some(-12_800));
    assert_eq!(ledger::balance(db, ledger::UNEARNED).await.ok(), Some(0));

    // Who sees it.
    let stranger = app.login_as("person").await;
    assert_eq!(app.json(Method::GET, &format!("/api/v1/orders/{order}"), Some(&stranger), None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(move_to(app, &stranger, &order, "returned").await.status, StatusCode::NOT_FOUND);
    let mine = app.json(Method::GET, "/api/v1/orders", Some(&buyer), None).await.expect(StatusCode::OK).json();
    assert_eq!(mine.as_array().map(Vec::len), Some(1));
    let sold = app.json(Method::GET, "/api/v1/orders?as=seller", Some(&client), None).await.expect(StatusCode::OK).json();
    assert_eq!(sold.as_array().map(Vec::len), Some(1));
    let none = app.json(Method::GET, "/api/v1/orders?as=seller", Some(&stranger), None).await.expect(StatusCode::OK).json();
    assert_eq!(none.as_array().map(Vec::len), Some(0));
    assert_eq!(app.json(Method::GET, "/api/v1/orders?as=all", Some(&stranger), None).await.status, StatusCode::FORBIDDEN);
    let all = app.json(Method::GET, "/api/v1/orders?as=all", Some(&admin), None).await.expect(StatusCode::OK).json();
    assert_eq!(all.as_array().map(Vec::len), Some(1));
});

app_test!(async fn fifty_buyers_racing_for_ten_never_oversell(app) {
    let owner = app.login_as("person").await;
    let (_, product, variant) = shop_with(app, &owner, 10).await;
    let mut buyers = Vec::new();
    for _ in 0..50 {
        buyers.push(app.login_as("person").await);
    }
    let results = futures_join(app, &buyers, &variant).await;
    let won = results.iter().filter(|s| **s == StatusCode::CREATED).count();
    let sold_out = results.iter().filter(|s| **s == StatusCode::CONFLICT).count();
    assert_eq!((won, sold_out), (10, 40), "{results:?}");
    let left = app.get(&format!("/api/v1/products/{product}"), &[]).await.json();
    assert_eq!(left["variants"][0]["stock"], 0);
    let orders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM commerce_order")
        .fetch_one(app.db.pool())
        .await
        .unwrap_or(-1);
    assert_eq!(orders, 10);
    // The product is no longer "in stock" in the index.
    app.sync_search().await;
    let in_stock = app.get("/api/v1/products?q=মধু&in_stock=true", &[]).await.json();
    assert_eq!(in_stock["total"], 0);
});

// Each checkout takes a plentiful line and a scarce one from two shops: a checkout whose scarce
// line is short takes nothing, not even its plentiful line.
app_test!(async fn a_checkout_short_on_one_line_takes_nothing_from_the_others(app) {
    let owner = app.login_as("person").await;
    let (_, _, plenty) = shop_with(app, &owner, 1000).await;
    let (_, _, scarce) = shop_with(app, &owner, 10).await;
    let mut buyers = Vec::new();
    for _ in 0..30 {
        buyers.push(app.login_as("person").await);
    }
    let sends = buyers.iter().enumerate().map(|(i, b)| {
        let body = json!({ "lines": [{ "variant": plenty, "quantity": 2 }, { "variant": scarce, "quantity": 1 }],
            "payment": "cod" });
        Box::pin(async move { checkout(app, b, &format!("pair-{i}"), body).await })
    });
    let mut pending: Vec<_> = sends.collect();
    let mut answers = Vec::new();
    while !pending.is_empty() {
        let (answer, _, rest) = futures_util::future::select_all(pending).await;
        answers.push(answer);
        pending = rest;
    }
    let won = answers.iter().filter(|a| a.status == StatusCode::CREATED).count();
    let short: Vec<_> = answers.iter().filter(|a| a.status == StatusCode::CONFLICT).collect();
    assert_eq!((won, short.len()), (10, 20));
    assert!(short.iter().all(|a| a.error_code() == "out_of_stock"));
    assert_eq!(stock_of(app, &scarce).await, 0);
    assert_eq!(stock_of(app, &plenty).await, 1000 - 2 * 10, "only the placed checkouts took from the plentiful line");
    let lines: i64 = sqlx::query_scalar("SELECT CAST(SUM(quantity) AS BIGINT) FROM commerce_order_line WHERE variant_id = $1")
        .bind(&plenty)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or(-1);
    assert_eq!(lines, 20);
});

app_test!(async fn a_taken_order_number_is_drawn_again_and_the_clashing_try_takes_nothing(app) {
    let owner = app.login_as("person").await;
    let (_, _, variant) = shop_with(app, &owner, 10).await;
    let buyer = app.login_as("person").await;
    let first = checkout(app, &buyer, "first", json!({ "lines": [{ "variant": variant, "quantity": 1 }], "payment": "cod" }))
        .await
        .expect(StatusCode::CREATED)
        .json();
    let taken = first["orders"][0]["number"].as_str().unwrap_or_default().to_owned();
    assert!(taken.starts_with("SH-"), "{first}");
    let actor = Actor { person: buyer.id, roles: vec![], on_behalf_of: None, request_id: None };
    let two = || NewCheckout {
        lines: vec![Line { variant: variant.clone(), quantity: 2 }],
        payment: Payment::Cod,
        delivery_note: String::new(),
        pickup_point: None,
    };
    // The first draw is the number already on record, the second a new one.
    let mut draws = vec!["SH-0000NEW1".to_owned(), taken.clone()];
    let mut numbers = move || draws.pop().unwrap_or_else(random_number);
    let placed = place_numbered(&app.db, &app.state.i18n, app.pack, &actor, two(), None, ledger::Rates::default(), &mut numbers)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(placed.orders.len(), 1);
    assert_eq!(placed.orders[0].number, "SH-0000NEW1");
    assert_eq!(stock_of(app, &variant).await, 10 - 1 - 2, "the try that clashed took nothing");
    // Every draw taken: after its tries the checkout fails as a duplicate number (not as a reused
    // key, which it is not) and takes nothing.
    let key = Key::new(&buyer.id.to_string(), "always-taken", &json!({ "n": 2 })).unwrap_or_else(|e| panic!("{e}"));
    let mut always = || taken.clone();
    let failed = place_numbered(&app.db, &app.state.i18n, app.pack, &actor, two(), Some(key), ledger::Rates::default(), &mut always).await;
    assert!(matches!(&failed, Err(CommerceError::Store(e)) if e.is_duplicate_of("commerce_order", "number")), "{failed:?}");
    assert_eq!(stock_of(app, &variant).await, 7);
    let same: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM commerce_order WHERE number = $1")
        .bind(&taken)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or(-1);
    assert_eq!(same, 1);
});

/// Fifty checkouts sent at once, each for one unit; their statuses.
async fn futures_join(app: &TestApp, buyers: &[Person], variant: &str) -> Vec<StatusCode> {
    let body = json!({ "lines": [{ "variant": variant, "quantity": 1 }], "payment": "cod" });
    let sends = buyers.iter().enumerate().map(|(i, b)| {
        let body = body.clone();
        async move { checkout(app, b, &format!("race-{i}"), body).await.status }
    });
    let mut all = Vec::new();
    let mut pending: Vec<_> = sends.map(Box::pin).collect();
    // Poll all at once: every request is in flight together.
    while !pending.is_empty() {
        let (status, _, rest) = futures_util::future::select_all(pending).await;
        all.push(status);
        pending = rest;
    }
    all
}

app_test!(async fn an_unpaid_reservation_expires_and_returns_the_stock(app) {
    let owner = app.login_as("person").await;
    let buyer = app.login_as("person").await;
    let (_, product, variant) = shop_with(app, &owner, 5).await;
    let placed = checkout(app, &buyer, "mm-1", json!({ "lines": [{ "variant": variant, "quantity": 3 }], "payment": "mobile_money" }))
        .await
        .expect(StatusCode::CREATED)
        .json();
    assert_eq!(placed["orders"][0]["state"], "placed");
    let left = app.get(&format!("/api/v1/products/{product}"), &[]).await.json();
    assert_eq!(left["variants"][0]["stock"], 2, "reserved while the payment is awaited");
    // Nothing happens before the reservation ends…
    app.run_jobs().await;
    let still = app.get(&format!("/api/v1/products/{product}"), &[]).await.json();
    assert_eq!(still["variants"][0]["stock"], 2);
    // …and when it ends, the stock comes back and the order is cancelled.
    sqlx::query("UPDATE job SET run_at = 0 WHERE kind = 'commerce.expire_reservation'")
        .execute(app.db.pool())
        .await
        .ok();
    app.run_jobs().await;
    let back = app.get(&format!("/api/v1/products/{product}"), &[]).await.json();
    assert_eq!(back["variants"][0]["stock"], 5);
    let order = placed["orders"][0]["id"].as_str().unwrap_or_default();
    let seen = app.json(Method::GET, &format!("/api/v1/orders/{order}"), Some(&buyer), None).await.json();
    assert_eq!(seen["order"]["state"], "cancelled");
    assert!(ledger::unbalanced(&app.db).await.map(|u| u.is_empty()).unwrap_or(false));
});

app_test!(async fn an_agent_orders_for_a_buyer_who_is_told_by_sms_and_the_commission_is_recorded(app) {
    let owner = app.login_as("person").await;
    let agent = app.login_as("agent").await;
    let client = app.login_as("person").await;
    let (_, _, variant) = shop_with(app, &owner, 20).await;
    let body = json!({ "lines": [{ "variant": variant, "quantity": 10 }], "payment": "cod" });
    let refused = app
        .json_with(Method::POST, "/api/v1/checkouts", Some(&agent), &[("on-behalf-of", &client.id.to_string())], Some(body.clone()))
        .await;
    assert_eq!(refused.error_code(), "mandate_required");
    app.act_for(&agent, &client, &["commerce.buy"]).await;
    let placed = app
        .json_with(Method::POST, "/api/v1/checkouts", Some(&agent), &[("on-behalf-of", &client.id.to_string())], Some(body))
        .await
        .expect(StatusCode::CREATED)
        .json();
    // Ten or more cost the wholesale price.
    assert_eq!(placed["total_minor"], 420_000);
    let order = placed["orders"][0]["id"].as_str().unwrap_or_default().to_owned();
    let seen = app.json(Method::GET, &format!("/api/v1/orders/{order}"), Some(&client), None).await.expect(StatusCode::OK).json();
    assert_eq!(seen["order"]["agent_id"], agent.id.to_string());
    assert_eq!(seen["order"]["commission_minor"], 4_200);
    app.run_jobs().await;
    let sms = app.last_sms_to(&client.phone).await.unwrap_or_default();
    assert!(sms.contains(seen["order"]["number"].as_str().unwrap_or("?")), "{sms}");
    assert!(sms.contains("৪,২০০"), "the total in Bangla digits: {sms}");
    for to in ["packed", "shipped", "delivered"] {
        move_to(app, &owner, &order, to).await.expect(StatusCode::OK);
    }
    let commission = ledger::balance(&app.db, &ledger::agent_commission(&agent.id.to_string())).await.ok();
    assert_eq!(commission, Some(-4_200));
    let page = app.get("/shop/orders?lang=bn", &[("cookie", &format!("shetu_session={}", agent.session))]).await.expect(StatusCode::OK).text();
    assert!(page.contains("আমার কমিশন: ৳৪২.০০"), "the agent sees the commission: {page}");
    // Nobody completes it: when the return window ends, it completes by itself.
    app.run_jobs().await;
    let seen = app.json(Method::GET, &format!("/api/v1/orders/{order}"), Some(&client), None).await.json();
    assert_eq!(seen["order"]["state"], "delivered", "not before the window ends");
    sqlx::query("UPDATE job SET run_at = 0 WHERE kind = 'commerce.complete_after_return_window'")
        .execute(app.db.pool())
        .await
        .ok();
    app.run_jobs().await;
    let seen = app.json(Method::GET, &format!("/api/v1/orders/{order}"), Some(&client), None).await.json();
    assert_eq!(seen["order"]["state"], "completed");
    let last = app.last_sms_to(&client.phone).await.unwrap_or_default();
    assert!(last.contains("সম্পন্ন"), "the buyer is told it completed, too: {last}");
});

app_test!(async fn the_pages_list_a_product_once_and_show_mistakes_beside_the_fields(app) {
    let owner = app.login_as("person").await;
    let buyer = app.login_as("person").await;
    let cookie = |p: &Person| format!("shetu_session={}", p.session);
    // Open a shop through the page.
    let opened = app
        .form("/shop/sell", &[("name", "রহিমার কাঁথা"), ("kind", "shop"), ("district", DISTRICT), ("women_led", "1"),
            ("payout_kind", "wallet"), ("payout_account", "০১৭১১০০০১১১")], Some(&owner))
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.text());
    let shop = opened.header("location").rsplit('/').next().unwrap_or_default().to_owned();
    let page = app.get(&format!("/shop/sell/{shop}?lang=bn"), &[("cookie", &cookie(&owner))]).await.expect(StatusCode::OK).text();
    let token = page.split("name=\"token\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or_default().to_owned();
    assert_eq!(token.len(), 36, "the listing form carries its own token");
    // A mistake: shown beside the field, in Bangla, with what was typed kept.
    let wrong = app
        .form(&format!("/shop/sell/{shop}?lang=bn"), &[("token", &token), ("title_bn", "হাতে সেলাই কাঁথা"), ("title_en", "Hand-stitched kantha"),
            ("category", "nakshi-kantha"), ("unit", "piece"), ("sku", "K-1"), ("price", "তিন হাজার"), ("stock", "৫")], Some(&owner))
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = wrong.text();
    assert!(body.contains("role=\"alert\"") && body.contains("href=\"#price\""), "an error summary linking to the field");
    assert!(body.contains("id=\"price-problem\"") && body.contains("প্রতি এককের দাম"), "the message beside the field, in Bangla");
    assert!(body.contains("value=\"হাতে সেলাই কাঁথা\"") && body.contains("value=\"তিন হাজার\""), "what was typed is kept");
    // Right, and sent twice (a double tap): one product.
    let fields = [("token", token.as_str()), ("title_bn", "হাতে সেলাই কাঁথা"), ("title_en", "Hand-stitched kantha"),
        ("category", "nakshi-kantha"), ("unit", "piece"), ("sku", "K-1"), ("price", "৩,২০০"), ("stock", "৫"),
        ("tier_min", ""), ("tier_price", "")];
    for _ in 0..2 {
        let listed = app.form(&format!("/shop/sell/{shop}"), &fields, Some(&owner)).await;
        assert_eq!(listed.status, StatusCode::SEE_OTHER, "{}", listed.text());
    }
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM commerce_product WHERE shop_id = $1")
        .bind(&shop)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or(-1);
    assert_eq!(count, 1, "a resent listing form lists once");
    // An administrator verifies it from the queue; the buyer finds it, puts it in the cart and
    // checks out from the page, twice with the same form: one order.
    let admin = app.login_as("admin").await;
    let queue = app.get("/shop/admin", &[("cookie", &cookie(&admin))]).await.expect(StatusCode::OK).text();
    assert!(queue.contains("রহিমার কাঁথা"));
    assert_eq!(app.get("/shop/admin", &[("cookie", &cookie(&buyer))]).await.status, StatusCode::FORBIDDEN);
    app.form(&format!("/shop/admin/{shop}/verify"), &[], Some(&admin)).await.expect(StatusCode::SEE_OTHER);
    app.sync_search().await;
    let catalogue = app.get("/shop?q=%E0%A6%95%E0%A6%BE%E0%A6%A5%E0%A6%BE&lang=bn", &[]).await.expect(StatusCode::OK).text();
    let product = catalogue.split("href=\"/shop/products/").nth(1).and_then(|s| s.split('"').next()).unwrap_or_default().to_owned();
    assert!(!product.is_empty(), "found by কাথা (without the chandrabindu): {catalogue}");
    let detail = app.get(&format!("/shop/products/{product}"), &[("cookie", &cookie(&buyer))]).await.expect(StatusCode::OK).text();
    let variant = detail.split("name=\"variant\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or_default().to_owned();
    app.form("/shop/cart", &[("variant", &variant), ("quantity", "২")], Some(&buyer)).await.expect(StatusCode::SEE_OTHER);
    let cart = app.get("/shop/cart", &[("cookie", &cookie(&buyer))]).await.expect(StatusCode::OK).text();
    let token = cart.split("name=\"token\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or_default().to_owned();
    let order_fields = [("token", token.as_str()), ("payment", "cod"), ("delivery_note", "স্কুলের পাশে")];
    let first = app.form("/shop/checkout", &order_fields, Some(&buyer)).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.text());
    let second = app.form("/shop/checkout", &order_fields, Some(&buyer)).await;
    assert_eq!(second.header("location"), first.header("location"), "a resend answers as the first");
    let orders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM commerce_order").fetch_one(app.db.pool()).await.unwrap_or(-1);
    assert_eq!(orders, 1);
    let mine = app.get("/shop/orders?lang=bn", &[("cookie", &cookie(&buyer))]).await.expect(StatusCode::OK).text();
    assert!(mine.contains("নিশ্চিত হয়েছে") && mine.contains("৳৬,৪০০.০০"), "{mine}");
    // Asking for more than is left: the cart page says so, in place.
    app.form("/shop/cart", &[("variant", &variant), ("quantity", "9")], Some(&buyer)).await.expect(StatusCode::SEE_OTHER);
    let cart = app.get("/shop/cart", &[("cookie", &cookie(&buyer))]).await.text();
    let token = cart.split("name=\"token\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or_default().to_owned();
    let short = app.form("/shop/checkout?lang=bn", &[("token", &token), ("payment", "cod"), ("delivery_note", "")], Some(&buyer)).await;
    assert_eq!(short.status, StatusCode::CONFLICT);
    assert!(short.text().contains("আর মাত্র ৩টি আছে"), "{}", short.text());
});

app_test!(async fn the_impact_figures_count_women_led_sales_and_hide_small_districts(app) {
    let owner = app.login_as("person").await;
    let (_, _, variant) = shop_with(app, &owner, 100).await;
    let mut orders = Vec::new();
    for i in 0..6 {
        let buyer = app.login_as("person").await;
        let placed = checkout(app, &buyer, &format!("i-{i}"), json!({ "lines": [{ "variant": variant, "quantity": 1 }], "payment": "cod" }))
            .await
            .expect(StatusCode::CREATED)
            .json();
        orders.push(placed["orders"][0]["id"].as_str().unwrap_or_default().to_owned());
    }
    for to in ["packed", "shipped", "delivered"] {
        move_to(app, &owner, &orders[0], to).await.expect(StatusCode::OK);
    }
    let figures = app.get("/api/v1/impact", &[]).await.expect(StatusCode::OK).json();
    assert_eq!(figures["orders"], 6);
    assert_eq!(figures["orders_women_led"], 6, "the shop is women-led");
    assert_eq!(figures["sales_minor"], 45_000, "only the delivered order counts as a sale");
    let district = &figures["districts"][0];
    assert_eq!(district["district"], DISTRICT);
    assert_eq!(district["orders"], 6);
    assert_eq!(district["products"], Value::Null, "one product is fewer than 5: suppressed");
    let csv = app.get("/shop/impact.csv", &[]).await.expect(StatusCode::OK);
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert!(csv.text().contains(&format!("{DISTRICT},,,6,6,45000,45000")), "{}", csv.text());
    let page = app.get("/shop/impact?lang=bn", &[]).await.expect(StatusCode::OK).text();
    assert!(page.contains("<svg") && page.contains("৫টির কম"), "a chart, and suppressed cells said as such");
});
