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
use shetu_match::schedule::{Instance, Request};
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

mod agenda;
mod requests;
mod run;

pub use agenda::*;
pub use requests::*;
pub use run::*;
