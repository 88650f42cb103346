//! Disputes. A buyer (or the agent who ordered for them) who received the wrong or damaged goods
//! opens a dispute on the delivered order, in their own words. While it is open the order does not
//! complete by itself. An administrator decides: give the money back — the order is returned,
//! its stock comes back and the ledger refunds the buyer — or turn it down with a note.

use crate::error::CommerceError;
use crate::orders::{self, apply, corrupt};
use crate::shops::record;
use crate::state::State;
use crate::COMMERCE_BUY;
use serde::Serialize;
use shetu_core::id::PersonId;
use shetu_core::{Actor, Role};
use shetu_people::mandates;
use shetu_store::{now_ms, outbox, Db, Tx};

/// A dispute as an administrator sees it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Dispute {
    /// Its id.
    pub id: String,
    /// The order.
    pub order_id: String,
    /// The order's number.
    pub number: String,
    /// The buyer's words.
    pub reason: String,
    /// `open`, `refunded` or `rejected`.
    pub state: String,
    /// The administrator's note, once decided.
    pub note: Option<String>,
    /// When opened.
    pub created_at: i64,
}

/// Whether the order has an open dispute (in the caller's transaction).
pub(crate) async fn is_open(tx: &mut Tx, order: &str) -> Result<bool, CommerceError> {
    let found: Option<String> = sqlx::query_scalar(
        "SELECT id FROM commerce_dispute WHERE order_id = $1 AND state = 'open'",
    )
    .bind(order)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(found.is_some())
}

/// Opens a dispute on a delivered order: its buyer, or an agent acting for them.
pub async fn open(
    db: &Db,
    actor: &Actor,
    order: &str,
    reason: &str,
) -> Result<Dispute, CommerceError> {
    let reason = crate::text("reason", reason, 1000, true)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let buyer = mandates::subject_for(&mut tx, actor, COMMERCE_BUY, now).await?;
    let (o, _) = orders::load(&mut tx, order).await?;
    if o.buyer_id != buyer.to_string() {
        return Err(CommerceError::NotFound("order_not_found"));
    }
    // Delivered and wrong, or sent and never arrived.
    if o.state != "delivered" && o.state != "shipped" {
        return Err(CommerceError::Invalid("order".into(), "not_sent"));
    }
    let id = uuid::Uuid::now_v7().to_string();
    let inserted = sqlx::query(
        "INSERT INTO commerce_dispute (id, order_id, opened_by, reason, state, created_at) VALUES ($1, $2, $3, $4, 'open', $5)",
    )
    .bind(&id)
    .bind(order)
    .bind(actor.person)
    .bind(&reason)
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(shetu_store::StoreError::from);
    match inserted {
        Err(e) if e.is_unique_violation() => {
            return Err(CommerceError::Invalid("order".into(), "dispute_open"))
        }
        other => other?,
    };
    outbox::publish(
        &mut tx,
        "commerce.dispute.opened",
        &id,
        &serde_json::json!({ "dispute": id, "order": order }),
    )
    .await?;
    record(
        &mut tx,
        actor,
        buyer,
        "commerce.dispute.open",
        &id,
        serde_json::json!({ "order": order }),
    )
    .await?;
    tx.commit().await?;
    Ok(Dispute {
        id,
        order_id: order.to_owned(),
        number: o.number,
        reason,
        state: "open".into(),
        note: None,
        created_at: now,
    })
}

/// An administrator's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Give the money back: the order is returned.
    Refund,
    /// Turn it down; the order completes as usual.
    Reject,
}

/// Decides a dispute (administrators).
pub async fn resolve(
    db: &Db,
    actor: &Actor,
    id: &str,
    decision: Decision,
    note: &str,
) -> Result<Dispute, CommerceError> {
    if !actor.has(Role::Admin) || actor.on_behalf_of.is_some() {
        return Err(CommerceError::Forbidden);
    }
    let note = crate::text("note", note, 1000, false)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let found: Option<(String, String)> =
        sqlx::query_as("SELECT order_id, state FROM commerce_dispute WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((order, state)) = found else {
        return Err(CommerceError::NotFound("dispute_not_found"));
    };
    if state != "open" {
        return Err(CommerceError::Invalid("dispute".into(), "already_decided"));
    }
    let (o, _) = orders::load(&mut tx, &order).await?;
    let outcome = match decision {
        Decision::Refund => {
            let from = State::parse(&o.state).ok_or_else(|| corrupt("order state"))?;
            apply(&mut tx, &o, from, State::Returned, Some(actor.person), now).await?;
            "refunded"
        }
        Decision::Reject => "rejected",
    };
    sqlx::query("UPDATE commerce_dispute SET state = $1, note = $2, resolved_at = $3, resolved_by = $4 WHERE id = $5")
        .bind(outcome)
        .bind(&note)
        .bind(now)
        .bind(actor.person)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let buyer: PersonId = o.buyer_id.parse().map_err(|_| corrupt("buyer"))?;
    record(
        &mut tx,
        actor,
        buyer,
        "commerce.dispute.resolve",
        id,
        serde_json::json!({ "order": order, "outcome": outcome }),
    )
    .await?;
    tx.commit().await?;
    Ok(Dispute {
        id: id.to_owned(),
        order_id: order,
        number: o.number,
        reason: String::new(),
        state: outcome.into(),
        note: Some(note),
        created_at: now,
    })
}

/// Open disputes, oldest first (administrators).
pub async fn open_ones(db: &Db, actor: &Actor) -> Result<Vec<Dispute>, CommerceError> {
    if !actor.has(Role::Admin) || actor.on_behalf_of.is_some() {
        return Err(CommerceError::Forbidden);
    }
    Ok(sqlx::query_as(
        "SELECT d.id, d.order_id, o.number, d.reason, d.state, d.note, d.created_at FROM commerce_dispute d \
         JOIN commerce_order o ON o.id = d.order_id WHERE d.state = 'open' ORDER BY d.created_at LIMIT 200",
    )
    .fetch_all(db.pool())
    .await?)
}
