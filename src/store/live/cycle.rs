//! The learning cycle a meeting is part of (the live screen's board, commitments and
//! reflection read it through this).

use super::super::{Result, Store, StoreError, Tx};
use super::no_meeting;
use crate::domain::cycle::check_line;
use crate::domain::{CycleId, ImprovementId, MeetingId};
use rusqlite::{OptionalExtension, params};

impl Tx<'_> {
    /// Rewrites an entry of a cycle's improvements list (the reflection walk's Enter).
    pub fn update_improvement(&self, id: ImprovementId, body: &str) -> Result<()> {
        let body = check_line("improvement", body).map_err(|m| {
            let mut e = crate::domain::ValidationErrors::default();
            e.push("body", m);
            StoreError::Invalid(e)
        })?;
        let n = self.conn().execute(
            "UPDATE improvement SET body = ?2 WHERE id = ?1",
            params![id, body],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("improvement {id}")));
        }
        Ok(())
    }
}

impl Store {
    /// The cycle meeting `meeting` belongs to, if any (a meeting planned or started
    /// while its community had an open cycle, or open when one was opened).
    pub fn meeting_cycle(&self, meeting: MeetingId) -> Result<Option<CycleId>> {
        self.conn()
            .query_row(
                "SELECT cycle_id FROM meeting WHERE id = ?1",
                [meeting],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| no_meeting(meeting))
    }
}
