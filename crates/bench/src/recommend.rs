//! `recommend`: recommendations for one job seeker among N open vacancies, through the real
//! service path — the seeker's profile read from the database with the mandate check, the node's
//! matching index, the 20 vacancies read back with their skills and places — on SQLite and on
//! PostgreSQL. The peer is the same score computed by one SQL query in the same database, as a
//! competent user would write it: the seeker's features bound as JSON, joined through indexes on
//! skill, occupation and region, `ANALYZE`d, prepared. Agreement compares the ranked ids and
//! scores each returns.
//!
//! Data: vacancies and seekers drawn from the real taxonomy — an occupation picked with a
//! Zipf-like skew, skills from that occupation's ESCO links (essential ones mostly), districts
//! skewed toward the big ones, education levels from the pack.

use crate::data::Rng;
use crate::measure::{round, Timings};
use crate::orders::{drop_db, engines};
use anyhow::Result;
use serde_json::{json, Value};
use shetu::config::Config;
use shetu_core::Actor;
use shetu_skills::matching::{self, Matcher};
use shetu_skills::profiles::{self, Change, ProfileInput, SkillEntry};
use shetu_store::sql::Sql;
use shetu_store::{Backend, Db};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Seekers whose recommendations are timed (each query is a different person).
const SEEKERS: usize = 400;

async fn open(url: &str, dir: &std::path::Path) -> Result<(Db, &'static shetu_pack::Pack)> {
    let vars: Vec<(String, String)> = vec![
        ("SHETU_DATABASE_URL".into(), url.into()),
        ("SHETU_DB_MAX_CONNECTIONS".into(), "8".into()),
        (
            "SHETU_AUDIT_KEY_FILE".into(),
            dir.join("audit.key").display().to_string(),
        ),
    ];
    std::fs::create_dir_all(dir)?;
    let file = dir.join("shetu.toml");
    std::fs::write(&file, "")?;
    let config = Config::load(Some(&file), &|k| {
        vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    })?;
    let modules = shetu::run::configured_modules(&config)?;
    // Migrates, seeds the pack's regions and loads the built-in taxonomy.
    let db = shetu::run::open(&config, &modules).await?;
    Ok((db, config.pack))
}

/// Occupations with at least three essential skills, and each one's (skill, essential) links.
async fn links(db: &Db) -> Result<Vec<(i64, Vec<(i64, bool)>)>> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT occupation_id, skill_id, essential FROM skills_occupation_skill ORDER BY occupation_id, essential DESC, skill_id",
    )
    .fetch_all(db.pool())
    .await?;
    let mut by: Vec<(i64, Vec<(i64, bool)>)> = Vec::new();
    for (o, s, e) in rows {
        match by.last_mut() {
            Some((last, list)) if *last == o => list.push((s, e == 1)),
            _ => by.push((o, vec![(s, e == 1)])),
        }
    }
    by.retain(|(_, l)| l.iter().filter(|x| x.1).count() >= 3);
    Ok(by)
}

fn districts(pack: &shetu_pack::Pack) -> Vec<String> {
    let depth = u8::from(pack.region_levels.len() > 1);
    pack.regions()
        .iter()
        .filter(|r| r.depth == depth)
        .map(|r| r.id.to_string())
        .collect()
}

async fn seed_vacancies(
    db: &Db,
    pack: &shetu_pack::Pack,
    size: usize,
    occupations: &[(i64, Vec<(i64, bool)>)],
    rng: &mut Rng,
) -> Result<()> {
    let now = shetu_store::now_ms();
    let org = uuid::Uuid::now_v7().to_string();
    sqlx::query("INSERT INTO organization (id, name, kind, region_id, created_at) VALUES ($1, 'Bench Employer', 'employer', NULL, $2)")
        .bind(&org)
        .bind(now)
        .execute(db.writer())
        .await?;
    sqlx::query("INSERT INTO skills_org (org_id, kind, district_id, status, created_at) VALUES ($1, 'employer', 'bd.district.1', 'verified', $2)")
        .bind(&org)
        .bind(now)
        .execute(db.writer())
        .await?;
    let places = districts(pack);
    let educations: Vec<String> = pack.education.iter().map(|e| e.code.clone()).collect();
    let deadline = shetu_skills::vacancies::date_of(now + 60 * 86_400_000);
    let mut n = 0;
    while n < size {
        let batch = (size - n).min(2000);
        let mut vac = Sql::new(
            "INSERT INTO skills_vacancy (id, employer_id, posted_by_org, posted_by, occupation_id, title, \
             min_education, openings, deadline, status, created_at, updated_at) VALUES ",
        );
        let mut skills: Vec<(String, i64, bool)> = Vec::new();
        let mut regions: Vec<(String, String)> = Vec::new();
        let mut rows = Vec::new();
        for _ in 0..batch {
            let id = uuid::Uuid::now_v7().to_string();
            let (occupation, linked) = &occupations[rng.skewed(occupations.len() as u64) as usize];
            let essential: Vec<i64> = linked.iter().filter(|x| x.1).map(|x| x.0).collect();
            let optional: Vec<i64> = linked.iter().filter(|x| !x.1).map(|x| x.0).collect();
            let mut asked: Vec<(i64, bool)> = Vec::new();
            for _ in 0..(2 + rng.below(3)) {
                let s = essential[rng.skewed(essential.len() as u64) as usize];
                if !asked.iter().any(|a| a.0 == s) {
                    asked.push((s, true));
                }
            }
            if !optional.is_empty() {
                for _ in 0..(1 + rng.below(3)) {
                    let s = optional[rng.below(optional.len() as u64) as usize];
                    if !asked.iter().any(|a| a.0 == s) {
                        asked.push((s, false));
                    }
                }
            }
            for (s, e) in asked {
                skills.push((id.clone(), s, e));
            }
            regions.push((
                id.clone(),
                places[rng.skewed(places.len() as u64) as usize].clone(),
            ));
            let education = (rng.below(3) > 0)
                .then(|| educations[rng.below(5.min(educations.len() as u64)) as usize].clone());
            rows.push((id, *occupation, education));
        }
        vac.values(&rows, |v, (id, occupation, education)| {
            v.bind(id.clone())
                .bind(org.clone())
                .bind(org.clone())
                .bind("bench".to_owned())
                .bind(*occupation)
                .bind("Vacancy".to_owned())
                .bind(education.clone())
                .bind(1_i64)
                .bind(deadline.clone())
                .bind("open".to_owned())
                .bind(now)
                .bind(now);
        });
        vac.build()?.execute(db.writer()).await?;
        for chunk in skills.chunks(5000) {
            let mut q = Sql::new(
                "INSERT INTO skills_vacancy_skill (vacancy_id, skill_id, essential) VALUES ",
            );
            q.values(chunk, |v, (id, s, e)| {
                v.bind(id.clone()).bind(*s).bind(i64::from(*e));
            });
            q.build()?.execute(db.writer()).await?;
        }
        for chunk in regions.chunks(5000) {
            let mut q = Sql::new(
                "INSERT INTO skills_vacancy_region (vacancy_id, region_id, position) VALUES ",
            );
            q.values(chunk, |v, (id, r)| {
                v.bind(id.clone()).bind(r.clone()).bind(0_i64);
            });
            q.build()?.execute(db.writer()).await?;
        }
        n += batch;
    }
    sqlx::query("UPDATE skills_generation SET n = n + 1 WHERE name = 'vacancies'")
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Seekers: people with profiles made through the use cases (not findable: this is about
/// recommendations to them).
async fn seed_seekers(
    db: &Db,
    pack: &'static shetu_pack::Pack,
    occupations: &[(i64, Vec<(i64, bool)>)],
    rng: &mut Rng,
) -> Result<Vec<Actor>> {
    let places = districts(pack);
    let levels = ["basic", "good", "expert"];
    let mut out = Vec::new();
    let now = shetu_store::now_ms();
    for n in 0..SEEKERS {
        let phone = pack.phone.parse_mobile(&format!("+88017600{n:05}"))?;
        let person = shetu_people::persons::create(
            db,
            None,
            shetu_people::persons::NewPerson {
                name: shetu_core::Text::parse(&format!("Seeker {n}"), 120)?,
                phone,
                language: pack.default_language.clone(),
                home_region: None,
                password: None,
            },
            now,
        )
        .await?;
        let actor = Actor {
            person: person.id,
            roles: Vec::new(),
            on_behalf_of: None,
            request_id: None,
        };
        let (occupation, linked) = &occupations[rng.skewed(occupations.len() as u64) as usize];
        let mut skills: Vec<SkillEntry> = Vec::new();
        for _ in 0..(3 + rng.below(6)) {
            let s = linked[rng.skewed(linked.len() as u64) as usize].0;
            if !skills.iter().any(|k| k.skill_id == s) {
                skills.push(SkillEntry {
                    skill_id: s,
                    level: levels[rng.below(3) as usize].into(),
                });
            }
        }
        let mut profile = ProfileInput::empty(pack);
        profile.education = pack.education[rng.below(6.min(pack.education.len() as u64)) as usize]
            .code
            .clone();
        profile.district = Some(places[rng.skewed(places.len() as u64) as usize].clone());
        profile.skills = skills;
        profile.occupations = vec![*occupation];
        profiles::change(db, pack, &actor, Change::Replace(profile)).await?;
        out.push(actor);
    }
    Ok(out)
}

/// The peer: the same dot product in one SQL statement.
fn peer_sql(backend: Backend) -> String {
    let (skills, occupations, regions) = match backend {
        Backend::Postgres => (
            "SELECT (e->>'id')::BIGINT AS id, (e->>'w')::BIGINT AS w FROM jsonb_array_elements($1::jsonb) e",
            "SELECT (e->>'id')::BIGINT AS id, (e->>'w')::BIGINT AS w FROM jsonb_array_elements($2::jsonb) e",
            "SELECT e->>'id' AS id, (e->>'w')::BIGINT AS w FROM jsonb_array_elements($3::jsonb) e",
        ),
        Backend::Sqlite => (
            "SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.w') AS w FROM json_each($1)",
            "SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.w') AS w FROM json_each($2)",
            "SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.w') AS w FROM json_each($3)",
        ),
    };
    format!(
        "WITH qs AS ({skills}), qo AS ({occupations}), qr AS ({regions}), \
         parts AS ( \
           SELECT s.vacancy_id AS id, (CASE WHEN s.essential = 1 THEN 3 ELSE 1 END) * qs.w AS p \
             FROM qs JOIN skills_vacancy_skill s ON s.skill_id = qs.id \
           UNION ALL SELECT v.id, 3 * qo.w FROM qo JOIN skills_vacancy v ON v.occupation_id = qo.id \
           UNION ALL SELECT r.vacancy_id, 3 * qr.w FROM qr JOIN skills_vacancy_region r ON r.region_id = qr.id \
           UNION ALL SELECT d.vacancy_id, d.w FROM ( \
             SELECT DISTINCT r.vacancy_id, g.parent_id, qr.w FROM qr JOIN region g ON g.parent_id = qr.id \
             JOIN skills_vacancy_region r ON r.region_id = g.id) d \
         ) \
         SELECT v.id, CAST(SUM(parts.p) AS BIGINT) AS score FROM parts JOIN skills_vacancy v ON v.id = parts.id \
         WHERE v.status = 'open' AND v.deadline >= $4 \
           AND (v.min_education IS NULL OR v.min_education IN (SELECT value FROM {list})) \
         GROUP BY v.id ORDER BY score DESC, v.id LIMIT 20",
        list = match backend {
            Backend::Postgres => "jsonb_array_elements_text($5::jsonb) AS value",
            Backend::Sqlite => "json_each($5)",
        }
    )
}

/// The seeker's features as the peer binds them: (skills, occupations, regions, educations).
fn peer_args(pack: &shetu_pack::Pack, p: &ProfileInput) -> (String, String, String, String) {
    let mut skills: HashMap<i64, u32> = HashMap::new();
    for s in &p.skills {
        let w = match s.level.as_str() {
            "expert" => 3,
            "good" => 2,
            _ => 1,
        };
        let e = skills.entry(s.skill_id).or_insert(0);
        *e = (*e).max(w);
    }
    let mut occupations: HashMap<i64, u32> = HashMap::new();
    for o in &p.occupations {
        occupations.insert(*o, 3);
    }
    let mut regions: HashMap<String, u32> = HashMap::new();
    let mut add = |id: &str, w: u32| {
        let e = regions.entry(id.to_owned()).or_insert(0);
        *e = (*e).max(w);
    };
    for r in p.district.iter().chain(&p.regions) {
        add(r, 3);
        if let Some(parent) = r
            .parse()
            .ok()
            .and_then(|id| pack.region(&id))
            .and_then(|x| x.parent.clone())
        {
            add(&parent.to_string(), 1);
        }
    }
    let rank = pack.education_level(&p.education).map_or(0, |e| e.rank);
    let accepted: Vec<&str> = pack
        .education
        .iter()
        .filter(|e| e.rank <= rank)
        .map(|e| e.code.as_str())
        .collect();
    (
        json!(skills
            .iter()
            .map(|(id, w)| json!({"id": id, "w": w}))
            .collect::<Vec<_>>())
        .to_string(),
        json!(occupations
            .iter()
            .map(|(id, w)| json!({"id": id, "w": w}))
            .collect::<Vec<_>>())
        .to_string(),
        json!(regions
            .iter()
            .map(|(id, w)| json!({"id": id, "w": w}))
            .collect::<Vec<_>>())
        .to_string(),
        json!(accepted).to_string(),
    )
}

/// Runs the benchmark on SQLite and, with a URL, PostgreSQL.
pub async fn run(size: usize, pg_url: Option<String>) -> Result<Vec<Value>> {
    let dir = std::env::temp_dir().join(format!("shetu-bench-recommend-{}", std::process::id()));
    let mut lines = Vec::new();
    for (engine, url, cleanup) in engines(pg_url, "recommend").await? {
        let (db, pack) = open(&url, &dir.join(&engine)).await?;
        let occupations = links(&db).await?;
        let mut rng = Rng::new(11);
        let seeded = Instant::now();
        seed_vacancies(&db, pack, size, &occupations, &mut rng).await?;
        let seekers = seed_seekers(&db, pack, &occupations, &mut rng).await?;
        // What the competent user adds for the SQL peer.
        for index in [
            "CREATE INDEX IF NOT EXISTS bench_vacancy_skill_by_skill ON skills_vacancy_skill (skill_id, vacancy_id, essential)",
            "CREATE INDEX IF NOT EXISTS bench_vacancy_by_occupation ON skills_vacancy (occupation_id, id)",
            "CREATE INDEX IF NOT EXISTS bench_vacancy_region_by_region ON skills_vacancy_region (region_id, vacancy_id)",
            "CREATE INDEX IF NOT EXISTS bench_region_by_parent ON region (parent_id, id)",
        ] {
            sqlx::query(index).execute(db.writer()).await?;
        }
        match db.backend() {
            Backend::Postgres => {
                sqlx::query("VACUUM ANALYZE").execute(db.writer()).await?;
            }
            Backend::Sqlite => {
                sqlx::query("ANALYZE").execute(db.writer()).await?;
            }
        }
        let seed_s = seeded.elapsed().as_secs_f64();
        let matcher = Matcher::default();
        let built = Instant::now();
        let index = matcher.vacancies(&db, pack).await?;
        let build_s = built.elapsed().as_secs_f64();
        let indexed = index.len();
        drop(index);
        let ours = |who: Actor| {
            let (db, matcher) = (&db, &matcher);
            async move {
                let (_, profile) = profiles::mine(db, &who).await?;
                let (_, hits) = matching::recommend(db, pack, matcher, &profile, 20).await?;
                anyhow::Ok(
                    hits.into_iter()
                        .map(|h| (h.what.id, h.score))
                        .collect::<Vec<(String, u128)>>(),
                )
            }
        };
        let sql = peer_sql(db.backend());
        let today = shetu_skills::vacancies::today(pack, shetu_store::now_ms());
        let peer = |who: Actor| {
            let (db, sql, today) = (&db, &sql, &today);
            async move {
                let (_, profile) = profiles::mine(db, &who).await?;
                let (s, o, r, e) = peer_args(pack, &profile);
                let rows: Vec<(String, i64)> = sqlx::query_as(sql)
                    .bind(s)
                    .bind(o)
                    .bind(r)
                    .bind(today.clone())
                    .bind(e)
                    .fetch_all(db.pool())
                    .await?;
                anyhow::Ok(
                    rows.into_iter()
                        .map(|(id, score)| (id, u128::try_from(score).unwrap_or(0)))
                        .collect::<Vec<(String, u128)>>(),
                )
            }
        };
        // Warm-up of both.
        for who in seekers.iter().take(40) {
            ours(who.clone()).await?;
            peer(who.clone()).await?;
        }
        let (mut our_samples, mut our_wall, mut our_hits) =
            (Vec::new(), Duration::ZERO, Vec::new());
        let (mut peer_samples, mut peer_wall, mut peer_hits) =
            (Vec::new(), Duration::ZERO, Vec::new());
        for pass in 0..2 {
            for engine_turn in if pass == 0 { [0, 1] } else { [1, 0] } {
                let start = Instant::now();
                for who in &seekers {
                    let t = Instant::now();
                    if engine_turn == 0 {
                        let hits = ours(who.clone()).await?;
                        our_samples.push(t.elapsed());
                        if pass == 1 {
                            our_hits.push(hits);
                        }
                    } else {
                        let hits = peer(who.clone()).await?;
                        peer_samples.push(t.elapsed());
                        if pass == 1 {
                            peer_hits.push(hits);
                        }
                    }
                }
                if engine_turn == 0 {
                    our_wall += start.elapsed();
                } else {
                    peer_wall += start.elapsed();
                }
            }
        }
        let same = our_hits
            .iter()
            .zip(&peer_hits)
            .filter(|(a, b)| a == b)
            .count() as f64
            / our_hits.len().max(1) as f64;
        let ours_t = Timings::from_samples(our_samples, our_wall);
        let peer_t = Timings::from_samples(peer_samples, peer_wall);
        let settings = match db.backend() {
            Backend::Postgres => crate::measure::pg_settings(&db).await?,
            Backend::Sqlite => json!({ "journal_mode": "wal", "analyze": true }),
        };
        let mut line = crate::measure::line(
            "recommend",
            size,
            &ours_t,
            Some((&format!("{engine}-sql"), &peer_t)),
            Some(same),
            json!({
                "engine": engine,
                "indexed_open_vacancies": indexed,
                "seekers": SEEKERS,
                "k": 20,
                "index_build_s": round(build_s),
                "seed_s": round(seed_s),
                "path": "profiles::mine (mandate check, profile read) + matching::recommend (index top-20, vacancies read back)",
                "peer_setup": "same profile read; one prepared SQL dot product over indexes (skill_id, occupation_id, region_id, region.parent_id), ANALYZE",
                "peer_settings": settings,
                "goal": "p99 <= 20 ms",
            }),
        );
        line["goal_met"] = json!(ours_t.percentile_us(99.0) <= 20_000.0);
        lines.push(line);
        db.close().await;
        drop_db(cleanup).await?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(lines)
}
