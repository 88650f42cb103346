//! `shetu audit verify`: recompute the tree from the events and check it against the stored
//! leaves and every signed tree head, naming what broke.

use super::keys::KeyRing;
use super::merkle::{self, Frontier, Hash};
use super::{heads, leaf_data, parse_hash, StoredEvent, EVENT_COLUMNS};
use crate::db::Db;
use crate::error::StoreError;
use sqlx::Row;

/// The outcome of a verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every event is in place and every signed head holds: how many events, the newest
    /// head's size and root.
    Intact {
        /// Events in the tree.
        events: u64,
        /// Signed heads checked.
        heads: u64,
        /// The root of the whole tree, hex.
        root: String,
    },
    /// What broke, in words an operator can act on.
    Broken(Vec<String>),
}

/// Recomputes every leaf from the stored events and checks the tree against every signed head.
pub async fn verify(db: &Db, keys: &KeyRing) -> Result<Verdict, StoreError> {
    let mut problems = Vec::new();
    let events: Vec<StoredEvent> = sqlx::query_as(&format!(
        "SELECT {EVENT_COLUMNS} FROM audit_event WHERE leaf_index IS NOT NULL ORDER BY leaf_index"
    ))
    .fetch_all(db.pool())
    .await?;
    let stored: Vec<Hash> =
        sqlx::query("SELECT idx, hash FROM audit_node WHERE level = 0 ORDER BY idx")
            .fetch_all(db.pool())
            .await?
            .iter()
            .map(|r| {
                let hash: String = r.try_get(1)?;
                Ok(parse_hash(&hash).unwrap_or_default())
            })
            .collect::<Result<_, StoreError>>()?;
    let heads = heads(db).await?;

    // Positions must run 0, 1, 2, … without gaps.
    let mut recomputed: Vec<Hash> = Vec::with_capacity(events.len());
    for (expected, e) in events.iter().enumerate() {
        let at = e.leaf_index.unwrap_or_default();
        if at != expected as i64 && problems.len() < 20 {
            problems.push(format!(
                "the event at position {expected} is missing (the next one found is at position {at}): an event was deleted"
            ));
            break;
        }
        recomputed.push(merkle::leaf_hash(&leaf_data(e)));
    }

    // Each recomputed leaf must equal the leaf hash stored when it was integrated.
    let mut i = 0;
    while i < recomputed.len().min(stored.len()) && problems.len() < 20 {
        if recomputed[i] != stored[i] {
            let swapped = (i + 1..recomputed.len().min(stored.len()))
                .find(|&j| recomputed[i] == stored[j] && recomputed[j] == stored[i]);
            let shifted_in = recomputed.get(i + 1) == stored.get(i);
            let shifted_out = stored.get(i + 1) == recomputed.get(i);
            let id = &events[i].id;
            problems.push(match (swapped, shifted_in, shifted_out) {
                (Some(j), _, _) => {
                    format!("the events at positions {i} and {j} were reordered")
                }
                (None, true, _) => format!("an event was inserted at position {i} (event {id})"),
                (None, _, true) => {
                    format!("the event at position {i} was deleted and later ones moved up")
                }
                _ => format!("the event at position {i} (event {id}) was altered"),
            });
            if swapped.is_none() && (shifted_in || shifted_out) {
                break;
            }
            if let Some(j) = swapped {
                // Both ends of the swap are named; carry on after them.
                if j == i + 1 {
                    i += 1;
                }
            }
        }
        i += 1;
    }
    if stored.len() > recomputed.len() && problems.is_empty() {
        problems.push(format!(
            "the tree holds {} leaves but only {} events were found: events from position {} on were removed",
            stored.len(),
            recomputed.len(),
            recomputed.len()
        ));
    }

    // Every signed head must be signed by a known key and match the recomputed tree.
    let mut frontier = Frontier::default();
    let mut leaves = recomputed.iter();
    let mut cut = None;
    for head in &heads {
        let size = head.tree_size as u64;
        while frontier.size() < size {
            match leaves.next() {
                Some(leaf) => frontier.push(*leaf),
                None => break,
            }
        }
        let root = parse_hash(&head.root_hash).unwrap_or_default();
        match keys.check(&head.key_id, size, head.timestamp, &root, &head.signature) {
            None => problems.push(format!(
                "the tree head of size {size} was signed by key {}, which is not among the known keys",
                head.key_id
            )),
            Some(false) => problems.push(format!(
                "the signature of the tree head of size {size} is not valid"
            )),
            Some(true) => {}
        }
        if frontier.size() < size {
            // Heads come oldest first: the last one noted is the largest, which says most.
            cut = Some(size);
            continue;
        }
        if frontier.root() != root {
            problems.push(format!(
                "the events no longer match the signed tree head of size {size}"
            ));
        }
    }
    if let Some(size) = cut {
        problems.push(format!(
            "a tree head covering {size} events was published, but only {} remain: events were removed from the end",
            frontier.size()
        ));
    }
    if problems.is_empty() {
        for leaf in leaves {
            frontier.push(*leaf);
        }
        Ok(Verdict::Intact {
            events: frontier.size(),
            heads: heads.len() as u64,
            root: super::hex(&frontier.root()),
        })
    } else {
        problems.dedup();
        Ok(Verdict::Broken(problems))
    }
}
