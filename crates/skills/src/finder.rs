//! Finding occupations and skills by name while the person types, in Bangla or English (or
//! Bangla typed in Latin letters), with the search analyzer: the last word counts as a prefix,
//! every other word must match by its spelling-folded form, its stem or its transliteration key.
//!
//! The finder is built in memory from the taxonomy tables and rebuilt when another import
//! changes them (each node checks the import's fingerprint, one small query per search).

use serde::Serialize;
use shetu_search::analyzer::{prefixes, terms, Term};
use shetu_store::Db;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// What a name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An occupation.
    Occupation,
    /// A skill or an area of knowledge.
    Skill,
}

/// One taxonomy entry, with its names.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Occupation or skill.
    pub kind: Kind,
    /// Its id.
    pub id: i64,
    /// The occupation's code (ISCO-08 based) or the skill's ESCO uuid.
    pub code: String,
    /// The English label.
    pub label_en: String,
    /// The Bangla label, if the pack has one.
    pub label_bn: Option<String>,
}

impl Entry {
    /// The label in `lang`, and the language it is really in (English when the pack has none
    /// in `lang`, so a page can mark it).
    pub fn label(&self, lang: &str) -> (&str, &'static str) {
        match (&self.label_bn, lang) {
            (Some(bn), "bn") => (bn, "bn"),
            _ => (&self.label_en, "en"),
        }
    }
}

/// How strongly a token names its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// In another name of the entry.
    Other = 1,
    /// In its label.
    Label = 2,
}

/// The taxonomy's names, ready to search.
#[derive(Debug, Default)]
pub struct Finder {
    entries: Vec<Entry>,
    by_key: HashMap<(Kind, i64), u32>,
    /// (form, entry, strength), sorted by form: word forms (folded, stems, keys) of every name.
    words: Vec<(Box<str>, u32, Strength)>,
    /// (prefix, entry, strength), sorted: prefixes of the folded form of every name's words.
    prefixes: Vec<(Box<str>, u32, Strength)>,
}

/// A name found.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Found {
    /// Occupation or skill.
    pub kind: Kind,
    /// Its id.
    pub id: i64,
    /// Its code.
    pub code: String,
    /// Its label in the reader's language (or in English when there is none).
    pub label: String,
    /// The language of `label` (`en` when the reader's language has no label yet).
    pub label_lang: &'static str,
}

fn forms(term: &Term) -> impl Iterator<Item = &str> {
    std::iter::once(term.folded.as_str())
        .chain(term.stems.iter().map(String::as_str))
        .chain(term.keys.iter().map(String::as_str))
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    code: String,
    label_en: String,
    alt_en: String,
    label_bn: Option<String>,
    alt_bn: String,
}

impl Finder {
    /// Reads every occupation and skill.
    pub async fn load(db: &Db) -> Result<Finder, shetu_store::StoreError> {
        let occupations: Vec<Row> = sqlx::query_as(
            "SELECT id, code, label_en, alt_en, label_bn, alt_bn FROM skills_occupation ORDER BY id",
        )
        .fetch_all(db.pool())
        .await?;
        // Skills' English alternatives are many and rarely typed; their labels and the pack's
        // names are what people look for.
        let skills: Vec<Row> = sqlx::query_as(
            "SELECT id, uuid AS code, label_en, '' AS alt_en, label_bn, alt_bn FROM skills_skill ORDER BY id",
        )
        .fetch_all(db.pool())
        .await?;
        let mut finder = Finder::default();
        for (kind, rows) in [(Kind::Occupation, occupations), (Kind::Skill, skills)] {
            for r in rows {
                let names: Vec<(&str, Strength)> = [(r.label_en.as_str(), Strength::Label)]
                    .into_iter()
                    .chain(r.label_bn.as_deref().map(|l| (l, Strength::Label)))
                    .chain(r.alt_en.lines().map(|a| (a, Strength::Other)))
                    .chain(r.alt_bn.lines().map(|a| (a, Strength::Other)))
                    .collect();
                let at = u32::try_from(finder.entries.len()).unwrap_or(u32::MAX);
                for (name, strength) in names {
                    for term in terms(name) {
                        for form in forms(&term) {
                            finder.words.push((form.into(), at, strength));
                        }
                        for p in prefixes(&term.folded) {
                            finder.prefixes.push((p.into(), at, strength));
                        }
                    }
                }
                finder.by_key.insert((kind, r.id), at);
                finder.entries.push(Entry {
                    kind,
                    id: r.id,
                    code: r.code,
                    label_en: r.label_en,
                    label_bn: r.label_bn,
                });
            }
        }
        for list in [&mut finder.words, &mut finder.prefixes] {
            list.sort_unstable();
            list.dedup();
            list.shrink_to_fit();
        }
        Ok(finder)
    }

    /// How many occupations and skills it knows.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it knows none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// An entry by kind and id.
    pub fn get(&self, kind: Kind, id: i64) -> Option<&Entry> {
        self.by_key
            .get(&(kind, id))
            .map(|&at| &self.entries[at as usize])
    }

    fn matching(list: &[(Box<str>, u32, Strength)], form: &str, into: &mut HashMap<u32, Strength>) {
        let start = list.partition_point(|(w, _, _)| &**w < form);
        for (_, entry, strength) in list[start..].iter().take_while(|(w, _, _)| &**w == form) {
            let best = into.entry(*entry).or_insert(*strength);
            *best = (*best).max(*strength);
        }
    }

    /// Up to `limit` entries of `kind` (or of both) whose names match `text`, best first: every
    /// word found (the last as a prefix), labels before other names, Bangla-labelled entries
    /// (the pack's selection for the country) before others, shorter labels first.
    pub fn find(&self, text: &str, kind: Option<Kind>, lang: &str, limit: usize) -> Vec<Found> {
        let query = terms(text);
        let Some((last, words)) = query.split_last() else {
            return Vec::new();
        };
        let mut score: Option<HashMap<u32, u32>> = None;
        for (i, term) in words.iter().chain(std::iter::once(last)).enumerate() {
            let mut hits: HashMap<u32, Strength> = HashMap::new();
            for form in forms(term) {
                Self::matching(&self.words, form, &mut hits);
            }
            if i == words.len() {
                Self::matching(&self.prefixes, &term.folded, &mut hits);
            }
            score = Some(match score {
                None => hits.into_iter().map(|(e, s)| (e, s as u32)).collect(),
                Some(before) => before
                    .into_iter()
                    .filter_map(|(e, total)| hits.get(&e).map(|s| (e, total + *s as u32)))
                    .collect(),
            });
        }
        let mut ranked: Vec<(u32, u32)> = score
            .unwrap_or_default()
            .into_iter()
            .filter(|(e, _)| kind.is_none_or(|k| self.entries[*e as usize].kind == k))
            .collect();
        let rank = |&(e, points): &(u32, u32)| {
            let entry = &self.entries[e as usize];
            (
                std::cmp::Reverse(points),
                entry.label_bn.is_none(),
                entry.label(lang).0.chars().count(),
                e,
            )
        };
        ranked.sort_unstable_by_key(rank);
        ranked
            .into_iter()
            .take(limit)
            .map(|(e, _)| {
                let entry = &self.entries[e as usize];
                let (label, label_lang) = entry.label(lang);
                Found {
                    kind: entry.kind,
                    id: entry.id,
                    code: entry.code.clone(),
                    label: label.to_owned(),
                    label_lang,
                }
            })
            .collect()
    }
}

/// The finder of this node, rebuilt when the taxonomy's import fingerprint changes.
#[derive(Debug, Default)]
pub struct Shared {
    current: RwLock<Option<(String, Arc<Finder>)>>,
    rebuilding: tokio::sync::Mutex<()>,
}

impl Shared {
    /// The finder for the taxonomy now in the database.
    pub async fn get(&self, db: &Db) -> Result<Arc<Finder>, shetu_store::StoreError> {
        let fingerprint: String =
            sqlx::query_scalar("SELECT fingerprint FROM skills_taxonomy_import WHERE name = $1")
                .bind(crate::taxonomy::NAME)
                .fetch_optional(db.pool())
                .await?
                .unwrap_or_default();
        let fresh = |current: &Option<(String, Arc<Finder>)>| {
            current
                .as_ref()
                .filter(|(f, _)| *f == fingerprint)
                .map(|(_, finder)| finder.clone())
        };
        if let Some(finder) = fresh(&self.current.read().unwrap_or_else(|e| e.into_inner())) {
            return Ok(finder);
        }
        let _one = self.rebuilding.lock().await;
        if let Some(finder) = fresh(&self.current.read().unwrap_or_else(|e| e.into_inner())) {
            return Ok(finder);
        }
        let finder = Arc::new(Finder::load(db).await?);
        *self.current.write().unwrap_or_else(|e| e.into_inner()) =
            Some((fingerprint, finder.clone()));
        Ok(finder)
    }
}
