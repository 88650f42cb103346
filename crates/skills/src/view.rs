//! A profile as people read it: taxonomy ids and codes with their names in the reader's language
//! (English, marked, where the pack has no name in it).

use crate::finder::{Finder, Kind};
use crate::profiles::ProfileInput;
use serde::Serialize;
use shetu_pack::Pack;

/// Something coded, with its name.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Named {
    /// Its code or id.
    pub code: String,
    /// Its name in the reader's language.
    pub label: String,
}

/// A taxonomy entry, with its name.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Taxon {
    /// Its id.
    pub id: i64,
    /// Its name in the reader's language, or in English.
    pub label: String,
    /// The language of `label`.
    pub label_lang: &'static str,
}

/// A skill on a profile.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SkillView {
    /// The skill.
    pub skill: Taxon,
    /// `basic`, `good` or `expert`.
    pub level: String,
}

/// Work done.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WorkView {
    /// Its position in the list (to remove it).
    pub index: usize,
    /// The occupation it was, if picked.
    pub occupation: Option<Taxon>,
    /// What the person calls it.
    pub title: String,
    /// Kind of work.
    pub kind: String,
    /// Where.
    pub place: String,
    /// Year it began.
    pub start_year: i64,
    /// Year it ended (none: goes on).
    pub end_year: Option<i64>,
    /// What it was.
    pub description: String,
}

/// A job seeker's profile, named in the reader's language.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProfileView {
    /// Whose it is.
    pub person_id: String,
    /// Highest education completed.
    pub education: Named,
    /// Where they live.
    pub district: Option<Named>,
    /// Would move for work.
    pub relocate: bool,
    /// Would work abroad.
    pub abroad: bool,
    /// Employers may find the profile.
    pub findable: bool,
    /// About them.
    pub about: String,
    /// Skills.
    pub skills: Vec<SkillView>,
    /// Work done, paid or not.
    pub work: Vec<WorkView>,
    /// Occupations wanted.
    pub occupations: Vec<Taxon>,
    /// Regions wanted.
    pub regions: Vec<Named>,
}

/// The name of a taxonomy entry in `lang`.
pub fn taxon(finder: &Finder, kind: Kind, id: i64, lang: &str) -> Taxon {
    match finder.get(kind, id) {
        Some(e) => {
            let (label, label_lang) = e.label(lang);
            Taxon {
                id,
                label: label.to_owned(),
                label_lang,
            }
        }
        None => Taxon {
            id,
            label: id.to_string(),
            label_lang: "en",
        },
    }
}

/// A region's name in `lang`.
pub fn region(pack: &Pack, id: &str, lang: &str) -> Named {
    let label = id
        .parse()
        .ok()
        .and_then(|r| pack.region(&r))
        .map_or_else(|| id.to_owned(), |r| r.name.get(lang, "en").to_owned());
    Named {
        code: id.to_owned(),
        label,
    }
}

/// An education level's name in `lang`.
pub fn education(pack: &Pack, code: &str, lang: &str) -> Named {
    Named {
        code: code.to_owned(),
        label: pack
            .education_level(code)
            .map_or_else(|| code.to_owned(), |e| e.name.get(lang, "en").to_owned()),
    }
}

/// The profile of `person`, named in `lang`.
pub fn profile(
    finder: &Finder,
    pack: &Pack,
    person: &str,
    p: &ProfileInput,
    lang: &str,
) -> ProfileView {
    ProfileView {
        person_id: person.to_owned(),
        education: education(pack, &p.education, lang),
        district: p.district.as_deref().map(|d| region(pack, d, lang)),
        relocate: p.relocate,
        abroad: p.abroad,
        findable: p.findable,
        about: p.about.clone(),
        skills: p
            .skills
            .iter()
            .map(|s| SkillView {
                skill: taxon(finder, Kind::Skill, s.skill_id, lang),
                level: s.level.clone(),
            })
            .collect(),
        work: p
            .work
            .iter()
            .enumerate()
            .map(|(index, w)| WorkView {
                index,
                occupation: w
                    .occupation_id
                    .map(|o| taxon(finder, Kind::Occupation, o, lang)),
                title: w.title.clone(),
                kind: w.kind.clone(),
                place: w.place.clone(),
                start_year: w.start_year,
                end_year: w.end_year,
                description: w.description.clone(),
            })
            .collect(),
        occupations: p
            .occupations
            .iter()
            .map(|o| taxon(finder, Kind::Occupation, *o, lang))
            .collect(),
        regions: p.regions.iter().map(|r| region(pack, r, lang)).collect(),
    }
}
