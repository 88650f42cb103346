//! A tantivy index of documents, behind the [`SearchBackend`] trait.

use crate::analyzer;
use crate::synonyms::Synonyms;
use crate::tokenizer::{Forms, ShetuTokenizer};
use shetu_store::outbox::Position;

use collectors::{ChildCounts, PriceBands};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::{
    Facet, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing,
    TextOptions, Value, STORED, STRING,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// A searchable document: a product, a vacancy, a course, a solution, a region.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// Stable id (replacing a document with the same id updates it).
    pub id: String,
    /// Title (weighs most).
    pub title: String,
    /// Longer text.
    pub body: String,
    /// Category path, top first (e.g. `["food", "rice"]`).
    pub category: Vec<String>,
    /// Region path, top first (e.g. `["bd.division.3", "bd.district.47"]`).
    pub region: Vec<String>,
    /// Price in minor units.
    pub price: Option<u64>,
    /// Flags such as `women_led`, `in_stock`.
    pub flags: Vec<String>,
}

/// A search.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// What the person typed; `"quoted words"` must appear together.
    pub text: String,
    /// Only this category (and below).
    pub category: Vec<String>,
    /// Only this region (and below).
    pub region: Vec<String>,
    /// Price at least.
    pub price_min: Option<u64>,
    /// Price at most.
    pub price_max: Option<u64>,
    /// Every one of these flags.
    pub flags: Vec<String>,
    /// Results to skip.
    pub offset: usize,
    /// Results to return.
    pub limit: usize,
    /// Also count results per category, region, flag and price band.
    pub facets: bool,
    /// Price bands to count: (from, to) in minor units, `to` exclusive.
    pub price_bands: Vec<(u64, u64)>,
    /// Do not count every match (then `total` is only what was found up to this page). Lets the
    /// index skip documents that cannot reach the top, which is much faster for broad queries.
    pub skip_total: bool,
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    /// Document id.
    pub id: String,
    /// Relevance (BM25).
    pub score: f32,
    /// Title.
    pub title: String,
}

/// How many results fall under one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    /// The value (last path segment, or `from-to` for a price band).
    pub value: String,
    /// How many results.
    pub count: u64,
}

/// Results and counts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResponse {
    /// How many documents match in all.
    pub total: usize,
    /// This page.
    pub hits: Vec<SearchHit>,
    /// Counts by the next category level.
    pub categories: Vec<FacetCount>,
    /// Counts by the next region level.
    pub regions: Vec<FacetCount>,
    /// Counts by flag.
    pub flags: Vec<FacetCount>,
    /// Counts by price band.
    pub price_bands: Vec<FacetCount>,
}

/// A search failure.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The index failed.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The index folder could not be used.
    #[error("search index folder: {0}")]
    Folder(String),
    /// The change feed could not be read.
    #[error(transparent)]
    Store(#[from] shetu_store::StoreError),
}

/// A search engine. Each node keeps its own index; the position says which outbox event it has
/// applied last, committed together with the documents.
pub trait SearchBackend: Send + Sync {
    /// Adds or replaces documents (visible after [`SearchBackend::commit`]).
    fn upsert(&self, docs: &[Document]) -> Result<(), SearchError>;
    /// Removes documents by id.
    fn delete(&self, ids: &[String]) -> Result<(), SearchError>;
    /// Removes every document.
    fn clear(&self) -> Result<(), SearchError>;
    /// Adds documents known not to be in the index yet (after `clear`); by default an upsert.
    fn add_new(&self, docs: &[Document]) -> Result<(), SearchError> {
        self.upsert(docs)
    }
    /// Makes the changes durable and visible, recording the last event applied.
    fn commit(&self, position: Position) -> Result<(), SearchError>;
    /// The last event applied, if any.
    fn position(&self) -> Result<Option<Position>, SearchError>;
    /// Searches.
    fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError>;
    /// What searches see now: `(instance, generation)`. It changes whenever a commit makes new
    /// documents visible, and no two indexes of a process share it, so an answer kept under it
    /// is still the answer while it is unchanged.
    fn version(&self) -> (u64, u64);
}

/// Changes whenever the analyzer indexes words differently: an index written by another version
/// reports no position, so the node rebuilds it.
const ANALYZER_VERSION: i64 = 2;

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    title: Field,
    body: Field,
    prefix: Field,
    keys: Field,
    category: Field,
    region: Field,
    price: Field,
    flags: Field,
}

/// The tantivy backend.
pub struct TantivyIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
    synonyms: Synonyms,
    /// Words found near unknown words, kept for the index's current state.
    typos: typos::Typos,
    /// Bumped each time searches see a new state of the index.
    generation: std::sync::atomic::AtomicU64,
    /// Tells this index apart from every other of the process.
    instance: u64,
}

/// Hands out index instance numbers.
static INSTANCES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str, stored: bool| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let options = TextOptions::default().set_indexing_options(indexing);
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", text("shetu_text", true)),
        body: b.add_text_field("body", text("shetu_text", false)),
        prefix: b.add_text_field("prefix", text("shetu_prefix", false)),
        keys: b.add_text_field("keys", text("shetu_keys", false)),
        category: b.add_facet_field("category", FacetOptions::default()),
        region: b.add_facet_field("region", FacetOptions::default()),
        price: b.add_u64_field("price", NumericOptions::default().set_indexed().set_fast()),
        flags: b.add_facet_field("flags", FacetOptions::default()),
    };
    (b.build(), fields)
}

fn facet(path: &[String]) -> Facet {
    Facet::from_path(path.iter().map(String::as_str))
}

impl TantivyIndex {
    /// Opens (or creates) the index in `dir`. An index of an older layout is removed and made
    /// anew, empty (its [`SearchBackend::position`] is `None`, so the node rebuilds it).
    pub fn open(dir: &Path) -> Result<TantivyIndex, SearchError> {
        let folder =
            |e: &dyn std::fmt::Display| SearchError::Folder(format!("{}: {e}", dir.display()));
        std::fs::create_dir_all(dir).map_err(|e| folder(&e))?;
        let (schema, fields) = schema();
        let directory = tantivy::directory::MmapDirectory::open(dir).map_err(|e| folder(&e))?;
        let index = match Index::open_or_create(directory, schema.clone()) {
            Ok(index) => index,
            Err(tantivy::TantivyError::SchemaError(_)) => {
                std::fs::remove_dir_all(dir).map_err(|e| folder(&e))?;
                std::fs::create_dir_all(dir).map_err(|e| folder(&e))?;
                let directory =
                    tantivy::directory::MmapDirectory::open(dir).map_err(|e| folder(&e))?;
                Index::open_or_create(directory, schema)?
            }
            Err(e) => return Err(e.into()),
        };
        Self::wrap(index, fields)
    }

    /// Uses a pack's synonyms when searching.
    pub fn with_synonyms(mut self, synonyms: Synonyms) -> TantivyIndex {
        self.synonyms = synonyms;
        self
    }

    /// An index in memory (tests, benchmarks).
    pub fn in_memory() -> Result<TantivyIndex, SearchError> {
        let (schema, fields) = schema();
        Self::wrap(Index::create_in_ram(schema), fields)
    }

    fn wrap(mut index: Index, fields: Fields) -> Result<TantivyIndex, SearchError> {
        // A search visits the index's segments on every core at once.
        index.set_default_multithread_executor()?;
        for (name, forms) in [
            ("shetu_text", Forms::Text),
            ("shetu_prefix", Forms::Prefixes),
            ("shetu_keys", Forms::Keys),
        ] {
            index.tokenizers().register(name, ShetuTokenizer { forms });
        }
        let writer: IndexWriter = index.writer(64_000_000)?;
        // Few segments: every search builds its scorers once per segment. Segments merge four
        // at a time rather than tantivy's eight; past 10,000 documents segments sit in layers
        // by size, so a big catalogue is not rewritten for each of the feed's small batches.
        let mut merges = tantivy::indexer::LogMergePolicy::default();
        merges.set_min_num_segments(4);
        writer.set_merge_policy(Box::new(merges));
        let reader = index
            .reader_builder()
            // Our own commits reload at once (`commit`); this also picks up the segments that
            // tantivy's background merges leave behind, which no commit of ours announces — without
            // it a catalogue fed in small batches was searched as 17 segments instead of 1 or 2.
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(TantivyIndex {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
            synonyms: Synonyms::default(),
            typos: typos::Typos::default(),
            generation: std::sync::atomic::AtomicU64::new(0),
            instance: INSTANCES.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        })
    }

    fn writer(&self) -> Result<std::sync::MutexGuard<'_, IndexWriter>, SearchError> {
        self.writer
            .lock()
            .map_err(|_| SearchError::Folder("index writer poisoned".into()))
    }

    fn counts(children: HashMap<String, u64>) -> Vec<FacetCount> {
        let mut counts: Vec<FacetCount> = children
            .into_iter()
            .filter(|(_, count)| *count > 0)
            .map(|(value, count)| FacetCount { value, count })
            .collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
        counts
    }
}

impl TantivyIndex {
    fn write(&self, docs: &[Document], replace: bool) -> Result<(), SearchError> {
        let f = self.fields;
        let writer = self.writer()?;
        for d in docs {
            if replace {
                writer.delete_term(Term::from_field_text(f.id, &d.id));
            }
            let mut doc = TantivyDocument::default();
            doc.add_text(f.id, &d.id);
            doc.add_text(f.title, &d.title);
            doc.add_text(f.body, &d.body);
            // Prefixes come from every searchable field; transliteration keys from the title,
            // and from the body only for words of three sounds or more (a description's short
            // English words would meet romanised Bangla by chance: "made" and "modhu").
            doc.add_text(f.prefix, format!("{}\n{}", d.title, d.body));
            let long: Vec<String> = analyzer::terms(&d.body)
                .into_iter()
                .filter(|t| t.keys.first().is_some_and(|k| k.chars().count() >= 3))
                .map(|t| t.exact)
                .collect();
            doc.add_text(f.keys, format!("{}\n{}", d.title, long.join(" ")));
            if !d.category.is_empty() {
                doc.add_facet(f.category, facet(&d.category));
            }
            if !d.region.is_empty() {
                doc.add_facet(f.region, facet(&d.region));
            }
            if let Some(p) = d.price {
                doc.add_u64(f.price, p);
            }
            for flag in &d.flags {
                doc.add_facet(f.flags, facet(std::slice::from_ref(flag)));
            }
            writer.add_document(doc)?;
        }
        Ok(())
    }
}

impl SearchBackend for TantivyIndex {
    fn upsert(&self, docs: &[Document]) -> Result<(), SearchError> {
        self.write(docs, true)
    }

    fn delete(&self, ids: &[String]) -> Result<(), SearchError> {
        let writer = self.writer()?;
        for id in ids {
            writer.delete_term(Term::from_field_text(self.fields.id, id));
        }
        Ok(())
    }

    fn clear(&self) -> Result<(), SearchError> {
        self.writer()?.delete_all_documents()?;
        Ok(())
    }

    /// No delete per document, which makes bulk loads many times faster.
    fn add_new(&self, docs: &[Document]) -> Result<(), SearchError> {
        self.write(docs, false)
    }

    fn commit(&self, position: Position) -> Result<(), SearchError> {
        let mut writer = self.writer()?;
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&format!(
            "{{\"txid\":{},\"seq\":{},\"analyzer\":{ANALYZER_VERSION}}}",
            position.txid, position.seq
        ));
        prepared.commit()?;
        drop(writer);
        self.reader.reload()?;
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::Release);
        Ok(())
    }

    fn version(&self) -> (u64, u64) {
        (
            self.instance,
            self.generation.load(std::sync::atomic::Ordering::Acquire),
        )
    }

    fn position(&self) -> Result<Option<Position>, SearchError> {
        let payload = self.index.load_metas()?.payload;
        Ok(payload.and_then(|p| {
            let v: serde_json::Value = serde_json::from_str(&p).ok()?;
            if v["analyzer"].as_i64() != Some(ANALYZER_VERSION) {
                return None;
            }
            Some(Position {
                txid: v["txid"].as_i64()?,
                seq: v["seq"].as_i64()?,
            })
        }))
    }

    fn search(&self, r: &SearchRequest) -> Result<SearchResponse, SearchError> {
        let searcher = self.reader.searcher();
        let mut clauses = self.filters(r);
        let text = self.text_query(&r.text, &searcher);
        let query: Box<dyn Query> = match (text, clauses.is_empty()) {
            (Some(text), true) => text,
            (Some(text), false) => {
                clauses.push((Occur::Must, text));
                Box::new(BooleanQuery::new(clauses))
            }
            (None, true) => Box::new(tantivy::query::AllQuery),
            (None, false) => Box::new(BooleanQuery::new(clauses)),
        };
        let top = TopDocs::with_limit(r.limit.clamp(1, 1000)).and_offset(r.offset);
        let mut response = SearchResponse::default();
        if r.facets {
            let categories = ChildCounts {
                field: "category",
                under: facet(&r.category),
            };
            let regions = ChildCounts {
                field: "region",
                under: facet(&r.region),
            };
            let flags = ChildCounts {
                field: "flags",
                under: Facet::root(),
            };
            let bands = PriceBands(r.price_bands.clone());
            // One pass over the matches collects the page, the total and every count.
            let (hits, total, (cats, regs, fls, band_counts)) =
                searcher.search(&*query, &(top, Count, (categories, regions, flags, bands)))?;
            response.categories = Self::counts(cats);
            response.regions = Self::counts(regs);
            response.flags = Self::counts(fls);
            response.total = total;
            response.hits = self.hits(&searcher, hits)?;
            response.price_bands = r
                .price_bands
                .iter()
                .zip(band_counts)
                .map(|(&(from, to), count)| FacetCount {
                    value: format!("{from}-{to}"),
                    count,
                })
                .collect();
        } else if r.skip_total {
            let hits = searcher.search(&*query, &top)?;
            response.total = r.offset + hits.len();
            response.hits = self.hits(&searcher, hits)?;
        } else {
            let (hits, total) = searcher.search(&*query, &(top, Count))?;
            response.total = total;
            response.hits = self.hits(&searcher, hits)?;
        }
        Ok(response)
    }
}

impl TantivyIndex {
    fn hits(
        &self,
        searcher: &tantivy::Searcher,
        found: Vec<(f32, tantivy::DocAddress)>,
    ) -> Result<Vec<SearchHit>, SearchError> {
        let f = self.fields;
        found
            .into_iter()
            .map(|(score, address)| {
                let doc: TantivyDocument = searcher.doc(address)?;
                let text = |field: Field| {
                    doc.get_first(field)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_owned()
                };
                Ok(SearchHit {
                    id: text(f.id),
                    score,
                    title: text(f.title),
                })
            })
            .collect()
    }

    /// Number of documents visible to searches.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether no document is visible.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[path = "collectors.rs"]
mod collectors;
#[path = "query.rs"]
mod query;
#[path = "typos.rs"]
mod typos;

#[cfg(test)]
#[path = "index_tests.rs"]
mod tests;
