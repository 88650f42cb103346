//! Who may do what: every commerce route that concerns someone's shop or order, tried by every
//! kind of caller — nobody, the buyer, a stranger, the shop's owner, another shop's owner, an
//! agent acting for the buyer with and without a mandate, and an administrator — with the answer
//! each must get.

use axum::http::{Method, StatusCode};
use serde_json::json;
use shetu_testkit::{app_test, Person};

mod common;
use common::shop_with;

/// The callers of both matrices, and a verified shop of `owner` with one product (another
/// owner has a shop too).
struct Cast {
    admin: Person,
    owner: Person,
    other_owner: Person,
    buyer: Person,
    stranger: Person,
    agent: Person,
    idle_agent: Person,
    shop: String,
    product: String,
    variant: String,
}

async fn cast(app: &shetu_testkit::TestApp) -> Cast {
    let admin = app.login_as("admin").await;
    let owner = app.login_as("person").await;
    let other_owner = app.login_as("person").await;
    let buyer = app.login_as("person").await;
    let stranger = app.login_as("person").await;
    let agent = app.login_as("agent").await;
    let idle_agent = app.login_as("agent").await;
    app.act_for(&agent, &buyer, &["commerce.buy"]).await;
    let (shop, product, variant) = shop_with(app, &owner, 100).await;
    shop_with(app, &other_owner, 100).await;
    Cast {
        admin,
        owner,
        other_owner,
        buyer,
        stranger,
        agent,
        idle_agent,
        shop,
        product,
        variant,
    }
}

app_test!(serving; async fn every_order_and_shop_route_answers_each_caller_as_it_must(app) {
    let Cast { admin, owner, other_owner, buyer, stranger, agent, idle_agent, shop, variant, .. } = cast(app).await;
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

/// The callers of the second matrix, in the order of every row's expected answers.
const WHO: [&str; 8] = [
    "nobody",
    "buyer",
    "stranger",
    "owner",
    "other owner",
    "agent with mandate",
    "agent without mandate",
    "admin",
];

/// Every commerce and partner route of the API that the two matrices try. A route added to the
/// API without a row here fails `every_api_route_is_in_the_matrix`.
const TRIED: &[&str] = &[
    "GET /api/v1/impact",
    "GET /api/v1/orders",
    "GET /api/v1/orders/{id}",
    "GET /api/v1/partner/catalogue",
    "GET /api/v1/partner/deliveries",
    "GET /api/v1/products",
    "GET /api/v1/products/{id}",
    "GET /api/v1/shops/{id}",
    "POST /api/v1/checkouts",
    "POST /api/v1/checkouts/{id}/payment",
    "POST /api/v1/couriers/{name}/events",
    "POST /api/v1/disputes/{id}/decision",
    "POST /api/v1/orders/{id}/courier",
    "POST /api/v1/orders/{id}/disputes",
    "POST /api/v1/orders/{id}/handover",
    "POST /api/v1/orders/{id}/transitions",
    "POST /api/v1/partner/deliveries/{id}/replay",
    "POST /api/v1/partner/orders",
    "POST /api/v1/partner/orders/{id}/status",
    "POST /api/v1/partners",
    "POST /api/v1/payments/{provider}/callback",
    "POST /api/v1/products/{id}/photos",
    "POST /api/v1/shops",
    "POST /api/v1/shops/{id}/products",
    "POST /api/v1/shops/{id}/verification",
    "PUT /api/v1/partner/products/{ref}",
    "PUT /api/v1/variants/{id}/stock",
];

app_test!(async fn every_api_route_is_in_the_matrix(app) {
    let doc = app.get("/api/openapi.json", &[]).await.expect(StatusCode::OK).json();
    let mut served: Vec<String> = Vec::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let tags = op["tags"].as_array().cloned().unwrap_or_default();
            if tags.iter().any(|t| t == "commerce" || t == "partners") {
                served.push(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    served.sort();
    let mut tried: Vec<String> = TRIED.iter().map(|s| (*s).to_owned()).collect();
    tried.sort();
    assert_eq!(served, tried, "the API's commerce routes and the ones the matrices try differ");
});

app_test!(serving; async fn every_other_commerce_route_and_page_answers_each_caller_as_it_must(app) {
    let Cast { admin, owner, other_owner, buyer, stranger, agent, idle_agent, shop, product, variant } = cast(app).await;
    let people: [Option<&Person>; 8] =
        [None, Some(&buyer), Some(&stranger), Some(&owner), Some(&other_owner), Some(&agent), Some(&idle_agent), Some(&admin)];
    let buyer_id = buyer.id.to_string();
    let checkout = |payment: &'static str| {
        app.json(Method::POST, "/api/v1/checkouts", Some(&buyer),
            Some(json!({ "lines": [{ "variant": variant, "quantity": 1 }], "payment": payment })))
    };
    // A confirmed cash order, an unpaid online checkout, and a delivered order with a dispute.
    let order = checkout("cod").await.expect(StatusCode::CREATED).json()["orders"][0]["id"]
        .as_str().unwrap_or_default().to_owned();
    let online = checkout("mobile_money").await.expect(StatusCode::CREATED).json()["checkout_id"]
        .as_str().unwrap_or_default().to_owned();
    // Two delivered orders with a dispute each: one decided through the API, one on the page.
    let mut disputes = Vec::new();
    for _ in 0..2 {
        let delivered = checkout("cod").await.expect(StatusCode::CREATED).json()["orders"][0]["id"]
            .as_str().unwrap_or_default().to_owned();
        common::move_through(app, &owner, &delivered, &["packed", "shipped", "delivered"]).await;
        disputes.push(app
            .json(Method::POST, &format!("/api/v1/orders/{delivered}/disputes"), Some(&buyer),
                Some(json!({ "reason": "শাড়ির পাড় ছেঁড়া" })))
            .await
            .expect(StatusCode::CREATED)
            .json()["id"].as_str().unwrap_or_default().to_owned());
    }
    let (dispute, dispute_on_page) = (disputes[0].clone(), disputes[1].clone());

    // (what, method, uri, body, acting for the buyer?, expected answer per caller). The state of
    // `order` (confirmed) makes an allowed caller's courier or dispute request a 409: the route let
    // them through, and the order's state answered.
    type Row<'a> = (&'a str, Method, String, Option<serde_json::Value>, [u16; 8]);
    let shop_body = json!({ "name": "নতুন দোকান", "kind": "farmer", "district": common::DISTRICT,
        "payout_kind": "wallet", "payout_account": "01711000222" });
    let rows: Vec<Row> = vec![
        ("open a shop", Method::POST, "/api/v1/shops".into(), Some(shop_body),
            [401, 201, 201, 201, 201, 403, 403, 201]),
        ("see a shop", Method::GET, format!("/api/v1/shops/{shop}"), None,
            [200, 200, 200, 200, 200, 200, 200, 200]),
        ("see a product", Method::GET, format!("/api/v1/products/{product}"), None,
            [200, 200, 200, 200, 200, 200, 200, 200]),
        ("search the catalogue", Method::GET, "/api/v1/products?q=%E0%A6%AE%E0%A6%A7%E0%A7%81".into(), None,
            [200, 200, 200, 200, 200, 200, 200, 200]),
        ("impact figures", Method::GET, "/api/v1/impact".into(), None,
            [200, 200, 200, 200, 200, 200, 200, 200]),
        ("check out", Method::POST, "/api/v1/checkouts".into(),
            Some(json!({ "lines": [{ "variant": variant, "quantity": 1 }], "payment": "cod" })),
            [401, 201, 201, 201, 201, 201, 403, 201]),
        // An agent lists the orders they placed (`as=agent`), never "as" a client.
        ("my orders", Method::GET, "/api/v1/orders".into(), None,
            [401, 200, 200, 200, 200, 400, 400, 200]),
        ("hand to the courier (not yet packed)", Method::POST, format!("/api/v1/orders/{order}/courier"), None,
            [401, 404, 404, 409, 404, 400, 400, 409]),
        ("report a problem (not yet delivered)", Method::POST, format!("/api/v1/orders/{order}/disputes"),
            Some(json!({ "reason": "আসেনি" })),
            [401, 422, 404, 404, 404, 422, 403, 404]),
        ("hand over at the centre (not a pickup)", Method::POST, format!("/api/v1/orders/{order}/handover"),
            Some(json!({ "code": "123456" })),
            [401, 404, 404, 404, 404, 400, 400, 404]),
        ("add a photo", Method::POST, format!("/api/v1/products/{product}/photos"), None,
            [401, 404, 404, 201, 404, 403, 403, 201]),
        ("register a partner", Method::POST, "/api/v1/partners".into(),
            Some(json!({ "organization_id": "0", "account": "0", "webhook_url": "https://partner.example/h", "district": common::DISTRICT })),
            [401, 403, 403, 403, 403, 400, 400, 422]),
        ("partner: push a product", Method::PUT, "/api/v1/partner/products/P-1".into(),
            Some(json!({ "category": "rice", "unit": "kg", "title_bn": "চাল", "title_en": "Rice",
                "variants": [{ "sku": "P-1", "price_minor": 9000, "stock": 1 }] })),
            [401, 403, 403, 403, 403, 400, 400, 403]),
        ("partner: the catalogue", Method::GET, "/api/v1/partner/catalogue".into(), None,
            [401, 403, 403, 403, 403, 400, 400, 403]),
        ("partner: place an order", Method::POST, "/api/v1/partner/orders".into(),
            Some(json!({ "lines": [{ "variant": variant, "quantity": 1 }] })),
            [401, 403, 403, 403, 403, 400, 400, 403]),
        ("partner: report status", Method::POST, format!("/api/v1/partner/orders/{order}/status"),
            Some(json!({ "status": "shipped" })),
            [401, 403, 403, 403, 403, 400, 400, 403]),
        ("partner: deliveries", Method::GET, "/api/v1/partner/deliveries".into(), None,
            [401, 403, 403, 403, 403, 400, 400, 403]),
        ("partner: replay", Method::POST, "/api/v1/partner/deliveries/x/replay".into(), None,
            [401, 403, 403, 403, 403, 400, 400, 403]),
        ("payment callback without a signature", Method::POST, "/api/v1/payments/mobile_money/callback".into(),
            Some(json!({ "event_id": "e", "payment_id": "p", "status": "paid", "amount_minor": 1 })),
            [401, 401, 401, 401, 401, 401, 401, 401]),
        ("courier event without a signature", Method::POST, "/api/v1/couriers/sandbox/events".into(),
            Some(json!({ "event_id": "e", "tracking": "t", "status": "delivered" })),
            [401, 401, 401, 401, 401, 401, 401, 401]),
        // Last, so the rows before see the dispute open: only an administrator decides.
        ("decide a dispute", Method::POST, format!("/api/v1/disputes/{dispute}/decision"),
            Some(json!({ "decision": "reject", "note": "ছবিতে ত্রুটি নেই" })),
            [401, 403, 403, 403, 403, 400, 400, 200]),
    ];
    let photo = common::png(64, 48, 90);
    let mut wrong = Vec::new();
    for (what, method, uri, body, expected) in &rows {
        for (i, want) in expected.iter().enumerate() {
            let mut headers: Vec<(&str, String)> = Vec::new();
            if WHO[i].starts_with("agent") {
                headers.push(("on-behalf-of", buyer_id.clone()));
            }
            let got = if *what == "add a photo" {
                if let Some(p) = people[i] {
                    headers.push(("authorization", format!("Bearer {}", p.token)));
                }
                headers.push(("content-type", "image/png".into()));
                let h: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.request(Method::POST, uri, &h, photo.clone()).await
            } else {
                let h: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.json_with(method.clone(), uri, people[i], &h, body.clone()).await
            };
            if got.status.as_u16() != *want {
                wrong.push(format!("{what} by {}: {} (wanted {want}): {}", WHO[i], got.status, got.text()));
            }
        }
    }

    // The pages, in a browser session (an agent's page acts for nobody but the agent). Someone
    // not signed in is sent to sign in.
    type Page = (&'static str, String, [u16; 8]);
    let pages: Vec<Page> = vec![
        ("the order's page", format!("/shop/orders/{order}"), [303, 200, 404, 200, 404, 404, 404, 200]),
        ("my orders", "/shop/orders".into(), [303, 200, 200, 200, 200, 200, 200, 200]),
        ("paying for the checkout", format!("/shop/checkouts/{online}/pay"), [303, 200, 404, 404, 404, 404, 404, 404]),
        ("selling", "/shop/sell".into(), [303, 200, 200, 200, 200, 200, 200, 200]),
        ("the cart", "/shop/cart".into(), [303, 200, 200, 200, 200, 200, 200, 200]),
        ("handing over parcels", "/shop/handover".into(), [303, 403, 403, 403, 403, 200, 200, 403]),
        ("the admin's queue", "/shop/admin".into(), [303, 403, 403, 403, 403, 403, 403, 200]),
        ("a remittance import", "/shop/admin/remittances/0".into(), [303, 403, 403, 403, 403, 403, 403, 404]),
        ("the storefront", "/shop".into(), [200, 200, 200, 200, 200, 200, 200, 200]),
        ("a product", format!("/shop/products/{product}"), [200, 200, 200, 200, 200, 200, 200, 200]),
        ("impact", "/shop/impact".into(), [200, 200, 200, 200, 200, 200, 200, 200]),
    ];
    for (what, uri, expected) in &pages {
        for (i, want) in expected.iter().enumerate() {
            let cookie = people[i].map(|p| p.browser().1).unwrap_or_default();
            let headers: Vec<(&str, &str)> = if cookie.is_empty() { Vec::new() } else { vec![("cookie", cookie.as_str())] };
            let got = app.get(uri, &headers).await;
            if got.status.as_u16() != *want {
                let text: String = got.text().chars().take(200).collect();
                wrong.push(format!("page {what} for {}: {} (wanted {want}): {text}", WHO[i], got.status));
            }
        }
    }

    // The pages' forms, sent with each caller's session and CSRF token. `order` is confirmed,
    // so asking to ship it (before packing) or to hand it to the courier is a conflict for the
    // shop, and a report on it is refused as not yet delivered: the form let them through and
    // the order's state answered. Nobody signed in is sent to sign in.
    type Form<'a> = (&'a str, String, Vec<(&'a str, String)>, [u16; 8]);
    let forms: Vec<Form> = vec![
        ("the shop's page", format!("/shop/sell/{shop}"), Vec::new(), [303, 404, 404, 200, 404, 404, 404, 200]),
        ("move an order", format!("/shop/orders/{order}/move"), vec![("to", "shipped".into())],
            [303, 409, 404, 409, 404, 404, 404, 409]),
        ("hand to the courier", format!("/shop/orders/{order}/courier"), Vec::new(),
            [303, 404, 404, 409, 404, 404, 404, 409]),
        ("report a problem", format!("/shop/orders/{order}/dispute"), vec![("reason", "আসেনি".into())],
            [303, 422, 404, 404, 404, 404, 404, 404]),
        // Not a parcel at the caller's counter: as the API says, there is no such parcel.
        ("hand over a parcel", format!("/shop/handover/{order}"), vec![("code", "000000".into())],
            [303, 404, 404, 404, 404, 404, 404, 404]),
        ("restock", format!("/shop/sell/variants/{variant}"), vec![("stock", "40".into()), ("price", "90.00".into())],
            [303, 404, 404, 303, 404, 404, 404, 303]),
        ("verify a shop", format!("/shop/admin/{shop}/verify"), Vec::new(),
            [303, 403, 403, 403, 403, 403, 403, 303]),
        // Last: only an administrator decides, and then the dispute is closed.
        ("decide a dispute", format!("/shop/admin/disputes/{dispute_on_page}"), vec![("decision", "reject".into()), ("note", "ত্রুটি নেই".into())],
            [303, 403, 403, 403, 403, 403, 403, 303]),
    ];
    for (what, uri, fields, expected) in &forms {
        for (i, want) in expected.iter().enumerate() {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let got = if *what == "the shop's page" {
                let cookie = people[i].map(|p| p.browser().1).unwrap_or_default();
                app.get(uri, &[("cookie", cookie.as_str())]).await
            } else {
                app.form(uri, &fields, people[i]).await
            };
            if got.status.as_u16() != *want {
                let text: String = got.text().chars().take(200).collect();
                wrong.push(format!("form {what} by {}: {} (wanted {want}): {text}", WHO[i], got.status));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
});
