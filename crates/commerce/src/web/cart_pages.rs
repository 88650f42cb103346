//! The cart and the checkout form: one order per shop, placed once however often the form is
//! sent, with mistakes shown on the cart page.

use super::{actor_of, money, rates, title};
use crate::cart;
use crate::checkout::{self, Line, NewCheckout, Payment};
use crate::idempotency::Key;
use crate::settings::Settings;
use askama::Template;
use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde::Deserialize;
use shetu_web::auth::{CsrfForm, Member};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render_own, Chrome, FormErrors};
use shetu_web::AppState;
use std::sync::Arc;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/shop/cart", get(cart_page).post(cart_set))
        .route("/shop/checkout", post(checkout_submit))
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
    /// Whether mobile money is offered here (a provider is configured).
    mobile_money: bool,
    /// The payment chosen (kept when the form comes back with a mistake).
    payment: String,
    /// Digital centres to collect from: (id, name and place), and the one chosen.
    points: Vec<(String, String)>,
    pickup: String,
}

async fn cart_view(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    member: &Member,
    settings: &Settings,
    (note, payment, pickup): (&str, &str, &str),
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
        mobile_money: settings.mobile_money.is_some(),
        payment: if payment.is_empty() { "cod" } else { payment }.to_owned(),
        points: shetu_people::orgs::service_points(&state.db)
            .await
            .map_err(ApiError::from)?
            .into_iter()
            .take(200)
            .map(|p| {
                let place = super::place(state, &tr, &p.region);
                (p.id.to_string(), format!("{} ({place})", p.name))
            })
            .collect(),
        pickup: pickup.to_owned(),
        tr,
    })
}

/// The cart and the checkout form.
async fn cart_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    Extension(settings): Extension<Arc<Settings>>,
) -> Result<Response, ApiError> {
    let view = cart_view(
        &state,
        tr,
        &uri,
        &member,
        &settings,
        ("", "", ""),
        FormErrors::none(),
    )
    .await?;
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
    #[serde(default)]
    pickup_point: String,
}

/// Places the cart: one order per shop. The form's token makes a double tap or a resend place
/// it once; the second answer is the first one's.
async fn checkout_submit(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    Extension(settings): Extension<Arc<Settings>>,
    CsrfForm(form, _): CsrfForm<CheckoutForm>,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    let buyer = actor.on_behalf_of.unwrap_or(actor.person);
    let payment = if form.payment == "mobile_money" && settings.mobile_money.is_some() {
        Payment::MobileMoney
    } else {
        Payment::Cod
    };
    let pickup = Some(form.pickup_point.trim().to_owned()).filter(|p| !p.is_empty());
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
            pickup_point: pickup,
        },
        Some(key),
        rates(),
    )
    .await;
    match placed {
        Ok(placed) => {
            let to = match payment {
                Payment::MobileMoney => format!("/shop/checkouts/{}/pay", placed.checkout_id),
                Payment::Cod => format!("/shop/orders?placed={}", placed.checkout_id),
            };
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
                &[
                    ("delivery_note", "delivery_note", "shop-delivery-note"),
                    ("pickup_point", "pickup_point", "shop-pickup"),
                ],
                "checkout",
            );
            let view = cart_view(
                &state,
                tr,
                &uri,
                &member,
                &settings,
                (&form.delivery_note, payment.as_str(), &form.pickup_point),
                errors,
            )
            .await?;
            Ok(render_own(error.status, &view))
        }
    }
}
