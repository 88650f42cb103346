//! Reading the figures from the database into one [`Snapshot`].

use super::{Group, Key, SkillCounts, Snapshot, MIN_PEOPLE, NOT_STATED};
use crate::vacancies::today;
use crate::SkillsError;
use shetu_core::disclosure::Grid;
use shetu_pack::Pack;
use shetu_store::{now_ms, Db};
use std::collections::HashMap;

/// A cell of the district × group table.
type Cell = (usize, usize);

/// Cheap counts that change whenever anything the figures count changes.
pub(super) async fn key(db: &Db, pack: &Pack) -> Result<Key, SkillsError> {
    let (a, b, c, d, e, f): (i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT n FROM skills_generation WHERE name = 'vacancies'), \
         (SELECT COUNT(*) FROM skills_profile), \
         (SELECT CAST(COALESCE(MAX(updated_at), 0) AS BIGINT) FROM skills_profile), \
         (SELECT COUNT(*) FROM skills_batch), \
         (SELECT CAST(COALESCE(SUM(taken), 0) AS BIGINT) FROM skills_batch), \
         (SELECT COUNT(*) FROM skills_course)",
    )
    .fetch_one(db.pool())
    .await?;
    Ok(Key {
        today: today(pack, now_ms()),
        counts: vec![a, b, c, d, e, f],
    })
}

/// Where each region falls among the table's districts.
struct Districts<'a> {
    pack: &'a Pack,
    depth: u8,
    index: HashMap<String, usize>,
    none: usize,
}

impl Districts<'_> {
    fn of(&mut self, region: Option<&str>) -> usize {
        let Some(region) = region else {
            return self.none;
        };
        if let Some(&i) = self.index.get(region) {
            return i;
        }
        let found = region
            .parse()
            .ok()
            .and_then(|id| {
                self.pack
                    .ancestry(&id)
                    .into_iter()
                    .find(|r| r.depth == self.depth)
                    .map(|r| r.id.to_string())
            })
            .and_then(|d| self.index.get(&d).copied())
            .unwrap_or(self.none);
        self.index.insert(region.to_owned(), found);
        found
    }
}

/// The top-level group an occupation group belongs to: its shortest prefix that is one.
fn top_group(index: &HashMap<String, usize>, code: &str, none: usize) -> usize {
    (1..=code.len())
        .filter(|&n| code.is_char_boundary(n))
        .find_map(|n| index.get(&code[..n]).copied())
        .unwrap_or(none)
}

pub(super) async fn snapshot(db: &Db, pack: &Pack, key: Key) -> Result<Snapshot, SkillsError> {
    let depth = u8::from(pack.region_levels.len() > 1);
    let mut districts: Vec<String> = pack
        .regions()
        .iter()
        .filter(|r| r.depth == depth)
        .map(|r| r.id.to_string())
        .collect();
    districts.push(NOT_STATED.to_owned());
    let mut places = Districts {
        pack,
        depth,
        index: districts
            .iter()
            .enumerate()
            .map(|(i, d)| (d.clone(), i))
            .collect(),
        none: districts.len() - 1,
    };

    let mut groups: Vec<Group> = sqlx::query_as::<_, (String, String, Option<String>)>(
        "SELECT code, label_en, label_bn FROM skills_occupation_group WHERE parent_code IS NULL ORDER BY code",
    )
    .fetch_all(db.pool())
    .await?
    .into_iter()
    .map(|(code, label_en, label_bn)| Group {
        code,
        label_en,
        label_bn,
    })
    .collect();
    groups.push(Group {
        code: NOT_STATED.to_owned(),
        label_en: "Not stated".to_owned(),
        label_bn: None,
    });
    let no_group = groups.len() - 1;
    let group_index: HashMap<String, usize> = groups[..no_group]
        .iter()
        .enumerate()
        .map(|(i, g)| (g.code.clone(), i))
        .collect();
    let (rows, cols) = (districts.len(), groups.len());

    // Seekers: one cell each.
    let profiles: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT person_id, district_id FROM skills_profile")
            .fetch_all(db.pool())
            .await?;
    let mut wanted: HashMap<String, Vec<usize>> = HashMap::new();
    for (person, code) in sqlx::query_as::<_, (String, String)>(
        "SELECT o.person_id, c.group_code FROM skills_profile_occupation o \
         JOIN skills_occupation c ON c.id = o.occupation_id",
    )
    .fetch_all(db.pool())
    .await?
    {
        wanted
            .entry(person)
            .or_default()
            .push(top_group(&group_index, &code, no_group));
    }
    let mut worked: HashMap<String, (i64, usize)> = HashMap::new();
    for (person, code, year) in sqlx::query_as::<_, (String, String, i64)>(
        "SELECT w.person_id, c.group_code, CAST(w.start_year AS BIGINT) FROM skills_profile_work w \
         JOIN skills_occupation c ON c.id = w.occupation_id",
    )
    .fetch_all(db.pool())
    .await?
    {
        let group = top_group(&group_index, &code, no_group);
        let latest = worked.entry(person).or_insert((year, group));
        if (year, std::cmp::Reverse(group)) > (latest.0, std::cmp::Reverse(latest.1)) {
            *latest = (year, group);
        }
    }
    let mut seekers = Grid::new(rows, cols);
    let mut cell_of: HashMap<String, Cell> = HashMap::with_capacity(profiles.len());
    for (person, district) in profiles {
        let group = wanted
            .get(&person)
            .map(|gs| most_wanted(gs))
            .or_else(|| worked.get(&person).map(|w| w.1))
            .unwrap_or(no_group);
        let at = (places.of(district.as_deref()), group);
        seekers.add(at.0, at.1, 1);
        cell_of.insert(person, at);
    }
    let mut skills: HashMap<i64, SkillCounts> = HashMap::new();
    for (person, skill) in
        sqlx::query_as::<_, (String, i64)>("SELECT person_id, skill_id FROM skills_profile_skill")
            .fetch_all(db.pool())
            .await?
    {
        if let Some(&at) = cell_of.get(&person) {
            skills.entry(skill).or_default().seekers.add(at, 1);
        }
    }

    // Demand: open vacancies in the district of their main place.
    let today = key.today.clone();
    let open: Vec<(String, i64, String, Option<String>)> = sqlx::query_as(
        "SELECT v.id, v.openings, c.group_code, r.region_id FROM skills_vacancy v \
         JOIN skills_occupation c ON c.id = v.occupation_id \
         LEFT JOIN skills_vacancy_region r ON r.vacancy_id = v.id AND r.position = 0 \
         WHERE v.status = 'open' AND v.deadline >= $1",
    )
    .bind(&today)
    .fetch_all(db.pool())
    .await?;
    let mut vacancies = Grid::new(rows, cols);
    let mut openings = Grid::new(rows, cols);
    let mut vacancy_at: HashMap<String, (Cell, i64)> = HashMap::new();
    for (id, n, code, region) in open {
        let at = (
            places.of(region.as_deref()),
            top_group(&group_index, &code, no_group),
        );
        vacancies.add(at.0, at.1, 1);
        openings.add(at.0, at.1, n);
        vacancy_at.insert(id, (at, n));
    }
    for (vacancy, skill) in sqlx::query_as::<_, (String, i64)>(
        "SELECT s.vacancy_id, s.skill_id FROM skills_vacancy_skill s \
         JOIN skills_vacancy v ON v.id = s.vacancy_id WHERE v.status = 'open' AND v.deadline >= $1",
    )
    .bind(&today)
    .fetch_all(db.pool())
    .await?
    {
        if let Some(&(at, n)) = vacancy_at.get(&vacancy) {
            let counts = skills.entry(skill).or_default();
            counts.vacancies.add(at, 1);
            counts.openings.add(at, n);
        }
    }

    // Seats left in batches still to start, where the course is given.
    let batches: Vec<(String, i64, String, Option<String>)> = sqlx::query_as(
        "SELECT c.id, CAST(b.seats - b.taken AS BIGINT), c.district_id, o.group_code FROM skills_batch b \
         JOIN skills_course c ON c.id = b.course_id \
         LEFT JOIN skills_occupation o ON o.id = c.occupation_id \
         WHERE b.starts_on >= $1 AND b.seats > b.taken",
    )
    .bind(&today)
    .fetch_all(db.pool())
    .await?;
    let mut seats = Grid::new(rows, cols);
    let mut course_seats: HashMap<String, Vec<(Cell, i64)>> = HashMap::new();
    for (course, left, district, code) in batches {
        let group = code.map_or(no_group, |c| top_group(&group_index, &c, no_group));
        let at = (places.of(Some(&district)), group);
        seats.add(at.0, at.1, left);
        course_seats.entry(course).or_default().push((at, left));
    }
    for (course, skill) in
        sqlx::query_as::<_, (String, i64)>("SELECT course_id, skill_id FROM skills_course_skill")
            .fetch_all(db.pool())
            .await?
    {
        for &(at, left) in course_seats.get(&course).into_iter().flatten() {
            skills.entry(skill).or_default().seats.add(at, left);
        }
    }

    Ok(Snapshot {
        taken_at: now_ms(),
        protected: seekers.protect(MIN_PEOPLE),
        districts,
        groups,
        vacancies,
        openings,
        seats,
        skills,
        skill_tables: Default::default(),
        key,
    })
}

/// The group most of a seeker's wanted occupations fall in (the lowest on a tie).
fn most_wanted(groups: &[usize]) -> usize {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for &g in groups {
        *counts.entry(g).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(g, n)| (n, std::cmp::Reverse(g)))
        .map_or(0, |(g, _)| g)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::Sparse;

    #[test]
    fn a_seeker_counts_in_the_group_they_want_most_and_the_lowest_on_a_tie() {
        assert_eq!(most_wanted(&[7, 3, 7]), 7);
        assert_eq!(most_wanted(&[7, 3]), 3);
        assert_eq!(most_wanted(&[5]), 5);
    }

    #[test]
    fn occupation_groups_roll_up_to_their_top_group() {
        let index: HashMap<String, usize> = [("7".to_owned(), 0), ("I3".to_owned(), 1)]
            .into_iter()
            .collect();
        assert_eq!(top_group(&index, "7531", 9), 0);
        assert_eq!(top_group(&index, "I31", 9), 1);
        assert_eq!(top_group(&index, "8153", 9), 9);
    }

    #[test]
    fn sparse_counts_make_the_same_grid_as_adding_cell_by_cell() {
        let mut s = Sparse::default();
        s.add((0, 1), 4);
        s.add((0, 1), 3);
        s.add((1, 0), 2);
        let g = s.grid(2, 2);
        assert_eq!(g.get(shetu_core::disclosure::At::Cell(0, 1)), 7);
        assert_eq!(g.get(shetu_core::disclosure::At::Total), 9);
    }
}
