//! Sign-in, sessions, CSRF, tokens, rate limits and acting for someone, through the real router
//! on SQLite and (with SHETU_TEST_PG_URL) PostgreSQL.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use shetu_core::{Lang, Text};
use shetu_pack::Pack;
use shetu_people::persons::{self, NewPerson};
use shetu_people::sms::{self, SandboxSms, SendSms};
use shetu_people::{orgs, Role};
use shetu_store::jobs::JobRunner;
use shetu_store::{db_test, now_ms, regions, Db};
use shetu_web::{app, AppState, WebConfig};
use std::sync::Arc;
use tower::ServiceExt;

fn ok<T, E: std::fmt::Debug>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e:?}"))
}

struct Answer {
    status: StatusCode,
    cookies: Vec<String>,
    location: String,
    retry_after: String,
    body: String,
}

impl Answer {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    fn code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
    fn cookie(&self, name: &str) -> Option<String> {
        self.cookies
            .iter()
            .find_map(|c| c.strip_prefix(&format!("{name}=")))
            .map(|v| v.split(';').next().unwrap_or_default().to_owned())
    }
}

async fn call(
    app: &Router,
    method: Method,
    uri: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, String)>,
) -> Answer {
    let mut request = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let body = match body {
        Some((content_type, text)) => {
            request = request.header(header::CONTENT_TYPE, content_type);
            Body::from(text)
        }
        None => Body::empty(),
    };
    let response = app
        .clone()
        .oneshot(ok(request.body(body)))
        .await
        .unwrap_or_else(|e| match e {});
    let status = response.status();
    let h = response.headers().clone();
    let text = |name: header::HeaderName| {
        h.get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let cookies = h
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect();
    let (location, retry_after) = (text(header::LOCATION), text(header::RETRY_AFTER));
    let body = response
        .into_body()
        .collect()
        .await
        .map(|b| String::from_utf8_lossy(&b.to_bytes()).into_owned())
        .unwrap_or_default();
    Answer {
        status,
        cookies,
        location,
        retry_after,
        body,
    }
}

async fn json(
    app: &Router,
    method: Method,
    uri: &str,
    token: Option<&str>,
    extra: &[(&str, &str)],
    body: serde_json::Value,
) -> Answer {
    let bearer = token.map(|t| format!("Bearer {t}"));
    let mut headers: Vec<(&str, &str)> = extra.to_vec();
    if let Some(b) = &bearer {
        headers.push(("authorization", b));
    }
    let body = (method != Method::GET && method != Method::DELETE)
        .then(|| ("application/json", body.to_string()));
    call(app, method, uri, &headers, body).await
}

struct World {
    app: Router,
    db: Db,
    agent_phone: &'static str,
    client_id: String,
    client_phone: &'static str,
    admin_phone: &'static str,
}

async fn world(db: &Db) -> World {
    let pack = ok(Pack::built_in("bd"));
    ok(regions::seed(db, pack).await);
    let now = now_ms();
    let mk = |phone: &str, name: &str| NewPerson {
        name: ok(Text::parse(name, 50)),
        phone: ok(pack.phone.parse_mobile(phone)),
        language: ok(Lang::parse("bn")),
        home_region: None,
        password: Some("shetu-demo".into()),
    };
    let admin = ok(persons::create(db, None, mk("01700000000", "Admin"), now).await);
    ok(orgs::bootstrap_role(db, admin.id, Role::Admin, now).await);
    let agent = ok(persons::create(db, None, mk("01700000001", "Rafiq Agent"), now).await);
    ok(orgs::bootstrap_role(db, agent.id, Role::Agent, now).await);
    let client = ok(persons::create(db, None, mk("01700000002", "Rahima Begum"), now).await);
    let state = ok(AppState::new(
        db.clone(),
        pack,
        WebConfig {
            demo: true,
            ..WebConfig::default()
        },
    ));
    World {
        app: app(state),
        db: db.clone(),
        agent_phone: "01700000001",
        client_id: client.id.to_string(),
        client_phone: "+8801700000002",
        admin_phone: "01700000000",
    }
}

async fn login(w: &World, phone: &str) -> String {
    let answer = json(
        &w.app,
        Method::POST,
        "/api/v1/auth/login",
        None,
        &[],
        serde_json::json!({ "phone": phone, "password": "shetu-demo" }),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.json()["token"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn last_code(db: &Db, to: &str) -> String {
    ok(JobRunner::new(db.clone())
        .register(SendSms::new(Arc::new(SandboxSms)))
        .run_pending()
        .await);
    let phone = ok(shetu_core::Phone::parse_e164(to));
    let body = ok(sms::sandbox_outbox(db, Some(&phone), 1).await)
        .remove(0)
        .body;
    let chars: Vec<char> = body.chars().collect();
    chars
        .windows(6)
        .find(|w| w.iter().all(char::is_ascii_digit))
        .map(|w| w.iter().collect())
        .unwrap_or_else(|| panic!("no code in {body}"))
}

/// Signs in through the page form; returns the session cookie.
async fn page_sign_in(w: &World, phone: &str, old_session: Option<&str>) -> Answer {
    let first = call(&w.app, Method::GET, "/signin", &[], None).await;
    let csrf = first.cookie("shetu_csrf").unwrap_or_default();
    let cookie = match old_session {
        Some(old) => format!("shetu_csrf={csrf}; shetu_session={old}"),
        None => format!("shetu_csrf={csrf}"),
    };
    let form = format!("csrf={csrf}&phone={phone}&password=shetu-demo&next=/me");
    // With a session cookie present, the anonymous token is not the one to use: fetch the form again.
    let csrf_field = if old_session.is_some() {
        String::new()
    } else {
        csrf.clone()
    };
    let form = if old_session.is_some() {
        format!("csrf={csrf_field}&phone={phone}&password=shetu-demo&next=/me")
    } else {
        form
    };
    call(
        &w.app,
        Method::POST,
        "/signin",
        &[("cookie", &cookie)],
        Some(("application/x-www-form-urlencoded", form)),
    )
    .await
}

db_test!(async fn sessions_start_fresh_end_on_sign_out_and_need_csrf(db) {
    let w = world(&db).await;
    let signed = page_sign_in(&w, w.client_phone, None).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
    assert_eq!(signed.location, "/me");
    let set = signed.cookies.iter().find(|c| c.starts_with("shetu_session=")).cloned().unwrap_or_default();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax"), "{set}");
    let first = signed.cookie("shetu_session").unwrap_or_default();
    let me = call(&w.app, Method::GET, "/me?lang=en", &[("cookie", &format!("shetu_session={first}"))], None).await;
    assert_eq!(me.status, StatusCode::OK);
    assert!(me.body.contains("Rahima Begum"));
    // A sign-in form posted with no or a wrong token is refused.
    let forged = call(&w.app, Method::POST, "/signin", &[("cookie", "shetu_csrf=abc")], Some(("application/x-www-form-urlencoded", format!("csrf=xyz&phone={}&password=shetu-demo", w.client_phone)))).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // Signed-in forms need the session's token.
    let csrf = me.body.split("name=\"csrf\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or_default().to_owned();
    assert!(!csrf.is_empty());
    let cookie = format!("shetu_session={first}");
    let wrong = call(&w.app, Method::POST, "/me", &[("cookie", &cookie)], Some(("application/x-www-form-urlencoded", "csrf=nope&name=X&language=en&home_region=".into()))).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let saved = call(&w.app, Method::POST, "/me", &[("cookie", &cookie)], Some(("application/x-www-form-urlencoded", format!("csrf={csrf}&name=Rahima&language=en&home_region=bd.district.1")))).await;
    assert_eq!((saved.status, saved.location.as_str()), (StatusCode::SEE_OTHER, "/me?saved=1"));
    // No fixation: signing in again gives a new id, and the old one is dead.
    let again = page_sign_in(&w, w.client_phone, Some(&first)).await;
    let again = if again.status == StatusCode::FORBIDDEN {
        // The form must be fetched with the session cookie: take its token and retry.
        let page = call(&w.app, Method::GET, "/signin", &[("cookie", &cookie)], None).await;
        let token = page.body.split("name=\"csrf\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or_default().to_owned();
        call(&w.app, Method::POST, "/signin", &[("cookie", &cookie)], Some(("application/x-www-form-urlencoded", format!("csrf={token}&phone={}&password=shetu-demo", w.client_phone)))).await
    } else {
        again
    };
    let second = again.cookie("shetu_session").unwrap_or_default();
    assert!(!second.is_empty() && second != first);
    let old = call(&w.app, Method::GET, "/me", &[("cookie", &cookie)], None).await;
    assert_eq!(old.status, StatusCode::SEE_OTHER);
    assert!(old.location.starts_with("/signin"));
    // Sign-out ends it.
    let cookie2 = format!("shetu_session={second}");
    let page = call(&w.app, Method::GET, "/me", &[("cookie", &cookie2)], None).await;
    let token = page.body.split("name=\"csrf\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or_default().to_owned();
    let out = call(&w.app, Method::POST, "/signout", &[("cookie", &cookie2)], Some(("application/x-www-form-urlencoded", format!("csrf={token}")))).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(out.cookies.iter().any(|c| c.starts_with("shetu_session=;") && c.contains("Max-Age=0")));
    assert_eq!(call(&w.app, Method::GET, "/me", &[("cookie", &cookie2)], None).await.status, StatusCode::SEE_OTHER);
});

db_test!(async fn api_tokens_rate_limits_and_revocation(db) {
    let w = world(&db).await;
    let token = login(&w, "০১৭০০০০০০০২").await;
    let me = json(&w.app, Method::GET, "/api/v1/me", Some(&token), &[], serde_json::Value::Null).await;
    assert_eq!(me.status, StatusCode::OK);
    let body = me.json();
    assert_eq!((body["phone"].as_str(), body["language"].as_str()), (Some(w.client_phone), Some("bn")));
    assert_eq!(json(&w.app, Method::GET, "/api/v1/me", None, &[], serde_json::Value::Null).await.code(), "sign_in_required");
    assert_eq!(json(&w.app, Method::GET, "/api/v1/me", Some("shetu_forged"), &[], serde_json::Value::Null).await.status, StatusCode::UNAUTHORIZED);
    // Revoked tokens stop working; others' tokens cannot be revoked.
    let list = json(&w.app, Method::GET, "/api/v1/me/tokens", Some(&token), &[], serde_json::Value::Null).await.json();
    let id = list[0]["id"].as_str().unwrap_or_default().to_owned();
    let agent = login(&w, w.agent_phone).await;
    assert_eq!(json(&w.app, Method::DELETE, &format!("/api/v1/me/tokens/{id}"), Some(&agent), &[], serde_json::Value::Null).await.status, StatusCode::NOT_FOUND);
    assert_eq!(json(&w.app, Method::DELETE, &format!("/api/v1/me/tokens/{id}"), Some(&token), &[], serde_json::Value::Null).await.status, StatusCode::NO_CONTENT);
    assert_eq!(json(&w.app, Method::GET, "/api/v1/me", Some(&token), &[], serde_json::Value::Null).await.status, StatusCode::UNAUTHORIZED);
    // Repeated failures: 429 with Retry-After.
    let mut last = None;
    for _ in 0..6 {
        last = Some(json(&w.app, Method::POST, "/api/v1/auth/login", None, &[], serde_json::json!({ "phone": w.admin_phone, "password": "wrong-wrong" })).await);
    }
    let last = last.unwrap_or_else(|| panic!("no answer"));
    assert_eq!(last.status, StatusCode::TOO_MANY_REQUESTS, "{}", last.body);
    assert_eq!(last.code(), "rate_limited");
    assert!(last.retry_after.parse::<i64>().is_ok_and(|s| s > 0 && s <= 900), "Retry-After: {}", last.retry_after);
    let wrong = json(&w.app, Method::POST, "/api/v1/auth/login", None, &[("accept-language", "en")], serde_json::json!({ "phone": w.client_phone, "password": "nope-nope" })).await;
    assert_eq!((wrong.status, wrong.code().as_str()), (StatusCode::UNAUTHORIZED, "invalid_credentials"));
});

db_test!(async fn acting_for_someone_needs_their_mandate(db) {
    let w = world(&db).await;
    let agent = login(&w, w.agent_phone).await;
    let client = login(&w, w.client_phone).await;
    let change = serde_json::json!({ "language": "en" });
    let obo = |who: &str| vec![("on-behalf-of", who.to_owned())];
    let patch = |token: String, who: Vec<(&'static str, String)>| {
        let app = w.app.clone();
        let change = change.clone();
        async move {
            let headers: Vec<(&str, &str)> = who.iter().map(|(k, v)| (*k, v.as_str())).collect();
            json(&app, Method::PATCH, "/api/v1/me", Some(&token), &headers, change).await
        }
    };
    // No mandate; a made-up person; an unreadable id: all the same answer.
    for who in [w.client_id.clone(), uuid::Uuid::now_v7().to_string(), "not-an-id".into()] {
        let a = patch(agent.clone(), obo(&who)).await;
        assert_eq!((a.status, a.code().as_str()), (StatusCode::FORBIDDEN, "mandate_required"), "{who}");
    }
    // Ask, confirm with the code sent to the client, then act.
    let asked = json(&w.app, Method::POST, "/api/v1/mandates", Some(&agent), &[], serde_json::json!({ "person": w.client_id, "scopes": ["profile.edit"], "valid_days": 30 })).await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.body);
    let id = asked.json()["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(patch(agent.clone(), obo(&w.client_id)).await.code(), "mandate_required", "pending");
    let code = last_code(&w.db, w.client_phone).await;
    let bad = json(&w.app, Method::POST, &format!("/api/v1/mandates/{id}/confirm"), Some(&agent), &[], serde_json::json!({ "code": "12345x" })).await;
    assert_eq!(bad.code(), "code_invalid");
    let confirmed = json(&w.app, Method::POST, &format!("/api/v1/mandates/{id}/confirm"), Some(&agent), &[], serde_json::json!({ "code": code })).await;
    assert_eq!(confirmed.json()["status"], "active", "{}", confirmed.body);
    let done = patch(agent.clone(), obo(&w.client_id)).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!((done.json()["id"].as_str(), done.json()["language"].as_str()), (Some(w.client_id.as_str()), Some("en")));
    // The client sees it in their trail.
    let trail = json(&w.app, Method::GET, "/api/v1/me/audit", Some(&client), &[], serde_json::Value::Null).await.json();
    assert_eq!(trail[0]["action"], "person.update_profile");
    let agent_id = json(&w.app, Method::GET, "/api/v1/me", Some(&agent), &[], serde_json::Value::Null).await.json()["id"].clone();
    assert_eq!(trail[0]["actor"], agent_id);
    // Someone else cannot withdraw it; the client can, and then it is refused again.
    assert_eq!(json(&w.app, Method::DELETE, &format!("/api/v1/mandates/{id}"), Some(&agent), &[], serde_json::Value::Null).await.status, StatusCode::NOT_FOUND);
    assert_eq!(json(&w.app, Method::DELETE, &format!("/api/v1/mandates/{id}"), Some(&client), &[], serde_json::Value::Null).await.json()["status"], "revoked");
    assert_eq!(patch(agent.clone(), obo(&w.client_id)).await.code(), "mandate_required");
    // A client is no agent: they cannot ask for mandates or act for others.
    let c = json(&w.app, Method::POST, "/api/v1/mandates", Some(&client), &[], serde_json::json!({ "person": w.client_id, "scopes": ["profile.edit"], "valid_days": 3 })).await;
    assert_eq!(c.code(), "forbidden");
    let bad_scope = json(&w.app, Method::POST, "/api/v1/mandates", Some(&agent), &[], serde_json::json!({ "person": w.client_id, "scopes": ["everything"], "valid_days": 3 })).await;
    assert_eq!(bad_scope.status, StatusCode::UNPROCESSABLE_ENTITY);
});

db_test!(async fn admin_routes_are_for_admins(db) {
    let w = world(&db).await;
    let admin = login(&w, w.admin_phone).await;
    let agent = login(&w, w.agent_phone).await;
    let org = serde_json::json!({ "name": "Nakshi Collective", "kind": "shop", "region": "bd.district.1" });
    assert_eq!(json(&w.app, Method::POST, "/api/v1/organizations", Some(&agent), &[], org.clone()).await.code(), "forbidden");
    let made = json(&w.app, Method::POST, "/api/v1/organizations", Some(&admin), &[], org).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let point = json(&w.app, Method::POST, "/api/v1/service-points", Some(&admin), &[], serde_json::json!({ "name": "Kapasia UDC", "kind": "union_digital_centre", "region": "bd.union.1" })).await;
    assert_eq!(point.status, StatusCode::CREATED);
    let pid = point.json()["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(json(&w.app, Method::PUT, &format!("/api/v1/service-points/{pid}/agents/{}", w.client_id), Some(&admin), &[], serde_json::json!({})).await.status, StatusCode::NO_CONTENT);
    let client = login(&w, w.client_phone).await;
    let roles = json(&w.app, Method::GET, "/api/v1/me", Some(&client), &[], serde_json::Value::Null).await.json()["roles"].clone();
    assert_eq!(roles, serde_json::json!(["agent"]));
    let trail = json(&w.app, Method::GET, "/api/v1/audit?action=service_point.", Some(&admin), &[], serde_json::Value::Null).await;
    assert_eq!(trail.json().as_array().map(Vec::len), Some(2));
    assert_eq!(json(&w.app, Method::GET, "/api/v1/audit", Some(&agent), &[], serde_json::Value::Null).await.code(), "forbidden");
    assert_eq!(json(&w.app, Method::GET, "/api/v1/admin/sms", Some(&admin), &[], serde_json::Value::Null).await.status, StatusCode::OK);
    // Pages: admin yes, agent no.
    assert_eq!(call(&w.app, Method::GET, "/admin", &[], None).await.status, StatusCode::SEE_OTHER);
});

db_test!(async fn signed_in_pages_are_light_and_refuse_the_wrong_people(db) {
    let w = world(&db).await;
    let session = |phone: &'static str| {
        let w = &w;
        async move { page_sign_in(w, phone, None).await.cookie("shetu_session").unwrap_or_default() }
    };
    let admin = format!("shetu_session={}", session(w.admin_phone).await);
    let agent = format!("shetu_session={}", session(w.agent_phone).await);
    let client = format!("shetu_session={}", session(w.client_phone).await);
    for (path, cookie) in [("/me", &client), ("/me/tokens", &client), ("/me/audit", &client), ("/agent", &agent), ("/admin", &admin)] {
        let page = call(&w.app, Method::GET, path, &[("cookie", cookie.as_str()), ("accept-encoding", "gzip")], None).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        // Compressed page plus its stylesheet and script stay far below 60 KB (htmx is ~17 KB).
        assert!(page.body.len() < 20 * 1024, "{path}: {} bytes compressed", page.body.len());
    }
    assert_eq!(call(&w.app, Method::GET, "/admin", &[("cookie", agent.as_str())], None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(call(&w.app, Method::GET, "/agent", &[("cookie", client.as_str())], None).await.status, StatusCode::FORBIDDEN);
    let anonymous = call(&w.app, Method::GET, "/agent", &[], None).await;
    assert_eq!((anonymous.status, anonymous.location.as_str()), (StatusCode::SEE_OTHER, "/signin?next=/agent"));
});
