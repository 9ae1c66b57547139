//! The VEVENTs: one per planned meeting, and one for the community's recurring series.

use super::PlannedMeeting;
use super::text::Lines;
use super::tz;
use crate::domain::agenda::Timebox;
use crate::domain::cadence::Cadence;
use crate::domain::{Community, CommunityId, MeetingId};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use std::collections::BTreeSet;

/// What every event shares.
pub(super) struct Context<'a> {
    pub community: &'a Community,
    pub zone: Tz,
    pub now: DateTime<Utc>,
}

impl Context<'_> {
    fn local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        t.with_timezone(&self.zone).naive_local()
    }

    /// A DATE-TIME property at local time `t`: `NAME;TZID=zone:local`, or `NAME:…Z` in UTC.
    fn time(&self, lines: &mut Lines, name: &str, t: NaiveDateTime) {
        if tz::is_utc(self.zone) {
            lines.raw(name, &tz::utc_stamp(tz::instant(self.zone, t)));
        } else {
            let name = format!("{name};TZID={}", self.zone.name());
            lines.raw(&name, &tz::local_stamp(t));
        }
    }

    /// UID, DTSTAMP, LOCATION and URL, the same for every event.
    fn common(&self, lines: &mut Lines, uid: &str) {
        lines.raw("UID", uid);
        lines.raw("DTSTAMP", &tz::utc_stamp(self.now));
        let place = self.community.info.place.trim();
        if !place.is_empty() {
            lines.text("LOCATION", place);
        }
        if let Some(url) = link_in(place) {
            lines.raw("URL", url);
        }
    }
}

/// The first http(s) link in a place ("Room 4 / https://meet.example/abc"), so a
/// video call is one click away. Trailing punctuation is not part of the link.
pub fn link_in(place: &str) -> Option<&str> {
    place
        .split_whitespace()
        .find(|w| {
            let lower = w.to_ascii_lowercase();
            (lower.starts_with("https://") || lower.starts_with("http://"))
                && w.len() > "https://".len()
                && !w.chars().any(char::is_control)
        })
        .map(|w| w.trim_end_matches(['.', ',', ';']))
}

/// The UID of a planned meeting: stable across exports, unique across communities.
pub fn meeting_uid(meeting: MeetingId, community: CommunityId) -> String {
    format!("meeting-{meeting}-{community}@roundtable.local")
}

/// The UID of a community's recurring series.
pub fn series_uid(community: CommunityId) -> String {
    format!("series-{community}@roundtable.local")
}

/// The recurring series as exported: its first slot, and the slots a planned meeting
/// on the same date replaces (written as EXDATE, so a calendar does not show both).
pub(super) struct Series {
    pub cadence: Cadence,
    pub zone: Tz,
    /// The first slot after now, local time.
    pub start: NaiveDateTime,
    pub minutes: u32,
    pub exdates: Vec<NaiveDateTime>,
}

impl Series {
    /// Lays out the series from `now`. An every-N-weeks cadence is kept in step with the
    /// earliest planned meeting on its weekday, if there is one; otherwise with the next
    /// matching weekday.
    pub fn new(
        cadence: Cadence,
        zone: Tz,
        now: DateTime<Utc>,
        meetings: &[&PlannedMeeting],
        minutes: u32,
    ) -> Self {
        use chrono::Datelike;
        let local = |t: DateTime<Utc>| t.with_timezone(&zone).naive_local();
        let dates: BTreeSet<NaiveDate> = meetings
            .iter()
            .map(|m| local(m.meeting.scheduled_at).date())
            .collect();
        let anchor = match cadence {
            Cadence::Weekly { every, weekday, .. } if every > 1 => {
                dates.iter().find(|d| d.weekday() == weekday).copied()
            }
            _ => None,
        };
        let first = cadence.next_after(local(now), anchor);
        let anchor = Some(anchor.unwrap_or(first.date()));
        // The series starts at the first slot no planned meeting takes: some clients
        // still show a DTSTART that an EXDATE removes.
        let mut start = first;
        while dates.contains(&start.date()) {
            let next = cadence.next_after(start, anchor);
            if next <= start {
                break;
            }
            start = next;
        }
        let mut exdates = Vec::new();
        if let Some(&last) = dates.last() {
            let mut slot = start;
            while slot.date() <= last {
                if dates.contains(&slot.date()) {
                    exdates.push(slot);
                }
                let next = cadence.next_after(slot, anchor);
                if next <= slot {
                    break;
                }
                slot = next;
            }
        }
        Self {
            cadence,
            zone,
            start,
            minutes,
            exdates,
        }
    }

    /// The first slot as an instant.
    pub fn start_instant(&self) -> DateTime<Utc> {
        tz::instant(self.zone, self.start)
    }
}

/// The series' VEVENT: RRULE from the cadence, EXDATE for dates a planned meeting takes.
pub(super) fn write_series(lines: &mut Lines, ctx: &Context<'_>, s: &Series) {
    let info = &ctx.community.info;
    let end = ctx.local(s.start_instant() + Duration::minutes(i64::from(s.minutes)));
    lines.raw("BEGIN", "VEVENT");
    ctx.common(lines, &series_uid(ctx.community.id));
    ctx.time(lines, "DTSTART", s.start);
    ctx.time(lines, "DTEND", end);
    lines.raw("RRULE", &s.cadence.rrule());
    for &x in &s.exdates {
        ctx.time(lines, "EXDATE", x);
    }
    lines.text("SUMMARY", &info.name);
    let mut description = info.purpose.trim().to_string();
    if !description.is_empty() {
        description.push_str("\n\n");
    }
    description.push_str(&format!("Meets {}.", s.cadence));
    lines.text("DESCRIPTION", &description);
    lines.raw("END", "VEVENT");
}

/// A planned meeting's VEVENT.
pub(super) fn write_meeting(lines: &mut Lines, ctx: &Context<'_>, pm: &PlannedMeeting) {
    let m = &pm.meeting;
    let end = m.scheduled_at + Duration::minutes(i64::from(m.planned_minutes));
    lines.raw("BEGIN", "VEVENT");
    ctx.common(lines, &meeting_uid(m.id, ctx.community.id));
    ctx.time(lines, "DTSTART", ctx.local(m.scheduled_at));
    ctx.time(lines, "DTEND", ctx.local(end));
    lines.text("SUMMARY", &summary(&ctx.community.info.name, &m.title));
    lines.text("DESCRIPTION", &agenda_text(ctx, pm));
    lines.raw("END", "VEVENT");
}

/// "Community: title", unless the title already names the community.
fn summary(community: &str, title: &str) -> String {
    let title = title.trim();
    if title.is_empty() {
        community.to_string()
    } else if title.to_lowercase().contains(&community.to_lowercase()) {
        title.to_string()
    } else {
        format!("{community}: {title}")
    }
}

/// The agenda, one line per item: clock time, offset from the start, timebox, kind,
/// title, and the chosen icebreaker. Leader notes stay out: the calendar is for members.
fn agenda_text(ctx: &Context<'_>, pm: &PlannedMeeting) -> String {
    let m = &pm.meeting;
    if pm.agenda.is_empty() {
        return format!("{} min. No agenda yet.", m.planned_minutes);
    }
    let mut out = format!("Agenda ({} min):", m.planned_minutes);
    let mut offset = 0u32;
    for item in &pm.agenda {
        let at = ctx.local(m.scheduled_at + Duration::minutes(i64::from(offset)));
        let i = &item.info;
        out.push_str(&format!(
            "\n{} (+{offset} min) · {} min · {} · {}",
            at.format("%H:%M"),
            i.minutes,
            i.kind.label(),
            i.title.trim()
        ));
        if let Some((_, ice)) = &item.icebreaker {
            out.push_str(&format!(" — {}", ice.trim()));
        }
        offset += i.minutes;
    }
    let t = Timebox::of(pm.agenda.iter().map(|a| &a.info), m.planned_minutes);
    if let Some(over) = t.overflow() {
        out.push_str(&format!(
            "\nThe agenda runs {over} min over the planned {} min.",
            m.planned_minutes
        ));
    }
    out
}
