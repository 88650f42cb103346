//! E-mail for notices: set an address (a link is sent to confirm it), follow the link, or
//! stop. A mistake is shown beside the field, with what was typed kept.

use crate::email;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shetu_store::now_ms;
use shetu_web::auth::{CsrfForm, Member, Visitor};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render, render_own, Chrome, FormErrors};
use shetu_web::AppState;

#[derive(Template)]
#[template(path = "email.html")]
struct EmailPage {
    tr: Tr,
    chrome: Chrome,
    errors: FormErrors,
    confirmed: Option<String>,
    pending: Option<String>,
    typed: String,
    notice: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct Done {
    done: Option<String>,
}

async fn page(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    visitor: &Visitor,
    typed: String,
    errors: FormErrors,
    notice: Option<String>,
) -> Result<EmailPage, ApiError> {
    let actor = visitor
        .actor()
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "sign_in_required"))?;
    let (confirmed, pending) = email::addresses(&state.db, &actor, now_ms()).await?;
    Ok(EmailPage {
        chrome: Chrome::new(state, &tr, uri, "account", visitor),
        errors,
        confirmed,
        pending,
        typed,
        notice,
        tr,
    })
}

/// `GET /me/email`
pub async fn show(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    Member(_, visitor): Member,
    done: Result<Query<Done>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let notice = done
        .ok()
        .and_then(|Query(d)| d.done)
        .and_then(|d| match d.as_str() {
            "sent" => Some(tr.t("email-done-sent")),
            "removed" => Some(tr.t("email-done-removed")),
            _ => None,
        });
    let p = page(
        &state,
        tr,
        &uri,
        &visitor,
        String::new(),
        FormErrors::none(),
        notice,
    )
    .await?;
    Ok(render_own(StatusCode::OK, &p))
}

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

fn see(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_owned())]).into_response()
}

/// `POST /me/email`: sends the confirmation link.
pub async fn set(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    Member(_, visitor): Member,
    CsrfForm(form, _): CsrfForm<EmailForm>,
) -> Result<Response, ApiError> {
    let actor = visitor
        .actor()
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "sign_in_required"))?;
    match email::request_address(&state.db, &state.i18n, &actor, &form.email, now_ms()).await {
        Ok(()) => Ok(see("/me/email?done=sent")),
        Err(e) => {
            let error = ApiError::from(e);
            if !error.status.is_client_error() {
                return Err(error);
            }
            let errors =
                FormErrors::from_error(&tr, &error, &[("email", "email", "email-label")], "email");
            let p = page(&state, tr, &uri, &visitor, form.email, errors, None).await?;
            Ok(render_own(error.status, &p))
        }
    }
}

/// `POST /me/email/remove`
pub async fn remove(
    State(state): State<AppState>,
    Member(_, visitor): Member,
    CsrfForm(_, _): CsrfForm<EmailForm>,
) -> Result<Response, ApiError> {
    let actor = visitor
        .actor()
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "sign_in_required"))?;
    email::remove_address(&state.db, &actor).await?;
    Ok(see("/me/email?done=removed"))
}

#[derive(Template)]
#[template(path = "email_confirmed.html")]
struct ConfirmedPage {
    tr: Tr,
    chrome: Chrome,
    address: String,
}

#[derive(Deserialize, Default)]
pub struct Token {
    #[serde(default)]
    token: String,
}

/// `GET /me/email/confirm?token=…`: the link in the confirmation mail (it works without being
/// signed in: the link itself is the proof).
pub async fn confirm(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    token: Result<Query<Token>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let token = token.map(|Query(t)| t.token).unwrap_or_default();
    let address = email::confirm_address(&state.db, &token, now_ms()).await?;
    let p = ConfirmedPage {
        chrome: Chrome::new(&state, &tr, &uri, "account", &visitor),
        address,
        tr,
    };
    Ok(render(StatusCode::OK, &p))
}
