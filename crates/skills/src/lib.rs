//! shetu-skills: the NISE module. A coded skills taxonomy (ISCO-08 / ESCO, with the country
//! pack's labels), job-seeker profiles built by the person or by an agent for them, and matching
//! of skills supply and demand with reasons a person can read.
//!
//! Use cases take an [`Actor`](shetu_core::Actor) and decide for whom they act through the one
//! mandate check (`shetu_people::mandates::subject_for`), and write their audit and outbox
//! events in their own transaction.

pub mod alerts;
pub mod allocation;
pub mod applications;
pub mod courses;
pub mod credentials;
pub mod employers;
pub mod error;
pub mod figures;
pub mod finder;
pub mod matching;
pub mod personal;
pub mod profiles;
pub mod reports;
pub mod taxonomy;
pub mod vacancies;
pub mod view;
pub mod web;

pub use error::SkillsError;

use shetu_core::Scope;

/// An agent may keep a person's job-seeker profile for them.
pub const SKILLS_PROFILE: Scope = Scope::declared("skills.profile");

/// Checks a free text field: trimmed, not empty when required, at most `max` characters, no
/// control characters but line breaks and tabs.
pub(crate) fn text(
    field: &str,
    value: &str,
    max: usize,
    required: bool,
) -> Result<String, SkillsError> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(SkillsError::Invalid(field.to_owned(), "required"));
    }
    if value.chars().count() > max
        || value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(SkillsError::TooLong {
            field: field.to_owned(),
            max: i64::try_from(max).unwrap_or(i64::MAX),
        });
    }
    Ok(value.to_owned())
}

/// Whether a taxonomy row (`skills_skill`, `skills_occupation`) with this id exists.
pub(crate) async fn exists(
    conn: &mut sqlx::AnyConnection,
    table: &str,
    id: i64,
) -> Result<bool, SkillsError> {
    let found: Option<i64> = sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(found.is_some())
}
