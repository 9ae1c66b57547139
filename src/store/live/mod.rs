//! Running a meeting: attendance, agenda stepping, pauses, speaking turns and notes.
//! The writes are [`Tx`] methods; the app runs each in its own transaction, committed
//! before the screen says it is done, so it survives a crash. The live state is read
//! back whole by [`Store::live_meeting`].

// The meeting's learning cycle (live-cycle).
mod cycle;
mod drafts;
mod floor;
mod notes;
mod review;
mod run;
mod turns;

use super::read::{opt_date_at, opt_spelling_at, opt_ts_at, spelling_at, ts_at};
use super::{Result, Store, StoreError, Tx, ts};
use crate::domain::agenda::AgendaItem;
use crate::domain::consent::ConsentResult;
use crate::domain::live::{
    Attendance, Attendee, Consent, LiveItem, LiveMeeting, OpenAction, Pause, PauseReason,
};
use crate::domain::meeting::MeetingStatus;
use crate::domain::note::{Note, NoteKind};
use crate::domain::review::ActionStanding;
use crate::domain::rounds::{self, OrderStrategy, Turn, TurnState};
use crate::domain::timer::Span;
use crate::domain::{AgendaItemId, CommunityId, ConsentId, MeetingId, MemberId, NoteId, TurnId};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;

/// What the meeting's current state does not allow.
fn refused(msg: impl Into<String>) -> StoreError {
    StoreError::Refused(msg.into())
}

fn no_meeting(meeting: MeetingId) -> StoreError {
    StoreError::NotFound(format!("no meeting with id {meeting}"))
}

/// A span from the start and end columns `i` and `i + 1` (the end NULL while open).
pub(in crate::store) fn span_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Span> {
    Ok(Span {
        start: ts_at(r, i)?,
        end: opt_ts_at(r, i + 1)?,
    })
}

/// The open visit's item of a live meeting.
fn current_item(tx: &Connection, meeting: MeetingId) -> Result<Option<AgendaItemId>> {
    Ok(tx
        .query_row(
            "SELECT v.agenda_item_id FROM item_visit v JOIN agenda_item a ON a.id = v.agenda_item_id
             WHERE a.meeting_id = ?1 AND v.ended_at IS NULL LIMIT 1",
            [meeting],
            |r| r.get(0),
        )
        .optional()?)
}

fn round_turns(tx: &Connection, item: AgendaItemId) -> Result<Vec<Turn>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id, round, position, member_id, state, hand_raised_at, started_at, ended_at, round_order FROM speaking_turn
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
        state: spelling_at(r, 4, TurnState::parse)?,
        hand_raised_at: opt_ts_at(r, 5)?,
        started_at: opt_ts_at(r, 6)?,
        ended_at: opt_ts_at(r, 7)?,
        order: opt_spelling_at(r, 8, OrderStrategy::parse)?,
    })
}

fn set_turn(
    tx: &Connection,
    id: TurnId,
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
    tx: &Connection,
    item: AgendaItemId,
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
fn start_next(tx: &Connection, item: AgendaItemId, now: DateTime<Utc>) -> Result<()> {
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
fn live_item_of(tx: &Connection, meeting: MeetingId) -> Result<AgendaItemId> {
    require_live(tx, meeting)?;
    current_item(tx, meeting)?.ok_or_else(|| refused("the meeting is not on any agenda item"))
}

fn require_live(tx: &Connection, meeting: MeetingId) -> Result<()> {
    let status: Option<String> = tx
        .query_row("SELECT status FROM meeting WHERE id = ?1", [meeting], |r| {
            r.get(0)
        })
        .optional()?;
    match status.as_deref() {
        Some("live") => Ok(()),
        Some(s) => Err(refused(format!("the meeting is {s}, not live"))),
        None => Err(no_meeting(meeting)),
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

    /// Seconds each member has spoken in the community's meetings (for least-heard-first).
    /// Paused time (a pause, or the app being down) is not airtime, as in the live view.
    pub fn airtime_history(&self, community: CommunityId) -> Result<HashMap<MemberId, i64>> {
        let mut pauses: HashMap<MeetingId, Vec<Span>> = HashMap::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.meeting_id, p.started_at, p.ended_at FROM meeting_pause p
             JOIN meeting m ON m.id = p.meeting_id WHERE m.community_id = ?1",
        )?;
        for row in stmt.query_map([community], |r| {
            Ok((r.get::<_, MeetingId>(0)?, span_at(r, 1)?))
        })? {
            let (m, span) = row?;
            pauses.entry(m).or_default().push(span);
        }
        // Turns in rounds and, in open discussion, each time a member had the floor.
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.meeting_id, t.member_id, t.started_at, t.ended_at
             FROM speaking_turn t JOIN agenda_item a ON a.id = t.agenda_item_id JOIN meeting m ON m.id = a.meeting_id
             WHERE m.community_id = ?1 AND t.state = 'spoke' AND t.started_at IS NOT NULL AND t.ended_at IS NOT NULL
             UNION ALL
             SELECT a.meeting_id, f.member_id, f.started_at, f.ended_at
             FROM floor_span f JOIN agenda_item a ON a.id = f.agenda_item_id JOIN meeting m ON m.id = a.meeting_id
             WHERE m.community_id = ?1 AND f.ended_at IS NOT NULL",
        )?;
        let mut out: HashMap<MemberId, i64> = HashMap::new();
        for row in stmt.query_map([community], |r| {
            Ok((
                r.get::<_, MeetingId>(0)?,
                r.get::<_, MemberId>(1)?,
                Span::new(ts_at(r, 2)?, ts_at(r, 3)?),
            ))
        })? {
            let (m, member, span) = row?;
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
        let mut live = self.live_meeting_but_open_actions(meeting)?;
        live.open_actions = self.live_open_actions(live.meeting.community_id)?;
        live.cycle_closed = self.cycle_closed_in(meeting)?;
        if live.meeting.status == MeetingStatus::Live {
            live.last_seen = run::last_sign_of_life(self.conn(), meeting)?;
        }
        Ok(live)
    }

    /// Where each action taken in `meeting` stands now (the meeting view says it).
    pub fn action_standing(&self, meeting: MeetingId) -> Result<Vec<ActionStanding>> {
        review::action_standing(self.conn(), meeting)
    }

    /// [`Store::live_meeting`] with its community's open actions left empty and no
    /// closed cycle read: `import json` reads every meeting back this way and those
    /// actions once per community.
    pub(in crate::store) fn live_meeting_but_open_actions(
        &self,
        meeting: MeetingId,
    ) -> Result<LiveMeeting> {
        let conn = self.conn();
        let m = self.meeting(meeting)?;
        let (started, ended) = conn.query_row(
            "SELECT started_at, ended_at FROM meeting WHERE id = ?1",
            [meeting],
            |r| Ok((opt_ts_at(r, 0)?, opt_ts_at(r, 1)?)),
        )?;
        let agenda: Vec<AgendaItem> = self.agenda(meeting)?;
        let mut visits: HashMap<AgendaItemId, Vec<Span>> = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT v.agenda_item_id, v.started_at, v.ended_at FROM item_visit v JOIN agenda_item a ON a.id = v.agenda_item_id
             WHERE a.meeting_id = ?1 ORDER BY v.id",
        )?;
        for row in stmt.query_map([meeting], |r| {
            Ok((r.get::<_, AgendaItemId>(0)?, span_at(r, 1)?))
        })? {
            let (item, span) = row?;
            visits.entry(item).or_default().push(span);
        }
        let items = agenda
            .into_iter()
            .map(|item| LiveItem {
                // An item not reached yet has no visits.
                visits: visits.remove(&item.id).unwrap_or_default(),
                item,
            })
            .collect();

        let mut stmt = conn.prepare_cached("SELECT reason, started_at, ended_at FROM meeting_pause WHERE meeting_id = ?1 ORDER BY id")?;
        let pauses = stmt
            .query_map([meeting], |r| {
                Ok(Pause {
                    reason: spelling_at(r, 0, |s| match s {
                        "paused" => Some(PauseReason::Paused),
                        "downtime" => Some(PauseReason::Downtime),
                        _ => None,
                    })?,
                    span: span_at(r, 1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let attendance = self.attendance(m.community_id, meeting)?;
        let mut stmt = conn.prepare_cached(
            // The turn's columns in `turn_row` order, then its item.
            "SELECT t.id, t.round, t.position, t.member_id, t.state, t.hand_raised_at, t.started_at, t.ended_at,
                    t.round_order, t.agenda_item_id
             FROM speaking_turn t JOIN agenda_item a ON a.id = t.agenda_item_id WHERE a.meeting_id = ?1 ORDER BY t.id",
        )?;
        let turns = stmt
            .query_map([meeting], |r| Ok((r.get(9)?, turn_row(r)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let notes = self.meeting_notes(meeting)?;
        let consents = self.consents(meeting)?;
        Ok(LiveMeeting {
            // A meeting that has not started yet is shown from its scheduled time.
            started_at: started.unwrap_or(m.scheduled_at),
            ended_at: ended,
            meeting: m,
            items,
            pauses,
            attendance,
            turns,
            notes,
            consents,
            open_actions: Vec::new(),
            follow_ups: review::follow_ups(conn, meeting)?,
            floor: self.floor_spans(meeting)?,
            icebreaker_prompts: self.icebreaker_prompts(meeting)?,
            cycle_closed: None,
            last_seen: None,
        })
    }

    /// A community's open actions, those due soonest first, then the undated (a live
    /// meeting lists them).
    pub(in crate::store) fn live_open_actions(
        &self,
        community: CommunityId,
    ) -> Result<Vec<OpenAction>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, owner_member_id, title, due_on, meeting_id FROM action_item WHERE community_id = ?1 AND status = 'open' ORDER BY due_on IS NULL, due_on, id",
        )?;
        let rows = stmt.query_map([community], |r| {
            Ok(OpenAction {
                id: r.get(0)?,
                owner: r.get(1)?,
                title: r.get(2)?,
                due: opt_date_at(r, 3)?,
                meeting: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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
                // The member columns come first, in the roster's order.
                member: super::members::from_row(r)?,
                guest: r.get(13)?,
                // Not marked for this meeting: an active member who has not come.
                status: opt_spelling_at(r, 14, Attendance::parse)?.unwrap_or(Attendance::Absent),
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
                kind: spelling_at(r, 4, NoteKind::parse)?,
                body: r.get(5)?,
                created_at: ts_at(r, 6)?,
                action: if has_action {
                    Some((r.get(8)?, opt_date_at(r, 9)?))
                } else {
                    None
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn consents(&self, meeting: MeetingId) -> Result<Vec<Consent>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, agenda_item_id, topic, note_id FROM consent_check WHERE meeting_id = ?1 ORDER BY id",
        )?;
        let heads: Vec<(ConsentId, Option<AgendaItemId>, String, Option<NoteId>)> = stmt
            .query_map([meeting], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut votes = self.conn().prepare_cached(
            "SELECT member_id, score FROM consent_vote WHERE consent_check_id = ?1 ORDER BY rowid",
        )?;
        // Those in the room now stand for those present at the vote.
        let present = notes::present_count(self.conn(), meeting)?;
        let mut out = Vec::new();
        for (id, item, topic, note_id) in heads {
            let v: Vec<(MemberId, u8)> = votes
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            out.push(Consent {
                id,
                agenda_item_id: item,
                note_id,
                topic,
                result: ConsentResult::new(&v).of_present(present),
            });
        }
        Ok(out)
    }
}

fn invalid_note(msg: &str) -> StoreError {
    let mut e = crate::domain::ValidationErrors::default();
    e.push("note", msg.to_string());
    StoreError::Invalid(e)
}
