//! A participant's agenda, and what came of each meeting.

use super::*;

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
