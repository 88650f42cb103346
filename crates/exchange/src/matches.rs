//! Matches of a need with a solution, followed to replication: suggested → interest expressed →
//! agreed → adapting → replicated, or closed at any step before. Each move and each note of the
//! follow-up log is audited and published in its transaction.
//!
//! Who moves what: the need's member expresses interest; the solution's member agrees; either
//! side records adapting and replication, closes, and writes notes; the secretariat may do any
//! of these and creates matches by hand.

use crate::members::may_act_for;
use crate::{record, text, ExchangeError};
use serde::Serialize;
use shetu_core::{Actor, Role};
use shetu_store::{now_ms, outbox, Db};
use sqlx::AnyConnection;
use utoipa::ToSchema;

/// The states of a match, in order.
pub const STATES: [&str; 6] = [
    "suggested",
    "interest_expressed",
    "agreed",
    "adapting",
    "replicated",
    "closed",
];

/// Which side of a match someone is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sides {
    /// Acts for the need's member.
    pub need: bool,
    /// Acts for the solution's member.
    pub solution: bool,
    /// The secretariat.
    pub secretariat: bool,
}

/// Whether `sides` may move a match from `from` to `to`.
pub fn allowed(sides: Sides, from: &str, to: &str) -> bool {
    let either = sides.need || sides.solution || sides.secretariat;
    match (from, to) {
        ("suggested", "interest_expressed") => sides.need || sides.secretariat,
        ("interest_expressed", "agreed") => sides.solution || sides.secretariat,
        ("agreed", "adapting") | ("adapting", "replicated") => either,
        (from, "closed") => either && !matches!(from, "replicated" | "closed"),
        _ => false,
    }
}

/// One entry of a match's follow-up log.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LogEntry {
    /// When written (ms since 1970).
    pub at: i64,
    /// A move's from-state (none for a note).
    pub from: Option<String>,
    /// A move's to-state (none for a note).
    pub to: Option<String>,
    /// The note.
    pub note: String,
    /// The day it happened, if given (`YYYY-MM-DD`).
    pub happened_on: Option<String>,
    /// A document that came with the entry (an agreement, minutes, a report).
    pub document: Option<crate::match_documents::MatchDocument>,
}

/// A match.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Match {
    /// Id.
    pub id: String,
    /// The need.
    pub need_id: String,
    /// Its title.
    pub need_title: String,
    /// The member with the need.
    pub need_member: String,
    /// The solution.
    pub solution_id: String,
    /// Its title.
    pub solution_title: String,
    /// The member sharing the solution.
    pub solution_member: String,
    /// State.
    pub state: String,
    /// `suggested` (from a need's page) or `secretariat` (made by hand).
    pub origin: String,
    /// The follow-up log, oldest first.
    pub log: Vec<LogEntry>,
}

type Row = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
);

/// (at, from, to, note, happened on, document id, name, kind, size).
type LogRow = (
    i64,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
);

pub(crate) async fn get_in(conn: &mut AnyConnection, id: &str) -> Result<Match, ExchangeError> {
    let found: Option<Row> = sqlx::query_as(
        "SELECT m.id, m.need_id, n.title, n.member_id, m.solution_id, s.title, s.member_id, m.state, m.origin \
         FROM exchange_match m JOIN exchange_need n ON n.id = m.need_id JOIN exchange_solution s ON s.id = m.solution_id \
         WHERE m.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let (
        id,
        need_id,
        need_title,
        need_member,
        solution_id,
        solution_title,
        solution_member,
        state,
        origin,
    ) = found.ok_or(ExchangeError::NotFound("match_not_found"))?;
    let log: Vec<LogRow> = sqlx::query_as(
        "SELECT l.at, l.from_state, l.to_state, l.note, l.happened_on, d.id, d.name, d.kind, d.size \
         FROM exchange_match_log l LEFT JOIN exchange_match_document d ON d.id = l.document_id \
         WHERE l.match_id = $1 ORDER BY l.at, l.id",
    )
    .bind(&id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Match {
        log: log
            .into_iter()
            .map(
                |(at, from, to, note, happened_on, doc, name, kind, size)| LogEntry {
                    at,
                    from,
                    to,
                    note,
                    happened_on,
                    document: doc.map(|id| crate::match_documents::MatchDocument {
                        id,
                        name: name.unwrap_or_default(),
                        kind: kind.unwrap_or_default(),
                        size: size.unwrap_or_default(),
                    }),
                },
            )
            .collect(),
        id,
        need_id,
        need_title,
        need_member,
        solution_id,
        solution_title,
        solution_member,
        state,
        origin,
    })
}

pub(crate) async fn sides(
    conn: &mut AnyConnection,
    actor: &Actor,
    m: &Match,
) -> Result<Sides, ExchangeError> {
    let secretariat = actor.has(Role::Admin);
    // The secretariat acts for every member; its sides are what it chose to be.
    let need = !secretariat && may_act_for(conn, actor, &m.need_member).await?;
    let solution = !secretariat && may_act_for(conn, actor, &m.solution_member).await?;
    Ok(Sides {
        need,
        solution,
        secretariat,
    })
}

#[allow(clippy::too_many_arguments)]
async fn log(
    tx: &mut AnyConnection,
    actor: &Actor,
    id: &str,
    from: Option<&str>,
    to: Option<&str>,
    note: &str,
    happened_on: Option<&str>,
    now: i64,
) -> Result<(), ExchangeError> {
    sqlx::query(
        "INSERT INTO exchange_match_log (id, match_id, at, actor_id, from_state, to_state, note, happened_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(id)
    .bind(now)
    .bind(actor.person.to_string())
    .bind(from)
    .bind(to)
    .bind(note)
    .bind(happened_on)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Makes a match of a need and a published solution: the need's member expressing interest in
/// it, or the secretariat suggesting it by hand. A second match of the same pair is refused.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn create(
    db: &Db,
    actor: &Actor,
    need: &str,
    solution: &str,
) -> Result<Match, ExchangeError> {
    let mut tx = db.begin().await?;
    let id = create_in(&mut tx, actor, need, solution, "").await?;
    let made = get_in(&mut tx, &id).await?;
    tx.commit().await?;
    Ok(made)
}

/// [`create`] inside the caller's transaction (a meeting's outcome becoming a match); `note`
/// opens the log. Returns the match's id.
pub(crate) async fn create_in(
    tx: &mut shetu_store::Tx,
    actor: &Actor,
    need: &str,
    solution: &str,
    note: &str,
) -> Result<String, ExchangeError> {
    let now = now_ms();
    let need_row = crate::needs::get_in(tx, need).await?;
    let published: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT member_id, published_version FROM exchange_solution WHERE id = $1")
            .bind(solution)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((solution_member, Some(_))) = published else {
        return Err(ExchangeError::NotFound("solution_not_found"));
    };
    if solution_member == need_row.member_id {
        return Err(ExchangeError::Invalid("solution".into(), "own_solution"));
    }
    let (state, origin) = if actor.has(Role::Admin) {
        ("suggested", "secretariat")
    } else if may_act_for(tx, actor, &need_row.member_id).await? {
        ("interest_expressed", "suggested")
    } else {
        return Err(ExchangeError::Forbidden);
    };
    let taken: Option<String> =
        sqlx::query_scalar("SELECT id FROM exchange_match WHERE need_id = $1 AND solution_id = $2")
            .bind(need)
            .bind(solution)
            .fetch_optional(&mut **tx)
            .await?;
    if taken.is_some() {
        return Err(ExchangeError::Conflict("match_exists"));
    }
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO exchange_match (id, need_id, solution_id, state, origin, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .bind(&id)
    .bind(need)
    .bind(solution)
    .bind(state)
    .bind(origin)
    .bind(actor.person.to_string())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    log(tx, actor, &id, None, Some(state), note, None, now).await?;
    let detail =
        serde_json::json!({ "need": need, "solution": solution, "state": state, "origin": origin });
    outbox::publish(tx, "exchange.match.created", &id, &detail).await?;
    record(
        tx,
        actor,
        "exchange.match.create",
        &format!("match:{id}"),
        detail,
    )
    .await?;
    Ok(id)
}

/// Moves a match, with an optional note.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn move_to(
    db: &Db,
    actor: &Actor,
    id: &str,
    to: &str,
    note: &str,
) -> Result<Match, ExchangeError> {
    let note = text("note", note, 2000, false)?;
    if !STATES.contains(&to) {
        return Err(ExchangeError::Invalid("to".into(), "unknown_code"));
    }
    let now = now_ms();
    let mut tx = db.begin().await?;
    let m = get_in(&mut tx, id).await?;
    let sides = sides(&mut tx, actor, &m).await?;
    if !(sides.need || sides.solution || sides.secretariat) {
        return Err(ExchangeError::Forbidden);
    }
    if !allowed(sides, &m.state, to) {
        return Err(ExchangeError::Conflict("invalid_match_move"));
    }
    let changed = sqlx::query(
        "UPDATE exchange_match SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4",
    )
    .bind(to)
    .bind(now)
    .bind(id)
    .bind(&m.state)
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Err(ExchangeError::Conflict("invalid_match_move"));
    }
    log(
        &mut tx,
        actor,
        id,
        Some(&m.state),
        Some(to),
        &note,
        None,
        now,
    )
    .await?;
    let detail = serde_json::json!({ "from": m.state, "to": to });
    outbox::publish(&mut tx, &format!("exchange.match.{to}"), id, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.match.move",
        &format!("match:{id}"),
        detail,
    )
    .await?;
    let made = get_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(made)
}

/// Adds a note to the follow-up log, with the day it happened if given.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn note(
    db: &Db,
    actor: &Actor,
    id: &str,
    note: &str,
    happened_on: Option<&str>,
) -> Result<Match, ExchangeError> {
    let note = text("note", note, 2000, true)?;
    let happened_on = match happened_on.map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) if is_date(d) => Some(d.to_owned()),
        Some(_) => return Err(ExchangeError::Invalid("happened_on".into(), "not_a_date")),
        None => None,
    };
    let now = now_ms();
    let mut tx = db.begin().await?;
    let m = get_in(&mut tx, id).await?;
    let sides = sides(&mut tx, actor, &m).await?;
    if !(sides.need || sides.solution || sides.secretariat) {
        return Err(ExchangeError::Forbidden);
    }
    log(
        &mut tx,
        actor,
        id,
        None,
        None,
        &note,
        happened_on.as_deref(),
        now,
    )
    .await?;
    let detail = serde_json::json!({ "happened_on": happened_on });
    outbox::publish(&mut tx, "exchange.match.noted", id, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.match.note",
        &format!("match:{id}"),
        detail,
    )
    .await?;
    let made = get_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(made)
}

/// A calendar date written `YYYY-MM-DD`.
fn is_date(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    let [y, m, day] = parts.as_slice() else {
        return false;
    };
    let (Ok(y), Ok(m), Ok(day)) = (y.parse::<i32>(), m.parse::<u8>(), day.parse::<u8>()) else {
        return false;
    };
    d.len() == 10
        && (1900..=2200).contains(&y)
        && time::Month::try_from(m).is_ok_and(|m| (1..=m.length(y)).contains(&day))
}

/// A match, for its two sides and the secretariat.
pub async fn get(db: &Db, actor: &Actor, id: &str) -> Result<Match, ExchangeError> {
    let mut conn = crate::conn(db).await?;
    let m = get_in(&mut conn, id).await?;
    let s = sides(&mut conn, actor, &m).await?;
    if !(s.need || s.solution || s.secretariat) {
        return Err(ExchangeError::NotFound("match_not_found"));
    }
    Ok(m)
}

/// The matches of a need, for its member's people and the secretariat (solution id → match id
/// and state).
pub async fn of_need(
    db: &Db,
    actor: &Actor,
    need: &str,
) -> Result<Vec<(String, String, String)>, ExchangeError> {
    let mut conn = crate::conn(db).await?;
    let n = crate::needs::get_in(&mut conn, need).await?;
    if !(actor.has(Role::Admin) || may_act_for(&mut conn, actor, &n.member_id).await?) {
        return Ok(Vec::new());
    }
    Ok(
        sqlx::query_as("SELECT solution_id, id, state FROM exchange_match WHERE need_id = $1")
            .bind(need)
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// A count under a key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Count {
    /// A state, a country code or a focus area.
    pub key: String,
    /// How many.
    pub count: i64,
}

/// Partnerships (matches agreed, adapting or replicated) counted by the country of the member
/// taking the solution up and by focus area of the solution.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Dashboard {
    /// Matches in each state.
    pub by_state: Vec<Count>,
    /// Partnerships by the adopting member's country, most first.
    pub by_country: Vec<Count>,
    /// Partnerships by the solution's focus area, most first.
    pub by_focus: Vec<Count>,
}

fn counts(rows: Vec<(String, i64)>) -> Vec<Count> {
    rows.into_iter()
        .map(|(key, count)| Count { key, count })
        .collect()
}

/// The network's dashboard (public: it counts partnerships between organisations, not people).
pub async fn dashboard(db: &Db) -> Result<Dashboard, ExchangeError> {
    let by_state: Vec<(String, i64)> =
        sqlx::query_as("SELECT state, COUNT(*) FROM exchange_match GROUP BY state")
            .fetch_all(db.pool())
            .await?;
    let by_state = counts(
        STATES
            .iter()
            .map(|s| {
                let n = by_state.iter().find(|(x, _)| x == s).map_or(0, |(_, n)| *n);
                ((*s).to_owned(), n)
            })
            .collect(),
    );
    let partnership = "m.state IN ('agreed', 'adapting', 'replicated')";
    let mut by_country: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT mb.country, COUNT(*) FROM exchange_match m JOIN exchange_need n ON n.id = m.need_id \
         JOIN exchange_member mb ON mb.id = n.member_id WHERE {partnership} GROUP BY mb.country"
    ))
    .fetch_all(db.pool())
    .await?;
    by_country.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut by_focus: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT t.value, COUNT(*) FROM exchange_match m JOIN exchange_tag t \
         ON t.owner = 'solution' AND t.owner_id = m.solution_id AND t.facet = 'focus' \
         WHERE {partnership} GROUP BY t.value"
    ))
    .fetch_all(db.pool())
    .await?;
    by_focus.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(Dashboard {
        by_state,
        by_country: counts(by_country),
        by_focus: counts(by_focus),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEED: Sides = Sides {
        need: true,
        solution: false,
        secretariat: false,
    };
    const SOLUTION: Sides = Sides {
        need: false,
        solution: true,
        secretariat: false,
    };
    const NOBODY: Sides = Sides {
        need: false,
        solution: false,
        secretariat: false,
    };
    const SECRETARIAT: Sides = Sides {
        need: false,
        solution: false,
        secretariat: true,
    };

    #[test]
    fn each_side_makes_its_own_moves() {
        assert!(allowed(NEED, "suggested", "interest_expressed"));
        assert!(!allowed(SOLUTION, "suggested", "interest_expressed"));
        assert!(allowed(SOLUTION, "interest_expressed", "agreed"));
        assert!(
            !allowed(NEED, "interest_expressed", "agreed"),
            "the solution's side agrees"
        );
        for who in [NEED, SOLUTION, SECRETARIAT] {
            assert!(allowed(who, "agreed", "adapting"));
            assert!(allowed(who, "adapting", "replicated"));
            assert!(allowed(who, "adapting", "closed"));
            assert!(
                !allowed(who, "replicated", "closed"),
                "replicated is for good"
            );
            assert!(!allowed(who, "suggested", "agreed"), "no skipping");
        }
        assert!(!allowed(NOBODY, "agreed", "adapting"));
    }

    #[test]
    fn dates_are_real_calendar_days() {
        assert!(is_date("2026-02-28"));
        assert!(is_date("2028-02-29"));
        assert!(!is_date("2026-02-29"));
        assert!(!is_date("2026-2-28"));
        assert!(!is_date("28-02-2026"));
    }
}
