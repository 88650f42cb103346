//! shetu-store: the one storage layer over SQLite (embedded default) and PostgreSQL (production).
//!
//! Every use case is written once, in portable SQL with `$1` placeholders, against sqlx's `Any`
//! driver; the engine is chosen by the database URL. Dialect branches exist only where SQL must
//! differ (row locking, transaction ids) and are marked with [`Backend`].

pub mod audit;
mod db;
mod error;
pub mod group;
pub mod housekeeping;
pub mod jobs;
mod later;
mod migrate;
pub mod outbox;
pub mod regions;
pub mod secret;
pub mod settings;
pub mod sql;
pub mod testing;

pub use db::{now_ms, Backend, Db, DbConfig, Synchronous, Tx};
pub use error::StoreError;
pub use migrate::{core as core_migrations, MigrationStatus, Migrations};

/// A boxed future, for traits that modules implement and the shell calls through `dyn`.
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;
