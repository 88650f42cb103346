//! Shops: opened by their owner or by an agent for them, verified by an administrator.

use crate::error::CommerceError;
use crate::{text, COMMERCE_SELL};
use serde::Serialize;
use shetu_core::id::PersonId;
use shetu_core::{Actor, Role};
use shetu_people::mandates;
use shetu_store::{audit, now_ms, outbox, Db, Tx};

/// A shop to open.
#[derive(Debug, Clone)]
pub struct NewShop {
    /// Its name.
    pub name: String,
    /// `shop`, `farmer` or `wholesaler`.
    pub kind: String,
    /// The district it is in (a region id of the pack).
    pub district: String,
    /// Whether a woman leads the enterprise (for impact figures).
    pub women_led: bool,
    /// Digital business id, if it has one.
    pub dbid: Option<String>,
    /// Trade licence number, if it has one.
    pub trade_licence: Option<String>,
    /// `wallet` (a mobile wallet number) or `bank`.
    pub payout_kind: String,
    /// The wallet number or the bank account.
    pub payout_account: String,
}

/// A shop as stored.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Shop {
    /// Its id.
    pub id: String,
    /// Who owns it.
    pub owner_id: String,
    /// Its name.
    pub name: String,
    /// `shop`, `farmer` or `wholesaler`.
    pub kind: String,
    /// Its district.
    pub district_id: String,
    /// 1 when a woman leads it.
    pub women_led: i64,
    /// Digital business id.
    pub dbid: Option<String>,
    /// Trade licence number.
    pub trade_licence: Option<String>,
    /// `pending` or `verified`.
    pub status: String,
    /// When it opened (ms since 1970, UTC).
    pub created_at: i64,
}

const COLUMNS: &str =
    "id, owner_id, name, kind, district_id, women_led, dbid, trade_licence, status, created_at";

fn check(shop: &NewShop, pack: &shetu_pack::Pack) -> Result<NewShop, CommerceError> {
    let name = text("name", &shop.name, 120, true)?;
    if !crate::catalog::SHOP_KINDS.contains(&shop.kind.as_str()) {
        return Err(CommerceError::Invalid("kind".into(), "unknown_kind"));
    }
    let district_ok = pack
        .region(
            &shop
                .district
                .parse()
                .map_err(|_| CommerceError::Invalid("district".into(), "unknown_district"))?,
        )
        .is_some_and(|r| r.depth == district_depth(pack));
    if !district_ok {
        return Err(CommerceError::Invalid(
            "district".into(),
            "unknown_district",
        ));
    }
    let optional = |field: &str, v: &Option<String>| -> Result<Option<String>, CommerceError> {
        match v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => text(field, v, 60, false).map(Some),
        }
    };
    let account = text("payout_account", &shop.payout_account, 60, true)?;
    let payout_ok = match shop.payout_kind.as_str() {
        "wallet" => pack.phone.parse_mobile(&account).is_ok(),
        "bank" => account.chars().filter(char::is_ascii_digit).count() >= 6,
        _ => false,
    };
    if !payout_ok {
        return Err(CommerceError::Invalid(
            "payout_account".into(),
            "invalid_payout",
        ));
    }
    Ok(NewShop {
        name,
        kind: shop.kind.clone(),
        district: shop.district.clone(),
        women_led: shop.women_led,
        dbid: optional("dbid", &shop.dbid)?,
        trade_licence: optional("trade_licence", &shop.trade_licence)?,
        payout_kind: shop.payout_kind.clone(),
        payout_account: account,
    })
}

/// Opens a shop for the actor, or for the person an agent acts for under `commerce.sell`.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn open(
    db: &Db,
    pack: &shetu_pack::Pack,
    actor: &Actor,
    shop: NewShop,
) -> Result<Shop, CommerceError> {
    let shop = check(&shop, pack)?;
    let now = now_ms();
    let id = uuid::Uuid::now_v7().to_string();
    let mut tx = db.begin().await?;
    let owner = mandates::subject_for(&mut tx, actor, COMMERCE_SELL, now).await?;
    sqlx::query(
        "INSERT INTO commerce_shop (id, owner_id, name, kind, district_id, women_led, dbid, trade_licence, \
         payout_kind, payout_account, status, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $12)",
    )
    .bind(&id)
    .bind(owner)
    .bind(&shop.name)
    .bind(&shop.kind)
    .bind(&shop.district)
    .bind(i64::from(shop.women_led))
    .bind(&shop.dbid)
    .bind(&shop.trade_licence)
    .bind(&shop.payout_kind)
    .bind(&shop.payout_account)
    .bind(now)
    .bind(actor.person)
    .execute(&mut *tx)
    .await?;
    let event = serde_json::json!({ "shop": id, "kind": shop.kind, "district": shop.district });
    outbox::publish(&mut tx, "commerce.shop.opened", &id, &event).await?;
    record(&mut tx, actor, owner, "commerce.shop.open", &id, event).await?;
    let opened = get_in(&mut tx, &id).await?;
    tx.commit().await?;
    Ok(opened)
}

/// An administrator verifies a shop (its DBID or trade licence was checked); it can then sell.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn verify(db: &Db, actor: &Actor, shop: &str) -> Result<Shop, CommerceError> {
    if !actor.has(Role::Admin) {
        return Err(CommerceError::Forbidden);
    }
    let now = now_ms();
    let mut tx = db.begin().await?;
    let found = get_in(&mut tx, shop).await?;
    sqlx::query("UPDATE commerce_shop SET status = 'verified', verified_at = $1, verified_by = $2 WHERE id = $3")
        .bind(now)
        .bind(actor.person)
        .bind(shop)
        .execute(&mut *tx)
        .await?;
    let owner: PersonId = found
        .owner_id
        .parse()
        .map_err(|_| shetu_store::StoreError::Corrupt("shop owner".into()))?;
    let event = serde_json::json!({ "shop": shop });
    outbox::publish(&mut tx, "commerce.shop.verified", shop, &event).await?;
    record(&mut tx, actor, owner, "commerce.shop.verify", shop, event).await?;
    let verified = get_in(&mut tx, shop).await?;
    tx.commit().await?;
    Ok(verified)
}

pub(crate) async fn record(
    tx: &mut Tx,
    actor: &Actor,
    subject: PersonId,
    action: &str,
    object: &str,
    detail: serde_json::Value,
) -> Result<(), CommerceError> {
    let actor_id = actor.person.to_string();
    let subject_id = subject.to_string();
    audit::record(
        tx,
        audit::Entry {
            actor: Some(&actor_id),
            subject: Some(&subject_id),
            action,
            object: &format!(
                "{}:{object}",
                action.split('.').nth(1).unwrap_or("commerce")
            ),
            request_id: actor.request_id.as_deref(),
            detail,
        },
    )
    .await?;
    Ok(())
}

async fn get_in(tx: &mut Tx, id: &str) -> Result<Shop, CommerceError> {
    sqlx::query_as::<_, Shop>(&format!(
        "SELECT {COLUMNS} FROM commerce_shop WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(CommerceError::NotFound("shop_not_found"))
}

/// A shop by id.
pub async fn get(db: &Db, id: &str) -> Result<Shop, CommerceError> {
    sqlx::query_as::<_, Shop>(&format!(
        "SELECT {COLUMNS} FROM commerce_shop WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(CommerceError::NotFound("shop_not_found"))
}

/// Shops owned by a person.
pub async fn owned_by(db: &Db, owner: PersonId) -> Result<Vec<Shop>, CommerceError> {
    Ok(sqlx::query_as::<_, Shop>(&format!(
        "SELECT {COLUMNS} FROM commerce_shop WHERE owner_id = $1 ORDER BY created_at"
    ))
    .bind(owner)
    .fetch_all(db.pool())
    .await?)
}

/// Shops waiting for verification, oldest first (administrators).
pub async fn pending(db: &Db, actor: &Actor) -> Result<Vec<Shop>, CommerceError> {
    if !actor.has(Role::Admin) {
        return Err(CommerceError::Forbidden);
    }
    Ok(sqlx::query_as::<_, Shop>(&format!(
        "SELECT {COLUMNS} FROM commerce_shop WHERE status = 'pending' ORDER BY created_at LIMIT 200"
    ))
    .fetch_all(db.pool())
    .await?)
}

/// The owner of a shop, checked against the actor (or the person an agent sells for).
pub(crate) async fn require_seller(
    tx: &mut Tx,
    actor: &Actor,
    shop: &str,
    now: i64,
) -> Result<(PersonId, Shop), CommerceError> {
    let found = get_in(tx, shop).await?;
    if actor.has(Role::Admin) && actor.on_behalf_of.is_none() {
        let owner = found
            .owner_id
            .parse()
            .map_err(|_| shetu_store::StoreError::Corrupt("shop owner".into()))?;
        return Ok((owner, found));
    }
    let subject = mandates::subject_for(tx, actor, COMMERCE_SELL, now).await?;
    if subject.to_string() != found.owner_id {
        // Someone else's shop is not theirs to change, and not theirs to learn about either.
        return Err(CommerceError::NotFound("shop_not_found"));
    }
    Ok((subject, found))
}

/// The depth of the regions shops and producers are placed in: districts in Bangladesh (below
/// divisions), the top level where a pack has only one.
pub fn district_depth(pack: &shetu_pack::Pack) -> u8 {
    u8::from(pack.region_levels.len() > 1)
}
