//! Country packs: a country's currency and how it writes money, its phone-number rules,
//! languages, time zone and administrative regions — data in `packs/<code>/`, embedded in the
//! binary so a fresh machine needs nothing else.

mod load;

pub use load::PackError;

use shetu_core::{Currency, Lang, LocalizedText, MoneyFormat, PhoneRules, Region, RegionId};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A country pack, parsed and indexed.
#[derive(Debug)]
pub struct Pack {
    /// Pack code, e.g. `bd`.
    pub code: String,
    /// ISO 3166-1 alpha-2 country code, e.g. `BD`.
    pub country: String,
    /// The country's name in several languages.
    pub name: LocalizedText,
    /// Where the pack's data comes from (with licences), in each language.
    pub data_credit: LocalizedText,
    /// The data-protection law that applies, in each language.
    pub data_protection_law: LocalizedText,
    /// The language used when a person has not chosen one.
    pub default_language: Lang,
    /// Languages the country's people are served in, most used first.
    pub languages: Vec<Lang>,
    /// IANA time zone, e.g. `Asia/Dhaka`.
    pub time_zone: String,
    /// The time zone's offset from UTC in minutes (both packs keep one offset all year).
    pub utc_offset_minutes: i32,
    /// The currency, with its minor units.
    pub currency: Currency,
    /// How amounts are written.
    pub money_format: MoneyFormat,
    /// Phone-number rules.
    pub phone: PhoneRules,
    /// Names of the region levels, top first.
    pub region_levels: Vec<String>,
    /// Cross-language synonyms for search (`search/synonyms.txt`: one group per line, members
    /// separated by commas), empty if the pack has none.
    pub synonyms: String,
    /// Labels of the skills taxonomy in the country's languages (`taxonomy/labels.csv`: columns
    /// `kind` (`occupation` or `skill`), `key` (an occupation's code or a skill's ESCO uuid),
    /// `en` (the English label, for the translator) and `bn`: the label, then other names people
    /// use, separated by `;`), empty if the pack has none.
    pub taxonomy_labels: String,
    /// Levels of education people are asked for, lowest first.
    pub education: Vec<EducationLevel>,
    regions: Vec<Region>,
    by_id: HashMap<RegionId, usize>,
    children: HashMap<Option<RegionId>, Vec<usize>>,
}

/// A level of education as the country names it (e.g. SSC, HSC in Bangladesh).
#[derive(Debug, Clone)]
pub struct EducationLevel {
    /// Stable code, e.g. `ssc`.
    pub code: String,
    /// Position, lowest first (a vacancy asking for a level accepts this one and every higher).
    pub rank: u8,
    /// Its name in several languages.
    pub name: LocalizedText,
}

impl Pack {
    /// An education level by code.
    pub fn education_level(&self, code: &str) -> Option<&EducationLevel> {
        self.education.iter().find(|e| e.code == code)
    }

    /// Codes of the packs built into this binary.
    pub const BUILT_IN: [&'static str; 2] = ["bd", "jo"];

    /// A built-in pack by code (`bd`, `jo`); parsed once, then shared.
    pub fn built_in(code: &str) -> Result<&'static Pack, PackError> {
        static BD: OnceLock<Result<Pack, PackError>> = OnceLock::new();
        static JO: OnceLock<Result<Pack, PackError>> = OnceLock::new();
        let cell = match code {
            "bd" => &BD,
            "jo" => &JO,
            other => return Err(PackError::Unknown(other.chars().take(16).collect())),
        };
        cell.get_or_init(|| load::parse_built_in(code))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// All regions, in source order (parents before children).
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// A region by id.
    pub fn region(&self, id: &RegionId) -> Option<&Region> {
        self.by_id.get(id).map(|&i| &self.regions[i])
    }

    /// The regions directly inside `parent` (`None`: the top level).
    pub fn children(&self, parent: Option<&RegionId>) -> impl Iterator<Item = &Region> {
        self.children
            .get(&parent.cloned())
            .into_iter()
            .flatten()
            .map(|&i| &self.regions[i])
    }

    /// `region` and the regions above it, top first.
    pub fn ancestry(&self, region: &RegionId) -> Vec<&Region> {
        let mut chain = Vec::new();
        let mut next = self.region(region);
        while let Some(r) = next {
            chain.push(r);
            next = r.parent.as_ref().and_then(|p| self.region(p));
        }
        chain.reverse();
        chain
    }

    /// Whether `lang` is one of the pack's languages.
    pub fn speaks(&self, lang: &Lang) -> bool {
        self.languages.contains(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shetu_core::Money;

    fn pack(code: &str) -> &'static Pack {
        Pack::built_in(code).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn bangladesh_has_the_full_hierarchy() {
        let bd = pack("bd");
        assert_eq!(bd.currency.code(), "BDT");
        assert_eq!(bd.currency.minor_units(), 2);
        assert_eq!(bd.default_language.code(), "bn");
        assert_eq!(bd.children(None).count(), 8);
        let count = |level: &str| bd.regions().iter().filter(|r| r.level == level).count();
        assert_eq!(
            (count("district"), count("upazila"), count("union")),
            (64, 494, 4540)
        );
        let dhaka = bd
            .children(None)
            .find(|r| r.name.get("en", "en") == "Dhaka")
            .unwrap_or_else(|| panic!("no Dhaka"));
        assert_eq!(dhaka.name.get("bn", "en"), "ঢাকা");
        assert_eq!(dhaka.iso_code.as_deref(), Some("BD-C"));
        assert!(bd.children(Some(&dhaka.id)).count() >= 13);
        let union = bd.regions().last().unwrap_or_else(|| panic!("no regions"));
        let chain = bd.ancestry(&union.id);
        assert_eq!(
            chain.iter().map(|r| r.level.as_str()).collect::<Vec<_>>(),
            ["division", "district", "upazila", "union"]
        );
    }

    #[test]
    fn jordan_has_three_decimal_dinars() {
        let jo = pack("jo");
        assert_eq!(jo.currency.minor_units(), 3);
        assert_eq!(jo.default_language.code(), "ar");
        assert_eq!(jo.children(None).count(), 12);
        let amman =
            jo.region(&RegionId::parse("jo.governorate.jo-am").unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(amman.map(|r| r.name.get("ar", "en")), Some("العاصمة"));
        let price = Money::parse("2.5", jo.currency).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(price.format(&jo.money_format, "en"), "2.500\u{a0}د.أ.");
        assert_eq!(price.format(&jo.money_format, "ar"), "٢٫٥٠٠\u{a0}د.أ.");
    }

    #[test]
    fn bangladesh_formats_taka_in_bangla() {
        let bd = pack("bd");
        let price = Money::parse("১২৫০", bd.currency).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(price.format(&bd.money_format, "bn"), "৳১,২৫০.০০");
        assert_eq!(
            bd.phone.parse_mobile("০১৭১১০০০০০০").map(|p| p.to_string()),
            Ok("+8801711000000".into())
        );
    }

    #[test]
    fn unknown_pack_is_an_error() {
        assert!(matches!(Pack::built_in("xx"), Err(PackError::Unknown(_))));
    }
}
