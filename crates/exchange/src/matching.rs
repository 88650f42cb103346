//! Suggested solutions for a need, each with its reasons: the SDG targets (or goals) and focus
//! areas both name, the words of the need its description shares, a language its member works
//! in, and whether it has already been scaled or replicated elsewhere.
//!
//! Solutions and the need become sparse feature vectors for the `shetu-match` top-k engine
//! (identical to a full scan, with an explanation per hit). The weights are published here:
//!
//! | shared | points |
//! |---|---|
//! | an SDG target | 30 |
//! | an SDG goal (any target of it) | 10 |
//! | a focus area | 20 |
//! | a word of the need (stemmed, 4 letters or more, not a common word) | 5 |
//! | a language the need can work in | 5 |
//! | already scaled or replicated | 10 |

use crate::needs::Need;
use crate::solutions::Solution;
use crate::vocabulary::goal_of;
use crate::ExchangeError;
use serde::Serialize;
use shetu_match::reasons::{feature, local_id, Kind};
use shetu_match::topk::{Index, Item, Query};
use shetu_store::Db;
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;

/// What a shared feature is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SharedFacet {
    /// An SDG target.
    Sdg,
    /// An SDG goal.
    Goal,
    /// A focus area.
    Focus,
    /// A word of the text.
    Word,
    /// A language.
    Language,
    /// Already scaled or replicated.
    Proven,
}

impl SharedFacet {
    fn weight(self) -> u32 {
        match self {
            SharedFacet::Sdg => 30,
            SharedFacet::Goal => 10,
            SharedFacet::Focus => 20,
            SharedFacet::Word | SharedFacet::Language => 5,
            SharedFacet::Proven => 10,
        }
    }
}

/// One reason a solution fits: what both share, of one kind.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Reason {
    /// What kind of thing is shared.
    pub facet: SharedFacet,
    /// The shared values (codes, or words), most telling first.
    pub values: Vec<String>,
    /// Points it adds.
    pub points: u64,
}

/// A suggested solution.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Suggestion {
    /// The solution (its published version).
    pub solution: Solution,
    /// Total points.
    pub score: u64,
    /// Why, largest part first.
    pub reasons: Vec<Reason>,
}

/// Words too common to say anything about a need (English; short words are dropped anyway).
const COMMON: [&str; 40] = [
    "about", "also", "because", "been", "being", "between", "both", "could", "does", "each",
    "from", "have", "here", "into", "many", "more", "most", "much", "must", "only", "other",
    "over", "such", "than", "that", "their", "them", "then", "there", "these", "they", "this",
    "through", "very", "were", "what", "when", "which", "while", "with",
];

/// The telling words of a text: stems of four letters or more, not common, each with the
/// first word of the text it came from (what a reader is shown).
fn words(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for t in shetu_search::analyzer::terms(text) {
        if t.stem.chars().count() >= 4 && !COMMON.contains(&t.stem.as_str()) {
            out.entry(t.stem).or_insert(t.folded);
        }
    }
    out
}

/// Numbers features by facet and value.
#[derive(Default)]
struct Vocabulary {
    ids: HashMap<(SharedFacet, String), u32>,
    names: Vec<(SharedFacet, String)>,
}

impl Vocabulary {
    fn id(&mut self, facet: SharedFacet, value: &str) -> Option<u32> {
        let key = (facet, value.to_owned());
        if let Some(&id) = self.ids.get(&key) {
            return feature(Kind::Tag, id);
        }
        let id = u32::try_from(self.names.len()).ok()?;
        self.ids.insert(key.clone(), id);
        self.names.push(key);
        feature(Kind::Tag, id)
    }

    fn name(&self, feature: u32) -> Option<&(SharedFacet, String)> {
        self.names.get(usize::try_from(local_id(feature)).ok()?)
    }
}

fn solution_features(v: &mut Vocabulary, s: &Solution, languages: &[String]) -> Vec<(u32, u32)> {
    let c = &s.content;
    let mut f = Vec::new();
    for t in &c.sdgs {
        f.extend(v.id(SharedFacet::Sdg, t));
        f.extend(v.id(SharedFacet::Goal, goal_of(t)));
    }
    for a in &c.focus {
        f.extend(v.id(SharedFacet::Focus, a));
    }
    let text = format!("{} {} {} {}", c.title, c.problem, c.approach, c.results);
    for w in words(&text).into_keys() {
        f.extend(v.id(SharedFacet::Word, &w));
    }
    for l in languages {
        f.extend(v.id(SharedFacet::Language, l));
    }
    if matches!(c.maturity.as_str(), "scaled" | "replicated") {
        f.extend(v.id(SharedFacet::Proven, "proven"));
    }
    f.into_iter().map(|id| (id, 1)).collect()
}

fn need_features(
    v: &mut Vocabulary,
    n: &Need,
    shown: &mut BTreeMap<String, String>,
) -> Vec<(u32, u32)> {
    let mut f: Vec<(u32, u32)> = Vec::new();
    let mut add = |v: &mut Vocabulary, facet: SharedFacet, value: &str| {
        if let Some(id) = v.id(facet, value) {
            f.push((id, facet.weight()));
        }
    };
    for t in &n.sdgs {
        add(v, SharedFacet::Sdg, t);
        add(v, SharedFacet::Goal, goal_of(t));
    }
    for a in &n.focus {
        add(v, SharedFacet::Focus, a);
    }
    for (stem, word) in words(&format!("{} {} {}", n.title, n.problem, n.context)) {
        add(v, SharedFacet::Word, &stem);
        shown.insert(stem, word);
    }
    for l in &n.languages {
        add(v, SharedFacet::Language, l);
    }
    add(v, SharedFacet::Proven, "proven");
    f
}

/// The best `k` published solutions for a need, with reasons. A solution of the need's own
/// member is left out, and so is one that shares no SDG target, no focus area and fewer than two
/// telling words with the need (a shared goal, language or track record only add points).
pub async fn suggest(db: &Db, need: &str, k: usize) -> Result<Vec<Suggestion>, ExchangeError> {
    let need = {
        let mut conn = crate::conn(db).await?;
        crate::needs::get_in(&mut conn, need).await?
    };
    let published = crate::solutions::published(db, &Default::default()).await?;
    let mut conn = crate::conn(db).await?;
    let mut vocabulary = Vocabulary::default();
    let mut items = Vec::with_capacity(published.len());
    for (i, s) in published.iter().enumerate() {
        if s.member_id == need.member_id {
            continue;
        }
        let languages = crate::members::tags(&mut conn, "member", &s.member_id, "lang").await?;
        items.push(Item {
            id: u32::try_from(i).unwrap_or(u32::MAX),
            features: solution_features(&mut vocabulary, s, &languages),
            required: Vec::new(),
            labels: Vec::new(),
        });
    }
    let mut shown = BTreeMap::new();
    let query = Query {
        features: need_features(&mut vocabulary, &need, &mut shown),
        ..Query::default()
    };
    let index = Index::new(items);
    let mut out = Vec::new();
    for hit in index.top_k(&query, k.saturating_mul(2).max(k + 5)) {
        let mut by_facet: HashMap<SharedFacet, Reason> = HashMap::new();
        for c in &hit.explanation.matched {
            let Some((facet, value)) = vocabulary.name(c.feature) else {
                continue;
            };
            let r = by_facet.entry(*facet).or_insert_with(|| Reason {
                facet: *facet,
                values: Vec::new(),
                points: 0,
            });
            let value = match facet {
                SharedFacet::Word => shown.get(value).unwrap_or(value).clone(),
                _ => value.clone(),
            };
            r.values.push(value);
            r.points += u64::try_from(c.points).unwrap_or(u64::MAX);
        }
        // A goal, a language or a track record alone are no reason to suggest anything:
        // something of the problem itself must be shared.
        let substantive = by_facet.contains_key(&SharedFacet::Sdg)
            || by_facet.contains_key(&SharedFacet::Focus)
            || by_facet
                .get(&SharedFacet::Word)
                .is_some_and(|w| w.values.len() >= 2);
        if !substantive {
            continue;
        }
        let Some(solution) = published.get(usize::try_from(hit.id).unwrap_or(usize::MAX)) else {
            continue;
        };
        if let Some(proven) = by_facet.get_mut(&SharedFacet::Proven) {
            proven.values = solution.content.countries.clone();
        }
        let mut reasons: Vec<Reason> = by_facet.into_values().collect();
        reasons.sort_by_key(|r| (std::cmp::Reverse(r.points), r.facet));
        out.push(Suggestion {
            solution: solution.clone(),
            score: u64::try_from(hit.score).unwrap_or(u64::MAX),
            reasons,
        });
        if out.len() == k {
            break;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telling_words_are_stems_of_four_letters_or_more_and_not_common() {
        let w = words("Paying pensions through mobile money with their phones");
        assert!(
            w.values().any(|x| x == "pensions"),
            "the word as written is kept: {w:?}"
        );
        assert!(
            !w.values()
                .any(|x| x == "with" || x == "their" || x == "through"),
            "{w:?}"
        );
        assert!(!w.keys().any(|x| x.chars().count() < 4), "{w:?}");
    }
}
