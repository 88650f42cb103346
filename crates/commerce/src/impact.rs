//! The marketplace's impact, computed live: how much of the catalogue, the orders and the sales
//! comes from women-led enterprises, by district; how many farmers, wholesalers and partner
//! companies sell. Published as open data with small counts suppressed, so that no figure
//! reveals one seller's business.

use crate::error::CommerceError;
use serde::Serialize;
use shetu_store::Db;
use std::collections::BTreeMap;

/// Counts below this are not published by district (shown as suppressed).
pub const MIN_CELL: i64 = 5;

/// A count or sum by district; `None` (`null` in JSON, empty in CSV) when too few to publish.
pub type Cell = Option<i64>;

/// Figures for one district.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct District {
    /// Region id.
    pub district: String,
    /// Products listed (verified shops).
    pub products: Cell,
    /// Of which from women-led enterprises.
    pub products_women_led: Cell,
    /// Orders placed and not cancelled or returned.
    pub orders: Cell,
    /// Of which from women-led enterprises.
    pub orders_women_led: Cell,
    /// Value of delivered and completed orders (minor units).
    pub sales_minor: Cell,
    /// Of which from women-led enterprises.
    pub sales_women_led_minor: Cell,
}

/// The whole picture.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Impact {
    /// Products listed.
    pub products: i64,
    /// Of which from women-led enterprises.
    pub products_women_led: i64,
    /// Orders placed and not cancelled or returned.
    pub orders: i64,
    /// Of which from women-led enterprises.
    pub orders_women_led: i64,
    /// Value of delivered and completed orders (minor units).
    pub sales_minor: i64,
    /// Of which from women-led enterprises.
    pub sales_women_led_minor: i64,
    /// Verified shops run by farmers.
    pub farmers: i64,
    /// Verified wholesalers.
    pub wholesalers: i64,
    /// Verified cottage and micro enterprise shops.
    pub shops: i64,
    /// Partner e-commerce companies.
    pub partner_companies: i64,
    /// By district, largest sales first; counts under 5 suppressed.
    pub districts: Vec<District>,
    /// The suppression threshold.
    pub min_cell: i64,
}

#[derive(Default, Clone, Copy)]
struct Raw {
    products: [i64; 2],
    orders: [i64; 2],
    sales: [i64; 2],
}

fn cell(value: i64, count: i64) -> Cell {
    (count >= MIN_CELL).then_some(value)
}

/// The women-led part of a published total: shown when the total is, and when it reveals no
/// small group — it is none, all, or both it and the rest have at least [`MIN_CELL`].
fn part(value: i64, count: i64, total: i64) -> Cell {
    let rest = total - count;
    let safe = count == 0 || rest == 0 || (count >= MIN_CELL && rest >= MIN_CELL);
    (total >= MIN_CELL && safe).then_some(value)
}

/// Computes the figures now.
pub async fn compute(db: &Db) -> Result<Impact, CommerceError> {
    let mut by: BTreeMap<String, Raw> = BTreeMap::new();
    let products: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT s.district_id, s.women_led, COUNT(*) FROM commerce_product p JOIN commerce_shop s ON s.id = p.shop_id \
         WHERE p.status = 'active' AND s.status = 'verified' GROUP BY s.district_id, s.women_led",
    )
    .fetch_all(db.pool())
    .await?;
    for (district, women, n) in products {
        by.entry(district).or_default().products[usize::from(women == 1)] += n;
    }
    let orders: Vec<(String, i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT s.district_id, s.women_led, COUNT(*), \
         CAST(SUM(CASE WHEN o.state IN ('delivered', 'completed') THEN o.total_minor ELSE 0 END) AS BIGINT) \
         FROM commerce_order o JOIN commerce_shop s ON s.id = o.shop_id \
         WHERE o.state NOT IN ('cancelled', 'returned') GROUP BY s.district_id, s.women_led",
    )
    .fetch_all(db.pool())
    .await?;
    for (district, women, n, sales) in orders {
        let raw = by.entry(district).or_default();
        raw.orders[usize::from(women == 1)] += n;
        raw.sales[usize::from(women == 1)] += sales.unwrap_or(0);
    }
    let kinds: Vec<(String, i64)> = sqlx::query_as(
        "SELECT kind, COUNT(*) FROM commerce_shop WHERE status = 'verified' GROUP BY kind",
    )
    .fetch_all(db.pool())
    .await?;
    let kind = |k: &str| kinds.iter().find(|(x, _)| x == k).map_or(0, |(_, n)| *n);
    let partner_companies: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM organization WHERE kind = 'partner_marketplace'")
            .fetch_one(db.pool())
            .await?;
    let total = |f: fn(&Raw) -> [i64; 2], women: bool| -> i64 {
        by.values()
            .map(|r| {
                let v = f(r);
                if women {
                    v[1]
                } else {
                    v[0] + v[1]
                }
            })
            .sum()
    };
    let mut districts: Vec<District> = by
        .iter()
        .map(|(district, r)| {
            let products = r.products[0] + r.products[1];
            let orders = r.orders[0] + r.orders[1];
            District {
                district: district.clone(),
                products: cell(products, products),
                products_women_led: part(r.products[1], r.products[1], products),
                orders: cell(orders, orders),
                orders_women_led: part(r.orders[1], r.orders[1], orders),
                sales_minor: cell(r.sales[0] + r.sales[1], orders),
                sales_women_led_minor: part(r.sales[1], r.orders[1], orders),
            }
        })
        .collect();
    districts.sort_by_key(|d| std::cmp::Reverse(d.sales_minor.unwrap_or(-1)));
    Ok(Impact {
        products: total(|r| r.products, false),
        products_women_led: total(|r| r.products, true),
        orders: total(|r| r.orders, false),
        orders_women_led: total(|r| r.orders, true),
        sales_minor: total(|r| r.sales, false),
        sales_women_led_minor: total(|r| r.sales, true),
        farmers: kind("farmer"),
        wholesalers: kind("wholesaler"),
        shops: kind("shop"),
        partner_companies,
        districts,
        min_cell: MIN_CELL,
    })
}
