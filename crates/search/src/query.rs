//! Turning what a person typed, and the filters they chose, into a tantivy query: the forms of
//! each word (ADR 12), synonyms, prefixes while typing, typo tolerance, phrases and filters.

use super::{facet, SearchRequest, TantivyIndex};
use crate::analyzer::{self, Term as Word};
use crate::tokenizer::EXACT;
use std::ops::Bound;
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

impl TantivyIndex {
    /// The query for what a person typed. Every word must match (in the title or the body) in
    /// one of its forms, best first: as written, then its stem (spelling variants and
    /// inflections), a synonym from the pack, its transliteration key, and for the word being
    /// typed (the last one outside quotes) any word it begins; a word the index does not know
    /// also matches words one or two edits away. `"quoted words"` must appear together.
    pub(super) fn text_query(
        &self,
        text: &str,
        searcher: &tantivy::Searcher,
    ) -> Option<Box<dyn Query>> {
        let f = self.fields;
        let known = |stem: &str| {
            [f.title, f.body].iter().any(|&field| {
                searcher
                    .doc_freq(&Term::from_field_text(field, stem))
                    .unwrap_or(0)
                    > 0
            })
        };
        let parts: Vec<(bool, Vec<Word>)> = text
            .split('"')
            .enumerate()
            .map(|(i, part)| (i % 2 == 1, analyzer::terms(part)))
            .filter(|(_, words)| !words.is_empty())
            .collect();
        let last_part = parts.len().saturating_sub(1);
        let mut must: Vec<Box<dyn Query>> = Vec::new();
        for (p, (quoted, words)) in parts.into_iter().enumerate() {
            if quoted && words.len() > 1 {
                // A quoted phrase: the words together (any spelling), in the title or the body.
                let phrase = |field: Field| -> Box<dyn Query> {
                    Box::new(PhraseQuery::new(
                        words
                            .iter()
                            .map(|w| Term::from_field_text(field, &w.stem))
                            .collect(),
                    ))
                };
                must.push(Box::new(BooleanQuery::union(vec![
                    phrase(f.title),
                    phrase(f.body),
                ])));
                continue;
            }
            let typing = !quoted && p == last_part;
            let count = words.len();
            let mut n = 0;
            while n < count {
                let word = &words[n];
                let mut any = self.word_forms(word, typing && n + 1 == count, &known, searcher);
                // A synonym of one or more words starting here ("dried fish" ↔ শুঁটকি).
                let mut span = 1;
                for len in (1..=self.synonyms.longest().min(count - n)).rev() {
                    let stems: Vec<String> =
                        words[n..n + len].iter().map(|w| w.stem.clone()).collect();
                    let others = self.synonyms.others(&stems);
                    if others.is_empty() {
                        continue;
                    }
                    let mut alternatives: Vec<Box<dyn Query>> = others
                        .iter()
                        .map(|member| self.member_query(member))
                        .collect();
                    if len > 1 {
                        // The words themselves, all of them, are the other way to match.
                        let own: Vec<(Occur, Box<dyn Query>)> = words[n..n + len]
                            .iter()
                            .enumerate()
                            .map(|(k, w)| {
                                let last = typing && n + k + 1 == count;
                                let forms = self.word_forms(w, last, &known, searcher);
                                (
                                    Occur::Must,
                                    Box::new(BooleanQuery::union(forms)) as Box<dyn Query>,
                                )
                            })
                            .collect();
                        alternatives.push(Box::new(BooleanQuery::new(own)));
                        any = alternatives;
                    } else {
                        any.extend(alternatives);
                    }
                    span = len;
                    break;
                }
                must.push(Box::new(BooleanQuery::union(any)));
                n += span;
            }
        }
        match must.len() {
            0 => None,
            // One word: a plain disjunction, which tantivy can prune (block-max WAND).
            1 => must.pop(),
            _ => Some(Box::new(BooleanQuery::new(
                must.into_iter().map(|q| (Occur::Must, q)).collect(),
            ))),
        }
    }

    /// The ways one word can match, each boosted by how sure a match on it is.
    fn word_forms(
        &self,
        word: &Word,
        typing: bool,
        known: &dyn Fn(&str) -> bool,
        searcher: &tantivy::Searcher,
    ) -> Vec<Box<dyn Query>> {
        let f = self.fields;
        let boosted = |term: Term, boost: f32| -> Box<dyn Query> {
            Box::new(BoostQuery::new(
                Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                boost,
            ))
        };
        let exact = format!("{EXACT}{}", word.exact);
        // The spelling typed counts in the title (in the description the stem is enough).
        let mut any: Vec<Box<dyn Query>> =
            vec![boosted(Term::from_field_text(f.title, &exact), 2.0)];
        for stem in &word.stems {
            any.push(boosted(Term::from_field_text(f.title, stem), 3.0));
            any.push(boosted(Term::from_field_text(f.body, stem), 1.0));
        }
        // Keys reach across scripts. A Bangla word's short key (two sounds) is shared by so many
        // words that it finds little a reader wants and costs much; a romanised word needs its key
        // whatever its length.
        let latin = analyzer::script(&word.exact) == analyzer::Script::Latin;
        for key in word.keys.iter().filter(|k| latin || k.chars().count() >= 3) {
            any.push(boosted(Term::from_field_text(f.keys, key), 0.4));
        }
        // The pack's synonyms of the word.
        for member in self.synonyms.others(std::slice::from_ref(&word.stem)) {
            any.push(self.member_query(&member));
        }
        let letters = word.stem.chars().count();
        let unknown =
            letters >= 4 && !word.stem.chars().all(|c| c.is_ascii_digit()) && !known(&word.stem);
        let distance = match (unknown, letters >= 8) {
            (false, _) => 0,
            (true, false) => 1,
            (true, true) => 2,
        };
        if typing {
            // The word being typed is also the start of a longer word (চা → চাল).
            any.push(Box::new(BoostQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(f.prefix, &word.folded),
                    IndexRecordOption::Basic,
                )),
                0.5,
            )));
        }
        // Synonym groups reached by the word being typed (hon → honey) or by a word the index
        // does not know, within a typo (hony → honey → মধু).
        if typing || distance > 0 {
            let folded = if typing { word.folded.as_str() } else { "" };
            for member in self.synonyms.near(folded, &word.stem, distance) {
                any.push(Box::new(BoostQuery::new(self.member_query(&member), 0.5)));
            }
        }
        // Typo tolerance, in every script, on the folded form, for words the index does not
        // know: one edit from four letters, two from eight. The words within reach are found
        // once per state of the index (see `typos`) and asked for as a set, which matches and
        // scores as a fuzzy query on the word would.
        if distance > 0 {
            let distance = u8::try_from(distance).unwrap_or(1);
            let near: Box<dyn Query> =
                match self.typos.near(searcher, f.title, &word.stem, distance) {
                    Ok(words) => Box::new(TermSetQuery::new(
                        words.iter().map(|w| Term::from_field_text(f.title, w)),
                    )),
                    // A dictionary that cannot be read: the fuzzy query reads it again, and
                    // fails the search as it always did.
                    Err(_) => Box::new(FuzzyTermQuery::new(
                        Term::from_field_text(f.title, &word.stem),
                        distance,
                        true,
                    )),
                };
            any.push(Box::new(BoostQuery::new(near, 0.3)));
        }
        any
    }

    /// A synonym (one or more words, stemmed) in the title or the body.
    fn member_query(&self, member: &[String]) -> Box<dyn Query> {
        let f = self.fields;
        let in_field = |field: Field| -> Box<dyn Query> {
            if member.len() == 1 {
                Box::new(TermQuery::new(
                    Term::from_field_text(field, &member[0]),
                    IndexRecordOption::WithFreqs,
                ))
            } else {
                Box::new(PhraseQuery::new(
                    member
                        .iter()
                        .map(|w| Term::from_field_text(field, w))
                        .collect(),
                ))
            }
        };
        Box::new(BoostQuery::new(
            Box::new(BooleanQuery::union(vec![
                Box::new(BoostQuery::new(in_field(f.title), 3.0)),
                in_field(f.body),
            ])),
            0.6,
        ))
    }

    pub(super) fn filters(&self, r: &SearchRequest) -> Vec<(Occur, Box<dyn Query>)> {
        let f = self.fields;
        let mut filters: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let facet_term = |field: Field, path: &[String]| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_facet(field, &facet(path)),
                IndexRecordOption::Basic,
            ))
        };
        if !r.category.is_empty() {
            filters.push((Occur::Must, facet_term(f.category, &r.category)));
        }
        if !r.region.is_empty() {
            filters.push((Occur::Must, facet_term(f.region, &r.region)));
        }
        for flag in &r.flags {
            filters.push((Occur::Must, facet_term(f.flags, std::slice::from_ref(flag))));
        }
        if r.price_min.is_some() || r.price_max.is_some() {
            let lower = r.price_min.map_or(Bound::Unbounded, |v| {
                Bound::Included(Term::from_field_u64(f.price, v))
            });
            let upper = r.price_max.map_or(Bound::Unbounded, |v| {
                Bound::Included(Term::from_field_u64(f.price, v))
            });
            filters.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        filters
    }
}
