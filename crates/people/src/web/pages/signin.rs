//! Sign in, sign out, and setting a password with a code.

use crate::{persons, sessions, signin, PeopleError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shetu_store::now_ms;
use shetu_web::auth::{
    clear_session_cookie, session_cookie, ClientAddress, CsrfForm, Visitor, SESSION_COOKIE,
};
use shetu_web::error::ApiError;
use shetu_web::extract::{cookie, Locale};
use shetu_web::i18n::Tr;
use shetu_web::pages::{render, Chrome};
use shetu_web::pages::{render_own, FormErrors};
use shetu_web::AppState;

#[derive(Template)]
#[template(path = "signin.html")]
struct SignInPage {
    tr: Tr,
    chrome: Chrome,
    notice: Option<String>,
    errors: FormErrors,
    phone: String,
    example: String,
    next: String,
}

#[derive(Deserialize, Default)]
pub struct SignInQuery {
    next: Option<String>,
    done: Option<String>,
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub(crate) fn local_or_home(next: &str) -> String {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && next.chars().all(|c| c.is_ascii_graphic());
    if ok {
        next.to_owned()
    } else {
        "/me".to_owned()
    }
}

/// The sign-in form.
pub async fn form(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    query: Result<Query<SignInQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let notice = query.done.is_some().then(|| tr.t("password-done"));
    let chrome = Chrome::new(&state, &tr, &uri, "signin", &visitor);
    let page = SignInPage {
        notice,
        errors: FormErrors::none(),
        phone: String::new(),
        example: state.pack.phone.example.clone(),
        next: local_or_home(&query.next.unwrap_or_default()),
        chrome,
        tr,
    };
    render(StatusCode::OK, &page)
}

/// Checks phone and password; starts a new session (never reusing an old id).
pub async fn submit(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    headers: HeaderMap,
    ClientAddress(address): ClientAddress,
    CsrfForm(form, visitor): CsrfForm<SignInForm>,
) -> Response {
    let now = now_ms();
    let outcome = match state.pack.phone.parse_mobile(&form.phone) {
        Ok(phone) => signin::sign_in(&state.db, &phone, &form.password, &address, now).await,
        Err(_) => Err(PeopleError::InvalidCredentials),
    };
    let person = match outcome {
        Ok(person) => person,
        Err(e) => {
            let error = ApiError::from(e);
            let chrome = Chrome::new(&state, &tr, &uri, "signin", &visitor);
            let page = SignInPage {
                notice: None,
                errors: FormErrors::from_error(
                    &tr,
                    &error,
                    &[("phone", "phone", "signin-phone")],
                    "phone",
                ),
                phone: form.phone,
                example: state.pack.phone.example.clone(),
                next: local_or_home(&form.next),
                chrome,
                tr,
            };
            let mut response = render_own(error.status, &page);
            for (name, value) in error.headers {
                response.headers_mut().insert(name, value);
            }
            return response;
        }
    };
    let previous = cookie(&headers, SESSION_COOKIE);
    match sessions::start(
        &state.db,
        person,
        previous.as_deref(),
        visitor.request_id.clone(),
        now,
    )
    .await
    {
        Ok(started) => (
            StatusCode::SEE_OTHER,
            [
                (header::LOCATION, local_or_home(&form.next)),
                (
                    header::SET_COOKIE,
                    session_cookie(&state, &started.token)
                        .to_str()
                        .unwrap_or_default()
                        .to_owned(),
                ),
            ],
        )
            .into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

#[derive(Deserialize)]
pub struct Nothing {}

/// Ends the session.
pub async fn signout(
    State(state): State<AppState>,
    CsrfForm(_, visitor): CsrfForm<Nothing>,
) -> Result<Response, ApiError> {
    if let (Some(signed_in), Some(actor)) = (&visitor.signed_in, visitor.actor()) {
        sessions::end(&state.db, &signed_in.token, &actor).await?;
    }
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, clear_session_cookie(&state));
    Ok(response)
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    tr: Tr,
    chrome: Chrome,
    code_sent: bool,
    phone: String,
    example: String,
    errors: FormErrors,
}

/// Asks for the phone number.
pub async fn password_form(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
) -> Response {
    let chrome = Chrome::new(&state, &tr, &uri, "signin", &visitor);
    render(
        StatusCode::OK,
        &PasswordPage {
            chrome,
            code_sent: false,
            phone: String::new(),
            example: state.pack.phone.example.clone(),
            errors: FormErrors::none(),
            tr,
        },
    )
}

#[derive(Deserialize)]
pub struct PhoneForm {
    #[serde(default)]
    phone: String,
}

/// Sends a code (if the phone is registered; the answer is the same either way).
pub async fn send_code(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    CsrfForm(form, visitor): CsrfForm<PhoneForm>,
) -> Response {
    let chrome = Chrome::new(&state, &tr, &uri, "signin", &visitor);
    let example = state.pack.phone.example.clone();
    let Ok(phone) = state.pack.phone.parse_mobile(&form.phone) else {
        let error = ApiError::field(
            "phone",
            shetu_web::FieldProblem::new("invalid_phone").arg("example", &example),
        );
        let errors =
            FormErrors::from_error(&tr, &error, &[("phone", "phone", "signin-phone")], "phone");
        return render_own(
            StatusCode::UNPROCESSABLE_ENTITY,
            &PasswordPage {
                chrome,
                code_sent: false,
                phone: form.phone,
                example,
                errors,
                tr,
            },
        );
    };
    match persons::request_password_code(&state.db, &state.i18n, &phone, now_ms()).await {
        Ok(()) => render(
            StatusCode::OK,
            &PasswordPage {
                chrome,
                code_sent: true,
                phone: phone.to_string(),
                example,
                errors: FormErrors::none(),
                tr,
            },
        ),
        Err(e) => {
            let error = ApiError::from(e);
            let errors =
                FormErrors::from_error(&tr, &error, &[("phone", "phone", "signin-phone")], "phone");
            render_own(
                error.status,
                &PasswordPage {
                    chrome,
                    code_sent: false,
                    phone: form.phone,
                    example,
                    errors,
                    tr,
                },
            )
        }
    }
}

#[derive(Deserialize)]
pub struct SetPasswordForm {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    password: String,
}

/// Sets the password with the code.
pub async fn set_password(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    CsrfForm(form, visitor): CsrfForm<SetPasswordForm>,
) -> Response {
    let result = match state.pack.phone.parse_mobile(&form.phone) {
        Ok(phone) => {
            persons::set_password_with_code(&state.db, &phone, &form.code, &form.password, now_ms())
                .await
        }
        Err(_) => Err(PeopleError::CodeInvalid),
    };
    match result {
        Ok(_) => (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, "/signin?done=password")],
        )
            .into_response(),
        Err(e) => {
            let error = ApiError::from(e);
            let errors = FormErrors::from_error(
                &tr,
                &error,
                &[
                    ("code", "code", "password-code"),
                    ("password", "password", "password-new"),
                ],
                "code",
            );
            let chrome = Chrome::new(&state, &tr, &uri, "signin", &visitor);
            render_own(
                error.status,
                &PasswordPage {
                    chrome,
                    code_sent: true,
                    phone: form.phone,
                    example: state.pack.phone.example.clone(),
                    errors,
                    tr,
                },
            )
        }
    }
}
