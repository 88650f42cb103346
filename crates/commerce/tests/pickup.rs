//! Pickup at a digital centre on SQLite and PostgreSQL: the buyer chooses a centre, gets a code by
//! SMS when the parcel is shipped, and only that centre's agent can hand it over, only against
//! the right code; wrong codes are counted and the parcel is held after five.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use shetu_testkit::{app_test, Person, TestApp};

mod common;
use common::{move_through, shop_with, DISTRICT};

async fn order_to(app: &TestApp, buyer: &Person, variant: &str, point: &str) -> String {
    let placed = app
        .json(Method::POST, "/api/v1/checkouts", Some(buyer),
            Some(json!({ "lines": [{ "variant": variant, "quantity": 1 }], "payment": "cod", "pickup_point": point })))
        .await
        .expect(StatusCode::CREATED)
        .json();
    placed["orders"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn ship(app: &TestApp, seller: &Person, order: &str) {
    move_through(app, seller, order, &["packed", "shipped"]).await;
}

async fn hand_over(
    app: &TestApp,
    agent: &Person,
    order: &str,
    code: &str,
) -> shetu_testkit::Answer {
    app.json(
        Method::POST,
        &format!("/api/v1/orders/{order}/handover"),
        Some(agent),
        Some(json!({ "code": code })),
    )
    .await
}

app_test!(async fn a_parcel_is_handed_over_at_the_centre_only_against_the_buyers_code(app) {
    let admin = app.login_as("admin").await;
    let agent = app.login_as("agent").await;
    let other_agent = app.login_as("agent").await;
    let seller = app.login_as("person").await;
    let buyer = app.login_as("person").await;
    let point: Value = app
        .json(Method::POST, "/api/v1/admin/service-points", Some(&admin),
            Some(json!({ "name": "কাপাসিয়া ইউনিয়ন ডিজিটাল সেন্টার", "kind": "union_digital_centre", "region": DISTRICT })))
        .await
        .expect(StatusCode::CREATED)
        .json();
    let point = point["id"].as_str().unwrap_or_default().to_owned();
    app.json(Method::PUT, &format!("/api/v1/admin/service-points/{point}/agents/{}", agent.id), Some(&admin), None).await;
    let (_, _, variant) = shop_with(app, &seller, 10).await;

    let unknown = app
        .json(Method::POST, "/api/v1/checkouts", Some(&buyer),
            Some(json!({ "lines": [{ "variant": variant, "quantity": 1 }], "payment": "cod", "pickup_point": "no-such-centre" })))
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.field_error("pickup_point").is_some());

    let order = order_to(app, &buyer, &variant, &point).await;
    ship(app, &seller, &order).await;
    let sms = app.last_sms_to(&buyer.phone).await.unwrap_or_default();
    assert!(sms.contains("কাপাসিয়া ইউনিয়ন ডিজিটাল সেন্টার"), "{sms}");
    let code: String = sms.split_whitespace().find(|w| w.len() == 6 && w.chars().all(|c| c.is_ascii_digit())).unwrap_or_default().to_owned();
    assert_eq!(code.len(), 6, "{sms}");

    // Nobody else can say it was delivered: not the shop, not another centre's agent.
    let shop_says = app.json(Method::POST, &format!("/api/v1/orders/{order}/transitions"), Some(&seller), Some(json!({ "to": "delivered" }))).await;
    assert_eq!((shop_says.status, shop_says.error_code().as_str()), (StatusCode::CONFLICT, "invalid_transition"));
    assert_eq!(hand_over(app, &other_agent, &order, &code).await.status, StatusCode::NOT_FOUND);
    // The agent sees it waiting; a wrong code is named beside the field on the page.
    let page = app.get("/shop/handover", &[("cookie", &agent.browser().1)]).await.expect(StatusCode::OK).text();
    assert!(page.contains(&format!("action=\"/shop/handover/{order}\"")));
    let wrong = app.form(&format!("/shop/handover/{order}"), &[("code", "000000")], Some(&agent)).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.text().contains(&format!("id=\"code-{order}-problem\"")));
    // The right code (typed in Bangla digits, with a space) delivers it.
    let bangla: String = code.chars().map(|c| char::from_u32(0x09E6 + c.to_digit(10).unwrap_or(0)).unwrap_or(c)).collect();
    let typed = format!("{} {}", &bangla[..9], &bangla[9..]);
    let delivered = app.form(&format!("/shop/handover/{order}"), &[("code", &typed)], Some(&agent)).await;
    assert_eq!(delivered.status, StatusCode::SEE_OTHER);
    let state: String = sqlx::query_scalar("SELECT state FROM commerce_order WHERE id = $1")
        .bind(&order)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(state, "delivered");
    assert_eq!(hand_over(app, &agent, &order, &code).await.status, StatusCode::CONFLICT, "once");

    // Five wrong codes hold the parcel, even against the right one.
    let second = order_to(app, &buyer, &variant, &point).await;
    ship(app, &seller, &second).await;
    let sms = app.last_sms_to(&buyer.phone).await.unwrap_or_default();
    let code: String = sms.split_whitespace().find(|w| w.len() == 6 && w.chars().all(|c| c.is_ascii_digit())).unwrap_or_default().to_owned();
    for guess in ["111111", "222222", "333333", "444444", "555555"] {
        let answer = hand_over(app, &agent, &second, if guess == code { "999999" } else { guess }).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let locked = hand_over(app, &agent, &second, &code).await;
    assert_eq!((locked.status, locked.error_code().as_str()), (StatusCode::CONFLICT, "handover_locked"));
});

app_test!(serving; async fn a_courier_delivers_only_with_the_code_the_buyer_gives_the_rider(app) {
    let seller = app.login_as("person").await;
    let buyer = app.login_as("person").await;
    let stranger = app.login_as("person").await;
    let (_, _, variant) = shop_with(app, &seller, 10).await;
    let placed = app
        .json(Method::POST, "/api/v1/checkouts", Some(&buyer),
            Some(json!({ "lines": [{ "variant": variant, "quantity": 2 }], "payment": "cod", "delivery_note": "গ্রাম কালিয়াকৈর, মসজিদের পাশে" })))
        .await
        .expect(StatusCode::CREATED)
        .json();
    let order = placed["orders"][0]["id"].as_str().unwrap_or_default().to_owned();
    // Not before it is packed, and not by someone else.
    let early = app.json(Method::POST, &format!("/api/v1/orders/{order}/courier"), Some(&seller), None).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    move_through(app, &seller, &order, &["packed"]).await;
    let theirs = app.json(Method::POST, &format!("/api/v1/orders/{order}/courier"), Some(&stranger), None).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    // The shop's button on the order page books the pickup over HTTP and ships the order.
    let page = app.get(&format!("/shop/orders/{order}"), &[("cookie", &seller.browser().1)]).await.expect(StatusCode::OK).text();
    assert!(page.contains(&format!("action=\"/shop/orders/{order}/courier\"")));
    app.form(&format!("/shop/orders/{order}/courier"), &[], Some(&seller)).await.expect(StatusCode::SEE_OTHER);
    let (state, tracking): (String, Option<String>) = sqlx::query_as("SELECT state, tracking_id FROM commerce_order WHERE id = $1")
        .bind(&order)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(state, "shipped");
    let tracking = tracking.unwrap_or_default();
    assert!(tracking.starts_with("trk_"));
    let sms = app.last_sms_to(&buyer.phone).await.unwrap_or_default();
    let code: String = sms.split_whitespace().map(|w| w.trim_end_matches('।')).find(|w| w.len() == 6 && w.chars().all(|c| c.is_ascii_digit())).unwrap_or_default().to_owned();
    assert_eq!(code.len(), 6, "{sms}");

    // The rider picks it up and sets out; then types a wrong code: shetu says so, and the order
    // stays on its way.
    let rider = format!("/sandbox/courier/parcels/{tracking}");
    for status in ["picked_up", "out_for_delivery"] {
        app.form(&rider, &[("status", status)], Some(&stranger)).await.expect(StatusCode::SEE_OTHER);
    }
    let told = app.last_sms_to(&buyer.phone).await.unwrap_or_default();
    assert!(told.contains("ডেলিভারিম্যান আজ আসছেন") && told.contains(placed["orders"][0]["number"].as_str().unwrap_or("?")), "{told}");
    app.form(&rider, &[("code", "000000"), ("status", "delivered")], Some(&stranger)).await.expect(StatusCode::SEE_OTHER);
    let shown = app.get(&rider, &[("cookie", &stranger.browser().1)]).await.expect(StatusCode::OK).text();
    assert!(shown.contains("এটি ক্রেতার কোড নয়"), "{shown}");
    // Nobody home on the second try.
    app.form(&rider, &[("code", ""), ("status", "failed")], Some(&stranger)).await.expect(StatusCode::SEE_OTHER);
    // The right one delivers it.
    app.form(&rider, &[("code", &code), ("status", "delivered")], Some(&stranger)).await.expect(StatusCode::SEE_OTHER);
    let state: String = sqlx::query_scalar("SELECT state FROM commerce_order WHERE id = $1")
        .bind(&order)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(state, "delivered");
    // The buyer's order page tells the parcel's story, with the tracking number.
    let page = app.get(&format!("/shop/orders/{order}"), &[("cookie", &buyer.browser().1)]).await.expect(StatusCode::OK).text();
    let story = page.split("অর্ডারের খবর").nth(1).unwrap_or_default();
    assert!(story.contains(&format!("ট্র্যাকিং নম্বর {tracking}")), "{story}");
    let at = |needle: &str| story.find(needle).unwrap_or_else(|| panic!("{needle} is not in {story}"));
    assert!(at("অর্ডার দেওয়া হয়েছে") < at("দোকান থেকে পার্সেলটি নিয়েছে"));
    assert!(at("দোকান থেকে পার্সেলটি নিয়েছে") < at("রওনা হয়েছেন"));
    assert!(at("রওনা হয়েছেন") < at("কোড মেলেনি"));
    assert!(at("কোড মেলেনি") < at("পার্সেলটি দিতে পারেননি"));
    assert!(at("পার্সেলটি দিতে পারেননি") < at("অবস্থা এখন: পৌঁছে গেছে"), "{story}");
    // A forged event is refused; a genuine one sent twice applies once.
    let event = json!({ "event_id": "cev_replay", "type": "parcel.delivered", "tracking_id": tracking, "code": code }).to_string();
    let at = shetu_web::outbound::unix_now();
    let post = |secret: &'static str| {
        let sig = shetu_web::outbound::sign(secret.as_bytes(), at, event.as_bytes());
        let body = event.clone();
        async move {
            app.post("/api/v1/couriers/sandbox/events", "application/json", body,
                &[("x-shetu-timestamp", &at.to_string()), ("x-shetu-signature", &sig)]).await
        }
    };
    assert_eq!(post("guessed").await.status, StatusCode::UNAUTHORIZED);
    let first = post(shetu_commerce::courier_sandbox::SECRET).await.expect(StatusCode::OK).json();
    assert_eq!(first["outcome"], "not_shipped");
    let again = post(shetu_commerce::courier_sandbox::SECRET).await.expect(StatusCode::OK).json();
    assert_eq!(again["outcome"], "duplicate");
    assert!(shetu_commerce::ledger::unbalanced(&app.db).await.unwrap_or_default().is_empty());
});
