//! The skills module as the shell sees it: its migrations, messages, scopes, reference data,
//! API and pages.

mod api;
mod apps_api;
mod demo;
mod employer;
mod figures;
mod jobs;
mod match_api;
mod pages;
mod rounds;
mod training;

use crate::error::SkillsError;
use crate::finder::Shared;
use shetu_core::Scope;
use shetu_pack::Pack;
use shetu_store::{BoxFuture, Db, Migrations};
use shetu_web::seam::{
    Audience, DeclaredCodes, HomeCard, Messages, Module, NavEntry, NavPlace, ReferenceData,
};
use shetu_web::AppState;
use std::path::Path;
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;

/// The skills module.
#[derive(Debug, Default)]
pub struct Skills {
    finder: Arc<Shared>,
    matcher: Arc<crate::matching::Matcher>,
    issuing: Arc<crate::courses::Issuing>,
    figures: Arc<crate::figures::Figures>,
}

/// The skills taxonomy as reference data (`shetu import taxonomy DIR`).
#[derive(Debug, Default)]
pub struct TaxonomyData;

impl ReferenceData for TaxonomyData {
    fn name(&self) -> &'static str {
        crate::taxonomy::NAME
    }

    fn about(&self) -> &'static str {
        "the skills and occupations taxonomy (Tabiya/ESCO CSV files, laid out as data/taxonomy/)"
    }

    fn load<'a>(
        &'a self,
        db: &'a Db,
        pack: &'static Pack,
        dir: Option<&'a Path>,
        progress: &'a (dyn Fn(u64, u64) + Send + Sync),
    ) -> BoxFuture<'a, Result<String, String>> {
        Box::pin(async move {
            let files = match dir {
                Some(dir) => crate::taxonomy::Files::Dir(dir.to_path_buf()),
                None => crate::taxonomy::Files::BuiltIn,
            };
            crate::taxonomy::import(db, pack, files, progress)
                .await
                .map(|summary| summary.to_string())
                .map_err(|e| e.to_string())
        })
    }
}

impl Module for Skills {
    fn name(&self) -> &'static str {
        "skills"
    }

    fn configure(
        &mut self,
        _section: Option<&toml::Value>,
        node: &shetu_web::seam::Node,
    ) -> Result<(), String> {
        self.issuing = Arc::new(crate::courses::Issuing {
            public_url: node.public_url.trim_end_matches('/').to_owned(),
        });
        Ok(())
    }

    fn migrations(&self) -> Option<Migrations> {
        Some(Migrations {
            owner: "skills",
            block: 4,
            sqlite: sqlx::migrate!("migrations/sqlite"),
            postgres: sqlx::migrate!("migrations/postgres"),
        })
    }

    fn messages(&self) -> &'static [Messages] {
        messages()
    }

    fn jobs(&self) -> Vec<Arc<dyn shetu_store::jobs::JobHandler>> {
        vec![Arc::new(crate::alerts::Alerts)]
    }

    fn subscriptions(&self) -> Vec<shetu_store::outbox::Subscription> {
        vec![shetu_store::outbox::Subscription {
            topic_prefix: "skills.vacancy.posted".into(),
            job_kind: crate::alerts::KIND.into(),
        }]
    }

    fn error_codes(&self) -> Vec<DeclaredCodes> {
        vec![DeclaredCodes::of::<SkillsError>()]
    }

    fn scopes(&self) -> Vec<Scope> {
        vec![crate::SKILLS_PROFILE]
    }

    fn org_kinds(&self) -> Vec<shetu_core::OrgKind> {
        vec![
            crate::employers::EMPLOYER,
            crate::employers::RECRUITING_AGENCY,
            crate::employers::TRAINING_PROVIDER,
        ]
    }

    fn seed_demo<'a>(
        &'a self,
        ctx: shetu_web::seam::DemoContext<'a>,
    ) -> BoxFuture<'a, shetu_web::seam::DemoResult> {
        Box::pin(demo::seed(ctx))
    }

    fn personal_data(&self) -> Vec<Arc<dyn shetu_web::seam::PersonalData>> {
        vec![Arc::new(crate::personal::SkillsData)]
    }

    fn reference_data(&self) -> Vec<Arc<dyn ReferenceData>> {
        vec![Arc::new(TaxonomyData)]
    }

    fn api(&self) -> OpenApiRouter<AppState> {
        api::routes()
            .merge(match_api::routes())
            .merge(apps_api::routes())
            .merge(training::api())
            .merge(rounds::api())
            .merge(figures::api())
            .layer(axum::Extension(self.figures.clone()))
            .layer(axum::Extension(self.finder.clone()))
            .layer(axum::Extension(self.matcher.clone()))
            .layer(axum::Extension(self.issuing.clone()))
    }

    fn pages(&self) -> axum::Router<AppState> {
        pages::router()
            .merge(jobs::router())
            .merge(employer::router())
            .merge(training::pages())
            .merge(figures::pages())
            .layer(axum::Extension(self.figures.clone()))
            .layer(axum::Extension(self.finder.clone()))
            .layer(axum::Extension(self.matcher.clone()))
            .layer(axum::Extension(self.issuing.clone()))
    }

    fn nav(&self) -> Vec<NavEntry> {
        vec![
            NavEntry {
                href: "/skills",
                label: "nav-skills",
                section: "skills",
                audience: Audience::Everyone,
                place: NavPlace::Main,
                order: 7,
            },
            NavEntry {
                href: "/skills/employer",
                label: "nav-skills-employer",
                section: "skills-employer",
                audience: Audience::SignedIn,
                place: NavPlace::Account,
                order: 108,
            },
            NavEntry {
                href: "/skills/figures",
                label: "nav-skills-figures",
                section: "skills-figures",
                audience: Audience::Role(shetu_core::Role::Analyst),
                place: NavPlace::Account,
                order: 110,
            },
            NavEntry {
                href: "/skills/admin",
                label: "nav-skills-admin",
                section: "skills-admin",
                audience: Audience::Role(shetu_core::Role::Admin),
                place: NavPlace::Account,
                order: 109,
            },
        ]
    }

    fn home(&self) -> Vec<HomeCard> {
        vec![HomeCard {
            title: "home-skills-title",
            text: "home-skills-text",
            href: "/skills",
            link: "home-skills-link",
            order: 12,
        }]
    }
}

/// The id in a route's path; a missing or overlong one is a 404 with `missing` as its code.
pub(crate) fn id_of(
    p: Result<axum::extract::Path<String>, axum::extract::rejection::PathRejection>,
    missing: &'static str,
) -> Result<String, shetu_web::ApiError> {
    p.ok()
        .map(|axum::extract::Path(id)| id)
        .filter(|id| !id.is_empty() && id.len() <= 64)
        .ok_or_else(|| shetu_web::ApiError::not_found(missing))
}

/// The signed-in actor of a page (acting for a client when an agent chose one).
pub(crate) fn actor_of(
    member: &shetu_web::auth::Member,
) -> Result<shetu_core::Actor, shetu_web::ApiError> {
    member
        .1
        .actor()
        .ok_or_else(|| shetu_web::ApiError::from_status(axum::http::StatusCode::UNAUTHORIZED))
}

/// The module's messages in bn, en and ar.
pub(crate) fn messages() -> &'static [Messages] {
    shetu_web::module_messages!("../../locales", "skills.ftl")
}
