//! Training: a verified provider's course fills a seeker's skill gap; the last seat goes to one
//! person; completion issues a certificate that verifies offline from the document and the
//! provider's key, fails after any change, and shows as revoked once revoked.

use axum::http::Method;
use serde_json::{json, Value};
use shetu_skills::credentials;
use shetu_skills::taxonomy::{import, Files};

shetu_testkit::app_test!(async fn a_course_fills_a_gap_and_its_certificate_verifies(app) {
    import(&app.db, app.pack, Files::BuiltIn, &|_, _| {}).await.expect("taxonomy");
    let admin = app.login_as("admin").await;
    let trainer = app.login_as("person").await;
    let provider = app
        .json(Method::POST, "/api/v1/skills/organizations", Some(&trainer),
            Some(json!({"name": "যুব উন্নয়ন প্রশিক্ষণ কেন্দ্র", "kind": "training_provider", "district": "bd.district.1"})))
        .await
        .json()["id"].as_str().unwrap_or_default().to_owned();
    let skill = |label: &'static str| async move {
        sqlx::query_scalar::<_, i64>("SELECT id FROM skills_skill WHERE label_en = $1")
            .bind(label).fetch_one(app.db.pool()).await.expect("skill")
    };
    let (sew, cut) = (skill("sew pieces of fabric").await, skill("cut fabrics").await);
    let tailor: i64 = sqlx::query_scalar("SELECT id FROM skills_occupation WHERE code = '7531.5'")
        .fetch_one(app.db.pool()).await.expect("occupation");
    let course_body = json!({"provider": provider, "title": "কাটিং ও সেলাই", "occupation_id": tailor,
        "skills": [cut], "level": "basic", "duration_weeks": 8, "fee": 0, "mode": "in_person",
        "district": "bd.district.1"});
    let early = app.json(Method::POST, "/api/v1/skills/courses", Some(&trainer), Some(course_body.clone())).await;
    assert_eq!(early.status, 409, "not verified yet");
    app.json(Method::POST, &format!("/api/v1/skills/organizations/{provider}/verification"), Some(&admin), None).await;
    let course = app.json(Method::POST, "/api/v1/skills/courses", Some(&trainer), Some(course_body)).await;
    assert_eq!(course.status, 201, "{}", course.text());
    let course_id = course.json()["id"].as_str().unwrap_or_default().to_owned();
    let starts = shetu_skills::vacancies::date_of(shetu_store::now_ms() + 10 * 86_400_000);
    let batch = app.json(Method::POST, &format!("/api/v1/skills/courses/{course_id}/batches"), Some(&trainer),
        Some(json!({"starts_on": starts, "seats": 1}))).await;
    assert_eq!(batch.status, 201, "{}", batch.text());
    let batch_id = batch.json()["id"].as_str().unwrap_or_default().to_owned();

    // The seeker sews but cannot cut: the gap names cutting and offers the course.
    let seeker = app.login_named("person", "রহিমা খাতুন").await;
    let rival = app.login_as("person").await;
    for who in [&seeker, &rival] {
        app.json(Method::PUT, "/api/v1/skills/profile", Some(who), Some(json!({
            "education": "ssc", "district": "bd.district.1",
            "skills": [{"skill_id": sew, "level": "expert"}], "occupations": [tailor]}))).await;
    }
    let gap = app.json(Method::GET, &format!("/api/v1/skills/gap?occupation={tailor}&lang=bn"), Some(&seeker), None).await;
    assert_eq!(gap.status, 200, "{}", gap.text());
    let gap = gap.json();
    assert!(gap["missing"].as_array().is_some_and(|m| m.iter().any(|s| s["label"] == "কাপড় কাটা")), "{gap}");
    assert_eq!(gap["courses"][0]["course"]["id"], course_id.as_str());
    assert_eq!(gap["courses"][0]["batch"]["id"], batch_id.as_str());

    // One seat, two people at once: one gets it.
    let url = format!("/api/v1/skills/batches/{batch_id}/enrolments");
    let (a, b) = tokio::join!(
        app.json(Method::POST, &url, Some(&seeker), None),
        app.json(Method::POST, &url, Some(&rival), None)
    );
    let statuses = {
        let mut s = vec![a.status.as_u16(), b.status.as_u16()];
        s.sort_unstable();
        s
    };
    assert_eq!(statuses, vec![201, 409], "{} / {}", a.text(), b.text());
    let (winner, enrolment) = if a.status == 201 { (&seeker, a.json()) } else { (&rival, b.json()) };
    let taken: i64 = sqlx::query_scalar("SELECT taken FROM skills_batch WHERE id = $1")
        .bind(&batch_id).fetch_one(app.db.pool()).await.expect("batch");
    assert_eq!(taken, 1);

    // Completion issues a certificate; the course's skill is now certified on the profile.
    let enrolment_id = enrolment["id"].as_str().unwrap_or_default().to_owned();
    let not_theirs = app.json(Method::POST, &format!("/api/v1/skills/enrolments/{enrolment_id}/completion"), Some(winner), None).await;
    assert_eq!(not_theirs.status, 403, "a learner does not complete their own course");
    let done = app.json(Method::POST, &format!("/api/v1/skills/enrolments/{enrolment_id}/completion"), Some(&trainer), None).await;
    assert_eq!(done.status, 200, "{}", done.text());
    let certificate = done.json()["certificate_id"].as_str().unwrap_or_default().to_owned();
    let evidence: String = sqlx::query_scalar("SELECT evidence FROM skills_profile_skill WHERE person_id = $1 AND skill_id = $2")
        .bind(winner.id.to_string()).bind(cut).fetch_one(app.db.pool()).await.expect("certified skill");
    assert_eq!(evidence, "certificate");

    // The document verifies with only the provider's published key (offline).
    let document: Value = app.get(&format!("/api/v1/skills/certificates/{certificate}"), &[]).await.json();
    assert_eq!(document["type"][1], "CourseCompletionCredential");
    assert_eq!(document["proof"]["cryptosuite"], "eddsa-jcs-2022");
    let method = document["proof"]["verificationMethod"].as_str().unwrap_or_default().to_owned();
    let path = method.split_once("/skills/").map(|(_, p)| format!("/skills/{p}")).unwrap_or_default();
    let key_doc = app.get(&path, &[]).await.json();
    let key = credentials::from_multikey(key_doc["publicKeyMultibase"].as_str().unwrap_or_default()).expect("multikey");
    assert_eq!(credentials::verify(&document, &key), Ok(()));
    // One byte changed in the document: verification fails, offline and on the API.
    let text = document.to_string();
    let changed_text = text.replacen("কাটিং", "কাটিঙ", 1);
    assert_ne!(text, changed_text);
    let changed: Value = serde_json::from_str(&changed_text).expect("json");
    assert!(credentials::verify(&changed, &key).is_err());
    let online = app.json(Method::POST, "/api/v1/verify", None, Some(document.clone())).await.json();
    assert_eq!(online["valid"], true);
    assert_eq!(online["revoked"], false);
    let online = app.json(Method::POST, "/api/v1/verify", None, Some(changed)).await.json();
    assert_eq!(online["valid"], false);
    // The public page, and a pasted copy without JavaScript.
    let page = app.get(&format!("/verify/{certificate}?lang=bn"), &[]).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("data-verdict=\"valid\""));
    let pasted = app.form("/verify?lang=bn", &[("document", &changed_text)], None).await;
    assert_eq!(pasted.status, 200);
    assert!(pasted.text().contains("data-verdict=\"invalid\""));
    let cert_page = app.get(&format!("/skills/certificates/{certificate}?lang=bn"), &[(&winner.browser().0, &winner.browser().1)]).await;
    assert_eq!(cert_page.status, 200);
    assert!(cert_page.text().contains("data:image/svg+xml;base64,"), "a QR code");

    // Revoked: the status list shows it and verification says so.
    let revoked = app.json(Method::POST, &format!("/api/v1/skills/certificates/{certificate}/revocation"), Some(&trainer), None).await;
    assert_eq!(revoked.status, 204, "{}", revoked.text());
    let list = app.get(&format!("/skills/providers/{provider}/status"), &[]).await.json();
    let index: usize = document["credentialStatus"]["statusListIndex"].as_str().unwrap_or("x").parse().expect("index");
    assert_eq!(credentials::is_set(list["credentialSubject"]["encodedList"].as_str().unwrap_or_default(), index), Some(true));
    let online = app.json(Method::POST, "/api/v1/verify", None, Some(document)).await.json();
    assert_eq!(online["revoked"], true);
    let page = app.get(&format!("/verify/{certificate}?lang=bn"), &[]).await;
    assert!(page.text().contains("data-verdict=\"revoked\""));
});
