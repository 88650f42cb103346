//! Who may do what: every commerce route that concerns someone's shop or order, tried by every
//! kind of caller — nobody, the buyer, a stranger, the shop's owner, another shop's owner, an
//! agent acting for the buyer with and without a mandate, and an administrator — with the answer
//! each must get.

use axum::http::{Method, StatusCode};
use serde_json::json;
use shetu_testkit::{app_test, Person};

mod common;
use common::shop_with;

app_test!(serving; async fn every_order_and_shop_route_answers_each_caller_as_it_must(app) {
    let admin = app.login_as("admin").await;
    let owner = app.login_as("person").await;
    let other_owner = app.login_as("person").await;
    let buyer = app.login_as("person").await;
    let stranger = app.login_as("person").await;
    let agent = app.login_as("agent").await;
    let idle_agent = app.login_as("agent").await;
    app.act_for(&agent, &buyer, &["commerce.buy"]).await;
    let (shop, _, variant) = shop_with(app, &owner, 100).await;
    shop_with(app, &other_owner, 100).await;
    let placed = app
        .json(Method::POST, "/api/v1/checkouts", Some(&buyer),
            Some(json!({ "lines": [{ "variant": variant, "quantity": 1 }], "payment": "cod" })))
        .await
        .expect(StatusCode::CREATED)
        .json();
    let order = placed["orders"][0]["id"].as_str().unwrap_or_default().to_owned();
    let online = app
        .json(Method::POST, "/api/v1/checkouts", Some(&buyer),
            Some(json!({ "lines": [{ "variant": variant, "quantity": 1 }], "payment": "mobile_money" })))
        .await
        .expect(StatusCode::CREATED)
        .json();
    let online = online["checkout_id"].as_str().unwrap_or_default().to_owned();
    let buyer_id = buyer.id.to_string();

    // (caller, acting for the buyer?) → expected status, per route.
    let callers: [(&str, Option<&Person>, bool); 8] = [
        ("nobody", None, false),
        ("buyer", Some(&buyer), false),
        ("stranger", Some(&stranger), false),
        ("owner", Some(&owner), false),
        ("other owner", Some(&other_owner), false),
        ("agent with mandate", Some(&agent), true),
        ("agent without mandate", Some(&idle_agent), true),
        ("admin", Some(&admin), false),
    ];
    type Route<'a> = (&'a str, Method, String, Option<serde_json::Value>, [u16; 8]);
    let routes: Vec<Route> = vec![
        ("see the order", Method::GET, format!("/api/v1/orders/{order}"), None,
            [401, 200, 404, 200, 404, 200, 404, 200]),
        ("restock", Method::PUT, format!("/api/v1/variants/{variant}/stock"), Some(json!({ "stock": 50, "price_minor": 9000 })),
            [401, 404, 404, 200, 404, 403, 403, 200]),
        ("list a product", Method::POST, format!("/api/v1/shops/{shop}/products"),
            Some(json!({ "category": "rice", "unit": "kg", "title_bn": "চাল", "title_en": "Rice", "variants": [{ "sku": "X", "price_minor": 9000, "stock": 1 }] })),
            [401, 404, 404, 201, 404, 403, 403, 201]),
        ("verify the shop", Method::POST, format!("/api/v1/shops/{shop}/verification"), None,
            [401, 403, 403, 403, 403, 400, 400, 200]),
        ("pay for the checkout", Method::POST, format!("/api/v1/checkouts/{online}/payment"), None,
            [401, 201, 404, 404, 404, 201, 403, 404]),
        ("all orders", Method::GET, "/api/v1/orders?as=all".to_owned(), None,
            [401, 403, 403, 403, 403, 400, 400, 200]),
    ];
    for (what, method, uri, body, expected) in &routes {
        for ((who, person, for_buyer), want) in callers.iter().zip(expected) {
            let headers: Vec<(&str, &str)> = if *for_buyer { vec![("on-behalf-of", buyer_id.as_str())] } else { Vec::new() };
            // Each caller lists under its own code, so that an allowed second listing is not a
            // duplicate.
            let body = body.as_ref().map(|b| {
                serde_json::from_str(&b.to_string().replace("\"sku\":\"X\"", &format!("\"sku\":\"X-{who}\"")))
                    .unwrap_or_else(|_| b.clone())
            });
            let got = app.json_with(method.clone(), uri, *person, &headers, body).await;
            assert_eq!(got.status.as_u16(), *want, "{what} by {who}: {}", got.text());
        }
    }
    // Moving the order: only the shop (and an administrator) packs and ships; the buyer's side is
    // told the move is not theirs (409), everyone else that there is no such order (404).
    let moves: [(&str, [u16; 8]); 2] = [
        ("packed", [401, 409, 404, 200, 404, 409, 404, 200]),
        ("shipped", [401, 409, 404, 200, 404, 409, 404, 200]),
    ];
    for (to, expected) in moves {
        // Each move is tried by everyone; the first caller allowed moves it, so the rest of the
        // row sees the next state. Order the callers so the owner moves first.
        let mut order_of: Vec<usize> = (0..8).collect();
        order_of.sort_by_key(|i| usize::from(callers[*i].0 != "owner"));
        for i in order_of {
            let (who, person, for_buyer) = callers[i];
            let headers: Vec<(&str, &str)> = if for_buyer { vec![("on-behalf-of", buyer_id.as_str())] } else { Vec::new() };
            let got = app
                .json_with(Method::POST, &format!("/api/v1/orders/{order}/transitions"), person, &headers, Some(json!({ "to": to })))
                .await;
            let want = if who == "owner" { 200 } else if expected[i] == 200 { 409 } else { expected[i] };
            assert_eq!(got.status.as_u16(), want, "move to {to} by {who}: {}", got.text());
        }
    }
});
