//! Workshop pages, all without JavaScript: the list; a workshop with its slots, registration,
//! free slots, participants to ask for a meeting, requests to answer and (for the secretariat)
//! the scheduler; a participant's printable agenda and its iCalendar file.

use super::api::id_of;
use super::{actor_of, see};
use crate::workshops::{self, Unplaced, Workshop};
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde::Deserialize;
use shetu_core::Role;
use shetu_web::auth::{CsrfForm, Member as SignedMember, Visitor};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render, render_own, Chrome};
use shetu_web::AppState;
use std::sync::Arc;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/exchange/workshops", get(list))
        .route("/exchange/workshops/{id}", get(page))
        .route("/exchange/workshops/{id}/register", post(register))
        .route("/exchange/workshops/{id}/availability", post(availability))
        .route("/exchange/workshops/{id}/requests", post(request))
        .route("/exchange/workshops/{id}/schedule", post(schedule))
        .route("/exchange/workshops/{id}/agenda", get(agenda))
        .route("/exchange/workshops/{id}/agenda.ics", get(agenda_ics))
        .route("/exchange/meeting-requests/{id}/answer", post(answer))
}

/// A slot as read: when (in words and digits of the reader) and how many tables.
struct SlotRow {
    slot: i64,
    when: String,
    tables: i64,
    free: bool,
}

fn when_local(tr: &Tr, starts_at: &str, minutes: i64) -> String {
    let Some(start) = workshops::local_time(starts_at) else {
        return starts_at.to_owned();
    };
    let end = start
        .checked_add(jiff::Span::new().minutes(minutes))
        .map(|e| e.strftime("%H:%M").to_string())
        .unwrap_or_default();
    let month = tr.t(&format!("month-{}", start.month()));
    tr.digits(&format!(
        "{} {month} {}, {}–{end}",
        start.day(),
        start.year(),
        start.strftime("%H:%M")
    ))
}

#[derive(Template)]
#[template(path = "exchange_workshops.html")]
struct ListPage {
    tr: Tr,
    chrome: Chrome,
    workshops: Vec<(Workshop, String)>,
}

async fn list(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
) -> Result<Response, ApiError> {
    let all = workshops::all(&state.db).await?;
    let page = ListPage {
        chrome: Chrome::new(&state, &tr, &uri, "exchange", &visitor),
        workshops: all
            .into_iter()
            .map(|w| {
                let first = w
                    .slots
                    .first()
                    .map(|s| when_local(&tr, &s.starts_at, s.minutes))
                    .unwrap_or_default();
                (w, first)
            })
            .collect(),
        tr,
    };
    Ok(render(StatusCode::OK, &page))
}

/// A request on the page: who, why, its state, and whether the reader answers it.
struct RequestRow {
    id: String,
    other: String,
    note: String,
    status: String,
    to_answer: bool,
}

#[derive(Template)]
#[template(path = "exchange_workshop.html")]
struct WorkshopPage {
    tr: Tr,
    chrome: Chrome,
    w: Workshop,
    slots: Vec<SlotRow>,
    signed_in: bool,
    registered: bool,
    members: Vec<(String, String)>,
    others: Vec<(String, String)>,
    requests: Vec<RequestRow>,
    secretariat: bool,
    run: Option<String>,
    deadline: String,
}

#[derive(Debug, Default, Deserialize)]
struct RunQuery {
    placed: Option<u32>,
    kept: Option<u32>,
    no_common_slot: Option<u32>,
    tables_full: Option<u32>,
    over_cap: Option<u32>,
}

async fn page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    id: Result<Path<String>, PathRejection>,
    Query(run): Query<RunQuery>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "workshop_not_found")?;
    let w = workshops::get(&state.db, &id).await?;
    let actor = visitor.actor();
    let me = actor.as_ref().map(|a| a.person.to_string());
    let people = workshops::participants(&state.db, &id).await?;
    let registered = me
        .as_ref()
        .is_some_and(|m| people.iter().any(|p| &p.0 == m));
    let availability: i64 = match &me {
        Some(m) if registered => sqlx::query_scalar(
            "SELECT availability FROM exchange_participant WHERE workshop_id = $1 AND person_id = $2",
        )
        .bind(&id)
        .bind(m)
        .fetch_one(state.db.pool())
        .await
        .map_err(shetu_store::StoreError::from)?,
        _ => 0,
    };
    let requests = match &actor {
        Some(a) if registered => workshops::requests_of(&state.db, a, &id).await?,
        _ => Vec::new(),
    };
    let asked: Vec<String> = requests
        .iter()
        .flat_map(|r| [r.from_person.clone(), r.to_person.clone()])
        .collect();
    let members = match &actor {
        Some(a) => crate::members::mine(&state.db, a)
            .await?
            .into_iter()
            .filter(|m| m.status == "verified")
            .map(|m| (m.id, m.name))
            .collect(),
        None => Vec::new(),
    };
    let secretariat = actor.as_ref().is_some_and(|a| a.has(Role::Admin));
    let run = run.placed.map(|placed| {
        tr.with(
            "exchange-run-result",
            &[
                ("placed", shetu_i18n::Arg::Count(i64::from(placed))),
                (
                    "kept",
                    shetu_i18n::Arg::Text(tr.digits(&run.kept.unwrap_or(0).to_string())),
                ),
                (
                    "nocommon",
                    shetu_i18n::Arg::Text(tr.digits(&run.no_common_slot.unwrap_or(0).to_string())),
                ),
                (
                    "full",
                    shetu_i18n::Arg::Text(tr.digits(&run.tables_full.unwrap_or(0).to_string())),
                ),
                (
                    "cap",
                    shetu_i18n::Arg::Text(tr.digits(&run.over_cap.unwrap_or(0).to_string())),
                ),
            ],
        )
    });
    let view = WorkshopPage {
        chrome: Chrome::new(&state, &tr, &uri, "exchange", &visitor),
        slots: w
            .slots
            .iter()
            .map(|s| SlotRow {
                slot: s.slot,
                when: when_local(&tr, &s.starts_at, s.minutes),
                tables: s.tables,
                free: availability & (1i64 << s.slot) != 0,
            })
            .collect(),
        signed_in: actor.is_some(),
        registered,
        members,
        others: people
            .into_iter()
            .filter(|p| Some(&p.0) != me.as_ref() && !asked.contains(&p.0))
            .map(|(pid, name, member)| {
                let label = match member {
                    Some(m) => format!("{name} ({m})"),
                    None => name,
                };
                (pid, label)
            })
            .collect(),
        requests: requests
            .into_iter()
            .map(|r| {
                let mine = Some(&r.from_person) == me.as_ref();
                RequestRow {
                    to_answer: !mine && r.status == "pending",
                    other: if mine { r.to_name } else { r.from_name },
                    note: r.note,
                    status: tr.t(&format!("exchange-request-{}", r.status)),
                    id: r.id,
                }
            })
            .collect(),
        secretariat,
        run,
        deadline: tr.digits(&w.registration_deadline),
        w,
        tr,
    };
    Ok(render_own(StatusCode::OK, &view))
}

#[derive(Debug, Default, Deserialize)]
struct RegisterForm {
    #[serde(default)]
    member: String,
}

async fn register(
    State(state): State<AppState>,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(form, _): CsrfForm<RegisterForm>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "workshop_not_found")?;
    let for_member = Some(form.member.trim()).filter(|m| !m.is_empty());
    workshops::register(&state.db, &actor_of(&member)?, &id, for_member).await?;
    Ok(see(format!("/exchange/workshops/{id}#availability")))
}

async fn availability(
    State(state): State<AppState>,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(form, _): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "workshop_not_found")?;
    let slots: Vec<i64> = form
        .iter()
        .filter(|(k, _)| k == "slot")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    workshops::set_availability(&state.db, &actor_of(&member)?, &id, &slots).await?;
    Ok(see(format!("/exchange/workshops/{id}#availability")))
}

#[derive(Debug, Default, Deserialize)]
struct RequestForm {
    #[serde(default)]
    with: String,
    #[serde(default)]
    note: String,
}

async fn request(
    State(state): State<AppState>,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(form, _): CsrfForm<RequestForm>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "workshop_not_found")?;
    workshops::request_meeting(&state.db, &actor_of(&member)?, &id, &form.with, &form.note).await?;
    Ok(see(format!("/exchange/workshops/{id}#requests")))
}

#[derive(Debug, Default, Deserialize)]
struct AnswerForm {
    #[serde(default)]
    accept: String,
}

async fn answer(
    State(state): State<AppState>,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(form, _): CsrfForm<AnswerForm>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "meeting_not_found")?;
    let workshop: Option<String> =
        sqlx::query_scalar("SELECT workshop_id FROM exchange_meeting_request WHERE id = $1")
            .bind(&id)
            .fetch_optional(state.db.pool())
            .await
            .map_err(shetu_store::StoreError::from)?;
    workshops::answer(&state.db, &actor_of(&member)?, &id, form.accept == "yes").await?;
    Ok(see(format!(
        "/exchange/workshops/{}#requests",
        workshop.unwrap_or_default()
    )))
}

#[derive(Debug, Default, Deserialize)]
struct Nothing {}

async fn schedule(
    State(state): State<AppState>,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(_, _): CsrfForm<Nothing>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "workshop_not_found")?;
    let run = workshops::schedule(&state.db, &state.i18n, &actor_of(&member)?, &id).await?;
    let count = |reason: Unplaced| run.unplaced.iter().filter(|u| u.reason == reason).count();
    Ok(see(format!(
        "/exchange/workshops/{id}?placed={}&kept={}&no_common_slot={}&tables_full={}&over_cap={}#schedule",
        run.placed,
        run.kept,
        count(Unplaced::NoCommonSlot),
        count(Unplaced::TablesFull),
        count(Unplaced::OverCap)
    )))
}

/// A meeting on the printable agenda.
struct AgendaRow {
    when: String,
    table: String,
    with: String,
    member: String,
}

#[derive(Template)]
#[template(path = "exchange_agenda.html")]
struct AgendaPage {
    tr: Tr,
    chrome: Chrome,
    w: Workshop,
    rows: Vec<AgendaRow>,
}

async fn agenda(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "workshop_not_found")?;
    let w = workshops::get(&state.db, &id).await?;
    let items = workshops::agenda(&state.db, &actor_of(&member)?, &id).await?;
    let view = AgendaPage {
        chrome: Chrome::new(&state, &tr, &uri, "exchange", &member.1),
        rows: items
            .iter()
            .map(|i| AgendaRow {
                when: when_local(&tr, &i.starts_at, i.minutes),
                table: tr.t1("exchange-table", "table", &tr.digits(&i.table.to_string())),
                with: i.with_name.clone(),
                member: i.with_member.clone().unwrap_or_default(),
            })
            .collect(),
        w,
        tr,
    };
    Ok(render_own(StatusCode::OK, &view))
}

async fn agenda_ics(
    State(state): State<AppState>,
    Locale(tr): Locale,
    Extension(node): Extension<Arc<super::NodeName>>,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "workshop_not_found")?;
    super::workshop_api::ics_response(&state, &tr, &node.0, &actor_of(&member)?, &id).await
}
