//! SMS alerts of new vacancies: a person who asked for them hears, once, of each new vacancy
//! that fits — at least half of its essential skills, and a place they would work in (their
//! district, a district they named, or anywhere if they would move). At most 200 people per
//! vacancy, best fitting first.

use shetu_core::Phone;
use shetu_i18n::{Arg, I18n};
use shetu_store::jobs::{ClaimedJob, JobError, JobFuture, JobHandler};
use shetu_store::{now_ms, Tx};
use std::sync::OnceLock;

/// The job kind a posted vacancy becomes.
pub const KIND: &str = "skills.vacancy.alerts";
/// Most people alerted of one vacancy.
const MOST: usize = 200;

/// Sends the alerts of one posted vacancy.
#[derive(Debug, Default)]
pub struct Alerts;

fn messages() -> &'static I18n {
    static ONE: OnceLock<I18n> = OnceLock::new();
    ONE.get_or_init(|| {
        let sources: Vec<(&str, &str)> = crate::web::messages()
            .iter()
            .map(|m| (m.lang, m.source))
            .collect();
        I18n::load(&sources).expect("the skills messages parse (a test loads them)")
    })
}

async fn send(tx: &mut Tx, vacancy: &str) -> Result<usize, shetu_store::StoreError> {
    let found: Option<(String, String, String)> = sqlx::query_as(
        "SELECT v.title, o.name, v.status FROM skills_vacancy v JOIN organization o ON o.id = v.employer_id WHERE v.id = $1",
    )
    .bind(vacancy)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((title, employer, status)) = found else {
        return Ok(0);
    };
    if status != "open" {
        return Ok(0);
    }
    let essential: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM skills_vacancy_skill WHERE vacancy_id = $1 AND essential = 1",
    )
    .bind(vacancy)
    .fetch_one(&mut **tx)
    .await?;
    // People with alerts on, the essential skills they have, and whether the place suits them.
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT p.person_id, x.phone, x.language, COUNT(*) AS had FROM skills_profile p \
         JOIN person x ON x.id = p.person_id \
         JOIN skills_profile_skill s ON s.person_id = p.person_id \
         JOIN skills_vacancy_skill k ON k.skill_id = s.skill_id AND k.vacancy_id = $1 AND k.essential = 1 \
         WHERE p.alerts = 1 \
           AND NOT EXISTS (SELECT 1 FROM skills_alert_sent a WHERE a.person_id = p.person_id AND a.vacancy_id = $1) \
           AND (p.relocate = 1 \
                OR p.district_id IN (SELECT region_id FROM skills_vacancy_region WHERE vacancy_id = $1) \
                OR EXISTS (SELECT 1 FROM skills_profile_region r JOIN skills_vacancy_region g ON g.region_id = r.region_id \
                           WHERE r.person_id = p.person_id AND g.vacancy_id = $1)) \
         GROUP BY p.person_id, x.phone, x.language \
         ORDER BY had DESC, p.person_id",
    )
    .bind(vacancy)
    .fetch_all(&mut **tx)
    .await?;
    let now = now_ms();
    let mut sent = 0;
    for (person, phone, lang, had) in rows {
        if had * 2 < essential || sent >= MOST {
            continue;
        }
        let Ok(phone) = Phone::parse_e164(&phone) else {
            continue;
        };
        let body = messages().message(
            &lang,
            "skills-sms-alert",
            &[
                ("title", Arg::Text(title.clone())),
                ("employer", Arg::Text(employer.clone())),
            ],
        );
        shetu_people::sms::enqueue(tx, &phone, &body)
            .await
            .map_err(|e| shetu_store::StoreError::Corrupt(e.to_string()))?;
        sqlx::query(
            "INSERT INTO skills_alert_sent (person_id, vacancy_id, sent_at) VALUES ($1, $2, $3)",
        )
        .bind(&person)
        .bind(vacancy)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        sent += 1;
    }
    Ok(sent)
}

impl JobHandler for Alerts {
    fn kind(&self) -> &'static str {
        KIND
    }

    fn run<'a>(&'a self, tx: &'a mut Tx, job: &'a ClaimedJob) -> JobFuture<'a> {
        Box::pin(async move {
            let vacancy = job.payload["aggregate_id"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            send(tx, &vacancy)
                .await
                .map(|_| ())
                .map_err(|e| JobError::Retry(e.to_string()))
        })
    }
}
