//! Cash-on-delivery reconciliation on SQLite and PostgreSQL: a courier's remittance file is
//! uploaded on the admin page, matched in chunks by a job, each order's cash moves from the
//! courier's hands to the platform once, and every line that does not match is listed with why.

use axum::http::{Method, StatusCode};
use serde_json::json;
use shetu_commerce::{ledger, remittances};
use shetu_testkit::{app_test, Person, TestApp};

mod common;
use common::{move_through, shop_with};

async fn cod_order(
    app: &TestApp,
    buyer: &Person,
    variant: &str,
    quantity: i64,
) -> (String, String, i64) {
    let placed = app
        .json(Method::POST, "/api/v1/checkouts", Some(buyer),
            Some(json!({ "lines": [{ "variant": variant, "quantity": quantity }], "payment": "cod" })))
        .await
        .expect(StatusCode::CREATED)
        .json();
    let o = &placed["orders"][0];
    (
        o["id"].as_str().unwrap_or_default().to_owned(),
        o["number"].as_str().unwrap_or_default().to_owned(),
        o["total_minor"].as_i64().unwrap_or_default(),
    )
}

async fn deliver(app: &TestApp, seller: &Person, order: &str) {
    move_through(app, seller, order, &["packed", "shipped", "delivered"]).await;
}

fn multipart(csrf: &str, courier: &str, file: &str) -> (String, Vec<u8>) {
    let b = "----remit-boundary";
    let body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"courier\"\r\n\r\n{courier}\r\n\
         --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pathao-2026-11-28.csv\"\r\nContent-Type: text/csv\r\n\r\n{file}\r\n--{b}--\r\n"
    );
    (
        format!("multipart/form-data; boundary={b}"),
        body.into_bytes(),
    )
}

app_test!(async fn a_couriers_file_is_matched_once_per_order_and_every_mismatch_is_named(app) {
    let admin = app.login_as("admin").await;
    let seller = app.login_as("person").await;
    let buyer = app.login_as("person").await;
    let (_, _, variant) = shop_with(app, &seller, 50).await;
    let (first, first_no, first_total) = cod_order(app, &buyer, &variant, 2).await;
    let (second, second_no, second_total) = cod_order(app, &buyer, &variant, 1).await;
    let (_, third_no, third_total) = cod_order(app, &buyer, &variant, 1).await;
    deliver(app, &seller, &first).await;
    deliver(app, &seller, &second).await;
    assert_eq!(ledger::balance(&app.db, ledger::COD_HELD).await.unwrap_or_default(), first_total + second_total);

    let taka = |minor: i64| format!("{}.{:02}", minor / 100, minor % 100);
    let mut file = String::from("consignment,order_number,amount\n");
    file += &format!("C-1,{first_no},{}\n", taka(first_total));
    file += &format!("C-2,{first_no},{}\n", taka(first_total));
    file += &format!("C-3,{second_no},{}\n", taka(second_total + 100));
    file += &format!("C-4,{third_no},{}\n", taka(third_total));
    file += "C-5,SH-NOSUCH01,100.00\nC-6,SH-NOSUCH02,a lot\n";
    for n in 0..600 {
        file += &format!("X-{n},SH-BULK{n:04},10.00\n");
    }
    let csrf = app.session_csrf(&admin).await;
    let cookie = admin.browser().1;
    // Only an administrator may import; a file without the right header is refused beside the field.
    let (kind, body) = multipart(&app.session_csrf(&seller).await, "পাঠাও", &file);
    let refused = app.post("/shop/admin/remittances", &kind, body, &[("cookie", &seller.browser().1)]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let (kind, body) = multipart(&csrf, "পাঠাও", "number,total\n1,2\n");
    let wrong = app.post("/shop/admin/remittances", &kind, body, &[("cookie", &cookie)]).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.text().contains("id=\"file-problem\""));
    assert!(wrong.text().contains("value=\"পাঠাও\""), "what was typed stays");

    let (kind, body) = multipart(&csrf, "পাঠাও", &file);
    let to = app.post("/shop/admin/remittances", &kind, body, &[("cookie", &cookie)]).await.expect(StatusCode::SEE_OTHER);
    let page_uri = to.header("location").to_owned();
    let queued = app.get(&page_uri, &[("cookie", &cookie)]).await.expect(StatusCode::OK).text();
    assert!(queued.contains("http-equiv=\"refresh\"") && queued.contains("<progress"), "it refreshes itself while working");
    let runs = app.run_jobs().await;
    assert!(runs >= 3, "606 lines are matched in chunks of 250: {runs} jobs");

    let id = page_uri.rsplit('/').next().unwrap_or_default();
    let actor = shetu_core::Actor { person: admin.id, roles: vec![shetu_core::Role::Admin], on_behalf_of: None, request_id: None };
    let (done, mismatches) = remittances::get(&app.db, &actor, id).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((done.state.as_str(), done.total_lines, done.done_lines), ("done", 606, 606));
    assert_eq!((done.matched, done.mismatched, done.amount_minor), (1, 605, first_total));
    let why: Vec<(&str, &str)> = mismatches.iter().take(5).map(|m| (m.order_number.as_str(), m.outcome.as_str())).collect();
    assert_eq!(why, vec![
        (first_no.as_str(), "already_remitted"),
        (second_no.as_str(), "amount_differs"),
        (third_no.as_str(), "not_delivered"),
        ("SH-NOSUCH01", "unknown_order"),
        ("SH-NOSUCH02", "unreadable"),
    ]);
    // The first order's cash is with the platform now; the second's is still with the courier.
    assert_eq!(ledger::balance(&app.db, remittances::REMITTED).await.unwrap_or_default(), first_total);
    assert_eq!(ledger::balance(&app.db, ledger::COD_HELD).await.unwrap_or_default(), second_total);
    assert!(ledger::unbalanced(&app.db).await.unwrap_or_default().is_empty());
    let page = app.get(&page_uri, &[("cookie", &cookie)]).await.expect(StatusCode::OK).text();
    assert!(!page.contains("http-equiv=\"refresh\""), "done: no more refreshing");
    assert!(page.contains("টাকার পরিমাণ অর্ডারের মোটের সঙ্গে মেলে না"), "the reason, in Bangla");
    // The same file again matches nothing new.
    let (kind, body) = multipart(&csrf, "পাঠাও", &file);
    app.post("/shop/admin/remittances", &kind, body, &[("cookie", &cookie)]).await.expect(StatusCode::SEE_OTHER);
    app.run_jobs().await;
    assert_eq!(ledger::balance(&app.db, remittances::REMITTED).await.unwrap_or_default(), first_total);
});
