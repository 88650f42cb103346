use shetu_core::{FieldIssue, Problem};
use shetu_store::StoreError;

/// Why a people use case refused or failed. Each maps to one HTTP status and stable code.
#[derive(Debug, thiserror::Error)]
pub enum PeopleError {
    /// Wrong phone or password (never says which).
    #[error("wrong phone number or password")]
    InvalidCredentials,
    /// Too many attempts; try again after this many seconds.
    #[error("too many attempts; try again in {retry_after_s} s")]
    RateLimited { retry_after_s: i64 },
    /// No valid session or token.
    #[error("sign in first")]
    SignInRequired,
    /// Signed in, but not allowed.
    #[error("not allowed")]
    Forbidden,
    /// Acting for someone without an active mandate covering the action.
    #[error("no active mandate covers this action")]
    MandateRequired,
    /// A code that is wrong, expired, used up or not for this purpose.
    #[error("the code is wrong or has expired")]
    CodeInvalid,
    /// No such thing (code: what is missing, e.g. `person_not_found`).
    #[error("{0}")]
    NotFound(&'static str),
    /// A conflict with the current state (code, e.g. `phone_taken`).
    #[error("{0}")]
    Conflict(&'static str),
    /// A field is invalid: (field, problem code).
    #[error("invalid {0}: {1}")]
    Invalid(&'static str, &'static str),
    /// A field is shorter than `min` characters.
    #[error("{field} must be at least {min} characters")]
    TooShort { field: &'static str, min: i64 },
    /// A field is longer than `max` characters.
    #[error("{field} must be at most {max} characters")]
    TooLong { field: &'static str, max: i64 },
    /// A number outside `min..=max`.
    #[error("{field} must be between {min} and {max}")]
    OutOfRange {
        field: &'static str,
        min: i64,
        max: i64,
    },
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for PeopleError {
    fn from(e: sqlx::Error) -> Self {
        PeopleError::Store(e.into())
    }
}

impl Problem for PeopleError {
    const CODES: &'static [&'static str] = &[
        "invalid_credentials",
        "rate_limited",
        "sign_in_required",
        "forbidden",
        "mandate_required",
        "code_invalid",
        "person_not_found",
        "mandate_not_found",
        "token_not_found",
        "organization_not_found",
        "service_point_not_found",
        "phone_taken",
        "mandate_not_pending",
        "mandate_already_pending",
        "mandate_revoked",
        "cannot_remove_own_admin",
        "validation_failed",
        "internal_error",
        "service_unavailable",
        "email_link_invalid",
    ];
    const FIELD_CODES: &'static [&'static str] = &[
        "too_short",
        "too_long",
        "out_of_range",
        "invalid_region",
        "unknown_value",
        "self_mandate",
        "not_an_image",
        "required",
        "empty",
        "invalid",
        "not_found",
        "invalid_email",
    ];

    fn code(&self) -> &'static str {
        match self {
            PeopleError::InvalidCredentials => "invalid_credentials",
            PeopleError::RateLimited { .. } => "rate_limited",
            PeopleError::SignInRequired => "sign_in_required",
            PeopleError::Forbidden => "forbidden",
            PeopleError::MandateRequired => "mandate_required",
            PeopleError::CodeInvalid => "code_invalid",
            PeopleError::NotFound(code) | PeopleError::Conflict(code) => code,
            PeopleError::Invalid(..)
            | PeopleError::TooShort { .. }
            | PeopleError::TooLong { .. }
            | PeopleError::OutOfRange { .. } => "validation_failed",
            PeopleError::Store(e) => e.code(),
        }
    }

    fn status(&self) -> u16 {
        match self {
            PeopleError::InvalidCredentials | PeopleError::SignInRequired => 401,
            PeopleError::RateLimited { .. } => 429,
            PeopleError::Forbidden | PeopleError::MandateRequired => 403,
            PeopleError::NotFound(_) => 404,
            PeopleError::Conflict(_) => 409,
            PeopleError::CodeInvalid
            | PeopleError::Invalid(..)
            | PeopleError::TooShort { .. }
            | PeopleError::TooLong { .. }
            | PeopleError::OutOfRange { .. } => 422,
            PeopleError::Store(e) => e.status(),
        }
    }

    fn fields(&self) -> Vec<FieldIssue> {
        match self {
            PeopleError::Invalid(field, code) => {
                vec![FieldIssue::new(field.to_ascii_lowercase(), code)]
            }
            PeopleError::TooShort { field, min } => {
                vec![FieldIssue::new(*field, "too_short").num("min", *min)]
            }
            PeopleError::TooLong { field, max } => {
                vec![FieldIssue::new(*field, "too_long").num("max", *max)]
            }
            PeopleError::OutOfRange { field, min, max } => {
                vec![FieldIssue::new(*field, "out_of_range")
                    .num("min", *min)
                    .num("max", *max)]
            }
            _ => Vec::new(),
        }
    }

    fn retry_after_s(&self) -> Option<u64> {
        match self {
            PeopleError::RateLimited { retry_after_s } => Some((*retry_after_s).max(1) as u64),
            PeopleError::Store(e) => e.retry_after_s(),
            _ => None,
        }
    }
}

impl From<shetu_core::access::BadName> for PeopleError {
    fn from(_: shetu_core::access::BadName) -> Self {
        PeopleError::Invalid("kind", "unknown_value")
    }
}
