//! History, read lazily: the first page of ended meetings when History is shown (a
//! refresh elsewhere leaves it unread: `App::load_shown`), the next page only when the
//! selection comes near the end of what is read. The filter is done by the store: title
//! words, and dates (`2024`, `2024-03`, `march 2024`, `2024-03-05`, or a range
//! `2023-09..2024-06`, either end open), `week` and `last-week` (weeks begin on the settings' `week-start`).

use super::Browse;
use crate::store::{HistoryCursor, HistoryFilter, Store, StoreError};
use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};

/// The instant day `d` begins in the leader's time zone.
fn local_day_start(d: NaiveDate) -> DateTime<Utc> {
    crate::domain::meeting::local_day_start(d, &chrono::Local)
}

/// Rows read at a time: more than a 200x60 terminal shows.
pub const HISTORY_PAGE: u32 = 64;

impl Browse {
    /// Reads History again from the newest, as many rows as were read before (at least a
    /// page), so a refresh keeps the selection where it was.
    pub(in crate::app) fn reload_history(&mut self, store: &Store) -> Result<(), StoreError> {
        let Some(id) = self.community_id() else {
            self.history.clear();
            self.history_more = false;
            return Ok(());
        };
        let filter = history_filter_in(&self.lists.history.filter, self.week);
        let want = u32::try_from(self.history.len())
            .unwrap_or(u32::MAX)
            .max(HISTORY_PAGE);
        // One more than wanted says whether there is more.
        let mut rows = store.history_page(id, &filter, None, want + 1)?;
        self.history_more = rows.len() > want as usize;
        rows.truncate(want as usize);
        self.history = rows;
        Ok(())
    }

    /// Reads the next page of History when the selection is within half a page of the
    /// end of what is read.
    pub(in crate::app) fn more_history(&mut self, store: &Store) -> Result<(), StoreError> {
        let near_end = self.lists.history.selected + (HISTORY_PAGE as usize) / 2;
        if !self.history_more || near_end < self.history.len() {
            return Ok(());
        }
        let (Some(id), Some(last)) = (self.community_id(), self.history.last()) else {
            return Ok(());
        };
        let filter = history_filter_in(&self.lists.history.filter, self.week);
        let cursor = HistoryCursor::at(last, false);
        let mut rows = store.history_page(id, &filter, Some(cursor), HISTORY_PAGE + 1)?;
        self.history_more = rows.len() > HISTORY_PAGE as usize;
        rows.truncate(HISTORY_PAGE as usize);
        self.history.extend(rows);
        Ok(())
    }

    /// What History's filter text selects (see the module's doc).
    pub fn history_filter(&self) -> HistoryFilter {
        history_filter_in(&self.lists.history.filter, self.week)
    }

    /// What is wrong with the dates in History's filter (a range that runs backwards, a
    /// word written like a date that is none), in Search's and the CLI's words
    /// ([`crate::app::search::date_problem`]): the empty list says it.
    pub fn history_date_problem(&self) -> Option<String> {
        crate::app::search::date_problem(&self.lists.history.filter)
    }

    /// Today and the first day of a week, for the `week` filters.
    pub(in crate::app) fn set_week(&mut self, today: NaiveDate, start: Weekday) {
        self.week = Some(Week { today, start });
    }
}

/// Today and the day weeks begin on (the settings' `week-start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    pub today: NaiveDate,
    pub start: Weekday,
}

impl Week {
    /// The first day of this week.
    pub fn first_day(self) -> NaiveDate {
        let back = (self.today.weekday().num_days_from_monday() + 7
            - self.start.num_days_from_monday())
            % 7;
        self.today - chrono::Duration::days(i64::from(back))
    }
}

/// Parses History's filter: date words and ranges, and a month by name with its year
/// (`march 2024`, as Search reads them), become the date bounds (local dates; the last
/// one given wins), every other word must be in the title.
pub fn history_filter(text: &str) -> HistoryFilter {
    history_filter_in(text, None)
}

/// [`history_filter`], with `week` and `last-week` read as weeks when `week` is known.
pub fn history_filter_in(text: &str, week: Option<Week>) -> HistoryFilter {
    let mut f = HistoryFilter::default();
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut i = 0;
    while let Some(&word) = words.get(i) {
        let named = words
            .get(i + 1)
            .and_then(|year| crate::app::search::month_named(word, year));
        if let Some((first, last)) = named {
            f.from = Some(local_day_start(first));
            f.to = last.succ_opt().map(local_day_start);
            i += 2;
            continue;
        }
        match week_range(word, week).or_else(|| date_range(word)) {
            Some((from, to)) => {
                f.from = from;
                f.to = to;
            }
            None => f.words.push(word.to_string()),
        }
        i += 1;
    }
    f
}

/// A date word of History's filter (`2024`, `2024-03`, `2024-03-05`, `A..B`, `A..`,
/// `..B`) as its first and last day, both included, either end open; `None` for any other
/// word. Search's query line takes the same words.
pub fn date_span(word: &str) -> Option<(Option<NaiveDate>, Option<NaiveDate>)> {
    let last = |s: &str| period(s).and_then(|(_, after)| after.pred_opt());
    if let Some((a, b)) = word.split_once("..") {
        let from = match a {
            "" => None,
            a => Some(period(a)?.0),
        };
        let to = match b {
            "" => None,
            b => Some(last(b)?),
        };
        return (from.is_some() || to.is_some()).then_some((from, to));
    }
    Some((Some(period(word)?.0), Some(last(word)?)))
}

type Bounds = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// `week` (this one) and `last-week`, any case.
fn week_range(word: &str, week: Option<Week>) -> Option<Bounds> {
    let first = week?.first_day();
    let first = match word.to_lowercase().as_str() {
        "week" => first,
        "last-week" => first - chrono::Duration::days(7),
        _ => return None,
    };
    let end = first + chrono::Duration::days(7);
    Some((Some(local_day_start(first)), Some(local_day_start(end))))
}

/// `2024`, `2024-03`, `2024-03-05` (that period) or `A..B`, `A..`, `..B` (from the start
/// of A to the end of B).
fn date_range(word: &str) -> Option<Bounds> {
    if let Some((a, b)) = word.split_once("..") {
        let from = match a {
            "" => None,
            a => Some(period(a)?.0),
        };
        let to = match b {
            "" => None,
            b => Some(period(b)?.1),
        };
        if from.is_none() && to.is_none() {
            return None;
        }
        return Some((from.map(local_day_start), to.map(local_day_start)));
    }
    let (a, b) = period(word)?;
    Some((Some(local_day_start(a)), Some(local_day_start(b))))
}

/// The first day of a year, month or day, and the first day after it.
fn period(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => {
            let y = i32::try_from(num(y, 4)?).ok()?;
            Some((
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?,
            ))
        }
        [y, m] => {
            let y = i32::try_from(num(y, 4)?).ok()?;
            let first = NaiveDate::from_ymd_opt(y, num(m, 2)?, 1)?;
            Some((first, first.checked_add_months(chrono::Months::new(1))?))
        }
        [y, m, d] => {
            let y = i32::try_from(num(y, 4)?).ok()?;
            let day = NaiveDate::from_ymd_opt(y, num(m, 2)?, num(d, 2)?)?;
            Some((day, day.succ_opt()?))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_dates_are_told_apart() {
        let f = history_filter("Alarm 2024-03 fatigue");
        assert_eq!(f.words, ["Alarm", "fatigue"]);
        assert_eq!(
            f.from,
            Some(local_day_start(
                NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()
            ))
        );
        assert_eq!(
            f.to,
            Some(local_day_start(
                NaiveDate::from_ymd_opt(2024, 4, 1).unwrap()
            ))
        );
    }

    #[test]
    fn ranges_run_from_the_start_of_one_period_to_the_end_of_the_other() {
        let d = |y, m, d| Some(local_day_start(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        let f = history_filter("2023-09..2024");
        assert_eq!((f.from, f.to), (d(2023, 9, 1), d(2025, 1, 1)));
        let f = history_filter("..2024-02-29");
        assert_eq!((f.from, f.to), (None, d(2024, 3, 1)));
        let f = history_filter("2024-12-31..");
        assert_eq!((f.from, f.to), (d(2024, 12, 31), None));
        assert!(f.words.is_empty());
    }

    /// r8 review: Search read `march 2024` and its help said "as in History", which did
    /// not; History now reads a month by name with its year, as Search does.
    #[test]
    fn a_month_by_name_with_its_year_is_that_month() {
        let d = |y, m, d| Some(local_day_start(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        for text in ["handover march 2024", "handover Mar 2024"] {
            let f = history_filter(text);
            assert_eq!((f.from, f.to), (d(2024, 3, 1), d(2024, 4, 1)), "{text}");
            assert_eq!(f.words, ["handover"], "{text}");
        }
        let f = history_filter("december 2024");
        assert_eq!((f.from, f.to), (d(2024, 12, 1), d(2025, 1, 1)));
        // A month with no year after it is a title word.
        let f = history_filter("may review");
        assert_eq!(f.words, ["may", "review"]);
        assert_eq!((f.from, f.to), (None, None));
    }

    #[test]
    fn weeks_begin_on_the_week_start() {
        // Wednesday 2024-03-06.
        let today = NaiveDate::from_ymd_opt(2024, 3, 6).unwrap();
        let d = |m, d| {
            Some(local_day_start(
                NaiveDate::from_ymd_opt(2024, m, d).unwrap(),
            ))
        };
        let monday = Some(Week {
            today,
            start: Weekday::Mon,
        });
        let f = history_filter_in("week", monday);
        assert_eq!((f.from, f.to), (d(3, 4), d(3, 11)));
        let sunday = Some(Week {
            today,
            start: Weekday::Sun,
        });
        let f = history_filter_in("Last-Week", sunday);
        assert_eq!((f.from, f.to), (d(2, 25), d(3, 3)));
        // On the first day itself, the week is the one it begins.
        let f = history_filter_in(
            "week",
            Some(Week {
                today,
                start: Weekday::Wed,
            }),
        );
        assert_eq!((f.from, f.to), (d(3, 6), d(3, 13)));
        // Without a today, a word like any other.
        assert_eq!(history_filter("week").words, ["week"]);
    }

    #[test]
    fn what_is_not_a_date_is_a_title_word() {
        for w in [
            "..",
            "2024-13",
            "24",
            "2024-02-30",
            "12345",
            "2024-1",
            "a..b",
        ] {
            let f = history_filter(w);
            assert_eq!(f.words, [w], "{w}");
            assert_eq!((f.from, f.to), (None, None), "{w}");
        }
    }
}
