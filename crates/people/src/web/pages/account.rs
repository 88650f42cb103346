//! My account: profile and language, roles and organisations, permissions given, API tokens, and
//! what others did for me.

use crate::mandates::{self, Status};
use crate::persons::{self, ProfileChange};
use crate::web::session_of;
use crate::{orgs, tokens, Actor, Person};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shetu_core::id::{MandateId, PersonId, TokenId};
use shetu_core::{Lang, RegionId, Text};
use shetu_store::{audit, now_ms};
use shetu_web::auth::{CsrfForm, Member};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::{Tr, LANGUAGES};
use shetu_web::pages::{render, when, Chrome};
use shetu_web::AppState;
use std::collections::HashMap;

/// An option of a select: value, label, selected.
pub type Choice = (String, String, bool);

pub struct MandateRow {
    pub id: String,
    pub agent: String,
    pub scopes: String,
    pub status: String,
    pub revocable: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
pub struct AccountPage {
    pub tr: Tr,
    pub chrome: Chrome,
    pub heading: String,
    pub profile_heading: String,
    pub saved: bool,
    pub saved_text: String,
    pub action: &'static str,
    pub name: String,
    pub phone: String,
    pub languages: Vec<(String, String, bool)>,
    pub regions: Vec<(String, String, bool)>,
    pub show_details: bool,
    pub roles: Vec<String>,
    pub memberships: Vec<(String, String)>,
    pub mandates: Vec<MandateRow>,
}

#[derive(Deserialize, Default)]
pub struct Saved {
    saved: Option<String>,
}

/// Language and district choices for a profile form, with the person's own ticked.
pub fn profile_choices(state: &AppState, tr: &Tr, person: &Person) -> (Vec<Choice>, Vec<Choice>) {
    choices(
        state,
        tr,
        person.language.code(),
        person.home_region.as_deref().unwrap_or_default(),
    )
}

/// Language and district choices, with `language` (the page's when empty) and `region` ticked;
/// districts sorted by their name in the reader's language.
pub fn choices(
    state: &AppState,
    tr: &Tr,
    language: &str,
    region: &str,
) -> (Vec<Choice>, Vec<Choice>) {
    let language = if language.is_empty() {
        tr.code()
    } else {
        language
    };
    let languages = LANGUAGES
        .iter()
        .map(|(c, n)| ((*c).to_owned(), (*n).to_owned(), *c == language))
        .collect();
    let level = state
        .pack
        .region_levels
        .get(1)
        .or_else(|| state.pack.region_levels.first())
        .cloned()
        .unwrap_or_default();
    let mut regions: Vec<Choice> = state
        .pack
        .regions()
        .iter()
        .filter(|r| r.level == level)
        .map(|r| {
            (
                r.id.to_string(),
                r.name.get(tr.code(), "en").to_owned(),
                r.id.as_str() == region,
            )
        })
        .collect();
    regions.sort_by(|a, b| a.1.cmp(&b.1));
    (languages, regions)
}

/// What a mandate allows, worded for the person who gave it ("keep your profile").
pub fn scope_names(tr: &Tr, scopes: &[crate::Scope]) -> String {
    scopes
        .iter()
        .map(|s| tr.t(&s.message_key()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a mandate allows, worded for the agent in the third person ("update their profile").
pub fn agent_scope_names(tr: &Tr, scopes: &[crate::Scope]) -> String {
    scopes
        .iter()
        .map(|s| tr.t(&format!("{}-agent", s.message_key())))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A mandate's status, in the reader's words.
pub fn status_name(tr: &Tr, state: &AppState, m: &mandates::Mandate) -> String {
    let key = match m.status {
        Status::Pending => "mandate-status-pending",
        Status::Active => "mandate-status-active",
        Status::Expired => "mandate-status-expired",
        Status::Revoked => "mandate-status-revoked",
    };
    match m.status {
        Status::Active => format!(
            "{} ({})",
            tr.t(key),
            tr.t1("mandate-until", "date", &when(state, tr, m.valid_until))
        ),
        _ => tr.t(key),
    }
}

/// `GET /me`
pub async fn show(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    Member(me, visitor): Member,
    saved: Result<Query<Saved>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let now = now_ms();
    let who = session_of(&me)?;
    let (languages, regions) = profile_choices(&state, &tr, &who.person);
    let memberships = orgs::memberships(&state.db, me.person)
        .await?
        .into_iter()
        .map(|m| {
            (
                m.organization_name,
                tr.t(&format!("member-{}", m.role.as_str())),
            )
        })
        .collect();
    let mandates = mandates::of_subject(&state.db, me.person, now)
        .await?
        .iter()
        .map(|m| MandateRow {
            id: m.id.to_string(),
            agent: m.agent_name.clone(),
            scopes: scope_names(&tr, &m.scopes),
            status: status_name(&tr, &state, m),
            revocable: matches!(m.status, Status::Active | Status::Pending),
        })
        .collect();
    let page = AccountPage {
        chrome: Chrome::new(&state, &tr, &uri, "account", &visitor),
        heading: tr.t("account-title"),
        profile_heading: tr.t("account-profile"),
        saved: saved.is_ok_and(|Query(s)| s.saved.is_some()),
        saved_text: tr.t("account-saved"),
        action: "/me",
        name: who.person.name.clone(),
        phone: who.person.phone.to_string(),
        languages,
        regions,
        show_details: true,
        roles: me
            .roles
            .iter()
            .map(|r| tr.t(&format!("role-{}", r.as_str())))
            .collect(),
        memberships,
        mandates,
        tr,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub home_region: String,
}

/// Checks a profile form into a change.
pub fn profile_change(form: &ProfileForm) -> Result<ProfileChange, ApiError> {
    let name = match form.name.as_deref() {
        Some(n) => Some(Text::parse(n, persons::NAME_MAX).map_err(|_| {
            ApiError::field("name", shetu_web::error::FieldProblem::new("invalid"))
        })?),
        None => None,
    };
    let language = Lang::parse(&form.language)
        .ok()
        .filter(|l| LANGUAGES.iter().any(|(c, _)| *c == l.code()));
    let home_region = if form.home_region.is_empty() {
        None
    } else {
        Some(RegionId::parse(&form.home_region).map_err(|_| {
            ApiError::field(
                "home_region",
                shetu_web::error::FieldProblem::new("invalid_region"),
            )
        })?)
    };
    Ok(ProfileChange {
        name,
        language,
        home_region,
    })
}

/// `POST /me`: my own profile (even while acting for a client).
pub async fn save(
    State(state): State<AppState>,
    CsrfForm(form, visitor): CsrfForm<ProfileForm>,
) -> Result<Response, ApiError> {
    let Some(mut actor) = visitor.actor() else {
        return Err(ApiError::new(StatusCode::UNAUTHORIZED, "sign_in_required"));
    };
    actor.on_behalf_of = None;
    let change = profile_change(&form)?;
    let person = persons::update_profile(&state.db, &actor, change, now_ms()).await?;
    // The language chosen in the profile becomes the site's language too.
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        shetu_web::extract::LANG_COOKIE,
        person.language
    );
    Ok((
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, "/me?saved=1".to_owned()),
            (header::SET_COOKIE, cookie),
        ],
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct Nothing {}

fn actor_of(visitor: &shetu_web::auth::Visitor) -> Result<Actor, ApiError> {
    visitor
        .actor()
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "sign_in_required"))
}

/// `POST /me/mandates/{id}/revoke`
pub async fn revoke_mandate(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(_, visitor): CsrfForm<Nothing>,
) -> Result<Response, ApiError> {
    let actor = actor_of(&visitor)?;
    let id: MandateId = id
        .parse()
        .map_err(|_| ApiError::not_found("mandate_not_found"))?;
    mandates::revoke(&state.db, &actor, id, now_ms()).await?;
    Ok((StatusCode::SEE_OTHER, [(header::LOCATION, "/me")]).into_response())
}

pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub created: String,
    pub last_used: String,
    pub revoked: Option<String>,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    tr: Tr,
    chrome: Chrome,
    new_secret: Option<String>,
    tokens: Vec<TokenRow>,
}

async fn tokens_page(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    me: &shetu_web::auth::Visitor,
    person: PersonId,
    new_secret: Option<String>,
) -> Result<Response, ApiError> {
    let tokens = tokens::list(&state.db, person)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id.to_string(),
            name: t.name,
            created: when(state, &tr, t.created_at.ms()),
            last_used: t
                .last_used_at
                .map(|l| when(state, &tr, l.ms()))
                .unwrap_or_default(),
            revoked: t.revoked_at.map(|r| when(state, &tr, r.ms())),
        })
        .collect();
    let chrome = Chrome::new(state, &tr, uri, "account", me);
    Ok(render(
        StatusCode::OK,
        &TokensPage {
            tr,
            chrome,
            new_secret,
            tokens,
        },
    ))
}

/// `GET /me/tokens`
pub async fn tokens_list(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    Member(me, visitor): Member,
) -> Result<Response, ApiError> {
    tokens_page(&state, tr, &uri, &visitor, me.person, None).await
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
}

/// `POST /me/tokens`: shows the new secret once.
pub async fn token_create(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    CsrfForm(form, visitor): CsrfForm<TokenForm>,
) -> Result<Response, ApiError> {
    let actor = actor_of(&visitor)?;
    let name = Text::parse(&form.name, 60)
        .map_err(|_| ApiError::field("name", shetu_web::error::FieldProblem::new("empty")))?;
    let (_, secret) = tokens::create(&state.db, &actor, &name, now_ms()).await?;
    let mut response = tokens_page(&state, tr, &uri, &visitor, actor.person, Some(secret)).await?;
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// `POST /me/tokens/{id}/revoke`
pub async fn token_revoke(
    State(state): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(_, visitor): CsrfForm<Nothing>,
) -> Result<Response, ApiError> {
    let actor = actor_of(&visitor)?;
    let id: TokenId = id
        .parse()
        .map_err(|_| ApiError::not_found("token_not_found"))?;
    tokens::revoke(&state.db, &actor, id, now_ms()).await?;
    Ok((StatusCode::SEE_OTHER, [(header::LOCATION, "/me/tokens")]).into_response())
}

pub struct EventRow {
    pub when: String,
    pub who: String,
    /// The person it was done for or about.
    pub for_whom: String,
    pub what: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
pub struct AuditPage {
    pub tr: Tr,
    pub chrome: Chrome,
    pub heading: String,
    pub intro: String,
    pub events: Vec<EventRow>,
}

/// Audit events as rows people can read: time, who (by name), what (in words).
/// Rows for a list of audit events. `words` is the message prefix of the actions: `action` for a
/// person's own history ("registered you"), `log` for the admin log ("registered a person").
pub async fn event_rows(
    state: &AppState,
    tr: &Tr,
    events: &[audit::Event],
    words: &str,
) -> Result<Vec<EventRow>, ApiError> {
    let mut names: HashMap<String, String> = HashMap::new();
    let mut rows = Vec::new();
    for e in events {
        let who = match &e.actor_id {
            None => tr.t("someone-system"),
            Some(id) => {
                if !names.contains_key(id) {
                    let name = match id.parse() {
                        Ok(pid) => persons::get(&state.db, pid).await?.map(|p| p.name),
                        Err(_) => None,
                    };
                    names.insert(id.clone(), name.unwrap_or_else(|| id.clone()));
                }
                names.get(id).cloned().unwrap_or_default()
            }
        };
        let for_whom = match &e.subject_id {
            None => String::new(),
            Some(id) => {
                if !names.contains_key(id) {
                    let name = match id.parse() {
                        Ok(pid) => persons::get(&state.db, pid).await?.map(|p| p.name),
                        Err(_) => None,
                    };
                    names.insert(id.clone(), name.unwrap_or_else(|| id.clone()));
                }
                names.get(id).cloned().unwrap_or_default()
            }
        };
        let key = format!("{words}-{}", e.action.replace('.', "-"));
        let mut what = match tr.t(&key) {
            text if text == key => e.action.clone(),
            text => text,
        };
        // What changed, as "name: Rahima → Rahima Begum".
        if let Some(changes) = e.detail.get("changes").and_then(|c| c.as_object()) {
            let shown = |field: &str, value: &serde_json::Value| -> String {
                let text = value.as_str().unwrap_or("–");
                match field {
                    "language" => LANGUAGES
                        .iter()
                        .find(|(c, _)| *c == text)
                        .map_or(text, |(_, n)| n)
                        .to_owned(),
                    "home_region" => RegionId::parse(text)
                        .ok()
                        .and_then(|id| {
                            state
                                .pack
                                .region(&id)
                                .map(|r| r.name.get(tr.code(), "en").to_owned())
                        })
                        .unwrap_or_else(|| text.to_owned()),
                    _ => text.to_owned(),
                }
            };
            let parts: Vec<String> = changes
                .iter()
                .map(|(field, c)| {
                    let label = match field.as_str() {
                        "name" => tr.t("account-name"),
                        "language" => tr.t("account-language"),
                        "home_region" => tr.t("account-home-region"),
                        other => other.to_owned(),
                    };
                    format!(
                        "{label}: {} → {}",
                        shown(field, &c["from"]),
                        shown(field, &c["to"])
                    )
                })
                .collect();
            if !parts.is_empty() {
                what = format!("{what} ({})", parts.join("; "));
            }
        }
        rows.push(EventRow {
            when: when(state, tr, e.at),
            who,
            for_whom,
            what,
        });
    }
    Ok(rows)
}

/// `GET /me/audit`: everything done for me or about me.
pub async fn my_audit(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    Member(me, visitor): Member,
) -> Result<Response, ApiError> {
    let events = audit::done_for(&state.db, &me.person.to_string(), 200).await?;
    let events = event_rows(&state, &tr, &events, "action").await?;
    let chrome = Chrome::new(&state, &tr, &uri, "account", &visitor);
    let page = AuditPage {
        heading: tr.t("audit-title"),
        intro: tr.t("audit-intro"),
        events,
        chrome,
        tr,
    };
    Ok(render(StatusCode::OK, &page))
}

/// `GET /me/data`: everything shetu keeps about me, as a JSON file.
pub async fn my_data(
    State(state): State<AppState>,
    Member(_, visitor): Member,
) -> Result<Response, ApiError> {
    let actor = visitor
        .actor()
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "sign_in_required"))?;
    let doc =
        crate::privacy::export(&state.db, &actor, &state.catalog.personal_data, now_ms()).await?;
    let body = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".into());
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"shetu-my-data.json\"",
            ),
        ],
        body,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    confirm: String,
}

/// `POST /me/erase`: erases my account (after I ticked that I understand), and signs me out.
pub async fn erase(
    State(state): State<AppState>,
    CsrfForm(form, visitor): CsrfForm<EraseForm>,
) -> Result<Response, ApiError> {
    let actor = visitor
        .actor()
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "sign_in_required"))?;
    if form.confirm != "yes" {
        return Err(ApiError::field(
            "confirm",
            shetu_web::FieldProblem::new("required"),
        ));
    }
    crate::privacy::erase(&state.db, &actor, &state.catalog.personal_data, now_ms()).await?;
    Ok((
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, "/".to_owned()),
            (
                header::SET_COOKIE,
                shetu_web::auth::clear_session_cookie(&state)
                    .to_str()
                    .unwrap_or_default()
                    .to_owned(),
            ),
        ],
    )
        .into_response())
}
