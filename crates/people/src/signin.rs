//! Signing in with phone and password, with failed attempts limited per phone and per address.
//! A limit lifts by itself when its window has passed.

use crate::error::PeopleError;
use crate::{password, persons};
use shetu_core::id::PersonId;
use shetu_core::Phone;
use shetu_store::Db;
use sqlx::Row;

/// How far back failures count.
pub const WINDOW_MS: i64 = 15 * 60 * 1000;
/// Failures per phone in the window before refusing.
pub const PER_PHONE: i64 = 5;
/// Failures per network address in the window before refusing.
pub const PER_ADDRESS: i64 = 20;

async fn limited(db: &Db, key: &str, max: i64, now: i64) -> Result<Option<i64>, PeopleError> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n, MIN(at) AS first FROM login_failure WHERE key = $1 AND at > $2",
    )
    .bind(key)
    .bind(now - WINDOW_MS)
    .fetch_one(db.pool())
    .await?;
    let n: i64 = row.try_get("n")?;
    if n < max {
        return Ok(None);
    }
    // Lifts when enough of the failures have aged out of the window.
    let rows =
        sqlx::query("SELECT at FROM login_failure WHERE key = $1 AND at > $2 ORDER BY at LIMIT $3")
            .bind(key)
            .bind(now - WINDOW_MS)
            .bind(n - max + 1)
            .fetch_all(db.pool())
            .await?;
    let lifts_at = rows
        .last()
        .map(|r| r.try_get::<i64, _>("at"))
        .transpose()?
        .unwrap_or(now)
        + WINDOW_MS;
    Ok(Some(((lifts_at - now) / 1000).max(1)))
}

/// Refuses when the phone or the address has failed too often lately.
pub(crate) async fn check_limits(
    db: &Db,
    phone: &Phone,
    address: &str,
    now: i64,
) -> Result<(), PeopleError> {
    for (key, max) in [
        (format!("phone:{phone}"), PER_PHONE),
        (format!("ip:{address}"), PER_ADDRESS),
    ] {
        if let Some(retry_after_s) = limited(db, &key, max, now).await? {
            return Err(PeopleError::RateLimited { retry_after_s });
        }
    }
    Ok(())
}

/// Counts a failed attempt against the phone and the address, in the caller's transaction.
pub(crate) async fn record_failure(
    tx: &mut shetu_store::Tx,
    phone: &Phone,
    address: &str,
    now: i64,
) -> Result<(), PeopleError> {
    for key in [format!("phone:{phone}"), format!("ip:{address}")] {
        sqlx::query("INSERT INTO login_failure (key, at) VALUES ($1, $2)")
            .bind(key)
            .bind(now)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Checks phone and password. `address` is the client's network address.
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    db: &Db,
    phone: &Phone,
    password_text: &str,
    address: &str,
    now: i64,
) -> Result<PersonId, PeopleError> {
    let phone_key = format!("phone:{phone}");
    let address_key = format!("ip:{address}");
    for (key, max) in [(&phone_key, PER_PHONE), (&address_key, PER_ADDRESS)] {
        if let Some(retry_after_s) = limited(db, key, max, now).await? {
            return Err(PeopleError::RateLimited { retry_after_s });
        }
    }
    let person = persons::by_phone(db, phone).await?;
    let stored = match &person {
        Some(p) => sqlx::query("SELECT password_hash FROM person WHERE id = $1")
            .bind(p.id)
            .fetch_one(db.pool())
            .await?
            .try_get::<Option<String>, _>("password_hash")?,
        None => None,
    };
    let ok = password::verify_off(password_text.to_owned(), stored.clone()).await;
    let mut tx = db.begin().await?;
    let result = match (ok && stored.is_some(), person) {
        (true, Some(p)) => {
            sqlx::query("DELETE FROM login_failure WHERE key = $1")
                .bind(&phone_key)
                .execute(&mut *tx)
                .await?;
            Ok(p.id)
        }
        _ => {
            for key in [&phone_key, &address_key] {
                sqlx::query("INSERT INTO login_failure (key, at) VALUES ($1, $2)")
                    .bind(key)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
            }
            Err(PeopleError::InvalidCredentials)
        }
    };
    // Old failures are of no use any more.
    sqlx::query("DELETE FROM login_failure WHERE at < $1")
        .bind(now - 2 * WINDOW_MS)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    result
}
