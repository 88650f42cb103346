//! Solutions in the browser and their attachments: shared and revised with a form; attachments
//! typed by their bytes, size limited, reviewed with their version,
//! downloaded as what they are; the same through the solution's page with a file form.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use shetu_testkit::{Person, TestApp};

fn content() -> Value {
    json!({
        "title": "Grievance hotline for social allowances",
        "problem": "Beneficiaries cannot tell anyone when a payment does not arrive.",
        "approach": "A toll-free number and an SMS code route complaints to the upazila office, with a deadline.",
        "results": "Most complaints answered within a week.", "evidence": "Annual report, 2024.",
        "implemented": true, "countries": ["BD"], "level": "local", "cost": "low",
        "months_to_adopt": 4, "maturity": "pilot", "sdgs": ["16.6"], "focus": ["civil_service"],
        "contact": "hotline@example.org"
    })
}

async fn submitted(app: &TestApp, admin: &Person, owner: &Person) -> String {
    let member = app
        .json(
            Method::POST,
            "/api/v1/exchange/members",
            Some(owner),
            Some(json!({"name": "Social Protection Cell", "kind": "government", "country": "BD"})),
        )
        .await
        .expect(StatusCode::CREATED)
        .json()["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    app.json(
        Method::POST,
        &format!("/api/v1/exchange/members/{member}/verification"),
        Some(admin),
        None,
    )
    .await
    .expect(StatusCode::OK);
    app.json(
        Method::POST,
        "/api/v1/exchange/solutions",
        Some(owner),
        Some(json!({"member": member, "content": content()})),
    )
    .await
    .expect(StatusCode::CREATED)
    .json()["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn attach(
    app: &TestApp,
    who: &Person,
    sid: &str,
    name: &str,
    bytes: Vec<u8>,
) -> shetu_testkit::Answer {
    let token = format!("Bearer {}", who.token);
    app.post(
        &format!("/api/v1/exchange/solutions/{sid}/attachments?lang=en&name={name}"),
        "application/octet-stream",
        bytes,
        &[("authorization", &token)],
    )
    .await
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

fn docx() -> Vec<u8> {
    let mut b = b"PK\x03\x04\x14\0\0\0\x08\0".to_vec();
    b.extend(b"[Content_Types].xml....word/document.xml....PK\x05\x06");
    b
}

shetu_testkit::app_test!(async fn attachments_are_typed_by_content_limited_and_reviewed_with_their_version(app) {
    let admin = app.login_as("admin").await;
    let owner = app.login_as("person").await;
    let stranger = app.login_as("person").await;
    let sid = submitted(app, &admin, &owner).await;

    // What it is comes from the bytes: a page called .pdf is refused, a PDF keeps a clean name.
    let html = attach(app, &owner, &sid, "report.pdf", b"<html><script>alert(1)</script></html>".to_vec()).await;
    assert_eq!(html.field_error("file").as_deref(),
        Some("must be a PDF, Word, Excel, PowerPoint, OpenDocument, CSV or image (PNG, JPEG, WebP) file"));
    let exe = attach(app, &owner, &sid, "setup.pdf", b"MZ\x90\0\x03\0\0\0\x04\0".to_vec()).await;
    assert_eq!(exe.status, StatusCode::UNPROCESSABLE_ENTITY);
    let big = attach(app, &owner, &sid, "scan.pdf", [pdf(), vec![b' '; 5 * 1024 * 1024]].concat()).await;
    assert_eq!((big.status, big.error_code()), (StatusCode::PAYLOAD_TOO_LARGE, "attachment_too_large".to_owned()));
    assert_eq!(attach(app, &stranger, &sid, "x.pdf", pdf()).await.status, StatusCode::FORBIDDEN);
    let made = attach(app, &owner, &sid, "..%2F..%2Fevaluation%202024.exe", pdf()).await.expect(StatusCode::CREATED).json();
    assert_eq!((made["name"].as_str(), made["kind"].as_str(), made["version"].as_i64()), (Some("evaluation 2024.pdf"), Some("pdf"), Some(1)));
    let aid = made["id"].as_str().unwrap_or_default().to_owned();
    let list = format!("/api/v1/exchange/solutions/{sid}/attachments");
    assert_eq!(app.get(&list, &[]).await.status, StatusCode::NOT_FOUND, "not public before it is published");

    // Reviewed with the version it came with.
    let review = format!("/api/v1/exchange/solutions/{sid}/review");
    app.json(Method::POST, &review, Some(&admin), Some(json!({"to": "in_review", "comment": ""}))).await.expect(StatusCode::OK);
    assert_eq!(attach(app, &owner, &sid, "x.pdf", pdf()).await.error_code(), "revise_first", "not during review");
    app.json(Method::POST, &review, Some(&admin), Some(json!({"to": "published", "comment": ""}))).await.expect(StatusCode::OK);
    let public = app.get(&list, &[]).await.expect(StatusCode::OK).json();
    assert_eq!(public["items"].as_array().map(Vec::len), Some(1));
    let file = app.get(&format!("{list}/{aid}"), &[]).await.expect(StatusCode::OK);
    assert_eq!(file.header("content-type"), "application/pdf");
    assert_eq!(file.header("x-content-type-options"), "nosniff");
    assert!(file.header("content-disposition").starts_with("attachment;"), "never shown inline");
    assert_eq!(file.body, pdf(), "the bytes as sent");
    assert_eq!(attach(app, &owner, &sid, "x.pdf", pdf()).await.error_code(), "revise_first", "a published version is revised first");

    // A revision's attachment waits for its review; a published one stays.
    app.json(Method::PUT, &format!("/api/v1/exchange/solutions/{sid}"), Some(&owner), Some(content())).await.expect(StatusCode::OK);
    let second = attach(app, &owner, &sid, "Manual.docx", docx()).await.expect(StatusCode::CREATED).json();
    assert_eq!((second["kind"].as_str(), second["version"].as_i64()), (Some("docx"), Some(2)));
    assert_eq!(app.get(&list, &[]).await.json()["items"].as_array().map(Vec::len), Some(1), "readers: the published one");
    let theirs = app.json(Method::GET, &list, Some(&owner), None).await.json();
    assert_eq!(theirs["items"].as_array().map(Vec::len), Some(2), "its people: both");
    let sid2 = second["id"].as_str().unwrap_or_default();
    assert_eq!(app.get(&format!("{list}/{sid2}"), &[]).await.status, StatusCode::NOT_FOUND);
    let kept = app.json(Method::DELETE, &format!("{list}/{aid}"), Some(&owner), None).await;
    assert_eq!(kept.error_code(), "attachment_published");
    app.json(Method::DELETE, &format!("{list}/{sid2}"), Some(&owner), None).await.expect(StatusCode::NO_CONTENT);
    // At most eight.
    for n in 0..7 {
        attach(app, &owner, &sid, &format!("table-{n}.csv"), "district,cases\nBhola,12\n".as_bytes().to_vec()).await.expect(StatusCode::CREATED);
    }
    assert_eq!(attach(app, &owner, &sid, "one-more.csv", b"a,b\n".to_vec()).await.error_code(), "too_many_attachments");
    assert_eq!(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM audit_event WHERE action = 'exchange.solution.attach'")
        .fetch_one(app.db.pool()).await.unwrap_or(0), 9, "every attachment audited, the removed one too");
    assert_eq!(sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM audit_event WHERE action = 'exchange.solution.detach'")
        .fetch_one(app.db.pool()).await.unwrap_or(0), 1);
});

shetu_testkit::app_test!(async fn a_member_attaches_a_file_on_the_solution_page_without_javascript(app) {
    let admin = app.login_as("admin").await;
    let owner = app.login_as("person").await;
    let sid = submitted(app, &admin, &owner).await;
    let csrf = app.session_csrf(&owner).await;
    let cookie = owner.browser().1;
    let send = |bytes: &[u8], name: &str| {
        let boundary = "----shetu-attach-5f1";
        let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n").into_bytes();
        body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n").as_bytes());
        body.extend(bytes);
        body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
        let (kind, cookie, uri) = (format!("multipart/form-data; boundary={boundary}"), cookie.clone(), format!("/exchange/solutions/{sid}/attachments?lang=bn"));
        async move { app.post(&uri, &kind, body, &[("cookie", &cookie)]).await }
    };
    let page = app.get(&format!("/exchange/solutions/{sid}?lang=en"), &[("cookie", &cookie)]).await.expect(StatusCode::OK).text();
    assert!(page.contains("enctype=\"multipart/form-data\"") && page.contains("Attach a file"), "{page}");
    let wrong = send(b"GIF89a\x01\0\x01\0\x80\0\0\xff\xff\xff\0\0\0!\xf9\x04", "photo.gif").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = wrong.text();
    assert!(text.contains("class=\"error-summary\"") && text.contains("id=\"file-problem\"") && text.contains("পিডিএফ"), "{text}");
    let done = send(&pdf(), "মূল্যায়ন.pdf").await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/exchange/solutions/{sid}?lang=en"), &[("cookie", &cookie)]).await.text();
    assert!(page.contains("মূল্যায়ন.pdf") && page.contains("PDF · 1 KB"), "{page}");
});

shetu_testkit::app_test!(async fn a_member_shares_and_revises_a_solution_in_the_browser_without_javascript(app) {
    let admin = app.login_as("admin").await;
    let owner = app.login_as("person").await;
    let member = app.json(Method::POST, "/api/v1/exchange/members", Some(&owner),
        Some(json!({"name": "a2i Innovation Lab", "kind": "government", "country": "BD"})))
        .await.expect(StatusCode::CREATED).json()["id"].as_str().unwrap_or_default().to_owned();
    app.json(Method::POST, &format!("/api/v1/exchange/members/{member}/verification"), Some(&admin), None).await.expect(StatusCode::OK);
    let cookie = owner.browser();
    let form = app.get("/exchange/solutions/new?lang=en", &[(cookie.0.as_str(), cookie.1.as_str())]).await.expect(StatusCode::OK).text();
    assert!(form.contains("a2i Innovation Lab") && form.contains("Send for review"), "{form}");
    let problem = "মানুষকে জমির খতিয়ানের জন্য তিন বার জেলা শহরে যেতে হয়।";
    let fields = |title: &'static str, months: &'static str| vec![
        ("member", member.clone()), ("title", title.to_owned()), ("problem", problem.to_owned()),
        ("approach", "Union digital centres print certified copies.".to_owned()), ("results", "One visit instead of three.".to_owned()),
        ("implemented", "yes".to_owned()), ("countries", "bd, KE".to_owned()), ("level", "local".to_owned()), ("cost", "low".to_owned()),
        ("months_to_adopt", months.to_owned()), ("maturity", "scaled".to_owned()), ("sdgs", "১৬.৬, 1.4".to_owned()),
        ("focus", "data_innovation".to_owned()), ("focus", "civil_service".to_owned())];
    let send = |uri: String, f: Vec<(&'static str, String)>| {
        let owner = &owner;
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.form(&uri, &pairs, Some(owner)).await
        }
    };
    // Mistakes are told beside their field, what was typed kept.
    let empty = send("/exchange/solutions/new?lang=en".into(), fields("", "")).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = empty.text();
    assert!(text.contains("id=\"title-problem\"") && text.contains("id=\"months_to_adopt-problem\""), "both at once: {text}");
    assert!(text.contains(problem) && text.contains("class=\"error-summary\"") && text.contains("must be a number"), "{text}");
    let months = send("/exchange/solutions/new?lang=en".into(), fields("Land records at the union", "a year")).await;
    assert!(months.text().contains("id=\"months_to_adopt-problem\"") && months.text().contains("a year"), "{}", months.text());
    // Bangla digits are numbers too.
    let made = send("/exchange/solutions/new".into(), fields("Land records at the union", "১২")).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let at = made.header("location").to_owned();
    let sid = at.rsplit('/').next().unwrap_or_default().to_owned();
    let s = app.json(Method::GET, &format!("/api/v1/exchange/solutions/{sid}"), Some(&owner), None).await.expect(StatusCode::OK).json();
    assert_eq!(s["content"]["months_to_adopt"], 12);
    assert_eq!(s["content"]["countries"], json!(["BD", "KE"]));
    assert_eq!(s["content"]["sdgs"], json!(["16.6", "1.4"]));
    assert_eq!(s["content"]["implemented"], true);
    assert_eq!(s["status"], "submitted");
    // A revision starts from the latest version and makes the next one.
    let edit = app.get(&format!("/exchange/solutions/{sid}/edit?lang=en"), &[(cookie.0.as_str(), cookie.1.as_str())]).await.expect(StatusCode::OK).text();
    assert!(edit.contains("Land records at the union") && edit.contains(problem), "{edit}");
    let stranger = app.login_as("person").await;
    let sc = stranger.browser();
    assert_eq!(app.get(&format!("/exchange/solutions/{sid}/edit"), &[(sc.0.as_str(), sc.1.as_str())]).await.status, StatusCode::NOT_FOUND,
        "an unpublished solution does not exist for others");
    let revised = send(format!("/exchange/solutions/{sid}/edit"), fields("Land records at every union", "9")).await;
    assert_eq!(revised.status, StatusCode::SEE_OTHER);
    let s = app.json(Method::GET, &format!("/api/v1/exchange/solutions/{sid}"), Some(&owner), None).await.json();
    assert_eq!((s["version"].as_i64(), s["content"]["title"].as_str()), (Some(2), Some("Land records at every union")));
});
