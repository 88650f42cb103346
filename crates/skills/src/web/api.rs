//! The skills API: the taxonomy, found by name while typing.

use crate::finder::{Found, Kind, Shared};
use crate::profiles::{self, Change, ProfileInput};
use crate::view::{self, ProfileView};
use axum::extract::State;
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use shetu_core::parse_number;
use shetu_web::auth::ApiCallerFor;
use shetu_web::error::{ApiError, ErrorBody, FieldProblem};
use shetu_web::extract::ApiJson;
use shetu_web::extract::{ApiQuery, Locale};
use shetu_web::AppState;
use std::sync::Arc;
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(tags((name = "skills", description = "Skills and occupations (ISCO-08 / ESCO), job seekers and matching")))]
pub(crate) struct SkillsDoc;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(SkillsDoc::openapi())
        .routes(routes!(taxonomy))
        .routes(routes!(get_profile, put_profile))
}

/// What to look for.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaxonomyQuery {
    /// What the person has typed so far (Bangla, English, or Bangla in Latin letters); the last
    /// word may be unfinished.
    #[param(example = "সেলাই", max_length = 100)]
    q: Option<String>,
    /// Only occupations or only skills.
    #[param(inline)]
    kind: Option<KindParam>,
    /// How many, 1 to 50 (default 10).
    #[param(pattern = "^([1-9১-৯١-٩]|[1-4১-৪١-٤][0-9০-৯٠-٩]|[5৫٥][0০٠])?$")]
    limit: Option<String>,
}

/// `occupation` or `skill`.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum KindParam {
    /// Occupations.
    Occupation,
    /// Skills.
    Skill,
}

/// Names found.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaxonomyList {
    /// Best first.
    items: Vec<Found>,
}

/// Find occupations and skills by name while the person types.
#[utoipa::path(
    get, path = "/api/v1/taxonomy", tag = "skills", params(TaxonomyQuery),
    responses(
        (status = 200, description = "Occupations and skills whose names match, best first", body = TaxonomyList),
        (status = 400, description = "Unreadable query", body = ErrorBody),
        (status = 422, description = "A parameter is out of range", body = ErrorBody),
    )
)]
pub async fn taxonomy(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    ApiQuery(query): ApiQuery<TaxonomyQuery>,
) -> Result<Json<TaxonomyList>, ApiError> {
    let limit = match query.limit.as_deref().filter(|l| !l.is_empty()) {
        None => 10,
        Some(text) => parse_number::<usize>(text).ok_or_else(|| {
            ApiError::bad_request("invalid_query").detail("limit is not a whole number")
        })?,
    };
    if !(1..=50).contains(&limit) {
        return Err(ApiError::field(
            "limit",
            FieldProblem::new("out_of_range")
                .arg("min", 1)
                .arg("max", 50),
        ));
    }
    let text = query.q.unwrap_or_default();
    if text.chars().count() > 100 {
        return Err(ApiError::field(
            "q",
            FieldProblem::new("too_long").arg("max", 100),
        ));
    }
    let kind = query.kind.map(|k| match k {
        KindParam::Occupation => Kind::Occupation,
        KindParam::Skill => Kind::Skill,
    });
    let finder = shared.get(&state.db).await?;
    Ok(Json(TaxonomyList {
        items: finder.find(&text, kind, tr.code(), limit),
    }))
}

/// Your job-seeker profile — or, with `On-Behalf-Of`, a client's (needs a `skills.profile`
/// mandate).
#[utoipa::path(get, path = "/api/v1/skills/profile", tag = "skills", security(("bearer" = [])),
    params(("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    responses(
        (status = 200, description = "The profile, named in the request's language", body = ProfileView),
        (status = 401, body = ErrorBody),
        (status = 403, description = "mandate_required", body = ErrorBody),
        (status = 404, description = "profile_not_found: no profile yet", body = ErrorBody),
    ))]
pub async fn get_profile(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    ApiCallerFor(actor): ApiCallerFor,
) -> Result<Json<ProfileView>, ApiError> {
    let (person, profile) = profiles::mine(&state.db, &actor).await?;
    let finder = shared.get(&state.db).await?;
    Ok(Json(view::profile(
        &finder,
        state.pack,
        &person.to_string(),
        &profile,
        tr.code(),
    )))
}

/// Write your whole job-seeker profile (or, with `On-Behalf-Of`, a client's): education, skills
/// with a level, work done (paid, informal or unpaid), the occupations and regions wanted, and
/// whether employers may find it (`findable`, off unless set).
#[utoipa::path(put, path = "/api/v1/skills/profile", tag = "skills", request_body = ProfileInput,
    security(("bearer" = [])),
    params(("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    responses(
        (status = 200, description = "The profile as stored", body = ProfileView),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, description = "mandate_required", body = ErrorBody),
        (status = 413, body = ErrorBody),
        (status = 415, body = ErrorBody),
        (status = 422, description = "validation_failed, with the fields named", body = ErrorBody),
    ))]
pub async fn put_profile(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    ApiCallerFor(actor): ApiCallerFor,
    ApiJson(body): ApiJson<ProfileInput>,
) -> Result<Json<ProfileView>, ApiError> {
    let person = actor.subject();
    let stored = profiles::change(&state.db, state.pack, &actor, Change::Replace(body)).await?;
    let finder = shared.get(&state.db).await?;
    Ok(Json(view::profile(
        &finder,
        state.pack,
        &person.to_string(),
        &stored,
        tr.code(),
    )))
}
