//! Meeting lists for the Meetings and History screens.

use super::read::{opt_ts_at, spelling_at, ts_at};
use super::{Result, Store};
use crate::domain::meeting::MeetingStatus;
use crate::domain::{CommunityId, MeetingId};
use chrono::{DateTime, Utc};

/// One line of a meeting list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingSummary {
    pub id: MeetingId,
    pub title: String,
    pub scheduled_at: DateTime<Utc>,
    /// When it was held (started); `None` until it starts.
    pub started_at: Option<DateTime<Utc>>,
    pub planned_minutes: u32,
    pub status: MeetingStatus,
    pub agenda_items: u32,
    pub present: u32,
    pub notes: u32,
    pub actions: u32,
}

impl Store {
    /// Meetings of a community in the given statuses. Upcoming lists read soonest first
    /// (`newest_first = false`), history reads newest first.
    pub fn meetings(
        &self,
        community: CommunityId,
        statuses: &[&str],
        newest_first: bool,
    ) -> Result<Vec<MeetingSummary>> {
        let order = if newest_first { "DESC" } else { "ASC" };
        let sql = format!(
            "SELECT m.id, m.title, m.scheduled_at, m.planned_minutes, m.status,
                    (SELECT count(*) FROM agenda_item WHERE meeting_id = m.id),
                    (SELECT count(*) FROM attendance WHERE meeting_id = m.id AND status != 'absent'),
                    (SELECT count(*) FROM note WHERE meeting_id = m.id),
                    (SELECT count(*) FROM action_item WHERE meeting_id = m.id),
                    m.started_at
             FROM meeting m
             WHERE m.community_id = ?1 AND m.status IN (SELECT value FROM json_each(?2))
             ORDER BY m.scheduled_at {order}, m.id {order}"
        );
        let statuses = serde_json::to_string(statuses)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![community, statuses], |r| {
            Ok(MeetingSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                scheduled_at: ts_at(r, 2)?,
                planned_minutes: r.get(3)?,
                status: spelling_at(r, 4, MeetingStatus::parse)?,
                agenda_items: r.get(5)?,
                present: r.get(6)?,
                notes: r.get(7)?,
                actions: r.get(8)?,
                started_at: opt_ts_at(r, 9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
