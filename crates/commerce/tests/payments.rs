//! Mobile money through the sandbox provider over real HTTP, on SQLite and PostgreSQL: the buyer
//! is sent to the provider's confirm page, the provider's signed callback confirms the orders
//! once (replays, forgeries and stale signatures change nothing), a declined payment can be tried
//! again, money that arrives after the reservation ran out goes back, and refunds go through the
//! provider with the ledger balanced at every step.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use shetu_commerce::ledger;
use shetu_commerce::payments::sandbox;
use shetu_testkit::{app_test, Person, TestApp};
use shetu_web::outbound;

mod common;
use common::shop_with;

const HELD: &str = "provider:mobile_money";

async fn checkout(
    app: &TestApp,
    who: &Person,
    variant: &str,
    quantity: i64,
    payment: &str,
) -> Value {
    app.json(
        Method::POST,
        "/api/v1/checkouts",
        Some(who),
        Some(
            json!({ "lines": [{ "variant": variant, "quantity": quantity }], "payment": payment,
            "delivery_note": "বাজারের পাশে" }),
        ),
    )
    .await
    .expect(StatusCode::CREATED)
    .json()
}

fn cookie(who: &Person) -> String {
    who.browser().1
}

/// Starts paying and returns the sandbox's confirm page path (on this app).
async fn start(app: &TestApp, who: &Person, checkout: &str) -> String {
    let started = app
        .json(
            Method::POST,
            &format!("/api/v1/checkouts/{checkout}/payment"),
            Some(who),
            None,
        )
        .await
        .expect(StatusCode::CREATED)
        .json();
    let url = started["confirm_url"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let base = app.base_url.clone().unwrap_or_default();
    assert!(
        url.starts_with(&format!("{base}/sandbox/momo/pay/")),
        "{url}"
    );
    url[base.len()..].to_owned()
}

async fn state_of(app: &TestApp, order: &str) -> (String, i64) {
    sqlx::query_as("SELECT state, paid FROM commerce_order WHERE id = $1")
        .bind(order)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn stock_of(app: &TestApp, variant: &str) -> i64 {
    sqlx::query_scalar("SELECT stock FROM commerce_variant WHERE id = $1")
        .bind(variant)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

async fn balanced(app: &TestApp) {
    let off = ledger::unbalanced(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(off.is_empty(), "unbalanced ledger transactions: {off:?}");
}

async fn balance(app: &TestApp, account: &str) -> i64 {
    ledger::balance(&app.db, account)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Posts a callback as the provider would, signed with `secret` at `at`.
async fn callback(app: &TestApp, body: &Value, secret: &str, at: i64) -> shetu_testkit::Answer {
    let text = body.to_string();
    let signature = outbound::sign(secret.as_bytes(), at, text.as_bytes());
    app.post(
        "/api/v1/payments/mobile_money/callback",
        "application/json",
        text,
        &[
            ("x-shetu-timestamp", &at.to_string()),
            ("x-shetu-signature", &signature),
        ],
    )
    .await
}

app_test!(serving; async fn a_buyer_pays_by_mobile_money_and_every_callback_applies_once(app) {
    let seller = app.login_as("person").await;
    let buyer = app.login_as("person").await;
    let other = app.login_as("person").await;
    let (_, _, variant) = shop_with(app, &seller, 5).await;
    let placed = checkout(app, &buyer, &variant, 2, "mobile_money").await;
    let checkout_id = placed["checkout_id"].as_str().unwrap_or_default().to_owned();
    let order = placed["orders"][0]["id"].as_str().unwrap_or_default().to_owned();
    let total = placed["total_minor"].as_i64().unwrap_or_default();
    assert_eq!(total, 90_000);
    assert_eq!(state_of(app, &order).await, ("placed".to_owned(), 0));
    assert_eq!(stock_of(app, &variant).await, 3, "the stock is reserved");

    // Nobody else may start paying this checkout; a cash-on-delivery checkout has nothing to pay.
    let refused = app
        .json(Method::POST, &format!("/api/v1/checkouts/{checkout_id}/payment"), Some(&other), None)
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    let cod = checkout(app, &other, &variant, 1, "cod").await;
    let nothing = app
        .json(Method::POST, &format!("/api/v1/checkouts/{}/payment", cod["checkout_id"].as_str().unwrap_or_default()), Some(&other), None)
        .await;
    assert_eq!((nothing.status, nothing.error_code().as_str()), (StatusCode::CONFLICT, "nothing_to_pay"));

    // The buyer goes to the provider's page, types a wrong PIN, is told so beside the field…
    let page = start(app, &buyer, &checkout_id).await;
    assert_eq!(start(app, &buyer, &checkout_id).await, page, "a second tap offers the same page");
    let shown = app.get(&page, &[("cookie", &cookie(&buyer))]).await.expect(StatusCode::OK).text();
    assert!(shown.contains("৳৯০০.০০"), "the amount in Bangla digits");
    let wrong = app
        .form(&page, &[("wallet", "01711000999"), ("pin", "12"), ("decision", "approve")], Some(&buyer))
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = wrong.text();
    assert!(text.contains("id=\"pin-problem\"") && text.contains("value=\"01711000999\""), "{text}");
    assert_eq!(state_of(app, &order).await, ("placed".to_owned(), 0));

    // …then confirms: the provider calls back over HTTP and the order is confirmed and paid.
    let back = app
        .form(&page, &[("wallet", "01711000999"), ("pin", "1234"), ("decision", "approve")], Some(&buyer))
        .await
        .expect(StatusCode::SEE_OTHER);
    let return_url = back.header("location").to_owned();
    assert!(return_url.ends_with(&format!("/shop/checkouts/{checkout_id}/pay")), "{return_url}");
    assert_eq!(state_of(app, &order).await, ("confirmed".to_owned(), 1));
    assert_eq!(balance(app, HELD).await, total, "the provider holds the buyer's money");
    assert_eq!(balance(app, ledger::UNEARNED).await, -total);
    balanced(app).await;
    let landing = app
        .get(&format!("/shop/checkouts/{checkout_id}/pay"), &[("cookie", &cookie(&buyer))])
        .await
        .expect(StatusCode::OK)
        .text();
    assert!(landing.contains("টাকা পাওয়া গেছে"), "the buyer is told in Bangla");

    // The same event again (a provider retry, or a replay): nothing changes.
    let (event_id, provider_ref): (String, String) = sqlx::query_as(
        "SELECT e.event_id, p.provider_ref FROM commerce_payment_event e JOIN commerce_payment p ON p.id = e.payment_id",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let payment_id: String = sqlx::query_scalar("SELECT id FROM commerce_payment WHERE checkout_id = $1")
        .bind(&checkout_id)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let event = json!({ "event_id": event_id, "type": "payment.succeeded", "payment_id": provider_ref,
        "reference": payment_id, "amount_minor": total, "currency": "BDT" });
    let now = outbound::unix_now();
    let txns = ledger::summary(&app.db).await.unwrap_or_else(|e| panic!("{e}")).0;
    let again = callback(app, &event, sandbox::SECRET, now).await.expect(StatusCode::OK).json();
    assert_eq!(again["outcome"], "duplicate");
    // A forged signature, or a genuine one from ten minutes ago: refused.
    let forged = callback(app, &renamed(&event, "ev_forged"), "guessed", now).await;
    assert_eq!((forged.status, forged.error_code().as_str()), (StatusCode::UNAUTHORIZED, "bad_signature"));
    let stale = callback(app, &renamed(&event, "ev_stale"), sandbox::SECRET, now - 600).await;
    assert_eq!((stale.status, stale.error_code().as_str()), (StatusCode::UNAUTHORIZED, "stale_signature"));
    // A new event for the settled payment, or one with another amount: kept, not applied.
    let late = callback(app, &renamed(&event, "ev_late"), sandbox::SECRET, now).await.expect(StatusCode::OK).json();
    assert_eq!(late["outcome"], "ignored");
    let mut short = renamed(&event, "ev_short");
    short["amount_minor"] = json!(1);
    let short = callback(app, &short, sandbox::SECRET, now).await.expect(StatusCode::OK).json();
    assert_eq!(short["outcome"], "ignored");
    assert_eq!(ledger::summary(&app.db).await.unwrap_or_else(|e| panic!("{e}")).0, txns, "no money moved");
    assert_eq!(balance(app, HELD).await, total);

    // The buyer cancels before shipping: the stock returns and the money goes back through the
    // provider, from a job.
    app.json(Method::POST, &format!("/api/v1/orders/{order}/transitions"), Some(&buyer), Some(json!({ "to": "cancelled" })))
        .await
        .expect(StatusCode::OK);
    assert_eq!(stock_of(app, &variant).await, 4, "2 back (1 went to the cash order)");
    assert_eq!(balance(app, ledger::REFUNDS_DUE).await, -total, "owed to the buyer");
    app.run_jobs().await;
    let (state, reference): (String, Option<String>) =
        sqlx::query_as("SELECT state, provider_ref FROM commerce_refund WHERE order_id = $1")
            .bind(&order)
            .fetch_one(app.db.pool())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(state, "done");
    assert!(reference.is_some_and(|r| r.starts_with("rf_")));
    assert_eq!(balance(app, HELD).await, 0, "the provider paid it back");
    assert_eq!(balance(app, ledger::REFUNDS_DUE).await, 0);
    balanced(app).await;
});

/// The same callback under another event id.
fn renamed(event: &Value, id: &str) -> Value {
    let mut copy = event.clone();
    copy["event_id"] = json!(id);
    copy
}

app_test!(serving; async fn a_declined_payment_can_be_retried_and_money_after_expiry_goes_back(app) {
    let seller = app.login_as("person").await;
    let buyer = app.login_as("person").await;
    let (_, _, variant) = shop_with(app, &seller, 3).await;
    let placed = checkout(app, &buyer, &variant, 3, "mobile_money").await;
    let checkout_id = placed["checkout_id"].as_str().unwrap_or_default().to_owned();
    let order = placed["orders"][0]["id"].as_str().unwrap_or_default().to_owned();
    let total = placed["total_minor"].as_i64().unwrap_or_default();

    let first = start(app, &buyer, &checkout_id).await;
    app.form(&first, &[("decision", "decline")], Some(&buyer)).await.expect(StatusCode::SEE_OTHER);
    assert_eq!(state_of(app, &order).await, ("placed".to_owned(), 0), "still waiting, still reserved");
    let page = app.get(&format!("/shop/checkouts/{checkout_id}/pay"), &[("cookie", &cookie(&buyer))]).await.expect(StatusCode::OK).text();
    assert!(page.contains("পরিশোধ সম্পন্ন হয়নি"), "told it did not go through");
    // A second tap on the decided page changes nothing.
    app.form(&first, &[("wallet", "01711000999"), ("pin", "1234"), ("decision", "approve")], Some(&buyer))
        .await
        .expect(StatusCode::SEE_OTHER);
    assert_eq!(state_of(app, &order).await, ("placed".to_owned(), 0));

    // The buyer tries again, but the reservation runs out before they confirm.
    let second = start(app, &buyer, &checkout_id).await;
    assert_ne!(second, first, "a new payment");
    sqlx::query("UPDATE job SET run_at = 0 WHERE kind = 'commerce.expire_reservation'")
        .execute(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    app.run_jobs().await;
    assert_eq!(state_of(app, &order).await, ("cancelled".to_owned(), 0));
    assert_eq!(stock_of(app, &variant).await, 3);
    // The money arrives late: it is taken in and given back; the order stays cancelled.
    app.form(&second, &[("wallet", "01711000999"), ("pin", "4321"), ("decision", "approve")], Some(&buyer))
        .await
        .expect(StatusCode::SEE_OTHER);
    assert_eq!(state_of(app, &order).await, ("cancelled".to_owned(), 1));
    assert_eq!(stock_of(app, &variant).await, 3, "no stock taken by a late payment");
    assert_eq!(balance(app, ledger::REFUNDS_DUE).await, -total);
    app.run_jobs().await;
    assert_eq!(balance(app, HELD).await, 0);
    assert_eq!(balance(app, ledger::REFUNDS_DUE).await, 0);
    balanced(app).await;
    // Nothing is left to pay.
    let nothing = app.json(Method::POST, &format!("/api/v1/checkouts/{checkout_id}/payment"), Some(&buyer), None).await;
    assert_eq!(nothing.error_code(), "nothing_to_pay");
});

app_test!(async fn a_shop_cannot_confirm_an_unpaid_online_order_and_an_unreachable_provider_is_said_plainly(app) {
    let seller = app.login_as("person").await;
    let buyer = app.login_as("person").await;
    let (_, _, variant) = shop_with(app, &seller, 2).await;
    let placed = checkout(app, &buyer, &variant, 1, "mobile_money").await;
    let order = placed["orders"][0]["id"].as_str().unwrap_or_default().to_owned();
    let confirm = app
        .json(Method::POST, &format!("/api/v1/orders/{order}/transitions"), Some(&seller), Some(json!({ "to": "confirmed" })))
        .await;
    assert_eq!((confirm.status, confirm.error_code().as_str()), (StatusCode::CONFLICT, "invalid_transition"));
    // This app's provider address answers nothing: the buyer is told, and no payment is left open.
    let id = placed["checkout_id"].as_str().unwrap_or_default();
    let down = app.json(Method::POST, &format!("/api/v1/checkouts/{id}/payment"), Some(&buyer), None).await;
    assert_eq!((down.status, down.error_code().as_str()), (StatusCode::BAD_GATEWAY, "payment_provider_unavailable"));
    let page = app.form(&format!("/shop/checkouts/{id}/pay"), &[], Some(&buyer)).await;
    assert_eq!(page.status, StatusCode::BAD_GATEWAY);
    assert!(page.text().contains("কোনো টাকা কাটা হয়নি"), "the form says what happened, in Bangla");
    let open: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM commerce_payment WHERE state = 'initiated'")
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(open, 0);
    assert_eq!(state_of(app, &order).await, ("placed".to_owned(), 0));
});

app_test!(serving; async fn a_completed_orders_shop_is_paid_once_to_its_wallet_or_listed_for_a_bank_transfer(app) {
    let admin = app.login_as("admin").await;
    let seller = app.login_as("person").await;
    let banked = app.login_as("person").await;
    let buyer = app.login_as("person").await;
    let (shop, _, variant) = shop_with(app, &seller, 10).await;
    let (bank_shop, _, bank_variant) = shop_with(app, &banked, 10).await;
    sqlx::query("UPDATE commerce_shop SET payout_kind = 'bank', payout_account = '0123456789012' WHERE id = $1")
        .bind(&bank_shop)
        .execute(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut orders = Vec::new();
    for (who, v) in [(&seller, &variant), (&banked, &bank_variant)] {
        let placed = checkout(app, &buyer, v, 1, "cod").await;
        let order = placed["orders"][0]["id"].as_str().unwrap_or_default().to_owned();
        for to in ["packed", "shipped", "delivered"] {
            app.json(Method::POST, &format!("/api/v1/orders/{order}/transitions"), Some(who), Some(json!({ "to": to })))
                .await
                .expect(StatusCode::OK);
        }
        orders.push(order);
    }
    let payable = ledger::shop_payable(&shop);
    let share = -balance(app, &payable).await;
    assert_eq!(share, 45_000 - 900, "the shop's share after the platform's 2 %");
    // Not paid before the order is completed.
    app.run_jobs().await;
    let none: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM commerce_payout")
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(none, 0);
    for order in &orders {
        app.json(Method::POST, &format!("/api/v1/orders/{order}/transitions"), Some(&buyer), Some(json!({ "to": "completed" })))
            .await
            .expect(StatusCode::OK);
    }
    app.run_jobs().await;
    app.run_jobs().await;
    let paid: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT shop_id, state, provider_ref FROM commerce_payout ORDER BY state")
            .fetch_all(app.db.pool())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(paid.len(), 2, "one payout per order, however often the job runs");
    assert_eq!((paid[0].0.as_str(), paid[0].1.as_str()), (shop.as_str(), "sent"));
    assert!(paid[0].2.as_deref().is_some_and(|r| r.starts_with("ds_")), "paid through the provider");
    assert_eq!((paid[1].0.as_str(), paid[1].1.as_str()), (bank_shop.as_str(), "to_transfer"));
    assert_eq!(balance(app, &payable).await, 0, "the wallet shop is owed nothing now");
    assert!(balance(app, &ledger::shop_payable(&bank_shop)).await < 0, "the bank shop is still owed");
    balanced(app).await;
    let page = app.get("/shop/admin", &[("cookie", &cookie(&admin))]).await.expect(StatusCode::OK).text();
    assert!(page.contains("0123456789012") && page.contains("হাতে পাঠাতে হবে"), "the bank transfer is listed for the administrator");
});
