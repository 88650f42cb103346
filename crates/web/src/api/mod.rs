//! The JSON API under `/api/v1`, one file per resource, documented by OpenAPI 3.1 generated from
//! the handlers themselves.

pub mod docs;
mod feedback;
pub(crate) use feedback::check as feedback_check;
mod health;
mod regions;

use crate::error::{ErrorBody, ErrorDetail};
use crate::state::AppState;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "shetu API",
        description = "The JSON API of shetu, a digital public good for assisted rural e-commerce, skills \
matchmaking and public-service innovation exchange. Errors come as `{\"error\": {\"code\", \"message\"}}`; \
the code is stable, the message follows `Accept-Language` (bn, en, ar). Lists are cursor-paginated.",
        license(name = "Apache-2.0", identifier = "Apache-2.0")
    ),
    tags(
        (name = "regions", description = "Administrative regions of the country pack"),
        (name = "feedback", description = "Messages to the team that runs the platform"),
        (name = "operations", description = "Health and readiness for load balancers and operators")
    ),
    components(schemas(ErrorBody, ErrorDetail))
)]
struct ApiDoc;

/// The API routes with their OpenAPI description.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(regions::list))
        .routes(routes!(regions::get_one))
        .routes(routes!(feedback::create))
        .routes(routes!(health::healthz))
        .routes(routes!(health::readyz))
}

/// The OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    routes().split_for_parts().1
}

pub(crate) use health::metrics;
