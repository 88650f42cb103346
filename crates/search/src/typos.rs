//! Typo tolerance with its work kept. A word the index does not know also matches the title's
//! words one or two edits away; finding them walks the title's term dictionary with a
//! Levenshtein automaton, and that walk (with building the automaton) was the largest single
//! cost of a search nobody had asked before. Search words follow Zipf's law, so the same unknown
//! words come back in new questions: the words found for one are kept until searches see a new
//! state of the index, and the search asks for them as a set.

use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use tantivy::schema::Field;
use tantivy::Searcher;

/// Most words kept; past it, what is kept is dropped and found again as asked.
const KEEP: usize = 20_000;

/// A Levenshtein automaton over a term dictionary's bytes.
struct Near(DFA);

impl tantivy_fst::Automaton for Near {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

/// Building a builder costs more than many searches; one per distance (a transposition
/// counts as one edit).
fn builder(distance: u8) -> &'static LevenshteinAutomatonBuilder {
    static BUILDERS: [OnceLock<LevenshteinAutomatonBuilder>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let d = usize::from(distance.min(2));
    BUILDERS[d].get_or_init(|| LevenshteinAutomatonBuilder::new(d as u8, true))
}

/// The words found near each unknown word, for one state of the index.
#[derive(Default)]
pub(super) struct Typos {
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    /// The searcher generation the words were found in.
    generation: u64,
    words: HashMap<(String, u8), Arc<[String]>>,
}

impl Typos {
    /// The words of `field` at most `distance` edits from `word`, as the searcher sees them.
    pub(super) fn near(
        &self,
        searcher: &Searcher,
        field: Field,
        word: &str,
        distance: u8,
    ) -> tantivy::Result<Arc<[String]>> {
        let generation = searcher.generation().generation_id();
        let key = (word.to_owned(), distance);
        {
            let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
            if kept.generation == generation {
                if let Some(found) = kept.words.get(&key) {
                    return Ok(found.clone());
                }
            }
        }
        let automaton = Near(builder(distance).build_dfa(word));
        let mut found: Vec<String> = Vec::new();
        for segment in searcher.segment_readers() {
            let index = segment.inverted_index(field)?;
            let mut terms = index.terms().search(&automaton).into_stream()?;
            while terms.advance() {
                found.push(String::from_utf8_lossy(terms.key()).into_owned());
            }
        }
        found.sort_unstable();
        found.dedup();
        let found: Arc<[String]> = found.into();
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        // Generations only grow: a newer one replaces what was kept; an older searcher's
        // finding is not kept.
        if kept.generation < generation || kept.words.len() >= KEEP {
            kept.generation = generation.max(kept.generation);
            kept.words.clear();
        }
        if kept.generation == generation {
            kept.words.insert(key, found.clone());
        }
        Ok(found)
    }
}
