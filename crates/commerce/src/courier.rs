//! Couriers, behind [`Courier`]. A shop hands a packed order to the courier: shetu asks the
//! courier for a pickup over HTTP (keyed by the order, so asking twice books once), the order is
//! shipped, and the buyer gets a code by SMS. The courier reports by signed webhook; a delivery
//! counts only with the code the buyer gave the rider. Each event applies once.

use crate::error::CommerceError;
use crate::orders::{self, after_move, apply, corrupt, Order};
use crate::shops::{record, require_seller};
use crate::state::State;
use axum::http::HeaderMap;
use serde::Deserialize;
use shetu_store::{now_ms, BoxFuture, Db};
use shetu_web::outbound;

/// A pickup to book.
#[derive(Debug, Clone)]
pub struct Pickup {
    /// The order's id (the idempotency key).
    pub reference: String,
    /// The order's number, for the label.
    pub number: String,
    /// Where to take it, in the buyer's words.
    pub address: String,
    /// Cash to collect on delivery (minor units; 0 when paid).
    pub cod_minor: i64,
    /// Where the courier sends its events.
    pub callback_url: String,
}

/// What a courier reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourierEvent {
    /// The courier's event id (the same on every retry).
    pub event_id: String,
    /// `parcel.delivered`, `parcel.failed` or another kind kept for the record.
    pub kind: String,
    /// The courier's tracking id.
    pub tracking_id: String,
    /// The code the buyer gave the rider, with a delivery.
    pub code: Option<String>,
}

/// A courier service.
pub trait Courier: Send + Sync + 'static {
    /// Its short name (in the webhook's address).
    fn name(&self) -> &'static str;
    /// Books a pickup; the courier's tracking id.
    fn book<'a>(&'a self, pickup: &'a Pickup) -> BoxFuture<'a, Result<String, String>>;
    /// Checks and reads an event (`now` in Unix seconds); `None` if not genuine.
    fn event(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: i64,
    ) -> Result<CourierEvent, CommerceError>;
}

/// A courier reached over HTTP: `POST {url}/v1/pickups` (bearer key, `Idempotency-Key`) →
/// `201 {id}`; events signed as [`shetu_web::outbound`] describes.
#[derive(Debug, Clone)]
pub struct HttpCourier {
    /// Its API's address.
    pub url: String,
    /// shetu's key there.
    pub key: String,
    /// The secret it signs events with.
    pub secret: String,
    /// The client.
    pub client: reqwest::Client,
}

#[derive(Deserialize)]
struct Booked {
    id: String,
}

#[derive(Deserialize)]
struct Event {
    event_id: String,
    #[serde(rename = "type")]
    kind: String,
    tracking_id: String,
    #[serde(default)]
    code: Option<String>,
}

impl Courier for HttpCourier {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    fn book<'a>(&'a self, pickup: &'a Pickup) -> BoxFuture<'a, Result<String, String>> {
        Box::pin(async move {
            let body = serde_json::json!({
                "reference": pickup.reference, "label": pickup.number, "address": pickup.address,
                "cod_minor": pickup.cod_minor, "callback_url": pickup.callback_url,
            });
            let answer = self
                .client
                .post(format!("{}/v1/pickups", self.url))
                .bearer_auth(&self.key)
                .header("idempotency-key", &pickup.reference)
                .json(&body)
                .send()
                .await
                .map_err(|e| e.to_string())?;
            if !answer.status().is_success() {
                return Err(format!("HTTP {}", answer.status()));
            }
            Ok(answer.json::<Booked>().await.map_err(|e| e.to_string())?.id)
        })
    }

    fn event(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: i64,
    ) -> Result<CourierEvent, CommerceError> {
        outbound::verify_request(self.secret.as_bytes(), headers, body, now).map_err(
            |e| match e {
                outbound::SignatureError::Stale => CommerceError::StaleSignature,
                _ => CommerceError::BadSignature,
            },
        )?;
        let e: Event = serde_json::from_slice(body)
            .map_err(|_| CommerceError::Invalid("body".into(), "malformed_callback"))?;
        Ok(CourierEvent {
            event_id: e.event_id.chars().take(100).collect(),
            kind: e.kind.chars().take(40).collect(),
            tracking_id: e.tracking_id,
            code: e.code,
        })
    }
}

/// Hands a packed order to the courier (its shop's owner, an agent selling for them, or an
/// administrator): the pickup is booked, the order shipped, and the buyer texted their code.
pub async fn dispatch(
    db: &Db,
    i18n: &shetu_i18n::I18n,
    pack: &shetu_pack::Pack,
    courier: &dyn Courier,
    public_url: &str,
    actor: &shetu_core::Actor,
    id: &str,
) -> Result<Order, CommerceError> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    let (order, _) = orders::load(&mut tx, id).await?;
    require_seller(&mut tx, actor, &order.shop_id, now)
        .await
        .map_err(|_| CommerceError::NotFound("order_not_found"))?;
    if order.state != "packed" || order.pickup_point.is_some() {
        return Err(CommerceError::InvalidTransition {
            from: State::parse(&order.state).map_or("placed", State::as_str),
            to: "shipped",
        });
    }
    drop(tx);
    let pickup = Pickup {
        reference: order.id.clone(),
        number: order.number.clone(),
        address: order.delivery_note.clone(),
        cod_minor: if order.paid == 1 {
            0
        } else {
            order.total_minor
        },
        callback_url: format!("{public_url}/api/v1/couriers/{}/events", courier.name()),
    };
    let tracking = courier.book(&pickup).await.map_err(|e| {
        tracing::warn!(order = %order.id, error = %e, "courier did not book a pickup");
        CommerceError::CourierUnavailable
    })?;
    let mut tx = db.begin().await?;
    let (order, owner) = orders::load(&mut tx, id).await?;
    apply(
        &mut tx,
        &order,
        State::Packed,
        State::Shipped,
        Some(actor.person),
        now,
    )
    .await?;
    sqlx::query("UPDATE commerce_order SET courier = $1, tracking_id = $2 WHERE id = $3")
        .bind(courier.name())
        .bind(&tracking)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    after_move(&mut tx, i18n, pack, &order, State::Shipped, now).await?;
    crate::pickup::send_code_with(&mut tx, i18n, &order, None).await?;
    let owner = owner.parse().map_err(|_| corrupt("shop owner"))?;
    let detail =
        serde_json::json!({ "order": id, "courier": courier.name(), "tracking": tracking });
    record(&mut tx, actor, owner, "commerce.order.dispatch", id, detail).await?;
    let (moved, _) = orders::load(&mut tx, id).await?;
    tx.commit().await?;
    Ok(moved)
}

/// Applies a courier's event once: a delivery with the right code delivers the order; a wrong
/// code, a failed attempt or anything else is kept for the record. Answers the outcome.
pub async fn on_event(
    db: &Db,
    i18n: &shetu_i18n::I18n,
    pack: &shetu_pack::Pack,
    courier: &dyn Courier,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<&'static str, CommerceError> {
    let event = courier.event(headers, body, outbound::unix_now())?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let order: Option<String> =
        sqlx::query_scalar("SELECT id FROM commerce_order WHERE courier = $1 AND tracking_id = $2")
            .bind(courier.name())
            .bind(&event.tracking_id)
            .fetch_optional(&mut *tx)
            .await?;
    // Claimed first, so a retry racing in on another connection finds it and changes nothing.
    let fresh = sqlx::query(
        "INSERT INTO commerce_courier_event (courier, event_id, order_id, kind, outcome, received_at) \
         VALUES ($1, $2, $3, $4, 'received', $5) ON CONFLICT (courier, event_id) DO NOTHING",
    )
    .bind(courier.name())
    .bind(&event.event_id)
    .bind(&order)
    .bind(&event.kind)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if fresh.rows_affected() == 0 {
        return Ok("duplicate");
    }
    let outcome = match (&order, event.kind.as_str()) {
        (None, _) => "unknown_parcel",
        (Some(id), "parcel.delivered") => {
            let (o, _) = orders::load(&mut tx, id).await?;
            let stored: Option<String> =
                sqlx::query_scalar("SELECT handover_hash FROM commerce_order WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            let code = shetu_core::fold_digits(event.code.as_deref().unwrap_or_default().trim());
            if o.state != "shipped" {
                "not_shipped"
            } else if stored.as_deref() != Some(crate::pickup::hash(id, &code).as_str()) {
                "wrong_code"
            } else {
                apply(&mut tx, &o, State::Shipped, State::Delivered, None, now).await?;
                after_move(&mut tx, i18n, pack, &o, State::Delivered, now).await?;
                "delivered"
            }
        }
        (Some(id), "parcel.out_for_delivery") => {
            // The rider is on the way: the buyer should be in and have the code at hand.
            let (o, _) = orders::load(&mut tx, id).await?;
            if o.state == "shipped" {
                if let Some((phone, lang)) = orders::buyer_phone(&mut tx, &o.buyer_id).await? {
                    let body = i18n.message(
                        &lang,
                        "commerce-sms-out-for-delivery",
                        &[("number", shetu_i18n::Arg::Text(o.number.clone()))],
                    );
                    shetu_people::sms::enqueue(&mut tx, &phone, &body).await?;
                }
            }
            "recorded"
        }
        (Some(_), _) => "recorded",
    };
    sqlx::query(
        "UPDATE commerce_courier_event SET outcome = $1 WHERE courier = $2 AND event_id = $3",
    )
    .bind(outcome)
    .bind(courier.name())
    .bind(&event.event_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(outcome)
}
