//! A meeting of a community, planned, live or past.

use super::spelling::spelled;
use super::validate::{self, ValidationErrors};
use super::{Cadence, CommunityId, Draft, MeetingId};
use chrono::{
    DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone,
    Timelike, Utc,
};
use strum::{EnumString, IntoStaticStr, VariantArray};

/// Where a meeting is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, IntoStaticStr, EnumString, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum MeetingStatus {
    Planned,
    Live,
    Ended,
    Cancelled,
}

spelled!(MeetingStatus);

/// A meeting's own fields (its agenda is stored separately).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub id: MeetingId,
    pub community_id: CommunityId,
    pub title: String,
    pub scheduled_at: DateTime<Utc>,
    pub planned_minutes: u32,
    pub status: MeetingStatus,
    /// The template it was planned from, if any.
    pub template: Option<String>,
}

/// What the meeting form edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingInfo {
    pub title: String,
    pub scheduled_at: DateTime<Utc>,
    pub planned_minutes: u32,
}

impl MeetingInfo {
    /// Validates the meeting form (`title`, `when` in local time in `zone`, `minutes`).
    pub fn from_draft<Z: TimeZone>(d: &Draft, zone: &Z) -> Result<Self, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let title = validate::name(&mut errs, "title", d.get("title"));
        let scheduled_at = parse_local_datetime(d.get("when"), zone).unwrap_or_else(|e| {
            errs.push("when", e);
            DateTime::<Utc>::default()
        });
        let planned_minutes = match d.get("minutes").trim().parse::<u32>() {
            Ok(m) if (5..=600).contains(&m) => m,
            _ => {
                errs.push("minutes", "must be a number of minutes from 5 to 600");
                0
            }
        };
        errs.into_result(Self {
            title,
            scheduled_at,
            planned_minutes,
        })
    }
}

/// The slot a new meeting defaults to: the community's next cadence slot after both now
/// and its latest meeting; without a cadence, tomorrow at the current hour.
pub fn next_slot(
    cadence: Option<Cadence>,
    now: NaiveDateTime,
    latest: Option<NaiveDateTime>,
) -> NaiveDateTime {
    let after = latest.map_or(now, |l| l.max(now));
    match cadence {
        Some(c) => c.next_after(after, latest.map(|l| l.date())),
        None => {
            let t = now + chrono::Duration::days(1);
            t.date().and_hms_opt(t.hour(), 0, 0).unwrap_or(t)
        }
    }
}

/// The instant local time `t` names in `zone`: the earlier where a clock turned back over
/// it (compared as instants: chrono's `Local` gives the later one first); `None` where a
/// clock change skipped it.
fn earliest<Z: TimeZone>(t: NaiveDateTime, zone: &Z) -> Option<DateTime<Utc>> {
    let utc = |t: DateTime<Z>| t.with_timezone(&Utc);
    match zone.from_local_datetime(&t) {
        LocalResult::Single(t) => Some(utc(t)),
        LocalResult::Ambiguous(a, b) => Some(utc(a).min(utc(b))),
        LocalResult::None => None,
    }
}

/// The instant day `d` begins in `zone` (the callers pass `chrono::Local`): local
/// midnight; the earlier instant where a clock turned back over midnight makes two; where
/// a clock change skips midnight, the instant the gap ends. History and Search bound
/// their date filters with it, so both count a meeting on the day the leader saw it.
pub fn local_day_start<Z: TimeZone>(d: NaiveDate, zone: &Z) -> DateTime<Utc> {
    let midnight = d.and_time(NaiveTime::MIN);
    if let Some(t) = earliest(midnight, zone) {
        return t;
    }
    // The first second whose local time is past midnight, between a day before and a day
    // after midnight read as UTC (no zone is a day off UTC). At the ends of the calendar
    // (a date typed as `-262143-01-01`) there is no such second: UTC midnight.
    let past = |t: NaiveDateTime| {
        t.checked_add_offset(zone.offset_from_utc_datetime(&t).fix())
            .is_none_or(|local| local >= midnight)
    };
    let day = TimeDelta::days(1);
    let (Some(mut before), Some(mut after)) = (
        midnight.checked_sub_signed(day),
        midnight.checked_add_signed(day),
    ) else {
        return Utc.from_utc_datetime(&midnight);
    };
    loop {
        let half = (after - before).num_seconds() / 2;
        if half == 0 {
            return Utc.from_utc_datetime(&after);
        }
        let mid = before + TimeDelta::seconds(half);
        if past(mid) {
            after = mid;
        } else {
            before = mid;
        }
    }
}

/// Parses a local date and time typed by the leader (`2026-12-01 18:00`, or with a `T`)
/// into UTC in `zone` (the callers pass `chrono::Local`): the earlier instant where a
/// clock change makes the time happen twice. Impossible dates (30 February) and times that
/// do not exist locally (in a daylight-saving gap) are refused with a message.
pub fn parse_local_datetime<Z: TimeZone>(raw: &str, zone: &Z) -> Result<DateTime<Utc>, String> {
    let s = raw.trim();
    let naive = [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    .ok_or_else(|| format!("'{s}' is not a valid date and time (use YYYY-MM-DD HH:MM)"))?;
    earliest(naive, zone)
        .ok_or_else(|| format!("{s} does not exist in the local time zone (a clock change)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_slot_follows_cadence_and_latest_meeting() {
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        let weekly: Cadence = "weekly Tue 18:00".parse().unwrap();
        // Sunday 29 Nov: next Tuesday; with a meeting already on 1 Dec, the week after.
        assert_eq!(
            next_slot(Some(weekly), at("2026-11-29 10:00"), None),
            at("2026-12-01 18:00")
        );
        assert_eq!(
            next_slot(
                Some(weekly),
                at("2026-11-29 10:00"),
                Some(at("2026-12-01 18:00"))
            ),
            at("2026-12-08 18:00")
        );
        assert_eq!(
            next_slot(None, at("2026-11-29 10:37"), None),
            at("2026-11-30 10:00")
        );
    }

    #[test]
    fn meeting_form_validation() {
        let ok = Draft::new()
            .with("title", "Cycle 3")
            .with("when", "2026-12-01 18:00")
            .with("minutes", "90");
        assert!(MeetingInfo::from_draft(&ok, &Utc).is_ok());
        let bad = Draft::new()
            .with("title", " ")
            .with("when", "2026-02-30 18:00")
            .with("minutes", "0");
        let e = MeetingInfo::from_draft(&bad, &Utc).unwrap_err();
        assert_eq!(e.0.len(), 3, "{e}");
    }

    #[test]
    fn a_local_day_begins_at_its_first_instant_in_the_zone_given() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let utc = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let east = chrono::FixedOffset::east_opt(5 * 3600 + 1800).unwrap();
        assert_eq!(
            local_day_start(day(2024, 3, 10), &east),
            utc("2024-03-09T18:30:00Z")
        );
        assert_eq!(
            local_day_start(day(2024, 3, 10), &Utc),
            utc("2024-03-10T00:00:00Z")
        );
        // Havana: midnight is skipped on 10 March 2024 (00:00 CST is 01:00 CDT) and
        // happens twice on 3 November 2024 (00:00 CDT, and an hour later 00:00 CST).
        let havana = chrono_tz::America::Havana;
        assert_eq!(
            local_day_start(day(2024, 3, 9), &havana),
            utc("2024-03-09T05:00:00Z")
        );
        assert_eq!(
            local_day_start(day(2024, 3, 10), &havana),
            utc("2024-03-10T05:00:00Z"),
            "the day begins as the gap ends, at 01:00 CDT"
        );
        assert_eq!(
            local_day_start(day(2024, 11, 3), &havana),
            utc("2024-11-03T04:00:00Z"),
            "the first midnight, 00:00 CDT"
        );
        // A gap that ends after midnight: Santiago, 8 September 2024, 00:00 -04 is
        // 01:00 -03.
        let santiago = chrono_tz::America::Santiago;
        assert_eq!(
            local_day_start(day(2024, 9, 8), &santiago),
            utc("2024-09-08T04:00:00Z")
        );
    }

    /// The first and last days chrono knows, in zones either side of UTC: no panic
    /// (`roundtable search --from=-262143-01-01` under TZ=Europe/Paris panicked); the
    /// first day east of UTC, which no instant begins, is bounded by UTC midnight.
    #[test]
    fn the_ends_of_the_calendar_have_a_beginning() {
        let east = chrono::FixedOffset::east_opt(3600).unwrap();
        let west = chrono::FixedOffset::west_opt(3600).unwrap();
        let paris = chrono_tz::Europe::Paris;
        for d in [NaiveDate::MIN, NaiveDate::MAX] {
            local_day_start(d, &east);
            local_day_start(d, &west);
            local_day_start(d, &paris);
        }
        let first = Utc.from_utc_datetime(&NaiveDate::MIN.and_time(NaiveTime::MIN));
        assert_eq!(local_day_start(NaiveDate::MIN, &east), first);
        assert_eq!(local_day_start(NaiveDate::MIN, &paris), first);
    }

    #[test]
    fn datetimes_parse_or_explain() {
        assert!(parse_local_datetime("2026-12-01 18:00", &Utc).is_ok());
        assert!(parse_local_datetime("2026-12-01T18:00", &Utc).is_ok());
        let e = parse_local_datetime("2026-02-30 18:00", &Utc).unwrap_err();
        assert!(e.contains("not a valid date"), "{e}");
        assert!(parse_local_datetime("tomorrow", &Utc).is_err());
        // In the zone given; a time that happens twice is the first, one that is skipped
        // is refused (Havana, as above).
        let havana = chrono_tz::America::Havana;
        let east = chrono::FixedOffset::east_opt(2 * 3600).unwrap();
        assert_eq!(
            parse_local_datetime("2026-12-01 18:00", &east).map(|t| t.to_rfc3339()),
            Ok("2026-12-01T16:00:00+00:00".into())
        );
        assert_eq!(
            parse_local_datetime("2024-11-03 00:30", &havana).map(|t| t.to_rfc3339()),
            Ok("2024-11-03T04:30:00+00:00".into())
        );
        let e = parse_local_datetime("2024-03-10 00:30", &havana).unwrap_err();
        assert!(e.contains("does not exist"), "{e}");
    }
}
