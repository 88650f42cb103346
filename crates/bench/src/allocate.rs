//! `allocate`: deferred acceptance for N applicants × N/10 programmes × 10 choices, against the
//! textbook round-by-round version. The results must be identical.

use crate::data::Rng;
use crate::measure::{line, Timings};
use anyhow::Result;
use serde_json::{json, Value};
use shetu_match::allocate::{deferred_acceptance, textbook, Applicant};

/// Runs the allocation benchmark.
pub fn run(size: usize, runs: usize) -> Result<Vec<Value>> {
    let programmes = (size / 10).max(1);
    let mut rng = Rng::new(5);
    let applicants: Vec<Applicant> = (0..size)
        .map(|i| {
            let mut choices: Vec<(u32, i64)> = Vec::with_capacity(10);
            while choices.len() < 10.min(programmes) {
                let p = rng.skewed(programmes as u64) as u32;
                if !choices.iter().any(|c| c.0 == p) {
                    choices.push((p, rng.below(1000) as i64));
                }
            }
            Applicant {
                id: i as u32,
                choices,
            }
        })
        .collect();
    // Seats for 80 % of applicants.
    let capacities = vec![8u32; programmes];
    let inputs = vec![(); runs.max(1)];
    let (ours, ours_out) = Timings::of(&inputs, |_| deferred_acceptance(&applicants, &capacities));
    let peer_inputs = vec![(); 1];
    let (peer, peer_out) = Timings::of(&peer_inputs, |_| textbook(&applicants, &capacities));
    let identical = ours_out.first() == peer_out.first();
    let placed = ours_out
        .first()
        .map_or(0, |a| a.iter().filter(|x| x.is_some()).count());
    let extra = json!({ "programmes": programmes, "choices": 10, "placed": placed });
    Ok(vec![line(
        "allocate",
        size,
        &ours,
        Some(("textbook-rounds", &peer)),
        Some(if identical { 1.0 } else { 0.0 }),
        extra,
    )])
}
