//! People: created by themselves, an agent or an admin; their profile; setting a password with a
//! code sent to their phone.

use crate::error::PeopleError;
use crate::model::{Actor, Person, Role};
use crate::{mandates, otp, password, record, sms};
use shetu_core::id::PersonId;
use shetu_core::{Lang, Phone, RegionId, Text};
use shetu_i18n::{Arg, I18n};
use shetu_store::Db;

/// Longest name, in graphemes.
pub const NAME_MAX: usize = 120;

const COLUMNS: &str = "id, name, phone, email, language, home_region_id, \
     CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END AS has_password";

/// A person as stored: typed columns read by sqlx (ids, phones and languages decode themselves).
#[derive(sqlx::FromRow)]
struct PersonRow {
    id: PersonId,
    name: String,
    phone: Phone,
    email: Option<String>,
    language: Lang,
    home_region_id: Option<String>,
    has_password: i64,
}

impl From<PersonRow> for Person {
    fn from(r: PersonRow) -> Person {
        Person {
            id: r.id,
            name: r.name,
            phone: r.phone,
            email: r.email,
            language: r.language,
            home_region: r.home_region_id,
            has_password: r.has_password != 0,
        }
    }
}

/// A person by id.
#[tracing::instrument(skip_all)]
pub async fn get(db: &Db, id: PersonId) -> Result<Option<Person>, PeopleError> {
    let row: Option<PersonRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM person WHERE id = $1"))
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(Person::from))
}

/// A person by phone.
#[tracing::instrument(skip_all)]
pub async fn by_phone(db: &Db, phone: &Phone) -> Result<Option<Person>, PeopleError> {
    let row: Option<PersonRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM person WHERE phone = $1"))
            .bind(phone)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(Person::from))
}

/// People whose name or phone contains `text` (admin lists), newest first.
#[tracing::instrument(skip_all)]
pub async fn find(db: &Db, text: &str, limit: i64) -> Result<Vec<Person>, PeopleError> {
    let pattern = format!("%{}%", shetu_store::audit::like_escape(text));
    let rows: Vec<PersonRow> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM person WHERE name LIKE $1 ESCAPE '\\' OR phone LIKE $1 ESCAPE '\\' ORDER BY created_at DESC LIMIT $2"))
        .bind(pattern)
        .bind(limit)
        .fetch_all(db.pool())
        .await?;
    Ok(rows.into_iter().map(Person::from).collect())
}

/// The platform roles of a person.
#[tracing::instrument(skip_all)]
pub async fn roles(db: &Db, id: PersonId) -> Result<Vec<Role>, PeopleError> {
    Ok(
        sqlx::query_scalar("SELECT role FROM person_role WHERE person_id = $1 ORDER BY role")
            .bind(id)
            .fetch_all(db.pool())
            .await?,
    )
}

/// A new person, as checked input.
#[derive(Debug, Clone)]
pub struct NewPerson {
    /// Name.
    pub name: Text,
    /// Mobile number.
    pub phone: Phone,
    /// Preferred language.
    pub language: Lang,
    /// Home region.
    pub home_region: Option<RegionId>,
    /// A password, when the person sets one now.
    pub password: Option<String>,
}

/// Registers a person. Admins and agents may register others (an agent's client may have no
/// password yet); `actor` is `None` when a person registers themselves or the system seeds one.
#[tracing::instrument(skip_all, fields(actor = ?actor.map(|a| a.person)))]
pub async fn create(
    db: &Db,
    actor: Option<&Actor>,
    new: NewPerson,
    now: i64,
) -> Result<Person, PeopleError> {
    if let Some(a) = actor {
        if !(a.has(Role::Admin) || a.has(Role::Agent)) {
            return Err(PeopleError::Forbidden);
        }
    }
    let hash = match &new.password {
        Some(p) => {
            password::check_new(p)?;
            Some(password::hash_off(p.clone()).await?)
        }
        None => None,
    };
    let id = PersonId::new();
    let mut tx = db.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO person (id, name, phone, language, home_region_id, password_hash, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (phone) DO NOTHING",
    )
    .bind(id)
    .bind(new.name.as_str())
    .bind(new.phone.as_str())
    .bind(new.language.code())
    .bind(new.home_region.as_ref().map(RegionId::as_str))
    .bind(hash)
    .bind(now)
    .bind(actor.map(|a| a.person.to_string()))
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(done) if done.rows_affected() == 0 => return Err(PeopleError::Conflict("phone_taken")),
        Ok(_) => {}
        Err(sqlx::Error::Database(e)) if e.is_foreign_key_violation() => {
            return Err(PeopleError::Invalid("home_region", "invalid_region"))
        }
        Err(e) => return Err(e.into()),
    }
    let detail =
        serde_json::json!({ "language": new.language.code(), "home_region": new.home_region });
    record(
        &mut tx,
        actor,
        Some(&id.to_string()),
        "person.create",
        &format!("person:{id}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    get(db, id)
        .await?
        .ok_or(PeopleError::NotFound("person_not_found"))
}

/// A change of profile; `None` fields stay as they are.
#[derive(Debug, Clone, Default)]
pub struct ProfileChange {
    /// New name.
    pub name: Option<Text>,
    /// New language.
    pub language: Option<Lang>,
    /// New home region.
    pub home_region: Option<RegionId>,
}

/// Changes the profile of the actor — or, for an agent acting for a client, of the client, which
/// needs an active mandate with the `profile.edit` scope.
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn update_profile(
    db: &Db,
    actor: &Actor,
    change: ProfileChange,
    now: i64,
) -> Result<Person, PeopleError> {
    let mut tx = db.begin().await?;
    let subject = mandates::subject_for(&mut tx, actor, crate::PROFILE_EDIT, now).await?;
    // What is there now, to record what changes — and to record nothing when nothing does.
    let (old_name, old_language, old_region): (String, String, Option<String>) =
        sqlx::query_as("SELECT name, language, home_region_id FROM person WHERE id = $1")
            .bind(subject)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(PeopleError::NotFound("person_not_found"))?;
    let mut changes = serde_json::Map::new();
    let mut note = |field: &str, from: Option<&str>, to: Option<&str>| {
        if to.is_some() && from != to {
            changes.insert(
                field.to_owned(),
                serde_json::json!({ "from": from, "to": to }),
            );
        }
    };
    note(
        "name",
        Some(&old_name),
        change.name.as_ref().map(Text::as_str),
    );
    note(
        "language",
        Some(&old_language),
        change.language.as_ref().map(Lang::code),
    );
    note(
        "home_region",
        old_region.as_deref(),
        change.home_region.as_ref().map(RegionId::as_str),
    );
    if changes.is_empty() {
        tx.rollback().await?;
        return get(db, subject)
            .await?
            .ok_or(PeopleError::NotFound("person_not_found"));
    }
    let done = sqlx::query(
        "UPDATE person SET name = COALESCE($1, name), language = COALESCE($2, language), \
         home_region_id = COALESCE($3, home_region_id) WHERE id = $4",
    )
    .bind(change.name.as_ref().map(Text::as_str))
    .bind(change.language.as_ref().map(Lang::code))
    .bind(change.home_region.as_ref().map(RegionId::as_str))
    .bind(subject)
    .execute(&mut *tx)
    .await;
    match done {
        Ok(_) => {}
        Err(sqlx::Error::Database(e)) if e.is_foreign_key_violation() => {
            return Err(PeopleError::Invalid("home_region", "invalid_region"))
        }
        Err(e) => return Err(e.into()),
    }
    let detail = serde_json::json!({ "changes": changes });
    record(
        &mut tx,
        Some(actor),
        Some(&subject.to_string()),
        "person.update_profile",
        &format!("person:{subject}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    get(db, subject)
        .await?
        .ok_or(PeopleError::NotFound("person_not_found"))
}

const PASSWORD_PURPOSE: &str = "set_password";

/// Sends a code for setting a password to `phone`. Says nothing about whether the phone is known
/// (the answer is the same), but is rate limited per phone all the same.
#[tracing::instrument(skip_all)]
pub async fn request_password_code(
    db: &Db,
    i18n: &I18n,
    phone: &Phone,
    now: i64,
) -> Result<(), PeopleError> {
    let person = by_phone(db, phone).await?;
    let mut tx = db.begin().await?;
    let issued = otp::issue(&mut tx, phone, PASSWORD_PURPOSE, now).await?;
    if let Some(person) = person {
        let text = i18n.message(
            person.language.code(),
            "sms-password-code",
            &[("code", Arg::Text(issued.code))],
        );
        sms::enqueue(&mut tx, phone, &text).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Sets a password with a code sent to the person's phone.
#[tracing::instrument(skip_all)]
pub async fn set_password_with_code(
    db: &Db,
    phone: &Phone,
    code: &str,
    new_password: &str,
    now: i64,
) -> Result<PersonId, PeopleError> {
    password::check_new(new_password)?;
    let person = by_phone(db, phone).await?;
    let hash = password::hash_off(new_password.to_owned()).await?;
    let mut tx = db.begin().await?;
    if let Err(e) = otp::consume(&mut tx, phone, PASSWORD_PURPOSE, code, now).await {
        tx.commit().await?;
        return Err(e);
    }
    let Some(person) = person else {
        return Err(PeopleError::CodeInvalid);
    };
    sqlx::query("UPDATE person SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(person.id)
        .execute(&mut *tx)
        .await?;
    // A new password ends every session and API token made with the old one.
    sqlx::query("DELETE FROM session WHERE person_id = $1")
        .bind(person.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE api_token SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(person.id)
        .execute(&mut *tx)
        .await?;
    let actor = Actor {
        person: person.id,
        roles: Vec::new(),
        on_behalf_of: None,
        request_id: None,
    };
    record(
        &mut tx,
        Some(&actor),
        Some(&person.id.to_string()),
        "person.set_password",
        &format!("person:{}", person.id),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(person.id)
}
