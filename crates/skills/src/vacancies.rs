//! Vacancies: posted by a verified employer, or by a verified recruiting agency for an employer
//! it represents; with the occupation, essential and optional skills, minimum education and
//! experience, where the work is, the salary range, openings and the deadline.

use crate::employers::{self, record, RECRUITING_AGENCY};
use crate::error::SkillsError;
use crate::exists;
use crate::text;
use serde::{Deserialize, Serialize};
use shetu_core::{Actor, Role};
use shetu_pack::Pack;
use shetu_store::{now_ms, outbox, Db, Tx};
use sqlx::AnyConnection;

/// The states of a vacancy: open for applications, closed by its employer, removed by a
/// moderator.
pub const STATES: [&str; 3] = ["open", "closed", "removed"];

/// Most skills a vacancy lists.
pub const MAX_SKILLS: usize = 40;
/// Most places a vacancy names.
pub const MAX_REGIONS: usize = 10;

/// A skill a vacancy asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AskedSkill {
    /// The skill (a taxonomy id).
    pub skill_id: i64,
    /// Needed (else: a plus).
    #[serde(default)]
    pub essential: bool,
}

/// A vacancy to post.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewVacancy {
    /// The employer (an organisation id).
    pub employer: String,
    /// Who posts it: the employer itself, or an agency that represents it (default: the employer).
    pub posted_by: Option<String>,
    /// The occupation (a taxonomy id).
    pub occupation_id: i64,
    /// The job's title as the employer writes it.
    #[schema(min_length = 1, max_length = 120)]
    pub title: String,
    /// What the work is.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub description: String,
    /// Lowest education accepted (a level code of the pack); none: any.
    pub min_education: Option<String>,
    /// Years of experience needed.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 40)]
    pub min_experience: i64,
    /// Lowest monthly salary, in minor units of the pack's currency.
    #[schema(minimum = 0)]
    pub salary_min: Option<i64>,
    /// Highest monthly salary, in minor units.
    #[schema(minimum = 0)]
    pub salary_max: Option<i64>,
    /// How many people are hired.
    #[schema(minimum = 1, maximum = 10000)]
    pub openings: i64,
    /// Last day to apply, `YYYY-MM-DD`.
    #[schema(example = "2027-01-31", pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    pub deadline: String,
    /// Where the work is (region ids of the pack), the main place first.
    pub regions: Vec<String>,
    /// Skills asked for.
    pub skills: Vec<AskedSkill>,
}

/// A vacancy as stored.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Vacancy {
    /// Its id.
    pub id: String,
    /// The employer.
    pub employer_id: String,
    /// The employer's name.
    pub employer_name: String,
    /// Who posted it (the employer or an agency).
    pub posted_by_org: String,
    /// The occupation.
    pub occupation_id: i64,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Lowest education accepted.
    pub min_education: Option<String>,
    /// Years of experience needed.
    pub min_experience: i64,
    /// Monthly salary from (minor units).
    pub salary_min: Option<i64>,
    /// Monthly salary to (minor units).
    pub salary_max: Option<i64>,
    /// Openings.
    pub openings: i64,
    /// Last day to apply.
    pub deadline: String,
    /// `open`, `closed` or `removed`.
    pub status: String,
    /// Where the work is.
    pub regions: Vec<String>,
    /// Skills asked for.
    pub skills: Vec<AskedSkill>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    employer_id: String,
    employer_name: String,
    posted_by_org: String,
    occupation_id: i64,
    title: String,
    description: String,
    min_education: Option<String>,
    min_experience: i64,
    salary_min: Option<i64>,
    salary_max: Option<i64>,
    openings: i64,
    deadline: String,
    status: String,
}

const SELECT: &str = "SELECT v.id, v.employer_id, o.name AS employer_name, v.posted_by_org, v.occupation_id, \
    v.title, v.description, v.min_education, v.min_experience, v.salary_min, v.salary_max, v.openings, \
    v.deadline, v.status FROM skills_vacancy v JOIN organization o ON o.id = v.employer_id";

/// Today's date in the pack's time zone, `YYYY-MM-DD`.
pub fn today(pack: &Pack, now_ms: i64) -> String {
    date_of(now_ms + i64::from(pack.utc_offset_minutes) * 60_000)
}

/// The UTC date of a moment, `YYYY-MM-DD`.
pub fn date_of(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let (y, m, d) = civil(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 → (year, month, day) (proleptic Gregorian).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Whether `text` is a real date `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i64>(), m.parse::<i64>(), d.parse::<i64>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Bumps a matching generation inside the change's transaction.
pub(crate) async fn bump(tx: &mut AnyConnection, name: &str) -> Result<(), SkillsError> {
    sqlx::query("UPDATE skills_generation SET n = n + 1 WHERE name = $1")
        .bind(name)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Posts a vacancy for an employer: by one of its members when it is verified, or by a member of
/// a verified agency that represents it.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn post(
    db: &Db,
    pack: &Pack,
    actor: &Actor,
    new: NewVacancy,
) -> Result<Vacancy, SkillsError> {
    let now = now_ms();
    let title = text("title", &new.title, 120, true)?;
    let description = text("description", &new.description, 4000, false)?;
    if let Some(e) = &new.min_education {
        if pack.education_level(e).is_none() {
            return Err(SkillsError::Invalid(
                "min_education".into(),
                "unknown_education",
            ));
        }
    }
    if !(0..=40).contains(&new.min_experience) {
        return Err(SkillsError::OutOfRange {
            field: "min_experience".into(),
            min: 0,
            max: 40,
        });
    }
    if !(1..=10_000).contains(&new.openings) {
        return Err(SkillsError::OutOfRange {
            field: "openings".into(),
            min: 1,
            max: 10_000,
        });
    }
    for (field, v) in [
        ("salary_min", new.salary_min),
        ("salary_max", new.salary_max),
    ] {
        if v.is_some_and(|v| !(0..=1_000_000_000_000).contains(&v)) {
            return Err(SkillsError::OutOfRange {
                field: field.into(),
                min: 0,
                max: 1_000_000_000_000,
            });
        }
    }
    if let (Some(lo), Some(hi)) = (new.salary_min, new.salary_max) {
        if hi < lo {
            return Err(SkillsError::Invalid("salary_max".into(), "salary_reversed"));
        }
    }
    let today = today(pack, now);
    let last = date_of(now + i64::from(pack.utc_offset_minutes) * 60_000 + 366 * 86_400_000);
    if !is_date(&new.deadline) {
        return Err(SkillsError::Invalid("deadline".into(), "invalid_date"));
    }
    if new.deadline < today || new.deadline > last {
        return Err(SkillsError::Invalid(
            "deadline".into(),
            "deadline_out_of_range",
        ));
    }
    if new.regions.is_empty() {
        return Err(SkillsError::Invalid("regions".into(), "required"));
    }
    if new.regions.len() > MAX_REGIONS {
        return Err(SkillsError::Invalid("regions".into(), "too_many"));
    }
    let mut regions: Vec<String> = Vec::new();
    for (i, r) in new.regions.iter().enumerate() {
        let id = r
            .parse()
            .ok()
            .and_then(|r| pack.region(&r))
            .map(|r| r.id.to_string())
            .ok_or_else(|| SkillsError::Invalid(format!("regions.{i}"), "unknown_region"))?;
        if !regions.contains(&id) {
            regions.push(id);
        }
    }
    if new.skills.is_empty() {
        return Err(SkillsError::Invalid("skills".into(), "required"));
    }
    if new.skills.len() > MAX_SKILLS {
        return Err(SkillsError::Invalid("skills".into(), "too_many"));
    }
    let mut tx = db.begin().await?;
    let posted_by = new
        .posted_by
        .clone()
        .unwrap_or_else(|| new.employer.clone());
    let employer = employers::get_in(&mut tx, &new.employer)
        .await
        .map_err(|_| SkillsError::Invalid("employer".into(), "unknown_employer"))?;
    if employer.kind != employers::EMPLOYER.as_str() {
        return Err(SkillsError::Invalid("employer".into(), "not_an_employer"));
    }
    let poster = employers::get_in(&mut tx, &posted_by)
        .await
        .map_err(|_| SkillsError::Invalid("posted_by".into(), "unknown_employer"))?;
    if !employers::is_member(&mut tx, actor.person, &poster.id).await? {
        return Err(SkillsError::Forbidden);
    }
    if poster.id != employer.id
        && (poster.kind != RECRUITING_AGENCY.as_str()
            || !employers::represents(&mut tx, &poster.id, &employer.id).await?)
    {
        return Err(SkillsError::Invalid("posted_by".into(), "not_representing"));
    }
    if poster.status != "verified" || employer.status != "verified" {
        return Err(SkillsError::Conflict("org_not_verified"));
    }
    if !exists(&mut tx, "skills_occupation", new.occupation_id).await? {
        return Err(SkillsError::Invalid(
            "occupation_id".into(),
            "unknown_occupation",
        ));
    }
    let mut skills: Vec<AskedSkill> = Vec::new();
    for (i, s) in new.skills.iter().enumerate() {
        if !exists(&mut tx, "skills_skill", s.skill_id).await? {
            return Err(SkillsError::Invalid(
                format!("skills.{i}.skill_id"),
                "unknown_skill",
            ));
        }
        match skills.iter_mut().find(|k| k.skill_id == s.skill_id) {
            Some(k) => k.essential |= s.essential,
            None => skills.push(s.clone()),
        }
    }
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO skills_vacancy (id, employer_id, posted_by_org, posted_by, occupation_id, title, description, \
         min_education, min_experience, salary_min, salary_max, openings, deadline, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'open', $14, $14)",
    )
    .bind(&id)
    .bind(&employer.id)
    .bind(&poster.id)
    .bind(actor.person)
    .bind(new.occupation_id)
    .bind(&title)
    .bind(&description)
    .bind(&new.min_education)
    .bind(new.min_experience)
    .bind(new.salary_min)
    .bind(new.salary_max)
    .bind(new.openings)
    .bind(&new.deadline)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    write_parts(&mut tx, &id, &skills, &regions).await?;
    bump(&mut tx, "vacancies").await?;
    let detail = serde_json::json!({
        "employer": employer.id, "posted_by": poster.id, "occupation": new.occupation_id,
        "openings": new.openings, "regions": regions,
    });
    outbox::publish(&mut tx, "skills.vacancy.posted", &id, &detail).await?;
    record(
        &mut tx,
        actor,
        None,
        "skills.vacancy.post",
        &format!("vacancy:{id}"),
        detail,
    )
    .await?;
    let posted = get_in(&mut tx, &id).await?;
    tx.commit().await?;
    Ok(posted)
}

async fn write_parts(
    tx: &mut Tx,
    id: &str,
    skills: &[AskedSkill],
    regions: &[String],
) -> Result<(), SkillsError> {
    for s in skills {
        sqlx::query(
            "INSERT INTO skills_vacancy_skill (vacancy_id, skill_id, essential) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(s.skill_id)
        .bind(i64::from(s.essential))
        .execute(&mut **tx)
        .await?;
    }
    for (i, r) in regions.iter().enumerate() {
        sqlx::query(
            "INSERT INTO skills_vacancy_region (vacancy_id, region_id, position) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(r)
        .bind(i64::try_from(i).unwrap_or(0))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Closes a vacancy (filled or withdrawn): a member of the organisation that posted it, or of
/// the employer, or an administrator.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn close(db: &Db, actor: &Actor, id: &str) -> Result<Vacancy, SkillsError> {
    let mut tx = db.begin().await?;
    let found = get_in(&mut tx, id).await?;
    let allowed = actor.has(Role::Admin)
        || employers::is_member(&mut tx, actor.person, &found.posted_by_org).await?
        || employers::is_member(&mut tx, actor.person, &found.employer_id).await?;
    if !allowed {
        return Err(SkillsError::Forbidden);
    }
    if found.status != "open" {
        return Err(SkillsError::Conflict("vacancy_not_open"));
    }
    sqlx::query("UPDATE skills_vacancy SET status = 'closed', updated_at = $1 WHERE id = $2")
        .bind(now_ms())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    bump(&mut tx, "vacancies").await?;
    let detail = serde_json::json!({ "vacancy": id });
    outbox::publish(&mut tx, "skills.vacancy.closed", id, &detail).await?;
    record(
        &mut tx,
        actor,
        None,
        "skills.vacancy.close",
        &format!("vacancy:{id}"),
        detail,
    )
    .await?;
    let closed = get_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(closed)
}

pub(crate) async fn get_in(conn: &mut AnyConnection, id: &str) -> Result<Vacancy, SkillsError> {
    let row: Row = sqlx::query_as(&format!("{SELECT} WHERE v.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(SkillsError::NotFound("vacancy_not_found"))?;
    let mut all = with_parts(conn, vec![row]).await?;
    all.pop().ok_or(SkillsError::NotFound("vacancy_not_found"))
}

async fn with_parts(conn: &mut AnyConnection, rows: Vec<Row>) -> Result<Vec<Vacancy>, SkillsError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = shetu_store::sql::Sql::new(
        "SELECT vacancy_id, skill_id, essential FROM skills_vacancy_skill WHERE vacancy_id IN ",
    );
    sql.list(rows.iter().map(|r| r.id.clone()))
        .push(" ORDER BY vacancy_id, essential DESC, skill_id");
    let skills: Vec<(String, i64, i64)> = {
        let args = sql.build_args()?;
        sqlx::query_as_with(sql.text(), args)
    }
    .fetch_all(&mut *conn)
    .await?;
    let mut sql = shetu_store::sql::Sql::new(
        "SELECT vacancy_id, region_id FROM skills_vacancy_region WHERE vacancy_id IN ",
    );
    sql.list(rows.iter().map(|r| r.id.clone()))
        .push(" ORDER BY vacancy_id, position");
    let regions: Vec<(String, String)> = {
        let args = sql.build_args()?;
        sqlx::query_as_with(sql.text(), args)
    }
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Vacancy {
            skills: skills
                .iter()
                .filter(|s| s.0 == r.id)
                .map(|s| AskedSkill {
                    skill_id: s.1,
                    essential: s.2 == 1,
                })
                .collect(),
            regions: regions
                .iter()
                .filter(|g| g.0 == r.id)
                .map(|g| g.1.clone())
                .collect(),
            id: r.id,
            employer_id: r.employer_id,
            employer_name: r.employer_name,
            posted_by_org: r.posted_by_org,
            occupation_id: r.occupation_id,
            title: r.title,
            description: r.description,
            min_education: r.min_education,
            min_experience: r.min_experience,
            salary_min: r.salary_min,
            salary_max: r.salary_max,
            openings: r.openings,
            deadline: r.deadline,
            status: r.status,
        })
        .collect())
}

/// One vacancy.
pub async fn get(db: &Db, id: &str) -> Result<Vacancy, SkillsError> {
    let mut conn = db.pool().acquire().await?;
    get_in(&mut conn, id).await
}

/// Several vacancies by id, in the order asked (those not found are left out).
pub async fn many(db: &Db, ids: &[String]) -> Result<Vec<Vacancy>, SkillsError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut conn = db.pool().acquire().await?;
    let mut sql = shetu_store::sql::Sql::new(&format!("{SELECT} WHERE v.id IN "));
    sql.list(ids.iter().cloned());
    let rows: Vec<Row> = {
        let args = sql.build_args()?;
        sqlx::query_as_with(sql.text(), args)
    }
    .fetch_all(&mut *conn)
    .await?;
    let mut found = with_parts(&mut conn, rows).await?;
    found.sort_by_key(|v| ids.iter().position(|i| *i == v.id));
    Ok(found)
}

/// The vacancies an organisation posted or is the employer of, newest first.
pub async fn of_org(db: &Db, org: &str) -> Result<Vec<Vacancy>, SkillsError> {
    let mut conn = db.pool().acquire().await?;
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE v.employer_id = $1 OR v.posted_by_org = $1 ORDER BY v.created_at DESC LIMIT 200"
    ))
    .bind(org)
    .fetch_all(&mut *conn)
    .await?;
    with_parts(&mut conn, rows).await
}

#[cfg(test)]
mod tests {
    use super::{date_of, is_date};

    #[test]
    fn dates_are_read_and_written_exactly() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(1_709_208_000_000), "2024-02-29");
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2024-13-01"));
        assert!(!is_date("2024-1-01"));
        assert!(!is_date("২০২৪-০১-০১"));
    }
}
