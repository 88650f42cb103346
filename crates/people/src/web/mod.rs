//! The people module on the seam: its tables, messages, scope and organisation kind, SMS job,
//! sign-in and the identity behind every session and token, its API and pages, navigation and
//! demo people.

mod api;
mod demo;
mod pages;

use crate::sessions::Session;
use crate::sms::{SandboxSms, SendSms};
use crate::{persons, sessions, tokens, PeopleError, Person};
use shetu_core::{OrgKind, Role, Scope};
use shetu_store::jobs::JobHandler;
use shetu_store::{BoxFuture, Db, Migrations, StoreError};
use shetu_web::auth::{BearerOwner, Identity, SignedIn};
use shetu_web::seam::{
    Audience, DeclaredCodes, DemoContext, DemoResult, HomeCard, Messages, Module, NavEntry,
    NavPlace, RegionSection,
};
use shetu_web::AppState;
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;

pub use demo::PASSWORD as DEMO_PASSWORD;

/// The people module.
#[derive(Default)]
pub struct People {
    /// Where e-mail goes: the sandbox, or the operator's SMTP relay.
    email: Option<Arc<dyn crate::email::EmailGateway>>,
    /// The address links in e-mail start with.
    public_url: String,
}

impl std::fmt::Debug for People {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("People")
            .field("smtp", &self.email.is_some())
            .finish()
    }
}

/// What the people module keeps about a signed-in session (see [`SignedIn::details`]).
#[derive(Debug, Clone)]
pub struct PeopleSession {
    /// The person.
    pub person: Person,
    /// The session.
    pub session: Session,
    /// The client an agent is acting for.
    pub client: Option<Person>,
}

/// The people module's details of a session.
pub fn session_of(s: &SignedIn) -> Result<&PeopleSession, shetu_web::ApiError> {
    s.details::<PeopleSession>().ok_or_else(|| {
        shetu_web::ApiError::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
        )
    })
}

/// The kind of organisation named `text`, if an enabled module declares it (422 otherwise).
pub fn declared_kind(state: &AppState, text: &str) -> Result<OrgKind, shetu_web::ApiError> {
    state
        .catalog
        .org_kinds
        .iter()
        .find(|k| k.as_str() == text)
        .cloned()
        .ok_or_else(|| {
            shetu_web::ApiError::field("kind", shetu_web::FieldProblem::new("unknown_value"))
        })
}

/// The scopes named in `names`, each one an enabled module declares (422 `unknown_value` for
/// `field` otherwise).
pub fn declared_scopes(
    state: &AppState,
    field: &str,
    names: &[String],
) -> Result<Vec<Scope>, shetu_web::ApiError> {
    names
        .iter()
        .map(|name| {
            state
                .catalog
                .scopes
                .iter()
                .find(|s| s.as_str() == name)
                .cloned()
                .ok_or_else(|| {
                    shetu_web::ApiError::field(field, shetu_web::FieldProblem::new("unknown_value"))
                })
        })
        .collect()
}

/// The platform role named `text` (422 otherwise).
pub fn role_named(text: &str) -> Result<Role, shetu_web::ApiError> {
    Role::parse(text).ok_or_else(|| {
        shetu_web::ApiError::field("role", shetu_web::FieldProblem::new("unknown_value"))
    })
}

fn store_error(e: PeopleError) -> StoreError {
    match e {
        PeopleError::Store(e) => e,
        other => StoreError::Corrupt(other.to_string()),
    }
}

struct PeopleIdentity;

impl Identity for PeopleIdentity {
    fn session<'a>(
        &'a self,
        db: &'a Db,
        token: &'a str,
        now: i64,
    ) -> BoxFuture<'a, Result<Option<SignedIn>, StoreError>> {
        Box::pin(async move {
            let Some(mut session) = sessions::load(db, token, now).await.map_err(store_error)?
            else {
                return Ok(None);
            };
            // Acting for a client lasts only while a mandate from them is in force: the moment it
            // expires the console stops, as it does when the client withdraws it.
            if let Some(client) = session.acting_for {
                let mut conn = db.pool().acquire().await?;
                let in_force = crate::mandates::any_active(&mut conn, session.person, client, now)
                    .await
                    .map_err(store_error)?;
                drop(conn);
                if !in_force {
                    sessions::lapse_client(db, token)
                        .await
                        .map_err(store_error)?;
                    session.acting_for = None;
                }
            }
            let Some(person) = persons::get(db, session.person)
                .await
                .map_err(store_error)?
            else {
                return Ok(None);
            };
            let roles = persons::roles(db, person.id).await.map_err(store_error)?;
            let client = match session.acting_for {
                Some(c) => persons::get(db, c).await.map_err(store_error)?,
                None => None,
            };
            Ok(Some(SignedIn {
                person: person.id,
                name: person.name.clone(),
                roles,
                csrf: session.csrf.clone(),
                token: token.to_owned(),
                client: client.as_ref().map(|c| (c.id, c.name.clone())),
                details: Arc::new(PeopleSession {
                    person,
                    session,
                    client,
                }),
            }))
        })
    }

    fn bearer<'a>(
        &'a self,
        db: &'a Db,
        token: &'a str,
        now: i64,
    ) -> BoxFuture<'a, Result<Option<BearerOwner>, StoreError>> {
        Box::pin(async move {
            tokens::authenticate(db, token, now)
                .await
                .map_err(store_error)
        })
    }

    fn sign_in_path(&self) -> &'static str {
        "/signin"
    }

    fn sign_out_path(&self) -> &'static str {
        "/signout"
    }

    fn stop_acting_path(&self) -> &'static str {
        "/agent/stop"
    }
}

const MESSAGES: &[Messages] = shetu_web::module_messages!("../../locales", "people.ftl");

#[derive(askama::Template)]
#[template(path = "help.html")]
struct HelpSectionView {
    tr: shetu_web::i18n::Tr,
    here: bool,
    place: String,
    points: Vec<crate::orgs::PublicPoint>,
}

/// "Where do I get help here": the digital centres of a region, or of the nearest region above.
struct HelpSection;

impl RegionSection for HelpSection {
    fn render<'a>(
        &'a self,
        state: &'a AppState,
        tr: &'a shetu_web::i18n::Tr,
        region: &'a shetu_core::RegionId,
    ) -> BoxFuture<'a, Result<Option<String>, shetu_web::ApiError>> {
        Box::pin(async move {
            let help = crate::orgs::help_near(&state.db, state.pack, region).await?;
            let (here, place, points) = match help {
                Some(h) => {
                    let place = state
                        .pack
                        .region(&h.region)
                        .map(|r| r.name.get(tr.code(), "en").to_owned())
                        .unwrap_or_default();
                    (h.here, place, h.points)
                }
                None => (true, String::new(), Vec::new()),
            };
            let view = HelpSectionView {
                tr: tr.clone(),
                here,
                place,
                points,
            };
            askama::Template::render(&view).map(Some).map_err(|e| {
                tracing::error!(error = %e, "help section failed");
                shetu_web::ApiError::new(
                    axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                    "internal_error",
                )
            })
        })
    }
}

impl Module for People {
    fn name(&self) -> &'static str {
        "people"
    }

    fn migrations(&self) -> Option<Migrations> {
        Some(Migrations {
            owner: "people",
            block: 1,
            sqlite: sqlx::migrate!("migrations/sqlite"),
            postgres: sqlx::migrate!("migrations/postgres"),
        })
    }

    fn messages(&self) -> &'static [Messages] {
        MESSAGES
    }

    fn error_codes(&self) -> Vec<DeclaredCodes> {
        vec![DeclaredCodes::of::<PeopleError>()]
    }

    fn scopes(&self) -> Vec<Scope> {
        vec![crate::PROFILE_EDIT]
    }

    fn org_kinds(&self) -> Vec<OrgKind> {
        vec![crate::GOVERNMENT_DEPARTMENT]
    }

    fn configure(
        &mut self,
        section: Option<&toml::Value>,
        node: &shetu_web::seam::Node,
    ) -> Result<(), String> {
        self.public_url = node.public_url.clone();
        self.email = match crate::email::SmtpSettings::read(section)? {
            Some(settings) => Some(Arc::new(crate::email::SmtpEmail::new(&settings)?)),
            None => None,
        };
        Ok(())
    }

    fn jobs(&self) -> Vec<Arc<dyn JobHandler>> {
        let mail = self
            .email
            .clone()
            .unwrap_or_else(|| Arc::new(crate::email::SandboxEmail));
        vec![
            Arc::new(SendSms::new(Arc::new(SandboxSms))),
            Arc::new(crate::email::SendEmail::new(mail, &self.public_url)),
        ]
    }

    fn api(&self) -> OpenApiRouter<AppState> {
        api::routes()
    }

    fn pages(&self) -> axum::Router<AppState> {
        pages::router()
    }

    fn nav(&self) -> Vec<NavEntry> {
        let entry = |href, label, section, audience, order| NavEntry {
            href,
            label,
            section,
            audience,
            place: NavPlace::Account,
            order,
        };
        vec![
            entry("/signup", "nav-signup", "signup", Audience::SignedOut, 95),
            entry("/signin", "nav-signin", "signin", Audience::SignedOut, 100),
            entry("/me", "nav-account", "account", Audience::SignedIn, 110),
            entry(
                "/agent",
                "nav-agent",
                "agent",
                Audience::Role(Role::Agent),
                120,
            ),
            entry(
                "/admin",
                "nav-admin",
                "admin",
                Audience::Role(Role::Admin),
                130,
            ),
        ]
    }

    fn home(&self) -> Vec<HomeCard> {
        vec![HomeCard {
            title: "home-people-title",
            text: "home-people-text",
            href: "/signup",
            link: "home-people-link",
            order: 10,
        }]
    }

    fn region_sections(&self) -> Vec<Arc<dyn RegionSection>> {
        vec![Arc::new(HelpSection)]
    }

    fn identity(&self) -> Option<Arc<dyn Identity>> {
        Some(Arc::new(PeopleIdentity))
    }

    fn seed_demo<'a>(&'a self, ctx: DemoContext<'a>) -> BoxFuture<'a, DemoResult> {
        Box::pin(demo::seed(ctx))
    }
}
