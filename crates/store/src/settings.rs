//! Instance settings kept in the database (e.g. which country pack it was seeded with).

use crate::db::{now_ms, Db, Tx};
use crate::error::StoreError;
use sqlx::Row;

/// Reads a setting.
pub async fn get(db: &Db, key: &str) -> Result<Option<String>, StoreError> {
    let row = sqlx::query("SELECT value FROM instance_setting WHERE key = $1")
        .bind(key)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(|r| r.try_get("value")).transpose()?)
}

/// Writes a setting inside the caller's transaction.
pub async fn set(tx: &mut Tx, key: &str, value: &str) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO instance_setting (key, value, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )
    .bind(key)
    .bind(value)
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
