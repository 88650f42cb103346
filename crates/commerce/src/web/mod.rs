//! The commerce module as the shell sees it: its migrations, messages, scopes, jobs, search
//! source, API, pages, links and demo data.

mod admin_pages;
mod api;
mod cart_pages;
mod courier_web;
pub mod demo;
mod dispute_web;
mod handover;
mod impact_web;
mod order_pages;
mod pages;
mod partner_api;
mod pay;
mod photo_api;
mod remit_pages;
mod sell;

use crate::catalog::category_path;
use crate::error::CommerceError;
use crate::ledger::Rates;
use crate::products::{self, Product};
use crate::settings::Settings;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use shetu_core::{RegionId, Scope};
use shetu_search::feed::Source;
use shetu_search::SearchRequest;
use shetu_store::jobs::JobHandler;
use shetu_store::{BoxFuture, Migrations};
use shetu_web::i18n::Tr;
use shetu_web::seam::{
    Audience, DeclaredCodes, DemoContext, DemoResult, HomeCard, Messages, Module, NavEntry,
    NavPlace,
};
use shetu_web::{ApiError, AppState};
use std::sync::Arc;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;

/// The commerce module.
#[derive(Debug, Default)]
pub struct Commerce {
    settings: Arc<Settings>,
}

/// The platform's fee and agents' commission.
pub(crate) fn rates() -> Rates {
    Rates::default()
}

impl Module for Commerce {
    fn name(&self) -> &'static str {
        "commerce"
    }

    fn configure(
        &mut self,
        section: Option<&toml::Value>,
        node: &shetu_web::seam::Node,
    ) -> Result<(), String> {
        self.settings = Arc::new(Settings::read(section, node)?);
        Ok(())
    }

    fn migrations(&self) -> Option<Migrations> {
        Some(Migrations {
            owner: "commerce",
            block: 3,
            sqlite: sqlx::migrate!("migrations/sqlite"),
            postgres: sqlx::migrate!("migrations/postgres"),
        })
    }

    fn messages(&self) -> &'static [Messages] {
        shetu_web::module_messages!("../../locales", "commerce.ftl")
    }

    fn error_codes(&self) -> Vec<DeclaredCodes> {
        vec![DeclaredCodes::of::<CommerceError>()]
    }

    fn scopes(&self) -> Vec<Scope> {
        vec![crate::COMMERCE_SELL, crate::COMMERCE_BUY]
    }

    fn jobs(&self) -> Vec<Arc<dyn JobHandler>> {
        let mut jobs: Vec<Arc<dyn JobHandler>> = vec![
            Arc::new(crate::order_jobs::ExpireReservation),
            Arc::new(crate::order_jobs::CompleteAfterReturnWindow),
        ];
        jobs.push(Arc::new(crate::partner_webhooks::Notify));
        jobs.push(Arc::new(crate::remittances::Import));
        jobs.push(Arc::new(crate::payouts::PayShop::new(
            self.settings.mobile_money.clone(),
        )));
        jobs.push(Arc::new(crate::partner_webhooks::Deliver::default()));
        jobs.push(Arc::new(crate::partner_images::FetchPartnerImages::new(
            self.settings.photos.clone(),
        )));
        if let Some(provider) = &self.settings.mobile_money {
            jobs.push(Arc::new(crate::payments::refund_job(provider.clone())));
        }
        jobs
    }

    fn org_kinds(&self) -> Vec<shetu_core::OrgKind> {
        vec![crate::partners::PARTNER_MARKETPLACE]
    }

    fn subscriptions(&self) -> Vec<shetu_store::outbox::Subscription> {
        vec![shetu_store::outbox::Subscription {
            topic_prefix: "commerce.order.".into(),
            job_kind: crate::partners::NOTIFY_KIND.into(),
        }]
    }

    fn search_sources(&self) -> Vec<Arc<dyn Source>> {
        vec![Arc::new(crate::search::ProductSource)]
    }

    fn api(&self) -> OpenApiRouter<AppState> {
        api::routes()
            .merge(pay::api())
            .merge(photo_api::api())
            .merge(partner_api::api())
            .merge(handover::api())
            .merge(courier_web::api())
            .merge(dispute_web::api())
            .layer(axum::Extension(self.settings.clone()))
    }

    fn pages(&self) -> axum::Router<AppState> {
        let pages = pages::router()
            .merge(sell::router())
            .merge(pay::router())
            .merge(remit_pages::router())
            .merge(handover::router())
            .merge(courier_web::router())
            .merge(dispute_web::router())
            .route("/shop/impact", axum::routing::get(impact_web::page))
            .route("/shop/impact.csv", axum::routing::get(impact_web::csv))
            .layer(axum::Extension(self.settings.clone()));
        let pages = match &self.settings.courier_sandbox {
            Some(courier) => pages.merge(courier.router()),
            None => pages,
        };
        match &self.settings.sandbox {
            Some(sandbox) => pages
                .merge(sandbox.router())
                .route(
                    demo::partner::WEBHOOK_PATH,
                    axum::routing::post(demo::partner::receive),
                )
                .route(
                    &format!("{}/{{name}}", demo::partner::IMAGES_PATH),
                    axum::routing::get(demo::partner::image),
                ),
            None => pages,
        }
    }

    fn nav(&self) -> Vec<NavEntry> {
        vec![
            NavEntry {
                href: "/shop",
                label: "nav-shop",
                section: "shop",
                audience: Audience::Everyone,
                place: NavPlace::Main,
                order: 5,
            },
            NavEntry {
                href: "/shop/impact",
                label: "nav-impact",
                section: "impact",
                audience: Audience::Everyone,
                place: NavPlace::Main,
                order: 6,
            },
            NavEntry {
                href: "/shop/sell",
                label: "nav-sell",
                section: "sell",
                audience: Audience::SignedIn,
                place: NavPlace::Account,
                order: 106,
            },
            NavEntry {
                href: "/shop/handover",
                label: "nav-handover",
                section: "handover",
                audience: Audience::Role(shetu_core::Role::Agent),
                place: NavPlace::Account,
                order: 107,
            },
            NavEntry {
                href: "/shop/admin",
                label: "nav-admin-shops",
                section: "admin-shops",
                audience: Audience::Role(shetu_core::Role::Admin),
                place: NavPlace::Account,
                order: 131,
            },
            NavEntry {
                href: "/shop/orders",
                label: "nav-orders",
                section: "orders",
                audience: Audience::SignedIn,
                place: NavPlace::Account,
                order: 105,
            },
        ]
    }

    fn home(&self) -> Vec<HomeCard> {
        vec![HomeCard {
            title: "home-shop-title",
            text: "home-shop-text",
            href: "/shop",
            link: "home-shop-link",
            order: 5,
        }]
    }

    fn seed_demo<'a>(&'a self, ctx: DemoContext<'a>) -> BoxFuture<'a, DemoResult> {
        Box::pin(demo::seed(ctx, &self.settings))
    }
}

/// The id in a route's path; a missing or overlong one is a 404 with `missing` as its code.
pub(crate) fn path_id(
    p: Result<axum::extract::Path<String>, axum::extract::rejection::PathRejection>,
    missing: &'static str,
) -> Result<String, ApiError> {
    p.ok()
        .map(|axum::extract::Path(id)| id)
        .filter(|id| !id.is_empty() && id.len() <= 64)
        .ok_or_else(|| ApiError::not_found(missing))
}

/// An amount in the pack's currency, written for the reader (৳১,২৫০.০০).
pub(crate) fn money(state: &AppState, tr: &Tr, minor: i64) -> String {
    shetu_core::Money::from_minor(minor, state.pack.currency)
        .format(&state.pack.money_format, tr.code())
}

/// The Bangla text for a Bangla reader, the English one for everyone else.
pub(crate) fn title<'a>(tr: &Tr, bn: &'a str, en: &'a str) -> &'a str {
    if tr.code() == "bn" {
        bn
    } else {
        en
    }
}

/// A region's name in the reader's language (its id if the pack does not know it).
pub(crate) fn place(state: &AppState, tr: &Tr, region: &str) -> String {
    RegionId::parse(region)
        .ok()
        .and_then(|r| state.pack.region(&r))
        .map_or_else(
            || region.to_owned(),
            |r| r.name.get(tr.code(), "en").to_owned(),
        )
}

/// The signed-in actor of a page (acting for a client when an agent chose one).
pub(crate) fn actor_of(member: &shetu_web::auth::Member) -> Result<shetu_core::Actor, ApiError> {
    member
        .1
        .actor()
        .ok_or_else(|| ApiError::from_status(StatusCode::UNAUTHORIZED))
}

/// A catalogue search.
#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProductFilter {
    /// Words, in Bangla or English (`মধু`, `modhu`, `honey`).
    pub q: Option<String>,
    /// Category id (and what is under it).
    pub category: Option<String>,
    /// Region id: a division or a district.
    pub region: Option<String>,
    /// Lowest price (minor units), 0 to 1000000000; empty: none.
    #[param(value_type = Option<String>, pattern = "^(\\+?0*([0-9]{1,9}|1000000000))?$")]
    pub price_min: Option<u64>,
    /// Highest price (minor units), 0 to 1000000000; empty: none.
    #[param(value_type = Option<String>, pattern = "^(\\+?0*([0-9]{1,9}|1000000000))?$")]
    pub price_max: Option<u64>,
    /// Only from women-led enterprises (`true`); empty: all.
    #[param(value_type = Option<String>, pattern = "^(true|false)?$")]
    pub women_led: Option<bool>,
    /// Only what is in stock (`true`); empty: all.
    #[param(value_type = Option<String>, pattern = "^(true|false)?$")]
    pub in_stock: Option<bool>,
    /// Page, 1 to 50; empty: the first.
    #[param(value_type = Option<String>, pattern = "^(\\+?0*([1-9]|[1-4][0-9]|50))?$")]
    pub page: Option<u32>,
}

impl ProductFilter {
    /// Refuses what the API documents as out of range (400 `invalid_query`, naming it); pages
    /// are lenient instead and clamp.
    pub(crate) fn check(&self) -> Result<(), ApiError> {
        let price = |p: Option<u64>| p.is_some_and(|p| p > crate::products::MAX_PRICE as u64);
        if price(self.price_min) || price(self.price_max) {
            return Err(ApiError::bad_request("invalid_query")
                .detail("price_min, price_max: 0 to 1000000000"));
        }
        if self.page.is_some_and(|p| !(1..=50).contains(&p)) {
            return Err(ApiError::bad_request("invalid_query").detail("page: 1 to 50"));
        }
        Ok(())
    }
}

/// How many results fall under one value of a facet.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Facet {
    /// The value to filter by.
    pub value: String,
    /// Its name in the reader's language.
    pub label: String,
    /// How many results.
    pub count: u64,
}

/// Counts by facet.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Facets {
    /// By category (the level below the one chosen).
    pub categories: Vec<Facet>,
    /// By region (the level below the one chosen).
    pub regions: Vec<Facet>,
    /// By price band (`from-to` in minor units).
    pub price_bands: Vec<Facet>,
    /// Women-led, in stock, farmer, wholesaler.
    pub flags: Vec<Facet>,
}

/// A page of the catalogue.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProductPage {
    /// Products matching in all.
    pub total: u64,
    /// This page (from 1).
    pub page: u32,
    /// Products per page.
    pub per_page: u32,
    /// This page's products, best first.
    pub hits: Vec<Product>,
    /// Counts by facet.
    pub facets: Facets,
    /// Each hit's first photo, for the listing page (kept with the answer; not in the API).
    #[serde(skip)]
    pub(crate) first_photos: std::collections::HashMap<String, crate::photos::Photo>,
}

/// Products per page.
pub const PER_PAGE: u32 = 20;

fn price_bands(pack: &shetu_pack::Pack) -> Vec<(u64, u64)> {
    let unit = 10u64.pow(u32::from(pack.currency.minor_units()));
    [
        (0, 100),
        (100, 500),
        (500, 1000),
        (1000, 5000),
        (5000, 10_000_000),
    ]
    .iter()
    .map(|(a, b)| (a * unit, b * unit))
    .collect()
}

/// Searches the catalogue through this node's search index.
/// Catalogue answers kept for a moment: most people ask the same few questions (the storefront
/// unfiltered, a category, a popular word), and an answer stays right until the index changes.
/// A kept answer is used only while the index is at the version it was computed on, and for at
/// most [`KEPT_FOR`] (stock that changes without a product changing shows within that).
struct Answers {
    kept: lru::LruCache<String, (std::time::Instant, Arc<ProductPage>)>,
}

/// How long a catalogue answer is kept at most.
const KEPT_FOR: std::time::Duration = std::time::Duration::from_secs(2);
/// How many catalogue answers are kept (a page of 20 hits each, up to some 40 kB: at most about
/// 10 MB in all).
const ANSWERS_KEPT: usize = 256;

static ANSWERS: std::sync::LazyLock<std::sync::Mutex<Answers>> = std::sync::LazyLock::new(|| {
    std::sync::Mutex::new(Answers {
        kept: lru::LruCache::new(
            std::num::NonZeroUsize::new(ANSWERS_KEPT).unwrap_or(std::num::NonZeroUsize::MIN),
        ),
    })
});

fn answers() -> std::sync::MutexGuard<'static, Answers> {
    ANSWERS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The catalogue's answer to `filter` in `tr`'s language (kept, or searched and kept).
pub(crate) async fn search_products(
    state: &AppState,
    tr: &Tr,
    filter: &ProductFilter,
) -> Result<Arc<ProductPage>, ApiError> {
    let index = state
        .search
        .clone()
        .ok_or_else(|| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "service_unavailable"))?;
    let (instance, generation) = shetu_search::SearchBackend::version(&*index);
    let key = format!("{instance}:{generation}:{}:{filter:?}", tr.code());
    let now = std::time::Instant::now();
    if let Some((at, page)) = answers().kept.get(&key) {
        if now.duration_since(*at) < KEPT_FOR {
            return Ok(page.clone());
        }
    }
    let page = Arc::new(search_afresh(state, tr, filter, index).await?);
    answers().kept.put(key, (now, page.clone()));
    Ok(page)
}

async fn search_afresh(
    state: &AppState,
    tr: &Tr,
    filter: &ProductFilter,
    index: shetu_web::SearchHandle,
) -> Result<ProductPage, ApiError> {
    let page = filter.page.unwrap_or(1).clamp(1, 50);
    let mut category = vec![crate::search::ROOT.to_owned()];
    if let Some(c) = filter.category.as_deref().filter(|c| !c.is_empty()) {
        let path = category_path(c);
        if path.is_empty() {
            category.push(c.to_owned());
        } else {
            category.extend(path);
        }
    }
    let region = match filter.region.as_deref().map(RegionId::parse) {
        None => Vec::new(),
        Some(Err(_)) => vec!["none".to_owned()],
        Some(Ok(id)) => match state.pack.region(&id) {
            None => vec![id.to_string()],
            Some(r) => r
                .parent
                .iter()
                .map(ToString::to_string)
                .chain(std::iter::once(id.to_string()))
                .collect(),
        },
    };
    let mut flags = Vec::new();
    if filter.women_led == Some(true) {
        flags.push("women_led".to_owned());
    }
    if filter.in_stock == Some(true) {
        flags.push("in_stock".to_owned());
    }
    let request = SearchRequest {
        text: filter
            .q
            .clone()
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect(),
        category,
        region,
        price_min: filter.price_min,
        price_max: filter.price_max,
        flags,
        offset: ((page - 1) * PER_PAGE) as usize,
        limit: PER_PAGE as usize,
        facets: true,
        price_bands: price_bands(state.pack),
        skip_total: false,
    };
    let found = tokio::task::spawn_blocking(move || index.search(&request))
        .await
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal_error"))?
        .map_err(|e| {
            tracing::error!(error = %e, "catalogue search failed");
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "service_unavailable")
        })?;
    let ids: Vec<String> = found
        .hits
        .iter()
        .filter_map(|h| h.id.strip_prefix(crate::search::PREFIX).map(str::to_owned))
        .collect();
    let hits = products::many(&state.db, &ids).await?;
    let facets = Facets {
        categories: found
            .categories
            .iter()
            .map(|c| Facet {
                label: tr.t(&format!("commerce-cat-{}", c.value)),
                value: c.value.clone(),
                count: c.count,
            })
            .collect(),
        regions: found
            .regions
            .iter()
            .map(|c| Facet {
                label: place(state, tr, &c.value),
                value: c.value.clone(),
                count: c.count,
            })
            .collect(),
        price_bands: found
            .price_bands
            .iter()
            .filter(|b| b.count > 0)
            .map(|b| Facet {
                label: band_label(state, tr, &b.value),
                value: b.value.clone(),
                count: b.count,
            })
            .collect(),
        flags: found
            .flags
            .iter()
            .map(|f| Facet {
                label: match f.value.strip_prefix("kind:") {
                    Some(kind) => tr.t(&format!("commerce-kind-{kind}")),
                    None => tr.t(&format!("commerce-flag-{}", f.value)),
                },
                value: f.value.clone(),
                count: f.count,
            })
            .collect(),
    };
    let first_photos = crate::photos::first_of(&state.db, &ids).await?;
    Ok(ProductPage {
        total: found.total as u64,
        page,
        per_page: PER_PAGE,
        hits,
        facets,
        first_photos,
    })
}

fn band_label(state: &AppState, tr: &Tr, band: &str) -> String {
    let amount = |minor: &str| money(state, tr, minor.parse::<i64>().unwrap_or(0));
    match band.split_once('-') {
        Some((from, to)) => format!("{} – {}", amount(from), amount(to)),
        None => band.to_owned(),
    }
}
