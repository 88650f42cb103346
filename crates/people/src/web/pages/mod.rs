//! The people module's pages: sign-in and password, my account, API tokens, what others did for
//! me, the agent console and administration.

mod account;
mod admin;
mod agent;
mod by_code;
mod email;
mod signin;

use axum::routing::{get, post};
use axum::Router;
use shetu_web::AppState;

/// Largest photo of a paper mandate form.
pub const PAPER_LIMIT: usize = 900 * 1024;

/// The page routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/signin", get(signin::form).post(signin::submit))
        .route("/signout", post(signin::signout))
        .route(
            "/signin/code",
            get(by_code::signin_form).post(by_code::signin_send),
        )
        .route("/signin/code/verify", post(by_code::signin_verify))
        .route("/signup", get(by_code::signup_form).post(by_code::signup))
        .route("/signup/code", post(by_code::signup_send))
        .route(
            "/password",
            get(signin::password_form).post(signin::set_password),
        )
        .route("/password/code", post(signin::send_code))
        .route("/me", get(account::show).post(account::save))
        .route("/me/mandates/{id}/revoke", post(account::revoke_mandate))
        .route(
            "/me/tokens",
            get(account::tokens_list).post(account::token_create),
        )
        .route("/me/tokens/{id}/revoke", post(account::token_revoke))
        .route("/me/audit", get(account::my_audit))
        .route("/me/data", get(account::my_data))
        .route("/me/email", get(email::show).post(email::set))
        .route("/me/email/remove", post(email::remove))
        .route("/me/email/confirm", get(email::confirm))
        .route("/me/erase", post(account::erase))
        .route("/agent", get(agent::console))
        .route("/agent/mandates", post(agent::request))
        .route("/agent/mandates/{id}/confirm", post(agent::confirm))
        .route("/agent/mandates/{id}/resend", post(agent::resend))
        .route("/agent/mandates/{id}/cancel", post(agent::cancel))
        .route(
            "/agent/mandates/{id}/paper",
            post(agent::paper).layer(axum::extract::DefaultBodyLimit::max(PAPER_LIMIT)),
        )
        .route("/agent/act/{person}", post(agent::act))
        .route("/agent/stop", post(agent::stop))
        .route("/agent/client", get(agent::client).post(agent::save_client))
        .route("/admin", get(admin::show))
        .route("/admin/{section}", get(admin::section))
        .route("/admin/people", post(admin::register))
        .route("/admin/roles", post(admin::role))
        .route("/admin/orgs", post(admin::create_org))
        .route("/admin/members", post(admin::member))
        .route("/admin/points", post(admin::create_point))
        .route("/admin/agents", post(admin::assign))
}
