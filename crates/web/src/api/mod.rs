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

/// The API router and its OpenAPI document, with every operation's shared error statuses listed.
pub fn parts(modules: &Modules) -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut doc) = routes(modules).split_for_parts();
    complete_responses(&mut doc);
    (router, doc)
}

/// The OpenAPI document of the shell and the enabled modules.
pub fn openapi(modules: &Modules) -> utoipa::openapi::OpenApi {
    parts(modules).1
}

/// The statuses the shell's extractors give any operation of a certain shape, added to what the
/// handler declares (its own descriptions win): a bearer route can answer 401 and 403, a route
/// with a body 413, 415 and 422, one with a path parameter 404, one with parameters 400 and 422.
/// All of them carry the error envelope.
fn complete_responses(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::ParameterIn;
    for item in doc.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for op in operations.into_iter().flatten() {
            let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
            let params = op.parameters.as_deref().unwrap_or_default();
            let in_path = params
                .iter()
                .any(|p| matches!(p.parameter_in, ParameterIn::Path));
            let has_body = op.request_body.is_some();
            let mut add = |status: &str, description: &str| {
                op.responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| error_response(description));
            };
            if secured || has_body || !params.is_empty() {
                add(
                    "400",
                    "`bad_request`, `invalid_query`, `malformed_json`, `unsupported_language` or \
                     `on_behalf_of_not_allowed`: the request cannot be read",
                );
            }
            if secured {
                add("401", "`sign_in_required`: no valid bearer token");
                add(
                    "403",
                    "`forbidden` or `mandate_required`: the caller may not do this (for this person)",
                );
            }
            if in_path {
                add(
                    "404",
                    "`not_found`: nothing with this id that the caller may see",
                );
            }
            if has_body {
                add("413", "`payload_too_large`: the body is over 64 KiB");
                add(
                    "415",
                    "`unsupported_media_type`: the body is not `application/json`",
                );
            }
            if has_body || !params.is_empty() {
                add(
                    "422",
                    "`validation_failed`: a field breaks its rule; `error.fields` names each field",
                );
            }
        }
    }
}

fn error_response(description: &str) -> utoipa::openapi::RefOr<utoipa::openapi::Response> {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build()
        .into()
}

pub(crate) use health::metrics;
