//! Submitting and revising a solution in the browser, without JavaScript. A mistake is shown
//! beside its field, with what was typed kept; a revision starts from the latest version.

use super::forms::{input_of, sdg_list, ticks, Fields, Tick};
use super::{actor_of, see};
use crate::members;
use crate::solutions::{self, SolutionContent};
use crate::vocabulary::{COSTS, FOCUS_AREAS, LEVELS, MATURITY};
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use shetu_web::auth::{CsrfForm, Member as SignedMember};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render_own, Chrome, FormErrors};
use shetu_web::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/exchange/solutions/new", get(new_page).post(submit))
        .route("/exchange/solutions/{id}/edit", get(edit_page).post(revise))
}

#[derive(Template)]
#[template(path = "exchange_solution_form.html")]
struct SolutionForm {
    tr: Tr,
    chrome: Chrome,
    errors: FormErrors,
    /// `None` for a new solution, the solution's id for a revision.
    editing: Option<String>,
    members: Vec<(String, String)>,
    member: String,
    title: String,
    problem: String,
    approach: String,
    results: String,
    evidence: String,
    implemented: bool,
    countries: String,
    level: String,
    cost: String,
    months: String,
    maturity: String,
    sdgs: String,
    contact: String,
    focus: Vec<Tick>,
    levels: Vec<(String, String)>,
    costs: Vec<(String, String)>,
    maturities: Vec<(String, String)>,
}

fn choices(tr: &Tr, prefix: &str, codes: &[&str]) -> Vec<(String, String)> {
    codes
        .iter()
        .map(|c| ((*c).to_owned(), tr.t(&format!("{prefix}{c}"))))
        .collect()
}

/// The form's fields of a version, to start a revision from.
fn fields_of(c: &SolutionContent) -> Fields {
    let mut f = vec![
        ("title", c.title.clone()),
        ("problem", c.problem.clone()),
        ("approach", c.approach.clone()),
        ("results", c.results.clone()),
        ("evidence", c.evidence.clone()),
        ("countries", c.countries.join(", ")),
        ("level", c.level.clone()),
        ("cost", c.cost.clone()),
        ("months_to_adopt", c.months_to_adopt.to_string()),
        ("maturity", c.maturity.clone()),
        ("sdgs", c.sdgs.join(", ")),
        ("contact", c.contact.clone()),
    ];
    if c.implemented {
        f.push(("implemented", "yes".to_owned()));
    }
    f.extend(c.focus.iter().map(|x| ("focus", x.clone())));
    Fields(f.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// The mistakes a person makes most (fields left empty, months not a number), all named at
/// once; the rest is checked by the use case, one at a time.
fn first_look(f: &Fields) -> Result<(), crate::ExchangeError> {
    let mut problems: Vec<(String, &'static str)> = ["title", "problem", "approach", "results"]
        .iter()
        .filter(|k| f.one(k).trim().is_empty())
        .map(|k| ((*k).to_owned(), "required"))
        .collect();
    let months = shetu_core::digits::fold_digits(f.one("months_to_adopt").trim());
    if months.parse::<i64>().is_err() {
        problems.push(("months_to_adopt".to_owned(), "not_a_number"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(crate::ExchangeError::Problems(problems))
    }
}

/// What the form says, as a version's content (`software` kept from the version revised).
fn content_of(f: &Fields, software: Option<crate::publiccode::Software>) -> SolutionContent {
    let months = shetu_core::digits::fold_digits(f.one("months_to_adopt").trim());
    SolutionContent {
        title: f.one("title"),
        problem: f.one("problem"),
        approach: f.one("approach"),
        results: f.one("results"),
        evidence: f.one("evidence"),
        implemented: f.one("implemented") == "yes",
        countries: f
            .one("countries")
            .split([',', ' ', '،', ';'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect(),
        level: f.one("level"),
        cost: f.one("cost"),
        // Not a number: out of range, so it is named beside its field.
        months_to_adopt: months.parse().unwrap_or(-1),
        maturity: f.one("maturity"),
        sdgs: sdg_list(&f.one("sdgs")),
        focus: f.many("focus"),
        contact: f.one("contact"),
        software,
    }
}

#[allow(clippy::too_many_arguments)]
async fn view(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    signed: &SignedMember,
    editing: Option<String>,
    f: &Fields,
    errors: FormErrors,
) -> Result<SolutionForm, ApiError> {
    let actor = actor_of(signed)?;
    let members = if editing.is_some() {
        Vec::new()
    } else {
        members::mine(&state.db, &actor)
            .await?
            .into_iter()
            .filter(|m| m.status == "verified")
            .map(|m| (m.id, m.name))
            .collect()
    };
    Ok(SolutionForm {
        chrome: Chrome::new(state, &tr, uri, "exchange", &signed.1),
        errors,
        editing,
        members,
        member: f.one("member"),
        title: f.one("title"),
        problem: f.one("problem"),
        approach: f.one("approach"),
        results: f.one("results"),
        evidence: f.one("evidence"),
        implemented: f.one("implemented") == "yes",
        countries: f.one("countries"),
        level: f.one("level"),
        cost: f.one("cost"),
        months: f.one("months_to_adopt"),
        maturity: f.one("maturity"),
        sdgs: f.one("sdgs"),
        contact: f.one("contact"),
        focus: ticks(&tr, "exchange-focus-", &FOCUS_AREAS, &f.many("focus")),
        levels: choices(&tr, "exchange-level-", &LEVELS),
        costs: choices(&tr, "exchange-cost-", &COSTS),
        maturities: choices(&tr, "exchange-maturity-", &MATURITY),
        tr,
    })
}

/// The fields of the form, for errors: (name in the error, input id, label).
const FIELDS: [(&str, &str, &str); 13] = [
    ("title", "title", "exchange-field-title"),
    ("problem", "problem", "exchange-field-problem"),
    ("approach", "approach", "exchange-field-approach"),
    ("results", "results", "exchange-field-results"),
    ("evidence", "evidence", "exchange-field-evidence"),
    ("countries", "countries", "exchange-field-countries"),
    ("level", "level", "exchange-field-level"),
    ("cost", "cost", "exchange-field-cost"),
    (
        "months_to_adopt",
        "months_to_adopt",
        "exchange-field-months-to-adopt",
    ),
    ("maturity", "maturity", "exchange-field-maturity"),
    ("sdgs", "sdgs", "exchange-field-sdgs"),
    ("focus", "focus", "exchange-focus"),
    ("contact", "contact", "exchange-field-contact"),
];

async fn failed(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    member: &SignedMember,
    editing: Option<String>,
    f: &Fields,
    e: crate::ExchangeError,
) -> Result<Response, ApiError> {
    let error = input_of(ApiError::from(e));
    if !error.status.is_client_error()
        || matches!(error.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN)
    {
        return Err(error);
    }
    let general = if editing.is_some() { "title" } else { "member" };
    let errors = FormErrors::from_error(&tr, &error, &FIELDS, general);
    let page = view(state, tr, uri, member, editing, f, errors).await?;
    Ok(render_own(error.status, &page))
}

async fn new_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
) -> Result<Response, ApiError> {
    let start = Fields(vec![
        ("level".into(), "national".into()),
        ("cost".into(), "medium".into()),
        ("maturity".into(), "pilot".into()),
    ]);
    let page = view(&state, tr, &uri, &member, None, &start, FormErrors::none()).await?;
    Ok(render_own(StatusCode::OK, &page))
}

async fn submit(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
    CsrfForm(form, _): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    let f = Fields(form);
    if let Err(e) = first_look(&f) {
        return failed(&state, tr, &uri, &member, None, &f, e).await;
    }
    match solutions::submit(&state.db, &actor, &f.one("member"), content_of(&f, None)).await {
        Ok(s) => Ok(see(format!("/exchange/solutions/{}", s.id))),
        Err(e) => failed(&state, tr, &uri, &member, None, &f, e).await,
    }
}

async fn edit_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = super::api::id_of(id, "solution_not_found")?;
    let actor = actor_of(&member)?;
    let s = solutions::get(&state.db, Some(&actor), &id).await?;
    if s.shown_version != s.version {
        return Err(crate::ExchangeError::Forbidden.into());
    }
    let f = fields_of(&s.content);
    let page = view(&state, tr, &uri, &member, Some(id), &f, FormErrors::none()).await?;
    Ok(render_own(StatusCode::OK, &page))
}

async fn revise(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(form, _): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let id = super::api::id_of(id, "solution_not_found")?;
    let actor = actor_of(&member)?;
    let f = Fields(form);
    if let Err(e) = first_look(&f) {
        return failed(&state, tr, &uri, &member, Some(id), &f, e).await;
    }
    let latest = solutions::get(&state.db, Some(&actor), &id).await?;
    match solutions::revise(
        &state.db,
        &actor,
        &id,
        content_of(&f, latest.content.software),
    )
    .await
    {
        Ok(_) => Ok(see(format!("/exchange/solutions/{id}"))),
        Err(e) => failed(&state, tr, &uri, &member, Some(id), &f, e).await,
    }
}
