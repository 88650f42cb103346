//! Collectors that count matches in the same pass as the search: by facet child and by price
//! band.

use std::collections::HashMap;
use tantivy::schema::Facet;

/// Counts matches by the child of `under` they fall in, as tantivy's `FacetCollector` does, but
/// reading only the facet values of the matches: tantivy's collector walks the field's whole
/// facet dictionary for every search and segment, and with every region of a country indexed
/// (thousands of places) that walk cost more than the search. Each distinct value met is
/// resolved once per segment; a match counts once per child.
pub(super) struct ChildCounts {
    pub(super) field: &'static str,
    pub(super) under: Facet,
}

pub(super) struct ChildCountsInSegment {
    reader: tantivy::fastfield::FacetReader,
    prefix: Vec<u8>,
    /// Each facet ordinal met, and the child it falls in (`None`: not under `prefix`).
    seen: HashMap<u64, Option<usize>>,
    children: Vec<String>,
    counts: Vec<u64>,
    of_doc: Vec<usize>,
    bytes: Vec<u8>,
}

impl ChildCountsInSegment {
    fn child_of(&mut self, ord: u64) -> Option<usize> {
        self.bytes.clear();
        if !self
            .reader
            .facet_dict()
            .ord_to_term(ord, &mut self.bytes)
            .ok()?
        {
            return None;
        }
        let rest = if self.prefix.is_empty() {
            &self.bytes[..]
        } else {
            self.bytes
                .strip_prefix(&self.prefix[..])?
                .strip_prefix(&[0u8])?
        };
        if rest.is_empty() {
            return None;
        }
        let end = rest.iter().position(|b| *b == 0).unwrap_or(rest.len());
        let name = String::from_utf8_lossy(&rest[..end]);
        match self.children.iter().position(|c| *c == name) {
            Some(i) => Some(i),
            None => {
                self.children.push(name.into_owned());
                self.counts.push(0);
                Some(self.children.len() - 1)
            }
        }
    }
}

impl tantivy::collector::Collector for ChildCounts {
    type Fruit = HashMap<String, u64>;
    type Child = ChildCountsInSegment;

    fn for_segment(
        &self,
        _segment: tantivy::SegmentOrdinal,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<ChildCountsInSegment> {
        Ok(ChildCountsInSegment {
            reader: reader.facet_reader(self.field)?,
            prefix: self.under.encoded_str().as_bytes().to_vec(),
            seen: HashMap::new(),
            children: Vec::new(),
            counts: Vec::new(),
            of_doc: Vec::new(),
            bytes: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<HashMap<String, u64>>,
    ) -> tantivy::Result<HashMap<String, u64>> {
        let mut all: HashMap<String, u64> = HashMap::new();
        for fruit in fruits {
            for (child, count) in fruit {
                *all.entry(child).or_default() += count;
            }
        }
        Ok(all)
    }
}

impl tantivy::collector::SegmentCollector for ChildCountsInSegment {
    type Fruit = HashMap<String, u64>;

    fn collect(&mut self, doc: tantivy::DocId, _score: tantivy::Score) {
        self.of_doc.clear();
        let ords: Vec<u64> = self.reader.facet_ords(doc).collect();
        for ord in ords {
            let child = match self.seen.get(&ord) {
                Some(child) => *child,
                None => {
                    let child = self.child_of(ord);
                    self.seen.insert(ord, child);
                    child
                }
            };
            if let Some(c) = child {
                if !self.of_doc.contains(&c) {
                    self.of_doc.push(c);
                    self.counts[c] += 1;
                }
            }
        }
    }

    fn harvest(self) -> HashMap<String, u64> {
        self.children.into_iter().zip(self.counts).collect()
    }
}

/// Counts matches by price band (`from` inclusive, `to` exclusive) from the price column, in the
/// same pass as the rest of a faceted search.
pub(super) struct PriceBands(pub(super) Vec<(u64, u64)>);

pub(super) struct PriceBandsInSegment {
    bands: Vec<(u64, u64)>,
    prices: tantivy::columnar::Column<u64>,
    counts: Vec<u64>,
}

impl tantivy::collector::Collector for PriceBands {
    type Fruit = Vec<u64>;
    type Child = PriceBandsInSegment;

    fn for_segment(
        &self,
        _segment: tantivy::SegmentOrdinal,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<PriceBandsInSegment> {
        Ok(PriceBandsInSegment {
            bands: self.0.clone(),
            prices: reader.fast_fields().u64("price")?,
            counts: vec![0; self.0.len()],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<u64>>) -> tantivy::Result<Vec<u64>> {
        let mut total = vec![0; self.0.len()];
        for fruit in fruits {
            for (t, c) in total.iter_mut().zip(fruit) {
                *t += c;
            }
        }
        Ok(total)
    }
}

impl tantivy::collector::SegmentCollector for PriceBandsInSegment {
    type Fruit = Vec<u64>;

    fn collect(&mut self, doc: tantivy::DocId, _score: tantivy::Score) {
        if let Some(price) = self.prices.first(doc) {
            for (count, (from, to)) in self.counts.iter_mut().zip(&self.bands) {
                if (*from..*to).contains(&price) {
                    *count += 1;
                }
            }
        }
    }

    fn harvest(self) -> Vec<u64> {
        self.counts
    }
}
