//! The storefront: the catalogue with search and facets, a product, the cart and checkout, and
//! the orders that concern the signed-in person (as buyer, seller or the agent who placed them).

use super::{actor_of, path_id, rates, search_products, ProductFilter};
use crate::cart;
use crate::checkout::{self, Line, NewCheckout, Payment};
use crate::idempotency::Key;
use crate::orders::{self, Concerning};
use crate::products;
use crate::state::State as OrderState;
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use shetu_core::{Money, RegionId};
use shetu_web::auth::{CsrfForm, Member, Visitor};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{percent_encode, render, render_own, when, Chrome, FormErrors};
use shetu_web::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/shop", get(catalogue))
        .route("/shop/products/{id}", get(product))
        .route("/shop/cart", get(cart_page).post(cart_set))
        .route("/shop/checkout", post(checkout_submit))
        .route("/shop/orders", get(orders_page))
        .route("/shop/orders/{id}", get(order_page))
        .route("/shop/orders/{id}/move", post(order_move))
}

fn money(state: &AppState, tr: &Tr, minor: i64) -> String {
    Money::from_minor(minor, state.pack.currency).format(&state.pack.money_format, tr.code())
}

fn title<'a>(tr: &Tr, bn: &'a str, en: &'a str) -> &'a str {
    if tr.code() == "bn" {
        bn
    } else {
        en
    }
}

pub(super) fn place(state: &AppState, tr: &Tr, region: &str) -> String {
    RegionId::parse(region)
        .ok()
        .and_then(|r| state.pack.region(&r))
        .map(|r| r.name.get(tr.code(), "en").to_owned())
        .unwrap_or_default()
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
    let hits = found
        .hits
        .iter()
        .map(|p| Card {
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
}

/// A product: its variants with price, stock and wholesale tiers, and "add to cart".
async fn product(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = path_id(id, "product_not_found")?;
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
        id: p.id,
        tr,
    };
    Ok(render(StatusCode::OK, &view))
}

struct CartView {
    variant: String,
    product: String,
    title: String,
    shop: String,
    price: String,
    quantity: String,
    line: String,
    short: bool,
}

#[derive(Template)]
#[template(path = "cart.html")]
struct CartPage {
    tr: Tr,
    chrome: Chrome,
    lines: Vec<CartView>,
    total: String,
    token: String,
    note: String,
    errors: FormErrors,
}

async fn cart_view(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    member: &Member,
    note: &str,
    errors: FormErrors,
) -> Result<CartPage, ApiError> {
    let actor = actor_of(member)?;
    let buyer = actor.on_behalf_of.unwrap_or(actor.person);
    let lines = cart::lines(&state.db, buyer).await?;
    let total: i64 = lines.iter().map(|l| l.price_minor * l.quantity).sum();
    let views = lines
        .iter()
        .map(|l| CartView {
            variant: l.variant_id.clone(),
            product: l.product_id.clone(),
            title: if l.label.is_empty() {
                title(&tr, &l.title_bn, &l.title_en).to_owned()
            } else {
                format!("{} ({})", title(&tr, &l.title_bn, &l.title_en), l.label)
            },
            shop: l.shop_name.clone(),
            price: money(state, &tr, l.price_minor),
            quantity: l.quantity.to_string(),
            line: money(state, &tr, l.price_minor * l.quantity),
            short: l.stock < l.quantity,
        })
        .collect();
    Ok(CartPage {
        chrome: Chrome::new(state, &tr, uri, "shop", &member.1),
        lines: views,
        total: money(state, &tr, total),
        token: uuid::Uuid::new_v4().to_string(),
        note: note.to_owned(),
        errors,
        tr,
    })
}

/// The cart and the checkout form.
async fn cart_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
) -> Result<Response, ApiError> {
    let view = cart_view(&state, tr, &uri, &member, "", FormErrors::none()).await?;
    Ok(render_own(StatusCode::OK, &view))
}

#[derive(Deserialize)]
struct CartForm {
    variant: String,
    #[serde(default)]
    quantity: String,
}

/// Puts a variant in the cart (or changes how many; 0 takes it out), then shows the cart.
async fn cart_set(
    State(state): State<AppState>,
    CsrfForm(form, visitor): CsrfForm<CartForm>,
) -> Result<Response, ApiError> {
    let actor = visitor
        .actor()
        .ok_or_else(|| ApiError::from_status(StatusCode::UNAUTHORIZED))?;
    let quantity = shetu_core::parse_number::<i64>(&form.quantity).unwrap_or(1);
    cart::set(&state.db, &actor, &form.variant, quantity).await?;
    Ok((StatusCode::SEE_OTHER, [(header::LOCATION, "/shop/cart")]).into_response())
}

#[derive(Deserialize)]
struct CheckoutForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    payment: String,
    #[serde(default)]
    delivery_note: String,
}

/// Places the cart: one order per shop. The form's token makes a double tap or a resend place
/// it once; the second answer is the first one's.
async fn checkout_submit(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    CsrfForm(form, _): CsrfForm<CheckoutForm>,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    let buyer = actor.on_behalf_of.unwrap_or(actor.person);
    let payment = if form.payment == "mobile_money" {
        Payment::MobileMoney
    } else {
        Payment::Cod
    };
    let lines: Vec<Line> = cart::lines(&state.db, buyer)
        .await?
        .into_iter()
        .map(|l| Line {
            variant: l.variant_id,
            quantity: l.quantity,
        })
        .collect();
    let key = Key::new(
        &actor.person.to_string(),
        &format!("form:{}", form.token),
        &serde_json::json!({ "form": "checkout", "for": buyer.to_string(), "payment": payment.as_str() }),
    )?;
    let placed = checkout::place(
        &state.db,
        &state.i18n,
        state.pack,
        &actor,
        NewCheckout {
            lines,
            payment,
            delivery_note: form.delivery_note.clone(),
        },
        Some(key),
        rates(),
    )
    .await;
    match placed {
        Ok(placed) => {
            let to = format!("/shop/orders?placed={}", placed.checkout_id);
            Ok((StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response())
        }
        Err(e) => {
            let error = ApiError::from(e);
            if error.status.is_server_error() {
                return Err(error);
            }
            let errors = FormErrors::from_error(
                &tr,
                &error,
                &[("delivery_note", "delivery_note", "shop-delivery-note")],
                "checkout",
            );
            let view = cart_view(&state, tr, &uri, &member, &form.delivery_note, errors).await?;
            Ok(render_own(error.status, &view))
        }
    }
}

struct OrderRow {
    id: String,
    number: String,
    shop: String,
    state: String,
    total: String,
    when: String,
}

#[derive(Template)]
#[template(path = "orders.html")]
struct OrdersPage {
    tr: Tr,
    chrome: Chrome,
    placed: bool,
    bought: Vec<OrderRow>,
    sold: Vec<OrderRow>,
    assisted: Vec<OrderRow>,
    commission: Option<String>,
}

#[derive(Deserialize)]
struct Placed {
    placed: Option<String>,
}

fn rows(state: &AppState, tr: &Tr, orders: Vec<orders::Order>) -> Vec<OrderRow> {
    orders
        .into_iter()
        .map(|o| OrderRow {
            state: tr.t(&format!("commerce-state-{}", o.state)),
            total: money(state, tr, o.total_minor),
            when: when(state, tr, o.created_at),
            id: o.id,
            number: o.number,
            shop: o.shop_name,
        })
        .collect()
}

/// Orders that concern me: what I bought, what my shops sold, what I placed for others.
async fn orders_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    placed: Result<Query<Placed>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let me = member.0.person;
    let bought = orders::list(&state.db, Concerning::Buyer(me), 100).await?;
    let sold = orders::list(&state.db, Concerning::Seller(me), 100).await?;
    let assisted = if member.0.has(shetu_core::Role::Agent) {
        orders::list(&state.db, Concerning::Agent(me), 100).await?
    } else {
        Vec::new()
    };
    // What the platform owes the agent in commission (a credit balance in the ledger).
    let commission = if member.0.has(shetu_core::Role::Agent) {
        let owed =
            -crate::ledger::balance(&state.db, &crate::ledger::agent_commission(&me.to_string()))
                .await?;
        Some(money(&state, &tr, owed))
    } else {
        None
    };
    let view = OrdersPage {
        chrome: Chrome::new(&state, &tr, &uri, "orders", &member.1),
        commission,
        placed: placed.is_ok_and(|Query(p)| p.placed.is_some()),
        bought: rows(&state, &tr, bought),
        sold: rows(&state, &tr, sold),
        assisted: rows(&state, &tr, assisted),
        tr,
    };
    Ok(render_own(StatusCode::OK, &view))
}

struct LineView {
    title: String,
    quantity: String,
    price: String,
    line: String,
}

struct MoveButton {
    to: &'static str,
    label: String,
}

#[derive(Template)]
#[template(path = "order.html")]
struct OrderPage {
    tr: Tr,
    chrome: Chrome,
    id: String,
    number: String,
    shop: String,
    state: String,
    payment: String,
    total: String,
    note: String,
    lines: Vec<LineView>,
    moves: Vec<MoveButton>,
    errors: FormErrors,
}

async fn order_view(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    member: &Member,
    id: &str,
    errors: FormErrors,
) -> Result<OrderPage, ApiError> {
    let actor = actor_of(member)?;
    let (order, lines, next) = orders::get(&state.db, &actor, id).await?;
    Ok(OrderPage {
        chrome: Chrome::new(state, &tr, uri, "orders", &member.1),
        state: tr.t(&format!("commerce-state-{}", order.state)),
        payment: tr.t(&format!("commerce-payment-{}", order.payment)),
        total: money(state, &tr, order.total_minor),
        lines: lines
            .iter()
            .map(|l| LineView {
                title: l.title.clone(),
                quantity: tr.digits(&l.quantity.to_string()),
                price: money(state, &tr, l.unit_price_minor),
                line: money(state, &tr, l.line_minor),
            })
            .collect(),
        moves: next
            .iter()
            .map(|s| MoveButton {
                to: s.as_str(),
                label: tr.t(&format!("commerce-move-{}", s.as_str())),
            })
            .collect(),
        id: order.id,
        number: order.number,
        shop: order.shop_name,
        note: order.delivery_note,
        errors,
        tr,
    })
}

/// An order: its lines, where it is, and the moves I may make.
async fn order_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = path_id(id, "order_not_found")?;
    let view = order_view(&state, tr, &uri, &member, &id, FormErrors::none()).await?;
    Ok(render_own(StatusCode::OK, &view))
}

#[derive(Deserialize)]
struct MoveForm {
    #[serde(default)]
    to: String,
}

/// Moves an order; a move that is no longer allowed (someone else moved it first) shows why.
async fn order_move(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(form, _): CsrfForm<MoveForm>,
) -> Result<Response, ApiError> {
    let id = path_id(id, "order_not_found")?;
    let actor = actor_of(&member)?;
    let to = OrderState::parse(&form.to)
        .ok_or_else(|| ApiError::bad_request("bad_request").detail("to: a state"))?;
    match orders::transition(&state.db, &state.i18n, state.pack, &actor, &id, to).await {
        Ok(_) => {
            let back = format!("/shop/orders/{id}");
            Ok((StatusCode::SEE_OTHER, [(header::LOCATION, back)]).into_response())
        }
        Err(e) => {
            let error = ApiError::from(e);
            if error.status != StatusCode::CONFLICT {
                return Err(error);
            }
            let errors = FormErrors::from_error(&tr, &error, &[], "moves");
            let view = order_view(&state, tr, &uri, &member, &id, errors).await?;
            Ok(render_own(StatusCode::CONFLICT, &view))
        }
    }
}
