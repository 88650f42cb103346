//! Mandates: a person's active, scoped, time-limited and revocable permission for an agent to act
//! for them. Given by confirming a code sent to the person's phone, or by a paper form the agent
//! records with a witness and a photo. [`require_active`] is the one place that decides whether an
//! agent may act for someone; every module calls it (through [`subject_for`]).

use crate::error::PeopleError;
use crate::model::{Actor, RequireRole, Role, Scope};
use crate::{otp, persons, record, sms};
use shetu_core::id::{MandateId, PersonId};
use shetu_i18n::{Arg, I18n};
use shetu_store::{Db, Tx};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// Longest validity of a mandate, in days.
pub const MAX_DAYS: i64 = 365;
const DAY_MS: i64 = 86_400_000;

/// Where a mandate stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Asked for; waiting for the person's code or a paper form.
    Pending,
    /// In force (until `valid_until`).
    Active,
    /// In force no more: its time is over.
    Expired,
    /// Withdrawn by the person or an admin.
    Revoked,
}

/// A mandate as shown to the agent, the person, or an admin.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Mandate {
    /// Id.
    pub id: MandateId,
    /// The person it is from.
    pub subject: PersonId,
    /// Their name.
    pub subject_name: String,
    /// Their phone.
    pub subject_phone: String,
    /// The agent it is to.
    pub agent: PersonId,
    /// The agent's name.
    pub agent_name: String,
    /// What it allows.
    pub scopes: Vec<Scope>,
    /// End of validity (ms since epoch).
    pub valid_until: i64,
    /// Where it stands now.
    pub status: Status,
    /// `code` or `paper`, once confirmed.
    pub confirmed_via: Option<String>,
    /// For a paper form: who witnessed it.
    pub witness_name: Option<String>,
}

const COLUMNS: &str = "m.id, m.subject_id, s.name AS subject_name, s.phone AS subject_phone, m.agent_id, a.name AS agent_name, \
     m.scopes, m.valid_until, m.status, m.confirmed_via, m.witness_name \
     FROM mandate m JOIN person s ON s.id = m.subject_id JOIN person a ON a.id = m.agent_id";

fn to_mandate(r: &AnyRow, now: i64) -> Result<Mandate, PeopleError> {
    let bad = || PeopleError::Store(shetu_store::StoreError::Corrupt("mandate row".into()));
    let scopes: String = r.try_get("scopes")?;
    let status: String = r.try_get("status")?;
    let valid_until: i64 = r.try_get("valid_until")?;
    let status = match status.as_str() {
        "revoked" => Status::Revoked,
        _ if valid_until <= now => Status::Expired,
        "active" => Status::Active,
        _ => Status::Pending,
    };
    Ok(Mandate {
        id: r.try_get::<String, _>("id")?.parse().map_err(|_| bad())?,
        subject: r
            .try_get::<String, _>("subject_id")?
            .parse()
            .map_err(|_| bad())?,
        subject_name: r.try_get("subject_name")?,
        subject_phone: r.try_get("subject_phone")?,
        agent: r
            .try_get::<String, _>("agent_id")?
            .parse()
            .map_err(|_| bad())?,
        agent_name: r.try_get("agent_name")?,
        scopes: scopes
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| Scope::parse(s).ok_or_else(bad))
            .collect::<Result<_, _>>()?,
        valid_until,
        status,
        confirmed_via: r.try_get("confirmed_via")?,
        witness_name: r.try_get("witness_name")?,
    })
}

/// **The** check: the id of an active mandate from `subject` to `agent` covering `scope` — or
/// `MandateRequired`, whether the mandate is missing, pending, expired, revoked, another agent's,
/// or the person does not exist at all (the answer is the same, so nobody can probe who exists).
#[tracing::instrument(skip_all)]
pub async fn require_active(
    conn: &mut AnyConnection,
    agent: PersonId,
    subject: PersonId,
    scope: Scope,
    now: i64,
) -> Result<MandateId, PeopleError> {
    let rows = sqlx::query(
        "SELECT id, scopes FROM mandate WHERE agent_id = $1 AND subject_id = $2 AND status = 'active' AND valid_until > $3",
    )
    .bind(agent)
    .bind(subject)
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .find(|r| {
            r.try_get::<String, _>("scopes")
                .is_ok_and(|s| s.split(',').any(|x| x == scope.as_str()))
        })
        .and_then(|r| r.try_get::<String, _>("id").ok())
        .and_then(|id| id.parse().ok())
        .ok_or(PeopleError::MandateRequired)
}

/// The person an action with `scope` is for: the actor, or — when an agent acts for a client —
/// the client, if and only if [`require_active`] allows it.
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn subject_for(
    tx: &mut Tx,
    actor: &Actor,
    scope: Scope,
    now: i64,
) -> Result<PersonId, PeopleError> {
    match actor.on_behalf_of {
        None => Ok(actor.person),
        Some(client) if client == actor.person => Ok(client),
        Some(client) => {
            if !actor.has(Role::Agent) {
                return Err(PeopleError::MandateRequired);
            }
            require_active(&mut *tx, actor.person, client, scope, now).await?;
            Ok(client)
        }
    }
}

/// Whether `agent` holds any active mandate from `client` (the agent console acts for a client
/// only while one does).
#[tracing::instrument(skip_all)]
pub async fn any_active(
    conn: &mut AnyConnection,
    agent: PersonId,
    client: PersonId,
    now: i64,
) -> Result<bool, PeopleError> {
    let row = sqlx::query("SELECT COUNT(*) FROM mandate WHERE agent_id = $1 AND subject_id = $2 AND status = 'active' AND valid_until > $3")
        .bind(agent)
        .bind(client)
        .bind(now)
        .fetch_one(&mut *conn)
        .await?;
    Ok(row.try_get::<i64, _>(0)? > 0)
}

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

async fn pending_of_agent(
    tx: &mut Tx,
    actor: &Actor,
    id: MandateId,
    now: i64,
) -> Result<(PersonId, String), PeopleError> {
    let row = sqlx::query("SELECT m.subject_id, m.status, m.valid_until, p.phone FROM mandate m JOIN person p ON p.id = m.subject_id WHERE m.id = $1 AND m.agent_id = $2")
        .bind(id)
        .bind(actor.person)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(PeopleError::NotFound("mandate_not_found"))?;
    let status: String = row.try_get("status")?;
    if status != "pending" || row.try_get::<i64, _>("valid_until")? <= now {
        return Err(PeopleError::Conflict("mandate_not_pending"));
    }
    let subject: String = row.try_get("subject_id")?;
    Ok((
        subject
            .parse()
            .map_err(|_| PeopleError::NotFound("mandate_not_found"))?,
        row.try_get("phone")?,
    ))
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

/// A paper form the person signed, as the agent records it.
#[derive(Debug, Clone)]
pub struct PaperForm {
    /// Who witnessed the signature.
    pub witness_name: shetu_core::Text,
    /// A photo of the signed form.
    pub photo: Vec<u8>,
    /// Its media type (`image/jpeg`, `image/png`).
    pub photo_type: String,
}

/// The agent records a signed paper form instead of a code: the mandate comes into force.
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn record_paper(
    db: &Db,
    actor: &Actor,
    id: MandateId,
    form: PaperForm,
    now: i64,
) -> Result<Mandate, PeopleError> {
    actor.require(Role::Agent)?;
    if form.photo.is_empty() {
        return Err(PeopleError::Invalid("photo", "required"));
    }
    // Checked by content and re-encoded (which drops metadata), off the async workers.
    let photo = form.photo;
    let cleaned = crate::password::off_the_workers(move || crate::photo::clean(&photo))
        .await
        .unwrap_or(Err(PeopleError::Invalid("photo", "not_an_image")))?;
    let mut tx = db.begin().await?;
    let (subject, _) = pending_of_agent(&mut tx, actor, id, now).await?;
    sqlx::query(
        "UPDATE mandate SET status = 'active', confirmed_via = 'paper', confirmed_at = $1, witness_name = $2, paper_photo = $3, \
         paper_photo_type = $4 WHERE id = $5",
    )
    .bind(now)
    .bind(form.witness_name.as_str())
    .bind(cleaned)
    .bind("image/jpeg")
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let detail = serde_json::json!({ "via": "paper", "witness": form.witness_name.as_str() });
    record(
        &mut tx,
        Some(actor),
        Some(&subject.to_string()),
        "mandate.confirm",
        &format!("mandate:{id}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    reload(db, id, now).await
}

/// The person (or an admin) withdraws a mandate. Others get "not found".
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn revoke(
    db: &Db,
    actor: &Actor,
    id: MandateId,
    now: i64,
) -> Result<Mandate, PeopleError> {
    let mut tx = db.begin().await?;
    let row = sqlx::query("SELECT subject_id, status FROM mandate WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(row) = row else {
        return Err(PeopleError::NotFound("mandate_not_found"));
    };
    let subject: String = row.try_get("subject_id")?;
    if subject != actor.person.to_string() && !actor.has(Role::Admin) {
        return Err(PeopleError::NotFound("mandate_not_found"));
    }
    if row.try_get::<String, _>("status")? == "revoked" {
        return Err(PeopleError::Conflict("mandate_revoked"));
    }
    sqlx::query(
        "UPDATE mandate SET status = 'revoked', revoked_at = $1, revoked_by = $2 WHERE id = $3",
    )
    .bind(now)
    .bind(actor.person)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    // A session acting for the person stops doing so.
    sqlx::query("UPDATE session SET acting_for = NULL WHERE acting_for = $1 AND person_id = (SELECT agent_id FROM mandate WHERE id = $2)")
        .bind(&subject)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        Some(actor),
        Some(&subject),
        "mandate.revoke",
        &format!("mandate:{id}"),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    reload(db, id, now).await
}

/// A mandate just written, read back as people see it.
async fn reload(db: &Db, id: MandateId, now: i64) -> Result<Mandate, PeopleError> {
    get(db, id, now)
        .await?
        .ok_or(PeopleError::NotFound("mandate_not_found"))
}

/// One mandate.
#[tracing::instrument(skip_all)]
pub async fn get(db: &Db, id: MandateId, now: i64) -> Result<Option<Mandate>, PeopleError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} WHERE m.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(|r| to_mandate(r, now)).transpose()
}

/// Mandates given to `agent` (their clients), newest first.
#[tracing::instrument(skip_all)]
pub async fn of_agent(db: &Db, agent: PersonId, now: i64) -> Result<Vec<Mandate>, PeopleError> {
    list(db, "m.agent_id", agent, now).await
}

/// Mandates `subject` has given, newest first.
#[tracing::instrument(skip_all)]
pub async fn of_subject(db: &Db, subject: PersonId, now: i64) -> Result<Vec<Mandate>, PeopleError> {
    list(db, "m.subject_id", subject, now).await
}

async fn list(
    db: &Db,
    column: &str,
    person: PersonId,
    now: i64,
) -> Result<Vec<Mandate>, PeopleError> {
    let sql = format!("SELECT {COLUMNS} WHERE {column} = $1 ORDER BY m.created_at DESC LIMIT 200");
    let rows = sqlx::query(&sql).bind(person).fetch_all(db.pool()).await?;
    rows.iter().map(|r| to_mandate(r, now)).collect()
}
