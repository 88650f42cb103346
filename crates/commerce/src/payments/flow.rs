//! The payment use cases: start paying a checkout, apply a provider's callback once, give money
//! back through the provider.

use super::{
    Callback, CallbackError, CallbackKind, Initiate, PaymentProvider, ProviderError, RefundRequest,
};
use crate::error::CommerceError;
use crate::ledger::{self, REFUNDS_DUE, UNEARNED};
use crate::orders::{self, corrupt, notify_buyer};
use crate::shops::record;
use crate::state::State;
use crate::COMMERCE_BUY;
use shetu_core::id::PersonId;
use shetu_core::Actor;
use shetu_people::mandates;
use shetu_store::jobs::{self, ClaimedJob, JobError, JobFuture, JobHandler, NewJob, PrepareFuture};
use shetu_store::{audit, now_ms, outbox, Db, Tx};
use std::sync::Arc;

/// The job that gives a refund back through the provider.
pub const REFUND_KIND: &str = "commerce.refund";

/// How long a started payment's confirm page is offered again instead of starting a new one.
const REUSE_MS: i64 = 10 * 60 * 1000;

/// Starts paying a checkout whose orders await payment: the provider is asked (over HTTP, with
/// no transaction open) and the page the buyer confirms on is returned. The buyer, or an agent
/// acting for them under `commerce.buy`, may start it.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn start(
    db: &Db,
    provider: &dyn PaymentProvider,
    pack: &shetu_pack::Pack,
    public_url: &str,
    actor: &Actor,
    checkout: &str,
) -> Result<String, CommerceError> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    let subject = mandates::subject_for(&mut tx, actor, COMMERCE_BUY, now).await?;
    let found: Option<(String, String)> =
        sqlx::query_as("SELECT buyer_id, payment FROM commerce_checkout WHERE id = $1")
            .bind(checkout)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((buyer, payment)) = found.filter(|(b, _)| *b == subject.to_string()) else {
        return Err(CommerceError::NotFound("checkout_not_found"));
    };
    // What is still to pay: orders placed, unpaid and still reserved.
    let due: Option<i64> = sqlx::query_scalar(
        "SELECT CAST(SUM(total_minor) AS BIGINT) FROM commerce_order WHERE checkout_id = $1 \
         AND state = 'placed' AND paid = 0 AND reserved_until > $2",
    )
    .bind(checkout)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let due = due.unwrap_or(0);
    if payment != "mobile_money" || due <= 0 {
        return Err(CommerceError::NothingToPay);
    }
    let open: Option<String> = sqlx::query_scalar(
        "SELECT confirm_url FROM commerce_payment WHERE checkout_id = $1 AND state = 'initiated' \
         AND amount_minor = $2 AND confirm_url IS NOT NULL AND created_at > $3 ORDER BY created_at DESC LIMIT 1",
    )
    .bind(checkout)
    .bind(due)
    .bind(now - REUSE_MS)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(url) = open {
        return Ok(url);
    }
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO commerce_payment (id, checkout_id, provider, amount_minor, currency, state, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'initiated', $6, $6)",
    )
    .bind(&id)
    .bind(checkout)
    .bind(provider.name())
    .bind(due)
    .bind(pack.currency.code())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let buyer: PersonId = buyer.parse().map_err(|_| corrupt("buyer"))?;
    let detail = serde_json::json!({ "checkout": checkout, "payment": id, "amount_minor": due });
    record(&mut tx, actor, buyer, "commerce.payment.start", &id, detail).await?;
    tx.commit().await?;

    let request = Initiate {
        reference: id.clone(),
        amount_minor: due,
        currency: pack.currency.code().to_owned(),
        callback_url: format!("{public_url}/api/v1/payments/{}/callback", provider.name()),
        return_url: format!("{public_url}/shop/checkouts/{checkout}/pay"),
    };
    match provider.initiate(&request).await {
        Ok(initiated) => {
            sqlx::query(
                "UPDATE commerce_payment SET provider_ref = $1, confirm_url = $2, updated_at = $3 WHERE id = $4",
            )
            .bind(&initiated.provider_ref)
            .bind(&initiated.confirm_url)
            .bind(now_ms())
            .bind(&id)
            .execute(db.writer())
            .await?;
            Ok(initiated.confirm_url)
        }
        Err(e) => {
            tracing::warn!(payment = %id, error = %e, "payment provider did not start a payment");
            sqlx::query(
                "UPDATE commerce_payment SET state = 'failed', updated_at = $1 WHERE id = $2",
            )
            .bind(now_ms())
            .bind(&id)
            .execute(db.writer())
            .await?;
            Err(CommerceError::ProviderUnavailable)
        }
    }
}

/// What became of a callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Applied now.
    Applied,
    /// This event was applied before (a retry or a replay): nothing changed.
    Duplicate,
    /// Kept for the record; nothing to do (an unknown payment, an amount that does not match,
    /// a payment already settled by another event, an event kind shetu does not act on).
    Ignored,
}

#[derive(sqlx::FromRow)]
struct PaymentRow {
    id: String,
    checkout_id: String,
    provider_ref: Option<String>,
    amount_minor: i64,
    currency: String,
    state: String,
}

/// Checks a provider's callback and applies it once: a paid checkout's orders become confirmed
/// (or, if their reservation ran out meanwhile, the money goes back); a failed payment is marked
/// failed and the buyer may try again while the stock is reserved.
#[tracing::instrument(skip_all)]
pub async fn on_callback(
    db: &Db,
    i18n: &shetu_i18n::I18n,
    pack: &shetu_pack::Pack,
    provider: &dyn PaymentProvider,
    headers: &axum::http::HeaderMap,
    body: &[u8],
) -> Result<Outcome, CommerceError> {
    let callback = provider
        .callback(headers, body, shetu_web::outbound::unix_now())
        .map_err(|e| match e {
            CallbackError::BadSignature => CommerceError::BadSignature,
            CallbackError::Stale => CommerceError::StaleSignature,
            CallbackError::Malformed => CommerceError::Invalid("body".into(), "malformed_callback"),
        })?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let payment: Option<PaymentRow> = sqlx::query_as(
        "SELECT id, checkout_id, provider_ref, amount_minor, currency, state FROM commerce_payment \
         WHERE id = $1 AND provider = $2",
    )
    .bind(&callback.reference)
    .bind(provider.name())
    .fetch_optional(&mut *tx)
    .await?;
    let outcome = judge(&callback, payment.as_ref());
    let fresh = sqlx::query(
        "INSERT INTO commerce_payment_event (provider, event_id, payment_id, kind, outcome, received_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (provider, event_id) DO NOTHING",
    )
    .bind(provider.name())
    .bind(&callback.event_id)
    .bind(payment.as_ref().map(|p| p.id.clone()))
    .bind(kind_name(&callback.kind))
    .bind(outcome)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if fresh.rows_affected() == 0 {
        return Ok(Outcome::Duplicate);
    }
    let Some(payment) = payment.filter(|_| outcome == "applied") else {
        tracing::warn!(event = %callback.event_id, outcome, "payment callback kept, not applied");
        tx.commit().await?;
        return Ok(Outcome::Ignored);
    };
    match callback.kind {
        CallbackKind::Succeeded => {
            paid(&mut tx, i18n, pack, provider, &payment, &callback, now).await?
        }
        _ => {
            sqlx::query(
                "UPDATE commerce_payment SET state = 'failed', updated_at = $1 WHERE id = $2",
            )
            .bind(now)
            .bind(&payment.id)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(Outcome::Applied)
}

fn kind_name(kind: &CallbackKind) -> &str {
    match kind {
        CallbackKind::Succeeded => "payment.succeeded",
        CallbackKind::Failed => "payment.failed",
        CallbackKind::Other(k) => k,
    }
}

/// Whether a callback may be applied to the payment it names (`applied`), or why not.
fn judge(callback: &Callback, payment: Option<&PaymentRow>) -> &'static str {
    let Some(p) = payment else {
        return "unknown_payment";
    };
    if p.provider_ref
        .as_deref()
        .is_some_and(|r| r != callback.provider_ref)
    {
        return "unknown_payment";
    }
    if p.amount_minor != callback.amount_minor || p.currency != callback.currency {
        return "amount_mismatch";
    }
    match (&callback.kind, p.state.as_str()) {
        (CallbackKind::Other(_), _) => "not_acted_on",
        (_, "initiated") => "applied",
        _ => "already_settled",
    }
}

async fn paid(
    tx: &mut Tx,
    i18n: &shetu_i18n::I18n,
    pack: &shetu_pack::Pack,
    provider: &dyn PaymentProvider,
    payment: &PaymentRow,
    callback: &Callback,
    now: i64,
) -> Result<(), CommerceError> {
    sqlx::query(
        "UPDATE commerce_payment SET state = 'succeeded', provider_ref = $1, updated_at = $2 WHERE id = $3",
    )
    .bind(&callback.provider_ref)
    .bind(now)
    .bind(&payment.id)
    .execute(&mut **tx)
    .await?;
    let held = ledger::provider(provider.name());
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM commerce_order WHERE checkout_id = $1 AND paid = 0 ORDER BY id",
    )
    .bind(&payment.checkout_id)
    .fetch_all(&mut **tx)
    .await?;
    for id in ids {
        let (order, _) = orders::load(tx, &id).await?;
        ledger::post(
            tx,
            "payment",
            Some(&order.id),
            &[
                (held.as_str(), order.total_minor),
                (UNEARNED, -order.total_minor),
            ],
            now,
        )
        .await?;
        sqlx::query("UPDATE commerce_order SET paid = 1 WHERE id = $1")
            .bind(&order.id)
            .execute(&mut **tx)
            .await?;
        let order = orders::Order { paid: 1, ..order };
        match order.state.as_str() {
            "placed" => {
                orders::apply(tx, &order, State::Placed, State::Confirmed, None, now).await?;
                if order.agent_id.is_some() {
                    let buyer: PersonId = order.buyer_id.parse().map_err(|_| corrupt("buyer"))?;
                    notify_buyer(
                        tx,
                        i18n,
                        pack,
                        buyer,
                        &order.number,
                        State::Confirmed,
                        order.total_minor,
                    )
                    .await?;
                }
            }
            // The reservation ran out before the money came: give it back.
            "cancelled" => schedule_refund(tx, &order, now).await?,
            _ => {}
        }
    }
    let buyer: Option<String> =
        sqlx::query_scalar("SELECT buyer_id FROM commerce_checkout WHERE id = $1")
            .bind(&payment.checkout_id)
            .fetch_optional(&mut **tx)
            .await?;
    audit::record(
        tx,
        audit::Entry {
            actor: None,
            subject: buyer.as_deref(),
            action: "commerce.payment.succeeded",
            object: &format!("payment:{}", payment.id),
            request_id: None,
            detail: serde_json::json!({
                "checkout": payment.checkout_id, "provider": provider.name(),
                "provider_ref": callback.provider_ref, "event": callback.event_id,
                "amount_minor": payment.amount_minor,
            }),
        },
    )
    .await?;
    let event = serde_json::json!({
        "payment": payment.id, "checkout": payment.checkout_id, "amount_minor": payment.amount_minor,
    });
    outbox::publish(tx, "commerce.payment.succeeded", &payment.id, &event).await?;
    Ok(())
}

/// Owes a paid order's money back to the buyer (in the caller's transaction): the ledger moves it
/// from the order to `refunds:due`, and a job asks the provider to pay it out.
pub(crate) async fn schedule_refund(
    tx: &mut Tx,
    order: &orders::Order,
    now: i64,
) -> Result<(), CommerceError> {
    let payment: Option<(String, String)> = sqlx::query_as(
        "SELECT id, provider_ref FROM commerce_payment WHERE checkout_id = $1 AND state = 'succeeded' \
         AND provider_ref IS NOT NULL ORDER BY created_at LIMIT 1",
    )
    .bind(&order.checkout_id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((payment, provider_ref)) = payment else {
        return Err(corrupt("paid order without a payment"));
    };
    ledger::post(
        tx,
        "refund_due",
        Some(&order.id),
        &[
            (UNEARNED, order.total_minor),
            (REFUNDS_DUE, -order.total_minor),
        ],
        now,
    )
    .await?;
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO commerce_refund (id, order_id, payment_id, amount_minor, state, created_at) \
         VALUES ($1, $2, $3, $4, 'pending', $5)",
    )
    .bind(&id)
    .bind(&order.id)
    .bind(&payment)
    .bind(order.total_minor)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let job = NewJob::new(
        REFUND_KIND,
        serde_json::json!({ "refund": id, "provider_ref": provider_ref, "amount_minor": order.total_minor }),
    );
    jobs::enqueue(tx, job).await?;
    Ok(())
}

/// Asks the provider for a refund (in `prepare`, outside the transaction, keyed by the refund's
/// id), then records the answer: done, with the money leaving `refunds:due`; or refused, kept for
/// an administrator.
pub struct RefundThroughProvider {
    provider: Arc<dyn PaymentProvider>,
}

/// The refund job's handler for `provider`.
pub fn refund_job(provider: Arc<dyn PaymentProvider>) -> RefundThroughProvider {
    RefundThroughProvider { provider }
}

impl JobHandler for RefundThroughProvider {
    fn kind(&self) -> &'static str {
        REFUND_KIND
    }

    fn prepare<'a>(&'a self, _db: &'a Db, job: &'a ClaimedJob) -> PrepareFuture<'a> {
        Box::pin(async move {
            let request = RefundRequest {
                key: job.payload["refund"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                provider_ref: job.payload["provider_ref"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                amount_minor: job.payload["amount_minor"].as_i64().unwrap_or_default(),
            };
            match self.provider.refund(&request).await {
                Ok(reference) => Ok(serde_json::json!({ "done": reference })),
                Err(ProviderError::Refused(why)) => Ok(serde_json::json!({ "refused": why })),
                Err(ProviderError::Unavailable(why)) => Err(JobError::Retry(why)),
            }
        })
    }

    fn run<'a>(&'a self, tx: &'a mut Tx, job: &'a ClaimedJob) -> JobFuture<'a> {
        Box::pin(async move {
            let id = job.payload["refund"].as_str().unwrap_or_default();
            let now = now_ms();
            let row: Option<(String, i64, String)> = sqlx::query_as(
                "SELECT order_id, amount_minor, state FROM commerce_refund WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
            // Done or refused before (the job ran again): nothing more to do.
            let Some((order, amount, _)) = row.filter(|r| r.2 == "pending") else {
                return Ok(());
            };
            if let Some(reference) = job.prepared["done"].as_str() {
                sqlx::query(
                    "UPDATE commerce_refund SET state = 'done', provider_ref = $1, done_at = $2 WHERE id = $3",
                )
                .bind(reference)
                .bind(now)
                .bind(id)
                .execute(&mut **tx)
                .await?;
                let held = ledger::provider(self.provider.name());
                ledger::post(
                    tx,
                    "refund",
                    Some(&order),
                    &[(REFUNDS_DUE, amount), (held.as_str(), -amount)],
                    now,
                )
                .await
                .map_err(|e| JobError::Retry(e.to_string()))?;
                let event =
                    serde_json::json!({ "refund": id, "order": order, "amount_minor": amount });
                outbox::publish(tx, "commerce.refund.done", id, &event).await?;
            } else {
                let why = job.prepared["refused"].as_str().unwrap_or("no answer");
                sqlx::query(
                    "UPDATE commerce_refund SET state = 'failed', last_error = $1 WHERE id = $2",
                )
                .bind(why)
                .bind(id)
                .execute(&mut **tx)
                .await?;
                tracing::warn!(
                    refund = id,
                    why,
                    "the provider refused a refund; an administrator must settle it"
                );
            }
            Ok(())
        })
    }
}

/// Refunds not yet given back — waiting for the provider, or refused by it — for an
/// administrator: (order number, amount, `pending` or `failed`, the provider's answer).
pub async fn open_refunds(
    db: &Db,
    actor: &Actor,
) -> Result<Vec<(String, i64, String, Option<String>)>, CommerceError> {
    if !actor.has(shetu_core::Role::Admin) || actor.on_behalf_of.is_some() {
        return Err(CommerceError::Forbidden);
    }
    Ok(sqlx::query_as(
        "SELECT o.number, r.amount_minor, r.state, r.last_error FROM commerce_refund r \
         JOIN commerce_order o ON o.id = r.order_id WHERE r.state <> 'done' ORDER BY r.created_at LIMIT 200",
    )
    .fetch_all(db.pool())
    .await?)
}
