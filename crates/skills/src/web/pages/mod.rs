//! The job seeker's pages: the profile with one small form per part (each shows its errors
//! beside its fields and keeps what was typed), the printable CV, and name suggestions for
//! occupations and skills while typing. Without JavaScript a typed name that is not exact gets
//! a short list of what it may mean to choose from.

use super::actor_of;
use crate::finder::{Finder, Kind, Shared};
use crate::profiles::{self, Change, SkillEntry, WorkEntry, LEVELS, WORK_KINDS};
use crate::view::{self, ProfileView, Taxon};
use crate::SkillsError;
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde::Deserialize;
use shetu_web::auth::{CsrfForm, Member, Visitor};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render_own, Chrome, FormError, FormErrors};
use shetu_web::AppState;
use std::collections::HashMap;
use std::sync::Arc;

mod edits;
use edits::*;
mod cv;
use cv::*;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/skills", get(home))
        .route("/skills/profile", get(profile_page))
        .route("/skills/profile/basics", post(save_basics))
        .route("/skills/profile/skills", post(add_skill))
        .route("/skills/profile/skills/{id}/remove", post(remove_skill))
        .route("/skills/profile/work", post(add_work))
        .route("/skills/profile/work/{index}/remove", post(remove_work))
        .route("/skills/profile/occupations", post(add_occupation))
        .route(
            "/skills/profile/occupations/{id}/remove",
            post(remove_occupation),
        )
        .route("/skills/profile/regions", post(add_region))
        .route("/skills/profile/regions/{id}/remove", post(remove_region))
        .route("/skills/profile/cv", get(cv))
        .route("/skills/suggest/{kind}", get(suggest))
}

/// A choice in a list.
pub(super) struct Choice {
    pub(super) value: String,
    pub(super) label: String,
}

fn education_choices(state: &AppState, tr: &Tr) -> Vec<Choice> {
    state
        .pack
        .education
        .iter()
        .map(|e| Choice {
            value: e.code.clone(),
            label: e.name.get(tr.code(), "en").to_owned(),
        })
        .collect()
}

/// The regions one level below the top (districts in Bangladesh, governorates' level in a
/// pack with one level), by name.
pub(super) fn district_choices(state: &AppState, tr: &Tr) -> Vec<Choice> {
    let depth = u8::from(state.pack.region_levels.len() > 1);
    let mut all: Vec<Choice> = state
        .pack
        .regions()
        .iter()
        .filter(|r| r.depth == depth)
        .map(|r| Choice {
            value: r.id.to_string(),
            label: r.name.get(tr.code(), "en").to_owned(),
        })
        .collect();
    all.sort_by(|a, b| a.label.cmp(&b.label));
    all
}

fn keyed(tr: &Tr, prefix: &str, values: &[&str]) -> Vec<Choice> {
    values
        .iter()
        .map(|v| Choice {
            value: (*v).to_owned(),
            label: tr.t(&format!("{prefix}{v}")),
        })
        .collect()
}

#[derive(Debug, Default, Deserialize)]
struct BasicsForm {
    #[serde(default)]
    education: String,
    #[serde(default)]
    district: String,
    #[serde(default)]
    relocate: Option<String>,
    #[serde(default)]
    abroad: Option<String>,
    #[serde(default)]
    findable: Option<String>,
    #[serde(default)]
    alerts: Option<String>,
    #[serde(default)]
    about: String,
}

#[derive(Debug, Default, Deserialize)]
struct SkillForm {
    #[serde(default)]
    skill: String,
    #[serde(default)]
    skill_id: String,
    #[serde(default)]
    level: String,
}

#[derive(Debug, Default, Deserialize)]
struct WorkForm {
    #[serde(default)]
    work_title: String,
    #[serde(default)]
    work_kind: String,
    #[serde(default)]
    work_place: String,
    #[serde(default)]
    work_start: String,
    #[serde(default)]
    work_end: String,
    #[serde(default)]
    work_description: String,
    #[serde(default)]
    occupation: String,
    #[serde(default)]
    occupation_id: String,
}

#[derive(Debug, Default, Deserialize)]
struct OccupationForm {
    #[serde(default)]
    wanted: String,
    #[serde(default)]
    wanted_id: String,
}

#[derive(Debug, Default, Deserialize)]
struct RegionForm {
    #[serde(default)]
    region: String,
}

/// What the forms of the page hold (what was typed, kept after an error).
#[derive(Default)]
struct Forms {
    basics: BasicsForm,
    skill: SkillForm,
    work: WorkForm,
    wanted: OccupationForm,
    /// Names that may be what was typed, by the input they belong to (`skill`, `occupation`,
    /// `wanted`).
    candidates: HashMap<&'static str, Vec<Taxon>>,
}

#[derive(Template)]
#[template(path = "skills_profile.html")]
struct ProfilePage {
    tr: Tr,
    chrome: Chrome,
    profile: Option<ProfileView>,
    forms: Forms,
    errors: FormErrors,
    educations: Vec<Choice>,
    districts: Vec<Choice>,
    levels: Vec<Choice>,
    kinds: Vec<Choice>,
    level_names: HashMap<String, String>,
    kind_names: HashMap<String, String>,
    this_year: i64,
}

impl ProfilePage {
    fn candidates(&self, input: &str) -> &[Taxon] {
        self.forms
            .candidates
            .get(input)
            .map_or(&[], |c| c.as_slice())
    }

    fn level_name(&self, level: &str) -> String {
        self.level_names
            .get(level)
            .cloned()
            .unwrap_or_else(|| level.to_owned())
    }

    fn kind_name(&self, kind: &str) -> String {
        self.kind_names
            .get(kind)
            .cloned()
            .unwrap_or_else(|| kind.to_owned())
    }
}

fn this_year() -> i64 {
    shetu_store::now_ms() / 31_556_952_000 + 1970
}

async fn profile_view(
    state: &AppState,
    shared: &Shared,
    tr: Tr,
    uri: &Uri,
    member: &Member,
    mut forms: Forms,
    errors: FormErrors,
) -> Result<ProfilePage, ApiError> {
    let actor = actor_of(member)?;
    let profile = match profiles::mine(&state.db, &actor).await {
        Ok((person, p)) => {
            let finder = shared.get(&state.db).await?;
            if forms.basics.education.is_empty() && errors.is_empty() {
                forms.basics = BasicsForm {
                    education: p.education.clone(),
                    district: p.district.clone().unwrap_or_default(),
                    relocate: p.relocate.then(|| "on".into()),
                    abroad: p.abroad.then(|| "on".into()),
                    findable: p.findable.then(|| "on".into()),
                    alerts: p.alerts.then(|| "on".into()),
                    about: p.about.clone(),
                };
            }
            Some(view::profile(
                &finder,
                state.pack,
                &person.to_string(),
                &p,
                tr.code(),
            ))
        }
        Err(SkillsError::NotFound(_)) => None,
        Err(e) => return Err(e.into()),
    };
    if forms.skill.level.is_empty() {
        forms.skill.level = "good".into();
    }
    if forms.work.work_kind.is_empty() {
        forms.work.work_kind = "informal".into();
    }
    let levels = keyed(&tr, "skills-level-", &LEVELS);
    let kinds = keyed(&tr, "skills-work-", &WORK_KINDS);
    Ok(ProfilePage {
        chrome: Chrome::new(state, &tr, uri, "skills", &member.1),
        profile,
        forms,
        errors,
        educations: education_choices(state, &tr),
        districts: district_choices(state, &tr),
        level_names: levels
            .iter()
            .map(|c| (c.value.clone(), c.label.clone()))
            .collect(),
        kind_names: kinds
            .iter()
            .map(|c| (c.value.clone(), c.label.clone()))
            .collect(),
        levels,
        kinds,
        this_year: this_year(),
        tr,
    })
}

/// The job seeker's profile (or, for an agent, the client's under `skills.profile`).
async fn profile_page(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
) -> Result<Response, ApiError> {
    let view = profile_view(
        &state,
        &shared,
        tr,
        &uri,
        &member,
        Forms::default(),
        FormErrors::none(),
    )
    .await?;
    Ok(render_own(StatusCode::OK, &view))
}

fn back_to_profile(anchor: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, format!("/skills/profile#{anchor}"))],
    )
        .into_response()
}

/// Field names of the use case → (input id, label key), for the form that was sent.
fn field_of(name: &str) -> Option<(&'static str, &'static str)> {
    let last = name.rsplit('.').next().unwrap_or(name);
    Some(match (name.split('.').next().unwrap_or(name), last) {
        ("education", _) => ("education", "skills-education"),
        ("district", _) => ("district", "skills-district"),
        ("about", _) => ("about", "skills-about"),
        ("skills", "level") => ("level", "skills-level"),
        ("skills", _) => ("skill", "skills-skill"),
        ("work", "title") => ("work_title", "skills-work-title"),
        ("work", "kind") => ("work_kind", "skills-work-kind"),
        ("work", "place") => ("work_place", "skills-work-place"),
        ("work", "start_year") => ("work_start", "skills-work-start"),
        ("work", "end_year") => ("work_end", "skills-work-end"),
        ("work", "description") => ("work_description", "skills-work-description"),
        ("work", _) => ("occupation", "skills-work-occupation"),
        ("occupations", _) => ("wanted", "skills-wanted"),
        ("regions", _) => ("region", "skills-region"),
        _ => return None,
    })
}

fn form_errors(tr: &Tr, error: &ApiError, general: &str) -> FormErrors {
    let mut items: Vec<FormError> = Vec::new();
    for (name, problem) in &error.fields {
        if let Some((id, label)) = field_of(name) {
            if items.iter().any(|i| i.field == id) {
                continue;
            }
            let text = tr.with(&format!("field-{}", problem.code), &problem.args);
            items.push(FormError {
                field: id.to_owned(),
                message: format!("{}: {text}", tr.t(label)),
            });
        }
    }
    if items.is_empty() {
        items.push(FormError {
            field: general.to_owned(),
            message: error.message(tr),
        });
    }
    FormErrors { items }
}

/// Runs a change; on a refusal the page comes back with the errors and what was typed.
#[allow(clippy::too_many_arguments)]
async fn apply(
    state: &AppState,
    shared: &Shared,
    tr: Tr,
    uri: &Uri,
    member: &Member,
    change: Result<Change, ApiError>,
    forms: Forms,
    general: &str,
    anchor: &str,
) -> Result<Response, ApiError> {
    let actor = actor_of(member)?;
    let result = match change {
        Ok(change) => profiles::change(&state.db, state.pack, &actor, change)
            .await
            .map_err(ApiError::from),
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(back_to_profile(anchor)),
        Err(error) if error.status.is_client_error() && error.status != StatusCode::FORBIDDEN => {
            let errors = form_errors(&tr, &error, general);
            let view = profile_view(state, shared, tr, uri, member, forms, errors).await?;
            Ok(render_own(error.status, &view))
        }
        Err(error) => Err(error),
    }
}

async fn save_basics(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    CsrfForm(form, _): CsrfForm<BasicsForm>,
) -> Result<Response, ApiError> {
    let change = Change::Basics {
        education: form.education.clone(),
        district: Some(form.district.clone()).filter(|d| !d.is_empty()),
        relocate: form.relocate.is_some(),
        abroad: form.abroad.is_some(),
        findable: form.findable.is_some(),
        alerts: form.alerts.is_some(),
        about: form.about.clone(),
    };
    let forms = Forms {
        basics: form,
        ..Forms::default()
    };
    apply(
        &state,
        &shared,
        tr,
        &uri,
        &member,
        Ok(change),
        forms,
        "education",
        "basics",
    )
    .await
}

/// Why a typed name was not taken: the problem's code and the names offered instead.
type Unresolved = (&'static str, Vec<Taxon>);

/// A taxonomy entry from a chosen id, or from a typed name: exactly one name that reads the
/// same (in any language) is taken; otherwise the closest names are offered to choose from.
fn resolve(
    finder: &Finder,
    kind: Kind,
    chosen: &str,
    typed: &str,
    lang: &str,
) -> Result<i64, Unresolved> {
    let unknown = match kind {
        Kind::Skill => "unknown_skill",
        Kind::Occupation => "unknown_occupation",
    };
    if let Ok(id) = chosen.trim().parse::<i64>() {
        return finder
            .get(kind, id)
            .map(|e| e.id)
            .ok_or((unknown, Vec::new()));
    }
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(("required", Vec::new()));
    }
    let found = finder.find(typed, Some(kind), lang, 8);
    let same =
        |a: &str| shetu_search::analyzer::normalize(a) == shetu_search::analyzer::normalize(typed);
    let exact: Vec<i64> = found
        .iter()
        .filter(|f| {
            finder
                .get(kind, f.id)
                .is_some_and(|e| same(&e.label_en) || e.label_bn.as_deref().is_some_and(same))
        })
        .map(|f| f.id)
        .collect();
    if let [one] = exact.as_slice() {
        return Ok(*one);
    }
    let offered: Vec<Taxon> = found
        .into_iter()
        .map(|f| Taxon {
            id: f.id,
            label: f.label,
            label_lang: f.label_lang,
        })
        .collect();
    if offered.is_empty() {
        Err((unknown, offered))
    } else {
        Err(("choose_one", offered))
    }
}

#[derive(Template)]
#[template(path = "skills_home.html")]
struct HomePage {
    tr: Tr,
    chrome: Chrome,
    signed_in: bool,
}

/// What a visitor can do with the skills module.
async fn home(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
) -> Result<Response, ApiError> {
    let page = HomePage {
        chrome: Chrome::new(&state, &tr, &uri, "skills", &visitor),
        signed_in: visitor.actor().is_some(),
        tr,
    };
    Ok(render_own(StatusCode::OK, &page))
}
