//! Product photos on SQLite and PostgreSQL: sent through the API or taken on the listing form,
//! checked by content, re-encoded to a photo and a thumbnail under the data directory, shown on the
//! product page and in the catalogue, kept once when sent twice; anything else is refused with the
//! problem named beside the field.

use axum::http::StatusCode;
use shetu_testkit::app_test;

mod common;
use common::{shop_with, upload};

fn png(width: u32, height: u32) -> Vec<u8> {
    common::png(width, height, 120)
}

/// A multipart form: text fields and one file field `photo`.
fn multipart(fields: &[(&str, &str)], photo: Option<&[u8]>) -> (String, Vec<u8>) {
    let boundary = "----shetu-test-boundary-7d3f";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    if let Some(bytes) = photo {
        body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"camera.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes());
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

app_test!(async fn photos_are_checked_re_encoded_kept_once_and_shown(app) {
    let owner = app.login_as("person").await;
    let stranger = app.login_as("person").await;
    let (_, product, _) = shop_with(app, &owner, 5).await;

    let photo = upload(app, &owner, &product, png(2000, 1500)).await.expect(StatusCode::CREATED).json();
    assert_eq!((photo["width"].as_i64(), photo["height"].as_i64()), (Some(1200), Some(900)));
    let url = photo["url"].as_str().unwrap_or_default().to_owned();
    let thumb = photo["thumbnail_url"].as_str().unwrap_or_default().to_owned();
    let full = app.get(&url, &[]).await.expect(StatusCode::OK);
    assert_eq!(full.header("content-type"), "image/jpeg");
    assert!(full.header("cache-control").contains("immutable"));
    let small = app.get(&thumb, &[]).await.expect(StatusCode::OK);
    let decoded = image::load_from_memory(&small.body).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((decoded.width(), decoded.height()), (320, 240));

    // The same photo again is the same photo.
    let again = upload(app, &owner, &product, png(2000, 1500)).await.expect(StatusCode::CREATED).json();
    assert_eq!(again["id"], photo["id"]);
    // Not an image, someone else's product, a name that is not a photo's: refused, nothing kept.
    let text = upload(app, &owner, &product, b"GIF89a is not what this is".to_vec()).await;
    assert_eq!(text.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(text.error_code(), "validation_failed");
    assert!(text.field_error("photo").is_some_and(|m| m.contains("JPEG")), "the photo is named");
    let theirs = upload(app, &stranger, &product, png(40, 30)).await;
    assert_eq!((theirs.status, theirs.error_code().as_str()), (StatusCode::NOT_FOUND, "product_not_found"));
    for bad in ["/shop/photos/..%2F..%2Fetc%2Fpasswd", "/shop/photos/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.jpg", "/shop/photos/x.jpg"] {
        assert_eq!(app.get(bad, &[]).await.status, StatusCode::NOT_FOUND, "{bad}");
    }
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM commerce_photo")
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(kept, 1);
    let files = walk(&app.data_dir.join("photos"));
    assert_eq!(files, 2, "a photo and its thumbnail, nothing left over");

    // The product page shows it; the catalogue shows the thumbnail.
    let page = app.get(&format!("/shop/products/{product}"), &[]).await.expect(StatusCode::OK).text();
    assert!(page.contains(&format!("src=\"{url}\"")), "{page}");
    app.sync_search().await;
    let catalogue = app.get("/shop?q=%E0%A6%AE%E0%A6%A7%E0%A7%81", &[]).await.expect(StatusCode::OK).text();
    assert!(catalogue.contains(&format!("src=\"{thumb}\"")), "the catalogue shows the thumbnail");
});

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        walk(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

app_test!(async fn the_listing_form_takes_a_photo_from_the_camera_and_names_every_mistake(app) {
    let owner = app.login_as("person").await;
    let (shop, _, _) = shop_with(app, &owner, 5).await;
    let csrf = app.session_csrf(&owner).await;
    let cookie = owner.browser().1;
    let fields = |title: &'static str| vec![("csrf", csrf.clone()), ("token", "t-1".to_owned()), ("title_bn", title.to_owned()),
        ("title_en", "Jamdani saree".to_owned()), ("category", "jamdani".to_owned()), ("unit", "piece".to_owned()),
        ("sku", "J-1".to_owned()), ("price", "৪৫০০".to_owned()), ("stock", "৩".to_owned())];
    let send = |fields: Vec<(&'static str, String)>, photo: Option<Vec<u8>>| {
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (kind, body) = multipart(&pairs, photo.as_deref());
        let (cookie, uri) = (cookie.clone(), format!("/shop/sell/{shop}"));
        async move { app.post(&uri, &kind, body, &[("cookie", &cookie)]).await }
    };
    // No Bangla title and a file that is not a photo: both named, what was typed kept.
    let wrong = send(fields(""), Some(b"%PDF-1.4 not a photo".to_vec())).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = wrong.text();
    assert!(text.contains("id=\"title_bn-problem\"") && text.contains("id=\"photo-problem\""), "{text}");
    assert!(text.contains("value=\"Jamdani saree\""));
    // Right, twice (a resend): one product, one photo.
    for _ in 0..2 {
        send(fields("ঢাকাই জামদানি শাড়ি"), Some(png(900, 1200))).await.expect(StatusCode::SEE_OTHER);
    }
    let (products, photos): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM commerce_product WHERE title_bn = 'ঢাকাই জামদানি শাড়ি'), \
         (SELECT COUNT(*) FROM commerce_photo p JOIN commerce_product q ON q.id = p.product_id WHERE q.title_bn = 'ঢাকাই জামদানি শাড়ি')",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((products, photos), (1, 1));
    // Without a CSRF token the form is refused.
    let forged = send(fields("x").into_iter().filter(|(k, _)| *k != "csrf").collect(), None).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
});
