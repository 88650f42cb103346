//! Matchmaking workshops through the real service: the scheduler never double-books anyone,
//! keeps to everyone's free slots and to each slot's tables, keeps published meetings where they
//! are when it runs again, and says why a meeting could not be placed; the agenda is a valid
//! iCalendar file in the workshop's time zone, read back by an independent parser.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use shetu_testkit::{Person, TestApp};
use std::collections::{HashMap, HashSet};

async fn workshop(app: &TestApp, admin: &Person, tables: &[i64], cap: i64) -> String {
    let slots: Vec<Value> = tables
        .iter()
        .enumerate()
        .map(|(i, t)| json!({"starts_at": format!("2027-03-10T{:02}:00", 9 + i), "minutes": 30, "tables": t}))
        .collect();
    let made = app
        .json(Method::POST, "/api/v1/exchange/workshops", Some(admin), Some(json!({
            "title": "South-South matchmaking, Dhaka", "place": "Bangabandhu International Conference Centre",
            "time_zone": "Asia/Dhaka", "registration_deadline": "2027-03-01", "meeting_cap": cap, "slots": slots})))
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text());
    made.json()["id"].as_str().unwrap_or_default().to_owned()
}

/// Every placed meeting of a workshop: (request id, from, to, slot, table).
async fn placed(app: &TestApp, id: &str) -> Vec<(String, String, String, i64, i64)> {
    sqlx::query_as(
        "SELECT r.id, r.from_person, r.to_person, m.slot, m.table_no FROM exchange_meeting m \
         JOIN exchange_meeting_request r ON r.id = m.request_id WHERE m.workshop_id = $1 ORDER BY r.id",
    )
    .bind(id)
    .fetch_all(app.db.pool())
    .await
    .expect("meetings")
}

/// The rules, checked on what is stored.
async fn check_rules(app: &TestApp, id: &str, tables: &[i64]) {
    let free: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
        "SELECT person_id, availability FROM exchange_participant WHERE workshop_id = $1",
    )
    .bind(id)
    .fetch_all(app.db.pool())
    .await
    .expect("participants")
    .into_iter()
    .collect();
    let mut busy: HashSet<(String, i64)> = HashSet::new();
    let mut at_table: HashSet<(i64, i64)> = HashSet::new();
    for (r, a, b, slot, table) in placed(app, id).await {
        let slot_index = usize::try_from(slot).expect("slot");
        assert!(
            table >= 0 && table < tables[slot_index],
            "{r}: table {table} in slot {slot}"
        );
        assert!(
            at_table.insert((slot, table)),
            "{r}: table {table} in slot {slot} twice"
        );
        for p in [&a, &b] {
            assert!(
                free[p] & (1 << slot) != 0,
                "{r}: {p} is not free in slot {slot}"
            );
            assert!(
                busy.insert((p.clone(), slot)),
                "{r}: {p} double-booked in slot {slot}"
            );
        }
    }
}

/// A small deterministic random sequence (the test must fail the same way every time).
struct Dice(u64);

impl Dice {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

shetu_testkit::app_test!(async fn the_scheduler_keeps_every_rule_and_published_meetings(app) {
    let admin = app.login_as("admin").await;
    let tables = [1, 2, 1, 2];
    // Bad input first: an unknown time zone, overlapping slots.
    let bad = app.json(Method::POST, "/api/v1/exchange/workshops?lang=en", Some(&admin), Some(json!({
        "title": "x", "time_zone": "Mars/Olympus", "registration_deadline": "2027-03-01", "meeting_cap": 3,
        "slots": [{"starts_at": "2027-03-10T09:00", "minutes": 30, "tables": 1}]}))).await;
    assert_eq!(bad.field_error("time_zone").as_deref(), Some("must be a time zone such as Asia/Dhaka"));
    let overlap = app.json(Method::POST, "/api/v1/exchange/workshops", Some(&admin), Some(json!({
        "title": "x", "time_zone": "Asia/Dhaka", "registration_deadline": "2027-03-01", "meeting_cap": 3,
        "slots": [{"starts_at": "2027-03-10T09:00", "minutes": 60, "tables": 1},
                  {"starts_at": "2027-03-10T09:30", "minutes": 30, "tables": 1}]}))).await;
    assert_eq!(overlap.status, StatusCode::UNPROCESSABLE_ENTITY);
    let stranger = app.login_as("person").await;
    let refused = app.json(Method::POST, "/api/v1/exchange/workshops", Some(&stranger), Some(json!({
        "title": "x", "time_zone": "Asia/Dhaka", "registration_deadline": "2027-03-01", "meeting_cap": 3,
        "slots": [{"starts_at": "2027-03-10T09:00", "minutes": 30, "tables": 1}]}))).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let id = workshop(app, &admin, &tables, 3).await;

    // Ten participants, each free in a random part of the four slots.
    let mut dice = Dice(7);
    let mut people = Vec::new();
    for n in 0..10 {
        let p = app.login_named("person", &format!("Participant {n}")).await;
        app.json(Method::POST, &format!("/api/v1/exchange/workshops/{id}/registrations"), Some(&p), Some(json!({})))
            .await
            .expect(StatusCode::OK);
        let free: Vec<u64> = (0..4).filter(|_| dice.next(4) != 0).collect();
        app.json(Method::PUT, &format!("/api/v1/exchange/workshops/{id}/availability"), Some(&p), Some(json!({"slots": free})))
            .await
            .expect(StatusCode::OK);
        people.push(p);
    }
    // Requests: each asks up to the cap; a fourth is refused; the other side answers.
    let mut asked: HashSet<(usize, usize)> = HashSet::new();
    for (a, p) in people.iter().enumerate() {
        let mut sent = 0;
        while sent < 3 {
            let b = usize::try_from(dice.next(10)).unwrap_or(0);
            if b == a || asked.contains(&(a, b)) || asked.contains(&(b, a)) {
                if asked.len() > 40 { break; }
                continue;
            }
            let made = app.json(Method::POST, &format!("/api/v1/exchange/workshops/{id}/meeting-requests"), Some(p),
                Some(json!({"with": people[b].id.to_string(), "note": "Digital payments"}))).await;
            assert_eq!(made.status, StatusCode::CREATED, "{}", made.text());
            asked.insert((a, b));
            sent += 1;
        }
    }
    // One more from someone at the cap is refused.
    let full = (0..10).find(|&a| asked.iter().filter(|(x, _)| *x == a).count() == 3).expect("someone at the cap");
    let other = (0..10).find(|&b| b != full && !asked.contains(&(full, b)) && !asked.contains(&(b, full))).expect("someone not asked");
    let fourth = app.json(Method::POST, &format!("/api/v1/exchange/workshops/{id}/meeting-requests"), Some(&people[full]),
        Some(json!({"with": people[other].id.to_string()}))).await;
    assert_eq!(fourth.error_code(), "meeting_cap_reached", "{}", fourth.text());
    for p in &people {
        let list = app.json(Method::GET, &format!("/api/v1/exchange/workshops/{id}/meeting-requests"), Some(p), None).await.json();
        for r in list["items"].as_array().into_iter().flatten() {
            if r["to_person"] == p.id.to_string() && r["status"] == "pending" {
                let rid = r["id"].as_str().unwrap_or_default();
                // Only the person asked answers.
                let wrong = app.json(Method::POST, &format!("/api/v1/exchange/meeting-requests/{rid}/answer"), Some(&stranger), Some(json!({"accept": true}))).await;
                assert_eq!(wrong.status, StatusCode::NOT_FOUND);
                let accept = dice.next(5) != 0;
                app.json(Method::POST, &format!("/api/v1/exchange/meeting-requests/{rid}/answer"), Some(p), Some(json!({"accept": accept})))
                    .await
                    .expect(StatusCode::OK);
            }
        }
    }

    // Everyone takes notices by e-mail too.
    for (i, p) in people.iter().enumerate() {
        shetu_people::email::confirm_for_demo(&app.db, &p.id.to_string(), &format!("p{i}@example.org")).await.expect("address");
    }
    // Only the secretariat schedules.
    let url = format!("/api/v1/exchange/workshops/{id}/schedule");
    assert_eq!(app.json(Method::POST, &url, Some(&people[0]), None).await.status, StatusCode::FORBIDDEN);
    let run: Value = app.json(Method::POST, &url, Some(&admin), None).await.expect(StatusCode::OK).json();
    check_rules(app, &id, &tables).await;
    // Each person with a meeting was told by e-mail, in their language, with the agenda's full
    // address (the sandbox relay keeps what the mail gateway sent).
    app.run_jobs().await;
    let first = placed(app, &id).await;
    let (_, with_meeting, ..) = &first[0];
    let i = people.iter().position(|p| &p.id.to_string() == with_meeting).expect("a participant");
    let mail = shetu_people::email::sandbox_outbox(&app.db, Some(&format!("p{i}@example.org")), 5).await.expect("outbox");
    assert_eq!(mail.len(), 1, "one notice per run: {mail:?}");
    assert!(mail[0].body.trim_end().ends_with(&format!("/exchange/workshops/{id}/agenda")) && mail[0].body.contains("http"), "{mail:?}");
    assert!(!mail[0].subject.is_empty());
    let accepted = run["accepted"].as_u64().unwrap_or(0);
    let unplaced = run["unplaced"].as_array().cloned().unwrap_or_default();
    assert_eq!(run["placed"].as_u64().unwrap_or(0) + unplaced.len() as u64, accepted, "{run}");
    assert!(run["placed"].as_u64().unwrap_or(0) > 0, "{run}");
    // Each reason is true of the meeting it names.
    let free: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>("SELECT person_id, availability FROM exchange_participant WHERE workshop_id = $1")
        .bind(&id).fetch_all(app.db.pool()).await.expect("free").into_iter().collect();
    for u in &unplaced {
        let (rid, reason) = (u["request_id"].as_str().unwrap_or_default(), u["reason"].as_str().unwrap_or_default());
        let (a, b): (String, String) = sqlx::query_as("SELECT from_person, to_person FROM exchange_meeting_request WHERE id = $1")
            .bind(rid).fetch_one(app.db.pool()).await.expect("request");
        let common = free[&a] & free[&b];
        match reason {
            "no_common_slot" => assert_eq!(common, 0, "{rid}"),
            "tables_full" => assert_ne!(common, 0, "{rid}"),
            other => assert_eq!(other, "over_cap"),
        }
    }

    // A late request, accepted, and a second run: what was placed stays where it was.
    let before = placed(app, &id).await;
    let (x, y) = (0..10).flat_map(|a| (0..10).map(move |b| (a, b)))
        .find(|&(a, b)| a != b && !asked.contains(&(a, b)) && !asked.contains(&(b, a)) && free[&people[a].id.to_string()] & free[&people[b].id.to_string()] != 0)
        .expect("two people not yet asked, free at the same time");
    let late = app.json(Method::POST, &format!("/api/v1/exchange/workshops/{id}/meeting-requests"), Some(&people[x]),
        Some(json!({"with": people[y].id.to_string()}))).await;
    if late.status == StatusCode::CREATED {
        let rid = late.json()["id"].as_str().unwrap_or_default().to_owned();
        app.json(Method::POST, &format!("/api/v1/exchange/meeting-requests/{rid}/answer"), Some(&people[y]), Some(json!({"accept": true})))
            .await.expect(StatusCode::OK);
    }
    let again: Value = app.json(Method::POST, &url, Some(&admin), None).await.expect(StatusCode::OK).json();
    assert_eq!(again["kept"].as_u64(), Some(before.len() as u64), "{again}");
    let after = placed(app, &id).await;
    for m in &before {
        assert!(after.contains(m), "a published meeting moved: {m:?}");
    }
    check_rules(app, &id, &tables).await;
    // Those whose agenda changed were told by SMS.
    let (_, a, ..) = &after[0];
    let told = people.iter().find(|p| &p.id.to_string() == a).expect("a participant");
    let sms = app.last_sms_to(&told.phone).await.unwrap_or_default();
    assert!(sms.contains("/agenda"), "{sms}");
});

shetu_testkit::app_test!(async fn the_agenda_is_a_valid_calendar_in_the_workshop_s_time_zone(app) {
    let admin = app.login_as("admin").await;
    let id = workshop(app, &admin, &[2, 2], 3).await;
    let (a, b) = (app.login_named("person", "Rahima; Begum, Dhaka").await, app.login_named("person", "Amina Yusuf").await);
    for p in [&a, &b] {
        app.json(Method::POST, &format!("/api/v1/exchange/workshops/{id}/registrations"), Some(p), Some(json!({}))).await.expect(StatusCode::OK);
    }
    app.json(Method::PUT, &format!("/api/v1/exchange/workshops/{id}/availability"), Some(&a), Some(json!({"slots": [1]}))).await.expect(StatusCode::OK);
    let r = app.json(Method::POST, &format!("/api/v1/exchange/workshops/{id}/meeting-requests"), Some(&b), Some(json!({"with": a.id.to_string()})))
        .await.expect(StatusCode::CREATED).json();
    let rid = r["id"].as_str().unwrap_or_default().to_owned();
    app.json(Method::POST, &format!("/api/v1/exchange/meeting-requests/{rid}/answer"), Some(&a), Some(json!({"accept": true}))).await.expect(StatusCode::OK);
    app.json(Method::POST, &format!("/api/v1/exchange/workshops/{id}/schedule"), Some(&admin), None).await.expect(StatusCode::OK);
    let agenda = app.json(Method::GET, &format!("/api/v1/exchange/workshops/{id}/agenda"), Some(&b), None).await.json();
    assert_eq!(agenda["items"][0]["starts_at"], "2027-03-10T10:00", "{agenda}");

    let ics = app.json(Method::GET, &format!("/api/v1/exchange/workshops/{id}/agenda.ics?lang=en"), Some(&b), None).await.expect(StatusCode::OK);
    assert!(ics.header("content-type").starts_with("text/calendar"));
    let text = ics.text();
    assert!(text.lines().all(|l| l.len() <= 76), "folded at 75 octets (plus CR)");
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("an independent parser reads it");
    let tz = calendar.components.iter().find(|c| c.name == "VTIMEZONE").expect("a VTIMEZONE");
    assert_eq!(tz.find_prop("TZID").map(|p| p.val.to_string()).as_deref(), Some("Asia/Dhaka"));
    let standard = tz.components.iter().find(|c| c.name == "STANDARD").expect("its offset");
    assert_eq!(standard.find_prop("TZOFFSETTO").map(|p| p.val.to_string()).as_deref(), Some("+0600"));
    let events: Vec<_> = calendar.components.iter().filter(|c| c.name == "VEVENT").collect();
    assert_eq!(events.len(), 1);
    let start = events[0].find_prop("DTSTART").expect("DTSTART");
    assert_eq!(start.val.to_string(), "20270310T100000");
    assert!(start.params.iter().any(|p| p.key == "TZID" && p.val.as_ref().map(|v| v.to_string()).as_deref() == Some("Asia/Dhaka")), "{start:?}");
    assert_eq!(events[0].find_prop("SUMMARY").map(|p| p.val.to_string()).as_deref(), Some("Meeting with Rahima; Begum, Dhaka"), "the escaped name reads back as written");
    // The same file from the browser, with the session.
    let cookie = a.browser();
    let page = app.get(&format!("/exchange/workshops/{id}/agenda.ics"), &[(&cookie.0, &cookie.1)]).await.expect(StatusCode::OK);
    assert!(page.text().contains("BEGIN:VEVENT"));
    let printable = app.get(&format!("/exchange/workshops/{id}/agenda?lang=bn"), &[(&cookie.0, &cookie.1)]).await.expect(StatusCode::OK).text();
    assert!(printable.contains("Amina Yusuf") && printable.contains("টেবিল"), "{printable}");
});
