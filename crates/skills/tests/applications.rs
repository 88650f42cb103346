//! Applications move by who may move them, and the applicant hears of each step by SMS in their
//! language; reported vacancies go to moderators, and a removed one tells its applicants.

use axum::http::Method;
use serde_json::json;
use shetu_skills::taxonomy::{import, Files};
use shetu_testkit::{Person, TestApp};

async fn setup(app: &TestApp) -> (Person, Person, String) {
    import(&app.db, app.pack, Files::BuiltIn, &|_, _| {})
        .await
        .expect("taxonomy");
    let admin = app.login_as("admin").await;
    let boss = app.login_as("person").await;
    let org = app
        .json(
            Method::POST,
            "/api/v1/skills/organizations",
            Some(&boss),
            Some(json!({"name": "মেঘনা গার্মেন্টস", "kind": "employer", "district": "bd.district.1"})),
        )
        .await
        .json()["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    app.json(
        Method::POST,
        &format!("/api/v1/skills/organizations/{org}/verification"),
        Some(&admin),
        None,
    )
    .await;
    let tailor: i64 = sqlx::query_scalar("SELECT id FROM skills_occupation WHERE code = '7531.5'")
        .fetch_one(app.db.pool())
        .await
        .expect("tailor");
    let sew: i64 =
        sqlx::query_scalar("SELECT id FROM skills_skill WHERE label_en = 'sew pieces of fabric'")
            .fetch_one(app.db.pool())
            .await
            .expect("skill");
    let deadline = shetu_skills::vacancies::date_of(shetu_store::now_ms() + 20 * 86_400_000);
    let vacancy = app
        .json(Method::POST, "/api/v1/skills/vacancies", Some(&boss), Some(json!({
            "employer": org, "occupation_id": tailor, "title": "দর্জি", "openings": 1, "deadline": deadline,
            "regions": ["bd.district.1"], "skills": [{"skill_id": sew, "essential": true}]
        })))
        .await;
    assert_eq!(vacancy.status, 201, "{}", vacancy.text());
    (
        admin,
        boss,
        vacancy.json()["id"].as_str().unwrap_or_default().to_owned(),
    )
}

shetu_testkit::app_test!(async fn an_application_moves_step_by_step_and_the_seeker_hears_of_each(app) {
    let (_, boss, vacancy) = setup(app).await;
    let seeker = app.login_as("person").await;
    let url = format!("/api/v1/skills/vacancies/{vacancy}/applications");
    let no_profile = app.json(Method::POST, &url, Some(&seeker), None).await;
    assert_eq!(no_profile.status, 404);
    assert_eq!(no_profile.json()["error"]["code"], "profile_not_found");
    app.json(Method::PUT, "/api/v1/skills/profile", Some(&seeker), Some(json!({"education": "ssc"}))).await;
    let applied = app.json(Method::POST, &url, Some(&seeker), None).await;
    assert_eq!(applied.status, 201, "{}", applied.text());
    let id = applied.json()["id"].as_str().unwrap_or_default().to_owned();
    let again = app.json(Method::POST, &url, Some(&seeker), None).await;
    assert_eq!(again.status, 200, "applying twice gives the first application");
    assert_eq!(again.json()["id"], id.as_str());
    let sms = app.last_sms_to(&seeker.phone).await.unwrap_or_default();
    assert!(sms.contains("দর্জি") && sms.contains("জমা হয়েছে"), "{sms}");

    let step = |who: &Person, to: &str| {
        let who = who.clone();
        let to = to.to_owned();
        let id = id.clone();
        async move {
            app.json(Method::POST, &format!("/api/v1/skills/applications/{id}/transitions"), Some(&who),
                Some(json!({"to": to}))).await
        }
    };
    let skip = step(&boss, "hired").await;
    assert_eq!(skip.status, 409, "no skipping steps");
    assert_eq!(skip.json()["error"]["code"], "invalid_application_move");
    let not_theirs = step(&seeker, "shortlisted").await;
    assert_eq!(not_theirs.status, 409, "a seeker does not shortlist themselves");
    for to in ["shortlisted", "interview"] {
        let moved = step(&boss, to).await;
        assert_eq!(moved.status, 200, "{to}: {}", moved.text());
        assert_eq!(moved.json()["state"], to);
    }
    let sms = app.last_sms_to(&seeker.phone).await.unwrap_or_default();
    assert!(sms.contains("সাক্ষাৎকারে"), "{sms}");
    let stranger = app.login_as("person").await;
    let refused = step(&stranger, "withdrawn").await;
    assert_eq!(refused.status, 403);
    let withdrawn = step(&seeker, "withdrawn").await;
    assert_eq!(withdrawn.status, 200);
    let late = step(&boss, "offered").await;
    assert_eq!(late.status, 409, "a withdrawn application stays withdrawn");
    let mine = app.json(Method::GET, "/api/v1/skills/applications", Some(&seeker), None).await.json();
    assert_eq!(mine["items"][0]["state"], "withdrawn");
    let theirs = app.json(Method::GET, &url, Some(&boss), None).await;
    assert_eq!(theirs.status, 200);
    let peek = app.json(Method::GET, &url, Some(&stranger), None).await;
    assert_eq!(peek.status, 403, "only the employer sees who applied");
    let history: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM skills_application_event WHERE application_id = $1")
        .bind(&id).fetch_one(app.db.pool()).await.expect("history");
    assert_eq!(history, 4);
});

shetu_testkit::app_test!(async fn a_reported_vacancy_is_removed_by_a_moderator_and_its_applicants_are_told(app) {
    let (admin, _, vacancy) = setup(app).await;
    let seeker = app.login_as("person").await;
    app.json(Method::PUT, "/api/v1/skills/profile", Some(&seeker), Some(json!({"education": "ssc"}))).await;
    let applied = app.json(Method::POST, &format!("/api/v1/skills/vacancies/{vacancy}/applications"), Some(&seeker), None).await;
    assert_eq!(applied.status, 201);
    // Anyone, signed in or not, can report it from the page.
    let page = app.form(&format!("/skills/vacancies/{vacancy}/report?lang=bn"),
        &[("reason", "asks_fees"), ("note", "আবেদনের জন্য ৫,০০০ টাকা চেয়েছে")], None).await;
    assert_eq!(page.status, 303, "{}", page.text());
    let other = app.form(&format!("/skills/vacancies/{vacancy}/report?lang=bn"),
        &[("reason", "other"), ("note", "")], None).await;
    assert_eq!(other.status, 422, "\"something else\" needs a note");
    assert!(other.text().contains("role=\"alert\""));
    let reporter = app.login_as("person").await;
    let by_api = app.json(Method::POST, &format!("/api/v1/skills/vacancies/{vacancy}/reports"), Some(&reporter),
        Some(json!({"reason": "fake_employer"}))).await;
    assert_eq!(by_api.status, 201, "{}", by_api.text());
    let queue = app.json(Method::GET, "/api/v1/skills/reports", Some(&reporter), None).await;
    assert_eq!(queue.status, 403, "the queue is for moderators");
    let queue = app.json(Method::GET, "/api/v1/skills/reports", Some(&admin), None).await.json();
    let items = queue["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 2);
    let first = items[0]["id"].as_str().unwrap_or_default().to_owned();
    let removed = app.json(Method::POST, &format!("/api/v1/skills/reports/{first}/decision"), Some(&admin),
        Some(json!({"outcome": "remove"}))).await;
    assert_eq!(removed.status, 204, "{}", removed.text());
    let left = app.json(Method::GET, "/api/v1/skills/reports", Some(&admin), None).await.json();
    assert_eq!(left["items"].as_array().map(Vec::len), Some(0), "the vacancy's other report went with it");
    let sms = app.last_sms_to(&seeker.phone).await.unwrap_or_default();
    assert!(sms.contains("সরিয়ে নেওয়া হয়েছে") && sms.contains("টাকা দেবেন না"), "{sms}");
    assert_eq!(app.get(&format!("/api/v1/skills/vacancies/{vacancy}"), &[]).await.status, 404);
    assert_eq!(app.get(&format!("/skills/vacancies/{vacancy}"), &[]).await.status, 404);
    let twice = app.json(Method::POST, &format!("/api/v1/skills/reports/{first}/decision"), Some(&admin),
        Some(json!({"outcome": "keep"}))).await;
    assert_eq!(twice.status, 409);
});

shetu_testkit::app_test!(async fn the_job_pages_work_without_javascript(app) {
    let (_, boss, vacancy) = setup(app).await;
    let seeker = app.login_named("person", "রহিমা খাতুন").await;
    let cookie = seeker.browser();
    let before = app.get("/skills/jobs?lang=bn", &[(&cookie.0, &cookie.1)]).await;
    assert_eq!(before.status, 200);
    assert!(before.text().contains("আগে চাকরিপ্রার্থীর প্রোফাইল শুরু করুন"));
    let sew: i64 = sqlx::query_scalar("SELECT id FROM skills_skill WHERE label_en = 'sew pieces of fabric'")
        .fetch_one(app.db.pool()).await.expect("skill");
    app.json(Method::PUT, "/api/v1/skills/profile", Some(&seeker), Some(json!({
        "education": "ssc", "district": "bd.district.1", "skills": [{"skill_id": sew, "level": "good"}]}))).await;
    let jobs = app.get("/skills/jobs?lang=bn", &[(&cookie.0, &cookie.1)]).await;
    assert_eq!(jobs.status, 200);
    let text = jobs.text();
    assert!(text.contains(&format!("/skills/vacancies/{vacancy}")), "the vacancy is recommended");
    assert!(text.contains("কেন:"), "with its reasons");
    let page = app.get(&format!("/skills/vacancies/{vacancy}?lang=bn"), &[(&cookie.0, &cookie.1)]).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("কাপড়ের টুকরো সেলাই করা"));
    let applied = app.form(&format!("/skills/vacancies/{vacancy}/apply"), &[], Some(&seeker)).await;
    assert_eq!(applied.status, 303, "{}", applied.text());
    let mine = app.get("/skills/applications?lang=bn", &[(&cookie.0, &cookie.1)]).await.text();
    assert!(mine.contains("data-state=\"applied\""));
    // The employer's page lists the application and moves it.
    let boss_cookie = boss.browser();
    let theirs = app.get(&format!("/skills/employer/vacancies/{vacancy}?lang=bn"), &[(&boss_cookie.0, &boss_cookie.1)]).await;
    assert_eq!(theirs.status, 200, "{}", theirs.text());
    assert!(theirs.text().contains("রহিমা খাতুন"));
    let outsider = app.get(&format!("/skills/employer/vacancies/{vacancy}"), &[(&cookie.0, &cookie.1)]).await;
    assert_eq!(outsider.status, 403);
});
