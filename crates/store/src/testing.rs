//! Test support: every storage-touching test runs on a fresh SQLite file and, when
//! `SHETU_TEST_PG_URL` is set, on a fresh PostgreSQL schema. Use [`db_test!`](crate::db_test).

use crate::db::{Db, DbConfig};

/// The value of a test's setup step, or a panic showing the error: setup must not fail quietly.
pub fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// The engine a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// A new SQLite file in the temp folder.
    Sqlite,
    /// A new schema in the database at `SHETU_TEST_PG_URL`.
    Postgres,
    /// A new schema in a sibling database created with a Bangla ICU collation (production
    /// databases are rarely `C`): ordering and comparisons that depend on it show up in tests.
    PostgresIcu,
}

/// The name of the ICU-collated sibling of the test database.
const ICU_SUFFIX: &str = "_icu_bn";

/// `url` with its database name suffixed.
fn sibling_url(url: &str, suffix: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let with = match base.rsplit_once('/') {
        Some((head, db)) if !head.ends_with('/') && !db.is_empty() => {
            format!("{head}/{db}{suffix}")
        }
        _ => format!("{}/postgres{suffix}", base.trim_end_matches('/')),
    };
    match query {
        Some(q) => format!("{with}?{q}"),
        None => with,
    }
}

/// Creates the ICU-collated test database once (several test threads may race: the loser's
/// "already exists" is fine).
async fn ensure_icu_database(url: &str) -> Result<String, String> {
    let target = sibling_url(url, ICU_SUFFIX);
    let name = target
        .split('?')
        .next()
        .and_then(|b| b.rsplit('/').next())
        .unwrap_or_default()
        .to_owned();
    let admin = Db::connect(&DbConfig::new(url.to_owned()))
        .await
        .map_err(|e| e.to_string())?;
    use sqlx::Row;
    let exists = sqlx::query("SELECT COUNT(*) FROM pg_database WHERE datname = $1")
        .bind(&name)
        .fetch_one(admin.pool())
        .await
        .and_then(|r| r.try_get::<i64, _>(0))
        .map_err(|e| e.to_string())?;
    if exists == 0 {
        let made = sqlx::query(&format!(
            "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'bn-BD' LOCALE 'C.UTF-8'"
        ))
        .execute(admin.pool())
        .await;
        if let Err(e) = made {
            if !e.to_string().contains("already exists") && !e.to_string().contains("duplicate key")
            {
                admin.close().await;
                return Err(format!("cannot create {name}: {e}"));
            }
        }
    }
    admin.close().await;
    Ok(target)
}

/// A fresh, migrated database that removes itself on [`TestDb::finish`].
#[derive(Debug)]
pub struct TestDb {
    /// The database.
    pub db: Db,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    File(std::path::PathBuf),
    Schema { admin: Db, schema: String },
}

/// The PostgreSQL URL for tests, if set.
pub fn pg_url() -> Option<String> {
    std::env::var("SHETU_TEST_PG_URL")
        .ok()
        .filter(|v| !v.is_empty())
}

/// Creates a fresh database on `engine` with the shell's own tables.
///
/// # Panics
/// When the database cannot be created: a test without its database must fail loudly.
pub async fn fresh(engine: Engine) -> TestDb {
    fresh_with(engine, &[&crate::core_migrations()]).await
}

/// Creates a fresh database on `engine` with the tables of `sets`.
///
/// # Panics
/// When the database cannot be created: a test without its database must fail loudly.
pub async fn fresh_with(engine: Engine, sets: &[&crate::Migrations]) -> TestDb {
    match try_fresh(engine, sets).await {
        Ok(t) => t,
        Err(e) => panic!("cannot create a fresh {engine:?} test database: {e}"),
    }
}

async fn try_fresh(engine: Engine, sets: &[&crate::Migrations]) -> Result<TestDb, String> {
    let tag = format!(
        "{}_{}",
        crate::now_ms() / 1000,
        uuid::Uuid::new_v4().simple()
    );
    let test = match engine {
        Engine::Sqlite => {
            let path = std::env::temp_dir().join(format!("shetu-test-{tag}.sqlite"));
            let mut config = DbConfig::new(format!("sqlite://{}", path.display()));
            config.max_connections = 4;
            let db = Db::connect(&config).await.map_err(|e| e.to_string())?;
            TestDb {
                db,
                cleanup: Cleanup::File(path),
            }
        }
        Engine::Postgres | Engine::PostgresIcu => {
            let mut url = pg_url().ok_or("SHETU_TEST_PG_URL is not set")?;
            if engine == Engine::PostgresIcu {
                url = ensure_icu_database(&url).await?;
            }
            let mut admin_config = DbConfig::new(url.clone());
            admin_config.max_connections = 1;
            let admin = Db::connect(&admin_config)
                .await
                .map_err(|e| e.to_string())?;
            sweep_old_schemas(&admin).await;
            let schema = format!("shetu_t_{tag}");
            sqlx::query(&format!("CREATE SCHEMA {schema}"))
                .execute(admin.pool())
                .await
                .map_err(|e| e.to_string())?;
            let mut config = DbConfig::new(url);
            config.max_connections = 4;
            config.pg_schema = Some(schema.clone());
            let db = Db::connect(&config).await.map_err(|e| e.to_string())?;
            TestDb {
                db,
                cleanup: Cleanup::Schema { admin, schema },
            }
        }
    };
    test.db.migrate(sets).await.map_err(|e| e.to_string())?;
    Ok(test)
}

/// Drops test schemas left behind by runs that crashed more than two hours ago.
async fn sweep_old_schemas(admin: &Db) {
    use sqlx::Row;
    let cutoff = crate::now_ms() / 1000 - 7200;
    let Ok(rows) = sqlx::query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'shetu_t_%'")
        .fetch_all(admin.pool())
        .await
    else {
        return;
    };
    for row in rows {
        let Ok(name) = row.try_get::<String, _>(0) else {
            continue;
        };
        let born = name
            .split('_')
            .nth(2)
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(i64::MAX);
        if born < cutoff {
            let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS {name} CASCADE"))
                .execute(admin.pool())
                .await;
        }
    }
}

impl TestDb {
    /// Closes the database and removes it.
    pub async fn finish(self) {
        self.db.close().await;
        match self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Schema { admin, schema } => {
                let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
                    .execute(admin.pool())
                    .await;
                admin.close().await;
            }
        }
    }
}

/// Declares a storage test that runs once on SQLite and once on PostgreSQL:
///
/// ```text
/// shetu_store::db_test!(async fn regions_seed(db) {
///     assert!(shetu_store::regions::seed(&db, pack).await.is_ok());
/// });
/// ```
///
/// It expands to a module `regions_seed` with tests `sqlite`, `postgres` and `postgres_icu` (a
/// database with a Bangla ICU collation). The PostgreSQL test
/// is compiled as ignored, with the reason shown, unless `SHETU_TEST_PG_URL` was set at build time.
#[macro_export]
macro_rules! db_test {
    (async fn $name:ident($db:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn body($db: $crate::Db) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let test = $crate::testing::fresh($crate::testing::Engine::Sqlite).await;
                body(test.db.clone()).await;
                test.finish().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(not(shetu_pg_tests), ignore = "PostgreSQL run skipped: SHETU_TEST_PG_URL was not set")]
            async fn postgres() {
                let test = $crate::testing::fresh($crate::testing::Engine::Postgres).await;
                body(test.db.clone()).await;
                test.finish().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(not(shetu_pg_tests), ignore = "PostgreSQL run skipped: SHETU_TEST_PG_URL was not set")]
            async fn postgres_icu() {
                let test = $crate::testing::fresh($crate::testing::Engine::PostgresIcu).await;
                body(test.db.clone()).await;
                test.finish().await;
            }
        }
    };
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_icu_sibling_keeps_host_and_options() {
        assert_eq!(
            super::sibling_url("postgres://postgres@127.0.0.1:5432/test", "_icu_bn"),
            "postgres://postgres@127.0.0.1:5432/test_icu_bn"
        );
        assert_eq!(
            super::sibling_url("postgres://u@h/db?sslmode=disable", "_x"),
            "postgres://u@h/db_x?sslmode=disable"
        );
    }
}
