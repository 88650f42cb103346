use super::{render, Chrome};
use crate::auth::Visitor;
use crate::extract::Locale;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;

pub struct Module {
    pub title: &'static str,
    pub text: &'static str,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    tr: Tr,
    chrome: Chrome,
    modules: Vec<Module>,
}

/// The home page: what shetu is and its three modules, in the reader's language.
pub async fn show(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
) -> Response {
    let modules = ["commerce", "skills", "exchange"]
        .map(|m| match m {
            "commerce" => Module {
                title: "module-commerce-title",
                text: "module-commerce-text",
            },
            "skills" => Module {
                title: "module-skills-title",
                text: "module-skills-text",
            },
            _ => Module {
                title: "module-exchange-title",
                text: "module-exchange-text",
            },
        })
        .into_iter()
        .collect();
    let chrome = Chrome::new(&state, &tr, &uri, "home", &visitor);
    render(
        StatusCode::OK,
        &HomePage {
            tr,
            chrome,
            modules,
        },
    )
}
