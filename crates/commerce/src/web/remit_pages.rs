//! The administrator's cash-on-delivery reconciliation: upload a courier's remittance file, watch
//! it being matched (a progress bar that refreshes itself, with or without JavaScript), and see
//! the lines that did not match.

use super::{actor_of, money, path_id};
use crate::remittances::{self, Mismatch, Remittance};
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use shetu_web::auth::{CsrfMultipart, Member};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render_own, when, Chrome, FormErrors};
use shetu_web::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/shop/admin/remittances",
            get(list_page)
                .post(upload)
                .layer(DefaultBodyLimit::max(remittances::MAX_BYTES + 64 * 1024)),
        )
        .route("/shop/admin/remittances/{id}", get(one_page))
}

struct Row {
    id: String,
    courier: String,
    file: String,
    when: String,
    progress: String,
    matched: String,
    mismatched: String,
    done: bool,
}

#[derive(Template)]
#[template(path = "remittances.html")]
struct ListPage {
    tr: Tr,
    chrome: Chrome,
    errors: FormErrors,
    courier: String,
    rows: Vec<Row>,
    held: String,
    remitted: String,
}

fn count(tr: &Tr, n: i64) -> String {
    tr.digits(&n.to_string())
}

fn row(state: &AppState, tr: &Tr, r: &Remittance) -> Row {
    Row {
        id: r.id.clone(),
        courier: r.courier.clone(),
        file: r.file_name.clone(),
        when: when(state, tr, r.created_at),
        progress: format!("{} / {}", count(tr, r.done_lines), count(tr, r.total_lines)),
        matched: count(tr, r.matched),
        mismatched: count(tr, r.mismatched),
        done: r.state == "done",
    }
}

async fn list_view(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    member: &Member,
    courier: String,
    errors: FormErrors,
) -> Result<ListPage, ApiError> {
    let actor = actor_of(member)?;
    let all = remittances::list(&state.db, &actor).await?;
    // Cash couriers hold is a debit balance; cash remitted is what came in.
    let held = crate::ledger::balance(&state.db, crate::ledger::COD_HELD).await?;
    let remitted = crate::ledger::balance(&state.db, remittances::REMITTED).await?;
    Ok(ListPage {
        chrome: Chrome::new(state, &tr, uri, "admin-shops", &member.1),
        errors,
        courier,
        rows: all.iter().map(|r| row(state, &tr, r)).collect(),
        held: money(state, &tr, held),
        remitted: money(state, &tr, remitted),
        tr,
    })
}

async fn list_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
) -> Result<Response, ApiError> {
    let view = list_view(&state, tr, &uri, &member, String::new(), FormErrors::none()).await?;
    Ok(render_own(StatusCode::OK, &view))
}

#[derive(Deserialize)]
struct UploadForm {
    #[serde(default)]
    courier: String,
}

async fn upload(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    CsrfMultipart(form, uploads, _): CsrfMultipart<UploadForm>,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    let file = uploads.into_iter().find(|u| u.field == "file");
    let done = match &file {
        None => Err(ApiError::from(crate::CommerceError::Invalid(
            "file".into(),
            "required",
        ))),
        Some(f) => remittances::upload(
            &state.db,
            state.pack,
            &actor,
            &form.courier,
            &f.file_name,
            &f.bytes,
        )
        .await
        .map_err(ApiError::from),
    };
    match done {
        Ok(r) => Ok((
            StatusCode::SEE_OTHER,
            [(
                header::LOCATION,
                format!("/shop/admin/remittances/{}", r.id),
            )],
        )
            .into_response()),
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => {
            let errors = FormErrors::from_error(
                &tr,
                &e,
                &[
                    ("courier", "courier", "remit-courier"),
                    ("file", "file", "remit-file"),
                ],
                "file",
            );
            let view = list_view(&state, tr, &uri, &member, form.courier, errors).await?;
            Ok(render_own(e.status, &view))
        }
        Err(e) => Err(e),
    }
}

struct MismatchRow {
    line: String,
    number: String,
    amount: String,
    why: String,
}

#[derive(Template)]
#[template(path = "remittance.html")]
struct OnePage {
    tr: Tr,
    chrome: Chrome,
    id: String,
    row: Row,
    done_lines: i64,
    total_lines: i64,
    amount: String,
    mismatches: Vec<MismatchRow>,
}

async fn one_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = path_id(id, "remittance_not_found")?;
    let (r, mismatches): (Remittance, Vec<Mismatch>) =
        remittances::get(&state.db, &actor_of(&member)?, &id).await?;
    let view = OnePage {
        chrome: Chrome::new(&state, &tr, &uri, "admin-shops", &member.1),
        row: row(&state, &tr, &r),
        done_lines: r.done_lines,
        total_lines: r.total_lines.max(1),
        amount: money(&state, &tr, r.amount_minor),
        mismatches: mismatches
            .into_iter()
            .map(|m| MismatchRow {
                line: count(&tr, m.line_no),
                number: m.order_number,
                amount: m
                    .amount_minor
                    .map(|a| money(&state, &tr, a))
                    .unwrap_or_default(),
                why: tr.t(&format!("remit-outcome-{}", m.outcome)),
            })
            .collect(),
        id,
        tr,
    };
    Ok(render_own(StatusCode::OK, &view))
}
