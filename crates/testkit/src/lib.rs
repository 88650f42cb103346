//! shetu-testkit: every integration test gets the same app.
//!
//! [`TestApp`] is the whole platform as the binary composes it (every compiled-in module, or the
//! ones a test names) over a fresh database on one engine, with the country pack seeded. Tests
//! talk to it as a browser or an API client does ([`TestApp::get`], [`TestApp::post`],
//! [`TestApp::json`]) and read answers through [`Answer`], which decodes the error envelope.
//! People come from [`TestApp::login_as`]; an agent gets a mandate with [`TestApp::act_for`];
//! background work runs when the test says so ([`TestApp::run_jobs`], [`TestApp::integrate_audit`]);
//! SMS codes are read with [`TestApp::last_sms_to`].
//!
//! [`app_test!`] runs one body on SQLite, PostgreSQL and PostgreSQL with an ICU collation.

use axum::body::Body;
use axum::http::{Method, Request};
use axum::Router;
use http_body_util::BodyExt;
use shetu_core::Phone;
use shetu_pack::Pack;
use shetu_store::audit::HeadSigner;
use shetu_store::jobs::JobRunner;
use shetu_store::testing::{fresh_with, Engine, TestDb};
use shetu_store::{now_ms, regions, Db};
use shetu_web::{app, AppState, AuditKeys, Modules, WebConfig};
use std::sync::atomic::{AtomicU32, Ordering};
use tower::ServiceExt;

#[doc(hidden)]
pub use shetu;
pub use shetu_store::testing::Engine as TestEngine;

/// The password every person made by the kit has.
pub const PASSWORD: &str = "test-password-1";

pub use shetu_store::testing::ok;

mod answer;
mod macros;
mod people;
pub use answer::Answer;
pub use people::Person;

/// The whole platform on a fresh database.
pub struct TestApp {
    /// The database.
    pub db: Db,
    /// The app's state (as handlers see it).
    pub state: AppState,
    /// The country pack.
    pub pack: &'static Pack,
    /// The modules, as configured for this app.
    pub modules: Modules,
    /// The audit log's signer.
    pub signer: HeadSigner,
    router: Router,
    runner: JobRunner,
    test: TestDb,
    search: std::sync::Arc<shetu_search::TantivyIndex>,
    people: AtomicU32,
    /// Where this app keeps files (removed by `finish`).
    pub data_dir: std::path::PathBuf,
    /// Where the app answers over real HTTP, when started with [`TestApp::serving`].
    pub base_url: Option<String>,
}

static APPS: AtomicU32 = AtomicU32::new(0);

fn test_node(public_url: String) -> shetu_web::seam::Node {
    let dir = std::env::temp_dir().join(format!(
        "shetu-test-{}-{}-{}",
        std::process::id(),
        APPS.fetch_add(1, Ordering::Relaxed),
        now_ms()
    ));
    shetu_web::seam::Node {
        public_url,
        data_dir: dir,
        demo: true,
    }
}

impl TestApp {
    /// Every compiled-in module, Bangladesh's pack, on `engine`.
    pub async fn start(engine: Engine) -> TestApp {
        TestApp::start_with(engine, "bd", shetu::modules()).await
    }

    /// `modules` (e.g. with some disabled) and the pack `pack` on `engine`.
    pub async fn start_with(engine: Engine, pack: &str, modules: Modules) -> TestApp {
        // Nothing listens there: a provider call from such an app fails as a network error.
        let node = test_node("http://127.0.0.1:9".into());
        TestApp::start_on(engine, pack, modules, node, None).await
    }

    /// The whole platform answering over real HTTP on a free local port (`base_url`), so that
    /// providers' sandboxes and callbacks run their protocol for real.
    pub async fn serving(engine: Engine) -> TestApp {
        TestApp::serving_with(engine, "").await
    }

    /// As [`TestApp::serving`], with modules' settings as a node's `[modules]` table holds them
    /// (`[commerce.photos]` and so on, in TOML).
    pub async fn serving_with(engine: Engine, modules_toml: &str) -> TestApp {
        let sections: toml::Value = ok(toml::from_str(modules_toml));
        let listener = ok(tokio::net::TcpListener::bind("127.0.0.1:0").await);
        let base = format!("http://{}", ok(listener.local_addr()));
        let node = test_node(base.clone());
        let mut app =
            TestApp::start_on(engine, "bd", shetu::modules(), node, Some(&sections)).await;
        let router = app.router.clone();
        tokio::spawn(async move {
            let service = router.into_make_service_with_connect_info::<std::net::SocketAddr>();
            let _ = axum::serve(listener, service).await;
        });
        app.base_url = Some(base);
        app
    }

    async fn start_on(
        engine: Engine,
        pack: &str,
        mut modules: Modules,
        node: shetu_web::seam::Node,
        sections: Option<&toml::Value>,
    ) -> TestApp {
        ok(modules.configure(sections, &node));
        let pack = ok(Pack::built_in(pack));
        let sets = modules.migrations();
        let test = fresh_with(engine, &sets.iter().collect::<Vec<_>>()).await;
        let db = test.db.clone();
        ok(regions::seed(&db, pack).await);
        let signer = HeadSigner::generate();
        let keys = AuditKeys {
            current: Some((signer.public_key(), signer.key_id())),
        };
        let config = WebConfig {
            demo: true,
            ..WebConfig::default()
        };
        let search = std::sync::Arc::new(
            ok(shetu_search::TantivyIndex::in_memory())
                .with_synonyms(shetu_search::Synonyms::parse(&pack.synonyms)),
        );
        let state =
            ok(AppState::new(db.clone(), pack, config, &modules, keys)).with_search(search.clone());
        let router = app(state.clone(), &modules);
        let mut runner = JobRunner::new(db.clone());
        for handler in modules.jobs() {
            runner = runner.register_shared(handler);
        }
        TestApp {
            db,
            state,
            pack,
            modules,
            signer,
            router,
            runner,
            test,
            search,
            people: AtomicU32::new(0),
            data_dir: node.data_dir,
            base_url: None,
        }
    }

    /// Brings this app's search index up to date with every event written so far, as a node's
    /// feed does every half second. On PostgreSQL an event becomes readable only once every
    /// older transaction (of any test sharing the server) has ended, so this follows the feed
    /// until it has passed the newest event, for at most 2 seconds; returns how many events it
    /// read.
    pub async fn sync_search(&self) -> usize {
        let newest: Option<(i64, i64)> = ok(sqlx::query_as(
            "SELECT txid, seq FROM outbox_event ORDER BY txid DESC, seq DESC LIMIT 1",
        )
        .fetch_optional(self.db.pool())
        .await);
        let started = std::time::Instant::now();
        let mut read = 0;
        loop {
            read += ok(shetu_search::feed::catch_up(
                &self.db,
                &*self.search,
                &self.modules.search_sources(),
            )
            .await);
            let at = ok(shetu_search::SearchBackend::position(&*self.search)).unwrap_or_default();
            let passed = newest.is_none_or(|n| (at.txid, at.seq) >= n);
            if passed || started.elapsed() > std::time::Duration::from_secs(2) {
                assert!(
                    passed,
                    "the search feed did not reach the newest event within 2 s"
                );
                return read;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// Removes the database.
    pub async fn finish(self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
        self.test.finish().await;
    }

    /// Sends a request to the app.
    pub async fn send(&self, request: Request<Body>) -> Answer {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .unwrap_or_else(|e| match e {});
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .map(|b| b.to_bytes().to_vec())
            .unwrap_or_default();
        Answer {
            status,
            headers,
            body,
        }
    }

    /// A request with `method`, `uri`, headers and a body.
    pub async fn request(
        &self,
        method: Method,
        uri: &str,
        headers: &[(&str, &str)],
        body: impl Into<Body>,
    ) -> Answer {
        let mut request = Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        self.send(ok(request.body(body.into()))).await
    }

    /// `GET uri`.
    pub async fn get(&self, uri: &str, headers: &[(&str, &str)]) -> Answer {
        self.request(Method::GET, uri, headers, Body::empty()).await
    }

    /// `POST uri` with a body of `content_type`.
    pub async fn post(
        &self,
        uri: &str,
        content_type: &str,
        body: impl Into<Body>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut all = vec![("content-type", content_type)];
        all.extend_from_slice(headers);
        self.request(Method::POST, uri, &all, body).await
    }

    /// A JSON request as `who` (bearer token), or anonymous.
    pub async fn json(
        &self,
        method: Method,
        uri: &str,
        who: Option<&Person>,
        body: Option<serde_json::Value>,
    ) -> Answer {
        self.json_with(method, uri, who, &[], body).await
    }

    /// A JSON request as `who` with extra headers (e.g. `On-Behalf-Of`, `Accept-Language`).
    pub async fn json_with(
        &self,
        method: Method,
        uri: &str,
        who: Option<&Person>,
        extra: &[(&str, &str)],
        body: Option<serde_json::Value>,
    ) -> Answer {
        let auth = who.map(|p| format!("Bearer {}", p.token));
        let mut headers = vec![("content-type", "application/json")];
        headers.extend_from_slice(extra);
        if let Some(a) = &auth {
            headers.push(("authorization", a.as_str()));
        }
        let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
        self.request(method, uri, &headers, body).await
    }

    /// The CSRF cookie (and token) a first visit gets.
    pub async fn csrf_cookie(&self) -> String {
        let page = self.get("/", &[]).await;
        page.cookie("shetu_csrf")
            .unwrap_or_else(|| panic!("no CSRF cookie on a first visit"))
    }

    /// A URL-encoded form posted from the same site, with the CSRF token of `csrf` and the
    /// browser of `who` (or an anonymous one).
    pub async fn form(&self, uri: &str, fields: &[(&str, &str)], who: Option<&Person>) -> Answer {
        let (cookie, token) = match who {
            Some(p) => {
                let csrf = self.session_csrf(p).await;
                (format!("shetu_session={}", p.session), csrf)
            }
            None => {
                let csrf = self.csrf_cookie().await;
                (format!("shetu_csrf={csrf}"), csrf)
            }
        };
        let mut pairs = vec![("csrf".to_owned(), token)];
        pairs.extend(
            fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        let body = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.post(
            uri,
            "application/x-www-form-urlencoded",
            body,
            &[("cookie", &cookie)],
        )
        .await
    }

    /// Turns outbox events into jobs for the modules' subscriptions, as a node's relay does;
    /// returns how many events it passed.
    pub async fn relay(&self) -> usize {
        let mut relay = shetu_store::outbox::Relay::new();
        for s in self.modules.subscriptions() {
            relay = relay.subscribe(&s.topic_prefix, &s.job_kind);
        }
        // As `sync_search`: on PostgreSQL an event is read only once every older transaction has
        // ended, so this goes on until the relay has passed the newest event (at most 2 s).
        let newest: Option<(i64, i64)> = ok(sqlx::query_as(
            "SELECT txid, seq FROM outbox_event ORDER BY txid DESC, seq DESC LIMIT 1",
        )
        .fetch_optional(self.db.pool())
        .await);
        let started = std::time::Instant::now();
        let mut passed = 0;
        loop {
            passed += ok(relay.relay_once(&self.db).await);
            let at: Option<(i64, i64)> = ok(sqlx::query_as(
                "SELECT last_txid, last_seq FROM outbox_cursor WHERE consumer = 'outbox.relay'",
            )
            .fetch_optional(self.db.pool())
            .await);
            let done = newest.is_none_or(|n| at.is_some_and(|a| a >= n));
            if done || started.elapsed() > std::time::Duration::from_secs(2) {
                assert!(
                    done,
                    "the outbox relay did not reach the newest event within 2 s"
                );
                return passed;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// Runs every job that is due (SMS sending, …); returns how many ran.
    pub async fn run_jobs(&self) -> usize {
        ok(self.runner.run_pending().await).len()
    }

    /// The six-digit code in the newest text message sent to `phone`.
    pub async fn last_code_to(&self, phone: &Phone) -> String {
        let sms = self
            .last_sms_to(phone)
            .await
            .unwrap_or_else(|| panic!("no SMS reached {phone}"));
        let digits: Vec<char> = sms.chars().collect();
        digits
            .windows(6)
            .find(|w| w.iter().all(char::is_ascii_digit))
            .map(|w| w.iter().collect())
            .unwrap_or_else(|| panic!("no code in the SMS: {sms}"))
    }

    /// Runs due jobs, then reads the newest text message sent to `phone` (sandbox gateway).
    pub async fn last_sms_to(&self, phone: &Phone) -> Option<String> {
        self.run_jobs().await;
        ok(shetu_people::sms::sandbox_outbox(&self.db, Some(phone), 1).await)
            .into_iter()
            .next()
            .map(|m| m.body)
    }

    /// Appends every committed audit event to the tree and signs a head.
    pub async fn integrate_audit(&self) {
        for _ in 0..500 {
            ok(shetu_store::audit::integrate(&self.db, &self.signer, 10_000).await);
            if ok(shetu_store::audit::integration_lag_s(&self.db).await) == 0.0 {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("audit events were not integrated within 10 s");
    }
}

fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}
