//! Product photos. What a seller uploads — usually straight from the phone's camera — is checked
//! by its content (JPEG, PNG or WebP), decoded within limits, and re-encoded as two JPEGs without
//! metadata: one of at most 1200 pixels a side and a 320-pixel thumbnail for lists, both kept in
//! the photo store under the data directory (`<data_dir>/photos`). The same photo sent twice (a
//! resent form) is kept once.

use crate::error::CommerceError;
use crate::shops::{record, require_seller};
use serde::Serialize;
use sha2::{Digest, Sha256};
use shetu_core::Actor;
use shetu_store::{now_ms, Db};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Largest upload accepted, in bytes (a phone camera's JPEG is 2 to 6 MB).
pub const MAX_BYTES: usize = 6 * 1024 * 1024;
/// Most photos of one product.
pub const MAX_PER_PRODUCT: i64 = 6;
/// Longest side of the photo kept.
pub const FULL_SIDE: u32 = 1200;
/// Longest side of a thumbnail.
pub const THUMB_SIDE: u32 = 320;

/// A photo of a product.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Photo {
    /// Its id.
    pub id: String,
    /// The product.
    pub product_id: String,
    /// Its place among the product's photos (0 is shown first).
    pub position: i64,
    /// The photo (at most 1200 pixels a side).
    pub url: String,
    /// Its thumbnail (at most 320 pixels a side).
    pub thumbnail_url: String,
    /// Width of the photo kept, in pixels.
    pub width: i64,
    /// Height of the photo kept, in pixels.
    pub height: i64,
}

/// An upload, checked and re-encoded, not yet stored.
#[derive(Debug, Clone)]
pub struct Prepared {
    sha256: String,
    full: Vec<u8>,
    thumb: Vec<u8>,
    width: u32,
    height: u32,
}

impl Prepared {
    /// SHA-256 of what was uploaded (hex).
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// Width of the photo kept.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height of the photo kept.
    pub fn height(&self) -> u32 {
        self.height
    }
}

/// Checks and re-encodes an upload (on a blocking thread: decoding a camera photo takes a while).
pub async fn prepare(bytes: Vec<u8>) -> Result<Prepared, CommerceError> {
    blocking(move || {
        let image = shetu_people::photo::decode(&bytes, MAX_BYTES)?;
        encode(&image, hex(&Sha256::digest(&bytes)))
    })
    .await
}

/// Encodes a picture the platform drew itself (the demo's), as an upload would be.
pub async fn prepare_image(image: image::DynamicImage) -> Result<Prepared, CommerceError> {
    blocking(move || {
        let prepared = encode(&image, String::new())?;
        Ok(Prepared {
            sha256: hex(&Sha256::digest(&prepared.full)),
            ..prepared
        })
    })
    .await
}

async fn blocking(
    work: impl FnOnce() -> Result<Prepared, CommerceError> + Send + 'static,
) -> Result<Prepared, CommerceError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| CommerceError::Store(shetu_store::StoreError::Corrupt(e.to_string())))?
}

fn encode(image: &image::DynamicImage, sha256: String) -> Result<Prepared, CommerceError> {
    let full = shetu_people::photo::jpeg(image, FULL_SIDE, 82)?;
    let thumb = shetu_people::photo::jpeg(image, THUMB_SIDE, 75)?;
    let (width, height) = scaled(image.width(), image.height(), FULL_SIDE);
    Ok(Prepared {
        sha256,
        full,
        thumb,
        width,
        height,
    })
}

/// The size of a `width` × `height` image once its longest side is at most `side`.
fn scaled(width: u32, height: u32, side: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= side {
        return (width, height);
    }
    let f = |x: u32| {
        ((u64::from(x) * u64::from(side) + u64::from(longest) / 2) / u64::from(longest)) as u32
    };
    (f(width).max(1), f(height).max(1))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where photo files are kept: a folder of the node (`<data_dir>/photos`; every node of a
/// deployment must share it, e.g. over NFS) or a bucket of an S3-compatible object store
/// (`[modules.commerce.photos] store = "s3"`), which several nodes share by themselves. Either
/// way pages load photos from the node (`/shop/photos/{name}`), so no page depends on another
/// origin.
#[derive(Debug, Clone)]
pub struct PhotoStore {
    place: Place,
}

#[derive(Debug, Clone)]
enum Place {
    Folder(PathBuf),
    S3(Arc<S3>),
}

/// A bucket of an S3-compatible store, reached with signed requests.
pub struct S3 {
    bucket: rusty_s3::Bucket,
    credentials: rusty_s3::Credentials,
    client: reqwest::Client,
}

impl std::fmt::Debug for S3 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret key.
        f.debug_struct("S3")
            .field("endpoint", &self.bucket.base_url().as_str())
            .field("bucket", &self.bucket.name())
            .finish()
    }
}

/// How long a signed request to the object store stays valid.
const SIGNED_FOR: std::time::Duration = std::time::Duration::from_secs(60);

/// The object store's settings.
#[derive(Debug, Clone)]
pub struct S3Settings {
    /// `https://…` (or `http://` on a private network), without the bucket.
    pub endpoint: String,
    /// The bucket (it must exist).
    pub bucket: String,
    /// The region the store expects in signatures (`us-east-1` for most self-hosted stores).
    pub region: String,
    /// Access key id.
    pub access_key: String,
    /// Secret access key.
    pub secret_key: String,
}

/// A photo's name, if `name` is one (`<uuid>.jpg`, `<uuid>-t.jpg`), with its id.
fn checked(name: &str) -> Option<&str> {
    let stem = name.strip_suffix(".jpg")?;
    let id = stem.strip_suffix("-t").unwrap_or(stem);
    uuid::Uuid::parse_str(id).ok()?;
    (id.len() == 36).then_some(id)
}

impl PhotoStore {
    /// The store in `<data_dir>/photos`.
    pub fn new(data_dir: &std::path::Path) -> PhotoStore {
        PhotoStore {
            place: Place::Folder(data_dir.join("photos")),
        }
    }

    /// The store in an S3 bucket (path-style addresses, which every S3-compatible store takes).
    pub fn s3(settings: &S3Settings) -> Result<PhotoStore, String> {
        let endpoint = url::Url::parse(settings.endpoint.trim_end_matches('/'))
            .map_err(|e| format!("photos.endpoint: {e}"))?;
        if !matches!(endpoint.scheme(), "https" | "http") {
            return Err("photos.endpoint: expected an http:// or https:// address".into());
        }
        let bucket = rusty_s3::Bucket::new(
            endpoint,
            rusty_s3::UrlStyle::Path,
            settings.bucket.clone(),
            settings.region.clone(),
        )
        .map_err(|e| format!("photos.bucket: {e}"))?;
        Ok(PhotoStore {
            place: Place::S3(Arc::new(S3 {
                bucket,
                credentials: rusty_s3::Credentials::new(
                    settings.access_key.clone(),
                    settings.secret_key.clone(),
                ),
                client: shetu_web::outbound::client(),
            })),
        })
    }

    /// The file of a photo or its thumbnail in the folder, if `name` is one.
    fn path(dir: &std::path::Path, name: &str) -> Option<PathBuf> {
        let id = checked(name)?;
        // Spread over 256 folders by the id's last two hex digits (ids begin with the time).
        Some(dir.join(&id[34..]).join(name))
    }

    pub(crate) async fn write(&self, id: &str, prepared: &Prepared) -> Result<(), CommerceError> {
        for (name, bytes) in [
            (format!("{id}.jpg"), &prepared.full),
            (format!("{id}-t.jpg"), &prepared.thumb),
        ] {
            match &self.place {
                Place::Folder(dir) => {
                    let path = Self::path(dir, &name).ok_or_else(|| io(&name))?;
                    let folder = path.parent().ok_or_else(|| io(&name))?;
                    tokio::fs::create_dir_all(folder)
                        .await
                        .map_err(|e| io(&e.to_string()))?;
                    // Written aside, then renamed: a reader never sees half a file.
                    let part = path.with_extension("part");
                    tokio::fs::write(&part, bytes)
                        .await
                        .map_err(|e| io(&e.to_string()))?;
                    tokio::fs::rename(&part, &path)
                        .await
                        .map_err(|e| io(&e.to_string()))?;
                }
                Place::S3(s3) => s3.put(&name, bytes.clone()).await?,
            }
        }
        Ok(())
    }

    pub(crate) async fn remove(&self, id: &str) {
        for name in [format!("{id}.jpg"), format!("{id}-t.jpg")] {
            match &self.place {
                Place::Folder(dir) => {
                    if let Some(path) = Self::path(dir, &name) {
                        let _ = tokio::fs::remove_file(path).await;
                    }
                }
                Place::S3(s3) => s3.delete(&name).await,
            }
        }
    }

    /// The bytes of a photo file by its name, if there is one.
    pub async fn read(&self, name: &str) -> Option<Vec<u8>> {
        match &self.place {
            Place::Folder(dir) => tokio::fs::read(Self::path(dir, name)?).await.ok(),
            Place::S3(s3) => s3.get(name).await,
        }
    }
}

impl S3 {
    fn key(name: &str) -> Option<String> {
        checked(name).map(|_| format!("photos/{name}"))
    }

    async fn put(&self, name: &str, bytes: Vec<u8>) -> Result<(), CommerceError> {
        use rusty_s3::S3Action;
        let key = Self::key(name).ok_or_else(|| io(name))?;
        let url = self
            .bucket
            .put_object(Some(&self.credentials), &key)
            .sign(SIGNED_FOR);
        let answer = self
            .client
            .put(url)
            .header("content-type", "image/jpeg")
            .body(bytes)
            .send()
            .await
            .map_err(|e| io(&format!("object store: {e}")))?;
        if answer.status().is_success() {
            Ok(())
        } else {
            Err(io(&format!(
                "object store answered {} to PUT {key}",
                answer.status()
            )))
        }
    }

    async fn get(&self, name: &str) -> Option<Vec<u8>> {
        use rusty_s3::S3Action;
        let key = Self::key(name)?;
        let url = self
            .bucket
            .get_object(Some(&self.credentials), &key)
            .sign(SIGNED_FOR);
        let answer = self.client.get(url).send().await.ok()?;
        if !answer.status().is_success() {
            if answer.status() != reqwest::StatusCode::NOT_FOUND {
                tracing::warn!(key, status = %answer.status(), "object store did not give a photo");
            }
            return None;
        }
        answer.bytes().await.ok().map(|b| b.to_vec())
    }

    async fn delete(&self, name: &str) {
        use rusty_s3::S3Action;
        let Some(key) = Self::key(name) else { return };
        let url = self
            .bucket
            .delete_object(Some(&self.credentials), &key)
            .sign(SIGNED_FOR);
        if let Err(e) = self.client.delete(url).send().await {
            tracing::warn!(key, "object store did not remove a photo: {e}");
        }
    }
}

fn io(what: &str) -> CommerceError {
    tracing::error!("photo store: {what}");
    CommerceError::PhotoStoreUnavailable
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    product_id: String,
    position: i64,
    width: i64,
    height: i64,
}

impl From<Row> for Photo {
    fn from(r: Row) -> Photo {
        Photo {
            url: format!("/shop/photos/{}.jpg", r.id),
            thumbnail_url: format!("/shop/photos/{}-t.jpg", r.id),
            id: r.id,
            product_id: r.product_id,
            position: r.position,
            width: r.width,
            height: r.height,
        }
    }
}

/// Adds a prepared photo to a product of the actor's shop (or of the client's shop an agent sells
/// for under `commerce.sell`). The same photo again returns the one kept.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn add(
    db: &Db,
    store: &PhotoStore,
    actor: &Actor,
    product: &str,
    prepared: &Prepared,
) -> Result<Photo, CommerceError> {
    let id = uuid::Uuid::now_v7().to_string();
    store.write(&id, prepared).await?;
    let added = add_row(db, actor, product, &id, prepared).await;
    match &added {
        Ok(photo) if photo.id == id => {}
        // Refused, or the same photo was already there: the files just written are not needed.
        _ => store.remove(&id).await,
    }
    added
}

async fn add_row(
    db: &Db,
    actor: &Actor,
    product: &str,
    id: &str,
    prepared: &Prepared,
) -> Result<Photo, CommerceError> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    let shop: Option<String> =
        sqlx::query_scalar("SELECT shop_id FROM commerce_product WHERE id = $1")
            .bind(product)
            .fetch_optional(&mut *tx)
            .await?;
    let shop = shop.ok_or(CommerceError::NotFound("product_not_found"))?;
    let (owner, _) = require_seller(&mut tx, actor, &shop, now)
        .await
        .map_err(|e| match e {
            CommerceError::NotFound(_) => CommerceError::NotFound("product_not_found"),
            other => other,
        })?;
    let select = "SELECT id, product_id, position, width, height FROM commerce_photo";
    let same: Option<Row> =
        sqlx::query_as(&format!("{select} WHERE product_id = $1 AND sha256 = $2"))
            .bind(product)
            .bind(&prepared.sha256)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some(same) = same {
        return Ok(same.into());
    }
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM commerce_photo WHERE product_id = $1")
            .bind(product)
            .fetch_one(&mut *tx)
            .await?;
    if count >= MAX_PER_PRODUCT {
        return Err(CommerceError::Invalid("photo".into(), "too_many_photos"));
    }
    sqlx::query(
        "INSERT INTO commerce_photo (id, product_id, position, sha256, width, height, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(product)
    .bind(count)
    .bind(&prepared.sha256)
    .bind(i64::from(prepared.width))
    .bind(i64::from(prepared.height))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    crate::products::changed(&mut tx, product).await?;
    let detail = serde_json::json!({ "product": product, "photo": id });
    record(&mut tx, actor, owner, "commerce.photo.add", id, detail).await?;
    tx.commit().await?;
    Ok(Row {
        id: id.to_owned(),
        product_id: product.to_owned(),
        position: count,
        width: i64::from(prepared.width),
        height: i64::from(prepared.height),
    }
    .into())
}

/// A product's photos, in order.
pub async fn of_product(db: &Db, product: &str) -> Result<Vec<Photo>, CommerceError> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, product_id, position, width, height FROM commerce_photo WHERE product_id = $1 ORDER BY position",
    )
    .bind(product)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(Photo::from).collect())
}

/// The first photo of each of `products` that has one.
pub async fn first_of(
    db: &Db,
    products: &[String],
) -> Result<HashMap<String, Photo>, CommerceError> {
    if products.is_empty() {
        return Ok(HashMap::new());
    }
    let mut sql = shetu_store::sql::Sql::new(
        "SELECT id, product_id, position, width, height FROM commerce_photo WHERE position = 0 AND product_id IN ",
    );
    sql.list(products.iter().cloned());
    let args = sql.build_args()?;
    let rows: Vec<Row> = sqlx::query_as_with(sql.text(), args)
        .fetch_all(db.pool())
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.product_id.clone(), Photo::from(r)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_scale_by_the_longest_side_and_names_are_checked() {
        assert_eq!(scaled(4000, 3000, 1200), (1200, 900));
        assert_eq!(scaled(3000, 4000, 320), (240, 320));
        assert_eq!(scaled(800, 600, 1200), (800, 600));
        let dir = std::path::Path::new("/data/photos");
        let id = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        assert_eq!(
            PhotoStore::path(dir, &format!("{id}-t.jpg")),
            Some(PathBuf::from(format!("/data/photos/5b/{id}-t.jpg")))
        );
        assert_eq!(
            S3::key(&format!("{id}.jpg")),
            Some(format!("photos/{id}.jpg"))
        );
        for bad in [
            "../../etc/passwd",
            "x.jpg",
            &format!("{id}.png"),
            &format!("{id}/../a.jpg"),
            "",
        ] {
            assert_eq!(PhotoStore::path(dir, bad), None, "{bad}");
            assert_eq!(S3::key(bad), None, "{bad}");
        }
    }
}
