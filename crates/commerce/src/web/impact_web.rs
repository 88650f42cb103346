//! The impact page (`/shop/impact`, with a bar chart drawn on the server as inline SVG), its
//! open data (`/shop/impact.csv`, `GET /api/v1/impact`), small counts suppressed.

use super::{money, place};
use crate::impact::{self, Cell, Impact};
use askama::Template;
use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use shetu_web::auth::Visitor;
use shetu_web::error::{ApiError, ErrorBody};
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render, Chrome};
use shetu_web::AppState;

struct Bar {
    label: String,
    y: u32,
    text_y: u32,
    total: u32,
    women: u32,
    value: String,
}

struct Row {
    place: String,
    products: String,
    orders: String,
    sales: String,
    women_share: String,
}

#[derive(Template)]
#[template(path = "impact.html")]
struct ImpactPage {
    tr: Tr,
    chrome: Chrome,
    headline: Vec<(String, String)>,
    bars: Vec<Bar>,
    height: u32,
    rows: Vec<Row>,
    min_cell: i64,
}

fn share(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 100 + whole / 2) / whole)
}

/// The impact page.
pub(super) async fn page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
) -> Result<Response, ApiError> {
    let figures = impact::compute(&state.db).await?;
    let money = |m: i64| money(&state, &tr, m);
    let n = |v: i64| tr.digits(&v.to_string());
    let percent = |v: Option<i64>| {
        v.map_or_else(
            || "–".to_owned(),
            |p| format!("{}%", tr.digits(&p.to_string())),
        )
    };
    let shown = |c: Cell, f: &dyn Fn(i64) -> String| c.map_or_else(|| tr.t("impact-suppressed"), f);
    let headline = vec![
        (
            tr.t("impact-products"),
            format!(
                "{} ({} {})",
                n(figures.products),
                percent(share(figures.products_women_led, figures.products)),
                tr.t("impact-women-led")
            ),
        ),
        (
            tr.t("impact-orders"),
            format!(
                "{} ({} {})",
                n(figures.orders),
                percent(share(figures.orders_women_led, figures.orders)),
                tr.t("impact-women-led")
            ),
        ),
        (
            tr.t("impact-sales"),
            format!(
                "{} ({} {})",
                money(figures.sales_minor),
                percent(share(figures.sales_women_led_minor, figures.sales_minor)),
                tr.t("impact-women-led")
            ),
        ),
        (tr.t("commerce-kind-farmer"), n(figures.farmers)),
        (tr.t("commerce-kind-wholesaler"), n(figures.wholesalers)),
        (tr.t("commerce-kind-shop"), n(figures.shops)),
        (tr.t("impact-partners"), n(figures.partner_companies)),
    ];
    let charted: Vec<_> = figures
        .districts
        .iter()
        .filter_map(|d| d.sales_minor.filter(|v| *v > 0).map(|v| (d, v)))
        .take(12)
        .collect();
    let max = charted.iter().map(|(_, v)| *v).max().unwrap_or(1).max(1);
    let width = |v: i64| u32::try_from(v.saturating_mul(400) / max).unwrap_or(0);
    let bars = charted
        .iter()
        .enumerate()
        .map(|(i, (d, v))| {
            let y = 8 + 30 * u32::try_from(i).unwrap_or(0);
            Bar {
                label: place(&state, &tr, &d.district),
                y,
                text_y: y + 16,
                total: width(*v).max(1),
                women: d.sales_women_led_minor.map_or(0, width),
                value: money(*v),
            }
        })
        .collect::<Vec<_>>();
    let height = 16 + 30 * u32::try_from(bars.len()).unwrap_or(0);
    let rows = figures
        .districts
        .iter()
        .map(|d| Row {
            place: place(&state, &tr, &d.district),
            products: shown(d.products, &|v| n(v)),
            orders: shown(d.orders, &|v| n(v)),
            sales: shown(d.sales_minor, &|v| money(v)),
            women_share: match (d.sales_women_led_minor, d.sales_minor) {
                (Some(w), Some(all)) => percent(share(w, all)),
                _ => tr.t("impact-suppressed"),
            },
        })
        .collect();
    let view = ImpactPage {
        chrome: Chrome::new(&state, &tr, &uri, "impact", &visitor),
        headline,
        bars,
        height,
        rows,
        min_cell: figures.min_cell,
        tr,
    };
    Ok(render(StatusCode::OK, &view))
}

fn csv_cell(c: Cell) -> String {
    c.map(|v| v.to_string()).unwrap_or_default()
}

/// The figures by district as CSV (suppressed cells empty).
pub(super) async fn csv(State(state): State<AppState>) -> Result<Response, ApiError> {
    let figures = impact::compute(&state.db).await?;
    let mut out = String::from(
        "district,products,products_women_led,orders,orders_women_led,sales_minor,sales_women_led_minor\n",
    );
    for d in &figures.districts {
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            d.district,
            csv_cell(d.products),
            csv_cell(d.products_women_led),
            csv_cell(d.orders),
            csv_cell(d.orders_women_led),
            csv_cell(d.sales_minor),
            csv_cell(d.sales_women_led_minor),
        ));
    }
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"shetu-impact.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}

/// The marketplace's impact as open data: women-led share of products, orders and sales,
/// by district (counts under 5 are `null`), and how many farmers, wholesalers and partner
/// companies sell.
#[utoipa::path(get, path = "/api/v1/impact", tag = "commerce",
    responses((status = 200, body = Impact), (status = 503, body = ErrorBody)))]
pub async fn api(State(state): State<AppState>) -> Result<Json<Impact>, ApiError> {
    Ok(Json(impact::compute(&state.db).await?))
}
