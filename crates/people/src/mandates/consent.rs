//! Asking a person for a mandate by a code sent to their phone: the request, resending and
//! cancelling it, and the person confirming it.

use super::*;

/// The text that brings a person the code for an agent's request, in the person's language: who
/// asks, from which digital centre, for what, and how to refuse — in at most two SMS parts (when
/// the names are long, the agent's name gives way; the centre stays).
fn code_sms(
    i18n: &I18n,
    subject: &crate::Person,
    agent: &str,
    centre: &str,
    scopes: &[Scope],
    code: &str,
) -> String {
    let lang = subject.language.code();
    let scope_names = scopes
        .iter()
        .map(|s| i18n.message(lang, &s.message_key(), &[]))
        .collect::<Vec<_>>()
        .join(", ");
    let args = [
        ("agent", Arg::Text(agent.to_owned())),
        ("centre", Arg::Text(centre.to_owned())),
        ("scopes", Arg::Text(scope_names)),
        ("code", Arg::Text(code.to_owned())),
    ];
    let full = i18n.message(lang, "sms-mandate-code", &args);
    if sms::parts(&full) <= 2 {
        full
    } else {
        i18n.message(lang, "sms-mandate-code-short", &args)
    }
}

/// The name of the digital centre an agent works at (the platform's name if none).
async fn centre_of(tx: &mut Tx, agent: PersonId) -> Result<String, PeopleError> {
    let name: Option<String> = sqlx::query_scalar(
        "SELECT s.name FROM service_point_agent a JOIN service_point s ON s.id = a.service_point_id \
         WHERE a.person_id = $1 ORDER BY a.created_at LIMIT 1",
    )
    .bind(agent)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(name.unwrap_or_else(|| "shetu".to_owned()))
}

/// The agent's own request `id` while it waits: (subject, scopes), or why not.
async fn own_pending(
    tx: &mut Tx,
    actor: &Actor,
    id: MandateId,
    now: i64,
) -> Result<(PersonId, Vec<Scope>), PeopleError> {
    let row = sqlx::query(
        "SELECT subject_id, agent_id, status, valid_until, scopes FROM mandate WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(PeopleError::NotFound("mandate_not_found"))?;
    let agent: PersonId = row.try_get("agent_id")?;
    if agent != actor.person {
        return Err(PeopleError::NotFound("mandate_not_found"));
    }
    let status: String = row.try_get("status")?;
    let valid_until: i64 = row.try_get("valid_until")?;
    if status != "pending" || valid_until <= now {
        return Err(PeopleError::Conflict("mandate_not_pending"));
    }
    let scopes: String = row.try_get("scopes")?;
    Ok((
        row.try_get("subject_id")?,
        scopes.split(',').filter_map(Scope::parse).collect(),
    ))
}

/// Sends the person a new code for the agent's waiting request (the old one stops working);
/// limited like every code (three per phone in 15 minutes).
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn resend_code(
    db: &Db,
    i18n: &I18n,
    actor: &Actor,
    id: MandateId,
    now: i64,
) -> Result<Mandate, PeopleError> {
    actor.require(Role::Agent)?;
    let mut tx = db.begin().await?;
    let (subject_id, scopes) = own_pending(&mut tx, actor, id, now).await?;
    let subject = persons::get(db, subject_id)
        .await?
        .ok_or(PeopleError::NotFound("person_not_found"))?;
    let agent = persons::get(db, actor.person)
        .await?
        .ok_or(PeopleError::SignInRequired)?;
    let code = otp::issue(&mut tx, &subject.phone, &purpose(id), now).await?;
    sqlx::query("UPDATE mandate SET code_id = $1 WHERE id = $2")
        .bind(code.id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let centre = centre_of(&mut tx, actor.person).await?;
    let text = code_sms(i18n, &subject, &agent.name, &centre, &scopes, &code.code);
    sms::enqueue(&mut tx, &subject.phone, &text).await?;
    record(
        &mut tx,
        Some(actor),
        Some(&subject_id.to_string()),
        "mandate.resend_code",
        &format!("mandate:{id}"),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    reload(db, id, now).await
}

/// The agent withdraws their own request while it waits (the person asked them not to, or it
/// was for the wrong person).
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn cancel(
    db: &Db,
    actor: &Actor,
    id: MandateId,
    now: i64,
) -> Result<Mandate, PeopleError> {
    actor.require(Role::Agent)?;
    let mut tx = db.begin().await?;
    let (subject_id, _) = own_pending(&mut tx, actor, id, now).await?;
    sqlx::query(
        "UPDATE mandate SET status = 'revoked', revoked_at = $1, revoked_by = $2 WHERE id = $3",
    )
    .bind(now)
    .bind(actor.person)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    record(
        &mut tx,
        Some(actor),
        Some(&subject_id.to_string()),
        "mandate.cancel",
        &format!("mandate:{id}"),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    reload(db, id, now).await
}

/// What an agent asks for.
#[derive(Debug, Clone)]
pub struct Request {
    /// The person.
    pub subject: PersonId,
    /// What the agent may do.
    pub scopes: Vec<Scope>,
    /// For how many days (1 to 365).
    pub valid_days: i64,
}

fn purpose(id: MandateId) -> String {
    format!("mandate:{id}")
}

/// An agent asks a person for a mandate; the person gets a code by SMS, in their language.
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn request(
    db: &Db,
    i18n: &I18n,
    actor: &Actor,
    req: Request,
    now: i64,
) -> Result<Mandate, PeopleError> {
    actor.require(Role::Agent)?;
    if req.scopes.is_empty() {
        return Err(PeopleError::Invalid("scopes", "empty"));
    }
    if !(1..=MAX_DAYS).contains(&req.valid_days) {
        return Err(PeopleError::OutOfRange {
            field: "valid_days",
            min: 1,
            max: MAX_DAYS,
        });
    }
    if req.subject == actor.person {
        return Err(PeopleError::Invalid("person", "self_mandate"));
    }
    let subject = persons::get(db, req.subject)
        .await?
        .ok_or(PeopleError::NotFound("person_not_found"))?;
    let agent = persons::get(db, actor.person)
        .await?
        .ok_or(PeopleError::SignInRequired)?;
    let id = MandateId::new();
    let mut scopes = req.scopes.clone();
    scopes.sort();
    scopes.dedup();
    let scope_list = scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let mut tx = db.begin().await?;
    // One waiting request per person and agent: a request whose time ran out is closed first;
    // one still waiting is reported (the agent resends its code or cancels it).
    sqlx::query(
        "UPDATE mandate SET status = 'revoked', revoked_at = $1 WHERE subject_id = $2 AND agent_id = $3 \
         AND status = 'pending' AND valid_until <= $1",
    )
    .bind(now)
    .bind(subject.id)
    .bind(actor.person)
    .execute(&mut *tx)
    .await?;
    let waiting: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM mandate WHERE subject_id = $1 AND agent_id = $2 AND status = 'pending'",
    )
    .bind(subject.id)
    .bind(actor.person)
    .fetch_one(&mut *tx)
    .await?;
    if waiting > 0 {
        return Err(PeopleError::Conflict("mandate_already_pending"));
    }
    let service_point = sqlx::query("SELECT service_point_id FROM service_point_agent WHERE person_id = $1 ORDER BY created_at LIMIT 1")
        .bind(actor.person)
        .fetch_optional(&mut *tx)
        .await?
        .map(|r| r.try_get::<String, _>(0))
        .transpose()?;
    let code = otp::issue(&mut tx, &subject.phone, &purpose(id), now).await?;
    sqlx::query(
        "INSERT INTO mandate (id, subject_id, agent_id, service_point_id, scopes, valid_until, status, code_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8)",
    )
    .bind(id)
    .bind(subject.id)
    .bind(actor.person)
    .bind(service_point)
    .bind(&scope_list)
    .bind(now + req.valid_days * DAY_MS)
    .bind(code.id)
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(|e| match e {
        // Another request for the same person raced this one in.
        sqlx::Error::Database(d) if d.is_unique_violation() => PeopleError::Conflict("mandate_already_pending"),
        other => other.into(),
    })?;
    let centre = centre_of(&mut tx, actor.person).await?;
    let text = code_sms(i18n, &subject, &agent.name, &centre, &scopes, &code.code);
    sms::enqueue(&mut tx, &subject.phone, &text).await?;
    let detail = serde_json::json!({ "scopes": scope_list, "valid_days": req.valid_days });
    record(
        &mut tx,
        Some(actor),
        Some(&subject.id.to_string()),
        "mandate.request",
        &format!("mandate:{id}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    reload(db, id, now).await
}

/// The agent enters the code the person received: the mandate comes into force.
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn confirm(
    db: &Db,
    actor: &Actor,
    id: MandateId,
    code: &str,
    now: i64,
) -> Result<Mandate, PeopleError> {
    actor.require(Role::Agent)?;
    let mut tx = db.begin().await?;
    let (subject, phone) = pending_of_agent(&mut tx, actor, id, now).await?;
    let phone = shetu_core::Phone::parse_e164(&phone).map_err(|_| PeopleError::CodeInvalid)?;
    if let Err(e) = otp::consume(&mut tx, &phone, &purpose(id), code, now).await {
        tx.commit().await?;
        return Err(e);
    }
    sqlx::query("UPDATE mandate SET status = 'active', confirmed_via = 'code', confirmed_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        Some(actor),
        Some(&subject.to_string()),
        "mandate.confirm",
        &format!("mandate:{id}"),
        serde_json::json!({ "via": "code" }),
    )
    .await?;
    tx.commit().await?;
    reload(db, id, now).await
}
