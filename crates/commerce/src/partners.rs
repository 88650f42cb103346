//! Partner marketplaces: e-commerce companies that plug into the national backbone, both ways.
//! A partner pushes its own catalogue in (its products live in a shop of its own, under its own
//! reference ids) and gets the orders for them by signed webhook; it pulls the rural producers'
//! catalogue incrementally and places orders for its own buyers. Every webhook is kept, signed
//! (HMAC-SHA256 over `"{timestamp}.{body}"`), sent by a job that retries with backoff until the
//! partner answers 2xx, and may be replayed.

use crate::error::CommerceError;
use crate::products::{self, NewProduct, NewVariant};
use crate::shops::record;
use serde::{Deserialize, Serialize};
use shetu_core::id::PersonId;
use shetu_core::{Actor, Role};
use shetu_store::{now_ms, Db};

/// The kind of organisation a partner marketplace is.
pub const PARTNER_MARKETPLACE: shetu_core::OrgKind =
    shetu_core::OrgKind::declared("partner_marketplace");
/// The job that turns an order event into a partner's webhook, if the order is theirs.
pub const NOTIFY_KIND: &str = "commerce.partner.notify";
/// The job that sends one webhook.
pub const DELIVER_KIND: &str = "commerce.partner.deliver";
/// How often a webhook is tried before it waits for a replay (backoff doubles up to an hour:
/// about nine hours in all).
pub const DELIVERY_ATTEMPTS: i64 = 16;

/// A registered partner.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Partner {
    /// Its id.
    pub id: String,
    /// Its organisation (kind `partner_marketplace`).
    pub organization_id: String,
    /// The account that calls the API (its bearer token).
    pub person_id: String,
    /// The shop its own products are listed in.
    pub shop_id: String,
    /// Where its webhooks go.
    pub webhook_url: String,
}

/// A partner and the secret its webhooks are signed with (shown once, at registration).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Registered {
    /// The partner.
    #[serde(flatten)]
    pub partner: Partner,
    /// The webhook signing secret. Keep it: it is not shown again.
    pub webhook_secret: String,
}

/// What an administrator registers.
#[derive(Debug, Clone)]
pub struct NewPartner {
    /// The organisation (kind `partner_marketplace`).
    pub organization: String,
    /// The person whose bearer token the partner uses (a member of the organisation).
    pub account: PersonId,
    /// Where webhooks go (`https://…`).
    pub webhook_url: String,
    /// The district the partner's shop is registered in.
    pub district: String,
}

fn web_address(field: &str, url: &str) -> Result<String, CommerceError> {
    let url = url.trim();
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() <= 500
        && !url.contains(char::is_whitespace);
    if ok {
        Ok(url.to_owned())
    } else {
        Err(CommerceError::Invalid(field.into(), "invalid_url"))
    }
}

/// Only an administrator, acting as themselves, registers partners.
pub fn may_register(actor: &Actor) -> Result<(), CommerceError> {
    if actor.has(Role::Admin) && actor.on_behalf_of.is_none() {
        Ok(())
    } else {
        Err(CommerceError::Forbidden)
    }
}

/// Registers a partner marketplace (administrators): its shop is opened and verified, and a
/// webhook secret is made.
pub async fn register(
    db: &Db,
    actor: &Actor,
    new: NewPartner,
) -> Result<Registered, CommerceError> {
    may_register(actor)?;
    let webhook_url = web_address("webhook_url", &new.webhook_url)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let org: Option<(String, String)> =
        sqlx::query_as("SELECT name, kind FROM organization WHERE id = $1")
            .bind(&new.organization)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((name, _)) = org.filter(|(_, kind)| kind == PARTNER_MARKETPLACE.as_str()) else {
        return Err(CommerceError::Invalid(
            "organization_id".into(),
            "not_a_partner_marketplace",
        ));
    };
    let member: Option<String> = sqlx::query_scalar(
        "SELECT role FROM membership WHERE person_id = $1 AND organization_id = $2",
    )
    .bind(new.account)
    .bind(&new.organization)
    .fetch_optional(&mut *tx)
    .await?;
    if member.is_none() {
        return Err(CommerceError::Invalid("account".into(), "not_a_member"));
    }
    let district: Option<String> = sqlx::query_scalar("SELECT id FROM region WHERE id = $1")
        .bind(&new.district)
        .fetch_optional(&mut *tx)
        .await?;
    let district =
        district.ok_or_else(|| CommerceError::Invalid("district".into(), "unknown_district"))?;
    let (id, shop) = (
        uuid::Uuid::now_v7().to_string(),
        uuid::Uuid::now_v7().to_string(),
    );
    let secret = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    sqlx::query(
        "INSERT INTO commerce_shop (id, owner_id, name, kind, district_id, women_led, payout_kind, payout_account, \
         status, verified_at, verified_by, created_at, created_by) \
         VALUES ($1, $2, $3, 'shop', $4, 0, 'bank', 'partner-settlement', 'verified', $5, $6, $5, $6)",
    )
    .bind(&shop)
    .bind(new.account)
    .bind(&name)
    .bind(&district)
    .bind(now)
    .bind(actor.person)
    .execute(&mut *tx)
    .await?;
    let inserted = sqlx::query(
        "INSERT INTO commerce_partner (id, organization_id, person_id, shop_id, webhook_url, secret, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(&new.organization)
    .bind(new.account)
    .bind(&shop)
    .bind(&webhook_url)
    .bind(&secret)
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(shetu_store::StoreError::from);
    match inserted {
        Err(e) if e.is_unique_violation() => {
            return Err(CommerceError::Invalid(
                "account".into(),
                "already_a_partner",
            ))
        }
        other => other?,
    };
    let detail =
        serde_json::json!({ "partner": id, "organization": new.organization, "shop": shop });
    record(
        &mut tx,
        actor,
        new.account,
        "commerce.partner.register",
        &id,
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(Registered {
        partner: Partner {
            id,
            organization_id: new.organization,
            person_id: new.account.to_string(),
            shop_id: shop,
            webhook_url,
        },
        webhook_secret: secret,
    })
}

const PARTNER_SELECT: &str =
    "SELECT id, organization_id, person_id, shop_id, webhook_url FROM commerce_partner";

/// The partner whose account the actor is (403 `not_a_partner` otherwise).
pub async fn of_actor(db: &Db, actor: &Actor) -> Result<Partner, CommerceError> {
    let found: Option<Partner> = sqlx::query_as(&format!("{PARTNER_SELECT} WHERE person_id = $1"))
        .bind(actor.person.to_string())
        .fetch_optional(db.pool())
        .await?;
    found
        .filter(|_| actor.on_behalf_of.is_none())
        .ok_or(CommerceError::NotAPartner)
}

/// A product a partner pushes (its own reference in the path).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerProduct {
    /// Category id from the shipped tree.
    pub category: String,
    /// Unit id.
    pub unit: String,
    /// Title in Bangla.
    pub title_bn: String,
    /// Title in English.
    pub title_en: String,
    /// Description in Bangla.
    #[serde(default)]
    pub description_bn: String,
    /// Description in English.
    #[serde(default)]
    pub description_en: String,
    /// Its variants, by the partner's SKU (1 to 20). A variant left out is sold out.
    pub variants: Vec<PartnerVariant>,
    /// Photos the partner hosts (`https://…`, up to 6).
    #[serde(default)]
    pub image_urls: Vec<String>,
}

/// A variant a partner pushes.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerVariant {
    /// The partner's SKU.
    pub sku: String,
    /// What tells it apart.
    #[serde(default)]
    pub label: String,
    /// Unit price (minor units).
    pub price_minor: i64,
    /// In stock.
    pub stock: i64,
}

/// Creates or changes the partner's product with reference `reference` (idempotent: the same
/// body twice changes nothing the second time). Answers whether it was created.
pub async fn put_product(
    db: &Db,
    actor: &Actor,
    partner: &Partner,
    reference: &str,
    body: PartnerProduct,
) -> Result<(bool, products::Product), CommerceError> {
    let reference = crate::text("ref", reference, 100, true)?;
    if body.image_urls.len() > 6 {
        return Err(CommerceError::OutOfRange {
            field: "image_urls".into(),
            min: 0,
            max: 6,
        });
    }
    let images = body
        .image_urls
        .iter()
        .enumerate()
        .map(|(i, u)| web_address(&format!("image_urls[{i}]"), u))
        .collect::<Result<Vec<_>, _>>()?;
    let product = products::check(&NewProduct {
        category: body.category,
        unit: body.unit,
        title_bn: body.title_bn,
        title_en: body.title_en,
        description_bn: body.description_bn,
        description_en: body.description_en,
        variants: body
            .variants
            .into_iter()
            .map(|v| NewVariant {
                sku: v.sku,
                label: v.label,
                price_minor: v.price_minor,
                stock: v.stock,
                tiers: Vec::new(),
            })
            .collect(),
    })?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let existing: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT id, image_urls FROM commerce_product WHERE shop_id = $1 AND partner_ref = $2",
    )
    .bind(&partner.shop_id)
    .bind(&reference)
    .fetch_optional(&mut *tx)
    .await?;
    let created = existing.is_none();
    let images = serde_json::to_string(&images).map_err(shetu_store::StoreError::from)?;
    // Photos are fetched when the list of addresses changes (and the first time there is one).
    let images_changed = match &existing {
        Some((_, before)) => before.as_deref().unwrap_or("[]") != images,
        None => images != "[]",
    };
    let id = existing.map_or_else(|| uuid::Uuid::now_v7().to_string(), |(id, _)| id);
    if created {
        sqlx::query(
            "INSERT INTO commerce_product (id, shop_id, category, unit, title_bn, title_en, description_bn, \
             description_en, status, created_at, updated_at, partner_ref, image_urls) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, $9, $10, $11)",
        )
        .bind(&id)
        .bind(&partner.shop_id)
        .bind(&product.category)
        .bind(&product.unit)
        .bind(&product.title_bn)
        .bind(&product.title_en)
        .bind(&product.description_bn)
        .bind(&product.description_en)
        .bind(now)
        .bind(&reference)
        .bind(&images)
        .execute(&mut *tx)
        .await?;
        products::insert_variants(&mut tx, &id, &partner.shop_id, &product.variants, 0).await?;
    } else {
        sqlx::query(
            "UPDATE commerce_product SET category = $1, unit = $2, title_bn = $3, title_en = $4, description_bn = $5, \
             description_en = $6, image_urls = $7, updated_at = $8, status = 'active' WHERE id = $9",
        )
        .bind(&product.category)
        .bind(&product.unit)
        .bind(&product.title_bn)
        .bind(&product.title_en)
        .bind(&product.description_bn)
        .bind(&product.description_en)
        .bind(&images)
        .bind(now)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
        // Variants left out are sold out; those named are set; new ones are added.
        sqlx::query("UPDATE commerce_variant SET stock = 0 WHERE product_id = $1")
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        let mut added = Vec::new();
        for v in &product.variants {
            let set = sqlx::query(
                "UPDATE commerce_variant SET label = $1, price_minor = $2, stock = $3 WHERE product_id = $4 AND sku = $5",
            )
            .bind(&v.label)
            .bind(v.price_minor)
            .bind(v.stock)
            .bind(&id)
            .bind(&v.sku)
            .execute(&mut *tx)
            .await?;
            if set.rows_affected() == 0 {
                added.push(v.clone());
            }
        }
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM commerce_variant WHERE product_id = $1")
                .bind(&id)
                .fetch_one(&mut *tx)
                .await?;
        let first = usize::try_from(count).unwrap_or(0);
        products::insert_variants(&mut tx, &id, &partner.shop_id, &added, first).await?;
    }
    products::changed(&mut tx, &id).await?;
    if images_changed {
        crate::partner_images::schedule(&mut tx, &id).await?;
    }
    let owner: PersonId = partner
        .person_id
        .parse()
        .map_err(|_| crate::orders::corrupt("partner"))?;
    let detail = serde_json::json!({ "product": id, "ref": reference, "created": created });
    record(
        &mut tx,
        actor,
        owner,
        "commerce.partner.product",
        &id,
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok((created, products::get(db, &id).await?))
}

/// One page of the rural producers' catalogue for a partner, in the order products last changed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CataloguePage {
    /// Products changed after the cursor (partners' own products are not included).
    pub products: Vec<products::Product>,
    /// Give this as `after` for the next page (the same value when nothing changed since).
    pub next: String,
}

/// Products changed after `after` (`"<ms>:<id>"`, empty for the start), at most `limit`.
pub async fn catalogue(db: &Db, after: &str, limit: i64) -> Result<CataloguePage, CommerceError> {
    let (at, id) = match after.split_once(':') {
        Some((at, id)) => (
            at.parse::<i64>()
                .map_err(|_| CommerceError::Invalid("after".into(), "bad_cursor"))?,
            id.to_owned(),
        ),
        None if after.is_empty() => (-1, String::new()),
        None => return Err(CommerceError::Invalid("after".into(), "bad_cursor")),
    };
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT p.id, p.updated_at FROM commerce_product p JOIN commerce_shop s ON s.id = p.shop_id \
         WHERE s.status = 'verified' AND p.partner_ref IS NULL \
         AND (p.updated_at > $1 OR (p.updated_at = $1 AND p.id > $2)) ORDER BY p.updated_at, p.id LIMIT $3",
    )
    .bind(at)
    .bind(&id)
    .bind(limit.clamp(1, 200))
    .fetch_all(db.pool())
    .await?;
    let next = rows
        .last()
        .map_or_else(|| after.to_owned(), |(id, at)| format!("{at}:{id}"));
    let ids: Vec<String> = rows.into_iter().map(|(id, _)| id).collect();
    let mut found = products::many(db, &ids).await?;
    found.sort_by_key(|p| ids.iter().position(|i| *i == p.id));
    Ok(CataloguePage {
        products: found,
        next,
    })
}
