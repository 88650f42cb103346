//! The real router on a fresh database (SQLite, and PostgreSQL with SHETU_TEST_PG_URL): what a
//! browser or an API client sees, with the platform composed as the binary composes it.

use axum::http::StatusCode;
use shetu_store::{regions, Db};
use shetu_testkit::{app_test, ok, Answer};
use shetu_web::{app, AppState, WebConfig};

fn html_lang_dir(html: &str) -> (String, String) {
    let tag = html
        .split("<html")
        .nth(1)
        .and_then(|t| t.split('>').next())
        .unwrap_or_default();
    let attr = |name: &str| {
        tag.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap_or_default()
            .to_owned()
    };
    (attr("lang"), attr("dir"))
}

app_test!(async fn home_page_speaks_the_chosen_language(app) {
    // Nothing said: the pack's default, Bangla.
    let page = app.get("/", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(html_lang_dir(&page.text()), ("bn".into(), "ltr".into()));
    assert!(page.text().contains("সেতুতে স্বাগতম"));
    // Each enabled module says on the home page what a visitor can do with it.
    for card in ["যোগ দিন বা সাইন ইন করুন", "এলাকা", "কী ভালো করা যায়, জানান"] {
        assert!(page.text().contains(card), "{card}");
    }
    // Accept-Language, then cookie, then an explicit ?lang= win in that order.
    let page = app.get("/", &[("accept-language", "en-GB,en;q=0.9")]).await;
    assert!(page.text().contains("Welcome to shetu"));
    let page = app.get("/", &[("accept-language", "en"), ("cookie", "shetu_lang=ar")]).await;
    assert_eq!(html_lang_dir(&page.text()), ("ar".into(), "rtl".into()));
    assert!(page.text().contains("مرحبًا بكم في شيتو"));
    let page = app.get("/?lang=en", &[("cookie", "shetu_lang=ar")]).await;
    assert_eq!(html_lang_dir(&page.text()), ("en".into(), "ltr".into()));
    // A language shetu does not have is refused with a clear error, in a language it has.
    let page = app.get("/?lang=xx", &[("accept-language", "en")]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text().contains("That language is not available"));
});

app_test!(async fn the_language_switcher_remembers_the_choice(app) {
    let switched = app.get("/lang/ar?next=/regions/bd.division.3", &[]).await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    assert_eq!(switched.header("location"), "/regions/bd.division.3");
    let cookie = switched.header("set-cookie");
    assert!(cookie.starts_with("shetu_lang=ar;") && cookie.contains("SameSite=Lax") && cookie.contains("HttpOnly"), "{cookie}");
    let offsite = app.get("/lang/en?next=https://evil.example/", &[]).await;
    assert_eq!(offsite.header("location"), "/");
    assert_eq!(app.get("/lang/klingon", &[]).await.status, StatusCode::BAD_REQUEST);
    // Every page links the switcher back to itself.
    let page = app.get("/regions?lang=en", &[]).await;
    assert!(page.text().contains("href=\"/lang/bn?next=/regions%3Flang%3Den\""), "{}", page.text());
});

app_test!(async fn regions_can_be_browsed_on_pages(app) {
    let top = app.get("/regions?lang=bn", &[]).await;
    assert_eq!(top.status, StatusCode::OK);
    assert!(top.text().contains("বাংলাদেশের অঞ্চল"));
    assert!(top.text().contains("ঢাকা"));
    let dhaka = regions::children(&app.db, "bd", None, None, 10).await.unwrap_or_else(|e| panic!("{e}"))
        .items.into_iter().find(|r| r.region.iso_code.as_deref() == Some("BD-C")).unwrap_or_else(|| panic!("no Dhaka"));
    let division = app.get(&format!("/regions/{}?lang=en", dhaka.region.id), &[]).await;
    assert!(division.text().contains("<h1>Dhaka</h1>"));
    assert!(division.text().contains("Gazipur"));
    assert!(division.text().contains("BD-C"));
    assert!(division.text().contains("regions inside"));
    let missing = app.get("/regions/bd.division.999?lang=en", &[]).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.text().contains("There is no such region."));
    assert!(missing.header("content-type").starts_with("text/html"));
});

app_test!(async fn regions_api_pages_and_localises(app) {
    let first = app.get("/api/v1/regions?limit=৩", &[("accept-language", "bn")]).await;
    assert_eq!(first.status, StatusCode::OK);
    let body = first.json();
    assert_eq!(body["items"].as_array().map(Vec::len), Some(3));
    assert_eq!(body["items"][0]["name"], "চট্টগ্রাম");
    assert_eq!(body["items"][0]["names"]["en"], "Chattagram");
    let next = body["next"].as_str().unwrap_or_else(|| panic!("no next cursor"));
    let rest = app.get(&format!("/api/v1/regions?limit=10&after={next}"), &[]).await.json();
    // Empty optional parameters are as good as absent.
    let empty = app.get("/api/v1/regions?after=&limit=&parent=", &[]).await;
    assert_eq!(empty.status, StatusCode::OK, "{}", empty.text());
    assert_eq!(empty.json()["items"].as_array().map(Vec::len), Some(8));
    assert_eq!(rest["items"].as_array().map(Vec::len), Some(5));
    assert!(rest["next"].is_null());
    let district = app.get("/api/v1/regions?parent=bd.division.1&limit=500", &[]).await.json();
    assert_eq!(district["items"].as_array().map(Vec::len), Some(11));
    let one = app.get("/api/v1/regions/bd.district.1", &[("accept-language", "en")]).await.json();
    assert_eq!((one["name"].as_str(), one["level"].as_str(), one["iso_code"].as_str()), (Some("Cumilla"), Some("district"), Some("BD-08")));
});

app_test!(pack = "jo"; async fn jordan_pack_serves_arabic_governorates(app) {
    let page = app.get("/", &[]).await;
    assert_eq!(html_lang_dir(&page.text()), ("ar".into(), "rtl".into()));
    let list = app.get("/api/v1/regions?limit=500", &[]).await.json();
    assert_eq!(list["items"].as_array().map(Vec::len), Some(12));
    let regions_page = app.get("/regions", &[]).await.text();
    assert!(regions_page.contains("إربد") && regions_page.contains("مناطق الأردن"));
});

// Every kind of bad input gets a 4xx with a stable code — never a 500 — and nothing is written.
app_test!(async fn bad_input_gets_clear_errors(app) {
    let json = "application/json";
    let big = format!("{{\"message\": \"{}\"}}", "অ".repeat(70_000));
    let huge = vec![b'a'; 9 * 1024 * 1024];
    let long_text = serde_json::json!({ "message": "ক্ষ".repeat(2001) }).to_string();
    let nul = serde_json::json!({ "message": "hello\u{0}world" }).to_string();
    let cases: Vec<(&str, Answer, StatusCode, &str)> = vec![
        ("malformed JSON", app.post("/api/v1/feedback", json, "{\"message\": ", &[]).await, StatusCode::BAD_REQUEST, "malformed_json"),
        ("trailing garbage", app.post("/api/v1/feedback", json, "{\"message\": \"a\"} x", &[]).await, StatusCode::BAD_REQUEST, "malformed_json"),
        ("invalid UTF-8", app.post("/api/v1/feedback", json, vec![b'{', b'"', b'm', 0xff, 0xfe, b'"', b':', b'1', b'}'], &[]).await, StatusCode::BAD_REQUEST, "malformed_json"),
        ("wrong type", app.post("/api/v1/feedback", json, "{\"message\": 42}", &[]).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
        ("missing field", app.post("/api/v1/feedback", json, "{}", &[]).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
        ("unknown field", app.post("/api/v1/feedback", json, "{\"message\": \"a\", \"admin\": true}", &[]).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
        ("not JSON at all", app.post("/api/v1/feedback", "text/plain", "hello", &[]).await, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
        ("body over the JSON limit", app.post("/api/v1/feedback", json, big, &[]).await, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
        ("body over the request limit", app.post("/api/v1/feedback", json, huge, &[]).await, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
        ("NUL byte in text", app.post("/api/v1/feedback", json, nul, &[]).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
        ("overlong text (graphemes)", app.post("/api/v1/feedback", json, long_text, &[]).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
        ("bad phone", app.post("/api/v1/feedback", json, "{\"message\": \"a\", \"phone\": \"12\"}", &[]).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
        ("unknown language", app.get("/api/v1/regions?lang=tlh", &[]).await, StatusCode::BAD_REQUEST, "unsupported_language"),
        ("limit not a number", app.get("/api/v1/regions?limit=ten", &[]).await, StatusCode::BAD_REQUEST, "invalid_query"),
        ("limit out of range", app.get("/api/v1/regions?limit=100000", &[]).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
        ("negative limit", app.get("/api/v1/regions?limit=-1", &[]).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
        ("bad cursor", app.get("/api/v1/regions?after=zz", &[]).await, StatusCode::BAD_REQUEST, "invalid_cursor"),
        ("bad parent id", app.get("/api/v1/regions?parent=%00DROP", &[]).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
        ("unknown parent", app.get("/api/v1/regions?parent=bd.division.99", &[]).await, StatusCode::NOT_FOUND, "region_not_found"),
        ("invalid UTF-8 in query", app.get("/api/v1/regions?parent=%ff%fe", &[]).await, StatusCode::BAD_REQUEST, "invalid_query"),
        ("invalid UTF-8 in path", app.get("/api/v1/regions/%ff%fe", &[]).await, StatusCode::NOT_FOUND, "region_not_found"),
        ("unknown route", app.get("/api/v1/nothing-here", &[]).await, StatusCode::NOT_FOUND, "not_found"),
        ("wrong method", app.post("/api/v1/regions", json, "{}", &[]).await, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
    ];
    for (what, answer, status, code) in &cases {
        assert_eq!(answer.status, *status, "{what}: {}", answer.text());
        assert_eq!(answer.error_code(), *code, "{what}: {}", answer.text());
        let message = answer.json()["error"]["message"].as_str().map(str::len).unwrap_or(0);
        assert!(message > 0, "{what}: no readable message");
    }
    let fields = |i: usize| cases[i].1.json()["error"]["fields"].clone();
    assert_eq!(fields(3)["message"], "ধরন ভুল");
    assert!(fields(4).get("message").is_some());
    assert!(fields(5).get("admin").is_some());
    assert!(fields(10)["message"].as_str().unwrap_or_default().contains("২০০০"), "{}", fields(10));
    assert_eq!(shetu_commons::feedback::count(&app.db).await.unwrap_or_else(|e| panic!("{e}")), 0, "nothing written");
    // HTML routes answer bad input with a page, not JSON.
    let page = app.get("/nowhere?lang=en", &[]).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.text().contains("We could not find that page."));
});

app_test!(async fn feedback_is_received_once_and_announced(app) {
    let body = serde_json::json!({ "message": "  নকশী কাঁথা পাতায় দাম দেখা যায় না ", "phone": "০১৭১১-০০০০০০" }).to_string();
    let created = app.post("/api/v1/feedback", "application/json; charset=utf-8", body, &[]).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    assert!(created.json()["id"].as_str().is_some());
    use sqlx::Row;
    let row = sqlx::query("SELECT message, contact_phone FROM feedback").fetch_one(app.db.pool()).await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(row.try_get::<String, _>(0).ok().as_deref(), Some("নকশী কাঁথা পাতায় দাম দেখা যায় না"));
    assert_eq!(row.try_get::<String, _>(1).ok().as_deref(), Some("+8801711000000"));
    let events = sqlx::query("SELECT COUNT(*) FROM outbox_event WHERE topic = 'feedback.received'").fetch_one(app.db.pool()).await
        .and_then(|r| r.try_get::<i64, _>(0)).unwrap_or_default();
    assert_eq!(events, 1);
    // The same through the page form, without JavaScript; forms carry a CSRF token.
    let csrf = app.csrf_cookie().await;
    let cookie = format!("shetu_csrf={csrf}");
    let form = format!("csrf={csrf}&message=%E0%A6%AD%E0%A6%BE%E0%A6%B2%E0%A7%8B&phone=");
    let sent = app.post("/feedback", "application/x-www-form-urlencoded", form.clone(), &[("host", "shetu.test"), ("origin", "https://shetu.test"), ("cookie", &cookie)]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    assert_eq!(sent.header("location"), "/feedback?sent=1");
    let shown_again = app.post("/feedback?lang=en", "application/x-www-form-urlencoded", format!("csrf={csrf}&message=&phone=123"), &[("cookie", &cookie)]).await;
    assert_eq!(shown_again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(shown_again.text().contains("must not be empty") && shown_again.text().contains("value=\"123\""));
    let forged = app.post("/feedback", "application/x-www-form-urlencoded", form.clone(), &[("host", "shetu.test"), ("origin", "https://evil.example"), ("sec-fetch-site", "cross-site"), ("cookie", &cookie)]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let no_token = app.post("/feedback?lang=en", "application/x-www-form-urlencoded", "message=hello&phone=", &[("cookie", &cookie)]).await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    assert!(no_token.text().contains("This form has expired"));
    let wrong_token = app.post("/feedback", "application/x-www-form-urlencoded", "csrf=guess&message=hello&phone=", &[("cookie", &cookie)]).await;
    assert_eq!(wrong_token.status, StatusCode::FORBIDDEN);
    assert_eq!(shetu_commons::feedback::count(&app.db).await.unwrap_or_else(|e| panic!("{e}")), 2);
});

// Security headers, compression, no other hosts, and the first view under 60 KB compressed.
app_test!(async fn pages_are_light_safe_and_self_hosted(app) {
    for path in ["/", "/regions", "/regions/bd.division.3", "/regions/bd.upazila.1", "/feedback", "/api/docs", "/nowhere"] {
        let page = app.get(path, &[("accept-encoding", "gzip")]).await;
        assert_eq!(page.header("content-encoding"), "gzip", "{path}");
        let csp = page.header("content-security-policy");
        assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{path}: {csp}");
        assert_eq!(page.header("x-content-type-options"), "nosniff");
        assert!(!page.header("referrer-policy").is_empty());
        let html = String::from_utf8_lossy(&decompress(&page.body)).into_owned();
        let mut weight = page.body.len();
        for attr in ["src=\"", "href=\""] {
            for link in html.split(attr).skip(1).filter_map(|s| s.split('"').next()) {
                assert!(!link.starts_with("http:") && !link.starts_with("https:") && !link.starts_with("//"), "{path} loads {link}");
                if link.starts_with("/static/") && !link.ends_with(".svg") {
                    let asset = app.get(link, &[("accept-encoding", "gzip")]).await;
                    assert_eq!(asset.status, StatusCode::OK, "{link}");
                    weight += asset.body.len();
                }
            }
        }
        assert!(!html.contains("<script>") && !html.contains(" style="), "{path} has inline script or style");
        assert!(weight <= 60 * 1024, "{path}: first view is {weight} bytes compressed");
    }
});

fn decompress(gz: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_end(&mut out)
        .unwrap_or_else(|e| panic!("not gzip: {e}"));
    out
}

app_test!(async fn operations_endpoints_report_health(app) {
    assert_eq!(app.get("/healthz", &[]).await.json()["status"], "ok");
    // Ready once the search index has been built from the database.
    app.sync_search().await;
    let ready = app.get("/readyz", &[]).await;
    assert_eq!(ready.status, StatusCode::OK);
    assert_eq!(ready.json()["database"], app.db.backend().name());
    assert_eq!(app.get("/api/v1/regions?limit=1", &[]).await.status, StatusCode::OK);
    let metrics = app.get("/metrics", &[]).await.text();
    assert!(metrics.contains("http_requests_total{method=\"GET\",route=\"/api/v1/regions\",status=\"200\"}"), "{metrics}");
    assert!(metrics.contains("http_request_duration_seconds_bucket"), "latency histogram missing");
    assert!(metrics.contains("shetu_jobs{state=\"pending\"}"));
});

app_test!(async fn readyz_waits_for_the_search_index_to_be_built(app) {
    let before = app.get("/readyz", &[]).await;
    assert_eq!(before.status, StatusCode::SERVICE_UNAVAILABLE, "{}", before.text());
    assert!(before.text().contains("search index is being built"), "{}", before.text());
    app.sync_search().await;
    assert_eq!(app.get("/readyz", &[]).await.status, StatusCode::OK);
});

#[tokio::test]
async fn readyz_says_not_ready_until_migrated() {
    let path =
        std::env::temp_dir().join(format!("shetu-unmigrated-{}.sqlite", uuid::Uuid::new_v4()));
    let db = Db::connect(&shetu_store::DbConfig::new(format!(
        "sqlite://{}",
        path.display()
    )))
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let pack = ok(shetu_pack::Pack::built_in("bd"));
    let modules = shetu::modules();
    let state = ok(AppState::new(
        db.clone(),
        pack,
        WebConfig::default(),
        &modules,
        Default::default(),
    ));
    let router = app(state, &modules);
    let ask = || async {
        use tower::ServiceExt;
        let request = ok(axum::http::Request::builder()
            .uri("/readyz")
            .body(axum::body::Body::empty()));
        let response = router
            .clone()
            .oneshot(request)
            .await
            .unwrap_or_else(|e| match e {});
        let status = response.status();
        let body = http_body_util::BodyExt::collect(response.into_body())
            .await
            .map(|b| b.to_bytes().to_vec())
            .unwrap_or_default();
        (status, String::from_utf8_lossy(&body).into_owned())
    };
    let (status, body) = ask().await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.contains("\"service_unavailable\""), "{body}");
    let sets = modules.migrations();
    ok(db.migrate(&sets.iter().collect::<Vec<_>>()).await);
    assert_eq!(ask().await.0, StatusCode::OK);
    db.close().await;
    let _ = std::fs::remove_file(path);
}

#[tokio::test]
async fn openapi_document_is_generated_from_the_handlers() {
    let doc = ok(serde_json::to_value(shetu_web::api::openapi(
        &shetu::modules(),
    )));
    assert_eq!(
        doc["openapi"].as_str().map(|v| v.starts_with("3.1")),
        Some(true)
    );
    insta::assert_json_snapshot!("openapi", doc);
}

#[tokio::test]
async fn every_operation_lists_the_errors_it_can_return() {
    let doc = ok(serde_json::to_value(shetu_web::api::openapi(
        &shetu::modules(),
    )));
    let mut checked = 0;
    for (path, item) in ok(doc["paths"].as_object().ok_or("no paths")) {
        for (method, op) in ok(item.as_object().ok_or("no operations")) {
            let responses = &op["responses"];
            let mut expect = Vec::new();
            if op["security"].as_array().is_some_and(|s| !s.is_empty()) {
                expect.extend(["400", "401", "403"]);
            }
            if op["requestBody"].is_object() {
                expect.extend(["400", "413", "415", "422"]);
            }
            if path.contains('{') {
                expect.push("404");
            }
            for status in expect {
                let schema = &responses[status]["content"]["application/json"]["schema"]["$ref"];
                assert_eq!(
                    schema.as_str(),
                    Some("#/components/schemas/ErrorBody"),
                    "{method} {path} does not list {status} with the error envelope"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} operations");
}
