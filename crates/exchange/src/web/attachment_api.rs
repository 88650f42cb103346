//! Attachments of solutions: added through the API (the body is the file) or the solution's
//! page (a form with a file), listed with the solution, downloaded as what their bytes are.

use super::api::{id_of, maybe, List};
use super::{actor_of, see};
use crate::solutions::attachments::{self, Attachment};
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use shetu_web::auth::{ApiCaller, CsrfForm, CsrfMultipart, Member as SignedMember, Visitor};
use shetu_web::error::{ApiError, ErrorBody};
use shetu_web::extract::{ApiQuery, Locale};
use shetu_web::i18n::Tr;
use shetu_web::pages::{render_own, Chrome, FormErrors};
use shetu_web::AppState;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, add))
        .routes(routes!(download, remove))
        .routes(routes!(add_match_document))
        .routes(routes!(match_document))
        .layer(DefaultBodyLimit::max(shetu_web::PHOTO_LIMIT))
}

pub(super) fn pages() -> Router<AppState> {
    Router::new()
        .route(
            "/exchange/solutions/{id}/attachments",
            post(upload).layer(DefaultBodyLimit::max(shetu_web::PHOTO_LIMIT)),
        )
        .route(
            "/exchange/solutions/{id}/attachments/{attachment}",
            get(file_page),
        )
        .route(
            "/exchange/solutions/{id}/attachments/{attachment}/remove",
            post(remove_page),
        )
        .route(
            "/exchange/matches/{id}/documents",
            post(upload_match_document).layer(DefaultBodyLimit::max(shetu_web::PHOTO_LIMIT)),
        )
        .route(
            "/exchange/matches/{id}/documents/{document}",
            get(match_document_page),
        )
}

/// The name to give a file.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FileName {
    /// The file's name (its extension is set from what the file really is).
    #[param(max_length = 200)]
    name: Option<String>,
}

/// The attachments of a solution you may see: those of published versions (all of them, for its
/// member's people and the secretariat).
#[utoipa::path(get, path = "/api/v1/exchange/solutions/{id}/attachments", tag = "exchange",
    params(("id" = String, Path, description = "Solution id")),
    responses((status = 200, body = List<Attachment>), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Result<ApiCaller, ApiError>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<List<Attachment>>, ApiError> {
    let id = id_of(id, "solution_not_found")?;
    let items = attachments::attachments(&state.db, maybe(caller).as_ref(), &id).await?;
    Ok(Json(List { items }))
}

/// Attach a file to the version of your solution that waits for review (revise a published one
/// first): PDF, Word, Excel, PowerPoint, OpenDocument, CSV, PNG, JPEG or WebP, read from its
/// content, up to 5 MB; at most 8 a solution. Readers see it once that version is published.
#[utoipa::path(post, path = "/api/v1/exchange/solutions/{id}/attachments", tag = "exchange",
    params(("id" = String, Path, description = "Solution id"), FileName),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file (its type is read from its bytes)"),
    security(("bearer" = [])),
    responses((status = 201, body = Attachment), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "revise_first, too_many_attachments", body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiQuery(q): ApiQuery<FileName>,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<Attachment>), ApiError> {
    let id = id_of(id, "solution_not_found")?;
    let name = q.name.unwrap_or_default();
    if name.chars().count() > 200 {
        return Err(crate::ExchangeError::TooLong {
            field: "name".into(),
            max: 200,
        }
        .into());
    }
    let made = attachments::attach(&state.db, &actor, &id, &name, &body).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// A solution's id and an attachment's, from the path.
fn pair(ids: Result<Path<(String, String)>, PathRejection>) -> Result<(String, String), ApiError> {
    ids.ok()
        .map(|Path(p)| p)
        .filter(|(a, b)| a.len() <= 64 && b.len() <= 64)
        .ok_or_else(|| ApiError::not_found("attachment_not_found"))
}

fn file_response(name: &str, kind: &str, bytes: Vec<u8>) -> Response {
    let encoded: String =
        percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC).to_string();
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                attachments::media_type(kind).to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"attachment.{kind}\"; filename*=UTF-8''{encoded}"),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (header::CONTENT_SECURITY_POLICY, "sandbox".to_owned()),
            (header::CACHE_CONTROL, "private, max-age=300".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// Download an attachment, as the kind of file it is.
#[utoipa::path(get, path = "/api/v1/exchange/solutions/{id}/attachments/{attachment}", tag = "exchange",
    params(("id" = String, Path, description = "Solution id"), ("attachment" = String, Path, description = "Attachment id")),
    responses((status = 200, description = "The file", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 404, body = ErrorBody)))]
pub async fn download(
    State(state): State<AppState>,
    caller: Result<ApiCaller, ApiError>,
    ids: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, ApiError> {
    let (id, attachment) = pair(ids)?;
    let (name, kind, bytes) =
        attachments::file(&state.db, maybe(caller).as_ref(), &id, &attachment).await?;
    Ok(file_response(&name, &kind, bytes))
}

/// Remove an attachment that is not published yet.
#[utoipa::path(delete, path = "/api/v1/exchange/solutions/{id}/attachments/{attachment}", tag = "exchange",
    params(("id" = String, Path, description = "Solution id"), ("attachment" = String, Path, description = "Attachment id")),
    security(("bearer" = [])),
    responses((status = 204, description = "Removed"), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "attachment_published", body = ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ids: Result<Path<(String, String)>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let (id, attachment) = pair(ids)?;
    attachments::detach(&state.db, &actor, &id, &attachment).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn file_page(
    State(state): State<AppState>,
    visitor: Visitor,
    ids: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, ApiError> {
    let (id, attachment) = pair(ids)?;
    let (name, kind, bytes) =
        attachments::file(&state.db, visitor.actor().as_ref(), &id, &attachment).await?;
    Ok(file_response(&name, &kind, bytes))
}

#[derive(Template)]
#[template(path = "exchange_attach.html")]
struct AttachPage {
    tr: Tr,
    chrome: Chrome,
    errors: FormErrors,
    /// Where the form posts.
    action: String,
    /// The page to go back to.
    back: String,
}

#[derive(Deserialize)]
struct NoFields {}

async fn upload(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
    CsrfMultipart(_, files, _): CsrfMultipart<NoFields>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "solution_not_found")?;
    let actor = actor_of(&member)?;
    let result = match files.into_iter().find(|f| f.field == "file") {
        Some(f) => attachments::attach(&state.db, &actor, &id, &f.file_name, &f.bytes)
            .await
            .map(|_| ()),
        None => Err(crate::ExchangeError::Invalid("file".into(), "required")),
    };
    match result {
        Ok(()) => Ok(see(format!("/exchange/solutions/{id}#attachments"))),
        Err(e) => {
            let error = ApiError::from(e);
            if !error.status.is_client_error()
                || matches!(error.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN)
            {
                return Err(error);
            }
            let errors = FormErrors::from_error(
                &tr,
                &error,
                &[("file", "file", "exchange-attach-file")],
                "file",
            );
            let page = AttachPage {
                chrome: Chrome::new(&state, &tr, &uri, "exchange", &member.1),
                errors,
                action: format!("/exchange/solutions/{id}/attachments"),
                back: format!("/exchange/solutions/{id}"),
                tr,
            };
            Ok(render_own(error.status, &page))
        }
    }
}

async fn remove_page(
    State(state): State<AppState>,
    member: SignedMember,
    ids: Result<Path<(String, String)>, PathRejection>,
    CsrfForm(_, _): CsrfForm<NoFields>,
) -> Result<Response, ApiError> {
    let (id, attachment) = pair(ids)?;
    let actor = actor_of(&member)?;
    attachments::detach(&state.db, &actor, &id, &attachment).await?;
    Ok(see(format!("/exchange/solutions/{id}#attachments")))
}

/// A document's name and a note for the match's log.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentQuery {
    /// The file's name.
    #[param(max_length = 200)]
    name: Option<String>,
    /// A note for the log.
    #[param(max_length = 2000)]
    note: Option<String>,
}

/// Add a document (an agreement, minutes, a report) to a match's follow-up log: either side of
/// the match or the secretariat. The same kinds and size as solutions' attachments; only they
/// can read it.
#[utoipa::path(post, path = "/api/v1/exchange/matches/{id}/documents", tag = "exchange",
    params(("id" = String, Path, description = "Match id"), DocumentQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file (its type is read from its bytes)"),
    security(("bearer" = [])),
    responses((status = 201, body = crate::match_documents::MatchDocument), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "too_many_attachments", body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_match_document(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    id: Result<Path<String>, PathRejection>,
    ApiQuery(q): ApiQuery<DocumentQuery>,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<crate::match_documents::MatchDocument>), ApiError> {
    let id = id_of(id, "match_not_found")?;
    let (name, note) = (q.name.unwrap_or_default(), q.note.unwrap_or_default());
    if name.chars().count() > 200 {
        return Err(crate::ExchangeError::TooLong {
            field: "name".into(),
            max: 200,
        }
        .into());
    }
    let made = crate::match_documents::add(&state.db, &actor, &id, &name, &note, &body).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// Download a document of a match's log (its two sides and the secretariat).
#[utoipa::path(get, path = "/api/v1/exchange/matches/{id}/documents/{document}", tag = "exchange",
    params(("id" = String, Path, description = "Match id"), ("document" = String, Path, description = "Document id")),
    security(("bearer" = [])),
    responses((status = 200, description = "The file", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn match_document(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    ids: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, ApiError> {
    let (id, doc) = pair(ids)?;
    let (name, kind, bytes) = crate::match_documents::file(&state.db, &actor, &id, &doc).await?;
    Ok(file_response(&name, &kind, bytes))
}

async fn match_document_page(
    State(state): State<AppState>,
    member: SignedMember,
    ids: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, ApiError> {
    let (id, doc) = pair(ids)?;
    let actor = actor_of(&member)?;
    let (name, kind, bytes) = crate::match_documents::file(&state.db, &actor, &id, &doc).await?;
    Ok(file_response(&name, &kind, bytes))
}

#[derive(Deserialize)]
struct DocumentForm {
    #[serde(default)]
    note: String,
}

async fn upload_match_document(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
    CsrfMultipart(form, files, _): CsrfMultipart<DocumentForm>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "match_not_found")?;
    let actor = actor_of(&member)?;
    let result = match files.into_iter().find(|f| f.field == "file") {
        Some(f) => {
            crate::match_documents::add(&state.db, &actor, &id, &f.file_name, &form.note, &f.bytes)
                .await
                .map(|_| ())
        }
        None => Err(crate::ExchangeError::Invalid("file".into(), "required")),
    };
    match result {
        Ok(()) => Ok(see(format!("/exchange/matches/{id}#log"))),
        Err(e) => {
            let error = ApiError::from(e);
            if !error.status.is_client_error()
                || matches!(error.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN)
            {
                return Err(error);
            }
            let errors = FormErrors::from_error(
                &tr,
                &error,
                &[("file", "file", "exchange-attach-file")],
                "file",
            );
            let page = AttachPage {
                chrome: Chrome::new(&state, &tr, &uri, "exchange", &member.1),
                errors,
                action: format!("/exchange/matches/{id}/documents"),
                back: format!("/exchange/matches/{id}"),
                tr,
            };
            Ok(render_own(error.status, &page))
        }
    }
}
