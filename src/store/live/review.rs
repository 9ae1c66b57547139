//! The action review's reads: the follow-ups given in a meeting, read with the live
//! meeting in one query (the writes are `Tx::follow_up_action`, in `store/actions.rs`).

use super::super::Result;
use super::super::read::{opt_date_at, spelling_at, ts_at};
use crate::domain::review::FollowUp;
use crate::domain::{ActionVerdict, MeetingId};
use rusqlite::Connection;

/// The follow-ups given in `meeting`, in the order given, with their action's title,
/// owner and due date (served by the index on `action_update.meeting_id`).
pub(super) fn follow_ups(conn: &Connection, meeting: MeetingId) -> Result<Vec<FollowUp>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.action_id, a.title, a.owner_member_id, a.due_on, u.verdict, u.note, u.learned,
                u.in_reflection, u.created_at
         FROM action_update u JOIN action_item a ON a.id = u.action_id
         WHERE u.meeting_id = ?1 ORDER BY u.id",
    )?;
    let rows = stmt.query_map([meeting], |r| {
        Ok(FollowUp {
            action: r.get(0)?,
            title: r.get(1)?,
            owner: r.get(2)?,
            due: opt_date_at(r, 3)?,
            verdict: spelling_at(r, 4, ActionVerdict::parse)?,
            note: r.get(5)?,
            learned: r.get(6)?,
            in_reflection: r.get(7)?,
            at: ts_at(r, 8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
