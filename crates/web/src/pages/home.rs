use super::{render, Chrome};
use crate::auth::Visitor;
use crate::extract::Locale;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;

/// A home page card as shown.
pub struct Card {
    pub title: String,
    pub text: String,
    pub href: &'static str,
    pub link: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    tr: Tr,
    chrome: Chrome,
    cards: Vec<Card>,
}

/// The home page: what shetu is and what a visitor can do with the enabled modules.
pub async fn show(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
) -> Response {
    let country = state.pack.name.get(tr.code(), "en").to_owned();
    let cards = state
        .catalog
        .home
        .iter()
        .map(|c| Card {
            title: tr.t(c.title),
            text: tr.t1(c.text, "country", &country),
            href: c.href,
            link: tr.t1(c.link, "country", &country),
        })
        .collect();
    let chrome = Chrome::new(&state, &tr, &uri, "home", &visitor);
    render(StatusCode::OK, &HomePage { tr, chrome, cards })
}
