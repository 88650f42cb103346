//! Housekeeping jobs that keep the queue small.

use crate::db::{now_ms, Tx};
use crate::jobs::{ClaimedJob, JobFuture, JobHandler};

/// Deletes jobs finished successfully more than `keep_days` ago (failed ones stay for operators
/// to inspect, and are deleted after four times as long).
#[derive(Debug, Clone, Copy)]
pub struct PurgeFinishedJobs {
    /// Days to keep finished jobs.
    pub keep_days: i64,
}

/// The job kind of [`PurgeFinishedJobs`].
pub const PURGE_KIND: &str = "housekeeping.purge_finished_jobs";

impl JobHandler for PurgeFinishedJobs {
    fn kind(&self) -> &'static str {
        PURGE_KIND
    }

    fn run<'a>(&'a self, tx: &'a mut Tx, _job: &'a ClaimedJob) -> JobFuture<'a> {
        Box::pin(async move {
            let day = 86_400_000;
            let now = now_ms();
            sqlx::query("DELETE FROM job WHERE state = 'done' AND finished_at < $1")
                .bind(now - self.keep_days * day)
                .execute(&mut **tx)
                .await?;
            sqlx::query("DELETE FROM job WHERE state = 'failed' AND finished_at < $1")
                .bind(now - 4 * self.keep_days * day)
                .execute(&mut **tx)
                .await?;
            Ok(())
        })
    }
}
