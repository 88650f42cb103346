//! The cart: what a buyer (or an agent for them, under `commerce.buy`) has picked, kept on the
//! server so that it survives a dropped connection and a change of phone.

use crate::error::CommerceError;
use crate::{within, COMMERCE_BUY};
use serde::Serialize;
use shetu_core::id::PersonId;
use shetu_core::Actor;
use shetu_people::mandates;
use shetu_store::{now_ms, Db};

/// One line of a cart, with what the buyer needs to decide.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CartLine {
    /// The variant.
    pub variant_id: String,
    /// The product.
    pub product_id: String,
    /// Its Bangla title.
    pub title_bn: String,
    /// Its English title.
    pub title_en: String,
    /// The variant's label.
    pub label: String,
    /// The shop's name.
    pub shop_name: String,
    /// Unit price (minor units; a wholesale tier may lower it at checkout).
    pub price_minor: i64,
    /// How many.
    pub quantity: i64,
    /// How many are left.
    pub stock: i64,
}

/// Puts `quantity` of a variant in the cart of the actor (or of the buyer an agent acts for),
/// replacing what was there; 0 takes it out.
pub async fn set(
    db: &Db,
    actor: &Actor,
    variant: &str,
    quantity: i64,
) -> Result<PersonId, CommerceError> {
    within("quantity", quantity, 0, crate::checkout::MAX_QUANTITY)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let buyer = mandates::subject_for(&mut tx, actor, COMMERCE_BUY, now).await?;
    let exists: Option<String> =
        sqlx::query_scalar("SELECT id FROM commerce_variant WHERE id = $1")
            .bind(variant)
            .fetch_optional(&mut *tx)
            .await?;
    if exists.is_none() {
        return Err(CommerceError::NotFound("variant_not_found"));
    }
    sqlx::query("DELETE FROM commerce_cart_item WHERE person_id = $1 AND variant_id = $2")
        .bind(buyer)
        .bind(variant)
        .execute(&mut *tx)
        .await?;
    if quantity > 0 {
        sqlx::query("INSERT INTO commerce_cart_item (person_id, variant_id, quantity, added_at) VALUES ($1, $2, $3, $4)")
            .bind(buyer)
            .bind(variant)
            .bind(quantity)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(buyer)
}

/// The cart of a person.
pub async fn lines(db: &Db, buyer: PersonId) -> Result<Vec<CartLine>, CommerceError> {
    Ok(sqlx::query_as::<_, CartLine>(
        "SELECT c.variant_id, v.product_id, p.title_bn, p.title_en, v.label, s.name AS shop_name, v.price_minor, \
         c.quantity, v.stock FROM commerce_cart_item c JOIN commerce_variant v ON v.id = c.variant_id \
         JOIN commerce_product p ON p.id = v.product_id JOIN commerce_shop s ON s.id = v.shop_id \
         WHERE c.person_id = $1 ORDER BY s.name, c.added_at",
    )
    .bind(buyer)
    .fetch_all(db.pool())
    .await?)
}
