//! Orders: who sees which, and moving an order from one state to the next with what each move
//! does to stock and money.

use crate::error::CommerceError;
use crate::ledger::{self, COD_HELD, PLATFORM_FEE, UNEARNED};
use crate::shops::record;
use crate::state::{allowed, Party, State};
use crate::{COMMERCE_BUY, COMMERCE_SELL};
use serde::Serialize;
use shetu_core::id::PersonId;
use shetu_core::{Actor, Money, Phone, Role};
use shetu_i18n::Arg;
use shetu_people::mandates;
use shetu_store::jobs::{self, NewJob};
use shetu_store::{now_ms, outbox, Db, Tx};

/// How long after delivery a buyer may return an order.
pub const RETURN_WINDOW_MS: i64 = 7 * 86_400_000;
/// The job that completes a delivered order when its return window ends.
pub const COMPLETE_KIND: &str = "commerce.complete_after_return_window";

/// An order as the people it concerns see it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Order {
    /// Its id.
    pub id: String,
    /// The number people read out.
    pub number: String,
    /// The checkout it came from.
    pub checkout_id: String,
    /// The shop.
    pub shop_id: String,
    /// The shop's name.
    pub shop_name: String,
    /// The buyer.
    pub buyer_id: String,
    /// The agent who placed it for the buyer, if one did.
    pub agent_id: Option<String>,
    /// Where it is (`placed`, `confirmed` …).
    pub state: String,
    /// `cod` or `mobile_money`.
    pub payment: String,
    /// 1 once paid.
    pub paid: i64,
    /// Sum of its lines (minor units).
    pub subtotal_minor: i64,
    /// The platform's fee.
    pub fee_minor: i64,
    /// The agent's commission.
    pub commission_minor: i64,
    /// What the buyer pays.
    pub total_minor: i64,
    /// Delivery instructions.
    pub delivery_note: String,
    /// When placed (ms since 1970, UTC).
    pub created_at: i64,
    /// When delivered.
    pub delivered_at: Option<i64>,
    /// The digital centre the buyer collects it from, if not delivered to their door.
    pub pickup_point: Option<String>,
}

/// One line of an order.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct OrderLine {
    /// The variant.
    pub variant_id: String,
    /// The product.
    pub product_id: String,
    /// Its title when ordered.
    pub title: String,
    /// How many.
    pub quantity: i64,
    /// Unit price paid (minor units).
    pub unit_price_minor: i64,
    /// Quantity × unit price.
    pub line_minor: i64,
}

const ORDER_SELECT: &str = "SELECT o.id, o.number, o.checkout_id, o.shop_id, s.name AS shop_name, o.buyer_id, o.agent_id, \
    o.state, o.payment, o.paid, o.subtotal_minor, o.fee_minor, o.commission_minor, o.total_minor, o.delivery_note, \
    o.created_at, o.delivered_at, o.pickup_point FROM commerce_order o JOIN commerce_shop s ON s.id = o.shop_id";

/// Whose orders to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Concerning {
    /// Orders the person bought.
    Buyer(PersonId),
    /// Orders of the shops the person owns.
    Seller(PersonId),
    /// Orders the agent placed for others.
    Agent(PersonId),
    /// Every order (administrators).
    All,
}

/// Orders concerning someone, newest first: a person's own (as buyer, seller, or the agent who
/// placed them), or every order for an administrator; anything else is refused.
pub async fn list(
    db: &Db,
    actor: &Actor,
    who: Concerning,
    limit: i64,
) -> Result<Vec<Order>, CommerceError> {
    let own = |p: PersonId| p == actor.person && actor.on_behalf_of.is_none();
    let allowed = match who {
        Concerning::Buyer(p) | Concerning::Seller(p) => own(p),
        Concerning::Agent(p) => own(p) && actor.has(Role::Agent),
        Concerning::All => actor.has(Role::Admin) && actor.on_behalf_of.is_none(),
    };
    if !allowed {
        return Err(CommerceError::Forbidden);
    }
    let (filter, id) = match who {
        Concerning::Buyer(p) => (" WHERE o.buyer_id = $1", Some(p)),
        Concerning::Seller(p) => (" WHERE s.owner_id = $1", Some(p)),
        Concerning::Agent(p) => (" WHERE o.agent_id = $1", Some(p)),
        Concerning::All => (" WHERE $1 IS NULL OR 1 = 1", None),
    };
    Ok(sqlx::query_as::<_, Order>(&format!(
        "{ORDER_SELECT}{filter} ORDER BY o.created_at DESC, o.id LIMIT $2"
    ))
    .bind(id.map(|p| p.to_string()))
    .bind(limit)
    .fetch_all(db.pool())
    .await?)
}

pub(crate) async fn load(
    conn: &mut sqlx::AnyConnection,
    id: &str,
) -> Result<(Order, String), CommerceError> {
    let order = sqlx::query_as::<_, Order>(&format!("{ORDER_SELECT} WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(CommerceError::NotFound("order_not_found"))?;
    let owner: String = sqlx::query_scalar("SELECT owner_id FROM commerce_shop WHERE id = $1")
        .bind(&order.shop_id)
        .fetch_one(&mut *conn)
        .await?;
    Ok((order, owner))
}

/// The parties the actor is to this order (several when, say, an administrator bought it).
async fn parties(
    tx: &mut sqlx::AnyConnection,
    actor: &Actor,
    order: &Order,
    shop_owner: &str,
    now: i64,
) -> Result<Vec<Party>, CommerceError> {
    let mut parties = Vec::new();
    if actor.has(Role::Admin) && actor.on_behalf_of.is_none() {
        parties.push(Party::Admin);
    }
    if actor.on_behalf_of.is_some() && actor.on_behalf_of != Some(actor.person) {
        // An agent acting for someone: as the buyer under `commerce.buy`, or as the shop under
        // `commerce.sell` — whichever the client is to this order and the mandate covers.
        let client = actor.on_behalf_of.map(|c| c.to_string());
        if client.as_deref() == Some(order.buyer_id.as_str())
            && mandates::subject_for(tx, actor, COMMERCE_BUY, now)
                .await
                .is_ok()
        {
            parties.push(Party::Buyer);
        }
        if client.as_deref() == Some(shop_owner)
            && mandates::subject_for(tx, actor, COMMERCE_SELL, now)
                .await
                .is_ok()
        {
            parties.push(Party::Shop);
        }
        return Ok(parties);
    }
    let me = actor.person.to_string();
    if me == order.buyer_id {
        parties.push(Party::Buyer);
    }
    if me == shop_owner {
        parties.push(Party::Shop);
    }
    if order.agent_id.as_deref() == Some(me.as_str()) && actor.has(Role::Agent) {
        parties.push(Party::Agent);
    }
    Ok(parties)
}

/// An order and its lines, if the actor is a party to it; otherwise it does not exist for them.
pub async fn get(
    db: &Db,
    actor: &Actor,
    id: &str,
) -> Result<(Order, Vec<OrderLine>, Vec<State>), CommerceError> {
    let now = now_ms();
    let mut tx = db
        .pool()
        .acquire()
        .await
        .map_err(shetu_store::StoreError::from)?;
    let (order, owner) = load(&mut tx, id).await?;
    let parties = parties(&mut tx, actor, &order, &owner, now).await?;
    if parties.is_empty() {
        return Err(CommerceError::NotFound("order_not_found"));
    }
    let lines = sqlx::query_as::<_, OrderLine>(
        "SELECT variant_id, product_id, title, quantity, unit_price_minor, line_minor FROM commerce_order_line \
         WHERE order_id = $1 ORDER BY title",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let state = State::parse(&order.state).ok_or_else(|| corrupt("order state"))?;
    let mut next: Vec<State> = Vec::new();
    for p in parties {
        for s in crate::state::next(state, p) {
            if !next.contains(&s) && within_window(&order, s, p, now) {
                next.push(s);
            }
        }
    }
    Ok((order, lines, next))
}

pub(crate) fn corrupt(what: &str) -> CommerceError {
    CommerceError::Store(shetu_store::StoreError::Corrupt(what.to_owned()))
}

/// A buyer may return an order only within the return window (administrators at any time).
fn within_window(order: &Order, to: State, party: Party, now: i64) -> bool {
    // An order awaiting an online payment is confirmed by the payment, not by hand (an
    // administrator may, for a payment checked another way).
    let unpaid_online = to == State::Confirmed && order.payment != "cod" && order.paid == 0;
    // A parcel for a digital centre is delivered when the centre's agent hands it over against
    // the buyer's code (`pickup::hand_over`), not by anyone saying so.
    let at_centre = to == State::Delivered && order.pickup_point.is_some();
    if (unpaid_online || at_centre) && party != Party::Admin {
        return false;
    }
    to != State::Returned
        || party == Party::Admin
        || order
            .delivered_at
            .is_some_and(|at| now <= at + RETURN_WINDOW_MS)
}

/// Moves an order to `to`, if the actor may; 409 `invalid_transition` otherwise.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn transition(
    db: &Db,
    i18n: &shetu_i18n::I18n,
    pack: &shetu_pack::Pack,
    actor: &Actor,
    id: &str,
    to: State,
) -> Result<Order, CommerceError> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    let (order, owner) = load(&mut tx, id).await?;
    let parties = parties(&mut tx, actor, &order, &owner, now).await?;
    if parties.is_empty() {
        return Err(CommerceError::NotFound("order_not_found"));
    }
    let from = State::parse(&order.state).ok_or_else(|| corrupt("order state"))?;
    let Some(party) = parties
        .iter()
        .copied()
        .find(|p| allowed(from, to, *p) && within_window(&order, to, *p, now))
    else {
        return Err(CommerceError::InvalidTransition {
            from: from.as_str(),
            to: to.as_str(),
        });
    };
    apply(&mut tx, &order, from, to, Some(actor.person), now).await?;
    after_move(&mut tx, i18n, pack, &order, to, now).await?;
    let subject: PersonId = match party {
        Party::Shop => owner.parse().map_err(|_| corrupt("shop owner"))?,
        _ => order.buyer_id.parse().map_err(|_| corrupt("buyer"))?,
    };
    let detail = serde_json::json!({ "order": id, "from": from.as_str(), "to": to.as_str() });
    record(
        &mut tx,
        actor,
        subject,
        "commerce.order.transition",
        id,
        detail,
    )
    .await?;
    let (moved, _) = load(&mut tx, id).await?;
    tx.commit().await?;
    Ok(moved)
}

/// What follows a move, in its transaction: the buyer's SMS when an agent ordered for them, the
/// pickup code when a parcel leaves for a digital centre, and the completion at the end of the
/// return window once delivered.
pub(crate) async fn after_move(
    tx: &mut Tx,
    i18n: &shetu_i18n::I18n,
    pack: &shetu_pack::Pack,
    order: &Order,
    to: State,
    now: i64,
) -> Result<(), CommerceError> {
    let buyer: PersonId = order.buyer_id.parse().map_err(|_| corrupt("buyer"))?;
    if order.agent_id.is_some() {
        notify_buyer(tx, i18n, pack, buyer, &order.number, to, order.total_minor).await?;
    }
    if to == State::Delivered {
        // When the return window ends, the order completes by itself (the SMS for that is
        // written now, in the buyer's language).
        let sms = match order.agent_id {
            Some(_) => buyer_sms(
                tx,
                i18n,
                pack,
                buyer,
                &order.number,
                State::Completed,
                order.total_minor,
            )
            .await?
            .map(|(to, body)| serde_json::json!({ "to": to.as_str(), "body": body })),
            None => None,
        };
        let mut job = NewJob::new(
            COMPLETE_KIND,
            serde_json::json!({ "order": order.id, "sms": sms }),
        );
        job.run_at = Some(now + RETURN_WINDOW_MS);
        jobs::enqueue(tx, job).await?;
    }
    if to == State::Shipped {
        if let Some(point) = &order.pickup_point {
            crate::pickup::send_code(tx, i18n, pack, order, point).await?;
        }
    }
    Ok(())
}

/// What a move does, in the caller's transaction: the state, the stock, the money, the event.
pub(crate) async fn apply(
    tx: &mut Tx,
    order: &Order,
    from: State,
    to: State,
    by: Option<PersonId>,
    now: i64,
) -> Result<(), CommerceError> {
    // Guarded on the state read, so two racing moves cannot both apply.
    let moved = sqlx::query(
        "UPDATE commerce_order SET state = $1, updated_at = $2, \
         delivered_at = CASE WHEN $1 = 'delivered' THEN $2 ELSE delivered_at END, \
         reserved_until = NULL WHERE id = $3 AND state = $4",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(&order.id)
    .bind(from.as_str())
    .execute(&mut **tx)
    .await?;
    if moved.rows_affected() != 1 {
        return Err(CommerceError::InvalidTransition {
            from: from.as_str(),
            to: to.as_str(),
        });
    }
    let shop = ledger::shop_payable(&order.shop_id);
    let agent = order.agent_id.as_deref().map(ledger::agent_commission);
    let agent_account = agent.as_deref().unwrap_or(PLATFORM_FEE);
    let total = order.total_minor;
    match to {
        State::Cancelled | State::Returned => {
            return_stock(tx, &order.id).await?;
            if to == State::Returned && from == State::Delivered {
                // Undo the split made at delivery, then give the money back the way it came.
                // (A parcel returned before delivery was never split, nor paid in cash.)
                ledger::post(
                    tx,
                    "return",
                    Some(&order.id),
                    &[
                        (
                            shop.as_str(),
                            order.total_minor - order.fee_minor - order.commission_minor,
                        ),
                        (PLATFORM_FEE, order.fee_minor),
                        (agent_account, order.commission_minor),
                        (UNEARNED, -total),
                    ],
                    now,
                )
                .await?;
            }
            if order.payment == "cod" && order.paid == 1 {
                // The courier (or the shop) gives the cash back.
                ledger::post(
                    tx,
                    "refund",
                    Some(&order.id),
                    &[(UNEARNED, total), (COD_HELD, -total)],
                    now,
                )
                .await?;
            } else if order.paid == 1 {
                crate::payments::schedule_refund(tx, order, now).await?;
            }
        }
        State::Delivered => {
            if order.payment == "cod" {
                ledger::post(
                    tx,
                    "cod_collected",
                    Some(&order.id),
                    &[(COD_HELD, total), (UNEARNED, -total)],
                    now,
                )
                .await?;
                sqlx::query("UPDATE commerce_order SET paid = 1 WHERE id = $1")
                    .bind(&order.id)
                    .execute(&mut **tx)
                    .await?;
            }
            ledger::post(
                tx,
                "split",
                Some(&order.id),
                &[
                    (UNEARNED, total),
                    (
                        shop.as_str(),
                        -(order.total_minor - order.fee_minor - order.commission_minor),
                    ),
                    (PLATFORM_FEE, -order.fee_minor),
                    (agent_account, -order.commission_minor),
                ],
                now,
            )
            .await?;
        }
        State::Completed => crate::payouts::schedule(tx, &order.id).await?,
        _ => {}
    }
    log_state(tx, &order.id, Some(from), to, by, now).await?;
    let event = serde_json::json!({
        "order": order.id, "number": order.number, "shop": order.shop_id,
        "from": from.as_str(), "to": to.as_str(),
    });
    outbox::publish(tx, "commerce.order.state", &order.id, &event).await?;
    Ok(())
}

async fn return_stock(tx: &mut Tx, order: &str) -> Result<(), CommerceError> {
    let lines: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT l.variant_id, l.quantity, l.product_id FROM commerce_order_line l WHERE l.order_id = $1 ORDER BY l.variant_id",
    )
    .bind(order)
    .fetch_all(&mut **tx)
    .await?;
    for (variant, quantity, product) in lines {
        sqlx::query("UPDATE commerce_variant SET stock = stock + $1 WHERE id = $2")
            .bind(quantity)
            .bind(&variant)
            .execute(&mut **tx)
            .await?;
        crate::products::changed(tx, &product).await?;
    }
    Ok(())
}

/// Records a state in the order's history.
pub(crate) async fn log_state(
    tx: &mut Tx,
    order: &str,
    from: Option<State>,
    to: State,
    by: Option<PersonId>,
    now: i64,
) -> Result<(), CommerceError> {
    sqlx::query("INSERT INTO commerce_order_event (order_id, at, from_state, to_state, actor_id) VALUES ($1, $2, $3, $4, $5)")
        .bind(order)
        .bind(now)
        .bind(from.map(State::as_str))
        .bind(to.as_str())
        .bind(by)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Tells the buyer by SMS, in their language, the order's number, state and total.
pub(crate) async fn notify_buyer(
    tx: &mut Tx,
    i18n: &shetu_i18n::I18n,
    pack: &shetu_pack::Pack,
    buyer: PersonId,
    number: &str,
    state: State,
    total: i64,
) -> Result<(), CommerceError> {
    if let Some((phone, body)) = buyer_sms(tx, i18n, pack, buyer, number, state, total).await? {
        shetu_people::sms::enqueue(tx, &phone, &body).await?;
    }
    Ok(())
}

/// A buyer's mobile number and language, if they have a number.
pub(crate) async fn buyer_phone(
    tx: &mut Tx,
    buyer: &str,
) -> Result<Option<(Phone, String)>, CommerceError> {
    let found: Option<(String, String)> =
        sqlx::query_as("SELECT phone, language FROM person WHERE id = $1")
            .bind(buyer)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(found.and_then(|(phone, lang)| Phone::parse_e164(&phone).ok().map(|p| (p, lang))))
}

/// The SMS that tells the buyer where their order is, in their language (`None` for a buyer
/// without a number).
pub(crate) async fn buyer_sms(
    tx: &mut Tx,
    i18n: &shetu_i18n::I18n,
    pack: &shetu_pack::Pack,
    buyer: PersonId,
    number: &str,
    state: State,
    total: i64,
) -> Result<Option<(Phone, String)>, CommerceError> {
    let Some((phone, lang)) = buyer_phone(tx, &buyer.to_string()).await? else {
        return Ok(None);
    };
    let amount = Money::from_minor(total, pack.currency).format(&pack.money_format, &lang);
    let state_name = i18n.message(&lang, &format!("commerce-state-{}", state.as_str()), &[]);
    let body = i18n.message(
        &lang,
        "commerce-sms-order",
        &[
            ("number", Arg::Text(number.to_owned())),
            ("state", Arg::Text(state_name)),
            ("total", Arg::Text(amount)),
        ],
    );
    Ok(Some((phone, body)))
}
