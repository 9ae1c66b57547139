//! Drafts of a live meeting: text typed but not yet saved (a note, consent votes), kept
//! as the leader types so a crash loses nothing.

use super::*;
use crate::domain::MeetingId;
use crate::store::{Result, ts};
use chrono::{DateTime, Utc};
use rusqlite::params;

impl Tx<'_> {
    /// Keeps the draft of `kind` (`"note"` or `"votes"`) for `meeting`; `None` drops it.
    pub fn set_draft(
        &self,
        meeting: MeetingId,
        kind: &str,
        body: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn();
        match body {
            Some(body) => tx.execute(
                "INSERT INTO draft (meeting_id, kind, body, updated_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (meeting_id, kind) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                params![meeting, kind, body, ts(now)],
            )?,
            None => tx.execute(
                "DELETE FROM draft WHERE meeting_id = ?1 AND kind = ?2",
                params![meeting, kind],
            )?,
        };
        Ok(())
    }
}

impl Store {
    /// The drafts kept for `meeting`, as (kind, body).
    pub fn drafts(&self, meeting: MeetingId) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT kind, body FROM draft WHERE meeting_id = ?1 ORDER BY kind")?;
        let rows = stmt.query_map([meeting], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
