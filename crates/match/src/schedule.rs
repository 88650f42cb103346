//! Workshop meeting scheduling: requested one-to-one meetings into (slot, table), nobody
//! double-booked, no slot over its tables, both people available, locked meetings kept where they
//! are; maximising the number of meetings held, then the sum of their priorities.
//!
//! [`solve`] is a fast heuristic (greedy placement of the hardest requests first, then repair by
//! moving one meeting out of the way); [`exact`] is a branch-and-bound solver for small instances,
//! used to measure how close the heuristic comes. Slots are at most 64 (availability is a bitmask).

/// A requested meeting between two participants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    /// One participant.
    pub a: u32,
    /// The other.
    pub b: u32,
    /// Higher is more wanted.
    pub priority: u32,
}

/// What to schedule.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Instance {
    /// Tables per slot (its length is the number of slots, at most 64).
    pub tables: Vec<u32>,
    /// Per participant: bit `s` set if they are free in slot `s`.
    pub availability: Vec<u64>,
    /// The requests.
    pub requests: Vec<Request>,
    /// Meetings already fixed: (request index, slot, table).
    pub locked: Vec<(usize, u32, u32)>,
}

/// Per request: its (slot, table), or `None` if it is not held.
pub type Schedule = Vec<Option<(u32, u32)>>;

/// (meetings held, sum of their priorities): larger is better, compared in that order.
pub fn value(inst: &Instance, schedule: &Schedule) -> (usize, u64) {
    schedule
        .iter()
        .zip(&inst.requests)
        .filter(|(s, _)| s.is_some())
        .fold((0, 0), |(n, p), (_, r)| (n + 1, p + u64::from(r.priority)))
}

/// Checks every rule; says which is broken.
pub fn check(inst: &Instance, schedule: &Schedule) -> Result<(), String> {
    let slots = inst.tables.len();
    let mut busy = vec![0u64; inst.availability.len()];
    let mut used: Vec<Vec<bool>> = inst
        .tables
        .iter()
        .map(|&t| vec![false; t as usize])
        .collect();
    for (i, (s, r)) in schedule.iter().zip(&inst.requests).enumerate() {
        let Some((slot, table)) = *s else { continue };
        let (slot, table) = (slot as usize, table as usize);
        if slot >= slots || table >= used[slot].len() {
            return Err(format!("request {i}: no table {table} in slot {slot}"));
        }
        if std::mem::replace(&mut used[slot][table], true) {
            return Err(format!(
                "request {i}: table {table} in slot {slot} used twice"
            ));
        }
        for p in [r.a, r.b] {
            let bit = 1u64 << slot;
            let avail = inst.availability.get(p as usize).copied().unwrap_or(0);
            if avail & bit == 0 {
                return Err(format!(
                    "request {i}: participant {p} is not available in slot {slot}"
                ));
            }
            if busy[p as usize] & bit != 0 {
                return Err(format!(
                    "request {i}: participant {p} double-booked in slot {slot}"
                ));
            }
            busy[p as usize] |= bit;
        }
    }
    for &(i, slot, table) in &inst.locked {
        if schedule.get(i).copied().flatten() != Some((slot, table)) {
            return Err(format!("locked request {i} moved"));
        }
    }
    Ok(())
}

/// Working state: who is busy when, and how many tables each slot has left.
#[derive(Clone)]
struct Board<'a> {
    inst: &'a Instance,
    busy: Vec<u64>,
    free_tables: Vec<u32>,
    slot_of: Vec<Option<u32>>,
    locked: Vec<bool>,
}

impl<'a> Board<'a> {
    fn new(inst: &'a Instance) -> Board<'a> {
        let mut board = Board {
            inst,
            busy: vec![0; inst.availability.len()],
            free_tables: inst.tables.clone(),
            slot_of: vec![None; inst.requests.len()],
            locked: vec![false; inst.requests.len()],
        };
        for &(i, slot, _) in &inst.locked {
            if i < inst.requests.len() && !board.locked[i] {
                board.place(i, slot);
                board.locked[i] = true;
            }
        }
        board
    }

    fn valid(&self, r: &Request) -> bool {
        r.a != r.b && (r.a as usize) < self.busy.len() && (r.b as usize) < self.busy.len()
    }

    /// Slots where request `i` could go now.
    fn open(&self, i: usize) -> u64 {
        let r = &self.inst.requests[i];
        if !self.valid(r) {
            return 0;
        }
        let a = r.a as usize;
        let b = r.b as usize;
        let tables: u64 = self
            .free_tables
            .iter()
            .enumerate()
            .filter(|(_, &t)| t > 0)
            .fold(0, |m, (s, _)| m | (1 << s));
        self.inst.availability[a]
            & self.inst.availability[b]
            & !self.busy[a]
            & !self.busy[b]
            & tables
    }

    fn place(&mut self, i: usize, slot: u32) {
        let r = self.inst.requests[i];
        let bit = 1u64 << slot;
        self.busy[r.a as usize] |= bit;
        self.busy[r.b as usize] |= bit;
        self.free_tables[slot as usize] = self.free_tables[slot as usize].saturating_sub(1);
        self.slot_of[i] = Some(slot);
    }

    fn remove(&mut self, i: usize) {
        if let Some(slot) = self.slot_of[i].take() {
            let r = self.inst.requests[i];
            let bit = 1u64 << slot;
            self.busy[r.a as usize] &= !bit;
            self.busy[r.b as usize] &= !bit;
            self.free_tables[slot as usize] += 1;
        }
    }

    /// The slot among `open` with the most tables left (spreads meetings), lowest first on ties.
    fn best_slot(&self, open: u64) -> Option<u32> {
        (0..64u32)
            .filter(|s| open & (1 << s) != 0)
            .max_by_key(|&s| (self.free_tables[s as usize], std::cmp::Reverse(s)))
    }

    /// Tries to seat request `i` by moving one held, unlocked meeting to another slot.
    fn repair(&mut self, i: usize) -> bool {
        let r = self.inst.requests[i];
        if !self.valid(&r) {
            return false;
        }
        let both = self.inst.availability[r.a as usize] & self.inst.availability[r.b as usize];
        for slot in (0..64u32).filter(|s| both & (1 << s) != 0) {
            let bit = 1u64 << slot;
            // Meetings in this slot that stand in the way: those of a or b, or any if no table is left.
            let in_slot: Vec<usize> = (0..self.slot_of.len())
                .filter(|&j| self.slot_of[j] == Some(slot) && !self.locked[j])
                .collect();
            let blockers: Vec<usize> = in_slot
                .iter()
                .copied()
                .filter(|&j| {
                    let m = self.inst.requests[j];
                    [m.a, m.b].iter().any(|p| *p == r.a || *p == r.b)
                })
                .collect();
            let candidates: Vec<usize> = match blockers.len() {
                0 if self.free_tables[slot as usize] == 0 => in_slot,
                1 => blockers,
                _ => continue,
            };
            let locked_conflict = (0..self.slot_of.len()).any(|j| {
                let m = self.inst.requests[j];
                self.locked[j]
                    && self.slot_of[j] == Some(slot)
                    && [m.a, m.b].iter().any(|p| *p == r.a || *p == r.b)
            });
            if locked_conflict {
                continue;
            }
            for j in candidates {
                self.remove(j);
                let elsewhere = self.open(j) & !bit;
                if elsewhere != 0 && self.open(i) & bit != 0 {
                    if let Some(to) = self.best_slot(elsewhere) {
                        self.place(j, to);
                        if self.open(i) & bit != 0 {
                            self.place(i, slot);
                            return true;
                        }
                        self.remove(j);
                    }
                }
                self.place(j, slot);
            }
        }
        false
    }

    fn into_schedule(self) -> Schedule {
        let mut schedule: Schedule = vec![None; self.slot_of.len()];
        let mut taken: Vec<Vec<bool>> = self
            .inst
            .tables
            .iter()
            .map(|&t| vec![false; t as usize])
            .collect();
        for &(i, slot, table) in &self.inst.locked {
            if i < schedule.len() && self.locked[i] {
                schedule[i] = Some((slot, table));
                if let Some(t) = taken
                    .get_mut(slot as usize)
                    .and_then(|s| s.get_mut(table as usize))
                {
                    *t = true;
                }
            }
        }
        for (i, slot) in self.slot_of.iter().enumerate() {
            if let (Some(slot), None) = (slot, schedule[i]) {
                let tables = &mut taken[*slot as usize];
                if let Some(t) = tables.iter().position(|used| !used) {
                    tables[t] = true;
                    schedule[i] = Some((*slot, u32::try_from(t).unwrap_or(u32::MAX)));
                }
            }
        }
        schedule
    }
}

fn order(inst: &Instance, board: &Board<'_>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..inst.requests.len())
        .filter(|&i| !board.locked[i])
        .collect();
    let flexibility = |i: usize| {
        let r = inst.requests[i];
        let a = inst.availability.get(r.a as usize).copied().unwrap_or(0);
        let b = inst.availability.get(r.b as usize).copied().unwrap_or(0);
        (a & b).count_ones()
    };
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(inst.requests[i].priority),
            flexibility(i),
            i,
        )
    });
    order
}

/// The heuristic schedule.
pub fn solve(inst: &Instance) -> Schedule {
    let mut board = Board::new(inst);
    let order = order(inst, &board);
    let mut waiting = Vec::new();
    for &i in &order {
        match board.best_slot(board.open(i)) {
            Some(slot) => board.place(i, slot),
            None => waiting.push(i),
        }
    }
    for _ in 0..4 {
        let before = waiting.len();
        waiting.retain(|&i| !board.repair(i));
        if waiting.len() == before {
            break;
        }
    }
    board.into_schedule()
}

/// The best schedule by branch and bound, or `None` if it needs more than `node_limit` steps.
pub fn exact(inst: &Instance, node_limit: u64) -> Option<Schedule> {
    let start = solve(inst);
    let board = Board::new(inst);
    let order = order(inst, &board);
    let mut best = (value(inst, &start), None::<Vec<Option<u32>>>);
    let mut suffix_priority = vec![0u64; order.len() + 1];
    for k in (0..order.len()).rev() {
        suffix_priority[k] = suffix_priority[k + 1] + u64::from(inst.requests[order[k]].priority);
    }
    let mut nodes = 0u64;
    #[allow(clippy::too_many_arguments)]
    fn go(
        board: &mut Board<'_>,
        order: &[usize],
        k: usize,
        held: (usize, u64),
        suffix: &[u64],
        best: &mut ((usize, u64), Option<Vec<Option<u32>>>),
        nodes: &mut u64,
        limit: u64,
    ) -> bool {
        *nodes += 1;
        if *nodes > limit {
            return false;
        }
        let remaining = order.len() - k;
        let bound = (held.0 + remaining, held.1 + suffix[k]);
        if bound <= best.0 {
            return true;
        }
        if k == order.len() {
            *best = (held, Some(board.slot_of.clone()));
            return true;
        }
        let i = order[k];
        let open = board.open(i);
        let priority = u64::from(board.inst.requests[i].priority);
        for slot in (0..64u32).filter(|s| open & (1 << s) != 0) {
            board.place(i, slot);
            let ok = go(
                board,
                order,
                k + 1,
                (held.0 + 1, held.1 + priority),
                suffix,
                best,
                nodes,
                limit,
            );
            board.remove(i);
            if !ok {
                return false;
            }
        }
        go(board, order, k + 1, held, suffix, best, nodes, limit)
    }
    let mut board = Board::new(inst);
    if !go(
        &mut board,
        &order,
        0,
        (0, 0),
        &suffix_priority,
        &mut best,
        &mut nodes,
        node_limit,
    ) {
        return None;
    }
    match best.1 {
        None => Some(start),
        Some(slots) => {
            let mut board = Board::new(inst);
            for (i, s) in slots.iter().enumerate() {
                if let (Some(s), false) = (s, board.locked[i]) {
                    board.place(i, *s);
                }
            }
            Some(board.into_schedule())
        }
    }
}

#[cfg(test)]
mod tests {
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
            let people = 8 + rnd(5) as u32;
            let slots = 4usize;
            let availability = (0..people).map(|_| rnd(15) + 1).collect();
            let requests = (0..14)
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
}
