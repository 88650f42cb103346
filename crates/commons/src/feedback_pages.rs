use crate::feedback_api::check as feedback_check;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shetu_web::auth::{CsrfForm, Visitor};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render, render_own, Chrome, FormErrors};
use shetu_web::AppState;

#[derive(Template)]
#[template(path = "feedback.html")]
struct FeedbackPage {
    tr: Tr,
    chrome: Chrome,
    sent: bool,
    message: String,
    phone: String,
    phone_example: String,
    errors: FormErrors,
}

#[derive(Deserialize)]
pub struct Sent {
    sent: Option<String>,
}

#[derive(Deserialize)]
pub struct FeedbackForm {
    #[serde(default)]
    message: String,
    #[serde(default)]
    phone: String,
}

fn page(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    visitor: &Visitor,
    form: FeedbackForm,
    sent: bool,
) -> FeedbackPage {
    let chrome = Chrome::new(state, &tr, uri, "feedback", visitor);
    FeedbackPage {
        chrome,
        sent,
        message: form.message,
        phone: form.phone,
        phone_example: state.pack.phone.example.clone(),
        errors: FormErrors::none(),
        tr,
    }
}

/// The feedback form.
pub async fn form(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    sent: Result<Query<Sent>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let sent = sent.is_ok_and(|Query(s)| s.sent.is_some());
    let empty = FeedbackForm {
        message: String::new(),
        phone: String::new(),
    };
    render(
        StatusCode::OK,
        &page(&state, tr, &uri, &visitor, empty, sent),
    )
}

/// Takes the form: on success, back to the form with a thank-you (so a reload does not send it
/// twice); otherwise the form again with what the person typed and what is wrong.
pub async fn submit(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    CsrfForm(form, visitor): CsrfForm<FeedbackForm>,
) -> Result<Response, ApiError> {
    match feedback_check(
        &state,
        &tr.lang,
        &form.message,
        Some(&form.phone),
        Some(uri.path()),
    ) {
        Ok(checked) => {
            let sender = visitor.signed_in.as_ref().map(|s| s.person.to_string());
            crate::feedback::submit(
                &state.db,
                checked,
                sender.as_deref(),
                visitor.request_id.as_deref(),
            )
            .await?;
            Ok((
                StatusCode::SEE_OTHER,
                [(header::LOCATION, "/feedback?sent=1")],
            )
                .into_response())
        }
        Err(error) => {
            let mut view = page(&state, tr.clone(), &uri, &visitor, form, false);
            view.errors = FormErrors::from_error(
                &tr,
                &error,
                &[
                    ("message", "message", "feedback-message"),
                    ("phone", "phone", "feedback-phone"),
                ],
                "message",
            );
            Ok(render_own(StatusCode::UNPROCESSABLE_ENTITY, &view))
        }
    }
}
