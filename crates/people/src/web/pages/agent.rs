//! The agent console: clients and their mandates, asking for one, confirming it with the code or a
//! paper form, and acting for a client.

use super::account::{
    agent_scope_names, profile_change, profile_choices, status_name, AccountPage, ProfileForm,
};
use crate::mandates::{self, PaperForm, Request, Status};
use crate::persons::{self, NewPerson};
use crate::web::session_of;
use crate::{orgs, sessions, Actor, Role, Scope};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shetu_core::id::{MandateId, PersonId};
use shetu_core::{parse_number, Text};
use shetu_store::now_ms;
use shetu_web::auth::{CsrfForm, Member, Visitor};
use shetu_web::error::{ApiError, FieldProblem};
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render, render_own, Chrome, FormErrors};
use shetu_web::AppState;

pub struct ClientRow {
    pub mandate: String,
    pub person: String,
    pub name: String,
    pub phone: String,
    pub scopes: String,
    pub status: String,
    pub pending: bool,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "agent.html")]
struct AgentPage {
    tr: Tr,
    chrome: Chrome,
    points: Vec<String>,
    requested: bool,
    example: String,
    scopes: Vec<(String, String)>,
    clients: Vec<ClientRow>,
    errors: FormErrors,
    /// What the agent typed in the request form (kept when it comes back with a problem).
    kept: RequestForm,
    /// The pending mandate whose code was wrong, and what to say.
    code_error: Option<(String, String)>,
}

#[derive(Deserialize, Default)]
pub struct Shown {
    requested: Option<String>,
}

fn agent_actor(visitor: &Visitor) -> Result<Actor, ApiError> {
    let actor = visitor
        .actor()
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "sign_in_required"))?;
    if !actor.has(Role::Agent) {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden"));
    }
    Ok(actor)
}

fn back(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_owned())]).into_response()
}

/// `GET /agent`
pub async fn console(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    Member(me, visitor): Member,
    shown: Result<Query<Shown>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    agent_actor(&visitor)?;
    let requested = shown.is_ok_and(|Query(s)| s.requested.is_some());
    let page = console_page(
        &state,
        tr,
        &uri,
        &visitor,
        me.person,
        requested,
        Again {
            errors: FormErrors::none(),
            kept: RequestForm::default(),
            code_error: None,
        },
    )
    .await?;
    Ok(render(StatusCode::OK, &page))
}

/// What the console shows again after a refused action: the errors in place, what the agent
/// typed, and the message beside one client's code box.
struct Again {
    errors: FormErrors,
    kept: RequestForm,
    code_error: Option<(String, String)>,
}

/// The console again after a refused action, with the refusal's status and headers.
async fn refused(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    visitor: &Visitor,
    agent: PersonId,
    error: ApiError,
    again: Again,
) -> Result<Response, ApiError> {
    let page = console_page(state, tr, uri, visitor, agent, false, again).await?;
    let mut response = render_own(error.status, &page);
    response.headers_mut().extend(error.headers);
    Ok(response)
}

/// A mandate id from the address; one that cannot be read is not found.
fn mandate_id(raw: &str) -> Result<MandateId, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::not_found("mandate_not_found"))
}

/// The console, with what went wrong in place when a form comes back.
async fn console_page(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    visitor: &Visitor,
    agent: PersonId,
    requested: bool,
    again: Again,
) -> Result<AgentPage, ApiError> {
    let Again {
        errors,
        kept,
        code_error,
    } = again;
    let now = now_ms();
    let points = orgs::points_of_agent(&state.db, agent)
        .await?
        .into_iter()
        .map(|p| p.name)
        .collect();
    let clients = mandates::of_agent(&state.db, agent, now)
        .await?
        .iter()
        .map(|m| ClientRow {
            mandate: m.id.to_string(),
            person: m.subject.to_string(),
            name: m.subject_name.clone(),
            phone: m.subject_phone.clone(),
            scopes: agent_scope_names(&tr, &m.scopes),
            status: status_name(&tr, state, m),
            pending: m.status == Status::Pending,
            active: m.status == Status::Active,
        })
        .collect();
    // Whatever the enabled modules declare, worded for the agent ("update their profile").
    let scopes = state
        .catalog
        .scopes
        .iter()
        .map(|s| {
            (
                s.as_str().to_owned(),
                agent_scope_names(&tr, std::slice::from_ref(s)),
            )
        })
        .collect();
    let kept = if kept.days.is_empty() {
        RequestForm {
            days: "30".into(),
            ..kept
        }
    } else {
        kept
    };
    Ok(AgentPage {
        chrome: Chrome::new(state, &tr, uri, "agent", visitor),
        points,
        requested,
        example: state.pack.phone.example.clone(),
        scopes,
        clients,
        errors,
        kept,
        code_error,
        tr,
    })
}

#[derive(Deserialize, Default)]
pub struct RequestForm {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    days: String,
    /// The scopes ticked (`scope=profile.edit&scope=…`).
    #[serde(default)]
    scope: Vec<String>,
}

/// `POST /agent/mandates`: registers the person if new, then asks for the mandate.
pub async fn request(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    CsrfForm(form, visitor): CsrfForm<RequestForm>,
) -> Result<Response, ApiError> {
    let actor = agent_actor(&visitor)?;
    match ask(&state, &tr, &actor, &form).await {
        Ok(mandate) => Ok(back(&format!("/agent?requested=1#m-{mandate}"))),
        // The console again, with what went wrong beside the field and what was typed kept.
        Err(error) if error.status.is_client_error() => {
            let errors = FormErrors::from_error(
                &tr,
                &error,
                &[
                    ("phone", "phone", "agent-person-phone"),
                    ("name", "name", "agent-person-name"),
                    ("scope", "scope-first", "agent-scopes-label"),
                    ("scopes", "scope-first", "agent-scopes-label"),
                    ("days", "days", "agent-days"),
                ],
                "phone",
            );
            refused(
                &state,
                tr,
                &uri,
                &visitor,
                actor.person,
                error,
                Again {
                    errors,
                    kept: form,
                    code_error: None,
                },
            )
            .await
        }
        Err(error) => Err(error),
    }
}

/// Registers the person if new and asks for the mandate; the new mandate's id.
async fn ask(
    state: &AppState,
    tr: &Tr,
    actor: &Actor,
    form: &RequestForm,
) -> Result<MandateId, ApiError> {
    let now = now_ms();
    let phone = state.pack.phone.parse_mobile(&form.phone).map_err(|_| {
        ApiError::field(
            "phone",
            FieldProblem::new("invalid_phone").arg("example", &state.pack.phone.example),
        )
    })?;
    let days = parse_number::<i64>(&form.days).ok_or_else(|| {
        ApiError::field(
            "days",
            FieldProblem::new("out_of_range")
                .num("min", 1)
                .num("max", 365),
        )
    })?;
    let scopes: Vec<Scope> = crate::web::declared_scopes(state, "scope", &form.scope)?;
    let person = match persons::by_phone(&state.db, &phone).await? {
        Some(p) => p,
        None => {
            let name = Text::parse(&form.name, persons::NAME_MAX)
                .map_err(|_| ApiError::field("name", FieldProblem::new("required")))?;
            let new = NewPerson {
                name,
                phone,
                language: tr.lang.clone(),
                home_region: None,
                password: None,
            };
            persons::create(&state.db, Some(actor), new, now).await?
        }
    };
    let mandate = mandates::request(
        &state.db,
        &state.i18n,
        actor,
        Request {
            subject: person.id,
            scopes,
            valid_days: days,
        },
        now,
    )
    .await?;
    Ok(mandate.id)
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// `POST /agent/mandates/{id}/confirm`
pub async fn confirm(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    Path(id): Path<String>,
    CsrfForm(form, visitor): CsrfForm<CodeForm>,
) -> Result<Response, ApiError> {
    let actor = agent_actor(&visitor)?;
    let id = mandate_id(&id)?;
    match mandates::confirm(&state.db, &actor, id, &form.code, now_ms()).await {
        Ok(_) => Ok(back(&format!("/agent#m-{id}"))),
        // A wrong or expired code: the console again, the message beside that client's code box.
        Err(e @ (crate::PeopleError::CodeInvalid | crate::PeopleError::RateLimited { .. })) => {
            let error = ApiError::from(e);
            let field = format!("code-{id}");
            let message = format!("{}: {}", tr.t("agent-code"), error.message(&tr));
            let errors = FormErrors {
                items: vec![shetu_web::pages::FormError {
                    field: field.clone(),
                    message: message.clone(),
                }],
            };
            let again = Again {
                errors,
                kept: RequestForm::default(),
                code_error: Some((id.to_string(), message)),
            };
            refused(&state, tr, &uri, &visitor, actor.person, error, again).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /agent/mandates/{id}/resend`: a new code for a waiting request.
pub async fn resend(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    Path(id): Path<String>,
    CsrfForm(_, visitor): CsrfForm<Nothing>,
) -> Result<Response, ApiError> {
    let actor = agent_actor(&visitor)?;
    let id = mandate_id(&id)?;
    match mandates::resend_code(&state.db, &state.i18n, &actor, id, now_ms()).await {
        Ok(_) => Ok(back(&format!("/agent?requested=1#m-{id}"))),
        Err(e) => {
            let error = ApiError::from(e);
            if !error.status.is_client_error() {
                return Err(error);
            }
            let errors = FormErrors::from_error(&tr, &error, &[], &format!("code-{id}"));
            let again = Again {
                errors,
                kept: RequestForm::default(),
                code_error: None,
            };
            refused(&state, tr, &uri, &visitor, actor.person, error, again).await
        }
    }
}

/// `POST /agent/mandates/{id}/cancel`: withdraws a waiting request.
pub async fn cancel(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(_, visitor): CsrfForm<Nothing>,
) -> Result<Response, ApiError> {
    let actor = agent_actor(&visitor)?;
    let id = mandate_id(&id)?;
    mandates::cancel(&state.db, &actor, id, now_ms()).await?;
    Ok(back("/agent"))
}

/// `POST /agent/mandates/{id}/paper` (multipart: csrf, witness, photo)
pub async fn paper(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, ApiError> {
    let (mut csrf, mut witness, mut photo, mut photo_type) =
        (String::new(), String::new(), Vec::new(), String::new());
    let bad = |_| ApiError::bad_request("bad_request");
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        match field.name().unwrap_or_default() {
            "csrf" => csrf = field.text().await.map_err(bad)?,
            "witness" => witness = field.text().await.map_err(bad)?,
            "photo" => {
                photo_type = field.content_type().unwrap_or_default().to_owned();
                photo = field
                    .bytes()
                    .await
                    .map_err(|_| ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"))?
                    .to_vec();
            }
            _ => {}
        }
    }
    if visitor.csrf.is_empty() || !crate::secret::same(&csrf, &visitor.csrf) {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "csrf_failed"));
    }
    let actor = agent_actor(&visitor)?;
    let id = mandate_id(&id)?;
    let witness_name = Text::parse(&witness, 120)
        .map_err(|_| ApiError::field("witness", FieldProblem::new("required")))?;
    mandates::record_paper(
        &state.db,
        &actor,
        id,
        PaperForm {
            witness_name,
            photo,
            photo_type,
        },
        now_ms(),
    )
    .await?;
    Ok(back(&format!("/agent#m-{id}")))
}

#[derive(Deserialize)]
pub struct Nothing {}

/// `POST /agent/act/{person}`: act for this client from now on (needs an active mandate).
pub async fn act(
    State(state): State<AppState>,
    Path(person): Path<String>,
    CsrfForm(_, visitor): CsrfForm<Nothing>,
) -> Result<Response, ApiError> {
    let actor = agent_actor(&visitor)?;
    let client: PersonId = person
        .parse()
        .map_err(|_| ApiError::new(StatusCode::FORBIDDEN, "mandate_required"))?;
    let token = visitor
        .signed_in
        .as_ref()
        .map(|s| s.token.clone())
        .unwrap_or_default();
    sessions::act_for(&state.db, &token, &actor, Some(client), now_ms()).await?;
    Ok(back("/agent/client"))
}

/// `POST /agent/stop`
pub async fn stop(
    State(state): State<AppState>,
    CsrfForm(_, visitor): CsrfForm<Nothing>,
) -> Result<Response, ApiError> {
    let actor = visitor
        .actor()
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "sign_in_required"))?;
    let token = visitor
        .signed_in
        .as_ref()
        .map(|s| s.token.clone())
        .unwrap_or_default();
    sessions::act_for(&state.db, &token, &actor, None, now_ms()).await?;
    Ok(back("/agent"))
}

#[derive(Deserialize, Default)]
pub struct Saved {
    saved: Option<String>,
}

/// `GET /agent/client`: the client's profile, kept by the agent for them.
pub async fn client(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    Member(me, visitor): Member,
    saved: Result<Query<Saved>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    agent_actor(&visitor)?;
    let Some(client) = session_of(&me)?.client.clone() else {
        return Ok(back("/agent"));
    };
    let (languages, regions) = profile_choices(&state, &tr, &client);
    let page = AccountPage {
        chrome: Chrome::new(&state, &tr, &uri, "agent", &visitor),
        heading: tr.t1("agent-acting-title", "name", &client.name),
        profile_heading: tr.t("agent-client-profile"),
        saved: saved.is_ok_and(|Query(s)| s.saved.is_some()),
        saved_text: tr.t("agent-client-saved"),
        action: "/agent/client",
        name: client.name.clone(),
        phone: client.phone.to_string(),
        languages,
        regions,
        show_details: false,
        roles: Vec::new(),
        memberships: Vec::new(),
        mandates: Vec::new(),
        tr,
    };
    Ok(render(StatusCode::OK, &page))
}

/// `POST /agent/client`: changes the client's profile, with their mandate.
pub async fn save_client(
    State(state): State<AppState>,
    CsrfForm(form, visitor): CsrfForm<ProfileForm>,
) -> Result<Response, ApiError> {
    let actor = agent_actor(&visitor)?;
    if actor.on_behalf_of.is_none() {
        return Ok(back("/agent"));
    }
    persons::update_profile(&state.db, &actor, profile_change(&form)?, now_ms()).await?;
    Ok(back("/agent/client?saved=1"))
}
