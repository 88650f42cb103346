//! The macro every whole-app test is declared with.

/// Declares a test of the whole app that runs on SQLite, PostgreSQL and PostgreSQL with an ICU
/// collation (the PostgreSQL runs are ignored, with the reason shown, without
/// `SHETU_TEST_PG_URL`):
///
/// ```text
/// shetu_testkit::app_test!(async fn home_page(app) {
///     assert_eq!(app.get("/", &[]).await.status, 200);
/// });
/// ```
#[macro_export]
macro_rules! app_test {
    (async fn $name:ident($app:ident) $body:block) => {
        $crate::app_test!(pack = "bd"; async fn $name($app) $body);
    };
    (pack = $pack:literal; async fn $name:ident($app:ident) $body:block) => {
        $crate::app_test!(@start |engine| $crate::TestApp::start_with(engine, $pack, $crate::shetu::modules());
            async fn $name($app) $body);
    };
    (serving; async fn $name:ident($app:ident) $body:block) => {
        $crate::app_test!(@start |engine| $crate::TestApp::serving(engine); async fn $name($app) $body);
    };
    (@start |$engine:ident| $start:expr; async fn $name:ident($app:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn body($app: &$crate::TestApp) $body

            async fn run($engine: $crate::TestEngine) {
                let app = $start.await;
                body(&app).await;
                app.finish().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run($crate::TestEngine::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(not(shetu_pg_tests), ignore = "PostgreSQL run skipped: SHETU_TEST_PG_URL was not set")]
            async fn postgres() {
                run($crate::TestEngine::Postgres).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(not(shetu_pg_tests), ignore = "PostgreSQL run skipped: SHETU_TEST_PG_URL was not set")]
            async fn postgres_icu() {
                run($crate::TestEngine::PostgresIcu).await;
            }
        }
    };
}
