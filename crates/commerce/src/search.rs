//! The catalogue in this node's search index: one document per product of a verified shop, with
//! its category path, its district's path, its lowest price and flags (`women_led`, `in_stock`,
//! the shop's kind), kept fresh from the outbox.

use crate::catalog::category_path;
use shetu_search::feed::{Change, Source};
use shetu_search::{Document, SearchError};
use shetu_store::outbox::Event;
use shetu_store::{BoxFuture, Db, StoreError};

/// Prefix of product document ids in the shared index.
pub const PREFIX: &str = "product:";
/// First segment of a product document's category path (other modules' documents share the
/// index).
pub const ROOT: &str = "product";

/// The products of verified shops, as search documents.
#[derive(Debug, Default)]
pub struct ProductSource;

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    title_bn: String,
    title_en: String,
    description_bn: String,
    description_en: String,
    category: String,
    shop_name: String,
    kind: String,
    district_id: String,
    division_id: Option<String>,
    women_led: i64,
    status: String,
    shop_status: String,
    price: Option<i64>,
    stock: Option<i64>,
}

const SELECT: &str = "SELECT p.id, p.title_bn, p.title_en, p.description_bn, p.description_en, p.category, \
    s.name AS shop_name, s.kind, s.district_id, r.parent_id AS division_id, s.women_led, p.status, \
    s.status AS shop_status, \
    (SELECT MIN(v.price_minor) FROM commerce_variant v WHERE v.product_id = p.id) AS price, \
    (SELECT CAST(SUM(v.stock) AS BIGINT) FROM commerce_variant v WHERE v.product_id = p.id) AS stock \
    FROM commerce_product p JOIN commerce_shop s ON s.id = p.shop_id LEFT JOIN region r ON r.id = s.district_id";

fn document(r: &Row) -> Document {
    let mut category = vec![ROOT.to_owned()];
    category.extend(category_path(&r.category));
    let mut flags = vec![format!("kind:{}", r.kind)];
    if r.women_led == 1 {
        flags.push("women_led".into());
    }
    if r.stock.unwrap_or(0) > 0 {
        flags.push("in_stock".into());
    }
    Document {
        id: format!("{PREFIX}{}", r.id),
        title: format!("{} {}", r.title_bn, r.title_en),
        body: format!("{} {} {}", r.description_bn, r.description_en, r.shop_name),
        category,
        region: r
            .division_id
            .iter()
            .cloned()
            .chain(std::iter::once(r.district_id.clone()))
            .collect(),
        price: r.price.and_then(|p| u64::try_from(p).ok()),
        flags,
    }
}

fn store(e: sqlx::Error) -> SearchError {
    SearchError::Store(StoreError::from(e))
}

async fn change_of(db: &Db, filter: &str, id: &str) -> Result<Change, SearchError> {
    let rows: Vec<Row> = sqlx::query_as(&format!("{SELECT} WHERE {filter}"))
        .bind(id)
        .fetch_all(db.pool())
        .await
        .map_err(store)?;
    let mut change = Change::default();
    for r in &rows {
        if r.status == "active" && r.shop_status == "verified" {
            change.upsert.push(document(r));
        } else {
            change.delete.push(format!("{PREFIX}{}", r.id));
        }
    }
    Ok(change)
}

impl Source for ProductSource {
    fn name(&self) -> &'static str {
        "products"
    }

    fn wants(&self, topic: &str) -> bool {
        topic == "commerce.product.changed" || topic == "commerce.shop.verified"
    }

    fn change<'a>(
        &'a self,
        db: &'a Db,
        event: &'a Event,
    ) -> BoxFuture<'a, Result<Change, SearchError>> {
        Box::pin(async move {
            if event.topic == "commerce.shop.verified" {
                change_of(db, "p.shop_id = $1", &event.aggregate_id).await
            } else {
                change_of(db, "p.id = $1", &event.aggregate_id).await
            }
        })
    }

    fn all<'a>(
        &'a self,
        db: &'a Db,
        after: Option<String>,
        limit: i64,
    ) -> BoxFuture<'a, Result<Vec<Document>, SearchError>> {
        Box::pin(async move {
            let after = after
                .as_deref()
                .and_then(|a| a.strip_prefix(PREFIX))
                .unwrap_or("")
                .to_owned();
            let rows: Vec<Row> = sqlx::query_as(&format!(
                "{SELECT} WHERE p.id > $1 AND p.status = 'active' AND s.status = 'verified' ORDER BY p.id LIMIT $2"
            ))
            .bind(after)
            .bind(limit)
            .fetch_all(db.pool())
            .await
            .map_err(store)?;
            Ok(rows.iter().map(document).collect())
        })
    }

    fn count<'a>(&'a self, db: &'a Db) -> BoxFuture<'a, Result<u64, SearchError>> {
        Box::pin(async move {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM commerce_product p JOIN commerce_shop s ON s.id = p.shop_id \
                 WHERE p.status = 'active' AND s.status = 'verified'",
            )
            .fetch_one(db.pool())
            .await
            .map_err(store)?;
            Ok(u64::try_from(n).unwrap_or(0))
        })
    }
}
