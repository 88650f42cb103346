//! Publishing counts of people without giving anyone away: a two-way table of counts with its
//! row and column totals, where every count from 1 to `min - 1` is hidden (primary suppression)
//! and enough further counts are hidden (secondary suppression) that no hidden count can be
//! worked back out of the published ones by adding and subtracting along rows and columns.
//!
//! The test for "cannot be worked back out" is exact for a table with totals. Draw a graph
//! whose nodes are the table's lines (every row and every column, the totals' row and column
//! included) and whose edges are the hidden cells, each joining its row to its column. The
//! published counts leave the hidden ones free to move along any cycle of this graph (add one
//! on a cell, take one off the next, around the cycle: every line still adds up). A hidden count
//! is therefore fixed by the published ones exactly when its edge lies on no cycle — when it is
//! a *bridge*. Secondary suppression hides more cells until no hidden cell is a bridge; it
//! chooses, each time, the cheapest four-cell cycle through the exposed cell (the fewest people
//! newly hidden, never a zero that is not already hidden), so as little is lost as possible.
//!
//! Zeros are published: "nobody" reveals nobody.

/// A table of counts of `rows` × `cols` with a totals row and a totals column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    rows: usize,
    cols: usize,
    /// `(rows + 1) × (cols + 1)`, row-major; the last row and column are the totals.
    values: Vec<i64>,
}

/// Where a count sits: an inner cell, a row's total, a column's total or the grand total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// Row, column.
    Cell(usize, usize),
    /// A row's total.
    Row(usize),
    /// A column's total.
    Column(usize),
    /// The grand total.
    Total,
}

impl Grid {
    /// An empty table.
    pub fn new(rows: usize, cols: usize) -> Grid {
        Grid {
            rows,
            cols,
            values: vec![0; (rows + 1) * (cols + 1)],
        }
    }

    /// Number of rows (without the totals row).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns (without the totals column).
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Adds `n` to a cell and to its totals.
    pub fn add(&mut self, row: usize, col: usize, n: i64) {
        for (r, c) in [
            (row, col),
            (row, self.cols),
            (self.rows, col),
            (self.rows, self.cols),
        ] {
            let i = self.index(r, c);
            self.values[i] += n;
        }
    }

    /// A count.
    pub fn get(&self, at: At) -> i64 {
        self.values[self.at(at)]
    }

    fn index(&self, r: usize, c: usize) -> usize {
        r * (self.cols + 1) + c
    }

    fn at(&self, at: At) -> usize {
        match at {
            At::Cell(r, c) => self.index(r, c),
            At::Row(r) => self.index(r, self.cols),
            At::Column(c) => self.index(self.rows, c),
            At::Total => self.index(self.rows, self.cols),
        }
    }

    /// The table as it may be published: counts from 1 to `min - 1` hidden, and further counts
    /// hidden until none can be recomputed from the rest.
    pub fn protect(&self, min: i64) -> Protected {
        let mut hidden: Vec<bool> = self.values.iter().map(|&v| v > 0 && v < min).collect();
        let mut secondary = 0;
        while let Some(exposed) = self.first_bridge(&hidden) {
            let added = self.close_cycle(exposed, &mut hidden);
            secondary += added;
            if added == 0 {
                // Cannot happen (a total is never zero beside a hidden count), but a loop
                // must not spin: hide everything rather than publish an exposed count.
                hidden.iter_mut().for_each(|h| *h = true);
                break;
            }
        }
        Protected {
            rows: self.rows,
            cols: self.cols,
            values: self
                .values
                .iter()
                .zip(&hidden)
                .map(|(&v, &h)| (!h).then_some(v))
                .collect(),
            secondary,
        }
    }

    /// Hides the cheapest set of cells that puts hidden cell `(r, c)` on a four-cell cycle
    /// `(r, c) (r, c2) (r2, c2) (r2, c)`; returns how many it newly hid.
    fn close_cycle(&self, (r, c): (usize, usize), hidden: &mut [bool]) -> usize {
        let mut best: Option<(i64, usize, [usize; 3])> = None;
        for r2 in (0..=self.rows).filter(|&x| x != r) {
            for c2 in (0..=self.cols).filter(|&x| x != c) {
                let cells = [self.index(r, c2), self.index(r2, c2), self.index(r2, c)];
                if cells.iter().any(|&i| !hidden[i] && self.values[i] == 0) {
                    continue;
                }
                let new: Vec<usize> = cells.iter().copied().filter(|&i| !hidden[i]).collect();
                let cost: i64 = new.iter().map(|&i| self.values[i]).sum();
                let better = best.is_none_or(|(b, n, _)| (cost, new.len()) < (b, n));
                if better {
                    best = Some((cost, new.len(), cells));
                }
            }
        }
        let Some((_, added, cells)) = best else {
            return 0;
        };
        for i in cells {
            hidden[i] = true;
        }
        added
    }

    /// The first hidden cell whose count the published ones fix (a bridge of the graph of
    /// lines joined by hidden cells), as (row, column) with the totals at `rows` / `cols`.
    fn first_bridge(&self, hidden: &[bool]) -> Option<(usize, usize)> {
        let (nr, nc) = (self.rows + 1, self.cols + 1);
        // Nodes: rows 0..nr, then columns nr..nr+nc. Edges: hidden cells.
        let mut adjacent: Vec<Vec<(usize, usize)>> = vec![Vec::new(); nr + nc];
        for r in 0..nr {
            for c in 0..nc {
                let i = self.index(r, c);
                if hidden[i] {
                    adjacent[r].push((nr + c, i));
                    adjacent[nr + c].push((r, i));
                }
            }
        }
        let mut bridges = Bridges {
            adjacent: &adjacent,
            order: vec![usize::MAX; nr + nc],
            low: vec![0; nr + nc],
            next: 0,
            found: Vec::new(),
        };
        for node in 0..nr + nc {
            if bridges.order[node] == usize::MAX {
                bridges.visit(node, usize::MAX);
            }
        }
        bridges.found.into_iter().min().map(|i| (i / nc, i % nc))
    }
}

/// Tarjan's bridge search (the graphs here have a few hundred nodes at most).
struct Bridges<'a> {
    adjacent: &'a [Vec<(usize, usize)>],
    order: Vec<usize>,
    low: Vec<usize>,
    next: usize,
    found: Vec<usize>,
}

impl Bridges<'_> {
    fn visit(&mut self, node: usize, via: usize) {
        self.order[node] = self.next;
        self.low[node] = self.next;
        self.next += 1;
        for &(to, edge) in &self.adjacent[node] {
            if edge == via {
                continue;
            }
            if self.order[to] == usize::MAX {
                self.visit(to, edge);
                self.low[node] = self.low[node].min(self.low[to]);
                if self.low[to] > self.order[node] {
                    self.found.push(edge);
                }
            } else {
                self.low[node] = self.low[node].min(self.order[to]);
            }
        }
    }
}

/// A table ready to publish: `None` where a count is hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protected {
    rows: usize,
    cols: usize,
    values: Vec<Option<i64>>,
    secondary: usize,
}

impl Protected {
    /// A published count, or `None` when hidden.
    pub fn get(&self, at: At) -> Option<i64> {
        let (r, c) = match at {
            At::Cell(r, c) => (r, c),
            At::Row(r) => (r, self.cols),
            At::Column(c) => (self.rows, c),
            At::Total => (self.rows, self.cols),
        };
        self.values[r * (self.cols + 1) + c]
    }

    /// How many counts were hidden only to protect others.
    pub fn secondary(&self) -> usize {
        self.secondary
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn grid(rows: &[&[i64]]) -> Grid {
        let mut g = Grid::new(rows.len(), rows.first().map_or(0, |r| r.len()));
        for (r, row) in rows.iter().enumerate() {
            for (c, &v) in row.iter().enumerate() {
                g.add(r, c, v);
            }
        }
        g
    }

    /// Whether the published counts of `p` fix the hidden count at `(r, c)`, decided by linear
    /// algebra rather than by graphs: the cell is fixed exactly when its unit vector lies in the
    /// row space of the table's equations restricted to the hidden cells.
    fn recomputable(g: &Grid, p: &Protected, target: (usize, usize)) -> bool {
        let (nr, nc) = (g.rows + 1, g.cols + 1);
        let unknown: Vec<(usize, usize)> = (0..nr)
            .flat_map(|r| (0..nc).map(move |c| (r, c)))
            .filter(|&(r, c)| p.values[r * nc + c].is_none())
            .collect();
        let column = |cell: (usize, usize)| unknown.iter().position(|&u| u == cell);
        // One equation per line: its cells minus its total.
        let mut equations: Vec<Vec<f64>> = Vec::new();
        for r in 0..nr {
            let mut e = vec![0.0; unknown.len()];
            for c in 0..nc {
                if let Some(k) = column((r, c)) {
                    e[k] = if c == nc - 1 { -1.0 } else { 1.0 };
                }
            }
            equations.push(e);
        }
        for c in 0..nc {
            let mut e = vec![0.0; unknown.len()];
            for r in 0..nr {
                if let Some(k) = column((r, c)) {
                    e[k] = if r == nr - 1 { -1.0 } else { 1.0 };
                }
            }
            equations.push(e);
        }
        let before = rank(equations.clone());
        let mut unit = vec![0.0; unknown.len()];
        unit[column(target).expect("the target is hidden")] = 1.0;
        equations.push(unit);
        rank(equations) == before
    }

    fn rank(mut m: Vec<Vec<f64>>) -> usize {
        let cols = m.first().map_or(0, Vec::len);
        let mut rank = 0;
        for c in 0..cols {
            let Some(pivot) =
                (rank..m.len()).max_by(|&a, &b| m[a][c].abs().total_cmp(&m[b][c].abs()))
            else {
                break;
            };
            if m[pivot][c].abs() < 1e-9 {
                continue;
            }
            m.swap(rank, pivot);
            let row = m[rank].clone();
            for (r, other) in m.iter_mut().enumerate() {
                if r != rank {
                    let f = other[c] / row[c];
                    for (x, y) in other.iter_mut().zip(&row) {
                        *x -= f * y;
                    }
                }
            }
            rank += 1;
        }
        rank
    }

    fn check(g: &Grid, min: i64) -> Protected {
        let p = g.protect(min);
        let nc = g.cols + 1;
        for (i, (&v, &shown)) in g.values.iter().zip(&p.values).enumerate() {
            if v > 0 && v < min {
                assert_eq!(shown, None, "a small count ({v}) is published at {i}");
            }
            if let Some(s) = shown {
                assert_eq!(s, v, "a published count is changed");
            }
            if shown.is_none() {
                assert!(
                    !recomputable(g, &p, (i / nc, i % nc)),
                    "hidden count at ({}, {}) can be recomputed: {g:?} {p:?}",
                    i / nc,
                    i % nc
                );
            }
        }
        p
    }

    #[test]
    fn one_small_count_hides_a_rectangle_of_the_cheapest_neighbours() {
        let g = grid(&[&[40, 3, 25], &[30, 50, 12], &[20, 60, 90]]);
        let p = check(&g, 10);
        assert_eq!(p.get(At::Cell(0, 1)), None);
        // The cheapest way to protect 3: with 12 (its row 1 neighbour in column 2) and 25, 50.
        assert_eq!(p.get(At::Cell(0, 2)), None);
        assert_eq!(p.get(At::Cell(1, 1)), None);
        assert_eq!(p.get(At::Cell(1, 2)), None);
        assert_eq!(p.secondary(), 3);
        // Everything else, the totals included, is published.
        assert_eq!(p.get(At::Cell(0, 0)), Some(40));
        assert_eq!(p.get(At::Row(0)), Some(68));
        assert_eq!(p.get(At::Column(1)), Some(113));
        assert_eq!(p.get(At::Total), Some(330));
    }

    #[test]
    fn a_small_row_total_is_hidden_and_protected_too() {
        // Row 1 has 4 + 0 = 4 people in all: the cell and the row total are both small.
        let g = grid(&[&[40, 30], &[4, 0], &[25, 35]]);
        let p = check(&g, 10);
        assert_eq!(p.get(At::Row(1)), None);
        assert_eq!(p.get(At::Cell(1, 0)), None);
        assert_eq!(p.get(At::Cell(1, 1)), Some(0), "a zero is published");
    }

    #[test]
    fn the_checker_sees_a_count_given_away_by_its_total() {
        let g = grid(&[&[40, 3], &[30, 50]]);
        let only_primary = Protected {
            rows: 2,
            cols: 2,
            values: g.values.iter().map(|&v| (v != 3).then_some(v)).collect(),
            secondary: 0,
        };
        assert!(recomputable(&g, &only_primary, (0, 1)));
        let p = check(&g, 10);
        assert!(p.secondary() >= 3);
    }

    #[test]
    fn a_table_with_nothing_small_is_published_whole() {
        let g = grid(&[&[40, 30], &[10, 0]]);
        let p = check(&g, 10);
        assert_eq!(p.secondary(), 0);
        assert!(p.values.iter().all(Option::is_some));
    }

    #[test]
    fn two_small_counts_in_a_line_are_not_enough_when_a_bridge_joins_them() {
        // Two protected rectangles joined by one hidden cell: each line has two hidden cells or
        // none, yet the joining cell would be fixed; the bridge test catches it.
        let g = grid(&[
            &[5, 5, 40, 40, 40],
            &[5, 5, 40, 40, 40],
            &[40, 40, 5, 40, 40],
            &[40, 40, 40, 5, 5],
            &[40, 40, 40, 5, 5],
        ]);
        check(&g, 10);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn no_hidden_count_can_be_recomputed(
            rows in 1usize..6,
            cols in 1usize..6,
            seed in proptest::collection::vec(0i64..40, 36),
            small in proptest::collection::vec(any::<bool>(), 36),
        ) {
            let mut g = Grid::new(rows, cols);
            for r in 0..rows {
                for c in 0..cols {
                    let k = r * 6 + c;
                    // Many small counts and zeros, as in a thinly spread district table.
                    let v = if small[k] { seed[k] % 10 } else { seed[k] };
                    g.add(r, c, v);
                }
            }
            check(&g, 10);
        }
    }
}
