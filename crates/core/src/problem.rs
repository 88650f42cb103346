//! How an error tells the outside world what went wrong: a stable code (which doubles as the key
//! of its message, `error-<code>`), an HTTP status, the values its message needs, and problems by
//! field. Every crate's error type implements [`Problem`]; the web shell turns any of them into
//! one JSON envelope or one page without knowing which crate it came from.

/// A value for a message's placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageArg {
    /// Text, shown as is.
    Text(String),
    /// A number, shown in the reader's digits.
    Number(i64),
}

/// One field's problem: its message is `field-<code>`, with `args`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIssue {
    /// The field's name as the client sent it.
    pub field: String,
    /// Stable code, e.g. `too_short`.
    pub code: &'static str,
    /// Values for the message, e.g. `min = 3`.
    pub args: Vec<(&'static str, MessageArg)>,
}

impl FieldIssue {
    /// A problem without arguments.
    pub fn new(field: impl Into<String>, code: &'static str) -> FieldIssue {
        FieldIssue {
            field: field.into(),
            code,
            args: Vec::new(),
        }
    }

    /// Adds a number argument.
    pub fn num(mut self, name: &'static str, value: i64) -> FieldIssue {
        self.args.push((name, MessageArg::Number(value)));
        self
    }

    /// Adds a text argument.
    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> FieldIssue {
        self.args.push((name, MessageArg::Text(value.into())));
        self
    }
}

/// An error that can be shown to a client.
pub trait Problem: std::error::Error {
    /// Every code [`Problem::code`] can return (for the message completeness test).
    const CODES: &'static [&'static str];
    /// Every field code [`Problem::fields`] can return.
    const FIELD_CODES: &'static [&'static str] = &[];

    /// The stable code.
    fn code(&self) -> &'static str;
    /// The HTTP status.
    fn status(&self) -> u16;
    /// Values for the message.
    fn args(&self) -> Vec<(&'static str, MessageArg)> {
        Vec::new()
    }
    /// Problems by field (with status 422).
    fn fields(&self) -> Vec<FieldIssue> {
        Vec::new()
    }
    /// Seconds after which trying again may succeed (429, 503).
    fn retry_after_s(&self) -> Option<u64> {
        None
    }
}
