//! The learning cycle a meeting is part of (the live screen's board, commitments and
//! reflection read it through this).

use super::super::{Result, Store};
use super::no_meeting;
use crate::domain::{CycleId, MeetingId};
use rusqlite::OptionalExtension;

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
