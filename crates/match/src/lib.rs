//! shetu-match: matching a supply to a demand, without IO.
//!
//! - [`topk`]: items and queries are sparse weighted feature vectors (skills, occupations, region
//!   hierarchy, tags) with hard filters; the top k by dot product come from an inverted index with
//!   MaxScore pruning and are **identical** to a brute-force scan, each with its explanation.
//! - [`reasons`]: feature kinds (skill, occupation, region, tag) and a sentence in the reader's
//!   language made of a match's explanation.
//! - [`allocate`]: applicant-proposing deferred acceptance with capacities (training seats,
//!   apprenticeships): the applicant-optimal stable allocation, deterministic.
//! - [`schedule`]: requested one-to-one meetings into (slot, table) under availability, keeping
//!   locked meetings, maximising meetings held and then their priority; plus an exact solver for
//!   small instances.

pub mod allocate;
pub mod reasons;
pub mod schedule;
pub mod topk;
