//! Matchmaking workshops. The secretariat creates one (time slots with a number of tables each,
//! a time zone, a registration deadline and a cap on the meetings one person may ask for and
//! hold); people register; each says which slots they are free in and asks others for one-to-one
//! meetings, which the other side accepts or declines. The scheduler (`shetu-match`) puts
//! accepted meetings into a slot and at a table — nobody double-booked, everyone free, no slot
//! over its tables — and keeps meetings it placed before where they are when it runs again for
//! late requests. What it could not place is reported with the reason.

use crate::{record, text, ExchangeError};
use serde::{Deserialize, Serialize};
use shetu_core::{Actor, Role};
use shetu_match::schedule::{self, Instance, Request};
use shetu_store::{now_ms, outbox, Db, Tx};
use sqlx::AnyConnection;
use std::collections::HashMap;
use utoipa::ToSchema;

/// Slots a workshop may have (availability is kept as a bit per slot).
pub const MAX_SLOTS: usize = 48;

/// A time slot, as sent.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSlot {
    /// Local start in the workshop's time zone, `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    /// Length in minutes (5 to 240).
    pub minutes: i64,
    /// Tables (or rooms) for meetings in it (1 to 500).
    pub tables: i64,
}

/// A workshop, as sent.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWorkshop {
    /// Title.
    #[schema(max_length = 160)]
    pub title: String,
    /// Where.
    #[serde(default)]
    #[schema(max_length = 300)]
    pub place: String,
    /// IANA time zone, e.g. `Asia/Dhaka`.
    pub time_zone: String,
    /// Last day to register, `YYYY-MM-DD`.
    pub registration_deadline: String,
    /// Meetings one person may ask for, and hold (1 to 20).
    pub meeting_cap: i64,
    /// The time slots, in order.
    pub slots: Vec<NewSlot>,
}

/// A time slot.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Slot {
    /// Its number, from 0.
    pub slot: i64,
    /// Local start, `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    /// Minutes.
    pub minutes: i64,
    /// Tables.
    pub tables: i64,
}

/// A workshop.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Workshop {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Where.
    pub place: String,
    /// IANA time zone.
    pub time_zone: String,
    /// Last day to register.
    pub registration_deadline: String,
    /// Meetings one person may ask for, and hold.
    pub meeting_cap: i64,
    /// Slots.
    pub slots: Vec<Slot>,
    /// People registered.
    pub participants: i64,
    /// When the scheduler last ran (ms since 1970).
    pub scheduled_at: Option<i64>,
}

/// A meeting request, as its two people see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeetingRequest {
    /// Id.
    pub id: String,
    /// Who asked.
    pub from_person: String,
    /// Their name.
    pub from_name: String,
    /// Who was asked.
    pub to_person: String,
    /// Their name.
    pub to_name: String,
    /// `pending`, `accepted` or `declined`.
    pub status: String,
    /// Why they want to meet.
    pub note: String,
    /// The slot, once placed.
    pub slot: Option<i64>,
    /// The table (from 0), once placed.
    pub table: Option<i64>,
}

/// Why the scheduler could not place an accepted meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unplaced {
    /// The two are never free at the same time.
    NoCommonSlot,
    /// Every slot both are free in is full, or one of them is already meeting someone then.
    TablesFull,
    /// One of them already holds as many meetings as the workshop allows.
    OverCap,
}

/// What a scheduler run did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScheduleRun {
    /// Accepted meetings.
    pub accepted: usize,
    /// Placed (kept from before and new).
    pub placed: usize,
    /// Kept where they were.
    pub kept: usize,
    /// Not placed, with the reason.
    pub unplaced: Vec<NotPlaced>,
}

/// An accepted meeting the scheduler could not place.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NotPlaced {
    /// The meeting request.
    pub request_id: String,
    /// Why.
    pub reason: Unplaced,
}

/// (id, title, place, time zone, deadline, cap, scheduled at).
type WorkshopRow = (String, String, String, String, String, i64, Option<i64>);
/// An accepted request: (id, from, to, slot, table) — slot and table once placed.
type Accepted = (String, String, String, Option<i64>, Option<i64>);
/// (request, slot, starts at, minutes, table, with, name, member, outcome, match).
type AgendaRow = (
    String,
    i64,
    String,
    i64,
    i64,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
);

/// Parses a local `YYYY-MM-DDTHH:MM` in the workshop's time zone.
pub fn local_time(value: &str) -> Option<jiff::civil::DateTime> {
    if value.len() != 16 {
        return None;
    }
    jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M", value).ok()
}

async fn get_in(conn: &mut AnyConnection, id: &str) -> Result<Workshop, ExchangeError> {
    let found: Option<WorkshopRow> = sqlx::query_as(
        "SELECT id, title, place, time_zone, registration_deadline, meeting_cap, scheduled_at FROM exchange_workshop WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let (id, title, place, time_zone, registration_deadline, meeting_cap, scheduled_at) =
        found.ok_or(ExchangeError::NotFound("workshop_not_found"))?;
    let slots: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT slot, starts_at, minutes, tables FROM exchange_workshop_slot WHERE workshop_id = $1 ORDER BY slot",
    )
    .bind(&id)
    .fetch_all(&mut *conn)
    .await?;
    let participants: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM exchange_participant WHERE workshop_id = $1")
            .bind(&id)
            .fetch_one(&mut *conn)
            .await?;
    Ok(Workshop {
        slots: slots
            .into_iter()
            .map(|(slot, starts_at, minutes, tables)| Slot {
                slot,
                starts_at,
                minutes,
                tables,
            })
            .collect(),
        id,
        title,
        place,
        time_zone,
        registration_deadline,
        meeting_cap,
        participants,
        scheduled_at,
    })
}

/// A workshop.
pub async fn get(db: &Db, id: &str) -> Result<Workshop, ExchangeError> {
    let mut conn = crate::conn(db).await?;
    get_in(&mut conn, id).await
}

/// Every workshop, latest first.
pub async fn all(db: &Db) -> Result<Vec<Workshop>, ExchangeError> {
    let mut conn = crate::conn(db).await?;
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM exchange_workshop ORDER BY registration_deadline DESC, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(get_in(&mut conn, &id).await?);
    }
    Ok(out)
}

fn range(field: &str, v: i64, min: i64, max: i64) -> Result<i64, ExchangeError> {
    if (min..=max).contains(&v) {
        Ok(v)
    } else {
        Err(ExchangeError::OutOfRange {
            field: field.to_owned(),
            min,
            max,
        })
    }
}

/// The secretariat creates a workshop.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn create(db: &Db, actor: &Actor, new: NewWorkshop) -> Result<Workshop, ExchangeError> {
    if !actor.has(Role::Admin) {
        return Err(ExchangeError::Forbidden);
    }
    let title = text("title", &new.title, 160, true)?;
    let place = text("place", &new.place, 300, false)?;
    if jiff::tz::TimeZone::get(new.time_zone.trim()).is_err() {
        return Err(ExchangeError::Invalid(
            "time_zone".into(),
            "unknown_time_zone",
        ));
    }
    let deadline = new.registration_deadline.trim();
    if jiff::civil::Date::strptime("%Y-%m-%d", deadline).is_err() || deadline.len() != 10 {
        return Err(ExchangeError::Invalid(
            "registration_deadline".into(),
            "not_a_date",
        ));
    }
    let cap = range("meeting_cap", new.meeting_cap, 1, 20)?;
    if new.slots.is_empty() {
        return Err(ExchangeError::Invalid("slots".into(), "required"));
    }
    if new.slots.len() > MAX_SLOTS {
        return Err(ExchangeError::Invalid("slots".into(), "too_many"));
    }
    let mut previous_end: Option<jiff::civil::DateTime> = None;
    for (i, s) in new.slots.iter().enumerate() {
        let start = local_time(s.starts_at.trim())
            .ok_or_else(|| ExchangeError::Invalid(format!("slots.{i}.starts_at"), "not_a_time"))?;
        let minutes = range(&format!("slots.{i}.minutes"), s.minutes, 5, 240)?;
        range(&format!("slots.{i}.tables"), s.tables, 1, 500)?;
        if previous_end.is_some_and(|end| start < end) {
            return Err(ExchangeError::Invalid(
                format!("slots.{i}.starts_at"),
                "overlaps",
            ));
        }
        previous_end = start.checked_add(jiff::Span::new().minutes(minutes)).ok();
    }
    let id = uuid::Uuid::now_v7().to_string();
    let now = now_ms();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO exchange_workshop (id, title, place, time_zone, registration_deadline, meeting_cap, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(&title)
    .bind(&place)
    .bind(new.time_zone.trim())
    .bind(deadline)
    .bind(cap)
    .bind(actor.person.to_string())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    for (i, s) in new.slots.iter().enumerate() {
        sqlx::query(
            "INSERT INTO exchange_workshop_slot (workshop_id, slot, starts_at, minutes, tables) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(i64::try_from(i).unwrap_or(0))
        .bind(s.starts_at.trim())
        .bind(s.minutes)
        .bind(s.tables)
        .execute(&mut *tx)
        .await?;
    }
    let detail = serde_json::json!({ "slots": new.slots.len(), "time_zone": new.time_zone.trim() });
    outbox::publish(&mut tx, "exchange.workshop.created", &id, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.workshop.create",
        &format!("workshop:{id}"),
        detail,
    )
    .await?;
    let made = get_in(&mut tx, &id).await?;
    tx.commit().await?;
    Ok(made)
}

fn all_slots(w: &Workshop) -> i64 {
    let n = w.slots.len().min(MAX_SLOTS);
    i64::try_from((1u64 << n) - 1).unwrap_or(i64::MAX)
}

fn today_in(w: &Workshop) -> String {
    let tz = jiff::tz::TimeZone::get(&w.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::now().to_zoned(tz).date().to_string()
}

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

async fn request_in(conn: &mut AnyConnection, id: &str) -> Result<MeetingRequest, ExchangeError> {
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

/// The secretariat runs the scheduler: accepted meetings get a slot and a table; meetings placed
/// before stay where they are. Everyone whose agenda changed is told by SMS.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn schedule(
    db: &Db,
    i18n: &shetu_i18n::I18n,
    actor: &Actor,
    workshop: &str,
) -> Result<ScheduleRun, ExchangeError> {
    if !actor.has(Role::Admin) {
        return Err(ExchangeError::Forbidden);
    }
    let mut tx = db.begin().await?;
    let w = get_in(&mut tx, workshop).await?;
    // Lock the workshop row for the run (PostgreSQL; SQLite's writer is one already).
    sqlx::query("UPDATE exchange_workshop SET scheduled_at = scheduled_at WHERE id = $1")
        .bind(workshop)
        .execute(&mut *tx)
        .await?;
    let people: Vec<(String, i64)> = sqlx::query_as(
        "SELECT person_id, availability FROM exchange_participant WHERE workshop_id = $1 ORDER BY person_id",
    )
    .bind(workshop)
    .fetch_all(&mut *tx)
    .await?;
    let index: HashMap<&str, u32> = people
        .iter()
        .enumerate()
        .map(|(i, (p, _))| (p.as_str(), u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    let accepted: Vec<Accepted> = sqlx::query_as(
        "SELECT r.id, r.from_person, r.to_person, m.slot, m.table_no FROM exchange_meeting_request r \
         LEFT JOIN exchange_meeting m ON m.request_id = r.id \
         WHERE r.workshop_id = $1 AND r.status = 'accepted' ORDER BY r.decided_at, r.id",
    )
    .bind(workshop)
    .fetch_all(&mut *tx)
    .await?;
    // Per person, meetings held up to the cap: placed ones first, then in order of acceptance.
    let cap = usize::try_from(w.meeting_cap).unwrap_or(0);
    let mut held: HashMap<&str, usize> = HashMap::new();
    let mut over_cap = Vec::new();
    let mut considered = Vec::new();
    let mut ordered: Vec<&Accepted> = accepted.iter().collect();
    ordered.sort_by_key(|r| r.3.is_none());
    for r in ordered {
        let (a, b) = (r.1.as_str(), r.2.as_str());
        let full =
            held.get(a).copied().unwrap_or(0) >= cap || held.get(b).copied().unwrap_or(0) >= cap;
        if full && r.3.is_none() {
            over_cap.push(r.0.clone());
            continue;
        }
        *held.entry(a).or_default() += 1;
        *held.entry(b).or_default() += 1;
        considered.push(r);
    }
    let instance = Instance {
        tables: w
            .slots
            .iter()
            .map(|s| u32::try_from(s.tables).unwrap_or(0))
            .collect(),
        availability: people
            .iter()
            .map(|(_, a)| u64::try_from(*a).unwrap_or(0))
            .collect(),
        requests: considered
            .iter()
            .map(|r| Request {
                a: index.get(r.1.as_str()).copied().unwrap_or(u32::MAX),
                b: index.get(r.2.as_str()).copied().unwrap_or(u32::MAX),
                priority: 1,
            })
            .collect(),
        locked: considered
            .iter()
            .enumerate()
            .filter_map(|(i, r)| Some((i, u32::try_from(r.3?).ok()?, u32::try_from(r.4?).ok()?)))
            .collect(),
    };
    let placed = schedule::solve(&instance);
    schedule::check(&instance, &placed).map_err(|e| {
        ExchangeError::Store(shetu_store::StoreError::Corrupt(format!("schedule: {e}")))
    })?;
    let now = now_ms();
    let mut unplaced: Vec<NotPlaced> = over_cap
        .into_iter()
        .map(|request_id| NotPlaced {
            request_id,
            reason: Unplaced::OverCap,
        })
        .collect();
    let mut changed_people: Vec<String> = Vec::new();
    let mut kept = 0;
    for (i, (r, at)) in considered.iter().zip(&placed).enumerate() {
        match at {
            Some((slot, table)) => {
                if r.3.is_some() {
                    kept += 1;
                    continue;
                }
                sqlx::query(
                    "INSERT INTO exchange_meeting (request_id, workshop_id, slot, table_no, placed_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&r.0)
                .bind(workshop)
                .bind(i64::from(*slot))
                .bind(i64::from(*table))
                .bind(now)
                .execute(&mut *tx)
                .await?;
                changed_people.extend([r.1.clone(), r.2.clone()]);
            }
            None => {
                let req = &instance.requests[i];
                let both = instance
                    .availability
                    .get(req.a as usize)
                    .copied()
                    .unwrap_or(0)
                    & instance
                        .availability
                        .get(req.b as usize)
                        .copied()
                        .unwrap_or(0);
                let reason = if both == 0 {
                    Unplaced::NoCommonSlot
                } else {
                    Unplaced::TablesFull
                };
                unplaced.push(NotPlaced {
                    request_id: r.0.clone(),
                    reason,
                });
            }
        }
    }
    sqlx::query("UPDATE exchange_workshop SET scheduled_at = $1 WHERE id = $2")
        .bind(now)
        .bind(workshop)
        .execute(&mut *tx)
        .await?;
    changed_people.sort();
    changed_people.dedup();
    for person in &changed_people {
        tell(&mut tx, i18n, person, &w.title, workshop).await?;
    }
    let run = ScheduleRun {
        accepted: accepted.len(),
        placed: placed.iter().filter(|p| p.is_some()).count(),
        kept,
        unplaced,
    };
    let detail = serde_json::json!({ "placed": run.placed, "kept": run.kept, "unplaced": run.unplaced.len(), "told": changed_people.len() });
    outbox::publish(&mut tx, "exchange.workshop.scheduled", workshop, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.workshop.schedule",
        &format!("workshop:{workshop}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(run)
}

/// Tells a participant by SMS, in their language, that their agenda has changed.
async fn tell(
    tx: &mut Tx,
    i18n: &shetu_i18n::I18n,
    person: &str,
    title: &str,
    workshop: &str,
) -> Result<(), ExchangeError> {
    let found: Option<(String, String)> =
        sqlx::query_as("SELECT phone, language FROM person WHERE id = $1")
            .bind(person)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((phone, lang)) = found else {
        return Ok(());
    };
    let Ok(phone) = shetu_core::Phone::parse_e164(&phone) else {
        return Ok(());
    };
    let body = i18n.message(
        &lang,
        "exchange-sms-agenda",
        &[
            ("title", shetu_i18n::Arg::Text(title.to_owned())),
            (
                "path",
                shetu_i18n::Arg::Text(format!("/exchange/workshops/{workshop}/agenda")),
            ),
        ],
    );
    shetu_people::sms::enqueue(tx, &phone, &body).await?;
    Ok(())
}

/// One meeting on a person's agenda.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgendaItem {
    /// The request.
    pub request_id: String,
    /// Slot number.
    pub slot: i64,
    /// Local start, `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    /// Minutes.
    pub minutes: i64,
    /// Table (from 1, as printed on the tables).
    pub table: i64,
    /// Whom they meet.
    pub with_person: String,
    /// Their name.
    pub with_name: String,
    /// The member they come for, if any.
    pub with_member: Option<String>,
    /// What came of it.
    pub outcome: String,
    /// The match it became, if any.
    pub match_id: Option<String>,
}

/// A participant's placed meetings, in time order.
pub async fn agenda(
    db: &Db,
    actor: &Actor,
    workshop: &str,
) -> Result<Vec<AgendaItem>, ExchangeError> {
    let me = actor.person.to_string();
    let rows: Vec<AgendaRow> =
        sqlx::query_as(
            "SELECT r.id, m.slot, s.starts_at, s.minutes, m.table_no, \
             CASE WHEN r.from_person = $2 THEN r.to_person ELSE r.from_person END, n.name, mb.name, m.outcome, m.match_id \
             FROM exchange_meeting m JOIN exchange_meeting_request r ON r.id = m.request_id \
             JOIN exchange_workshop_slot s ON s.workshop_id = m.workshop_id AND s.slot = m.slot \
             JOIN person n ON n.id = CASE WHEN r.from_person = $2 THEN r.to_person ELSE r.from_person END \
             LEFT JOIN exchange_participant p ON p.workshop_id = m.workshop_id AND p.person_id = n.id \
             LEFT JOIN exchange_member mb ON mb.id = p.member_id \
             WHERE m.workshop_id = $1 AND (r.from_person = $2 OR r.to_person = $2) ORDER BY m.slot",
        )
        .bind(workshop)
        .bind(&me)
        .fetch_all(db.pool())
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(
                request_id,
                slot,
                starts_at,
                minutes,
                table,
                with_person,
                with_name,
                with_member,
                outcome,
                match_id,
            )| AgendaItem {
                request_id,
                slot,
                starts_at,
                minutes,
                table: table + 1,
                with_person,
                with_name,
                with_member,
                outcome,
                match_id,
            },
        )
        .collect())
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

/// Records what came of a meeting (one of its two people, or the secretariat); with a need and a
/// solution it also becomes a match to follow (see [`crate::matches`]).
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn record_outcome(
    db: &Db,
    actor: &Actor,
    request: &str,
    outcome: &str,
    becomes: Option<(&str, &str)>,
) -> Result<AgendaItem, ExchangeError> {
    let outcome = text("outcome", outcome, 2000, true)?;
    let mut tx = db.begin().await?;
    let r = request_in(&mut tx, request).await?;
    let me = actor.person.to_string();
    if !(actor.has(Role::Admin) || r.from_person == me || r.to_person == me) {
        return Err(ExchangeError::NotFound("meeting_not_found"));
    }
    if r.slot.is_none() {
        return Err(ExchangeError::Conflict("meeting_not_held"));
    }
    let match_id = match becomes {
        Some((need, solution)) => {
            Some(crate::matches::create_in(&mut tx, actor, need, solution, &outcome).await?)
        }
        None => None,
    };
    sqlx::query("UPDATE exchange_meeting SET outcome = $1, match_id = COALESCE($2, match_id) WHERE request_id = $3")
        .bind(&outcome)
        .bind(&match_id)
        .bind(request)
        .execute(&mut *tx)
        .await?;
    let workshop: String =
        sqlx::query_scalar("SELECT workshop_id FROM exchange_meeting WHERE request_id = $1")
            .bind(request)
            .fetch_one(&mut *tx)
            .await?;
    let detail = serde_json::json!({ "match": match_id });
    outbox::publish(&mut tx, "exchange.meeting.outcome", request, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.meeting.outcome",
        &format!("meeting:{request}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    // Read back as one of its two people sees it.
    let as_one = Actor {
        person: r
            .from_person
            .parse()
            .map_err(|_| ExchangeError::NotFound("meeting_not_found"))?,
        roles: Vec::new(),
        on_behalf_of: None,
        request_id: None,
    };
    agenda(db, &as_one, &workshop)
        .await?
        .into_iter()
        .find(|i| i.request_id == request)
        .ok_or(ExchangeError::NotFound("meeting_not_found"))
}
