//! Group commit on SQLite. With `synchronous = FULL` every commit waits for the disk to confirm
//! the write (an fsync: about 2.5 ms on this project's CI machine), so one transaction per commit
//! caps a node at a few hundred write use cases a second however short they are. Here, write
//! transactions that queue for the one writer connection share a commit: each use case runs in
//! a savepoint of an open SQLite transaction, and the transaction commits — one fsync for all of
//! them — when nobody else is waiting, or at [`MAX_BATCH`] use cases. A use case is acknowledged
//! only after the shared commit is on disk; if it fails, every use case of the group gets the
//! error, none is acknowledged. A use case that fails or is dropped rolls back to its savepoint
//! and leaves the others untouched.
//!
//! Between groups the connection goes back to the writer pool, so the few single statements
//! that use [`crate::Db::writer`] directly take their turn with the groups.

use crate::error::StoreError;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyPool, Executor};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::sync::{watch, Mutex, OwnedMutexGuard};

/// Most use cases that share one commit.
pub const MAX_BATCH: usize = 64;

/// The writer of a SQLite database: the queue for the one writer connection and the open group.
#[derive(Debug, Clone)]
pub struct Writer {
    pool: AnyPool,
    slot: Arc<Mutex<Slot>>,
    waiting: Arc<AtomicUsize>,
    /// How long a use case waits for its turn before giving up (as for a pooled connection).
    patience: std::time::Duration,
    /// Commits made, and use cases committed through them.
    commits: Arc<(std::sync::atomic::AtomicU64, std::sync::atomic::AtomicU64)>,
}

/// Held by the use case whose turn it is.
#[derive(Debug, Default)]
struct Slot {
    /// The writer connection while a group is open.
    conn: Option<PoolConnection<Any>>,
    /// The open group, if any.
    group: Option<Arc<Group>>,
}

/// Use cases sharing one SQLite transaction.
#[derive(Debug)]
struct Group {
    /// How many have released their savepoint into it.
    members: AtomicUsize,
    /// Whether a task is queued to commit it.
    committer: AtomicBool,
    /// The commit's outcome, once known.
    done: watch::Sender<Option<Result<(), String>>>,
}

impl Group {
    fn new() -> Group {
        Group {
            members: AtomicUsize::new(0),
            committer: AtomicBool::new(false),
            done: watch::channel(None).0,
        }
    }

    fn finish(&self, result: &Result<(), StoreError>) {
        let outcome = result.as_ref().map(|_| ()).map_err(ToString::to_string);
        self.done.send_replace(Some(outcome));
    }
}

/// Counts a task waiting for its turn, until it has it (or gives up).
struct Waiting(Arc<AtomicUsize>);

impl Drop for Waiting {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn failed(message: String) -> StoreError {
    StoreError::Database(sqlx::Error::Protocol(format!(
        "the shared commit failed: {message}"
    )))
}

/// Commits the open group (its members are all in), and gives the connection back to the pool.
async fn commit(slot: &mut Slot, writer: &Writer) -> Result<(), StoreError> {
    let Some(group) = slot.group.take() else {
        return Ok(());
    };
    let result = match slot.conn.as_mut() {
        Some(conn) => conn
            .execute("COMMIT")
            .await
            .map(|_| ())
            .map_err(StoreError::from),
        None => Err(failed("the writer connection was lost".into())),
    };
    if result.is_err() {
        // After a failed COMMIT SQLite may still hold the transaction; end it, then start afresh.
        if let Some(conn) = slot.conn.as_mut() {
            let _ = conn.execute("ROLLBACK").await;
        }
    }
    slot.conn = None;
    if result.is_ok() {
        writer.commits.0.fetch_add(1, Ordering::Relaxed);
        let members = group.members.load(Ordering::SeqCst);
        writer
            .commits
            .1
            .fetch_add(members as u64, Ordering::Relaxed);
    }
    group.finish(&result);
    result
}

/// Ends the turn of a use case that did not join the group (it rolled back): an empty group is
/// closed; one with members is left to its committer.
async fn leave(slot: &mut Slot) {
    let empty = slot
        .group
        .as_ref()
        .is_some_and(|g| g.members.load(Ordering::SeqCst) == 0);
    if empty {
        if let Some(conn) = slot.conn.as_mut() {
            let _ = conn.execute("ROLLBACK").await;
        }
        slot.group = None;
    }
    if slot.group.is_none() {
        slot.conn = None;
    }
}

impl Writer {
    pub(crate) fn new(pool: AnyPool, patience: std::time::Duration) -> Writer {
        Writer {
            pool,
            slot: Arc::new(Mutex::new(Slot::default())),
            waiting: Arc::new(AtomicUsize::new(0)),
            patience,
            commits: Arc::default(),
        }
    }

    /// Commits made so far, and the use cases they committed.
    pub fn commits(&self) -> (u64, u64) {
        (
            self.commits.0.load(Ordering::Relaxed),
            self.commits.1.load(Ordering::Relaxed),
        )
    }

    /// Waits for the turn (in the order asked), opens a group if none is open, and starts the
    /// use case's savepoint.
    pub(crate) async fn begin(&self) -> Result<LiteTx, StoreError> {
        self.waiting.fetch_add(1, Ordering::SeqCst);
        let waiting = Waiting(self.waiting.clone());
        let mut slot = tokio::time::timeout(self.patience, self.slot.clone().lock_owned())
            .await
            .map_err(|_| StoreError::Database(sqlx::Error::PoolTimedOut))?;
        drop(waiting);
        let mut conn = match slot.conn.take() {
            Some(conn) => conn,
            None => self.pool.acquire().await?,
        };
        if slot.group.is_none() {
            conn.execute("BEGIN IMMEDIATE").await?;
            slot.group = Some(Arc::new(Group::new()));
        }
        let started = conn.execute("SAVEPOINT shetu_tx").await;
        slot.conn = Some(conn);
        if let Err(e) = started {
            leave(&mut slot).await;
            return Err(e.into());
        }
        let conn = slot.conn.take();
        Ok(LiteTx {
            slot: Some(slot),
            conn,
            writer: self.clone(),
        })
    }
}

/// One use case's part of a group: its savepoint on the writer connection.
#[derive(Debug)]
pub struct LiteTx {
    slot: Option<OwnedMutexGuard<Slot>>,
    conn: Option<PoolConnection<Any>>,
    writer: Writer,
}

impl LiteTx {
    pub(crate) fn conn(&self) -> &sqlx::AnyConnection {
        self.conn
            .as_deref()
            .expect("a transaction has its connection until it ends")
    }

    pub(crate) fn conn_mut(&mut self) -> &mut sqlx::AnyConnection {
        self.conn
            .as_deref_mut()
            .expect("a transaction has its connection until it ends")
    }

    /// Sends the writes queued to go with the commit and releases the savepoint into the group,
    /// in one round trip, then waits until the group's commit is on disk.
    pub(crate) async fn commit_with(
        mut self,
        later: Option<crate::later::Later>,
    ) -> Result<(), StoreError> {
        let (Some(mut slot), Some(mut conn)) = (self.slot.take(), self.conn.take()) else {
            return Err(failed("the transaction has already ended".into()));
        };
        let released = match later {
            Some(later) => {
                later
                    .send_with(crate::Backend::Sqlite, &mut conn, "RELEASE shetu_tx")
                    .await
            }
            None => conn
                .execute("RELEASE shetu_tx")
                .await
                .map(|_| ())
                .map_err(StoreError::from),
        };
        if let Err(e) = released {
            let _ = conn.execute("ROLLBACK TO shetu_tx; RELEASE shetu_tx").await;
            slot.conn = Some(conn);
            leave(&mut slot).await;
            return Err(e);
        }
        slot.conn = Some(conn);
        let Some(group) = slot.group.clone() else {
            return Err(failed("no open group".into()));
        };
        let members = group.members.fetch_add(1, Ordering::SeqCst) + 1;
        if self.writer.waiting.load(Ordering::SeqCst) > 0 && members < MAX_BATCH {
            // Others are queued: let them join, and have the group committed after them.
            if !group.committer.swap(true, Ordering::SeqCst) {
                let writer = self.writer.clone();
                let queued = group.clone();
                tokio::spawn(async move {
                    let mut slot = writer.slot.clone().lock_owned().await;
                    if slot.group.as_ref().is_some_and(|g| Arc::ptr_eq(g, &queued)) {
                        let _ = commit(&mut slot, &writer).await;
                    }
                });
            }
            drop(slot);
            let mut done = group.done.subscribe();
            let outcome = done
                .wait_for(Option::is_some)
                .await
                .map_err(|_| failed("the committer stopped".into()))?
                .clone();
            return match outcome {
                Some(Ok(())) => Ok(()),
                Some(Err(message)) => Err(failed(message)),
                None => Err(failed("no outcome".into())),
            };
        }
        commit(&mut slot, &self.writer).await
    }

    /// Rolls the use case back to its savepoint; the group goes on.
    pub(crate) async fn rollback(mut self) -> Result<(), StoreError> {
        if let (Some(mut slot), Some(mut conn)) = (self.slot.take(), self.conn.take()) {
            let undone = conn.execute("ROLLBACK TO shetu_tx; RELEASE shetu_tx").await;
            slot.conn = Some(conn);
            leave(&mut slot).await;
            undone?;
        }
        Ok(())
    }
}

impl Drop for LiteTx {
    /// Dropped without commit (an error returned early): rolled back to its savepoint before
    /// anyone else gets the connection.
    fn drop(&mut self) {
        let (Some(mut slot), Some(mut conn)) = (self.slot.take(), self.conn.take()) else {
            return;
        };
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                runtime.spawn(async move {
                    let _ = conn.execute("ROLLBACK TO shetu_tx; RELEASE shetu_tx").await;
                    slot.conn = Some(conn);
                    leave(&mut slot).await;
                });
            }
            Err(_) => {
                // No runtime to finish on: closing the connection ends its transaction, and
                // the group with it.
                drop(conn.detach());
                if let Some(group) = slot.group.take() {
                    group.finish(&Err(failed("the process is stopping".into())));
                }
            }
        }
    }
}
