//! The judged relevance set that ships with the crate: a realistic catalogue of Bangladeshi
//! products (`relevance/catalogue.tsv`, in Bangla, English and some Arabic) and queries people
//! type (`relevance/queries.tsv`), each judged by what a reader expects, written as tags the
//! catalogue's items carry (never as what an engine returns). See `relevance/README.md`.
//!
//! The measures: recall@10 (of the items a reader expects, the share in the first ten — out of
//! ten when more than ten are expected) and nDCG@10 with binary gains.

use crate::index::Document;
use std::collections::HashSet;

const CATALOGUE: &str = include_str!("../relevance/catalogue.tsv");
const QUERIES: &str = include_str!("../relevance/queries.tsv");
/// The Bangladesh pack's synonyms, which the set is judged with.
pub const BD_SYNONYMS: &str = include_str!("../../../packs/bd/search/synonyms.txt");

/// One catalogue item.
#[derive(Debug, Clone)]
pub struct Item {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub body: String,
    /// What it is: `product:honey`, `origin:khulna`, `size:500g` ….
    pub tags: HashSet<String>,
}

/// One judged query.
#[derive(Debug, Clone)]
pub struct Judged {
    /// What the person types.
    pub query: String,
    /// What it tests: variant, inflection, prefix, typo, translit, synonym, mixed, number, plain.
    pub case: String,
    /// Ids of the items a reader expects.
    pub relevant: HashSet<String>,
}

/// The catalogue.
pub fn catalogue() -> Vec<Item> {
    CATALOGUE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some(Item {
                id: cols.next()?.to_owned(),
                title: cols.next()?.to_owned(),
                body: cols.next()?.to_owned(),
                tags: cols.next()?.split(' ').map(str::to_owned).collect(),
            })
        })
        .collect()
}

/// The catalogue as search documents.
pub fn documents() -> Vec<Document> {
    catalogue()
        .into_iter()
        .map(|i| Document {
            id: i.id,
            title: i.title,
            body: i.body,
            ..Document::default()
        })
        .collect()
}

/// The judged queries, with their relevant items worked out from the tags.
pub fn queries() -> Vec<Judged> {
    let items = catalogue();
    QUERIES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let query = cols.next()?.to_owned();
            let case = cols.next()?.to_owned();
            let expression = cols.next()?;
            let alternatives: Vec<Vec<&str>> = expression
                .split('|')
                .map(|alt| alt.split('&').collect())
                .collect();
            let relevant = items
                .iter()
                .filter(|i| {
                    alternatives
                        .iter()
                        .any(|all| all.iter().all(|t| i.tags.contains(*t)))
                })
                .map(|i| i.id.clone())
                .collect();
            Some(Judged {
                query,
                case,
                relevant,
            })
        })
        .collect()
}

/// Of the relevant items, the share among the first `k` results (out of `k` when more than `k`
/// are relevant).
pub fn recall_at(k: usize, results: &[String], relevant: &HashSet<String>) -> f64 {
    let ideal = relevant.len().min(k);
    if ideal == 0 {
        return 1.0;
    }
    let found = results
        .iter()
        .take(k)
        .filter(|r| relevant.contains(*r))
        .count();
    found as f64 / ideal as f64
}

/// Normalised discounted cumulative gain of the first `k` results, relevance 1 or 0.
pub fn ndcg_at(k: usize, results: &[String], relevant: &HashSet<String>) -> f64 {
    let gain = |rank: usize| 1.0 / ((rank + 2) as f64).log2();
    let dcg: f64 = results
        .iter()
        .take(k)
        .enumerate()
        .filter(|(_, r)| relevant.contains(*r))
        .map(|(i, _)| gain(i))
        .sum();
    let ideal: f64 = (0..relevant.len().min(k)).map(gain).sum();
    if ideal == 0.0 {
        1.0
    } else {
        dcg / ideal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_set_is_as_large_as_promised_and_every_query_has_answers() {
        assert!(catalogue().len() >= 500);
        let queries = queries();
        assert!(queries.len() >= 150);
        for q in &queries {
            assert!(
                !q.relevant.is_empty(),
                "nothing is relevant to {:?}",
                q.query
            );
        }
        let r: HashSet<String> = ["a".into(), "b".into()].into();
        let list = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(recall_at(10, &list(&["x", "a"]), &r), 0.5);
        assert_eq!(ndcg_at(10, &list(&["a", "b", "x"]), &r), 1.0);
        assert!(ndcg_at(10, &list(&["x", "a", "b"]), &r) < 1.0);
    }
}
