//! One error type for every route, mapped once to a status and a stable code. The code doubles as
//! the i18n key (`error-<code>`); the response body is written in the request's language by the
//! `render_errors` middleware, as JSON for the API and as a page for people.

use crate::i18n::{arg_of, Arg, Tr};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use shetu_core::Problem;

/// A problem with one field of the input.
#[derive(Debug, Clone)]
pub struct FieldProblem {
    /// Stable code; the message key is `field-<code>`.
    pub code: &'static str,
    /// Values for the message.
    pub args: Vec<(&'static str, Arg)>,
}

impl FieldProblem {
    /// A problem without arguments.
    pub fn new(code: &'static str) -> FieldProblem {
        FieldProblem {
            code,
            args: Vec::new(),
        }
    }

    /// Adds a number argument (shown in the reader's digits).
    pub fn num(mut self, name: &'static str, value: i64) -> FieldProblem {
        self.args.push((name, Arg::Number(value)));
        self
    }

    /// Adds a text argument.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> FieldProblem {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }
}

/// An error answer: status, stable code, and optional details.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable snake_case code.
    pub code: &'static str,
    /// Technical detail (English) for developers, e.g. where JSON stopped parsing.
    pub detail: Option<String>,
    /// Problems by field name (for 422).
    pub fields: Vec<(String, FieldProblem)>,
    /// Extra headers (e.g. `Retry-After`).
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// Values for the message.
    pub args: Vec<(&'static str, Arg)>,
}

impl ApiError {
    /// An error with `status` and `code`.
    pub fn new(status: StatusCode, code: &'static str) -> ApiError {
        ApiError {
            status,
            code,
            detail: None,
            fields: Vec::new(),
            headers: Vec::new(),
            args: Vec::new(),
        }
    }

    /// Adds a technical detail.
    pub fn detail(mut self, detail: impl Into<String>) -> ApiError {
        let detail: String = detail.into();
        self.detail = Some(detail.chars().take(300).collect());
        self
    }

    /// 400 with `code`.
    pub fn bad_request(code: &'static str) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code)
    }

    /// 404 with `code`.
    pub fn not_found(code: &'static str) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, code)
    }

    /// 422 `validation_failed` with one field problem.
    pub fn field(name: &str, problem: FieldProblem) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
            .and_field(name, problem)
    }

    /// Adds a field problem.
    pub fn and_field(mut self, name: &str, problem: FieldProblem) -> ApiError {
        self.fields.push((name.to_owned(), problem));
        self
    }

    /// The default error for a bare status (from a layer such as the body limit).
    pub fn from_status(status: StatusCode) -> ApiError {
        let code = match status {
            StatusCode::BAD_REQUEST => "bad_request",
            StatusCode::NOT_FOUND => "not_found",
            StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
            StatusCode::REQUEST_TIMEOUT => "timeout",
            StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
            StatusCode::UNPROCESSABLE_ENTITY => "validation_failed",
            StatusCode::SERVICE_UNAVAILABLE => "service_unavailable",
            s if s.is_client_error() => "bad_request",
            _ => "internal_error",
        };
        ApiError::new(status, code)
    }

    /// The message in `tr`'s language.
    pub fn message(&self, tr: &Tr) -> String {
        tr.with(&format!("error-{}", self.code), &self.args)
    }

    /// The JSON body in `tr`'s language.
    pub fn body(&self, tr: &Tr) -> ErrorBody {
        let fields = (!self.fields.is_empty()).then(|| {
            self.fields
                .iter()
                .map(|(name, p)| (name.clone(), tr.with(&format!("field-{}", p.code), &p.args)))
                .collect()
        });
        ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                message: self.message(tr),
                detail: self.detail.clone(),
                fields,
            },
        }
    }
}

/// The error envelope: `{"error": {"code", "message", …}}`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// An error's code and message.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable snake_case code, e.g. `region_not_found`.
    #[schema(example = "validation_failed")]
    pub code: String,
    /// Readable message in the request's language.
    pub message: String,
    /// Technical detail for developers (English).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Problems by field (with 422).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<std::collections::BTreeMap<String, String>>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // The body is written by the render_errors middleware, which knows the language.
        let mut response = self.status.into_response();
        for (name, value) in &self.headers {
            response.headers_mut().insert(name.clone(), value.clone());
        }
        response.extensions_mut().insert(self);
        response
    }
}

impl<P: Problem> From<P> for ApiError {
    fn from(e: P) -> Self {
        let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if status.is_server_error() {
            tracing::error!(error = %e, code = e.code(), "request failed");
        }
        let mut error = ApiError::new(status, e.code());
        error.args = e.args().iter().map(|(k, v)| (*k, arg_of(v))).collect();
        for issue in e.fields() {
            let mut problem = FieldProblem::new(issue.code);
            problem.args = issue.args.iter().map(|(k, v)| (*k, arg_of(v))).collect();
            error.fields.push((issue.field, problem));
        }
        if let Some(s) = e.retry_after_s() {
            if let Ok(v) = HeaderValue::from_str(&s.to_string()) {
                error.headers.push((axum::http::header::RETRY_AFTER, v));
            }
        }
        error
    }
}
