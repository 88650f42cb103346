//! Sparse weighted top-k with explanations.
//!
//! Weights are integers (e.g. thousandths), so scores are exact and the pruned search returns
//! exactly what a full scan returns — same items, same scores, same order (ties by item id).
//! A score is a sum of products of two `u32` weights, computed as a [`Score`] (`u128`): no
//! choice of weights or number of features can overflow it.

use crate::reasons::{kind_of, Kind};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

/// A feature: a skill, an occupation, a region (at each level), a tag. Its kind is kept in the
/// top bits; build one with [`crate::reasons::feature`].
pub type FeatureId = u32;
/// A score or a contribution to one: query weight × item weight, summed.
pub type Score = u128;
/// An item's caller-chosen id.
pub type ItemId = u32;

/// Something to be found: a vacancy, a course, a solution, a product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Id.
    pub id: ItemId,
    /// Weighted features (any order; a repeated feature keeps its largest weight).
    pub features: Vec<(FeatureId, u32)>,
    /// Features the query must have for a full match (e.g. a required skill). Reported as missing
    /// when absent; with [`Query::require_all`] the item is left out instead.
    pub required: Vec<FeatureId>,
    /// Labels for hard filters (e.g. education level, region, open/closed).
    pub labels: Vec<u32>,
}

/// What is being matched: a person's profile, a need.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Weighted features.
    pub features: Vec<(FeatureId, u32)>,
    /// Items must carry every one of these labels.
    pub all_labels: Vec<u32>,
    /// Items must carry at least one of these labels (if any are given).
    pub any_labels: Vec<u32>,
    /// Leave out items whose required features the query lacks.
    pub require_all: bool,
}

/// One shared feature's part in a score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    /// The feature.
    pub feature: FeatureId,
    /// What it is (skill, occupation, region, tag).
    pub kind: Kind,
    /// Query weight × item weight.
    pub points: Score,
    /// Its share of the score, in thousandths (rounded).
    pub permille: u32,
}

/// Why an item was matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// Features both share, with their contribution to the score, largest first.
    pub matched: Vec<Contribution>,
    /// Required features the query lacks.
    pub missing: Vec<FeatureId>,
    /// The item's other features the query lacks (e.g. skills a job lists but does not require).
    pub unmatched: Vec<FeatureId>,
}

/// One result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The item.
    pub id: ItemId,
    /// Sum over shared features of query weight × item weight.
    pub score: Score,
    /// Why.
    pub explanation: Explanation,
}

/// Query weight × item weight, in the wide score type.
fn product(query: u32, item: u32) -> Score {
    Score::from(query) * Score::from(item)
}

/// `part` as thousandths of `whole`, rounded to the nearest.
fn permille(part: Score, whole: Score) -> u32 {
    if whole == 0 {
        return 0;
    }
    // part ≤ whole, so part × 1000 fits: whole is at most 2^64 products of two u32.
    u32::try_from((part.saturating_mul(1000) + whole / 2) / whole).unwrap_or(1000)
}

fn normalise(features: &[(FeatureId, u32)]) -> Vec<(FeatureId, u32)> {
    let mut f: Vec<(FeatureId, u32)> = features.iter().copied().filter(|&(_, w)| w > 0).collect();
    f.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    f.dedup_by_key(|x| x.0);
    f
}

/// A query term during search: (upper bound, posting list, query weight).
type Term<'a> = (Score, &'a [(u32, u32)], u32);

/// Items indexed for top-k queries.
#[derive(Debug, Clone, Default)]
pub struct Index {
    items: Vec<Item>,
    /// Per feature: (item position, weight), by position.
    postings: HashMap<FeatureId, Vec<(u32, u32)>>,
    /// Per feature: the largest weight any item gives it.
    max_weight: HashMap<FeatureId, u32>,
    /// Per label: a bitset of item positions.
    labels: HashMap<u32, Vec<u64>>,
}

/// The better of two (score, id) pairs sorts first: higher score, then lower id.
fn better(a: (Score, ItemId), b: (Score, ItemId)) -> Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1))
}

#[derive(PartialEq, Eq)]
struct Ranked(Score, ItemId, u32);

impl Ord for Ranked {
    // The heap keeps the *worst* kept result on top.
    fn cmp(&self, other: &Self) -> Ordering {
        better((self.0, self.1), (other.0, other.1))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Index {
    /// Builds the index.
    pub fn new(items: Vec<Item>) -> Index {
        let mut index = Index {
            items: Vec::with_capacity(items.len()),
            ..Index::default()
        };
        let words = items.len().div_ceil(64);
        for (pos, mut item) in items.into_iter().enumerate() {
            let pos32 = u32::try_from(pos).unwrap_or(u32::MAX);
            item.features = normalise(&item.features);
            for &(f, w) in &item.features {
                index.postings.entry(f).or_default().push((pos32, w));
                let m = index.max_weight.entry(f).or_insert(0);
                *m = (*m).max(w);
            }
            for &label in &item.labels {
                let bits = index.labels.entry(label).or_insert_with(|| vec![0; words]);
                bits[pos / 64] |= 1 << (pos % 64);
            }
            index.items.push(item);
        }
        index
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn has_label(&self, label: u32, pos: usize) -> bool {
        self.labels
            .get(&label)
            .is_some_and(|bits| bits[pos / 64] & (1 << (pos % 64)) != 0)
    }

    fn passes(&self, q: &Query, qf: &[(FeatureId, u32)], pos: usize) -> bool {
        if !q.all_labels.iter().all(|&l| self.has_label(l, pos)) {
            return false;
        }
        if !q.any_labels.is_empty() && !q.any_labels.iter().any(|&l| self.has_label(l, pos)) {
            return false;
        }
        if q.require_all {
            let item = &self.items[pos];
            return item
                .required
                .iter()
                .all(|r| qf.binary_search_by_key(r, |x| x.0).is_ok());
        }
        true
    }

    fn explain(&self, qf: &[(FeatureId, u32)], pos: usize, score: Score) -> Hit {
        let item = &self.items[pos];
        let in_query = |f: &FeatureId| qf.binary_search_by_key(f, |x| x.0).is_ok();
        let mut matched: Vec<Contribution> = item
            .features
            .iter()
            .filter_map(|&(f, w)| {
                qf.binary_search_by_key(&f, |x| x.0).ok().map(|i| {
                    let points = product(qf[i].1, w);
                    Contribution {
                        feature: f,
                        kind: kind_of(f),
                        points,
                        permille: permille(points, score),
                    }
                })
            })
            .collect();
        matched.sort_by(|a, b| b.points.cmp(&a.points).then(a.feature.cmp(&b.feature)));
        let missing: Vec<FeatureId> = item
            .required
            .iter()
            .copied()
            .filter(|r| !in_query(r))
            .collect();
        let unmatched = item
            .features
            .iter()
            .map(|&(f, _)| f)
            .filter(|f| !in_query(f) && !missing.contains(f))
            .collect();
        Hit {
            id: item.id,
            score,
            explanation: Explanation {
                matched,
                missing,
                unmatched,
            },
        }
    }

    fn finish(&self, qf: &[(FeatureId, u32)], heap: BinaryHeap<Ranked>) -> Vec<Hit> {
        let mut kept: Vec<Ranked> = heap.into_vec();
        kept.sort_by(|a, b| better((a.0, a.1), (b.0, b.1)));
        kept.into_iter()
            .map(|Ranked(score, _, pos)| self.explain(qf, pos as usize, score))
            .collect()
    }

    fn offer(heap: &mut BinaryHeap<Ranked>, k: usize, r: Ranked) {
        if heap.len() < k {
            heap.push(r);
        } else if heap
            .peek()
            .is_some_and(|worst| better((r.0, r.1), (worst.0, worst.1)) == Ordering::Less)
        {
            heap.pop();
            heap.push(r);
        }
    }

    /// The top `k` items by a full scan of every item: the reference the index must equal.
    pub fn brute_force(&self, q: &Query, k: usize) -> Vec<Hit> {
        let qf = normalise(&q.features);
        let mut heap = BinaryHeap::with_capacity(k + 1);
        if k == 0 {
            return Vec::new();
        }
        for (pos, item) in self.items.iter().enumerate() {
            let score: Score = item
                .features
                .iter()
                .filter_map(|&(f, w)| {
                    qf.binary_search_by_key(&f, |x| x.0)
                        .ok()
                        .map(|i| product(qf[i].1, w))
                })
                .sum();
            if score > 0 && self.passes(q, &qf, pos) {
                Self::offer(
                    &mut heap,
                    k,
                    Ranked(score, item.id, u32::try_from(pos).unwrap_or(u32::MAX)),
                );
            }
        }
        self.finish(&qf, heap)
    }

    /// The top `k` items with score > 0, by MaxScore over the inverted index.
    pub fn top_k(&self, q: &Query, k: usize) -> Vec<Hit> {
        if k == 0 {
            return Vec::new();
        }
        let qf = normalise(&q.features);
        // Query terms that occur in the index, by upper bound (query weight × largest item weight).
        let mut terms: Vec<Term<'_>> = qf
            .iter()
            .filter_map(|&(f, qw)| {
                let list = self.postings.get(&f)?;
                let ub = product(qw, self.max_weight.get(&f).copied().unwrap_or(0));
                Some((ub, list.as_slice(), qw))
            })
            .collect();
        terms.sort_by_key(|t| t.0);
        let n = terms.len();
        // prefix[i] = sum of upper bounds of terms[..i].
        let mut prefix: Vec<Score> = vec![0; n + 1];
        for i in 0..n {
            prefix[i + 1] = prefix[i] + terms[i].0;
        }
        let mut cursor = vec![0usize; n];
        let mut heap: BinaryHeap<Ranked> = BinaryHeap::with_capacity(k + 1);
        // Terms [0, first_essential) are non-essential: together they cannot reach the threshold.
        let mut first_essential = 0;
        loop {
            let threshold = if heap.len() == k {
                heap.peek().map(|w| w.0)
            } else {
                None
            };
            if let Some(t) = threshold {
                while first_essential < n && prefix[first_essential + 1] < t {
                    first_essential += 1;
                }
            }
            // Next candidate: the smallest position among essential lists.
            let mut next = u32::MAX;
            for i in first_essential..n {
                if let Some(&(pos, _)) = terms[i].1.get(cursor[i]) {
                    next = next.min(pos);
                }
            }
            if next == u32::MAX {
                break;
            }
            let mut score: Score = 0;
            for i in first_essential..n {
                if let Some(&(pos, w)) = terms[i].1.get(cursor[i]) {
                    if pos == next {
                        score += product(terms[i].2, w);
                        cursor[i] += 1;
                    }
                }
            }
            // Non-essential terms, largest bound first, while the item can still make it.
            let mut i = first_essential;
            let mut possible = true;
            while i > 0 {
                if let Some(t) = threshold {
                    if score + prefix[i] < t {
                        possible = false;
                        break;
                    }
                }
                i -= 1;
                let list = terms[i].1;
                let start = cursor[i];
                let found = start + list[start..].partition_point(|&(p, _)| p < next);
                cursor[i] = found;
                if let Some(&(pos, w)) = list.get(found) {
                    if pos == next {
                        score += product(terms[i].2, w);
                    }
                }
            }
            let pos = next as usize;
            if possible && score > 0 && self.passes(q, &qf, pos) {
                Self::offer(&mut heap, k, Ranked(score, self.items[pos].id, next));
            }
        }
        self.finish(&qf, heap)
    }

    /// Top-k for many queries on `threads` threads (re-matching a whole population).
    pub fn top_k_batch(&self, queries: &[Query], k: usize, threads: usize) -> Vec<Vec<Hit>> {
        let threads = threads.max(1);
        let chunk = queries.len().div_ceil(threads).max(1);
        std::thread::scope(|s| {
            let handles: Vec<_> = queries
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || part.iter().map(|q| self.top_k(q, k)).collect::<Vec<_>>())
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn item(
        id: ItemId,
        features: &[(FeatureId, u32)],
        required: &[FeatureId],
        labels: &[u32],
    ) -> Item {
        Item {
            id,
            features: features.to_vec(),
            required: required.to_vec(),
            labels: labels.to_vec(),
        }
    }

    #[test]
    fn explains_matches_and_missing_requirements() {
        // Features: 1 = tailoring, 2 = embroidery, 3 = Gazipur district, 9 = machine operation.
        let index = Index::new(vec![
            item(10, &[(1, 800), (2, 500), (3, 200)], &[9], &[100]),
            item(11, &[(2, 900)], &[], &[100]),
            item(12, &[(1, 100)], &[], &[200]),
        ]);
        let q = Query {
            features: vec![(1, 1000), (2, 1000), (3, 1000)],
            ..Query::default()
        };
        let hits = index.top_k(&q, 2);
        assert_eq!(
            hits.iter().map(|h| (h.id, h.score)).collect::<Vec<_>>(),
            [(10, 1_500_000), (11, 900_000)]
        );
        assert_eq!(
            hits[0]
                .explanation
                .matched
                .iter()
                .map(|c| (c.feature, c.points, c.permille))
                .collect::<Vec<_>>(),
            [(1, 800_000, 533), (2, 500_000, 333), (3, 200_000, 133)]
        );
        assert_eq!(hits[0].explanation.missing, [9]);
        let strict = Query {
            require_all: true,
            ..q.clone()
        };
        assert_eq!(
            index
                .top_k(&strict, 5)
                .iter()
                .map(|h| h.id)
                .collect::<Vec<_>>(),
            [11, 12]
        );
        let filtered = Query {
            all_labels: vec![200],
            ..q
        };
        assert_eq!(
            index
                .top_k(&filtered, 5)
                .iter()
                .map(|h| h.id)
                .collect::<Vec<_>>(),
            [12]
        );
    }

    /// Mostly small weights, sometimes the largest there are.
    fn weight() -> impl Strategy<Value = u32> {
        prop_oneof![4 => 1u32..50, 1 => (u32::MAX - 1000)..=u32::MAX]
    }

    fn arb_items() -> impl Strategy<Value = Vec<Item>> {
        prop::collection::vec(
            (
                prop::collection::vec((0u32..40, weight()), 0..8),
                prop::collection::vec(0u32..40, 0..2),
                prop::collection::vec(0u32..4, 0..3),
            ),
            0..150,
        )
        .prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, (features, required, labels))| Item {
                    id: u32::try_from(i).unwrap_or(0) * 7 % 1009,
                    features,
                    required,
                    labels,
                })
                .collect()
        })
    }

    fn arb_query() -> impl Strategy<Value = Query> {
        (
            prop::collection::vec((0u32..45, weight()), 0..10),
            prop::collection::vec(0u32..4, 0..2),
            prop::collection::vec(0u32..4, 0..2),
            any::<bool>(),
        )
            .prop_map(|(features, all_labels, any_labels, require_all)| Query {
                features,
                all_labels,
                any_labels,
                require_all,
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn index_equals_brute_force(items in arb_items(), q in arb_query(), k in 0usize..12) {
            let index = Index::new(items);
            prop_assert_eq!(index.top_k(&q, k), index.brute_force(&q, k));
        }
    }

    #[test]
    fn weights_at_the_limit_do_not_overflow() {
        // 300 shared features of weight u32::MAX on both sides: far beyond u64.
        let heavy: Vec<(FeatureId, u32)> = (0..300).map(|f| (f, u32::MAX)).collect();
        let index = Index::new(vec![
            item(1, &heavy, &[], &[]),
            item(2, &heavy[..299], &[], &[]),
            item(3, &[(0, 1)], &[], &[]),
        ]);
        let q = Query {
            features: heavy.clone(),
            ..Query::default()
        };
        let one = Score::from(u32::MAX) * Score::from(u32::MAX);
        let hits = index.top_k(&q, 3);
        assert_eq!(hits, index.brute_force(&q, 3));
        assert_eq!(
            hits.iter().map(|h| (h.id, h.score)).collect::<Vec<_>>(),
            [(1, 300 * one), (2, 299 * one), (3, Score::from(u32::MAX))]
        );
        assert!(hits[0].score > Score::from(u64::MAX));
        assert_eq!(hits[2].explanation.matched[0].permille, 1000);
    }

    #[test]
    fn batch_equals_one_by_one() {
        let items = (0..500)
            .map(|i| item(i, &[(i % 17, 1 + i % 5), ((i * 7) % 23, 3)], &[], &[]))
            .collect();
        let index = Index::new(items);
        let queries: Vec<Query> = (0..50)
            .map(|j| Query {
                features: vec![(j % 17, 2), (j % 23, 1)],
                ..Query::default()
            })
            .collect();
        let batch = index.top_k_batch(&queries, 5, 2);
        let single: Vec<Vec<Hit>> = queries.iter().map(|q| index.top_k(q, 5)).collect();
        assert_eq!(batch, single);
    }
}
