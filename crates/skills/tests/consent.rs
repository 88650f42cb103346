//! A profile without consent is never shown or returned to an employer or agency: every route
//! that returns people, for every kind of caller, with consent on and off.

use axum::http::{Method, StatusCode};
use serde_json::json;
use shetu_skills::taxonomy::{import, Files};
use shetu_testkit::{Person, TestApp};

/// Who asks.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Caller {
    Anonymous,
    Themselves,
    OtherPerson,
    Employer,
    OtherEmployer,
    AgencyForEmployer,
    AgentWithoutMandate,
    AgentWithMandate,
    Admin,
}

const CALLERS: [Caller; 9] = [
    Caller::Anonymous,
    Caller::Themselves,
    Caller::OtherPerson,
    Caller::Employer,
    Caller::OtherEmployer,
    Caller::AgencyForEmployer,
    Caller::AgentWithoutMandate,
    Caller::AgentWithMandate,
    Caller::Admin,
];

struct World {
    seeker: Person,
    people: Vec<(Caller, Option<Person>)>,
    vacancy: String,
}

async fn org(app: &TestApp, owner: &Person, admin: &Person, kind: &str, name: &str) -> String {
    let id = app
        .json(
            Method::POST,
            "/api/v1/skills/organizations",
            Some(owner),
            Some(json!({"name": name, "kind": kind, "district": "bd.district.1"})),
        )
        .await
        .json()["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let ok = app
        .json(
            Method::POST,
            &format!("/api/v1/skills/organizations/{id}/verification"),
            Some(admin),
            None,
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    id
}

async fn world(app: &TestApp, findable: bool) -> World {
    import(&app.db, app.pack, Files::BuiltIn, &|_, _| {})
        .await
        .expect("taxonomy");
    let admin = app.login_as("admin").await;
    let boss = app.login_as("person").await;
    let other_boss = app.login_as("person").await;
    let recruiter = app.login_as("person").await;
    let agent = app.login_as("agent").await;
    let lone_agent = app.login_as("agent").await;
    let other = app.login_as("person").await;
    let seeker = app.login_named("person", "গোপন প্রার্থী").await;
    let employer = org(app, &boss, &admin, "employer", "মেঘনা গার্মেন্টস").await;
    org(app, &other_boss, &admin, "employer", "যমুনা টেক্সটাইল").await;
    let agency = org(app, &recruiter, &admin, "recruiting_agency", "ঢাকা রিক্রুটিং").await;
    let linked = app
        .json(
            Method::PUT,
            &format!("/api/v1/skills/organizations/{agency}/clients/{employer}"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(linked.status, StatusCode::NO_CONTENT);
    let sew: i64 =
        sqlx::query_scalar("SELECT id FROM skills_skill WHERE label_en = 'sew pieces of fabric'")
            .fetch_one(app.db.pool())
            .await
            .expect("skill");
    let tailor: i64 = sqlx::query_scalar("SELECT id FROM skills_occupation WHERE code = '7531.5'")
        .fetch_one(app.db.pool())
        .await
        .expect("occupation");
    let deadline = shetu_skills::vacancies::date_of(shetu_store::now_ms() + 20 * 86_400_000);
    let vacancy = app
        .json(Method::POST, "/api/v1/skills/vacancies", Some(&boss), Some(json!({
            "employer": employer, "occupation_id": tailor, "title": "দর্জি", "openings": 1, "deadline": deadline,
            "regions": ["bd.district.1"], "skills": [{"skill_id": sew, "essential": true}]
        })))
        .await
        .json()["id"].as_str().unwrap_or_default().to_owned();
    let saved = app
        .json(
            Method::PUT,
            "/api/v1/skills/profile",
            Some(&seeker),
            Some(json!({
                "education": "ssc", "district": "bd.district.1", "findable": findable,
                "skills": [{"skill_id": sew, "level": "expert"}], "occupations": [tailor]
            })),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK);
    app.act_for(&agent, &seeker, &["skills.profile"]).await;
    World {
        people: vec![
            (Caller::Anonymous, None),
            (Caller::Themselves, Some(seeker.clone())),
            (Caller::OtherPerson, Some(other)),
            (Caller::Employer, Some(boss)),
            (Caller::OtherEmployer, Some(other_boss)),
            (Caller::AgencyForEmployer, Some(recruiter)),
            (Caller::AgentWithoutMandate, Some(lone_agent)),
            (Caller::AgentWithMandate, Some(agent)),
            (Caller::Admin, Some(admin)),
        ],
        seeker,
        vacancy,
    }
}

/// Whether the answer shows the seeker (by id or by name).
fn shows(body: &str, seeker: &Person) -> bool {
    body.contains(&seeker.id.to_string()) || body.contains("গোপন প্রার্থী")
}

async fn check(app: &TestApp, findable: bool) {
    let w = world(app, findable).await;
    let seeker_id = w.seeker.id.to_string();
    for caller in CALLERS {
        let who = w
            .people
            .iter()
            .find(|(c, _)| *c == caller)
            .and_then(|(_, p)| p.clone());
        let acting = matches!(
            caller,
            Caller::AgentWithMandate | Caller::AgentWithoutMandate
        );
        let behalf: Vec<(&str, &str)> = if acting {
            vec![("on-behalf-of", seeker_id.as_str())]
        } else {
            vec![]
        };
        // The API: candidates, the profile, recommendations (which are about vacancies).
        let candidates = app
            .json(
                Method::GET,
                &format!("/api/v1/skills/vacancies/{}/candidates", w.vacancy),
                who.as_ref(),
                None,
            )
            .await;
        // An agency sees the candidates of the vacancies it posts, not of every vacancy of the
        // employers it represents.
        let may_see_candidates = matches!(caller, Caller::Employer | Caller::Admin);
        if may_see_candidates {
            assert_eq!(candidates.status, StatusCode::OK, "{caller:?}");
            assert_eq!(
                shows(&candidates.text(), &w.seeker),
                findable,
                "{caller:?} candidates, findable {findable}"
            );
        } else {
            assert!(
                candidates.status.is_client_error(),
                "{caller:?}: {}",
                candidates.status
            );
            assert!(!shows(&candidates.text(), &w.seeker), "{caller:?}");
        }
        let profile = app
            .json_with(
                Method::GET,
                "/api/v1/skills/profile",
                who.as_ref(),
                &behalf,
                None,
            )
            .await;
        let own = matches!(caller, Caller::Themselves | Caller::AgentWithMandate);
        if own {
            assert_eq!(profile.status, StatusCode::OK, "{caller:?}");
            assert!(shows(&profile.text(), &w.seeker));
        } else {
            assert!(
                !shows(&profile.text(), &w.seeker),
                "{caller:?} must not read the profile"
            );
        }
        // The pages.
        let cookie = who.as_ref().map(Person::browser);
        let headers: Vec<(&str, &str)> = cookie
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        for page in [
            format!("/skills/employer/vacancies/{}", w.vacancy),
            "/skills/profile".to_owned(),
            "/skills/profile/cv".to_owned(),
        ] {
            let answer = app.get(&format!("{page}?lang=bn"), &headers).await;
            let seen = shows(&answer.text(), &w.seeker);
            let allowed = match page.as_str() {
                p if p.starts_with("/skills/employer/") => may_see_candidates && findable,
                // The agent's console acts for a client only when chosen there; a plain page
                // load shows the agent's own profile (none).
                _ => caller == Caller::Themselves,
            };
            if !allowed {
                assert!(
                    !seen,
                    "{caller:?} sees the seeker on {page} (findable {findable})"
                );
            }
        }
    }
}

shetu_testkit::app_test!(async fn without_consent_no_employer_sees_the_profile(app) {
    check(app, false).await;
});

shetu_testkit::app_test!(async fn with_consent_only_the_employer_side_sees_the_candidate(app) {
    check(app, true).await;
});
