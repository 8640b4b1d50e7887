//! The crate's one error type.

use std::fmt;

/// Everything that can go wrong in this crate.
///
/// Data errors name the source (a path, or `<str>` / `<reader>` / the name of
/// an embedded table), the 1-based line and column, and what is wrong.
///
/// ```
/// let err = asmaa::AliasTable::from_tsv_str("entity\tname\nq1\t\n").unwrap_err();
/// assert_eq!(err.to_string(), "<str>:2:2: empty field `name`");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A data table (aliases, letters, costs, titles, ...) is malformed.
    #[error("{origin}:{line}:{column}: {reason}")]
    Data {
        /// Where the table came from: a file path, `<str>`, `<reader>` or `data/NAME`.
        origin: String,
        /// 1-based line number (0 when the whole source is at fault).
        line: usize,
        /// 1-based column (field) number (0 when the whole line is at fault).
        column: usize,
        /// What is wrong.
        reason: DataError,
    },
    /// Reading a table or input failed.
    #[error("{origin}: cannot read")]
    Io {
        /// The path or reader that failed.
        origin: String,
        /// The underlying error.
        #[source]
        cause: std::io::Error,
    },
    /// A name or query exceeds [`MAX_NAME_CHARS`](crate::MAX_NAME_CHARS).
    #[error("name too long: {len} chars, the limit is {max}")]
    TooLong {
        /// Length of the rejected input in chars.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A builder option is out of range.
    #[error("invalid option `{option}`: {reason}")]
    Option {
        /// The option's name.
        option: &'static str,
        /// Why the value is rejected.
        reason: String,
    },
}

/// Why a line of a data table was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DataError {
    /// The source is empty: not even a header row.
    NoHeader,
    /// The header lacks a required column.
    MissingColumn(&'static str),
    /// The header names a column twice.
    DuplicateColumn(String),
    /// A row has a different number of fields from the header.
    FieldCount {
        /// Fields in the header.
        expected: usize,
        /// Fields in this row.
        found: usize,
    },
    /// A required field is empty.
    EmptyField(&'static str),
    /// The line is not valid UTF-8.
    InvalidUtf8,
    /// A name normalises to nothing (no letters or digits).
    EmptyName(String),
    /// A field does not hold a valid value.
    BadValue {
        /// The column.
        column: &'static str,
        /// The text found.
        value: String,
        /// What was expected.
        expected: &'static str,
    },
    /// A row repeats an earlier row (line given) where repeats are not allowed.
    Duplicate(usize),
    /// A letter the table must cover is missing.
    MissingLetter(String),
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::NoHeader => f.write_str("no header row"),
            DataError::MissingColumn(c) => write!(f, "header lacks column `{c}`"),
            DataError::DuplicateColumn(c) => write!(f, "header names column `{c}` twice"),
            DataError::FieldCount { expected, found } => {
                write!(f, "expected {expected} fields, found {found}")
            }
            DataError::EmptyField(c) => write!(f, "empty field `{c}`"),
            DataError::InvalidUtf8 => f.write_str("invalid UTF-8"),
            DataError::EmptyName(n) => write!(f, "name {n:?} normalises to nothing"),
            DataError::BadValue {
                column,
                value,
                expected,
            } => write!(f, "bad `{column}` value {value:?}: expected {expected}"),
            DataError::Duplicate(line) => write!(f, "repeats line {line}"),
            DataError::MissingLetter(l) => write!(f, "no row for letter {l}"),
        }
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
