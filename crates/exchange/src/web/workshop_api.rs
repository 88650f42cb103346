//! The workshops API: create (secretariat), register, free slots, meeting requests and answers,
//! the scheduler run, and a participant's agenda as JSON or iCalendar.

use super::api::{id_of, List};
use crate::workshops::{self, AgendaItem, MeetingRequest, NewWorkshop, ScheduleRun, Workshop};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use shetu_web::auth::ApiCaller;
use shetu_web::error::{ApiError, ErrorBody};
use shetu_web::extract::{ApiJson, Locale};
use shetu_web::i18n::Tr;
use shetu_web::AppState;
use std::sync::Arc;
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(super::api::ExchangeDoc::openapi())
        .routes(routes!(list, create))
        .routes(routes!(get_workshop))
        .routes(routes!(register))
        .routes(routes!(availability))
        .routes(routes!(my_requests, request))
        .routes(routes!(answer))
        .routes(routes!(schedule))
        .routes(routes!(agenda))
        .routes(routes!(agenda_ics))
        .routes(routes!(add_participant))
        .routes(routes!(outcome))
}

/// Workshops, latest first.
#[utoipa::path(get, path = "/api/v1/exchange/workshops", tag = "exchange",
    responses((status = 200, body = List<Workshop>)))]
pub async fn list(State(state): State<AppState>) -> Result<Json<List<Workshop>>, ApiError> {
    Ok(Json(List {
        items: workshops::all(&state.db).await?,
    }))
}

/// The secretariat creates a matchmaking workshop.
#[utoipa::path(post, path = "/api/v1/exchange/workshops", tag = "exchange", request_body = NewWorkshop,
    security(("bearer" = [])),
    responses((status = 201, body = Workshop), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(new): ApiJson<NewWorkshop>,
) -> Result<(StatusCode, Json<Workshop>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(workshops::create(&state.db, &actor, new).await?),
    ))
}

/// A workshop with its slots.
#[utoipa::path(get, path = "/api/v1/exchange/workshops/{id}", tag = "exchange",
    params(("id" = String, Path, description = "Workshop id")),
    responses((status = 200, body = Workshop), (status = 404, body = ErrorBody)))]
pub async fn get_workshop(
    State(state): State<AppState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Workshop>, ApiError> {
    let id = id_of(id, "workshop_not_found")?;
    Ok(Json(workshops::get(&state.db, &id).await?))
}

/// For whom one registers.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// The member you come for (you must act for it), if any.
    #[serde(default)]
    pub member: Option<String>,
}

/// Register for a workshop (before its deadline). Registering again changes nothing.
#[utoipa::path(post, path = "/api/v1/exchange/workshops/{id}/registrations", tag = "exchange",
    request_body = Registration, params(("id" = String, Path, description = "Workshop id")), security(("bearer" = [])),
    responses((status = 200, body = Workshop), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "registration_closed", body = ErrorBody)))]
pub async fn register(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(r): ApiJson<Registration>,
) -> Result<Json<Workshop>, ApiError> {
    let id = id_of(id, "workshop_not_found")?;
    Ok(Json(
        workshops::register(&state.db, &actor, &id, r.member.as_deref()).await?,
    ))
}

/// The slots one is free in.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Availability {
    /// Slot numbers (from 0).
    pub slots: Vec<i64>,
}

/// Say which slots you are free in.
#[utoipa::path(put, path = "/api/v1/exchange/workshops/{id}/availability", tag = "exchange",
    request_body = Availability, params(("id" = String, Path, description = "Workshop id")), security(("bearer" = [])),
    responses((status = 200, body = Availability), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "not_registered", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn availability(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(a): ApiJson<Availability>,
) -> Result<Json<Availability>, ApiError> {
    let id = id_of(id, "workshop_not_found")?;
    workshops::set_availability(&state.db, &actor, &id, &a.slots).await?;
    Ok(Json(a))
}

/// Your meeting requests at a workshop, sent and received.
#[utoipa::path(get, path = "/api/v1/exchange/workshops/{id}/meeting-requests", tag = "exchange",
    params(("id" = String, Path, description = "Workshop id")), security(("bearer" = [])),
    responses((status = 200, body = List<MeetingRequest>), (status = 401, body = ErrorBody)))]
pub async fn my_requests(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<List<MeetingRequest>>, ApiError> {
    let id = id_of(id, "workshop_not_found")?;
    Ok(Json(List {
        items: workshops::requests_of(&state.db, &actor, &id).await?,
    }))
}

/// Whom to meet.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRequest {
    /// Another participant's person id.
    pub with: String,
    /// Why you want to meet.
    #[serde(default)]
    #[schema(max_length = 500)]
    pub note: String,
}

/// Ask another participant for a one-to-one meeting (up to the workshop's cap).
#[utoipa::path(post, path = "/api/v1/exchange/workshops/{id}/meeting-requests", tag = "exchange",
    request_body = NewRequest, params(("id" = String, Path, description = "Workshop id")), security(("bearer" = [])),
    responses((status = 201, body = MeetingRequest), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "not_registered, meeting_cap_reached or meeting_requested", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn request(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(r): ApiJson<NewRequest>,
) -> Result<(StatusCode, Json<MeetingRequest>), ApiError> {
    let id = id_of(id, "workshop_not_found")?;
    let made = workshops::request_meeting(&state.db, &actor, &id, &r.with, &r.note).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// An answer to a meeting request.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// Accept (or decline).
    pub accept: bool,
}

/// Accept or decline a meeting request you received.
#[utoipa::path(post, path = "/api/v1/exchange/meeting-requests/{id}/answer", tag = "exchange",
    request_body = Answer, params(("id" = String, Path, description = "Meeting request id")), security(("bearer" = [])),
    responses((status = 200, body = MeetingRequest), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "meeting_answered", body = ErrorBody)))]
pub async fn answer(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(a): ApiJson<Answer>,
) -> Result<Json<MeetingRequest>, ApiError> {
    let id = id_of(id, "meeting_not_found")?;
    Ok(Json(
        workshops::answer(&state.db, &actor, &id, a.accept).await?,
    ))
}

/// The secretariat runs the scheduler: accepted meetings get a slot and a table, meetings placed
/// before stay; says how many could not be placed and why.
#[utoipa::path(post, path = "/api/v1/exchange/workshops/{id}/schedule", tag = "exchange",
    params(("id" = String, Path, description = "Workshop id")), security(("bearer" = [])),
    responses((status = 200, body = ScheduleRun), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn schedule(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<ScheduleRun>, ApiError> {
    let id = id_of(id, "workshop_not_found")?;
    Ok(Json(
        workshops::schedule(&state.db, &state.i18n, &actor, &id).await?,
    ))
}

/// Your meetings at a workshop, in time order.
#[utoipa::path(get, path = "/api/v1/exchange/workshops/{id}/agenda", tag = "exchange",
    params(("id" = String, Path, description = "Workshop id")), security(("bearer" = [])),
    responses((status = 200, body = List<AgendaItem>), (status = 401, body = ErrorBody)))]
pub async fn agenda(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<List<AgendaItem>>, ApiError> {
    let id = id_of(id, "workshop_not_found")?;
    Ok(Json(List {
        items: workshops::agenda(&state.db, &actor, &id).await?,
    }))
}

/// The agenda as an iCalendar file in the workshop's time zone.
pub(crate) async fn ics_response(
    state: &AppState,
    tr: &Tr,
    host: &str,
    actor: &shetu_core::Actor,
    id: &str,
) -> Result<Response, ApiError> {
    let w = workshops::get(&state.db, id).await?;
    let items = workshops::agenda(&state.db, actor, id).await?;
    let words = crate::ics::Words {
        summaries: items
            .iter()
            .map(|i| tr.t1("exchange-ics-meeting", "name", &i.with_name))
            .collect(),
        tables: items
            .iter()
            .map(|i| tr.t1("exchange-table", "table", &tr.digits(&i.table.to_string())))
            .collect(),
    };
    let body = crate::ics::agenda(&w, &items, &words, host, jiff::Timestamp::now());
    Ok((
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"agenda.ics\"".to_owned(),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

/// Your agenda as an iCalendar file (`text/calendar`), in the workshop's time zone.
#[utoipa::path(get, path = "/api/v1/exchange/workshops/{id}/agenda.ics", tag = "exchange",
    params(("id" = String, Path, description = "Workshop id")), security(("bearer" = [])),
    responses((status = 200, description = "An iCalendar file", content_type = "text/calendar", body = String),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn agenda_ics(
    State(state): State<AppState>,
    Locale(tr): Locale,
    Extension(node): Extension<Arc<super::NodeName>>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "workshop_not_found")?;
    ics_response(&state, &tr, &node.0, &actor, &id).await
}

/// Someone the secretariat adds.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewParticipant {
    /// Person id.
    pub person: String,
    /// The member they come for, if any.
    #[serde(default)]
    pub member: Option<String>,
}

/// The secretariat adds a participant (a walk-in, or a registration on paper), whatever the
/// deadline.
#[utoipa::path(post, path = "/api/v1/exchange/workshops/{id}/participants", tag = "exchange",
    request_body = NewParticipant, params(("id" = String, Path, description = "Workshop id")), security(("bearer" = [])),
    responses((status = 200, body = Workshop), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_participant(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(p): ApiJson<NewParticipant>,
) -> Result<Json<Workshop>, ApiError> {
    let id = id_of(id, "workshop_not_found")?;
    let person = p.person.trim().parse().map_err(|_| {
        ApiError::from(crate::ExchangeError::Invalid(
            "person".into(),
            "not_a_person",
        ))
    })?;
    Ok(Json(
        workshops::add_participant(&state.db, &actor, &id, person, p.member.as_deref()).await?,
    ))
}

/// What came of a meeting.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingOutcome {
    /// What came of it.
    #[schema(max_length = 2000)]
    pub outcome: String,
    /// With `solution`: the need it answers, to follow as a match.
    #[serde(default)]
    pub need: Option<String>,
    /// With `need`: the published solution to adapt.
    #[serde(default)]
    pub solution: Option<String>,
}

/// Record what came of a meeting (one of its two people, or the secretariat); with a need and a
/// solution it becomes a match followed to replication.
#[utoipa::path(post, path = "/api/v1/exchange/meeting-requests/{id}/outcome", tag = "exchange",
    request_body = MeetingOutcome, params(("id" = String, Path, description = "Meeting request id")), security(("bearer" = [])),
    responses((status = 200, body = AgendaItem), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "meeting_not_held or match_exists", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn outcome(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(o): ApiJson<MeetingOutcome>,
) -> Result<Json<AgendaItem>, ApiError> {
    let id = id_of(id, "meeting_not_found")?;
    let becomes = o.need.as_deref().zip(o.solution.as_deref());
    Ok(Json(
        workshops::record_outcome(&state.db, &actor, &id, &o.outcome, becomes).await?,
    ))
}
