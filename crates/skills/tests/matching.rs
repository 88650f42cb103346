//! Vacancies and matching: who may post, recommended vacancies with reasons in the reader's
//! language, ranked candidates who said employers may find them — and no one else.

use axum::http::Method;
use serde_json::{json, Value};
use shetu_skills::matching;
use shetu_skills::profiles::{ProfileInput, SkillEntry};
use shetu_skills::taxonomy::{import, Files};
use shetu_skills::vacancies::{AskedSkill, Vacancy};
use shetu_testkit::{Person, TestApp};

async fn taxonomy(app: &TestApp) {
    import(&app.db, app.pack, Files::BuiltIn, &|_, _| {})
        .await
        .expect("taxonomy");
}

async fn id_of(app: &TestApp, table: &str, column: &str, value: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE {column} = $1"))
        .bind(value)
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("{value}: {e}"))
}

/// A verified employer owned by `owner`.
async fn employer(app: &TestApp, owner: &Person, admin: &Person, name: &str) -> String {
    let made = app
        .json(Method::POST, "/api/v1/skills/organizations", Some(owner),
            Some(json!({"name": name, "kind": "employer", "district": "bd.district.1", "licence": "TRAD/DNCC/1234"})))
        .await;
    assert_eq!(made.status, 201, "{}", made.text());
    let id = made.json()["id"].as_str().unwrap_or_default().to_owned();
    let verified = app
        .json(
            Method::POST,
            &format!("/api/v1/skills/organizations/{id}/verification"),
            Some(admin),
            None,
        )
        .await;
    assert_eq!(verified.status, 200, "{}", verified.text());
    id
}

fn deadline() -> String {
    shetu_skills::vacancies::date_of(shetu_store::now_ms() + 20 * 86_400_000)
}

shetu_testkit::app_test!(async fn only_verified_members_post_and_agencies_only_for_their_clients(app) {
    taxonomy(app).await;
    let admin = app.login_as("admin").await;
    let owner = app.login_as("person").await;
    let stranger = app.login_as("person").await;
    let tailor = id_of(app, "skills_occupation", "code", "7531.5").await;
    let sew = id_of(app, "skills_skill", "label_en", "sew pieces of fabric").await;
    let made = app
        .json(Method::POST, "/api/v1/skills/organizations", Some(&owner),
            Some(json!({"name": "মেঘনা গার্মেন্টস", "kind": "employer", "district": "bd.district.1"})))
        .await;
    assert_eq!(made.status, 201, "{}", made.text());
    let employer_id = made.json()["id"].as_str().unwrap_or_default().to_owned();
    let vacancy = json!({
        "employer": employer_id, "occupation_id": tailor, "title": "দর্জি", "openings": 3,
        "deadline": deadline(), "regions": ["bd.district.1"],
        "skills": [{"skill_id": sew, "essential": true}]
    });
    let early = app.json(Method::POST, "/api/v1/skills/vacancies", Some(&owner), Some(vacancy.clone())).await;
    assert_eq!(early.status, 409, "not verified yet: {}", early.text());
    assert_eq!(early.json()["error"]["code"], "org_not_verified");
    let refused = app
        .json(Method::POST, &format!("/api/v1/skills/organizations/{employer_id}/verification"), Some(&owner), None)
        .await;
    assert_eq!(refused.status, 403, "only administrators verify");
    let verified = app
        .json(Method::POST, &format!("/api/v1/skills/organizations/{employer_id}/verification"), Some(&admin), None)
        .await;
    assert_eq!(verified.status, 200);
    let outsider = app.json(Method::POST, "/api/v1/skills/vacancies", Some(&stranger), Some(vacancy.clone())).await;
    assert_eq!(outsider.status, 403, "not a member: {}", outsider.text());
    let posted = app.json(Method::POST, "/api/v1/skills/vacancies", Some(&owner), Some(vacancy.clone())).await;
    assert_eq!(posted.status, 201, "{}", posted.text());
    assert_eq!(posted.json()["status"], "open");
    // An agency posts only for an employer it represents.
    let agency = app
        .json(Method::POST, "/api/v1/skills/organizations", Some(&stranger),
            Some(json!({"name": "Dhaka Recruiting", "kind": "recruiting_agency", "district": "bd.district.1", "licence": "RL-1234"})))
        .await
        .json()["id"].as_str().unwrap_or_default().to_owned();
    app.json(Method::POST, &format!("/api/v1/skills/organizations/{agency}/verification"), Some(&admin), None).await;
    let mut for_client = vacancy.clone();
    for_client["posted_by"] = json!(agency);
    let not_yet = app.json(Method::POST, "/api/v1/skills/vacancies?lang=en", Some(&stranger), Some(for_client.clone())).await;
    assert_eq!(not_yet.status, 422);
    assert!(not_yet.json()["error"]["fields"]["posted_by"].as_str().unwrap_or_default().contains("does not represent"));
    let recorded = app
        .json(Method::PUT, &format!("/api/v1/skills/organizations/{agency}/clients/{employer_id}"), Some(&admin), None)
        .await;
    assert_eq!(recorded.status, 204, "{}", recorded.text());
    let by_agency = app.json(Method::POST, "/api/v1/skills/vacancies", Some(&stranger), Some(for_client)).await;
    assert_eq!(by_agency.status, 201, "{}", by_agency.text());
    // Deadlines in the past and reversed salaries are named.
    let mut late = vacancy.clone();
    late["deadline"] = json!("2020-01-01");
    late["salary_min"] = json!(2_000_000);
    late["salary_max"] = json!(1_000_000);
    let bad = app.json(Method::POST, "/api/v1/skills/vacancies?lang=en", Some(&owner), Some(late)).await;
    assert_eq!(bad.status, 422);
    let closed = app
        .json(Method::POST, &format!("/api/v1/skills/vacancies/{}/close", posted.json()["id"].as_str().unwrap_or_default()), Some(&owner), None)
        .await;
    assert_eq!(closed.status, 200);
    assert_eq!(closed.json()["status"], "closed");
});

shetu_testkit::app_test!(async fn seekers_get_explained_vacancies_and_employers_only_consenting_candidates(app) {
    taxonomy(app).await;
    let admin = app.login_as("admin").await;
    let boss = app.login_as("person").await;
    let employer_id = employer(app, &boss, &admin, "মেঘনা গার্মেন্টস").await;
    let tailor = id_of(app, "skills_occupation", "code", "7531.5").await;
    let driver = id_of(app, "skills_occupation", "code", "8322.6").await;
    let sew = id_of(app, "skills_skill", "label_en", "sew pieces of fabric").await;
    let cut = id_of(app, "skills_skill", "label_en", "cut fabrics").await;
    let iron = id_of(app, "skills_skill", "label_en", "iron textiles").await;
    let drive = id_of(app, "skills_skill", "label_en", "drive vehicles").await;
    let post = |title: &str, occupation: i64, skills: Value, district: &str| {
        json!({"employer": employer_id, "occupation_id": occupation, "title": title, "openings": 2,
               "deadline": deadline(), "regions": [district], "skills": skills, "min_education": "primary"})
    };
    let sewing = app.json(Method::POST, "/api/v1/skills/vacancies", Some(&boss),
        Some(post("সুইং অপারেটর", tailor, json!([{"skill_id": sew, "essential": true}, {"skill_id": cut, "essential": true}, {"skill_id": iron}]), "bd.district.1"))).await;
    assert_eq!(sewing.status, 201, "{}", sewing.text());
    let sewing_id = sewing.json()["id"].as_str().unwrap_or_default().to_owned();
    let driving = app.json(Method::POST, "/api/v1/skills/vacancies", Some(&boss),
        Some(post("গাড়িচালক", driver, json!([{"skill_id": drive, "essential": true}]), "bd.district.2"))).await;
    assert_eq!(driving.status, 201);

    // Two seekers with the same skills; one lets employers find her.
    let findable = app.login_named("person", "রহিমা").await;
    let hidden = app.login_named("person", "সালমা").await;
    for (who, consent) in [(&findable, true), (&hidden, false)] {
        let saved = app.json(Method::PUT, "/api/v1/skills/profile", Some(who), Some(json!({
            "education": "ssc", "district": "bd.district.1", "findable": consent,
            "skills": [{"skill_id": sew, "level": "expert"}], "occupations": [tailor]
        }))).await;
        assert_eq!(saved.status, 200, "{}", saved.text());
    }
    let recs = app.json_with(Method::GET, "/api/v1/skills/recommendations?lang=bn", Some(&hidden), &[], None).await;
    assert_eq!(recs.status, 200, "{}", recs.text());
    let recs = recs.json();
    assert_eq!(recs["items"][0]["vacancy"]["id"], sewing_id.as_str(), "{recs}");
    let reasons = recs["items"][0]["reasons"].as_str().unwrap_or_default();
    assert!(reasons.contains("কাপড় কাটা"), "names the missing essential skill: {reasons}");
    assert_eq!(recs["items"][0]["missing_skills"][0]["label"], "কাপড় কাটা");
    assert_eq!(recs["items"][0]["matched_skills"][0]["label"], "কাপড়ের টুকরো সেলাই করা");
    let en = app.json_with(Method::GET, "/api/v1/skills/recommendations?lang=en", Some(&hidden), &[], None).await.json();
    assert!(en["items"][0]["reasons"].as_str().unwrap_or_default().contains("cut fabrics"), "{en}");

    // Candidates: only for the employer, and only who consented.
    let url = format!("/api/v1/skills/vacancies/{sewing_id}/candidates");
    let outsider = app.json(Method::GET, &url, Some(&hidden), None).await;
    assert_eq!(outsider.status, 403);
    let list = app.json(Method::GET, &url, Some(&boss), None).await;
    assert_eq!(list.status, 200, "{}", list.text());
    let people: Vec<String> = list.json()["items"].as_array().cloned().unwrap_or_default()
        .iter().map(|c| c["person_id"].as_str().unwrap_or_default().to_owned()).collect();
    assert_eq!(people, vec![findable.id.to_string()]);
    // Withdrawn consent takes effect at once.
    let off = app.json(Method::PUT, "/api/v1/skills/profile", Some(&findable), Some(json!({
        "education": "ssc", "district": "bd.district.1", "findable": false,
        "skills": [{"skill_id": sew, "level": "expert"}], "occupations": [tailor]
    }))).await;
    assert_eq!(off.status, 200);
    let none = app.json(Method::GET, &url, Some(&boss), None).await.json();
    assert_eq!(none["items"].as_array().map(Vec::len), Some(0), "{none}");
});

fn vacancy(skills: &[(i64, bool)]) -> Vacancy {
    Vacancy {
        id: "v".into(),
        employer_id: String::new(),
        employer_name: String::new(),
        posted_by_org: String::new(),
        occupation_id: 1,
        title: String::new(),
        description: String::new(),
        min_education: None,
        min_experience: 0,
        salary_min: None,
        salary_max: None,
        openings: 1,
        deadline: String::new(),
        status: "open".into(),
        regions: vec!["bd.district.1".into()],
        skills: skills
            .iter()
            .map(|&(skill_id, essential)| AskedSkill {
                skill_id,
                essential,
            })
            .collect(),
    }
}

fn profile(skills: &[(i64, &str)]) -> ProfileInput {
    let pack = shetu_pack::Pack::built_in("bd").expect("bd pack");
    let mut p = ProfileInput::empty(pack);
    p.district = Some("bd.district.1".into());
    p.skills = skills
        .iter()
        .map(|&(skill_id, level)| SkillEntry {
            skill_id,
            level: level.into(),
        })
        .collect();
    p
}

mod invariants {
    use super::*;
    use proptest::prelude::*;

    fn level() -> impl Strategy<Value = &'static str> {
        prop_oneof![Just("basic"), Just("good"), Just("expert")]
    }

    proptest! {
        #[test]
        fn a_skill_the_vacancy_asks_for_never_lowers_the_score(
            asked in proptest::collection::vec((1_i64..60, any::<bool>()), 1..12),
            had in proptest::collection::vec((1_i64..60, level()), 0..12),
            added in (0_usize..12, level()),
        ) {
            let pack = shetu_pack::Pack::built_in("bd").expect("bd pack");
            let v = vacancy(&asked);
            let before = profile(&had);
            let (at, lvl) = added;
            let new_skill = asked[at % asked.len()].0;
            let mut after_skills = had.clone();
            if !after_skills.iter().any(|(s, _)| *s == new_skill) {
                after_skills.push((new_skill, lvl));
            }
            let after = profile(&after_skills);
            prop_assert!(matching::score(pack, &after, &v) >= matching::score(pack, &before, &v));
        }

        #[test]
        fn the_order_skills_were_entered_in_never_changes_the_score(
            asked in proptest::collection::vec((1_i64..40, any::<bool>()), 1..10),
            had in proptest::collection::btree_map(1_i64..40, level(), 0..10),
            seed in any::<u64>(),
        ) {
            let pack = shetu_pack::Pack::built_in("bd").expect("bd pack");
            let v = vacancy(&asked);
            let forward: Vec<(i64, &str)> = had.iter().map(|(s, l)| (*s, *l)).collect();
            let mut shuffled = forward.clone();
            // A deterministic shuffle from the seed.
            let mut state = seed | 1;
            for i in (1..shuffled.len()).rev() {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17;
                shuffled.swap(i, (state % (i as u64 + 1)) as usize);
            }
            prop_assert_eq!(
                matching::score(pack, &profile(&forward), &v),
                matching::score(pack, &profile(&shuffled), &v)
            );
        }
    }

    #[test]
    fn a_missing_essential_skill_scores_below_having_it() {
        let pack = shetu_pack::Pack::built_in("bd").expect("bd pack");
        let v = vacancy(&[(1, true), (2, false)]);
        assert!(
            matching::score(pack, &profile(&[(1, "good")]), &v)
                > matching::score(pack, &profile(&[(2, "good")]), &v)
        );
    }
}

shetu_testkit::app_test!(async fn people_who_asked_hear_once_of_a_new_vacancy_that_fits(app) {
    taxonomy(app).await;
    let admin = app.login_as("admin").await;
    let boss = app.login_as("person").await;
    let employer_id = employer(app, &boss, &admin, "মেঘনা গার্মেন্টস").await;
    let tailor = id_of(app, "skills_occupation", "code", "7531.5").await;
    let sew = id_of(app, "skills_skill", "label_en", "sew pieces of fabric").await;
    let cut = id_of(app, "skills_skill", "label_en", "cut fabrics").await;
    let near = app.login_as("person").await;
    let far = app.login_as("person").await;
    let mover = app.login_as("person").await;
    let quiet = app.login_as("person").await;
    for (who, district, relocate, alerts) in [
        (&near, "bd.district.1", false, true),
        (&far, "bd.district.40", false, true),
        (&mover, "bd.district.40", true, true),
        (&quiet, "bd.district.1", false, false),
    ] {
        let saved = app.json(Method::PUT, "/api/v1/skills/profile", Some(who), Some(json!({
            "education": "ssc", "district": district, "relocate": relocate, "alerts": alerts,
            "skills": [{"skill_id": sew, "level": "good"}]}))).await;
        assert_eq!(saved.status, 200, "{}", saved.text());
    }
    let posted = app.json(Method::POST, "/api/v1/skills/vacancies", Some(&boss), Some(json!({
        "employer": employer_id, "occupation_id": tailor, "title": "দর্জি", "openings": 2, "deadline": deadline(),
        "regions": ["bd.district.1"], "skills": [{"skill_id": sew, "essential": true}, {"skill_id": cut, "essential": true}]
    }))).await;
    assert_eq!(posted.status, 201);
    app.relay().await;
    app.run_jobs().await;
    let near_sms = app.last_sms_to(&near.phone).await.unwrap_or_default();
    assert!(near_sms.contains("দর্জি") && near_sms.contains("মেঘনা গার্মেন্টস"), "{near_sms}");
    assert!(app.last_sms_to(&mover.phone).await.is_some(), "a person who would move hears too");
    assert_eq!(app.last_sms_to(&far.phone).await, None, "too far, and would not move");
    assert_eq!(app.last_sms_to(&quiet.phone).await, None, "did not ask for alerts");
    let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM skills_alert_sent").fetch_one(app.db.pool()).await.expect("count");
    assert_eq!(sent, 2);
    // Running the job again sends nothing twice.
    app.relay().await;
    app.run_jobs().await;
    let again: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM skills_alert_sent").fetch_one(app.db.pool()).await.expect("count");
    assert_eq!(again, 2);
});
