//! Cross-language synonyms a country pack ships for its catalogue words (honey ↔ মধু ↔ عسل,
//! hilsa ↔ ইলিশ, dried fish ↔ শুঁটকি). Applied when searching, so a pack can change them without a
//! rebuild of the index.
//!
//! The file has one group per line, members separated by commas; a member may be several words.
//! Blank lines and lines starting with `#` are skipped. Members are analysed like any text, so
//! a group matches every spelling variant and inflection of its members.

use crate::analyzer;
use std::collections::HashMap;

/// Synonym groups, looked up by the stems of a member.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    /// Per group, its members as stems.
    groups: Vec<Vec<Vec<String>>>,
    /// A member's stems joined by a space → its groups.
    by_member: HashMap<String, Vec<usize>>,
    /// The most words any member has.
    longest: usize,
}

impl Synonyms {
    /// Reads groups from the file's text.
    pub fn parse(text: &str) -> Synonyms {
        let mut synonyms = Synonyms::default();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let group: Vec<Vec<String>> = line
                .split([',', '،'])
                .map(|m| analyzer::terms(m).into_iter().map(|t| t.stem).collect())
                .filter(|m: &Vec<String>| !m.is_empty())
                .collect();
            if group.len() < 2 {
                continue;
            }
            let id = synonyms.groups.len();
            for member in &group {
                synonyms.longest = synonyms.longest.max(member.len());
                let ids = synonyms.by_member.entry(member.join(" ")).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            synonyms.groups.push(group);
        }
        synonyms
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The most words a member has (how far a query must look ahead).
    pub fn longest(&self) -> usize {
        self.longest
    }

    /// Every member of the groups with a one-word member that begins with `folded` (a word
    /// being typed, at least three letters) or lies within `distance` edits of `stem` (a word
    /// the index does not know): so `hon` and `hony` both reach honey's group.
    pub fn near(&self, folded: &str, stem: &str, distance: usize) -> Vec<Vec<String>> {
        let mut groups: Vec<usize> = Vec::new();
        let typed = folded.chars().count() >= 3;
        let letters = stem.chars().count();
        for (member, ids) in &self.by_member {
            if member.contains(' ') {
                continue;
            }
            // Words whose lengths differ by more than `distance` are farther apart than that.
            let close = (typed && member.starts_with(folded))
                || (distance > 0
                    && member.chars().count().abs_diff(letters) <= distance
                    && edits(member, stem) <= distance);
            if close {
                groups.extend(ids);
            }
        }
        groups.sort_unstable();
        groups.dedup();
        let mut out: Vec<Vec<String>> = Vec::new();
        for g in groups {
            for member in &self.groups[g] {
                if !out.contains(member) {
                    out.push(member.clone());
                }
            }
        }
        out
    }

    /// The other members of every group `stems` (a member's words, stemmed) belongs to.
    pub fn others(&self, stems: &[String]) -> Vec<Vec<String>> {
        let key = stems.join(" ");
        let mut out: Vec<Vec<String>> = Vec::new();
        for &g in self.by_member.get(&key).into_iter().flatten() {
            for member in &self.groups[g] {
                if member.as_slice() != stems && !out.contains(member) {
                    out.push(member.clone());
                }
            }
        }
        out
    }
}

/// Edit distance (insertions, deletions, substitutions and swaps of neighbours) in letters.
pub(crate) fn edits(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_match_any_spelling_and_inflection_of_a_member() {
        let s = Synonyms::parse(
            "# food\nhoney, মধু, عسل\n\nhilsa, ইলিশ, ilish\ndried fish, শুঁটকি\nlonely\n",
        );
        assert_eq!(s.len(), 3, "a line with one member is no group");
        assert_eq!(s.longest(), 2);
        let stem = |w: &str| analyzer::term(w).stem;
        let of = |w: &str| s.others(&[stem(w)]);
        assert!(of("মধুর").contains(&vec![stem("honey")]));
        assert!(of("العسل").contains(&vec![stem("মধু")]));
        assert!(of("শুটকি").contains(&vec![stem("dried"), stem("fish")]));
        assert!(s
            .others(&[stem("dried"), stem("fish")])
            .contains(&vec![stem("শুঁটকি")]));
        assert!(of("rice").is_empty());
        assert!(s.near("hon", "hon", 0).contains(&vec![stem("মধু")]));
        assert!(s.near("hony", "hony", 1).contains(&vec![stem("عسل")]));
        assert!(s.near("ri", "ri", 0).is_empty(), "two letters are too few");
        assert_eq!(edits("jackfriut", "jackfruit"), 1);
        assert_eq!(edits("কাঁঠল", "কাঁঠাল"), 1);
    }
}
