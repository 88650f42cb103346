//! The seam through which modules plug into the shell. A module is one value implementing
//! [`Module`]; the binary lists the compiled-in modules, configuration turns each on or off, and
//! the shell builds the router, the navigation, the message bundles, the migrations, the jobs and
//! the search index from what the enabled modules contribute. No file of the shell names a module.

use crate::state::AppState;
use axum::Router;
use shetu_core::{Actor, OrgKind, Scope};
use shetu_pack::Pack;
use shetu_search::feed::Source;
use shetu_store::jobs::JobHandler;
use shetu_store::outbox::Subscription;
use shetu_store::{BoxFuture, Db, Migrations};
use std::sync::Arc;
use utoipa_axum::router::OpenApiRouter;

/// What a module may need to know about the node it runs on.
#[derive(Debug, Clone)]
pub struct Node {
    /// Where people, partners and providers reach this deployment (`http://127.0.0.1:8080`; no
    /// trailing slash). Links in messages and the addresses given to providers start with it.
    pub public_url: String,
    /// The folder where this node keeps files (uploaded photos and the like).
    pub data_dir: std::path::PathBuf,
    /// A demonstration (sandboxes for payments and couriers are on by default).
    pub demo: bool,
}

/// Who sees a navigation entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Everyone.
    Everyone,
    /// Visitors who are not signed in.
    SignedOut,
    /// Signed-in people.
    SignedIn,
    /// Signed-in people with this platform role.
    Role(shetu_core::Role),
}

/// Where in the header a navigation entry goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavPlace {
    /// The main navigation.
    Main,
    /// The account area at the end of the header.
    Account,
}

/// A link in the header.
#[derive(Debug, Clone)]
pub struct NavEntry {
    /// Where it goes.
    pub href: &'static str,
    /// Message key of its label.
    pub label: &'static str,
    /// The page section that marks it current (`aria-current`).
    pub section: &'static str,
    /// Who sees it.
    pub audience: Audience,
    /// Where it sits.
    pub place: NavPlace,
    /// Order within its place (smaller first).
    pub order: u16,
}

/// A card on the home page: what a visitor can do with a module.
#[derive(Debug, Clone)]
pub struct HomeCard {
    /// Message key of its title.
    pub title: &'static str,
    /// Message key of its text.
    pub text: &'static str,
    /// Where its link goes.
    pub href: &'static str,
    /// Message key of its link.
    pub link: &'static str,
    /// Order on the page.
    pub order: u16,
}

/// A module's messages in one language (Fluent).
#[derive(Debug, Clone, Copy)]
pub struct Messages {
    /// `bn`, `en` or `ar`.
    pub lang: &'static str,
    /// The Fluent source.
    pub source: &'static str,
}

/// A section a module adds to every region's page (e.g. "where do I get help here"), rendered
/// by the module as an HTML fragment in the reader's language.
pub trait RegionSection: Send + Sync {
    /// The fragment for `region`, or `None` when the module has nothing to say about it.
    fn render<'a>(
        &'a self,
        state: &'a AppState,
        tr: &'a crate::i18n::Tr,
        region: &'a shetu_core::RegionId,
    ) -> BoxFuture<'a, Result<Option<String>, crate::ApiError>>;
}

/// What a module keeps about a person, for the download of everything about them and for
/// erasure. Erasure runs in the one transaction of the person's request, before the people
/// module makes the person a pseudonym and destroys their audit key.
pub trait PersonalData: Send + Sync {
    /// The name of this part in the download (e.g. `feedback`).
    fn part(&self) -> &'static str;
    /// Everything the module keeps about the person (`phone` is their number, E.164).
    fn collect<'a>(
        &'a self,
        db: &'a Db,
        person: shetu_core::id::PersonId,
        phone: &'a str,
    ) -> BoxFuture<'a, Result<serde_json::Value, shetu_store::StoreError>>;
    /// Erases or makes unreadable what only concerns the person; what others need (e.g. another
    /// person's order) keeps the person's pseudonymous id.
    fn erase<'a>(
        &'a self,
        tx: &'a mut shetu_store::Tx,
        person: shetu_core::id::PersonId,
        phone: &'a str,
    ) -> BoxFuture<'a, Result<(), shetu_store::StoreError>>;
}

/// Reference data a module keeps in the database (e.g. a taxonomy of skills): loaded from files
/// an operator gives (`shetu import <name> DIR`), or from the copy built into the binary, which
/// `shetu migrate`, `shetu serve` (when it migrates) and `shetu demo` load by themselves. Loading
/// the same data again changes nothing.
pub trait ReferenceData: Send + Sync {
    /// The name after `shetu import`, e.g. `taxonomy`.
    fn name(&self) -> &'static str;
    /// One line for `shetu import --help` and for logs.
    fn about(&self) -> &'static str;
    /// Loads the data from `dir`, or the built-in copy when `dir` is `None`, in one transaction;
    /// `progress(done, total)` is called as it goes. Returns a one-line summary.
    fn load<'a>(
        &'a self,
        db: &'a Db,
        pack: &'static Pack,
        dir: Option<&'a std::path::Path>,
        progress: &'a (dyn Fn(u64, u64) + Send + Sync),
    ) -> BoxFuture<'a, Result<String, String>>;
}

/// A module's messages in bn, en and ar from `<dir>/<lang>/<file>` (paths relative to the file
/// that uses the macro):
///
/// ```text
/// const MESSAGES: &[Messages] = shetu_web::module_messages!("../../locales", "people.ftl");
/// ```
#[macro_export]
macro_rules! module_messages {
    ($dir:literal, $file:literal) => {
        &[
            $crate::seam::Messages {
                lang: "bn",
                source: include_str!(concat!($dir, "/bn/", $file)),
            },
            $crate::seam::Messages {
                lang: "en",
                source: include_str!(concat!($dir, "/en/", $file)),
            },
            $crate::seam::Messages {
                lang: "ar",
                source: include_str!(concat!($dir, "/ar/", $file)),
            },
        ]
    };
}

/// A demo login printed by `shetu demo`.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    /// What they are (`admin`, `agent`, `seller` …).
    pub role: String,
    /// Their phone.
    pub phone: String,
    /// Their name.
    pub name: String,
}

/// What a module's demo seeding can use.
#[derive(Debug, Clone, Copy)]
pub struct DemoContext<'a> {
    /// The database.
    pub db: &'a Db,
    /// The country pack.
    pub pack: &'static Pack,
    /// Every enabled module's messages (for texts the seeding writes, such as SMS).
    pub i18n: &'a crate::i18n::I18n,
    /// The platform administrator made by the people module (modules seeded after it).
    pub admin: Option<&'a Actor>,
}

/// What seeding a module's demo data returns.
pub type DemoResult = Result<DemoSeeded, Box<dyn std::error::Error + Send + Sync>>;

/// What a module seeded.
#[derive(Debug, Clone, Default)]
pub struct DemoSeeded {
    /// Logins to print.
    pub logins: Vec<DemoLogin>,
    /// An administrator the modules after this one can act as.
    pub admin: Option<Actor>,
}

/// Error codes a module's error types declare, for the message completeness test.
#[derive(Debug, Clone, Copy, Default)]
pub struct DeclaredCodes {
    /// Codes with an `error-<code>` message.
    pub errors: &'static [&'static str],
    /// Field codes with a `field-<code>` message.
    pub fields: &'static [&'static str],
}

impl DeclaredCodes {
    /// The codes of a [`shetu_core::Problem`] type.
    pub fn of<P: shetu_core::Problem>() -> DeclaredCodes {
        DeclaredCodes {
            errors: P::CODES,
            fields: P::FIELD_CODES,
        }
    }
}

/// A module: everything it brings to the platform. Every method has a default that brings
/// nothing, so a module implements only what it has.
pub trait Module: Send + Sync + 'static {
    /// Its name in configuration (`modules = [...]`), e.g. `people`.
    fn name(&self) -> &'static str;

    /// Reads its section of the configuration (`[modules.<name>]` in `shetu.toml`), knowing the
    /// node it runs on; an error names the setting.
    fn configure(&mut self, _section: Option<&toml::Value>, _node: &Node) -> Result<(), String> {
        Ok(())
    }

    /// Its tables: one folder per engine in its crate, in its own block of versions. Applied
    /// whether or not the module is enabled, so turning it on later needs no migration step.
    fn migrations(&self) -> Option<Migrations> {
        None
    }

    /// Its messages in every language.
    fn messages(&self) -> &'static [Messages] {
        &[]
    }

    /// The codes of its error types.
    fn error_codes(&self) -> Vec<DeclaredCodes> {
        Vec::new()
    }

    /// What an agent may be allowed to do for a person in this module. Each scope needs the
    /// messages `scope-…` (to the person: "keep your profile") and `scope-…-agent` (to the
    /// agent, third person: "update their profile").
    fn scopes(&self) -> Vec<Scope> {
        Vec::new()
    }

    /// Kinds of organisation it needs (each with an `org-kind-…` message).
    fn org_kinds(&self) -> Vec<OrgKind> {
        Vec::new()
    }

    /// Background job handlers.
    fn jobs(&self) -> Vec<Arc<dyn JobHandler>> {
        Vec::new()
    }

    /// Outbox events that become jobs of its handlers.
    fn subscriptions(&self) -> Vec<Subscription> {
        Vec::new()
    }

    /// Sources of documents for the search index.
    fn search_sources(&self) -> Vec<Arc<dyn Source>> {
        Vec::new()
    }

    /// API routes under `/api/v1`, documented (their OpenAPI tags come with them).
    fn api(&self) -> OpenApiRouter<AppState> {
        OpenApiRouter::new()
    }

    /// Pages.
    fn pages(&self) -> Router<AppState> {
        Router::new()
    }

    /// Header links.
    fn nav(&self) -> Vec<NavEntry> {
        Vec::new()
    }

    /// Cards on the home page.
    fn home(&self) -> Vec<HomeCard> {
        Vec::new()
    }

    /// What it keeps about people (download and erasure).
    fn personal_data(&self) -> Vec<Arc<dyn PersonalData>> {
        Vec::new()
    }

    /// Sections for every region's page.
    fn region_sections(&self) -> Vec<Arc<dyn RegionSection>> {
        Vec::new()
    }

    /// Reference data the module loads (see [`ReferenceData`]).
    fn reference_data(&self) -> Vec<Arc<dyn ReferenceData>> {
        Vec::new()
    }

    /// Who is signed in: the module that keeps sessions and tokens provides this (one per
    /// deployment).
    fn identity(&self) -> Option<Arc<dyn crate::auth::Identity>> {
        None
    }

    /// Seeds demo data once (later runs keep what is there).
    fn seed_demo<'a>(&'a self, _ctx: DemoContext<'a>) -> BoxFuture<'a, DemoResult> {
        Box::pin(async { Ok(DemoSeeded::default()) })
    }
}

/// The compiled-in modules and which of them are enabled.
#[derive(Clone)]
pub struct Modules {
    all: Vec<Arc<dyn Module>>,
    enabled: Vec<bool>,
}

impl std::fmt::Debug for Modules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(
                self.all
                    .iter()
                    .zip(&self.enabled)
                    .map(|(m, on)| (m.name(), on)),
            )
            .finish()
    }
}

impl Modules {
    /// Reference data of the enabled modules.
    pub fn reference_data(&self) -> Vec<Arc<dyn ReferenceData>> {
        self.enabled().flat_map(|m| m.reference_data()).collect()
    }

    /// Every compiled-in module, all enabled.
    pub fn new(all: Vec<Arc<dyn Module>>) -> Modules {
        let enabled = vec![true; all.len()];
        Modules { all, enabled }
    }

    /// Enables exactly the modules named in `names` (the `modules` setting); an unknown name is
    /// an error that lists the known ones.
    pub fn enable_only(mut self, names: &[String]) -> Result<Modules, String> {
        for name in names {
            if !self.all.iter().any(|m| m.name() == name) {
                let known: Vec<&str> = self.all.iter().map(|m| m.name()).collect();
                return Err(format!(
                    "modules: there is no module `{name}` in this build (it has: {})",
                    known.join(", ")
                ));
            }
        }
        self.enabled = self
            .all
            .iter()
            .map(|m| names.iter().any(|n| n == m.name()))
            .collect();
        Ok(self)
    }

    /// Every compiled-in module, enabled or not.
    pub fn compiled(&self) -> impl Iterator<Item = &Arc<dyn Module>> {
        self.all.iter()
    }

    /// The enabled modules, in the order the binary lists them.
    pub fn enabled(&self) -> impl Iterator<Item = &Arc<dyn Module>> {
        self.all
            .iter()
            .zip(&self.enabled)
            .filter(|(_, on)| **on)
            .map(|(m, _)| m)
    }

    /// Whether the module `name` is enabled.
    pub fn is_enabled(&self, name: &str) -> bool {
        self.enabled().any(|m| m.name() == name)
    }

    /// The migrations of every compiled-in module, the shell's first.
    pub fn migrations(&self) -> Vec<Migrations> {
        std::iter::once(shetu_store::core_migrations())
            .chain(self.all.iter().filter_map(|m| m.migrations()))
            .collect()
    }

    /// The messages of the shell and of every compiled-in module.
    pub fn messages(&self) -> Vec<Messages> {
        crate::i18n::SHELL_MESSAGES
            .iter()
            .chain(self.all.iter().flat_map(|m| m.messages().iter()))
            .copied()
            .collect()
    }

    /// Job handlers of the enabled modules.
    pub fn jobs(&self) -> Vec<Arc<dyn JobHandler>> {
        self.enabled().flat_map(|m| m.jobs()).collect()
    }

    /// Outbox subscriptions of the enabled modules.
    pub fn subscriptions(&self) -> Vec<Subscription> {
        self.enabled().flat_map(|m| m.subscriptions()).collect()
    }

    /// Search sources of the enabled modules.
    pub fn search_sources(&self) -> Vec<Arc<dyn Source>> {
        self.enabled().flat_map(|m| m.search_sources()).collect()
    }

    /// Configures each compiled-in module from its section (`[modules.<name>]`).
    pub fn configure(&mut self, sections: Option<&toml::Value>, node: &Node) -> Result<(), String> {
        for module in &mut self.all {
            let section = sections.and_then(|s| s.get(module.name()));
            let Some(m) = Arc::get_mut(module) else {
                return Err(format!("module {} is already in use", module.name()));
            };
            m.configure(section, node)
                .map_err(|e| format!("[modules.{}] {e}", m.name()))?;
        }
        Ok(())
    }
}
