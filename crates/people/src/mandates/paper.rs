//! A mandate given on paper: the agent records the signed form, a witness and a photo.

use super::*;

/// A paper form the person signed, as the agent records it.
#[derive(Debug, Clone)]
pub struct PaperForm {
    /// Who witnessed the signature.
    pub witness_name: shetu_core::Text,
    /// A photo of the signed form.
    pub photo: Vec<u8>,
    /// Its media type (`image/jpeg`, `image/png`).
    pub photo_type: String,
}

/// The agent records a signed paper form instead of a code: the mandate comes into force.
#[tracing::instrument(skip_all, fields(actor = %actor.person, for_whom = ?actor.on_behalf_of))]
pub async fn record_paper(
    db: &Db,
    actor: &Actor,
    id: MandateId,
    form: PaperForm,
    now: i64,
) -> Result<Mandate, PeopleError> {
    actor.require(Role::Agent)?;
    if form.photo.is_empty() {
        return Err(PeopleError::Invalid("photo", "required"));
    }
    // Checked by content and re-encoded (which drops metadata), off the async workers.
    let photo = form.photo;
    let cleaned = crate::password::off_the_workers(move || crate::photo::clean(&photo))
        .await
        .unwrap_or(Err(PeopleError::Invalid("photo", "not_an_image")))?;
    let mut tx = db.begin().await?;
    let (subject, _) = pending_of_agent(&mut tx, actor, id, now).await?;
    sqlx::query(
        "UPDATE mandate SET status = 'active', confirmed_via = 'paper', confirmed_at = $1, witness_name = $2, paper_photo = $3, \
         paper_photo_type = $4 WHERE id = $5",
    )
    .bind(now)
    .bind(form.witness_name.as_str())
    .bind(cleaned)
    .bind("image/jpeg")
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let detail = serde_json::json!({ "via": "paper", "witness": form.witness_name.as_str() });
    record(
        &mut tx,
        Some(actor),
        Some(&subject.to_string()),
        "mandate.confirm",
        &format!("mandate:{id}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    reload(db, id, now).await
}
