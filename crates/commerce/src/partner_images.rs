//! Photos a partner hosts. A partner names its product photos by address (`image_urls`); pages
//! never load them from the partner's server (no third-party assets, and a partner's server may
//! be slow or gone). A job fetches each one, checks and re-encodes it like an upload, and keeps
//! it in the photo store, so a partner's product shows its photos like any other. A photo whose
//! address the partner drops is removed; an address that answers with something that is not an
//! image is skipped; a server that cannot be reached is tried again later.

use crate::photos::{self, PhotoStore};
use sha2::{Digest, Sha256};
use shetu_store::jobs::{ClaimedJob, JobError, JobFuture, JobHandler, NewJob, PrepareFuture};
use shetu_store::{now_ms, Db, Tx};

/// The job that fetches a partner product's photos.
pub const FETCH_KIND: &str = "commerce.partner_images";

/// Queues fetching `product`'s photos (in the caller's transaction).
pub(crate) async fn schedule(
    tx: &mut Tx,
    product: &str,
) -> Result<(), crate::error::CommerceError> {
    let job = NewJob::new(FETCH_KIND, serde_json::json!({ "product": product }));
    shetu_store::jobs::enqueue(tx, job).await?;
    Ok(())
}

/// The photo id an address of a product is kept under: the same on every run, so that a job run
/// again writes the same files.
fn photo_id(product: &str, url: &str) -> String {
    let digest = Sha256::digest(format!("{product}\n{url}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// Fetches partner photos into `store`.
pub struct FetchPartnerImages {
    store: PhotoStore,
    client: reqwest::Client,
}

impl FetchPartnerImages {
    /// The job's handler, keeping photos in `store`.
    pub fn new(store: PhotoStore) -> FetchPartnerImages {
        FetchPartnerImages {
            store,
            client: shetu_web::outbound::client(),
        }
    }

    /// The bytes at `url`, at most [`photos::MAX_BYTES`]. `Err(true)` when trying again may help.
    async fn fetch(&self, url: &str) -> Result<Vec<u8>, (bool, String)> {
        let mut answer = self
            .client
            .get(url)
            .send()
            .await
            .map_err(|e| (true, format!("cannot reach {url}: {e}")))?;
        let status = answer.status();
        if !status.is_success() {
            // A server error may pass; a 4xx (gone, forbidden) will not.
            return Err((
                status.is_server_error(),
                format!("{url} answered HTTP {status}"),
            ));
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = answer
            .chunk()
            .await
            .map_err(|e| (true, format!("{url}: {e}")))?
        {
            if bytes.len() + chunk.len() > photos::MAX_BYTES {
                return Err((
                    false,
                    format!("{url} is larger than {} bytes", photos::MAX_BYTES),
                ));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    }
}

#[derive(sqlx::FromRow)]
struct Wanted {
    shop_id: String,
    image_urls: Option<String>,
}

impl JobHandler for FetchPartnerImages {
    fn kind(&self) -> &'static str {
        FETCH_KIND
    }

    /// Fetches and stores every listed photo not yet kept; answers what was kept.
    fn prepare<'a>(&'a self, db: &'a Db, job: &'a ClaimedJob) -> PrepareFuture<'a> {
        Box::pin(async move {
            let product = job.payload["product"].as_str().unwrap_or_default();
            let wanted: Option<Wanted> = sqlx::query_as(
                "SELECT shop_id, image_urls FROM commerce_product WHERE id = $1 AND partner_ref IS NOT NULL",
            )
            .bind(product)
            .fetch_optional(db.pool())
            .await?;
            let Some(wanted) = wanted else {
                return Ok(serde_json::Value::Null);
            };
            let urls: Vec<String> = wanted
                .image_urls
                .as_deref()
                .and_then(|s| serde_json::from_str(s).ok())
                .unwrap_or_default();
            let kept: Vec<String> = sqlx::query_scalar(
                "SELECT source_url FROM commerce_photo WHERE product_id = $1 AND source_url IS NOT NULL",
            )
            .bind(product)
            .fetch_all(db.pool())
            .await?;
            let mut fetched = Vec::new();
            for url in urls.iter().filter(|u| !kept.contains(u)) {
                let bytes = match self.fetch(url).await {
                    Ok(bytes) => bytes,
                    Err((true, why)) => return Err(JobError::Retry(why)),
                    Err((false, why)) => {
                        tracing::warn!(product, shop = %wanted.shop_id, "partner photo skipped: {why}");
                        continue;
                    }
                };
                let prepared = match photos::prepare(bytes).await {
                    Ok(p) => p,
                    Err(e) => {
                        tracing::warn!(product, url, "partner photo is not a usable image: {e}");
                        continue;
                    }
                };
                let id = photo_id(product, url);
                self.store
                    .write(&id, &prepared)
                    .await
                    .map_err(|e| JobError::Retry(e.to_string()))?;
                fetched.push(serde_json::json!({
                    "id": id, "url": url, "sha256": prepared.sha256(),
                    "width": prepared.width(), "height": prepared.height(),
                }));
            }
            Ok(serde_json::json!({ "urls": urls, "fetched": fetched }))
        })
    }

    /// Keeps what was fetched and drops photos of addresses no longer listed, in one transaction.
    fn run<'a>(&'a self, tx: &'a mut Tx, job: &'a ClaimedJob) -> JobFuture<'a> {
        Box::pin(async move {
            if job.prepared.is_null() {
                return Ok(());
            }
            let product = job.payload["product"].as_str().unwrap_or_default();
            let urls: Vec<String> = job.prepared["urls"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|u| u.as_str().map(str::to_owned))
                .collect();
            let kept: Vec<(String, String)> = sqlx::query_as(
                "SELECT id, source_url FROM commerce_photo WHERE product_id = $1 AND source_url IS NOT NULL",
            )
            .bind(product)
            .fetch_all(&mut **tx)
            .await?;
            let mut changed = false;
            for (id, url) in kept.iter().filter(|(_, u)| !urls.contains(u)) {
                sqlx::query("DELETE FROM commerce_photo WHERE id = $1")
                    .bind(id)
                    .execute(&mut **tx)
                    .await?;
                tracing::info!(product, url, "partner photo dropped");
                changed = true;
            }
            for photo in job.prepared["fetched"].as_array().into_iter().flatten() {
                let url = photo["url"].as_str().unwrap_or_default();
                // Shown in the order the partner listed them.
                let position = urls.iter().position(|u| u == url).unwrap_or(0);
                let added = sqlx::query(
                    "INSERT INTO commerce_photo (id, product_id, position, sha256, width, height, created_at, source_url) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
                )
                .bind(photo["id"].as_str().unwrap_or_default())
                .bind(product)
                .bind(i64::try_from(position).unwrap_or(0))
                .bind(photo["sha256"].as_str().unwrap_or_default())
                .bind(photo["width"].as_i64().unwrap_or(0))
                .bind(photo["height"].as_i64().unwrap_or(0))
                .bind(now_ms())
                .bind(url)
                .execute(&mut **tx)
                .await?;
                changed |= added.rows_affected() > 0;
            }
            if changed {
                crate::products::changed(tx, product)
                    .await
                    .map_err(|e| JobError::Retry(e.to_string()))?;
            }
            Ok(())
        })
    }
}
