//! shetu-i18n: the i18n layer: Fluent messages for every user-facing string, assembled from the
//! shell's and every module's own files (each embedded in its crate), and the choice of language
//! for each request.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use shetu_core::digits::localize_digits;
use shetu_core::Lang;
use std::collections::HashMap;
use std::sync::Arc;

/// Languages shetu has messages for, with their names in themselves (for the switcher).
pub const LANGUAGES: [(&str, &str); 3] = [("bn", "বাংলা"), ("en", "English"), ("ar", "العربية")];

/// All message bundles. Cheap to clone.
#[derive(Clone)]
pub struct I18n {
    bundles: Arc<HashMap<String, FluentBundle<FluentResource>>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n")
            .field("languages", &self.bundles.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// A message file that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("locales/{lang}: {problem}")]
pub struct I18nError {
    lang: String,
    problem: String,
}

impl I18n {
    /// Parses message sources, given as (language, Fluent text). Every language in
    /// [`LANGUAGES`] gets a bundle; two sources that define the same message are an error.
    pub fn load(sources: &[(&str, &str)]) -> Result<I18n, I18nError> {
        let mut bundles = HashMap::new();
        for (code, _) in LANGUAGES {
            let err = |problem: String| I18nError {
                lang: code.into(),
                problem,
            };
            let langid = code.parse().map_err(|e| err(format!("{e}")))?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Values are plain text; direction isolation is left to the page's dir attribute.
            bundle.set_use_isolating(false);
            // Bangla case endings on a name: { POSS($name) } gives "রহিমা বেগমের", "ঢাকার",
            // "বাংলাদেশের"; { LOC($name) } gives "সেন্টারে", "ঢাকায়", "রাজশাহীতে". Other
            // languages leave the name as it is.
            let bn = code == "bn";
            for (name, suffix) in [
                ("POSS", possessive_bn as fn(&str) -> String),
                ("LOC", locative_bn),
            ] {
                let suffix = if bn { suffix } else { |w: &str| w.to_owned() };
                bundle
                    .add_function(name, move |positional, _named| match positional.first() {
                        Some(FluentValue::String(s)) => FluentValue::from(suffix(s)),
                        Some(other) => other.clone(),
                        None => FluentValue::None,
                    })
                    .map_err(|e| err(format!("{e:?}")))?;
            }
            // Numbers stay numbers (so a message can choose its plural form by them, as Arabic
            // must: ٣ أحرف, ١١ حرفًا, ١٠٠ حرف) and are written in the language's own digits.
            bundle.set_formatter(Some(match code {
                "bn" => number_bn,
                "ar" => number_ar,
                _ => number_ascii,
            }));
            for (_, source) in sources.iter().filter(|(l, _)| *l == code) {
                let resource = FluentResource::try_new((*source).to_owned())
                    .map_err(|(_, e)| err(format!("{e:?}")))?;
                bundle
                    .add_resource(resource)
                    .map_err(|e| err(format!("{e:?}")))?;
            }
            bundles.insert(code.to_owned(), bundle);
        }
        Ok(I18n {
            bundles: Arc::new(bundles),
        })
    }

    /// Whether there are messages in `lang`.
    pub fn has(&self, lang: &Lang) -> bool {
        self.bundles.contains_key(lang.code())
    }

    /// Whether message `key` exists in `lang` (no fallback).
    pub fn contains(&self, lang: &str, key: &str) -> bool {
        self.bundles
            .get(lang)
            .and_then(|b| b.get_message(key))
            .and_then(|m| m.value())
            .is_some()
    }

    /// Formats message `key` in `lang` (falling back to English, then to the key itself).
    pub fn message(&self, lang: &str, key: &str, args: &[(&str, Arg)]) -> String {
        for l in [lang, "en"] {
            let Some(bundle) = self.bundles.get(l) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            let mut fluent_args = FluentArgs::new();
            for (name, value) in args {
                match value {
                    Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.clone())),
                    Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
                    Arg::Count(n) => {
                        fluent_args.set(*name, FluentValue::from(*n));
                        fluent_args.set("n", FluentValue::from(*n));
                    }
                }
            }
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            return text.into_owned();
        }
        key.to_owned()
    }
}

/// A number placed in a message, in `lang`'s digits (other values are left to Fluent).
fn number_in(value: &FluentValue, lang: &str) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(localize_digits(&n.as_string(), lang)),
        _ => None,
    }
}

fn number_bn<M>(value: &FluentValue, _: &M) -> Option<String> {
    number_in(value, "bn")
}

fn number_ar<M>(value: &FluentValue, _: &M) -> Option<String> {
    number_in(value, "ar")
}

fn number_ascii<M>(value: &FluentValue, _: &M) -> Option<String> {
    number_in(value, "en")
}

/// How a Bangla word ends, which decides the suffix it takes.
enum Ending {
    /// A consonant with its inherent vowel: "বেগম", "সেন্টার".
    Consonant,
    /// The vowel sign আ-কার: "ঢাকা", "রহিমা".
    AKar,
    /// Another vowel or vowel sign: "রাজশাহী", "সমিতি".
    Vowel,
    /// Anything else (a number, a Latin word, ং, ৎ): the suffix is joined with a hyphen.
    Other,
}

fn ending(word: &str) -> Ending {
    match word.chars().last() {
        Some('\u{0995}'..='\u{09B9}' | '\u{09DC}'..='\u{09DF}' | '\u{09BC}') => Ending::Consonant,
        Some('\u{09BE}') => Ending::AKar,
        Some(
            '\u{09BF}'..='\u{09C4}'
            | '\u{09C7}'
            | '\u{09C8}'
            | '\u{09CB}'
            | '\u{09CC}'
            | '\u{09D7}'
            | '\u{0985}'..='\u{0994}',
        ) => Ending::Vowel,
        _ => Ending::Other,
    }
}

/// `word` with the Bangla case ending that fits how it ends: `endings` gives it after a
/// consonant, after আ-কার, after another vowel, and (hyphenated) after anything else.
fn with_ending(word: &str, endings: [&str; 4]) -> String {
    let word = word.trim_end();
    if word.is_empty() {
        return String::new();
    }
    let ending = match ending(word) {
        Ending::Consonant => endings[0],
        Ending::AKar => endings[1],
        Ending::Vowel => endings[2],
        Ending::Other => endings[3],
    };
    format!("{word}{ending}")
}

/// The Bangla possessive of `word`: `র` after a vowel, `ের` after a consonant, and a hyphenated
/// `-এর` after a number or a word in another script ("Jordan-এর", "২০২৬-এর").
pub fn possessive_bn(word: &str) -> String {
    with_ending(word, ["ের", "র", "র", "-এর"])
}

/// The Bangla locative ("in, at") of `word`: `ে` after a consonant ("সেন্টারে"), `য়` after
/// আ-কার ("ঢাকায়"), `তে` after another vowel ("রাজশাহীতে"), and a hyphenated `-এ` after a
/// number or a word in another script ("Grameen Textiles-এ").
pub fn locative_bn(word: &str) -> String {
    with_ending(word, ["ে", "য়", "তে", "-এ"])
}

/// Message ids defined in a Fluent source (for completeness tests).
pub fn keys_of(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim()))
        .filter(|k| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .map(str::to_owned)
        .collect()
}

/// A value for a message's placeholder.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text, shown as is.
    Text(String),
    /// A number, shown in the language's digits.
    Number(i64),
    /// A count: selects the plural form, and is shown as `$n` in the language's digits.
    Count(i64),
}

/// Messages in one language: what templates and handlers use.
#[derive(Debug, Clone)]
pub struct Tr {
    i18n: I18n,
    /// The language.
    pub lang: Lang,
}

impl Tr {
    /// Messages of `i18n` in `lang`.
    pub fn new(i18n: I18n, lang: Lang) -> Tr {
        Tr { i18n, lang }
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        self.i18n.message(self.lang.code(), key, &[])
    }

    /// The message `key` with one text argument.
    pub fn t1(&self, key: &str, name: &str, value: &str) -> String {
        self.i18n.message(
            self.lang.code(),
            key,
            &[(name, Arg::Text(value.to_owned()))],
        )
    }

    /// The message `key` with one number (shown in the language's digits; a message may choose
    /// its wording by it, as Arabic does for the counted noun).
    pub fn n(&self, key: &str, name: &str, value: impl std::borrow::Borrow<i64>) -> String {
        let value = Arg::Number(*value.borrow());
        self.i18n.message(self.lang.code(), key, &[(name, value)])
    }

    /// The message `key` with a count.
    pub fn count(&self, key: &str, count: i64) -> String {
        self.i18n
            .message(self.lang.code(), key, &[("count", Arg::Count(count))])
    }

    /// The message `key` with arguments.
    pub fn with(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.i18n.message(self.lang.code(), key, args)
    }

    /// `text` with its digits in the language's own (Bangla ০–৯, Arabic-Indic ٠–٩): phones,
    /// counts and dates read in one digit system per language.
    pub fn digits(&self, text: &str) -> String {
        localize_digits(text, self.lang.code())
    }

    /// The language code (for `<html lang>`).
    pub fn code(&self) -> &str {
        self.lang.code()
    }

    /// `ltr` or `rtl` (for `<html dir>`).
    pub fn dir(&self) -> &'static str {
        self.lang.direction().as_html()
    }
}

/// The best language of an `Accept-Language` header that shetu speaks (negotiated by
/// fluent-langneg: qualities, then region fallbacks such as `bn-BD` → `bn`).
pub fn from_accept_language(header: &str, i18n: &I18n) -> Option<Lang> {
    use fluent_langneg::{negotiate_languages, NegotiationStrategy};
    // Highest quality first (a stable sort keeps the header's order among equals); q=0 means
    // "not this one".
    let mut parts: Vec<(f32, &str)> = header
        .split(',')
        .filter_map(|part| {
            let mut bits = part.trim().split(';');
            let tag = bits.next()?.trim();
            let q = bits
                .find_map(|b| b.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (q > 0.0 && !tag.is_empty()).then_some((q, tag))
        })
        .collect();
    parts.sort_by(|a, b| b.0.total_cmp(&a.0));
    let requested: Vec<unic_langid::LanguageIdentifier> = parts
        .iter()
        .filter_map(|(_, tag)| tag.parse().ok())
        .collect();
    let available: Vec<unic_langid::LanguageIdentifier> = LANGUAGES
        .iter()
        .filter_map(|(code, _)| code.parse().ok())
        .collect();
    let chosen = negotiate_languages(&requested, &available, None, NegotiationStrategy::Lookup);
    chosen
        .first()
        .and_then(|l| Lang::parse(l.language.as_str()).ok())
        .filter(|l| i18n.has(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEST: [(&str, &str); 3] = [
        ("en", "regions-inside = { $count ->\n    [one] { $n } region inside\n   *[other] { $n } regions inside\n}\n"),
        ("bn", "regions-inside = ভেতরে { $n }টি অঞ্চল\n"),
        ("ar", "regions-inside = { $count ->\n    [zero] لا مناطق داخلها\n    [one] منطقة واحدة داخلها\n    [two] منطقتان داخلها\n    [few] { $n } مناطق داخلها\n    [many] { $n } منطقةً داخلها\n   *[other] { $n } منطقة داخلها\n}\n"),
    ];

    fn i18n() -> I18n {
        I18n::load(&TEST).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn bangla_possessives_follow_the_last_sound() {
        assert_eq!(possessive_bn("রহিমা বেগম"), "রহিমা বেগমের");
        assert_eq!(possessive_bn("বাংলাদেশ"), "বাংলাদেশের");
        assert_eq!(possessive_bn("ঢাকা"), "ঢাকার");
        assert_eq!(possessive_bn("করিম মিয়া"), "করিম মিয়ার");
        assert_eq!(possessive_bn("নাসরিন আক্তার"), "নাসরিন আক্তারের");
        assert_eq!(possessive_bn("Jordan"), "Jordan-এর");
        assert_eq!(possessive_bn("কর্মশালা ২০২৬"), "কর্মশালা ২০২৬-এর");
        assert_eq!(possessive_bn("রাজশাহী"), "রাজশাহীর");
        assert_eq!(locative_bn("ঢাকা"), "ঢাকায়");
        assert_eq!(locative_bn("কুলাউড়া ডিজিটাল সেন্টার"), "কুলাউড়া ডিজিটাল সেন্টারে");
        assert_eq!(locative_bn("রাজশাহী"), "রাজশাহীতে");
        assert_eq!(locative_bn("মহিলা সমিতি"), "মহিলা সমিতিতে");
        assert_eq!(locative_bn("Grameen Textiles"), "Grameen Textiles-এ");
        assert_eq!(locative_bn("বাণিজ্য মেলা ২০২৬"), "বাণিজ্য মেলা ২০২৬-এ");
        let i18n = I18n::load(&[
            ("bn", "x = { POSS($name) } হয়ে\n"),
            ("en", "x = for { POSS($name) }\n"),
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        let name = [("name", Arg::Text("রহিমা বেগম".into()))];
        assert_eq!(i18n.message("bn", "x", &name), "রহিমা বেগমের হয়ে");
        assert_eq!(i18n.message("en", "x", &name), "for রহিমা বেগম");
    }

    #[test]
    fn a_message_defined_twice_is_refused() {
        let twice = [("en", "a = one\n"), ("en", "a = two\n")];
        assert!(I18n::load(&twice).is_err());
        assert_eq!(keys_of("a = x\n# c\nb-c = y\n"), vec!["a", "b-c"]);
    }

    #[test]
    fn plurals_and_digits_follow_the_language() {
        let i18n = i18n();
        let tr = |l: &str| {
            Tr::new(
                i18n.clone(),
                Lang::parse(l).unwrap_or_else(|e| panic!("{e}")),
            )
        };
        assert_eq!(tr("en").count("regions-inside", 1), "1 region inside");
        assert_eq!(tr("en").count("regions-inside", 13), "13 regions inside");
        assert_eq!(tr("bn").count("regions-inside", 13), "ভেতরে ১৩টি অঞ্চল");
        assert_eq!(tr("ar").count("regions-inside", 2), "منطقتان داخلها");
        assert_eq!(tr("ar").count("regions-inside", 5), "٥ مناطق داخلها");
        assert_eq!(tr("ar").count("regions-inside", 11), "١١ منطقةً داخلها");
        assert_eq!(tr("ar").count("regions-inside", 100), "١٠٠ منطقة داخلها");
        assert_eq!(tr("bn").t("no-such-key"), "no-such-key");
    }

    #[test]
    fn a_number_chooses_the_arabic_counted_noun_and_is_written_in_the_readers_digits() {
        let i18n = I18n::load(&[
            ("en", "max = at most { $max } characters\nsee = seen { $count } times\n"),
            ("bn", "max = সর্বোচ্চ { $max } অক্ষর\nsee = { $count } বার দেখা\n"),
            ("ar", "max = { $max ->\n    [few] { $max } أحرف\n    [many] { $max } حرفًا\n   *[other] { $max } حرف\n}\nsee = { $count } مرة\n"),
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        let tr = |l: &str| {
            Tr::new(
                i18n.clone(),
                Lang::parse(l).unwrap_or_else(|e| panic!("{e}")),
            )
        };
        assert_eq!(tr("ar").n("max", "max", 8), "٨ أحرف");
        assert_eq!(tr("ar").n("max", "max", 80), "٨٠ حرفًا");
        assert_eq!(tr("ar").n("max", "max", 200), "٢٠٠ حرف");
        assert_eq!(tr("bn").n("max", "max", 200), "সর্বোচ্চ ২০০ অক্ষর");
        assert_eq!(tr("en").n("max", "max", 200), "at most 200 characters");
        // A count placed as is, not only through $n, is in the reader's digits too.
        assert_eq!(tr("ar").count("see", 12), "١٢ مرة");
        assert_eq!(tr("bn").count("see", 12), "১২ বার দেখা");
    }

    #[test]
    fn accept_language_picks_by_quality() {
        let i18n = i18n();
        let pick = |h: &str| from_accept_language(h, &i18n).map(|l| l.code().to_owned());
        assert_eq!(pick("fr-FR, ar;q=0.8, en;q=0.9").as_deref(), Some("en"));
        assert_eq!(pick("bn-BD,bn;q=0.9,en-US;q=0.8").as_deref(), Some("bn"));
        assert_eq!(pick("de, fr"), None);
        assert_eq!(pick(";;;,q=abc"), None);
        assert_eq!(pick("en;q=0, ar").as_deref(), Some("ar"));
    }
}
