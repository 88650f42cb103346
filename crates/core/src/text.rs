//! Text that people type: normalised to NFC, stripped of control characters, and limited by
//! *graphemes* (what a reader counts as letters) — a Bangla conjunct such as `ক্ষ` is one
//! grapheme but three code points, so byte or char limits would cut Bangla words short.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Why a piece of text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Empty (after trimming) where text is required.
    #[error("must not be empty")]
    Empty,
    /// Longer than allowed.
    #[error("must be at most {max} characters (has {len})")]
    TooLong { max: usize, len: usize },
    /// Contains a NUL or other control character.
    #[error("contains a control character")]
    ControlCharacter,
}

/// A trimmed, NFC-normalised, non-empty text of at most a given number of graphemes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Text(String);

impl Text {
    /// Checks and normalises `input`; `max_graphemes` counts user-perceived characters.
    pub fn parse(input: &str, max_graphemes: usize) -> Result<Text, TextError> {
        let allowed = |c: char| !c.is_control() || c == '\n' || c == '\t';
        if !input.chars().all(allowed) {
            return Err(TextError::ControlCharacter);
        }
        let normal: String = input.trim().nfc().collect();
        if normal.is_empty() {
            return Err(TextError::Empty);
        }
        let len = grapheme_count(&normal);
        if len > max_graphemes {
            return Err(TextError::TooLong {
                max: max_graphemes,
                len,
            });
        }
        Ok(Text(normal))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// Counts user-perceived characters (extended grapheme clusters).
pub fn grapheme_count(s: &str) -> usize {
    s.graphemes(true).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_bangla_by_graphemes() {
        // ক্ষুদ্র: 7 code points, 2 graphemes (ক্ষু + দ্র).
        assert_eq!("ক্ষুদ্র".chars().count(), 7);
        assert_eq!(grapheme_count("ক্ষুদ্র"), 2);
        assert!(Text::parse("ক্ষুদ্র", 2).is_ok());
        assert_eq!(
            Text::parse("ক্ষুদ্র", 1),
            Err(TextError::TooLong { max: 1, len: 2 })
        );
    }

    #[test]
    fn refuses_controls_and_empties() {
        assert_eq!(Text::parse("a\u{0}b", 10), Err(TextError::ControlCharacter));
        assert_eq!(Text::parse("   ", 10), Err(TextError::Empty));
        assert_eq!(
            Text::parse(" নকশী কাঁথা ", 20).map(Text::into_string),
            Ok("নকশী কাঁথা".into())
        );
    }

    #[test]
    fn normalises_to_nfc() {
        // Precomposed য় (U+09DF) is a composition exclusion: NFC writes it as য + nukta, so
        // both spellings found in the region data compare equal after parsing.
        let composed = Text::parse("\u{09DF}", 5).map(Text::into_string);
        assert_eq!(composed, Ok("\u{09AF}\u{09BC}".into()));
        assert_eq!(
            composed,
            Text::parse("\u{09AF}\u{09BC}", 5).map(Text::into_string)
        );
    }
}
