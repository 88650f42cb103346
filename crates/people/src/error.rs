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
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for PeopleError {
    fn from(e: sqlx::Error) -> Self {
        PeopleError::Store(e.into())
    }
}
