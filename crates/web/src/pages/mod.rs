//! Server-rendered pages for people. Each works without JavaScript; htmx only speeds up
//! navigation.

pub mod error;
mod feedback;
mod home;
mod language;
mod regions;

use crate::i18n::{Tr, LANGUAGES};
use crate::state::AppState;
use askama::Template;
use axum::http::{header, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// The page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show))
        .route("/regions", get(regions::top))
        .route("/regions/{id}", get(regions::show))
        .route("/lang/{code}", get(language::switch))
        .route("/feedback", get(feedback::form).post(feedback::submit))
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

/// What the layout around every page needs.
pub struct Chrome {
    /// Which top-level section is open (`home`, `regions`, `feedback`, `api`).
    pub section: &'static str,
    /// The language switcher.
    pub languages: Vec<LangLink>,
    /// This page's address, percent-encoded, to come back to after switching language.
    pub next: String,
    /// The country's name in the page's language.
    pub country: String,
}

impl Chrome {
    /// The layout data for a page at `uri` in section `section`.
    pub fn new(state: &AppState, tr: &Tr, uri: &Uri, section: &'static str) -> Chrome {
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
            country: state
                .pack
                .name
                .get(tr.code(), state.pack.default_language.code())
                .to_owned(),
        }
    }
}

/// Percent-encodes everything but unreserved characters and `/`.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
