use shetu_core::{FieldIssue, Problem};
use shetu_people::PeopleError;
use shetu_store::StoreError;

/// Why a skills use case refused or failed. Each maps to one HTTP status and stable code.
#[derive(Debug, thiserror::Error)]
pub enum SkillsError {
    /// Not allowed for this person.
    #[error("not allowed")]
    Forbidden,
    /// No such thing (the code names what, e.g. `profile_not_found`).
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
    /// A people rule refused it (mandates, sign-in).
    #[error(transparent)]
    People(#[from] PeopleError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for SkillsError {
    fn from(e: sqlx::Error) -> Self {
        SkillsError::Store(e.into())
    }
}

impl Problem for SkillsError {
    const CODES: &'static [&'static str] = &[
        "forbidden",
        "validation_failed",
        "profile_not_found",
        "occupation_not_found",
        "skill_not_found",
        "organization_not_found",
        "vacancy_not_found",
        "org_not_verified",
        "vacancy_not_open",
        "application_not_found",
        "invalid_application_move",
        "report_not_found",
        "report_decided",
        "course_not_found",
        "batch_not_found",
        "enrolment_not_found",
        "certificate_not_found",
        "key_not_found",
        "batch_full",
        "batch_started",
        "enrolment_not_open",
        "certificate_revoked",
        "status_list_full",
        "round_not_found",
        "round_run",
    ];
    const FIELD_CODES: &'static [&'static str] = &[
        "required",
        "too_long",
        "out_of_range",
        "unknown_region",
        "unknown_education",
        "unknown_level",
        "unknown_work_kind",
        "unknown_occupation",
        "unknown_skill",
        "too_many",
        "years_reversed",
        "choose_one",
        "unknown_org_kind",
        "not_an_agency",
        "not_an_employer",
        "unknown_employer",
        "not_representing",
        "salary_reversed",
        "invalid_date",
        "deadline_out_of_range",
        "unknown_state",
        "unknown_reason",
        "unknown_outcome",
        "not_a_provider",
        "unknown_mode",
        "unknown_batch",
        "unknown_group",
    ];

    fn code(&self) -> &'static str {
        match self {
            SkillsError::Forbidden => "forbidden",
            SkillsError::NotFound(code) | SkillsError::Conflict(code) => code,
            SkillsError::Invalid(..)
            | SkillsError::TooLong { .. }
            | SkillsError::OutOfRange { .. } => "validation_failed",
            SkillsError::People(e) => e.code(),
            SkillsError::Store(e) => e.code(),
        }
    }

    fn status(&self) -> u16 {
        match self {
            SkillsError::Forbidden => 403,
            SkillsError::NotFound(_) => 404,
            SkillsError::Conflict(_) => 409,
            SkillsError::Invalid(..)
            | SkillsError::TooLong { .. }
            | SkillsError::OutOfRange { .. } => 422,
            SkillsError::People(e) => e.status(),
            SkillsError::Store(e) => e.status(),
        }
    }

    fn args(&self) -> Vec<(&'static str, shetu_core::MessageArg)> {
        match self {
            SkillsError::People(e) => e.args(),
            SkillsError::Store(e) => e.args(),
            _ => Vec::new(),
        }
    }

    fn fields(&self) -> Vec<FieldIssue> {
        match self {
            SkillsError::Invalid(field, code) => vec![FieldIssue::new(field.clone(), code)],
            SkillsError::TooLong { field, max } => {
                vec![FieldIssue::new(field.clone(), "too_long").num("max", *max)]
            }
            SkillsError::OutOfRange { field, min, max } => {
                vec![FieldIssue::new(field.clone(), "out_of_range")
                    .num("min", *min)
                    .num("max", *max)]
            }
            SkillsError::People(e) => e.fields(),
            SkillsError::Store(e) => e.fields(),
            _ => Vec::new(),
        }
    }
}
