//! Matches followed to replication: who may create and move a match (route × role), the
//! follow-up log, and the dashboard counting partnerships by country and focus area.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use shetu_testkit::{Person, TestApp};

async fn verified(
    app: &TestApp,
    admin: &Person,
    owner: &Person,
    name: &str,
    country: &str,
) -> String {
    let id = app
        .json(
            Method::POST,
            "/api/v1/exchange/members",
            Some(owner),
            Some(json!({"name": name, "kind": "government", "country": country})),
        )
        .await
        .expect(StatusCode::CREATED)
        .json()["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    app.json(
        Method::POST,
        &format!("/api/v1/exchange/members/{id}/verification"),
        Some(admin),
        None,
    )
    .await
    .expect(StatusCode::OK);
    id
}

shetu_testkit::app_test!(async fn a_match_moves_from_interest_to_replication_by_the_right_side(app) {
    let admin = app.login_as("admin").await;
    let giver = app.login_as("person").await;
    let taker = app.login_as("person").await;
    let stranger = app.login_as("person").await;
    let from = verified(app, &admin, &giver, "Finance Reform Cell", "BD").await;
    let to = verified(app, &admin, &taker, "Ministry of Social Affairs", "SO").await;
    let solution = app.json(Method::POST, "/api/v1/exchange/solutions", Some(&giver), Some(json!({"member": from, "content": {
        "title": "Allowances by mobile money", "problem": "Cash allowances arrive late.", "approach": "Payments into mobile wallets.",
        "results": "On time.", "countries": ["BD"], "level": "national", "cost": "medium", "months_to_adopt": 12,
        "maturity": "scaled", "sdgs": ["1.3"], "focus": ["finance"]}}))).await.expect(StatusCode::CREATED).json();
    let sid = solution["id"].as_str().unwrap_or_default().to_owned();
    let need = app.json(Method::POST, "/api/v1/exchange/needs", Some(&taker), Some(json!({
        "member": to, "title": "Pay allowances on time", "problem": "Allowances arrive late.", "sdgs": ["1.3"]})))
        .await.expect(StatusCode::CREATED).json();
    let nid = need["id"].as_str().unwrap_or_default().to_owned();
    let body = json!({"need": nid, "solution": sid});
    // Only a published solution can be matched.
    let early = app.json(Method::POST, "/api/v1/exchange/matches", Some(&taker), Some(body.clone())).await;
    assert_eq!(early.error_code(), "solution_not_found");
    let review = format!("/api/v1/exchange/solutions/{sid}/review");
    app.json(Method::POST, &review, Some(&admin), Some(json!({"to": "in_review"}))).await.expect(StatusCode::OK);
    app.json(Method::POST, &review, Some(&admin), Some(json!({"to": "published"}))).await.expect(StatusCode::OK);
    // Who may create it: the need's side (interest expressed) — not the solution's side or others.
    for who in [&giver, &stranger] {
        let refused = app.json(Method::POST, "/api/v1/exchange/matches", Some(who), Some(body.clone())).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
    }
    let made: Value = app.json(Method::POST, "/api/v1/exchange/matches", Some(&taker), Some(body.clone()))
        .await.expect(StatusCode::CREATED).json();
    assert_eq!(made["state"], "interest_expressed");
    let again = app.json(Method::POST, "/api/v1/exchange/matches", Some(&admin), Some(body)).await;
    assert_eq!(again.error_code(), "match_exists");
    let mid = made["id"].as_str().unwrap_or_default().to_owned();
    let moves = format!("/api/v1/exchange/matches/{mid}/moves");
    // Documents in the follow-up log: either side adds one; only the two sides (and the
    // secretariat) can read it; its type is read from its bytes.
    let upload = |who: &Person, name: &str, bytes: Vec<u8>| {
        let (token, uri) = (format!("Bearer {}", who.token), format!("/api/v1/exchange/matches/{mid}/documents?lang=en&name={name}&note=Signed%20in%20Mogadishu"));
        async move { app.post(&uri, "application/octet-stream", bytes, &[("authorization", &token)]).await }
    };
    let agreement = b"%PDF-1.4\n% memorandum of understanding\n%%EOF\n".to_vec();
    assert_eq!(upload(&stranger, "mou.pdf", agreement.clone()).await.status, StatusCode::NOT_FOUND);
    let script = upload(&taker, "mou.pdf", b"<script>x</script>".to_vec()).await;
    assert_eq!(script.field_error("file").as_deref(),
        Some("must be a PDF, Word, Excel, PowerPoint, OpenDocument, CSV or image (PNG, JPEG, WebP) file"));
    let doc = upload(&taker, "mou.pdf", agreement.clone()).await.expect(StatusCode::CREATED).json();
    let did = doc["id"].as_str().unwrap_or_default().to_owned();
    let url = format!("/api/v1/exchange/matches/{mid}/documents/{did}");
    let got = app.json(Method::GET, &url, Some(&giver), None).await.expect(StatusCode::OK);
    assert_eq!((got.header("content-type"), got.body.clone()), ("application/pdf", agreement));
    assert_eq!(app.json(Method::GET, &url, Some(&stranger), None).await.status, StatusCode::NOT_FOUND);
    let logged = app.json(Method::GET, &format!("/api/v1/exchange/matches/{mid}"), Some(&giver), None).await.json();
    let last = logged["log"].as_array().and_then(|l| l.last()).cloned().unwrap_or_default();
    assert_eq!((last["note"].as_str(), last["document"]["name"].as_str()), (Some("Signed in Mogadishu"), Some("mou.pdf")), "{logged}");
    // The need's side cannot agree for the solution's side; strangers see nothing.
    let own = app.json(Method::POST, &moves, Some(&taker), Some(json!({"to": "agreed"}))).await;
    assert_eq!(own.error_code(), "invalid_match_move");
    assert_eq!(app.json(Method::POST, &moves, Some(&stranger), Some(json!({"to": "agreed"}))).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.json(Method::GET, &format!("/api/v1/exchange/matches/{mid}"), Some(&stranger), None).await.status, StatusCode::NOT_FOUND);
    app.json(Method::POST, &moves, Some(&giver), Some(json!({"to": "agreed", "note": "We will share the payment rules."}))).await.expect(StatusCode::OK);
    app.json(Method::POST, &moves, Some(&taker), Some(json!({"to": "adapting"}))).await.expect(StatusCode::OK);
    let skip = app.json(Method::POST, &moves, Some(&taker), Some(json!({"to": "interest_expressed"}))).await;
    assert_eq!(skip.status, StatusCode::CONFLICT);
    let bad_day = app.json(Method::POST, &format!("/api/v1/exchange/matches/{mid}/notes?lang=en"), Some(&taker),
        Some(json!({"note": "Study visit", "happened_on": "2026-02-30"}))).await;
    assert_eq!(bad_day.field_error("happened_on").as_deref(), Some("must be a date written as YYYY-MM-DD"));
    app.json(Method::POST, &format!("/api/v1/exchange/matches/{mid}/notes"), Some(&taker),
        Some(json!({"note": "Study visit to Dhaka", "happened_on": "2026-03-10"}))).await.expect(StatusCode::OK);
    let done: Value = app.json(Method::POST, &moves, Some(&giver), Some(json!({"to": "replicated"}))).await.expect(StatusCode::OK).json();
    let log: Vec<(Value, Value, Value)> = done["log"].as_array().into_iter().flatten()
        .map(|e| (e["to"].clone(), e["note"].clone(), e["happened_on"].clone())).collect();
    assert_eq!(log, vec![
        (json!("interest_expressed"), json!(""), Value::Null),
        (Value::Null, json!("Signed in Mogadishu"), Value::Null),
        (json!("agreed"), json!("We will share the payment rules."), Value::Null),
        (json!("adapting"), json!(""), Value::Null),
        (Value::Null, json!("Study visit to Dhaka"), json!("2026-03-10")),
        (json!("replicated"), json!(""), Value::Null),
    ]);
    let closed = app.json(Method::POST, &moves, Some(&admin), Some(json!({"to": "closed"}))).await;
    assert_eq!(closed.status, StatusCode::CONFLICT, "replicated is for good");

    // The dashboard counts it for Somalia and for public finance, on the page as in the API.
    let dash = app.get("/api/v1/exchange/dashboard", &[]).await.expect(StatusCode::OK).json();
    assert_eq!(dash["by_country"], json!([{"key": "SO", "count": 1}]));
    assert_eq!(dash["by_focus"], json!([{"key": "finance", "count": 1}]));
    let page = app.get("/exchange/dashboard?lang=bn", &[]).await.expect(StatusCode::OK).text();
    let somalia = shetu_exchange::countries::get("SO").map(|c| c.bn.clone()).unwrap_or_default();
    assert!(page.contains("<svg") && page.contains(&somalia) && page.contains("সরকারি অর্থব্যবস্থা"), "{page}");
    // The match page shows its log, in Bangla, to its sides.
    let cookie = taker.browser();
    let page = app.get(&format!("/exchange/matches/{mid}?lang=bn"), &[(&cookie.0, &cookie.1)]).await.expect(StatusCode::OK).text();
    assert!(page.contains("অনুসৃত হয়েছে") && page.contains("Study visit to Dhaka"), "{page}");
});
