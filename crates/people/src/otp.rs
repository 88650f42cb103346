//! One-time codes: six digits, sent by SMS, stored hashed, single use, valid ten minutes, five
//! tries, and at most three issued per phone in fifteen minutes.

use crate::error::PeopleError;
use crate::secret;
use shetu_core::id::CodeId;
use shetu_core::Phone;
use shetu_store::Tx;
use sqlx::Row;

/// How long a code is valid.
pub const VALID_MS: i64 = 10 * 60 * 1000;
/// Wrong tries before a code is dead.
pub const MAX_ATTEMPTS: i64 = 5;
/// Codes per phone per window.
pub const MAX_PER_WINDOW: i64 = 3;
/// The window for [`MAX_PER_WINDOW`].
pub const WINDOW_MS: i64 = 15 * 60 * 1000;

/// A code just issued: its id, and the code itself (to send; never stored in clear).
#[derive(Debug, Clone)]
pub struct Issued {
    /// Id.
    pub id: CodeId,
    /// The six digits.
    pub code: String,
}

fn code_hash(id: &CodeId, code: &str) -> String {
    secret::hash(&format!("{id}:{code}"))
}

/// Issues a code for `phone` and `purpose` inside the caller's transaction.
#[tracing::instrument(skip_all)]
pub async fn issue(
    tx: &mut Tx,
    phone: &Phone,
    purpose: &str,
    now: i64,
) -> Result<Issued, PeopleError> {
    let recent = sqlx::query("SELECT MIN(created_at) AS first, COUNT(*) AS n FROM one_time_code WHERE phone = $1 AND created_at > $2")
        .bind(phone.as_str())
        .bind(now - WINDOW_MS)
        .fetch_one(&mut **tx)
        .await?;
    let n: i64 = recent.try_get("n")?;
    if n >= MAX_PER_WINDOW {
        let first: Option<i64> = recent.try_get("first")?;
        let retry_after_s = ((first.unwrap_or(now) + WINDOW_MS - now) / 1000).max(1);
        return Err(PeopleError::RateLimited { retry_after_s });
    }
    let id = CodeId::new();
    let code = secret::code();
    sqlx::query(
        "INSERT INTO one_time_code (id, phone, purpose, code_hash, expires_at, attempts, created_at) VALUES ($1, $2, $3, $4, $5, 0, $6)",
    )
    .bind(id)
    .bind(phone.as_str())
    .bind(purpose)
    .bind(code_hash(&id, &code))
    .bind(now + VALID_MS)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(Issued { id, code })
}

/// Uses the newest live code for `phone` and `purpose` if `code` matches. A wrong code counts a
/// try in the same transaction: on `Err(CodeInvalid)` the caller commits (nothing else changed) so
/// that the try is remembered.
#[tracing::instrument(skip_all)]
pub async fn consume(
    tx: &mut Tx,
    phone: &Phone,
    purpose: &str,
    code: &str,
    now: i64,
) -> Result<CodeId, PeopleError> {
    let code = shetu_core::fold_digits(code.trim());
    let row = sqlx::query(
        "SELECT id, code_hash, attempts FROM one_time_code WHERE phone = $1 AND purpose = $2 AND used_at IS NULL \
         AND expires_at > $3 ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(phone.as_str())
    .bind(purpose)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else {
        return Err(PeopleError::CodeInvalid);
    };
    let id: String = row.try_get("id")?;
    let attempts: i64 = row.try_get("attempts")?;
    let parsed: CodeId = id.parse().map_err(|_| PeopleError::CodeInvalid)?;
    if attempts >= MAX_ATTEMPTS {
        return Err(PeopleError::CodeInvalid);
    }
    let stored: String = row.try_get("code_hash")?;
    if !secret::same(&stored, &code_hash(&parsed, &code)) {
        sqlx::query("UPDATE one_time_code SET attempts = attempts + 1 WHERE id = $1")
            .bind(&id)
            .execute(&mut **tx)
            .await?;
        return Err(PeopleError::CodeInvalid);
    }
    sqlx::query("UPDATE one_time_code SET used_at = $1 WHERE id = $2")
        .bind(now)
        .bind(&id)
        .execute(&mut **tx)
        .await?;
    Ok(parsed)
}
