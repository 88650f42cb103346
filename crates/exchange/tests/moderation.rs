//! Discussion and moderation: comments on solutions and needs, flags from readers, content
//! hidden over the threshold until reviewed, the moderators' one queue and their decisions
//! (hide, restore, warn, suspend), each told to the person and audited; the same with the
//! browser's forms, without JavaScript; the content policy page in three languages.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use shetu_testkit::{Person, TestApp};

/// A verified member of `owner` with one published solution and one open need: (solution, need).
async fn published(app: &TestApp, admin: &Person, owner: &Person) -> (String, String) {
    let member = app
        .json(Method::POST, "/api/v1/exchange/members", Some(owner),
            Some(json!({"name": "Union Digital Centre Network", "kind": "government", "country": "BD"})))
        .await
        .expect(StatusCode::CREATED)
        .json()["id"].as_str().unwrap_or_default().to_owned();
    app.json(
        Method::POST,
        &format!("/api/v1/exchange/members/{member}/verification"),
        Some(admin),
        None,
    )
    .await
    .expect(StatusCode::OK);
    let content = json!({
        "title": "Land records at the union digital centre",
        "problem": "Farmers travel to the district town for a copy of their land record.",
        "approach": "Agents at union digital centres print certified copies from the national land database.",
        "results": "Copies in one visit instead of three.", "evidence": "Ministry survey, 2023.",
        "implemented": true, "countries": ["BD"], "level": "local", "cost": "low",
        "months_to_adopt": 6, "maturity": "scaled", "sdgs": ["16.6"], "focus": ["data_innovation"],
        "contact": "land@example.org"
    });
    let sid = app
        .json(
            Method::POST,
            "/api/v1/exchange/solutions",
            Some(owner),
            Some(json!({"member": member, "content": content})),
        )
        .await
        .expect(StatusCode::CREATED)
        .json()["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let review = format!("/api/v1/exchange/solutions/{sid}/review");
    for to in ["in_review", "published"] {
        app.json(
            Method::POST,
            &review,
            Some(admin),
            Some(json!({"to": to, "comment": ""})),
        )
        .await
        .expect(StatusCode::OK);
    }
    let nid = app
        .json(Method::POST, "/api/v1/exchange/needs", Some(owner), Some(json!({"member": member,
            "title": "Land records for island villages", "problem": "No land office within a day's travel."})))
        .await
        .expect(StatusCode::CREATED)
        .json()["id"].as_str().unwrap_or_default().to_owned();
    (sid, nid)
}

async fn flag(
    app: &TestApp,
    who: &Person,
    kind: &str,
    id: &str,
    reason: &str,
    note: &str,
) -> shetu_testkit::Answer {
    app.json(
        Method::POST,
        "/api/v1/exchange/flags?lang=en",
        Some(who),
        Some(json!({"kind": kind, "id": id, "reason": reason, "note": note})),
    )
    .await
}

async fn decide(app: &TestApp, who: &Person, body: Value) -> shetu_testkit::Answer {
    app.json(
        Method::POST,
        "/api/v1/exchange/moderation/decisions?lang=en",
        Some(who),
        Some(body),
    )
    .await
}

async fn audited(app: &TestApp, action: &str, object: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_event WHERE action = $1 AND object = $2")
        .bind(action)
        .bind(object)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or(-1)
}

shetu_testkit::app_test!(async fn flags_hide_content_over_the_threshold_and_moderators_decide(app) {
    let admin = app.login_as("admin").await;
    let moderator = app.login_as("moderator").await;
    let owner = app.login_as("person").await;
    let writer = app.login_named("person", "Rafiq Islam").await;
    let readers = [app.login_as("person").await, app.login_as("person").await, app.login_as("person").await];
    let (sid, nid) = published(app, &admin, &owner).await;
    let comments = format!("/api/v1/exchange/solutions/{sid}/comments");

    // Comments: signed in only, not empty, on published solutions and needs.
    let anon = app.json(Method::POST, &comments, None, Some(json!({"body": "Hello"}))).await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
    let empty = app.json(Method::POST, &format!("{comments}?lang=en"), Some(&writer), Some(json!({"body": "  "}))).await;
    assert_eq!(empty.field_error("body").as_deref(), Some("is required"));
    let long = app.json(Method::POST, &comments, Some(&writer), Some(json!({"body": "ক".repeat(2001)}))).await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    let cid = app.json(Method::POST, &comments, Some(&writer), Some(json!({"body": "Buy cheap phones at my shop!"})))
        .await.expect(StatusCode::CREATED).json()["id"].as_str().unwrap_or_default().to_owned();
    app.json(Method::POST, &format!("/api/v1/exchange/needs/{nid}/comments"), Some(&readers[0]),
        Some(json!({"body": "We tried this in Bhola; happy to share."}))).await.expect(StatusCode::CREATED);
    let missing = app.json(Method::POST, "/api/v1/exchange/needs/nope/comments", Some(&writer), Some(json!({"body": "x"}))).await;
    assert_eq!(missing.error_code(), "need_not_found");
    let list = app.get(&comments, &[]).await.expect(StatusCode::OK).json();
    assert_eq!(list["items"][0]["body"], "Buy cheap phones at my shop!");
    assert_eq!(list["items"][0]["author_name"], "Rafiq Islam");

    // Flags: one open flag per person and thing, a reason from the list, a note for "other",
    // never on oneself.
    assert_eq!(flag(app, &writer, "comment", &cid, "spam", "").await.field_error("id").as_deref(), Some("cannot be yourself"));
    assert_eq!(flag(app, &readers[0], "comment", &cid, "rude", "").await.field_error("reason").as_deref(), Some("is not one of the choices"));
    assert_eq!(flag(app, &readers[0], "comment", &cid, "other", "").await.field_error("note").as_deref(), Some("is required"));
    assert_eq!(flag(app, &readers[0], "comment", "nope", "spam", "").await.error_code(), "comment_not_found");
    let first = flag(app, &readers[0], "comment", &cid, "spam", "").await.expect(StatusCode::CREATED).json();
    assert_eq!(first["hidden"], false);
    assert_eq!(flag(app, &readers[0], "comment", &cid, "abuse", "").await.error_code(), "already_flagged");
    assert_eq!(flag(app, &readers[1], "comment", &cid, "spam", "").await.expect(StatusCode::CREATED).json()["hidden"], false,
        "two flags are under the threshold");
    let third = flag(app, &readers[2], "comment", &cid, "other", "An advertisement").await.expect(StatusCode::CREATED).json();
    assert_eq!(third["hidden"], true, "the third flag hides it");
    let seen = app.get(&comments, &[]).await.json();
    assert_eq!((seen["items"][0]["hidden"].clone(), seen["items"][0]["body"].clone()), (json!(true), Value::Null),
        "readers no longer see what it says");
    let by_moderator = app.json(Method::GET, &comments, Some(&moderator), None).await.json();
    assert_eq!(by_moderator["items"][0]["body"], "Buy cheap phones at my shop!", "moderators do");

    // A solution flagged by three people leaves every listing until reviewed.
    app.sync_search().await;
    let before = app.get("/api/v1/exchange/search?q=land", &[]).await.json();
    assert!(before["items"].as_array().is_some_and(|i| i.iter().any(|h| h["kind"] == "solution")), "{before}");
    for r in &readers {
        flag(app, r, "solution", &sid, "misleading", "").await.expect(StatusCode::CREATED);
    }
    let hidden = app.get(&format!("/api/v1/exchange/solutions/{sid}"), &[]).await;
    assert_eq!((hidden.status, hidden.error_code()), (StatusCode::NOT_FOUND, "content_hidden".to_owned()));
    let own = app.json(Method::GET, &format!("/api/v1/exchange/solutions/{sid}"), Some(&owner), None).await.expect(StatusCode::OK).json();
    assert_eq!(own["hidden"], true, "its member still sees it, marked");
    let listed = app.get("/api/v1/exchange/solutions", &[]).await.json();
    assert_eq!(listed["items"].as_array().map(Vec::len), Some(0));
    app.sync_search().await;
    let after = app.get("/api/v1/exchange/search?q=land", &[]).await.json();
    assert!(after["items"].as_array().is_some_and(|i| !i.iter().any(|h| h["kind"] == "solution")), "{after}");
    let gone = app.get(&comments, &[]).await;
    assert_eq!(gone.error_code(), "content_hidden", "nor its discussion: {} {}", gone.status, gone.text());
    let closed = app.json(Method::POST, &comments, Some(&readers[0]), Some(json!({"body": "Still here?"}))).await;
    assert_eq!(closed.error_code(), "solution_not_found", "no comments on hidden content");

    // One queue, for moderators only: hidden content first, each with its flags.
    assert_eq!(app.json(Method::GET, "/api/v1/exchange/moderation", None, None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.json(Method::GET, "/api/v1/exchange/moderation", Some(&owner), None).await.status, StatusCode::FORBIDDEN);
    flag(app, &readers[0], "person", &writer.id.to_string(), "abuse", "Sends me messages").await.expect(StatusCode::CREATED);
    let queue = app.json(Method::GET, "/api/v1/exchange/moderation", Some(&moderator), None).await.expect(StatusCode::OK).json();
    let kinds: Vec<&str> = queue["items"].as_array().into_iter().flatten().filter_map(|i| i["kind"].as_str()).collect();
    assert_eq!(kinds, vec!["comment", "solution", "person"], "{queue}");
    assert_eq!(queue["items"][0]["flags"].as_array().map(Vec::len), Some(3));
    assert_eq!(queue["items"][2]["person_name"], "Rafiq Islam");

    // Decisions: only moderators; a reason but for restore; people are warned or suspended,
    // not hidden.
    let restore = json!({"kind": "solution", "id": sid, "action": "restore"});
    assert_eq!(decide(app, &owner, restore.clone()).await.status, StatusCode::FORBIDDEN);
    let restored = decide(app, &moderator, restore).await.expect(StatusCode::OK).json();
    assert_eq!((restored["hidden"].clone(), restored["resolved_flags"].clone()), (json!(false), json!(3)));
    app.get(&format!("/api/v1/exchange/solutions/{sid}"), &[]).await.expect(StatusCode::OK);
    assert_eq!(audited(app, "exchange.moderation.restore", &format!("solution:{sid}")).await, 1);
    let no_reason = decide(app, &moderator, json!({"kind": "comment", "id": cid, "action": "warn"})).await;
    assert_eq!(no_reason.field_error("reason").as_deref(), Some("is required"));
    let warned = decide(app, &moderator, json!({"kind": "comment", "id": cid, "action": "warn",
        "reason": "Advertising is not allowed in discussions."})).await.expect(StatusCode::OK).json();
    assert_eq!(warned["hidden"], true);
    let sms = app.last_sms_to(&writer.phone).await.unwrap_or_default();
    assert!(sms.contains("Advertising is not allowed in discussions.") && sms.contains("/exchange/policy"), "{sms}");
    assert_eq!(audited(app, "exchange.moderation.warn", &format!("comment:{cid}")).await, 1);
    let person = writer.id.to_string();
    let hide_person = decide(app, &moderator, json!({"kind": "person", "id": person, "action": "hide", "reason": "x"})).await;
    assert_eq!(hide_person.field_error("action").as_deref(), Some("applies to content, not to a person"));
    let zero = decide(app, &moderator, json!({"kind": "person", "id": person, "action": "suspend", "reason": "x", "days": 0})).await;
    assert_eq!(zero.field_error("days").as_deref(), Some("must be between 1 and 365"));
    let myself = decide(app, &moderator, json!({"kind": "person", "id": moderator.id.to_string(), "action": "warn", "reason": "x"})).await;
    assert_eq!(myself.field_error("id").as_deref(), Some("cannot be yourself"));
    let suspended = decide(app, &moderator, json!({"kind": "person", "id": person, "action": "suspend",
        "reason": "Repeated messages to other members.", "days": 7})).await.expect(StatusCode::OK).json();
    let until = suspended["suspended_until"].as_i64().unwrap_or_default();
    let week = until - shetu_store::now_ms();
    assert!((6 * 86_400_000..=7 * 86_400_000).contains(&week), "{suspended}");
    assert_eq!(audited(app, "exchange.moderation.suspend", &format!("person:{person}")).await, 1);
    let sms = app.last_sms_to(&writer.phone).await.unwrap_or_default();
    assert!(sms.contains("Repeated messages to other members."), "{sms}");

    // A suspended person cannot comment, flag, post or submit until then, and is told until when.
    let refused = app.json(Method::POST, &format!("{comments}?lang=en"), Some(&writer), Some(json!({"body": "Sorry"}))).await;
    assert_eq!((refused.status, refused.error_code()), (StatusCode::FORBIDDEN, "suspended".to_owned()));
    assert!(refused.text().contains("suspended from the exchange until"), "{}", refused.text());
    assert_eq!(flag(app, &writer, "solution", &sid, "spam", "").await.error_code(), "suspended");
    let mine = app.json(Method::GET, "/api/v1/exchange/moderation/mine", Some(&writer), None).await.expect(StatusCode::OK).json();
    let kinds: Vec<&str> = mine["items"].as_array().into_iter().flatten().filter_map(|s| s["kind"].as_str()).collect();
    assert_eq!(kinds, vec!["suspend", "warn"]);
    // Every decision resolved what it answered: the queue is empty.
    let queue = app.json(Method::GET, "/api/v1/exchange/moderation", Some(&moderator), None).await.json();
    assert_eq!(queue["items"].as_array().map(Vec::len), Some(0), "{queue}");
    // The need's discussion was untouched.
    let need = app.get(&format!("/api/v1/exchange/needs/{nid}/comments"), &[]).await.json();
    assert_eq!(need["items"][0]["body"], "We tried this in Bhola; happy to share.");
});

shetu_testkit::app_test!(async fn discussion_and_moderation_work_in_the_browser_without_javascript(app) {
    let admin = app.login_as("admin").await;
    let moderator = app.login_as("moderator").await;
    let owner = app.login_as("person").await;
    let writer = app.login_named("person", "Shirin Akter").await;
    let reader = app.login_as("person").await;
    let (sid, _) = published(app, &admin, &owner).await;
    let page_url = format!("/exchange/solutions/{sid}");
    // A visitor reads the discussion and is asked to sign in to take part.
    let page = app.get(&format!("{page_url}?lang=en"), &[]).await.expect(StatusCode::OK).text();
    assert!(page.contains("No comments yet.") && page.contains("Sign in to take part"), "{page}");
    // An empty comment: the error beside the field, the summary at the top.
    let empty = app.form(&format!("{page_url}/comments?lang=bn"), &[("body", " ")], Some(&writer)).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = empty.text();
    assert!(text.contains("class=\"error-summary\"") && text.contains("id=\"body-problem\""), "{text}");
    // A comment that is too long keeps what was typed.
    let typed = "ভালো উদ্যোগ। ".repeat(200);
    let long = app.form(&format!("{page_url}/comments?lang=bn"), &[("body", &typed)], Some(&writer)).await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(long.text().contains(typed.trim_end()), "what was typed is kept");
    let posted = app.form(&format!("{page_url}/comments"), &[("body", "আমাদের উপজেলায় এটি চালু করতে চাই।")], Some(&writer)).await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER);
    let c = app.get(&format!("/api/v1/exchange/solutions/{sid}/comments"), &[]).await.json();
    let cid = c["items"][0]["id"].as_str().unwrap_or_default().to_owned();
    let cookie = reader.browser();
    let page = app.get(&format!("{page_url}?lang=bn"), &[(cookie.0.as_str(), cookie.1.as_str())]).await.text();
    assert!(page.contains("আমাদের উপজেলায় এটি চালু করতে চাই।") && page.contains("এই মন্তব্যটি রিপোর্ট করুন"), "{page}");
    // Flag without a reason: told in place; then with one: thanked.
    let back = format!("/exchange/solutions/{sid}");
    let form = app.get(&format!("/exchange/flag?kind=comment&id={cid}&back={back}&lang=en"), &[(cookie.0.as_str(), cookie.1.as_str())])
        .await.expect(StatusCode::OK).text();
    assert!(form.contains("Report: Comment") && form.contains("Spam or advertising"), "{form}");
    let no_reason = app.form("/exchange/flag?lang=en", &[("kind", "comment"), ("id", &cid), ("back", &back), ("note", "see above")], Some(&reader)).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.text().contains("id=\"reason-problem\"") && no_reason.text().contains("see above"), "{}", no_reason.text());
    let thanked = app.form("/exchange/flag?lang=en", &[("kind", "comment"), ("id", &cid), ("back", &back), ("reason", "off_topic")], Some(&reader)).await;
    assert_eq!(thanked.status, StatusCode::OK);
    assert!(thanked.text().contains("The moderators will look at it."), "{}", thanked.text());
    // The queue page: moderators only; a suspension without days is told in place, then done.
    assert_eq!(app.form("/exchange/moderation", &[("kind", "comment"), ("id", &cid), ("action", "hide"), ("reason", "x")], Some(&owner)).await.status,
        StatusCode::FORBIDDEN);
    let mc = moderator.browser();
    let queue = app.get("/exchange/moderation?lang=en", &[(mc.0.as_str(), mc.1.as_str())]).await.expect(StatusCode::OK).text();
    assert!(queue.contains("আমাদের উপজেলায়") && queue.contains("Not about public-service innovation"), "{queue}");
    let no_days = app.form("/exchange/moderation?lang=en", &[("n", "0"), ("kind", "comment"), ("id", &cid), ("action", "suspend"), ("reason", "Off topic, again")], Some(&moderator)).await;
    assert_eq!(no_days.status, StatusCode::UNPROCESSABLE_ENTITY);
    let t = no_days.text();
    assert!(t.contains("id=\"days-0-problem\"") && t.contains("Off topic, again"), "{t}");
    let done = app.form("/exchange/moderation", &[("n", "0"), ("kind", "comment"), ("id", &cid), ("action", "hide"), ("reason", "Off topic")], Some(&moderator)).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("{page_url}?lang=en"), &[]).await.text();
    assert!(page.contains("This comment is hidden") && !page.contains("আমাদের উপজেলায়"), "{page}");
    let sms = app.last_sms_to(&writer.phone).await.unwrap_or_default();
    assert!(sms.contains("মন্তব্যটি") && sms.contains("Off topic"), "told in Bangla: {sms}");
    // The content policy and code of conduct, in three languages.
    for (lang, title) in [("bn", "কনটেন্ট নীতি ও আচরণবিধি"), ("en", "Content policy and code of conduct"), ("ar", "سياسة المحتوى وقواعد السلوك")] {
        let p = app.get(&format!("/exchange/policy?lang={lang}"), &[]).await.expect(StatusCode::OK).text();
        assert!(p.contains(title), "{lang}: {p}");
    }
});

shetu_testkit::app_test!(async fn a_person_downloads_then_erases_their_part_of_the_exchange(app) {
    let admin = app.login_as("admin").await;
    let moderator = app.login_as("moderator").await;
    let owner = app.login_as("person").await;
    let expert = app.login_named("person", "Amina Yusuf").await;
    let (sid, _) = published(app, &admin, &owner).await;
    let me = app.json(Method::POST, "/api/v1/exchange/members", Some(&expert),
        Some(json!({"name": "Amina Yusuf", "kind": "expert", "country": "KE", "about": "Land records in Kenya since 2009."})))
        .await.expect(StatusCode::CREATED).json()["id"].as_str().unwrap_or_default().to_owned();
    let said = "Kenya did this with county offices; happy to compare notes.";
    let cid = app.json(Method::POST, &format!("/api/v1/exchange/solutions/{sid}/comments"), Some(&expert), Some(json!({"body": said})))
        .await.expect(StatusCode::CREATED).json()["id"].as_str().unwrap_or_default().to_owned();
    flag(app, &expert, "solution", &sid, "other", "The results are from a single district").await.expect(StatusCode::CREATED);
    flag(app, &owner, "comment", &cid, "off_topic", "").await.expect(StatusCode::CREATED);
    decide(app, &moderator, json!({"kind": "person", "id": expert.id.to_string(), "action": "warn", "reason": "Keep to the subject."}))
        .await.expect(StatusCode::OK);

    let data: Value = app.json(Method::GET, "/api/v1/me/data", Some(&expert), None).await.expect(StatusCode::OK).json();
    let x = &data["exchange"];
    assert_eq!(x["comments"][0]["text"], said, "{data}");
    assert_eq!(x["reports_made"][0]["note"], "The results are from a single district");
    assert_eq!(x["warnings_and_suspensions"][0]["reason"], "Keep to the subject.");
    assert_eq!(x["expert_membership"][0]["about"], "Land records in Kenya since 2009.");

    app.json(Method::DELETE, "/api/v1/me", Some(&expert), None).await.expect(StatusCode::NO_CONTENT);
    let count = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql).bind(expert.id.to_string()).fetch_one(app.db.pool()).await.unwrap_or(-1)
    };
    assert_eq!(count("SELECT COUNT(*) FROM exchange_comment WHERE author_id = $1").await, 0, "her words are gone");
    assert_eq!(count("SELECT COUNT(*) FROM exchange_sanction WHERE person_id = $1").await, 0);
    assert_eq!(count("SELECT COUNT(*) FROM exchange_flag WHERE flagged_by = $1 AND note <> ''").await, 0, "her notes are gone");
    assert_eq!(count("SELECT COUNT(*) FROM exchange_flag WHERE target_kind = 'person' AND target_id = $1").await, 0);
    let member: (String, String) = sqlx::query_as("SELECT name, about FROM exchange_member WHERE id = $1")
        .bind(&me).fetch_one(app.db.pool()).await.expect("member");
    assert!(member.0.starts_with('#') && member.1.is_empty(), "{member:?}");
    let list = app.get(&format!("/api/v1/exchange/solutions/{sid}/comments"), &[]).await.json();
    assert_eq!(list["items"].as_array().map(Vec::len), Some(0));
});
