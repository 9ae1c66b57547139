//! How often a community meets, written the way a leader would say it:
//! `weekly Tue 18:00`, `every 2 weeks Thu 17:30`, `monthly 1st Mon 19:00`,
//! `monthly last Fri 12:00`. Times are local wall-clock times.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use std::fmt;
use std::str::FromStr;

/// Which week of the month a monthly meeting falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekOfMonth {
    /// 1st to 4th occurrence of the weekday.
    Nth(u8),
    /// The last occurrence of the weekday.
    Last,
}

/// A recurring meeting slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cadence {
    /// Every `every` weeks (1 = weekly) on a weekday, at a time.
    Weekly {
        /// Weeks between meetings, 1 to 8.
        every: u8,
        weekday: Weekday,
        time: NaiveTime,
    },
    /// Once a month on the given weekday of a given week.
    Monthly {
        week: WeekOfMonth,
        weekday: Weekday,
        time: NaiveTime,
    },
}

/// Examples shown next to a cadence field and in error messages.
pub const CADENCE_EXAMPLES: &str =
    "weekly Tue 18:00 · every 2 weeks Thu 17:30 · monthly 1st Mon 19:00 · monthly last Fri 12:00";

/// A weekday's three letters, as a cadence writes it ("Wed").
pub fn short_day(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

fn ordinal(n: u8) -> &'static str {
    match n {
        1 => "1st",
        2 => "2nd",
        3 => "3rd",
        _ => "4th",
    }
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Cadence::Weekly {
                every: 1,
                weekday,
                time,
            } => {
                write!(f, "weekly {} {}", short_day(weekday), time.format("%H:%M"))
            }
            Cadence::Weekly {
                every,
                weekday,
                time,
            } => write!(
                f,
                "every {every} weeks {} {}",
                short_day(weekday),
                time.format("%H:%M")
            ),
            Cadence::Monthly {
                week,
                weekday,
                time,
            } => {
                let w = match week {
                    WeekOfMonth::Nth(n) => ordinal(n),
                    WeekOfMonth::Last => "last",
                };
                write!(
                    f,
                    "monthly {w} {} {}",
                    short_day(weekday),
                    time.format("%H:%M")
                )
            }
        }
    }
}

/// Why a cadence could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CadenceError(pub String);

impl fmt::Display for CadenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (try: {CADENCE_EXAMPLES})", self.0)
    }
}

impl std::error::Error for CadenceError {}

fn parse_weekday(t: &str) -> Option<Weekday> {
    let t = t.trim_end_matches(['s', ',']);
    if t.len() < 2 {
        return None;
    }
    let days = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    days.iter()
        .find(|(name, _)| name.starts_with(t) && t.len() >= 2)
        .map(|&(_, d)| d)
}

fn parse_time(t: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H.%M"))
        .or_else(|_| NaiveTime::parse_from_str(&t.to_uppercase(), "%I:%M%p"))
        .or_else(|_| NaiveTime::parse_from_str(&format!("{}:00", t.trim_end_matches('h')), "%H:%M"))
        .ok()
}

fn parse_week(t: &str) -> Option<WeekOfMonth> {
    Some(match t {
        "1st" | "first" | "1" => WeekOfMonth::Nth(1),
        "2nd" | "second" | "2" => WeekOfMonth::Nth(2),
        "3rd" | "third" | "3" => WeekOfMonth::Nth(3),
        "4th" | "fourth" | "4" => WeekOfMonth::Nth(4),
        "last" => WeekOfMonth::Last,
        _ => return None,
    })
}

impl FromStr for Cadence {
    type Err = CadenceError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        const FILLER: [&str; 6] = ["on", "at", "the", "of", "month", "each"];
        let lower = s.to_lowercase();
        let tokens: Vec<&str> = lower
            .split_whitespace()
            .filter(|t| !FILLER.contains(t))
            .collect();
        let err = |m: &str| CadenceError(m.to_string());
        let (head, rest) = tokens
            .split_first()
            .ok_or_else(|| err("the cadence is empty"))?;
        enum Kind {
            Weekly(u8),
            Monthly,
        }
        let (kind, rest) = match *head {
            "weekly" => (Kind::Weekly(1), rest),
            "biweekly" | "fortnightly" => (Kind::Weekly(2), rest),
            "monthly" => (Kind::Monthly, rest),
            "every" => {
                let (n, rest) = match rest {
                    [w, rest @ ..] if *w == "week" => (1, rest),
                    [n, w, rest @ ..] if w.starts_with("week") => {
                        let n: u8 = n
                            .parse()
                            .map_err(|_| err("'every' needs a number of weeks"))?;
                        (n, rest)
                    }
                    _ => return Err(err("'every' needs a number of weeks")),
                };
                if !(1..=8).contains(&n) {
                    return Err(err("meetings can be 1 to 8 weeks apart"));
                }
                (Kind::Weekly(n), rest)
            }
            other => return Err(CadenceError(format!("'{other}' is not a cadence"))),
        };
        let (week, rest) =
            match kind {
                Kind::Monthly => match rest.split_first() {
                    Some((w, rest)) => (
                        Some(parse_week(w).ok_or_else(|| {
                            err("monthly needs a week: 1st, 2nd, 3rd, 4th or last")
                        })?),
                        rest,
                    ),
                    None => return Err(err("monthly needs a week: 1st, 2nd, 3rd, 4th or last")),
                },
                Kind::Weekly(_) => (None, rest),
            };
        let [day, time] = rest else {
            return Err(err("give a weekday and a time"));
        };
        let weekday =
            parse_weekday(day).ok_or_else(|| CadenceError(format!("'{day}' is not a weekday")))?;
        let time = parse_time(time)
            .ok_or_else(|| CadenceError(format!("'{time}' is not a time (use HH:MM)")))?;
        Ok(match (kind, week) {
            (Kind::Weekly(every), _) => Cadence::Weekly {
                every,
                weekday,
                time,
            },
            (Kind::Monthly, Some(week)) => Cadence::Monthly {
                week,
                weekday,
                time,
            },
            (Kind::Monthly, None) => return Err(err("monthly needs a week")),
        })
    }
}

fn nth_weekday(year: i32, month: u32, week: WeekOfMonth, weekday: Weekday) -> Option<NaiveDate> {
    match week {
        WeekOfMonth::Nth(n) => NaiveDate::from_weekday_of_month_opt(year, month, weekday, n),
        WeekOfMonth::Last => {
            let (ny, nm) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
            let mut d = NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()?;
            while d.weekday() != weekday {
                d = d.pred_opt()?;
            }
            Some(d)
        }
    }
}

impl Cadence {
    /// The meeting time of day.
    pub fn time(&self) -> NaiveTime {
        match *self {
            Cadence::Weekly { time, .. } | Cadence::Monthly { time, .. } => time,
        }
    }

    /// The first slot strictly after `after` (local time). For an every-N-weeks cadence the
    /// series is anchored on `anchor` (the series' first date), so the fortnight stays in step.
    pub fn next_after(&self, after: NaiveDateTime, anchor: Option<NaiveDate>) -> NaiveDateTime {
        match *self {
            Cadence::Weekly {
                every,
                weekday,
                time,
            } => {
                let mut d = after.date();
                while d.weekday() != weekday || d.and_time(time) <= after {
                    d += Duration::days(1);
                }
                if every > 1
                    && let Some(a) = anchor
                {
                    let period = 7 * i64::from(every);
                    while (d - a).num_days().rem_euclid(period) >= 7 {
                        d += Duration::days(7);
                    }
                }
                d.and_time(time)
            }
            Cadence::Monthly {
                week,
                weekday,
                time,
            } => {
                let (mut y, mut m) = (after.year(), after.month());
                for _ in 0..24 {
                    if let Some(d) = nth_weekday(y, m, week, weekday)
                        && d.and_time(time) > after
                    {
                        return d.and_time(time);
                    }
                    (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                }
                after
            }
        }
    }

    /// The RFC 5545 recurrence rule for this cadence, without the `RRULE:` prefix.
    pub fn rrule(&self) -> String {
        let day = |d: Weekday| short_day(d)[..2].to_uppercase();
        match *self {
            Cadence::Weekly {
                every: 1, weekday, ..
            } => format!("FREQ=WEEKLY;BYDAY={}", day(weekday)),
            Cadence::Weekly { every, weekday, .. } => {
                format!("FREQ=WEEKLY;INTERVAL={every};BYDAY={}", day(weekday))
            }
            Cadence::Monthly { week, weekday, .. } => {
                let n = match week {
                    WeekOfMonth::Nth(n) => i32::from(n),
                    WeekOfMonth::Last => -1,
                };
                format!("FREQ=MONTHLY;BYDAY={n}{}", day(weekday))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Cadence {
        s.parse().unwrap()
    }

    #[test]
    fn parses_natural_forms_and_prints_canonically() {
        assert_eq!(c("weekly Tue 18:00").to_string(), "weekly Tue 18:00");
        assert_eq!(
            c("Weekly on Tuesday at 18:00").to_string(),
            "weekly Tue 18:00"
        );
        assert_eq!(
            c("every 2 weeks thu 17:30").to_string(),
            "every 2 weeks Thu 17:30"
        );
        assert_eq!(
            c("fortnightly Thursdays 9:05").to_string(),
            "every 2 weeks Thu 09:05"
        );
        assert_eq!(
            c("monthly first monday 19:00").to_string(),
            "monthly 1st Mon 19:00"
        );
        assert_eq!(
            c("monthly on the last Fri of the month at 12:00").to_string(),
            "monthly last Fri 12:00"
        );
        assert_eq!(c("weekly wed 6:30pm").to_string(), "weekly Wed 18:30");
    }

    #[test]
    fn refuses_nonsense_with_a_reason() {
        for bad in [
            "",
            "daily 10:00",
            "weekly 18:00",
            "weekly Tue",
            "every 0 weeks Mon 10:00",
            "monthly Tue 10:00",
            "weekly Tue 25:00",
        ] {
            assert!(bad.parse::<Cadence>().is_err(), "{bad:?} should be refused");
        }
        let e = "weekly Xyz 18:00".parse::<Cadence>().unwrap_err();
        assert!(e.to_string().contains("'xyz' is not a weekday"), "{e}");
    }

    #[test]
    fn next_slot_weekly_and_fortnightly() {
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        // 2026-11-29 is a Sunday.
        assert_eq!(
            c("weekly Tue 18:00").next_after(at("2026-11-29 10:00"), None),
            at("2026-12-01 18:00")
        );
        assert_eq!(
            c("weekly Sun 18:00").next_after(at("2026-11-29 10:00"), None),
            at("2026-11-29 18:00")
        );
        assert_eq!(
            c("weekly Sun 09:00").next_after(at("2026-11-29 10:00"), None),
            at("2026-12-06 09:00")
        );
        let anchor = NaiveDate::from_ymd_opt(2026, 11, 24); // a Tuesday
        assert_eq!(
            c("every 2 weeks Tue 18:00").next_after(at("2026-11-29 10:00"), anchor),
            at("2026-12-08 18:00")
        );
    }

    #[test]
    fn next_slot_monthly() {
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(
            c("monthly 1st Mon 19:00").next_after(at("2026-11-29 10:00"), None),
            at("2026-12-07 19:00")
        );
        assert_eq!(
            c("monthly last Fri 12:00").next_after(at("2026-11-29 10:00"), None),
            at("2026-12-25 12:00")
        );
    }

    #[test]
    fn rrules() {
        assert_eq!(c("weekly Tue 18:00").rrule(), "FREQ=WEEKLY;BYDAY=TU");
        assert_eq!(
            c("every 3 weeks Thu 18:00").rrule(),
            "FREQ=WEEKLY;INTERVAL=3;BYDAY=TH"
        );
        assert_eq!(
            c("monthly last Fri 12:00").rrule(),
            "FREQ=MONTHLY;BYDAY=-1FR"
        );
        assert_eq!(c("monthly 2nd Wed 12:00").rrule(), "FREQ=MONTHLY;BYDAY=2WE");
    }
}
