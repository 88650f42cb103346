use super::{render, Chrome};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::http::Uri;
use axum::response::Response;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    tr: Tr,
    chrome: Chrome,
    message: String,
    status: u16,
    code: &'static str,
}

/// The error page for people, in their language.
pub fn render_error(state: &AppState, tr: &Tr, error: &ApiError) -> Response {
    let chrome = Chrome::anonymous(state, tr, &Uri::from_static("/"), "");
    let page = ErrorPage {
        tr: tr.clone(),
        chrome,
        message: error.message(tr),
        status: error.status.as_u16(),
        code: error.code,
    };
    render(error.status, &page)
}
