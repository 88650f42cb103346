//! Writes that go with the commit. A use case's last writes — its outbox and audit events, the
//! rows nothing reads again before it ends — are queued on the transaction and sent in one round
//! trip just before the commit, instead of one round trip each. On SQLite that round trip happens
//! while the use case holds the one writer, so fewer of them is more use cases a second; on
//! PostgreSQL it shortens the time a transaction holds its row locks and its connection.
//!
//! Rows queued for the same table go out as one multi-row `INSERT`, in the order queued, so the
//! sequence numbers they take (outbox and audit events) follow that order on both engines.

use crate::db::Backend;
use crate::error::StoreError;
use crate::sql::{Sql, Values};
use sqlx::{AnyConnection, Executor};

type Write = Box<dyn FnOnce(&mut Sql) + Send>;
type Row = Box<dyn FnOnce(&mut Values<'_>) + Send>;

/// Most rows in one multi-row `INSERT`.
const ROWS_PER_INSERT: usize = 200;
/// Most bound values in one round trip (both engines allow well over this).
const BINDS_PER_TRIP: usize = 20_000;

/// The writes queued on one transaction.
#[derive(Default)]
pub(crate) struct Later {
    statements: Vec<Write>,
    /// Rows by `INSERT INTO t (…) VALUES `, tables in the order first queued.
    rows: Vec<(&'static str, Vec<Row>)>,
}

impl std::fmt::Debug for Later {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Later")
            .field("statements", &self.statements.len())
            .field(
                "rows",
                &self.rows.iter().map(|(_, r)| r.len()).sum::<usize>(),
            )
            .finish()
    }
}

/// Statements built for one round trip: the text so far and where each statement ends.
#[derive(Default)]
struct Trip {
    sql: Sql,
    ends: Vec<usize>,
}

impl Trip {
    fn end_statement(&mut self) {
        self.ends.push(self.sql.text().len());
    }

    /// The text to send, then `tail` (more statements, SQLite only). SQLite runs statements one
    /// after another from one call; PostgreSQL takes one statement per call, so there the first
    /// ones become data-modifying `WITH` clauses of the last (each sees the same snapshot; a
    /// foreign key between them is checked when the whole statement ends).
    fn text(&self, backend: Backend, tail: &str) -> String {
        let text = self.sql.text();
        let mut start = 0;
        let mut statements: Vec<&str> = Vec::new();
        for &end in &self.ends {
            statements.push(text[start..end].trim());
            start = end;
        }
        match backend {
            Backend::Sqlite => {
                if !tail.is_empty() {
                    statements.push(tail);
                }
                statements.join(";\n")
            }
            Backend::Postgres => match statements.split_last() {
                None => String::new(),
                Some((last, [])) => (*last).to_owned(),
                Some((last, first)) => {
                    let clauses: Vec<String> = first
                        .iter()
                        .enumerate()
                        .map(|(i, s)| format!("shetu_w{i} AS ({s})"))
                        .collect();
                    format!("WITH {} {last}", clauses.join(", "))
                }
            },
        }
    }

    async fn send(
        mut self,
        backend: Backend,
        conn: &mut AnyConnection,
        tail: &str,
    ) -> Result<(), StoreError> {
        let text = self.text(backend, tail);
        if text.is_empty() {
            return Ok(());
        }
        let args = self.sql.build_args()?;
        conn.execute(sqlx::query_with(&text, args)).await?;
        Ok(())
    }
}

impl Later {
    /// Queues the statement `write` appends.
    pub(crate) fn push(&mut self, write: impl FnOnce(&mut Sql) + Send + 'static) {
        self.statements.push(Box::new(write));
    }

    /// Queues a row for `insert` (`INSERT INTO t (…) VALUES `).
    pub(crate) fn row(
        &mut self,
        insert: &'static str,
        row: impl FnOnce(&mut Values<'_>) + Send + 'static,
    ) {
        match self.rows.iter_mut().find(|(i, _)| *i == insert) {
            Some((_, rows)) => rows.push(Box::new(row)),
            None => self.rows.push((insert, vec![Box::new(row)])),
        }
    }

    /// The round trips that carry the queued writes (one, unless there are very many).
    fn trips(self) -> Vec<Trip> {
        let mut trips = vec![Trip::default()];
        let next = |trips: &mut Vec<Trip>| {
            if trips
                .last()
                .is_some_and(|t| t.sql.binds() >= BINDS_PER_TRIP)
            {
                trips.push(Trip::default());
            }
        };
        for write in self.statements {
            next(&mut trips);
            if let Some(trip) = trips.last_mut() {
                write(&mut trip.sql);
                trip.end_statement();
            }
        }
        for (insert, rows) in self.rows {
            let mut rows = rows.into_iter().peekable();
            while rows.peek().is_some() {
                next(&mut trips);
                if let Some(trip) = trips.last_mut() {
                    trip.sql.push(insert);
                    trip.sql
                        .values(rows.by_ref().take(ROWS_PER_INSERT), |v, row| row(v));
                    trip.end_statement();
                }
            }
        }
        trips
    }

    /// Runs the queued writes, then `tail` (SQLite), on `conn`: one round trip for both.
    pub(crate) async fn send_with(
        self,
        backend: Backend,
        conn: &mut AnyConnection,
        tail: &str,
    ) -> Result<(), StoreError> {
        let mut trips = self.trips();
        let last = trips.pop().unwrap_or_default();
        for trip in trips {
            trip.send(backend, conn, "").await?;
        }
        last.send(backend, conn, tail).await
    }

    /// Runs the queued writes on `conn`.
    pub(crate) async fn send(
        self,
        backend: Backend,
        conn: &mut AnyConnection,
    ) -> Result<(), StoreError> {
        self.send_with(backend, conn, "").await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queued() -> Later {
        let mut later = Later::default();
        later.row("INSERT INTO e (t) VALUES ", |v| {
            v.bind("first");
        });
        later.push(|q| {
            q.push("DELETE FROM b WHERE y = ").bind("z");
        });
        later.row("INSERT INTO e (t) VALUES ", |v| {
            v.bind("second");
        });
        later
    }

    #[test]
    fn statements_then_rows_by_table_in_the_order_queued() {
        let trips = queued().trips();
        assert_eq!(trips.len(), 1);
        assert_eq!(
            trips[0].text(Backend::Sqlite, "RELEASE s"),
            "DELETE FROM b WHERE y = $1;\nINSERT INTO e (t) VALUES ($2), ($3);\nRELEASE s"
        );
        let trips = queued().trips();
        assert_eq!(
            trips[0].text(Backend::Postgres, ""),
            "WITH shetu_w0 AS (DELETE FROM b WHERE y = $1) INSERT INTO e (t) VALUES ($2), ($3)"
        );
    }

    #[test]
    fn nothing_queued_sends_only_the_tail() {
        let trips = Later::default().trips();
        assert_eq!(trips.len(), 1);
        assert_eq!(trips[0].text(Backend::Sqlite, "RELEASE s"), "RELEASE s");
        assert_eq!(trips[0].text(Backend::Postgres, ""), "");
    }

    #[test]
    fn very_many_rows_are_split_into_inserts_and_round_trips() {
        let mut later = Later::default();
        for i in 0..25_000_i64 {
            later.row("INSERT INTO e (t) VALUES ", move |v| {
                v.bind(i);
            });
        }
        let trips = later.trips();
        assert_eq!(trips.len(), 2);
        assert_eq!(trips[0].sql.binds(), BINDS_PER_TRIP);
        assert_eq!(trips[0].ends.len(), BINDS_PER_TRIP / ROWS_PER_INSERT);
        assert_eq!(trips[1].sql.binds(), 5_000);
        // Placeholders start again at $1 in each round trip.
        assert!(trips[1]
            .sql
            .text()
            .starts_with("INSERT INTO e (t) VALUES ($1), ($2)"));
    }
}
