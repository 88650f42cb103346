//! Building the matching indexes: open vacancies and visible job-seeker profiles as features.

use super::*;

pub(super) async fn build_vacancies(
    db: &Db,
    pack: &Pack,
    today: &str,
) -> Result<VacancyIndex, SkillsError> {
    let places = Places::of(pack);
    let rows: Vec<(String, i64, Option<String>)> = sqlx::query_as(
        "SELECT id, occupation_id, min_education FROM skills_vacancy \
         WHERE status = 'open' AND deadline >= $1 ORDER BY id",
    )
    .bind(today)
    .fetch_all(db.pool())
    .await?;
    let skills: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT s.vacancy_id, s.skill_id, s.essential FROM skills_vacancy_skill s \
         JOIN skills_vacancy v ON v.id = s.vacancy_id WHERE v.status = 'open' AND v.deadline >= $1 \
         ORDER BY s.vacancy_id",
    )
    .bind(today)
    .fetch_all(db.pool())
    .await?;
    let regions: Vec<(String, String)> = sqlx::query_as(
        "SELECT r.vacancy_id, r.region_id FROM skills_vacancy_region r \
         JOIN skills_vacancy v ON v.id = r.vacancy_id WHERE v.status = 'open' AND v.deadline >= $1 \
         ORDER BY r.vacancy_id, r.position",
    )
    .bind(today)
    .fetch_all(db.pool())
    .await?;
    let top = pack.education.len() as u32;
    let mut skill_at = 0;
    let mut region_at = 0;
    let mut items = Vec::with_capacity(rows.len());
    let mut ids = Vec::with_capacity(rows.len());
    for (n, (id, occupation_id, min_education)) in rows.into_iter().enumerate() {
        let mut v = Vacancy {
            id: id.clone(),
            employer_id: String::new(),
            employer_name: String::new(),
            posted_by_org: String::new(),
            occupation_id,
            title: String::new(),
            description: String::new(),
            min_education: None,
            min_experience: 0,
            salary_min: None,
            salary_max: None,
            openings: 0,
            deadline: String::new(),
            status: String::new(),
            regions: Vec::new(),
            skills: Vec::new(),
        };
        // Both lists are in vacancy order, as the vacancies are.
        while skill_at < skills.len() && skills[skill_at].0 < id {
            skill_at += 1;
        }
        while skill_at < skills.len() && skills[skill_at].0 == id {
            v.skills.push(vacancies::AskedSkill {
                skill_id: skills[skill_at].1,
                essential: skills[skill_at].2 == 1,
            });
            skill_at += 1;
        }
        while region_at < regions.len() && regions[region_at].0 < id {
            region_at += 1;
        }
        while region_at < regions.len() && regions[region_at].0 == id {
            v.regions.push(regions[region_at].1.clone());
            region_at += 1;
        }
        let (features, required) = vacancy_features(&places, &v);
        let from = min_education.as_deref().map_or(0, |e| rank_of(pack, e));
        items.push(Item {
            id: u32::try_from(n).unwrap_or(u32::MAX),
            features,
            required,
            labels: (from..top.max(1)).map(|r| EDUCATION + r).collect(),
        });
        ids.push(id);
    }
    Ok(VacancyIndex {
        index: Index::new(items),
        ids,
        places,
    })
}

pub(super) async fn build_profiles(db: &Db, pack: &Pack) -> Result<ProfileIndex, SkillsError> {
    let places = Places::of(pack);
    let rows: Vec<(PersonId, String, Option<String>)> = sqlx::query_as(
        "SELECT person_id, education, district_id FROM skills_profile WHERE findable = 1 ORDER BY person_id",
    )
    .fetch_all(db.pool())
    .await?;
    let skills: Vec<(PersonId, i64, String)> = sqlx::query_as(
        "SELECT s.person_id, s.skill_id, s.level FROM skills_profile_skill s \
         JOIN skills_profile p ON p.person_id = s.person_id WHERE p.findable = 1",
    )
    .fetch_all(db.pool())
    .await?;
    let wanted: Vec<(PersonId, i64)> = sqlx::query_as(
        "SELECT o.person_id, o.occupation_id FROM skills_profile_occupation o \
         JOIN skills_profile p ON p.person_id = o.person_id WHERE p.findable = 1",
    )
    .fetch_all(db.pool())
    .await?;
    let done: Vec<(PersonId, Option<i64>)> = sqlx::query_as(
        "SELECT w.person_id, w.occupation_id FROM skills_profile_work w \
         JOIN skills_profile p ON p.person_id = w.person_id WHERE p.findable = 1",
    )
    .fetch_all(db.pool())
    .await?;
    let regions: Vec<(PersonId, String)> = sqlx::query_as(
        "SELECT r.person_id, r.region_id FROM skills_profile_region r \
         JOIN skills_profile p ON p.person_id = r.person_id WHERE p.findable = 1",
    )
    .fetch_all(db.pool())
    .await?;
    let mut profiles: HashMap<PersonId, ProfileInput> = HashMap::new();
    for (person, education, district) in &rows {
        let mut p = ProfileInput::empty(pack);
        p.education = education.clone();
        p.district = district.clone();
        profiles.insert(*person, p);
    }
    for (person, skill_id, level) in skills {
        if let Some(p) = profiles.get_mut(&person) {
            p.skills
                .push(crate::profiles::SkillEntry { skill_id, level });
        }
    }
    for (person, o) in wanted {
        if let Some(p) = profiles.get_mut(&person) {
            p.occupations.push(o);
        }
    }
    for (person, o) in done {
        if let Some(p) = profiles.get_mut(&person) {
            p.work.push(crate::profiles::WorkEntry {
                occupation_id: o,
                title: String::new(),
                kind: String::new(),
                place: String::new(),
                start_year: 0,
                end_year: None,
                description: String::new(),
            });
        }
    }
    for (person, r) in regions {
        if let Some(p) = profiles.get_mut(&person) {
            p.regions.push(r);
        }
    }
    let mut items = Vec::with_capacity(rows.len());
    let mut people = Vec::with_capacity(rows.len());
    for (n, (person, education, _)) in rows.iter().enumerate() {
        let Some(p) = profiles.get(person) else {
            continue;
        };
        items.push(Item {
            id: u32::try_from(n).unwrap_or(u32::MAX),
            features: seeker_features(&places, p),
            required: Vec::new(),
            labels: vec![EDUCATION + rank_of(pack, education)],
        });
        people.push(*person);
    }
    Ok(ProfileIndex {
        index: Index::new(items),
        people,
        places,
    })
}
