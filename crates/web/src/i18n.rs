//! The i18n layer lives in `shetu-i18n`; re-exported here for the handlers, with the shell's own
//! messages.
pub use shetu_i18n::*;

use crate::seam::Messages;

/// The shell's messages: layout, home, API docs, and the errors any route can give.
pub const SHELL_MESSAGES: &[Messages] = crate::module_messages!("../locales", "shell.ftl");

/// Codes the shell's own extractors and layers answer with.
pub const SHELL_CODES: crate::seam::DeclaredCodes = crate::seam::DeclaredCodes {
    errors: &[
        "not_found",
        "method_not_allowed",
        "payload_too_large",
        "malformed_json",
        "unsupported_media_type",
        "validation_failed",
        "invalid_query",
        "invalid_path",
        "invalid_cursor",
        "unsupported_language",
        "internal_error",
        "service_unavailable",
        "timeout",
        "bad_request",
        "cross_site_request",
        "csrf_failed",
        "sign_in_required",
        "mandate_required",
        "forbidden",
        "rate_limited",
        "on_behalf_of_not_allowed",
        "audit_log_empty",
        "audit_event_not_found",
        "audit_not_yet_integrated",
    ],
    fields: &[
        "required",
        "empty",
        "too_long",
        "too_short",
        "control_character",
        "invalid_type",
        "unknown_field",
        "out_of_range",
        "invalid_phone",
        "invalid_region",
        "unknown_value",
        "not_found",
        "invalid",
    ],
};

/// Converts a use case's message argument.
pub fn arg_of(value: &shetu_core::MessageArg) -> Arg {
    match value {
        shetu_core::MessageArg::Text(t) => Arg::Text(t.clone()),
        shetu_core::MessageArg::Number(n) => Arg::Number(*n),
    }
}

/// The shell's wording of match reasons ([`shetu_match::reasons::sentence`]) in the reader's
/// language: "matches 4 of 5 skills asked for; missing: …; same area: Gazipur".
pub struct Reasons<'a>(pub &'a Tr);

impl shetu_match::reasons::Wording for Reasons<'_> {
    fn skills(&self, matched: usize, asked: usize) -> String {
        let n = |v: usize| Arg::Number(i64::try_from(v).unwrap_or(i64::MAX));
        self.0.with(
            "match-skills",
            &[("matched", n(matched)), ("asked", n(asked))],
        )
    }
    fn occupation(&self, name: &str) -> String {
        self.0.t1("match-occupation", "name", name)
    }
    fn region(&self, name: &str) -> String {
        self.0.t1("match-region", "name", name)
    }
    fn tags(&self, names: &str) -> String {
        self.0.t1("match-tags", "names", names)
    }
    fn missing(&self, names: &[String], more: usize) -> String {
        if more == 0 {
            return self.0.t1("match-missing", "names", &self.list(names));
        }
        let names = names.join(&self.0.t("list-separator"));
        let more = Arg::Number(i64::try_from(more).unwrap_or(i64::MAX));
        self.0.with(
            "match-missing-more",
            &[("names", Arg::Text(names)), ("more", more)],
        )
    }
    fn list(&self, names: &[String]) -> String {
        match names {
            [] => String::new(),
            [one] => one.clone(),
            [head @ .., last] => self.0.with(
                "list-and",
                &[
                    ("head", Arg::Text(head.join(&self.0.t("list-separator")))),
                    ("last", Arg::Text(last.clone())),
                ],
            ),
        }
    }
    fn join(&self, parts: &[String]) -> String {
        parts.join(&self.0.t("clause-separator"))
    }
}

/// The shell's messages in every language, for unit tests of what pages write.
#[cfg(test)]
pub(crate) fn shell_i18n() -> I18n {
    let sources: Vec<(&str, &str)> = SHELL_MESSAGES.iter().map(|m| (m.lang, m.source)).collect();
    I18n::load(&sources).expect("shell messages parse")
}

#[cfg(test)]
mod tests {
    use super::*;
    use shetu_core::Lang;
    use shetu_match::reasons::{feature, kind_of, local_id, sentence, Kind};
    use shetu_match::topk::{Index, Item, Query};

    #[test]
    fn match_reasons_read_naturally_in_every_language() {
        let i18n = shell_i18n();
        let skill = |id| feature(Kind::Skill, id).expect("small id");
        let district = feature(Kind::Region, 33).expect("small id");
        let job = Item {
            id: 1,
            features: (1..=5)
                .map(|i| (skill(i), 100))
                .chain([(district, 50)])
                .collect(),
            required: vec![skill(5)],
            labels: vec![],
        };
        let person = Query {
            features: (1..=4)
                .map(|i| (skill(i), 10))
                .chain([(district, 10)])
                .collect(),
            ..Query::default()
        };
        let hit = &Index::new(vec![job]).top_k(&person, 1)[0];
        let names = |bn: bool| {
            move |f: u32| match (kind_of(f), local_id(f), bn) {
                (Kind::Region, _, true) => "গাজীপুর".to_owned(),
                (Kind::Region, _, false) => "Gazipur".to_owned(),
                (_, 5, true) => "সেলাই মেশিন রক্ষণাবেক্ষণ".to_owned(),
                (_, 5, false) => "sewing machine maintenance".to_owned(),
                (_, n, _) => format!("{n}"),
            }
        };
        let say = |lang: &str, bn: bool| {
            let tr = Tr::new(i18n.clone(), Lang::parse(lang).expect("known language"));
            sentence(&hit.explanation, &names(bn), &Reasons(&tr))
        };
        assert_eq!(
            say("en", false),
            "matches 4 of 5 skills asked for; missing: sewing machine maintenance; same area: Gazipur"
        );
        assert_eq!(
            say("bn", true),
            "চাওয়া ৫টি দক্ষতার ৪টি মেলে; নেই: সেলাই মেশিন রক্ষণাবেক্ষণ; একই এলাকা: গাজীপুর"
        );
        assert_eq!(
            say("ar", false),
            "المهارات المطلوبة المتوفرة: ٤ من ٥؛ غير متوفر: sewing machine maintenance؛ المنطقة نفسها: Gazipur"
        );
        let tr = Tr::new(i18n.clone(), Lang::parse("bn").expect("bn"));
        let reasons = Reasons(&tr);
        use shetu_match::reasons::Wording;
        assert_eq!(
            reasons.list(&["ক".into(), "খ".into(), "গ".into()]),
            "ক, খ ও গ"
        );
        assert_eq!(
            reasons.missing(&["ক".into(), "খ".into(), "গ".into()], 2),
            "নেই: ক, খ, গ এবং আরও ২টি"
        );
        let tags = Tr::new(i18n, Lang::parse("en").expect("en"));
        assert_eq!(Reasons(&tags).tags("export"), "also in common: export");
        assert_eq!(Reasons(&tags).occupation("tailor"), "occupation: tailor");
    }
}
