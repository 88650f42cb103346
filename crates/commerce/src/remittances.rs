//! Cash-on-delivery remittances. A courier that collected cash on delivery pays it over with a
//! file (CSV: `order_number,amount`). An administrator uploads it; a job matches it line by line,
//! a few hundred lines per transaction so the page can show its progress: each matched line moves
//! the cash from `cod:held` to `cash:remitted` in the ledger, once per order; everything else
//! (an unknown order, another amount, an order not delivered or not cash on delivery, one already
//! remitted, an unreadable line) is kept as a mismatch for the administrator.

use crate::error::CommerceError;
use crate::ledger::{self, COD_HELD};
use serde::{Deserialize, Serialize};
use shetu_core::{Actor, Money, Role};
use shetu_store::jobs::{self, ClaimedJob, JobError, JobFuture, JobHandler, NewJob};
use shetu_store::{audit, now_ms, Db, Tx};

/// Cash the platform received from couriers.
pub const REMITTED: &str = "cash:remitted";
/// The job that matches the next lines of a remittance.
pub const IMPORT_KIND: &str = "commerce.remittance.import";
/// Largest file accepted.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// Most lines in one file.
pub const MAX_LINES: usize = 50_000;
/// Lines matched per transaction.
const CHUNK: usize = 250;

/// A line as read from the file.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Line {
    /// Line number in the file (the header is line 1).
    no: i64,
    number: String,
    /// The amount, if it reads as one.
    amount: Option<i64>,
}

/// Reads a remittance file: a header naming `order_number` and `amount` (in any order, other
/// columns ignored), then one line per order; amounts as people write them in the pack's currency
/// (`1250.00`, `১২৫০`), in Bangla or Latin digits.
fn read(body: &str, currency: shetu_core::Currency) -> Result<Vec<Line>, CommerceError> {
    let file = |code| CommerceError::Invalid("file".into(), code);
    let body = body.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(body.as_bytes());
    let headers = reader.headers().map_err(|_| file("bad_csv"))?.clone();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(number), Some(amount)) = (column("order_number"), column("amount")) else {
        return Err(file("bad_header"));
    };
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| file("bad_csv"))?;
        // The line in the file, as a spreadsheet numbers it (blank lines count).
        let mut start = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(0));
        // A record's position can be the blank lines the reader skipped before it.
        while matches!(body.as_bytes().get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        let before = body.as_bytes().get(..start).unwrap_or_default();
        let no =
            i64::try_from(before.iter().filter(|b| **b == b'\n').count() + 1).unwrap_or(i64::MAX);
        if record.iter().all(str::is_empty) {
            continue;
        }
        if lines.len() >= MAX_LINES {
            return Err(file("too_many_lines"));
        }
        lines.push(Line {
            no,
            number: record
                .get(number)
                .unwrap_or_default()
                .chars()
                .take(40)
                .collect::<String>()
                .to_uppercase(),
            amount: record
                .get(amount)
                .and_then(|a| Money::parse(a, currency).ok())
                .map(|m| m.minor()),
        });
    }
    if lines.is_empty() {
        return Err(file("empty_file"));
    }
    Ok(lines)
}

/// A remittance and how far its matching has come.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Remittance {
    /// Its id.
    pub id: String,
    /// Who paid it over.
    pub courier: String,
    /// The file's name.
    pub file_name: String,
    /// Lines in the file.
    pub total_lines: i64,
    /// Lines matched or kept so far.
    pub done_lines: i64,
    /// Lines matched to an order.
    pub matched: i64,
    /// Lines kept as mismatches.
    pub mismatched: i64,
    /// Cash matched (minor units).
    pub amount_minor: i64,
    /// `queued` while lines remain, then `done`.
    pub state: String,
    /// When uploaded.
    pub created_at: i64,
}

/// A line that did not match.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Mismatch {
    /// Line number in the file.
    pub line_no: i64,
    /// The order number it gave.
    pub order_number: String,
    /// The amount it gave (minor units), if readable.
    pub amount_minor: Option<i64>,
    /// Why: `unknown_order`, `amount_differs`, `not_delivered`, `not_cash_on_delivery`,
    /// `already_remitted` or `unreadable`.
    pub outcome: String,
}

const SELECT: &str = "SELECT id, courier, file_name, total_lines, done_lines, matched, mismatched, amount_minor, state, created_at FROM commerce_remittance";

fn admin(actor: &Actor) -> Result<(), CommerceError> {
    if actor.has(Role::Admin) && actor.on_behalf_of.is_none() {
        Ok(())
    } else {
        Err(CommerceError::Forbidden)
    }
}

/// Takes a courier's file for matching (administrators); the matching runs in the background.
pub async fn upload(
    db: &Db,
    pack: &shetu_pack::Pack,
    actor: &Actor,
    courier: &str,
    file_name: &str,
    body: &[u8],
) -> Result<Remittance, CommerceError> {
    admin(actor)?;
    let courier = crate::text("courier", courier, 120, true)?;
    if body.len() > MAX_BYTES {
        return Err(CommerceError::Invalid("file".into(), "too_large_file"));
    }
    let text =
        std::str::from_utf8(body).map_err(|_| CommerceError::Invalid("file".into(), "bad_csv"))?;
    let lines = read(text, pack.currency)?;
    let id = uuid::Uuid::now_v7().to_string();
    let now = now_ms();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO commerce_remittance (id, courier, file_name, body, total_lines, state, uploaded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7)",
    )
    .bind(&id)
    .bind(&courier)
    .bind(file_name.chars().take(120).collect::<String>())
    .bind(serde_json::to_string(&lines).map_err(shetu_store::StoreError::from)?)
    .bind(i64::try_from(lines.len()).unwrap_or(i64::MAX))
    .bind(actor.person)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    jobs::enqueue(
        &mut tx,
        NewJob::new(IMPORT_KIND, serde_json::json!({ "remittance": id })),
    )
    .await?;
    let actor_id = actor.person.to_string();
    audit::record(
        &mut tx,
        audit::Entry {
            actor: Some(&actor_id),
            subject: None,
            action: "commerce.remittance.upload",
            object: &format!("remittance:{id}"),
            request_id: actor.request_id.as_deref(),
            detail: serde_json::json!({ "courier": courier, "lines": lines.len() }),
        },
    )
    .await?;
    tx.commit().await?;
    get(db, actor, &id).await.map(|(r, _)| r)
}

/// A remittance with its mismatches (administrators).
pub async fn get(
    db: &Db,
    actor: &Actor,
    id: &str,
) -> Result<(Remittance, Vec<Mismatch>), CommerceError> {
    admin(actor)?;
    let found: Option<Remittance> = sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    let found = found.ok_or(CommerceError::NotFound("remittance_not_found"))?;
    let mismatches = sqlx::query_as(
        "SELECT line_no, order_number, amount_minor, outcome FROM commerce_remittance_line \
         WHERE remittance_id = $1 AND outcome <> 'matched' ORDER BY line_no LIMIT 500",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok((found, mismatches))
}

/// The newest remittances (administrators).
pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<Remittance>, CommerceError> {
    admin(actor)?;
    Ok(
        sqlx::query_as(&format!("{SELECT} ORDER BY created_at DESC LIMIT 50"))
            .fetch_all(db.pool())
            .await?,
    )
}

/// Matches the next lines of a remittance, and queues itself again while lines remain.
#[derive(Debug, Default)]
pub struct Import;

impl JobHandler for Import {
    fn kind(&self) -> &'static str {
        IMPORT_KIND
    }

    fn run<'a>(&'a self, tx: &'a mut Tx, job: &'a ClaimedJob) -> JobFuture<'a> {
        Box::pin(async move {
            let id = job.payload["remittance"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let found: Option<(String, i64, String)> = sqlx::query_as(
                "SELECT body, done_lines, state FROM commerce_remittance WHERE id = $1",
            )
            .bind(&id)
            .fetch_optional(&mut **tx)
            .await?;
            let Some((body, done, _)) = found.filter(|f| f.2 == "queued") else {
                return Ok(());
            };
            let lines: Vec<Line> = serde_json::from_str(&body)
                .map_err(|e| JobError::Permanent(format!("remittance {id}: {e}")))?;
            let start = usize::try_from(done).unwrap_or(0);
            let now = now_ms();
            let (mut matched, mut kept, mut amount) = (0i64, 0i64, 0i64);
            for line in lines.iter().skip(start).take(CHUNK) {
                let outcome = match_line(tx, &id, line, now)
                    .await
                    .map_err(|e| JobError::Retry(e.to_string()))?;
                if outcome == "matched" {
                    matched += 1;
                    amount += line.amount.unwrap_or(0);
                } else {
                    kept += 1;
                }
            }
            let done = start + CHUNK;
            let finished = done >= lines.len();
            sqlx::query(
                "UPDATE commerce_remittance SET done_lines = $1, matched = matched + $2, mismatched = mismatched + $3, \
                 amount_minor = amount_minor + $4, state = $5, finished_at = $6 WHERE id = $7",
            )
            .bind(i64::try_from(done.min(lines.len())).unwrap_or(i64::MAX))
            .bind(matched)
            .bind(kept)
            .bind(amount)
            .bind(if finished { "done" } else { "queued" })
            .bind(finished.then_some(now))
            .bind(&id)
            .execute(&mut **tx)
            .await?;
            if !finished {
                jobs::enqueue(
                    tx,
                    NewJob::new(IMPORT_KIND, serde_json::json!({ "remittance": id })),
                )
                .await?;
            }
            Ok(())
        })
    }
}

async fn match_line(
    tx: &mut Tx,
    remittance: &str,
    line: &Line,
    now: i64,
) -> Result<&'static str, CommerceError> {
    let order: Option<(String, String, String, i64)> = sqlx::query_as(
        "SELECT id, payment, state, total_minor FROM commerce_order WHERE number = $1",
    )
    .bind(&line.number)
    .fetch_optional(&mut **tx)
    .await?;
    let outcome = match (&order, line.amount) {
        (_, None) => "unreadable",
        (None, _) => "unknown_order",
        (Some((_, payment, _, _)), _) if payment != "cod" => "not_cash_on_delivery",
        (Some((_, _, state, _)), _) if state != "delivered" && state != "completed" => {
            "not_delivered"
        }
        (Some((_, _, _, total)), Some(amount)) if *total != amount => "amount_differs",
        (Some((id, ..)), _) => {
            let before: Option<String> = sqlx::query_scalar(
                "SELECT remittance_id FROM commerce_remittance_line WHERE order_id = $1 AND outcome = 'matched'",
            )
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
            if before.is_some() {
                "already_remitted"
            } else {
                "matched"
            }
        }
    };
    let order_id = order.as_ref().map(|o| o.0.clone());
    sqlx::query(
        "INSERT INTO commerce_remittance_line (remittance_id, line_no, order_number, order_id, amount_minor, outcome) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(remittance)
    .bind(line.no)
    .bind(&line.number)
    .bind(if outcome == "already_remitted" { None } else { order_id.clone() })
    .bind(line.amount)
    .bind(outcome)
    .execute(&mut **tx)
    .await?;
    if outcome == "matched" {
        let amount = line.amount.unwrap_or(0);
        ledger::post(
            tx,
            "cod_remitted",
            order_id.as_deref(),
            &[(REMITTED, amount), (COD_HELD, -amount)],
            now,
        )
        .await?;
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_read_as_couriers_write_them() {
        let bdt = shetu_core::Currency::new("BDT", 2).unwrap_or_else(|e| panic!("{e}"));
        let body = "\u{feff}Consignment,order_number,amount\nC1,sh-7f3a9c21,\"1,250.00\"\nC2,SH-00000001,১২৫০\n\nC3,SH-2,lots\n";
        let lines = read(body, bdt).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(lines.len(), 3);
        assert_eq!(
            (lines[0].number.as_str(), lines[0].amount, lines[0].no),
            ("SH-7F3A9C21", Some(125_000), 2)
        );
        assert_eq!(lines[1].amount, Some(125_000));
        assert_eq!((lines[2].amount, lines[2].no), (None, 5));
        assert!(matches!(
            read("number,total\n1,2\n", bdt),
            Err(CommerceError::Invalid(_, "bad_header"))
        ));
        assert!(matches!(
            read("order_number,amount\n", bdt),
            Err(CommerceError::Invalid(_, "empty_file"))
        ));
    }
}
