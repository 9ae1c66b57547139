//! Running a meeting: attendance, agenda stepping, pauses, speaking turns and notes.
//! Every call is one transaction, committed before it returns, so whatever the screen
//! shows as done survives a crash. The live state is read back whole by
//! [`Store::live_meeting`].

use super::members::insert_in;
use super::{Result, Store, StoreError, parse_date, parse_ts, ts};
use crate::domain::agenda::{AgendaItem, ItemInfo};
use crate::domain::consent::ConsentResult;
use crate::domain::live::{
    Attendance, Attendee, Consent, LiveItem, LiveMeeting, OpenAction, Pause, PauseReason,
};
use crate::domain::meeting::MeetingStatus;
use crate::domain::note::{Note, NoteKind};
use crate::domain::rounds::{self, OrderStrategy, Turn, TurnState};
use crate::domain::timer::Span;
use crate::domain::{ChosenBy, CommunityId, LeaderRole, MeetingId, Member, MemberId, Profile};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;

fn opt_ts(s: Option<String>) -> Option<DateTime<Utc>> {
    s.map(|s| parse_ts(&s))
}

fn busy(msg: impl Into<String>) -> StoreError {
    StoreError::NotFound(msg.into())
}

/// The open visit's item of a live meeting.
fn current_item(tx: &Transaction<'_>, meeting: MeetingId) -> Result<Option<i64>> {
    Ok(tx
        .query_row(
            "SELECT v.agenda_item_id FROM item_visit v JOIN agenda_item a ON a.id = v.agenda_item_id
             WHERE a.meeting_id = ?1 AND v.ended_at IS NULL LIMIT 1",
            [meeting],
            |r| r.get(0),
        )
        .optional()?)
}

fn round_turns(tx: &Transaction<'_>, item: i64) -> Result<Vec<Turn>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, round, position, member_id, state, hand_raised_at, started_at, ended_at FROM speaking_turn
         WHERE agenda_item_id = ?1 AND round = (SELECT max(round) FROM speaking_turn WHERE agenda_item_id = ?1)
         ORDER BY position",
    )?;
    let rows = stmt.query_map([item], turn_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn turn_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Turn> {
    Ok(Turn {
        id: r.get(0)?,
        round: r.get(1)?,
        position: r.get(2)?,
        member: r.get(3)?,
        state: TurnState::parse(&r.get::<_, String>(4)?).unwrap_or(TurnState::Waiting),
        hand_raised_at: opt_ts(r.get(5)?),
        started_at: opt_ts(r.get(6)?),
        ended_at: opt_ts(r.get(7)?),
    })
}

fn set_turn(
    tx: &Transaction<'_>,
    id: i64,
    state: TurnState,
    start: Option<DateTime<Utc>>,
    end: Option<DateTime<Utc>>,
) -> Result<()> {
    tx.execute(
        "UPDATE speaking_turn SET state = ?2, started_at = ?3, ended_at = ?4 WHERE id = ?1",
        params![id, state.as_str(), start.map(ts), end.map(ts)],
    )?;
    Ok(())
}

/// Ends the speaking turn (if any) of `item`'s round as `state`.
fn end_speaking(
    tx: &Transaction<'_>,
    item: i64,
    state: TurnState,
    now: DateTime<Utc>,
) -> Result<Option<Turn>> {
    let turns = round_turns(tx, item)?;
    let Some(t) = rounds::speaking(&turns).cloned() else {
        return Ok(None);
    };
    set_turn(tx, t.id, state, t.started_at, Some(now))?;
    Ok(Some(t))
}

/// Gives the floor to whoever is next in `item`'s round, if anyone.
fn start_next(tx: &Transaction<'_>, item: i64, now: DateTime<Utc>) -> Result<()> {
    let turns = round_turns(tx, item)?;
    if rounds::speaking(&turns).is_some() {
        return Ok(());
    }
    if let Some(next) = rounds::next_waiting(&turns) {
        tx.execute(
            "UPDATE speaking_turn SET state = 'speaking', started_at = ?2, ended_at = NULL WHERE id = ?1",
            params![next.id, ts(now)],
        )?;
    }
    Ok(())
}

/// The current item of a live meeting (refusing a meeting that is not live).
fn live_item_of(tx: &Transaction<'_>, meeting: MeetingId) -> Result<i64> {
    require_live(tx, meeting)?;
    current_item(tx, meeting)?.ok_or_else(|| busy("the meeting is not on any agenda item"))
}

fn require_live(tx: &Transaction<'_>, meeting: MeetingId) -> Result<()> {
    let status: Option<String> = tx
        .query_row("SELECT status FROM meeting WHERE id = ?1", [meeting], |r| {
            r.get(0)
        })
        .optional()?;
    match status.as_deref() {
        Some("live") => Ok(()),
        Some(s) => Err(busy(format!("the meeting is {s}, not live"))),
        None => Err(busy(format!("no meeting with id {meeting}"))),
    }
}

impl Store {
    /// The live meeting of a community, if one is running.
    pub fn live_meeting_id(&self, community: CommunityId) -> Result<Option<MeetingId>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id FROM meeting WHERE community_id = ?1 AND status = 'live'",
                [community],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Any live meeting in the file (for resuming after a crash), with its community.
    pub fn any_live_meeting(&self) -> Result<Option<(MeetingId, CommunityId)>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id, community_id FROM meeting WHERE status = 'live' ORDER BY started_at DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Starts a planned meeting: records attendance and opens the first agenda item.
    pub fn start_meeting(
        &mut self,
        meeting: MeetingId,
        attendance: &[(MemberId, Attendance)],
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| Self::start_meeting_in(tx, meeting, attendance, now))
    }

    /// [`Self::start_meeting`] inside an open transaction (for batches such as the demo).
    pub(crate) fn start_meeting_in(
        tx: &Transaction<'_>,
        meeting: MeetingId,
        attendance: &[(MemberId, Attendance)],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let (status, community): (String, CommunityId) = tx
            .query_row(
                "SELECT status, community_id FROM meeting WHERE id = ?1",
                [meeting],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| busy(format!("no meeting with id {meeting}")))?;
        if status != MeetingStatus::Planned.as_str() {
            return Err(busy(format!(
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
            return Err(StoreError::Duplicate(format!(
                "'{title}' is already live in this community; end it first"
            )));
        }
        tx.execute(
            "UPDATE meeting SET status = 'live', started_at = ?2, heartbeat_at = ?2 WHERE id = ?1",
            params![meeting, ts(now)],
        )?;
        for (member, status) in attendance {
            tx.execute(
                "INSERT INTO attendance (meeting_id, member_id, status) VALUES (?1, ?2, ?3)
                 ON CONFLICT (meeting_id, member_id) DO UPDATE SET status = excluded.status",
                params![meeting, member, status.as_str()],
            )?;
        }
        let first: Option<i64> = tx
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
    pub fn prefill_attendance(&mut self, meeting: MeetingId) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO attendance (meeting_id, member_id, status)
                 SELECT ?1, m.id, 'present' FROM member m JOIN meeting g ON g.community_id = m.community_id
                 WHERE g.id = ?1 AND m.active = 1 AND m.is_guest = 0",
                [meeting],
            )?;
            Ok(())
        })
    }

    /// Marks a member present, late or absent.
    pub fn set_attendance(
        &mut self,
        meeting: MeetingId,
        member: MemberId,
        status: Attendance,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO attendance (meeting_id, member_id, status) VALUES (?1, ?2, ?3)
                 ON CONFLICT (meeting_id, member_id) DO UPDATE SET status = excluded.status",
                params![meeting, member, status.as_str()],
            )?;
            Ok(())
        })
    }

    /// Adds someone on the spot: a guest (not on the roster) or a new member (joins the
    /// roster flagged new). They are marked present.
    pub fn add_walk_in(
        &mut self,
        meeting: MeetingId,
        name: &Profile,
        guest: bool,
        now: DateTime<Utc>,
    ) -> Result<MemberId> {
        self.write(|tx| {
            let community: CommunityId = tx.query_row(
                "SELECT community_id FROM meeting WHERE id = ?1",
                [meeting],
                |r| r.get(0),
            )?;
            let id = insert_in(tx, community, name, now)?;
            tx.execute(
                "UPDATE member SET is_guest = ?2, is_new = ?3 WHERE id = ?1",
                params![id, guest, !guest],
            )?;
            tx.execute(
                "INSERT INTO attendance (meeting_id, member_id, status) VALUES (?1, ?2, 'present')",
                params![meeting, id],
            )?;
            Ok(id)
        })
    }

    /// Moves the meeting to another agenda item, closing the current visit and any turn
    /// being spoken.
    pub fn go_to_item(&mut self, meeting: MeetingId, item: i64, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| Self::go_to_item_in(tx, meeting, item, now))
    }

    /// [`Self::go_to_item`] inside an open transaction (for batches such as the demo).
    pub(crate) fn go_to_item_in(
        tx: &Transaction<'_>,
        meeting: MeetingId,
        item: i64,
        now: DateTime<Utc>,
    ) -> Result<()> {
        require_live(tx, meeting)?;
        let belongs: bool = tx.query_row(
            "SELECT count(*) > 0 FROM agenda_item WHERE id = ?1 AND meeting_id = ?2",
            params![item, meeting],
            |r| r.get(0),
        )?;
        if !belongs {
            return Err(busy("that item is not on this meeting's agenda"));
        }
        if let Some(cur) = current_item(tx, meeting)? {
            if cur == item {
                return Ok(());
            }
            end_speaking(tx, cur, TurnState::Spoke, now)?;
            tx.execute(
                "UPDATE item_visit SET ended_at = ?2 WHERE agenda_item_id = ?1 AND ended_at IS NULL",
                params![cur, ts(now)],
            )?;
        }
        tx.execute(
            "INSERT INTO item_visit (agenda_item_id, started_at) VALUES (?1, ?2)",
            params![item, ts(now)],
        )?;
        Ok(())
    }

    /// Pauses (or resumes) every clock of the meeting.
    pub fn set_paused(
        &mut self,
        meeting: MeetingId,
        paused: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| Self::set_paused_in(tx, meeting, paused, now))
    }

    /// [`Self::set_paused`] inside an open transaction (for batches such as the demo).
    pub(crate) fn set_paused_in(
        tx: &Transaction<'_>,
        meeting: MeetingId,
        paused: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
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
    pub fn heartbeat(&mut self, meeting: MeetingId, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE meeting SET heartbeat_at = ?2 WHERE id = ?1 AND status = 'live'",
                params![meeting, ts(now)],
            )?;
            Ok(())
        })
    }

    /// On reopening a live meeting: the time since the last heartbeat (longer than
    /// `grace`) is recorded as downtime, which counts as paused. Returns that downtime.
    pub fn resume_after_downtime(
        &mut self,
        meeting: MeetingId,
        now: DateTime<Utc>,
        grace: Duration,
    ) -> Result<Duration> {
        self.write(|tx| {
            require_live(tx, meeting)?;
            let beat: Option<String> =
                tx.query_row("SELECT heartbeat_at FROM meeting WHERE id = ?1", [meeting], |r| r.get(0))?;
            let Some(beat) = beat.map(|b| parse_ts(&b)) else { return Ok(Duration::zero()) };
            let gap = now - beat;
            if gap <= grace {
                return Ok(Duration::zero());
            }
            // A pause the leader left open already stops the clocks; close it at the last
            // heartbeat so the downtime is not counted twice, and reopen it after.
            let open: Option<i64> = tx
                .query_row(
                    "SELECT id FROM meeting_pause WHERE meeting_id = ?1 AND ended_at IS NULL",
                    [meeting],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(id) = open {
                tx.execute("UPDATE meeting_pause SET ended_at = ?2 WHERE id = ?1", params![id, ts(beat)])?;
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
            tx.execute("UPDATE meeting SET heartbeat_at = ?2 WHERE id = ?1", params![meeting, ts(now)])?;
            Ok(gap)
        })
    }

    /// Starts a new round of turns on the current item, in `order`; the first speaks.
    pub fn start_round(
        &mut self,
        meeting: MeetingId,
        order: &[MemberId],
        strategy: OrderStrategy,
        now: DateTime<Utc>,
    ) -> Result<u32> {
        self.write(|tx| Self::start_round_in(tx, meeting, order, strategy, now))
    }

    /// [`Self::start_round`] inside an open transaction (for batches such as the demo).
    pub(crate) fn start_round_in(
        tx: &Transaction<'_>,
        meeting: MeetingId,
        order: &[MemberId],
        strategy: OrderStrategy,
        now: DateTime<Utc>,
    ) -> Result<u32> {
        require_live(tx, meeting)?;
        let item = live_item_of(tx, meeting)?;
        if order.is_empty() {
            return Err(busy("nobody is marked present: take attendance first (a)"));
        }
        end_speaking(tx, item, TurnState::Spoke, now)?;
        let round: u32 = tx.query_row(
            "SELECT coalesce(max(round), 0) + 1 FROM speaking_turn WHERE agenda_item_id = ?1",
            [item],
            |r| r.get(0),
        )?;
        for (pos, member) in order.iter().enumerate() {
            tx.execute(
                "INSERT INTO speaking_turn (agenda_item_id, round, position, member_id, state) VALUES (?1, ?2, ?3, ?4, 'waiting')",
                params![item, round, pos as u32 + 1, member],
            )?;
        }
        tx.execute(
            "UPDATE agenda_item SET turn_order = ?2 WHERE id = ?1",
            params![item, strategy.as_str()],
        )?;
        start_next(tx, item, now)?;
        Ok(round)
    }

    /// The current speaker is done; the next one speaks.
    pub fn next_speaker(&mut self, meeting: MeetingId, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| Self::next_speaker_in(tx, meeting, now))
    }

    /// [`Self::next_speaker`] inside an open transaction (for batches such as the demo).
    pub(crate) fn next_speaker_in(
        tx: &Transaction<'_>,
        meeting: MeetingId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let item = live_item_of(tx, meeting)?;
        end_speaking(tx, item, TurnState::Spoke, now)?;
        start_next(tx, item, now)
    }

    /// The current speaker passes: recorded, and offered the floor again at the end of
    /// the round (once).
    pub fn pass_turn(&mut self, meeting: MeetingId, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| Self::pass_turn_in(tx, meeting, now))
    }

    /// [`Self::pass_turn`] inside an open transaction (for batches such as the demo).
    pub(crate) fn pass_turn_in(
        tx: &Transaction<'_>,
        meeting: MeetingId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let item = live_item_of(tx, meeting)?;
        let Some(t) = end_speaking(tx, item, TurnState::Passed, now)? else {
            return Ok(());
        };
        let turns = round_turns(tx, item)?;
        let passed_before = turns
            .iter()
            .filter(|x| x.member == t.member && x.state == TurnState::Passed)
            .count()
            > 1;
        let waiting_again = turns
            .iter()
            .any(|x| x.member == t.member && x.state == TurnState::Waiting);
        if !passed_before && !waiting_again {
            let last = turns.iter().map(|x| x.position).max().unwrap_or(0);
            tx.execute(
                "INSERT INTO speaking_turn (agenda_item_id, round, position, member_id, state) VALUES (?1, ?2, ?3, ?4, 'waiting')",
                params![item, t.round, last + 1, t.member],
            )?;
        }
        start_next(tx, item, now)
    }

    /// Skips the current speaker (not in the room); the next one speaks.
    pub fn skip_turn(&mut self, meeting: MeetingId, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            let item = live_item_of(tx, meeting)?;
            end_speaking(tx, item, TurnState::Skipped, now)?;
            start_next(tx, item, now)
        })
    }

    /// Undoes the last "next": the current speaker waits again and the previous turn
    /// is reopened (a pass's re-offer is withdrawn).
    pub fn back_turn(&mut self, meeting: MeetingId, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            let item = live_item_of(tx, meeting)?;
            let turns = round_turns(tx, item)?;
            let Some(prev) = turns.iter().filter(|t| t.state.is_done()).max_by_key(|t| (t.ended_at, t.id)).cloned() else {
                return Err(busy("nobody has spoken yet in this round"));
            };
            if let Some(cur) = rounds::speaking(&turns) {
                set_turn(tx, cur.id, TurnState::Waiting, None, None)?;
            }
            if prev.state == TurnState::Passed {
                tx.execute(
                    "DELETE FROM speaking_turn WHERE agenda_item_id = ?1 AND round = ?2 AND member_id = ?3
                     AND state = 'waiting' AND position > ?4",
                    params![item, prev.round, prev.member, prev.position],
                )?;
            }
            let start = if prev.state == TurnState::Skipped { Some(now) } else { prev.started_at.or(Some(now)) };
            set_turn(tx, prev.id, TurnState::Speaking, start, None)?;
            Ok(())
        })
    }

    /// Queues a member to speak next in the current round (adding a turn if they
    /// already spoke).
    pub fn raise_hand(
        &mut self,
        meeting: MeetingId,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| Self::raise_hand_in(tx, meeting, member, now))
    }

    /// [`Self::raise_hand`] inside an open transaction (for batches such as the demo).
    pub(crate) fn raise_hand_in(
        tx: &Transaction<'_>,
        meeting: MeetingId,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let item = live_item_of(tx, meeting)?;
        let turns = round_turns(tx, item)?;
        let Some(round) = turns.first().map(|t| t.round) else {
            return Err(busy(
                "no round is running on this item: press r to start one",
            ));
        };
        if rounds::speaking(&turns).is_some_and(|t| t.member == member) {
            return Err(busy("they are speaking now"));
        }
        match turns
            .iter()
            .find(|t| t.member == member && t.state == TurnState::Waiting)
        {
            Some(t) => {
                tx.execute(
                    "UPDATE speaking_turn SET hand_raised_at = ?2 WHERE id = ?1",
                    params![t.id, ts(now)],
                )?;
            }
            None => {
                let last = turns.iter().map(|x| x.position).max().unwrap_or(0);
                tx.execute(
                    "INSERT INTO speaking_turn (agenda_item_id, round, position, member_id, state, hand_raised_at)
                     VALUES (?1, ?2, ?3, ?4, 'waiting', ?5)",
                    params![item, round, last + 1, member, ts(now)],
                )?;
            }
        }
        start_next(tx, item, now)
    }

    /// Saves a note on the current item, about `member` (or the group). An action note
    /// also creates an action item with its owner and due date. Returns the note id.
    pub fn add_note(
        &mut self,
        meeting: MeetingId,
        member: Option<MemberId>,
        kind: NoteKind,
        body: &str,
        action: Option<(Option<MemberId>, Option<NaiveDate>)>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        self.write(|tx| Self::add_note_in(tx, meeting, member, kind, body, action, now))
    }

    /// [`Self::add_note`] inside an open transaction (for batches such as the demo).
    pub(crate) fn add_note_in(
        tx: &Transaction<'_>,
        meeting: MeetingId,
        member: Option<MemberId>,
        kind: NoteKind,
        body: &str,
        action: Option<(Option<MemberId>, Option<NaiveDate>)>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let body = crate::domain::note::check_body(body).map_err(|m| invalid_note(&m))?;
        require_live(tx, meeting)?;
        let item = current_item(tx, meeting)?;
        tx.execute(
            "INSERT INTO note (meeting_id, agenda_item_id, member_id, kind, body, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![meeting, item, member, kind.as_str(), body, ts(now)],
        )?;
        let id = tx.last_insert_rowid();
        if kind == NoteKind::Action {
            let (owner, due) = action.unwrap_or((member, None));
            let title: String = body
                .lines()
                .next()
                .unwrap_or_default()
                .chars()
                .take(200)
                .collect();
            tx.execute(
                "INSERT INTO action_item (community_id, meeting_id, note_id, owner_member_id, title, due_on, created_at)
                 SELECT community_id, id, ?2, ?3, ?4, ?5, ?6 FROM meeting WHERE id = ?1",
                params![meeting, id, owner, title, due.map(|d| d.to_string()), ts(now)],
            )?;
        }
        Ok(id)
    }

    /// Changes a note's text and kind (its action item follows).
    pub fn update_note(
        &mut self,
        note: i64,
        kind: NoteKind,
        body: &str,
        action: Option<(Option<MemberId>, Option<NaiveDate>)>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let body = crate::domain::note::check_body(body).map_err(|m| invalid_note(&m))?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE note SET kind = ?2, body = ?3, updated_at = ?4 WHERE id = ?1",
                params![note, kind.as_str(), body, ts(now)],
            )?;
            if n == 0 {
                return Err(busy(format!("no note with id {note}")));
            }
            let title: String = body.lines().next().unwrap_or_default().chars().take(200).collect();
            match (kind, action) {
                (NoteKind::Action, Some((owner, due))) => {
                    let updated = tx.execute(
                        "UPDATE action_item SET title = ?2, owner_member_id = ?3, due_on = ?4 WHERE note_id = ?1",
                        params![note, title, owner, due.map(|d| d.to_string())],
                    )?;
                    if updated == 0 {
                        tx.execute(
                            "INSERT INTO action_item (community_id, meeting_id, note_id, owner_member_id, title, due_on, created_at)
                             SELECT m.community_id, m.id, n.id, ?2, ?3, ?4, ?5 FROM note n JOIN meeting m ON m.id = n.meeting_id WHERE n.id = ?1",
                            params![note, owner, title, due.map(|d| d.to_string()), ts(now)],
                        )?;
                    }
                }
                (NoteKind::Action, None) => {
                    tx.execute("UPDATE action_item SET title = ?2 WHERE note_id = ?1", params![note, title])?;
                }
                _ => {
                    tx.execute("DELETE FROM action_item WHERE note_id = ?1", [note])?;
                }
            }
            Ok(())
        })
    }

    /// Deletes a note and the action item it created.
    pub fn delete_note(&mut self, note: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM action_item WHERE note_id = ?1", [note])?;
            tx.execute("DELETE FROM note WHERE id = ?1", [note])?;
            Ok(())
        })
    }

    /// Records a fist-of-five consent check with its decision note. If it chose the
    /// group's leader and reached consensus, the leadership history records them as
    /// agreed by the group.
    pub fn record_consent(
        &mut self,
        meeting: MeetingId,
        topic: &str,
        votes: &[(MemberId, u8)],
        leader: Option<MemberId>,
        now: DateTime<Utc>,
    ) -> Result<ConsentResult> {
        self.write(|tx| Self::record_consent_in(tx, meeting, topic, votes, leader, now))
    }

    /// [`Self::record_consent`] inside an open transaction (for batches such as the demo).
    pub(crate) fn record_consent_in(
        tx: &Transaction<'_>,
        meeting: MeetingId,
        topic: &str,
        votes: &[(MemberId, u8)],
        leader: Option<MemberId>,
        now: DateTime<Utc>,
    ) -> Result<ConsentResult> {
        let result = ConsentResult::new(votes);
        let topic = topic.trim();
        if topic.is_empty() {
            return Err(invalid_note("the decision needs a topic"));
        }
        require_live(tx, meeting)?;
        let item = current_item(tx, meeting)?;

        let body = format!("{topic} — {}", result.summary());
        tx.execute(
            "INSERT INTO note (meeting_id, agenda_item_id, kind, body, created_at, updated_at)
             VALUES (?1, ?2, 'decision', ?3, ?4, ?4)",
            params![meeting, item, body, ts(now)],
        )?;
        let note = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO consent_check (meeting_id, agenda_item_id, note_id, topic, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![meeting, item, note, topic, ts(now)],
        )?;
        let check = tx.last_insert_rowid();
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
            super::communities::set_leader_in(
                tx,
                community,
                super::NewLeader {
                    member: leader,
                    role: LeaderRole::Leader,
                    chosen_by: ChosenBy::Agreed,
                },
                today,
            )?;
        }
        Ok(result)
    }

    /// Ends the meeting: the current item and turn close, an open pause ends, and the
    /// meeting moves to history.
    pub fn end_meeting(&mut self, meeting: MeetingId, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| Self::end_meeting_in(tx, meeting, now))
    }

    /// [`Self::end_meeting`] inside an open transaction (for batches such as the demo).
    pub(crate) fn end_meeting_in(
        tx: &Transaction<'_>,
        meeting: MeetingId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        require_live(tx, meeting)?;
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
        Ok(())
    }

    /// Seconds each member has spoken in the community's meetings (for least-heard-first).
    /// Paused time (a pause, or the app being down) is not airtime, as in the live view.
    pub fn airtime_history(&self, community: CommunityId) -> Result<HashMap<MemberId, i64>> {
        let mut pauses: HashMap<MeetingId, Vec<Span>> = HashMap::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.meeting_id, p.started_at, p.ended_at FROM meeting_pause p
             JOIN meeting m ON m.id = p.meeting_id WHERE m.community_id = ?1",
        )?;
        for row in stmt.query_map([community], |r| {
            Ok((
                r.get::<_, MeetingId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })? {
            let (m, s, e) = row?;
            pauses.entry(m).or_default().push(Span {
                start: parse_ts(&s),
                end: opt_ts(e),
            });
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.meeting_id, t.member_id, t.started_at, t.ended_at
             FROM speaking_turn t JOIN agenda_item a ON a.id = t.agenda_item_id JOIN meeting m ON m.id = a.meeting_id
             WHERE m.community_id = ?1 AND t.state = 'spoke' AND t.started_at IS NOT NULL AND t.ended_at IS NOT NULL",
        )?;
        let mut out: HashMap<MemberId, i64> = HashMap::new();
        for row in stmt.query_map([community], |r| {
            Ok((
                r.get::<_, MeetingId>(0)?,
                r.get::<_, MemberId>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })? {
            let (m, member, s, e) = row?;
            let span = Span::new(parse_ts(&s), parse_ts(&e));
            let spoken = crate::domain::timer::active(
                span,
                pauses.get(&m).map_or(&[][..], Vec::as_slice),
                span.start,
            );
            *out.entry(member).or_default() += spoken.num_seconds();
        }
        Ok(out)
    }

    /// Who went first in the community's most recent round (for the rotate order).
    pub fn last_round_first(&self, community: CommunityId) -> Result<Option<MemberId>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT t.member_id FROM speaking_turn t JOIN agenda_item a ON a.id = t.agenda_item_id
                 JOIN meeting m ON m.id = a.meeting_id
                 WHERE m.community_id = ?1 AND t.position = 1 AND t.started_at IS NOT NULL
                 ORDER BY t.started_at DESC LIMIT 1",
                [community],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Everything about a live (or ended) meeting, read in one go.
    pub fn live_meeting(&self, meeting: MeetingId) -> Result<LiveMeeting> {
        let conn = self.conn();
        let m = self.meeting(meeting)?;
        let (started, ended): (Option<String>, Option<String>) = conn.query_row(
            "SELECT started_at, ended_at FROM meeting WHERE id = ?1",
            [meeting],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let agenda: Vec<AgendaItem> = self.agenda(meeting)?;
        let mut visits: HashMap<i64, Vec<Span>> = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT v.agenda_item_id, v.started_at, v.ended_at FROM item_visit v JOIN agenda_item a ON a.id = v.agenda_item_id
             WHERE a.meeting_id = ?1 ORDER BY v.id",
        )?;
        for row in stmt.query_map([meeting], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })? {
            let (item, s, e) = row?;
            visits.entry(item).or_default().push(Span {
                start: parse_ts(&s),
                end: opt_ts(e),
            });
        }
        let items = agenda
            .into_iter()
            .map(|item| LiveItem {
                visits: visits.remove(&item.id).unwrap_or_default(),
                item,
            })
            .collect();

        let mut stmt = conn.prepare_cached("SELECT reason, started_at, ended_at FROM meeting_pause WHERE meeting_id = ?1 ORDER BY id")?;
        let pauses = stmt
            .query_map([meeting], |r| {
                let reason: String = r.get(0)?;
                Ok(Pause {
                    reason: if reason == "downtime" {
                        PauseReason::Downtime
                    } else {
                        PauseReason::Paused
                    },
                    span: Span {
                        start: parse_ts(&r.get::<_, String>(1)?),
                        end: opt_ts(r.get(2)?),
                    },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let attendance = self.attendance(m.community_id, meeting)?;
        let mut stmt = conn.prepare_cached(
            "SELECT t.agenda_item_id, t.id, t.round, t.position, t.member_id, t.state, t.hand_raised_at, t.started_at, t.ended_at
             FROM speaking_turn t JOIN agenda_item a ON a.id = t.agenda_item_id WHERE a.meeting_id = ?1 ORDER BY t.id",
        )?;
        let turns = stmt
            .query_map([meeting], |r| {
                Ok((
                    r.get(0)?,
                    Turn {
                        id: r.get(1)?,
                        round: r.get(2)?,
                        position: r.get(3)?,
                        member: r.get(4)?,
                        state: TurnState::parse(&r.get::<_, String>(5)?)
                            .unwrap_or(TurnState::Waiting),
                        hand_raised_at: opt_ts(r.get(6)?),
                        started_at: opt_ts(r.get(7)?),
                        ended_at: opt_ts(r.get(8)?),
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let notes = self.meeting_notes(meeting)?;
        let consents = self.consents(meeting)?;
        let mut stmt = conn.prepare_cached(
            "SELECT owner_member_id, title, due_on FROM action_item WHERE community_id = ?1 AND status = 'open' ORDER BY due_on IS NULL, due_on, id",
        )?;
        let open_actions = stmt
            .query_map([m.community_id], |r| {
                Ok(OpenAction {
                    owner: r.get(0)?,
                    title: r.get(1)?,
                    due: parse_date(r.get(2)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(LiveMeeting {
            started_at: started.map(|s| parse_ts(&s)).unwrap_or(m.scheduled_at),
            ended_at: opt_ts(ended),
            meeting: m,
            items,
            pauses,
            attendance,
            turns,
            notes,
            consents,
            open_actions,
        })
    }

    /// The attendance list: active roster members (absent unless marked), and anyone
    /// marked for this meeting (guests, members since deactivated).
    fn attendance(&self, community: CommunityId, meeting: MeetingId) -> Result<Vec<Attendee>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT m.id, m.community_id, m.name, m.role, m.brings, m.hopes, m.learning_style, m.strengths,
                    m.growth_areas, m.joined_on, m.left_on, m.active, m.is_new, m.is_guest, a.status
             FROM member m LEFT JOIN attendance a ON a.member_id = m.id AND a.meeting_id = ?2
             JOIN meeting g ON g.id = ?2
             WHERE m.community_id = ?1 AND (a.status IS NOT NULL
                 OR (m.active = 1 AND m.is_guest = 0 AND g.status IN ('planned', 'live')))
             ORDER BY m.is_guest, m.name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map(params![community, meeting], |r| {
            Ok(Attendee {
                member: Member {
                    id: r.get(0)?,
                    community_id: r.get(1)?,
                    profile: Profile {
                        name: r.get(2)?,
                        role: r.get(3)?,
                        brings: r.get(4)?,
                        hopes: r.get(5)?,
                        learning_style: r.get(6)?,
                        strengths: r.get(7)?,
                        growth_areas: r.get(8)?,
                        joined: parse_date(r.get(9)?),
                    },
                    left: parse_date(r.get(10)?),
                    active: r.get(11)?,
                    is_new: r.get(12)?,
                },
                guest: r.get(13)?,
                status: r
                    .get::<_, Option<String>>(14)?
                    .as_deref()
                    .and_then(Attendance::parse)
                    .unwrap_or(Attendance::Absent),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A meeting's notes, oldest first, with action owners and due dates.
    pub fn meeting_notes(&self, meeting: MeetingId) -> Result<Vec<Note>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT n.id, n.meeting_id, n.agenda_item_id, n.member_id, n.kind, n.body, n.created_at,
                    a.id IS NOT NULL, a.owner_member_id, a.due_on
             FROM note n LEFT JOIN action_item a ON a.note_id = n.id
             WHERE n.meeting_id = ?1 ORDER BY n.created_at, n.id",
        )?;
        let rows = stmt.query_map([meeting], |r| {
            let has_action: bool = r.get(7)?;
            Ok(Note {
                id: r.get(0)?,
                meeting_id: r.get(1)?,
                agenda_item_id: r.get(2)?,
                member_id: r.get(3)?,
                kind: NoteKind::parse(&r.get::<_, String>(4)?).unwrap_or(NoteKind::Note),
                body: r.get(5)?,
                created_at: parse_ts(&r.get::<_, String>(6)?),
                action: if has_action {
                    Some((r.get(8)?, parse_date(r.get(9)?)))
                } else {
                    None
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn consents(&self, meeting: MeetingId) -> Result<Vec<Consent>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, agenda_item_id, topic FROM consent_check WHERE meeting_id = ?1 ORDER BY id",
        )?;
        let heads: Vec<(i64, Option<i64>, String)> = stmt
            .query_map([meeting], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut votes = self.conn().prepare_cached(
            "SELECT member_id, score FROM consent_vote WHERE consent_check_id = ?1 ORDER BY rowid",
        )?;
        let mut out = Vec::new();
        for (id, item, topic) in heads {
            let v: Vec<(MemberId, u8)> = votes
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            out.push(Consent {
                id,
                agenda_item_id: item,
                topic,
                result: ConsentResult::new(&v),
            });
        }
        Ok(out)
    }

    /// Plans and starts an unplanned meeting now, from a template.
    pub fn start_unplanned(
        &mut self,
        community: CommunityId,
        title: &str,
        planned_minutes: u32,
        items: &[ItemInfo],
        attendance: &[(MemberId, Attendance)],
        now: DateTime<Utc>,
    ) -> Result<MeetingId> {
        let info = crate::domain::meeting::MeetingInfo {
            title: title.into(),
            scheduled_at: now,
            planned_minutes,
        };
        let id = self.create_meeting(community, &info, None, items, now)?;
        if let Err(e) = self.start_meeting(id, attendance, now) {
            let _ = self.cancel_meeting(id);
            return Err(e);
        }
        Ok(id)
    }
}

fn invalid_note(msg: &str) -> StoreError {
    let mut e = crate::domain::ValidationErrors::default();
    e.push("note", msg.to_string());
    StoreError::Invalid(e)
}
