//! The one formatter of dates and times on screen, carrying the leader's formats.

use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, Local, NaiveDate, Utc};

/// Formats dates and times the way the settings ask, in local time. Every date or time
/// the app and the screens show goes through it (typed values in forms, such as a
/// meeting's `when`, keep the fixed `YYYY-MM-DD HH:MM` they are parsed back from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dates {
    date: String,
    time: String,
}

impl Default for Dates {
    fn default() -> Self {
        Self::new(super::DATE_FORMAT, super::TIME_FORMAT)
    }
}

impl Dates {
    /// A formatter with `date` and `time` as chrono `strftime` formats, already checked
    /// by [`check_format`] (an unchecked bad one falls back to the default).
    pub fn new(date: &str, time: &str) -> Self {
        let ok = |f: &str, d: &str| {
            if check_format(f).is_ok() {
                f.to_string()
            } else {
                d.to_string()
            }
        };
        Self {
            date: match check_date_format(date) {
                Ok(()) => date.to_string(),
                Err(_) => super::DATE_FORMAT.to_string(),
            },
            time: ok(time, super::TIME_FORMAT),
        }
    }

    /// A day. (A format that cannot write a day alone was refused when read; should one
    /// get here, the default is used rather than failing.)
    pub fn date(&self, d: NaiveDate) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        match write!(out, "{}", d.format(&self.date)) {
            Ok(()) => out,
            Err(_) => d.format(super::DATE_FORMAT).to_string(),
        }
    }

    /// The local day of an instant.
    pub fn day(&self, t: DateTime<Utc>) -> String {
        self.date(t.with_timezone(&Local).date_naive())
    }

    /// The local time of day of an instant.
    pub fn time(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&Local).format(&self.time).to_string()
    }

    /// An instant as the leader reads it: local day and time.
    pub fn date_time(&self, t: DateTime<Utc>) -> String {
        format!("{} {}", self.day(t), self.time(t))
    }
}

/// Whether `f` is a usable `strftime` format: not empty, no unknown `%` specifier, and
/// nothing that needs a time zone name or offset chrono cannot give for local times.
pub fn check_format(f: &str) -> Result<(), String> {
    if f.trim().is_empty() {
        return Err("a format cannot be empty".into());
    }
    if f.chars().any(char::is_control) {
        return Err("a format cannot hold control characters".into());
    }
    if StrftimeItems::new(f).any(|i| matches!(i, Item::Error)) {
        return Err(
            "not a date/time format chrono understands (e.g. \"%d/%m/%Y\", \"%H:%M\", \"%-I:%M %p\")"
                .into(),
        );
    }
    // Formatting a sample must work too (some specifiers need what a date lacks).
    let sample = NaiveDate::from_ymd_opt(2024, 3, 5)
        .and_then(|d| d.and_hms_opt(17, 30, 0))
        .map(|t| t.and_utc().with_timezone(&Local));
    if let Some(t) = sample {
        use std::fmt::Write;
        let mut out = String::new();
        if write!(out, "{}", t.format(f)).is_err() {
            return Err("this format cannot be written for a date and time".into());
        }
    }
    Ok(())
}

/// Whether `f` is a usable format for a day alone: [`check_format`], and nothing that
/// needs a time of day (`%H`, `%M`, `%p`…), which a date does not have.
pub fn check_date_format(f: &str) -> Result<(), String> {
    check_format(f)?;
    use std::fmt::Write;
    let mut out = String::new();
    let day = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap_or_default();
    if write!(out, "{}", day.format(f)).is_err() {
        return Err("a date format cannot show a time of day (use time-format for that)".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_format_with_a_time_of_day_is_refused_and_never_panics() {
        assert!(
            check_format("%a %Y-%m-%d %H:%M").is_ok(),
            "fine for an instant"
        );
        assert!(check_date_format("%a %Y-%m-%d %H:%M").is_err());
        assert!(check_date_format("%d/%m/%Y").is_ok());
        // Even given one unchecked, a day is written with the default.
        let d = Dates::new("%Y %H:%M", "%H:%M");
        let day = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        assert_eq!(
            d.date(day),
            day.format(crate::settings::DATE_FORMAT).to_string()
        );
        let unchecked = Dates {
            date: "%Y %H:%M".into(),
            time: "%H:%M".into(),
        };
        assert_eq!(unchecked.date(day), d.date(day));
    }

    #[test]
    fn bad_formats_are_refused_and_good_ones_kept() {
        assert!(check_format("%d/%m/%Y").is_ok());
        assert!(check_format("%-I:%M %p").is_ok());
        assert!(check_format("%Q").is_err());
        assert!(check_format("%").is_err());
        assert!(check_format("").is_err());
        let d = Dates::new("%d/%m/%Y", "%Q");
        assert_eq!(
            d.date(NaiveDate::from_ymd_opt(2024, 3, 5).unwrap()),
            "05/03/2024"
        );
        assert_eq!(d.time, super::super::TIME_FORMAT);
    }
}
