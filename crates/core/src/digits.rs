//! Numbers as people type them: Bangla (০–৯), Arabic-Indic (٠–٩) and Extended Arabic-Indic
//! (۰–۹) digits mean the same as ASCII 0–9 wherever shetu reads a number.

/// Maps a digit of any supported script to its ASCII digit, or `None` if `c` is not one.
pub fn ascii_digit(c: char) -> Option<char> {
    let base = match c {
        '0'..='9' => return Some(c),
        '\u{09E6}'..='\u{09EF}' => 0x09E6, // Bengali
        '\u{0660}'..='\u{0669}' => 0x0660, // Arabic-Indic
        '\u{06F0}'..='\u{06F9}' => 0x06F0, // Extended Arabic-Indic (Persian, Urdu)
        _ => return None,
    };
    char::from_digit(c as u32 - base, 10)
}

/// Replaces every Bangla or Arabic-Indic digit with its ASCII digit, the Arabic decimal
/// separator `٫` with `.` and the Arabic thousands separator `٬` with `,`. Other characters
/// pass through unchanged.
pub fn fold_digits(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{066B}' => '.',
            '\u{066C}' => ',',
            _ => ascii_digit(c).unwrap_or(c),
        })
        .collect()
}

/// Parses a number typed in any supported script, ignoring surrounding white space.
///
/// ```
/// assert_eq!(shetu_core::parse_number::<u32>("১২৩"), Some(123));
/// assert_eq!(shetu_core::parse_number::<i64>(" ٤٢ "), Some(42));
/// assert_eq!(shetu_core::parse_number::<u8>("12a"), None);
/// ```
pub fn parse_number<T: std::str::FromStr>(input: &str) -> Option<T> {
    fold_digits(input.trim()).parse().ok()
}

/// Writes `ascii` (digits and punctuation) with the digits of `script`'s language:
/// Bangla for `bn`, Arabic-Indic for `ar`, unchanged otherwise.
pub fn localize_digits(ascii: &str, lang: &str) -> String {
    let zero = match lang {
        "bn" => 0x09E6,
        "ar" => 0x0660,
        _ => return ascii.to_owned(),
    };
    ascii
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(zero + d).unwrap_or(c),
            None if lang == "ar" && c == '.' => '\u{066B}',
            None if lang == "ar" && c == ',' => '\u{066C}',
            None => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_bangla_and_arabic_digits() {
        assert_eq!(fold_digits("০১৭১১০০০০০০"), "01711000000");
        assert_eq!(fold_digits("٠٧٩٥٥٥١٢٣٤"), "0795551234");
        assert_eq!(fold_digits("۱۲۳"), "123");
        assert_eq!(fold_digits("১২٫৫০"), "12.50");
        assert_eq!(fold_digits("abc ১"), "abc 1");
    }

    #[test]
    fn localizes_digits_both_ways() {
        assert_eq!(localize_digits("1,234.50", "bn"), "১,২৩৪.৫০");
        assert_eq!(
            fold_digits(&localize_digits("1,234.500", "ar")),
            "1,234.500"
        );
        assert_eq!(localize_digits("42", "en"), "42");
    }

    proptest::proptest! {
        #[test]
        fn parse_number_roundtrips_through_every_script(n in 0u64..u64::MAX, lang in "(bn|ar|en)") {
            let typed = localize_digits(&n.to_string(), &lang);
            proptest::prop_assert_eq!(parse_number::<u64>(&typed), Some(n));
        }
    }
}
