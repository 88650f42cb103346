//! The JSON API under `/api/v1`: the shell's own operations (health, the audit log) here, each
//! module's from its crate, and one OpenAPI 3.1 document generated from all of them.

mod audit;
pub mod docs;
mod health;

use crate::error::{ErrorBody, ErrorDetail};
use crate::seam::Modules;
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
        (name = "operations", description = "Health and readiness for load balancers and operators"),
        (name = "audit", description = "The audit log: signed tree heads and proofs anyone can check")
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

/// The API routes of the shell and of the enabled modules, with their OpenAPI description.
pub fn routes(modules: &Modules) -> OpenApiRouter<AppState> {
    let mut router = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::healthz))
        .routes(routes!(health::readyz))
        .routes(routes!(audit::head))
        .routes(routes!(audit::consistency))
        .routes(routes!(audit::my_proof));
    for module in modules.enabled() {
        router = router.merge(module.api());
    }
    router
}

/// The OpenAPI document of the shell and the enabled modules.
pub fn openapi(modules: &Modules) -> utoipa::openapi::OpenApi {
    routes(modules).split_for_parts().1
}

pub(crate) use health::metrics;
