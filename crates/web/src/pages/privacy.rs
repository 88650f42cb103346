use super::{render, Chrome};
use crate::auth::Visitor;
use crate::extract::Locale;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;

#[derive(Template)]
#[template(path = "privacy.html")]
struct PrivacyPage {
    tr: Tr,
    chrome: Chrome,
    terms: bool,
    operator: String,
    contact: String,
    law: String,
}

fn page(state: &AppState, tr: Tr, uri: &Uri, visitor: &Visitor, terms: bool) -> Response {
    let unset = || tr.t("privacy-operator-unset");
    let operator = Some(state.config.operator_name.clone())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(unset);
    let contact = Some(state.config.operator_contact.clone())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(unset);
    let law = state
        .pack
        .data_protection_law
        .get(tr.code(), "en")
        .to_owned();
    let chrome = Chrome::new(
        state,
        &tr,
        uri,
        if terms { "terms" } else { "privacy" },
        visitor,
    );
    render(
        StatusCode::OK,
        &PrivacyPage {
            tr,
            chrome,
            terms,
            operator,
            contact,
            law,
        },
    )
}

/// `GET /privacy`: what the platform keeps about people, why, for how long, and their rights.
pub async fn privacy(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
) -> Response {
    page(&state, tr, &uri, &visitor, false)
}

/// `GET /terms`: the terms of use.
pub async fn terms(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
) -> Response {
    page(&state, tr, &uri, &visitor, true)
}
