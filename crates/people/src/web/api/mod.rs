//! The people module's JSON API.

mod account;
mod admin;
mod help;
mod mandates;

use shetu_web::AppState;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(tags(
    (name = "people", description = "Signing in, the signed-in person, API tokens"),
    (name = "mandates", description = "Agents acting for people with their consent"),
    (name = "admin", description = "Organisations, roles, service points, the audit trail")
))]
struct PeopleDoc;

/// The routes with their OpenAPI description.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(PeopleDoc::openapi())
        .routes(routes!(account::login))
        .routes(routes!(account::me, account::update_me, account::erase_me))
        .routes(routes!(account::my_data))
        .routes(routes!(account::my_audit))
        .routes(routes!(account::list_tokens))
        .routes(routes!(account::revoke_token))
        .routes(routes!(mandates::create_person))
        .routes(routes!(mandates::create, mandates::list))
        .routes(routes!(mandates::confirm))
        .routes(routes!(mandates::resend))
        .routes(routes!(mandates::cancel))
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
        .routes(routes!(admin::sandbox_email))
        .routes(routes!(help::near))
}
