//! Taking part: registering (or being added by the secretariat), free slots, meeting requests
//! and their answers.

use super::*;

/// Registers the actor (for a member they act for, if given) before the deadline; free in every
/// slot until they say otherwise. Registering again changes nothing.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn register(
    db: &Db,
    actor: &Actor,
    workshop: &str,
    member: Option<&str>,
) -> Result<Workshop, ExchangeError> {
    let mut tx = db.begin().await?;
    let w = get_in(&mut tx, workshop).await?;
    if today_in(&w) > w.registration_deadline && !actor.has(Role::Admin) {
        return Err(ExchangeError::Conflict("registration_closed"));
    }
    if let Some(m) = member {
        if !crate::members::may_act_for(&mut tx, actor, m).await? {
            return Err(ExchangeError::Forbidden);
        }
    }
    let done = sqlx::query(
        "INSERT INTO exchange_participant (workshop_id, person_id, member_id, availability, registered_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (workshop_id, person_id) DO NOTHING",
    )
    .bind(workshop)
    .bind(actor.person.to_string())
    .bind(member)
    .bind(all_slots(&w))
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 1 {
        let detail = serde_json::json!({ "member": member });
        outbox::publish(&mut tx, "exchange.workshop.registered", workshop, &detail).await?;
        record(
            &mut tx,
            actor,
            "exchange.workshop.register",
            &format!("workshop:{workshop}"),
            detail,
        )
        .await?;
    }
    let w = get_in(&mut tx, workshop).await?;
    tx.commit().await?;
    Ok(w)
}

async fn participant(
    tx: &mut AnyConnection,
    workshop: &str,
    person: &str,
) -> Result<i64, ExchangeError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT availability FROM exchange_participant WHERE workshop_id = $1 AND person_id = $2",
    )
    .bind(workshop)
    .bind(person)
    .fetch_optional(&mut *tx)
    .await?;
    found.ok_or(ExchangeError::Conflict("not_registered"))
}

/// Sets the slots the actor is free in (numbers from 0).
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn set_availability(
    db: &Db,
    actor: &Actor,
    workshop: &str,
    slots: &[i64],
) -> Result<i64, ExchangeError> {
    let mut tx = db.begin().await?;
    let w = get_in(&mut tx, workshop).await?;
    participant(&mut tx, workshop, &actor.person.to_string()).await?;
    let mut mask: i64 = 0;
    for (i, s) in slots.iter().enumerate() {
        let s = usize::try_from(*s).ok().filter(|s| *s < w.slots.len());
        let Some(s) = s else {
            return Err(ExchangeError::Invalid(format!("slots.{i}"), "unknown_slot"));
        };
        mask |= 1i64 << s;
    }
    sqlx::query("UPDATE exchange_participant SET availability = $1 WHERE workshop_id = $2 AND person_id = $3")
        .bind(mask)
        .bind(workshop)
        .bind(actor.person.to_string())
        .execute(&mut *tx)
        .await?;
    let detail = serde_json::json!({ "slots": slots.len() });
    record(
        &mut tx,
        actor,
        "exchange.workshop.availability",
        &format!("workshop:{workshop}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(mask)
}

/// Asks another participant for a meeting (at most the workshop's cap of requests sent).
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn request_meeting(
    db: &Db,
    actor: &Actor,
    workshop: &str,
    with: &str,
    note: &str,
) -> Result<MeetingRequest, ExchangeError> {
    let note = text("note", note, 500, false)?;
    let me = actor.person.to_string();
    let mut tx = db.begin().await?;
    let w = get_in(&mut tx, workshop).await?;
    participant(&mut tx, workshop, &me).await?;
    if with == me {
        return Err(ExchangeError::Invalid("with".into(), "yourself"));
    }
    participant(&mut tx, workshop, with)
        .await
        .map_err(|_| ExchangeError::Invalid("with".into(), "not_a_participant"))?;
    let sent: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM exchange_meeting_request WHERE workshop_id = $1 AND from_person = $2 AND status <> 'declined'",
    )
    .bind(workshop)
    .bind(&me)
    .fetch_one(&mut *tx)
    .await?;
    if sent >= w.meeting_cap {
        return Err(ExchangeError::Conflict("meeting_cap_reached"));
    }
    let either: Option<String> = sqlx::query_scalar(
        "SELECT id FROM exchange_meeting_request WHERE workshop_id = $1 \
         AND ((from_person = $2 AND to_person = $3) OR (from_person = $3 AND to_person = $2))",
    )
    .bind(workshop)
    .bind(&me)
    .bind(with)
    .fetch_optional(&mut *tx)
    .await?;
    if either.is_some() {
        return Err(ExchangeError::Conflict("meeting_requested"));
    }
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO exchange_meeting_request (id, workshop_id, from_person, to_person, status, note, created_at) \
         VALUES ($1, $2, $3, $4, 'pending', $5, $6)",
    )
    .bind(&id)
    .bind(workshop)
    .bind(&me)
    .bind(with)
    .bind(&note)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    let detail = serde_json::json!({ "workshop": workshop, "to": with });
    outbox::publish(&mut tx, "exchange.meeting.requested", &id, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.meeting.request",
        &format!("meeting:{id}"),
        detail,
    )
    .await?;
    let made = request_in(&mut tx, &id).await?;
    tx.commit().await?;
    Ok(made)
}

const REQUEST: &str = "SELECT r.id, r.from_person, a.name, r.to_person, b.name, r.status, r.note, m.slot, m.table_no \
    FROM exchange_meeting_request r JOIN person a ON a.id = r.from_person JOIN person b ON b.id = r.to_person \
    LEFT JOIN exchange_meeting m ON m.request_id = r.id";

type RequestRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
);

fn request_of(r: RequestRow) -> MeetingRequest {
    let (id, from_person, from_name, to_person, to_name, status, note, slot, table) = r;
    MeetingRequest {
        id,
        from_person,
        from_name,
        to_person,
        to_name,
        status,
        note,
        slot,
        table,
    }
}

pub(super) async fn request_in(
    conn: &mut AnyConnection,
    id: &str,
) -> Result<MeetingRequest, ExchangeError> {
    let found: Option<RequestRow> = sqlx::query_as(&format!("{REQUEST} WHERE r.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    found
        .map(request_of)
        .ok_or(ExchangeError::NotFound("meeting_not_found"))
}

/// The person asked accepts or declines a meeting request.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn answer(
    db: &Db,
    actor: &Actor,
    id: &str,
    accept: bool,
) -> Result<MeetingRequest, ExchangeError> {
    let mut tx = db.begin().await?;
    let r = request_in(&mut tx, id).await?;
    if r.to_person != actor.person.to_string() {
        return Err(ExchangeError::NotFound("meeting_not_found"));
    }
    if r.status != "pending" {
        return Err(ExchangeError::Conflict("meeting_answered"));
    }
    let to = if accept { "accepted" } else { "declined" };
    sqlx::query("UPDATE exchange_meeting_request SET status = $1, decided_at = $2 WHERE id = $3 AND status = 'pending'")
        .bind(to)
        .bind(now_ms())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let detail = serde_json::json!({ "status": to });
    outbox::publish(&mut tx, &format!("exchange.meeting.{to}"), id, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.meeting.answer",
        &format!("meeting:{id}"),
        detail,
    )
    .await?;
    let made = request_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(made)
}

/// The requests a participant sent and received.
pub async fn requests_of(
    db: &Db,
    actor: &Actor,
    workshop: &str,
) -> Result<Vec<MeetingRequest>, ExchangeError> {
    let rows: Vec<RequestRow> = sqlx::query_as(&format!(
        "{REQUEST} WHERE r.workshop_id = $1 AND (r.from_person = $2 OR r.to_person = $2) ORDER BY m.slot, r.created_at, r.id"
    ))
    .bind(workshop)
    .bind(actor.person.to_string())
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(request_of).collect())
}

/// The participants (person id, name, member name), by name.
pub async fn participants(
    db: &Db,
    workshop: &str,
) -> Result<Vec<(String, String, Option<String>)>, ExchangeError> {
    Ok(sqlx::query_as(
        "SELECT p.person_id, n.name, m.name FROM exchange_participant p JOIN person n ON n.id = p.person_id \
         LEFT JOIN exchange_member m ON m.id = p.member_id WHERE p.workshop_id = $1 ORDER BY n.name, p.person_id",
    )
    .bind(workshop)
    .fetch_all(db.pool())
    .await?)
}

/// The secretariat adds a participant (a walk-in, or someone registered on paper), whatever
/// the deadline. Adding again changes nothing.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn add_participant(
    db: &Db,
    actor: &Actor,
    workshop: &str,
    person: shetu_core::id::PersonId,
    member: Option<&str>,
) -> Result<Workshop, ExchangeError> {
    if !actor.has(Role::Admin) {
        return Err(ExchangeError::Forbidden);
    }
    let mut tx = db.begin().await?;
    let w = get_in(&mut tx, workshop).await?;
    let known: Option<String> =
        sqlx::query_scalar("SELECT id FROM person WHERE id = $1 AND erased_at IS NULL")
            .bind(person.to_string())
            .fetch_optional(&mut *tx)
            .await?;
    if known.is_none() {
        return Err(ExchangeError::Invalid("person".into(), "not_a_person"));
    }
    let done = sqlx::query(
        "INSERT INTO exchange_participant (workshop_id, person_id, member_id, availability, registered_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (workshop_id, person_id) DO NOTHING",
    )
    .bind(workshop)
    .bind(person.to_string())
    .bind(member)
    .bind(all_slots(&w))
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 1 {
        let detail = serde_json::json!({ "person": person.to_string(), "member": member });
        outbox::publish(&mut tx, "exchange.workshop.registered", workshop, &detail).await?;
        record(
            &mut tx,
            actor,
            "exchange.workshop.add_participant",
            &format!("workshop:{workshop}"),
            detail,
        )
        .await?;
    }
    let w = get_in(&mut tx, workshop).await?;
    tx.commit().await?;
    Ok(w)
}
