//! `schedule`: N participants, 4N requests, 16 slots, 40 tables with our heuristic; and, on small
//! instances of two kinds (tables the limit; people's availability the limit), both the heuristic
//! and the exact solver side by side, counting the instances the exact solver could not finish.

use crate::data::Rng;
use crate::measure::{line, Timings};
use anyhow::Result;
use serde_json::{json, Value};
use shetu_match::schedule::{exact, solve, value, Instance, Request};

fn instance(
    rng: &mut Rng,
    participants: u32,
    requests: usize,
    slots: usize,
    tables: u32,
) -> Instance {
    let full = (1u64 << slots) - 1;
    let availability = (0..participants)
        .map(|_| {
            // Each person is away for about a quarter of the slots.
            let mut a = full;
            for s in 0..slots {
                if rng.below(4) == 0 {
                    a &= !(1 << s);
                }
            }
            a
        })
        .collect();
    let requests = (0..requests)
        .map(|_| {
            let a = rng.skewed(u64::from(participants)) as u32;
            let mut b = rng.below(u64::from(participants)) as u32;
            if b == a {
                b = (a + 1) % participants;
            }
            Request {
                a,
                b,
                priority: 1 + rng.below(3) as u32,
            }
        })
        .collect();
    Instance {
        tables: vec![tables; slots],
        availability,
        requests,
        locked: Vec::new(),
    }
}

/// Runs the scheduling benchmark.
pub fn run(size: usize, runs: usize) -> Result<Vec<Value>> {
    let mut rng = Rng::new(9);
    let participants = size.max(4) as u32;
    let big = instance(&mut rng, participants, 4 * size, 16, 40);
    let inputs = vec![(); runs.max(1)];
    let (ours, out) = Timings::of(&inputs, |_| solve(&big));
    let held = out.first().map_or(0, |s| value(&big, s).0);
    let mut lines = vec![line(
        "schedule",
        size,
        &ours,
        None,
        None,
        json!({
            "peer_name": "exact (cannot finish at this size)",
            "requests": big.requests.len(),
            "meetings_held": held,
            // No schedule can hold more than the slots have tables.
            "capacity_bound": big.requests.len().min(big.tables.iter().sum::<u32>() as usize),
        }),
    )];
    // Small instances: tables are the limit (2 per slot, people free most of the time) ...
    let tables_limit: Vec<Instance> = (0..40).map(|_| instance(&mut rng, 12, 26, 4, 2)).collect();
    lines.push(versus_exact("tables", &tables_limit));
    // ... and people's availability is the limit (a table for every request, each person free in
    // 2 to 4 of 6 slots, the first four people asked most).
    let availability_limit: Vec<Instance> = (0..40).map(|_| busy_people(&mut rng)).collect();
    lines.push(versus_exact("availability", &availability_limit));
    Ok(lines)
}

fn busy_people(rng: &mut Rng) -> Instance {
    let people = 6 + rng.below(4) as u32;
    let slots = 6;
    let availability = (0..people)
        .map(|_| (0..2 + rng.below(3)).fold(0u64, |a, _| a | 1 << rng.below(slots)))
        .collect();
    let requests = (0..18)
        .map(|_| {
            let a = rng.below(4) as u32;
            let mut b = rng.below(u64::from(people)) as u32;
            if b == a {
                b = (a + 1) % people;
            }
            Request {
                a,
                b,
                priority: 1 + rng.below(3) as u32,
            }
        })
        .collect();
    Instance {
        tables: vec![18; slots as usize],
        availability,
        requests,
        locked: Vec::new(),
    }
}

/// The heuristic against the exact optimum on `instances`; those the exact solver cannot finish
/// within its step limit are counted, not silently dropped.
fn versus_exact(limit: &str, instances: &[Instance]) -> Value {
    let (fast_t, fast) = Timings::of(instances, solve);
    let (exact_t, best) = Timings::of(instances, |i| exact(i, 20_000_000));
    let solved: Vec<usize> = (0..instances.len())
        .filter(|&i| best[i].is_some())
        .collect();
    let ours_total: usize = solved
        .iter()
        .map(|&i| value(&instances[i], &fast[i]).0)
        .sum();
    let best_total: usize = solved
        .iter()
        .filter_map(|&i| best[i].as_ref().map(|b| value(&instances[i], b).0))
        .sum();
    let share = ours_total as f64 / best_total.max(1) as f64;
    line(
        "schedule",
        instances.len(),
        &fast_t,
        Some(("exact-branch-and-bound", &exact_t)),
        Some(share),
        json!({
            "limited_by": limit,
            "instances": instances.len(),
            "exact_finished": solved.len(),
            "exact_unfinished": instances.len() - solved.len(),
            "meetings_ours": ours_total,
            "meetings_optimum": best_total,
        }),
    )
}
