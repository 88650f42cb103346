//! Migrations: every module keeps its own, one folder per engine, embedded at build time by
//! sqlx's `migrate!` and numbered in the module's own block of versions (block `n` owns versions
//! `n*1000 .. n*1000+999`; the shell's storage is block 0). The node applies them all as one list.

use crate::db::{Backend, Db};
use crate::error::StoreError;
use sqlx::migrate::{Migration, MigrationSource, Migrator};
use sqlx::Row;
use std::future::Future;
use std::pin::Pin;

/// One module's migrations for both engines.
#[derive(Debug)]
pub struct Migrations {
    /// Who owns them (for messages).
    pub owner: &'static str,
    /// The block of versions they live in.
    pub block: i64,
    /// For SQLite.
    pub sqlite: Migrator,
    /// For PostgreSQL.
    pub postgres: Migrator,
}

impl Migrations {
    fn for_backend(&self, backend: Backend) -> &Migrator {
        match backend {
            Backend::Sqlite => &self.sqlite,
            Backend::Postgres => &self.postgres,
        }
    }

    /// Checks that both engines have the same versions and that they sit in the owner's block.
    pub fn check(&self) -> Result<(), StoreError> {
        let versions = |m: &Migrator| m.iter().map(|m| m.version).collect::<Vec<_>>();
        let (lite, pg) = (versions(&self.sqlite), versions(&self.postgres));
        if lite != pg {
            return Err(StoreError::Config(format!(
                "{}: SQLite migrations {lite:?} and PostgreSQL migrations {pg:?} differ",
                self.owner
            )));
        }
        let range = self.block * 1000..self.block * 1000 + 1000;
        if let Some(v) = lite.iter().find(|v| !range.contains(v)) {
            return Err(StoreError::Config(format!(
                "{}: migration {v} is outside its block {range:?}",
                self.owner
            )));
        }
        Ok(())
    }
}

/// The shell's own tables: settings, regions, jobs, outbox, the audit log.
pub fn core() -> Migrations {
    Migrations {
        owner: "store",
        block: 0,
        sqlite: sqlx::migrate!("migrations/sqlite"),
        postgres: sqlx::migrate!("migrations/postgres"),
    }
}

#[derive(Debug)]
struct Merged(Vec<Migration>);

impl<'s> MigrationSource<'s> for Merged {
    fn resolve(
        self,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, sqlx::error::BoxDynError>> + Send + 's>>
    {
        Box::pin(async move { Ok(self.0) })
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
    fn merged(&self, sets: &[&Migrations]) -> Result<Vec<Migration>, StoreError> {
        let mut all = Vec::new();
        for set in sets {
            set.check()?;
            all.extend(set.for_backend(self.backend()).iter().cloned());
        }
        all.sort_by_key(|m| m.version);
        if let Some(w) = all.windows(2).find(|w| w[0].version == w[1].version) {
            return Err(StoreError::Config(format!(
                "two modules claim migration version {}",
                w[0].version
            )));
        }
        Ok(all)
    }

    /// Applies the migrations of `sets` that the database lacks. Safe to run from several nodes
    /// at once on PostgreSQL (sqlx takes an advisory lock).
    pub async fn migrate(&self, sets: &[&Migrations]) -> Result<(), StoreError> {
        let migrator = Migrator::new(Merged(self.merged(sets)?)).await?;
        match migrator.run(self.writer()).await {
            Err(sqlx::migrate::MigrateError::VersionMissing(v)) => {
                Err(StoreError::Config(format!(
                "the database has migration {v}, which this build does not know: it was made by \
                 another build or with a module that is no longer compiled in (a demo database \
                 from an older build can simply be deleted)"
            )))
            }
            other => Ok(other?),
        }
    }

    /// Which migrations of `sets` are applied and which are pending.
    pub async fn migration_status(
        &self,
        sets: &[&Migrations],
    ) -> Result<MigrationStatus, StoreError> {
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
            .merged(sets)?
            .iter()
            .map(|m| m.version)
            .filter(|v| !applied.contains(v))
            .collect();
        Ok(MigrationStatus { applied, pending })
    }
}
