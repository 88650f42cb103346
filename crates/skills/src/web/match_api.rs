//! The skills API for employers and matching: organisations, vacancies, recommended vacancies
//! for a job seeker, and ranked candidates for a vacancy (people who let employers find them).

use super::api::SkillsDoc;
use super::id_of;
use crate::employers::{self, NewOrg, Org};
use crate::finder::{Finder, Kind, Shared};
use crate::matching::{self, Feature, Matcher, Scored};
use crate::profiles;
use crate::vacancies::{self, NewVacancy, Vacancy};
use crate::view::{self, Taxon};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use shetu_core::parse_number;
use shetu_match::reasons::{kind_of, Kind as FeatureKind};
use shetu_match::topk::{Explanation, FeatureId};
use shetu_web::auth::{ApiCaller, ApiCallerFor};
use shetu_web::error::{ApiError, ErrorBody, FieldProblem};
use shetu_web::extract::{ApiJson, ApiQuery, Locale};
use shetu_web::i18n::Tr;
use shetu_web::AppState;
use std::sync::Arc;
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(SkillsDoc::openapi())
        .routes(routes!(register_org))
        .routes(routes!(verify_org))
        .routes(routes!(represent))
        .routes(routes!(post_vacancy))
        .routes(routes!(get_vacancy))
        .routes(routes!(close_vacancy))
        .routes(routes!(recommendations))
        .routes(routes!(candidates))
}

/// Register an employer, a recruiting agency or a training provider, with you as its owner. It
/// can post once an administrator has verified it.
#[utoipa::path(post, path = "/api/v1/skills/organizations", tag = "skills", request_body = NewOrg,
    security(("bearer" = [])),
    responses((status = 201, body = Org), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn register_org(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(body): ApiJson<NewOrg>,
) -> Result<(StatusCode, Json<Org>), ApiError> {
    let org = employers::register(&state.db, state.pack, &actor, body).await?;
    Ok((StatusCode::CREATED, Json(org)))
}

/// Verify an organisation (administrators).
#[utoipa::path(post, path = "/api/v1/skills/organizations/{id}/verification", tag = "skills",
    params(("id" = String, Path, description = "Organisation id")), security(("bearer" = [])),
    responses((status = 200, body = Org), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn verify_org(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Org>, ApiError> {
    let id = id_of(id, "organization_not_found")?;
    Ok(Json(employers::verify(&state.db, &actor, &id).await?))
}

/// Record that a recruiting agency represents an employer (administrators, from the agency's
/// contract): the agency may then post the employer's vacancies.
#[utoipa::path(put, path = "/api/v1/skills/organizations/{id}/clients/{employer}", tag = "skills",
    params(("id" = String, Path, description = "The agency"), ("employer" = String, Path, description = "The employer")),
    security(("bearer" = [])),
    responses((status = 204, description = "Recorded"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn represent(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ids: Result<Path<(String, String)>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let Ok(Path((agency, employer))) = ids else {
        return Err(ApiError::not_found("organization_not_found"));
    };
    if agency.len() > 64 || employer.len() > 64 {
        return Err(ApiError::not_found("organization_not_found"));
    }
    employers::represent(&state.db, &actor, &agency, &employer).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Post a vacancy for an employer you belong to (verified), or for an employer your verified
/// agency represents.
#[utoipa::path(post, path = "/api/v1/skills/vacancies", tag = "skills", request_body = NewVacancy,
    security(("bearer" = [])),
    responses((status = 201, body = Vacancy), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 409, description = "org_not_verified", body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn post_vacancy(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(body): ApiJson<NewVacancy>,
) -> Result<(StatusCode, Json<Vacancy>), ApiError> {
    let v = vacancies::post(&state.db, state.pack, &actor, body).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// A vacancy.
#[utoipa::path(get, path = "/api/v1/skills/vacancies/{id}", tag = "skills",
    params(("id" = String, Path, description = "Vacancy id")),
    responses((status = 200, body = Vacancy), (status = 404, body = ErrorBody)))]
pub async fn get_vacancy(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Vacancy>, ApiError> {
    let id = id_of(id, "vacancy_not_found")?;
    let v = vacancies::get(&state.db, &id).await?;
    if v.status == "removed" {
        return Err(ApiError::not_found("vacancy_not_found"));
    }
    Ok(Json(v))
}

/// Close a vacancy (filled or withdrawn): its employer's or poster's members, or administrators.
#[utoipa::path(post, path = "/api/v1/skills/vacancies/{id}/close", tag = "skills",
    params(("id" = String, Path, description = "Vacancy id")), security(("bearer" = [])),
    responses((status = 200, body = Vacancy), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "vacancy_not_open", body = ErrorBody)))]
pub async fn close_vacancy(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Vacancy>, ApiError> {
    let id = id_of(id, "vacancy_not_found")?;
    Ok(Json(vacancies::close(&state.db, &actor, &id).await?))
}

/// How many.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LimitQuery {
    /// 1 to 50 (default 10).
    #[param(pattern = "^([1-9১-৯١-٩]|[1-4১-৪١-٤][0-9০-৯٠-٩]|[5৫٥][0০٠])?$")]
    limit: Option<String>,
}

fn limit(q: &LimitQuery) -> Result<usize, ApiError> {
    let n = match q.limit.as_deref().filter(|l| !l.is_empty()) {
        None => 10,
        Some(text) => parse_number::<usize>(text).ok_or_else(|| {
            ApiError::bad_request("invalid_query").detail("limit is not a whole number")
        })?,
    };
    if !(1..=50).contains(&n) {
        return Err(ApiError::field(
            "limit",
            FieldProblem::new("out_of_range")
                .arg("min", 1)
                .arg("max", 50),
        ));
    }
    Ok(n)
}

/// Why something matched, in words and in parts.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Why {
    /// The reasons as one sentence in the reader's language.
    pub reasons: String,
    /// Skills both have.
    pub matched_skills: Vec<Taxon>,
    /// Essential skills the person lacks.
    pub missing_skills: Vec<Taxon>,
}

/// Names features in the reader's language.
pub(crate) struct Namer<'a> {
    pub(crate) finder: &'a Finder,
    pub(crate) pack: &'static shetu_pack::Pack,
    pub(crate) lang: &'a str,
}

impl Namer<'_> {
    fn taxon(&self, f: &Feature) -> Option<Taxon> {
        match f {
            Feature::Skill(id) => Some(view::taxon(self.finder, Kind::Skill, *id, self.lang)),
            Feature::Occupation(id) => {
                Some(view::taxon(self.finder, Kind::Occupation, *id, self.lang))
            }
            Feature::Region(_) => None,
        }
    }

    fn name(&self, f: Option<Feature>) -> String {
        match f {
            Some(Feature::Region(r)) => view::region(self.pack, &r, self.lang).label,
            Some(other) => self.taxon(&other).map(|t| t.label).unwrap_or_default(),
            None => String::new(),
        }
    }

    /// The explanation in words, with the skills named.
    pub(crate) fn why(
        &self,
        tr: &Tr,
        why: &Explanation,
        feature: &dyn Fn(FeatureId) -> Option<Feature>,
    ) -> Why {
        let reasons = shetu_match::reasons::sentence(
            why,
            &|f| self.name(feature(f)),
            &shetu_web::i18n::Reasons(tr),
        );
        let skills = |list: &mut dyn Iterator<Item = FeatureId>| -> Vec<Taxon> {
            list.filter(|f| kind_of(*f) == FeatureKind::Skill)
                .filter_map(|f| feature(f).and_then(|x| self.taxon(&x)))
                .collect()
        };
        Why {
            reasons,
            matched_skills: skills(&mut why.matched.iter().map(|c| c.feature)),
            missing_skills: skills(&mut why.missing.iter().copied()),
        }
    }
}

/// A vacancy recommended to a job seeker.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Recommendation {
    /// The vacancy.
    pub vacancy: Vacancy,
    /// The occupation, named.
    pub occupation: Taxon,
    /// The score (higher is better; comparable within one list).
    pub score: u64,
    /// Why.
    #[serde(flatten)]
    pub why: Why,
}

/// Recommendations.
#[derive(Debug, Serialize, ToSchema)]
pub struct Recommendations {
    /// Best first.
    pub items: Vec<Recommendation>,
}

/// Open vacancies that fit your profile (or, with `On-Behalf-Of`, a client's; needs a
/// `skills.profile` mandate), best first, each with its reasons in your language.
#[utoipa::path(get, path = "/api/v1/skills/recommendations", tag = "skills", params(LimitQuery),
    security(("bearer" = [])),
    params(("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    responses((status = 200, body = Recommendations), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, description = "mandate_required", body = ErrorBody),
        (status = 404, description = "profile_not_found", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn recommendations(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Extension(matcher): Extension<Arc<Matcher>>,
    Locale(tr): Locale,
    ApiCallerFor(actor): ApiCallerFor,
    ApiQuery(query): ApiQuery<LimitQuery>,
) -> Result<Json<Recommendations>, ApiError> {
    let k = limit(&query)?;
    let (_, profile) = profiles::mine(&state.db, &actor).await?;
    let items = recommend(&state, &shared, &matcher, &tr, &profile, k).await?;
    Ok(Json(Recommendations { items }))
}

/// Recommendations for a profile, named in the reader's language.
pub(crate) async fn recommend(
    state: &AppState,
    shared: &Shared,
    matcher: &Matcher,
    tr: &Tr,
    profile: &profiles::ProfileInput,
    k: usize,
) -> Result<Vec<Recommendation>, ApiError> {
    let (index, scored) = matching::recommend(&state.db, state.pack, matcher, profile, k).await?;
    let finder = shared.get(&state.db).await?;
    let namer = Namer {
        finder: &finder,
        pack: state.pack,
        lang: tr.code(),
    };
    Ok(scored
        .into_iter()
        .map(|s: Scored<Vacancy>| Recommendation {
            occupation: view::taxon(&finder, Kind::Occupation, s.what.occupation_id, tr.code()),
            score: u64::try_from(s.score).unwrap_or(u64::MAX),
            why: namer.why(tr, &s.why, &|f| index.feature(f)),
            vacancy: s.what,
        })
        .collect())
}

/// A person who fits a vacancy.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CandidateView {
    /// The person.
    pub person_id: String,
    /// Their name.
    pub name: String,
    /// Their education.
    pub education: view::Named,
    /// Where they live.
    pub district: Option<view::Named>,
    /// The score (higher is better).
    pub score: u64,
    /// Why.
    #[serde(flatten)]
    pub why: Why,
}

/// Candidates.
#[derive(Debug, Serialize, ToSchema)]
pub struct Candidates {
    /// Best first.
    pub items: Vec<CandidateView>,
}

/// People who fit a vacancy, best first, with reasons — only people who said employers may find
/// them. For members of the vacancy's employer or of the agency that posted it.
#[utoipa::path(get, path = "/api/v1/skills/vacancies/{id}/candidates", tag = "skills", params(LimitQuery),
    params(("id" = String, Path, description = "Vacancy id")), security(("bearer" = [])),
    responses((status = 200, body = Candidates), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn candidates(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Extension(matcher): Extension<Arc<Matcher>>,
    Locale(tr): Locale,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiQuery(query): ApiQuery<LimitQuery>,
) -> Result<Json<Candidates>, ApiError> {
    let id = id_of(id, "vacancy_not_found")?;
    let k = limit(&query)?;
    let items = candidates_of(&state, &shared, &matcher, &tr, &actor, &id, k).await?;
    Ok(Json(Candidates { items }))
}

/// Candidates for a vacancy, named in the reader's language.
pub(crate) async fn candidates_of(
    state: &AppState,
    shared: &Shared,
    matcher: &Matcher,
    tr: &Tr,
    actor: &shetu_core::Actor,
    vacancy: &str,
    k: usize,
) -> Result<Vec<CandidateView>, ApiError> {
    let (index, _, scored) =
        matching::candidates(&state.db, state.pack, matcher, actor, vacancy, k).await?;
    let finder = shared.get(&state.db).await?;
    let namer = Namer {
        finder: &finder,
        pack: state.pack,
        lang: tr.code(),
    };
    Ok(scored
        .into_iter()
        .map(|s| CandidateView {
            person_id: s.what.person.to_string(),
            name: s.what.name.clone(),
            education: view::education(state.pack, &s.what.profile.education, tr.code()),
            district: s
                .what
                .profile
                .district
                .as_deref()
                .map(|d| view::region(state.pack, d, tr.code())),
            score: u64::try_from(s.score).unwrap_or(u64::MAX),
            why: namer.why(tr, &s.why, &|f| index.feature(f)),
        })
        .collect())
}
