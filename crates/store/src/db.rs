use crate::error::StoreError;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::str::FromStr;
use std::sync::Once;
use std::time::Duration;

/// A write transaction that knows its engine. On SQLite it began with `BEGIN IMMEDIATE` (it
/// holds the write lock from the start, so a read-then-write use case cannot fail half way on a
/// lock upgrade). Statements run on `&mut **tx`, its connection.
///
/// On SQLite, write transactions waiting for the writer share one commit (see [`crate::group`]):
/// `commit` returns once the shared commit is on disk.
#[derive(Debug)]
pub struct Tx {
    inner: TxInner,
    backend: Backend,
    /// Writes queued to go with the commit (see [`Tx::later`]).
    later: Option<crate::later::Later>,
}

#[derive(Debug)]
enum TxInner {
    Postgres(sqlx::Transaction<'static, sqlx::Any>),
    Sqlite(crate::group::LiteTx),
}

impl Tx {
    /// The engine this transaction runs on.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Queues a write that nothing later in this transaction reads (an outbox event, an audit
    /// event, the last rows of a use case): every queued write is sent in one round trip just
    /// before the commit, in the order queued, and fails the commit if it fails. `write` appends
    /// one statement to the builder, binding its values with [`Sql::bind`](crate::sql::Sql::bind).
    ///
    /// Statements a use case runs on the connection itself go out at once, as always; they must
    /// not read rows queued here.
    pub fn later(&mut self, write: impl FnOnce(&mut crate::sql::Sql) + Send + 'static) {
        self.later
            .get_or_insert_with(crate::later::Later::default)
            .push(write);
    }

    /// Queues a row to insert with the commit, as [`Tx::later`]: `insert` is
    /// `INSERT INTO t (…) VALUES `, `row` binds the row's values. Rows for the same `insert` go
    /// out as one multi-row statement, in the order queued.
    pub fn later_row(
        &mut self,
        insert: &'static str,
        row: impl FnOnce(&mut crate::sql::Values<'_>) + Send + 'static,
    ) {
        self.later
            .get_or_insert_with(crate::later::Later::default)
            .row(insert, row);
    }

    /// Sends the queued writes, then commits.
    pub async fn commit(mut self) -> Result<(), StoreError> {
        let later = self.later.take();
        match self.inner {
            TxInner::Postgres(mut t) => {
                if let Some(later) = later {
                    later.send(Backend::Postgres, &mut t).await?;
                }
                t.commit().await?
            }
            TxInner::Sqlite(t) => t.commit_with(later).await?,
        }
        Ok(())
    }

    /// Rolls back (dropping a transaction does so too).
    pub async fn rollback(self) -> Result<(), StoreError> {
        match self.inner {
            TxInner::Postgres(t) => t.rollback().await?,
            TxInner::Sqlite(t) => t.rollback().await?,
        }
        Ok(())
    }
}

impl std::ops::Deref for Tx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &Self::Target {
        match &self.inner {
            TxInner::Postgres(t) => t,
            TxInner::Sqlite(t) => t.conn(),
        }
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        match &mut self.inner {
            TxInner::Postgres(t) => t,
            TxInner::Sqlite(t) => t.conn_mut(),
        }
    }
}

/// The database engine behind a [`Db`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, embedded: one file, one writer at a time.
    Sqlite,
    /// PostgreSQL, for production and several nodes.
    Postgres,
}

impl Backend {
    /// The engine's name, as shown to operators.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// How to reach the database.
#[derive(Debug, Clone)]
pub struct DbConfig {
    /// `sqlite://path/to/file.db` or `postgres://user@host/db`.
    pub url: String,
    /// Pool size (PostgreSQL connections; SQLite readers).
    pub max_connections: u32,
    /// How long to wait for a free connection.
    pub acquire_timeout: Duration,
    /// PostgreSQL schema to work in (`search_path`); `None` for the server's default.
    pub pg_schema: Option<String>,
    /// SQLite durability: `Full` (the default: an acknowledged change survives a power cut) or
    /// `Normal` (faster; the last transactions may be lost on a power cut, never corrupted).
    pub sqlite_synchronous: Synchronous,
}

/// SQLite's `synchronous` setting (WAL mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Synchronous {
    /// Every commit is on disk before it is acknowledged.
    #[default]
    Full,
    /// Commits are on disk at the next checkpoint; a power cut may lose the last ones.
    Normal,
}

impl Synchronous {
    fn pragma(self) -> &'static str {
        match self {
            Synchronous::Full => "FULL",
            Synchronous::Normal => "NORMAL",
        }
    }
}

impl DbConfig {
    /// A configuration with the default pool settings.
    pub fn new(url: impl Into<String>) -> DbConfig {
        DbConfig {
            url: url.into(),
            max_connections: 10,
            acquire_timeout: Duration::from_secs(10),
            pg_schema: None,
            sqlite_synchronous: Synchronous::Full,
        }
    }
}

/// The database: its connections and the engine it talks to. Cheap to clone.
///
/// On SQLite, which has one writer, write transactions queue for **one** writer connection (in
/// the order they asked) while reads use a pool of their own — shaped as fast SQLite servers are,
/// so that writers never spin on SQLite's busy lock and a reader never waits for a writer. On
/// PostgreSQL both are the same pool.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    writer: AnyPool,
    /// SQLite's queue of write transactions, with group commit.
    group: Option<crate::group::Writer>,
    backend: Backend,
}

fn install_drivers() {
    static ONCE: Once = Once::new();
    ONCE.call_once(sqlx::any::install_default_drivers);
}

/// A pooled PostgreSQL connection idle longer than this is checked before use.
const CHECK_IF_IDLE_FOR: Duration = Duration::from_secs(1);

/// Milliseconds since the Unix epoch, UTC.
pub fn now_ms() -> i64 {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
}

impl Db {
    /// Opens a pool. SQLite files (and their folder) are created if missing, and every SQLite
    /// connection runs in WAL mode with foreign keys on and a busy timeout.
    pub async fn connect(config: &DbConfig) -> Result<Db, StoreError> {
        install_drivers();
        let (backend, url) = if let Some(path) = config.url.strip_prefix("sqlite://") {
            (Backend::Sqlite, sqlite_url(path)?)
        } else if config.url.starts_with("postgres://") || config.url.starts_with("postgresql://") {
            (Backend::Postgres, config.url.clone())
        } else {
            return Err(StoreError::Config(
                "database_url must start with sqlite:// or postgres://".into(),
            ));
        };
        let options = AnyConnectOptions::from_str(&url)
            .map_err(|e| StoreError::Config(format!("database_url is not valid: {e}")))?;
        let schema = config.pg_schema.clone();
        if let Some(s) = &schema {
            if !s
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            {
                return Err(StoreError::Config(
                    "pg_schema may hold only a-z, 0-9 and _".into(),
                ));
            }
        }
        let synchronous = config.sqlite_synchronous.pragma();
        // The writer runs each use case of a shared commit in a savepoint; SQLite copies every
        // page a savepoint changes for the first time into a sub-journal, which spills to a
        // temporary file past 64 KiB unless temporary storage is kept in memory: a write system
        // call per page, about a twentieth of the node's time under checkouts. Readers keep the
        // default, so that a large sort can still spill to disk.
        let options_for = |max: u32, acquire: Duration, temp: &'static str| {
            let schema = schema.clone();
            AnyPoolOptions::new()
                .max_connections(max.max(1))
                .acquire_timeout(acquire)
                // sqlx checks every connection with a round trip before handing it out. An
                // embedded SQLite connection cannot have gone away; a PostgreSQL one that was
                // in use a moment ago is known to be alive. Only one idle for a while (a server
                // restart, a dropped link) is checked.
                .test_before_acquire(false)
                .before_acquire(move |conn, meta| {
                    Box::pin(async move {
                        if backend == Backend::Postgres && meta.idle_for > CHECK_IF_IDLE_FOR {
                            sqlx::Connection::ping(conn).await?;
                        }
                        Ok(true)
                    })
                })
                .after_connect(move |conn, _meta| {
                    let schema = schema.clone();
                    Box::pin(async move {
                        match backend {
                            Backend::Sqlite => {
                                conn.execute(
                                    format!(
                                        "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; \
                                         PRAGMA busy_timeout = 10000; PRAGMA synchronous = {synchronous}; \
                                         PRAGMA temp_store = {temp};"
                                    )
                                    .as_str(),
                                )
                                .await?;
                            }
                            Backend::Postgres => {
                                conn.execute("SET TIME ZONE 'UTC'").await?;
                                if let Some(schema) = schema {
                                    conn.execute(format!("SET search_path TO {schema}").as_str())
                                        .await?;
                                }
                            }
                        }
                        Ok(())
                    })
                })
        };
        let pool = options_for(config.max_connections, config.acquire_timeout, "DEFAULT")
            .connect_with(options.clone())
            .await?;
        let patience = config.acquire_timeout.max(Duration::from_secs(30));
        let (writer, group) = match backend {
            Backend::Postgres => (pool.clone(), None),
            // One writer; those waiting for it queue in order. A write transaction is short, so
            // the wait is bounded by the queue's length, not by SQLite's busy back-off.
            Backend::Sqlite => {
                let writer = options_for(1, patience, "MEMORY")
                    .connect_with(options)
                    .await?;
                let group = crate::group::Writer::new(writer.clone(), patience);
                (writer, Some(group))
            }
        };
        Ok(Db {
            pool,
            writer,
            group,
            backend,
        })
    }

    /// The engine.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool for reads (on SQLite, the readers).
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Where a single write statement outside a transaction goes (on SQLite, the one writer).
    pub fn writer(&self) -> &AnyPool {
        &self.writer
    }

    /// Begins a write transaction: the one transaction of a use case.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        let inner = match &self.group {
            Some(group) => TxInner::Sqlite(group.begin().await?),
            None => TxInner::Postgres(self.pool.begin().await?),
        };
        Ok(Tx {
            inner,
            backend: self.backend,
            later: None,
        })
    }

    /// On SQLite, the commits made so far and the write use cases they committed (several
    /// share a commit under load); `None` on PostgreSQL.
    pub fn shared_commits(&self) -> Option<(u64, u64)> {
        self.group.as_ref().map(crate::group::Writer::commits)
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection (waits for those in use).
    pub async fn close(&self) {
        self.writer.close().await;
        self.pool.close().await;
    }
}

fn sqlite_url(path: &str) -> Result<String, StoreError> {
    let (file, query) = path.split_once('?').unwrap_or((path, ""));
    if file.is_empty() {
        return Err(StoreError::Config(
            "database_url names no SQLite file".into(),
        ));
    }
    if file != ":memory:" {
        if let Some(dir) = std::path::Path::new(file)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::Config(format!("cannot create {}: {e}", dir.display())))?;
        }
    }
    let mode = if query.contains("mode=") {
        String::new()
    } else {
        "mode=rwc".to_owned()
    };
    let query = [query, mode.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("&");
    Ok(format!("sqlite://{file}?{query}"))
}
