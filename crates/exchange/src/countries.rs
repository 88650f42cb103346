//! Countries (ISO 3166-1 alpha-2) with their names in English, Bangla and Arabic, from the
//! iso-codes project (data/countries.csv; NOTICE item 6).

use std::sync::OnceLock;

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
            .map(|r| Country {
                code: r.get(0).unwrap_or_default().to_owned(),
                en: r.get(1).unwrap_or_default().to_owned(),
                bn: r.get(2).unwrap_or_default().to_owned(),
                ar: r.get(3).unwrap_or_default().to_owned(),
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
    }
}
