//! Time zones for the calendar: which zone to write times in, local and UTC time
//! stamps, and the VTIMEZONE component (RFC 5545 §3.6.5) built from the zone's offset
//! transitions as chrono-tz knows them.

use super::text::Lines;
use crate::domain::cadence::WeekOfMonth;
use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc, Weekday,
};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// Picks the zone from the `TZ` variable when it names an IANA zone (`Europe/Paris`,
/// `:Europe/Paris` or a path ending in `zoneinfo/Europe/Paris`), else from the system's
/// zone name. `None` when neither is a zone chrono-tz knows.
pub fn resolve(tz_env: Option<&str>, system: Option<&str>) -> Option<Tz> {
    let from_env = tz_env.and_then(|raw| {
        let name = raw.trim().trim_start_matches(':');
        let name = name.rsplit_once("zoneinfo/").map_or(name, |(_, n)| n);
        name.parse::<Tz>().ok()
    });
    from_env.or_else(|| system.and_then(|s| s.trim().parse::<Tz>().ok()))
}

/// Zones that are UTC under another name: times in them are written as UTC (`…Z`), with
/// no VTIMEZONE.
pub fn is_utc(tz: Tz) -> bool {
    matches!(
        tz.name(),
        "UTC" | "Etc/UTC" | "UCT" | "Etc/UCT" | "Universal" | "Etc/Universal" | "Zulu" | "Etc/Zulu"
    )
}

/// `YYYYMMDDTHHMMSS`, a local (or TZID-qualified) DATE-TIME value.
pub fn local_stamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// `YYYYMMDDTHHMMSSZ`, a UTC DATE-TIME value.
pub fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The instant a local wall-clock time in `tz` stands for. An ambiguous time (the hour
/// repeated when clocks go back) is the first one; a time skipped when clocks go forward
/// is read with the offset from before the gap, as RFC 5545 §3.3.5 says.
pub fn instant(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local).earliest() {
        Some(t) => t.with_timezone(&Utc),
        None => {
            let before = tz.offset_from_utc_datetime(&(local - Duration::days(1)));
            let secs = i64::from(before.fix().local_minus_utc());
            Utc.from_utc_datetime(&(local - Duration::seconds(secs)))
        }
    }
}

/// What is in force in a zone at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Offsets {
    /// Seconds east of UTC, DST included.
    total: i32,
    daylight: bool,
    name: String,
}

fn offsets_at(tz: Tz, secs: i64) -> Offsets {
    let utc = DateTime::from_timestamp(secs, 0)
        .unwrap_or_default()
        .naive_utc();
    let o = tz.offset_from_utc_datetime(&utc);
    let total = o.fix().local_minus_utc();
    Offsets {
        total,
        daylight: o.dst_offset() > Duration::zero(),
        name: o
            .abbreviation()
            .map_or_else(|| short_offset(total), str::to_string),
    }
}

/// A change of offset: the instant, and what was in force before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub at: DateTime<Utc>,
    pub from: i32,
    pub to: i32,
    pub daylight: bool,
    pub name: String,
}

impl Transition {
    /// The onset as local time before the change, the form an observance's DTSTART takes.
    pub fn local_onset(&self) -> NaiveDateTime {
        self.at.naive_utc() + Duration::seconds(i64::from(self.from))
    }
}

/// Every change of offset (or of its name or DST flag) in `tz` between `from` and
/// `to`, found by stepping six hours at a time and bisecting each change to the second.
pub fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Transition> {
    const STEP: i64 = 6 * 3600;
    let mut found = Vec::new();
    let (mut lo, end) = (from.timestamp(), to.timestamp());
    let mut before = offsets_at(tz, lo);
    while lo < end {
        let hi = (lo + STEP).min(end);
        let after = offsets_at(tz, hi);
        if after != before {
            let (mut a, mut b) = (lo, hi);
            while b - a > 1 {
                let mid = a + (b - a) / 2;
                if offsets_at(tz, mid) == before {
                    a = mid;
                } else {
                    b = mid;
                }
            }
            let new = offsets_at(tz, b);
            found.push(Transition {
                at: DateTime::from_timestamp(b, 0).unwrap_or_default(),
                from: before.total,
                to: new.total,
                daylight: new.daylight,
                name: new.name.clone(),
            });
            before = new;
            lo = b;
            continue;
        }
        lo = hi;
    }
    found
}

/// `+HHMM` (or `+HHMMSS` when there are seconds), the UTC-OFFSET value type.
pub fn utc_offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    let (h, m, s) = (a / 3600, a / 60 % 60, a % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// A name for an offset that has no abbreviation in the tz database, as the database
/// writes them: `+03`, `-0930`.
fn short_offset(secs: i32) -> String {
    let full = utc_offset(secs);
    if full.len() == 5 && full.ends_with("00") {
        full[..3].to_string()
    } else {
        full
    }
}

/// The weekday-of-month rule a date follows, e.g. "last Sunday of March".
fn yearly_rule(d: NaiveDate) -> (u32, WeekOfMonth, Weekday) {
    let days_in_month = {
        let (y, m) = if d.month() == 12 {
            (d.year() + 1, 1)
        } else {
            (d.year(), d.month() + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1)
            .and_then(|n| n.pred_opt())
            .map_or(31, |l| l.day())
    };
    let week = if d.day() + 7 > days_in_month {
        WeekOfMonth::Last
    } else {
        WeekOfMonth::Nth(((d.day() - 1) / 7 + 1) as u8)
    };
    (d.month(), week, d.weekday())
}

/// The longest tail of `run` (changes with the same offsets, oldest first) that follows
/// one yearly rule: same local time, same weekday-of-month, consecutive years. Returns
/// where that tail starts and its RRULE, when it has at least two changes.
fn yearly_tail(run: &[&Transition]) -> Option<(usize, String)> {
    let last = run.last()?.local_onset();
    let rule = yearly_rule(last.date());
    let mut start = run.len() - 1;
    while start > 0 {
        let o = run[start - 1].local_onset();
        let next = run[start].local_onset();
        if o.time() != last.time() || o.year() + 1 != next.year() || yearly_rule(o.date()) != rule {
            break;
        }
        start -= 1;
    }
    if start + 1 == run.len() {
        return None;
    }
    let (month, week, weekday) = rule;
    let n = match week {
        WeekOfMonth::Nth(n) => i32::from(n),
        WeekOfMonth::Last => -1,
    };
    let day = format!("{weekday:?}")[..2].to_uppercase();
    Some((start, format!("FREQ=YEARLY;BYMONTH={month};BYDAY={n}{day}")))
}

fn observance(lines: &mut Lines, t: &Transition, rrule: Option<&str>) {
    let kind = if t.daylight { "DAYLIGHT" } else { "STANDARD" };
    lines.raw("BEGIN", kind);
    lines.raw("DTSTART", &local_stamp(t.local_onset()));
    if let Some(r) = rrule {
        lines.raw("RRULE", r);
    }
    lines.raw("TZOFFSETFROM", &utc_offset(t.from));
    lines.raw("TZOFFSETTO", &utc_offset(t.to));
    lines.text("TZNAME", &t.name);
    lines.raw("END", kind);
}

/// Writes a VTIMEZONE for `tz` that is exact from `from` to `to`: one observance per
/// offset change in that range. The latest yearly rules (a DST zone's two changes a
/// year) are written once with an RRULE instead, so a strict client also gets the right
/// offsets for a series that recurs past `to`. A zone with no change in the range gets
/// one STANDARD observance.
pub fn write_vtimezone(lines: &mut Lines, tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) {
    lines.raw("BEGIN", "VTIMEZONE");
    lines.raw("TZID", tz.name());
    let changes = transitions(tz, from, to);
    if changes.is_empty() {
        let now = offsets_at(tz, from.timestamp());
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)
            .unwrap_or_default()
            .and_time(chrono::NaiveTime::MIN);
        observance(
            lines,
            &Transition {
                at: Utc.from_utc_datetime(&epoch),
                from: now.total,
                to: now.total,
                daylight: false,
                name: now.name,
            },
            None,
        );
    }
    // The zone's current rules are the runs the last two changes belong to (a run: all
    // changes with the same offsets and name). A run's regular yearly tail is written
    // once, with an RRULE; everything else stays explicit.
    let key = |t: &Transition| (t.from, t.to, t.daylight, t.name.clone());
    let mut ruled: Vec<(usize, String)> = Vec::new();
    for last in changes.iter().rev().take(2) {
        let run: Vec<usize> = (0..changes.len())
            .filter(|&i| key(&changes[i]) == key(last))
            .collect();
        let members: Vec<&Transition> = run.iter().map(|&i| &changes[i]).collect();
        if let Some((start, rule)) = yearly_tail(&members) {
            ruled.push((run[start], rule));
        }
    }
    for (i, t) in changes.iter().enumerate() {
        let rule = ruled
            .iter()
            .find(|(first, _)| *first == i)
            .map(|(_, r)| r.as_str());
        let covered = ruled
            .iter()
            .any(|(first, _)| i > *first && key(t) == key(&changes[*first]));
        if !covered {
            observance(lines, t, rule);
        }
    }
    lines.raw("END", "VTIMEZONE");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_of_month_rules() {
        let rule = |y, m, d| yearly_rule(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(rule(2027, 3, 8), (3, WeekOfMonth::Nth(2), Weekday::Mon));
        assert_eq!(rule(2027, 3, 24), (3, WeekOfMonth::Nth(4), Weekday::Wed));
        assert_eq!(rule(2027, 3, 25), (3, WeekOfMonth::Last, Weekday::Thu));
        assert_eq!(rule(2027, 2, 21), (2, WeekOfMonth::Nth(3), Weekday::Sun));
        assert_eq!(rule(2027, 2, 22), (2, WeekOfMonth::Last, Weekday::Mon));
        assert_eq!(rule(2027, 12, 31), (12, WeekOfMonth::Last, Weekday::Fri));
    }
}
