//! Deferred acceptance (applicant-proposing, many-to-one, with capacities): training seats and
//! apprenticeships. Applicants rank programmes; programmes rank applicants by a score (higher is
//! better, ties to the lower applicant id). The result is the applicant-optimal stable allocation,
//! which is unique, so any correct implementation returns exactly this one.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// An applicant's ranked choices: (programme index, the programme's score for this applicant).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicant {
    /// Id (breaks ties between equal scores: lower id first).
    pub id: u32,
    /// Programmes in order of preference, each with the programme's score of this applicant.
    pub choices: Vec<(u32, i64)>,
}

/// The seats of each programme, by programme index.
pub type Capacities = Vec<u32>;

/// For each applicant (same order as given), the programme index they got, if any.
pub type Allocation = Vec<Option<u32>>;

/// An applicant a programme holds: its rank of them, and their position (weakest on top).
type Held = Reverse<((i64, Reverse<u32>), usize)>;

/// How a programme ranks an applicant: higher score, then lower id.
fn rank(score: i64, id: u32) -> (i64, Reverse<u32>) {
    (score, Reverse(id))
}

/// Runs deferred acceptance. Programmes out of range and repeated choices are ignored.
pub fn deferred_acceptance(applicants: &[Applicant], capacities: &Capacities) -> Allocation {
    let n = applicants.len();
    let mut next_choice = vec![0usize; n];
    let mut held: Vec<BinaryHeap<Held>> = capacities.iter().map(|_| BinaryHeap::new()).collect();
    let mut assigned: Allocation = vec![None; n];
    let mut free: Vec<usize> = (0..n).rev().collect();
    while let Some(a) = free.pop() {
        let choices = &applicants[a].choices;
        while next_choice[a] < choices.len() {
            let (p, score) = choices[next_choice[a]];
            next_choice[a] += 1;
            let Some(cap) = capacities.get(p as usize).copied() else {
                continue;
            };
            if cap == 0 || choices[..next_choice[a] - 1].iter().any(|c| c.0 == p) {
                continue;
            }
            let heap = &mut held[p as usize];
            let me = Reverse((rank(score, applicants[a].id), a));
            if heap.len() < cap as usize {
                heap.push(me);
                assigned[a] = Some(p);
                break;
            }
            // Full: the programme keeps the better of its weakest holder and the newcomer.
            if heap.peek().is_some_and(|weakest| me.0 .0 > weakest.0 .0) {
                if let Some(Reverse((_, out))) = heap.pop() {
                    assigned[out] = None;
                    free.push(out);
                }
                heap.push(me);
                assigned[a] = Some(p);
                break;
            }
        }
    }
    assigned
}

/// The textbook round-by-round version (every free applicant proposes, every programme keeps its
/// best), kept as the reference the fast version must equal.
pub fn textbook(applicants: &[Applicant], capacities: &Capacities) -> Allocation {
    let n = applicants.len();
    let mut next = vec![0usize; n];
    let mut held: Vec<Vec<usize>> = vec![Vec::new(); capacities.len()];
    let mut assigned: Allocation = vec![None; n];
    let score_of = |a: usize, p: u32| {
        applicants[a]
            .choices
            .iter()
            .find(|c| c.0 == p)
            .map_or(i64::MIN, |c| c.1)
    };
    loop {
        let mut proposals: Vec<Vec<usize>> = vec![Vec::new(); capacities.len()];
        let mut any = false;
        for a in 0..n {
            if assigned[a].is_some() {
                continue;
            }
            while next[a] < applicants[a].choices.len() {
                let p = applicants[a].choices[next[a]].0;
                next[a] += 1;
                let fresh = !applicants[a].choices[..next[a] - 1]
                    .iter()
                    .any(|c| c.0 == p);
                if (p as usize) < capacities.len() && capacities[p as usize] > 0 && fresh {
                    proposals[p as usize].push(a);
                    any = true;
                    break;
                }
            }
        }
        if !any {
            return assigned;
        }
        for (p, mut wanting) in proposals.into_iter().enumerate() {
            if wanting.is_empty() {
                continue;
            }
            wanting.append(&mut held[p]);
            let p32 = u32::try_from(p).unwrap_or(u32::MAX);
            wanting.sort_by(|&x, &y| {
                rank(score_of(y, p32), applicants[y].id)
                    .cmp(&rank(score_of(x, p32), applicants[x].id))
            });
            let cap = capacities[p] as usize;
            for &a in wanting.iter().skip(cap) {
                assigned[a] = None;
            }
            wanting.truncate(cap);
            for &a in &wanting {
                assigned[a] = Some(p32);
            }
            held[p] = wanting;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn arb() -> impl Strategy<Value = (Vec<Applicant>, Capacities)> {
        (1usize..8).prop_flat_map(|programmes| {
            let p = u32::try_from(programmes).unwrap_or(1);
            (
                prop::collection::vec(prop::collection::vec((0..p + 1, -3i64..4), 0..5), 0..40),
                prop::collection::vec(0u32..4, programmes),
            )
                .prop_map(|(choices, caps)| {
                    let applicants = choices
                        .into_iter()
                        .enumerate()
                        .map(|(i, choices)| Applicant {
                            id: u32::try_from(i).unwrap_or(0) * 13 % 101,
                            choices,
                        })
                        .collect();
                    (applicants, caps)
                })
        })
    }

    fn preference(a: &Applicant, p: u32) -> Option<usize> {
        a.choices.iter().position(|c| c.0 == p)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        #[test]
        fn stable_within_capacity_only_ranked_and_equal_to_textbook((applicants, caps) in arb()) {
            let got = deferred_acceptance(&applicants, &caps);
            prop_assert_eq!(&got, &textbook(&applicants, &caps));
            for (p, &cap) in caps.iter().enumerate() {
                let taken = got.iter().filter(|g| **g == Some(u32::try_from(p).unwrap_or(0))).count();
                prop_assert!(taken <= cap as usize, "programme {} over capacity", p);
            }
            for (a, g) in got.iter().enumerate() {
                if let Some(p) = g {
                    prop_assert!(preference(&applicants[a], *p).is_some(), "applicant {} got a programme they did not rank", a);
                }
            }
            // No blocking pair: an applicant preferring p to what they got, whom p would take.
            for (a, applicant) in applicants.iter().enumerate() {
                let mine = got[a].and_then(|p| preference(applicant, p)).unwrap_or(usize::MAX);
                for (i, &(p, score)) in applicant.choices.iter().enumerate() {
                    if i >= mine || (p as usize) >= caps.len() || caps[p as usize] == 0 || preference(applicant, p) != Some(i) {
                        continue;
                    }
                    let holders: Vec<usize> = (0..applicants.len()).filter(|&b| got[b] == Some(p)).collect();
                    let has_room = holders.len() < caps[p as usize] as usize;
                    let beats_someone = holders.iter().any(|&b| {
                        let their = applicants[b].choices.iter().find(|c| c.0 == p).map_or(i64::MIN, |c| c.1);
                        rank(score, applicant.id) > rank(their, applicants[b].id)
                    });
                    prop_assert!(!has_room && !beats_someone, "blocking pair: applicant {} and programme {}", a, p);
                }
            }
        }
    }
}
