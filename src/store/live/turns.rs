//! Rounds of speaking turns: next, pass, back, skip, raised hands.

use super::*;
use crate::domain::rounds::{self, OrderStrategy, TurnState};
use crate::domain::{MeetingId, MemberId};
use crate::store::{Result, ts};
use chrono::{DateTime, Utc};
use rusqlite::params;

impl Tx<'_> {
    /// Starts a new round of turns on the current item, in `order`; the first speaks.
    pub fn start_round(
        &self,
        meeting: MeetingId,
        order: &[MemberId],
        strategy: OrderStrategy,
        now: DateTime<Utc>,
    ) -> Result<u32> {
        let tx = self.conn();
        require_live(tx, meeting)?;
        let item = live_item_of(tx, meeting)?;
        if order.is_empty() {
            return Err(refused(
                "nobody is marked present: take attendance first (a)",
            ));
        }
        end_speaking(tx, item, TurnState::Spoke, now)?;
        // A round takes over from the open floor.
        super::floor::close_floor(tx, meeting, now)?;
        let round: u32 = tx.query_row(
            "SELECT coalesce(max(round), 0) + 1 FROM speaking_turn WHERE agenda_item_id = ?1",
            [item],
            |r| r.get(0),
        )?;
        // The round's order is stored with its turns; the plan's item keeps its own.
        for (pos, member) in order.iter().enumerate() {
            tx.execute(
                "INSERT INTO speaking_turn (agenda_item_id, round, position, member_id, state, round_order)
                 VALUES (?1, ?2, ?3, ?4, 'waiting', ?5)",
                params![item, round, pos as u32 + 1, member, strategy.as_str()],
            )?;
        }
        start_next(tx, item, now)?;
        Ok(round)
    }

    /// The current speaker is done; the next one speaks.
    pub fn next_speaker(&self, meeting: MeetingId, now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn();
        let item = live_item_of(tx, meeting)?;
        end_speaking(tx, item, TurnState::Spoke, now)?;
        start_next(tx, item, now)
    }

    /// The current speaker passes: recorded, and offered the floor again at the end of
    /// the round (once).
    pub fn pass_turn(&self, meeting: MeetingId, now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn();
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
                "INSERT INTO speaking_turn (agenda_item_id, round, position, member_id, state, round_order)
                 VALUES (?1, ?2, ?3, ?4, 'waiting', ?5)",
                params![item, t.round, last + 1, t.member, t.order.map(|o| o.as_str())],
            )?;
        }
        start_next(tx, item, now)
    }

    /// Skips the current speaker (not in the room); the next one speaks.
    pub fn skip_turn(&self, meeting: MeetingId, now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn();
        let item = live_item_of(tx, meeting)?;
        end_speaking(tx, item, TurnState::Skipped, now)?;
        start_next(tx, item, now)
    }

    /// Undoes the last "next": the current speaker waits again and the previous turn
    /// is reopened (a pass's re-offer is withdrawn).
    pub fn back_turn(&self, meeting: MeetingId, now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn();
        let item = live_item_of(tx, meeting)?;
        let turns = round_turns(tx, item)?;
        let Some(prev) = turns
            .iter()
            .filter(|t| t.state.is_done())
            .max_by_key(|t| (t.ended_at, t.id))
            .cloned()
        else {
            return Err(refused("nobody has spoken yet in this round"));
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
        let start = if prev.state == TurnState::Skipped {
            Some(now)
        } else {
            prev.started_at.or(Some(now))
        };
        set_turn(tx, prev.id, TurnState::Speaking, start, None)?;
        Ok(())
    }

    /// Queues a member to speak next in the current round (adding a turn if they
    /// already spoke).
    pub fn raise_hand(
        &self,
        meeting: MeetingId,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn();
        let item = live_item_of(tx, meeting)?;
        let turns = round_turns(tx, item)?;
        let Some((round, order)) = turns.first().map(|t| (t.round, t.order)) else {
            return Err(refused(
                "no round is running on this item: press r to start one",
            ));
        };
        if rounds::speaking(&turns).is_some_and(|t| t.member == member) {
            return Err(refused("they are speaking now"));
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
                    "INSERT INTO speaking_turn (agenda_item_id, round, position, member_id, state, hand_raised_at, round_order)
                     VALUES (?1, ?2, ?3, ?4, 'waiting', ?5, ?6)",
                    params![item, round, last + 1, member, ts(now), order.map(|o| o.as_str())],
                )?;
            }
        }
        start_next(tx, item, now)
    }
}
