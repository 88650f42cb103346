//! The jobs that move orders on by themselves: an unpaid reservation that ends, and a delivered
//! order whose return window has passed.

use crate::checkout::EXPIRE_KIND;
use crate::error::CommerceError;
use crate::orders::{apply, load, COMPLETE_KIND};
use crate::state::State;
use shetu_core::Phone;
use shetu_store::jobs::{self, ClaimedJob, JobError, JobFuture, JobHandler, NewJob};
use shetu_store::{now_ms, Tx};

/// Returns the stock of an order still awaiting payment when its reservation ends, and sends the
/// buyer the SMS written for that when the order was placed (`payload.sms`), if any.
#[derive(Debug, Default)]
pub struct ExpireReservation;

impl JobHandler for ExpireReservation {
    fn kind(&self) -> &'static str {
        EXPIRE_KIND
    }

    fn run<'a>(&'a self, tx: &'a mut Tx, job: &'a ClaimedJob) -> JobFuture<'a> {
        Box::pin(async move {
            let id = job.payload["order"].as_str().unwrap_or_default().to_owned();
            let now = now_ms();
            let (order, _) = match load(tx, &id).await {
                Ok(found) => found,
                Err(CommerceError::NotFound(_)) => return Ok(()),
                Err(e) => return Err(JobError::Retry(e.to_string())),
            };
            if order.state != "placed" || order.paid == 1 {
                return Ok(());
            }
            apply(tx, &order, State::Placed, State::Cancelled, None, now)
                .await
                .map_err(|e| JobError::Retry(e.to_string()))?;
            send_prepared(tx, &job.payload).await
        })
    }
}

/// Completes a delivered order once its return window has passed (the buyer did not return it
/// and did not complete it themself).
#[derive(Debug, Default)]
pub struct CompleteAfterReturnWindow;

impl JobHandler for CompleteAfterReturnWindow {
    fn kind(&self) -> &'static str {
        COMPLETE_KIND
    }

    fn run<'a>(&'a self, tx: &'a mut Tx, job: &'a ClaimedJob) -> JobFuture<'a> {
        Box::pin(async move {
            let id = job.payload["order"].as_str().unwrap_or_default().to_owned();
            let (order, _) = match load(tx, &id).await {
                Ok(found) => found,
                Err(CommerceError::NotFound(_)) => return Ok(()),
                Err(e) => return Err(JobError::Retry(e.to_string())),
            };
            if order.state != "delivered" {
                return Ok(());
            }
            if crate::disputes::is_open(tx, &order.id)
                .await
                .map_err(|e| JobError::Retry(e.to_string()))?
            {
                // Not while a dispute is open: look again in a day.
                let mut again = NewJob::new(COMPLETE_KIND, job.payload.clone());
                again.run_at = Some(now_ms() + 86_400_000);
                jobs::enqueue(tx, again).await?;
                return Ok(());
            }
            apply(
                tx,
                &order,
                State::Delivered,
                State::Completed,
                None,
                now_ms(),
            )
            .await
            .map_err(|e| JobError::Retry(e.to_string()))?;
            send_prepared(tx, &job.payload).await
        })
    }
}

/// Sends the SMS a job was given when it was scheduled (`payload.sms`), if any.
async fn send_prepared(tx: &mut Tx, payload: &serde_json::Value) -> Result<(), JobError> {
    let to = payload["sms"]["to"].as_str().map(Phone::parse_e164);
    if let (Some(Ok(to)), Some(body)) = (to, payload["sms"]["body"].as_str()) {
        shetu_people::sms::enqueue(tx, &to, body)
            .await
            .map_err(|e| JobError::Retry(e.to_string()))?;
    }
    Ok(())
}
