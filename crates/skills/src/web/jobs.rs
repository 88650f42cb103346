//! The job seeker's job pages: recommended vacancies with their reasons, a vacancy with its
//! skills (apply, or report it as suspicious), and the person's applications with where each
//! stands. An agent sees the client's pages under their `skills.profile` mandate.

use super::match_api::{recommend, Recommendation};
use super::{actor_of, id_of};
use crate::applications::{self, Application};
use crate::finder::{Kind, Shared};
use crate::matching::Matcher;
use crate::profiles;
use crate::reports::{self, REASONS};
use crate::vacancies;
use crate::view::{self, Taxon};
use crate::SkillsError;
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde::Deserialize;
use shetu_web::auth::{CsrfForm, Member, Visitor};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render_own, Chrome, FormErrors};
use shetu_web::AppState;
use std::collections::HashMap;
use std::sync::Arc;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/skills/jobs", get(jobs))
        .route("/skills/vacancies/{id}", get(vacancy_page))
        .route("/skills/vacancies/{id}/apply", post(apply))
        .route("/skills/vacancies/{id}/report", post(report))
        .route("/skills/applications", get(my_applications))
        .route("/skills/applications/{id}/withdraw", post(withdraw))
}

/// An amount per month in the pack's currency, for the reader.
pub(super) fn salary(state: &AppState, tr: &Tr, lo: Option<i64>, hi: Option<i64>) -> String {
    let money = |m: i64| {
        shetu_core::Money::from_minor(m, state.pack.currency)
            .format(&state.pack.money_format, tr.code())
    };
    match (lo, hi) {
        (Some(lo), Some(hi)) if lo != hi => tr.with(
            "skills-salary-range",
            &[
                ("from", shetu_web::i18n::Arg::Text(money(lo))),
                ("to", shetu_web::i18n::Arg::Text(money(hi))),
            ],
        ),
        (Some(v), _) | (None, Some(v)) => tr.t1("skills-salary-one", "amount", &money(v)),
        (None, None) => tr.t("skills-salary-none"),
    }
}

/// A vacancy as a card.
pub(super) struct Card {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) employer: String,
    pub(super) occupation: Taxon,
    pub(super) places: String,
    pub(super) salary: String,
    pub(super) deadline: String,
    pub(super) reasons: String,
}

fn card(state: &AppState, tr: &Tr, r: Recommendation) -> Card {
    Card {
        places: r
            .vacancy
            .regions
            .iter()
            .map(|g| view::region(state.pack, g, tr.code()).label)
            .collect::<Vec<_>>()
            .join(", "),
        salary: salary(state, tr, r.vacancy.salary_min, r.vacancy.salary_max),
        deadline: tr.digits(&r.vacancy.deadline),
        id: r.vacancy.id,
        title: r.vacancy.title,
        employer: r.vacancy.employer_name,
        occupation: r.occupation,
        reasons: r.why.reasons,
    }
}

#[derive(Template)]
#[template(path = "skills_jobs.html")]
struct JobsPage {
    tr: Tr,
    chrome: Chrome,
    has_profile: bool,
    cards: Vec<Card>,
}

/// Vacancies recommended for the person's profile, with why.
async fn jobs(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Extension(matcher): Extension<Arc<Matcher>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    let (has_profile, cards) = match profiles::mine(&state.db, &actor).await {
        Ok((_, profile)) => {
            let recs = recommend(&state, &shared, &matcher, &tr, &profile, 20).await?;
            (
                true,
                recs.into_iter().map(|r| card(&state, &tr, r)).collect(),
            )
        }
        Err(SkillsError::NotFound(_)) => (false, Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let page = JobsPage {
        chrome: Chrome::new(&state, &tr, &uri, "skills", &member.1),
        has_profile,
        cards,
        tr,
    };
    Ok(render_own(StatusCode::OK, &page))
}

struct AskedView {
    skill: Taxon,
    essential: bool,
}

struct Choice {
    value: &'static str,
    label: String,
}

#[derive(Template)]
#[template(path = "skills_vacancy.html")]
struct VacancyPage {
    tr: Tr,
    chrome: Chrome,
    id: String,
    title: String,
    employer: String,
    occupation: Taxon,
    description: String,
    places: String,
    salary: String,
    deadline: String,
    openings: String,
    education: Option<String>,
    experience: Option<i64>,
    open: bool,
    skills: Vec<AskedView>,
    signed_in: bool,
    applied: Option<String>,
    reasons: Vec<Choice>,
    reported: bool,
    errors: FormErrors,
    note: String,
}

#[derive(Debug, Default, Deserialize)]
struct PageQuery {
    #[serde(default)]
    reported: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn vacancy_view(
    state: &AppState,
    shared: &Shared,
    tr: Tr,
    uri: &Uri,
    visitor: &Visitor,
    id: &str,
    errors: FormErrors,
    note: String,
    reported: bool,
) -> Result<VacancyPage, ApiError> {
    let v = vacancies::get(&state.db, id).await?;
    if v.status == "removed" {
        return Err(ApiError::not_found("vacancy_not_found"));
    }
    let finder = shared.get(&state.db).await?;
    let applied = match visitor.actor() {
        Some(actor) => applications::mine(&state.db, &actor)
            .await
            .ok()
            .and_then(|all| all.into_iter().find(|a| a.vacancy_id == v.id))
            .map(|a| tr.t(&format!("skills-state-{}", a.state))),
        None => None,
    };
    let today = vacancies::today(state.pack, shetu_store::now_ms());
    Ok(VacancyPage {
        chrome: Chrome::new(state, &tr, uri, "skills", visitor),
        occupation: view::taxon(&finder, Kind::Occupation, v.occupation_id, tr.code()),
        places: v
            .regions
            .iter()
            .map(|g| view::region(state.pack, g, tr.code()).label)
            .collect::<Vec<_>>()
            .join(", "),
        salary: salary(state, &tr, v.salary_min, v.salary_max),
        deadline: tr.digits(&v.deadline),
        openings: tr.digits(&v.openings.to_string()),
        education: v
            .min_education
            .as_deref()
            .map(|e| view::education(state.pack, e, tr.code()).label),
        experience: Some(v.min_experience).filter(|y| *y > 0),
        open: v.status == "open" && v.deadline >= today,
        skills: v
            .skills
            .iter()
            .map(|s| AskedView {
                skill: view::taxon(&finder, Kind::Skill, s.skill_id, tr.code()),
                essential: s.essential,
            })
            .collect(),
        signed_in: visitor.actor().is_some(),
        applied,
        reasons: REASONS
            .iter()
            .map(|r| Choice {
                value: r,
                label: tr.t(&format!("skills-reason-{r}")),
            })
            .collect(),
        reported,
        errors,
        note,
        id: v.id,
        title: v.title,
        employer: v.employer_name,
        description: v.description,
        tr,
    })
}

/// A vacancy: what it asks for; apply, or report it.
async fn vacancy_page(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    id: Result<Path<String>, PathRejection>,
    axum::extract::Query(q): axum::extract::Query<PageQuery>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "vacancy_not_found")?;
    let page = vacancy_view(
        &state,
        &shared,
        tr,
        &uri,
        &visitor,
        &id,
        FormErrors::none(),
        String::new(),
        q.reported.is_some(),
    )
    .await?;
    Ok(render_own(StatusCode::OK, &page))
}

#[derive(Debug, Default, Deserialize)]
struct Nothing {}

/// Applies (for oneself, or for the client an agent acts for).
async fn apply(
    State(state): State<AppState>,
    member: Member,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(_, _): CsrfForm<Nothing>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "vacancy_not_found")?;
    let actor = actor_of(&member)?;
    applications::apply(&state.db, &state.i18n, state.pack, &actor, &id).await?;
    Ok((
        StatusCode::SEE_OTHER,
        [(header::LOCATION, "/skills/applications".to_owned())],
    )
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
struct ReportForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    note: String,
}

/// Reports a vacancy (anyone).
async fn report(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    uri: Uri,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(form, visitor): CsrfForm<ReportForm>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "vacancy_not_found")?;
    let actor = visitor.actor();
    match reports::report(&state.db, actor.as_ref(), &id, &form.reason, &form.note).await {
        Ok(_) => Ok((
            StatusCode::SEE_OTHER,
            [(
                header::LOCATION,
                format!("/skills/vacancies/{id}?reported=1"),
            )],
        )
            .into_response()),
        Err(e) => {
            let error = ApiError::from(e);
            if !error.status.is_client_error() || error.status == StatusCode::NOT_FOUND {
                return Err(error);
            }
            let errors = FormErrors::from_error(
                &tr,
                &error,
                &[
                    ("reason", "reason", "skills-report-reason"),
                    ("note", "note", "skills-report-note"),
                ],
                "reason",
            );
            let page = vacancy_view(
                &state, &shared, tr, &uri, &visitor, &id, errors, form.note, false,
            )
            .await?;
            Ok(render_own(error.status, &page))
        }
    }
}

struct ApplicationRow {
    id: String,
    vacancy_id: String,
    title: String,
    employer: String,
    state: String,
    state_code: String,
    open: bool,
}

#[derive(Template)]
#[template(path = "skills_applications.html")]
struct ApplicationsPage {
    tr: Tr,
    chrome: Chrome,
    rows: Vec<ApplicationRow>,
}

fn rows(tr: &Tr, all: Vec<Application>) -> Vec<ApplicationRow> {
    all.into_iter()
        .map(|a| ApplicationRow {
            open: matches!(
                a.state.as_str(),
                "applied" | "shortlisted" | "interview" | "offered"
            ),
            state: tr.t(&format!("skills-state-{}", a.state)),
            state_code: a.state,
            id: a.id,
            vacancy_id: a.vacancy_id,
            title: a.title,
            employer: a.employer_name,
        })
        .collect()
}

/// The person's applications and where each stands.
async fn my_applications(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    let all = applications::mine(&state.db, &actor).await?;
    let page = ApplicationsPage {
        chrome: Chrome::new(&state, &tr, &uri, "skills", &member.1),
        rows: rows(&tr, all),
        tr,
    };
    Ok(render_own(StatusCode::OK, &page))
}

/// Withdraws an application.
async fn withdraw(
    State(state): State<AppState>,
    member: Member,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(_, _): CsrfForm<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let id = id
        .ok()
        .map(|Path(id)| id)
        .filter(|id| id.len() <= 64)
        .ok_or_else(|| ApiError::not_found("application_not_found"))?;
    let actor = actor_of(&member)?;
    applications::move_to(&state.db, &state.i18n, &actor, &id, "withdrawn").await?;
    Ok((
        StatusCode::SEE_OTHER,
        [(header::LOCATION, "/skills/applications".to_owned())],
    )
        .into_response())
}
