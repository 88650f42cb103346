//! The JSON API under `/api/v1`, one file per resource, documented by OpenAPI 3.1 generated from
//! the handlers themselves.

mod account;
mod admin;
pub mod docs;
mod feedback;
mod mandates;
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
        (name = "operations", description = "Health and readiness for load balancers and operators"),
        (name = "people", description = "Signing in, the signed-in person, API tokens"),
        (name = "mandates", description = "Agents acting for people with their consent"),
        (name = "admin", description = "Organisations, roles, service points, the audit trail")
    ),
    modifiers(&BearerAuth),
    components(schemas(ErrorBody, ErrorDetail))
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// The API routes with their OpenAPI description.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(regions::list))
        .routes(routes!(regions::get_one))
        .routes(routes!(feedback::create))
        .routes(routes!(health::healthz))
        .routes(routes!(health::readyz))
        .routes(routes!(account::login))
        .routes(routes!(account::me, account::update_me))
        .routes(routes!(account::my_audit))
        .routes(routes!(account::list_tokens))
        .routes(routes!(account::revoke_token))
        .routes(routes!(mandates::create_person))
        .routes(routes!(mandates::create, mandates::list))
        .routes(routes!(mandates::confirm))
        .routes(routes!(mandates::paper))
        .routes(routes!(mandates::revoke))
        .routes(routes!(
            admin::create_organization,
            admin::list_organizations
        ))
        .routes(routes!(admin::set_member))
        .routes(routes!(admin::grant_role, admin::withdraw_role))
        .routes(routes!(admin::create_point, admin::list_points))
        .routes(routes!(admin::assign_agent))
        .routes(routes!(admin::search_audit))
        .routes(routes!(admin::sandbox_sms))
}

/// The OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    routes().split_for_parts().1
}

pub(crate) use health::metrics;
