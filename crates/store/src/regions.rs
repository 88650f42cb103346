//! Administrative regions, seeded from the country pack and read by the API and pages.

use crate::db::Db;
use crate::error::StoreError;
use crate::{audit, outbox, settings};
use shetu_core::{LocalizedText, Region, RegionId};
use shetu_pack::Pack;
use sqlx::Row;

/// The setting that records which pack the database holds.
pub const PACK_SETTING: &str = "country_pack";

/// Seeds the pack's regions in one transaction. Idempotent: regions already there are kept. A
/// database seeded with another pack is refused (one deployment serves one country).
pub async fn seed(db: &Db, pack: &Pack) -> Result<usize, StoreError> {
    if let Some(existing) = settings::get(db, PACK_SETTING).await? {
        if existing != pack.code {
            return Err(StoreError::Mismatch(format!(
                "this database holds the `{existing}` country pack; it cannot also serve `{}`",
                pack.code
            )));
        }
    }
    let mut tx = db.begin().await?;
    let mut added = 0;
    for region in pack.regions() {
        let names = serde_json::to_string(&region.name)?;
        let done = sqlx::query(
            "INSERT INTO region (id, pack, parent_id, level, depth, iso_code, names, position) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING",
        )
        .bind(region.id.as_str())
        .bind(&pack.code)
        .bind(region.parent.as_ref().map(RegionId::as_str))
        .bind(&region.level)
        .bind(i64::from(region.depth))
        .bind(region.iso_code.as_deref())
        .bind(names)
        .bind(i64::from(region.position))
        .execute(&mut *tx)
        .await?;
        added += usize::try_from(done.rows_affected()).unwrap_or(0);
    }
    settings::set(&mut tx, PACK_SETTING, &pack.code).await?;
    if added > 0 {
        let payload = serde_json::json!({ "pack": pack.code, "added": added });
        outbox::publish(&mut tx, "region.seeded", &pack.code, &payload).await?;
        let entry = audit::Entry {
            actor: None,
            subject: None,
            action: "region.seed",
            object: &format!("pack:{}", pack.code),
            request_id: None,
            detail: payload.clone(),
        };
        audit::record(&mut tx, entry).await?;
    }
    tx.commit().await?;
    Ok(added)
}

/// A page of regions.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionPage {
    /// The regions, in the pack's order.
    pub items: Vec<RegionRow>,
    /// Cursor for the next page, if there is one.
    pub next: Option<i64>,
}

/// A region with how many regions lie directly inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionRow {
    /// The region.
    pub region: Region,
    /// Number of child regions.
    pub children: i64,
}

const COLUMNS: &str = "r.id, r.parent_id, r.level, r.depth, r.iso_code, r.names, r.position, \
     (SELECT COUNT(*) FROM region c WHERE c.parent_id = r.id) AS children";

/// Regions directly inside `parent` (`None`: the top level of `pack`), after position `after`.
pub async fn children(
    db: &Db,
    pack: &str,
    parent: Option<&RegionId>,
    after: Option<i64>,
    limit: i64,
) -> Result<RegionPage, StoreError> {
    let filter = if parent.is_some() {
        "r.parent_id = $1"
    } else {
        "r.parent_id IS NULL AND r.pack = $1"
    };
    let sql = format!("SELECT {COLUMNS} FROM region r WHERE {filter} AND r.position > $2 ORDER BY r.position LIMIT $3");
    let key = parent.map_or(pack, RegionId::as_str);
    let rows = sqlx::query(&sql)
        .bind(key)
        .bind(after.unwrap_or(-1))
        .bind(limit + 1)
        .fetch_all(db.pool())
        .await?;
    let mut items = rows
        .iter()
        .map(row_to_region)
        .collect::<Result<Vec<_>, _>>()?;
    let next = if items.len() > usize::try_from(limit).unwrap_or(0) {
        items.truncate(usize::try_from(limit).unwrap_or(0));
        items.last().map(|r| i64::from(r.region.position))
    } else {
        None
    };
    Ok(RegionPage { items, next })
}

/// One region by id.
pub async fn get(db: &Db, id: &RegionId) -> Result<Option<RegionRow>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM region r WHERE r.id = $1");
    let row = sqlx::query(&sql)
        .bind(id.as_str())
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(row_to_region).transpose()
}

/// The region and those above it, top first.
pub async fn ancestry(db: &Db, id: &RegionId) -> Result<Vec<RegionRow>, StoreError> {
    let mut chain = Vec::new();
    let mut next = Some(id.clone());
    while let Some(id) = next {
        let Some(row) = get(db, &id).await? else {
            break;
        };
        next = row.region.parent.clone();
        chain.push(row);
        if chain.len() > 16 {
            return Err(StoreError::Corrupt("region hierarchy loops".into()));
        }
    }
    chain.reverse();
    Ok(chain)
}

fn row_to_region(r: &sqlx::any::AnyRow) -> Result<RegionRow, StoreError> {
    let id: String = r.try_get("id")?;
    let parent: Option<String> = r.try_get("parent_id")?;
    let names: String = r.try_get("names")?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("region {id}: {what}"));
    let region = Region {
        id: RegionId::parse(&id).map_err(|_| corrupt("id"))?,
        parent: parent
            .map(|p| RegionId::parse(&p))
            .transpose()
            .map_err(|_| corrupt("parent"))?,
        level: r.try_get("level")?,
        depth: u8::try_from(r.try_get::<i64, _>("depth")?).map_err(|_| corrupt("depth"))?,
        iso_code: r.try_get("iso_code")?,
        name: serde_json::from_str::<LocalizedText>(&names)?,
        position: u32::try_from(r.try_get::<i64, _>("position")?)
            .map_err(|_| corrupt("position"))?,
    };
    Ok(RegionRow {
        region,
        children: r.try_get("children")?,
    })
}
