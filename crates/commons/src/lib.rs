//! shetu-commons: two small modules open to everyone — the regions of the country pack (a
//! browser and an API, and a search source) and feedback to the team that runs the platform.

pub mod feedback;
mod feedback_api;
mod feedback_pages;
mod regions_api;
mod regions_pages;

pub use feedback::{submit, NewFeedback, Receipt};

use axum::routing::get;
use shetu_search::feed::Source;
use shetu_store::Migrations;
use shetu_web::seam::{Audience, DeclaredCodes, HomeCard, Messages, Module, NavEntry, NavPlace};
use shetu_web::AppState;
use std::sync::Arc;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The regions of the country pack: pages, API and search documents.
#[derive(Debug, Default)]
pub struct Regions;

/// Messages to the team that runs the platform.
#[derive(Debug, Default)]
pub struct Feedback;

#[derive(OpenApi)]
#[openapi(tags((name = "regions", description = "Administrative regions of the country pack")))]
struct RegionsDoc;

#[derive(OpenApi)]
#[openapi(tags((name = "feedback", description = "Messages to the team that runs the platform")))]
struct FeedbackDoc;

/// Codes the regions routes answer with.
const REGION_CODES: DeclaredCodes = DeclaredCodes {
    errors: &["region_not_found"],
    fields: &[],
};

impl Module for Regions {
    fn name(&self) -> &'static str {
        "regions"
    }

    fn messages(&self) -> &'static [Messages] {
        shetu_web::module_messages!("../locales", "regions.ftl")
    }

    fn error_codes(&self) -> Vec<DeclaredCodes> {
        vec![REGION_CODES]
    }

    fn search_sources(&self) -> Vec<Arc<dyn Source>> {
        vec![Arc::new(shetu_search::feed::RegionSource)]
    }

    fn api(&self) -> OpenApiRouter<AppState> {
        OpenApiRouter::with_openapi(RegionsDoc::openapi())
            .routes(routes!(regions_api::list))
            .routes(routes!(regions_api::get_one))
    }

    fn pages(&self) -> axum::Router<AppState> {
        axum::Router::new()
            .route("/regions", get(regions_pages::top))
            .route("/regions/{id}", get(regions_pages::show))
    }

    fn nav(&self) -> Vec<NavEntry> {
        vec![NavEntry {
            href: "/regions",
            label: "nav-regions",
            section: "regions",
            audience: Audience::Everyone,
            place: NavPlace::Main,
            order: 10,
        }]
    }

    fn home(&self) -> Vec<HomeCard> {
        vec![HomeCard {
            title: "home-regions-title",
            text: "home-regions-text",
            href: "/regions",
            link: "home-regions-link",
            order: 20,
        }]
    }
}

/// Feedback a person sent with their number to answer on: downloaded with their data; on
/// erasure the message stays (it is about the platform) and the number goes.
struct FeedbackData;

impl shetu_web::seam::PersonalData for FeedbackData {
    fn part(&self) -> &'static str {
        "feedback"
    }

    fn collect<'a>(
        &'a self,
        db: &'a shetu_store::Db,
        _person: shetu_core::id::PersonId,
        phone: &'a str,
    ) -> shetu_store::BoxFuture<'a, Result<serde_json::Value, shetu_store::StoreError>> {
        Box::pin(async move {
            let rows: Vec<(String, i64)> = sqlx::query_as(
                "SELECT message, created_at FROM feedback WHERE contact_phone = $1 ORDER BY created_at",
            )
            .bind(phone)
            .fetch_all(db.pool())
            .await?;
            Ok(serde_json::json!(rows
                .into_iter()
                .map(|(message, at)| serde_json::json!({ "message": message, "sent_at_ms": at }))
                .collect::<Vec<_>>()))
        })
    }

    fn erase<'a>(
        &'a self,
        tx: &'a mut shetu_store::Tx,
        _person: shetu_core::id::PersonId,
        phone: &'a str,
    ) -> shetu_store::BoxFuture<'a, Result<(), shetu_store::StoreError>> {
        Box::pin(async move {
            sqlx::query("UPDATE feedback SET contact_phone = NULL WHERE contact_phone = $1")
                .bind(phone)
                .execute(&mut **tx)
                .await?;
            Ok(())
        })
    }
}

impl Module for Feedback {
    fn personal_data(&self) -> Vec<Arc<dyn shetu_web::seam::PersonalData>> {
        vec![Arc::new(FeedbackData)]
    }

    fn name(&self) -> &'static str {
        "feedback"
    }

    fn migrations(&self) -> Option<Migrations> {
        Some(Migrations {
            owner: "feedback",
            block: 2,
            sqlite: sqlx::migrate!("migrations/sqlite"),
            postgres: sqlx::migrate!("migrations/postgres"),
        })
    }

    fn messages(&self) -> &'static [Messages] {
        shetu_web::module_messages!("../locales", "feedback.ftl")
    }

    fn api(&self) -> OpenApiRouter<AppState> {
        OpenApiRouter::with_openapi(FeedbackDoc::openapi()).routes(routes!(feedback_api::create))
    }

    fn pages(&self) -> axum::Router<AppState> {
        axum::Router::new().route(
            "/feedback",
            get(feedback_pages::form).post(feedback_pages::submit),
        )
    }

    fn nav(&self) -> Vec<NavEntry> {
        vec![NavEntry {
            href: "/feedback",
            label: "nav-feedback",
            section: "feedback",
            audience: Audience::Everyone,
            place: NavPlace::Main,
            order: 90,
        }]
    }

    fn home(&self) -> Vec<HomeCard> {
        vec![HomeCard {
            title: "home-feedback-title",
            text: "home-feedback-text",
            href: "/feedback",
            link: "home-feedback-link",
            order: 90,
        }]
    }
}
