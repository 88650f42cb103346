/// Errors from the storage layer. The web layer maps them to HTTP once.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or failed a statement, or could not be reached.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A migration failed or the applied ones do not match this build.
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database URL or pool settings are wrong.
    #[error("{0}")]
    Config(String),
    /// A row holds something this build cannot read.
    #[error("unreadable row: {0}")]
    Corrupt(String),
    /// The database holds data of another setup (e.g. seeded with another country pack).
    #[error("{0}")]
    Mismatch(String),
}

impl StoreError {
    /// Whether the error is a unique-constraint violation (a duplicate).
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::Database(sqlx::Error::Database(e)) if e.is_unique_violation())
    }

    /// Whether the error is a duplicate in `table`'s `column`, declared `UNIQUE` on its own
    /// (PostgreSQL names that constraint `{table}_{column}_key`; SQLite names the column in its
    /// message). Tells a clash of, say, a random order number apart from a replayed request.
    pub fn is_duplicate_of(&self, table: &str, column: &str) -> bool {
        let StoreError::Database(sqlx::Error::Database(e)) = self else {
            return false;
        };
        if !e.is_unique_violation() {
            return false;
        }
        match e.constraint() {
            Some(name) => name == format!("{table}_{column}_key"),
            None => e
                .message()
                .strip_prefix("UNIQUE constraint failed: ")
                .is_some_and(|cols| cols.split(", ").eq([format!("{table}.{column}")])),
        }
    }
}

impl StoreError {
    /// Whether the database is out of reach or out of connections (try again later).
    /// A connection the server closed (a restart, a failover, an administrator) counts too:
    /// PostgreSQL's connection exceptions (class 08) and shutdowns (57P01–57P03).
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Database(
                sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_),
            ) => true,
            StoreError::Database(sqlx::Error::Database(e)) => e.code().is_some_and(|c| {
                c.starts_with("08") || matches!(c.as_ref(), "57P01" | "57P02" | "57P03")
            }),
            _ => false,
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

impl shetu_core::Problem for StoreError {
    const CODES: &'static [&'static str] = &["internal_error", "service_unavailable"];

    fn code(&self) -> &'static str {
        if self.is_unavailable() {
            "service_unavailable"
        } else {
            "internal_error"
        }
    }

    fn status(&self) -> u16 {
        if self.is_unavailable() {
            503
        } else {
            500
        }
    }

    fn retry_after_s(&self) -> Option<u64> {
        self.is_unavailable().then_some(5)
    }
}
