//! The storefront: the catalogue with search and facets, and a product. The cart and checkout
//! are in `cart_pages`, the orders in `order_pages`.

use super::{money, place, search_products, title, ProductFilter};
use crate::products;
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use shetu_web::auth::Visitor;
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{percent_encode, render, Chrome};
use shetu_web::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/shop", get(catalogue))
        .route("/shop/products/{id}", get(product))
        .route("/shop/photos/{name}", get(photo_file))
        .merge(super::cart_pages::router())
        .merge(super::order_pages::router())
}

struct FacetLink {
    href: String,
    label: String,
    count: String,
    current: bool,
}

struct Card {
    id: String,
    title: String,
    price: String,
    shop: String,
    place: String,
    women_led: bool,
    in_stock: bool,
    /// The first photo's thumbnail: (address, width, height).
    thumb: Option<(String, i64, i64)>,
}

/// The thumbnail of `photo`: its address and size once scaled to the thumbnail's side.
fn thumb(photo: &crate::photos::Photo) -> (String, i64, i64) {
    let side = i64::from(crate::photos::THUMB_SIDE);
    let longest = photo.width.max(photo.height).max(1);
    let (w, h) = if longest <= side {
        (photo.width, photo.height)
    } else {
        (photo.width * side / longest, photo.height * side / longest)
    };
    (photo.thumbnail_url.clone(), w.max(1), h.max(1))
}

#[derive(Template)]
#[template(path = "shop.html")]
struct CataloguePage {
    tr: Tr,
    chrome: Chrome,
    q: String,
    found: String,
    hits: Vec<Card>,
    categories: Vec<FacetLink>,
    regions: Vec<FacetLink>,
    prices: Vec<FacetLink>,
    flags: Vec<FacetLink>,
    clear: Option<String>,
    previous: Option<String>,
    next: Option<String>,
}

/// The address of the catalogue with `filter`, changed by `change`.
fn href(filter: &ProductFilter, change: impl FnOnce(&mut ProductFilter)) -> String {
    let mut f = filter.clone();
    f.page = None;
    change(&mut f);
    let mut parts = Vec::new();
    let mut add = |k: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            parts.push(format!("{k}={}", percent_encode(&v)));
        }
    };
    add("q", f.q.clone());
    add("category", f.category.clone());
    add("region", f.region.clone());
    add("price_min", f.price_min.map(|p| p.to_string()));
    add("price_max", f.price_max.map(|p| p.to_string()));
    add(
        "women_led",
        f.women_led.filter(|w| *w).map(|_| "true".into()),
    );
    add("in_stock", f.in_stock.filter(|w| *w).map(|_| "true".into()));
    add("page", f.page.filter(|p| *p > 1).map(|p| p.to_string()));
    if parts.is_empty() {
        "/shop".to_owned()
    } else {
        format!("/shop?{}", parts.join("&"))
    }
}

/// The catalogue: search, facets, results.
async fn catalogue(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    filter: Result<Query<ProductFilter>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let filter = filter.map(|Query(f)| f).unwrap_or_default();
    let found = search_products(&state, &tr, &filter).await?;
    let count = |n: u64| tr.digits(&n.to_string());
    let categories = found
        .facets
        .categories
        .iter()
        .map(|f| FacetLink {
            href: href(&filter, |x| x.category = Some(f.value.clone())),
            label: f.label.clone(),
            count: count(f.count),
            current: filter.category.as_deref() == Some(f.value.as_str()),
        })
        .collect();
    let regions = found
        .facets
        .regions
        .iter()
        .map(|f| FacetLink {
            href: href(&filter, |x| x.region = Some(f.value.clone())),
            label: f.label.clone(),
            count: count(f.count),
            current: filter.region.as_deref() == Some(f.value.as_str()),
        })
        .collect();
    let prices = found
        .facets
        .price_bands
        .iter()
        .map(|f| {
            let (from, to) = f.value.split_once('-').unwrap_or(("0", "0"));
            FacetLink {
                href: href(&filter, |x| {
                    x.price_min = from.parse().ok();
                    x.price_max = to.parse::<u64>().ok().map(|t| t.saturating_sub(1));
                }),
                label: f.label.clone(),
                count: count(f.count),
                current: filter.price_min.map(|p| p.to_string()).as_deref() == Some(from),
            }
        })
        .collect();
    let flags = found
        .facets
        .flags
        .iter()
        .filter(|f| f.value == "women_led" || f.value == "in_stock")
        .map(|f| FacetLink {
            href: href(&filter, |x| {
                if f.value == "women_led" {
                    x.women_led = Some(true);
                } else {
                    x.in_stock = Some(true);
                }
            }),
            label: f.label.clone(),
            count: count(f.count),
            current: (f.value == "women_led" && filter.women_led == Some(true))
                || (f.value == "in_stock" && filter.in_stock == Some(true)),
        })
        .collect();
    let photos = &found.first_photos;
    let hits = found
        .hits
        .iter()
        .map(|p| Card {
            thumb: photos.get(&p.id).map(thumb),
            id: p.id.clone(),
            title: title(&tr, &p.title_bn, &p.title_en).to_owned(),
            price: money(
                &state,
                &tr,
                p.variants.iter().map(|v| v.price_minor).min().unwrap_or(0),
            ),
            shop: p.shop_name.clone(),
            place: place(&state, &tr, &p.district_id),
            women_led: p.women_led,
            in_stock: p.variants.iter().any(|v| v.stock > 0),
        })
        .collect();
    let page = found.page;
    let more = u64::from(page) * u64::from(found.per_page) < found.total;
    let filtered = filter.q.is_some()
        || filter.category.is_some()
        || filter.region.is_some()
        || filter.price_min.is_some()
        || filter.women_led.is_some()
        || filter.in_stock.is_some();
    let view = CataloguePage {
        chrome: Chrome::new(&state, &tr, &uri, "shop", &visitor),
        q: filter.q.clone().unwrap_or_default(),
        found: tr.with(
            "shop-found",
            &[
                (
                    "count",
                    shetu_web::i18n::Arg::Count(i64::try_from(found.total).unwrap_or(i64::MAX)),
                ),
                ("n", shetu_web::i18n::Arg::Text(count(found.total))),
            ],
        ),
        hits,
        categories,
        regions,
        prices,
        flags,
        clear: filtered.then(|| "/shop".to_owned()),
        previous: (page > 1).then(|| href(&filter, |x| x.page = Some(page - 1))),
        next: more.then(|| href(&filter, |x| x.page = Some(page + 1))),
        tr,
    };
    Ok(render(StatusCode::OK, &view))
}

struct VariantView {
    id: String,
    label: String,
    price: String,
    stock: String,
    available: bool,
    tiers: Vec<String>,
}

#[derive(Template)]
#[template(path = "product.html")]
struct ProductPage {
    tr: Tr,
    chrome: Chrome,
    id: String,
    title: String,
    other_title: String,
    description: String,
    shop: String,
    place: String,
    category: String,
    unit: String,
    women_led: bool,
    variants: Vec<VariantView>,
    signed_in: bool,
    photos: Vec<crate::photos::Photo>,
}

/// A product: its variants with price, stock and wholesale tiers, and "add to cart".
async fn product(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = super::path_id(id, "product_not_found")?;
    let p = products::get(&state.db, &id).await?;
    let unit = tr.t(&format!("commerce-unit-{}", p.unit));
    let variants = p
        .variants
        .iter()
        .map(|v| VariantView {
            id: v.id.clone(),
            label: if v.label.is_empty() {
                unit.clone()
            } else {
                v.label.clone()
            },
            price: money(&state, &tr, v.price_minor),
            stock: tr.digits(&v.stock.to_string()),
            available: v.stock > 0,
            tiers: v
                .tiers
                .iter()
                .map(|t| {
                    tr.with(
                        "shop-tier",
                        &[
                            (
                                "min",
                                shetu_web::i18n::Arg::Text(tr.digits(&t.min_quantity.to_string())),
                            ),
                            (
                                "price",
                                shetu_web::i18n::Arg::Text(money(&state, &tr, t.unit_price_minor)),
                            ),
                        ],
                    )
                })
                .collect(),
        })
        .collect();
    let view = ProductPage {
        chrome: Chrome::new(&state, &tr, &uri, "shop", &visitor),
        title: title(&tr, &p.title_bn, &p.title_en).to_owned(),
        other_title: if tr.code() == "bn" {
            p.title_en.clone()
        } else {
            p.title_bn.clone()
        },
        description: title(&tr, &p.description_bn, &p.description_en).to_owned(),
        shop: p.shop_name.clone(),
        place: place(&state, &tr, &p.district_id),
        category: tr.t(&format!("commerce-cat-{}", p.category)),
        unit,
        women_led: p.women_led,
        variants,
        signed_in: visitor.signed_in.is_some(),
        photos: crate::photos::of_product(&state.db, &p.id).await?,
        id: p.id,
        tr,
    };
    Ok(render(StatusCode::OK, &view))
}

/// A photo file: immutable once stored (a new photo gets a new name), so caches keep it a year.
async fn photo_file(
    axum::Extension(settings): axum::Extension<std::sync::Arc<crate::settings::Settings>>,
    name: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let name = name.map_err(|_| ApiError::not_found("not_found"))?.0;
    let bytes = settings
        .photos
        .read(&name)
        .await
        .ok_or_else(|| ApiError::not_found("not_found"))?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "image/jpeg"),
            (
                axum::http::header::CACHE_CONTROL,
                "public, max-age=31536000, immutable",
            ),
        ],
        bytes,
    )
        .into_response())
}
