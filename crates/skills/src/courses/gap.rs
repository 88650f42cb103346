//! The skill gap: for an occupation a person aims at, the essential skills they lack and the
//! courses with open seats that teach them, nearest first.

use super::*;

/// A course that teaches some of the missing skills, with its next open batch.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Offer {
    /// The course.
    pub course: Course,
    /// The missing skills it teaches.
    pub teaches: Vec<i64>,
    /// Its soonest batch with a seat.
    pub batch: Batch,
    /// 0: in the person's district; 1: in their division; 2: elsewhere (online counts as 0).
    pub distance: u8,
}

/// The skill gap for an occupation: its essential skills the profile lacks, and the courses
/// with open seats that teach them, nearest first (then most missing skills taught, soonest).
pub async fn gap(
    db: &Db,
    pack: &Pack,
    profile: &crate::profiles::ProfileInput,
    occupation: i64,
) -> Result<(Vec<i64>, Vec<Offer>), SkillsError> {
    let essential: Vec<i64> = sqlx::query_scalar(
        "SELECT skill_id FROM skills_occupation_skill WHERE occupation_id = $1 AND essential = 1 ORDER BY skill_id",
    )
    .bind(occupation)
    .fetch_all(db.pool())
    .await?;
    if essential.is_empty() {
        let known: Option<i64> =
            sqlx::query_scalar("SELECT id FROM skills_occupation WHERE id = $1")
                .bind(occupation)
                .fetch_optional(db.pool())
                .await?;
        if known.is_none() {
            return Err(SkillsError::NotFound("occupation_not_found"));
        }
    }
    let missing: Vec<i64> = essential
        .into_iter()
        .filter(|s| !profile.skills.iter().any(|k| k.skill_id == *s))
        .collect();
    if missing.is_empty() {
        return Ok((missing, Vec::new()));
    }
    let today = crate::vacancies::today(pack, now_ms());
    let mut sql = shetu_store::sql::Sql::new(
        "SELECT DISTINCT cs.course_id FROM skills_course_skill cs JOIN skills_batch b ON b.course_id = cs.course_id \
         WHERE b.taken < b.seats AND b.starts_on >= ",
    );
    sql.bind(today.clone())
        .push(" AND cs.skill_id IN ")
        .list(missing.iter().copied());
    let ids: Vec<String> = {
        let args = sql.build_args()?;
        sqlx::query_scalar_with(sql.text(), args)
            .fetch_all(db.pool())
            .await?
    };
    let home = profile.district.clone().unwrap_or_default();
    let division = |region: &str| {
        region
            .parse()
            .ok()
            .and_then(|r| pack.region(&r))
            .and_then(|r| r.parent.clone())
            .map(|p| p.to_string())
    };
    let mut offers = Vec::new();
    for id in ids.iter().take(200) {
        let course = get(db, id).await?;
        let Some(batch) = course
            .batches
            .iter()
            .find(|b| b.taken < b.seats && b.starts_on >= today)
            .cloned()
        else {
            continue;
        };
        let distance = if course.mode == "online" || course.district_id == home {
            0
        } else if division(&course.district_id).is_some()
            && division(&course.district_id) == division(&home)
        {
            1
        } else {
            2
        };
        let teaches = missing
            .iter()
            .copied()
            .filter(|s| course.skills.contains(s))
            .collect();
        offers.push(Offer {
            course,
            teaches,
            batch,
            distance,
        });
    }
    offers.sort_by(|a, b| {
        a.distance
            .cmp(&b.distance)
            .then(b.teaches.len().cmp(&a.teaches.len()))
            .then(a.batch.starts_on.cmp(&b.batch.starts_on))
            .then(a.course.id.cmp(&b.course.id))
    });
    offers.truncate(20);
    Ok((missing, offers))
}
