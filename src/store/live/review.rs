//! The action review's reads: the follow-ups given in a meeting, read with the live
//! meeting in one query (the writes are `Tx::follow_up_action`, in `store/actions.rs`).

use super::super::Result;
use super::super::read::{opt_date_at, opt_spelling_at, spelling_at, ts_at};
use crate::domain::note::ActionStatus;
use crate::domain::review::{ActionStanding, FollowUp};
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

/// Where each action taken in `meeting` stands now, by the note it was taken as (served
/// by the indexes on `action_item.meeting_id` and `action_update (action_id, id)`).
pub(super) fn action_standing(
    conn: &Connection,
    meeting: MeetingId,
) -> Result<Vec<ActionStanding>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.note_id, a.status, a.due_on,
                (SELECT u.verdict FROM action_update u WHERE u.action_id = a.id
                 ORDER BY u.id DESC LIMIT 1)
         FROM action_item a WHERE a.meeting_id = ?1 AND a.note_id IS NOT NULL ORDER BY a.id",
    )?;
    let rows = stmt.query_map([meeting], |r| {
        Ok(ActionStanding {
            note: r.get(0)?,
            status: spelling_at(r, 1, ActionStatus::parse)?,
            due: opt_date_at(r, 2)?,
            latest: opt_spelling_at(r, 3, ActionVerdict::parse)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
