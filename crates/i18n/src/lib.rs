//! shetu-i18n: the i18n layer: Fluent messages for every user-facing string (`locales/<lang>/*.ftl`,
//! embedded), and the choice of language for each request.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use shetu_core::digits::localize_digits;
use shetu_core::Lang;
use std::collections::HashMap;
use std::sync::Arc;

/// Languages shetu has messages for, with their names in themselves (for the switcher).
pub const LANGUAGES: [(&str, &str); 3] = [("bn", "বাংলা"), ("en", "English"), ("ar", "العربية")];

const SOURCES: [(&str, &str); 3] = [
    ("bn", include_str!("../../../locales/bn/main.ftl")),
    ("en", include_str!("../../../locales/en/main.ftl")),
    ("ar", include_str!("../../../locales/ar/main.ftl")),
];

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
    /// Parses the embedded message files.
    pub fn load() -> Result<I18n, I18nError> {
        let mut bundles = HashMap::new();
        for (code, source) in SOURCES {
            let err = |problem: String| I18nError {
                lang: code.into(),
                problem,
            };
            let resource = FluentResource::try_new(source.to_owned())
                .map_err(|(_, e)| err(format!("{e:?}")))?;
            let langid = code.parse().map_err(|e| err(format!("{e}")))?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Values are plain text; direction isolation is left to the page's dir attribute.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|e| err(format!("{e:?}")))?;
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

    /// Message ids of a language (for completeness tests).
    pub fn keys(&self, lang: &str) -> Vec<String> {
        let source = SOURCES
            .iter()
            .find(|(c, _)| *c == lang)
            .map(|(_, s)| *s)
            .unwrap_or_default();
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
                    Arg::Number(n) => fluent_args
                        .set(*name, FluentValue::from(localize_digits(&n.to_string(), l))),
                    Arg::Count(n) => {
                        fluent_args.set(*name, FluentValue::from(*n));
                        fluent_args.set("n", FluentValue::from(localize_digits(&n.to_string(), l)));
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

    /// The message `key` with a count.
    pub fn count(&self, key: &str, count: i64) -> String {
        self.i18n
            .message(self.lang.code(), key, &[("count", Arg::Count(count))])
    }

    /// The message `key` with arguments.
    pub fn with(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.i18n.message(self.lang.code(), key, args)
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

/// The first language of an `Accept-Language` header that shetu speaks, by quality.
pub fn from_accept_language(header: &str, i18n: &I18n) -> Option<Lang> {
    let mut choices: Vec<(f32, usize, Lang)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut bits = part.trim().split(';');
            let lang = Lang::parse(bits.next()?.trim()).ok()?;
            let q = bits
                .find_map(|b| b.trim().strip_prefix("q=").map(str::to_owned))
                .map_or(Some(1.0), |q| q.parse::<f32>().ok())?;
            (q > 0.0 && i18n.has(&lang)).then_some((q, i, lang))
        })
        .collect();
    choices.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    choices.into_iter().next().map(|c| c.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i18n() -> I18n {
        I18n::load().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn every_language_has_every_message() {
        let i18n = i18n();
        let en = i18n.keys("en");
        assert!(en.len() > 50);
        for (lang, _) in LANGUAGES {
            let keys = i18n.keys(lang);
            let missing: Vec<_> = en.iter().filter(|k| !keys.contains(k)).collect();
            let extra: Vec<_> = keys.iter().filter(|k| !en.contains(k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang}: missing {missing:?}, extra {extra:?}"
            );
            for key in &keys {
                let bundle = &i18n.bundles[lang];
                assert!(
                    bundle.get_message(key).and_then(|m| m.value()).is_some(),
                    "{lang}: {key} has no value"
                );
            }
        }
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
        assert_eq!(tr("bn").t("no-such-key"), "no-such-key");
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
