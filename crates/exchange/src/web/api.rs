//! The exchange API: members and the directory, solutions with their review and history, needs
//! and their suggested solutions.

use super::reason_text;
use crate::matching::{self, Reason, Suggestion};
use crate::members::{self, DirectoryFilter, Member, NewMember};
use crate::needs::{self, Need, NewNeed};
use crate::solutions::{self, FieldChange, ReviewStep, Solution, SolutionContent, SolutionFilter};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use shetu_core::Actor;
use shetu_web::auth::ApiCaller;
use shetu_web::error::{ApiError, ErrorBody};
use shetu_web::extract::{ApiJson, ApiQuery, Locale};
use shetu_web::AppState;
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(tags((name = "exchange", description = "The network of public-service innovations: members, solutions, needs and matches")))]
pub(crate) struct ExchangeDoc;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ExchangeDoc::openapi())
        .routes(routes!(directory, register))
        .routes(routes!(member))
        .routes(routes!(verify))
        .routes(routes!(list_solutions, submit))
        .routes(routes!(solution, revise))
        .routes(routes!(review))
        .routes(routes!(import_publiccode))
        .routes(routes!(export_publiccode))
        .routes(routes!(reviews))
        .routes(routes!(versions))
        .routes(routes!(changes))
        .routes(routes!(list_needs, post_need))
        .routes(routes!(need))
        .routes(routes!(suggestions))
}

/// The id in a route's path; a missing or overlong one is a 404 with `missing` as its code.
pub(crate) fn id_of(
    p: Result<Path<String>, PathRejection>,
    missing: &'static str,
) -> Result<String, ApiError> {
    p.ok()
        .map(|Path(id)| id)
        .filter(|id| !id.is_empty() && id.len() <= 64)
        .ok_or_else(|| ApiError::not_found(missing))
}

/// The caller, when a valid token came with the request.
pub(crate) fn maybe(caller: Result<ApiCaller, ApiError>) -> Option<Actor> {
    caller.ok().map(|ApiCaller(a)| a)
}

/// A list.
#[derive(Debug, Serialize, ToSchema)]
pub struct List<T: ToSchema> {
    /// The items.
    pub items: Vec<T>,
}

/// Directory filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DirectoryQuery {
    /// ISO 3166-1 alpha-2 country code.
    country: Option<String>,
    /// Member kind.
    kind: Option<String>,
    /// Focus area.
    focus: Option<String>,
}

fn some(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// The directory of verified members, by name.
#[utoipa::path(get, path = "/api/v1/exchange/members", tag = "exchange", params(DirectoryQuery),
    responses((status = 200, body = List<Member>)))]
pub async fn directory(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<DirectoryQuery>,
) -> Result<Json<List<Member>>, ApiError> {
    let filter = DirectoryFilter {
        country: some(q.country),
        kind: some(q.kind),
        focus: some(q.focus),
    };
    Ok(Json(List {
        items: members::directory(&state.db, &filter).await?,
    }))
}

/// Register a member: an organisation (you become its owner) or yourself as an expert. The
/// secretariat verifies it before it is listed.
#[utoipa::path(post, path = "/api/v1/exchange/members", tag = "exchange", request_body = NewMember,
    security(("bearer" = [])),
    responses((status = 201, body = Member), (status = 401, body = ErrorBody),
        (status = 409, description = "member_exists (you are an expert member already)", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn register(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(new): ApiJson<NewMember>,
) -> Result<(StatusCode, Json<Member>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(members::register(&state.db, &actor, new).await?),
    ))
}

/// A member (a pending one only to its own people and the secretariat).
#[utoipa::path(get, path = "/api/v1/exchange/members/{id}", tag = "exchange",
    params(("id" = String, Path, description = "Member id")),
    responses((status = 200, body = Member), (status = 404, body = ErrorBody)))]
pub async fn member(
    State(state): State<AppState>,
    caller: Result<ApiCaller, ApiError>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Member>, ApiError> {
    let id = id_of(id, "member_not_found")?;
    Ok(Json(
        members::get(&state.db, maybe(caller).as_ref(), &id).await?,
    ))
}

/// The secretariat verifies a member.
#[utoipa::path(post, path = "/api/v1/exchange/members/{id}/verification", tag = "exchange",
    params(("id" = String, Path, description = "Member id")), security(("bearer" = [])),
    responses((status = 200, body = Member), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn verify(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Member>, ApiError> {
    let id = id_of(id, "member_not_found")?;
    Ok(Json(members::verify(&state.db, &actor, &id).await?))
}

/// Filters of the published solutions.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SolutionQuery {
    /// Runs in this country (ISO 3166-1 alpha-2).
    country: Option<String>,
    /// Focus area.
    focus: Option<String>,
    /// SDG target (`16.6`) or goal (`16`).
    sdg: Option<String>,
    /// `idea`, `pilot`, `scaled` or `replicated`.
    maturity: Option<String>,
}

/// Published solutions, newest first.
#[utoipa::path(get, path = "/api/v1/exchange/solutions", tag = "exchange", params(SolutionQuery),
    responses((status = 200, body = List<Solution>)))]
pub async fn list_solutions(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<SolutionQuery>,
) -> Result<Json<List<Solution>>, ApiError> {
    let filter = SolutionFilter {
        country: some(q.country),
        focus: some(q.focus),
        sdg: some(q.sdg),
        maturity: some(q.maturity),
    };
    Ok(Json(List {
        items: solutions::published(&state.db, &filter).await?,
    }))
}

/// A solution to submit.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSolution {
    /// The member that shares it (you must be one of its people; it must be verified).
    pub member: String,
    /// What it says.
    pub content: SolutionContent,
}

/// Submit a solution for the secretariat's review.
#[utoipa::path(post, path = "/api/v1/exchange/solutions", tag = "exchange", request_body = NewSolution,
    security(("bearer" = [])),
    responses((status = 201, body = Solution), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, description = "member_not_found", body = ErrorBody),
        (status = 409, description = "member_not_verified", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn submit(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(new): ApiJson<NewSolution>,
) -> Result<(StatusCode, Json<Solution>), ApiError> {
    let made = solutions::submit(&state.db, &actor, &new.member, new.content).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// A solution: its published version, or the latest for its member's people and the
/// secretariat.
#[utoipa::path(get, path = "/api/v1/exchange/solutions/{id}", tag = "exchange",
    params(("id" = String, Path, description = "Solution id")),
    responses((status = 200, body = Solution), (status = 404, body = ErrorBody)))]
pub async fn solution(
    State(state): State<AppState>,
    caller: Result<ApiCaller, ApiError>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Solution>, ApiError> {
    let id = id_of(id, "solution_not_found")?;
    Ok(Json(
        solutions::get(&state.db, maybe(caller).as_ref(), &id).await?,
    ))
}

/// Revise a solution: a new version for review (the published one stays until then).
#[utoipa::path(put, path = "/api/v1/exchange/solutions/{id}", tag = "exchange", request_body = SolutionContent,
    params(("id" = String, Path, description = "Solution id")), security(("bearer" = [])),
    responses((status = 200, body = Solution), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "invalid_review_move (in review now)", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn revise(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(content): ApiJson<SolutionContent>,
) -> Result<Json<Solution>, ApiError> {
    let id = id_of(id, "solution_not_found")?;
    Ok(Json(
        solutions::revise(&state.db, &actor, &id, content).await?,
    ))
}

/// A review move.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewMove {
    /// `in_review`, `published` or `returned`.
    pub to: String,
    /// Required when returning it: what to change, against the published criteria.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub comment: String,
}

/// The secretariat moves a solution's review: submitted → in_review → published or returned.
#[utoipa::path(post, path = "/api/v1/exchange/solutions/{id}/review", tag = "exchange", request_body = ReviewMove,
    params(("id" = String, Path, description = "Solution id")), security(("bearer" = [])),
    responses((status = 200, body = Solution), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "invalid_review_move", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn review(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiJson(step): ApiJson<ReviewMove>,
) -> Result<Json<Solution>, ApiError> {
    let id = id_of(id, "solution_not_found")?;
    Ok(Json(
        solutions::review(&state.db, &actor, &id, &step.to, &step.comment).await?,
    ))
}

/// A solution's review history (its member's people and the secretariat).
#[utoipa::path(get, path = "/api/v1/exchange/solutions/{id}/reviews", tag = "exchange",
    params(("id" = String, Path, description = "Solution id")), security(("bearer" = [])),
    responses((status = 200, body = List<ReviewStep>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn reviews(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<List<ReviewStep>>, ApiError> {
    let id = id_of(id, "solution_not_found")?;
    Ok(Json(List {
        items: solutions::reviews(&state.db, &actor, &id).await?,
    }))
}

/// A version in the history.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionEntry {
    /// Its number.
    pub version: i64,
    /// When it was published (ms since 1970), if it was.
    pub published_at: Option<i64>,
}

/// The versions a reader may compare, newest first (published ones; all of them for insiders).
#[utoipa::path(get, path = "/api/v1/exchange/solutions/{id}/versions", tag = "exchange",
    params(("id" = String, Path, description = "Solution id")),
    responses((status = 200, body = List<VersionEntry>), (status = 404, body = ErrorBody)))]
pub async fn versions(
    State(state): State<AppState>,
    caller: Result<ApiCaller, ApiError>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<List<VersionEntry>>, ApiError> {
    let id = id_of(id, "solution_not_found")?;
    let items = solutions::versions(&state.db, maybe(caller).as_ref(), &id)
        .await?
        .into_iter()
        .map(|(version, published_at)| VersionEntry {
            version,
            published_at,
        })
        .collect();
    Ok(Json(List { items }))
}

/// Two versions to compare.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesQuery {
    /// The earlier version.
    #[param(pattern = "^[0-9]{1,9}$")]
    from: String,
    /// The later version.
    #[param(pattern = "^[0-9]{1,9}$")]
    to: String,
}

fn version_number(field: &str, v: &str) -> Result<i64, ApiError> {
    v.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=999_999_999).contains(n))
        .ok_or_else(|| {
            ApiError::from(crate::ExchangeError::OutOfRange {
                field: field.to_owned(),
                min: 1,
                max: 999_999_999,
            })
        })
}

/// What changed between two versions, field by field, with the words removed and added.
#[utoipa::path(get, path = "/api/v1/exchange/solutions/{id}/changes", tag = "exchange",
    params(("id" = String, Path, description = "Solution id"), ChangesQuery),
    responses((status = 200, body = List<FieldChange>), (status = 404, description = "solution_not_found or version_not_found", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn changes(
    State(state): State<AppState>,
    caller: Result<ApiCaller, ApiError>,
    id: Result<Path<String>, PathRejection>,
    ApiQuery(q): ApiQuery<ChangesQuery>,
) -> Result<Json<List<FieldChange>>, ApiError> {
    let id = id_of(id, "solution_not_found")?;
    let (from, to) = (
        version_number("from", &q.from)?,
        version_number("to", &q.to)?,
    );
    Ok(Json(List {
        items: solutions::changes(&state.db, maybe(caller).as_ref(), &id, from, to).await?,
    }))
}

/// Open needs, newest first.
#[utoipa::path(get, path = "/api/v1/exchange/needs", tag = "exchange",
    responses((status = 200, body = List<Need>)))]
pub async fn list_needs(State(state): State<AppState>) -> Result<Json<List<Need>>, ApiError> {
    Ok(Json(List {
        items: needs::open(&state.db).await?,
    }))
}

/// Post a need for a verified member you belong to.
#[utoipa::path(post, path = "/api/v1/exchange/needs", tag = "exchange", request_body = NewNeed,
    security(("bearer" = [])),
    responses((status = 201, body = Need), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, description = "member_not_found", body = ErrorBody),
        (status = 409, description = "member_not_verified", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn post_need(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(new): ApiJson<NewNeed>,
) -> Result<(StatusCode, Json<Need>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(needs::post(&state.db, &actor, new).await?),
    ))
}

/// A need.
#[utoipa::path(get, path = "/api/v1/exchange/needs/{id}", tag = "exchange",
    params(("id" = String, Path, description = "Need id")),
    responses((status = 200, body = Need), (status = 404, body = ErrorBody)))]
pub async fn need(
    State(state): State<AppState>,
    caller: Result<ApiCaller, ApiError>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Need>, ApiError> {
    let id = id_of(id, "need_not_found")?;
    Ok(Json(
        needs::get(&state.db, maybe(caller).as_ref(), &id).await?,
    ))
}

/// A reason with its sentence.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReasonText {
    /// The reason.
    #[serde(flatten)]
    pub reason: Reason,
    /// As a sentence in the reader's language (`?lang=`).
    pub text: String,
}

/// A suggestion with its reasons as sentences.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestionText {
    /// The solution.
    pub solution: Solution,
    /// Points.
    pub score: u64,
    /// Why, largest part first.
    pub reasons: Vec<ReasonText>,
}

pub(crate) fn with_text(tr: &shetu_web::i18n::Tr, s: Suggestion) -> SuggestionText {
    SuggestionText {
        reasons: s
            .reasons
            .into_iter()
            .map(|r| ReasonText {
                text: reason_text(tr, &r),
                reason: r,
            })
            .collect(),
        solution: s.solution,
        score: s.score,
    }
}

/// Published solutions that fit a need, best first, each with its reasons as sentences
/// (shared SDG targets and focus areas, shared words, languages, replicated elsewhere).
#[utoipa::path(get, path = "/api/v1/exchange/needs/{id}/suggestions", tag = "exchange",
    params(("id" = String, Path, description = "Need id")),
    responses((status = 200, body = List<SuggestionText>), (status = 404, body = ErrorBody)))]
pub async fn suggestions(
    State(state): State<AppState>,
    Locale(tr): Locale,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<List<SuggestionText>>, ApiError> {
    let id = id_of(id, "need_not_found")?;
    let items = matching::suggest(&state.db, &id, 10)
        .await?
        .into_iter()
        .map(|s| with_text(&tr, s))
        .collect();
    Ok(Json(List { items }))
}

/// A software solution to import.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PubliccodeImport {
    /// The member that shares it.
    pub member: String,
    /// The publiccode.yml file, as text.
    #[schema(max_length = 20000)]
    pub publiccode: String,
}

/// Submit a software solution from its publiccode.yml. A broken file gets 422 with every
/// problem named by its path in the file (`description.en.longDescription`, …).
#[utoipa::path(post, path = "/api/v1/exchange/solutions/publiccode", tag = "exchange", request_body = PubliccodeImport,
    security(("bearer" = [])),
    responses((status = 201, body = Solution), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "member_not_verified", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn import_publiccode(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ApiJson(new): ApiJson<PubliccodeImport>,
) -> Result<(StatusCode, Json<Solution>), ApiError> {
    if new.publiccode.chars().count() > 20_000 {
        return Err(crate::ExchangeError::TooLong {
            field: "publiccode".into(),
            max: 20_000,
        }
        .into());
    }
    let made = solutions::import(&state.db, &actor, &new.member, &new.publiccode).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// A software solution's publiccode.yml (v0.4), written from what the exchange keeps.
#[utoipa::path(get, path = "/api/v1/exchange/solutions/{id}/publiccode.yml", tag = "exchange",
    params(("id" = String, Path, description = "Solution id")),
    responses((status = 200, description = "publiccode.yml", content_type = "application/yaml", body = String),
        (status = 404, description = "solution_not_found or not_software", body = ErrorBody)))]
pub async fn export_publiccode(
    State(state): State<AppState>,
    caller: Result<ApiCaller, ApiError>,
    id: Result<Path<String>, PathRejection>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let id = id_of(id, "solution_not_found")?;
    let text = solutions::publiccode(&state.db, maybe(caller).as_ref(), &id).await?;
    Ok((
        [(
            axum::http::header::CONTENT_TYPE,
            "application/yaml; charset=utf-8",
        )],
        text,
    )
        .into_response())
}
