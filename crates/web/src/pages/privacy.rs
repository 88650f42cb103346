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
    let contact = Some(state.config.operator_contact.trim())
        .filter(|s| !s.is_empty())
        .map_or_else(unset, |c| written_contact(&tr, c));
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

/// The operator's contact inside a sentence: a phone number in the reader's digits, and any
/// contact kept left-to-right inside a right-to-left sentence (Unicode isolates, so "+962…" never
/// reads "…962+").
fn written_contact(tr: &Tr, contact: &str) -> String {
    let phone = contact
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-'));
    let shown = if phone {
        tr.digits(contact)
    } else {
        contact.to_owned()
    };
    format!("\u{2066}{shown}\u{2069}")
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

#[cfg(test)]
mod tests {
    use super::written_contact;
    use crate::i18n::{shell_i18n, Tr};
    use shetu_core::Lang;

    #[test]
    fn the_operators_phone_is_written_in_the_readers_digits_and_kept_left_to_right() {
        let i18n = shell_i18n();
        let tr = |lang: &str| Tr::new(i18n.clone(), Lang::parse(lang).expect("known language"));
        let phone = "+880 2-9515511";
        assert_eq!(
            written_contact(&tr("ar"), phone),
            "\u{2066}+٨٨٠ ٢-٩٥١٥٥١١\u{2069}"
        );
        assert_eq!(
            written_contact(&tr("bn"), phone),
            "\u{2066}+৮৮০ ২-৯৫১৫৫১১\u{2069}"
        );
        assert_eq!(
            written_contact(&tr("en"), phone),
            "\u{2066}+880 2-9515511\u{2069}"
        );
        // An address is not a number: its digits stay as written.
        assert_eq!(
            written_contact(&tr("ar"), "privacy2@example.gov.bd"),
            "\u{2066}privacy2@example.gov.bd\u{2069}"
        );
    }
}
