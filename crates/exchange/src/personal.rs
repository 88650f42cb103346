//! A person's part of the exchange, for the download of everything about them and for erasure:
//! their expert membership, comments, reports, warnings and suspensions, workshop registrations
//! and meeting requests. Erasure deletes their words (comments, report notes, request notes)
//! and their expert profile's text; meetings others hold with them stay, under the pseudonym
//! the people module gives them.

use serde_json::{json, Value};
use shetu_core::id::PersonId;
use shetu_store::BoxFuture;
use shetu_store::{Db, StoreError, Tx};

/// The exchange's part of a person's data.
#[derive(Debug, Default)]
pub struct ExchangeData;

async fn collect(db: &Db, person: PersonId) -> Result<Value, StoreError> {
    let p = person.to_string();
    let pool = db.pool();
    let expert: Vec<(String, String, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, name, country, about, website, status, created_at FROM exchange_member \
         WHERE person_id = $1 AND kind = 'expert'",
    )
    .bind(&p)
    .fetch_all(pool)
    .await?;
    let comments: Vec<(String, String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT id, target_kind, target_id, body, hidden, created_at FROM exchange_comment \
         WHERE author_id = $1 ORDER BY created_at, id",
    )
    .bind(&p)
    .fetch_all(pool)
    .await?;
    let reports: Vec<(String, String, String, String, i64, Option<String>)> = sqlx::query_as(
        "SELECT target_kind, target_id, reason, note, created_at, resolution FROM exchange_flag \
         WHERE flagged_by = $1 ORDER BY created_at, id",
    )
    .bind(&p)
    .fetch_all(pool)
    .await?;
    let sanctions: Vec<(String, String, Option<i64>, i64)> = sqlx::query_as(
        "SELECT kind, reason, until_at, created_at FROM exchange_sanction WHERE person_id = $1 \
         ORDER BY created_at, id",
    )
    .bind(&p)
    .fetch_all(pool)
    .await?;
    let workshops: Vec<(String, Option<String>, i64, i64)> = sqlx::query_as(
        "SELECT workshop_id, member_id, availability, registered_at FROM exchange_participant \
         WHERE person_id = $1 ORDER BY registered_at",
    )
    .bind(&p)
    .fetch_all(pool)
    .await?;
    let requests: Vec<(String, String, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, workshop_id, from_person, to_person, status, note, created_at \
         FROM exchange_meeting_request WHERE from_person = $1 OR to_person = $1 ORDER BY created_at, id",
    )
    .bind(&p)
    .fetch_all(pool)
    .await?;
    Ok(json!({
        "expert_membership": expert.into_iter().map(|(id, name, country, about, website, status, at)| json!({
            "id": id, "name": name, "country": country, "about": about, "website": website,
            "status": status, "created_at": at })).collect::<Vec<_>>(),
        "comments": comments.into_iter().map(|(id, kind, on, body, hidden, at)| json!({
            "id": id, "on": format!("{kind}:{on}"), "text": body, "hidden": hidden != 0, "created_at": at }))
            .collect::<Vec<_>>(),
        "reports_made": reports.into_iter().map(|(kind, id, reason, note, at, decision)| json!({
            "about": format!("{kind}:{id}"), "reason": reason, "note": note, "created_at": at,
            "decision": decision })).collect::<Vec<_>>(),
        "warnings_and_suspensions": sanctions.into_iter().map(|(kind, reason, until, at)| json!({
            "kind": kind, "reason": reason, "until": until, "created_at": at })).collect::<Vec<_>>(),
        "workshops": workshops.into_iter().map(|(w, member, free, at)| json!({
            "workshop": w, "member": member, "free_slots_mask": free, "registered_at": at }))
            .collect::<Vec<_>>(),
        "meeting_requests": requests.into_iter().map(|(id, w, from, to, status, note, at)| json!({
            "id": id, "workshop": w, "from": from, "to": to, "status": status, "note": note,
            "created_at": at })).collect::<Vec<_>>(),
    }))
}

async fn erase(tx: &mut Tx, person: PersonId) -> Result<(), StoreError> {
    let p = person.to_string();
    let pseudonym = format!("#{}", &p[..8.min(p.len())]);
    for sql in [
        // Reports about their comments and about them, then their comments.
        "DELETE FROM exchange_flag WHERE target_kind = 'comment' AND target_id IN \
         (SELECT id FROM exchange_comment WHERE author_id = $1)",
        "DELETE FROM exchange_flag WHERE target_kind = 'person' AND target_id = $1",
        "DELETE FROM exchange_comment WHERE author_id = $1",
        // What they wrote in reports and meeting requests.
        "UPDATE exchange_flag SET note = '' WHERE flagged_by = $1",
        "UPDATE exchange_meeting_request SET note = '' WHERE from_person = $1",
        "DELETE FROM exchange_sanction WHERE person_id = $1",
    ] {
        sqlx::query(sql).bind(&p).execute(&mut **tx).await?;
    }
    sqlx::query(
        "UPDATE exchange_member SET name = $1, about = '', website = '' WHERE person_id = $2 AND kind = 'expert'",
    )
    .bind(&pseudonym)
    .bind(&p)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl shetu_web::seam::PersonalData for ExchangeData {
    fn part(&self) -> &'static str {
        "exchange"
    }

    fn collect<'a>(
        &'a self,
        db: &'a Db,
        person: PersonId,
        _phone: &'a str,
    ) -> BoxFuture<'a, Result<Value, StoreError>> {
        Box::pin(collect(db, person))
    }

    fn erase<'a>(
        &'a self,
        tx: &'a mut Tx,
        person: PersonId,
        _phone: &'a str,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(erase(tx, person))
    }
}
