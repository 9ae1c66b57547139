//! Drafts: text typed but not yet saved, kept as the leader types so a crash loses
//! nothing — a live meeting's note and consent votes, and any form's fields.

use super::*;
use crate::domain::MeetingId;
use crate::store::{Result, ts};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

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

    /// Keeps the draft of the form `form` (its kind and target); `None` drops it.
    pub fn set_form_draft(&self, form: &str, body: Option<&str>, now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn();
        match body {
            Some(body) => tx.execute(
                "INSERT INTO form_draft (form, body, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (form) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                params![form, body, ts(now)],
            )?,
            None => tx.execute("DELETE FROM form_draft WHERE form = ?1", [form])?,
        };
        Ok(())
    }
}

impl Store {
    /// The draft kept for the form `form`, if any.
    pub fn form_draft(&self, form: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT body FROM form_draft WHERE form = ?1", [form], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// The drafts kept for `meeting`, as (kind, body).
    pub fn drafts(&self, meeting: MeetingId) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT kind, body FROM draft WHERE meeting_id = ?1 ORDER BY kind")?;
        let rows = stmt.query_map([meeting], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
