//! A meeting of a community, planned, live or past.

use super::{CommunityId, MeetingId};
use chrono::{DateTime, Utc};

/// Where a meeting is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingStatus {
    Planned,
    Live,
    Ended,
    Cancelled,
}

impl MeetingStatus {
    /// The stored spelling, also the label.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::Live => "live",
            Self::Ended => "ended",
            Self::Cancelled => "cancelled",
        }
    }

    /// Reads the stored spelling.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Planned, Self::Live, Self::Ended, Self::Cancelled]
            .into_iter()
            .find(|m| m.as_str() == s)
    }
}

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

/// Parses a local date and time typed by the leader (`2026-12-01 18:00`, or with a `T`)
/// into UTC. Impossible dates (30 February) and times that do not exist locally (in a
/// daylight-saving gap) are refused with a message.
pub fn parse_local_datetime(raw: &str) -> Result<DateTime<Utc>, String> {
    use chrono::{Local, NaiveDateTime, TimeZone};
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
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| format!("{s} does not exist in the local time zone (a clock change)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes_parse_or_explain() {
        assert!(parse_local_datetime("2026-12-01 18:00").is_ok());
        assert!(parse_local_datetime("2026-12-01T18:00").is_ok());
        let e = parse_local_datetime("2026-02-30 18:00").unwrap_err();
        assert!(e.contains("not a valid date"), "{e}");
        assert!(parse_local_datetime("tomorrow").is_err());
    }
}
