//! Supply of skills against demand, for planners: registered job seekers by district and
//! occupation group (and by skill), against open vacancies and their openings and against the
//! seats of training batches still to start.
//!
//! Counts of people (seekers) are published only through [`shetu_core::disclosure`]: every count
//! under [`MIN_PEOPLE`] is hidden, and so are enough others that no hidden count can be worked
//! back out of the row and column totals. Every view — one district, one occupation group, the
//! whole country — is read from the *same* protected table, so comparing views recovers nothing
//! either. Vacancies, openings and seats are already public (every vacancy and batch is
//! published), so they are shown whole; a gap (openings minus seekers) is hidden wherever its
//! seekers are.
//!
//! Each seeker counts once: in the district of their profile and in the occupation group they
//! want most (the group most of their wanted occupations fall in, the lowest code on a tie; with
//! none wanted, the group of their latest work). ADR 19 gives the reasons.

mod read;
mod report;

pub use report::{FiguresView, Filter, SkillSupply, Supply, SupplyGap};

use shetu_core::disclosure::{Grid, Protected};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Counts of people under this are never published.
pub const MIN_PEOPLE: i64 = 10;

/// A district or occupation group that the data does not say.
pub const NOT_STATED: &str = "none";

/// The counts in one table shape (districts × occupation groups), sparse for a skill.
#[derive(Debug, Default, Clone)]
struct Sparse(HashMap<(usize, usize), i64>);

impl Sparse {
    fn add(&mut self, at: (usize, usize), n: i64) {
        *self.0.entry(at).or_default() += n;
    }

    fn grid(&self, rows: usize, cols: usize) -> Grid {
        let mut g = Grid::new(rows, cols);
        for (&(r, c), &n) in &self.0 {
            g.add(r, c, n);
        }
        g
    }

    /// The sum over the cells a filter selects.
    fn within(&self, filter: &Filter) -> i64 {
        self.0
            .iter()
            .filter(|((r, c), _)| {
                filter.district.is_none_or(|d| d == *r) && filter.group.is_none_or(|g| g == *c)
            })
            .map(|(_, n)| n)
            .sum()
    }
}

/// What the figures count for one skill.
#[derive(Debug, Default)]
struct SkillCounts {
    seekers: Sparse,
    vacancies: Sparse,
    openings: Sparse,
    seats: Sparse,
}

/// An occupation group with its names.
#[derive(Debug, Clone)]
pub struct Group {
    /// ISCO-08 major group code (`7`), a local group (`I3`) or [`NOT_STATED`].
    pub code: String,
    /// English name.
    pub label_en: String,
    /// Bangla name, where the pack has one.
    pub label_bn: Option<String>,
}

/// The figures as read at one moment, before any view of them.
#[derive(Debug)]
pub struct Snapshot {
    /// When read (ms since the epoch).
    pub taken_at: i64,
    /// The rows: district ids, then [`NOT_STATED`].
    pub districts: Vec<String>,
    /// The columns: occupation groups, then [`NOT_STATED`].
    pub groups: Vec<Group>,
    protected: Protected,
    vacancies: Grid,
    openings: Grid,
    seats: Grid,
    skills: HashMap<i64, SkillCounts>,
    /// Each skill's protected table, made when first needed.
    skill_tables: Mutex<HashMap<i64, Arc<Protected>>>,
    key: Key,
}

/// What a snapshot was read at: when any of it changes, the figures are read again.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    today: String,
    counts: Vec<i64>,
}

impl Snapshot {
    /// The protected table of seekers holding `skill`.
    fn skill_table(&self, skill: i64) -> Option<Arc<Protected>> {
        let counts = self.skills.get(&skill)?;
        let mut made = self.skill_tables.lock().unwrap_or_else(|e| e.into_inner());
        Some(
            made.entry(skill)
                .or_insert_with(|| {
                    Arc::new(
                        counts
                            .seekers
                            .grid(self.districts.len(), self.groups.len())
                            .protect(MIN_PEOPLE),
                    )
                })
                .clone(),
        )
    }
}

/// A node's figures, read again when the data under them changed.
#[derive(Debug, Default)]
pub struct Figures {
    last: tokio::sync::Mutex<Option<Arc<Snapshot>>>,
}

impl Figures {
    /// The figures now (read again if anything they count has changed since the last read).
    pub async fn now(
        &self,
        db: &shetu_store::Db,
        pack: &shetu_pack::Pack,
    ) -> Result<Arc<Snapshot>, crate::SkillsError> {
        let key = read::key(db, pack).await?;
        let mut last = self.last.lock().await;
        if let Some(s) = last.as_ref().filter(|s| s.key == key) {
            return Ok(s.clone());
        }
        let made = Arc::new(read::snapshot(db, pack, key).await?);
        *last = Some(made.clone());
        Ok(made)
    }
}
