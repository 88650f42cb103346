//! A profile's rows: reading a person's profile and writing a changed one.

use super::*;

#[derive(sqlx::FromRow)]
pub(super) struct BasicsRow {
    education: String,
    district_id: Option<String>,
    relocate: i64,
    abroad: i64,
    findable: i64,
    alerts: i64,
    about: String,
}

/// The stored profile of `person`, as input (none if they have none).
pub(crate) async fn read(
    tx: &mut AnyConnection,
    person: PersonId,
    lock: &str,
) -> Result<Option<ProfileInput>, SkillsError> {
    let Some(b): Option<BasicsRow> = sqlx::query_as(&format!(
        "SELECT education, district_id, relocate, abroad, findable, alerts, about FROM skills_profile \
         WHERE person_id = $1{lock}"
    ))
    .bind(person)
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(None);
    };
    let skills: Vec<(i64, String)> = sqlx::query_as(
        "SELECT skill_id, level FROM skills_profile_skill WHERE person_id = $1 ORDER BY added_at, skill_id",
    )
    .bind(person)
    .fetch_all(&mut *tx)
    .await?;
    #[derive(sqlx::FromRow)]
    struct WorkRow {
        occupation_id: Option<i64>,
        title: String,
        kind: String,
        place: String,
        start_year: i64,
        end_year: Option<i64>,
        description: String,
    }
    let work: Vec<WorkRow> = sqlx::query_as(
        "SELECT occupation_id, title, kind, place, start_year, end_year, description \
         FROM skills_profile_work WHERE person_id = $1 ORDER BY id",
    )
    .bind(person)
    .fetch_all(&mut *tx)
    .await?;
    let occupations: Vec<i64> = sqlx::query_scalar(
        "SELECT occupation_id FROM skills_profile_occupation WHERE person_id = $1 ORDER BY occupation_id",
    )
    .bind(person)
    .fetch_all(&mut *tx)
    .await?;
    let regions: Vec<String> = sqlx::query_scalar(
        "SELECT region_id FROM skills_profile_region WHERE person_id = $1 ORDER BY region_id",
    )
    .bind(person)
    .fetch_all(&mut *tx)
    .await?;
    Ok(Some(ProfileInput {
        education: b.education,
        district: b.district_id,
        relocate: b.relocate == 1,
        abroad: b.abroad == 1,
        findable: b.findable == 1,
        alerts: b.alerts == 1,
        about: b.about,
        skills: skills
            .into_iter()
            .map(|(skill_id, level)| SkillEntry { skill_id, level })
            .collect(),
        work: work
            .into_iter()
            .map(|w| WorkEntry {
                occupation_id: w.occupation_id,
                title: w.title,
                kind: w.kind,
                place: w.place,
                start_year: w.start_year,
                end_year: w.end_year,
                description: w.description,
            })
            .collect(),
        occupations,
        regions,
    }))
}

pub(super) async fn write(
    tx: &mut Tx,
    person: PersonId,
    actor: PersonId,
    before: Option<&ProfileInput>,
    p: &ProfileInput,
    now: i64,
) -> Result<(), SkillsError> {
    let became_findable = p.findable && !before.is_some_and(|b| b.findable);
    sqlx::query(
        "INSERT INTO skills_profile (person_id, education, district_id, relocate, abroad, findable, \
         findable_since, about, created_at, updated_at, updated_by, alerts) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11) \
         ON CONFLICT (person_id) DO UPDATE SET education = excluded.education, \
         district_id = excluded.district_id, relocate = excluded.relocate, abroad = excluded.abroad, \
         findable = excluded.findable, \
         findable_since = CASE WHEN excluded.findable = 0 THEN NULL \
             WHEN skills_profile.findable = 1 THEN skills_profile.findable_since \
             ELSE excluded.findable_since END, \
         about = excluded.about, updated_at = excluded.updated_at, updated_by = excluded.updated_by, \
         alerts = excluded.alerts",
    )
    .bind(person)
    .bind(&p.education)
    .bind(&p.district)
    .bind(i64::from(p.relocate))
    .bind(i64::from(p.abroad))
    .bind(i64::from(p.findable))
    .bind(became_findable.then_some(now))
    .bind(&p.about)
    .bind(now)
    .bind(actor)
    .bind(i64::from(p.alerts))
    .execute(&mut **tx)
    .await?;
    for table in [
        "skills_profile_skill",
        "skills_profile_work",
        "skills_profile_occupation",
        "skills_profile_region",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE person_id = $1"))
            .bind(person)
            .execute(&mut **tx)
            .await?;
    }
    // Skills keep their order of entry through `added_at` (one millisecond apart).
    for (i, s) in p.skills.iter().enumerate() {
        sqlx::query(
            "INSERT INTO skills_profile_skill (person_id, skill_id, level, evidence, added_at) \
             VALUES ($1, $2, $3, 'self', $4)",
        )
        .bind(person)
        .bind(s.skill_id)
        .bind(&s.level)
        .bind(i64::try_from(i).unwrap_or(0))
        .execute(&mut **tx)
        .await?;
    }
    for (i, w) in p.work.iter().enumerate() {
        sqlx::query(
            "INSERT INTO skills_profile_work (id, person_id, occupation_id, title, kind, place, \
             start_year, end_year, description) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(format!("{person}:{i:03}"))
        .bind(person)
        .bind(w.occupation_id)
        .bind(&w.title)
        .bind(&w.kind)
        .bind(&w.place)
        .bind(w.start_year)
        .bind(w.end_year)
        .bind(&w.description)
        .execute(&mut **tx)
        .await?;
    }
    for o in &p.occupations {
        sqlx::query(
            "INSERT INTO skills_profile_occupation (person_id, occupation_id) VALUES ($1, $2)",
        )
        .bind(person)
        .bind(*o)
        .execute(&mut **tx)
        .await?;
    }
    for r in &p.regions {
        sqlx::query("INSERT INTO skills_profile_region (person_id, region_id) VALUES ($1, $2)")
            .bind(person)
            .bind(r)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
