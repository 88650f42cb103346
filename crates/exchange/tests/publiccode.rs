//! Software solutions from publiccode.yml: a broken file is refused with every problem named by
//! its path; a valid one becomes a solution whose publiccode.yml comes back out equal.

use axum::http::{Method, StatusCode};
use serde_json::json;

const SAMPLE: &str = shetu_exchange::publiccode::EXAMPLE;

shetu_testkit::app_test!(async fn publiccode_yml_comes_in_checked_and_goes_out_equal(app) {
    let admin = app.login_as("admin").await;
    let owner = app.login_as("person").await;
    let member = app.json(Method::POST, "/api/v1/exchange/members", Some(&owner),
        Some(json!({"name": "a2i Programme", "kind": "government", "country": "BD"})))
        .await.expect(StatusCode::CREATED).json()["id"].as_str().unwrap_or_default().to_owned();
    app.json(Method::POST, &format!("/api/v1/exchange/members/{member}/verification"), Some(&admin), None).await.expect(StatusCode::OK);

    let broken = SAMPLE.replace("developmentStatus: stable", "developmentStatus: finished")
        .replace("  license: AGPL-3.0-or-later\n", "  licence: AGPL-3.0-or-later\n");
    let refused = app.json(Method::POST, "/api/v1/exchange/solutions/publiccode?lang=en", Some(&owner),
        Some(json!({"member": member, "publiccode": broken}))).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.field_error("developmentStatus").as_deref(), Some("is not one of the choices"));
    assert_eq!(refused.field_error("legal.license").as_deref(), Some("is required"));

    let made = app.json(Method::POST, "/api/v1/exchange/solutions/publiccode", Some(&owner),
        Some(json!({"member": member, "publiccode": SAMPLE}))).await.expect(StatusCode::CREATED).json();
    assert_eq!(made["content"]["title"], "Grievance Redress System");
    assert_eq!(made["content"]["maturity"], "scaled");
    let id = made["id"].as_str().unwrap_or_default().to_owned();
    let review = format!("/api/v1/exchange/solutions/{id}/review");
    app.json(Method::POST, &review, Some(&admin), Some(json!({"to": "in_review"}))).await.expect(StatusCode::OK);
    app.json(Method::POST, &review, Some(&admin), Some(json!({"to": "published"}))).await.expect(StatusCode::OK);
    let out = app.get(&format!("/api/v1/exchange/solutions/{id}/publiccode.yml"), &[]).await.expect(StatusCode::OK);
    assert!(out.header("content-type").starts_with("application/yaml"));
    let again = shetu_exchange::publiccode::parse(&out.text()).expect("what goes out is valid");
    let first = shetu_exchange::publiccode::parse(SAMPLE).expect("sample");
    assert_eq!(again, first, "round trip");
    // A solution that is not software has no publiccode.yml.
    let plain = app.json(Method::POST, "/api/v1/exchange/solutions", Some(&owner), Some(json!({"member": member, "content": {
        "title": "Citizen charters", "problem": "p", "approach": "a", "results": "r", "level": "local", "cost": "low",
        "months_to_adopt": 3, "maturity": "pilot"}}))).await.expect(StatusCode::CREATED).json();
    let none = app.json(Method::GET, &format!("/api/v1/exchange/solutions/{}/publiccode.yml", plain["id"].as_str().unwrap_or_default()), Some(&owner), None).await;
    assert_eq!(none.error_code(), "not_software");
});
