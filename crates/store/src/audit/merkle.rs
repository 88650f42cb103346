//! The Merkle tree of RFC 9162 (Certificate Transparency 2.0), §2.1: leaf and node hashes with
//! domain separation, the tree hash of any range, inclusion and consistency proofs, and their
//! verification as a client does it. Pure: hashes of complete subtrees come from a lookup.

use sha2::{Digest, Sha256};

/// A SHA-256 hash.
pub type Hash = [u8; 32];

/// The hash of a leaf: `SHA-256(0x00 || data)`.
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(data);
    h.finalize().into()
}

/// The hash of an inner node: `SHA-256(0x01 || left || right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The hash of the empty tree: `SHA-256()`.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// The largest power of two smaller than `n` (n ≥ 2).
fn split(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1u64 << (63 - (n - 1).leading_zeros())
}

/// Where a complete, aligned subtree sits: level `l` (it covers `2^l` leaves) and its index.
pub type NodeRef = (u32, u64);

/// The tree hash of leaves `[start, start + size)`, built from complete aligned subtrees that
/// `node` looks up. Ranges that proofs need always decompose into such subtrees.
pub fn range_hash(start: u64, size: u64, node: &mut impl FnMut(NodeRef) -> Hash) -> Hash {
    if size == 0 {
        return empty_root();
    }
    if size.is_power_of_two() && start.is_multiple_of(size) {
        return node((size.trailing_zeros(), start / size));
    }
    let k = split(size);
    let left = range_hash(start, k, node);
    let right = range_hash(start + k, size - k, node);
    node_hash(&left, &right)
}

/// The audit path of leaf `m` in the tree of size `n` (RFC 9162 §2.1.3.1), leaf-side first.
pub fn inclusion_path(m: u64, n: u64, node: &mut impl FnMut(NodeRef) -> Hash) -> Vec<Hash> {
    fn path(
        m: u64,
        start: u64,
        n: u64,
        node: &mut impl FnMut(NodeRef) -> Hash,
        out: &mut Vec<Hash>,
    ) {
        if n <= 1 {
            return;
        }
        let k = split(n);
        if m < k {
            path(m, start, k, node, out);
            out.push(range_hash(start + k, n - k, node));
        } else {
            path(m - k, start + k, n - k, node, out);
            out.push(range_hash(start, k, node));
        }
    }
    let mut out = Vec::new();
    path(m, 0, n, node, &mut out);
    out
}

/// The consistency proof between the trees of sizes `m` and `n` (RFC 9162 §2.1.4.1).
pub fn consistency_path(m: u64, n: u64, node: &mut impl FnMut(NodeRef) -> Hash) -> Vec<Hash> {
    fn subproof(
        m: u64,
        start: u64,
        n: u64,
        whole: bool,
        node: &mut impl FnMut(NodeRef) -> Hash,
        out: &mut Vec<Hash>,
    ) {
        if m == n {
            if !whole {
                out.push(range_hash(start, n, node));
            }
            return;
        }
        let k = split(n);
        if m <= k {
            subproof(m, start, k, whole, node, out);
            out.push(range_hash(start + k, n - k, node));
        } else {
            subproof(m - k, start + k, n - k, false, node, out);
            out.push(range_hash(start, k, node));
        }
    }
    let mut out = Vec::new();
    if m > 0 && m < n {
        subproof(m, 0, n, true, node, &mut out);
    }
    out
}

/// Checks an inclusion proof as a client does (RFC 9162 §2.1.3.2).
pub fn verify_inclusion(leaf: &Hash, index: u64, size: u64, path: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut f_n, mut s_n) = (index, size - 1);
    let mut r = *leaf;
    for p in path {
        if s_n == 0 {
            return false;
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = node_hash(p, &r);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    s_n == 0 && &r == root
}

/// Checks a consistency proof between two tree heads as a client does (RFC 9162 §2.1.4.2).
pub fn verify_consistency(m: u64, n: u64, path: &[Hash], first: &Hash, second: &Hash) -> bool {
    if m > n {
        return false;
    }
    if m == n {
        return path.is_empty() && first == second;
    }
    if m == 0 {
        return path.is_empty();
    }
    let mut path: Vec<Hash> = path.to_vec();
    if m.is_power_of_two() {
        path.insert(0, *first);
    }
    let Some((head, rest)) = path.split_first() else {
        return false;
    };
    let (mut f_n, mut s_n) = (m - 1, n - 1);
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    let (mut fr, mut sr) = (*head, *head);
    for c in rest {
        if s_n == 0 {
            return false;
        }
        if f_n & 1 == 1 || f_n == s_n {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    &fr == first && &sr == second && s_n == 0
}

/// The roots of a growing tree, leaf by leaf, in O(log n) memory: what `shetu audit verify`
/// streams the recomputed leaves through.
#[derive(Debug, Default, Clone)]
pub struct Frontier {
    /// Complete subtrees from the largest (leftmost) to the smallest: (level, hash).
    stack: Vec<(u32, Hash)>,
    size: u64,
}

impl Frontier {
    /// Appends a leaf hash.
    pub fn push(&mut self, leaf: Hash) {
        let mut cur = (0u32, leaf);
        while let Some(&(level, left)) = self.stack.last() {
            if level != cur.0 {
                break;
            }
            self.stack.pop();
            cur = (level + 1, node_hash(&left, &cur.1));
        }
        self.stack.push(cur);
        self.size += 1;
    }

    /// Leaves so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The root of the tree so far.
    pub fn root(&self) -> Hash {
        let mut it = self.stack.iter().rev();
        let Some(&(_, mut acc)) = it.next() else {
            return empty_root();
        };
        for (_, left) in it {
            acc = node_hash(left, &acc);
        }
        acc
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn leaves(n: u64) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(&i.to_be_bytes())).collect()
    }

    /// The textbook recursive MTH over a slice.
    fn mth(d: &[Hash]) -> Hash {
        match d.len() {
            0 => empty_root(),
            1 => d[0],
            n => {
                let k = split(n as u64) as usize;
                node_hash(&mth(&d[..k]), &mth(&d[k..]))
            }
        }
    }

    fn nodes(d: &[Hash]) -> HashMap<NodeRef, Hash> {
        let mut map = HashMap::new();
        let mut level = d.to_vec();
        let mut l = 0;
        while !level.is_empty() {
            for (i, h) in level.iter().enumerate() {
                map.insert((l, i as u64), *h);
            }
            level = level
                .chunks(2)
                .filter(|c| c.len() == 2)
                .map(|c| node_hash(&c[0], &c[1]))
                .collect();
            l += 1;
        }
        map
    }

    #[test]
    fn proofs_verify_for_every_leaf_and_every_pair_of_sizes() {
        let d = leaves(37);
        let map = nodes(&d);
        let mut get = |r: NodeRef| map[&r];
        let mut frontier = Frontier::default();
        for n in 1..=37u64 {
            frontier.push(d[n as usize - 1]);
            let root = mth(&d[..n as usize]);
            assert_eq!(range_hash(0, n, &mut get), root, "size {n}");
            assert_eq!(frontier.root(), root, "frontier at size {n}");
            for m in 0..n {
                let path = inclusion_path(m, n, &mut get);
                assert!(
                    verify_inclusion(&d[m as usize], m, n, &path, &root),
                    "leaf {m} of {n}"
                );
                if n > 1 {
                    let other = &d[(m as usize + 1) % n as usize];
                    assert!(
                        !verify_inclusion(other, m, n, &path, &root),
                        "wrong leaf {m} of {n}"
                    );
                }
            }
            for m in 1..=n {
                let first = mth(&d[..m as usize]);
                let path = consistency_path(m, n, &mut get);
                assert!(verify_consistency(m, n, &path, &first, &root), "{m} → {n}");
                if m < n {
                    let forged = leaf_hash(b"forged");
                    assert!(
                        !verify_consistency(m, n, &path, &forged, &root),
                        "forged {m} → {n}"
                    );
                }
            }
        }
    }
}
