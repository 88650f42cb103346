//! The job queue: background work stored in the database, written in the same transaction as the
//! change that causes it, claimed safely by many workers on many nodes, retried with backoff, and
//! completed at most once — a job's effects commit in the same transaction that marks it done,
//! and only if the worker still holds the job's lease.

use crate::db::{now_ms, Backend, Db, Tx};
use crate::error::StoreError;
use shetu_core::id::JobId;
use sqlx::Row;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// A job to enqueue.
#[derive(Debug, Clone)]
pub struct NewJob {
    /// Which handler runs it, e.g. `outbox.relay` or `sms.send`.
    pub kind: String,
    /// Its input, as JSON.
    pub payload: serde_json::Value,
    /// Earliest time to run (ms since epoch); now if `None`.
    pub run_at: Option<i64>,
    /// How many times to try before giving up.
    pub max_attempts: i64,
    /// If set, a second job with the same key is not enqueued.
    pub dedupe_key: Option<String>,
}

impl NewJob {
    /// A job of `kind` with `payload`, run as soon as possible, tried up to 8 times.
    pub fn new(kind: impl Into<String>, payload: serde_json::Value) -> NewJob {
        NewJob {
            kind: kind.into(),
            payload,
            run_at: None,
            max_attempts: 8,
            dedupe_key: None,
        }
    }

    /// Enqueue only if no job with this key exists.
    pub fn dedupe(mut self, key: impl Into<String>) -> NewJob {
        self.dedupe_key = Some(key.into());
        self
    }
}

/// Adds a job inside the caller's transaction. Returns `None` if a job with the same dedupe key
/// already exists.
pub async fn enqueue(tx: &mut Tx, job: NewJob) -> Result<Option<JobId>, StoreError> {
    let id = JobId::new();
    let now = now_ms();
    let inserted = sqlx::query(
        "INSERT INTO job (id, kind, payload, state, attempts, max_attempts, run_at, dedupe_key, created_at) \
         VALUES ($1, $2, $3, 'pending', 0, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(id.to_string())
    .bind(&job.kind)
    .bind(job.payload.to_string())
    .bind(job.max_attempts.max(1))
    .bind(job.run_at.unwrap_or(now))
    .bind(job.dedupe_key)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok((inserted.rows_affected() == 1).then_some(id))
}

/// A job a worker has claimed and holds the lease of.
#[derive(Debug, Clone)]
pub struct ClaimedJob {
    /// The job.
    pub id: JobId,
    /// Its kind.
    pub kind: String,
    /// Its input.
    pub payload: serde_json::Value,
    /// This attempt's number, from 1.
    pub attempt: i64,
    /// The most attempts allowed.
    pub max_attempts: i64,
    /// Proof of the claim; completing needs it.
    pub lease: String,
    /// What the handler's [`JobHandler::prepare`] answered (`null` when it has no such step).
    pub prepared: serde_json::Value,
}

/// What a handler reports when it cannot finish.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// Try again later (with backoff), unless attempts are used up.
    #[error("{0}")]
    Retry(String),
    /// Never try again.
    #[error("{0}")]
    Permanent(String),
    /// The database failed; retried.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for JobError {
    fn from(e: sqlx::Error) -> Self {
        JobError::Store(e.into())
    }
}

/// A boxed future returned by [`JobHandler::run`].
pub type JobFuture<'a> = Pin<Box<dyn Future<Output = Result<(), JobError>> + Send + 'a>>;

/// A boxed future returned by [`JobHandler::prepare`].
pub type PrepareFuture<'a> =
    Pin<Box<dyn Future<Output = Result<serde_json::Value, JobError>> + Send + 'a>>;

/// Runs jobs of one kind. `run` gets the transaction that will also mark the job done, so its
/// database effects and the completion commit together or not at all. Effects outside the
/// database must be idempotent by job id (providers take it as an idempotency key).
pub trait JobHandler: Send + Sync + 'static {
    /// The kind of job this handler runs.
    fn kind(&self) -> &'static str;
    /// Does the work.
    fn run<'a>(&'a self, tx: &'a mut Tx, job: &'a ClaimedJob) -> JobFuture<'a>;
    /// Work outside the database (a call to a provider over HTTP), done before `run`'s
    /// transaction begins so that a slow provider never holds a write lock; its answer reaches
    /// `run` as `job.prepared`; it may read `db`. It may run again for the same job (after a crash or a failed
    /// `run`), so it must be idempotent by job id.
    fn prepare<'a>(&'a self, _db: &'a Db, _job: &'a ClaimedJob) -> PrepareFuture<'a> {
        Box::pin(async { Ok(serde_json::Value::Null) })
    }
}

/// How one job ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Done: effects committed.
    Done,
    /// Failed; will run again at the given time.
    Retrying { at: i64 },
    /// Failed for good.
    Failed,
    /// Another worker took the job over (our lease ran out); nothing of ours was committed.
    LeaseLost,
}

/// Claims and runs jobs with the registered handlers.
#[derive(Clone)]
pub struct JobRunner {
    db: Db,
    handlers: HashMap<&'static str, Arc<dyn JobHandler>>,
    lease: Duration,
    clock: Arc<dyn Fn() -> i64 + Send + Sync>,
}

impl JobRunner {
    /// A runner with no handlers, a 5-minute lease and the system clock.
    pub fn new(db: Db) -> JobRunner {
        JobRunner {
            db,
            handlers: HashMap::new(),
            lease: Duration::from_secs(300),
            clock: Arc::new(now_ms),
        }
    }

    /// Adds a handler.
    pub fn register(mut self, handler: impl JobHandler) -> JobRunner {
        self.handlers.insert(handler.kind(), Arc::new(handler));
        self
    }

    /// Adds a handler that a module made.
    pub fn register_shared(mut self, handler: Arc<dyn JobHandler>) -> JobRunner {
        self.handlers.insert(handler.kind(), handler);
        self
    }

    /// Sets how long a claim lasts before another worker may take the job over.
    pub fn with_lease(mut self, lease: Duration) -> JobRunner {
        self.lease = lease;
        self
    }

    /// Replaces the clock (ms since epoch); tests use it to step through backoff.
    pub fn with_clock(mut self, clock: impl Fn() -> i64 + Send + Sync + 'static) -> JobRunner {
        self.clock = Arc::new(clock);
        self
    }

    /// The database this runner works on.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Claims the next due job, if any: the oldest pending one whose time has come, or a running
    /// one whose lease ran out (its worker died).
    pub async fn claim(&self) -> Result<Option<ClaimedJob>, StoreError> {
        let now = (self.clock)();
        let lease = uuid::Uuid::new_v4().to_string();
        let lock = match self.db.backend() {
            Backend::Postgres => "FOR UPDATE SKIP LOCKED",
            // SQLite has one writer: the UPDATE itself is the lock.
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE job SET state = 'running', lease = $1, locked_until = $2, attempts = attempts + 1 \
             WHERE id = (SELECT id FROM job WHERE (state = 'pending' AND run_at <= $3) \
                         OR (state = 'running' AND locked_until < $3) \
                         ORDER BY run_at, id LIMIT 1 {lock}) \
             RETURNING id, kind, payload, attempts, max_attempts"
        );
        let lease_ms = i64::try_from(self.lease.as_millis()).unwrap_or(i64::MAX);
        let row = sqlx::query(&sql)
            .bind(&lease)
            .bind(now.saturating_add(lease_ms))
            .bind(now)
            .fetch_optional(self.db.writer())
            .await?;
        let Some(row) = row else { return Ok(None) };
        let id: String = row.try_get("id")?;
        let payload: String = row.try_get("payload")?;
        Ok(Some(ClaimedJob {
            id: id
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("job id {id}")))?,
            kind: row.try_get("kind")?,
            payload: serde_json::from_str(&payload)?,
            attempt: row.try_get("attempts")?,
            max_attempts: row.try_get("max_attempts")?,
            lease,
            prepared: serde_json::Value::Null,
        }))
    }

    /// Runs a claimed job: its handler's effects and the completion commit together, and only
    /// while the lease is still ours.
    pub async fn execute(&self, job: &ClaimedJob) -> Result<Outcome, StoreError> {
        let result: Result<(), JobError> = match self.handlers.get(job.kind.as_str()) {
            None => Err(JobError::Permanent(format!(
                "no handler for job kind `{}`",
                job.kind
            ))),
            Some(_) if job.attempt > job.max_attempts => Err(JobError::Permanent(
                "attempts used up (the job's workers kept dying)".into(),
            )),
            Some(handler) => match handler.prepare(&self.db, job).await {
                Err(e) => Err(e),
                Ok(prepared) => {
                    let job = &ClaimedJob {
                        prepared,
                        ..job.clone()
                    };
                    let mut tx = self.db.begin().await?;
                    match handler.run(&mut tx, job).await {
                        Ok(()) => {
                            let done = sqlx::query(
                            "UPDATE job SET state = 'done', finished_at = $1, lease = NULL, locked_until = NULL, \
                             last_error = NULL WHERE id = $2 AND lease = $3 AND state = 'running'",
                        )
                        .bind((self.clock)())
                        .bind(job.id.to_string())
                        .bind(&job.lease)
                        .execute(&mut *tx)
                        .await?;
                            if done.rows_affected() == 1 {
                                tx.commit().await?;
                                metrics_done(&job.kind, "done");
                                return Ok(Outcome::Done);
                            }
                            tx.rollback().await?;
                            metrics_done(&job.kind, "lease_lost");
                            return Ok(Outcome::LeaseLost);
                        }
                        Err(e) => {
                            tx.rollback().await?;
                            Err(e)
                        }
                    }
                }
            },
        };
        let Err(error) = result else {
            return Ok(Outcome::Done);
        };
        self.record_failure(job, &error).await
    }

    async fn record_failure(
        &self,
        job: &ClaimedJob,
        error: &JobError,
    ) -> Result<Outcome, StoreError> {
        let now = (self.clock)();
        let give_up = matches!(error, JobError::Permanent(_)) || job.attempt >= job.max_attempts;
        let next = now.saturating_add(backoff_ms(job.attempt));
        let (state, outcome) = if give_up {
            ("failed", Outcome::Failed)
        } else {
            ("pending", Outcome::Retrying { at: next })
        };
        let message: String = error.to_string().chars().take(2000).collect();
        let updated = sqlx::query(
            "UPDATE job SET state = $1, run_at = $2, lease = NULL, locked_until = NULL, last_error = $3, \
             finished_at = $4 WHERE id = $5 AND lease = $6",
        )
        .bind(state)
        .bind(next)
        .bind(&message)
        .bind(give_up.then_some(now))
        .bind(job.id.to_string())
        .bind(&job.lease)
        .execute(self.db.writer())
        .await?;
        tracing::warn!(job = %job.id, kind = %job.kind, attempt = job.attempt, %message, "job failed");
        if updated.rows_affected() == 0 {
            return Ok(Outcome::LeaseLost);
        }
        metrics_done(&job.kind, state);
        Ok(outcome)
    }

    /// Claims and runs one due job; `None` when nothing is due.
    pub async fn run_one(&self) -> Result<Option<Outcome>, StoreError> {
        match self.claim().await? {
            Some(job) => Ok(Some(self.execute(&job).await?)),
            None => Ok(None),
        }
    }

    /// Runs due jobs until none is left due now; returns how each ended, in order. Tests use this
    /// to run background work deterministically.
    pub async fn run_pending(&self) -> Result<Vec<Outcome>, StoreError> {
        let mut outcomes = Vec::new();
        while let Some(outcome) = self.run_one().await? {
            outcomes.push(outcome);
        }
        Ok(outcomes)
    }

    /// Works until `shutdown` turns true: runs due jobs, then sleeps `poll` when idle.
    pub async fn work(self, mut shutdown: tokio::sync::watch::Receiver<bool>, poll: Duration) {
        loop {
            if *shutdown.borrow() {
                return;
            }
            let idle = match self.run_one().await {
                Ok(Some(_)) => false,
                Ok(None) => true,
                Err(e) => {
                    tracing::error!(error = %e, "job worker could not reach the database");
                    true
                }
            };
            if idle {
                tokio::select! {
                    _ = tokio::time::sleep(poll) => {}
                    _ = shutdown.changed() => {}
                }
            }
        }
    }
}

fn metrics_done(kind: &str, state: &str) {
    metrics::counter!("shetu_jobs_finished_total", "kind" => kind.to_owned(), "state" => state.to_owned()).increment(1);
}

/// Exponential backoff: 2^attempt seconds (2 s, 4 s, 8 s …), at most one hour, plus up to 25 %
/// jitter so that retries of many jobs spread out.
pub fn backoff_ms(attempt: i64) -> i64 {
    let exp = u32::try_from(attempt.clamp(1, 12)).unwrap_or(12);
    let base = (1000_i64 << exp).min(3_600_000);
    base + rand::random_range(0..=base / 4)
}

/// Counts of jobs by state, for `/metrics` and operators.
pub async fn counts(db: &Db) -> Result<HashMap<String, i64>, StoreError> {
    let rows = sqlx::query("SELECT state, COUNT(*) AS n FROM job GROUP BY state")
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get::<String, _>("state")?, r.try_get::<i64, _>("n")?)))
        .collect()
}
