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
    tx: &mut AnyConnection,
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

mod consent;
mod paper;
mod revoke;

pub use consent::{cancel, confirm, request, resend_code, Request};
pub use paper::{record_paper, PaperForm};
pub use revoke::revoke;

/// The subject and phone of the agent's own request `id`, which must still be waiting (used by
/// confirming with a code and by recording a paper form). Someone else's request: not found.
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
