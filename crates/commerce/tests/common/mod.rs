//! What the commerce tests share: a verified shop with one product.

use axum::http::{Method, StatusCode};
use serde_json::json;
use shetu_testkit::{Person, TestApp};

/// A district of the bd pack (Khulna division).
#[allow(dead_code)]
pub const DISTRICT: &str = "bd.district.47";

/// A verified shop of `owner` with one product (one variant with `stock`), listed by the owner;
/// returns (shop id, product id, variant id).
pub async fn shop_with(app: &TestApp, owner: &Person, stock: i64) -> (String, String, String) {
    let admin = app.login_as("admin").await;
    let shop = app
        .json(
            Method::POST,
            "/api/v1/shops",
            Some(owner),
            Some(json!({ "name": "রহিমার মধুঘর", "kind": "shop", "district": DISTRICT, "women_led": true,
                "payout_kind": "wallet", "payout_account": "01711000111" })),
        )
        .await
        .expect(StatusCode::CREATED)
        .json();
    let shop_id = shop["id"].as_str().unwrap_or_default().to_owned();
    app.json(
        Method::POST,
        &format!("/api/v1/shops/{shop_id}/verification"),
        Some(&admin),
        None,
    )
    .await
    .expect(StatusCode::OK);
    let product = app
        .json(
            Method::POST,
            &format!("/api/v1/shops/{shop_id}/products"),
            Some(owner),
            Some(json!({ "category": "honey", "unit": "piece", "title_bn": "সুন্দরবনের খাঁটি মধু",
                "title_en": "Pure Sundarbans honey", "description_bn": "খলিশা ফুলের মধু",
                "variants": [{ "sku": "H-500", "label": "৫০০ গ্রাম", "price_minor": 45000, "stock": stock,
                    "tiers": [{ "min_quantity": 10, "unit_price_minor": 42000 }] }] })),
        )
        .await
        .expect(StatusCode::CREATED)
        .json();
    let product_id = product["id"].as_str().unwrap_or_default().to_owned();
    let variant = product["variants"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    (shop_id, product_id, variant)
}

/// Moves `order` through `states` as `who` (each move must succeed).
#[allow(dead_code)]
pub async fn move_through(app: &TestApp, who: &Person, order: &str, states: &[&str]) {
    for to in states {
        app.json(
            Method::POST,
            &format!("/api/v1/orders/{order}/transitions"),
            Some(who),
            Some(json!({ "to": to })),
        )
        .await
        .expect(StatusCode::OK);
    }
}

/// A PNG of `width` × `height` pixels, its colours shifted by `tint`.
#[allow(dead_code)]
pub fn png(width: u32, height: u32, tint: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, tint])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap_or_else(|e| panic!("{e}"));
    out
}

/// `POST /api/v1/products/{product}/photos` with `bytes` as `who`.
#[allow(dead_code)]
pub async fn upload(
    app: &TestApp,
    who: &Person,
    product: &str,
    bytes: Vec<u8>,
) -> shetu_testkit::Answer {
    let (name, value) = who.bearer();
    app.request(
        Method::POST,
        &format!("/api/v1/products/{product}/photos"),
        &[("content-type", "image/png"), (&name, &value)],
        bytes,
    )
    .await
}
