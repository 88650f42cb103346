//! Reasons a person can read: what kind each feature is, and a sentence made of a match's
//! explanation in the reader's language.
//!
//! The engine knows features only by number. A module builds its feature ids with [`feature`],
//! which keeps the kind (skill, occupation, region, tag) in the top three bits, so every
//! [`Contribution`](crate::topk::Contribution) says what it is. [`sentence`] turns an
//! [`Explanation`] into words through the module's [`Wording`] (its messages in the reader's
//! language) and a function that names a feature, e.g. "matches 4 of 5 skills the job asks for;
//! missing: sewing machine maintenance; same district: Gazipur".

use crate::topk::{Explanation, FeatureId};

/// What a feature stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A feature built without a kind.
    Other,
    /// A skill.
    Skill,
    /// An occupation.
    Occupation,
    /// A region (at any level).
    Region,
    /// Any other tag: a focus area, an SDG target, a language.
    Tag,
}

const KIND_SHIFT: u32 = 29;

/// The largest id a feature of one kind can have.
pub const MAX_LOCAL_ID: u32 = (1 << KIND_SHIFT) - 1;

/// A feature id of `kind`, or `None` if `id` is above [`MAX_LOCAL_ID`].
pub fn feature(kind: Kind, id: u32) -> Option<FeatureId> {
    let tag: u32 = match kind {
        Kind::Other => 0,
        Kind::Skill => 1,
        Kind::Occupation => 2,
        Kind::Region => 3,
        Kind::Tag => 4,
    };
    (id <= MAX_LOCAL_ID).then_some(tag << KIND_SHIFT | id)
}

/// The kind a feature id was built with.
pub fn kind_of(feature: FeatureId) -> Kind {
    match feature >> KIND_SHIFT {
        1 => Kind::Skill,
        2 => Kind::Occupation,
        3 => Kind::Region,
        4 => Kind::Tag,
        _ => Kind::Other,
    }
}

/// The id a feature was built from, without its kind.
pub fn local_id(feature: FeatureId) -> u32 {
    feature & MAX_LOCAL_ID
}

/// The phrases a sentence is made of, in one language (a module implements it with its
/// messages). Names arrive already in the reader's language.
pub trait Wording {
    /// "matches 4 of 5 skills the job asks for".
    fn skills(&self, matched: usize, asked: usize) -> String;
    /// "occupation: tailor".
    fn occupation(&self, name: &str) -> String;
    /// "same district: Gazipur".
    fn region(&self, name: &str) -> String;
    /// "also: export, women-led".
    fn tags(&self, names: &str) -> String;
    /// "missing: sewing machine maintenance", or with `more` further ones not named: "missing:
    /// A, B, C and 2 more".
    fn missing(&self, names: &[String], more: usize) -> String;
    /// Names as a list: "A, B and C".
    fn list(&self, names: &[String]) -> String;
    /// The parts of the sentence together: "…; …; …".
    fn join(&self, parts: &[String]) -> String;
}

/// How many missing features a sentence names before it says "and N more".
pub const NAMED_MISSING: usize = 3;

/// The explanation as one sentence: skills matched of those asked, missing ones (required
/// first) by name, the shared occupation, region and tags. Parts with nothing to say are left
/// out; an explanation with nothing at all gives an empty string.
pub fn sentence(
    explanation: &Explanation,
    name: &dyn Fn(FeatureId) -> String,
    wording: &dyn Wording,
) -> String {
    let of_kind = |kind: Kind| {
        explanation
            .matched
            .iter()
            .filter(move |c| c.kind == kind)
            .map(|c| c.feature)
    };
    let mut parts = Vec::new();
    let matched_skills = of_kind(Kind::Skill).count();
    let unmatched_skills: Vec<FeatureId> = explanation
        .unmatched
        .iter()
        .copied()
        .filter(|f| kind_of(*f) == Kind::Skill)
        .collect();
    let missing: Vec<FeatureId> = explanation
        .missing
        .iter()
        .copied()
        .chain(unmatched_skills.iter().copied())
        .collect();
    let missing_skills = explanation
        .missing
        .iter()
        .filter(|f| kind_of(**f) == Kind::Skill)
        .count()
        + unmatched_skills.len();
    if matched_skills + missing_skills > 0 {
        parts.push(wording.skills(matched_skills, matched_skills + missing_skills));
    }
    if !missing.is_empty() {
        let named: Vec<String> = missing
            .iter()
            .take(NAMED_MISSING)
            .map(|&f| name(f))
            .collect();
        parts.push(wording.missing(&named, missing.len().saturating_sub(NAMED_MISSING)));
    }
    if let Some(occupation) = of_kind(Kind::Occupation).next() {
        parts.push(wording.occupation(&name(occupation)));
    }
    // The region that counts most: modules weigh a narrower region (district) above a wider one.
    if let Some(region) = of_kind(Kind::Region).next() {
        parts.push(wording.region(&name(region)));
    }
    let tags: Vec<String> = of_kind(Kind::Tag)
        .chain(of_kind(Kind::Other))
        .map(name)
        .collect();
    if !tags.is_empty() {
        parts.push(wording.tags(&wording.list(&tags)));
    }
    if parts.is_empty() {
        String::new()
    } else {
        wording.join(&parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topk::{Index, Item, Query};

    struct English;
    impl Wording for English {
        fn skills(&self, matched: usize, asked: usize) -> String {
            format!("matches {matched} of {asked} skills the job asks for")
        }
        fn occupation(&self, name: &str) -> String {
            format!("occupation: {name}")
        }
        fn region(&self, name: &str) -> String {
            format!("same district: {name}")
        }
        fn tags(&self, names: &str) -> String {
            format!("also: {names}")
        }
        fn missing(&self, names: &[String], more: usize) -> String {
            if more == 0 {
                format!("missing: {}", self.list(names))
            } else {
                format!("missing: {} and {more} more", names.join(", "))
            }
        }
        fn list(&self, names: &[String]) -> String {
            match names {
                [] => String::new(),
                [one] => one.clone(),
                [head @ .., last] => format!("{} and {last}", head.join(", ")),
            }
        }
        fn join(&self, parts: &[String]) -> String {
            parts.join("; ")
        }
    }

    #[test]
    fn kinds_round_trip_and_ids_are_bounded() {
        for kind in [
            Kind::Other,
            Kind::Skill,
            Kind::Occupation,
            Kind::Region,
            Kind::Tag,
        ] {
            for id in [0, 1, 4711, MAX_LOCAL_ID] {
                let f = feature(kind, id).expect("in range");
                assert_eq!((kind_of(f), local_id(f)), (kind, id));
            }
            assert_eq!(feature(kind, MAX_LOCAL_ID + 1), None);
        }
    }

    #[test]
    fn a_job_match_reads_as_a_sentence() {
        let skill = |id| feature(Kind::Skill, id).unwrap_or_default();
        let names = |f: FeatureId| match (kind_of(f), local_id(f)) {
            (Kind::Skill, 1) => "hand stitching".to_owned(),
            (Kind::Skill, 2) => "pattern cutting".to_owned(),
            (Kind::Skill, 3) => "embroidery".to_owned(),
            (Kind::Skill, 4) => "ironing".to_owned(),
            (Kind::Skill, 5) => "sewing machine maintenance".to_owned(),
            (Kind::Occupation, 7) => "tailor".to_owned(),
            (Kind::Region, 47) => "Gazipur".to_owned(),
            (Kind::Region, 3) => "Dhaka division".to_owned(),
            other => format!("{other:?}"),
        };
        let tailor = feature(Kind::Occupation, 7).unwrap_or_default();
        let district = feature(Kind::Region, 47).unwrap_or_default();
        let division = feature(Kind::Region, 3).unwrap_or_default();
        let job = Item {
            id: 1,
            features: vec![
                (skill(1), 800),
                (skill(2), 600),
                (skill(3), 500),
                (skill(4), 300),
                (skill(5), 700),
                (tailor, 900),
                (district, 300),
                (division, 200),
            ],
            required: vec![skill(5)],
            labels: vec![],
        };
        let person = Query {
            features: vec![
                (skill(1), 1000),
                (skill(2), 1000),
                (skill(3), 1000),
                (skill(4), 1000),
                (tailor, 1000),
                (district, 1000),
                (division, 1000),
            ],
            ..Query::default()
        };
        let hits = Index::new(vec![job]).top_k(&person, 5);
        let e = &hits[0].explanation;
        // Shares are of the whole score, and the largest part comes first.
        assert_eq!(e.matched[0].kind, Kind::Occupation);
        assert_eq!(e.matched[0].permille, 250); // 900 of 3,600
        let total: u32 = e.matched.iter().map(|c| c.permille).sum();
        assert!((999..=1001).contains(&total), "{total}");
        assert_eq!(
            sentence(e, &names, &English),
            "matches 4 of 5 skills the job asks for; missing: sewing machine maintenance; \
             occupation: tailor; same district: Gazipur"
        );
    }

    #[test]
    fn many_missing_skills_are_counted_not_all_named() {
        let skill = |id| feature(Kind::Skill, id).unwrap_or_default();
        let job = Item {
            id: 9,
            features: (1..=6).map(|i| (skill(i), 100)).collect(),
            required: vec![],
            labels: vec![],
        };
        let person = Query {
            features: vec![(skill(1), 5)],
            ..Query::default()
        };
        let hits = Index::new(vec![job]).top_k(&person, 1);
        let names = |f: FeatureId| format!("s{}", local_id(f));
        assert_eq!(
            sentence(&hits[0].explanation, &names, &English),
            "matches 1 of 6 skills the job asks for; missing: s2, s3, s4 and 2 more"
        );
    }
}
