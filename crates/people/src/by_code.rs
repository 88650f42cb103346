//! Getting in with a code sent by SMS, for people who will never keep a password: signing in, and
//! signing up with just a mobile number, a name, a language and a home district. Both answer the
//! same for known and unknown numbers, and wrong codes count towards the sign-in limits.

use crate::error::PeopleError;
use crate::{otp, persons, record, signin, sms};
use shetu_core::id::PersonId;
use shetu_core::{Lang, Phone, RegionId, Text};
use shetu_i18n::{Arg, I18n};
use shetu_store::Db;

/// Codes for signing in.
pub const SIGNIN: &str = "signin";
/// Codes for signing up.
pub const SIGNUP: &str = "signup";

/// Sends a sign-in code to `phone` if it is registered (in the person's language); the answer
/// is the same either way, and codes are limited as all codes are.
#[tracing::instrument(skip_all)]
pub async fn send_signin_code(
    db: &Db,
    i18n: &I18n,
    phone: &Phone,
    now: i64,
) -> Result<(), PeopleError> {
    let person = persons::by_phone(db, phone).await?;
    let mut tx = db.begin().await?;
    let issued = otp::issue(&mut tx, phone, SIGNIN, now).await?;
    if let Some(person) = person {
        let text = i18n.message(
            person.language.code(),
            "sms-signin-code",
            &[("code", Arg::Text(issued.code))],
        );
        sms::enqueue(&mut tx, phone, &text).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Sends a code to join to `phone`, in `lang` (known numbers get one too: their sign-up signs
/// them in, so nobody learns from the answer whether a number is registered).
#[tracing::instrument(skip_all)]
pub async fn send_signup_code(
    db: &Db,
    i18n: &I18n,
    phone: &Phone,
    lang: &Lang,
    now: i64,
) -> Result<(), PeopleError> {
    let mut tx = db.begin().await?;
    let issued = otp::issue(&mut tx, phone, SIGNUP, now).await?;
    let text = i18n.message(
        lang.code(),
        "sms-signup-code",
        &[("code", Arg::Text(issued.code))],
    );
    sms::enqueue(&mut tx, phone, &text).await?;
    tx.commit().await?;
    Ok(())
}

/// Signs in with a code; a wrong code counts as a failed sign-in.
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    db: &Db,
    phone: &Phone,
    code: &str,
    address: &str,
    now: i64,
) -> Result<PersonId, PeopleError> {
    signin::check_limits(db, phone, address, now).await?;
    let person = persons::by_phone(db, phone).await?;
    let mut tx = db.begin().await?;
    let used = otp::consume(&mut tx, phone, SIGNIN, code, now).await;
    match (used, person) {
        (Ok(_), Some(p)) => {
            tx.commit().await?;
            Ok(p.id)
        }
        _ => {
            signin::record_failure(&mut tx, phone, address, now).await?;
            tx.commit().await?;
            Err(PeopleError::CodeInvalid)
        }
    }
}

/// What a person gives to join.
#[derive(Debug, Clone)]
pub struct SignUp {
    /// Their name.
    pub name: Text,
    /// The language they read.
    pub language: Lang,
    /// Their home district, if they give it.
    pub home_region: Option<RegionId>,
}

/// Joins with a code: makes the person (they have no password; they sign in with codes), or —
/// when the number is already registered — signs them in, unchanged. One transaction.
#[tracing::instrument(skip_all)]
pub async fn sign_up(
    db: &Db,
    phone: &Phone,
    code: &str,
    new: SignUp,
    address: &str,
    now: i64,
) -> Result<PersonId, PeopleError> {
    signin::check_limits(db, phone, address, now).await?;
    let mut tx = db.begin().await?;
    if otp::consume(&mut tx, phone, SIGNUP, code, now)
        .await
        .is_err()
    {
        signin::record_failure(&mut tx, phone, address, now).await?;
        tx.commit().await?;
        return Err(PeopleError::CodeInvalid);
    }
    let existing: Option<PersonId> = sqlx::query_scalar("SELECT id FROM person WHERE phone = $1")
        .bind(phone)
        .fetch_optional(&mut *tx)
        .await?;
    if let Some(id) = existing {
        tx.commit().await?;
        return Ok(id);
    }
    let id = PersonId::new();
    let inserted = sqlx::query(
        "INSERT INTO person (id, name, phone, language, home_region_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(new.name.as_str())
    .bind(phone)
    .bind(new.language.code())
    .bind(new.home_region.as_ref().map(RegionId::as_str))
    .bind(now)
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        Err(sqlx::Error::Database(e)) if e.is_foreign_key_violation() => {
            return Err(PeopleError::Invalid("home_region", "invalid_region"))
        }
        Err(e) => return Err(e.into()),
    }
    let who = id.to_string();
    let actor = shetu_core::Actor {
        person: id,
        roles: Vec::new(),
        on_behalf_of: None,
        request_id: None,
    };
    record(
        &mut tx,
        Some(&actor),
        Some(&who),
        "person.sign_up",
        &format!("person:{id}"),
        serde_json::json!({ "name": new.name.as_str(), "language": new.language.code(), "home_region": new.home_region }),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
