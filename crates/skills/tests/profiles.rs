//! Job seekers' profiles: kept by the person or by an agent with a `skills.profile` mandate,
//! checked field by field, not findable until the person says so; the pages work without
//! JavaScript (a typed name that is not exact offers a choice) and the CV prints.

use axum::http::Method;
use serde_json::json;
use shetu_skills::taxonomy::{import, Files};
use shetu_testkit::TestApp;

async fn taxonomy(app: &TestApp) {
    import(&app.db, app.pack, Files::BuiltIn, &|_, _| {})
        .await
        .expect("taxonomy");
}

async fn skill_id(app: &TestApp, label_en: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM skills_skill WHERE label_en = $1")
        .bind(label_en)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{label_en}: {e}"))
}

async fn occupation_id(app: &TestApp, code: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM skills_occupation WHERE code = $1")
        .bind(code)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{code}: {e}"))
}

shetu_testkit::app_test!(async fn a_seeker_writes_her_profile_and_reads_it_in_bangla(app) {
    taxonomy(app).await;
    let seeker = app.login_as("person").await;
    let none = app
        .json(Method::GET, "/api/v1/skills/profile", Some(&seeker), None)
        .await;
    assert_eq!(none.status, 404);
    assert_eq!(none.json()["error"]["code"], "profile_not_found");
    let sew = skill_id(app, "sew pieces of fabric").await;
    let cut = skill_id(app, "cut fabrics").await;
    let tailor = occupation_id(app, "7531.5").await;
    let body = json!({
        "education": "ssc",
        "district": "bd.district.1",
        "abroad": true,
        "about": "আমি দশ বছর ধরে সেলাই করি।",
        "skills": [{"skill_id": sew, "level": "expert"}, {"skill_id": cut, "level": "good"}],
        "work": [{"occupation_id": tailor, "title": "বাড়িতে দর্জির কাজ", "kind": "informal",
                  "place": "নিজ গ্রাম", "start_year": 2015, "end_year": null}],
        "occupations": [tailor],
        "regions": ["bd.district.1"]
    });
    let saved = app
        .json_with(Method::PUT, "/api/v1/skills/profile", Some(&seeker), &[("accept-language", "bn")], Some(body))
        .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    let view = saved.json();
    assert_eq!(view["findable"], false, "not findable until she says so");
    assert_eq!(view["education"]["label"], "এসএসসি বা সমমান");
    assert_eq!(view["skills"][0]["skill"]["label"], "কাপড়ের টুকরো সেলাই করা");
    assert_eq!(view["skills"][0]["level"], "expert");
    assert_eq!(view["work"][0]["occupation"]["label"], "দর্জি");
    assert_eq!(view["occupations"][0]["label_lang"], "bn");
    let again = app
        .json_with(Method::GET, "/api/v1/skills/profile?lang=en", Some(&seeker), &[], None)
        .await;
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["skills"][1]["skill"]["label"], "cut fabrics");
    let events: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox_event WHERE topic = 'skills.profile.changed' AND aggregate_id = $1",
    )
    .bind(seeker.id.to_string())
    .fetch_one(app.db.pool())
    .await
    .expect("outbox");
    assert_eq!(events, 1);
});

shetu_testkit::app_test!(async fn wrong_fields_are_named_and_nothing_is_half_written(app) {
    taxonomy(app).await;
    let seeker = app.login_as("person").await;
    let sew = skill_id(app, "sew pieces of fabric").await;
    let cases = [
        (json!({"education": "phd-from-nowhere"}), "education", "must be one of the education levels offered"),
        (json!({"education": "ssc", "district": "bd.district.999"}), "district", "must be a region of this country"),
        (json!({"education": "ssc", "skills": [{"skill_id": 99_999_999, "level": "good"}]}), "skills.0.skill_id", "must be a skill from the list"),
        (json!({"education": "ssc", "skills": [{"skill_id": sew, "level": "wizard"}]}), "skills.0.level", "must be one of the skill levels offered"),
        (json!({"education": "ssc", "work": [{"title": "x", "kind": "informal", "start_year": 2020, "end_year": 2010}]}), "work.0.end_year", "must not end before it starts"),
        (json!({"education": "ssc", "work": [{"title": " ", "kind": "informal", "start_year": 2020}]}), "work.0.title", "is required"),
        (json!({"education": "ssc", "work": [{"title": "x", "kind": "informal", "start_year": 1800}]}), "work.0.start_year", "must be between 1950 and"),
        (json!({"education": "ssc", "occupations": [1, 2, 3, 4, 5, 6]}), "occupations", "has too many entries"),
    ];
    for (body, field, message) in cases {
        let answer = app
            .json(Method::PUT, "/api/v1/skills/profile?lang=en", Some(&seeker), Some(body.clone()))
            .await;
        assert_eq!(answer.status, 422, "{body}: {}", answer.text());
        let error = answer.json();
        assert_eq!(error["error"]["code"], "validation_failed");
        let said = error["error"]["fields"][field].as_str().unwrap_or_default();
        assert!(said.starts_with(message), "{body}: {error}");
    }
    let unknown_field = app
        .json(Method::PUT, "/api/v1/skills/profile", Some(&seeker),
            Some(json!({"education": "ssc", "salary_wish": 5})))
        .await;
    assert!(unknown_field.status.is_client_error(), "{}", unknown_field.text());
    let none = app
        .json(Method::GET, "/api/v1/skills/profile", Some(&seeker), None)
        .await;
    assert_eq!(none.status, 404, "no refused change left a profile behind");
});

shetu_testkit::app_test!(async fn an_agent_keeps_a_profile_only_with_a_mandate(app) {
    taxonomy(app).await;
    let agent = app.login_as("agent").await;
    let client = app.login_as("person").await;
    let body = json!({"education": "primary"});
    let client_id = client.id.to_string();
    let refused = app
        .json_with(Method::PUT, "/api/v1/skills/profile", Some(&agent),
            &[("on-behalf-of", &client_id)], Some(body.clone()))
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.json()["error"]["code"], "mandate_required");
    // A mandate for selling does not cover the profile.
    app.act_for(&agent, &client, &["commerce.sell"]).await;
    let still = app
        .json_with(Method::PUT, "/api/v1/skills/profile", Some(&agent),
            &[("on-behalf-of", &client_id)], Some(body.clone()))
        .await;
    assert_eq!(still.status, 403);
    app.act_for(&agent, &client, &["skills.profile"]).await;
    let kept = app
        .json_with(Method::PUT, "/api/v1/skills/profile", Some(&agent),
            &[("on-behalf-of", &client_id)], Some(body))
        .await;
    assert_eq!(kept.status, 200, "{}", kept.text());
    assert_eq!(kept.json()["person_id"], client_id);
    let (actor, subject): (Option<String>, Option<String>) = sqlx::query_as(
        "SELECT actor_id, subject_id FROM audit_event WHERE action = 'skills.profile.replace'",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("audit");
    assert_eq!(actor, Some(agent.id.to_string()));
    assert_eq!(subject, Some(client_id));
    // The agent has no profile of their own from this.
    let own = app
        .json(Method::GET, "/api/v1/skills/profile", Some(&agent), None)
        .await;
    assert_eq!(own.status, 404);
});

shetu_testkit::app_test!(async fn the_profile_pages_work_without_javascript(app) {
    taxonomy(app).await;
    let seeker = app.login_named("person", "রহিমা খাতুন").await;
    let page = app.get("/skills/profile?lang=bn", &[(&seeker.browser().0, &seeker.browser().1)]).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("চাকরিপ্রার্থীর প্রোফাইল"));
    let basics = app
        .form("/skills/profile/basics?lang=bn",
            &[("education", "ssc"), ("district", "bd.district.1"), ("about", "")], Some(&seeker))
        .await;
    assert_eq!(basics.status, 303, "{}", basics.text());
    // A name that is not exact: the page comes back with what was typed and a choice.
    let unsure = app
        .form("/skills/profile/skills?lang=bn", &[("skill", "সেলাই"), ("level", "good")], Some(&seeker))
        .await;
    assert_eq!(unsure.status, 422);
    let text = unsure.text();
    assert!(text.contains("role=\"alert\""), "an error summary");
    assert!(text.contains("value=\"সেলাই\""), "what was typed is kept");
    assert!(text.contains("type=\"radio\" name=\"skill_id\""), "a choice is offered");
    let sew = skill_id(app, "sew pieces of fabric").await;
    let chosen = app
        .form("/skills/profile/skills?lang=bn",
            &[("skill", "সেলাই"), ("skill_id", &sew.to_string()), ("level", "expert")], Some(&seeker))
        .await;
    assert_eq!(chosen.status, 303, "{}", chosen.text());
    // An exact name is taken at once, in Bangla or English.
    let exact = app
        .form("/skills/profile/skills?lang=bn", &[("skill", "কাপড় কাটা"), ("level", "good")], Some(&seeker))
        .await;
    assert_eq!(exact.status, 303, "{}", exact.text());
    let unknown = app
        .form("/skills/profile/skills?lang=bn", &[("skill", "৭৭৭৭৭৭"), ("level", "good")], Some(&seeker))
        .await;
    assert_eq!(unknown.status, 422);
    assert!(unknown.text().contains("তালিকার কোনো দক্ষতা হতে হবে"), "{}", unknown.text());
    // Informal work, with the occupation typed exactly.
    let work = app
        .form("/skills/profile/work?lang=bn",
            &[("work_title", "বাড়িতে সেলাই"), ("work_kind", "informal"), ("occupation", "দর্জি"),
              ("work_place", "মুরাদনগর"), ("work_start", "২০১৫"), ("work_end", ""), ("work_description", "")],
            Some(&seeker))
        .await;
    assert_eq!(work.status, 303, "{}", work.text());
    let reversed = app
        .form("/skills/profile/work?lang=bn",
            &[("work_title", "দোকানে"), ("work_kind", "employed"), ("work_start", "2020"), ("work_end", "2019")],
            Some(&seeker))
        .await;
    assert_eq!(reversed.status, 422);
    assert!(reversed.text().contains("value=\"দোকানে\""));
    assert!(reversed.text().contains("id=\"work_end-problem\""));
    let cv = app.get("/skills/profile/cv?lang=bn", &[(&seeker.browser().0, &seeker.browser().1)]).await;
    assert_eq!(cv.status, 200);
    let cv = cv.text();
    assert!(cv.contains("রহিমা খাতুন"));
    assert!(cv.contains("কাপড়ের টুকরো সেলাই করা"));
    assert!(cv.contains("অন্যকে শেখাতে পারি"));
    assert!(cv.contains("বাড়িতে সেলাই"));
    assert!(cv.contains("২০১৫") || cv.contains("2015"));
    // Suggestions while typing, for the datalist.
    let options = app.get("/skills/suggest/wanted?wanted=%E0%A6%A6%E0%A6%B0%E0%A7%8D%E0%A6%9C&lang=bn", &[]).await;
    assert_eq!(options.status, 200);
    assert!(options.text().starts_with("<option value=\"দর্জি\">"), "{}", options.text());
});
