//! Seat allocation: applicants rank batches, batches rank by the published rule, an
//! administrator runs deferred acceptance; the stored result is stable (no applicant and batch
//! would both rather have each other) and every applicant reads their outcome.

use axum::http::Method;
use serde_json::{json, Value};
use shetu_skills::allocation::score;
use shetu_skills::taxonomy::{import, Files};
use std::collections::HashMap;

shetu_testkit::app_test!(async fn deferred_acceptance_places_applicants_stably(app) {
    import(&app.db, app.pack, Files::BuiltIn, &|_, _| {}).await.expect("taxonomy");
    let admin = app.login_as("admin").await;
    let trainer = app.login_as("person").await;
    let provider = app
        .json(Method::POST, "/api/v1/skills/organizations", Some(&trainer),
            Some(json!({"name": "যুব প্রশিক্ষণ কেন্দ্র", "kind": "training_provider", "district": "bd.district.1"})))
        .await
        .json()["id"].as_str().unwrap_or_default().to_owned();
    app.json(Method::POST, &format!("/api/v1/skills/organizations/{provider}/verification"), Some(&admin), None).await;
    let skill = |label: &'static str| async move {
        sqlx::query_scalar::<_, i64>("SELECT id FROM skills_skill WHERE label_en = $1")
            .bind(label).fetch_one(app.db.pool()).await.expect("skill")
    };
    let skills = [skill("sew pieces of fabric").await, skill("cut fabrics").await, skill("iron textiles").await];
    let starts = shetu_skills::vacancies::date_of(shetu_store::now_ms() + 10 * 86_400_000);
    // Three batches with 1, 2 and 1 seats, each teaching some of the three skills.
    let mut batches = Vec::new();
    for (seats, taught) in [(1, vec![skills[0], skills[1]]), (2, vec![skills[1]]), (1, vec![skills[2], skills[0]])] {
        let course = app.json(Method::POST, "/api/v1/skills/courses", Some(&trainer), Some(json!({
            "provider": provider, "title": "প্রশিক্ষণ", "skills": taught, "level": "basic", "duration_weeks": 4,
            "fee": 0, "mode": "in_person", "district": "bd.district.1"}))).await;
        assert_eq!(course.status, 201, "{}", course.text());
        let id = course.json()["id"].as_str().unwrap_or_default().to_owned();
        let batch = app.json(Method::POST, &format!("/api/v1/skills/courses/{id}/batches"), Some(&trainer),
            Some(json!({"starts_on": starts, "seats": seats}))).await;
        batches.push(batch.json()["id"].as_str().unwrap_or_default().to_owned());
    }
    let round = app.json(Method::POST, "/api/v1/skills/rounds", Some(&trainer),
        Some(json!({"title": "শীতকালীন ভর্তি", "batches": batches}))).await;
    assert_eq!(round.status, 403, "only administrators open rounds");
    let round = app.json(Method::POST, "/api/v1/skills/rounds", Some(&admin),
        Some(json!({"title": "শীতকালীন ভর্তি", "batches": batches}))).await;
    assert_eq!(round.status, 201, "{}", round.text());
    assert_eq!(round.json()["rule"], "skill_gap_then_earliest");
    let round_id = round.json()["id"].as_str().unwrap_or_default().to_owned();

    // Six applicants with different skills and preferences.
    let mut people = Vec::new();
    let prefs: [&[usize]; 6] = [&[0, 1], &[0, 2], &[0], &[2, 0, 1], &[1, 0], &[2]];
    let had: [&[usize]; 6] = [&[], &[0], &[0, 1, 2], &[1], &[], &[2]];
    for i in 0..6 {
        let who = app.login_as("person").await;
        let own: Vec<Value> = had[i].iter().map(|k| json!({"skill_id": skills[*k], "level": "good"})).collect();
        app.json(Method::PUT, "/api/v1/skills/profile", Some(&who), Some(json!({"education": "ssc", "skills": own}))).await;
        let chosen: Vec<&String> = prefs[i].iter().map(|b| &batches[*b]).collect();
        let put = app.json(Method::PUT, &format!("/api/v1/skills/rounds/{round_id}/choices"), Some(&who),
            Some(json!({"batches": chosen}))).await;
        assert_eq!(put.status, 204, "{}", put.text());
        people.push(who);
    }
    let run = app.json(Method::POST, &format!("/api/v1/skills/rounds/{round_id}/run"), Some(&admin), None).await;
    assert_eq!(run.status, 200, "{}", run.text());
    assert_eq!(run.json()["applicants"], 6);
    let placed = run.json()["placed"].as_i64().unwrap_or(-1);
    assert!((1..=4).contains(&placed), "four seats: {placed}");
    let again = app.json(Method::POST, &format!("/api/v1/skills/rounds/{round_id}/run"), Some(&admin), None).await;
    assert_eq!(again.status, 409);
    let late = app.json(Method::PUT, &format!("/api/v1/skills/rounds/{round_id}/choices"), Some(&people[0]),
        Some(json!({"batches": [batches[1]]}))).await;
    assert_eq!(late.status, 409, "no choices after the run");

    // Stability, checked on the stored result with the published rule.
    let stored: HashMap<String, Option<String>> = sqlx::query_as::<_, (String, Option<String>)>(
        "SELECT person_id, batch_id FROM skills_round_result WHERE round_id = $1")
        .bind(&round_id).fetch_all(app.db.pool()).await.expect("result").into_iter().collect();
    let choices: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT person_id, batch_id, rank, chosen_at FROM skills_round_choice WHERE round_id = $1")
        .bind(&round_id).fetch_all(app.db.pool()).await.expect("choices");
    let seats: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>("SELECT id, seats FROM skills_batch")
        .fetch_all(app.db.pool()).await.expect("seats").into_iter().collect();
    // Scores by (person, batch): the course's skills the person lacks, then the time chosen.
    let mut scores: HashMap<(String, String), i64> = HashMap::new();
    for (person, batch, _, at) in &choices {
        let missing: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM skills_course_skill k JOIN skills_batch b ON b.course_id = k.course_id \
             WHERE b.id = $1 AND NOT EXISTS (SELECT 1 FROM skills_profile_skill p WHERE p.person_id = $2 AND p.skill_id = k.skill_id)")
            .bind(batch).bind(person).fetch_one(app.db.pool()).await.expect("missing");
        scores.insert((person.clone(), batch.clone()), score(missing, *at));
    }
    // Ties on equal scores break by the lower applicant number, which is person-id order.
    let better = |a: &String, b: &String, batch: &String| {
        let (sa, sb) = (scores[&(a.clone(), batch.clone())], scores[&(b.clone(), batch.clone())]);
        sa > sb || (sa == sb && a < b)
    };
    for (person, got) in &stored {
        let mine: Vec<&(String, String, i64, i64)> = {
            let mut m: Vec<_> = choices.iter().filter(|c| &c.0 == person).collect();
            m.sort_by_key(|c| c.2);
            m
        };
        let got_rank = got.as_ref().and_then(|g| mine.iter().find(|c| &c.1 == g).map(|c| c.2)).unwrap_or(i64::MAX);
        for c in mine.iter().filter(|c| c.2 < got_rank) {
            let holders: Vec<&String> = stored.iter().filter(|(_, b)| b.as_ref() == Some(&c.1)).map(|(p, _)| p).collect();
            assert_eq!(holders.len() as i64, seats[&c.1], "{person} prefers {} which has a free seat", c.1);
            assert!(holders.iter().all(|h| better(h, person, &c.1)),
                "{person} and {} would both rather have each other", c.1);
        }
    }
    // Every applicant reads their outcome; the placed are enrolled.
    for who in &people {
        let outcome = app.json(Method::GET, &format!("/api/v1/skills/rounds/{round_id}"), Some(who), None).await.json();
        assert_eq!(outcome["decided"], true);
        let placed = outcome["placed_in"].as_str().map(str::to_owned);
        assert_eq!(stored[&who.id.to_string()], placed);
        if let Some(batch) = placed {
            let enrolled: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM skills_enrolment WHERE batch_id = $1 AND person_id = $2")
                .bind(&batch).bind(who.id.to_string()).fetch_one(app.db.pool()).await.expect("enrolment");
            assert_eq!(enrolled, 1);
        }
    }
    assert_eq!(stored.values().filter(|b| b.is_some()).count() as i64, placed);
    let over: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM skills_batch WHERE taken > seats").fetch_one(app.db.pool()).await.expect("seats");
    assert_eq!(over, 0);
});
