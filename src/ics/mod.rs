//! iCalendar (RFC 5545) export of a community's planned meetings and its recurring
//! series. [`write_calendar`] is pure (data, zone and clock in, text out);
//! [`calendar`] reads the store and the local time zone and calls it.

mod event;
pub mod text;
pub mod tz;

use crate::domain::Community;
use crate::domain::agenda::AgendaItem;
use crate::domain::meeting::Meeting;
use crate::store::Store;
use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use text::Lines;

/// A planned meeting with its agenda, as the calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedMeeting {
    pub meeting: Meeting,
    pub agenda: Vec<AgendaItem>,
}

/// Everything one calendar file is made from.
#[derive(Debug, Clone, Copy)]
pub struct CalendarInput<'a> {
    pub community: &'a Community,
    /// Planned meetings, any order.
    pub meetings: &'a [PlannedMeeting],
}

/// The calendar text for `community`: its planned meetings and, when it has a cadence,
/// its recurring series, with times in the local time zone (see [`tz::resolve`]).
pub fn calendar(
    store: &Store,
    community: &Community,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    let meetings = store
        .planned_meetings(community.id)
        .context("cannot read the planned meetings")?
        .into_iter()
        .map(|meeting| {
            let agenda = store
                .agenda(meeting.id)
                .with_context(|| format!("cannot read the agenda of meeting {}", meeting.id))?;
            Ok(PlannedMeeting { meeting, agenda })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let env = std::env::var("TZ").ok();
    let system = iana_time_zone::get_timezone().ok();
    // When no IANA zone can be found (no TZ name, no /etc/localtime link) the C library
    // itself falls back to UTC, so meeting times were entered as UTC too: writing
    // `…Z` times is then the consistent choice. A recurring series drifts by the DST
    // shift in such a setup, which a zone name would avoid; docs/CALENDAR.md says so.
    let zone = tz::resolve(env.as_deref(), system.as_deref()).unwrap_or(Tz::UTC);
    Ok(write_calendar(
        &CalendarInput {
            community,
            meetings: &meetings,
        },
        zone,
        now,
    ))
}

/// Writes the calendar. Times are in `zone` (`DTSTART;TZID=…` plus a VTIMEZONE), or in
/// UTC (`…Z`) when `zone` is UTC; `now` is the DTSTAMP and where the series starts.
pub fn write_calendar(input: &CalendarInput<'_>, zone: Tz, now: DateTime<Utc>) -> String {
    let info = &input.community.info;
    let mut meetings: Vec<&PlannedMeeting> = input.meetings.iter().collect();
    meetings.sort_by_key(|m| (m.meeting.scheduled_at, m.meeting.id));
    let series = info
        .cadence
        .map(|c| event::Series::new(c, zone, now, &meetings, info.meeting_minutes));

    let mut lines = Lines::default();
    lines.raw("BEGIN", "VCALENDAR");
    lines.raw("VERSION", "2.0");
    lines.raw(
        "PRODID",
        concat!(
            "-//Roundtable//Roundtable ",
            env!("CARGO_PKG_VERSION"),
            "//EN"
        ),
    );
    lines.raw("CALSCALE", "GREGORIAN");
    lines.raw("METHOD", "PUBLISH");
    lines.text("X-WR-CALNAME", &info.name);
    if !tz::is_utc(zone) {
        lines.raw("X-WR-TIMEZONE", zone.name());
        let starts = meetings
            .iter()
            .map(|m| m.meeting.scheduled_at)
            .chain(series.as_ref().map(|s| s.start_instant()))
            .chain([now]);
        let ends = meetings
            .iter()
            .map(|m| {
                m.meeting.scheduled_at + Duration::minutes(i64::from(m.meeting.planned_minutes))
            })
            .chain(series.as_ref().map(|s| s.start_instant()))
            .chain([now]);
        let first = starts.min().unwrap_or(now) - Duration::days(365);
        let last = ends.max().unwrap_or(now) + Duration::days(2 * 365);
        tz::write_vtimezone(&mut lines, zone, first, last);
    }
    let ctx = event::Context {
        community: input.community,
        zone,
        now,
    };
    if let Some(s) = &series {
        event::write_series(&mut lines, &ctx, s);
    }
    for m in meetings {
        event::write_meeting(&mut lines, &ctx, m);
    }
    lines.raw("END", "VCALENDAR");
    lines.finish()
}

#[cfg(test)]
mod tests;
