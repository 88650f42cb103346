use shetu_core::{FieldIssue, Problem};
use shetu_store::StoreError;

/// Why an exchange use case refused or failed. Each maps to one HTTP status and stable code.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// Not allowed for this person.
    #[error("not allowed")]
    Forbidden,
    /// No such thing (the code names what, e.g. `solution_not_found`).
    #[error("{0}")]
    NotFound(&'static str),
    /// The request conflicts with the state of things (the code says how).
    #[error("{0}")]
    Conflict(&'static str),
    /// A field is invalid: (field, problem code).
    #[error("invalid {0}: {1}")]
    Invalid(String, &'static str),
    /// A text longer than allowed.
    #[error("{field} is longer than {max}")]
    TooLong { field: String, max: i64 },
    /// A number outside `min..=max`.
    #[error("{field} must be between {min} and {max}")]
    OutOfRange { field: String, min: i64, max: i64 },
    /// Several fields are invalid at once (a publiccode.yml): (path, problem code).
    #[error("invalid fields: {0:?}")]
    Problems(Vec<(String, &'static str)>),
    /// A file larger than allowed (in MB).
    #[error("larger than {max_mb} MB")]
    TooLarge { max_mb: i64 },
    /// The person is suspended from the network until then (ms since 1970).
    #[error("suspended until {until}")]
    Suspended { until: i64 },
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A people rule refused it.
    #[error(transparent)]
    People(#[from] shetu_people::PeopleError),
}

impl From<sqlx::Error> for ExchangeError {
    fn from(e: sqlx::Error) -> Self {
        ExchangeError::Store(e.into())
    }
}

impl Problem for ExchangeError {
    const CODES: &'static [&'static str] = &[
        "forbidden",
        "validation_failed",
        "member_not_found",
        "member_not_verified",
        "solution_not_found",
        "version_not_found",
        "need_not_found",
        "invalid_review_move",
        "match_not_found",
        "invalid_match_move",
        "match_exists",
        "workshop_not_found",
        "registration_closed",
        "not_registered",
        "meeting_cap_reached",
        "meeting_requested",
        "meeting_not_found",
        "meeting_answered",
        "meeting_not_held",
        "not_software",
        "member_exists",
        "comment_not_found",
        "person_not_found",
        "already_flagged",
        "suspended",
        "content_hidden",
        "attachment_not_found",
        "revise_first",
        "too_many_attachments",
        "attachment_published",
        "attachment_too_large",
    ];
    const FIELD_CODES: &'static [&'static str] = &[
        "required",
        "too_long",
        "too_many",
        "unknown_code",
        "unknown_country",
        "unknown_sdg_target",
        "not_a_url",
        "out_of_range",
        "own_solution",
        "not_a_date",
        "unknown_time_zone",
        "not_a_time",
        "overlaps",
        "unknown_slot",
        "yourself",
        "not_a_participant",
        "not_a_person",
        "not_text",
        "not_a_list",
        "not_a_map",
        "not_a_boolean",
        "yaml_syntax",
        "short_too_long",
        "length_150_to_10000",
        "not_for_people",
        "file_type",
        "not_a_number",
    ];

    fn code(&self) -> &'static str {
        match self {
            ExchangeError::Forbidden => "forbidden",
            ExchangeError::Suspended { .. } => "suspended",
            ExchangeError::TooLarge { .. } => "attachment_too_large",
            ExchangeError::NotFound(code) | ExchangeError::Conflict(code) => code,
            ExchangeError::Invalid(..)
            | ExchangeError::TooLong { .. }
            | ExchangeError::OutOfRange { .. }
            | ExchangeError::Problems(_) => "validation_failed",
            ExchangeError::Store(e) => e.code(),
            ExchangeError::People(e) => e.code(),
        }
    }

    fn status(&self) -> u16 {
        match self {
            ExchangeError::Forbidden | ExchangeError::Suspended { .. } => 403,
            ExchangeError::TooLarge { .. } => 413,
            ExchangeError::NotFound(_) => 404,
            ExchangeError::Conflict(_) => 409,
            ExchangeError::Invalid(..)
            | ExchangeError::TooLong { .. }
            | ExchangeError::OutOfRange { .. }
            | ExchangeError::Problems(_) => 422,
            ExchangeError::Store(e) => e.status(),
            ExchangeError::People(e) => e.status(),
        }
    }

    fn args(&self) -> Vec<(&'static str, shetu_core::MessageArg)> {
        match self {
            ExchangeError::Store(e) => e.args(),
            ExchangeError::People(e) => e.args(),
            ExchangeError::TooLarge { max_mb } => {
                vec![("max", shetu_core::MessageArg::Number(*max_mb))]
            }
            ExchangeError::Suspended { until } => {
                vec![("until", shetu_core::MessageArg::Text(crate::day_of(*until)))]
            }
            _ => Vec::new(),
        }
    }

    fn fields(&self) -> Vec<FieldIssue> {
        match self {
            ExchangeError::Invalid(field, code) => vec![FieldIssue::new(field.clone(), code)],
            ExchangeError::TooLong { field, max } => {
                vec![FieldIssue::new(field.clone(), "too_long").num("max", *max)]
            }
            ExchangeError::OutOfRange { field, min, max } => {
                vec![FieldIssue::new(field.clone(), "out_of_range")
                    .num("min", *min)
                    .num("max", *max)]
            }
            ExchangeError::Problems(all) => all
                .iter()
                .map(|(field, code)| FieldIssue::new(field.clone(), code))
                .collect(),
            ExchangeError::Store(e) => e.fields(),
            ExchangeError::People(e) => e.fields(),
            _ => Vec::new(),
        }
    }
}
