//! Shop payouts. When an order is completed — delivered, and its return window over (or the
//! buyer completed it) — the shop's share is paid out once: to its mobile wallet through the
//! payment provider (from a job, outside any transaction, keyed by the order so it pays once), or,
//! for a bank account or without a provider, listed for an administrator to transfer.

use crate::error::CommerceError;
use crate::ledger;
use crate::payments::{Disbursement, PaymentProvider, ProviderError};
use serde::Serialize;
use shetu_core::{Actor, Role};
use shetu_store::jobs::{ClaimedJob, JobError, JobFuture, JobHandler, NewJob, PrepareFuture};
use shetu_store::{now_ms, outbox, Db, Tx};
use std::sync::Arc;

/// The job that pays a completed order's shop.
pub const PAYOUT_KIND: &str = "commerce.payout";

/// Queues the payout of a completed order (in the caller's transaction).
pub(crate) async fn schedule(tx: &mut Tx, order: &str) -> Result<(), CommerceError> {
    let job = NewJob::new(PAYOUT_KIND, serde_json::json!({ "order": order }))
        .dedupe(format!("payout:{order}"));
    shetu_store::jobs::enqueue(tx, job).await?;
    Ok(())
}

/// Pays shops through `provider`, if there is one.
pub struct PayShop {
    provider: Option<Arc<dyn PaymentProvider>>,
}

impl PayShop {
    /// The payout job's handler.
    pub fn new(provider: Option<Arc<dyn PaymentProvider>>) -> PayShop {
        PayShop { provider }
    }
}

#[derive(sqlx::FromRow)]
struct Due {
    shop_id: String,
    share: i64,
    payout_kind: String,
    payout_account: String,
}

async fn due(conn: &mut sqlx::AnyConnection, order: &str) -> Result<Option<Due>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.shop_id, o.total_minor - o.fee_minor - o.commission_minor AS share, s.payout_kind, s.payout_account \
         FROM commerce_order o JOIN commerce_shop s ON s.id = o.shop_id WHERE o.id = $1 AND o.state = 'completed'",
    )
    .bind(order)
    .fetch_optional(conn)
    .await
}

impl JobHandler for PayShop {
    fn kind(&self) -> &'static str {
        PAYOUT_KIND
    }

    fn prepare<'a>(&'a self, db: &'a Db, job: &'a ClaimedJob) -> PrepareFuture<'a> {
        Box::pin(async move {
            let order = job.payload["order"].as_str().unwrap_or_default();
            let mut conn = db
                .pool()
                .acquire()
                .await
                .map_err(shetu_store::StoreError::from)?;
            let Some(due) = due(&mut conn, order).await? else {
                return Ok(serde_json::Value::Null);
            };
            drop(conn);
            let (Some(provider), "wallet") = (&self.provider, due.payout_kind.as_str()) else {
                return Ok(serde_json::json!({ "to_transfer": true }));
            };
            let request = Disbursement {
                key: format!("payout-{order}"),
                wallet: due.payout_account.clone(),
                amount_minor: due.share,
            };
            match provider.disburse(&request).await {
                Ok(reference) => Ok(serde_json::json!({ "sent": reference })),
                Err(ProviderError::Refused(why)) => Ok(serde_json::json!({ "refused": why })),
                Err(ProviderError::Unavailable(why)) => Err(JobError::Retry(why)),
            }
        })
    }

    fn run<'a>(&'a self, tx: &'a mut Tx, job: &'a ClaimedJob) -> JobFuture<'a> {
        Box::pin(async move {
            let order = job.payload["order"].as_str().unwrap_or_default().to_owned();
            let Some(due) = due(tx, &order).await? else {
                return Ok(());
            };
            let (state, reference, detail) = if let Some(r) = job.prepared["sent"].as_str() {
                ("sent", Some(r.to_owned()), None)
            } else if let Some(why) = job.prepared["refused"].as_str() {
                ("refused", None, Some(why.to_owned()))
            } else if job.prepared["to_transfer"] == true {
                ("to_transfer", None, None)
            } else {
                return Ok(());
            };
            let id = uuid::Uuid::now_v7().to_string();
            let now = now_ms();
            let inserted = sqlx::query(
                "INSERT INTO commerce_payout (id, order_id, shop_id, amount_minor, method, account, state, provider_ref, detail, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (order_id) DO NOTHING",
            )
            .bind(&id)
            .bind(&order)
            .bind(&due.shop_id)
            .bind(due.share)
            .bind(&due.payout_kind)
            .bind(&due.payout_account)
            .bind(state)
            .bind(&reference)
            .bind(&detail)
            .bind(now)
            .execute(&mut **tx)
            .await?;
            if inserted.rows_affected() == 1 && state == "sent" {
                let (shop, held) = (
                    ledger::shop_payable(&due.shop_id),
                    ledger::provider(self.provider.as_ref().map_or("mobile_money", |p| p.name())),
                );
                ledger::post(
                    tx,
                    "payout",
                    Some(&order),
                    &[(shop.as_str(), due.share), (held.as_str(), -due.share)],
                    now,
                )
                .await
                .map_err(|e| JobError::Retry(e.to_string()))?;
                let event = serde_json::json!({ "payout": id, "order": order, "shop": due.shop_id, "amount_minor": due.share });
                outbox::publish(tx, "commerce.payout.sent", &id, &event).await?;
            }
            Ok(())
        })
    }
}

/// A payout as an administrator sees it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Payout {
    /// The order it pays for.
    pub order_id: String,
    /// The shop's name.
    pub shop_name: String,
    /// How much (minor units).
    pub amount_minor: i64,
    /// `wallet` or `bank`.
    pub method: String,
    /// Where to.
    pub account: String,
    /// `sent`, `to_transfer` or `refused`.
    pub state: String,
    /// Why refused, if it was.
    pub detail: Option<String>,
}

/// Payouts an administrator must act on: bank transfers to make and payouts the provider refused.
pub async fn to_act_on(db: &Db, actor: &Actor) -> Result<Vec<Payout>, CommerceError> {
    if !actor.has(Role::Admin) || actor.on_behalf_of.is_some() {
        return Err(CommerceError::Forbidden);
    }
    Ok(sqlx::query_as(
        "SELECT p.order_id, s.name AS shop_name, p.amount_minor, p.method, p.account, p.state, p.detail \
         FROM commerce_payout p JOIN commerce_shop s ON s.id = p.shop_id WHERE p.state <> 'sent' \
         ORDER BY p.created_at LIMIT 200",
    )
    .fetch_all(db.pool())
    .await?)
}
