//! The exchange: members verified by the secretariat and listed in the directory; solutions
//! reviewed (who may move a review, and where to), versions and what changed; needs with
//! explained suggestions.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use shetu_testkit::{Person, TestApp};

fn content(title: &str, results: &str) -> Value {
    json!({
        "title": title,
        "problem": "Old-age allowances are paid in cash through several hands and arrive late.",
        "approach": "Government to person payments straight into the beneficiary's mobile wallet, checked against the ID register.",
        "results": results,
        "evidence": "Evaluation by the finance ministry, 2024.",
        "implemented": true,
        "countries": ["BD", "ke"],
        "level": "national",
        "cost": "medium",
        "months_to_adopt": 12,
        "maturity": "replicated",
        "sdgs": ["1.3", "16.5"],
        "focus": ["finance"],
        "contact": "g2p@example.org"
    })
}

async fn member(app: &TestApp, owner: &Person, body: Value) -> String {
    let made = app
        .json(
            Method::POST,
            "/api/v1/exchange/members",
            Some(owner),
            Some(body),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text());
    made.json()["id"].as_str().unwrap_or_default().to_owned()
}

shetu_testkit::app_test!(async fn members_are_verified_then_listed_and_filtered(app) {
    let admin = app.login_as("admin").await;
    let owner = app.login_as("person").await;
    let expert = app.login_named("person", "Amina Yusuf").await;
    let ministry = member(app, &owner, json!({"name": "Public Service Innovation Unit", "kind": "government",
        "country": "bd", "languages": ["bn", "en"], "focus": ["civil_service"], "sdgs": ["16.6"]})).await;
    let me = member(app, &expert, json!({"name": "Amina Yusuf", "kind": "expert", "country": "KE",
        "languages": ["en"], "focus": ["data_innovation"]})).await;
    let twice = app.json(Method::POST, "/api/v1/exchange/members", Some(&expert),
        Some(json!({"name": "Amina", "kind": "expert", "country": "KE"}))).await;
    assert_eq!(twice.error_code(), "member_exists");
    // Bad input is named field by field.
    let bad = app.json(Method::POST, "/api/v1/exchange/members?lang=en", Some(&owner),
        Some(json!({"name": "X", "kind": "government", "country": "XX", "sdgs": ["18.1"]}))).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.field_error("country").as_deref(), Some("must be a country code such as BD or KE"));
    // Not listed until verified; only the secretariat verifies.
    let list = app.get("/api/v1/exchange/members", &[]).await.json();
    assert_eq!(list["items"].as_array().map(Vec::len), Some(0));
    let refused = app.json(Method::POST, &format!("/api/v1/exchange/members/{ministry}/verification"), Some(&owner), None).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(&format!("/api/v1/exchange/members/{ministry}"), &[]).await.status, StatusCode::NOT_FOUND,
        "a pending member is not shown to the public");
    for id in [&ministry, &me] {
        app.json(Method::POST, &format!("/api/v1/exchange/members/{id}/verification"), Some(&admin), None)
            .await
            .expect(StatusCode::OK);
    }
    let list = app.get("/api/v1/exchange/members", &[]).await.json();
    assert_eq!(list["items"].as_array().map(Vec::len), Some(2));
    let kenya = app.get("/api/v1/exchange/members?country=ke", &[]).await.json();
    assert_eq!(kenya["items"][0]["name"], "Amina Yusuf");
    assert_eq!(kenya["items"].as_array().map(Vec::len), Some(1));
    let civil = app.get("/api/v1/exchange/members?focus=civil_service", &[]).await.json();
    assert_eq!(civil["items"][0]["id"], ministry.as_str());
    assert_eq!(civil["items"][0]["languages"], json!(["bn", "en"]));
    // The directory page, in Arabic, right to left.
    let page = app.get("/exchange/members?lang=ar&country=KE", &[]).await.expect(StatusCode::OK).text();
    assert!(page.contains("dir=\"rtl\"") && page.contains("Amina Yusuf") && page.contains("كينيا"), "{page}");
});

shetu_testkit::app_test!(async fn the_secretariat_reviews_and_readers_see_published_versions_and_changes(app) {
    let admin = app.login_as("admin").await;
    let moderator = app.login_as("moderator").await;
    let owner = app.login_as("person").await;
    let stranger = app.login_as("person").await;
    let id = member(app, &owner, json!({"name": "Finance Reform Cell", "kind": "government", "country": "BD"})).await;
    let body = json!({"member": id, "content": content("Allowances by mobile money", "Payments arrive on the due date.")});
    let early = app.json(Method::POST, "/api/v1/exchange/solutions", Some(&owner), Some(body.clone())).await;
    assert_eq!(early.error_code(), "member_not_verified");
    app.json(Method::POST, &format!("/api/v1/exchange/members/{id}/verification"), Some(&admin), None).await.expect(StatusCode::OK);
    let outsider = app.json(Method::POST, "/api/v1/exchange/solutions", Some(&stranger), Some(body.clone())).await;
    assert_eq!(outsider.status, StatusCode::FORBIDDEN, "not one of the member's people");
    let made = app.json(Method::POST, "/api/v1/exchange/solutions", Some(&owner), Some(body)).await.expect(StatusCode::CREATED).json();
    let sid = made["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(made["status"], "submitted");
    assert_eq!(made["content"]["countries"], json!(["BD", "KE"]));
    // Not public until published.
    assert_eq!(app.get(&format!("/api/v1/exchange/solutions/{sid}"), &[]).await.status, StatusCode::NOT_FOUND);

    // Who may move the review, and where: route × role.
    let review = |to: &'static str, comment: &'static str| json!({"to": to, "comment": comment});
    let url = format!("/api/v1/exchange/solutions/{sid}/review");
    for who in [&owner, &stranger, &moderator] {
        let answer = app.json(Method::POST, &url, Some(who), Some(review("in_review", ""))).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "only the secretariat reviews");
    }
    assert_eq!(app.json(Method::POST, &url, None, Some(review("in_review", ""))).await.status, StatusCode::UNAUTHORIZED);
    let skip = app.json(Method::POST, &url, Some(&admin), Some(review("published", ""))).await;
    assert_eq!((skip.status, skip.error_code()), (StatusCode::CONFLICT, "invalid_review_move".to_owned()), "review comes first");
    app.json(Method::POST, &url, Some(&admin), Some(review("in_review", ""))).await.expect(StatusCode::OK);
    let no_comment = app.json(Method::POST, &format!("{url}?lang=en"), Some(&admin), Some(review("returned", ""))).await;
    assert_eq!(no_comment.field_error("comment").as_deref(), Some("is required"));
    let busy = app.json(Method::PUT, &format!("/api/v1/exchange/solutions/{sid}"), Some(&owner),
        Some(content("Allowances by mobile money", "x"))).await;
    assert_eq!(busy.error_code(), "invalid_review_move", "no revision while in review");
    app.json(Method::POST, &url, Some(&admin), Some(review("published", ""))).await.expect(StatusCode::OK);
    let public = app.get(&format!("/api/v1/exchange/solutions/{sid}"), &[]).await.expect(StatusCode::OK).json();
    assert_eq!(public["shown_version"], 1);

    // A revision: readers keep version 1 until version 2 is published.
    app.json(Method::PUT, &format!("/api/v1/exchange/solutions/{sid}"), Some(&owner),
        Some(content("Allowances by mobile money", "Payments arrive on the due date and leakage fell by half.")))
        .await
        .expect(StatusCode::OK);
    let public = app.get(&format!("/api/v1/exchange/solutions/{sid}"), &[]).await.json();
    assert_eq!((public["shown_version"].as_i64(), public["version"].as_i64()), (Some(1), Some(2)));
    let inside = app.json(Method::GET, &format!("/api/v1/exchange/solutions/{sid}"), Some(&owner), None).await.json();
    assert_eq!(inside["shown_version"], 2);
    let versions = app.get(&format!("/api/v1/exchange/solutions/{sid}/versions"), &[]).await.json();
    assert_eq!(versions["items"].as_array().map(Vec::len), Some(1), "only published versions for readers");
    app.json(Method::POST, &url, Some(&admin), Some(review("in_review", ""))).await.expect(StatusCode::OK);
    app.json(Method::POST, &url, Some(&admin), Some(review("published", ""))).await.expect(StatusCode::OK);
    let changes = app.get(&format!("/api/v1/exchange/solutions/{sid}/changes?from=1&to=2"), &[]).await.expect(StatusCode::OK).json();
    let items = changes["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 1, "{changes}");
    assert_eq!(items[0]["field"], "results");
    assert!(items[0]["words"].as_array().is_some_and(|w| w.iter().any(|p| p["mark"] == "added" && p["text"].as_str().unwrap_or_default().contains("leakage"))), "{changes}");
    let unknown = app.get(&format!("/api/v1/exchange/solutions/{sid}/changes?from=1&to=9"), &[]).await;
    assert_eq!(unknown.error_code(), "version_not_found");
    let page = app.get(&format!("/exchange/solutions/{sid}/changes?from=1&to=2&lang=bn"), &[]).await.expect(StatusCode::OK).text();
    assert!(page.contains("<ins>") && page.contains("কী বদলেছে"), "{page}");
    // The history is the member's and the secretariat's to read.
    let history = app.json(Method::GET, &format!("/api/v1/exchange/solutions/{sid}/reviews"), Some(&owner), None).await.expect(StatusCode::OK).json();
    assert_eq!(history["items"].as_array().map(Vec::len), Some(4));
    assert_eq!(app.json(Method::GET, &format!("/api/v1/exchange/solutions/{sid}/reviews"), Some(&stranger), None).await.status, StatusCode::FORBIDDEN);
    // Filters of the published list.
    for (query, found) in [("sdg=1.3", 1), ("sdg=1", 1), ("sdg=16.6", 0), ("country=KE", 1), ("maturity=pilot", 0), ("focus=finance", 1)] {
        let list = app.get(&format!("/api/v1/exchange/solutions?{query}"), &[]).await.json();
        assert_eq!(list["items"].as_array().map(Vec::len), Some(found), "{query}");
    }
});

shetu_testkit::app_test!(async fn a_need_gets_explained_suggestions(app) {
    let admin = app.login_as("admin").await;
    let giver = app.login_as("person").await;
    let seeker = app.login_as("person").await;
    let from = member(app, &giver, json!({"name": "Finance Reform Cell", "kind": "government", "country": "BD", "languages": ["bn", "en"]})).await;
    let to = member(app, &seeker, json!({"name": "Ministry of Social Affairs", "kind": "government", "country": "SO", "languages": ["so", "en"]})).await;
    for id in [&from, &to] {
        app.json(Method::POST, &format!("/api/v1/exchange/members/{id}/verification"), Some(&admin), None).await.expect(StatusCode::OK);
    }
    let mut unrelated = content("Digital land records", "Mutation takes days instead of months.");
    unrelated["problem"] = json!("Land disputes clog courts because records are on paper.");
    unrelated["approach"] = json!("Scanned records with a map layer.");
    unrelated["sdgs"] = json!(["1.4"]);
    unrelated["focus"] = json!(["data_innovation"]);
    unrelated["maturity"] = json!("pilot");
    for c in [content("Allowances by mobile money", "Payments arrive on the due date."), unrelated] {
        let s = app.json(Method::POST, "/api/v1/exchange/solutions", Some(&giver), Some(json!({"member": from, "content": c})))
            .await.expect(StatusCode::CREATED).json();
        let url = format!("/api/v1/exchange/solutions/{}/review", s["id"].as_str().unwrap_or_default());
        app.json(Method::POST, &url, Some(&admin), Some(json!({"to": "in_review"}))).await.expect(StatusCode::OK);
        app.json(Method::POST, &url, Some(&admin), Some(json!({"to": "published"}))).await.expect(StatusCode::OK);
    }
    let need = app.json(Method::POST, "/api/v1/exchange/needs", Some(&seeker), Some(json!({
        "member": to, "title": "Pay allowances without leakage",
        "problem": "Our old-age allowances are paid in cash and reach people late.",
        "sdgs": ["1.3"], "focus": ["finance"], "languages": ["en"]}))).await.expect(StatusCode::CREATED).json();
    let nid = need["id"].as_str().unwrap_or_default().to_owned();
    let suggested = app.get(&format!("/api/v1/exchange/needs/{nid}/suggestions?lang=en"), &[]).await.expect(StatusCode::OK).json();
    let first = &suggested["items"][0];
    assert_eq!(first["solution"]["content"]["title"], "Allowances by mobile money", "{suggested}");
    let texts: Vec<String> = first["reasons"].as_array().into_iter().flatten()
        .filter_map(|r| r["text"].as_str().map(str::to_owned)).collect();
    assert_eq!(texts.first().map(String::as_str), Some("Both work on SDG target 1.3."), "{texts:?}");
    assert!(texts.iter().any(|t| t == "Both are about Public finance."), "{texts:?}");
    assert!(texts.iter().any(|t| t == "It already runs in Bangladesh and Kenya."), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("allowance")), "shared words: {texts:?}");
    // The land records solution shares nothing that matters: not suggested for this need.
    assert_eq!(suggested["items"].as_array().map(Vec::len), Some(1), "{suggested}");
    // The need's page says the same in Bangla, without JavaScript.
    let page = app.get(&format!("/exchange/needs/{nid}?lang=bn"), &[]).await.expect(StatusCode::OK).text();
    assert!(page.contains("দুটোই এসডিজি লক্ষ্যমাত্রা ১.৩ নিয়ে কাজ করে।"), "{page}");
    // Both are found by their words, narrowed by kind, country and goal, with counts.
    app.sync_search().await;
    let found = app.get("/api/v1/exchange/search?q=allowances", &[]).await.expect(StatusCode::OK).json();
    let kinds: Vec<&str> = found["items"].as_array().into_iter().flatten().filter_map(|i| i["kind"].as_str()).collect();
    assert!(kinds.contains(&"solution") && kinds.contains(&"need"), "{found}");
    assert!(found["kinds"].as_array().is_some_and(|k| k.iter().any(|c| c["key"] == "need" && c["count"] == 1)), "{found}");
    let only = app.get("/api/v1/exchange/search?q=allowances&kind=solution&country=bd&sdg=1", &[]).await.expect(StatusCode::OK).json();
    assert_eq!(only["total"], 1, "{only}");
    assert_eq!(only["items"][0]["title"], "Allowances by mobile money");
    let land = app.get("/api/v1/exchange/search?focus=data_innovation", &[]).await.json();
    assert_eq!(land["items"][0]["title"], "Digital land records", "{land}");
    let bad = app.get("/api/v1/exchange/search?sdg=99&lang=en", &[]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let long = app.get(&format!("/api/v1/exchange/search?q={}", "a".repeat(201)), &[]).await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY, "longer than documented is refused, not cut");
    let page = app.get("/exchange/search?q=allowances&lang=bn", &[]).await.expect(StatusCode::OK).text();
    assert!(page.contains("Allowances by mobile money") && page.contains("সরকারি অর্থব্যবস্থা"), "{page}");
    // A need needs a verified member the poster belongs to.
    let other = app.json(Method::POST, "/api/v1/exchange/needs", Some(&giver), Some(json!({
        "member": to, "title": "x", "problem": "y"}))).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
});

shetu_testkit::app_test!(async fn joining_and_posting_a_need_work_without_javascript_and_keep_what_was_typed(app) {
    let admin = app.login_as("admin").await;
    let owner = app.login_named("person", "Amina Yusuf").await;
    let cookie = owner.browser();
    let browser = [(cookie.0.as_str(), cookie.1.as_str())];
    // Join: a wrong website is said beside its field; the name typed stays.
    let bad = app.form("/exchange/join?lang=en", &[("name", "Kisumu Digital Office"), ("kind", "government"),
        ("country", "KE"), ("languages", "en"), ("languages", "so"), ("focus", "work"), ("website", "kisumu.example")], Some(&owner)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.text());
    let page = bad.text();
    assert!(page.contains("id=\"website-problem\"") && page.contains("must be a web address starting with https://"), "{page}");
    assert!(page.contains("value=\"Kisumu Digital Office\"") && page.contains("id=\"lang-so\" name=\"languages\" value=\"so\" checked"), "{page}");
    let ok = app.form("/exchange/join", &[("name", "Kisumu Digital Office"), ("kind", "government"), ("country", "KE"),
        ("languages", "en"), ("focus", "finance"), ("website", "https://kisumu.example")], Some(&owner)).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
    let id = app.json(Method::GET, "/api/v1/exchange/members?country=KE", Some(&admin), None).await.json();
    assert_eq!(id["items"].as_array().map(Vec::len), Some(0), "not listed before verification");
    let pending: (String,) = sqlx::query_as("SELECT id FROM exchange_member WHERE name = 'Kisumu Digital Office'")
        .fetch_one(app.db.pool()).await.expect("member");
    // Before verification the need form says why it cannot be used yet.
    let wait = app.get("/exchange/needs/new?lang=en", &browser).await.expect(StatusCode::OK).text();
    assert!(wait.contains("once the secretariat has verified it"), "{wait}");
    app.json(Method::POST, &format!("/api/v1/exchange/members/{}/verification", pending.0), Some(&admin), None).await.expect(StatusCode::OK);
    // A need with a mistyped SDG target: said beside the field, the problem typed kept.
    let bad = app.form("/exchange/needs/new?lang=en", &[("member", &pending.0), ("title", "Pay allowances on time"),
        ("problem", "Cash allowances arrive late."), ("sdgs", "1.3, 19.1"), ("focus", "finance")], Some(&owner)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = bad.text();
    assert!(page.contains("id=\"sdgs-problem\"") && page.contains("must be an SDG target such as 16.6"), "{page}");
    assert!(page.contains("Cash allowances arrive late.") && page.contains("value=\"1.3, 19.1\""), "{page}");
    assert!(page.contains("href=\"#sdgs\""), "the summary links to the field");
    let made = app.form("/exchange/needs/new", &[("member", &pending.0), ("title", "Pay allowances on time"),
        ("problem", "Cash allowances arrive late."), ("sdgs", "১.৩"), ("focus", "finance"), ("languages", "en")], Some(&owner)).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.text());
    let to = made.header("location").to_owned();
    let need = app.get(&format!("{to}?lang=en"), &browser).await.expect(StatusCode::OK).text();
    assert!(need.contains("Pay allowances on time") && need.contains("SDG 1.3"), "{need}");
});
