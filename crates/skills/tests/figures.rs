//! Labour market figures: supply against demand by district and occupation group, for analysts
//! and administrators only, with every count of fewer than 10 people hidden and no hidden count
//! recoverable from the published totals.

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use shetu_core::{Actor, Text};
use shetu_people::persons::{self, NewPerson};
use shetu_skills::profiles::{self, Change, ProfileInput, SkillEntry};
use shetu_skills::taxonomy::{import, Files};
use shetu_testkit::TestApp;
use std::collections::{BTreeSet, HashMap};

/// A (district, group) key of the exported table.
type Key = (String, String);

const DISTRICTS: [&str; 3] = ["bd.district.1", "bd.district.2", "bd.district.3"];

/// Seekers wanted per district (rows) and occupation group 7, 8, 5 (columns): two small cells,
/// (district 1, group 8) = 3 and (district 3, group 7) = 6.
const SEEKERS: [[usize; 3]; 3] = [[25, 3, 12], [14, 20, 0], [6, 11, 30]];

async fn first_of_group(app: &TestApp, prefix: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM skills_occupation WHERE group_code LIKE $1 ORDER BY id")
        .bind(format!("{prefix}%"))
        .fetch_one(app.db.pool())
        .await
        .unwrap_or_else(|e| panic!("group {prefix}: {e}"))
}

/// A job seeker with a profile (no password: people registered by an agent often have none).
async fn seeker(app: &TestApp, n: usize, district: &str, occupation: i64, skill: i64) {
    let phone = app
        .pack
        .phone
        .parse_mobile(&format!("+88019{:08}", 10_000_000 + n))
        .expect("phone");
    let person = persons::create(
        &app.db,
        None,
        NewPerson {
            name: Text::parse(&format!("প্রার্থী {n}"), 120).expect("name"),
            phone,
            language: app.pack.default_language.clone(),
            home_region: None,
            password: None,
        },
        shetu_store::now_ms(),
    )
    .await
    .expect("person");
    let me = Actor {
        person: person.id,
        roles: Vec::new(),
        on_behalf_of: None,
        request_id: None,
    };
    let mut p = ProfileInput::empty(app.pack);
    p.district = Some(district.to_owned());
    p.occupations = vec![occupation];
    p.skills = vec![SkillEntry {
        skill_id: skill,
        level: "good".into(),
    }];
    profiles::change(&app.db, app.pack, &me, Change::Replace(p))
        .await
        .expect("profile");
}

/// The CSV as (district, group) → seekers (`None` when hidden) and → the whole line.
fn cells(csv: &str) -> HashMap<(String, String), Vec<String>> {
    let mut lines = csv.lines();
    let head: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    assert_eq!(
        head,
        [
            "district",
            "district_name",
            "group",
            "group_name",
            "seekers",
            "vacancies",
            "openings",
            "seats",
            "gap"
        ]
    );
    lines
        .map(|l| {
            let f: Vec<String> = l.split(',').map(str::to_owned).collect();
            ((f[0].clone(), f[2].clone()), f)
        })
        .collect()
}

/// What someone could work out from the published table by adding and subtracting along its
/// rows and columns: every line with exactly one hidden count gives that count away. Returns
/// the cells recovered.
fn recover(
    published: &HashMap<(String, String), Option<i64>>,
    rows: &[String],
    cols: &[String],
) -> Vec<(String, String)> {
    let mut known = published.clone();
    let mut recovered = Vec::new();
    loop {
        let mut progress = false;
        let all = "all".to_owned();
        // Each line: its cells and its total.
        let mut lines: Vec<(Vec<Key>, Key)> = Vec::new();
        for r in rows.iter().chain([&all]) {
            lines.push((
                cols.iter().map(|c| (r.clone(), c.clone())).collect(),
                (r.clone(), all.clone()),
            ));
        }
        for c in cols.iter().chain([&all]) {
            lines.push((
                rows.iter().map(|r| (r.clone(), c.clone())).collect(),
                (all.clone(), c.clone()),
            ));
        }
        for (parts, total) in lines {
            let value = |k: &(String, String)| known.get(k).copied().unwrap_or(Some(0));
            let mut unknown: Vec<&(String, String)> =
                parts.iter().filter(|k| value(k).is_none()).collect();
            if value(&total).is_none() {
                unknown.push(&total);
            }
            if unknown.len() == 1 {
                let k = unknown[0].clone();
                let sum: i64 = parts.iter().filter_map(&value).sum();
                let found = if k == total {
                    sum
                } else {
                    value(&total).unwrap_or(0) - sum
                };
                known.insert(k.clone(), Some(found));
                recovered.push(k);
                progress = true;
            }
        }
        if !progress {
            return recovered;
        }
    }
}

shetu_testkit::app_test!(async fn analysts_see_supply_against_demand_with_small_counts_hidden(app) {
    import(&app.db, app.pack, Files::BuiltIn, &|_, _| {}).await.expect("taxonomy");
    let admin = app.login_as("admin").await;
    let analyst = app.login_as("analyst").await;
    let person = app.login_as("person").await;
    let groups = [("7", first_of_group(app, "7").await), ("8", first_of_group(app, "8").await), ("5", first_of_group(app, "5").await)];
    let sew: i64 = sqlx::query_scalar("SELECT id FROM skills_skill WHERE label_en = 'sew pieces of fabric'")
        .fetch_one(app.db.pool())
        .await
        .expect("skill");
    let mut n = 0;
    for (d, row) in SEEKERS.iter().enumerate() {
        for (g, &count) in row.iter().enumerate() {
            for _ in 0..count {
                seeker(app, n, DISTRICTS[d], groups[g].1, sew).await;
                n += 1;
            }
        }
    }
    // Demand: a verified employer with 40 openings for group 7 in district 1 and 5 in district 3.
    let made = app
        .json(Method::POST, "/api/v1/skills/organizations", Some(&admin),
            Some(json!({"name": "মেঘনা গার্মেন্টস", "kind": "employer", "district": DISTRICTS[0]})))
        .await;
    let employer = made.json()["id"].as_str().unwrap_or_default().to_owned();
    app.json(Method::POST, &format!("/api/v1/skills/organizations/{employer}/verification"), Some(&admin), None)
        .await
        .expect(StatusCode::OK);
    let deadline = shetu_skills::vacancies::date_of(shetu_store::now_ms() + 20 * 86_400_000);
    for (district, openings) in [(DISTRICTS[0], 40), (DISTRICTS[2], 5)] {
        app.json(Method::POST, "/api/v1/skills/vacancies", Some(&admin), Some(json!({
            "employer": employer, "occupation_id": groups[0].1, "title": "দর্জি", "openings": openings,
            "deadline": deadline, "regions": [district], "skills": [{"skill_id": sew, "essential": true}]
        })))
        .await
        .expect(StatusCode::CREATED);
    }

    // Only analysts and administrators read the figures.
    assert_eq!(app.get("/api/v1/skills/figures", &[]).await.status, StatusCode::UNAUTHORIZED);
    let refused = app.json(Method::GET, "/api/v1/skills/figures", Some(&person), None).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    for path in ["/skills/figures", "/skills/figures.csv", "/skills/figures/skills.csv", "/skills/figures.json"] {
        let cookie = person.browser();
        let answer = app.get(path, &[(&cookie.0, &cookie.1)]).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{path} for a person without the role");
    }
    let by_admin = app.json(Method::GET, "/api/v1/skills/figures", Some(&admin), None).await;
    assert_eq!(by_admin.status, StatusCode::OK);

    // The whole country: 121 seekers, 45 openings.
    let report: Value = app.json(Method::GET, "/api/v1/skills/figures", Some(&analyst), None).await.expect(StatusCode::OK).json();
    assert_eq!(report["min_people"], 10);
    assert_eq!(report["total"]["seekers"], 121);
    assert_eq!(report["total"]["openings"], 45);
    assert_eq!(report["total"]["vacancies"], 2);
    let group = |code: &str| report["by_group"].as_array().and_then(|a| a.iter().find(|l| l["key"] == code)).cloned().unwrap_or(Value::Null);
    assert_eq!(group("7")["seekers"], 45, "25 + 14 + 6");
    assert_eq!(group("7")["openings"], 45);
    assert_eq!(group("7")["gap"], 0);
    // Skills: everyone has "sew pieces of fabric", which both vacancies ask for.
    let asked = &report["skills_asked"][0];
    assert_eq!(asked["skill"], sew);
    assert_eq!(asked["seekers"], 121);
    assert_eq!(asked["openings"], 45);

    // The CSV: both small cells hidden, their gaps too, and nothing hidden can be worked out.
    let cookie = analyst.browser();
    let browser = [(cookie.0.as_str(), cookie.1.as_str())];
    let csv = app.get("/skills/figures.csv?lang=en", &browser).await.expect(StatusCode::OK);
    assert!(csv.header("content-type").starts_with("text/csv"));
    let table = cells(&csv.text());
    let seekers = |d: &str, g: &str| table.get(&(d.to_owned(), g.to_owned())).map(|f| f[4].clone());
    assert_eq!(seekers(DISTRICTS[0], "8").as_deref(), Some(""), "3 seekers are hidden");
    assert_eq!(seekers(DISTRICTS[2], "7").as_deref(), Some(""), "6 seekers are hidden");
    let small_gap = &table[&(DISTRICTS[2].to_owned(), "7".to_owned())];
    assert_eq!(small_gap[6], "5", "openings are public");
    assert_eq!(small_gap[8], "", "the gap would give the hidden seekers away");
    assert_eq!(seekers(DISTRICTS[1], "8").as_deref(), Some("20"), "a count far from the small ones is published");
    let published: HashMap<(String, String), Option<i64>> = table
        .iter()
        .map(|(k, f)| (k.clone(), f[4].parse().ok()))
        .collect();
    let hidden = published.values().filter(|v| v.is_none()).count();
    assert!(hidden >= 4, "two small cells need at least two more hidden to protect them: {hidden}");
    let rows: Vec<String> = published.keys().map(|k| k.0.clone()).filter(|d| d != "all").collect::<BTreeSet<_>>().into_iter().collect();
    let cols: Vec<String> = published.keys().map(|k| k.1.clone()).filter(|g| g != "all").collect::<BTreeSet<_>>().into_iter().collect();
    assert_eq!(recover(&published, &rows, &cols), Vec::<(String, String)>::new(), "a hidden count was recovered from the totals");
    // The same attack does recover a table with primary suppression only (the test can fail).
    let mut primary_only = published.clone();
    for (d, row) in SEEKERS.iter().enumerate() {
        for (g, &count) in row.iter().enumerate() {
            let key = (DISTRICTS[d].to_owned(), groups[g].0.to_owned());
            primary_only.insert(key, (count >= 10 || count == 0).then_some(count as i64));
        }
    }
    for (k, v) in primary_only.iter_mut() {
        if k.0 == "all" || k.1 == "all" {
            let truth: usize = SEEKERS.iter().enumerate().flat_map(|(d, r)| r.iter().enumerate().map(move |(g, &c)| (d, g, c)))
                .filter(|&(d, g, _)| (k.0 == "all" || k.0 == DISTRICTS[d]) && (k.1 == "all" || k.1 == groups[g].0))
                .map(|(_, _, c)| c)
                .sum();
            *v = Some(truth as i64);
        }
    }
    assert!(!recover(&primary_only, &rows, &cols).is_empty());

    // A district's view is read from the same protected table: its cells agree with the CSV.
    let one: Value = app
        .json(Method::GET, &format!("/api/v1/skills/figures?district={}", DISTRICTS[2]), Some(&analyst), None)
        .await
        .expect(StatusCode::OK)
        .json();
    for line in one["by_group"].as_array().into_iter().flatten() {
        let key = line["key"].as_str().unwrap_or_default();
        let from_csv = seekers(DISTRICTS[2], key).unwrap_or_default();
        assert_eq!(line["seekers"].as_i64().map(|v| v.to_string()).unwrap_or_default(), from_csv, "group {key}");
    }
    // Shortages and surpluses list published counts only.
    for gap in one["shortages"].as_array().into_iter().flatten().chain(one["surpluses"].as_array().into_iter().flatten()) {
        assert_ne!(gap["group"], "7", "district 3, group 7 has hidden seekers: {gap}");
    }
    let surplus = &one["surpluses"][0];
    assert_eq!((surplus["group"].as_str(), surplus["seekers"].as_i64()), (Some("5"), Some(30)));

    // Unknown filters are named.
    let bad = app.json(Method::GET, "/api/v1/skills/figures?group=Z&lang=en", Some(&analyst), None).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.field_error("group").as_deref(), Some("must be an occupation group of the taxonomy"));
    let bad = app.json(Method::GET, "/api/v1/skills/figures?district=bd.nowhere", Some(&analyst), None).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The page, in Bangla: a chart, the tables, hidden counts said as such.
    let page = app.get("/skills/figures", &browser).await.expect(StatusCode::OK);
    let html = page.text();
    assert!(html.contains("শ্রমবাজারের পরিসংখ্যান") && html.contains("<svg") && html.contains("গোপন"), "{html}");
    assert!(html.contains("১২১"), "the total in Bangla digits");
    let skills_csv = app.get("/skills/figures/skills.csv", &browser).await.expect(StatusCode::OK);
    assert!(skills_csv.text().lines().any(|l| l.starts_with(&format!("asked,{sew},"))), "{}", skills_csv.text());
});
