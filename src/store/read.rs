//! Reading stored values strictly. Roundtable writes every instant, date and spelling in
//! one form; a value in another form means the file was damaged or edited by hand, and
//! reading it is an error ([`StoreError::Corrupt`]) naming the column and the value,
//! never a silent default (a meeting in 1970, a goal with no target).

use super::StoreError;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Row;
use rusqlite::types::{Type, ValueRef};

/// A stored value that is not what its column holds.
#[derive(Debug, thiserror::Error)]
#[error("{column} holds {value:?}, which is not {expected}")]
pub(crate) struct BadValue {
    column: String,
    value: String,
    expected: &'static str,
}

impl From<BadValue> for StoreError {
    fn from(e: BadValue) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

/// The error a row mapper returns for column `i` of `r` holding `value`.
fn bad(r: &Row<'_>, i: usize, value: &str, expected: &'static str) -> rusqlite::Error {
    let column = r.as_ref().column_name(i).unwrap_or("?").to_string();
    rusqlite::Error::FromSqlConversionFailure(
        i,
        Type::Text,
        Box::new(BadValue {
            column,
            value: value.to_string(),
            expected,
        }),
    )
}

/// A stored instant (RFC 3339, as [`super::ts`] writes it).
pub(crate) fn parse_ts(column: &str, s: &str) -> Result<DateTime<Utc>, BadValue> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| BadValue {
            column: column.to_string(),
            value: s.to_string(),
            expected: TS,
        })
}

const TS: &str = "a time (RFC 3339)";
const DATE: &str = "a date (YYYY-MM-DD)";

/// Column `i` as text, `None` for NULL.
fn text<'r>(r: &'r Row<'_>, i: usize) -> rusqlite::Result<Option<&'r str>> {
    match r.get_ref(i)? {
        ValueRef::Null => Ok(None),
        ValueRef::Text(t) => std::str::from_utf8(t)
            .map(Some)
            .map_err(|e| rusqlite::Error::Utf8Error(i, e)),
        other => Err(rusqlite::Error::InvalidColumnType(
            i,
            r.as_ref().column_name(i).unwrap_or("?").to_string(),
            other.data_type(),
        )),
    }
}

/// Column `i`, text read by `parse`, `None` for NULL.
fn opt_with<T>(
    r: &Row<'_>,
    i: usize,
    expected: &'static str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    match text(r, i)? {
        None => Ok(None),
        Some(s) => parse(s).map(Some).ok_or_else(|| bad(r, i, s, expected)),
    }
}

/// Column `i`, which must not be NULL, read by `parse`.
fn with<T>(
    r: &Row<'_>,
    i: usize,
    expected: &'static str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    opt_with(r, i, expected, parse)?.ok_or_else(|| bad(r, i, "NULL", expected))
}

fn ts_of(s: &str) -> Option<DateTime<Utc>> {
    parse_ts("", s).ok()
}

fn date_of(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Column `i` as a stored instant.
pub(crate) fn ts_at(r: &Row<'_>, i: usize) -> rusqlite::Result<DateTime<Utc>> {
    with(r, i, TS, ts_of)
}

/// Column `i` as a stored instant, `None` for NULL.
pub(crate) fn opt_ts_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    opt_with(r, i, TS, ts_of)
}

/// Column `i` as a stored date.
pub(crate) fn date_at(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    with(r, i, DATE, date_of)
}

/// Column `i` as a stored date, `None` for NULL.
pub(crate) fn opt_date_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    opt_with(r, i, DATE, date_of)
}

/// Column `i` as one of an enum's stored spellings, read by `parse`.
pub(crate) fn spelling_at<T>(
    r: &Row<'_>,
    i: usize,
    parse: impl FnOnce(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    with(r, i, "a known spelling", parse)
}

/// Column `i` as one of an enum's stored spellings, `None` for NULL.
pub(crate) fn opt_spelling_at<T>(
    r: &Row<'_>,
    i: usize,
    parse: impl FnOnce(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    opt_with(r, i, "a known spelling", parse)
}

/// Column `i` read by `parse` (any `FromStr`), `None` for NULL or empty text (how an
/// optional value such as a cadence is stored).
pub(crate) fn opt_parsed_at<T: std::str::FromStr>(
    r: &Row<'_>,
    i: usize,
    expected: &'static str,
) -> rusqlite::Result<Option<T>> {
    match text(r, i)? {
        None | Some("") => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| bad(r, i, s, expected)),
    }
}

/// A [`BadValue`] from a row mapper becomes [`StoreError::Corrupt`]; every other SQLite
/// error stays [`StoreError::Sqlite`].
pub(crate) fn from_sqlite(e: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::FromSqlConversionFailure(_, _, source) = &e
        && let Some(bad) = source.downcast_ref::<BadValue>()
    {
        return StoreError::Corrupt(bad.to_string());
    }
    StoreError::Sqlite(e)
}
