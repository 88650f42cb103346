//! Adding a product photo through the API (the listing form takes one too, in `sell`).

use super::path_id;
use crate::photos::{self, Photo};
use crate::settings::Settings;
use axum::extract::rejection::PathRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use shetu_web::auth::ApiCallerFor;
use shetu_web::error::{ApiError, ErrorBody};
use shetu_web::AppState;
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(add_photo))
        .layer(DefaultBodyLimit::max(shetu_web::PHOTO_LIMIT))
}

/// Add a photo to a product of your shop — or, with `On-Behalf-Of`, of a client's (needs
/// `commerce.sell`). The body is the image itself: JPEG, PNG or WebP, up to 6 MB, checked by its
/// content. It is re-encoded without metadata, with a thumbnail; the same photo sent twice is
/// kept once. At most 6 photos a product.
#[utoipa::path(post, path = "/api/v1/products/{id}/photos", tag = "commerce", security(("bearer" = [])),
    request_body(content = Vec<u8>, content_type = "image/jpeg", description = "The image (JPEG, PNG or WebP)"),
    params(("id" = String, Path, description = "The product's id"),
        ("On-Behalf-Of" = Option<String>, Header, description = "Person id of the client an agent acts for")),
    responses((status = 201, body = Photo), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, description = "product_not_found", body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 422, description = "not an image, or too many photos", body = ErrorBody)))]
pub async fn add_photo(
    State(state): State<AppState>,
    Extension(settings): Extension<Arc<Settings>>,
    ApiCallerFor(actor): ApiCallerFor,
    id: Result<Path<String>, PathRejection>,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<Photo>), ApiError> {
    let id = path_id(id, "product_not_found")?;
    let prepared = photos::prepare(body.to_vec()).await?;
    let photo = photos::add(&state.db, &settings.photos, &actor, &id, &prepared).await?;
    Ok((StatusCode::CREATED, Json(photo)))
}
