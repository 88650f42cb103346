//! The administrator's marketplace page: shops to verify, disputes to decide, payouts and
//! refunds to act on, and the ledger's check.

use super::sell::{shop_rows, ShopRow};
use super::{actor_of, money, path_id};
use crate::shops;
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use shetu_web::auth::{CsrfForm, Member};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render_own, Chrome};
use shetu_web::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/shop/admin", get(admin_queue))
        .route("/shop/admin/{id}/verify", post(verify))
}

#[derive(Template)]
#[template(path = "admin_shops.html")]
struct AdminPage {
    tr: Tr,
    chrome: Chrome,
    shops: Vec<ShopRow>,
    ledger: String,
    /// Payouts to transfer by hand, or that the provider refused: (shop, amount, account, state).
    payouts: Vec<(String, String, String, String)>,
    /// Refunds not given back yet: (order number, amount, state, problem).
    refunds: Vec<(String, String, String, String)>,
    /// Open disputes: (id, order id, order number, the buyer's words).
    disputes: Vec<(String, String, String, String)>,
}

/// Shops waiting for an administrator to verify them.
async fn admin_queue(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    let pending = shops::pending(&state.db, &actor).await?;
    let (txns, off) = crate::ledger::summary(&state.db).await?;
    let ledger = tr.with(
        "admin-ledger-summary",
        &[
            (
                "txns",
                shetu_web::i18n::Arg::Text(tr.digits(&txns.to_string())),
            ),
            (
                "off",
                shetu_web::i18n::Arg::Text(tr.digits(&off.to_string())),
            ),
        ],
    );
    let view = AdminPage {
        chrome: Chrome::new(&state, &tr, &uri, "admin-shops", &member.1),
        shops: shop_rows(&state, &tr, pending),
        payouts: crate::payouts::to_act_on(&state.db, &actor)
            .await?
            .into_iter()
            .map(|p| {
                (
                    p.shop_name,
                    money(&state, &tr, p.amount_minor),
                    format!(
                        "{} {}",
                        tr.t(&format!("sell-payout-{}", p.method)),
                        p.account
                    ),
                    tr.t(&format!("payout-state-{}", p.state))
                        + &p.detail.map(|d| format!(": {d}")).unwrap_or_default(),
                )
            })
            .collect(),
        disputes: crate::disputes::open_ones(&state.db, &actor)
            .await?
            .into_iter()
            .map(|d| (d.id, d.order_id, d.number, d.reason))
            .collect(),
        refunds: crate::payments::open_refunds(&state.db, &actor)
            .await?
            .into_iter()
            .map(|(number, amount, refund, error)| {
                (
                    number,
                    money(&state, &tr, amount),
                    tr.t(&format!("refund-state-{refund}")),
                    error.unwrap_or_default(),
                )
            })
            .collect(),
        ledger,
        tr,
    };
    Ok(render_own(StatusCode::OK, &view))
}

#[derive(Deserialize)]
struct Nothing {}

/// Verifies a shop.
async fn verify(
    State(state): State<AppState>,
    member: Member,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(_, _): CsrfForm<Nothing>,
) -> Result<Response, ApiError> {
    let id = path_id(id, "shop_not_found")?;
    let actor = actor_of(&member)?;
    shops::verify(&state.db, &actor, &id).await?;
    Ok((StatusCode::SEE_OTHER, [(header::LOCATION, "/shop/admin")]).into_response())
}
