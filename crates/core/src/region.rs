//! Administrative regions (division → district → upazila → union in Bangladesh; governorates in
//! Jordan), as a country pack defines them.

use crate::lang::LocalizedText;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A region's id: the pack code, the level and the source id, e.g. `bd.district.47` or
/// `jo.governorate.am`. Lower-case ASCII letters, digits, `.`, `-` and `_`, at most 64 bytes.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegionId(String);

/// The text is not a region id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a region id")]
pub struct BadRegionId;

impl RegionId {
    /// Checks the shape of a region id (not whether the region exists).
    pub fn parse(input: &str) -> Result<RegionId, BadRegionId> {
        let ok = !input.is_empty()
            && input.len() <= 64
            && input.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_')
            });
        if ok {
            Ok(RegionId(input.to_owned()))
        } else {
            Err(BadRegionId)
        }
    }

    /// Builds the id of a region of `pack` at `level` with the source id `local`.
    pub fn compose(pack: &str, level: &str, local: &str) -> Result<RegionId, BadRegionId> {
        RegionId::parse(&format!("{pack}.{level}.{}", local.to_ascii_lowercase()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RegionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for RegionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RegionId({})", self.0)
    }
}

impl std::str::FromStr for RegionId {
    type Err = BadRegionId;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RegionId::try_from(s.to_owned())
    }
}

crate::__sql_text_codec!(RegionId);

impl TryFrom<String> for RegionId {
    type Error = BadRegionId;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        RegionId::parse(&value)
    }
}

impl From<RegionId> for String {
    fn from(value: RegionId) -> Self {
        value.0
    }
}

/// One administrative region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Region {
    /// Its id.
    pub id: RegionId,
    /// The region it lies in (`None` for the top level).
    pub parent: Option<RegionId>,
    /// Its level, as the pack names levels (`division`, `district`, `upazila`, `union`).
    pub level: String,
    /// Depth in the hierarchy, 0 for the top level.
    pub depth: u8,
    /// Its ISO 3166-2 code where it has one (`BD-13`, `JO-AM`).
    pub iso_code: Option<String>,
    /// Its name in the languages the data gives.
    pub name: LocalizedText,
    /// Position in the source list, to keep a stable order.
    pub position: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_ids() {
        assert_eq!(
            RegionId::compose("jo", "governorate", "AM").map(|r| r.to_string()),
            Ok("jo.governorate.am".into())
        );
        assert!(RegionId::parse("bd.district.47").is_ok());
        assert!(RegionId::parse("BD.district").is_err());
        assert!(RegionId::parse("").is_err());
        assert!(RegionId::parse("bd;drop table").is_err());
        assert!(RegionId::parse(&"a".repeat(65)).is_err());
    }
}
