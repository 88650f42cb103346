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
    /// Meetings an ejection chain has just placed (it may not move them again).
    pinned: Vec<bool>,
}

impl<'a> Board<'a> {
    fn new(inst: &'a Instance) -> Board<'a> {
        let mut board = Board {
            inst,
            busy: vec![0; inst.availability.len()],
            free_tables: inst.tables.clone(),
            slot_of: vec![None; inst.requests.len()],
            locked: vec![false; inst.requests.len()],
            pinned: vec![false; inst.requests.len()],
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

    /// Tries to seat request `i`, moving meetings that stand in the way to other slots, and the
    /// meetings in their way in turn, up to `depth` moves deep (an ejection chain). Meetings
    /// moved in this chain stay where the chain put them; `avoid` are slots `i` may not take.
    /// Every placed meeting stays placed, so the count only grows. On failure nothing changes.
    fn seat(&mut self, i: usize, avoid: u64, depth: u32, budget: &mut u32) -> bool {
        let open = self.open(i) & !avoid;
        if let Some(slot) = self.best_slot(open) {
            self.place(i, slot);
            self.pinned[i] = true;
            return true;
        }
        let r = self.inst.requests[i];
        if depth == 0 || !self.valid(&r) {
            return false;
        }
        let both =
            self.inst.availability[r.a as usize] & self.inst.availability[r.b as usize] & !avoid;
        for slot in (0..64u32).filter(|s| both & (1 << s) != 0) {
            let in_slot: Vec<usize> = (0..self.slot_of.len())
                .filter(|&j| self.slot_of[j] == Some(slot))
                .collect();
            let (blockers, others): (Vec<usize>, Vec<usize>) = in_slot.iter().partition(|&&j| {
                let m = self.inst.requests[j];
                [m.a, m.b].iter().any(|p| *p == r.a || *p == r.b)
            });
            if blockers.iter().any(|&j| self.locked[j] || self.pinned[j]) {
                continue;
            }
            // With no table left and nobody of ours in the slot, one other meeting must make room.
            let evictions: Vec<Vec<usize>> =
                if self.free_tables[slot as usize] == 0 && blockers.is_empty() {
                    others
                        .into_iter()
                        .filter(|&j| !self.locked[j] && !self.pinned[j])
                        .map(|j| vec![j])
                        .collect()
                } else {
                    vec![blockers]
                };
            for evict in evictions {
                if *budget == 0 {
                    return false;
                }
                *budget -= 1;
                let saved = self.clone();
                for &j in &evict {
                    self.remove(j);
                }
                self.place(i, slot);
                self.pinned[i] = true;
                if evict
                    .iter()
                    .all(|&j| self.seat(j, 1 << slot, depth - 1, budget))
                {
                    return true;
                }
                *self = saved;
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
            flexibility(i),
            std::cmp::Reverse(inst.requests[i].priority),
            i,
        )
    });
    order
}

/// Among the `open` slots for request `i`, the one that takes least from the requests still
/// waiting to be placed: each waiting request of the same two people that could also use the
/// slot counts as much as the slot is of its remaining choices. Ties go to the slot with most
/// tables left (spreading meetings), then the earliest.
fn least_constraining(
    board: &Board<'_>,
    i: usize,
    open: u64,
    by_person: &[Vec<usize>],
    placed: &[bool],
) -> Option<u32> {
    let r = board.inst.requests[i];
    let mut cost = [0f64; 64];
    for p in [r.a, r.b] {
        for &j in &by_person[p as usize] {
            if j == i || placed[j] {
                continue;
            }
            let theirs = board.open(j) & open;
            let choices = f64::from(board.open(j).count_ones().max(1));
            for (s, c) in cost.iter_mut().enumerate() {
                if theirs & (1 << s) != 0 {
                    *c += 1.0 / choices;
                }
            }
        }
    }
    (0..64u32)
        .filter(|s| open & (1 << s) != 0)
        .min_by(|&x, &y| {
            let (cx, cy) = (cost[x as usize], cost[y as usize]);
            cx.total_cmp(&cy)
                .then(board.free_tables[y as usize].cmp(&board.free_tables[x as usize]))
                .then(x.cmp(&y))
        })
}

/// Local search: take one held meeting out when that lets two waiting ones in (each through an
/// ejection chain), until no such exchange is left or the work budget is spent.
fn improve(board: &mut Board<'_>, waiting: &mut Vec<usize>) {
    let mut work: u32 = 200_000;
    let mut better = true;
    while better && !waiting.is_empty() && work > 0 && board.free_tables.iter().any(|&t| t > 0) {
        better = false;
        let held: Vec<usize> = (0..board.slot_of.len())
            .filter(|&j| board.slot_of[j].is_some() && !board.locked[j])
            .collect();
        for j in held {
            if work == 0 {
                break;
            }
            let r = board.inst.requests[j];
            // Only worth trying if a waiting request shares a person with it.
            if !waiting.iter().any(|&w| {
                let m = board.inst.requests[w];
                [m.a, m.b].iter().any(|p| *p == r.a || *p == r.b)
            }) {
                continue;
            }
            let saved = board.clone();
            board.remove(j);
            let mut seated = Vec::new();
            for &w in waiting.iter() {
                let mut budget = 50;
                if board.seat(w, 0, 2, &mut budget) {
                    seated.push(w);
                }
                work = work.saturating_sub(51 - budget);
            }
            let mut budget = 50;
            let back = board.seat(j, 0, 2, &mut budget);
            board.pinned.iter_mut().for_each(|p| *p = false);
            if seated.len() + usize::from(back) >= 2 {
                waiting.retain(|w| !seated.contains(w));
                if !back {
                    waiting.push(j);
                }
                better = true;
                break;
            }
            *board = saved;
        }
    }
}

/// The heuristic schedule.
pub fn solve(inst: &Instance) -> Schedule {
    let mut board = Board::new(inst);
    let order = order(inst, &board);
    let mut by_person: Vec<Vec<usize>> = vec![Vec::new(); inst.availability.len()];
    for &i in &order {
        let r = inst.requests[i];
        if board.valid(&r) {
            by_person[r.a as usize].push(i);
            by_person[r.b as usize].push(i);
        }
    }
    let mut placed = board.locked.clone();
    let mut waiting = Vec::new();
    for &i in &order {
        match least_constraining(&board, i, board.open(i), &by_person, &placed) {
            Some(slot) => {
                board.place(i, slot);
                placed[i] = true;
            }
            None => waiting.push(i),
        }
    }
    for _ in 0..4 {
        let before = waiting.len();
        waiting.retain(|&i| {
            // With every table of every slot taken, no move can seat one more meeting.
            if board.free_tables.iter().all(|&t| t == 0) {
                return true;
            }
            let mut budget = 400;
            let seated = board.seat(i, 0, 3, &mut budget);
            board.pinned.iter_mut().for_each(|p| *p = false);
            !seated
        });
        if waiting.len() == before {
            break;
        }
    }
    improve(&mut board, &mut waiting);
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
    // Locked meetings are held from the start: the running value counts them exactly as the
    // best value (from `value`) does, or the bound would prune branches that are in fact better.
    let mut board = Board::new(inst);
    let locked = board
        .locked
        .iter()
        .zip(&inst.requests)
        .filter(|(l, _)| **l)
        .fold((0, 0), |(n, p), (_, r)| (n + 1, p + u64::from(r.priority)));
    if !go(
        &mut board,
        &order,
        0,
        locked,
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
#[path = "schedule_tests.rs"]
mod tests;
