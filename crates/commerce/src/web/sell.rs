//! Selling: a person's shops (or, for an agent, the client's under `commerce.sell`), opening a
//! shop, listing a product, changing stock and price; and the administrators' queue of shops to
//! verify. Every form shows its errors beside the fields and keeps what was typed; the listing
//! form carries its own idempotency token, so a double tap lists once.

use super::{actor_of, money, path_id, place};
use crate::catalog::{self, CATEGORIES, UNITS};
use crate::idempotency::Key;
use crate::photos;
use crate::products::{self, NewProduct, NewVariant};
use crate::settings::Settings;
use crate::shops::{self, NewShop, Shop};
use crate::COMMERCE_SELL;
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde::Deserialize;
use shetu_core::id::PersonId;
use shetu_core::{Actor, Money, Role};
use shetu_web::auth::{CsrfForm, CsrfMultipart, Member};
use shetu_web::error::{ApiError, FieldProblem};
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render_own, Chrome, FormErrors};
use shetu_web::AppState;
use std::sync::Arc;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/shop/sell", get(my_shops).post(open_shop))
        .route(
            "/shop/sell/{id}",
            get(shop_page)
                .post(list_product)
                .layer(axum::extract::DefaultBodyLimit::max(shetu_web::PHOTO_LIMIT)),
        )
        .route("/shop/sell/variants/{id}", post(restock))
        .merge(super::admin_pages::router())
}

/// Whose shops the page is about: the actor's, or the client's when an agent holds their
/// `commerce.sell` mandate (the one mandate check).
async fn seller(state: &AppState, actor: &Actor) -> Result<PersonId, ApiError> {
    let mut conn = state
        .db
        .pool()
        .acquire()
        .await
        .map_err(shetu_store::StoreError::from)?;
    let subject =
        shetu_people::mandates::subject_for(&mut conn, actor, COMMERCE_SELL, shetu_store::now_ms())
            .await?;
    Ok(subject)
}

struct Choice {
    value: String,
    label: String,
    group: String,
}

fn choices(tr: &Tr) -> (Vec<Choice>, Vec<Choice>, Vec<Choice>, Vec<Choice>) {
    let categories = CATEGORIES
        .iter()
        .filter_map(|c| {
            c.parent.map(|p| Choice {
                value: c.id.to_owned(),
                label: tr.t(&format!("commerce-cat-{}", c.id)),
                group: tr.t(&format!("commerce-cat-{p}")),
            })
        })
        .collect();
    let units = UNITS
        .iter()
        .map(|u| Choice {
            value: (*u).to_owned(),
            label: tr.t(&format!("commerce-unit-{u}")),
            group: String::new(),
        })
        .collect();
    let kinds = catalog::SHOP_KINDS
        .iter()
        .map(|k| Choice {
            value: (*k).to_owned(),
            label: tr.t(&format!("commerce-kind-{k}")),
            group: String::new(),
        })
        .collect();
    let payouts = [
        ("wallet", "sell-payout-wallet"),
        ("bank", "sell-payout-bank"),
    ]
    .iter()
    .map(|(k, label)| Choice {
        value: (*k).to_owned(),
        label: tr.t(label),
        group: String::new(),
    })
    .collect();
    (categories, units, kinds, payouts)
}

#[derive(Debug, Default, Deserialize)]
struct ShopForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    district: String,
    #[serde(default)]
    women_led: Option<String>,
    #[serde(default)]
    dbid: String,
    #[serde(default)]
    trade_licence: String,
    #[serde(default)]
    payout_kind: String,
    #[serde(default)]
    payout_account: String,
}

pub(super) struct ShopRow {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) kind: String,
    pub(super) place: String,
    pub(super) verified: bool,
}

#[derive(Template)]
#[template(path = "sell.html")]
struct SellPage {
    tr: Tr,
    chrome: Chrome,
    shops: Vec<ShopRow>,
    form: ShopForm,
    kinds: Vec<Choice>,
    payouts: Vec<Choice>,
    districts: Vec<Choice>,
    errors: FormErrors,
}

fn districts(state: &AppState, tr: &Tr) -> Vec<Choice> {
    let depth = shops::district_depth(state.pack);
    let mut all: Vec<Choice> = state
        .pack
        .regions()
        .iter()
        .filter(|r| r.depth == depth)
        .map(|r| Choice {
            value: r.id.to_string(),
            label: r.name.get(tr.code(), "en").to_owned(),
            group: String::new(),
        })
        .collect();
    all.sort_by(|a, b| a.label.cmp(&b.label));
    all
}

pub(super) fn shop_rows(state: &AppState, tr: &Tr, shops: Vec<Shop>) -> Vec<ShopRow> {
    shops
        .into_iter()
        .map(|s| ShopRow {
            kind: tr.t(&format!("commerce-kind-{}", s.kind)),
            place: place(state, tr, &s.district_id),
            verified: s.status == "verified",
            id: s.id,
            name: s.name,
        })
        .collect()
}

async fn sell_view(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    member: &Member,
    form: ShopForm,
    errors: FormErrors,
) -> Result<SellPage, ApiError> {
    let actor = actor_of(member)?;
    let owner = seller(state, &actor).await?;
    let shops = shops::owned_by(&state.db, owner).await?;
    let (_, _, kinds, payouts) = choices(&tr);
    Ok(SellPage {
        chrome: Chrome::new(state, &tr, uri, "sell", &member.1),
        shops: shop_rows(state, &tr, shops),
        form,
        kinds,
        payouts,
        districts: districts(state, &tr),
        errors,
        tr,
    })
}

/// My shops, and the form to open one.
async fn my_shops(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
) -> Result<Response, ApiError> {
    let form = ShopForm {
        kind: "shop".into(),
        payout_kind: "wallet".into(),
        women_led: None,
        ..ShopForm::default()
    };
    let view = sell_view(&state, tr, &uri, &member, form, FormErrors::none()).await?;
    Ok(render_own(StatusCode::OK, &view))
}

const SHOP_FIELDS: &[(&str, &str, &str)] = &[
    ("name", "name", "sell-shop-name"),
    ("kind", "kind", "sell-shop-kind"),
    ("district", "district", "sell-district"),
    ("dbid", "dbid", "sell-dbid"),
    ("trade_licence", "trade_licence", "sell-trade-licence"),
    ("payout_account", "payout_account", "sell-payout-account"),
];

/// Opens a shop (for oneself, or for the client an agent acts for).
async fn open_shop(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    CsrfForm(form, _): CsrfForm<ShopForm>,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    let new = NewShop {
        name: form.name.clone(),
        kind: form.kind.clone(),
        district: form.district.clone(),
        women_led: form.women_led.is_some(),
        dbid: Some(form.dbid.clone()),
        trade_licence: Some(form.trade_licence.clone()),
        payout_kind: form.payout_kind.clone(),
        payout_account: form.payout_account.clone(),
    };
    match shops::open(&state.db, state.pack, &actor, new).await {
        Ok(shop) => Ok((
            StatusCode::SEE_OTHER,
            [(header::LOCATION, format!("/shop/sell/{}", shop.id))],
        )
            .into_response()),
        Err(e) => {
            let error = ApiError::from(e);
            if error.status.is_server_error() {
                return Err(error);
            }
            let errors = FormErrors::from_error(&tr, &error, SHOP_FIELDS, "name");
            let view = sell_view(&state, tr, &uri, &member, form, errors).await?;
            Ok(render_own(error.status, &view))
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct ProductForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    title_bn: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    description_bn: String,
    #[serde(default)]
    description_en: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    sku: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    price: String,
    #[serde(default)]
    stock: String,
    #[serde(default)]
    tier_min: String,
    #[serde(default)]
    tier_price: String,
}

struct StockRow {
    id: String,
    title: String,
    price: String,
    stock: String,
}

#[derive(Template)]
#[template(path = "sell_shop.html")]
struct ShopPage {
    tr: Tr,
    chrome: Chrome,
    id: String,
    name: String,
    verified: bool,
    payable: String,
    rows: Vec<StockRow>,
    form: ProductForm,
    categories: Vec<Choice>,
    units: Vec<Choice>,
    errors: FormErrors,
}

async fn shop_view(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    member: &Member,
    shop: &str,
    form: ProductForm,
    errors: FormErrors,
) -> Result<ShopPage, ApiError> {
    let actor = actor_of(member)?;
    let owner = seller(state, &actor).await?;
    let found = shops::get(&state.db, shop).await?;
    if found.owner_id != owner.to_string() && !actor.has(Role::Admin) {
        return Err(ApiError::not_found("shop_not_found"));
    }
    let ids = products::of_shop(&state.db, shop, 200).await?;
    let listed = products::many(&state.db, &ids).await?;
    let mut rows = Vec::new();
    for p in &listed {
        for v in &p.variants {
            let name = if tr.code() == "bn" {
                &p.title_bn
            } else {
                &p.title_en
            };
            rows.push(StockRow {
                id: v.id.clone(),
                title: if v.label.is_empty() {
                    name.clone()
                } else {
                    format!("{name} ({})", v.label)
                },
                price: Money::from_minor(v.price_minor, state.pack.currency).decimal_string(),
                stock: v.stock.to_string(),
            });
        }
    }
    let (categories, units, _, _) = choices(&tr);
    // What the platform owes the shop for delivered orders (a credit balance in the ledger).
    let owed = -crate::ledger::balance(&state.db, &crate::ledger::shop_payable(shop)).await?;
    let payable = money(state, &tr, owed);
    Ok(ShopPage {
        payable,
        chrome: Chrome::new(state, &tr, uri, "sell", &member.1),
        id: found.id,
        name: found.name,
        verified: found.status == "verified",
        rows,
        form: ProductForm {
            token: if form.token.is_empty() {
                uuid::Uuid::new_v4().to_string()
            } else {
                form.token.clone()
            },
            ..form
        },
        categories,
        units,
        errors,
        tr,
    })
}

/// A shop's dashboard: its products with stock and price, and the form to list one.
async fn shop_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = path_id(id, "shop_not_found")?;
    let form = ProductForm {
        unit: "piece".into(),
        stock: "1".into(),
        ..ProductForm::default()
    };
    let view = shop_view(&state, tr, &uri, &member, &id, form, FormErrors::none()).await?;
    Ok(render_own(StatusCode::OK, &view))
}

const PRODUCT_FIELDS: &[(&str, &str, &str)] = &[
    ("title_bn", "title_bn", "sell-title-bn"),
    ("title_en", "title_en", "sell-title-en"),
    ("category", "category", "sell-category"),
    ("unit", "unit", "sell-unit"),
    ("variants[0].sku", "sku", "sell-sku"),
    ("variants[0].label", "label", "sell-label"),
    ("price", "price", "sell-price"),
    ("variants[0].price_minor", "price", "sell-price"),
    ("stock", "stock", "sell-stock"),
    ("variants[0].stock", "stock", "sell-stock"),
    ("variants[0].tiers", "tier_min", "sell-tier"),
    ("description_bn", "description_bn", "sell-description-bn"),
    ("description_en", "description_en", "sell-description-en"),
    ("photo", "photo", "sell-photo"),
];

fn money_field(state: &AppState, field: &str, input: &str, error: &mut ApiError) -> Option<i64> {
    match Money::parse(input, state.pack.currency) {
        Ok(m) if m.minor() > 0 => Some(m.minor()),
        _ => {
            error
                .fields
                .push((field.to_owned(), FieldProblem::new("invalid")));
            None
        }
    }
}

fn product_of(state: &AppState, form: &ProductForm) -> Result<NewProduct, ApiError> {
    let mut error = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    let price = money_field(state, "price", &form.price, &mut error);
    let stock = shetu_core::parse_number::<i64>(&form.stock);
    if stock.is_none() {
        error
            .fields
            .push(("stock".into(), FieldProblem::new("invalid")));
    }
    let tier = match (form.tier_min.trim(), form.tier_price.trim()) {
        ("", "") => None,
        (min, p) => {
            let min = shetu_core::parse_number::<i64>(min);
            let p = money_field(state, "variants[0].tiers", p, &mut error);
            match (min, p) {
                (Some(min), Some(p)) => Some((min, p)),
                _ => {
                    error
                        .fields
                        .push(("variants[0].tiers".into(), FieldProblem::new("bad_tier")));
                    None
                }
            }
        }
    };
    if !error.fields.is_empty() {
        return Err(error);
    }
    Ok(NewProduct {
        category: form.category.clone(),
        unit: form.unit.clone(),
        title_bn: form.title_bn.clone(),
        title_en: form.title_en.clone(),
        description_bn: form.description_bn.clone(),
        description_en: form.description_en.clone(),
        variants: vec![NewVariant {
            sku: form.sku.clone(),
            label: form.label.clone(),
            price_minor: price.unwrap_or(0),
            stock: stock.unwrap_or(0),
            tiers: tier.into_iter().collect(),
        }],
    })
}

/// Lists a product, with the photo taken on the form if any; the form's token makes a resend
/// list it once (and the same photo is kept once).
async fn list_product(
    State(state): State<AppState>,
    Extension(settings): Extension<Arc<Settings>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    id: Result<Path<String>, PathRejection>,
    CsrfMultipart(form, uploads, _): CsrfMultipart<ProductForm>,
) -> Result<Response, ApiError> {
    let shop = path_id(id, "shop_not_found")?;
    let actor = actor_of(&member)?;
    let (prepared, photo_error) = match uploads.into_iter().find(|u| u.field == "photo") {
        None => (None, None),
        Some(upload) => match photos::prepare(upload.bytes).await {
            Ok(p) => (Some(p), None),
            Err(e) => (None, Some(ApiError::from(e))),
        },
    };
    let listed = match (product_of(&state, &form), photo_error) {
        (Ok(product), None) => {
            let key = Key::new(
                &actor.person.to_string(),
                &format!("form:{}", form.token),
                &serde_json::json!({ "form": "product", "shop": shop }),
            )?;
            match products::create_once(&state.db, &actor, &shop, product, Some(key)).await {
                Ok(product) => match &prepared {
                    Some(p) => photos::add(&state.db, &settings.photos, &actor, &product.id, p)
                        .await
                        .map(|_| ())
                        .map_err(ApiError::from),
                    None => Ok(()),
                },
                Err(e) => Err(ApiError::from(e)),
            }
        }
        // Every mistake at once: the fields' and the photo's.
        (Err(mut e), Some(p)) => {
            e.fields.extend(p.fields);
            Err(e)
        }
        (Ok(product), Some(mut e)) => {
            if let Err(first) = products::check(&product) {
                let mut fields = ApiError::from(first).fields;
                fields.append(&mut e.fields);
                e.fields = fields;
            }
            Err(e)
        }
        (Err(e), None) => Err(e),
    };
    match listed {
        Ok(_) => Ok((
            StatusCode::SEE_OTHER,
            [(header::LOCATION, format!("/shop/sell/{shop}?listed=1"))],
        )
            .into_response()),
        Err(error) if error.status.is_client_error() && error.status != StatusCode::NOT_FOUND => {
            let errors = FormErrors::from_error(&tr, &error, PRODUCT_FIELDS, "title_bn");
            let view = shop_view(&state, tr, &uri, &member, &shop, form, errors).await?;
            Ok(render_own(error.status, &view))
        }
        Err(error) => Err(error),
    }
}

#[derive(Deserialize)]
struct StockForm {
    #[serde(default)]
    stock: String,
    #[serde(default)]
    price: String,
}

/// Sets a variant's stock and price from the dashboard.
async fn restock(
    State(state): State<AppState>,
    member: Member,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(form, _): CsrfForm<StockForm>,
) -> Result<Response, ApiError> {
    let variant = path_id(id, "variant_not_found")?;
    let actor = actor_of(&member)?;
    let mut error = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    let price = money_field(&state, "price", &form.price, &mut error);
    let stock = shetu_core::parse_number::<i64>(&form.stock);
    let product = match (price, stock) {
        (Some(price), Some(stock)) => {
            products::restock(&state.db, &actor, &variant, stock, price).await?
        }
        _ => return Err(error),
    };
    // Back to the variant's own shop (whatever the form said).
    let back = format!("/shop/sell/{}", product.shop_id);
    Ok((StatusCode::SEE_OTHER, [(header::LOCATION, back)]).into_response())
}
