//! The API's own documentation: the OpenAPI document, a light readable page made from it, and the
//! vendored interactive explorer.

use crate::extract::Locale;
use crate::i18n::Tr;
use crate::pages::{render, Chrome};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

/// The OpenAPI document as JSON text (made when the router was built).
pub fn document(state: &AppState) -> &str {
    state.openapi.get().map_or("{}", String::as_str)
}

/// `GET /api/openapi.json`
pub async fn openapi_json(State(state): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        document(&state).to_owned(),
    )
        .into_response()
}

pub struct Operation {
    pub method: String,
    pub path: String,
    pub summary: String,
}

#[derive(Template)]
#[template(path = "api_docs.html")]
struct DocsPage {
    tr: Tr,
    chrome: Chrome,
    operations: Vec<Operation>,
}

#[derive(Template)]
#[template(path = "api_explorer.html")]
struct ExplorerPage {
    tr: Tr,
}

/// `GET /api/docs`: every operation with its summary, readable without JavaScript.
pub async fn page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: crate::auth::Visitor,
) -> Response {
    let doc: serde_json::Value = serde_json::from_str(document(&state)).unwrap_or_default();
    let mut operations = Vec::new();
    if let Some(paths) = doc["paths"].as_object() {
        for (path, item) in paths {
            for method in ["get", "post", "put", "patch", "delete"] {
                if let Some(op) = item.get(method) {
                    let summary = op["summary"]
                        .as_str()
                        .or(op["description"].as_str())
                        .unwrap_or_default();
                    operations.push(Operation {
                        method: method.to_uppercase(),
                        path: path.clone(),
                        summary: summary.to_owned(),
                    });
                }
            }
        }
    }
    let chrome = Chrome::new(&state, &tr, &uri, "api", &visitor);
    render(
        StatusCode::OK,
        &DocsPage {
            tr,
            chrome,
            operations,
        },
    )
}

/// `GET /api/docs/explorer`: the vendored swagger-ui, for trying requests.
pub async fn explorer(Locale(tr): Locale) -> Response {
    render(StatusCode::OK, &ExplorerPage { tr })
}
