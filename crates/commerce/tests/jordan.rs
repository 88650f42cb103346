//! The marketplace on Jordan's pack: money in fils (three decimals), pages in Arabic.

use axum::http::{Method, StatusCode};
use serde_json::json;
use shetu_testkit::app_test;

app_test!(pack = "jo"; async fn prices_show_three_decimals_on_the_jordan_pack(app) {
    let admin = app.login_as("admin").await;
    let owner = app.login_as("person").await;
    let regions = app.get("/api/v1/regions?limit=1", &[]).await.json();
    let district = regions["items"][0]["id"].as_str().unwrap_or_default().to_owned();
    let shop = app
        .json(Method::POST, "/api/v1/shops", Some(&owner),
            Some(json!({ "name": "زيت زيتون عجلون", "kind": "farmer", "district": district, "women_led": true,
                "payout_kind": "bank", "payout_account": "JO71CBJO0000000000001234567890" })))
        .await
        .expect(StatusCode::CREATED)
        .json();
    let shop = shop["id"].as_str().unwrap_or_default().to_owned();
    app.json(Method::POST, &format!("/api/v1/shops/{shop}/verification"), Some(&admin), None).await.expect(StatusCode::OK);
    let product = app
        .json(Method::POST, &format!("/api/v1/shops/{shop}/products"), Some(&owner),
            Some(json!({ "category": "oil", "unit": "litre", "title_bn": "জলপাই তেল", "title_en": "Ajloun olive oil",
                "variants": [{ "sku": "OO-1", "price_minor": 12345, "stock": 8 }] })))
        .await
        .expect(StatusCode::CREATED)
        .json();
    let id = product["id"].as_str().unwrap_or_default();
    let en = app.get(&format!("/shop/products/{id}"), &[("accept-language", "en")]).await.expect(StatusCode::OK).text();
    assert!(en.contains("12.345"), "three decimals in English");
    let ar = app.get(&format!("/shop/products/{id}"), &[("accept-language", "ar")]).await.expect(StatusCode::OK).text();
    assert!(ar.contains("dir=\"rtl\""));
    assert!(ar.contains("<td>١٢٫٣٤٥\u{a0}د.أ.</td>"), "three decimals in Arabic digits");
});
