//! The exchange's pages: the network's front page, the member directory, solutions with their
//! history and what changed, needs with suggested solutions and their reasons, and the
//! secretariat's desk (verify members, review solutions). All work without JavaScript.

use super::api::with_text;
use super::country;
use crate::members::{self, DirectoryFilter, Member};
use crate::needs::{self, Need};
use crate::solutions::{self, Solution, SolutionFilter};
use crate::vocabulary::{FOCUS_AREAS, MATURITY, MEMBER_KINDS};
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use shetu_web::auth::{CsrfForm, Member as SignedMember, Visitor};
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render, render_own, Chrome};
use shetu_web::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/exchange", get(home))
        .route("/exchange/members", get(directory))
        .route("/exchange/solutions", get(solution_list))
        .route("/exchange/needs", get(need_list))
        .route("/exchange/needs/{id}", get(need_page))
        .route("/exchange/secretariat", get(secretariat))
        .route("/exchange/secretariat/members/{id}/verify", post(verify))
        .route("/exchange/secretariat/solutions/{id}/review", post(review))
}

/// A choice in a `<select>`.
pub(super) struct Choice {
    value: String,
    label: String,
}

fn choices(tr: &Tr, prefix: &str, codes: &[&str], all: &str) -> Vec<Choice> {
    std::iter::once(Choice {
        value: String::new(),
        label: tr.t(all),
    })
    .chain(codes.iter().map(|c| Choice {
        value: (*c).to_owned(),
        label: tr.t(&format!("{prefix}{c}")),
    }))
    .collect()
}

/// Countries that appear among `codes`, named, by name.
fn country_choices(tr: &Tr, codes: impl Iterator<Item = String>) -> Vec<Choice> {
    let mut seen: Vec<String> = codes.collect();
    seen.sort();
    seen.dedup();
    let mut out: Vec<Choice> = seen
        .into_iter()
        .map(|c| Choice {
            label: country(tr, &c),
            value: c,
        })
        .collect();
    out.sort_by(|a, b| a.label.cmp(&b.label));
    out.insert(
        0,
        Choice {
            value: String::new(),
            label: tr.t("exchange-all-countries"),
        },
    );
    out
}

/// A member as a card on a page.
struct MemberCard {
    id: String,
    name: String,
    kind: String,
    country: String,
    focus: String,
    about: String,
}

fn member_card(tr: &Tr, m: &Member) -> MemberCard {
    MemberCard {
        id: m.id.clone(),
        name: m.name.clone(),
        kind: tr.t(&format!("exchange-kind-{}", m.kind)),
        country: country(tr, &m.country),
        focus: focus_names(tr, &m.focus),
        about: m.about.clone(),
    }
}

pub(super) fn focus_names(tr: &Tr, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| tr.t(&format!("exchange-focus-{c}")))
        .collect::<Vec<_>>()
        .join(&tr.t("exchange-list-comma"))
}

/// A solution as a card or a page.
pub(super) struct SolutionCard {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) member: String,
    pub(super) country: String,
    pub(super) maturity: String,
    pub(super) problem: String,
    pub(super) focus: String,
    pub(super) sdgs: String,
}

pub(super) fn solution_card(tr: &Tr, s: &Solution) -> SolutionCard {
    SolutionCard {
        id: s.id.clone(),
        title: s.content.title.clone(),
        member: s.member_name.clone(),
        country: country(tr, &s.member_country),
        maturity: tr.t(&format!("exchange-maturity-{}", s.content.maturity)),
        problem: s.content.problem.clone(),
        focus: focus_names(tr, &s.content.focus),
        sdgs: tr.digits(&s.content.sdgs.join(", ")),
    }
}

struct NeedCard {
    id: String,
    title: String,
    member: String,
    country: String,
    problem: String,
}

fn need_card(tr: &Tr, n: &Need) -> NeedCard {
    NeedCard {
        id: n.id.clone(),
        title: n.title.clone(),
        member: n.member_name.clone(),
        country: country(tr, &n.member_country),
        problem: n.problem.clone(),
    }
}

#[derive(Template)]
#[template(path = "exchange_home.html")]
struct HomePage {
    tr: Tr,
    chrome: Chrome,
    solutions: Vec<SolutionCard>,
    needs: Vec<NeedCard>,
    members: String,
}

async fn home(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
) -> Result<Response, ApiError> {
    let solutions = solutions::published(&state.db, &SolutionFilter::default()).await?;
    let needs = needs::open(&state.db).await?;
    let count = members::directory(&state.db, &DirectoryFilter::default())
        .await?
        .len();
    let members = tr.count(
        "exchange-members-count",
        i64::try_from(count).unwrap_or(i64::MAX),
    );
    let page = HomePage {
        chrome: Chrome::new(&state, &tr, &uri, "exchange", &visitor),
        solutions: solutions
            .iter()
            .take(5)
            .map(|s| solution_card(&tr, s))
            .collect(),
        needs: needs.iter().take(5).map(|n| need_card(&tr, n)).collect(),
        members,
        tr,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Debug, Default, Deserialize)]
struct DirectoryQuery {
    country: Option<String>,
    kind: Option<String>,
    focus: Option<String>,
}

fn some(v: &Option<String>) -> Option<String> {
    v.as_ref()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

#[derive(Template)]
#[template(path = "exchange_members.html")]
struct DirectoryPage {
    tr: Tr,
    chrome: Chrome,
    members: Vec<MemberCard>,
    found: String,
    countries: Vec<Choice>,
    kinds: Vec<Choice>,
    focus: Vec<Choice>,
    chosen: (String, String, String),
}

async fn directory(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    Query(q): Query<DirectoryQuery>,
) -> Result<Response, ApiError> {
    let everyone = members::directory(&state.db, &DirectoryFilter::default()).await?;
    let filter = DirectoryFilter {
        country: some(&q.country),
        kind: some(&q.kind),
        focus: some(&q.focus),
    };
    let found = members::directory(&state.db, &filter).await?;
    let page = DirectoryPage {
        chrome: Chrome::new(&state, &tr, &uri, "exchange", &visitor),
        found: tr.count(
            "exchange-members-found",
            i64::try_from(found.len()).unwrap_or(i64::MAX),
        ),
        members: found.iter().map(|m| member_card(&tr, m)).collect(),
        countries: country_choices(&tr, everyone.iter().map(|m| m.country.clone())),
        kinds: choices(&tr, "exchange-kind-", &MEMBER_KINDS, "exchange-all-kinds"),
        focus: choices(&tr, "exchange-focus-", &FOCUS_AREAS, "exchange-all-focus"),
        chosen: (
            filter.country.unwrap_or_default().to_ascii_uppercase(),
            filter.kind.unwrap_or_default(),
            filter.focus.unwrap_or_default(),
        ),
        tr,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Debug, Default, Deserialize)]
struct SolutionQuery {
    country: Option<String>,
    focus: Option<String>,
    sdg: Option<String>,
    maturity: Option<String>,
}

#[derive(Template)]
#[template(path = "exchange_solutions.html")]
struct SolutionsPage {
    tr: Tr,
    chrome: Chrome,
    solutions: Vec<SolutionCard>,
    found: String,
    countries: Vec<Choice>,
    focus: Vec<Choice>,
    maturity: Vec<Choice>,
    chosen: (String, String, String, String),
    /// What is wrong with the SDG typed, shown beside the field.
    sdg_error: Option<String>,
}

async fn solution_list(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    Query(q): Query<SolutionQuery>,
) -> Result<Response, ApiError> {
    let all = solutions::published(&state.db, &SolutionFilter::default()).await?;
    let mut filter = SolutionFilter {
        country: some(&q.country),
        focus: some(&q.focus),
        sdg: some(&q.sdg),
        maturity: some(&q.maturity),
    };
    // A mistyped SDG is said beside its field, with what was typed kept; the rest still filters.
    let typed_sdg = filter.sdg.clone().unwrap_or_default();
    let sdg_error = match filter.check() {
        Err(crate::ExchangeError::Invalid(field, code)) if field == "sdg" => {
            filter.sdg = None;
            Some(format!(
                "{} {}",
                tr.t("exchange-sdg"),
                tr.t(&format!("field-{code}"))
            ))
        }
        _ => None,
    };
    let found = solutions::published(&state.db, &filter).await?;
    let page = SolutionsPage {
        chrome: Chrome::new(&state, &tr, &uri, "exchange", &visitor),
        found: tr.count(
            "exchange-solutions-found",
            i64::try_from(found.len()).unwrap_or(i64::MAX),
        ),
        solutions: found.iter().map(|s| solution_card(&tr, s)).collect(),
        countries: country_choices(&tr, all.iter().flat_map(|s| s.content.countries.clone())),
        focus: choices(&tr, "exchange-focus-", &FOCUS_AREAS, "exchange-all-focus"),
        maturity: choices(
            &tr,
            "exchange-maturity-",
            &MATURITY,
            "exchange-all-maturity",
        ),
        chosen: (
            filter.country.unwrap_or_default().to_ascii_uppercase(),
            filter.focus.unwrap_or_default(),
            typed_sdg,
            filter.maturity.unwrap_or_default(),
        ),
        sdg_error,
        tr,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "exchange_needs.html")]
struct NeedsPage {
    tr: Tr,
    chrome: Chrome,
    needs: Vec<NeedCard>,
}

async fn need_list(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
) -> Result<Response, ApiError> {
    let needs = needs::open(&state.db).await?;
    let page = NeedsPage {
        chrome: Chrome::new(&state, &tr, &uri, "exchange", &visitor),
        needs: needs.iter().map(|n| need_card(&tr, n)).collect(),
        tr,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "exchange_need.html")]
struct NeedPage {
    tr: Tr,
    chrome: Chrome,
    need: Need,
    card: NeedCard,
    tags: String,
    suggestions: Vec<(SolutionCard, Vec<String>)>,
    /// Solution id → the match of it with this need (for its member's people).
    matched: std::collections::HashMap<String, String>,
    /// The reader may match the need with a solution.
    may_match: bool,
    discussion: super::discussion_pages::Discussion,
}

async fn need_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = super::api::id_of(id, "need_not_found")?;
    let need = needs::get(&state.db, visitor.actor().as_ref(), &id).await?;
    let discussion = super::discussion_pages::discussion(
        &state,
        &tr,
        visitor.actor().as_ref(),
        "need",
        &id,
        need.hidden,
    )
    .await?;
    let (matched, may_match) = match visitor.actor() {
        Some(actor) => {
            let mut conn = state
                .db
                .pool()
                .acquire()
                .await
                .map_err(shetu_store::StoreError::from)?;
            let may = actor.has(shetu_core::Role::Admin)
                || members::may_act_for(&mut conn, &actor, &need.member_id).await?;
            drop(conn);
            let of = crate::matches::of_need(&state.db, &actor, &id).await?;
            (of.into_iter().map(|(s, m, _)| (s, m)).collect(), may)
        }
        None => (Default::default(), false),
    };
    let suggestions = crate::matching::suggest(&state.db, &id, 5)
        .await?
        .into_iter()
        .map(|s| {
            let s = with_text(&tr, s);
            (
                solution_card(&tr, &s.solution),
                s.reasons.into_iter().map(|r| r.text).collect(),
            )
        })
        .collect();
    let mut tags: Vec<String> = need
        .sdgs
        .iter()
        .map(|t| tr.digits(&format!("SDG {t}")))
        .collect();
    tags.extend(
        need.focus
            .iter()
            .map(|f| tr.t(&format!("exchange-focus-{f}"))),
    );
    let page = NeedPage {
        chrome: Chrome::new(&state, &tr, &uri, "exchange", &visitor),
        card: need_card(&tr, &need),
        tags: tags.join(" · "),
        need,
        suggestions,
        matched,
        may_match,
        discussion,
        tr,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "exchange_secretariat.html")]
struct SecretariatPage {
    tr: Tr,
    chrome: Chrome,
    pending: Vec<MemberCard>,
    queue: Vec<(SolutionCard, String, i64)>,
}

async fn secretariat(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: SignedMember,
) -> Result<Response, ApiError> {
    let actor = super::actor_of(&member)?;
    let pending = members::pending(&state.db, &actor).await?;
    let queue = solutions::queue(&state.db, &actor).await?;
    let page = SecretariatPage {
        chrome: Chrome::new(&state, &tr, &uri, "exchange-secretariat", &member.1),
        pending: pending.iter().map(|m| member_card(&tr, m)).collect(),
        queue: queue
            .iter()
            .map(|s| (solution_card(&tr, s), s.status.clone(), s.version))
            .collect(),
        tr,
    };
    Ok(render_own(StatusCode::OK, &page))
}

fn back() -> Response {
    super::see("/exchange/secretariat".to_owned())
}

#[derive(Debug, Default, Deserialize)]
struct Nothing {}

async fn verify(
    State(state): State<AppState>,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(_, _): CsrfForm<Nothing>,
) -> Result<Response, ApiError> {
    let id = super::api::id_of(id, "member_not_found")?;
    let actor = super::actor_of(&member)?;
    members::verify(&state.db, &actor, &id).await?;
    Ok(back())
}

#[derive(Debug, Default, Deserialize)]
struct ReviewForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    comment: String,
}

async fn review(
    State(state): State<AppState>,
    member: SignedMember,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(form, _): CsrfForm<ReviewForm>,
) -> Result<Response, ApiError> {
    let id = super::api::id_of(id, "solution_not_found")?;
    let actor = super::actor_of(&member)?;
    solutions::review(&state.db, &actor, &id, &form.to, &form.comment).await?;
    Ok(back())
}
