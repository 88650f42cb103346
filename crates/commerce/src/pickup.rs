//! Pickup at a digital centre. A buyer may have an order sent to a centre instead of their door
//! (many villages have no street address a courier can find). When the shop ships it, the buyer
//! gets a six-digit code by SMS; the centre's agent hands the parcel over against that code, which
//! delivers the order. Only a hash of the code is kept, and after five wrong codes the parcel is
//! held for an administrator.

use crate::error::CommerceError;
use crate::orders::{self, after_move, apply, corrupt, Order};
use crate::shops::record;
use crate::state::State;
use sha2::{Digest, Sha256};
use shetu_core::id::PersonId;
use shetu_core::Actor;
use shetu_i18n::Arg;
use shetu_store::{now_ms, Db, Tx};

/// Wrong codes allowed before the parcel is held.
pub const MAX_TRIES: i64 = 5;

pub(crate) fn hash(order: &str, code: &str) -> String {
    Sha256::digest(format!("{order}:{code}").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Makes the order's pickup code and texts it to the buyer, in their language.
pub(crate) async fn send_code(
    tx: &mut Tx,
    i18n: &shetu_i18n::I18n,
    _pack: &shetu_pack::Pack,
    order: &Order,
    point: &str,
) -> Result<(), CommerceError> {
    send_code_with(tx, i18n, order, Some(point)).await
}

/// Makes the order's delivery code and texts it to the buyer: for collecting it at `point`, or,
/// without one, for giving it to the courier's rider at the door.
pub(crate) async fn send_code_with(
    tx: &mut Tx,
    i18n: &shetu_i18n::I18n,
    order: &Order,
    point: Option<&str>,
) -> Result<(), CommerceError> {
    let code = format!("{:06}", uuid::Uuid::new_v4().as_u128() % 1_000_000);
    sqlx::query("UPDATE commerce_order SET handover_hash = $1, handover_tries = 0 WHERE id = $2")
        .bind(hash(&order.id, &code))
        .bind(&order.id)
        .execute(&mut **tx)
        .await?;
    let centre: Option<String> = match point {
        Some(point) => {
            sqlx::query_scalar("SELECT name FROM service_point WHERE id = $1")
                .bind(point)
                .fetch_optional(&mut **tx)
                .await?
        }
        None => None,
    };
    if let Some((phone, lang)) = orders::buyer_phone(tx, &order.buyer_id).await? {
        let key = if point.is_some() {
            "commerce-sms-pickup"
        } else {
            "commerce-sms-courier"
        };
        let body = i18n.message(
            &lang,
            key,
            &[
                ("number", Arg::Text(order.number.clone())),
                ("centre", Arg::Text(centre.unwrap_or_default())),
                ("code", Arg::Text(code)),
            ],
        );
        shetu_people::sms::enqueue(tx, &phone, &body).await?;
    }
    Ok(())
}

/// Whether `agent` works at digital centre `point`.
async fn works_at(tx: &mut Tx, agent: PersonId, point: &str) -> Result<bool, CommerceError> {
    let found: Option<String> = sqlx::query_scalar(
        "SELECT service_point_id FROM service_point_agent WHERE service_point_id = $1 AND person_id = $2",
    )
    .bind(point)
    .bind(agent)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(found.is_some())
}

/// The centre's agent hands a parcel over against the buyer's code: the order is delivered.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn hand_over(
    db: &Db,
    i18n: &shetu_i18n::I18n,
    pack: &shetu_pack::Pack,
    actor: &Actor,
    id: &str,
    code: &str,
) -> Result<Order, CommerceError> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    let (order, _) = orders::load(&mut tx, id).await?;
    let Some(point) = order.pickup_point.clone() else {
        return Err(CommerceError::NotFound("order_not_found"));
    };
    if actor.on_behalf_of.is_some() || !works_at(&mut tx, actor.person, &point).await? {
        return Err(CommerceError::NotFound("order_not_found"));
    }
    if order.state != "shipped" {
        return Err(CommerceError::InvalidTransition {
            from: State::parse(&order.state).map_or("placed", State::as_str),
            to: "delivered",
        });
    }
    let (stored, tries): (Option<String>, i64) =
        sqlx::query_as("SELECT handover_hash, handover_tries FROM commerce_order WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    if tries >= MAX_TRIES {
        return Err(CommerceError::HandoverLocked);
    }
    let code: String = shetu_core::fold_digits(code.trim())
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if stored.as_deref() != Some(hash(id, &code).as_str()) {
        sqlx::query("UPDATE commerce_order SET handover_tries = handover_tries + 1 WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        return Err(CommerceError::Invalid("code".into(), "wrong_code"));
    }
    apply(
        &mut tx,
        &order,
        State::Shipped,
        State::Delivered,
        Some(actor.person),
        now,
    )
    .await?;
    after_move(&mut tx, i18n, pack, &order, State::Delivered, now).await?;
    sqlx::query("UPDATE commerce_order SET handover_hash = NULL WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let buyer: PersonId = order.buyer_id.parse().map_err(|_| corrupt("buyer"))?;
    let detail = serde_json::json!({ "order": id, "point": point });
    record(
        &mut tx,
        actor,
        buyer,
        "commerce.order.hand_over",
        id,
        detail,
    )
    .await?;
    let (moved, _) = orders::load(&mut tx, id).await?;
    tx.commit().await?;
    Ok(moved)
}

/// Parcels waiting at the agent's centres to be collected.
pub async fn waiting(db: &Db, actor: &Actor) -> Result<Vec<Order>, CommerceError> {
    // Parcels are handed over by agents at their centres; nobody else has a counter.
    if !actor.has(shetu_core::Role::Agent) {
        return Err(CommerceError::Forbidden);
    }
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT o.id FROM commerce_order o JOIN service_point_agent a ON a.service_point_id = o.pickup_point \
         WHERE a.person_id = $1 AND o.state = 'shipped' ORDER BY o.updated_at LIMIT 200",
    )
    .bind(actor.person)
    .fetch_all(db.pool())
    .await?;
    let mut conn = db
        .pool()
        .acquire()
        .await
        .map_err(shetu_store::StoreError::from)?;
    let mut found = Vec::new();
    for id in ids {
        found.push(orders::load(&mut conn, &id).await?.0);
    }
    Ok(found)
}
