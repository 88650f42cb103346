//! Products: Bangla and English text, a category of the shipped tree, a unit, variants with SKU,
//! price and stock, and wholesale tiers (from this many, this unit price).

use crate::error::CommerceError;
use crate::idempotency::{self, Key};
use crate::shops::{record, require_seller};
use crate::{catalog, text, within};
use serde::Serialize;
use shetu_core::Actor;
use shetu_store::{now_ms, outbox, Db, Tx};

/// Most variants a product may have.
pub const MAX_VARIANTS: usize = 20;
/// Most wholesale tiers a variant may have.
pub const MAX_TIERS: usize = 5;
/// Highest price, in minor units (a crore taka in poisha).
pub const MAX_PRICE: i64 = 1_000_000_000;
/// Most stock a variant may hold.
pub const MAX_STOCK: i64 = 1_000_000;

/// A variant to list.
#[derive(Debug, Clone)]
pub struct NewVariant {
    /// The shop's own code for it (unique within the shop).
    pub sku: String,
    /// What tells it apart (`500 g`, `red`); may be empty for a product with one variant.
    pub label: String,
    /// Price of one unit, in minor units.
    pub price_minor: i64,
    /// How many are in stock.
    pub stock: i64,
    /// Wholesale tiers: (minimum quantity, unit price in minor units).
    pub tiers: Vec<(i64, i64)>,
}

/// A product to list.
#[derive(Debug, Clone)]
pub struct NewProduct {
    /// Category id from the shipped tree.
    pub category: String,
    /// Unit id (`kg`, `piece` …).
    pub unit: String,
    /// Title in Bangla.
    pub title_bn: String,
    /// Title in English.
    pub title_en: String,
    /// Description in Bangla.
    pub description_bn: String,
    /// Description in English.
    pub description_en: String,
    /// Its variants (at least one).
    pub variants: Vec<NewVariant>,
}

/// A product as shown to buyers.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Product {
    /// Its id.
    pub id: String,
    /// The shop that sells it.
    pub shop_id: String,
    /// The shop's name.
    pub shop_name: String,
    /// The shop's district.
    pub district_id: String,
    /// Whether a woman leads the enterprise that makes it.
    pub women_led: bool,
    /// Category id.
    pub category: String,
    /// Unit id.
    pub unit: String,
    /// Title in Bangla.
    pub title_bn: String,
    /// Title in English.
    pub title_en: String,
    /// Description in Bangla.
    pub description_bn: String,
    /// Description in English.
    pub description_en: String,
    /// Its variants.
    pub variants: Vec<Variant>,
    /// Last changed (ms since 1970, UTC).
    pub updated_at: i64,
}

/// A variant as shown to buyers.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Variant {
    /// Its id (what a cart or a checkout names).
    pub id: String,
    /// The shop's code.
    pub sku: String,
    /// What tells it apart.
    pub label: String,
    /// Unit price, in minor units.
    pub price_minor: i64,
    /// How many are in stock.
    pub stock: i64,
    /// Wholesale tiers.
    pub tiers: Vec<Tier>,
}

/// A wholesale price.
#[derive(Debug, Clone, Copy, Serialize, utoipa::ToSchema)]
pub struct Tier {
    /// From this many units…
    pub min_quantity: i64,
    /// …each costs this much (minor units).
    pub unit_price_minor: i64,
}

/// The unit price of `quantity` units: the tier with the largest minimum the quantity reaches,
/// else the variant's price.
pub fn unit_price(price_minor: i64, tiers: &[Tier], quantity: i64) -> i64 {
    tiers
        .iter()
        .filter(|t| quantity >= t.min_quantity)
        .max_by_key(|t| t.min_quantity)
        .map_or(price_minor, |t| t.unit_price_minor)
}

pub(crate) fn check(p: &NewProduct) -> Result<NewProduct, CommerceError> {
    if catalog::category(&p.category).is_none() {
        return Err(CommerceError::Invalid(
            "category".into(),
            "unknown_category",
        ));
    }
    if !catalog::UNITS.contains(&p.unit.as_str()) {
        return Err(CommerceError::Invalid("unit".into(), "unknown_unit"));
    }
    if p.variants.is_empty() {
        return Err(CommerceError::Invalid("variants".into(), "required"));
    }
    within(
        "variants",
        i64::try_from(p.variants.len()).unwrap_or(i64::MAX),
        1,
        MAX_VARIANTS as i64,
    )?;
    let mut variants = Vec::with_capacity(p.variants.len());
    for (i, v) in p.variants.iter().enumerate() {
        let field = |name: &str| format!("variants[{i}].{name}");
        let sku = text(&field("sku"), &v.sku, 40, true)?;
        if variants.iter().any(|w: &NewVariant| w.sku == sku) {
            return Err(CommerceError::Invalid(field("sku"), "duplicate_sku"));
        }
        within(&field("price_minor"), v.price_minor, 1, MAX_PRICE)?;
        within(&field("stock"), v.stock, 0, MAX_STOCK)?;
        if v.tiers.len() > MAX_TIERS {
            return Err(CommerceError::Invalid(field("tiers"), "bad_tier"));
        }
        let mut tiers = v.tiers.clone();
        tiers.sort_unstable();
        let mut last_price = v.price_minor;
        for (j, (min, price)) in tiers.iter().enumerate() {
            // Each tier starts above 1 and above the one before, and is cheaper than it.
            let ok = *min > 1
                && (j == 0 || *min > tiers[j - 1].0)
                && *price >= 1
                && *price < last_price
                && *min <= MAX_STOCK;
            if !ok {
                return Err(CommerceError::Invalid(field("tiers"), "bad_tier"));
            }
            last_price = *price;
        }
        variants.push(NewVariant {
            sku,
            label: text(&field("label"), &v.label, 60, false)?,
            price_minor: v.price_minor,
            stock: v.stock,
            tiers,
        });
    }
    Ok(NewProduct {
        category: p.category.clone(),
        unit: p.unit.clone(),
        title_bn: text("title_bn", &p.title_bn, 150, true)?,
        title_en: text("title_en", &p.title_en, 150, true)?,
        description_bn: text("description_bn", &p.description_bn, 4000, false)?,
        description_en: text("description_en", &p.description_en, 4000, false)?,
        variants,
    })
}

/// Lists a product in a shop: by its owner, an agent selling for them, or an administrator.
pub async fn create(
    db: &Db,
    actor: &Actor,
    shop: &str,
    product: NewProduct,
) -> Result<Product, CommerceError> {
    create_once(db, actor, shop, product, None).await
}

/// As [`create`]; with `key`, a resend (the same key) lists nothing new and answers with the
/// product the first one listed.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn create_once(
    db: &Db,
    actor: &Actor,
    shop: &str,
    product: NewProduct,
    key: Option<Key>,
) -> Result<Product, CommerceError> {
    if let Some(key) = &key {
        if let Some((_, stored)) = idempotency::replay(db.pool(), key).await? {
            return get(db, stored["product"].as_str().unwrap_or_default()).await;
        }
    }
    let product = check(&product)?;
    let now = now_ms();
    let id = uuid::Uuid::now_v7().to_string();
    let mut tx = db.begin().await?;
    let (owner, _) = require_seller(&mut tx, actor, shop, now).await?;
    sqlx::query(
        "INSERT INTO commerce_product (id, shop_id, category, unit, title_bn, title_en, description_bn, \
         description_en, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, $9)",
    )
    .bind(&id)
    .bind(shop)
    .bind(&product.category)
    .bind(&product.unit)
    .bind(&product.title_bn)
    .bind(&product.title_en)
    .bind(&product.description_bn)
    .bind(&product.description_en)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    insert_variants(&mut tx, &id, shop, &product.variants, 0).await?;
    changed(&mut tx, &id).await?;
    let detail =
        serde_json::json!({ "product": id, "shop": shop, "variants": product.variants.len() });
    record(
        &mut tx,
        actor,
        owner,
        "commerce.product.create",
        &id,
        detail,
    )
    .await?;
    if let Some(key) = &key {
        let answer = serde_json::json!({ "product": id });
        match idempotency::remember(&mut tx, key, 201, &answer, now).await {
            // The same key raced in on another connection and won: answer with its product.
            Err(CommerceError::Store(e)) if e.is_unique_violation() => {
                drop(tx);
                let stored = idempotency::replay(db.pool(), key).await?;
                let first =
                    stored.map(|(_, s)| s["product"].as_str().unwrap_or_default().to_owned());
                return get(db, &first.unwrap_or_default()).await;
            }
            other => other?,
        }
    }
    tx.commit().await?;
    get(db, &id).await
}

/// Inserts variants of a product (with their tiers), numbering them from `first`.
pub(crate) async fn insert_variants(
    tx: &mut Tx,
    id: &str,
    shop: &str,
    variants: &[NewVariant],
    first: usize,
) -> Result<(), CommerceError> {
    for (i, v) in variants.iter().enumerate() {
        let position = first + i;
        let variant = uuid::Uuid::now_v7().to_string();
        let inserted = sqlx::query(
            "INSERT INTO commerce_variant (id, product_id, shop_id, sku, label, price_minor, stock, position) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&variant)
        .bind(id)
        .bind(shop)
        .bind(&v.sku)
        .bind(&v.label)
        .bind(v.price_minor)
        .bind(v.stock)
        .bind(i64::try_from(position).unwrap_or(0))
        .execute(&mut **tx)
        .await;
        match inserted.map_err(shetu_store::StoreError::from) {
            Err(e) if e.is_unique_violation() => {
                return Err(CommerceError::Invalid(
                    format!("variants[{position}].sku"),
                    "duplicate_sku",
                ))
            }
            other => other?,
        };
        for (min, price) in &v.tiers {
            sqlx::query("INSERT INTO commerce_tier (variant_id, min_quantity, unit_price_minor) VALUES ($1, $2, $3)")
                .bind(&variant)
                .bind(min)
                .bind(price)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

/// Sets a variant's stock and price (a seller's daily work).
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn restock(
    db: &Db,
    actor: &Actor,
    variant: &str,
    stock: i64,
    price_minor: i64,
) -> Result<Product, CommerceError> {
    within("stock", stock, 0, MAX_STOCK)?;
    within("price_minor", price_minor, 1, MAX_PRICE)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let found: Option<(String, String)> =
        sqlx::query_as("SELECT product_id, shop_id FROM commerce_variant WHERE id = $1")
            .bind(variant)
            .fetch_optional(&mut *tx)
            .await?;
    let (product, shop) = found.ok_or(CommerceError::NotFound("variant_not_found"))?;
    let (owner, _) = require_seller(&mut tx, actor, &shop, now).await?;
    sqlx::query("UPDATE commerce_variant SET stock = $1, price_minor = $2 WHERE id = $3")
        .bind(stock)
        .bind(price_minor)
        .bind(variant)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE commerce_product SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(&product)
        .execute(&mut *tx)
        .await?;
    changed(&mut tx, &product).await?;
    let detail =
        serde_json::json!({ "variant": variant, "stock": stock, "price_minor": price_minor });
    record(
        &mut tx,
        actor,
        owner,
        "commerce.product.restock",
        &product,
        detail,
    )
    .await?;
    tx.commit().await?;
    get(db, &product).await
}

/// Announces that a product changed (the search index and partners follow this).
pub(crate) async fn changed(tx: &mut Tx, product: &str) -> Result<(), CommerceError> {
    let event = serde_json::json!({ "product": product });
    outbox::publish(tx, "commerce.product.changed", product, &event).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ProductRow {
    id: String,
    shop_id: String,
    shop_name: String,
    district_id: String,
    women_led: i64,
    category: String,
    unit: String,
    title_bn: String,
    title_en: String,
    description_bn: String,
    description_en: String,
    updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct VariantRow {
    id: String,
    product_id: String,
    sku: String,
    label: String,
    price_minor: i64,
    stock: i64,
}

const PRODUCT_SELECT: &str =
    "SELECT p.id, p.shop_id, s.name AS shop_name, s.district_id, s.women_led, \
     p.category, p.unit, p.title_bn, p.title_en, p.description_bn, p.description_en, p.updated_at \
     FROM commerce_product p JOIN commerce_shop s ON s.id = p.shop_id";

/// Products by id, with their variants and tiers, in the order of `ids` (missing ones left out).
pub async fn many(db: &Db, ids: &[String]) -> Result<Vec<Product>, CommerceError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // One connection for the three reads: the pool checks a connection with a round trip each
    // time it is handed back.
    let mut conn = db.pool().acquire().await?;
    let mut sql = shetu_store::sql::Sql::new(PRODUCT_SELECT);
    sql.push(" WHERE p.status = 'active' AND p.id IN ")
        .list(ids.iter().cloned());
    let rows: Vec<ProductRow> = {
        let args = sql.build_args()?;
        sqlx::query_as_with(sql.text(), args)
    }
    .fetch_all(&mut *conn)
    .await?;
    let mut vsql = shetu_store::sql::Sql::new(
        "SELECT id, product_id, sku, label, price_minor, stock FROM commerce_variant WHERE product_id IN ",
    );
    vsql.list(ids.iter().cloned())
        .push(" ORDER BY product_id, position");
    let variants: Vec<VariantRow> = {
        let args = vsql.build_args()?;
        sqlx::query_as_with(vsql.text(), args)
    }
    .fetch_all(&mut *conn)
    .await?;
    let mut tsql = shetu_store::sql::Sql::new(
        "SELECT t.variant_id, t.min_quantity, t.unit_price_minor FROM commerce_tier t \
         JOIN commerce_variant v ON v.id = t.variant_id WHERE v.product_id IN ",
    );
    tsql.list(ids.iter().cloned())
        .push(" ORDER BY t.variant_id, t.min_quantity");
    let tiers: Vec<(String, i64, i64)> = {
        let args = tsql.build_args()?;
        sqlx::query_as_with(tsql.text(), args)
    }
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for id in ids {
        let Some(r) = rows.iter().find(|r| &r.id == id) else {
            continue;
        };
        let variants = variants
            .iter()
            .filter(|v| v.product_id == r.id)
            .map(|v| Variant {
                id: v.id.clone(),
                sku: v.sku.clone(),
                label: v.label.clone(),
                price_minor: v.price_minor,
                stock: v.stock,
                tiers: tiers
                    .iter()
                    .filter(|t| t.0 == v.id)
                    .map(|t| Tier {
                        min_quantity: t.1,
                        unit_price_minor: t.2,
                    })
                    .collect(),
            })
            .collect();
        out.push(Product {
            id: r.id.clone(),
            shop_id: r.shop_id.clone(),
            shop_name: r.shop_name.clone(),
            district_id: r.district_id.clone(),
            women_led: r.women_led == 1,
            category: r.category.clone(),
            unit: r.unit.clone(),
            title_bn: r.title_bn.clone(),
            title_en: r.title_en.clone(),
            description_bn: r.description_bn.clone(),
            description_en: r.description_en.clone(),
            variants,
            updated_at: r.updated_at,
        });
    }
    Ok(out)
}

/// One product.
pub async fn get(db: &Db, id: &str) -> Result<Product, CommerceError> {
    many(db, &[id.to_owned()])
        .await?
        .pop()
        .ok_or(CommerceError::NotFound("product_not_found"))
}

/// Ids of a shop's products, newest first.
pub async fn of_shop(db: &Db, shop: &str, limit: i64) -> Result<Vec<String>, CommerceError> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM commerce_product WHERE shop_id = $1 AND status = 'active' ORDER BY created_at DESC LIMIT $2",
    )
    .bind(shop)
    .bind(limit)
    .fetch_all(db.pool())
    .await?)
}
