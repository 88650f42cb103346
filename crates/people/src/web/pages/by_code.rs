//! Pages for getting in with a code by SMS: signing in without a password, and signing up.

use super::signin::local_or_home;
use crate::by_code::{self, SignUp};
use crate::sessions;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shetu_core::{Lang, RegionId, Text};
use shetu_store::now_ms;
use shetu_web::auth::{session_cookie, ClientAddress, CsrfForm, Visitor, SESSION_COOKIE};
use shetu_web::error::{ApiError, FieldProblem};
use shetu_web::extract::{cookie, Locale};
use shetu_web::i18n::Tr;
use shetu_web::pages::{render, render_own, Chrome, FormErrors};
use shetu_web::AppState;

/// A choice in a select: value, label, selected.
use super::account::{choices, Choice};

#[derive(Template)]
#[template(path = "signin_code.html")]
struct SignInCodePage {
    tr: Tr,
    chrome: Chrome,
    code_sent: bool,
    phone: String,
    example: String,
    next: String,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "signup.html")]
struct SignUpPage {
    tr: Tr,
    chrome: Chrome,
    code_sent: bool,
    phone: String,
    name: String,
    example: String,
    languages: Vec<Choice>,
    regions: Vec<Choice>,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct CodeRequest {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    language: String,
}

#[derive(Deserialize)]
pub struct CodeAnswer {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    home_region: String,
}

fn error_page(
    status: StatusCode,
    headers: Vec<(header::HeaderName, header::HeaderValue)>,
    page: &impl Template,
) -> Response {
    let mut response = render_own(status, page);
    response.headers_mut().extend(headers);
    response
}

/// A session for `person`, and on to `to`.
async fn start_session(
    state: &AppState,
    headers: &HeaderMap,
    visitor: &Visitor,
    person: shetu_core::id::PersonId,
    to: String,
) -> Response {
    let previous = cookie(headers, SESSION_COOKIE);
    match sessions::start(
        &state.db,
        person,
        previous.as_deref(),
        visitor.request_id.clone(),
        now_ms(),
    )
    .await
    {
        Ok(started) => (
            StatusCode::SEE_OTHER,
            [
                (header::LOCATION, to),
                (
                    header::SET_COOKIE,
                    session_cookie(state, &started.token)
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

fn invalid_phone(state: &AppState) -> ApiError {
    ApiError::field(
        "phone",
        FieldProblem::new("invalid_phone").arg("example", &state.pack.phone.example),
    )
}

/// `GET /signin/code`
pub async fn signin_form(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    query: Result<Query<NextQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let next = local_or_home(
        &query
            .map(|Query(q)| q)
            .unwrap_or_default()
            .next
            .unwrap_or_default(),
    );
    let page = SignInCodePage {
        chrome: Chrome::new(&state, &tr, &uri, "signin", &visitor),
        code_sent: false,
        phone: String::new(),
        example: state.pack.phone.example.clone(),
        next,
        errors: FormErrors::none(),
        tr,
    };
    render(StatusCode::OK, &page)
}

/// `POST /signin/code`: sends a code if the number is registered (the answer is the same).
pub async fn signin_send(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    CsrfForm(form, visitor): CsrfForm<CodeRequest>,
) -> Response {
    let sent = match state.pack.phone.parse_mobile(&form.phone) {
        Ok(phone) => by_code::send_signin_code(&state.db, &state.i18n, &phone, now_ms())
            .await
            .map(|()| phone.to_string())
            .map_err(ApiError::from),
        Err(_) => Err(invalid_phone(&state)),
    };
    let mut page = SignInCodePage {
        chrome: Chrome::new(&state, &tr, &uri, "signin", &visitor),
        code_sent: false,
        phone: form.phone,
        example: state.pack.phone.example.clone(),
        next: local_or_home(&form.next),
        errors: FormErrors::none(),
        tr: tr.clone(),
    };
    match sent {
        Ok(phone) => {
            page.code_sent = true;
            page.phone = phone;
            render(StatusCode::OK, &page)
        }
        Err(error) => {
            page.errors =
                FormErrors::from_error(&tr, &error, &[("phone", "phone", "signin-phone")], "phone");
            error_page(error.status, error.headers, &page)
        }
    }
}

/// `POST /signin/code/verify`: signs in with the code.
pub async fn signin_verify(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    headers: HeaderMap,
    ClientAddress(address): ClientAddress,
    CsrfForm(form, visitor): CsrfForm<CodeAnswer>,
) -> Response {
    let outcome = match state.pack.phone.parse_mobile(&form.phone) {
        Ok(phone) => by_code::sign_in(&state.db, &phone, &form.code, &address, now_ms())
            .await
            .map_err(ApiError::from),
        Err(_) => Err(invalid_phone(&state)),
    };
    match outcome {
        Ok(person) => {
            start_session(
                &state,
                &headers,
                &visitor,
                person,
                local_or_home(&form.next),
            )
            .await
        }
        Err(error) => {
            let page = SignInCodePage {
                chrome: Chrome::new(&state, &tr, &uri, "signin", &visitor),
                code_sent: true,
                phone: form.phone,
                example: state.pack.phone.example.clone(),
                next: local_or_home(&form.next),
                errors: FormErrors::from_error(
                    &tr,
                    &error,
                    &[("code", "code", "signin-code-label")],
                    "code",
                ),
                tr,
            };
            error_page(error.status, error.headers, &page)
        }
    }
}

/// `GET /signup`
pub async fn signup_form(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
) -> Response {
    let (languages, regions) = choices(&state, &tr, "", "");
    let page = SignUpPage {
        chrome: Chrome::new(&state, &tr, &uri, "signup", &visitor),
        code_sent: false,
        phone: String::new(),
        name: String::new(),
        example: state.pack.phone.example.clone(),
        languages,
        regions,
        errors: FormErrors::none(),
        tr,
    };
    render(StatusCode::OK, &page)
}

/// `POST /signup/code`: sends a code to join.
pub async fn signup_send(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    CsrfForm(form, visitor): CsrfForm<CodeRequest>,
) -> Response {
    let lang = Lang::parse(&form.language)
        .ok()
        .filter(|l| state.i18n.has(l))
        .unwrap_or_else(|| tr.lang.clone());
    let sent = match state.pack.phone.parse_mobile(&form.phone) {
        Ok(phone) => by_code::send_signup_code(&state.db, &state.i18n, &phone, &lang, now_ms())
            .await
            .map(|()| phone.to_string())
            .map_err(ApiError::from),
        Err(_) => Err(invalid_phone(&state)),
    };
    let (languages, regions) = choices(&state, &tr, lang.code(), "");
    let mut page = SignUpPage {
        chrome: Chrome::new(&state, &tr, &uri, "signup", &visitor),
        code_sent: false,
        phone: form.phone,
        name: String::new(),
        example: state.pack.phone.example.clone(),
        languages,
        regions,
        errors: FormErrors::none(),
        tr: tr.clone(),
    };
    match sent {
        Ok(phone) => {
            page.code_sent = true;
            page.phone = phone;
            render(StatusCode::OK, &page)
        }
        Err(error) => {
            page.errors =
                FormErrors::from_error(&tr, &error, &[("phone", "phone", "signin-phone")], "phone");
            error_page(error.status, error.headers, &page)
        }
    }
}

/// `POST /signup`: joins (or, for a number already registered, signs in) with the code.
pub async fn signup(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    headers: HeaderMap,
    ClientAddress(address): ClientAddress,
    CsrfForm(form, visitor): CsrfForm<CodeAnswer>,
) -> Response {
    let checked = (|| {
        let phone = state
            .pack
            .phone
            .parse_mobile(&form.phone)
            .map_err(|_| invalid_phone(&state))?;
        let name = Text::parse(&form.name, crate::persons::NAME_MAX)
            .map_err(|_| ApiError::field("name", FieldProblem::new("required")))?;
        let language = Lang::parse(&form.language)
            .ok()
            .filter(|l| state.i18n.has(l))
            .ok_or_else(|| ApiError::field("language", FieldProblem::new("unknown_value")))?;
        let home_region = match form.home_region.trim() {
            "" => None,
            r => Some(
                RegionId::parse(r)
                    .ok()
                    .filter(|id| state.pack.region(id).is_some())
                    .ok_or_else(|| {
                        ApiError::field("home_region", FieldProblem::new("invalid_region"))
                    })?,
            ),
        };
        Ok::<_, ApiError>((
            phone,
            SignUp {
                name,
                language,
                home_region,
            },
        ))
    })();
    let outcome = match checked {
        Ok((phone, new)) => {
            by_code::sign_up(&state.db, &phone, &form.code, new, &address, now_ms())
                .await
                .map_err(ApiError::from)
        }
        Err(e) => Err(e),
    };
    match outcome {
        Ok(person) => start_session(&state, &headers, &visitor, person, "/me".to_owned()).await,
        Err(error) => {
            let (languages, regions) = choices(&state, &tr, &form.language, &form.home_region);
            let page = SignUpPage {
                chrome: Chrome::new(&state, &tr, &uri, "signup", &visitor),
                code_sent: true,
                phone: form.phone,
                name: form.name,
                example: state.pack.phone.example.clone(),
                languages,
                regions,
                errors: FormErrors::from_error(
                    &tr,
                    &error,
                    &[
                        ("code", "code", "signin-code-label"),
                        ("name", "name", "signup-name"),
                        ("language", "language", "signup-language"),
                        ("home_region", "home_region", "signup-region"),
                    ],
                    "code",
                ),
                tr,
            };
            error_page(error.status, error.headers, &page)
        }
    }
}
