//! Feedback: a message from anyone to the team running the platform.

use shetu_core::id::FeedbackId;
use shetu_core::{Lang, Phone, Text};
use shetu_store::{audit, now_ms, outbox, Db, StoreError};

/// A checked feedback message.
#[derive(Debug, Clone)]
pub struct NewFeedback {
    /// What the person wrote.
    pub message: Text,
    /// A number to answer on, if they gave one.
    pub contact_phone: Option<Phone>,
    /// The page they were on.
    pub page: Option<Text>,
    /// The language they wrote in.
    pub lang: Lang,
}

/// A stored feedback message's receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Receipt {
    /// Its id.
    pub id: FeedbackId,
    /// When it was received (ms since epoch).
    pub received_at: i64,
}

/// Stores the message, announces it (`feedback.received`) and records it in the audit trail, in
/// one transaction. `sender` is the signed-in person, if any.
#[tracing::instrument(skip_all)]
pub async fn submit(
    db: &Db,
    feedback: NewFeedback,
    sender: Option<&str>,
    request_id: Option<&str>,
) -> Result<Receipt, StoreError> {
    let id = FeedbackId::new();
    let now = now_ms();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO feedback (id, message, contact_phone, page, lang, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id.to_string())
    .bind(feedback.message.as_str())
    .bind(feedback.contact_phone.as_ref().map(Phone::as_str))
    .bind(feedback.page.as_ref().map(Text::as_str))
    .bind(feedback.lang.code())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let event = serde_json::json!({ "id": id, "lang": feedback.lang.code(), "has_contact": feedback.contact_phone.is_some() });
    outbox::publish(&mut tx, "feedback.received", &id.to_string(), &event).await?;
    let entry = audit::Entry {
        actor: sender,
        subject: sender,
        action: "feedback.submit",
        object: &format!("feedback:{id}"),
        request_id,
        detail: serde_json::json!({ "lang": feedback.lang.code() }),
    };
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(Receipt {
        id,
        received_at: now,
    })
}

/// How many feedback messages are stored.
#[tracing::instrument(skip_all)]
pub async fn count(db: &Db) -> Result<i64, StoreError> {
    use sqlx::Row;
    let row = sqlx::query("SELECT COUNT(*) FROM feedback")
        .fetch_one(db.pool())
        .await?;
    Ok(row.try_get(0)?)
}
