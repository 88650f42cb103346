//! Checkout: a cart with items from several shops becomes one order per shop under one checkout.
//! Stock is taken in the same transaction with a guarded decrement (`stock >= quantity`), so no
//! interleaving of buyers can take it below zero on either engine; variants are locked in one
//! order (by id) so that two checkouts never wait on each other.

use crate::error::CommerceError;
use crate::idempotency::{self, Key};
use crate::ledger::Rates;
use crate::orders::{buyer_sms, notify_buyer};
use crate::products::{unit_price, Tier};
use crate::shops::record;
use crate::state::State;
use crate::{within, COMMERCE_BUY};
use serde::{Deserialize, Serialize};
use shetu_core::Actor;
use shetu_people::mandates;
use shetu_store::jobs::{self, NewJob};
use shetu_store::sql::Sql;
use shetu_store::{now_ms, outbox, Backend, Db, Tx};
use sqlx::pool::PoolConnection;
use sqlx::Any;

/// Most lines in one checkout.
pub const MAX_LINES: usize = 50;
/// Most units of one line.
pub const MAX_QUANTITY: i64 = 10_000;
/// How long stock stays reserved for an order awaiting online payment.
pub const RESERVATION_MS: i64 = 30 * 60 * 1000;
/// The job that returns the stock of an unpaid order when its reservation ends.
pub const EXPIRE_KIND: &str = "commerce.expire_reservation";

/// How the buyer pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Payment {
    /// Cash on delivery: the order is confirmed at once.
    Cod,
    /// Mobile money: the order waits for the payment; its stock is reserved meanwhile.
    MobileMoney,
}

impl Payment {
    /// Its name in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Payment::Cod => "cod",
            Payment::MobileMoney => "mobile_money",
        }
    }
}

/// One line: a variant and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// The variant's id.
    pub variant: String,
    /// How many units (1 to 10,000).
    #[schema(minimum = 1, maximum = 10000)]
    pub quantity: i64,
}

/// What to check out.
#[derive(Debug, Clone)]
pub struct NewCheckout {
    /// The lines (1 to 50; the same variant twice counts once with both quantities).
    pub lines: Vec<Line>,
    /// How the buyer pays.
    pub payment: Payment,
    /// Where and how to deliver, in the buyer's words.
    pub delivery_note: String,
    /// A digital centre to collect it from instead (a service point's id).
    pub pickup_point: Option<String>,
}

/// A placed checkout.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Placed {
    /// The checkout's id.
    pub checkout_id: String,
    /// What the buyer pays in all (minor units).
    pub total_minor: i64,
    /// One order per shop.
    pub orders: Vec<PlacedOrder>,
}

/// One order of a checkout.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PlacedOrder {
    /// The order's id.
    pub id: String,
    /// The number people read out (`SH-7F3A9C21`).
    pub number: String,
    /// The shop.
    pub shop_id: String,
    /// Its state: `confirmed` for cash on delivery, `placed` while a payment is awaited.
    pub state: State,
    /// Its total (minor units).
    pub total_minor: i64,
}

#[derive(sqlx::FromRow)]
struct Offer {
    id: String,
    product_id: String,
    shop_id: String,
    sku: String,
    label: String,
    price_minor: i64,
    title_bn: String,
    title_en: String,
    shop_status: String,
}

/// A line with its offer, quantity and unit price.
type Priced<'a> = (&'a Offer, i64, i64);

fn merge(lines: &[Line]) -> Result<Vec<Line>, CommerceError> {
    if lines.is_empty() {
        return Err(CommerceError::EmptyCart);
    }
    within(
        "lines",
        i64::try_from(lines.len()).unwrap_or(i64::MAX),
        1,
        MAX_LINES as i64,
    )?;
    let mut merged: Vec<Line> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        within(
            &format!("lines[{i}].quantity"),
            line.quantity,
            1,
            MAX_QUANTITY,
        )?;
        let variant = line.variant.trim();
        if variant.is_empty() || variant.len() > 64 {
            return Err(CommerceError::NotFound("variant_not_found"));
        }
        match merged.iter_mut().find(|l| l.variant == variant) {
            Some(l) => l.quantity = (l.quantity + line.quantity).min(MAX_QUANTITY),
            None => merged.push(Line {
                variant: variant.to_owned(),
                quantity: line.quantity,
            }),
        }
    }
    // Lock variants in one order, so concurrent checkouts never wait on each other in a cycle.
    merged.sort_by(|a, b| a.variant.cmp(&b.variant));
    Ok(merged)
}

/// Takes each line's quantity from its variant's stock if that much is left: what is left
/// afterwards, line by line (`None`: not enough, nothing taken for that line). The caller rolls
/// back if any line is short. On PostgreSQL one statement per line, in the lines' order (by
/// id), so two checkouts lock shared variants in the same order; on SQLite, which has one
/// writer and no lock order to keep, one statement for all lines.
async fn take_stock(tx: &mut Tx, lines: &[Line]) -> Result<Vec<Option<i64>>, CommerceError> {
    if tx.backend() == Backend::Sqlite && lines.len() > 1 {
        let mut sql = Sql::new("UPDATE commerce_variant SET stock = stock - v.q FROM (");
        for (i, line) in lines.iter().enumerate() {
            sql.push(if i == 0 {
                "SELECT "
            } else {
                " UNION ALL SELECT "
            })
            .bind(line.variant.clone())
            .push(" AS id, ")
            .bind(line.quantity)
            .push(" AS q");
        }
        sql.push(
            ") AS v WHERE commerce_variant.id = v.id AND commerce_variant.stock >= v.q \
             RETURNING id, stock",
        );
        let taken: Vec<(String, i64)> = {
            let args = sql.build_args()?;
            sqlx::query_as_with(sql.text(), args)
                .fetch_all(&mut **tx)
                .await?
        };
        return Ok(lines
            .iter()
            .map(|l| taken.iter().find(|(id, _)| *id == l.variant).map(|t| t.1))
            .collect());
    }
    let mut left = Vec::with_capacity(lines.len());
    for line in lines {
        left.push(
            sqlx::query_scalar(
                "UPDATE commerce_variant SET stock = stock - $1 WHERE id = $2 AND stock >= $1 RETURNING stock",
            )
            .bind(line.quantity)
            .bind(&line.variant)
            .fetch_optional(&mut **tx)
            .await?,
        );
        if left.last() == Some(&None) {
            break;
        }
    }
    left.resize(lines.len(), None);
    Ok(left)
}

/// How many times a checkout is placed again when a new order number is already taken.
const NUMBER_TRIES: u32 = 3;

/// A new order number: `SH-` and 8 random hex digits, short enough to read out at a counter.
pub fn random_number() -> String {
    format!("SH-{}", &uuid::Uuid::new_v4().simple().to_string()[..8]).to_uppercase()
}

/// Places a checkout for the actor, or for the buyer an agent acts for under `commerce.buy`.
/// With `key`, a replay returns the first answer and nothing is placed twice.
pub async fn place(
    db: &Db,
    i18n: &shetu_i18n::I18n,
    pack: &shetu_pack::Pack,
    actor: &Actor,
    checkout: NewCheckout,
    key: Option<Key>,
    rates: Rates,
) -> Result<Placed, CommerceError> {
    let mut numbers = random_number;
    place_numbered(db, i18n, pack, actor, checkout, key, rates, &mut numbers).await
}

/// [`place`], with order numbers drawn from `numbers` (a test draws a taken one on purpose).
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn place_numbered(
    db: &Db,
    i18n: &shetu_i18n::I18n,
    pack: &shetu_pack::Pack,
    actor: &Actor,
    checkout: NewCheckout,
    key: Option<Key>,
    rates: Rates,
    numbers: &mut (dyn FnMut() -> String + Send),
) -> Result<Placed, CommerceError> {
    // The reads before the writer's turn share one connection: the pool checks a connection
    // with a round trip each time it is handed back, so one hand-back instead of one per read.
    let mut conn = db.pool().acquire().await?;
    if let Some(key) = &key {
        if let Some((_, stored)) = idempotency::replay(&mut *conn, key).await? {
            return Ok(serde_json::from_value(stored).map_err(shetu_store::StoreError::from)?);
        }
    }
    let mut first = Some(conn);
    let mut clashes = 0;
    loop {
        let conn = match first.take() {
            Some(conn) => conn,
            None => db.pool().acquire().await?,
        };
        let once = place_once(
            db,
            conn,
            i18n,
            pack,
            actor,
            &checkout,
            key.as_ref(),
            rates,
            &mut *numbers,
        );
        match once.await {
            // Order numbers are short random codes a buyer can read out (8 hex digits): with a
            // million orders on record about one new order in 4,000 draws a taken one. That
            // costs another try with new numbers, the first having been rolled back whole.
            Err(CommerceError::Store(e))
                if e.is_duplicate_of("commerce_order", "number") && clashes < NUMBER_TRIES =>
            {
                clashes += 1;
                tracing::info!(
                    clashes,
                    "order number taken; placing again with new numbers"
                );
            }
            // The same key raced in from a second connection: the first one won; answer as it
            // did.
            Err(CommerceError::Store(e)) if e.is_unique_violation() => {
                let stored = match &key {
                    Some(key) => idempotency::replay(db.pool(), key).await?,
                    None => None,
                };
                return match stored {
                    Some((_, stored)) => Ok(
                        serde_json::from_value(stored).map_err(shetu_store::StoreError::from)?
                    ),
                    None => Err(CommerceError::Store(e)),
                };
            }
            other => return other,
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn place_once(
    db: &Db,
    mut conn: PoolConnection<Any>,
    i18n: &shetu_i18n::I18n,
    pack: &shetu_pack::Pack,
    actor: &Actor,
    checkout: &NewCheckout,
    key: Option<&Key>,
    rates: Rates,
    numbers: &mut (dyn FnMut() -> String + Send),
) -> Result<Placed, CommerceError> {
    let lines = merge(&checkout.lines)?;
    let note = crate::text("delivery_note", &checkout.delivery_note, 500, false)?;
    let now = now_ms();
    // The offers are read before the writer's turn (on SQLite, its time is the node's checkouts
    // a second). What a concurrent change could make stale is re-checked where it matters: the
    // guarded decrement below takes stock only if it is still there. A price or a shop's status
    // changed in between counts as changed just after this checkout, as on PostgreSQL, where
    // these rows are read without a lock anyway.
    let mut sql = Sql::new(
        "SELECT v.id, v.product_id, v.shop_id, v.sku, v.label, v.price_minor, p.title_bn, p.title_en, \
         s.status AS shop_status FROM commerce_variant v JOIN commerce_product p ON p.id = v.product_id \
         JOIN commerce_shop s ON s.id = v.shop_id WHERE p.status = 'active' AND v.id IN ",
    );
    sql.list(lines.iter().map(|l| l.variant.clone()));
    let offers: Vec<Offer> = {
        let args = sql.build_args()?;
        sqlx::query_as_with(sql.text(), args)
            .fetch_all(&mut *conn)
            .await?
    };
    let mut tsql = Sql::new(
        "SELECT variant_id, min_quantity, unit_price_minor FROM commerce_tier WHERE variant_id IN ",
    );
    tsql.list(lines.iter().map(|l| l.variant.clone()));
    let tiers: Vec<(String, i64, i64)> = {
        let args = tsql.build_args()?;
        sqlx::query_as_with(tsql.text(), args)
            .fetch_all(&mut *conn)
            .await?
    };

    let point_known = match &checkout.pickup_point {
        Some(point) => {
            sqlx::query_scalar::<_, String>("SELECT id FROM service_point WHERE id = $1")
                .bind(point)
                .fetch_optional(&mut *conn)
                .await?
                .is_some()
        }
        None => true,
    };
    drop(conn);

    let mut tx = db.begin().await?;
    let buyer = mandates::subject_for(&mut tx, actor, COMMERCE_BUY, now).await?;
    if !point_known {
        return Err(CommerceError::Invalid(
            "pickup_point".into(),
            "unknown_point",
        ));
    }
    let agent = (buyer != actor.person).then_some(actor.person);

    // Priced lines grouped by shop, in the order shops first appear.
    let mut shops: Vec<(String, Vec<Priced>)> = Vec::new();
    for line in &lines {
        let offer = offers
            .iter()
            .find(|o| o.id == line.variant)
            .ok_or(CommerceError::NotFound("variant_not_found"))?;
        if offer.shop_status != "verified" {
            return Err(CommerceError::ShopNotVerified);
        }
        let own: Vec<Tier> = tiers
            .iter()
            .filter(|t| t.0 == offer.id)
            .map(|t| Tier {
                min_quantity: t.1,
                unit_price_minor: t.2,
            })
            .collect();
        let price = unit_price(offer.price_minor, &own, line.quantity);
        match shops.iter_mut().find(|(s, _)| *s == offer.shop_id) {
            Some((_, l)) => l.push((offer, line.quantity, price)),
            None => shops.push((offer.shop_id.clone(), vec![(offer, line.quantity, price)])),
        }
    }

    // Take the stock: a guarded decrement is atomic on both engines (PostgreSQL re-checks the
    // condition on the row it waited for; SQLite has one writer).
    let left = take_stock(&mut tx, &lines).await?;
    let mut sold_out = Vec::new();
    for (line, left) in lines.iter().zip(left) {
        match left {
            Some(0) => sold_out.push(line.variant.clone()),
            Some(_) => {}
            None => {
                let offer = offers.iter().find(|o| o.id == line.variant);
                let left: i64 =
                    sqlx::query_scalar("SELECT stock FROM commerce_variant WHERE id = $1")
                        .bind(&line.variant)
                        .fetch_one(&mut *tx)
                        .await?;
                return Err(CommerceError::OutOfStock {
                    sku: offer.map(|o| o.sku.clone()).unwrap_or_default(),
                    left,
                });
            }
        }
    }

    let checkout_id = uuid::Uuid::now_v7().to_string();
    let mut placed = Placed {
        checkout_id: checkout_id.clone(),
        total_minor: 0,
        orders: Vec::new(),
    };
    let state = match checkout.payment {
        Payment::Cod => State::Confirmed,
        Payment::MobileMoney => State::Placed,
    };
    let reserved_until = (checkout.payment == Payment::MobileMoney).then_some(now + RESERVATION_MS);
    let mut orders_rows = Vec::new();
    for (shop, priced) in &shops {
        let subtotal = priced.iter().try_fold(0i64, |sum, (_, q, p)| {
            q.checked_mul(*p).and_then(|x| sum.checked_add(x))
        });
        let subtotal = subtotal.ok_or(CommerceError::OutOfRange {
            field: "lines".into(),
            min: 1,
            max: MAX_QUANTITY,
        })?;
        let split = rates.split(subtotal, agent.is_some());
        let id = uuid::Uuid::now_v7().to_string();
        let number = numbers();
        orders_rows.push((id.clone(), number.clone(), shop.clone(), subtotal, split));
        placed.total_minor += subtotal;
        placed.orders.push(PlacedOrder {
            id,
            number,
            shop_id: shop.clone(),
            state,
            total_minor: subtotal,
        });
    }

    // The checkout, its orders, their lines and first history rows go with the commit, in one
    // round trip with the outbox and audit events (nothing below reads them back).
    let buyer_id = buyer.to_string();
    let agent_id = agent.map(|a| a.to_string());
    let (payment, state_name) = (checkout.payment.as_str(), state.as_str());
    let placed_by = actor.person.to_string();
    let total = placed.total_minor;
    let (id, by, placer) = (checkout_id.clone(), buyer_id.clone(), placed_by.clone());
    tx.later(move |q| {
        q.push("INSERT INTO commerce_checkout (id, buyer_id, placed_by, payment, total_minor, created_at) VALUES (")
            .bind(id).push(", ").bind(by).push(", ").bind(placer).push(", ").bind(payment)
            .push(", ").bind(total).push(", ").bind(now).push(")");
    });
    let pickup = checkout.pickup_point.clone();
    for (id, number, shop, subtotal, split) in &orders_rows {
        let row = (
            id.clone(),
            number.clone(),
            checkout_id.clone(),
            shop.clone(),
            buyer_id.clone(),
            agent_id.clone(),
            *subtotal,
            split.fee,
            split.commission,
            note.clone(),
            pickup.clone(),
        );
        tx.later_row(
            "INSERT INTO commerce_order (id, number, checkout_id, shop_id, buyer_id, agent_id, state, payment, paid, \
             subtotal_minor, fee_minor, commission_minor, total_minor, reserved_until, delivery_note, created_at, updated_at, pickup_point) VALUES ",
            move |v| {
                let (id, number, checkout, shop, buyer, agent, subtotal, fee, commission, note, pickup) = row;
                v.bind(id).bind(number).bind(checkout).bind(shop).bind(buyer).bind(agent)
                    .bind(state_name).bind(payment).bind(0i64).bind(subtotal).bind(fee)
                    .bind(commission).bind(subtotal).bind(reserved_until).bind(note)
                    .bind(now).bind(now).bind(pickup);
            },
        );
    }
    for ((id, ..), (_, priced)) in orders_rows.iter().zip(&shops) {
        for (offer, quantity, price) in priced {
            let title = if offer.label.is_empty() {
                format!("{} / {}", offer.title_bn, offer.title_en)
            } else {
                format!("{} / {} ({})", offer.title_bn, offer.title_en, offer.label)
            };
            let row = (
                id.clone(),
                offer.id.clone(),
                offer.product_id.clone(),
                title,
                *quantity,
                *price,
            );
            tx.later_row(
                "INSERT INTO commerce_order_line (order_id, variant_id, product_id, title, quantity, unit_price_minor, line_minor) VALUES ",
                move |v| {
                    let (order, variant, product, title, quantity, price) = row;
                    v.bind(order).bind(variant).bind(product).bind(title).bind(quantity)
                        .bind(price).bind(quantity * price);
                },
            );
        }
    }
    for (id, ..) in &orders_rows {
        let (order, by) = (id.clone(), placed_by.clone());
        tx.later_row(
            "INSERT INTO commerce_order_event (order_id, at, from_state, to_state, actor_id) VALUES ",
            move |v| {
                v.bind(order).bind(now).bind(None::<String>).bind(state_name).bind(by);
            },
        );
    }
    for (id, number, shop, subtotal, _) in &orders_rows {
        let event = serde_json::json!({
            "order": id, "number": number, "shop": shop, "buyer": buyer, "agent": agent,
            "state": state.as_str(), "total_minor": subtotal, "payment": checkout.payment.as_str(),
        });
        outbox::publish(&mut tx, "commerce.order.placed", id, &event).await?;
        if let Some(until) = reserved_until {
            let sms = match agent {
                Some(_) => buyer_sms(
                    &mut tx,
                    i18n,
                    pack,
                    buyer,
                    number,
                    State::Cancelled,
                    *subtotal,
                )
                .await?
                .map(|(to, body)| serde_json::json!({ "to": to.as_str(), "body": body })),
                None => None,
            };
            let mut job = NewJob::new(EXPIRE_KIND, serde_json::json!({ "order": id, "sms": sms }));
            job.run_at = Some(until);
            jobs::enqueue(&mut tx, job).await?;
        }
        if agent.is_some() {
            notify_buyer(&mut tx, i18n, pack, buyer, number, state, *subtotal).await?;
        }
    }
    for variant in &sold_out {
        if let Some(offer) = offers.iter().find(|o| &o.id == variant) {
            crate::products::changed(&mut tx, &offer.product_id).await?;
        }
    }
    let bought: Vec<String> = lines.iter().map(|l| l.variant.clone()).collect();
    tx.later(move |q| {
        q.push("DELETE FROM commerce_cart_item WHERE person_id = ")
            .bind(buyer_id)
            .push(" AND variant_id IN ")
            .list(bought);
    });

    let detail = serde_json::json!({
        "checkout": checkout_id,
        "orders": placed.orders.iter().map(|o| &o.id).collect::<Vec<_>>(),
        "total_minor": placed.total_minor,
        "payment": checkout.payment.as_str(),
    });
    record(
        &mut tx,
        actor,
        buyer,
        "commerce.checkout.place",
        &checkout_id,
        detail,
    )
    .await?;
    if let Some(key) = key {
        let response = serde_json::to_value(&placed).map_err(shetu_store::StoreError::from)?;
        idempotency::remember_with_commit(&mut tx, key, 201, &response, now);
    }
    tx.commit().await?;
    Ok(placed)
}
