//! Open discussion: who has the floor. The leader taps whoever is talking; the previous
//! speaker's span ends at that moment. Spans are timestamps; their airtime is derived
//! (minus pauses) like a turn's.

use super::*;
use crate::domain::MeetingId;
use crate::domain::live::FloorSpan;
use crate::store::{Result, ts};
use chrono::{DateTime, Utc};
use rusqlite::params;

/// Ends whoever has the open floor on any item of `meeting` (moving on, starting a
/// round, ending the meeting, or the leader saying nobody is talking).
pub(super) fn close_floor(tx: &Connection, meeting: MeetingId, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "UPDATE floor_span SET ended_at = ?2
         WHERE ended_at IS NULL AND agenda_item_id IN (SELECT id FROM agenda_item WHERE meeting_id = ?1)",
        params![meeting, ts(now)],
    )?;
    Ok(())
}

impl Tx<'_> {
    /// `member` has the floor now on the current item; whoever had it stops. Refused
    /// while a round of turns is running there (its turns already say who speaks), and
    /// for someone not in the room. Giving the floor to whoever has it changes nothing.
    pub fn give_floor(
        &self,
        meeting: MeetingId,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn();
        let item = live_item_of(tx, meeting)?;
        if rounds::is_open(&round_turns(tx, item)?) {
            return Err(refused(
                "a round of turns is running on this item: Space moves through it",
            ));
        }
        let here: bool = tx.query_row(
            "SELECT count(*) > 0 FROM attendance WHERE meeting_id = ?1 AND member_id = ?2
             AND status IN ('present', 'late')",
            params![meeting, member],
            |r| r.get(0),
        )?;
        if !here {
            return Err(refused("they are not marked present: a takes attendance"));
        }
        let talking: Option<MemberId> = tx
            .query_row(
                "SELECT member_id FROM floor_span WHERE agenda_item_id = ?1 AND ended_at IS NULL",
                [item],
                |r| r.get(0),
            )
            .optional()?;
        if talking == Some(member) {
            return Ok(());
        }
        close_floor(tx, meeting, now)?;
        tx.execute(
            "INSERT INTO floor_span (agenda_item_id, member_id, started_at) VALUES (?1, ?2, ?3)",
            params![item, member, ts(now)],
        )?;
        Ok(())
    }

    /// Nobody is talking now: the open floor span (if any) ends.
    pub fn end_floor(&self, meeting: MeetingId, now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn();
        require_live(tx, meeting)?;
        close_floor(tx, meeting, now)
    }
}

impl Store {
    /// Who had the floor in a meeting's open discussions, oldest first.
    pub(super) fn floor_spans(&self, meeting: MeetingId) -> Result<Vec<FloorSpan>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.agenda_item_id, f.member_id, f.started_at, f.ended_at
             FROM floor_span f JOIN agenda_item a ON a.id = f.agenda_item_id
             WHERE a.meeting_id = ?1 ORDER BY f.started_at, f.id",
        )?;
        let rows = stmt.query_map([meeting], |r| {
            Ok(FloorSpan {
                item: r.get(0)?,
                member: r.get(1)?,
                span: span_at(r, 2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The prompt of each agenda item's chosen icebreaker.
    pub(super) fn icebreaker_prompts(
        &self,
        meeting: MeetingId,
    ) -> Result<Vec<(AgendaItemId, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.id, i.prompt FROM agenda_item a JOIN icebreaker i ON i.id = a.icebreaker_id
             WHERE a.meeting_id = ?1 ORDER BY a.position",
        )?;
        let rows = stmt.query_map([meeting], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
