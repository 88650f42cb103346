//! Server-rendered pages for people. Each works without JavaScript; htmx only speeds up
//! navigation.

mod account;
mod admin;
mod agent;
pub mod error;
mod feedback;
mod home;
mod language;
mod regions;
mod signin;

use crate::auth::Visitor;
use crate::i18n::{Tr, LANGUAGES};
use crate::state::AppState;
use askama::Template;
use axum::http::{header, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use shetu_people::Role;

/// Largest photo of a paper mandate form.
pub const PAPER_LIMIT: usize = 900 * 1024;
use axum::Router;

/// The page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show))
        .route("/regions", get(regions::top))
        .route("/regions/{id}", get(regions::show))
        .route("/lang/{code}", get(language::switch))
        .route("/feedback", get(feedback::form).post(feedback::submit))
        .route("/signin", get(signin::form).post(signin::submit))
        .route("/signout", post(signin::signout))
        .route(
            "/password",
            get(signin::password_form).post(signin::set_password),
        )
        .route("/password/code", post(signin::send_code))
        .route("/me", get(account::show).post(account::save))
        .route("/me/mandates/{id}/revoke", post(account::revoke_mandate))
        .route(
            "/me/tokens",
            get(account::tokens_list).post(account::token_create),
        )
        .route("/me/tokens/{id}/revoke", post(account::token_revoke))
        .route("/me/audit", get(account::my_audit))
        .route("/agent", get(agent::console))
        .route("/agent/mandates", post(agent::request))
        .route("/agent/mandates/{id}/confirm", post(agent::confirm))
        .route(
            "/agent/mandates/{id}/paper",
            post(agent::paper).layer(axum::extract::DefaultBodyLimit::max(PAPER_LIMIT)),
        )
        .route("/agent/act/{person}", post(agent::act))
        .route("/agent/stop", post(agent::stop))
        .route("/agent/client", get(agent::client).post(agent::save_client))
        .route("/admin", get(admin::show))
        .route("/admin/people", post(admin::register))
        .route("/admin/roles", post(admin::role))
        .route("/admin/orgs", post(admin::create_org))
        .route("/admin/members", post(admin::member))
        .route("/admin/points", post(admin::create_point))
        .route("/admin/agents", post(admin::assign))
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
    /// Whether to link the agent console.
    pub is_agent: bool,
    /// Whether to link the admin pages.
    pub is_admin: bool,
    /// The client an agent is acting for.
    pub acting_for: Option<String>,
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
    /// The signed-in person, if any.
    pub user: Option<UserBar>,
    /// The CSRF token every form carries.
    pub csrf: String,
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
        chrome.user = visitor.signed_in.as_ref().map(|s| UserBar {
            name: s.person.name.clone(),
            is_agent: s.has(Role::Agent),
            is_admin: s.has(Role::Admin),
            acting_for: s.client.as_ref().map(|c| c.name.clone()),
        });
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
            country: state
                .pack
                .name
                .get(tr.code(), state.pack.default_language.code())
                .to_owned(),
            user: None,
            csrf: String::new(),
        }
    }
}

/// A time as people there read it: the pack's local time, in the reader's digits.
pub fn when(state: &AppState, tr: &Tr, ms: i64) -> String {
    let offset = time::UtcOffset::from_whole_seconds(state.pack.utc_offset_minutes * 60)
        .unwrap_or(time::UtcOffset::UTC);
    let Ok(t) = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000) else {
        return String::new();
    };
    let t = t.to_offset(offset);
    let text = format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    );
    shetu_core::digits::localize_digits(&text, tr.code()).replace('\u{066B}', ":")
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

/// The message for `field` in `error`, if that field has a problem.
pub fn problem(tr: &Tr, error: &crate::error::ApiError, field: &str) -> Option<String> {
    error
        .fields
        .iter()
        .find(|(f, _)| f == field)
        .map(|(_, p)| tr.with(&format!("field-{}", p.code), &p.args))
}
