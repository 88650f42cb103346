//! The exchange module as the shell sees it: its migrations, messages, organisation kinds, API,
//! pages and demo data.

mod api;
mod demo;
mod pages;

use crate::error::ExchangeError;
use crate::matching::{Facet, Reason};
use shetu_i18n::Arg;
use shetu_store::Migrations;
use shetu_web::i18n::Tr;
use shetu_web::seam::{Audience, DeclaredCodes, HomeCard, Messages, Module, NavEntry, NavPlace};
use shetu_web::AppState;
use utoipa_axum::router::OpenApiRouter;

/// The exchange module.
#[derive(Debug, Default)]
pub struct Exchange;

impl Module for Exchange {
    fn name(&self) -> &'static str {
        "exchange"
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

    fn api(&self) -> OpenApiRouter<AppState> {
        api::routes()
    }

    fn pages(&self) -> axum::Router<AppState> {
        pages::router()
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
        Facet::Focus => reason
            .values
            .iter()
            .map(|v| tr.t(&format!("exchange-focus-{v}")))
            .collect(),
        Facet::Language => reason
            .values
            .iter()
            .map(|v| tr.t(&format!("exchange-lang-{v}")))
            .collect(),
        Facet::Proven => reason.values.iter().map(|c| country(tr, c)).collect(),
        Facet::Sdg | Facet::Goal | Facet::Word => {
            reason.values.iter().map(|v| tr.digits(v)).collect()
        }
    };
    let key = match reason.facet {
        Facet::Sdg => "exchange-reason-sdg",
        Facet::Goal => "exchange-reason-goal",
        Facet::Focus => "exchange-reason-focus",
        Facet::Word => "exchange-reason-words",
        Facet::Language => "exchange-reason-language",
        Facet::Proven if values.is_empty() => "exchange-reason-proven",
        Facet::Proven => "exchange-reason-proven-in",
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
