//! Notes, action items and consent checks taken during a meeting.

use super::*;
use crate::domain::consent::ConsentResult;
use crate::domain::note::{ActionStatus, NoteKind};
use crate::domain::{
    ActionId, ChosenBy, CommunityId, ConsentId, LeaderRole, MeetingId, MemberId, NoteId,
};
use crate::store::{Result, ts};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

impl Tx<'_> {
    /// Marks an action item done (or dropped, or open again).
    pub fn set_action_status(
        &self,
        action: ActionId,
        status: ActionStatus,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn();
        let n = tx.execute(
            "UPDATE action_item SET status = ?2, done_at = CASE WHEN ?2 = 'done' THEN ?3 END WHERE id = ?1",
            params![action, status.as_str(), ts(now)],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!(
                "no action item with id {action}"
            )));
        }
        Ok(())
    }

    /// The action item an action note created.
    pub fn action_of_note(&self, note: NoteId) -> Result<ActionId> {
        self.conn()
            .query_row(
                "SELECT id FROM action_item WHERE note_id = ?1",
                [note],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("note {note} made no action item")))
    }

    /// Saves a note on the current item, about `member` (or the group). An action note
    /// also creates an action item with its owner and due date. Returns the note id.
    pub fn add_note(
        &self,
        meeting: MeetingId,
        member: Option<MemberId>,
        kind: NoteKind,
        body: &str,
        action: Option<(Option<MemberId>, Option<NaiveDate>)>,
        now: DateTime<Utc>,
    ) -> Result<NoteId> {
        self.add_note_on(meeting, None, member, kind, body, action, now)
    }

    /// [`Self::add_note`] on agenda item `on` of the meeting (where the note was begun),
    /// or on the current item with `None`. An item of another meeting is refused.
    #[allow(clippy::too_many_arguments)]
    pub fn add_note_on(
        &self,
        meeting: MeetingId,
        on: Option<AgendaItemId>,
        member: Option<MemberId>,
        kind: NoteKind,
        body: &str,
        action: Option<(Option<MemberId>, Option<NaiveDate>)>,
        now: DateTime<Utc>,
    ) -> Result<NoteId> {
        let tx = self.conn();
        let body = crate::domain::note::check_body(body).map_err(|m| invalid_note(&m))?;
        require_live(tx, meeting)?;
        let item = match on {
            Some(i) => tx
                .query_row(
                    "SELECT id FROM agenda_item WHERE id = ?1 AND meeting_id = ?2",
                    params![i, meeting],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| {
                    StoreError::NotFound(format!("agenda item {i} of meeting {meeting}"))
                })
                .map(Some)?,
            None => current_item(tx, meeting)?,
        };
        tx.execute(
            // The note joins the meeting's cycle (its board shows problems, pitfalls and
            // solutions).
            "INSERT INTO note (meeting_id, cycle_id, agenda_item_id, member_id, kind, body, created_at, updated_at)
             SELECT ?1, cycle_id, ?2, ?3, ?4, ?5, ?6, ?6 FROM meeting WHERE id = ?1",
            params![meeting, item, member, kind.as_str(), body, ts(now)],
        )?;
        let id = NoteId::new(tx.last_insert_rowid());
        if kind == NoteKind::Action {
            let (owner, due) = action.unwrap_or((member, None));
            let title = action_title(&body);
            tx.execute(
                "INSERT INTO action_item (community_id, meeting_id, cycle_id, note_id, owner_member_id, title, due_on, created_at, updated_at)
                 SELECT community_id, id, cycle_id, ?2, ?3, ?4, ?5, ?6, ?6 FROM meeting WHERE id = ?1",
                params![meeting, id, owner, title, due.map(|d| d.to_string()), ts(now)],
            )?;
        }
        Ok(id)
    }

    /// Changes a note's text and kind (its action item follows).
    pub fn update_note(
        &self,
        note: NoteId,
        kind: NoteKind,
        body: &str,
        action: Option<(Option<MemberId>, Option<NaiveDate>)>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let body = crate::domain::note::check_body(body).map_err(|m| invalid_note(&m))?;
        let tx = self.conn();
        let n = tx.execute(
            "UPDATE note SET kind = ?2, body = ?3, updated_at = ?4 WHERE id = ?1",
            params![note, kind.as_str(), body, ts(now)],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("no note with id {note}")));
        }
        // Only a solution answers, and only a problem or pitfall is answered: a note that
        // is no longer one loses its links (else the export would not import again).
        if kind != NoteKind::Solution {
            tx.execute(
                "UPDATE note SET answers_note_id = NULL WHERE id = ?1",
                [note],
            )?;
        }
        if !matches!(kind, NoteKind::Problem | NoteKind::Pitfall) {
            tx.execute(
                "UPDATE note SET answers_note_id = NULL
                 WHERE kind = 'solution' AND cycle_id IS (SELECT cycle_id FROM note WHERE id = ?1)
                   AND answers_note_id = ?1",
                [note],
            )?;
        }
        let title = action_title(&body);
        match (kind, action) {
            (NoteKind::Action, Some((owner, due))) => {
                let updated = tx.execute(
                    "UPDATE action_item SET title = ?2, owner_member_id = ?3, due_on = ?4 WHERE note_id = ?1",
                    params![note, title, owner, due.map(|d| d.to_string())],
                )?;
                if updated == 0 {
                    tx.execute(
                        "INSERT INTO action_item (community_id, meeting_id, cycle_id, note_id, owner_member_id, title, due_on, created_at, updated_at)
                         SELECT m.community_id, m.id, m.cycle_id, n.id, ?2, ?3, ?4, ?5, ?5 FROM note n JOIN meeting m ON m.id = n.meeting_id WHERE n.id = ?1",
                        params![note, owner, title, due.map(|d| d.to_string()), ts(now)],
                    )?;
                }
            }
            (NoteKind::Action, None) => {
                tx.execute(
                    "UPDATE action_item SET title = ?2 WHERE note_id = ?1",
                    params![note, title],
                )?;
            }
            _ => {
                tx.execute("DELETE FROM action_item WHERE note_id = ?1", [note])?;
            }
        }
        Ok(())
    }

    /// Deletes a note and the action item it created.
    pub fn delete_note(&self, note: NoteId) -> Result<()> {
        let tx = self.conn();
        tx.execute("DELETE FROM action_item WHERE note_id = ?1", [note])?;
        tx.execute("DELETE FROM note WHERE id = ?1", [note])?;
        Ok(())
    }

    /// Records a fist-of-five consent check with its decision note. If it chose the
    /// group's leader and reached consensus, the leadership history records them as
    /// agreed by the group.
    pub fn record_consent(
        &self,
        meeting: MeetingId,
        topic: &str,
        votes: &[(MemberId, u8)],
        leader: Option<MemberId>,
        now: DateTime<Utc>,
    ) -> Result<ConsentResult> {
        let tx = self.conn();
        let result = ConsentResult::new(votes).of_present(present_count(tx, meeting)?);
        let topic = topic.trim();
        if topic.is_empty() {
            return Err(invalid_note("the decision needs a topic"));
        }
        require_live(tx, meeting)?;
        let item = current_item(tx, meeting)?;

        // Only consent reached is a decision; a check that did not reach it (blocked,
        // too few votes) is a plain note that says so first (r9 trial F10: it was filed,
        // listed and searched as a decision).
        let (kind, body) = match result.consensus() {
            true => (
                NoteKind::Decision,
                format!("{topic} — {}", result.summary()),
            ),
            false => (
                NoteKind::Note,
                format!("Not agreed: {topic} — {}", result.summary()),
            ),
        };
        tx.execute(
            "INSERT INTO note (meeting_id, cycle_id, agenda_item_id, kind, body, created_at, updated_at)
             SELECT ?1, cycle_id, ?2, ?5, ?3, ?4, ?4 FROM meeting WHERE id = ?1",
            params![meeting, item, body, ts(now), kind.as_str()],
        )?;
        let note = NoteId::new(tx.last_insert_rowid());
        tx.execute(
            "INSERT INTO consent_check (meeting_id, agenda_item_id, note_id, topic, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![meeting, item, note, topic, ts(now)],
        )?;
        let check = ConsentId::new(tx.last_insert_rowid());
        for (member, score) in &result.votes {
            tx.execute(
                "INSERT INTO consent_vote (consent_check_id, member_id, score) VALUES (?1, ?2, ?3)",
                params![check, member, score],
            )?;
        }
        if let Some(leader) = leader.filter(|_| result.consensus()) {
            let community: CommunityId = tx.query_row(
                "SELECT community_id FROM meeting WHERE id = ?1",
                [meeting],
                |r| r.get(0),
            )?;
            let today = now.with_timezone(&chrono::Local).date_naive();
            self.set_leader(
                community,
                crate::store::NewLeader {
                    member: leader,
                    role: LeaderRole::Leader,
                    chosen_by: ChosenBy::Agreed,
                },
                today,
            )?;
        }
        Ok(result)
    }
}

/// An action item's title: the first line of its note, at most 200 characters.
fn action_title(body: &str) -> String {
    body.lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect()
}

/// How many are in the room (present or late) at `meeting`.
pub(super) fn present_count(tx: &rusqlite::Connection, meeting: MeetingId) -> Result<usize> {
    let n: i64 = tx.query_row(
        "SELECT count(*) FROM attendance WHERE meeting_id = ?1 AND status IN ('present', 'late')",
        [meeting],
        |r| r.get(0),
    )?;
    // count(*) is never negative.
    Ok(usize::try_from(n).unwrap_or(0))
}
