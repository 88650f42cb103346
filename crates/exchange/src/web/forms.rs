//! Forms of the exchange, without JavaScript: join the network (register a member) and post a
//! need. A mistake is shown beside its field, with what was typed kept.

use super::{actor_of, see};
use crate::members::{self, NewMember};
use crate::needs::{self, NewNeed};
use crate::vocabulary::{FOCUS_AREAS, LANGUAGES, MEMBER_KINDS};
use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use shetu_web::auth::{CsrfForm, Member as SignedMember};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render_own, Chrome, FormErrors};
use shetu_web::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/exchange/join", get(join_page).post(join))
        .route("/exchange/needs/new", get(need_page).post(post_need))
}

/// A choice among several, with whether it is ticked.
pub(super) struct Tick {
    pub(super) value: String,
    pub(super) label: String,
    pub(super) on: bool,
}

pub(super) fn ticks(tr: &Tr, prefix: &str, codes: &[&str], chosen: &[String]) -> Vec<Tick> {
    codes
        .iter()
        .map(|c| Tick {
            value: (*c).to_owned(),
            label: tr.t(&format!("{prefix}{c}")),
            on: chosen.iter().any(|x| x == c),
        })
        .collect()
}

/// A form as sent: one-valued fields and repeated ones (`focus=a&focus=b`).
pub(super) struct Fields(pub(super) Vec<(String, String)>);

impl Fields {
    pub(super) fn one(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    pub(super) fn many(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

/// SDG targets typed as a list: `16.6, 1.3` or `16.6 1.3`.
pub(super) fn sdg_list(text: &str) -> Vec<String> {
    text.split([',', ' ', '،', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(shetu_core::digits::fold_digits)
        .collect()
}

/// Field names of an error (`focus.2`) → the input they are about.
pub(super) fn input_of(mut e: ApiError) -> ApiError {
    for (field, _) in &mut e.fields {
        if let Some((head, _)) = field.split_once('.') {
            *field = head.to_owned();
        }
    }
    e
}

#[derive(Template)]
#[template(path = "exchange_join.html")]
struct JoinPage {
    tr: Tr,
    chrome: Chrome,
    errors: FormErrors,
    name: String,
    kind: String,
    country: String,
    about: String,
    website: String,
    kinds: Vec<(String, String)>,
    countries: Vec<(String, String)>,
    languages: Vec<Tick>,
    focus: Vec<Tick>,
    done: bool,
}

#[allow(clippy::too_many_arguments)]
fn join_view(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    member: &SignedMember,
    f: &Fields,
    errors: FormErrors,
) -> JoinPage {
    let mut countries: Vec<(String, String)> = crate::countries::all()
        .iter()
        .map(|c| (c.code.clone(), c.name(tr.code()).to_owned()))
        .collect();
    countries.sort_by(|a, b| a.1.cmp(&b.1));
    JoinPage {
        chrome: Chrome::new(state, &tr, uri, "exchange", &member.1),
        errors,
        name: f.one("name"),
        kind: f.one("kind"),
        country: f.one("country"),
        about: f.one("about"),
        website: f.one("website"),
        kinds: MEMBER_KINDS
            .iter()
            .map(|k| ((*k).to_owned(), tr.t(&format!("exchange-kind-{k}"))))
            .collect(),
        countries,
        languages: ticks(&tr, "exchange-lang-", &LANGUAGES, &f.many("languages")),
        focus: ticks(&tr, "exchange-focus-", &FOCUS_AREAS, &f.many("focus")),
        done: false,
        tr,
    }
}

async fn join_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
) -> Result<Response, ApiError> {
    let empty = Fields(vec![("kind".into(), "government".into())]);
    let mut page = join_view(&state, tr, &uri, &member, &empty, FormErrors::none());
    page.done = uri
        .query()
        .is_some_and(|q| q.split('&').any(|p| p == "done=1"));
    Ok(render_own(StatusCode::OK, &page))
}

async fn join(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
    CsrfForm(form, _): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    let f = Fields(form);
    let new = NewMember {
        name: f.one("name"),
        kind: f.one("kind"),
        country: f.one("country"),
        languages: f.many("languages"),
        focus: f.many("focus"),
        sdgs: Vec::new(),
        about: f.one("about"),
        website: f.one("website"),
    };
    match members::register(&state.db, &actor, new).await {
        Ok(_) => Ok(see("/exchange/join?done=1".to_owned())),
        Err(e) => {
            let error = input_of(ApiError::from(e));
            if !error.status.is_client_error() {
                return Err(error);
            }
            let errors = FormErrors::from_error(
                &tr,
                &error,
                &[
                    ("name", "name", "exchange-join-name"),
                    ("kind", "kind", "exchange-kind"),
                    ("country", "country", "exchange-country"),
                    ("languages", "languages", "exchange-join-languages"),
                    ("focus", "focus", "exchange-focus"),
                    ("about", "about", "exchange-join-about"),
                    ("website", "website", "exchange-join-website"),
                ],
                "name",
            );
            let page = join_view(&state, tr, &uri, &member, &f, errors);
            Ok(render_own(error.status, &page))
        }
    }
}

#[derive(Template)]
#[template(path = "exchange_need_form.html")]
struct NeedPage {
    tr: Tr,
    chrome: Chrome,
    errors: FormErrors,
    members: Vec<(String, String)>,
    member: String,
    title: String,
    problem: String,
    context: String,
    constraints: String,
    sdgs: String,
    focus: Vec<Tick>,
    languages: Vec<Tick>,
}

async fn need_view(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    signed: &SignedMember,
    f: &Fields,
    errors: FormErrors,
) -> Result<NeedPage, ApiError> {
    let actor = actor_of(signed)?;
    let members: Vec<(String, String)> = members::mine(&state.db, &actor)
        .await?
        .into_iter()
        .filter(|m| m.status == "verified")
        .map(|m| (m.id, m.name))
        .collect();
    Ok(NeedPage {
        chrome: Chrome::new(state, &tr, uri, "exchange", &signed.1),
        errors,
        members,
        member: f.one("member"),
        title: f.one("title"),
        problem: f.one("problem"),
        context: f.one("context"),
        constraints: f.one("constraints"),
        sdgs: f.one("sdgs"),
        focus: ticks(&tr, "exchange-focus-", &FOCUS_AREAS, &f.many("focus")),
        languages: ticks(&tr, "exchange-lang-", &LANGUAGES, &f.many("languages")),
        tr,
    })
}

async fn need_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
) -> Result<Response, ApiError> {
    let empty = Fields(Vec::new());
    let page = need_view(&state, tr, &uri, &member, &empty, FormErrors::none()).await?;
    Ok(render_own(StatusCode::OK, &page))
}

async fn post_need(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
    CsrfForm(form, _): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    let f = Fields(form);
    let new = NewNeed {
        member: f.one("member"),
        title: f.one("title"),
        problem: f.one("problem"),
        context: f.one("context"),
        constraints: f.one("constraints"),
        sdgs: sdg_list(&f.one("sdgs")),
        focus: f.many("focus"),
        languages: f.many("languages"),
    };
    match needs::post(&state.db, &actor, new).await {
        Ok(need) => Ok(see(format!("/exchange/needs/{}", need.id))),
        Err(e) => {
            let error = input_of(ApiError::from(e));
            if !error.status.is_client_error() {
                return Err(error);
            }
            let errors = FormErrors::from_error(
                &tr,
                &error,
                &[
                    ("title", "title", "exchange-field-title"),
                    ("problem", "problem", "exchange-field-problem"),
                    ("context", "context", "exchange-field-context"),
                    ("constraints", "constraints", "exchange-field-constraints"),
                    ("sdgs", "sdgs", "exchange-field-sdgs"),
                    ("focus", "focus", "exchange-focus"),
                    ("languages", "languages", "exchange-join-languages"),
                ],
                "member",
            );
            let page = need_view(&state, tr, &uri, &member, &f, errors).await?;
            Ok(render_own(error.status, &page))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sdg_targets_may_be_typed_in_any_digits_and_separated_any_way() {
        assert_eq!(
            super::sdg_list("16.6, 1.3;  ১৭.১৮"),
            vec!["16.6", "1.3", "17.18"]
        );
    }
}
