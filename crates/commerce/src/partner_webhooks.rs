//! Partner webhooks: every order event for a partner's shop becomes a stored delivery (its body
//! and event id fixed once), sent signed by a job that retries with backoff until the partner
//! answers 2xx; the partner can list its deliveries and replay one.

use crate::error::CommerceError;
use crate::partners::{Partner, DELIVERY_ATTEMPTS, DELIVER_KIND, NOTIFY_KIND};
use serde::Serialize;
use shetu_store::jobs::{self, ClaimedJob, JobError, JobFuture, JobHandler, NewJob, PrepareFuture};
use shetu_store::{now_ms, Db, Tx};
use shetu_web::outbound::{self, SIGNATURE_HEADER, TIMESTAMP_HEADER};

/// A webhook as the partner can see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Delivery {
    /// Its id: the `event_id` in the body, the same on every try and on a replay.
    pub id: String,
    /// `order.placed` or `order.state`.
    pub kind: String,
    /// `pending`, `delivered` or `failed` (tries used up; replay it).
    pub state: String,
    /// Tries so far.
    pub attempts: i64,
    /// The last failure, if any.
    pub last_error: Option<String>,
    /// The body sent.
    pub body: serde_json::Value,
    /// When it was made (ms since 1970, UTC).
    pub created_at: i64,
    /// When the partner acknowledged it.
    pub delivered_at: Option<i64>,
}

/// The partner's newest webhooks.
pub async fn deliveries(
    db: &Db,
    partner: &Partner,
    limit: i64,
) -> Result<Vec<Delivery>, CommerceError> {
    let rows: Vec<DeliveryRow> = sqlx::query_as(
        "SELECT d.id, d.kind, d.body, d.created_at, d.delivered_at, j.state, j.attempts, j.last_error \
         FROM commerce_partner_delivery d LEFT JOIN job j ON j.id = d.job_id \
         WHERE d.partner_id = $1 ORDER BY d.created_at DESC, d.id DESC LIMIT $2",
    )
    .bind(&partner.id)
    .bind(limit.clamp(1, 200))
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Delivery {
            state: match (r.delivered_at, r.state.as_deref()) {
                (Some(_), _) => "delivered",
                (None, Some("failed")) => "failed",
                _ => "pending",
            }
            .to_owned(),
            attempts: r.attempts.unwrap_or(0),
            last_error: r.last_error,
            body: serde_json::from_str(&r.body).unwrap_or_default(),
            id: r.id,
            kind: r.kind,
            created_at: r.created_at,
            delivered_at: r.delivered_at,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct DeliveryRow {
    id: String,
    kind: String,
    body: String,
    created_at: i64,
    delivered_at: Option<i64>,
    state: Option<String>,
    attempts: Option<i64>,
    last_error: Option<String>,
}

/// Sends a webhook again (the same body and event id), as a new series of tries.
pub async fn replay(db: &Db, partner: &Partner, delivery: &str) -> Result<(), CommerceError> {
    let mut tx = db.begin().await?;
    let found: Option<String> = sqlx::query_scalar(
        "SELECT id FROM commerce_partner_delivery WHERE id = $1 AND partner_id = $2",
    )
    .bind(delivery)
    .bind(&partner.id)
    .fetch_optional(&mut *tx)
    .await?;
    let id = found.ok_or(CommerceError::NotFound("delivery_not_found"))?;
    schedule(&mut tx, &id).await?;
    tx.commit().await?;
    Ok(())
}

async fn schedule(tx: &mut Tx, delivery: &str) -> Result<(), CommerceError> {
    let mut job = NewJob::new(DELIVER_KIND, serde_json::json!({ "delivery": delivery }));
    job.max_attempts = DELIVERY_ATTEMPTS;
    let job = jobs::enqueue(tx, job).await?;
    sqlx::query(
        "UPDATE commerce_partner_delivery SET job_id = $1, delivered_at = NULL WHERE id = $2",
    )
    .bind(job.map(|j| j.to_string()))
    .bind(delivery)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Turns an order event (from the outbox) into a webhook for the partner whose shop the order is
/// from, if any.
#[derive(Debug, Default)]
pub struct Notify;

impl JobHandler for Notify {
    fn kind(&self) -> &'static str {
        NOTIFY_KIND
    }

    fn run<'a>(&'a self, tx: &'a mut Tx, job: &'a ClaimedJob) -> JobFuture<'a> {
        Box::pin(async move {
            let topic = job.payload["topic"].as_str().unwrap_or_default();
            let kind = match topic {
                "commerce.order.placed" => "order.placed",
                "commerce.order.state" => "order.state",
                _ => return Ok(()),
            };
            let order = job.payload["aggregate_id"].as_str().unwrap_or_default();
            let partner: Option<String> = sqlx::query_scalar(
                "SELECT p.id FROM commerce_partner p JOIN commerce_order o ON o.shop_id = p.shop_id WHERE o.id = $1",
            )
            .bind(order)
            .fetch_optional(&mut **tx)
            .await?;
            let Some(partner) = partner else {
                return Ok(());
            };
            // The order's own id for the state event: each event of the feed is one webhook.
            let id = format!("whk_{}", uuid::Uuid::new_v4().simple());
            let data = order_data(tx, order)
                .await
                .map_err(|e| JobError::Retry(e.to_string()))?;
            let data = match kind {
                "order.state" => {
                    serde_json::json!({ "order": data, "from": job.payload["payload"]["from"], "to": job.payload["payload"]["to"] })
                }
                _ => serde_json::json!({ "order": data }),
            };
            let body = serde_json::json!({ "event_id": id, "type": kind, "created_at": now_ms(), "data": data });
            sqlx::query(
                "INSERT INTO commerce_partner_delivery (id, partner_id, kind, body, created_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&id)
            .bind(&partner)
            .bind(kind)
            .bind(body.to_string())
            .bind(now_ms())
            .execute(&mut **tx)
            .await?;
            schedule(tx, &id)
                .await
                .map_err(|e| JobError::Retry(e.to_string()))?;
            Ok(())
        })
    }
}

/// What a partner needs to fulfil an order: its lines by the partner's SKU and reference, the
/// buyer's name, phone and delivery note, and — when an agent placed it — the agent and their
/// digital centre.
async fn order_data(tx: &mut Tx, order: &str) -> Result<serde_json::Value, CommerceError> {
    let (o, _) = crate::orders::load(tx, order).await?;
    let lines: Vec<(String, String, i64, i64, Option<String>)> = sqlx::query_as(
        "SELECT v.sku, l.title, l.quantity, l.unit_price_minor, p.partner_ref FROM commerce_order_line l \
         JOIN commerce_variant v ON v.id = l.variant_id JOIN commerce_product p ON p.id = l.product_id \
         WHERE l.order_id = $1 ORDER BY v.sku",
    )
    .bind(order)
    .fetch_all(&mut **tx)
    .await?;
    let buyer: Option<(String, String)> =
        sqlx::query_as("SELECT name, phone FROM person WHERE id = $1")
            .bind(&o.buyer_id)
            .fetch_optional(&mut **tx)
            .await?;
    let agent = match &o.agent_id {
        Some(a) => {
            let who: Option<(String, String)> =
                sqlx::query_as("SELECT name, phone FROM person WHERE id = $1")
                    .bind(a)
                    .fetch_optional(&mut **tx)
                    .await?;
            let centre: Option<(String, String)> = sqlx::query_as(
                "SELECT sp.id, sp.name FROM service_point sp JOIN service_point_agent a ON a.service_point_id = sp.id \
                 WHERE a.person_id = $1 ORDER BY sp.id LIMIT 1",
            )
            .bind(a)
            .fetch_optional(&mut **tx)
            .await?;
            who.map(|(name, phone)| {
                serde_json::json!({ "name": name, "phone": phone,
                    "centre": centre.map(|(code, name)| serde_json::json!({ "code": code, "name": name })) })
            })
        }
        None => None,
    };
    Ok(serde_json::json!({
        "id": o.id, "number": o.number, "state": o.state, "payment": o.payment, "paid": o.paid == 1,
        "total_minor": o.total_minor, "delivery_note": o.delivery_note,
        "buyer": buyer.map(|(name, phone)| serde_json::json!({ "name": name, "phone": phone })),
        "agent": agent,
        "lines": lines.into_iter().map(|(sku, title, quantity, price, reference)| serde_json::json!({
            "sku": sku, "ref": reference, "title": title, "quantity": quantity, "unit_price_minor": price,
        })).collect::<Vec<_>>(),
    }))
}

/// Sends one webhook: signed, in `prepare` (outside any transaction); recorded as delivered in
/// `run` once the partner answered 2xx, retried with backoff otherwise.
#[derive(Debug)]
pub struct Deliver {
    client: reqwest::Client,
}

impl Default for Deliver {
    fn default() -> Deliver {
        Deliver {
            client: outbound::client(),
        }
    }
}

impl JobHandler for Deliver {
    fn kind(&self) -> &'static str {
        DELIVER_KIND
    }

    fn prepare<'a>(&'a self, db: &'a Db, job: &'a ClaimedJob) -> PrepareFuture<'a> {
        Box::pin(async move {
            let id = job.payload["delivery"].as_str().unwrap_or_default();
            let found: Option<(String, String, String)> = sqlx::query_as(
                "SELECT d.body, p.webhook_url, p.secret FROM commerce_partner_delivery d \
                 JOIN commerce_partner p ON p.id = d.partner_id WHERE d.id = $1",
            )
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
            let Some((body, url, secret)) = found else {
                return Ok(serde_json::Value::Null);
            };
            let at = outbound::unix_now();
            let sent = self
                .client
                .post(&url)
                .header("content-type", "application/json")
                .header(TIMESTAMP_HEADER, at.to_string())
                .header(
                    SIGNATURE_HEADER,
                    outbound::sign(secret.as_bytes(), at, body.as_bytes()),
                )
                .header("x-shetu-event-id", id)
                .body(body)
                .send()
                .await
                .map_err(|e| JobError::Retry(format!("cannot reach {url}: {e}")))?;
            if !sent.status().is_success() {
                return Err(JobError::Retry(format!(
                    "{url} answered HTTP {}",
                    sent.status()
                )));
            }
            Ok(serde_json::json!({ "delivered": true }))
        })
    }

    fn run<'a>(&'a self, tx: &'a mut Tx, job: &'a ClaimedJob) -> JobFuture<'a> {
        Box::pin(async move {
            if job.prepared["delivered"] == true {
                sqlx::query("UPDATE commerce_partner_delivery SET delivered_at = $1 WHERE id = $2")
                    .bind(now_ms())
                    .bind(job.payload["delivery"].as_str().unwrap_or_default())
                    .execute(&mut **tx)
                    .await?;
            }
            Ok(())
        })
    }
}
