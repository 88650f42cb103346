//! Discussion pages, without JavaScript: the comments under a solution or need and the form to
//! add one, the form to flag something for the moderators, the moderators' queue, and the
//! content policy and code of conduct. A mistake is shown beside its field, with what was typed
//! kept.

use super::{actor_of, see};
use crate::discussion::{self, FLAG_REASONS, FLAG_TARGETS};
use crate::moderation::{self, ModerationDecision, ACTIONS, MAX_SUSPENSION_DAYS};
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use shetu_core::Actor;
use shetu_web::auth::{CsrfForm, Member as SignedMember, Visitor};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render, render_own, when, Chrome, FormErrors};
use shetu_web::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/exchange/solutions/{id}/comments",
            post(comment_on_solution),
        )
        .route("/exchange/needs/{id}/comments", post(comment_on_need))
        .route("/exchange/flag", get(flag_page).post(flag))
        .route("/exchange/moderation", get(queue_page).post(decide))
        .route("/exchange/policy", get(policy))
}

/// A comment as a page shows it.
pub(crate) struct CommentView {
    pub(crate) id: String,
    pub(crate) author: String,
    pub(crate) author_id: String,
    pub(crate) body: Option<String>,
    pub(crate) hidden: bool,
    pub(crate) at: String,
    pub(crate) mine: bool,
}

/// The discussion under a solution or need.
pub(crate) struct Discussion {
    pub(crate) kind: &'static str,
    pub(crate) id: String,
    pub(crate) comments: Vec<CommentView>,
    pub(crate) signed_in: bool,
    /// Why the reader may not comment now (suspended until …), in words.
    pub(crate) barred: Option<String>,
    /// The content itself is hidden by moderation (the reader is its author or a moderator).
    pub(crate) hidden: bool,
    /// Open to discussion (a solution is once it is published).
    pub(crate) open: bool,
}

/// The discussion of `kind` (`solution` or `need`) `id` as `actor` sees it.
pub(crate) async fn discussion(
    state: &AppState,
    tr: &Tr,
    actor: Option<&Actor>,
    kind: &'static str,
    id: &str,
    hidden: bool,
) -> Result<Discussion, ApiError> {
    let comments = match discussion::comments(&state.db, actor, kind, id).await {
        Ok(c) => c,
        // Not open to discussion yet (a solution before its first publication).
        Err(crate::ExchangeError::NotFound(_)) => {
            return Ok(Discussion {
                kind,
                id: id.to_owned(),
                comments: Vec::new(),
                signed_in: false,
                barred: None,
                hidden,
                open: false,
            })
        }
        Err(e) => return Err(e.into()),
    }
    .into_iter()
    .map(|c| CommentView {
        mine: actor.is_some_and(|a| a.person.to_string() == c.author_id),
        at: when(state, tr, c.created_at),
        id: c.id,
        author: c.author_name,
        author_id: c.author_id,
        body: c.body,
        hidden: c.hidden,
    })
    .collect();
    let barred = match actor {
        Some(a) => {
            let mut conn = state
                .db
                .pool()
                .acquire()
                .await
                .map_err(shetu_store::StoreError::from)?;
            moderation::suspended_until(&mut conn, &a.person.to_string(), shetu_store::now_ms())
                .await?
                .map(|until| {
                    tr.t1(
                        "error-suspended",
                        "until",
                        &tr.digits(&crate::day_of(until)),
                    )
                })
        }
        None => None,
    };
    Ok(Discussion {
        kind,
        id: id.to_owned(),
        comments,
        signed_in: actor.is_some(),
        barred,
        hidden,
        open: true,
    })
}

#[derive(Template)]
#[template(path = "exchange_comment_form.html")]
struct CommentPage {
    tr: Tr,
    chrome: Chrome,
    errors: FormErrors,
    kind: &'static str,
    id: String,
    body: String,
}

#[derive(Deserialize)]
struct CommentForm {
    #[serde(default)]
    body: String,
}

async fn comment_on(
    state: AppState,
    tr: Tr,
    uri: Uri,
    member: SignedMember,
    kind: &'static str,
    id: String,
    body: String,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    match discussion::comment(&state.db, &actor, kind, &id, &body).await {
        Ok(c) => Ok(see(format!("/exchange/{kind}s/{id}#comment-{}", c.id))),
        Err(e) => {
            let error = ApiError::from(e);
            if !error.status.is_client_error() || error.status == StatusCode::NOT_FOUND {
                return Err(error);
            }
            let errors = FormErrors::from_error(
                &tr,
                &error,
                &[("body", "body", "exchange-comment-label")],
                "body",
            );
            let page = CommentPage {
                chrome: Chrome::new(&state, &tr, &uri, "exchange", &member.1),
                errors,
                kind,
                id,
                body,
                tr,
            };
            Ok(render_own(error.status, &page))
        }
    }
}

async fn comment_on_solution(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(form, _): CsrfForm<CommentForm>,
) -> Result<Response, ApiError> {
    let id = super::api::id_of(id, "solution_not_found")?;
    comment_on(state, tr, uri, member, "solution", id, form.body).await
}

async fn comment_on_need(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(form, _): CsrfForm<CommentForm>,
) -> Result<Response, ApiError> {
    let id = super::api::id_of(id, "need_not_found")?;
    comment_on(state, tr, uri, member, "need", id, form.body).await
}

#[derive(Template)]
#[template(path = "exchange_flag.html")]
struct FlagPage {
    tr: Tr,
    chrome: Chrome,
    errors: FormErrors,
    kind: String,
    id: String,
    /// What is being flagged, in words.
    what: String,
    back: Option<String>,
    reason: String,
    note: String,
    reasons: Vec<(String, String)>,
    done: bool,
}

#[derive(Deserialize)]
struct FlagQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    back: String,
}

#[derive(Deserialize)]
struct FlagForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    back: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    note: String,
}

/// A page of this site to go back to (a path of the exchange, nothing else).
fn back_to(back: &str) -> Option<String> {
    (back.starts_with("/exchange/")
        && back.len() <= 200
        && back
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_#".contains(c)))
    .then(|| back.to_owned())
}

#[allow(clippy::too_many_arguments)]
fn flag_view(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    member: &SignedMember,
    f: FlagForm,
    errors: FormErrors,
    done: bool,
) -> Result<FlagPage, ApiError> {
    if !FLAG_TARGETS.contains(&f.kind.as_str()) || f.id.is_empty() || f.id.len() > 64 {
        return Err(ApiError::not_found("not_found"));
    }
    Ok(FlagPage {
        chrome: Chrome::new(state, &tr, uri, "exchange", &member.1),
        errors,
        what: tr.t(&format!("exchange-moderation-what-{}", f.kind)),
        back: back_to(&f.back),
        reasons: FLAG_REASONS
            .iter()
            .map(|r| ((*r).to_owned(), tr.t(&format!("exchange-flag-reason-{r}"))))
            .collect(),
        kind: f.kind,
        id: f.id,
        reason: f.reason,
        note: f.note,
        done,
        tr,
    })
}

async fn flag_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
    Query(q): Query<FlagQuery>,
) -> Result<Response, ApiError> {
    let f = FlagForm {
        kind: q.kind,
        id: q.id,
        back: q.back,
        reason: String::new(),
        note: String::new(),
    };
    let page = flag_view(&state, tr, &uri, &member, f, FormErrors::none(), false)?;
    Ok(render_own(StatusCode::OK, &page))
}

async fn flag(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
    CsrfForm(f, _): CsrfForm<FlagForm>,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    let (status, errors, done) =
        match discussion::flag(&state.db, &actor, &f.kind, &f.id, &f.reason, &f.note).await {
            Ok(_) => (StatusCode::OK, FormErrors::none(), true),
            Err(e) => {
                let error = ApiError::from(e);
                if !error.status.is_client_error() || error.status == StatusCode::NOT_FOUND {
                    return Err(error);
                }
                let errors = FormErrors::from_error(
                    &tr,
                    &error,
                    &[
                        ("reason", "reason", "exchange-flag-reason"),
                        ("note", "note", "exchange-flag-note"),
                    ],
                    "reason",
                );
                (error.status, errors, false)
            }
        };
    let page = flag_view(&state, tr, &uri, &member, f, errors, done)?;
    Ok(render_own(status, &page))
}

/// One item of the queue as the page shows it.
struct ItemView {
    n: usize,
    kind: String,
    id: String,
    what: String,
    excerpt: String,
    link: Option<String>,
    person: String,
    hidden: bool,
    sanctions: i64,
    flags: Vec<(String, String, String)>,
    actions: Vec<(String, String)>,
    /// Its form failed: what was typed (action, reason, days).
    failed: bool,
    action: String,
    reason: String,
    days: String,
}

#[derive(Template)]
#[template(path = "exchange_moderation.html")]
struct QueuePage {
    tr: Tr,
    chrome: Chrome,
    errors: FormErrors,
    items: Vec<ItemView>,
    done: Option<String>,
    max_days: i64,
}

async fn queue_view(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    member: &SignedMember,
    errors: FormErrors,
    typed: Option<(usize, String, String, String)>,
    done: Option<String>,
) -> Result<QueuePage, ApiError> {
    let actor = actor_of(member)?;
    let items = moderation::queue(&state.db, &actor)
        .await?
        .into_iter()
        .enumerate()
        .map(|(n, i)| {
            let (failed, action, reason, days) = match &typed {
                Some((m, a, r, d)) if *m == n => (true, a.clone(), r.clone(), d.clone()),
                _ => (false, String::new(), String::new(), String::new()),
            };
            ItemView {
                n,
                failed,
                action,
                reason,
                days,
                what: tr.t(&format!("exchange-moderation-what-{}", i.kind)),
                flags: i
                    .flags
                    .into_iter()
                    .map(|f| {
                        (
                            tr.t(&format!("exchange-flag-reason-{}", f.reason)),
                            f.note,
                            when(state, &tr, f.at),
                        )
                    })
                    .collect(),
                actions: ACTIONS
                    .iter()
                    .filter(|a| i.kind != "person" || **a == "warn" || **a == "suspend")
                    .map(|a| ((*a).to_owned(), tr.t(&format!("exchange-decide-{a}"))))
                    .collect(),
                kind: i.kind,
                id: i.id,
                excerpt: i.excerpt,
                link: i.link,
                person: i.person_name,
                hidden: i.hidden,
                sanctions: i.sanctions,
            }
        })
        .collect();
    Ok(QueuePage {
        chrome: Chrome::new(state, &tr, uri, "exchange-moderation", &member.1),
        errors,
        items,
        done,
        max_days: MAX_SUSPENSION_DAYS,
        tr,
    })
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn queue_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
    Query(q): Query<DoneQuery>,
) -> Result<Response, ApiError> {
    let done = q
        .done
        .filter(|d| ACTIONS.contains(&d.as_str()))
        .map(|d| tr.t(&format!("exchange-decided-{d}")));
    let page = queue_view(&state, tr, &uri, &member, FormErrors::none(), None, done).await?;
    Ok(render_own(StatusCode::OK, &page))
}

#[derive(Deserialize)]
struct DecisionForm {
    #[serde(default)]
    n: usize,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    days: String,
}

async fn decide(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
    CsrfForm(f, _): CsrfForm<DecisionForm>,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    let days_typed = shetu_core::digits::fold_digits(f.days.trim());
    let days = if f.action == "suspend" && !days_typed.is_empty() {
        match days_typed.parse::<i64>() {
            Ok(d) => Some(d),
            Err(_) => Some(0),
        }
    } else {
        None
    };
    let d = ModerationDecision {
        kind: f.kind.clone(),
        id: f.id.clone(),
        action: f.action.clone(),
        reason: f.reason.clone(),
        days,
    };
    match moderation::decide(&state.db, &state.i18n, &actor, &d).await {
        Ok(_) => Ok(see(format!("/exchange/moderation?done={}", f.action))),
        Err(e) => {
            let error = ApiError::from(e);
            if !error.status.is_client_error() || error.status == StatusCode::FORBIDDEN {
                return Err(error);
            }
            let n = f.n;
            let (action_id, reason_id, days_id) = (
                format!("action-{n}"),
                format!("reason-{n}"),
                format!("days-{n}"),
            );
            let errors = FormErrors::from_error(
                &tr,
                &error,
                &[
                    ("action", action_id.as_str(), "exchange-moderation-action"),
                    ("reason", reason_id.as_str(), "exchange-moderation-reason"),
                    ("days", days_id.as_str(), "exchange-moderation-days"),
                ],
                &action_id,
            );
            let typed = Some((n, f.action, f.reason, f.days));
            let page = queue_view(&state, tr, &uri, &member, errors, typed, None).await?;
            Ok(render_own(error.status, &page))
        }
    }
}

#[derive(Template)]
#[template(path = "exchange_policy.html")]
struct PolicyPage {
    tr: Tr,
    chrome: Chrome,
    threshold: i64,
}

async fn policy(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
) -> Result<Response, ApiError> {
    let page = PolicyPage {
        chrome: Chrome::new(&state, &tr, &uri, "exchange", &visitor),
        threshold: discussion::FLAG_THRESHOLD,
        tr,
    };
    Ok(render(StatusCode::OK, &page))
}
