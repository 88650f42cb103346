//! Training over the API and on pages: courses and batches, enrolment, completion with a signed
//! certificate, the skill gap for a wanted occupation, and the public verification of a
//! certificate (its page, a pasted document, the provider's key and status list).

use super::api::SkillsDoc;
use super::{actor_of, id_of};
use crate::courses::{self, Batch, Course, Enrolment, Issuing, NewCourse, Offer};
use crate::credentials::{self, VerifyError};
use crate::finder::{Kind, Shared};
use crate::profiles;
use crate::view::{self, Taxon};
use crate::SkillsError;
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use shetu_web::auth::{ApiCaller, ApiCallerFor, CsrfForm, Member, Visitor};
use shetu_web::error::{ApiError, ErrorBody};
use shetu_web::extract::{ApiJson, ApiQuery, Locale};
use shetu_web::i18n::Tr;
use shetu_web::pages::{render_own, Chrome};
use shetu_web::AppState;
use std::collections::HashMap;
use std::sync::Arc;
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

mod verify;
use verify::*;
mod pages;
use pages::*;

pub(crate) fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(SkillsDoc::openapi())
        .routes(routes!(publish_course))
        .routes(routes!(get_course))
        .routes(routes!(add_batch))
        .routes(routes!(enrol))
        .routes(routes!(complete))
        .routes(routes!(revoke))
        .routes(routes!(get_certificate))
        .routes(routes!(verify_document))
        .routes(routes!(skill_gap))
}

pub(crate) fn pages() -> Router<AppState> {
    Router::new()
        .route("/verify", post(verify_pasted))
        .route("/verify/{id}", get(verify_page))
        .route("/skills/providers/{id}/keys/{key}", get(key_document))
        .route("/skills/providers/{id}/status", get(status_list))
        .route("/skills/certificates/{id}", get(certificate_page))
        .route("/skills/gap", get(gap_page))
        .route("/skills/batches/{id}/enrol", post(enrol_page))
        .route("/skills/training", get(training_page))
        .route("/skills/provider/{org}", get(provider_page))
        .route(
            "/skills/provider/enrolments/{id}/complete",
            post(complete_page),
        )
}

/// Publish a course of a verified training provider you belong to.
#[utoipa::path(post, path = "/api/v1/skills/courses", tag = "skills", request_body = NewCourse, security(("bearer" = [])),
    responses((status = 201, body = Course), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 409, description = "org_not_verified", body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn publish_course(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(body): ApiJson<NewCourse>,
) -> Result<(StatusCode, Json<Course>), ApiError> {
    let c = courses::publish(&state.db, state.pack, &actor, body).await?;
    Ok((StatusCode::CREATED, Json(c)))
}

/// A course with its batches.
#[utoipa::path(get, path = "/api/v1/skills/courses/{id}", tag = "skills",
    params(("id" = String, Path, description = "Course id")),
    responses((status = 200, body = Course), (status = 404, body = ErrorBody)))]
pub async fn get_course(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Course>, ApiError> {
    let id = id_of(id, "course_not_found")?;
    Ok(Json(courses::get(&state.db, &id).await?))
}

/// A batch to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewBatch {
    /// First day, `YYYY-MM-DD` (today or later).
    #[schema(example = "2027-01-15", pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    pub starts_on: String,
    /// Seats, 1 to 1000.
    #[schema(minimum = 1, maximum = 1000)]
    pub seats: i64,
}

/// Add a batch to a course (its provider's members).
#[utoipa::path(post, path = "/api/v1/skills/courses/{id}/batches", tag = "skills", request_body = NewBatch,
    params(("id" = String, Path, description = "Course id")), security(("bearer" = [])),
    responses((status = 201, body = Batch), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_batch(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(body): ApiJson<NewBatch>,
) -> Result<(StatusCode, Json<Batch>), ApiError> {
    let id = id_of(id, "course_not_found")?;
    let b = courses::add_batch(
        &state.db,
        state.pack,
        &actor,
        &id,
        &body.starts_on,
        body.seats,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(b)))
}

/// Enrol in a batch (or, with `On-Behalf-Of`, enrol a client: needs `skills.profile`). Enrolling
/// again answers with the first enrolment; the last seat goes to one person only.
#[utoipa::path(post, path = "/api/v1/skills/batches/{id}/enrolments", tag = "skills",
    params(("id" = String, Path, description = "Batch id"),
        ("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    security(("bearer" = [])),
    responses((status = 201, body = Enrolment), (status = 200, description = "Enrolled before", body = Enrolment),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "batch_full or batch_started", body = ErrorBody)))]
pub async fn enrol(
    State(state): State<AppState>,
    ApiCallerFor(actor): ApiCallerFor,
    id: Result<Path<String>, PathRejection>,
) -> Result<(StatusCode, Json<Enrolment>), ApiError> {
    let id = id_of(id, "batch_not_found")?;
    let (e, new) = courses::enrol(&state.db, state.pack, &actor, &id).await?;
    Ok((
        if new {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
        Json(e),
    ))
}

/// Mark an enrolment completed (the provider's members): a signed certificate is issued and the
/// course's skills join the person's profile as certified.
#[utoipa::path(post, path = "/api/v1/skills/enrolments/{id}/completion", tag = "skills",
    params(("id" = String, Path, description = "Enrolment id")), security(("bearer" = [])),
    responses((status = 200, body = Enrolment), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn complete(
    State(state): State<AppState>,
    Extension(issuing): Extension<Arc<Issuing>>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Enrolment>, ApiError> {
    let id = id_of(id, "enrolment_not_found")?;
    Ok(Json(
        courses::complete(&state.db, &issuing, &actor, &id).await?,
    ))
}

/// Revoke a certificate (the issuing provider's members); its status list shows it at once.
#[utoipa::path(post, path = "/api/v1/skills/certificates/{id}/revocation", tag = "skills",
    params(("id" = String, Path, description = "Certificate id")), security(("bearer" = [])),
    responses((status = 204, description = "Revoked"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn revoke(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let id = id_of(id, "certificate_not_found")?;
    courses::revoke(&state.db, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A certificate: the W3C Verifiable Credential as issued (its holder shares it by its id).
#[utoipa::path(get, path = "/api/v1/skills/certificates/{id}", tag = "skills",
    params(("id" = String, Path, description = "Certificate id")),
    responses((status = 200, description = "The credential (application/vc style JSON)", body = Object),
        (status = 404, body = ErrorBody)))]
pub async fn get_certificate(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let id = id_of(id, "certificate_not_found")?;
    Ok(Json(courses::certificate(&state.db, &id).await?.document))
}

/// What a verification found.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Verification {
    /// The signature matches the document and the issuer's published key.
    pub valid: bool,
    /// The issuer has revoked it.
    pub revoked: bool,
    /// Why not valid (in English, for developers), if not.
    pub problem: Option<String>,
}

/// Checks a document: its proof against the key its `verificationMethod` names (which this
/// node publishes), and its status in the provider's list.
async fn check(state: &AppState, document: &Value) -> Result<Verification, ApiError> {
    let bad = |problem: String| Verification {
        valid: false,
        revoked: false,
        problem: Some(problem),
    };
    let Some(method) = credentials::verification_method(document) else {
        return Ok(bad(VerifyError::Malformed.to_string()));
    };
    // `…/skills/providers/{provider}/keys/{key}`
    let parts: Vec<&str> = method.rsplit('/').take(4).collect();
    let (key_id, provider) = match parts.as_slice() {
        [key, "keys", provider, "providers"] => (*key, *provider),
        _ => return Ok(bad("unknown verification method".into())),
    };
    let key = match courses::public_key(&state.db, provider, key_id).await {
        Ok(k) => k,
        Err(SkillsError::NotFound(_)) => return Ok(bad("unknown issuer key".into())),
        Err(e) => return Err(e.into()),
    };
    let Some(key) = credentials::from_multikey(&key) else {
        return Ok(bad("unreadable issuer key".into()));
    };
    if let Err(e) = credentials::verify(document, &key) {
        return Ok(bad(e.to_string()));
    }
    let index = document
        .get("credentialStatus")
        .and_then(|s| s.get("statusListIndex"))
        .and_then(Value::as_str)
        .and_then(|i| i.parse::<usize>().ok());
    let revoked = match index {
        Some(i) => courses::revoked(&state.db, provider).await?.contains(&i),
        None => false,
    };
    Ok(Verification {
        valid: true,
        revoked,
        problem: None,
    })
}

/// Verify a credential document (as a holder shared it): its signature against the issuer's key
/// and its revocation status.
#[utoipa::path(post, path = "/api/v1/verify", tag = "skills", request_body = Object,
    responses((status = 200, body = Verification), (status = 400, body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn verify_document(
    State(state): State<AppState>,
    ApiJson(document): ApiJson<Value>,
) -> Result<Json<Verification>, ApiError> {
    if !document.is_object() {
        return Err(ApiError::field(
            "document",
            shetu_web::error::FieldProblem::new("invalid"),
        ));
    }
    Ok(Json(check(&state, &document).await?))
}

/// Which occupation.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GapQuery {
    /// The occupation aimed at (a taxonomy id); without it, the first occupation the profile
    /// wants.
    #[param(pattern = "^[0-9]{1,9}$")]
    occupation: Option<String>,
}

/// A course offered for a skill gap.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferView {
    /// The course and its soonest open batch.
    #[serde(flatten)]
    pub offer: Offer,
    /// The missing skills it teaches, named.
    pub teaches_named: Vec<Taxon>,
}

/// A skill gap.
#[derive(Debug, Serialize, ToSchema)]
pub struct Gap {
    /// The occupation.
    pub occupation: Taxon,
    /// Its essential skills the profile lacks.
    pub missing: Vec<Taxon>,
    /// Courses with open seats that teach them, nearest first.
    pub courses: Vec<OfferView>,
}

async fn gap_of(
    state: &AppState,
    shared: &Shared,
    tr: &Tr,
    actor: &shetu_core::Actor,
    occupation: i64,
) -> Result<Gap, ApiError> {
    let (_, profile) = profiles::mine(&state.db, actor).await?;
    let (missing, offers) = courses::gap(&state.db, state.pack, &profile, occupation).await?;
    let finder = shared.get(&state.db).await?;
    let lang = tr.code();
    Ok(Gap {
        occupation: view::taxon(&finder, Kind::Occupation, occupation, lang),
        missing: missing
            .iter()
            .map(|s| view::taxon(&finder, Kind::Skill, *s, lang))
            .collect(),
        courses: offers
            .into_iter()
            .map(|o| OfferView {
                teaches_named: o
                    .teaches
                    .iter()
                    .map(|s| view::taxon(&finder, Kind::Skill, *s, lang))
                    .collect(),
                offer: o,
            })
            .collect(),
    })
}

/// Your skill gap for an occupation (or a client's, with `On-Behalf-Of` and `skills.profile`):
/// its essential skills you lack, and courses with open seats that teach them, nearest first.
#[utoipa::path(get, path = "/api/v1/skills/gap", tag = "skills", params(GapQuery), security(("bearer" = [])),
    params(("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    responses((status = 200, body = Gap), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn skill_gap(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    ApiCallerFor(actor): ApiCallerFor,
    ApiQuery(query): ApiQuery<GapQuery>,
) -> Result<Json<Gap>, ApiError> {
    let occupation = match query.occupation.as_deref().filter(|o| !o.is_empty()) {
        Some(text) => text.parse::<i64>().map_err(|_| {
            ApiError::bad_request("invalid_query").detail("occupation: a taxonomy id")
        })?,
        None => {
            let (_, profile) = profiles::mine(&state.db, &actor).await?;
            *profile
                .occupations
                .first()
                .ok_or(SkillsError::NotFound("occupation_not_found"))?
        }
    };
    Ok(Json(
        gap_of(&state, &shared, &tr, &actor, occupation).await?,
    ))
}

/// A provider's key as a Multikey document (the `verificationMethod` of its certificates).
async fn key_document(
    State(state): State<AppState>,
    Extension(issuing): Extension<Arc<Issuing>>,
    ids: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, ApiError> {
    let Ok(Path((provider, key_id))) = ids else {
        return Err(ApiError::not_found("key_not_found"));
    };
    let key = courses::public_key(&state.db, &provider, &key_id).await?;
    let id = courses::key_url(&issuing, &provider, &key_id);
    Ok(Json(json!({
        "@context": ["https://w3id.org/security/multikey/v1"],
        "id": id,
        "type": "Multikey",
        "controller": format!("{}/skills/providers/{provider}", issuing.public_url),
        "publicKeyMultibase": key,
    }))
    .into_response())
}

/// A provider's revocation list (Bitstring Status List), as a credential.
async fn status_list(
    State(state): State<AppState>,
    Extension(issuing): Extension<Arc<Issuing>>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let provider = id_of(id, "organization_not_found")?;
    crate::employers::get(&state.db, &provider).await?;
    let revoked = courses::revoked(&state.db, &provider).await?;
    let url = format!("{}/skills/providers/{provider}/status", issuing.public_url);
    Ok(Json(json!({
        "@context": [credentials::VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": format!("{}/skills/providers/{provider}", issuing.public_url),
        "credentialSubject": {
            "id": format!("{url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": credentials::encoded_list(&revoked),
        },
    }))
    .into_response())
}
