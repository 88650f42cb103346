//! Disputes on SQLite and PostgreSQL: a buyer reports a problem with a delivered order (named
//! beside the field when empty), the order does not complete while it is open, and an
//! administrator's refund returns the order with its stock and money.

use axum::http::{Method, StatusCode};
use serde_json::json;
use shetu_commerce::ledger;
use shetu_testkit::app_test;

mod common;
use common::{move_through, shop_with};

app_test!(async fn a_buyers_dispute_holds_the_order_until_an_administrator_refunds_it(app) {
    let admin = app.login_as("admin").await;
    let seller = app.login_as("person").await;
    let buyer = app.login_as("person").await;
    let stranger = app.login_as("person").await;
    let (_, _, variant) = shop_with(app, &seller, 10).await;
    let placed = app
        .json(Method::POST, "/api/v1/checkouts", Some(&buyer),
            Some(json!({ "lines": [{ "variant": variant, "quantity": 3 }], "payment": "cod" })))
        .await
        .expect(StatusCode::CREATED)
        .json();
    let order = placed["orders"][0]["id"].as_str().unwrap_or_default().to_owned();
    let early = app.json(Method::POST, &format!("/api/v1/orders/{order}/disputes"), Some(&buyer), Some(json!({ "reason": "এখনো পাইনি" }))).await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY, "only once sent");
    assert!(early.field_error("order").is_some_and(|m| m.contains("পাঠানোর পরেই")), "{}", early.text());
    move_through(app, &seller, &order, &["packed", "shipped", "delivered"]).await;

    // On the order page: an empty reason is named beside the field.
    let empty = app.form(&format!("/shop/orders/{order}/dispute"), &[("reason", "  ")], Some(&buyer)).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.text().contains("id=\"reason-problem\""));
    let theirs = app.json(Method::POST, &format!("/api/v1/orders/{order}/disputes"), Some(&stranger), Some(json!({ "reason": "not mine" }))).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    app.form(&format!("/shop/orders/{order}/dispute"), &[("reason", "মধুর বোতল ভাঙা অবস্থায় এসেছে")], Some(&buyer))
        .await
        .expect(StatusCode::SEE_OTHER);
    let twice = app.json(Method::POST, &format!("/api/v1/orders/{order}/disputes"), Some(&buyer), Some(json!({ "reason": "again" }))).await;
    assert_eq!(twice.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The return window ends, but the order waits for the decision.
    sqlx::query("UPDATE job SET run_at = 0 WHERE kind = 'commerce.complete_after_return_window'")
        .execute(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    app.run_jobs().await;
    let state = |app: &shetu_testkit::TestApp| {
        let order = order.clone();
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT state FROM commerce_order WHERE id = $1")
                .bind(order)
                .fetch_one(db.pool())
                .await
                .unwrap_or_else(|e| panic!("{e}"))
        }
    };
    assert_eq!(state(app).await, "delivered");

    // The administrator sees it and gives the money back: returned, stock back, ledger balanced.
    let page = app.get("/shop/admin", &[("cookie", &admin.browser().1)]).await.expect(StatusCode::OK).text();
    assert!(page.contains("মধুর বোতল ভাঙা অবস্থায় এসেছে"));
    let id: String = sqlx::query_scalar("SELECT id FROM commerce_dispute WHERE order_id = $1")
        .bind(&order)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let not_admin = app.json(Method::POST, &format!("/api/v1/disputes/{id}/decision"), Some(&seller), Some(json!({ "decision": "reject" }))).await;
    assert_eq!(not_admin.status, StatusCode::FORBIDDEN);
    app.form(&format!("/shop/admin/disputes/{id}"), &[("decision", "refund"), ("note", "ছবি দেখে নিশ্চিত")], Some(&admin))
        .await
        .expect(StatusCode::SEE_OTHER);
    assert_eq!(state(app).await, "returned");
    let stock: i64 = sqlx::query_scalar("SELECT stock FROM commerce_variant WHERE id = $1")
        .bind(&variant)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stock, 10);
    assert_eq!(ledger::balance(&app.db, ledger::COD_HELD).await.unwrap_or_default(), 0, "the cash went back to the buyer");
    assert!(ledger::unbalanced(&app.db).await.unwrap_or_default().is_empty());
    let again = app.json(Method::POST, &format!("/api/v1/disputes/{id}/decision"), Some(&admin), Some(json!({ "decision": "reject" }))).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "decided once");
});

app_test!(async fn a_parcel_that_never_arrived_is_reported_and_returned_to_the_shop(app) {
    let admin = app.login_as("admin").await;
    let seller = app.login_as("person").await;
    let buyer = app.login_as("person").await;
    let (_, _, variant) = shop_with(app, &seller, 10).await;
    let placed = app
        .json(Method::POST, "/api/v1/checkouts", Some(&buyer),
            Some(json!({ "lines": [{ "variant": variant, "quantity": 4 }], "payment": "cod" })))
        .await
        .expect(StatusCode::CREATED)
        .json();
    let order = placed["orders"][0]["id"].as_str().unwrap_or_default().to_owned();
    move_through(app, &seller, &order, &["packed", "shipped"]).await;
    // The buyer sees the form on the shipped order's page, and reports it.
    let page = app.get(&format!("/shop/orders/{order}"), &[("cookie", &buyer.browser().1)]).await.expect(StatusCode::OK).text();
    assert!(page.contains(&format!("action=\"/shop/orders/{order}/dispute\"")));
    let dispute = app
        .json(Method::POST, &format!("/api/v1/orders/{order}/disputes"), Some(&buyer), Some(json!({ "reason": "দুই সপ্তাহ হলো, পার্সেল আসেনি" })))
        .await
        .expect(StatusCode::CREATED)
        .json();
    let id = dispute["id"].as_str().unwrap_or_default().to_owned();
    // Only an administrator returns a shipped order; the shop cannot.
    let by_shop = app.json(Method::POST, &format!("/api/v1/orders/{order}/transitions"), Some(&seller), Some(json!({ "to": "returned" }))).await;
    assert_eq!((by_shop.status, by_shop.error_code().as_str()), (StatusCode::CONFLICT, "invalid_transition"));
    app.json(Method::POST, &format!("/api/v1/disputes/{id}/decision"), Some(&admin), Some(json!({ "decision": "refund", "note": "কুরিয়ার পার্সেলটি দোকানে ফেরত দিয়েছে" })))
        .await
        .expect(StatusCode::OK);
    let (state, ): (String,) = sqlx::query_as("SELECT state FROM commerce_order WHERE id = $1")
        .bind(&order)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(state, "returned");
    let stock: i64 = sqlx::query_scalar("SELECT stock FROM commerce_variant WHERE id = $1")
        .bind(&variant)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stock, 10, "the parcel went back to the shop");
    // Never delivered: never split, no cash taken, so nothing to undo or give back.
    let kinds: Vec<String> = sqlx::query_scalar("SELECT kind FROM ledger_txn WHERE order_id = $1 ORDER BY created_at")
        .bind(&order)
        .fetch_all(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(kinds.is_empty(), "{kinds:?}");
    assert!(ledger::unbalanced(&app.db).await.unwrap_or_default().is_empty());
    assert_eq!(ledger::balance(&app.db, ledger::COD_HELD).await.unwrap_or_default(), 0);
});
