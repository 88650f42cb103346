//! Sign-in, sessions, CSRF, tokens, rate limits, acting for someone and the admin routes, through
//! the whole app on SQLite and PostgreSQL (the test kit's app).

use axum::http::{Method, StatusCode};
use shetu_testkit::{app_test, Answer, Person, TestApp};

fn no_body() -> Option<serde_json::Value> {
    None
}

/// Signs in through the page form, with an old session cookie if the browser still has one.
async fn page_sign_in(app: &TestApp, who: &Person, old_session: Option<&str>) -> Answer {
    let page = match old_session {
        Some(old) => {
            app.get("/signin", &[("cookie", &format!("shetu_session={old}"))])
                .await
        }
        None => app.get("/signin", &[]).await,
    };
    let (cookie, csrf) = match old_session {
        Some(old) => {
            let token = page
                .text()
                .split("name=\"csrf\" value=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or_default()
                .to_owned();
            (format!("shetu_session={old}"), token)
        }
        None => {
            let csrf = page.cookie("shetu_csrf").unwrap_or_default();
            (format!("shetu_csrf={csrf}"), csrf)
        }
    };
    let form = format!(
        "csrf={csrf}&phone={}&password={}&next=/me",
        who.phone.as_str().replace('+', "%2B"),
        shetu_testkit::PASSWORD
    );
    app.post(
        "/signin",
        "application/x-www-form-urlencoded",
        form,
        &[("cookie", &cookie)],
    )
    .await
}

fn token_of(page: &Answer) -> String {
    page.text()
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_owned()
}

app_test!(async fn sessions_start_fresh_end_on_sign_out_and_need_csrf(app) {
    let client = app.login_named("person", "Rahima Begum").await;
    let signed = page_sign_in(app, &client, None).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.text());
    assert_eq!(signed.header("location"), "/me");
    let set = signed.headers.get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).find(|c| c.starts_with("shetu_session=")).unwrap_or_default().to_owned();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax"), "{set}");
    let first = signed.cookie("shetu_session").unwrap_or_default();
    let cookie = format!("shetu_session={first}");
    let me = app.get("/me?lang=en", &[("cookie", &cookie)]).await;
    assert_eq!(me.status, StatusCode::OK);
    assert!(me.text().contains("Rahima Begum"));
    // A sign-in form posted with no or a wrong token is refused.
    let forged = app.post("/signin", "application/x-www-form-urlencoded", format!("csrf=xyz&phone={}&password=x", client.phone), &[("cookie", "shetu_csrf=abc")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // Signed-in forms need the session's token.
    let csrf = token_of(&me);
    assert!(!csrf.is_empty());
    let wrong = app.post("/me", "application/x-www-form-urlencoded", "csrf=nope&name=X&language=en&home_region=", &[("cookie", &cookie)]).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let saved = app.post("/me", "application/x-www-form-urlencoded", format!("csrf={csrf}&name=Rahima&language=en&home_region=bd.district.1"), &[("cookie", &cookie)]).await;
    assert_eq!((saved.status, saved.header("location")), (StatusCode::SEE_OTHER, "/me?saved=1"));
    // No fixation: signing in again gives a new id, and the old one is dead.
    let again = page_sign_in(app, &client, Some(&first)).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.text());
    let second = again.cookie("shetu_session").unwrap_or_default();
    assert!(!second.is_empty() && second != first);
    let old = app.get("/me", &[("cookie", &cookie)]).await;
    assert_eq!(old.status, StatusCode::SEE_OTHER);
    assert!(old.header("location").starts_with("/signin"));
    // Sign-out ends it.
    let cookie2 = format!("shetu_session={second}");
    let token = token_of(&app.get("/me", &[("cookie", &cookie2)]).await);
    let out = app.post("/signout", "application/x-www-form-urlencoded", format!("csrf={token}"), &[("cookie", &cookie2)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(out.headers.get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).any(|c| c.starts_with("shetu_session=;") && c.contains("Max-Age=0")));
    assert_eq!(app.get("/me", &[("cookie", &cookie2)]).await.status, StatusCode::SEE_OTHER);
});

app_test!(async fn api_tokens_rate_limits_and_revocation(app) {
    let client = app.login_as("person").await;
    let admin = app.login_as("admin").await;
    let agent = app.login_as("agent").await;
    // Signing in works with the number as people type it: Bangla digits, no +880.
    let local: String = client.phone.as_str().trim_start_matches("+88").chars()
        .map(|c| c.to_digit(10).and_then(|d| char::from_u32('০' as u32 + d)).unwrap_or(c)).collect();
    let login = app.json(Method::POST, "/api/v1/auth/login", None, Some(serde_json::json!({ "phone": local, "password": shetu_testkit::PASSWORD }))).await.expect(StatusCode::OK);
    let mine = Person { token: login.json()["token"].as_str().unwrap_or_default().to_owned(), ..client.clone() };
    let me = app.json(Method::GET, "/api/v1/me", Some(&mine), no_body()).await.expect(StatusCode::OK).json();
    assert_eq!((me["phone"].as_str(), me["language"].as_str()), (Some(client.phone.as_str()), Some("bn")));
    assert_eq!(app.json(Method::GET, "/api/v1/me", None, no_body()).await.error_code(), "sign_in_required");
    let forged = Person { token: "shetu_forged".into(), ..client.clone() };
    assert_eq!(app.json(Method::GET, "/api/v1/me", Some(&forged), no_body()).await.status, StatusCode::UNAUTHORIZED);
    // Revoked tokens stop working; others' tokens cannot be revoked.
    let list = app.json(Method::GET, "/api/v1/me/tokens", Some(&mine), no_body()).await.json();
    let newest = list.as_array().and_then(|l| l.iter().find(|t| t["revoked_at_ms"].is_null() && t["last_used_at_ms"].is_number())).cloned().unwrap_or_default();
    let id = newest["id"].as_str().unwrap_or_default().to_owned();
    assert!(!id.is_empty(), "{list}");
    assert_eq!(app.json(Method::DELETE, &format!("/api/v1/me/tokens/{id}"), Some(&agent), no_body()).await.status, StatusCode::NOT_FOUND);
    app.json(Method::DELETE, &format!("/api/v1/me/tokens/{id}"), Some(&mine), no_body()).await.expect(StatusCode::NO_CONTENT);
    assert_eq!(app.json(Method::GET, "/api/v1/me", Some(&mine), no_body()).await.status, StatusCode::UNAUTHORIZED);
    // Repeated failures: 429 with Retry-After.
    let mut last = None;
    for _ in 0..6 {
        last = Some(app.json(Method::POST, "/api/v1/auth/login", None, Some(serde_json::json!({ "phone": admin.phone.as_str(), "password": "wrong-wrong" }))).await);
    }
    let last = last.unwrap_or_else(|| panic!("no answer"));
    assert_eq!(last.status, StatusCode::TOO_MANY_REQUESTS, "{}", last.text());
    assert_eq!(last.error_code(), "rate_limited");
    let retry = last.header("retry-after").to_owned();
    assert!(retry.parse::<i64>().is_ok_and(|s| s > 0 && s <= 900), "Retry-After: {retry}");
    let wrong = app.json_with(Method::POST, "/api/v1/auth/login", None, &[("accept-language", "en")], Some(serde_json::json!({ "phone": client.phone.as_str(), "password": "nope-nope" }))).await;
    assert_eq!((wrong.status, wrong.error_code().as_str()), (StatusCode::UNAUTHORIZED, "invalid_credentials"));
    assert_eq!(wrong.error_message(), "Wrong mobile number or password.");
});

app_test!(async fn acting_for_someone_needs_their_mandate(app) {
    let agent = app.login_as("agent").await;
    let client = app.login_as("person").await;
    let client_id = client.id.to_string();
    let change = serde_json::json!({ "language": "en" });
    let patch = |who: String| {
        let change = change.clone();
        let agent = agent.clone();
        async move { app.json_with(Method::PATCH, "/api/v1/me", Some(&agent), &[("on-behalf-of", &who)], Some(change)).await }
    };
    // No mandate; a made-up person; an unreadable id: all the same answer.
    for who in [client_id.clone(), "01935f6e-0000-7000-8000-000000000000".to_owned(), "not-an-id".into()] {
        let a = patch(who.clone()).await;
        assert_eq!((a.status, a.error_code().as_str()), (StatusCode::FORBIDDEN, "mandate_required"), "{who}");
    }
    // Ask, confirm with the code sent to the client, then act.
    let asked = app.json(Method::POST, "/api/v1/mandates", Some(&agent), Some(serde_json::json!({ "person": client_id, "scopes": ["profile.edit"], "valid_days": 30 }))).await.expect(StatusCode::CREATED);
    let id = asked.json()["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(patch(client_id.clone()).await.error_code(), "mandate_required", "pending");
    let code = app.last_code_to(&client.phone).await;
    let bad = app.json(Method::POST, &format!("/api/v1/mandates/{id}/confirm"), Some(&agent), Some(serde_json::json!({ "code": "12345x" }))).await;
    assert_eq!(bad.error_code(), "code_invalid");
    let confirmed = app.json(Method::POST, &format!("/api/v1/mandates/{id}/confirm"), Some(&agent), Some(serde_json::json!({ "code": code }))).await;
    assert_eq!(confirmed.json()["status"], "active", "{}", confirmed.text());
    let done = patch(client_id.clone()).await.expect(StatusCode::OK);
    assert_eq!((done.json()["id"].as_str(), done.json()["language"].as_str()), (Some(client_id.as_str()), Some("en")));
    // The client sees it in their trail.
    let trail = app.json(Method::GET, "/api/v1/me/audit", Some(&client), no_body()).await.json();
    assert_eq!(trail[0]["action"], "person.update_profile");
    assert_eq!(trail[0]["actor"], agent.id.to_string());
    // Someone else cannot withdraw it; the client can, and then it is refused again.
    assert_eq!(app.json(Method::DELETE, &format!("/api/v1/mandates/{id}"), Some(&agent), no_body()).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.json(Method::DELETE, &format!("/api/v1/mandates/{id}"), Some(&client), no_body()).await.json()["status"], "revoked");
    assert_eq!(patch(client_id.clone()).await.error_code(), "mandate_required");
    // A client is no agent: they cannot ask for mandates or act for others.
    let c = app.json(Method::POST, "/api/v1/mandates", Some(&client), Some(serde_json::json!({ "person": client_id, "scopes": ["profile.edit"], "valid_days": 3 }))).await;
    assert_eq!(c.error_code(), "forbidden");
    // Only scopes an enabled module declares can be asked for.
    for scope in ["everything", "vault.open"] {
        let bad_scope = app.json(Method::POST, "/api/v1/mandates", Some(&agent), Some(serde_json::json!({ "person": client_id, "scopes": [scope], "valid_days": 3 }))).await;
        assert_eq!(bad_scope.status, StatusCode::UNPROCESSABLE_ENTITY, "{scope}: {}", bad_scope.text());
    }
});

app_test!(async fn admin_routes_are_for_admins(app) {
    let admin = app.login_as("admin").await;
    let agent = app.login_as("agent").await;
    let client = app.login_as("person").await;
    let org = serde_json::json!({ "name": "Kapasia Union Parishad", "kind": "government_department", "region": "bd.district.1" });
    assert_eq!(app.json(Method::POST, "/api/v1/organizations", Some(&agent), Some(org.clone())).await.error_code(), "forbidden");
    app.json(Method::POST, "/api/v1/organizations", Some(&admin), Some(org)).await.expect(StatusCode::CREATED);
    // A kind no enabled module declares is refused, naming the field.
    let shop = app.json(Method::POST, "/api/v1/organizations", Some(&admin), Some(serde_json::json!({ "name": "Nakshi", "kind": "shop" }))).await.expect(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(shop.field_error("kind").is_some(), "{}", shop.text());
    let point = app.json(Method::POST, "/api/v1/admin/service-points", Some(&admin), Some(serde_json::json!({ "name": "Kapasia UDC", "kind": "union_digital_centre", "region": "bd.union.1" }))).await.expect(StatusCode::CREATED);
    let pid = point.json()["id"].as_str().unwrap_or_default().to_owned();
    app.json(Method::PUT, &format!("/api/v1/admin/service-points/{pid}/agents/{}", client.id), Some(&admin), Some(serde_json::json!({}))).await.expect(StatusCode::NO_CONTENT);
    // The full listing, with agents' ids, is for admins only.
    assert_eq!(app.json(Method::GET, "/api/v1/admin/service-points", Some(&agent), no_body()).await.error_code(), "forbidden");
    app.json(Method::GET, "/api/v1/admin/service-points", Some(&admin), no_body()).await.expect(StatusCode::OK);
    let roles = app.json(Method::GET, "/api/v1/me", Some(&client), no_body()).await.json()["roles"].clone();
    assert_eq!(roles, serde_json::json!(["agent"]));
    let trail = app.json(Method::GET, "/api/v1/audit?action=service_point.", Some(&admin), no_body()).await;
    assert_eq!(trail.json().as_array().map(Vec::len), Some(2));
    assert_eq!(app.json(Method::GET, "/api/v1/audit", Some(&agent), no_body()).await.error_code(), "forbidden");
    app.json(Method::GET, "/api/v1/admin/sms", Some(&admin), no_body()).await.expect(StatusCode::OK);
    // Pages: anonymous visitors are sent to sign in.
    assert_eq!(app.get("/admin", &[]).await.status, StatusCode::SEE_OTHER);
});

app_test!(async fn signed_in_pages_are_light_and_refuse_the_wrong_people(app) {
    let admin = app.login_as("admin").await;
    let agent = app.login_as("agent").await;
    let client = app.login_as("person").await;
    let cookie = |p: &Person| format!("shetu_session={}", p.session);
    for (path, who) in [("/me", &client), ("/me/tokens", &client), ("/me/audit", &client), ("/agent", &agent), ("/admin", &admin)] {
        let page = app.get(path, &[("cookie", &cookie(who)), ("accept-encoding", "gzip")]).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        // Compressed page plus its stylesheet and script stay far below 60 KB (htmx is ~17 KB).
        assert!(page.body.len() < 20 * 1024, "{path}: {} bytes compressed", page.body.len());
    }
    // Digital centres share computers: what a signed-in person sees is never stored.
    let mine = app.get("/me", &[("cookie", &cookie(&client))]).await;
    assert_eq!(mine.header("cache-control"), "no-store");
    assert_eq!(app.get("/regions", &[("cookie", &cookie(&client))]).await.header("cache-control"), "no-store");
    assert_eq!(app.get("/regions", &[]).await.header("cache-control"), "no-cache");
    assert_eq!(app.get("/admin", &[("cookie", &cookie(&agent))]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/agent", &[("cookie", &cookie(&client))]).await.status, StatusCode::FORBIDDEN);
    let anonymous = app.get("/agent", &[]).await;
    assert_eq!((anonymous.status, anonymous.header("location")), (StatusCode::SEE_OTHER, "/signin?next=/agent"));
});

app_test!(async fn a_person_can_prove_what_was_done_for_them(app) {
    let agent = app.login_as("agent").await;
    let client = app.login_as("person").await;
    // The agent console offers what the enabled modules declare, worded for the agent.
    let console = app.get("/agent?lang=en", &[("cookie", &format!("shetu_session={}", agent.session))]).await.text();
    assert!(console.contains("value=\"profile.edit\"") && console.contains("update their profile"), "{console}");
    let console_bn = app.get("/agent?lang=bn", &[("cookie", &format!("shetu_session={}", agent.session))]).await.text();
    assert!(console_bn.contains("তাঁর প্রোফাইল হালনাগাদ"));
    // The console's form (no JavaScript): the ticked scopes come as repeated `scope` fields.
    let asked = app.form("/agent/mandates", &[("phone", client.phone.as_str()), ("name", ""), ("days", "৩০"), ("scope", "profile.edit")], Some(&agent)).await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.text());
    assert!(asked.header("location").starts_with("/agent?requested=1#m-"), "{}", asked.header("location"));
    let unknown = app.form("/agent/mandates", &[("phone", client.phone.as_str()), ("days", "3"), ("scope", "profile.edit"), ("scope", "vault.open")], Some(&agent)).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", unknown.text());
    // The client tells the agent the code; the agent confirms it.
    let id = asked.header("location").rsplit("#m-").next().unwrap_or_default().to_owned();
    let code = app.last_code_to(&client.phone).await;
    app.json(Method::POST, &format!("/api/v1/mandates/{id}/confirm"), Some(&agent), Some(serde_json::json!({ "code": code }))).await.expect(StatusCode::OK);
    let trail = app.json(Method::GET, "/api/v1/me/audit", Some(&client), no_body()).await.json();
    let event = trail[0]["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(trail[0]["action"], "mandate.confirm");
    // Not in a signed head yet: a clear 409 that says to ask again.
    let early = app.json(Method::GET, &format!("/api/v1/me/audit/{event}/proof"), Some(&client), no_body()).await;
    assert_eq!((early.status, early.error_code().as_str()), (StatusCode::CONFLICT, "audit_not_yet_integrated"));
    assert_eq!(early.header("retry-after"), "2");
    app.integrate_audit().await;
    let proof = app.json(Method::GET, &format!("/api/v1/me/audit/{event}/proof"), Some(&client), no_body()).await.expect(StatusCode::OK).json();
    // The client checks it as anyone can: the head's signature, then the path to its root.
    let head = app.get("/api/v1/audit/head", &[]).await.expect(StatusCode::OK).json();
    assert_eq!(head, proof["head"]);
    let hash = |v: &serde_json::Value| shetu_store::audit::parse_hash(v.as_str().unwrap_or_default()).unwrap_or_else(|| panic!("not a hash: {v}"));
    let root = hash(&head["root_hash"]);
    let size = head["tree_size"].as_u64().unwrap_or_default();
    let key = head["public_key"].as_str().unwrap_or_default();
    assert!(shetu_store::audit::verify_head(key, size, head["timestamp"].as_i64().unwrap_or_default(), &root, head["signature"].as_str().unwrap_or_default()));
    let path: Vec<_> = proof["audit_path"].as_array().map(|p| p.iter().map(hash).collect()).unwrap_or_default();
    assert!(shetu_store::audit::merkle::verify_inclusion(&hash(&proof["leaf_hash"]), proof["leaf_index"].as_u64().unwrap_or(u64::MAX), size, &path, &root));
    // Someone else's event is not theirs to prove; an agent cannot fetch it for them either.
    assert_eq!(app.json(Method::GET, &format!("/api/v1/me/audit/{event}/proof"), Some(&app.login_as("person").await), no_body()).await.error_code(), "audit_event_not_found");
    let obo = app.json_with(Method::GET, &format!("/api/v1/me/audit/{event}/proof"), Some(&agent), &[("on-behalf-of", &client.id.to_string())], no_body()).await;
    assert_eq!((obo.status, obo.error_code().as_str()), (StatusCode::BAD_REQUEST, "on_behalf_of_not_allowed"));
    // Consistency between the first head and now, as a client checks it.
    let consistency = app.get(&format!("/api/v1/audit/consistency?first=1&second={size}"), &[]).await.expect(StatusCode::OK).json();
    let path: Vec<_> = consistency["proof"].as_array().map(|p| p.iter().map(hash).collect()).unwrap_or_default();
    assert!(shetu_store::audit::merkle::verify_consistency(1, size, &path, &hash(&consistency["first_root"]), &root));
    let bad = app.get(&format!("/api/v1/audit/consistency?first=2&second={}", size + 5), &[]).await;
    assert_eq!((bad.status, bad.error_code().as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"));
    // The integration delay is reported to operators.
    assert!(app.get("/metrics", &[]).await.text().contains("shetu_audit_integration_lag_seconds 0"));
});

app_test!(async fn the_security_gaps_stay_closed(app) {
    let agent = app.login_as("agent").await;
    let client = app.login_named("person", "Rahima Begum").await;
    // A browser holding only a dead session cookie still gets a form token, and can sign in.
    let page = app.get("/signin", &[("cookie", "shetu_session=expired-long-ago")]).await;
    let csrf = page.cookie("shetu_csrf").unwrap_or_else(|| panic!("no CSRF cookie for a stale session"));
    let form = format!("csrf={csrf}&phone={}&password={}&next=/me", client.phone.as_str().replace('+', "%2B"), shetu_testkit::PASSWORD);
    let signed = app.post("/signin", "application/x-www-form-urlencoded", form, &[("cookie", &format!("shetu_session=expired-long-ago; shetu_csrf={csrf}"))]).await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.text());
    // … and send feedback.
    let sent = app.post("/feedback", "application/x-www-form-urlencoded", format!("csrf={csrf}&message=ok&phone="), &[("cookie", &format!("shetu_session=expired-long-ago; shetu_csrf={csrf}"))]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());

    // On-Behalf-Of on a route that cannot be done for someone is refused, not ignored.
    let obo = client.id.to_string();
    for (method, path) in [(Method::GET, "/api/v1/me"), (Method::GET, "/api/v1/me/tokens"), (Method::GET, "/api/v1/mandates")] {
        let a = app.json_with(method, path, Some(&agent), &[("on-behalf-of", &obo)], no_body()).await;
        assert_eq!((a.status, a.error_code().as_str()), (StatusCode::BAD_REQUEST, "on_behalf_of_not_allowed"), "{path}");
    }
    let asked = app.json_with(Method::POST, "/api/v1/mandates", Some(&agent), &[("on-behalf-of", &obo)], Some(serde_json::json!({ "person": obo, "scopes": ["profile.edit"], "valid_days": 3 }))).await;
    assert_eq!(asked.error_code(), "on_behalf_of_not_allowed");

    // The agent console stops acting for a client the moment the mandate expires.
    app.act_for(&agent, &client, &["profile.edit"]).await;
    let acting = app.form(&format!("/agent/act/{}", client.id), &[], Some(&agent)).await;
    assert_eq!(acting.status, StatusCode::SEE_OTHER, "{}", acting.text());
    let browser = format!("shetu_session={}", agent.session);
    assert!(app.get("/me?lang=en", &[("cookie", &browser)]).await.text().contains("You are acting for Rahima Begum"));
    shetu_testkit::ok(sqlx::query("UPDATE mandate SET valid_until = $1 WHERE agent_id = $2").bind(shetu_store::now_ms() - 1).bind(agent.id.to_string()).execute(app.db.pool()).await);
    let after = app.get("/me?lang=en", &[("cookie", &browser)]).await.text();
    assert!(!after.contains("You are acting for"), "still acting after the mandate expired");
    let console = app.get("/agent/client", &[("cookie", &browser)]).await;
    assert_eq!((console.status, console.header("location")), (StatusCode::SEE_OTHER, "/agent"));
});

app_test!(async fn every_place_says_where_to_get_help(app) {
    let admin = app.login_as("admin").await;
    let agent = app.login_named("agent", "Sumaiya Akter").await;
    // A centre in union 1 (upazila 1), with hours and a phone.
    let point = app.json(Method::POST, "/api/v1/admin/service-points", Some(&admin), Some(serde_json::json!({
        "name": "Kapasia Union Digital Centre", "kind": "union_digital_centre", "region": "bd.union.1",
        "opening_hours": "Sat–Thu 9:00–17:00", "phone": "০১৭১১-২২৩৩৪৪" }))).await.expect(StatusCode::CREATED).json();
    let pid = point["id"].as_str().unwrap_or_default().to_owned();
    app.json(Method::PUT, &format!("/api/v1/admin/service-points/{pid}/agents/{}", agent.id), Some(&admin), Some(serde_json::json!({}))).await.expect(StatusCode::NO_CONTENT);
    // Public: the centre of the union itself, with no ids of the people who work there.
    let here = app.get("/api/v1/service-points?region=bd.union.1", &[]).await.expect(StatusCode::OK).json();
    assert_eq!((here["region"].as_str(), here["here"].as_bool()), (Some("bd.union.1"), Some(true)));
    let centre = &here["service_points"][0];
    assert_eq!(centre["name"], "Kapasia Union Digital Centre");
    assert_eq!(centre["phone"], "+8801711223344");
    assert_eq!(centre["opening_hours"], "Sat–Thu 9:00–17:00");
    assert_eq!(centre["agents"], serde_json::json!(["Sumaiya Akter"]));
    assert!(!here.to_string().contains(&agent.id.to_string()), "an agent's id leaked: {here}");
    // A union of the same upazila without a centre is sent to the nearest one above it.
    let upazila = app.pack.region(&shetu_testkit::ok(shetu_core::RegionId::parse("bd.union.1"))).and_then(|u| u.parent.clone()).unwrap_or_else(|| panic!("no upazila"));
    let sibling = app.pack.children(Some(&upazila)).find(|u| u.id.as_str() != "bd.union.1").map(|u| u.id.to_string()).unwrap_or_else(|| panic!("no sibling union"));
    let near = app.get(&format!("/api/v1/service-points?region={sibling}"), &[]).await.expect(StatusCode::OK).json();
    assert_eq!((near["region"].as_str(), near["here"].as_bool()), (Some(upazila.as_str()), Some(false)));
    assert_eq!(near["service_points"][0]["name"], "Kapasia Union Digital Centre");
    // The union's and the upazila's pages say it, in the reader's language.
    let page = app.get(&format!("/regions/{sibling}?lang=bn"), &[]).await.text();
    assert!(page.contains("কোথায় সাহায্য পাবেন") && page.contains("Kapasia Union Digital Centre") && page.contains("tel:+8801711223344"), "{page}");
    assert!(page.contains("সবচেয়ে কাছের সেন্টারগুলো"));
    let upazila_page = app.get(&format!("/regions/{upazila}?lang=en"), &[]).await.text();
    assert!(upazila_page.contains("Where to get help") && upazila_page.contains("Sat–Thu 9:00–17:00"));
    // Bad input gets clear errors.
    let missing = app.get("/api/v1/service-points", &[]).await;
    assert_eq!((missing.status, missing.field_error("region").is_some()), (StatusCode::UNPROCESSABLE_ENTITY, true));
    assert_eq!(app.get("/api/v1/service-points?region=bd.union.999999", &[]).await.error_code(), "region_not_found");
    assert_eq!(app.get("/api/v1/service-points?region=%00", &[]).await.status, StatusCode::UNPROCESSABLE_ENTITY);
});

app_test!(async fn one_waiting_request_per_person_with_resend_and_cancel(app) {
    let agent = app.login_as("agent").await;
    let client = app.login_as("person").await;
    let ask = || app.json(Method::POST, "/api/v1/mandates", Some(&agent), Some(serde_json::json!({ "person": client.id.to_string(), "scopes": ["profile.edit"], "valid_days": 30 })));
    let first = ask().await.expect(StatusCode::CREATED).json();
    let id = first["id"].as_str().unwrap_or_default().to_owned();
    let first_code = app.last_code_to(&client.phone).await;
    // Asking again says so, and sends nothing.
    let again = ask().await;
    assert_eq!((again.status, again.error_code().as_str()), (StatusCode::CONFLICT, "mandate_already_pending"));
    app.run_jobs().await;
    let sent = |app: &TestApp| {
        let phone = client.phone.clone();
        let db = app.db.clone();
        async move { shetu_testkit::ok(shetu_people::sms::sandbox_outbox(&db, Some(&phone), 50).await).len() }
    };
    assert_eq!(sent(app).await, 1, "one code, not two");
    // Resend: a new code; the old one stops working.
    app.json(Method::POST, &format!("/api/v1/mandates/{id}/resend"), Some(&agent), no_body()).await.expect(StatusCode::OK);
    let second_code = app.last_code_to(&client.phone).await;
    assert_eq!(sent(app).await, 2);
    if second_code != first_code {
        let old = app.json(Method::POST, &format!("/api/v1/mandates/{id}/confirm"), Some(&agent), Some(serde_json::json!({ "code": first_code }))).await;
        assert_eq!(old.error_code(), "code_invalid");
    }
    // Codes stay limited: three per phone in 15 minutes.
    app.json(Method::POST, &format!("/api/v1/mandates/{id}/resend"), Some(&agent), no_body()).await.expect(StatusCode::OK);
    let limited = app.json(Method::POST, &format!("/api/v1/mandates/{id}/resend"), Some(&agent), no_body()).await;
    assert_eq!((limited.status, limited.error_code().as_str()), (StatusCode::TOO_MANY_REQUESTS, "rate_limited"));
    // Someone else's request cannot be resent or cancelled.
    let other = app.login_as("agent").await;
    assert_eq!(app.json(Method::POST, &format!("/api/v1/mandates/{id}/cancel"), Some(&other), no_body()).await.status, StatusCode::NOT_FOUND);
    // Cancel: the request ends, and a new one can be made.
    let cancelled = app.json(Method::POST, &format!("/api/v1/mandates/{id}/cancel"), Some(&agent), no_body()).await.expect(StatusCode::OK).json();
    assert_eq!(cancelled["status"], "revoked");
    assert_eq!(app.json(Method::POST, &format!("/api/v1/mandates/{id}/resend"), Some(&agent), no_body()).await.error_code(), "mandate_not_pending");
    // A new request is no longer "already waiting" (only the phone's code limit holds it back now).
    assert_eq!(ask().await.error_code(), "rate_limited");
    // The client's history says what happened.
    let trail = app.json(Method::GET, "/api/v1/me/audit", Some(&client), no_body()).await.json();
    let actions: Vec<&str> = trail.as_array().map(|t| t.iter().filter_map(|e| e["action"].as_str()).collect()).unwrap_or_default();
    assert!(actions.contains(&"mandate.cancel") && actions.contains(&"mandate.resend_code"), "{actions:?}");
});

app_test!(async fn people_join_and_sign_in_with_a_code(app) {
    let pack = app.pack;
    let new_phone = shetu_testkit::ok(pack.phone.parse_mobile("01811000001"));
    // Join: a code, then name, language and home district; no password.
    let asked = app.form("/signup/code?lang=bn", &[("phone", "০১৮১১-০০০০০১"), ("language", "bn")], None).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.text());
    assert!(asked.text().contains("আপনার ফোনে একটি কোড পাঠানো হয়েছে"));
    let code = app.last_code_to(&new_phone).await;
    let wrong = app.form("/signup?lang=en", &[("phone", new_phone.as_str()), ("code", "000000"), ("name", "Shirin Akter"), ("language", "bn"), ("home_region", "bd.district.1")], None).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.text().contains("error-summary") && wrong.text().contains("value=\"Shirin Akter\""), "kept and explained");
    let joined = app.form("/signup", &[("phone", new_phone.as_str()), ("code", &code), ("name", "Shirin Akter"), ("language", "bn"), ("home_region", "bd.district.1")], None).await;
    assert_eq!((joined.status, joined.header("location")), (StatusCode::SEE_OTHER, "/me"), "{}", joined.text());
    let session = joined.cookie("shetu_session").unwrap_or_else(|| panic!("no session after joining"));
    let me = app.get("/me?lang=en", &[("cookie", &format!("shetu_session={session}"))]).await.text();
    assert!(me.contains("Shirin Akter"));
    let person = shetu_testkit::ok(shetu_people::persons::by_phone(&app.db, &new_phone).await).unwrap_or_else(|| panic!("not registered"));
    assert!(!person.has_password);
    assert_eq!(person.home_region.as_deref(), Some("bd.district.1"));

    // Signing in with a code: the same answer for a known and an unknown number; only the known one gets an SMS.
    let unknown = shetu_testkit::ok(pack.phone.parse_mobile("01811000999"));
    let known_answer = app.form("/signin/code?lang=en", &[("phone", new_phone.as_str())], None).await;
    let unknown_answer = app.form("/signin/code?lang=en", &[("phone", unknown.as_str())], None).await;
    assert_eq!((known_answer.status, unknown_answer.status), (StatusCode::OK, StatusCode::OK));
    for a in [&known_answer, &unknown_answer] {
        assert!(a.text().contains("If this number is registered, a code is on its way."));
    }
    assert_eq!(app.last_sms_to(&unknown).await, None, "no SMS to a number nobody registered");
    let code = app.last_code_to(&new_phone).await;
    let signed = app.form("/signin/code/verify", &[("phone", new_phone.as_str()), ("code", &code), ("next", "/me/audit")], None).await;
    assert_eq!((signed.status, signed.header("location")), (StatusCode::SEE_OTHER, "/me/audit"), "{}", signed.text());
    assert!(signed.cookie("shetu_session").is_some());
    // Joining again with a registered number signs in and changes nothing.
    app.form("/signup/code", &[("phone", new_phone.as_str()), ("language", "en")], None).await.expect(StatusCode::OK);
    let code = app.last_code_to(&new_phone).await;
    let again = app.form("/signup", &[("phone", new_phone.as_str()), ("code", &code), ("name", "Somebody Else"), ("language", "en"), ("home_region", "")], None).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let still = shetu_testkit::ok(shetu_people::persons::by_phone(&app.db, &new_phone).await).unwrap_or_else(|| panic!("gone"));
    assert_eq!(still.name, "Shirin Akter");
    // Wrong codes count as failed sign-ins: after five, the phone waits.
    let mut last = None;
    for _ in 0..6 {
        last = Some(app.form("/signin/code/verify", &[("phone", unknown.as_str()), ("code", "123456")], None).await);
    }
    let last = last.unwrap_or_else(|| panic!("no answer"));
    assert_eq!(last.status, StatusCode::TOO_MANY_REQUESTS, "{}", last.text());
    assert!(last.text().contains("error-summary"));
    // The history says they joined.
    let history = app.json(Method::GET, "/api/v1/audit?action=person.sign_up", Some(&app.login_as("admin").await), no_body()).await.json();
    assert_eq!(history.as_array().map(Vec::len), Some(1));
});

app_test!(async fn the_history_says_what_changed_and_a_save_that_changes_nothing_is_not_recorded(app) {
    let client = app.login_named("person", "Rahima").await;
    let patch = |body: serde_json::Value| app.json(Method::PATCH, "/api/v1/me", Some(&client), Some(body));
    patch(serde_json::json!({ "name": "Rahima Begum", "language": "en" })).await.expect(StatusCode::OK);
    let count = || async {
        let trail = app.json(Method::GET, "/api/v1/me/audit", Some(&client), no_body()).await.json();
        trail.as_array().map_or(0, |t| t.iter().filter(|e| e["action"] == "person.update_profile").count())
    };
    assert_eq!(count().await, 1);
    // The same values again: nothing changes, nothing is recorded.
    patch(serde_json::json!({ "name": "Rahima Begum", "language": "en" })).await.expect(StatusCode::OK);
    assert_eq!(count().await, 1, "a save that changes nothing is not recorded");
    let page = app.get("/me/audit?lang=en", &[("cookie", &format!("shetu_session={}", client.session))]).await.text();
    assert!(page.contains("Name: Rahima → Rahima Begum") && page.contains("Language: বাংলা → English"), "{page}");
});

app_test!(async fn a_person_downloads_their_data_and_erases_it(app) {
    let agent = app.login_as("agent").await;
    let client = app.login_named("person", "Rahima Begum").await;
    app.act_for(&agent, &client, &["profile.edit"]).await;
    app.json_with(Method::PATCH, "/api/v1/me", Some(&agent), &[("on-behalf-of", &client.id.to_string())], Some(serde_json::json!({ "language": "en" }))).await.expect(StatusCode::OK);
    app.json(Method::POST, "/api/v1/feedback", None, Some(serde_json::json!({ "message": "দাম দেখা যায় না", "phone": client.phone.as_str() }))).await.expect(StatusCode::CREATED);

    // Download: themselves, or an agent with their mandate; nobody else.
    let mine = app.json(Method::GET, "/api/v1/me/data", Some(&client), no_body()).await.expect(StatusCode::OK).json();
    assert_eq!(mine["person"]["name"], "Rahima Begum");
    assert_eq!(mine["person"]["phone"], client.phone.as_str());
    assert_eq!(mine["mandates_given"].as_array().map(Vec::len), Some(1));
    assert!(mine["history"].as_array().is_some_and(|h| h.iter().any(|e| e["action"] == "person.update_profile")));
    assert_eq!(mine["feedback"][0]["message"], "দাম দেখা যায় না");
    let by_agent = app.json_with(Method::GET, "/api/v1/me/data", Some(&agent), &[("on-behalf-of", &client.id.to_string())], no_body()).await.expect(StatusCode::OK).json();
    assert_eq!(by_agent["person"]["name"], "Rahima Begum");
    let stranger = app.login_as("agent").await;
    let refused = app.json_with(Method::GET, "/api/v1/me/data", Some(&stranger), &[("on-behalf-of", &client.id.to_string())], no_body()).await;
    assert_eq!((refused.status, refused.error_code().as_str()), (StatusCode::FORBIDDEN, "mandate_required"));
    let file = app.get("/me/data", &[("cookie", &format!("shetu_session={}", client.session))]).await.expect(StatusCode::OK);
    assert!(file.header("content-disposition").starts_with("attachment"));
    assert!(file.text().contains("Rahima Begum"));

    // Erase, from the account page: an agent cannot do it for them.
    let for_them = app.json_with(Method::DELETE, "/api/v1/me", Some(&agent), &[("on-behalf-of", &client.id.to_string())], no_body()).await;
    assert_eq!(for_them.error_code(), "on_behalf_of_not_allowed");
    let unticked = app.form("/me/erase", &[], Some(&client)).await;
    assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", unticked.text());
    let erased = app.form("/me/erase", &[("confirm", "yes")], Some(&client)).await;
    assert_eq!((erased.status, erased.header("location")), (StatusCode::SEE_OTHER, "/"), "{}", erased.text());

    // Nothing personal is left, and nothing lets them (or anyone) in as them.
    assert_eq!(app.json(Method::GET, "/api/v1/me", Some(&client), no_body()).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/me", &[("cookie", &format!("shetu_session={}", client.session))]).await.status, StatusCode::SEE_OTHER);
    assert!(shetu_testkit::ok(shetu_people::persons::by_phone(&app.db, &client.phone).await).is_none());
    let row = shetu_testkit::ok(shetu_people::persons::get(&app.db, client.id).await).unwrap_or_else(|| panic!("the pseudonym row is gone"));
    assert!(row.name.starts_with('#') && !row.has_password && row.home_region.is_none(), "{row:?}");
    let contact: Option<String> = shetu_testkit::ok(sqlx::query_scalar("SELECT contact_phone FROM feedback").fetch_one(app.db.pool()).await);
    assert_eq!(contact, None, "the feedback stays, the number goes");
    let history = shetu_testkit::ok(shetu_store::audit::search(&app.db, &shetu_store::audit::Search { person: Some(client.id.to_string()), limit: 50, ..Default::default() }).await);
    assert!(!history.is_empty() && history.iter().all(|e| e.detail == serde_json::json!({ "erased": true })), "{history:?}");
    // The agent's records keep a pseudonym, and their mandate from the person has ended.
    let held = app.json(Method::GET, "/api/v1/mandates", Some(&agent), no_body()).await.json();
    let text = held.to_string();
    assert!(!text.contains("Rahima") && !text.contains(client.phone.as_str()), "{text}");
    // The audit log still verifies, and every proof about the person still holds.
    app.integrate_audit().await;
    let keys = shetu_testkit::ok(shetu_store::audit::KeyRing::new(&app.signer, &[]));
    assert!(matches!(shetu_testkit::ok(shetu_store::audit::verify(&app.db, &keys).await), shetu_store::audit::Verdict::Intact { .. }));
    for e in &history {
        assert!(shetu_testkit::ok(shetu_store::audit::inclusion_proof(&app.db, &e.id, Some(&client.id.to_string())).await).is_ok());
    }
});
