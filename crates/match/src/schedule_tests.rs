//! Tests of the scheduler: validity, the exact solver against brute force (with locks), and how close the heuristic comes.
use super::*;
use proptest::prelude::*;

fn arb_instance() -> impl Strategy<Value = Instance> {
    (4u32..9, 2usize..5).prop_flat_map(|(people, slots)| {
        let mask = (1u64 << slots) - 1;
        (
            prop::collection::vec(1u32..3, slots),
            prop::collection::vec((0..=mask).prop_map(move |m| m | 1), people as usize),
            prop::collection::vec(
                (0..people, 0..people, 1u32..4).prop_map(|(a, b, priority)| Request {
                    a,
                    b,
                    priority,
                }),
                1..13,
            ),
        )
            .prop_map(|(tables, availability, requests)| Instance {
                tables,
                availability,
                requests,
                locked: Vec::new(),
            })
    })
}

/// Every way to give each request a slot or none (tiny instances only): the best valid one.
fn brute_force(inst: &Instance) -> (usize, u64) {
    let slots = inst.tables.len();
    let n = inst.requests.len();
    let mut choice = vec![0usize; n]; // 0 = not held, s + 1 = slot s
    let mut best = (0, 0);
    loop {
        let mut schedule: Schedule = vec![None; n];
        let mut taken: Vec<Vec<bool>> = inst
            .tables
            .iter()
            .map(|&t| vec![false; t as usize])
            .collect();
        let mut fits = true;
        for &(i, slot, table) in &inst.locked {
            schedule[i] = Some((slot, table));
            taken[slot as usize][table as usize] = true;
            fits &= choice[i] == slot as usize + 1;
        }
        for (i, &c) in choice.iter().enumerate() {
            if c == 0 || schedule[i].is_some() {
                continue;
            }
            match taken[c - 1].iter().position(|t| !t) {
                Some(t) => {
                    taken[c - 1][t] = true;
                    schedule[i] = Some((c as u32 - 1, t as u32));
                }
                None => fits = false,
            }
        }
        if fits && check(inst, &schedule).is_ok() {
            best = best.max(value(inst, &schedule));
        }
        // Next choice vector (odometer).
        let mut k = 0;
        while k < n {
            choice[k] += 1;
            if choice[k] <= slots {
                break;
            }
            choice[k] = 0;
            k += 1;
        }
        if k == n {
            return best;
        }
    }
}

/// Tiny instances with up to two meetings locked where they validly fit.
fn arb_locked_instance() -> impl Strategy<Value = Instance> {
    (3u32..6, 2usize..4).prop_flat_map(|(people, slots)| {
        let mask = (1u64 << slots) - 1;
        (
            prop::collection::vec(1u32..3, slots),
            prop::collection::vec(0..=mask, people as usize),
            prop::collection::vec(
                (0..people, 0..people, 1u32..4).prop_map(|(a, b, priority)| Request {
                    a,
                    b,
                    priority,
                }),
                1..7,
            ),
            prop::collection::vec((0usize..7, 0u32..4), 0..3),
        )
            .prop_map(|(tables, availability, requests, wanted)| {
                let mut inst = Instance {
                    tables,
                    availability,
                    requests,
                    locked: Vec::new(),
                };
                let mut schedule: Schedule = vec![None; inst.requests.len()];
                for (i, slot) in wanted {
                    let (i, slot) = (i % inst.requests.len(), slot % inst.tables.len() as u32);
                    let table = inst.locked.iter().filter(|l| l.1 == slot).count() as u32;
                    let mut trial = schedule.clone();
                    trial[i] = Some((slot, table));
                    let mut with = inst.clone();
                    with.locked.push((i, slot, table));
                    if schedule[i].is_none() && check(&with, &trial).is_ok() {
                        schedule = trial;
                        inst = with;
                    }
                }
                inst
            })
    })
}

#[test]
fn exact_counts_locked_meetings_when_it_prunes() {
    let r = |a, b, priority| Request { a, b, priority };
    let inst = Instance {
        tables: vec![2, 1, 2],
        availability: vec![6, 4, 3, 3, 7, 3],
        requests: vec![
            r(2, 3, 1),
            r(2, 1, 1),
            r(2, 2, 1),
            r(1, 0, 1),
            r(3, 5, 1),
            r(2, 4, 1),
            r(1, 2, 3),
        ],
        locked: vec![(3, 2, 0)],
    };
    let best = exact(&inst, 1_000_000).expect("tiny instance");
    assert_eq!(check(&inst, &best), Ok(()));
    assert_eq!(value(&inst, &best).0, 4);
    assert_eq!(value(&inst, &best), brute_force(&inst));
}

#[test]
fn keeps_locked_meetings_and_fills_around_them() {
    let inst = Instance {
        tables: vec![1, 1],
        availability: vec![0b11, 0b11, 0b11],
        requests: vec![
            Request {
                a: 0,
                b: 1,
                priority: 1,
            },
            Request {
                a: 0,
                b: 2,
                priority: 5,
            },
        ],
        locked: vec![(0, 0, 0)],
    };
    let s = solve(&inst);
    assert_eq!(check(&inst, &s), Ok(()));
    assert_eq!(s, vec![Some((0, 0)), Some((1, 0))]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn heuristic_is_valid_and_never_beats_exact(inst in arb_instance()) {
        let fast = solve(&inst);
        prop_assert_eq!(check(&inst, &fast), Ok(()));
        if let Some(best) = exact(&inst, 2_000_000) {
            prop_assert_eq!(check(&inst, &best), Ok(()));
            prop_assert!(value(&inst, &best) >= value(&inst, &fast));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn exact_equals_brute_force_with_locks(inst in arb_locked_instance()) {
        let best = exact(&inst, 10_000_000).expect("tiny instance");
        prop_assert_eq!(check(&inst, &best), Ok(()));
        prop_assert_eq!(value(&inst, &best), brute_force(&inst));
        let fast = solve(&inst);
        prop_assert_eq!(check(&inst, &fast), Ok(()));
    }
}

/// Deterministic instances where people's availability, not the tables, limits what can be
/// held: every slot has a table for every request, each person is free in a few slots only,
/// and popular people are asked often.
fn availability_limited(seed: u64, count: usize) -> Vec<Instance> {
    let mut seed = seed;
    let mut rnd = move |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    (0..count)
        .map(|_| {
            let people = 6 + rnd(4) as u32;
            let slots = 6usize;
            let availability = (0..people)
                .map(|_| {
                    let mut a = 0u64;
                    for _ in 0..2 + rnd(3) {
                        a |= 1 << rnd(slots as u64);
                    }
                    a
                })
                .collect();
            let requests = (0..18)
                .map(|_| {
                    let a = rnd(u64::from(people).min(4)) as u32;
                    let mut b = rnd(u64::from(people)) as u32;
                    if b == a {
                        b = (a + 1) % people;
                    }
                    Request {
                        a,
                        b,
                        priority: 1 + rnd(3) as u32,
                    }
                })
                .collect();
            Instance {
                tables: vec![16; slots],
                availability,
                requests,
                locked: Vec::new(),
            }
        })
        .collect()
}

#[test]
fn heuristic_comes_within_five_percent_when_availability_limits() {
    let (mut fast_total, mut best_total, mut solved) = (0usize, 0usize, 0);
    let instances = availability_limited(7, 60);
    for inst in &instances {
        let fast = solve(inst);
        assert_eq!(check(inst, &fast), Ok(()));
        if let Some(best) = exact(inst, 5_000_000) {
            fast_total += value(inst, &fast).0;
            best_total += value(inst, &best).0;
            solved += 1;
        }
    }
    assert!(
        solved >= 50,
        "exact solver finished only {solved} instances"
    );
    eprintln!("availability-limited: heuristic {fast_total} of {best_total} over {solved}");
    assert!(
        fast_total * 100 >= best_total * 95,
        "heuristic {fast_total} vs optimum {best_total}"
    );
}

#[test]
fn heuristic_comes_within_five_percent_of_the_optimum() {
    // Deterministic random instances (an LCG), solved both ways.
    let mut seed = 42u64;
    let mut rnd = |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let (mut fast_total, mut best_total, mut solved) = (0usize, 0usize, 0);
    for _ in 0..60 {
        let people = 6 + rnd(4) as u32;
        let slots = 6usize;
        let availability = (0..people).map(|_| rnd(15) + 1).collect();
        let requests = (0..18)
            .map(|_| Request {
                a: rnd(u64::from(people)) as u32,
                b: rnd(u64::from(people)) as u32,
                priority: 1 + rnd(3) as u32,
            })
            .collect();
        let inst = Instance {
            tables: vec![2; slots],
            availability,
            requests,
            locked: Vec::new(),
        };
        let fast = solve(&inst);
        assert_eq!(check(&inst, &fast), Ok(()));
        if let Some(best) = exact(&inst, 5_000_000) {
            fast_total += value(&inst, &fast).0;
            best_total += value(&inst, &best).0;
            solved += 1;
        }
    }
    assert!(
        solved >= 50,
        "exact solver finished only {solved} instances"
    );
    assert!(
        fast_total * 100 >= best_total * 95,
        "heuristic {fast_total} vs optimum {best_total}"
    );
}
