//! Countries (ISO 3166-1 alpha-2) with their names in English, Bangla and Arabic, from the
//! iso-codes project (data/countries.csv; NOTICE item 6).

use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// A country.
#[derive(Debug, Clone)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// English name.
    pub en: String,
    /// Bangla name.
    pub bn: String,
    /// Arabic name.
    pub ar: String,
}

impl Country {
    /// The name in `lang` (English for any other language).
    pub fn name(&self, lang: &str) -> &str {
        match lang {
            "bn" => &self.bn,
            "ar" => &self.ar,
            _ => &self.en,
        }
    }
}

/// Every country, by code.
pub fn all() -> &'static [Country] {
    static ALL: OnceLock<Vec<Country>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut reader =
            csv::Reader::from_reader(include_str!("../../../data/countries.csv").as_bytes());
        reader
            .records()
            .filter_map(Result::ok)
            .map(|r| {
                // The source spells some letters precomposed (য় as one code point); pages and
                // search work on NFC text.
                let field = |i: usize| r.get(i).unwrap_or_default().nfc().collect::<String>();
                Country {
                    code: field(0),
                    en: field(1),
                    bn: field(2),
                    ar: field(3),
                }
            })
            .collect()
    })
}

/// A country by code (upper case).
pub fn get(code: &str) -> Option<&'static Country> {
    all().iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_list_has_every_country_with_three_names() {
        assert_eq!(super::all().len(), 249);
        let bd = super::get("BD").map(|c| (c.en.as_str(), c.bn.as_str(), c.ar.as_str()));
        assert_eq!(bd, Some(("Bangladesh", "বাংলাদেশ", "بنغلادش")));
        assert!(super::get("XX").is_none());
        let somalia = super::get("SO").map(|c| c.bn.as_str());
        assert_eq!(somalia, Some("সোমালিয়া"), "NFC: য with a nukta, as typed");
    }
}
