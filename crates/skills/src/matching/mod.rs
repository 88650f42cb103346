//! Matching skills supply and demand with `shetu-match`: recommended vacancies for a job seeker,
//! and ranked candidates for a vacancy — only people who said employers may find them.
//!
//! Both sides are weighted feature vectors over the same features: skills (a seeker's by level,
//! a vacancy's essential ones above optional ones), occupations (wanted, or done before), and
//! regions (the district, and a little for its division). Education is a hard filter: a vacancy
//! is only offered to people at or above its minimum level. Scores are sums of products, so
//! adding a skill a vacancy asks for never lowers a score and the order skills were entered in
//! never changes it.
//!
//! Each node keeps both indexes in memory and rebuilds one when its generation (bumped in the
//! transaction of every change) or the date moves on.

use crate::error::SkillsError;
use crate::profiles::ProfileInput;
use crate::vacancies::{self, Vacancy};
use shetu_core::id::PersonId;
use shetu_core::{Actor, Role};
use shetu_match::reasons::{feature, Kind};
use shetu_match::topk::{Explanation, FeatureId, Hit, Index, Item, Query};
use shetu_pack::Pack;
use shetu_store::{now_ms, Db};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

mod build;
use build::*;

/// Weight of a vacancy's essential skill.
const ESSENTIAL: u32 = 3;
/// Weight of a vacancy's optional skill.
const OPTIONAL: u32 = 1;
/// Weight of the occupation on either side (wanted, or the vacancy's).
const OCCUPATION: u32 = 3;
/// Weight of an occupation the person did before.
const DONE_BEFORE: u32 = 1;
/// Weight of a district (where one lives or wants to work; where a job is).
const DISTRICT: u32 = 3;
/// Weight of the division around such a district.
const DIVISION: u32 = 1;
/// Labels for education: `EDUCATION + rank`.
const EDUCATION: u32 = 1_000;

/// A seeker's weight for a skill by its level.
fn level_weight(level: &str) -> u32 {
    match level {
        "expert" => 3,
        "good" => 2,
        _ => 1,
    }
}

fn skill(id: i64) -> Option<FeatureId> {
    feature(Kind::Skill, u32::try_from(id).ok()?)
}

fn occupation(id: i64) -> Option<FeatureId> {
    feature(Kind::Occupation, u32::try_from(id).ok()?)
}

/// Region features by region id: the region itself, and its parent (a division) if any.
#[derive(Debug, Default)]
struct Places {
    number: HashMap<String, u32>,
    parent: HashMap<String, String>,
    names: Vec<String>,
}

impl Places {
    fn of(pack: &Pack) -> Places {
        let mut places = Places::default();
        for (i, r) in pack.regions().iter().enumerate() {
            let id = r.id.to_string();
            places
                .number
                .insert(id.clone(), u32::try_from(i).unwrap_or(u32::MAX));
            if let Some(p) = &r.parent {
                places.parent.insert(id.clone(), p.to_string());
            }
            places.names.push(id);
        }
        places
    }

    /// Adds `region` (weight `near`) and its parent (weight `around`) to `features`.
    fn add(&self, features: &mut Vec<(FeatureId, u32)>, region: &str, near: u32, around: u32) {
        let mut push = |id: &str, w: u32| {
            if let Some(f) = self.number.get(id).and_then(|n| feature(Kind::Region, *n)) {
                features.push((f, w));
            }
        };
        push(region, near);
        if let Some(parent) = self.parent.get(region) {
            push(parent, around);
        }
    }

    /// The region id of a region feature's number.
    fn id(&self, number: u32) -> Option<&str> {
        self.names.get(number as usize).map(String::as_str)
    }
}

/// A seeker's side: features and labels from their profile.
fn seeker_features(places: &Places, p: &ProfileInput) -> Vec<(FeatureId, u32)> {
    let mut f = Vec::new();
    for s in &p.skills {
        if let Some(id) = skill(s.skill_id) {
            f.push((id, level_weight(&s.level)));
        }
    }
    for o in &p.occupations {
        if let Some(id) = occupation(*o) {
            f.push((id, OCCUPATION));
        }
    }
    for w in &p.work {
        if let Some(id) = w.occupation_id.and_then(occupation) {
            f.push((id, DONE_BEFORE));
        }
    }
    if let Some(d) = &p.district {
        places.add(&mut f, d, DISTRICT, DIVISION);
    }
    for r in &p.regions {
        places.add(&mut f, r, DISTRICT, DIVISION);
    }
    f
}

/// A vacancy's side.
fn vacancy_features(places: &Places, v: &Vacancy) -> (Vec<(FeatureId, u32)>, Vec<FeatureId>) {
    let mut f = Vec::new();
    let mut required = Vec::new();
    for s in &v.skills {
        if let Some(id) = skill(s.skill_id) {
            f.push((id, if s.essential { ESSENTIAL } else { OPTIONAL }));
            if s.essential {
                required.push(id);
            }
        }
    }
    if let Some(id) = occupation(v.occupation_id) {
        f.push((id, OCCUPATION));
    }
    for r in &v.regions {
        places.add(&mut f, r, DISTRICT, DIVISION);
    }
    (f, required)
}

fn rank_of(pack: &Pack, code: &str) -> u32 {
    pack.education_level(code).map_or(0, |e| u32::from(e.rank))
}

/// Open vacancies, indexed.
pub struct VacancyIndex {
    index: Index,
    ids: Vec<String>,
    places: Places,
}

/// Findable profiles, indexed.
pub struct ProfileIndex {
    index: Index,
    people: Vec<PersonId>,
    places: Places,
}

impl std::fmt::Debug for VacancyIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VacancyIndex")
            .field("len", &self.ids.len())
            .finish()
    }
}

impl std::fmt::Debug for ProfileIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProfileIndex")
            .field("len", &self.people.len())
            .finish()
    }
}

/// One of a node's two indexes with the generation it was built at.
type Slot<T> = RwLock<Option<((i64, String), Arc<T>)>>;

/// This node's matching indexes.
#[derive(Debug, Default)]
pub struct Matcher {
    vacancies: Slot<VacancyIndex>,
    profiles: Slot<ProfileIndex>,
    building: tokio::sync::Mutex<()>,
}

async fn generation(db: &Db, pack: &Pack, name: &str) -> Result<(i64, String), SkillsError> {
    let n: i64 = sqlx::query_scalar("SELECT n FROM skills_generation WHERE name = $1")
        .bind(name)
        .fetch_one(db.pool())
        .await?;
    Ok((n, vacancies::today(pack, now_ms())))
}

fn fresh<T>(slot: &Slot<T>, at: &(i64, String)) -> Option<Arc<T>> {
    slot.read()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .filter(|(g, _)| g == at)
        .map(|(_, i)| i.clone())
}

impl Matcher {
    /// The open vacancies' index, rebuilt if stale.
    pub async fn vacancies(&self, db: &Db, pack: &Pack) -> Result<Arc<VacancyIndex>, SkillsError> {
        let at = generation(db, pack, "vacancies").await?;
        if let Some(i) = fresh(&self.vacancies, &at) {
            return Ok(i);
        }
        let _one = self.building.lock().await;
        if let Some(i) = fresh(&self.vacancies, &at) {
            return Ok(i);
        }
        let built = Arc::new(build_vacancies(db, pack, &at.1).await?);
        *self.vacancies.write().unwrap_or_else(|e| e.into_inner()) = Some((at, built.clone()));
        Ok(built)
    }

    /// The findable profiles' index, rebuilt if stale.
    pub async fn profiles(&self, db: &Db, pack: &Pack) -> Result<Arc<ProfileIndex>, SkillsError> {
        let at = generation(db, pack, "profiles").await?;
        if let Some(i) = fresh(&self.profiles, &at) {
            return Ok(i);
        }
        let _one = self.building.lock().await;
        if let Some(i) = fresh(&self.profiles, &at) {
            return Ok(i);
        }
        let built = Arc::new(build_profiles(db, pack).await?);
        *self.profiles.write().unwrap_or_else(|e| e.into_inner()) = Some((at, built.clone()));
        Ok(built)
    }
}

/// A vacancy recommended to a seeker, or a candidate for a vacancy, with why.
#[derive(Debug, Clone)]
pub struct Scored<T> {
    /// The vacancy or the person.
    pub what: T,
    /// The score (higher is better).
    pub score: u128,
    /// Why: shared features, missing essential skills, skills asked for but not had.
    pub why: Explanation,
}

/// Names a feature: (kind, local id), and for regions the region id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feature {
    /// A skill id.
    Skill(i64),
    /// An occupation id.
    Occupation(i64),
    /// A region id.
    Region(String),
}

impl VacancyIndex {
    /// How many open vacancies it holds.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// What a feature id stands for.
    pub fn feature(&self, f: FeatureId) -> Option<Feature> {
        feature_of(&self.places, f)
    }
}

impl ProfileIndex {
    /// What a feature id stands for.
    pub fn feature(&self, f: FeatureId) -> Option<Feature> {
        feature_of(&self.places, f)
    }
}

fn feature_of(places: &Places, f: FeatureId) -> Option<Feature> {
    let id = shetu_match::reasons::local_id(f);
    match shetu_match::reasons::kind_of(f) {
        Kind::Skill => Some(Feature::Skill(i64::from(id))),
        Kind::Occupation => Some(Feature::Occupation(i64::from(id))),
        Kind::Region => places.id(id).map(|r| Feature::Region(r.to_owned())),
        _ => None,
    }
}

/// The query of a seeker's profile.
fn seeker_query(pack: &Pack, places: &Places, p: &ProfileInput) -> Query {
    Query {
        features: seeker_features(places, p),
        all_labels: vec![EDUCATION + rank_of(pack, &p.education)],
        any_labels: Vec::new(),
        require_all: false,
    }
}

/// The `k` open vacancies that fit a seeker's profile best, with why.
pub async fn recommend(
    db: &Db,
    pack: &Pack,
    matcher: &Matcher,
    profile: &ProfileInput,
    k: usize,
) -> Result<(Arc<VacancyIndex>, Vec<Scored<Vacancy>>), SkillsError> {
    let index = matcher.vacancies(db, pack).await?;
    let hits: Vec<Hit> = index
        .index
        .top_k(&seeker_query(pack, &index.places, profile), k)
        .into_iter()
        .filter(|h| h.score > 0)
        .collect();
    let ids: Vec<String> = hits
        .iter()
        .filter_map(|h| index.ids.get(h.id as usize).cloned())
        .collect();
    let found = vacancies::many(db, &ids).await?;
    let today = vacancies::today(pack, now_ms());
    let scored = hits
        .into_iter()
        .filter_map(|h| {
            let id = index.ids.get(h.id as usize)?;
            let v = found.iter().find(|v| &v.id == id)?;
            // Closed since the index was built: not offered.
            (v.status == "open" && v.deadline >= today).then(|| Scored {
                what: v.clone(),
                score: h.score,
                why: h.explanation,
            })
        })
        .collect();
    Ok((index, scored))
}

/// A candidate: a person who lets employers find them, and their profile.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The person.
    pub person: PersonId,
    /// Their name.
    pub name: String,
    /// Their profile.
    pub profile: ProfileInput,
}

/// The `k` findable people who fit a vacancy best, for a member of the employer or of the agency
/// that posted it (or an administrator). People who have not said employers may find them are
/// never among them.
pub async fn candidates(
    db: &Db,
    pack: &Pack,
    matcher: &Matcher,
    actor: &Actor,
    vacancy: &str,
    k: usize,
) -> Result<(Arc<ProfileIndex>, Vacancy, Vec<Scored<Candidate>>), SkillsError> {
    let v = vacancies::get(db, vacancy).await?;
    {
        let mut conn = db.pool().acquire().await?;
        let allowed = actor.has(Role::Admin)
            || crate::employers::is_member(&mut conn, actor.person, &v.employer_id).await?
            || crate::employers::is_member(&mut conn, actor.person, &v.posted_by_org).await?;
        if !allowed {
            return Err(SkillsError::Forbidden);
        }
    }
    let index = matcher.profiles(db, pack).await?;
    let (features, required) = vacancy_features(&index.places, &v);
    let from = v.min_education.as_deref().map_or(0, |e| rank_of(pack, e));
    let top = (pack.education.len() as u32).max(1);
    let query = Query {
        features: features.clone(),
        all_labels: Vec::new(),
        any_labels: (from..top).map(|r| EDUCATION + r).collect(),
        require_all: false,
    };
    let hits: Vec<Hit> = index
        .index
        .top_k(&query, k)
        .into_iter()
        .filter(|h| h.score > 0)
        .collect();
    let people: Vec<PersonId> = hits
        .iter()
        .filter_map(|h| index.people.get(h.id as usize).copied())
        .collect();
    let mut found = Vec::new();
    for person in people {
        // Read now, with consent checked again: a person who withdrew it since the index was
        // built is not shown.
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT p.name FROM person p JOIN skills_profile s ON s.person_id = p.id \
             WHERE p.id = $1 AND s.findable = 1",
        )
        .bind(person)
        .fetch_optional(db.pool())
        .await?;
        let Some((name,)) = row else { continue };
        let mut conn = db.pool().acquire().await?;
        if let Some(profile) = crate::profiles::read(&mut conn, person, "").await? {
            found.push(Candidate {
                person,
                name,
                profile,
            });
        }
    }
    let skill_features: Vec<FeatureId> = features
        .iter()
        .map(|(f, _)| *f)
        .filter(|f| shetu_match::reasons::kind_of(*f) == Kind::Skill)
        .collect();
    let scored = hits
        .into_iter()
        .filter_map(|h| {
            let person = index.people.get(h.id as usize)?;
            let c = found.iter().find(|c| c.person == *person)?;
            let had: Vec<FeatureId> = h.explanation.matched.iter().map(|m| m.feature).collect();
            let why = Explanation {
                missing: required
                    .iter()
                    .copied()
                    .filter(|f| !had.contains(f))
                    .collect(),
                unmatched: skill_features
                    .iter()
                    .copied()
                    .filter(|f| !had.contains(f) && !required.contains(f))
                    .collect(),
                matched: h.explanation.matched,
            };
            Some(Scored {
                what: c.clone(),
                score: h.score,
                why,
            })
        })
        .collect();
    Ok((index, v, scored))
}

/// The score a profile gets for a vacancy (for tests of the invariants and for the benchmark's
/// agreement check): what `recommend` ranks by.
pub fn score(pack: &Pack, profile: &ProfileInput, vacancy: &Vacancy) -> u128 {
    let places = Places::of(pack);
    let (features, required) = vacancy_features(&places, vacancy);
    let from = vacancy
        .min_education
        .as_deref()
        .map_or(0, |e| rank_of(pack, e));
    let top = (pack.education.len() as u32).max(1);
    let index = Index::new(vec![Item {
        id: 0,
        features,
        required,
        labels: (from..top).map(|r| EDUCATION + r).collect(),
    }]);
    index
        .brute_force(&seeker_query(pack, &places, profile), 1)
        .first()
        .map_or(0, |h| h.score)
}
