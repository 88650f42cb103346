//! shetu-search: finding things by text in Bangla, English and Arabic.
//!
//! - [`analyzer`]: one analysis for documents and queries — NFC, UAX #29 words, lower case,
//!   Bangla and Arabic-Indic digits to ASCII, Arabic normalisation, zero-width characters removed.
//! - [`analyzer`] also folds Bangla spelling variants, stems Bangla, Arabic and English
//!   inflections, and computes a transliteration key shared by Bangla and romanised Bangla.
//! - [`index`]: a [`SearchBackend`] on tantivy with BM25, prefix (edge n-gram) matching on every
//!   word being typed, typo tolerance in every script, phrases, filters, facet counts and paging.
//! - [`synonyms`]: a pack's cross-language synonyms, applied at query time.
//! - [`feed`]: keeps an index fresh from the outbox; the index stores the last event it applied
//!   (in the same commit as the documents), resumes after a crash, and can be rebuilt.

pub mod analyzer;
pub mod feed;
pub mod index;
pub mod relevance;
pub mod synonyms;
mod tokenizer;

pub use index::{
    Document, FacetCount, SearchBackend, SearchError, SearchHit, SearchRequest, SearchResponse,
    TantivyIndex,
};
pub use synonyms::Synonyms;
