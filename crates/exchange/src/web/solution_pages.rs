//! A solution's page: its published version (the latest for its member's people), facts,
//! versions and reviews, attachments and discussion; and what changed between two versions,
//! field by field and word by word.

use super::country;
use super::pages::{focus_names, solution_card, SolutionCard};
use crate::solutions::{self, FieldChange, Solution};
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use shetu_web::auth::Visitor;
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render_own, when, Chrome};
use shetu_web::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/exchange/solutions/{id}", get(solution_page))
        .route("/exchange/solutions/{id}/changes", get(changes_page))
}

#[derive(Template)]
#[template(path = "exchange_solution.html")]
struct SolutionPage {
    tr: Tr,
    chrome: Chrome,
    solution: Solution,
    unpublished: Option<String>,
    card: SolutionCard,
    facts: Vec<(String, String)>,
    versions: Vec<(i64, String)>,
    reviews: Vec<(String, String)>,
    discussion: super::discussion_pages::Discussion,
    /// (id, name, what and how large, removable).
    attachments: Vec<(String, String, String, bool)>,
    may_attach: bool,
    may_revise: bool,
}

async fn solution_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = super::api::id_of(id, "solution_not_found")?;
    let actor = visitor.actor();
    let s = solutions::get(&state.db, actor.as_ref(), &id).await?;
    let versions = solutions::versions(&state.db, actor.as_ref(), &id)
        .await?
        .into_iter()
        .map(|(v, at)| {
            let label = match at {
                Some(at) => tr.with(
                    "exchange-version-published",
                    &[
                        ("version", shetu_i18n::Arg::Text(tr.digits(&v.to_string()))),
                        ("date", shetu_i18n::Arg::Text(when(&state, &tr, at))),
                    ],
                ),
                None => tr.t1(
                    "exchange-version-draft",
                    "version",
                    &tr.digits(&v.to_string()),
                ),
            };
            (v, label)
        })
        .collect();
    let reviews = match &actor {
        Some(a) => solutions::reviews(&state.db, a, &id)
            .await
            .map(|steps| {
                steps
                    .into_iter()
                    .map(|r| {
                        (
                            format!(
                                "{} · {}",
                                when(&state, &tr, r.at),
                                tr.t(&format!("exchange-status-{}", r.to))
                            ),
                            r.comment,
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let c = &s.content;
    let yes_no = |b: bool| tr.t(if b { "exchange-yes" } else { "exchange-no" });
    let facts = vec![
        (tr.t("exchange-field-implemented"), yes_no(c.implemented)),
        (
            tr.t("exchange-field-countries"),
            c.countries
                .iter()
                .map(|x| country(&tr, x))
                .collect::<Vec<_>>()
                .join(&tr.t("exchange-list-comma")),
        ),
        (
            tr.t("exchange-field-level"),
            tr.t(&format!("exchange-level-{}", c.level)),
        ),
        (
            tr.t("exchange-field-cost"),
            tr.t(&format!("exchange-cost-{}", c.cost)),
        ),
        (
            tr.t("exchange-field-months-to-adopt"),
            tr.digits(&c.months_to_adopt.to_string()),
        ),
        (
            tr.t("exchange-field-maturity"),
            tr.t(&format!("exchange-maturity-{}", c.maturity)),
        ),
        (tr.t("exchange-field-sdgs"), tr.digits(&c.sdgs.join(", "))),
        (tr.t("exchange-field-focus"), focus_names(&tr, &c.focus)),
        (tr.t("exchange-field-contact"), c.contact.clone()),
    ];
    let discussion =
        super::discussion_pages::discussion(&state, &tr, actor.as_ref(), "solution", &id, s.hidden)
            .await?;
    let insider = s.shown_version == s.version && actor.is_some();
    let attachments = crate::solutions::attachments::attachments(&state.db, actor.as_ref(), &id)
        .await?
        .into_iter()
        .map(|a| {
            let size = tr.t1(
                "exchange-attach-size",
                "kb",
                &tr.digits(&((a.size + 1023) / 1024).to_string()),
            );
            let removable = insider && s.published_version.is_none_or(|p| a.version > p);
            (
                a.id,
                a.name,
                format!("{} · {size}", a.kind.to_uppercase()),
                removable,
            )
        })
        .collect();
    let may_attach = insider && matches!(s.status.as_str(), "submitted" | "returned");
    let may_revise = insider && s.status != "in_review";
    let page = SolutionPage {
        may_revise,
        attachments,
        may_attach,
        discussion,
        chrome: Chrome::new(&state, &tr, &uri, "exchange", &visitor),
        card: solution_card(&tr, &s),
        facts,
        versions,
        reviews,
        unpublished: (Some(s.shown_version) != s.published_version).then(|| {
            tr.t1(
                "exchange-status-note",
                "status",
                &tr.t(&format!("exchange-status-{}", s.status)),
            )
        }),
        solution: s,
        tr,
    };
    Ok(render_own(StatusCode::OK, &page))
}

#[derive(Debug, Default, Deserialize)]
struct ChangesQuery {
    from: Option<String>,
    to: Option<String>,
}

#[derive(Template)]
#[template(path = "exchange_changes.html")]
struct ChangesPage {
    tr: Tr,
    chrome: Chrome,
    id: String,
    title: String,
    from: String,
    to: String,
    changes: Vec<(String, FieldChange)>,
}

async fn changes_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    id: Result<Path<String>, PathRejection>,
    Query(q): Query<ChangesQuery>,
) -> Result<Response, ApiError> {
    let id = super::api::id_of(id, "solution_not_found")?;
    let number = |v: &Option<String>| {
        v.as_deref()
            .and_then(|x| x.trim().parse::<i64>().ok())
            .ok_or_else(|| ApiError::not_found("version_not_found"))
    };
    let (from, to) = (number(&q.from)?, number(&q.to)?);
    let actor = visitor.actor();
    let s = solutions::get(&state.db, actor.as_ref(), &id).await?;
    let changes = solutions::changes(&state.db, actor.as_ref(), &id, from, to)
        .await?
        .into_iter()
        .map(|c| {
            (
                tr.t(&format!("exchange-field-{}", c.field.replace('_', "-"))),
                c,
            )
        })
        .collect();
    let page = ChangesPage {
        chrome: Chrome::new(&state, &tr, &uri, "exchange", &visitor),
        id,
        title: s.content.title,
        from: tr.digits(&from.to_string()),
        to: tr.digits(&to.to_string()),
        changes,
        tr,
    };
    Ok(render_own(StatusCode::OK, &page))
}
