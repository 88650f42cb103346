//! A job seeker's data is theirs: the download of everything about them holds their profile,
//! applications, enrolments and certificates; erasing their account removes the profile from
//! every employer's reach, withdraws open applications, and deletes the platform's copy of their
//! certificates while the copy they downloaded still verifies.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use shetu_skills::taxonomy::{import, Files};

shetu_testkit::app_test!(async fn a_seeker_downloads_then_erases_their_skills_data(app) {
    import(&app.db, app.pack, Files::BuiltIn, &|_, _| {}).await.expect("taxonomy");
    let admin = app.login_as("admin").await;
    let boss = app.login_as("person").await;
    let seeker = app.login_named("person", "রহিমা খাতুন").await;
    let id = |table: &'static str, column: &'static str, value: &'static str| async move {
        sqlx::query_scalar::<_, i64>(&format!("SELECT id FROM {table} WHERE {column} = $1"))
            .bind(value)
            .fetch_one(app.db.pool())
            .await
            .expect("taxonomy id")
    };
    let sew = id("skills_skill", "label_en", "sew pieces of fabric").await;
    let tailor = id("skills_occupation", "code", "7531.5").await;
    let mut orgs = Vec::new();
    for (kind, name) in [("employer", "মেঘনা গার্মেন্টস"), ("training_provider", "যুব প্রশিক্ষণ কেন্দ্র")] {
        let org = app
            .json(Method::POST, "/api/v1/skills/organizations", Some(&boss),
                Some(json!({"name": name, "kind": kind, "district": "bd.district.1"})))
            .await
            .json()["id"].as_str().unwrap_or_default().to_owned();
        app.json(Method::POST, &format!("/api/v1/skills/organizations/{org}/verification"), Some(&admin), None)
            .await
            .expect(StatusCode::OK);
        orgs.push(org);
    }
    let deadline = shetu_skills::vacancies::date_of(shetu_store::now_ms() + 20 * 86_400_000);
    let vacancy = app
        .json(Method::POST, "/api/v1/skills/vacancies", Some(&boss), Some(json!({
            "employer": orgs[0], "occupation_id": tailor, "title": "দর্জি", "openings": 2,
            "deadline": deadline, "regions": ["bd.district.1"], "skills": [{"skill_id": sew, "essential": true}]})))
        .await
        .expect(StatusCode::CREATED)
        .json()["id"].as_str().unwrap_or_default().to_owned();
    let course = app
        .json(Method::POST, "/api/v1/skills/courses", Some(&boss), Some(json!({
            "provider": orgs[1], "title": "সেলাই", "occupation_id": tailor, "skills": [sew], "level": "basic",
            "duration_weeks": 4, "fee": 0, "mode": "in_person", "district": "bd.district.1"})))
        .await
        .expect(StatusCode::CREATED)
        .json()["id"].as_str().unwrap_or_default().to_owned();
    let starts = shetu_skills::vacancies::date_of(shetu_store::now_ms() + 10 * 86_400_000);
    let batch = app
        .json(Method::POST, &format!("/api/v1/skills/courses/{course}/batches"), Some(&boss),
            Some(json!({"starts_on": starts, "seats": 5})))
        .await
        .expect(StatusCode::CREATED)
        .json()["id"].as_str().unwrap_or_default().to_owned();

    // Her profile (findable), an application, a completed course with its certificate.
    app.json(Method::PUT, "/api/v1/skills/profile", Some(&seeker), Some(json!({
        "education": "ssc", "district": "bd.district.1", "findable": true, "about": "নকশিকাঁথা সেলাই করি",
        "skills": [{"skill_id": sew, "level": "expert"}], "occupations": [tailor]})))
        .await
        .expect(StatusCode::OK);
    let application = app
        .json(Method::POST, &format!("/api/v1/skills/vacancies/{vacancy}/applications"), Some(&seeker), None)
        .await
        .expect(StatusCode::CREATED)
        .json()["id"].as_str().unwrap_or_default().to_owned();
    let enrolment = app
        .json(Method::POST, &format!("/api/v1/skills/batches/{batch}/enrolments"), Some(&seeker), None)
        .await
        .expect(StatusCode::CREATED)
        .json()["id"].as_str().unwrap_or_default().to_owned();
    let certificate = app
        .json(Method::POST, &format!("/api/v1/skills/enrolments/{enrolment}/completion"), Some(&boss), None)
        .await
        .expect(StatusCode::OK)
        .json()["certificate_id"].as_str().unwrap_or_default().to_owned();
    let url = format!("/api/v1/skills/vacancies/{vacancy}/candidates");
    let candidates = |who| {
        let url = url.clone();
        async move {
        app.json(Method::GET, &url, Some(who), None)
            .await
            .expect(StatusCode::OK)
            .json()
            .to_string()
        }
    };
    assert!(candidates(&boss).await.contains(&seeker.id.to_string()), "findable: the employer finds her");

    // The download holds all of it.
    let data: Value = app.json(Method::GET, "/api/v1/me/data", Some(&seeker), None).await.expect(StatusCode::OK).json();
    let skills = &data["skills"];
    assert_eq!(skills["profile"]["about"], "নকশিকাঁথা সেলাই করি", "{data}");
    assert_eq!(skills["applications"][0]["id"], application.as_str());
    assert_eq!(skills["enrolments"][0]["state"], "completed");
    let copy = skills["certificates"][0]["document"].clone();
    assert_eq!(copy["credentialSubject"]["name"], "রহিমা খাতুন", "{copy}");

    // Erased: nothing of her profile is left, her application is withdrawn, the platform's copy
    // of her certificate is gone, and the copy she kept still verifies.
    app.json(Method::DELETE, "/api/v1/me", Some(&seeker), None).await.expect(StatusCode::NO_CONTENT);
    for table in ["skills_profile", "skills_profile_skill", "skills_profile_occupation"] {
        let left: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table} WHERE person_id = $1"))
            .bind(seeker.id.to_string())
            .fetch_one(app.db.pool())
            .await
            .expect("count");
        assert_eq!(left, 0, "{table} still holds her");
    }
    assert!(!candidates(&boss).await.contains(&seeker.id.to_string()), "no longer found");
    let state: String = sqlx::query_scalar("SELECT state FROM skills_application WHERE id = $1")
        .bind(&application)
        .fetch_one(app.db.pool())
        .await
        .expect("application");
    assert_eq!(state, "withdrawn");
    assert_eq!(app.get(&format!("/api/v1/skills/certificates/{certificate}"), &[]).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/verify/{certificate}"), &[]).await.status, StatusCode::NOT_FOUND);
    let stored: String = sqlx::query_scalar("SELECT document FROM skills_certificate WHERE id = $1")
        .bind(&certificate)
        .fetch_one(app.db.pool())
        .await
        .expect("certificate row");
    assert_eq!(stored, "", "the platform keeps no copy with her name");
    let verdict = app.json(Method::POST, "/api/v1/verify", None, Some(copy)).await.expect(StatusCode::OK).json();
    assert_eq!((verdict["valid"].as_bool(), verdict["revoked"].as_bool()), (Some(true), Some(false)), "{verdict}");
});
