//! Languages (ISO 639-1/-3 codes) and text given in several of them.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Writing direction of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Left to right (Bangla, English, Turkish, Somali).
    Ltr,
    /// Right to left (Arabic, Persian, Urdu, Hebrew, Pashto).
    Rtl,
}

impl Direction {
    /// The value of the HTML `dir` attribute.
    pub fn as_html(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// A language, by its lower-case ISO 639 code (`bn`, `en`, `ar`, `tr`, `so`).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Lang(String);

/// The text is not an ISO 639 language code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a language code (two or three letters, such as bn, en or ar)")]
pub struct BadLang(pub String);

impl Lang {
    /// Parses a code such as `bn`, `EN` or `ar-JO` (the region part is dropped).
    pub fn parse(code: &str) -> Result<Lang, BadLang> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or_default();
        if (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic()) {
            Ok(Lang(primary.to_ascii_lowercase()))
        } else {
            Err(BadLang(code.chars().take(32).collect()))
        }
    }

    /// The code, e.g. `bn`.
    pub fn code(&self) -> &str {
        &self.0
    }

    /// The writing direction.
    pub fn direction(&self) -> Direction {
        match self.0.as_str() {
            "ar" | "fa" | "ur" | "he" | "ps" | "ckb" | "dv" | "yi" => Direction::Rtl,
            _ => Direction::Ltr,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.0)
    }
}

impl std::str::FromStr for Lang {
    type Err = BadLang;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::try_from(s.to_owned())
    }
}

crate::__sql_text_codec!(Lang);

impl TryFrom<String> for Lang {
    type Error = BadLang;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Lang::parse(&value)
    }
}

impl From<Lang> for String {
    fn from(value: Lang) -> Self {
        value.0
    }
}

/// Text given in one or more languages, e.g. a region's name in Bangla and English.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LocalizedText(BTreeMap<String, String>);

impl LocalizedText {
    /// An empty text.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the text in `lang`; empty strings are ignored.
    pub fn with(mut self, lang: &str, text: impl Into<String>) -> Self {
        let text = text.into();
        if !text.trim().is_empty() {
            self.0.insert(lang.to_owned(), text);
        }
        self
    }

    /// The text in `lang`, else in `fallback`, else English, else any language given.
    pub fn get(&self, lang: &str, fallback: &str) -> &str {
        [lang, fallback, "en"]
            .iter()
            .find_map(|l| self.0.get(*l))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or_default()
    }

    /// The text in exactly `lang`, if given.
    pub fn exact(&self, lang: &str) -> Option<&str> {
        self.0.get(lang).map(String::as_str)
    }

    /// Every (language, text) pair, by language code.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(l, t)| (l.as_str(), t.as_str()))
    }

    /// Whether no language is given.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_directions() {
        assert_eq!(
            Lang::parse("ar-JO").map(|l| l.direction()),
            Ok(Direction::Rtl)
        );
        assert_eq!(
            Lang::parse("BN").map(|l| l.code().to_owned()),
            Ok("bn".into())
        );
        assert!(Lang::parse("english").is_err());
        assert!(Lang::parse("").is_err());
        assert!(Lang::parse("e1").is_err());
    }

    #[test]
    fn localized_text_falls_back() {
        let t = LocalizedText::new().with("en", "Dhaka").with("bn", "ঢাকা");
        assert_eq!(t.get("bn", "en"), "ঢাকা");
        assert_eq!(t.get("ar", "bn"), "ঢাকা");
        assert_eq!(t.get("ar", "tr"), "Dhaka");
        assert_eq!(LocalizedText::new().get("bn", "en"), "");
    }
}
