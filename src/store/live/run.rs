//! Starting, pausing, resuming and ending a meeting; attendance and agenda stepping.

use super::*;
use crate::domain::live::Attendance;
use crate::domain::rounds::{self, TurnState};
use crate::domain::{AgendaItemId, CommunityId, MeetingId, MemberId, PauseId, Profile};
use crate::store::read::parse_ts;
use crate::store::{Result, StoreError, ts};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, params};

impl Tx<'_> {
    /// Starts a planned meeting: records attendance and opens the first agenda item.
    pub fn start_meeting(
        &self,
        meeting: MeetingId,
        attendance: &[(MemberId, Attendance)],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn();
        let (status, community): (String, CommunityId) = tx
            .query_row(
                "SELECT status, community_id FROM meeting WHERE id = ?1",
                [meeting],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| no_meeting(meeting))?;
        if status != MeetingStatus::Planned.as_str() {
            return Err(refused(format!(
                "the meeting is {status}; only a planned one can start"
            )));
        }
        let other: Option<String> = tx
            .query_row(
                "SELECT title FROM meeting WHERE community_id = ?1 AND status = 'live'",
                [community],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(title) = other {
            return Err(refused(format!(
                "'{title}' is already live in this community; end it first"
            )));
        }
        // A meeting started while the community has an open cycle is part of it.
        tx.execute(
            "UPDATE meeting SET status = 'live', started_at = ?2, heartbeat_at = ?2,
                 cycle_id = coalesce(cycle_id,
                     (SELECT id FROM cycle WHERE community_id = meeting.community_id AND phase <> 'closed'))
             WHERE id = ?1",
            params![meeting, ts(now)],
        )?;
        for (member, status) in attendance {
            tx.execute(
                "INSERT INTO attendance (meeting_id, member_id, status) VALUES (?1, ?2, ?3)
                 ON CONFLICT (meeting_id, member_id) DO UPDATE SET status = excluded.status",
                params![meeting, member, status.as_str()],
            )?;
        }
        let first: Option<AgendaItemId> = tx
            .query_row(
                "SELECT id FROM agenda_item WHERE meeting_id = ?1 ORDER BY position LIMIT 1",
                [meeting],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(item) = first {
            tx.execute(
                "INSERT INTO item_visit (agenda_item_id, started_at) VALUES (?1, ?2)",
                params![item, ts(now)],
            )?;
        }
        Ok(())
    }

    /// Before starting: every active roster member without an attendance mark is marked
    /// present, so the leader only marks who is late or absent.
    pub fn prefill_attendance(&self, meeting: MeetingId) -> Result<()> {
        let tx = self.conn();
        tx.execute(
            "INSERT OR IGNORE INTO attendance (meeting_id, member_id, status)
             SELECT ?1, m.id, 'present' FROM member m JOIN meeting g ON g.community_id = m.community_id
             WHERE g.id = ?1 AND m.active = 1 AND m.is_guest = 0",
            [meeting],
        )?;
        Ok(())
    }

    /// Marks a member present, late or absent.
    pub fn set_attendance(
        &self,
        meeting: MeetingId,
        member: MemberId,
        status: Attendance,
    ) -> Result<()> {
        let tx = self.conn();
        tx.execute(
            "INSERT INTO attendance (meeting_id, member_id, status) VALUES (?1, ?2, ?3)
             ON CONFLICT (meeting_id, member_id) DO UPDATE SET status = excluded.status",
            params![meeting, member, status.as_str()],
        )?;
        Ok(())
    }

    /// Adds someone on the spot: a guest (not on the roster) or a new member (joins the
    /// roster flagged new). They are marked present.
    pub fn add_walk_in(
        &self,
        meeting: MeetingId,
        name: &Profile,
        guest: bool,
        now: DateTime<Utc>,
    ) -> Result<MemberId> {
        let tx = self.conn();
        let community: CommunityId = tx.query_row(
            "SELECT community_id FROM meeting WHERE id = ?1",
            [meeting],
            |r| r.get(0),
        )?;
        let id = self.insert_person(community, name, guest, now)?;
        tx.execute(
            "UPDATE member SET is_new = ?2 WHERE id = ?1",
            params![id, !guest],
        )?;
        tx.execute(
            "INSERT INTO attendance (meeting_id, member_id, status) VALUES (?1, ?2, 'present')",
            params![meeting, id],
        )?;
        Ok(id)
    }

    /// Moves the meeting to another agenda item, closing the current visit and any turn
    /// being spoken.
    pub fn go_to_item(
        &self,
        meeting: MeetingId,
        item: AgendaItemId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn();
        require_live(tx, meeting)?;
        let belongs: bool = tx.query_row(
            "SELECT count(*) > 0 FROM agenda_item WHERE id = ?1 AND meeting_id = ?2",
            params![item, meeting],
            |r| r.get(0),
        )?;
        if !belongs {
            return Err(StoreError::NotFound(
                "that item is not on this meeting's agenda".into(),
            ));
        }
        if let Some(cur) = current_item(tx, meeting)? {
            if cur == item {
                return Ok(());
            }
            // The speaker's time stops here; coming back, they resume first.
            if let Some(t) = end_speaking(tx, cur, TurnState::Spoke, now)? {
                tx.execute(
                    "INSERT INTO speaking_turn (agenda_item_id, round, position, member_id, state, round_order)
                     VALUES (?1, ?2, ?3, ?4, 'waiting', ?5)",
                    params![cur, t.round, rounds::RESUME_POSITION, t.member, t.order.map(|o| o.as_str())],
                )?;
            }
            floor::close_floor(tx, meeting, now)?;
            tx.execute(
                "UPDATE item_visit SET ended_at = ?2 WHERE agenda_item_id = ?1 AND ended_at IS NULL",
                params![cur, ts(now)],
            )?;
        }
        tx.execute(
            "INSERT INTO item_visit (agenda_item_id, started_at) VALUES (?1, ?2)",
            params![item, ts(now)],
        )?;
        // Back on an item whose round was left unfinished: the interrupted speaker (else
        // the next in line) speaks, so an open round always has its one speaker.
        start_next(tx, item, now)
    }

    /// Pauses (or resumes) every clock of the meeting.
    pub fn set_paused(&self, meeting: MeetingId, paused: bool, now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn();
        require_live(tx, meeting)?;
        if paused {
            let open: bool = tx.query_row(
                "SELECT count(*) > 0 FROM meeting_pause WHERE meeting_id = ?1 AND ended_at IS NULL",
                [meeting],
                |r| r.get(0),
            )?;
            if !open {
                tx.execute(
                    "INSERT INTO meeting_pause (meeting_id, reason, started_at) VALUES (?1, 'paused', ?2)",
                    params![meeting, ts(now)],
                )?;
            }
        } else {
            tx.execute(
                "UPDATE meeting_pause SET ended_at = ?2 WHERE meeting_id = ?1 AND ended_at IS NULL",
                params![meeting, ts(now)],
            )?;
        }
        Ok(())
    }

    /// Records that the app is alive and running the meeting.
    pub fn heartbeat(&self, meeting: MeetingId, now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn();
        tx.execute(
            "UPDATE meeting SET heartbeat_at = ?2 WHERE id = ?1 AND status = 'live'",
            params![meeting, ts(now)],
        )?;
        Ok(())
    }

    /// On reopening a live meeting: the time since the last heartbeat (longer than
    /// `grace`) is recorded as downtime, which counts as paused. Returns that downtime.
    pub fn resume_after_downtime(
        &self,
        meeting: MeetingId,
        now: DateTime<Utc>,
        grace: Duration,
    ) -> Result<Duration> {
        let tx = self.conn();
        require_live(tx, meeting)?;
        // No heartbeat and nothing saved yet: nothing to count as downtime.
        let Some(beat) = last_sign_of_life(tx, meeting)? else {
            return Ok(Duration::zero());
        };
        let gap = now - beat;
        if gap <= grace {
            return Ok(Duration::zero());
        }
        // A pause the leader left open already stops the clocks; close it at the last
        // heartbeat so the downtime is not counted twice, and reopen it after.
        let open: Option<PauseId> = tx
            .query_row(
                "SELECT id FROM meeting_pause WHERE meeting_id = ?1 AND ended_at IS NULL",
                [meeting],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = open {
            tx.execute(
                "UPDATE meeting_pause SET ended_at = ?2 WHERE id = ?1",
                params![id, ts(beat)],
            )?;
        }
        tx.execute(
            "INSERT INTO meeting_pause (meeting_id, reason, started_at, ended_at) VALUES (?1, 'downtime', ?2, ?3)",
            params![meeting, ts(beat), ts(now)],
        )?;
        if open.is_some() {
            tx.execute(
                "INSERT INTO meeting_pause (meeting_id, reason, started_at) VALUES (?1, 'paused', ?2)",
                params![meeting, ts(now)],
            )?;
        }
        tx.execute(
            "UPDATE meeting SET heartbeat_at = ?2 WHERE id = ?1",
            params![meeting, ts(now)],
        )?;
        Ok(gap)
    }

    /// Ends the meeting: the current item and turn close, an open pause ends, its drafts
    /// are dropped, and the meeting moves to history.
    pub fn end_meeting(&self, meeting: MeetingId, now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn();
        require_live(tx, meeting)?;
        floor::close_floor(tx, meeting, now)?;
        if let Some(item) = current_item(tx, meeting)? {
            end_speaking(tx, item, TurnState::Spoke, now)?;
            tx.execute(
                "UPDATE item_visit SET ended_at = ?2 WHERE agenda_item_id = ?1 AND ended_at IS NULL",
                params![item, ts(now)],
            )?;
        }
        tx.execute(
            "UPDATE meeting_pause SET ended_at = ?2 WHERE meeting_id = ?1 AND ended_at IS NULL",
            params![meeting, ts(now)],
        )?;
        tx.execute(
            "UPDATE meeting SET status = 'ended', ended_at = ?2 WHERE id = ?1",
            params![meeting, ts(now)],
        )?;
        // What was being typed belongs to the live meeting (the end question says so).
        tx.execute("DELETE FROM draft WHERE meeting_id = ?1", [meeting])?;
        Ok(())
    }
}

/// When the app running `meeting` was last alive: its last heartbeat or its last saved
/// change, whichever is later (heartbeats are only every second or so, and time that
/// was saved, such as a finished turn, must not be swallowed by downtime). `None`
/// before either. The resume counts the time since as downtime; the screens that only
/// follow the meeting (`present`, `render`) stop their clocks there (see
/// [`crate::domain::live::LiveMeeting::leader_away_since`]).
pub(in crate::store) fn last_sign_of_life(
    tx: &Connection,
    meeting: MeetingId,
) -> Result<Option<DateTime<Utc>>> {
    // Stored instants share one RFC 3339 format, so text order is time order.
    let beat: Option<String> = tx.query_row(
        "SELECT max(t) FROM (
            SELECT heartbeat_at AS t FROM meeting WHERE id = ?1
            UNION ALL SELECT max(max(started_at), coalesce(max(ended_at), '')) FROM speaking_turn
                WHERE agenda_item_id IN (SELECT id FROM agenda_item WHERE meeting_id = ?1)
            UNION ALL SELECT max(max(started_at), coalesce(max(ended_at), '')) FROM item_visit
                WHERE agenda_item_id IN (SELECT id FROM agenda_item WHERE meeting_id = ?1)
            UNION ALL SELECT max(updated_at) FROM note WHERE meeting_id = ?1
            UNION ALL SELECT max(max(started_at), coalesce(max(ended_at), '')) FROM meeting_pause
                WHERE meeting_id = ?1)",
        [meeting],
        |r| r.get(0),
    )?;
    Ok(match beat.filter(|b| !b.is_empty()) {
        Some(b) => Some(parse_ts("the meeting's last sign of life", &b)?),
        None => None,
    })
}
