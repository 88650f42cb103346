//! Job seekers' profiles, kept by the person or by an agent holding `skills.profile` for them:
//! education, skills with a level, work done (paid or not), the jobs and places they want,
//! whether they would move or work abroad, and whether employers may find them (off until they
//! say so).
//!
//! Every change is one use case: inside one transaction it reads the profile, applies the
//! change, checks the whole result and writes it, with its audit and outbox events.

use crate::error::SkillsError;
use crate::exists;
use crate::text;
use crate::SKILLS_PROFILE;
use serde::{Deserialize, Serialize};
use shetu_core::id::PersonId;
use shetu_core::Actor;
use shetu_pack::Pack;
use shetu_people::mandates;
use shetu_store::{audit, now_ms, outbox, Db, Tx};
use sqlx::AnyConnection;

mod rows;
pub(crate) use rows::read;
use rows::*;

/// Self-declared skill levels, lowest first.
pub const LEVELS: [&str; 3] = ["basic", "good", "expert"];
/// Kinds of work, paid or not.
pub const WORK_KINDS: [&str; 6] = [
    "employed",
    "self_employed",
    "informal",
    "unpaid",
    "apprentice",
    "volunteer",
];
/// Most skills a profile lists.
pub const MAX_SKILLS: usize = 60;
/// Most work entries.
pub const MAX_WORK: usize = 30;
/// Most wanted occupations.
pub const MAX_OCCUPATIONS: usize = 5;
/// Most wanted regions.
pub const MAX_REGIONS: usize = 10;

/// A skill on a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillEntry {
    /// The skill (a taxonomy id).
    pub skill_id: i64,
    /// `basic`, `good` or `expert`.
    pub level: String,
}

/// Work done: a job, one's own business, informal or unpaid work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkEntry {
    /// The occupation it was, if the person or agent picked one.
    pub occupation_id: Option<i64>,
    /// What the person calls it ("tailoring at home").
    #[schema(max_length = 120)]
    pub title: String,
    /// `employed`, `self_employed`, `informal`, `unpaid`, `apprentice` or `volunteer`.
    pub kind: String,
    /// Where (an employer, a village).
    #[serde(default)]
    #[schema(max_length = 120)]
    pub place: String,
    /// Year it began.
    pub start_year: i64,
    /// Year it ended; none while it goes on.
    pub end_year: Option<i64>,
    /// What the work was.
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub description: String,
}

/// A whole profile as it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileInput {
    /// Highest education completed: a level code of the country pack.
    pub education: String,
    /// Where the person lives (a region id of the pack).
    pub district: Option<String>,
    /// Would move within the country for work.
    #[serde(default)]
    pub relocate: bool,
    /// Would work abroad.
    #[serde(default)]
    pub abroad: bool,
    /// Employers and agencies may find this profile (off until the person says so).
    #[serde(default)]
    pub findable: bool,
    /// Send an SMS when a new vacancy fits.
    #[serde(default)]
    pub alerts: bool,
    /// A few words about themselves.
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub about: String,
    /// Skills with a level.
    #[serde(default)]
    pub skills: Vec<SkillEntry>,
    /// Work done.
    #[serde(default)]
    pub work: Vec<WorkEntry>,
    /// Occupations wanted (taxonomy ids).
    #[serde(default)]
    pub occupations: Vec<i64>,
    /// Regions wanted (region ids of the pack).
    #[serde(default)]
    pub regions: Vec<String>,
}

impl ProfileInput {
    /// An empty profile at the pack's lowest education level.
    pub fn empty(pack: &Pack) -> ProfileInput {
        ProfileInput {
            education: pack
                .education
                .first()
                .map(|e| e.code.clone())
                .unwrap_or_default(),
            district: None,
            relocate: false,
            abroad: false,
            findable: false,
            alerts: false,
            about: String::new(),
            skills: Vec::new(),
            work: Vec::new(),
            occupations: Vec::new(),
            regions: Vec::new(),
        }
    }
}

/// One change to a profile.
#[derive(Debug, Clone)]
pub enum Change {
    /// Everything at once (the API's `PUT`).
    Replace(ProfileInput),
    /// The facts at the top: education, district, moving, abroad, findable, about.
    Basics {
        /// Education level code.
        education: String,
        /// District.
        district: Option<String>,
        /// Would move.
        relocate: bool,
        /// Would work abroad.
        abroad: bool,
        /// May be found by employers.
        findable: bool,
        /// SMS alerts of new vacancies.
        alerts: bool,
        /// About.
        about: String,
    },
    /// Adds a skill, or changes its level.
    AddSkill(SkillEntry),
    /// Removes a skill.
    RemoveSkill(i64),
    /// Adds work done.
    AddWork(WorkEntry),
    /// Removes work done (by its position in the list).
    RemoveWork(usize),
    /// Adds a wanted occupation.
    AddOccupation(i64),
    /// Removes a wanted occupation.
    RemoveOccupation(i64),
    /// Adds a wanted region.
    AddRegion(String),
    /// Removes a wanted region.
    RemoveRegion(String),
}

impl Change {
    fn action(&self) -> &'static str {
        match self {
            Change::Replace(_) => "skills.profile.replace",
            Change::Basics { .. } => "skills.profile.basics",
            Change::AddSkill(_) => "skills.profile.skill_add",
            Change::RemoveSkill(_) => "skills.profile.skill_remove",
            Change::AddWork(_) => "skills.profile.work_add",
            Change::RemoveWork(_) => "skills.profile.work_remove",
            Change::AddOccupation(_) => "skills.profile.occupation_add",
            Change::RemoveOccupation(_) => "skills.profile.occupation_remove",
            Change::AddRegion(_) => "skills.profile.region_add",
            Change::RemoveRegion(_) => "skills.profile.region_remove",
        }
    }

    fn apply(self, profile: &mut ProfileInput) {
        match self {
            Change::Replace(all) => *profile = all,
            Change::Basics {
                education,
                district,
                relocate,
                abroad,
                findable,
                alerts,
                about,
            } => {
                profile.education = education;
                profile.district = district;
                profile.relocate = relocate;
                profile.abroad = abroad;
                profile.findable = findable;
                profile.alerts = alerts;
                profile.about = about;
            }
            Change::AddSkill(entry) => {
                match profile
                    .skills
                    .iter_mut()
                    .find(|s| s.skill_id == entry.skill_id)
                {
                    Some(s) => s.level = entry.level,
                    None => profile.skills.push(entry),
                }
            }
            Change::RemoveSkill(id) => profile.skills.retain(|s| s.skill_id != id),
            Change::AddWork(work) => profile.work.push(work),
            Change::RemoveWork(at) => {
                if at < profile.work.len() {
                    profile.work.remove(at);
                }
            }
            Change::AddOccupation(id) => {
                if !profile.occupations.contains(&id) {
                    profile.occupations.push(id);
                }
            }
            Change::RemoveOccupation(id) => profile.occupations.retain(|o| *o != id),
            Change::AddRegion(id) => {
                if !profile.regions.contains(&id) {
                    profile.regions.push(id);
                }
            }
            Change::RemoveRegion(id) => profile.regions.retain(|r| *r != id),
        }
    }
}

fn region(pack: &Pack, field: &str, id: &str) -> Result<String, SkillsError> {
    id.parse()
        .ok()
        .and_then(|r| pack.region(&r))
        .map(|r| r.id.to_string())
        .ok_or_else(|| SkillsError::Invalid(field.to_owned(), "unknown_region"))
}

/// This year, in UTC.
fn this_year(now_ms: i64) -> i64 {
    // Days since 1970 → civil year (Howard Hinnant's days-from-civil, inverted).
    let days = now_ms.div_euclid(86_400_000);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    yoe + era * 400 + i64::from(month <= 2)
}

/// Checks and tidies a whole profile (names fields by their path, e.g. `work.0.title`).
async fn check(
    tx: &mut Tx,
    pack: &Pack,
    p: ProfileInput,
    now: i64,
) -> Result<ProfileInput, SkillsError> {
    if pack.education_level(&p.education).is_none() {
        return Err(SkillsError::Invalid(
            "education".into(),
            "unknown_education",
        ));
    }
    let district = match p
        .district
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        None => None,
        Some(d) => Some(region(pack, "district", d)?),
    };
    let about = text("about", &p.about, 1000, false)?;
    if p.skills.len() > MAX_SKILLS {
        return Err(SkillsError::Invalid("skills".into(), "too_many"));
    }
    if p.work.len() > MAX_WORK {
        return Err(SkillsError::Invalid("work".into(), "too_many"));
    }
    if p.occupations.len() > MAX_OCCUPATIONS {
        return Err(SkillsError::Invalid("occupations".into(), "too_many"));
    }
    if p.regions.len() > MAX_REGIONS {
        return Err(SkillsError::Invalid("regions".into(), "too_many"));
    }
    let mut skills: Vec<SkillEntry> = Vec::with_capacity(p.skills.len());
    for (i, s) in p.skills.into_iter().enumerate() {
        if !LEVELS.contains(&s.level.as_str()) {
            return Err(SkillsError::Invalid(
                format!("skills.{i}.level"),
                "unknown_level",
            ));
        }
        if !exists(tx, "skills_skill", s.skill_id).await? {
            return Err(SkillsError::Invalid(
                format!("skills.{i}.skill_id"),
                "unknown_skill",
            ));
        }
        match skills.iter_mut().find(|k| k.skill_id == s.skill_id) {
            Some(k) => k.level = s.level,
            None => skills.push(s),
        }
    }
    let year = this_year(now);
    let mut work = Vec::with_capacity(p.work.len());
    for (i, w) in p.work.into_iter().enumerate() {
        let field = |name: &str| format!("work.{i}.{name}");
        if !WORK_KINDS.contains(&w.kind.as_str()) {
            return Err(SkillsError::Invalid(field("kind"), "unknown_work_kind"));
        }
        if !(1950..=year).contains(&w.start_year) {
            return Err(SkillsError::OutOfRange {
                field: field("start_year"),
                min: 1950,
                max: year,
            });
        }
        if let Some(end) = w.end_year {
            if !(1950..=year).contains(&end) {
                return Err(SkillsError::OutOfRange {
                    field: field("end_year"),
                    min: 1950,
                    max: year,
                });
            }
            if end < w.start_year {
                return Err(SkillsError::Invalid(field("end_year"), "years_reversed"));
            }
        }
        if let Some(o) = w.occupation_id {
            if !exists(tx, "skills_occupation", o).await? {
                return Err(SkillsError::Invalid(
                    field("occupation_id"),
                    "unknown_occupation",
                ));
            }
        }
        work.push(WorkEntry {
            occupation_id: w.occupation_id,
            title: text(&field("title"), &w.title, 120, true)?,
            kind: w.kind,
            place: text(&field("place"), &w.place, 120, false)?,
            start_year: w.start_year,
            end_year: w.end_year,
            description: text(&field("description"), &w.description, 1000, false)?,
        });
    }
    let mut occupations = Vec::new();
    for (i, o) in p.occupations.into_iter().enumerate() {
        if !exists(tx, "skills_occupation", o).await? {
            return Err(SkillsError::Invalid(
                format!("occupations.{i}"),
                "unknown_occupation",
            ));
        }
        if !occupations.contains(&o) {
            occupations.push(o);
        }
    }
    let mut regions = Vec::new();
    for (i, r) in p.regions.iter().enumerate() {
        let r = region(pack, &format!("regions.{i}"), r)?;
        if !regions.contains(&r) {
            regions.push(r);
        }
    }
    Ok(ProfileInput {
        education: p.education,
        district,
        relocate: p.relocate,
        abroad: p.abroad,
        findable: p.findable,
        alerts: p.alerts,
        about,
        skills,
        work,
        occupations,
        regions,
    })
}

/// Changes the profile of the actor, or of the person an agent acts for under
/// `skills.profile` (creating it on the first change). Returns the profile as stored.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn change(
    db: &Db,
    pack: &Pack,
    actor: &Actor,
    change: Change,
) -> Result<ProfileInput, SkillsError> {
    let now = now_ms();
    let action = change.action();
    let mut tx = db.begin().await?;
    let person = mandates::subject_for(&mut tx, actor, SKILLS_PROFILE, now).await?;
    let lock = if tx.backend() == shetu_store::Backend::Postgres {
        " FOR UPDATE"
    } else {
        ""
    };
    let before = read(&mut tx, person, lock).await?;
    let mut profile = before.clone().unwrap_or_else(|| ProfileInput::empty(pack));
    change.apply(&mut profile);
    let profile = check(&mut tx, pack, profile, now).await?;
    write(
        &mut tx,
        person,
        actor.person,
        before.as_ref(),
        &profile,
        now,
    )
    .await?;
    if profile.findable || before.as_ref().is_some_and(|b| b.findable) {
        crate::vacancies::bump(&mut tx, "profiles").await?;
    }
    let detail = serde_json::json!({
        "skills": profile.skills.len(),
        "work": profile.work.len(),
        "findable": profile.findable,
        "created": before.is_none(),
    });
    outbox::publish(
        &mut tx,
        "skills.profile.changed",
        &person.to_string(),
        &detail,
    )
    .await?;
    let actor_id = actor.person.to_string();
    let subject_id = person.to_string();
    audit::record(
        &mut tx,
        audit::Entry {
            actor: Some(&actor_id),
            subject: Some(&subject_id),
            action,
            object: &format!("profile:{person}"),
            request_id: actor.request_id.as_deref(),
            detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(profile)
}

/// The profile of the actor, or of the person an agent acts for under `skills.profile`.
pub async fn mine(db: &Db, actor: &Actor) -> Result<(PersonId, ProfileInput), SkillsError> {
    let mut conn = db.pool().acquire().await?;
    let person = mandates::subject_for(&mut conn, actor, SKILLS_PROFILE, now_ms()).await?;
    read(&mut conn, person, "")
        .await?
        .map(|p| (person, p))
        .ok_or(SkillsError::NotFound("profile_not_found"))
}

#[cfg(test)]
mod tests {
    use super::this_year;

    #[test]
    fn years_from_milliseconds() {
        assert_eq!(this_year(0), 1970);
        // 2024-02-29T12:00:00Z, a leap day.
        assert_eq!(this_year(1_709_208_000_000), 2024);
        // 2026-12-31T23:59:59Z and a second later.
        assert_eq!(this_year(1_798_761_599_000), 2026);
        assert_eq!(this_year(1_798_761_600_000), 2027);
    }
}
