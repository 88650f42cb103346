//! Pages for matches: expressing interest from a need's page, a match with its follow-up log
//! and the moves its reader may make, and the network's dashboard of partnerships (a bar chart
//! drawn on the server as SVG, and tables).

use super::api::id_of;
use super::country;
use super::{actor_of, see};
use crate::matches::{self, Match, Sides};
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use shetu_core::{Actor, Role};
use shetu_web::auth::{CsrfForm, Member as SignedMember, Visitor};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render, render_own, when, Chrome};
use shetu_web::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/exchange/needs/{id}/interest", post(interest))
        .route("/exchange/matches/{id}", get(page))
        .route("/exchange/matches/{id}/move", post(move_match))
        .route("/exchange/matches/{id}/note", post(note))
        .route("/exchange/dashboard", get(dashboard))
}

#[derive(Debug, Default, Deserialize)]
struct InterestForm {
    #[serde(default)]
    solution: String,
}

/// The need's member (or the secretariat) matches the need with a suggested solution.
async fn interest(
    State(state): State<AppState>,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(form, _): CsrfForm<InterestForm>,
) -> Result<Response, ApiError> {
    let need = id_of(id, "need_not_found")?;
    let made = matches::create(&state.db, &actor_of(&member)?, &need, &form.solution).await?;
    Ok(see(format!("/exchange/matches/{}", made.id)))
}

/// A line of the log, written out.
struct LogLine {
    when: String,
    what: String,
    note: String,
    /// A document: (id, name).
    document: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "exchange_match.html")]
struct MatchPage {
    tr: Tr,
    chrome: Chrome,
    m: Match,
    state: String,
    log: Vec<LogLine>,
    moves: Vec<(String, String)>,
}

/// The moves a reader's side may make now.
async fn moves_for(
    state: &AppState,
    actor: &Actor,
    m: &Match,
    tr: &Tr,
) -> Result<Vec<(String, String)>, ApiError> {
    let mut conn = state
        .db
        .pool()
        .acquire()
        .await
        .map_err(shetu_store::StoreError::from)?;
    let secretariat = actor.has(Role::Admin);
    let sides = Sides {
        need: !secretariat && crate::members::may_act_for(&mut conn, actor, &m.need_member).await?,
        solution: !secretariat
            && crate::members::may_act_for(&mut conn, actor, &m.solution_member).await?,
        secretariat,
    };
    Ok(matches::STATES
        .iter()
        .filter(|to| matches::allowed(sides, &m.state, to))
        .map(|to| ((*to).to_owned(), tr.t(&format!("exchange-move-{to}"))))
        .collect())
}

async fn page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "match_not_found")?;
    let actor = actor_of(&member)?;
    let m = matches::get(&state.db, &actor, &id).await?;
    let moves = moves_for(&state, &actor, &m, &tr).await?;
    let log = m
        .log
        .iter()
        .map(|e| LogLine {
            when: match &e.happened_on {
                Some(day) => tr.digits(day),
                None => when(&state, &tr, e.at),
            },
            what: match (&e.to, &e.document) {
                (Some(to), _) => tr.t(&format!("exchange-mstate-{to}")),
                (None, Some(_)) => tr.t("exchange-log-document"),
                (None, None) => tr.t("exchange-log-note"),
            },
            note: e.note.clone(),
            document: e.document.as_ref().map(|d| (d.id.clone(), d.name.clone())),
        })
        .collect();
    let view = MatchPage {
        chrome: Chrome::new(&state, &tr, &uri, "exchange", &member.1),
        state: tr.t(&format!("exchange-mstate-{}", m.state)),
        log,
        moves,
        m,
        tr,
    };
    Ok(render_own(StatusCode::OK, &view))
}

#[derive(Debug, Default, Deserialize)]
struct MoveForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    note: String,
}

async fn move_match(
    State(state): State<AppState>,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(form, _): CsrfForm<MoveForm>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "match_not_found")?;
    matches::move_to(&state.db, &actor_of(&member)?, &id, &form.to, &form.note).await?;
    Ok(see(format!("/exchange/matches/{id}")))
}

#[derive(Debug, Default, Deserialize)]
struct NoteForm {
    #[serde(default)]
    note: String,
    #[serde(default)]
    happened_on: String,
}

async fn note(
    State(state): State<AppState>,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(form, _): CsrfForm<NoteForm>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "match_not_found")?;
    matches::note(
        &state.db,
        &actor_of(&member)?,
        &id,
        &form.note,
        Some(&form.happened_on),
    )
    .await?;
    Ok(see(format!("/exchange/matches/{id}#log")))
}

/// A bar of the chart.
struct Bar {
    label: String,
    y: u32,
    width: u32,
    value: String,
}

#[derive(Template)]
#[template(path = "exchange_dashboard.html")]
struct DashboardPage {
    tr: Tr,
    chrome: Chrome,
    states: Vec<(String, String)>,
    bars: Vec<Bar>,
    height: u32,
    countries: Vec<(String, String)>,
    focus: Vec<(String, String)>,
}

async fn dashboard(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
) -> Result<Response, ApiError> {
    let d = matches::dashboard(&state.db).await?;
    let n = |v: i64| tr.digits(&v.to_string());
    let max = d
        .by_country
        .iter()
        .map(|c| c.count)
        .max()
        .unwrap_or(1)
        .max(1);
    let bars = d
        .by_country
        .iter()
        .take(15)
        .enumerate()
        .map(|(i, c)| Bar {
            label: country(&tr, &c.key),
            y: 6 + 28 * u32::try_from(i).unwrap_or(0),
            width: u32::try_from(c.count * 400 / max).unwrap_or(0).max(1),
            value: n(c.count),
        })
        .collect::<Vec<_>>();
    let height = 12 + 28 * u32::try_from(bars.len()).unwrap_or(0);
    let page = DashboardPage {
        chrome: Chrome::new(&state, &tr, &uri, "exchange", &visitor),
        states: d
            .by_state
            .iter()
            .map(|c| (tr.t(&format!("exchange-mstate-{}", c.key)), n(c.count)))
            .collect(),
        bars,
        height,
        countries: d
            .by_country
            .iter()
            .map(|c| (country(&tr, &c.key), n(c.count)))
            .collect(),
        focus: d
            .by_focus
            .iter()
            .map(|c| (tr.t(&format!("exchange-focus-{}", c.key)), n(c.count)))
            .collect(),
        tr,
    };
    Ok(render(StatusCode::OK, &page))
}
