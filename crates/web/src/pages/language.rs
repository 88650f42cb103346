use crate::error::ApiError;
use crate::extract::LANG_COOKIE;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shetu_core::Lang;

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// Switches the language: remembers it in a cookie and goes back to the page the person was on.
pub async fn switch(
    State(state): State<AppState>,
    Path(code): Path<String>,
    next: Result<Query<Next>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Some(lang) = Lang::parse(&code).ok().filter(|l| state.i18n.has(l)) else {
        return ApiError::bad_request("unsupported_language").into_response();
    };
    let target = next
        .ok()
        .and_then(|Query(n)| n.next)
        .filter(|n| is_local_path(n))
        .unwrap_or_else(|| "/".into());
    let cookie = crate::auth::set_cookie(&state, LANG_COOKIE, lang.code(), Some(31_536_000));
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let Ok(location) = HeaderValue::from_str(&target) {
        headers.insert(header::LOCATION, location);
        headers.insert(header::SET_COOKIE, cookie);
    }
    response
}

/// Only paths on this site: no scheme, no `//host`, no back-slashes or control characters.
fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && path.chars().all(|c| c.is_ascii_graphic())
        && path.len() <= 1024
}

#[cfg(test)]
mod tests {
    #[test]
    fn redirects_stay_on_this_site() {
        assert!(super::is_local_path("/regions/bd.division.1?x=1"));
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "",
            "regions",
            "/a b",
        ] {
            assert!(!super::is_local_path(bad), "{bad}");
        }
    }
}
