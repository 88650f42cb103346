//! One builder for statements whose shape depends on the data: IN-lists and multi-row inserts.
//! It numbers placeholders `$1, $2, …`, which both engines read (sqlx's own builder writes `?`
//! for the `Any` driver, which PostgreSQL refuses).

use crate::error::StoreError;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, Arguments, Encode, Type};

/// A statement being built.
#[derive(Default)]
pub struct Sql {
    text: String,
    args: AnyArguments<'static>,
    count: usize,
    error: Option<String>,
}

impl std::fmt::Debug for Sql {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sql")
            .field("text", &self.text)
            .field("binds", &self.count)
            .finish()
    }
}

impl Sql {
    /// Starts with `text`.
    pub fn new(text: &str) -> Sql {
        Sql {
            text: text.to_owned(),
            ..Sql::default()
        }
    }

    /// Appends SQL text.
    pub fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    /// Appends a placeholder bound to `value`.
    pub fn bind<T>(&mut self, value: T) -> &mut Sql
    where
        T: Encode<'static, Any> + Type<Any> + 'static,
    {
        self.count += 1;
        self.text.push('$');
        self.text.push_str(&self.count.to_string());
        if let Err(e) = self.args.add(value) {
            self.error.get_or_insert(e.to_string());
        }
        self
    }

    /// Appends `(v1, v2, …)`; an empty list becomes `(NULL)`, which matches nothing.
    pub fn list<T, I>(&mut self, items: I) -> &mut Sql
    where
        I: IntoIterator<Item = T>,
        T: Encode<'static, Any> + Type<Any> + 'static,
    {
        self.text.push('(');
        let mut any = false;
        for item in items {
            if any {
                self.text.push_str(", ");
            }
            self.bind(item);
            any = true;
        }
        if !any {
            self.text.push_str("NULL");
        }
        self.text.push(')');
        self
    }

    /// Appends `(…), (…)` with one tuple per row; `row` binds that row's values through the
    /// [`Values`] it is given.
    pub fn values<R>(
        &mut self,
        rows: impl IntoIterator<Item = R>,
        mut row: impl FnMut(&mut Values<'_>, R),
    ) -> &mut Sql {
        for (i, r) in rows.into_iter().enumerate() {
            self.text.push_str(if i == 0 { "(" } else { ", (" });
            let mut values = Values {
                sql: self,
                first: true,
            };
            row(&mut values, r);
            self.text.push(')');
        }
        self
    }

    /// The statement text so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How many values are bound.
    pub fn binds(&self) -> usize {
        self.count
    }

    /// The bound values (once: it takes them), for `sqlx::query_as_with(sql.text(), args)` when
    /// the rows are read into a type.
    pub fn build_args(&mut self) -> Result<AnyArguments<'static>, StoreError> {
        if let Some(e) = self.error.take() {
            return Err(StoreError::Corrupt(format!(
                "cannot encode a bound value: {e}"
            )));
        }
        Ok(std::mem::take(&mut self.args))
    }

    /// The query, ready to run (once: it takes the bound values).
    pub fn build(&mut self) -> Result<Query<'_, Any, AnyArguments<'_>>, StoreError> {
        if let Some(e) = self.error.take() {
            return Err(StoreError::Corrupt(format!(
                "cannot encode a bound value: {e}"
            )));
        }
        Ok(sqlx::query_with(&self.text, std::mem::take(&mut self.args)))
    }
}

/// The values of one row in [`Sql::values`].
pub struct Values<'s> {
    sql: &'s mut Sql,
    first: bool,
}

impl Values<'_> {
    /// Binds the next value of the row.
    pub fn bind<T>(&mut self, value: T) -> &mut Self
    where
        T: Encode<'static, Any> + Type<Any> + 'static,
    {
        if !self.first {
            self.sql.text.push_str(", ");
        }
        self.first = false;
        self.sql.bind(value);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_across_lists_and_rows() {
        let mut q = Sql::new("SELECT x FROM t WHERE a = ");
        q.bind(1_i64)
            .push(" AND b IN ")
            .list(["p", "q"])
            .push(" AND c IN ")
            .list(Vec::<i64>::new());
        assert_eq!(
            q.text(),
            "SELECT x FROM t WHERE a = $1 AND b IN ($2, $3) AND c IN (NULL)"
        );
        let mut ins = Sql::new("INSERT INTO t (a, b) VALUES ");
        ins.values([(1_i64, "x"), (2, "y")], |v, (a, b)| {
            v.bind(a).bind(b);
        });
        assert_eq!(ins.text(), "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)");
        assert_eq!(ins.binds(), 4);
    }
}
