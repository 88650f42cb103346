//! The skills API for applications and for reports of suspicious vacancies.

use super::api::SkillsDoc;
use super::id_of;
use crate::applications::{self, Application};
use crate::reports::{self, Report};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use shetu_web::auth::{ApiCaller, ApiCallerFor};
use shetu_web::error::{ApiError, ErrorBody};
use shetu_web::extract::ApiJson;
use shetu_web::AppState;
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(SkillsDoc::openapi())
        .routes(routes!(apply))
        .routes(routes!(my_applications))
        .routes(routes!(vacancy_applications))
        .routes(routes!(move_application))
        .routes(routes!(report_vacancy))
        .routes(routes!(report_queue))
        .routes(routes!(decide_report))
}

/// A list of applications.
#[derive(Debug, Serialize, ToSchema)]
pub struct Applications {
    /// Newest first (a person's) or oldest first (a vacancy's).
    pub items: Vec<Application>,
}

/// Apply to an open vacancy (or, with `On-Behalf-Of`, for a client: needs a `skills.profile`
/// mandate). You need a job-seeker profile. Applying again answers with the first application.
#[utoipa::path(post, path = "/api/v1/skills/vacancies/{id}/applications", tag = "skills",
    params(("id" = String, Path, description = "Vacancy id"),
        ("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    security(("bearer" = [])),
    responses((status = 201, description = "Applied", body = Application),
        (status = 200, description = "Applied before: the first application", body = Application),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, description = "vacancy_not_found or profile_not_found", body = ErrorBody),
        (status = 409, description = "vacancy_not_open", body = ErrorBody)))]
pub async fn apply(
    State(state): State<AppState>,
    ApiCallerFor(actor): ApiCallerFor,
    id: Result<Path<String>, PathRejection>,
) -> Result<(StatusCode, Json<Application>), ApiError> {
    let id = id_of(id, "vacancy_not_found")?;
    let (made, new) = applications::apply(&state.db, &state.i18n, state.pack, &actor, &id).await?;
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(made)))
}

/// Your applications (or a client's, with `On-Behalf-Of` and a `skills.profile` mandate).
#[utoipa::path(get, path = "/api/v1/skills/applications", tag = "skills", security(("bearer" = [])),
    params(("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    responses((status = 200, body = Applications), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn my_applications(
    State(state): State<AppState>,
    ApiCallerFor(actor): ApiCallerFor,
) -> Result<Json<Applications>, ApiError> {
    Ok(Json(Applications {
        items: applications::mine(&state.db, &actor).await?,
    }))
}

/// The applications to a vacancy (its employer's or poster's members).
#[utoipa::path(get, path = "/api/v1/skills/vacancies/{id}/applications", tag = "skills",
    params(("id" = String, Path, description = "Vacancy id")), security(("bearer" = [])),
    responses((status = 200, body = Applications), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn vacancy_applications(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Applications>, ApiError> {
    let id = id_of(id, "vacancy_not_found")?;
    Ok(Json(Applications {
        items: applications::to_vacancy(&state.db, &actor, &id).await?,
    }))
}

/// Where to move an application.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Move {
    /// `shortlisted`, `interview`, `offered`, `hired`, `rejected` (the employer) or `withdrawn`
    /// (the applicant).
    pub to: String,
}

/// Move an application one step: the employer shortlists, invites, offers, hires or rejects;
/// the applicant (or their agent) withdraws. The applicant is told by SMS.
#[utoipa::path(post, path = "/api/v1/skills/applications/{id}/transitions", tag = "skills", request_body = Move,
    params(("id" = String, Path, description = "Application id"),
        ("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    security(("bearer" = [])),
    responses((status = 200, body = Application), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "invalid_application_move", body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn move_application(
    State(state): State<AppState>,
    ApiCallerFor(actor): ApiCallerFor,
    id: Result<Path<String>, PathRejection>,
    ApiJson(body): ApiJson<Move>,
) -> Result<Json<Application>, ApiError> {
    let id = id_of(id, "application_not_found")?;
    Ok(Json(
        applications::move_to(&state.db, &state.i18n, &actor, &id, &body.to).await?,
    ))
}

/// A report of a suspicious vacancy.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReport {
    /// `asks_fees`, `fake_employer`, `misleading` or `other`.
    pub reason: String,
    /// What you saw (needed for `other`).
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub note: String,
}

/// Its id.
#[derive(Debug, Serialize, ToSchema)]
pub struct Reported {
    /// The report's id.
    pub id: String,
}

/// Report a vacancy as suspicious: it asks for fees, the employer seems fake, the terms mislead.
/// Moderators look at every report.
#[utoipa::path(post, path = "/api/v1/skills/vacancies/{id}/reports", tag = "skills", request_body = NewReport,
    params(("id" = String, Path, description = "Vacancy id")), security(("bearer" = [])),
    responses((status = 201, body = Reported), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 413, body = ErrorBody), (status = 415, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn report_vacancy(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(body): ApiJson<NewReport>,
) -> Result<(StatusCode, Json<Reported>), ApiError> {
    let id = id_of(id, "vacancy_not_found")?;
    let report = reports::report(&state.db, Some(&actor), &id, &body.reason, &body.note).await?;
    Ok((StatusCode::CREATED, Json(Reported { id: report })))
}

/// Reports waiting for a decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct Reports {
    /// Oldest first.
    pub items: Vec<Report>,
}

/// The moderators' queue of reported vacancies.
#[utoipa::path(get, path = "/api/v1/skills/reports", tag = "skills", security(("bearer" = [])),
    responses((status = 200, body = Reports), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn report_queue(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
) -> Result<Json<Reports>, ApiError> {
    Ok(Json(Reports {
        items: reports::queue(&state.db, &actor).await?,
    }))
}

/// A moderator's decision.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// `remove` (the vacancy goes; its applicants are told) or `keep`.
    pub outcome: String,
}

/// Decide a report (moderators).
#[utoipa::path(post, path = "/api/v1/skills/reports/{id}/decision", tag = "skills", request_body = Decision,
    params(("id" = String, Path, description = "Report id")), security(("bearer" = [])),
    responses((status = 204, description = "Decided"), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "report_decided", body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide_report(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(body): ApiJson<Decision>,
) -> Result<StatusCode, ApiError> {
    let id = id_of(id, "report_not_found")?;
    reports::decide(&state.db, &state.i18n, &actor, &id, &body.outcome).await?;
    Ok(StatusCode::NO_CONTENT)
}
