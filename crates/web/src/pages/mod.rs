//! Server-rendered pages for people. Each works without JavaScript; htmx only speeds up
//! navigation.

pub mod error;
mod home;
mod language;
mod privacy;

use crate::auth::Visitor;
use crate::i18n::{Tr, LANGUAGES};
use crate::seam::{Audience, NavEntry, NavPlace};
use crate::state::AppState;
use askama::Template;
use axum::http::{header, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// The shell's own pages: home and the language switch.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show))
        .route("/lang/{code}", get(language::switch))
        .route("/privacy", get(privacy::privacy))
        .route("/terms", get(privacy::terms))
}

/// One entry of the language switcher.
pub struct LangLink {
    /// Language code.
    pub code: &'static str,
    /// The language's name in itself.
    pub name: &'static str,
    /// Whether it is the page's language.
    pub current: bool,
}

/// The signed-in person, as the header shows them.
pub struct UserBar {
    /// Their name.
    pub name: String,
    /// The client an agent is acting for.
    pub acting_for: Option<String>,
    /// Where the sign-out form posts.
    pub sign_out: &'static str,
    /// Where "stop acting" posts.
    pub stop_acting: &'static str,
}

/// A header link as shown.
pub struct NavLink {
    /// Where it goes.
    pub href: &'static str,
    /// Its label, in the page's language.
    pub label: String,
    /// Whether it is the open section.
    pub current: bool,
}

/// What the layout around every page needs.
pub struct Chrome {
    /// Which top-level section is open (`home`, `regions`, `feedback`, `api`, `account`, …).
    pub section: &'static str,
    /// The language switcher.
    pub languages: Vec<LangLink>,
    /// This page's address, percent-encoded, to come back to after switching language.
    pub next: String,
    /// The country's name in the page's language.
    pub country: String,
    /// Where the country pack's data comes from, in the page's language.
    pub data_credit: String,
    /// The signed-in person, if any.
    pub user: Option<UserBar>,
    /// The CSRF token every form carries.
    pub csrf: String,
    /// Main navigation.
    pub nav: Vec<NavLink>,
    /// Account navigation.
    pub account_nav: Vec<NavLink>,
}

impl Chrome {
    /// The layout data for a page at `uri` in section `section`, seen by `visitor`.
    pub fn new(
        state: &AppState,
        tr: &Tr,
        uri: &Uri,
        section: &'static str,
        visitor: &Visitor,
    ) -> Chrome {
        let mut chrome = Chrome::anonymous(state, tr, uri, section);
        chrome.csrf = visitor.csrf.clone();
        let identity = state.catalog.identity.as_ref();
        chrome.user = visitor.signed_in.as_ref().map(|s| UserBar {
            name: s.name.clone(),
            acting_for: s.client.as_ref().map(|c| c.1.clone()),
            sign_out: identity.map_or("/", |i| i.sign_out_path()),
            stop_acting: identity.map_or("/", |i| i.stop_acting_path()),
        });
        let sees = |n: &NavEntry| match n.audience {
            Audience::Everyone => true,
            Audience::SignedOut => visitor.signed_in.is_none(),
            Audience::SignedIn => visitor.signed_in.is_some(),
            Audience::Role(r) => visitor.signed_in.as_ref().is_some_and(|s| s.has(r)),
        };
        let links = |place: NavPlace| {
            state
                .catalog
                .nav
                .iter()
                .filter(|n| n.place == place && sees(n))
                .map(|n| NavLink {
                    href: n.href,
                    label: tr.t(n.label),
                    current: n.section == section,
                })
                .collect()
        };
        chrome.nav = links(NavPlace::Main);
        chrome.account_nav = links(NavPlace::Account);
        chrome
    }

    /// The layout for a page shown without knowing the visitor (error pages).
    pub fn anonymous(state: &AppState, tr: &Tr, uri: &Uri, section: &'static str) -> Chrome {
        let here = uri.path_and_query().map_or("/", |pq| pq.as_str());
        Chrome {
            section,
            languages: LANGUAGES
                .iter()
                .map(|(code, name)| LangLink {
                    code,
                    name,
                    current: *code == tr.code(),
                })
                .collect(),
            next: percent_encode(here),
            country: state.pack.name.get(tr.code(), "en").to_owned(),
            data_credit: state.pack.data_credit.get(tr.code(), "en").to_owned(),
            user: None,
            csrf: String::new(),
            nav: Vec::new(),
            account_nav: Vec::new(),
        }
    }
}

/// A time as people there read it: the pack's local time, the month in words and the reader's
/// digits ("২৮ নভেম্বর ২০২৬, ১৪:৩০").
pub fn when(state: &AppState, tr: &Tr, ms: i64) -> String {
    let offset = time::UtcOffset::from_whole_seconds(state.pack.utc_offset_minutes * 60)
        .unwrap_or(time::UtcOffset::UTC);
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000) else {
        return String::new();
    };
    date_words(tr, t.to_offset(offset))
}

/// A date and time in words, in `tr`'s language and digits.
pub fn date_words(tr: &Tr, t: time::OffsetDateTime) -> String {
    let month = tr.t(&format!("month-{}", u8::from(t.month())));
    let comma = if tr.dir() == "rtl" { "،" } else { "," };
    let text = format!(
        "{} {month} {}{comma} {:02}:{:02}",
        t.day(),
        t.year(),
        t.hour(),
        t.minute()
    );
    shetu_core::digits::localize_digits(&text, tr.code()).replace('\u{066B}', ":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_words_in_each_language() {
        let sources: Vec<(&str, &str)> = crate::i18n::SHELL_MESSAGES
            .iter()
            .map(|m| (m.lang, m.source))
            .collect();
        let i18n = crate::i18n::I18n::load(&sources).unwrap_or_else(|e| panic!("{e}"));
        let tr = |l: &str| {
            Tr::new(
                i18n.clone(),
                shetu_core::Lang::parse(l).unwrap_or_else(|e| panic!("{e}")),
            )
        };
        let t = time::OffsetDateTime::from_unix_timestamp(1_795_876_200)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(date_words(&tr("bn"), t), "২৮ নভেম্বর ২০২৬, ১৪:৩০");
        assert_eq!(date_words(&tr("en"), t), "28 November 2026, 14:30");
        assert_eq!(date_words(&tr("ar"), t), "٢٨ نوفمبر ٢٠٢٦، ١٤:٣٠");
    }
}

/// Everything but unreserved characters and `/` is encoded.
const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// Percent-encodes a path or value for a link (`?next=…`).
pub fn percent_encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, COMPONENT).to_string()
}

/// Renders a template as an HTML response (a template error is a 500, never a panic).
pub fn render(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => (status, [(header::CACHE_CONTROL, "no-cache")], Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Renders a page that explains its own error (the error middleware leaves it alone).
pub fn render_own(status: StatusCode, template: &impl Template) -> Response {
    let mut response = render(status, template);
    response.extensions_mut().insert(crate::middleware::OwnBody);
    response
}

/// What went wrong with a form, for the error summary at its top (`form_errors.html`, each item
/// linking to its field) and the message beside each field — the pattern of the GOV.UK design
/// system. Works the same with JavaScript off (the form's page comes back) and on (htmx swaps it in).
#[derive(Debug, Clone, Default)]
pub struct FormErrors {
    /// One entry per field with a problem, in the form's order.
    pub items: Vec<FormError>,
}

/// A field's problem.
#[derive(Debug, Clone)]
pub struct FormError {
    /// The `id` of the input it is about.
    pub field: String,
    /// What to do about it, in the reader's language.
    pub message: String,
}

impl FormErrors {
    /// No problems.
    pub fn none() -> FormErrors {
        FormErrors::default()
    }

    /// The problems of `error`: each of `fields` (`(name in the error, input id, label key)`)
    /// that the error names; an error about no field in particular is put on `general`'s input.
    pub fn from_error(
        tr: &Tr,
        error: &crate::error::ApiError,
        fields: &[(&str, &str, &str)],
        general: &str,
    ) -> FormErrors {
        let mut items = Vec::new();
        for (name, id, label) in fields {
            if let Some((_, p)) = error.fields.iter().find(|(f, _)| f == name) {
                let problem = tr.with(&format!("field-{}", p.code), &p.args);
                items.push(FormError {
                    field: (*id).to_owned(),
                    message: format!("{}: {problem}", tr.t(label)),
                });
            }
        }
        if items.is_empty() {
            items.push(FormError {
                field: general.to_owned(),
                message: error.message(tr),
            });
        }
        FormErrors { items }
    }

    /// Whether there is nothing to say.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The message for the input `id`, if it has a problem.
    pub fn on(&self, id: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|e| e.field == id)
            .map(|e| e.message.as_str())
    }
}

/// The message for `field` in `error`, if that field has a problem.
pub fn problem(tr: &Tr, error: &crate::error::ApiError, field: &str) -> Option<String> {
    error
        .fields
        .iter()
        .find(|(f, _)| f == field)
        .map(|(_, p)| tr.with(&format!("field-{}", p.code), &p.args))
}
