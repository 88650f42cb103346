//! A person's data is theirs: everything shetu keeps about them, to download; and erasure, which
//! leaves a pseudonym where others' records need one and makes the audit log's details about
//! them unreadable while every proof stays valid.

use crate::error::PeopleError;
use crate::model::Actor;
use crate::{mandates, orgs, persons, record, tokens};
use shetu_store::{audit, Db};
use shetu_web::seam::PersonalData;
use std::sync::Arc;

/// Everything about the person an action is for (themselves, or a client whose mandate allows
/// `profile.edit`), as one JSON document.
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn export(
    db: &Db,
    actor: &Actor,
    parts: &[Arc<dyn PersonalData>],
    now: i64,
) -> Result<serde_json::Value, PeopleError> {
    let subject = {
        let mut tx = db.begin().await?;
        let subject = mandates::subject_for(&mut tx, actor, crate::PROFILE_EDIT, now).await?;
        tx.rollback().await?;
        subject
    };
    let person = persons::get(db, subject)
        .await?
        .ok_or(PeopleError::NotFound("person_not_found"))?;
    let mut doc = serde_json::json!({
        "exported_at_ms": now,
        "person": person,
        "roles": persons::roles(db, subject).await?,
        "memberships": orgs::memberships(db, subject).await?,
        "mandates_given": mandates::of_subject(db, subject, now).await?,
        "mandates_held": mandates::of_agent(db, subject, now).await?,
        "api_tokens": tokens::list(db, subject).await?,
        "history": audit::search(db, &audit::Search { person: Some(subject.to_string()), limit: 500, ..Default::default() }).await?,
    });
    for part in parts {
        doc[part.part()] = part.collect(db, subject, person.phone.as_str()).await?;
    }
    Ok(doc)
}

/// A placeholder number for an erased person: valid in form, unique, and no one's (+999 is not
/// assigned to any country).
fn placeholder_phone(person: shetu_core::id::PersonId) -> String {
    let digits: String = person
        .0
        .as_u128()
        .to_string()
        .chars()
        .rev()
        .take(11)
        .collect();
    format!("+999{digits:0>11}")
}

/// Erases the actor's own account, in one transaction: every module's part, then the person
/// (a pseudonym stays), their sessions, tokens, mandates, codes and messages, and their key in
/// the audit log. Only the person themselves can ask (not an agent for them).
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn erase(
    db: &Db,
    actor: &Actor,
    parts: &[Arc<dyn PersonalData>],
    now: i64,
) -> Result<(), PeopleError> {
    if actor.on_behalf_of.is_some_and(|c| c != actor.person) {
        return Err(PeopleError::Forbidden);
    }
    let id = actor.person;
    let mut tx = db.begin().await?;
    let phone: String =
        sqlx::query_scalar("SELECT phone FROM person WHERE id = $1 AND erased_at IS NULL")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(PeopleError::NotFound("person_not_found"))?;
    for part in parts {
        part.erase(&mut tx, id, &phone).await?;
    }
    record(
        &mut tx,
        Some(actor),
        Some(&id.to_string()),
        "person.erase",
        &format!("person:{id}"),
        serde_json::json!({}),
    )
    .await?;
    let pseudonym = format!("#{}", &id.to_string()[..8]);
    sqlx::query(
        "UPDATE person SET name = $1, phone = $2, email = NULL, email_verified_at = NULL, password_hash = NULL, \
         home_region_id = NULL, erased_at = $3 WHERE id = $4",
    )
    .bind(&pseudonym)
    .bind(placeholder_phone(id))
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    for (sql, by_phone) in [
        ("DELETE FROM session WHERE person_id = $1", false),
        (
            "UPDATE session SET acting_for = NULL WHERE acting_for = $1",
            false,
        ),
        ("DELETE FROM person_role WHERE person_id = $1", false),
        ("DELETE FROM email_confirmation WHERE person_id = $1", false),
        ("DELETE FROM membership WHERE person_id = $1", false),
        (
            "DELETE FROM service_point_agent WHERE person_id = $1",
            false,
        ),
        // Mandates keep no link to the codes that confirmed them once those are gone.
        ("UPDATE mandate SET code_id = NULL WHERE code_id IN (SELECT id FROM one_time_code WHERE phone = $1)", true),
        ("DELETE FROM one_time_code WHERE phone = $1", true),
        ("DELETE FROM sandbox_sms WHERE to_phone = $1", true),
    ] {
        let q = sqlx::query(sql);
        let q = if by_phone {
            q.bind(phone.clone())
        } else {
            q.bind(id)
        };
        q.execute(&mut *tx).await?;
    }
    sqlx::query("DELETE FROM login_failure WHERE key = $1")
        .bind(format!("phone:{phone}"))
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE api_token SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE mandate SET status = 'revoked', revoked_at = $1, revoked_by = $2 \
         WHERE (subject_id = $2 OR agent_id = $2) AND status <> 'revoked'",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    audit::erase_person_key(&mut tx, &id.to_string(), now).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholder_numbers_are_valid_and_nobodys() {
        let id = shetu_core::id::PersonId::new();
        let p = super::placeholder_phone(id);
        assert!(p.starts_with("+999") && p.len() == 15, "{p}");
        assert!(shetu_core::Phone::parse_e164(&p).is_ok());
    }
}
