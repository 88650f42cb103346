//! The exchange module as the shell sees it: its migrations, messages, organisation kinds, API,
//! pages and demo data.

mod api;
mod attachment_api;
mod demo;
mod demo_events;
mod discussion_api;
mod discussion_pages;
mod forms;
mod match_api;
mod match_pages;
mod pages;
mod search_web;
mod solution_forms;
mod solution_pages;
mod workshop_api;
mod workshop_pages;

use crate::error::ExchangeError;
use crate::matching::{Reason, SharedFacet};
use shetu_i18n::Arg;
use shetu_store::Migrations;
use shetu_web::i18n::Tr;
use shetu_web::seam::{Audience, DeclaredCodes, HomeCard, Messages, Module, NavEntry, NavPlace};
use shetu_web::AppState;
use utoipa_axum::router::OpenApiRouter;

/// The exchange module.
#[derive(Debug, Default)]
pub struct Exchange {
    node: std::sync::Arc<NodeName>,
}

/// This node's host name, for the UIDs of calendar events.
#[derive(Debug, Default)]
pub(crate) struct NodeName(pub String);

impl Module for Exchange {
    fn name(&self) -> &'static str {
        "exchange"
    }

    fn configure(
        &mut self,
        _section: Option<&toml::Value>,
        node: &shetu_web::seam::Node,
    ) -> Result<(), String> {
        let host = node
            .public_url
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .split(['/', ':'])
            .next()
            .filter(|h| !h.is_empty())
            .unwrap_or("shetu.local");
        self.node = std::sync::Arc::new(NodeName(host.to_owned()));
        Ok(())
    }

    fn migrations(&self) -> Option<Migrations> {
        Some(Migrations {
            owner: "exchange",
            block: 5,
            sqlite: sqlx::migrate!("migrations/sqlite"),
            postgres: sqlx::migrate!("migrations/postgres"),
        })
    }

    fn messages(&self) -> &'static [Messages] {
        shetu_web::module_messages!("../../locales", "exchange.ftl")
    }

    fn error_codes(&self) -> Vec<DeclaredCodes> {
        vec![DeclaredCodes::of::<ExchangeError>()]
    }

    fn org_kinds(&self) -> Vec<shetu_core::OrgKind> {
        crate::members::ORG_KINDS.to_vec()
    }

    fn seed_demo<'a>(
        &'a self,
        ctx: shetu_web::seam::DemoContext<'a>,
    ) -> shetu_store::BoxFuture<'a, shetu_web::seam::DemoResult> {
        Box::pin(demo::seed(ctx))
    }

    fn personal_data(&self) -> Vec<std::sync::Arc<dyn shetu_web::seam::PersonalData>> {
        vec![std::sync::Arc::new(crate::personal::ExchangeData)]
    }

    fn search_sources(&self) -> Vec<std::sync::Arc<dyn shetu_search::feed::Source>> {
        vec![std::sync::Arc::new(crate::search::ExchangeSource)]
    }

    fn api(&self) -> OpenApiRouter<AppState> {
        api::routes()
            .merge(workshop_api::routes())
            .merge(discussion_api::routes())
            .merge(match_api::routes())
            .merge(attachment_api::api())
            .merge(search_web::api())
            .layer(axum::Extension(self.node.clone()))
    }

    fn pages(&self) -> axum::Router<AppState> {
        pages::router()
            .merge(match_pages::router())
            .merge(workshop_pages::router())
            .merge(forms::router())
            .merge(discussion_pages::router())
            .merge(attachment_api::pages())
            .merge(solution_forms::router())
            .merge(solution_pages::router())
            .merge(search_web::pages())
            .layer(axum::Extension(self.node.clone()))
    }

    fn nav(&self) -> Vec<NavEntry> {
        vec![
            NavEntry {
                href: "/exchange",
                label: "nav-exchange",
                section: "exchange",
                audience: Audience::Everyone,
                place: NavPlace::Main,
                order: 8,
            },
            NavEntry {
                href: "/exchange/secretariat",
                label: "nav-exchange-secretariat",
                section: "exchange-secretariat",
                audience: Audience::Role(shetu_core::Role::Admin),
                place: NavPlace::Account,
                order: 111,
            },
            NavEntry {
                href: "/exchange/moderation",
                label: "nav-exchange-moderation",
                section: "exchange-moderation",
                audience: Audience::Role(shetu_core::Role::Moderator),
                place: NavPlace::Account,
                order: 112,
            },
        ]
    }

    fn home(&self) -> Vec<HomeCard> {
        vec![HomeCard {
            title: "home-exchange-title",
            text: "home-exchange-text",
            href: "/exchange",
            link: "home-exchange-link",
            order: 13,
        }]
    }
}

/// The signed-in actor of a page.
pub(crate) fn actor_of(
    member: &shetu_web::auth::Member,
) -> Result<shetu_core::Actor, shetu_web::ApiError> {
    member
        .1
        .actor()
        .ok_or_else(|| shetu_web::ApiError::from_status(axum::http::StatusCode::UNAUTHORIZED))
}

/// "See other": where a form's page goes after it did what was asked.
pub(crate) fn see(to: String) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        axum::http::StatusCode::SEE_OTHER,
        [(axum::http::header::LOCATION, to)],
    )
        .into_response()
}

/// A country's name in the reader's language.
pub(crate) fn country(tr: &Tr, code: &str) -> String {
    crate::countries::get(code).map_or_else(|| code.to_owned(), |c| c.name(tr.code()).to_owned())
}

/// A list said the reader's way ("a, b and c").
fn listed(tr: &Tr, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => tr.with(
            "exchange-list",
            &[
                ("first", Arg::Text(rest.join(&tr.t("exchange-list-comma")))),
                ("last", Arg::Text(last.clone())),
            ],
        ),
    }
}

/// A reason as a sentence in the reader's language.
pub(crate) fn reason_text(tr: &Tr, reason: &Reason) -> String {
    let values: Vec<String> = match reason.facet {
        SharedFacet::Focus => reason
            .values
            .iter()
            .map(|v| tr.t(&format!("exchange-focus-{v}")))
            .collect(),
        SharedFacet::Language => reason
            .values
            .iter()
            .map(|v| tr.t(&format!("exchange-lang-{v}")))
            .collect(),
        SharedFacet::Proven => reason.values.iter().map(|c| country(tr, c)).collect(),
        SharedFacet::Sdg | SharedFacet::Goal | SharedFacet::Word => {
            reason.values.iter().map(|v| tr.digits(v)).collect()
        }
    };
    let key = match reason.facet {
        SharedFacet::Sdg => "exchange-reason-sdg",
        SharedFacet::Goal => "exchange-reason-goal",
        SharedFacet::Focus => "exchange-reason-focus",
        SharedFacet::Word => "exchange-reason-words",
        SharedFacet::Language => "exchange-reason-language",
        SharedFacet::Proven if values.is_empty() => "exchange-reason-proven",
        SharedFacet::Proven => "exchange-reason-proven-in",
    };
    let count = i64::try_from(values.len()).unwrap_or(i64::MAX);
    tr.with(
        key,
        &[
            ("values", Arg::Text(listed(tr, &values))),
            ("count", Arg::Count(count)),
        ],
    )
}
