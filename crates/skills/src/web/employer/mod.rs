//! Pages for employers and agencies (register an organisation; post a vacancy; follow its
//! applications and see ranked candidates who let employers find them), for administrators
//! (verify organisations) and for moderators (reported vacancies).

use super::jobs::salary;
use super::match_api::{candidates_of, CandidateView};
use super::pages::{district_choices, Choice};
use super::{actor_of, id_of};
use crate::applications::{self, Application};
use crate::employers::{self, NewOrg, Org, KINDS};
use crate::finder::{Kind, Shared};
use crate::matching::Matcher;
use crate::reports::{self, Report};
use crate::vacancies::{self, AskedSkill, NewVacancy, Vacancy};
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde::Deserialize;
use shetu_core::Role;
use shetu_web::auth::{CsrfForm, Member};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render_own, Chrome, FormErrors};
use shetu_web::AppState;
use std::sync::Arc;

mod admin;
use admin::*;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/skills/employer", get(home).post(register))
        .route("/skills/employer/{org}", get(org_page).post(post_vacancy))
        .route("/skills/employer/vacancies/{id}", get(vacancy_page))
        .route(
            "/skills/employer/applications/{id}/{to}",
            post(move_application),
        )
        .route("/skills/admin", get(admin))
        .route("/skills/admin/organizations/{id}/verify", post(verify))
        .route("/skills/admin/reports/{id}/{outcome}", post(decide))
}

fn see(to: String) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
}

#[derive(Debug, Default, Deserialize)]
struct OrgForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    district: String,
    #[serde(default)]
    licence: String,
    #[serde(default)]
    about: String,
}

struct OrgRow {
    id: String,
    name: String,
    kind: String,
    verified: bool,
}

#[derive(Template)]
#[template(path = "skills_employer.html")]
struct HomePage {
    tr: Tr,
    chrome: Chrome,
    orgs: Vec<OrgRow>,
    form: OrgForm,
    kinds: Vec<Choice>,
    districts: Vec<Choice>,
    errors: FormErrors,
}

fn org_rows(tr: &Tr, orgs: Vec<Org>) -> Vec<OrgRow> {
    orgs.into_iter()
        .map(|o| OrgRow {
            kind: tr.t(&format!("org-kind-{}", o.kind.replace('_', "-"))),
            verified: o.status == "verified",
            id: o.id,
            name: o.name,
        })
        .collect()
}

async fn home_view(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    member: &Member,
    form: OrgForm,
    errors: FormErrors,
) -> Result<HomePage, ApiError> {
    let actor = actor_of(member)?;
    let orgs = employers::of_member(&state.db, actor.person).await?;
    Ok(HomePage {
        chrome: Chrome::new(state, &tr, uri, "skills-employer", &member.1),
        orgs: org_rows(&tr, orgs),
        form,
        kinds: KINDS
            .iter()
            .map(|k| Choice {
                value: (*k).to_owned(),
                label: tr.t(&format!("org-kind-{}", k.replace('_', "-"))),
            })
            .collect(),
        districts: district_choices(state, &tr),
        errors,
        tr,
    })
}

/// The organisations one belongs to, and the form to register one.
async fn home(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
) -> Result<Response, ApiError> {
    let form = OrgForm {
        kind: "employer".into(),
        ..OrgForm::default()
    };
    let page = home_view(&state, tr, &uri, &member, form, FormErrors::none()).await?;
    Ok(render_own(StatusCode::OK, &page))
}

async fn register(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    CsrfForm(form, _): CsrfForm<OrgForm>,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    let new = NewOrg {
        name: form.name.clone(),
        kind: form.kind.clone(),
        district: form.district.clone(),
        licence: form.licence.clone(),
        about: form.about.clone(),
    };
    match employers::register(&state.db, state.pack, &actor, new).await {
        Ok(org) => Ok(see(format!("/skills/employer/{}", org.id))),
        Err(e) => {
            let error = ApiError::from(e);
            if !error.status.is_client_error() {
                return Err(error);
            }
            let errors = FormErrors::from_error(
                &tr,
                &error,
                &[
                    ("name", "name", "skills-org-name"),
                    ("kind", "kind", "skills-org-kind"),
                    ("district", "district", "skills-district"),
                    ("licence", "licence", "skills-org-licence"),
                    ("about", "about", "skills-org-about"),
                ],
                "name",
            );
            let page = home_view(&state, tr, &uri, &member, form, errors).await?;
            Ok(render_own(error.status, &page))
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct VacancyForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    occupation: String,
    #[serde(default)]
    skills: String,
    #[serde(default)]
    optional_skills: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    openings: String,
    #[serde(default)]
    salary_min: String,
    #[serde(default)]
    salary_max: String,
    #[serde(default)]
    deadline: String,
    #[serde(default)]
    min_education: String,
    #[serde(default)]
    description: String,
}

struct VacancyRow {
    id: String,
    title: String,
    status: String,
    deadline: String,
}

#[derive(Template)]
#[template(path = "skills_employer_org.html")]
struct OrgPage {
    tr: Tr,
    chrome: Chrome,
    org: Org,
    kind: String,
    verified: bool,
    vacancies: Vec<VacancyRow>,
    form: VacancyForm,
    districts: Vec<Choice>,
    educations: Vec<Choice>,
    errors: FormErrors,
}

async fn org_view(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    member: &Member,
    org: &str,
    form: VacancyForm,
    errors: FormErrors,
) -> Result<OrgPage, ApiError> {
    let actor = actor_of(member)?;
    let found = employers::get(&state.db, org).await?;
    let mut conn = state
        .db
        .pool()
        .acquire()
        .await
        .map_err(shetu_store::StoreError::from)?;
    if !actor.has(Role::Admin) && !employers::is_member(&mut conn, actor.person, org).await? {
        return Err(ApiError::from_status(StatusCode::FORBIDDEN));
    }
    drop(conn);
    let list = vacancies::of_org(&state.db, org).await?;
    Ok(OrgPage {
        chrome: Chrome::new(state, &tr, uri, "skills-employer", &member.1),
        kind: tr.t(&format!("org-kind-{}", found.kind.replace('_', "-"))),
        verified: found.status == "verified",
        vacancies: list
            .into_iter()
            .map(|v: Vacancy| VacancyRow {
                status: vacancies::STATES
                    .iter()
                    .find(|s| **s == v.status)
                    .map_or_else(
                        || v.status.clone(),
                        |s| tr.t(&format!("skills-vacancy-{s}")),
                    ),
                deadline: tr.digits(&v.deadline),
                id: v.id,
                title: v.title,
            })
            .collect(),
        form,
        districts: district_choices(state, &tr),
        educations: state
            .pack
            .education
            .iter()
            .map(|e| Choice {
                value: e.code.clone(),
                label: e.name.get(tr.code(), "en").to_owned(),
            })
            .collect(),
        errors,
        org: found,
        tr,
    })
}

/// An organisation's vacancies and the form to post one.
async fn org_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    org: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let org = id_of(org, "organization_not_found")?;
    let form = VacancyForm {
        openings: "1".into(),
        deadline: vacancies::date_of(
            shetu_store::now_ms()
                + i64::from(state.pack.utc_offset_minutes) * 60_000
                + 30 * 86_400_000,
        ),
        ..VacancyForm::default()
    };
    let page = org_view(&state, tr, &uri, &member, &org, form, FormErrors::none()).await?;
    Ok(render_own(StatusCode::OK, &page))
}

/// Money typed by a person (`১২,০০০`, `12000.50`) in minor units.
fn money_of(state: &AppState, text: &str) -> Result<Option<i64>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    shetu_core::Money::parse(text, state.pack.currency)
        .map(|m| Some(m.minor()))
        .map_err(|_| ())
}

/// Skills typed one per line, or separated by commas (`,` `،`), resolved by exact name.
fn skill_ids(
    finder: &crate::finder::Finder,
    text: &str,
    lang: &str,
    essential: bool,
    field: &str,
) -> Result<Vec<AskedSkill>, ApiError> {
    let mut out = Vec::new();
    for name in text
        .split(['\n', ',', '،'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        let found = finder.find(name, Some(Kind::Skill), lang, 8);
        let same = |a: &str| {
            shetu_search::analyzer::normalize(a) == shetu_search::analyzer::normalize(name)
        };
        let exact = found.iter().find(|f| {
            finder
                .get(Kind::Skill, f.id)
                .is_some_and(|e| same(&e.label_en) || e.label_bn.as_deref().is_some_and(same))
        });
        match exact {
            Some(f) => out.push(AskedSkill {
                skill_id: f.id,
                essential,
            }),
            None => {
                return Err(ApiError::field(
                    field,
                    shetu_web::error::FieldProblem::new("unknown_skill"),
                ))
            }
        }
    }
    Ok(out)
}

async fn post_vacancy(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    org: Result<Path<String>, PathRejection>,
    CsrfForm(form, _): CsrfForm<VacancyForm>,
) -> Result<Response, ApiError> {
    let org = id_of(org, "organization_not_found")?;
    let actor = actor_of(&member)?;
    let finder = shared.get(&state.db).await?;
    let built = (|| -> Result<NewVacancy, ApiError> {
        let occupation = {
            let found = finder.find(&form.occupation, Some(Kind::Occupation), tr.code(), 1);
            found.first().map(|f| f.id).ok_or_else(|| {
                ApiError::field(
                    "occupation_id",
                    shetu_web::error::FieldProblem::new("unknown_occupation"),
                )
            })?
        };
        let mut skills = skill_ids(&finder, &form.skills, tr.code(), true, "skills")?;
        skills.extend(skill_ids(
            &finder,
            &form.optional_skills,
            tr.code(),
            false,
            "optional_skills",
        )?);
        let money = |field: &str, text: &str| {
            money_of(&state, text).map_err(|()| {
                ApiError::field(
                    field,
                    shetu_web::error::FieldProblem::new("out_of_range")
                        .arg("min", 0)
                        .arg("max", 1_000_000_000),
                )
            })
        };
        Ok(NewVacancy {
            employer: org.clone(),
            posted_by: None,
            occupation_id: occupation,
            title: form.title.clone(),
            description: form.description.clone(),
            min_education: Some(form.min_education.clone()).filter(|e| !e.is_empty()),
            min_experience: 0,
            salary_min: money("salary_min", &form.salary_min)?,
            salary_max: money("salary_max", &form.salary_max)?,
            openings: shetu_core::parse_number::<i64>(form.openings.trim()).unwrap_or(0),
            deadline: shetu_core::fold_digits(form.deadline.trim()),
            regions: vec![form.region.clone()]
                .into_iter()
                .filter(|r| !r.is_empty())
                .collect(),
            skills,
        })
    })();
    let result = match built {
        Ok(new) => vacancies::post(&state.db, state.pack, &actor, new)
            .await
            .map_err(ApiError::from),
        Err(e) => Err(e),
    };
    match result {
        Ok(v) => Ok(see(format!("/skills/employer/vacancies/{}", v.id))),
        Err(error) if error.status.is_client_error() && error.status != StatusCode::FORBIDDEN => {
            let errors = FormErrors::from_error(
                &tr,
                &error,
                &[
                    ("title", "title", "skills-vacancy-title"),
                    ("occupation_id", "occupation", "skills-occupation"),
                    ("skills", "skills", "skills-vacancy-skills"),
                    ("skills.0.skill_id", "skills", "skills-vacancy-skills"),
                    (
                        "optional_skills",
                        "optional_skills",
                        "skills-vacancy-optional",
                    ),
                    ("regions", "region", "skills-where"),
                    ("regions.0", "region", "skills-where"),
                    ("openings", "openings", "skills-openings"),
                    ("salary_min", "salary_min", "skills-salary-min"),
                    ("salary_max", "salary_max", "skills-salary-max"),
                    ("deadline", "deadline", "skills-deadline-label"),
                    ("min_education", "min_education", "skills-min-education"),
                    ("description", "description", "skills-vacancy-description"),
                ],
                "title",
            );
            let page = org_view(&state, tr, &uri, &member, &org, form, errors).await?;
            Ok(render_own(error.status, &page))
        }
        Err(error) => Err(error),
    }
}

struct AppRow {
    id: String,
    name: String,
    state: String,
    moves: Vec<(&'static str, String)>,
}

#[derive(Template)]
#[template(path = "skills_employer_vacancy.html")]
struct VacancyPage {
    tr: Tr,
    chrome: Chrome,
    vacancy: Vacancy,
    salary: String,
    applications: Vec<AppRow>,
    candidates: Vec<CandidateView>,
}

fn app_rows(tr: &Tr, all: Vec<Application>) -> Vec<AppRow> {
    let next = |s: &str| -> Vec<&'static str> {
        match s {
            "applied" => vec!["shortlisted", "rejected"],
            "shortlisted" => vec!["interview", "rejected"],
            "interview" => vec!["offered", "rejected"],
            "offered" => vec!["hired", "rejected"],
            _ => Vec::new(),
        }
    };
    all.into_iter()
        .map(|a| AppRow {
            moves: next(&a.state)
                .into_iter()
                .map(|to| (to, tr.t(&format!("skills-move-{to}"))))
                .collect(),
            state: tr.t(&format!("skills-state-{}", a.state)),
            id: a.id,
            name: a.person_name,
        })
        .collect()
}

/// A vacancy for its employer: applications to move, and ranked candidates.
async fn vacancy_page(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Extension(matcher): Extension<Arc<Matcher>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "vacancy_not_found")?;
    let actor = actor_of(&member)?;
    let apps = applications::to_vacancy(&state.db, &actor, &id).await?;
    let candidates = candidates_of(&state, &shared, &matcher, &tr, &actor, &id, 20).await?;
    let vacancy = vacancies::get(&state.db, &id).await?;
    let page = VacancyPage {
        chrome: Chrome::new(&state, &tr, &uri, "skills-employer", &member.1),
        salary: salary(&state, &tr, vacancy.salary_min, vacancy.salary_max),
        applications: app_rows(&tr, apps),
        candidates,
        vacancy,
        tr,
    };
    Ok(render_own(StatusCode::OK, &page))
}

#[derive(Debug, Default, Deserialize)]
struct Nothing {}

async fn move_application(
    State(state): State<AppState>,
    member: Member,
    ids: Result<Path<(String, String)>, PathRejection>,
    CsrfForm(_, _): CsrfForm<Nothing>,
) -> Result<Response, ApiError> {
    let Ok(Path((id, to))) = ids else {
        return Err(ApiError::not_found("application_not_found"));
    };
    let actor = actor_of(&member)?;
    let moved = applications::move_to(&state.db, &state.i18n, &actor, &id, &to).await?;
    Ok(see(format!(
        "/skills/employer/vacancies/{}",
        moved.vacancy_id
    )))
}
