//! The analyzer, used for indexing and for queries alike.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Characters that change nothing a reader sees: zero-width (non-)joiners and spaces, soft
/// hyphens, byte-order marks, and direction marks.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{00AD}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks) and tatweel.
fn arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// Folds Arabic letter variants that people type interchangeably.
fn arabic_fold(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        other => other,
    }
}

/// Normalises text: NFC, invisible characters and Arabic marks removed, Arabic variants folded,
/// digits of every script to ASCII, lower case.
pub fn normalize(text: &str) -> String {
    let nfc: String = text
        .nfc()
        .filter(|c| !invisible(*c) && !arabic_mark(*c))
        .map(arabic_fold)
        .collect();
    // Lower-casing can decompose (e.g. `İ`), so compose once more.
    shetu_core::fold_digits(&nfc).to_lowercase().nfc().collect()
}

/// The words of `text` (UAX #29 word boundaries, so a Bangla conjunct is never cut at its
/// virama), normalised.
pub fn words(text: &str) -> Vec<String> {
    normalize(text).unicode_words().map(str::to_owned).collect()
}

/// Whether a word is written in Latin letters (typo tolerance applies to those).
pub fn is_latin(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_alphabetic())
}

/// Prefixes of a word for search-as-you-type: from 2 characters up to 20 (code points, as people
/// type them).
pub fn prefixes(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (2..=chars.len().min(20))
        .map(|n| chars[..n].iter().collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bangla_words_stay_whole() {
        assert_eq!(words("প্রযুক্তি"), ["প্রযুক্তি"]);
        assert_eq!(words("শিক্ষা"), ["শিক্ষা"]);
        assert_eq!(words("ক্ষুদ্র ও কুটির শিল্প"), ["ক্ষুদ্র", "ও", "কুটির", "শিল্প"]);
        assert_eq!(words("নকশী কাঁথা, হাতে তৈরি!"), ["নকশী", "কাঁথা", "হাতে", "তৈরি"]);
        // A zero-width non-joiner inside a word does not split it or change how it matches.
        assert_eq!(words("শাহ্\u{200C}মাহমুদপুর"), words("শাহ্মাহমুদপুর"));
    }

    #[test]
    fn arabic_is_normalised() {
        assert_eq!(words("مَدْرَسَة"), words("مدرسة"));
        assert_eq!(words("مدرسة"), ["مدرسه"]);
        assert_eq!(words("إسلام أحمد آمال"), ["اسلام", "احمد", "امال"]);
        assert_eq!(words("مستشفى"), ["مستشفي"]);
        assert_eq!(words("جميـــل"), ["جميل"]);
    }

    #[test]
    fn digits_and_scripts_mix() {
        assert_eq!(words("চাল ৫০ কেজি"), ["চাল", "50", "কেজি"]);
        assert_eq!(words("٢٥ كيلو"), ["25", "كيلو"]);
        assert_eq!(words("Nakshi কাঁথা 2024"), ["nakshi", "কাঁথা", "2024"]);
        assert_eq!(words("TAILORING"), ["tailoring"]);
        assert!(is_latin("rice") && !is_latin("চাল") && !is_latin("r1ce"));
        assert_eq!(prefixes("কাঁথা"), ["কা", "কাঁ", "কাঁথ", "কাঁথা"]);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_is_stable(text in "\\PC{0,80}") {
            let once = words(&text);
            for w in &once {
                proptest::prop_assert_eq!(words(w), vec![w.clone()]);
            }
            let _ = prefixes(&text);
        }
    }
}
