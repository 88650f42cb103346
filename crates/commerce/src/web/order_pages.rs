//! The orders that concern the signed-in person (as buyer, seller or the agent who placed them),
//! an order's detail, and the moves they may make.

use super::{actor_of, money, path_id};
use crate::orders::{self, Concerning};
use crate::settings::Settings;
use crate::state::State as OrderState;
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde::Deserialize;
use shetu_web::auth::{CsrfForm, Member};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render_own, when, Chrome, FormErrors};
use shetu_web::AppState;
use std::sync::Arc;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/shop/orders", get(orders_page))
        .route("/shop/orders/{id}", get(order_page))
        .route("/shop/orders/{id}/move", post(order_move))
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
    // The signed-in person's own orders, also while an agent acts for a client.
    let mut actor = member.0.actor(member.1.request_id.clone());
    actor.on_behalf_of = None;
    let bought = orders::list(&state.db, &actor, Concerning::Buyer(me), 100).await?;
    let sold = orders::list(&state.db, &actor, Concerning::Seller(me), 100).await?;
    let assisted = if member.0.has(shetu_core::Role::Agent) {
        orders::list(&state.db, &actor, Concerning::Agent(me), 100).await?
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
pub(super) struct OrderPage {
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
    /// The shop may hand this packed order to the courier.
    dispatch: bool,
    /// The digital centre it goes to, if any.
    pickup: Option<String>,
    /// The buyer may report a problem with it.
    can_dispute: bool,
    /// A dispute about it is open.
    disputed: bool,
    /// The courier and its tracking number, if it was handed to one.
    tracking: Option<String>,
    /// What happened to it, oldest first: its moves and what the courier reported.
    history: Vec<HistoryRow>,
}

/// One line of an order's history.
pub(super) struct HistoryRow {
    when: String,
    what: String,
}

/// An order's moves and its courier's events, oldest first, in words.
async fn history(state: &AppState, tr: &Tr, order: &str) -> Result<Vec<HistoryRow>, ApiError> {
    let moves: Vec<(i64, Option<String>, String)> = sqlx::query_as(
        "SELECT at, from_state, to_state FROM commerce_order_event WHERE order_id = $1 ORDER BY at",
    )
    .bind(order)
    .fetch_all(state.db.pool())
    .await
    .map_err(crate::CommerceError::from)?;
    // A delivery the courier reported is already a move; a duplicate changed nothing.
    let courier: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT received_at, kind, outcome FROM commerce_courier_event \
         WHERE order_id = $1 AND outcome NOT IN ('delivered', 'duplicate') ORDER BY received_at",
    )
    .bind(order)
    .fetch_all(state.db.pool())
    .await
    .map_err(crate::CommerceError::from)?;
    let mut rows: Vec<(i64, String)> = moves
        .into_iter()
        .map(|(at, from, to)| {
            let what = match from {
                None => tr.t("order-history-placed"),
                Some(_) => tr.t1(
                    "order-history-state",
                    "state",
                    &tr.t(&format!("commerce-state-{to}")),
                ),
            };
            (at, what)
        })
        .collect();
    rows.extend(courier.into_iter().map(|(at, kind, outcome)| {
        let what = match (kind.as_str(), outcome.as_str()) {
            ("parcel.delivered", "wrong_code") => tr.t("courier-event-wrong_code"),
            ("parcel.failed", _) => tr.t("courier-event-failed"),
            ("parcel.picked_up", _) => tr.t("courier-event-picked_up"),
            ("parcel.out_for_delivery", _) => tr.t("courier-event-out_for_delivery"),
            (other, _) => tr.t1("courier-event-other", "kind", other),
        };
        (at, what)
    }));
    rows.sort_by_key(|(at, _)| *at);
    Ok(rows
        .into_iter()
        .map(|(at, what)| HistoryRow {
            when: shetu_web::pages::when(state, tr, at),
            what,
        })
        .collect())
}

pub(super) async fn order_view(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    member: &Member,
    id: &str,
    errors: FormErrors,
    courier: bool,
) -> Result<OrderPage, ApiError> {
    let actor = actor_of(member)?;
    let (order, lines, next) = orders::get(&state.db, &actor, id).await?;
    let dispatch =
        courier && order.pickup_point.is_none() && next.contains(&crate::state::State::Shipped);
    let pickup = match &order.pickup_point {
        Some(point) => shetu_people::orgs::service_points(&state.db)
            .await
            .map_err(ApiError::from)?
            .into_iter()
            .find(|p| p.id.to_string() == *point)
            .map(|p| p.name),
        None => None,
    };
    let disputed: Option<String> = sqlx::query_scalar(
        "SELECT id FROM commerce_dispute WHERE order_id = $1 AND state = 'open'",
    )
    .bind(&order.id)
    .fetch_optional(state.db.pool())
    .await
    .map_err(crate::CommerceError::from)?;
    let buyer = actor.on_behalf_of.unwrap_or(actor.person).to_string();
    let courier_of: Option<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT courier, tracking_id FROM commerce_order WHERE id = $1")
            .bind(&order.id)
            .fetch_optional(state.db.pool())
            .await
            .map_err(crate::CommerceError::from)?;
    let tracking = match courier_of {
        Some((Some(courier), Some(number))) => Some(tr.with(
            "order-tracking",
            &[
                ("courier", shetu_web::i18n::Arg::Text(courier)),
                ("tracking", shetu_web::i18n::Arg::Text(number)),
            ],
        )),
        _ => None,
    };
    let history = history(state, &tr, &order.id).await?;
    Ok(OrderPage {
        tracking,
        history,
        can_dispute: disputed.is_none()
            && (order.state == "delivered" || order.state == "shipped")
            && order.buyer_id == buyer,
        disputed: disputed.is_some(),
        dispatch,
        pickup,
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
    Extension(settings): Extension<Arc<Settings>>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = path_id(id, "order_not_found")?;
    let courier = settings.courier.is_some();
    let view = order_view(&state, tr, &uri, &member, &id, FormErrors::none(), courier).await?;
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
    Extension(settings): Extension<Arc<Settings>>,
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
            let courier = settings.courier.is_some();
            let view = order_view(&state, tr, &uri, &member, &id, errors, courier).await?;
            Ok(render_own(StatusCode::CONFLICT, &view))
        }
    }
}
