//! Meeting lists for the Meetings and History screens. History is read a page at a time
//! (keyset paging on `(scheduled_at, id)` over the `meeting_community` index), with its
//! counts read from `meeting_tally` by key for the page's rows only.

use super::read::{opt_ts_at, spelling_at, ts_at};
use super::{Result, Store, ts};
use crate::domain::meeting::MeetingStatus;
use crate::domain::timer::{Span, active};
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
    /// When it ended; `None` until it ends.
    pub ended_at: Option<DateTime<Utc>>,
    /// The number of the learning cycle it belongs to, if any.
    pub cycle: Option<u32>,
    pub planned_minutes: u32,
    pub status: MeetingStatus,
    pub agenda_items: u32,
    pub present: u32,
    pub notes: u32,
    pub actions: u32,
    /// Its pauses (and downtime), read for History's rows only (their Took); empty
    /// elsewhere.
    pub paused: Vec<Span>,
}

impl MeetingSummary {
    /// How long it ran, start to end with its pauses not counted, if it has ended: the
    /// same [`active`] time the meeting view's "Took" and the summary show (r9 trial
    /// F29: History counted the pauses).
    pub fn duration(&self) -> Option<chrono::Duration> {
        let (start, end) = (self.started_at?, self.ended_at?);
        Some(active(Span::new(start, end), &self.paused, end))
    }
}

/// Which past meetings History shows: every word in the title (any case) and a
/// scheduled time in `[from, to)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryFilter {
    pub words: Vec<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// Where a History page starts: after (older than) or before (newer than) this meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryCursor {
    pub scheduled_at: DateTime<Utc>,
    pub id: MeetingId,
    /// Read the meetings newer than the cursor (oldest first) instead of older ones.
    pub newer: bool,
}

impl HistoryCursor {
    /// The cursor at a meeting of a list.
    pub fn at(m: &MeetingSummary, newer: bool) -> Self {
        Self {
            scheduled_at: m.scheduled_at,
            id: m.id,
            newer,
        }
    }
}

/// The columns of a meeting list row, over `meeting m` joined to [`TALLY`]: the counts
/// are the meeting's row of `meeting_tally` (migration 0013, kept by triggers), read by
/// its key, so a row costs the same however many notes the meeting holds.
const LIST_COLS: &str = "m.id, m.title, m.scheduled_at, m.planned_minutes, m.status,
    coalesce(t.agenda_items, 0), coalesce(t.present, 0), coalesce(t.notes, 0),
    coalesce(t.actions, 0),
    m.started_at, m.ended_at,
    (SELECT number FROM cycle WHERE id = m.cycle_id)";

/// The join [`LIST_COLS`] reads the counts through.
const TALLY: &str = "LEFT JOIN meeting_tally t ON t.meeting_id = m.id";

fn summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<MeetingSummary> {
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
        ended_at: opt_ts_at(r, 10)?,
        cycle: r.get(11)?,
        paused: Vec::new(),
    })
}

/// The SQL of a History page: ended meetings of `?1`, title words in `?2` (a JSON array
/// of LIKE patterns), scheduled in `[?3, ?4)`, after the cursor `(?5, ?6)` (older for a
/// newest-first page, newer for `newer`; the cursor's time is read as stored, so a time
/// spelt another way, by an import say, still compares equal), at most `?7` rows. Every bound is given (an
/// open end as a text below or above any stored time), so SQLite reads one range of the
/// `meeting_community` index in order and stops after `?7` rows.
pub fn history_page_sql(newer: bool) -> String {
    let (cmp, order) = if newer { (">", "ASC") } else { ("<", "DESC") };
    format!(
        "SELECT {LIST_COLS}
         FROM meeting m {TALLY}
         WHERE m.community_id = ?1 AND m.status = 'ended'
           AND m.scheduled_at >= ?3 AND m.scheduled_at < ?4
           AND (m.scheduled_at, m.id) {cmp}
               (coalesce((SELECT scheduled_at FROM meeting WHERE id = ?6), ?5), ?6)
           AND NOT EXISTS (SELECT 1 FROM json_each(?2) w
                           WHERE m.title NOT LIKE w.value ESCAPE '\\')
         ORDER BY m.scheduled_at {order}, m.id {order}
         LIMIT ?7"
    )
}

/// Texts that sort below and above every stored time.
const BEFORE_ALL: &str = "";
const AFTER_ALL: &str = "~";

/// A LIKE pattern that finds `word` anywhere (its `%`, `_` and `\` taken literally).
fn like(word: &str) -> String {
    let mut p = String::from("%");
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

impl Store {
    /// The community's planned and live meetings, soonest first (every screen's start
    /// reads them). Read from the partial index `meeting_upcoming` (migration 0011): the
    /// cost follows the meetings still to come, where the community's index walked every
    /// ended meeting too.
    pub fn upcoming_meetings(&self, community: CommunityId) -> Result<Vec<MeetingSummary>> {
        let sql = format!(
            "SELECT {LIST_COLS}
             FROM meeting m {TALLY}
             WHERE m.community_id = ?1 AND m.status IN ('live', 'planned')
             ORDER BY m.scheduled_at, m.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([community], summary)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Meetings of a community in the given statuses. Upcoming lists read soonest first
    /// (`newest_first = false`), history reads newest first. (History itself reads pages:
    /// [`Store::history_page`].)
    pub fn meetings(
        &self,
        community: CommunityId,
        statuses: &[&str],
        newest_first: bool,
    ) -> Result<Vec<MeetingSummary>> {
        let order = if newest_first { "DESC" } else { "ASC" };
        let sql = format!(
            "SELECT {LIST_COLS}
             FROM meeting m {TALLY}
             WHERE m.community_id = ?1 AND m.status IN (SELECT value FROM json_each(?2))
             ORDER BY m.scheduled_at {order}, m.id {order}"
        );
        let statuses = serde_json::to_string(statuses)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![community, statuses], summary)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One page of History: at most `limit` ended meetings of `community` that pass
    /// `filter`, newest first after `cursor` (or oldest first before it, for
    /// `cursor.newer`); from the newest when there is no cursor.
    pub fn history_page(
        &self,
        community: CommunityId,
        filter: &HistoryFilter,
        cursor: Option<HistoryCursor>,
        limit: u32,
    ) -> Result<Vec<MeetingSummary>> {
        let newer = cursor.is_some_and(|c| c.newer);
        let words: Vec<String> = filter.words.iter().map(|w| like(w)).collect();
        let words = serde_json::to_string(&words)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let mut stmt = self.conn().prepare_cached(&history_page_sql(newer))?;
        let from = filter.from.map_or(BEFORE_ALL.to_string(), ts);
        let to = filter.to.map_or(AFTER_ALL.to_string(), ts);
        // No cursor: from the newest (or the oldest).
        let (at, id) = match cursor {
            Some(c) => (ts(c.scheduled_at), c.id.get()),
            None if newer => (BEFORE_ALL.to_string(), i64::MIN),
            None => (AFTER_ALL.to_string(), i64::MAX),
        };
        let rows = stmt.query_map(
            rusqlite::params![community, words, from, to, at, id, limit],
            summary,
        )?;
        let mut page: Vec<MeetingSummary> = rows.collect::<rusqlite::Result<_>>()?;
        self.read_pauses(&mut page)?;
        Ok(page)
    }

    /// The pauses of a page's meetings, from the `meeting_pause_meeting` index.
    fn read_pauses(&self, page: &mut [MeetingSummary]) -> Result<()> {
        if page.is_empty() {
            return Ok(());
        }
        let ids: Vec<i64> = page.iter().map(|m| m.id.get()).collect();
        let ids = serde_json::to_string(&ids)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT meeting_id, started_at, ended_at FROM meeting_pause
             WHERE meeting_id IN (SELECT value FROM json_each(?1))",
        )?;
        let rows = stmt.query_map([ids], |r| {
            Ok((r.get::<_, MeetingId>(0)?, super::live::span_at(r, 1)?))
        })?;
        for row in rows {
            let (id, span) = row?;
            if let Some(m) = page.iter_mut().find(|m| m.id == id) {
                m.paused.push(span);
            }
        }
        Ok(())
    }

    /// The titles of the meetings `ids`, by meeting (the Actions screen names the meetings
    /// its rows were taken and followed up in, for the rows read only).
    pub fn meeting_titles(
        &self,
        ids: &[MeetingId],
    ) -> Result<std::collections::HashMap<MeetingId, String>> {
        super::actions::pairs_of(
            self.conn(),
            "SELECT m.id, m.title FROM json_each(?1) j JOIN meeting m ON m.id = j.value",
            ids.iter().map(|i| i.get()),
        )
    }

    /// When the community's latest ended meeting was scheduled (the next slot follows it).
    pub fn latest_past_meeting(&self, community: CommunityId) -> Result<Option<DateTime<Utc>>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT scheduled_at FROM meeting WHERE community_id = ?1 AND status = 'ended'
             ORDER BY scheduled_at DESC, id DESC LIMIT 1",
        )?;
        let mut rows = stmt.query([community])?;
        match rows.next()? {
            Some(r) => Ok(Some(ts_at(r, 0)?)),
            None => Ok(None),
        }
    }
}
