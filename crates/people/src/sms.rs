//! Text messages. Use cases enqueue an `sms.send` job in their transaction; a worker hands it to
//! the configured [`SmsGateway`]. The sandbox gateway keeps every message in the database, where
//! an admin can read them in demo mode; a real gateway (an HTTP provider) implements the same trait
//! and takes the job id as its idempotency key, so a retried job never sends twice.

use crate::error::PeopleError;
use shetu_core::Phone;
use shetu_store::jobs::{self, ClaimedJob, JobError, JobFuture, JobHandler, NewJob};
use shetu_store::{now_ms, Db, Tx};
use sqlx::Row;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// The job kind that sends a message.
pub const SEND_KIND: &str = "sms.send";

/// A message to send.
#[derive(Debug, Clone)]
pub struct OutgoingSms {
    /// Recipient.
    pub to: Phone,
    /// Text.
    pub body: String,
    /// Unique per message (the job id): the provider must not send twice for one key.
    pub idempotency_key: String,
}

/// A gateway's answer when it cannot send.
#[derive(Debug, thiserror::Error)]
pub enum SmsError {
    /// Try again later (network, provider busy).
    #[error("temporary: {0}")]
    Temporary(String),
    /// Never send (invalid number, blocked).
    #[error("rejected: {0}")]
    Rejected(String),
}

/// A boxed future of a gateway.
pub type SmsFuture<'a> = Pin<Box<dyn Future<Output = Result<(), SmsError>> + Send + 'a>>;

/// Something that delivers text messages.
pub trait SmsGateway: Send + Sync + 'static {
    /// Sends `sms`. `tx` is the job's transaction, for gateways that record what they sent.
    fn send<'a>(&'a self, tx: &'a mut Tx, sms: &'a OutgoingSms) -> SmsFuture<'a>;
}

/// The sandbox: every message is stored in `sandbox_sms` instead of leaving the building.
#[derive(Debug, Clone, Copy, Default)]
pub struct SandboxSms;

impl SmsGateway for SandboxSms {
    fn send<'a>(&'a self, tx: &'a mut Tx, sms: &'a OutgoingSms) -> SmsFuture<'a> {
        Box::pin(async move {
            sqlx::query(
                "INSERT INTO sandbox_sms (id, to_phone, body, job_id, created_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (job_id) DO NOTHING",
            )
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(sms.to.as_str())
            .bind(&sms.body)
            .bind(&sms.idempotency_key)
            .bind(now_ms())
            .execute(&mut **tx)
            .await
            .map_err(|e| SmsError::Temporary(e.to_string()))?;
            Ok(())
        })
    }
}

/// Queues a message in the caller's transaction.
#[tracing::instrument(skip_all)]
pub async fn enqueue(tx: &mut Tx, to: &Phone, body: &str) -> Result<(), PeopleError> {
    let job = NewJob::new(
        SEND_KIND,
        serde_json::json!({ "to": to.as_str(), "body": body }),
    );
    jobs::enqueue(tx, job).await?;
    Ok(())
}

/// The job handler that sends queued messages through a gateway.
pub struct SendSms {
    gateway: Arc<dyn SmsGateway>,
}

impl SendSms {
    /// A handler that sends through `gateway`.
    pub fn new(gateway: Arc<dyn SmsGateway>) -> SendSms {
        SendSms { gateway }
    }
}

impl JobHandler for SendSms {
    fn kind(&self) -> &'static str {
        SEND_KIND
    }

    fn run<'a>(&'a self, tx: &'a mut Tx, job: &'a ClaimedJob) -> JobFuture<'a> {
        Box::pin(async move {
            let to = job.payload["to"]
                .as_str()
                .and_then(|p| Phone::parse_e164(p).ok());
            let (Some(to), Some(body)) = (to, job.payload["body"].as_str()) else {
                return Err(JobError::Permanent(
                    "sms.send needs a phone number and a text".into(),
                ));
            };
            let sms = OutgoingSms {
                to,
                body: body.to_owned(),
                idempotency_key: job.id.to_string(),
            };
            match self.gateway.send(tx, &sms).await {
                Ok(()) => {}
                Err(SmsError::Temporary(e)) => return Err(JobError::Retry(e)),
                Err(SmsError::Rejected(e)) => return Err(JobError::Permanent(e)),
            }
            // The text may hold a one-time code: keep no copy of it in the queue once sent.
            sqlx::query("UPDATE job SET payload = '{}' WHERE id = $1")
                .bind(job.id)
                .execute(&mut **tx)
                .await?;
            Ok(())
        })
    }
}

/// A message the sandbox gateway kept.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SandboxMessage {
    /// Recipient.
    pub to: String,
    /// Text.
    pub body: String,
    /// When (ms since epoch).
    pub at: i64,
}

/// The newest messages of the sandbox gateway, optionally to one phone.
#[tracing::instrument(skip_all)]
pub async fn sandbox_outbox(
    db: &Db,
    to: Option<&Phone>,
    limit: i64,
) -> Result<Vec<SandboxMessage>, PeopleError> {
    let rows = sqlx::query(
        "SELECT to_phone, body, created_at FROM sandbox_sms WHERE ($1 = '' OR to_phone = $1) ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(to.map(Phone::as_str).unwrap_or_default())
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(SandboxMessage {
                to: r.try_get("to_phone")?,
                body: r.try_get("body")?,
                at: r.try_get("created_at")?,
            })
        })
        .collect()
}

/// How many SMS parts `text` takes: GSM-7 texts fit 160 characters in one part and 153 in each
/// part of a longer one; anything else (Bangla, Arabic) is sent as UCS-2, 70 and 67.
pub fn parts(text: &str) -> usize {
    const GSM7: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    let gsm = text.chars().all(|c| GSM7.contains(c));
    let units = if gsm {
        text.chars().count()
    } else {
        text.encode_utf16().count()
    };
    let (single, each) = if gsm { (160, 153) } else { (70, 67) };
    if units <= single {
        1
    } else {
        units.div_ceil(each)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn parts_count_as_phones_split_them() {
        assert_eq!(super::parts(&"a".repeat(160)), 1);
        assert_eq!(super::parts(&"a".repeat(161)), 2);
        assert_eq!(super::parts(&"অ".repeat(70)), 1);
        assert_eq!(super::parts(&"অ".repeat(71)), 2);
        assert_eq!(super::parts(&"অ".repeat(134)), 2);
        assert_eq!(super::parts(&"অ".repeat(135)), 3);
        // One non-GSM character makes the whole text UCS-2.
        assert_eq!(super::parts(&format!("{}ক", "a".repeat(80))), 2);
    }
}
