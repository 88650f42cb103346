//! Migrations, one folder per engine, embedded in the binary.

use crate::db::{Backend, Db};
use crate::error::StoreError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use sqlx::Row;
use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;

type Embedded = &'static [(i64, &'static str, &'static str)];

const SQLITE: Embedded = &[
    (
        1,
        "foundation",
        include_str!("../migrations/sqlite/0001_foundation.sql"),
    ),
    (
        2,
        "people",
        include_str!("../migrations/sqlite/0002_people.sql"),
    ),
];
const POSTGRES: Embedded = &[
    (
        1,
        "foundation",
        include_str!("../migrations/postgres/0001_foundation.sql"),
    ),
    (
        2,
        "people",
        include_str!("../migrations/postgres/0002_people.sql"),
    ),
];

#[derive(Debug)]
struct Source(Embedded);

impl<'s> MigrationSource<'s> for Source {
    fn resolve(
        self,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, sqlx::error::BoxDynError>> + Send + 's>>
    {
        Box::pin(async move {
            Ok(self
                .0
                .iter()
                .map(|(version, name, sql)| {
                    Migration::new(
                        *version,
                        Cow::Borrowed(*name),
                        MigrationType::Simple,
                        Cow::Borrowed(*sql),
                        false,
                    )
                })
                .collect())
        })
    }
}

/// How the database's schema compares with this build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    /// Versions applied successfully.
    pub applied: Vec<i64>,
    /// Versions this build has and the database lacks.
    pub pending: Vec<i64>,
}

impl MigrationStatus {
    /// Whether every migration of this build is applied.
    pub fn is_current(&self) -> bool {
        self.pending.is_empty()
    }
}

impl Db {
    fn embedded(&self) -> Embedded {
        match self.backend() {
            Backend::Sqlite => SQLITE,
            Backend::Postgres => POSTGRES,
        }
    }

    /// Applies the migrations this build has and the database lacks. Safe to run from several
    /// nodes at once on PostgreSQL (sqlx takes an advisory lock).
    pub async fn migrate(&self) -> Result<(), StoreError> {
        let migrator = Migrator::new(Source(self.embedded())).await?;
        migrator.run(self.pool()).await?;
        Ok(())
    }

    /// Which migrations are applied and which are pending.
    pub async fn migration_status(&self) -> Result<MigrationStatus, StoreError> {
        let rows = sqlx::query(
            "SELECT version FROM _sqlx_migrations WHERE success = true ORDER BY version",
        )
        .fetch_all(self.pool())
        .await;
        let applied: Vec<i64> = match rows {
            Ok(rows) => rows
                .iter()
                .map(|r| r.try_get::<i64, _>(0))
                .collect::<Result<_, _>>()?,
            // No bookkeeping table yet: nothing applied.
            Err(sqlx::Error::Database(_)) => Vec::new(),
            Err(e) => return Err(e.into()),
        };
        let pending = self
            .embedded()
            .iter()
            .map(|m| m.0)
            .filter(|v| !applied.contains(v))
            .collect();
        Ok(MigrationStatus { applied, pending })
    }
}
