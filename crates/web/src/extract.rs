//! Extractors that turn every malformed input into an [`ApiError`] with a stable code.

use crate::error::{ApiError, FieldProblem};
use crate::i18n::{from_accept_language, Tr};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use serde::de::DeserializeOwned;
use shetu_core::Lang;

/// The cookie that keeps a person's chosen language.
pub const LANG_COOKIE: &str = "shetu_lang";

/// The request's language: `?lang=` (an explicit choice), then the language cookie, then
/// `Accept-Language`, then the country pack's default. An unknown `?lang=` is refused (400
/// `unsupported_language`).
#[derive(Debug, Clone)]
pub struct Locale(pub Tr);

impl FromRequestParts<AppState> for Locale {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(asked) = query_value(&parts.uri, "lang") {
            return match Lang::parse(&asked).ok().filter(|l| state.i18n.has(l)) {
                Some(lang) => Ok(Locale(Tr::new(state.i18n.clone(), lang))),
                None => Err(ApiError::bad_request("unsupported_language")),
            };
        }
        Ok(Locale(Tr::new(
            state.i18n.clone(),
            preferred_language(&parts.headers, state),
        )))
    }
}

/// The language from the cookie, `Accept-Language` or the pack — never an error.
pub fn preferred_language(headers: &HeaderMap, state: &AppState) -> Lang {
    cookie(headers, LANG_COOKIE)
        .and_then(|c| Lang::parse(&c).ok())
        .filter(|l| state.i18n.has(l))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(|h| from_accept_language(h, &state.i18n))
        })
        .unwrap_or_else(|| state.pack.default_language.clone())
}

/// Like [`Locale`] but never refuses: used when writing an error in the asker's language.
pub fn lenient_language(uri: &Uri, headers: &HeaderMap, state: &AppState) -> Lang {
    query_value(uri, "lang")
        .and_then(|l| Lang::parse(&l).ok())
        .filter(|l| state.i18n.has(l))
        .unwrap_or_else(|| preferred_language(headers, state))
}

pub use crate::auth::cookie;

fn query_value(uri: &Uri, name: &str) -> Option<String> {
    uri.query()?
        .split('&')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// Query parameters; any it cannot read gives 400 `invalid_query`.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        if !percent_decodes_to_utf8(parts.uri.query().unwrap_or_default()) {
            return Err(
                ApiError::bad_request("invalid_query").detail("the query string is not UTF-8")
            );
        }
        // An empty value (`?after=&limit=`, as forms and clients send for "not given") counts
        // as absent.
        let given = without_empty(parts.uri.query().unwrap_or_default());
        serde_html_form::from_str::<T>(&given)
            .map(ApiQuery)
            .map_err(|e| ApiError::bad_request("invalid_query").detail(e.to_string()))
    }
}

/// The query string without its `name=` pairs whose value is empty.
fn without_empty(query: &str) -> String {
    query
        .split('&')
        .filter(|pair| !pair.is_empty() && pair.split_once('=').is_none_or(|(_, v)| !v.is_empty()))
        .collect::<Vec<_>>()
        .join("&")
}

/// Whether percent-decoding `raw` (with `+` as space) gives valid UTF-8. The usual decoders
/// replace bad bytes with U+FFFD silently; shetu refuses them instead.
pub fn percent_decodes_to_utf8(raw: &str) -> bool {
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .is_ok()
}

/// A JSON body. Wrong content type: 415; too large: 413; not JSON or not UTF-8: 400
/// `malformed_json`; wrong shape: 422 `validation_failed` naming the field.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|m| m.trim().to_ascii_lowercase())
            .is_some_and(|m| {
                m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
            });
        if !is_json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
            } else {
                ApiError::bad_request("bad_request").detail(e.body_text())
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Parses a JSON document into `T`, with the error rules of [`ApiJson`].
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    let value = value.map_err(|e| {
        let inner = e.inner();
        if !inner.is_data() {
            return ApiError::bad_request("malformed_json").detail(inner.to_string());
        }
        let text = inner.to_string();
        let named = text.split('`').nth(1).map(str::to_owned);
        let path = e.path().to_string();
        let (field, code) = if text.starts_with("missing field") {
            (named.unwrap_or(path), "required")
        } else if text.starts_with("unknown field") {
            (named.unwrap_or(path), "unknown_field")
        } else {
            (path, "invalid_type")
        };
        ApiError::field(&field, FieldProblem::new(code)).detail(text)
    })?;
    // Anything after the document (a second value, garbage) makes it malformed.
    de.end()
        .map_err(|e| ApiError::bad_request("malformed_json").detail(e.to_string()))?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    #[test]
    fn empty_query_values_count_as_absent() {
        assert_eq!(super::without_empty("after=&limit=5&parent="), "limit=5");
        assert_eq!(super::without_empty("a=1&&b"), "a=1&b");
    }

    #[test]
    fn query_strings_must_decode_to_utf8() {
        use super::percent_decodes_to_utf8 as ok;
        assert!(ok("parent=bd.division.1&limit=%E0%A7%A9"));
        assert!(ok("a=100%"));
        assert!(ok(""));
        assert!(!ok("parent=%ff%fe"));
        assert!(!ok("x=%E0%A7"));
    }
}
