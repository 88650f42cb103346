//! E-mail notices. As for text messages ([`crate::sms`]), use cases enqueue an `email.send` job in
//! their transaction and a worker hands it to the configured [`EmailGateway`]: the sandbox keeps
//! every message in the database (an admin reads them in demo mode), [`SmtpEmail`] speaks SMTP
//! through `lettre` to the operator's mail relay. Mail goes only to an address its person has
//! confirmed (see [`crate::persons::request_email`]), except the confirmation itself.

use crate::error::PeopleError;
use shetu_core::Actor;
use shetu_i18n::I18n;
use shetu_store::jobs::{self, ClaimedJob, JobError, JobFuture, JobHandler, NewJob};
use shetu_store::secret;
use shetu_store::{now_ms, Db, Tx};
use sqlx::Row;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// The job kind that sends an e-mail.
pub const SEND_KIND: &str = "email.send";

/// The longest address accepted (RFC 5321's path limit).
pub const ADDRESS_MAX: usize = 254;

/// A message to send.
#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body (UTF-8).
    pub body: String,
    /// Unique per message (the job id): its `Message-ID`, so a relay can drop a resent copy.
    pub idempotency_key: String,
}

/// A gateway's answer when it cannot send.
#[derive(Debug, thiserror::Error)]
pub enum EmailError {
    /// Try again later (relay unreachable, busy, 4xx).
    #[error("temporary: {0}")]
    Temporary(String),
    /// Never send (5xx: no such mailbox, refused).
    #[error("rejected: {0}")]
    Rejected(String),
}

/// A boxed future of a gateway.
pub type EmailFuture<'a> = Pin<Box<dyn Future<Output = Result<(), EmailError>> + Send + 'a>>;

/// Something that delivers e-mail.
pub trait EmailGateway: Send + Sync + 'static {
    /// Sends `mail`. `tx` is the job's transaction, for gateways that record what they sent.
    fn send<'a>(&'a self, tx: &'a mut Tx, mail: &'a OutgoingEmail) -> EmailFuture<'a>;
}

/// The sandbox: every message is stored in `sandbox_email` instead of leaving the building.
#[derive(Debug, Clone, Copy, Default)]
pub struct SandboxEmail;

impl EmailGateway for SandboxEmail {
    fn send<'a>(&'a self, tx: &'a mut Tx, mail: &'a OutgoingEmail) -> EmailFuture<'a> {
        Box::pin(async move {
            sqlx::query(
                "INSERT INTO sandbox_email (id, to_address, subject, body, job_id, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (job_id) DO NOTHING",
            )
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(&mail.to)
            .bind(&mail.subject)
            .bind(&mail.body)
            .bind(&mail.idempotency_key)
            .bind(now_ms())
            .execute(&mut **tx)
            .await
            .map_err(|e| EmailError::Temporary(e.to_string()))?;
            Ok(())
        })
    }
}

/// Where SMTP mail goes, as the operator configures it in `[modules.people.email]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    /// The relay's host name or address.
    pub host: String,
    /// Its port (25 by default).
    pub port: u16,
    /// User name and password, if the relay asks for them.
    pub credentials: Option<(String, String)>,
    /// The sender, e.g. `shetu <noreply@example.gov.bd>`.
    pub from: String,
}

impl SmtpSettings {
    /// Reads `[modules.people.email]`: `smtp_host`, `smtp_port`, `smtp_user`, `smtp_password`,
    /// `from`. `None` when there is no such table (the sandbox is used).
    pub fn read(section: Option<&toml::Value>) -> Result<Option<SmtpSettings>, String> {
        let Some(email) = section.and_then(|s| s.get("email")) else {
            return Ok(None);
        };
        let text = |key: &str| email.get(key).and_then(toml::Value::as_str);
        let host = text("smtp_host")
            .filter(|h| !h.is_empty())
            .ok_or("[modules.people.email] needs smtp_host")?;
        let port = match email.get("smtp_port") {
            None => 25,
            Some(p) => p
                .as_integer()
                .and_then(|p| u16::try_from(p).ok())
                .ok_or("[modules.people.email] smtp_port must be a port number")?,
        };
        let from = text("from").ok_or("[modules.people.email] needs from")?;
        from.parse::<lettre::message::Mailbox>()
            .map_err(|e| format!("[modules.people.email] from is not an address: {e}"))?;
        let credentials = match (text("smtp_user"), text("smtp_password")) {
            (Some(u), Some(p)) => Some((u.to_owned(), p.to_owned())),
            (None, None) => None,
            _ => {
                return Err("[modules.people.email] needs both smtp_user and smtp_password".into())
            }
        };
        Ok(Some(SmtpSettings {
            host: host.to_owned(),
            port,
            credentials,
            from: from.to_owned(),
        }))
    }
}

/// SMTP through `lettre` to the operator's relay (plain SMTP: the relay is on the private
/// network and speaks TLS onwards).
pub struct SmtpEmail {
    transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    from: lettre::message::Mailbox,
}

impl SmtpEmail {
    /// A gateway for `settings`.
    pub fn new(settings: &SmtpSettings) -> Result<SmtpEmail, String> {
        let mut builder =
            lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::builder_dangerous(&settings.host)
                .port(settings.port)
                .timeout(Some(Duration::from_secs(20)));
        if let Some((user, password)) = &settings.credentials {
            builder =
                builder.credentials(lettre::transport::smtp::authentication::Credentials::new(
                    user.clone(),
                    password.clone(),
                ));
        }
        Ok(SmtpEmail {
            transport: builder.build(),
            from: settings.from.parse().map_err(|e| format!("{e}"))?,
        })
    }
}

impl EmailGateway for SmtpEmail {
    fn send<'a>(&'a self, _tx: &'a mut Tx, mail: &'a OutgoingEmail) -> EmailFuture<'a> {
        Box::pin(async move {
            use lettre::AsyncTransport;
            let to: lettre::message::Mailbox = mail
                .to
                .parse()
                .map_err(|e| EmailError::Rejected(format!("address: {e}")))?;
            let host = self.from.email.domain().to_owned();
            let message = lettre::Message::builder()
                .from(self.from.clone())
                .to(to)
                .subject(&mail.subject)
                .message_id(Some(format!("<{}@{host}>", mail.idempotency_key)))
                .header(lettre::message::header::ContentType::TEXT_PLAIN)
                .body(mail.body.clone())
                .map_err(|e| EmailError::Rejected(e.to_string()))?;
            match self.transport.send(message).await {
                Ok(_) => Ok(()),
                Err(e) if e.is_permanent() => Err(EmailError::Rejected(e.to_string())),
                Err(e) => Err(EmailError::Temporary(e.to_string())),
            }
        })
    }
}

/// Checks an address's form (not that it exists: the confirmation mail does that).
pub fn check_address(text: &str) -> Result<String, PeopleError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(PeopleError::Invalid("email", "required"));
    }
    if t.chars().count() > ADDRESS_MAX {
        return Err(PeopleError::TooLong {
            field: "email",
            max: ADDRESS_MAX as i64,
        });
    }
    match t.parse::<lettre::Address>() {
        Ok(a) if a.domain().contains('.') => Ok(a.to_string()),
        _ => Err(PeopleError::Invalid("email", "invalid_email")),
    }
}

/// Queues a message to `to` in the caller's transaction. `link` (a path of this site, such as
/// `/exchange/workshops/…/agenda`) is written at the end of the body as a full address.
#[tracing::instrument(skip_all)]
pub async fn enqueue(
    tx: &mut Tx,
    to: &str,
    subject: &str,
    body: &str,
    link: Option<&str>,
) -> Result<(), PeopleError> {
    let job = NewJob::new(
        SEND_KIND,
        serde_json::json!({ "to": to, "subject": subject, "body": body, "link": link }),
    );
    jobs::enqueue(tx, job).await?;
    Ok(())
}

/// Queues a message to `person`'s confirmed address, if they have one; `Ok(false)` if not.
pub async fn enqueue_to_person(
    tx: &mut Tx,
    person: &str,
    subject: &str,
    body: &str,
    link: Option<&str>,
) -> Result<bool, PeopleError> {
    let address: Option<Option<String>> = sqlx::query_scalar(
        "SELECT email FROM person WHERE id = $1 AND email_verified_at IS NOT NULL AND erased_at IS NULL",
    )
    .bind(person)
    .fetch_optional(&mut **tx)
    .await?;
    match address.flatten() {
        Some(to) => {
            enqueue(tx, &to, subject, body, link).await?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// The job handler that sends queued mail through a gateway.
pub struct SendEmail {
    gateway: Arc<dyn EmailGateway>,
    public_url: String,
}

impl SendEmail {
    /// A handler that sends through `gateway`; links are made absolute with `public_url`.
    pub fn new(gateway: Arc<dyn EmailGateway>, public_url: &str) -> SendEmail {
        SendEmail {
            gateway,
            public_url: public_url.trim_end_matches('/').to_owned(),
        }
    }
}

impl JobHandler for SendEmail {
    fn kind(&self) -> &'static str {
        SEND_KIND
    }

    fn run<'a>(&'a self, tx: &'a mut Tx, job: &'a ClaimedJob) -> JobFuture<'a> {
        Box::pin(async move {
            let p = &job.payload;
            let (Some(to), Some(subject), Some(body)) =
                (p["to"].as_str(), p["subject"].as_str(), p["body"].as_str())
            else {
                return Err(JobError::Permanent(
                    "email.send needs an address, a subject and a text".into(),
                ));
            };
            let mut body = body.to_owned();
            if let Some(link) = p["link"].as_str() {
                body.push_str(&format!("\n\n{}{link}\n", self.public_url));
            }
            let mail = OutgoingEmail {
                to: to.to_owned(),
                subject: subject.to_owned(),
                body,
                idempotency_key: job.id.to_string(),
            };
            match self.gateway.send(tx, &mail).await {
                Ok(()) => {}
                Err(EmailError::Temporary(e)) => return Err(JobError::Retry(e)),
                Err(EmailError::Rejected(e)) => return Err(JobError::Permanent(e)),
            }
            // A confirmation link is a secret: keep no copy of it in the queue once sent.
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
pub struct SandboxMail {
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Text.
    pub body: String,
    /// When (ms since epoch).
    pub at: i64,
}

/// The newest messages of the sandbox gateway, optionally to one address.
#[tracing::instrument(skip_all)]
pub async fn sandbox_outbox(
    db: &Db,
    to: Option<&str>,
    limit: i64,
) -> Result<Vec<SandboxMail>, PeopleError> {
    let rows = sqlx::query(
        "SELECT to_address, subject, body, created_at FROM sandbox_email WHERE ($1 = '' OR to_address = $1) \
         ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(to.unwrap_or(""))
    .bind(limit)
    .fetch_all(db.pool())
    .await
    .map_err(shetu_store::StoreError::from)?;
    rows.iter()
        .map(|r| {
            Ok(SandboxMail {
                to: r.try_get(0)?,
                subject: r.try_get(1)?,
                body: r.try_get(2)?,
                at: r.try_get(3)?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(|e| PeopleError::from(shetu_store::StoreError::from(e)))
}

/// How long a confirmation link works.
pub const CONFIRM_WITHIN_MS: i64 = 24 * 3_600_000;

/// A person asks for notices by e-mail at `address`: a confirmation link goes there (in their
/// language); nothing else is sent to it until they follow it. Asking again replaces the link.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn request_address(
    db: &Db,
    i18n: &I18n,
    actor: &Actor,
    address: &str,
    now: i64,
) -> Result<(), PeopleError> {
    let address = check_address(address)?;
    let person = actor.person.to_string();
    let mut tx = db.begin().await?;
    let language: Option<String> =
        sqlx::query_scalar("SELECT language FROM person WHERE id = $1 AND erased_at IS NULL")
            .bind(&person)
            .fetch_optional(&mut *tx)
            .await?;
    let language = language.ok_or(PeopleError::NotFound("person_not_found"))?;
    sqlx::query("DELETE FROM email_confirmation WHERE person_id = $1")
        .bind(&person)
        .execute(&mut *tx)
        .await?;
    let token = secret::token();
    sqlx::query(
        "INSERT INTO email_confirmation (token_hash, person_id, email, expires_at, created_at)          VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(secret::hash(&token))
    .bind(&person)
    .bind(&address)
    .bind(now + CONFIRM_WITHIN_MS)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let subject = i18n.message(&language, "email-confirm-subject", &[]);
    let body = i18n.message(&language, "email-confirm-body", &[]);
    let link = format!("/me/email/confirm?token={token}");
    enqueue(&mut tx, &address, &subject, &body, Some(&link)).await?;
    crate::record(
        &mut tx,
        Some(actor),
        Some(&person),
        "person.email_request",
        &format!("person:{person}"),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Follows a confirmation link: the address becomes the person's, for notices. An unknown,
/// used or expired link is `404 email_link_invalid`. Returns the address.
#[tracing::instrument(skip_all)]
pub async fn confirm_address(db: &Db, token: &str, now: i64) -> Result<String, PeopleError> {
    if token.is_empty() || token.len() > 100 {
        return Err(PeopleError::NotFound("email_link_invalid"));
    }
    let mut tx = db.begin().await?;
    let found: Option<(String, String, i64)> = sqlx::query_as(
        "SELECT person_id, email, expires_at FROM email_confirmation WHERE token_hash = $1",
    )
    .bind(secret::hash(token))
    .fetch_optional(&mut *tx)
    .await?;
    let Some((person, address, _)) = found.filter(|f| f.2 > now) else {
        return Err(PeopleError::NotFound("email_link_invalid"));
    };
    set_confirmed(&mut tx, &person, &address, now).await?;
    crate::record(
        &mut tx,
        None,
        Some(&person),
        "person.email_confirm",
        &format!("person:{person}"),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(address)
}

async fn set_confirmed(
    tx: &mut Tx,
    person: &str,
    address: &str,
    now: i64,
) -> Result<(), PeopleError> {
    sqlx::query("UPDATE person SET email = $1, email_verified_at = $2 WHERE id = $3")
        .bind(address)
        .bind(now)
        .bind(person)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM email_confirmation WHERE person_id = $1")
        .bind(person)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The person stops notices by e-mail: their address is forgotten.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn remove_address(db: &Db, actor: &Actor) -> Result<(), PeopleError> {
    let person = actor.person.to_string();
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE person SET email = NULL, email_verified_at = NULL WHERE id = $1")
        .bind(&person)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM email_confirmation WHERE person_id = $1")
        .bind(&person)
        .execute(&mut *tx)
        .await?;
    crate::record(
        &mut tx,
        Some(actor),
        Some(&person),
        "person.email_remove",
        &format!("person:{person}"),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The person's confirmed address and the one waiting for confirmation, if any.
pub async fn addresses(
    db: &Db,
    actor: &Actor,
    now: i64,
) -> Result<(Option<String>, Option<String>), PeopleError> {
    let person = actor.person.to_string();
    let confirmed: Option<Option<String>> = sqlx::query_scalar(
        "SELECT email FROM person WHERE id = $1 AND email_verified_at IS NOT NULL",
    )
    .bind(&person)
    .fetch_optional(db.pool())
    .await
    .map_err(shetu_store::StoreError::from)?;
    let pending: Option<String> = sqlx::query_scalar(
        "SELECT email FROM email_confirmation WHERE person_id = $1 AND expires_at > $2",
    )
    .bind(&person)
    .bind(now)
    .fetch_optional(db.pool())
    .await
    .map_err(shetu_store::StoreError::from)?;
    Ok((confirmed.flatten(), pending))
}

/// For demonstrations only: gives `person` a confirmed address without the link.
pub async fn confirm_for_demo(db: &Db, person: &str, address: &str) -> Result<(), PeopleError> {
    let address = check_address(address)?;
    let mut tx = db.begin().await?;
    set_confirmed(&mut tx, person, &address, now_ms()).await?;
    tx.commit().await?;
    Ok(())
}
