//! One view of the figures: a district, an occupation group, both or the whole country.

use super::{Snapshot, MIN_PEOPLE, NOT_STATED};
use crate::SkillsError;
use serde::Serialize;
use shetu_core::disclosure::At;
use utoipa::ToSchema;

/// How many skills a view lists, most asked for and most held.
const SKILLS_LISTED: usize = 20;
/// How many gaps a view lists each way.
const GAPS_LISTED: usize = 10;

/// The part of the table a view shows (positions among the snapshot's districts and groups).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    /// One district.
    pub district: Option<usize>,
    /// One occupation group.
    pub group: Option<usize>,
}

impl Filter {
    fn at(self) -> At {
        match (self.district, self.group) {
            (Some(d), Some(g)) => At::Cell(d, g),
            (Some(d), None) => At::Row(d),
            (None, Some(g)) => At::Column(g),
            (None, None) => At::Total,
        }
    }
}

/// Supply against demand for one district, occupation group or the total of a view.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Supply {
    /// District id or occupation group code (`none`: not stated; `all`: the view's total).
    pub key: String,
    /// Registered job seekers; `null` when hidden (fewer than 10, or hidden so that another
    /// hidden count cannot be worked out from the totals).
    pub seekers: Option<i64>,
    /// Open vacancies.
    pub vacancies: i64,
    /// Openings in them.
    pub openings: i64,
    /// Seats left in training batches still to start.
    pub seats: i64,
    /// Openings minus seekers; `null` where seekers are hidden.
    pub gap: Option<i64>,
}

/// Supply against demand for one skill, within the view.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SkillSupply {
    /// Skill id in the taxonomy.
    pub skill: i64,
    /// Seekers who have it; `null` when hidden.
    pub seekers: Option<i64>,
    /// Open vacancies asking for it.
    pub vacancies: i64,
    /// Openings in them.
    pub openings: i64,
    /// Seats left in batches of courses teaching it.
    pub seats: i64,
    /// Openings minus seekers; `null` where seekers are hidden.
    pub gap: Option<i64>,
}

/// A district and occupation group where supply and demand are furthest apart.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SupplyGap {
    /// District id.
    pub district: String,
    /// Occupation group code.
    pub group: String,
    /// Registered job seekers (published counts only).
    pub seekers: i64,
    /// Openings.
    pub openings: i64,
    /// Seats left in training batches.
    pub seats: i64,
    /// Openings minus seekers.
    pub gap: i64,
}

/// A view of the figures.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FiguresView {
    /// When the figures were read (ms since the epoch).
    pub taken_at: i64,
    /// Counts of people under this are hidden.
    pub min_people: i64,
    /// The district shown, if one.
    pub district: Option<String>,
    /// The occupation group shown, if one.
    pub group: Option<String>,
    /// The view's total.
    pub total: Supply,
    /// By occupation group (within the district, if one).
    pub by_group: Vec<Supply>,
    /// By district (within the group, if one); districts with nothing to count are left out.
    pub by_district: Vec<Supply>,
    /// Skills most asked for by open vacancies, most openings first.
    pub skills_asked: Vec<SkillSupply>,
    /// Skills most held by seekers (published counts), most first.
    pub skills_held: Vec<SkillSupply>,
    /// Where openings most exceed seekers.
    pub shortages: Vec<SupplyGap>,
    /// Where seekers most exceed openings.
    pub surpluses: Vec<SupplyGap>,
}

impl Snapshot {
    /// The filter for a district id and a group code (either may be absent or empty).
    pub fn filter(
        &self,
        district: Option<&str>,
        group: Option<&str>,
    ) -> Result<Filter, SkillsError> {
        let district = match district.map(str::trim).filter(|d| !d.is_empty()) {
            None => None,
            Some(d) => Some(
                self.districts
                    .iter()
                    .position(|x| x == d)
                    .ok_or_else(|| SkillsError::Invalid("district".into(), "unknown_region"))?,
            ),
        };
        let group = match group.map(str::trim).filter(|g| !g.is_empty()) {
            None => None,
            Some(g) => Some(
                self.groups
                    .iter()
                    .position(|x| x.code == g)
                    .ok_or_else(|| SkillsError::Invalid("group".into(), "unknown_group"))?,
            ),
        };
        Ok(Filter { district, group })
    }

    fn line(&self, key: String, at: At) -> Supply {
        let seekers = self.protected.get(at);
        let openings = self.openings.get(at);
        Supply {
            key,
            seekers,
            vacancies: self.vacancies.get(at),
            openings,
            seats: self.seats.get(at),
            gap: seekers.map(|s| openings - s),
        }
    }

    fn skill_line(&self, skill: i64, filter: Filter) -> Option<SkillSupply> {
        let counts = self.skills.get(&skill)?;
        let seekers = self.skill_table(skill)?.get(filter.at());
        let openings = counts.openings.within(&filter);
        Some(SkillSupply {
            skill,
            seekers,
            vacancies: counts.vacancies.within(&filter),
            openings,
            seats: counts.seats.within(&filter),
            gap: seekers.map(|s| openings - s),
        })
    }

    fn busy(line: &Supply) -> bool {
        line.seekers != Some(0) || line.vacancies > 0 || line.seats > 0
    }

    /// The view for `filter`.
    pub fn report(&self, filter: Filter) -> FiguresView {
        let groups = (0..self.groups.len()).filter(|&g| filter.group.is_none_or(|f| f == g));
        let by_group = groups
            .map(|g| {
                let at = filter.district.map_or(At::Column(g), |d| At::Cell(d, g));
                self.line(self.groups[g].code.clone(), at)
            })
            .filter(Self::busy)
            .collect();
        let districts =
            (0..self.districts.len()).filter(|&d| filter.district.is_none_or(|f| f == d));
        let by_district = districts
            .map(|d| {
                let at = filter.group.map_or(At::Row(d), |g| At::Cell(d, g));
                self.line(self.districts[d].clone(), at)
            })
            .filter(Self::busy)
            .collect();

        let mut asked: Vec<(i64, i64, i64)> = self
            .skills
            .iter()
            .map(|(&id, c)| (c.openings.within(&filter), c.vacancies.within(&filter), id))
            .filter(|&(openings, _, _)| openings > 0)
            .collect();
        asked.sort_by_key(|&(o, v, id)| (std::cmp::Reverse(o), std::cmp::Reverse(v), id));
        let skills_asked = asked
            .into_iter()
            .take(SKILLS_LISTED)
            .filter_map(|(_, _, id)| self.skill_line(id, filter))
            .collect();
        // Candidates by their true counts, then listed by what may be published: a hidden
        // count is never ranked.
        let mut held: Vec<(i64, i64)> = self
            .skills
            .iter()
            .map(|(&id, c)| (c.seekers.within(&filter), id))
            .filter(|&(n, _)| n >= MIN_PEOPLE)
            .collect();
        held.sort_by_key(|&(n, id)| (std::cmp::Reverse(n), id));
        let mut skills_held: Vec<SkillSupply> = held
            .into_iter()
            .take(SKILLS_LISTED * 2)
            .filter_map(|(_, id)| self.skill_line(id, filter))
            .filter(|l| l.seekers.is_some())
            .collect();
        skills_held.sort_by_key(|l| (std::cmp::Reverse(l.seekers), l.skill));
        skills_held.truncate(SKILLS_LISTED);

        let (shortages, surpluses) = self.gaps(filter);
        FiguresView {
            taken_at: self.taken_at,
            min_people: MIN_PEOPLE,
            district: filter.district.map(|d| self.districts[d].clone()),
            group: filter.group.map(|g| self.groups[g].code.clone()),
            total: self.line("all".into(), filter.at()),
            by_group,
            by_district,
            skills_asked,
            skills_held,
            shortages,
            surpluses,
        }
    }

    /// The cells of the view, stated district and group only, where openings and published
    /// seekers are furthest apart each way.
    fn gaps(&self, filter: Filter) -> (Vec<SupplyGap>, Vec<SupplyGap>) {
        let mut all: Vec<SupplyGap> = Vec::new();
        for d in (0..self.districts.len()).filter(|&d| filter.district.is_none_or(|f| f == d)) {
            for g in (0..self.groups.len()).filter(|&g| filter.group.is_none_or(|f| f == g)) {
                if self.districts[d] == NOT_STATED || self.groups[g].code == NOT_STATED {
                    continue;
                }
                let at = At::Cell(d, g);
                let Some(seekers) = self.protected.get(at) else {
                    continue;
                };
                let openings = self.openings.get(at);
                if seekers == openings {
                    continue;
                }
                all.push(SupplyGap {
                    district: self.districts[d].clone(),
                    group: self.groups[g].code.clone(),
                    seekers,
                    openings,
                    seats: self.seats.get(at),
                    gap: openings - seekers,
                });
            }
        }
        all.sort_by_key(|l| {
            (
                std::cmp::Reverse(l.gap),
                l.district.clone(),
                l.group.clone(),
            )
        });
        let shortages = all
            .iter()
            .filter(|l| l.gap > 0)
            .take(GAPS_LISTED)
            .cloned()
            .collect();
        let surpluses = all
            .iter()
            .rev()
            .filter(|l| l.gap < 0)
            .take(GAPS_LISTED)
            .cloned()
            .collect();
        (shortages, surpluses)
    }

    /// Every cell and total of the view as flat rows (district, group, line) for export:
    /// the cells, then each district's total (group `all`), each group's total (district
    /// `all`) and the view's total.
    pub fn cells(&self, filter: Filter) -> Vec<(String, String, Supply)> {
        let ds: Vec<usize> = (0..self.districts.len())
            .filter(|&d| filter.district.is_none_or(|f| f == d))
            .collect();
        let gs: Vec<usize> = (0..self.groups.len())
            .filter(|&g| filter.group.is_none_or(|f| f == g))
            .collect();
        let mut out = Vec::new();
        let mut push = |d: String, g: String, at: At| {
            let line = self.line(String::new(), at);
            if Self::busy(&line) {
                out.push((d, g, line));
            }
        };
        for &d in &ds {
            for &g in &gs {
                push(
                    self.districts[d].clone(),
                    self.groups[g].code.clone(),
                    At::Cell(d, g),
                );
            }
        }
        if filter.group.is_none() {
            for &d in &ds {
                push(self.districts[d].clone(), "all".into(), At::Row(d));
            }
        }
        if filter.district.is_none() {
            for &g in &gs {
                push("all".into(), self.groups[g].code.clone(), At::Column(g));
            }
        }
        if filter.district.is_none() && filter.group.is_none() {
            push("all".into(), "all".into(), At::Total);
        }
        out
    }
}
