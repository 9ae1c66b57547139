//! Meetings inside a [`Batch`]: the same operations as the live-meeting and planning
//! methods of [`Store`] (the very same code: each public method calls its `_in` variant),
//! joined into the batch's one transaction. The demo uses these to write a community's
//! past meetings all or nothing.

use super::dump::Batch;
use super::{Result, Store, StoreError, ts};
use crate::domain::agenda::AgendaItem;
use crate::domain::consent::ConsentResult;
use crate::domain::live::Attendance;
use crate::domain::meeting::MeetingInfo;
use crate::domain::note::NoteKind;
use crate::domain::rounds::OrderStrategy;
use crate::domain::template::Template;
use crate::domain::{CommunityId, MeetingId, MemberId};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;
use std::collections::HashMap;

impl Batch<'_> {
    /// Adds the built-in icebreaker library now (rather than after the batch), so
    /// meetings in the batch can use it. Returns each built-in's id by key.
    pub fn builtin_icebreakers(&self, now: DateTime<Utc>) -> Result<HashMap<String, i64>> {
        let lib = crate::domain::icebreaker::library()
            .map_err(|e| StoreError::NotFound(format!("the icebreaker library: {e}")))?;
        Store::seed_icebreakers_in(self.tx, &lib, now)?;
        let mut stmt = self
            .tx
            .prepare("SELECT key, id FROM icebreaker WHERE key IS NOT NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Plans a meeting from a template (see [`Store::create_meeting`]).
    pub fn plan_meeting(
        &self,
        community: CommunityId,
        info: &MeetingInfo,
        template: &Template,
        now: DateTime<Utc>,
    ) -> Result<MeetingId> {
        Store::create_meeting_in(
            self.tx,
            community,
            info,
            Some(&template.name),
            &template.items,
            now,
        )
    }

    /// A meeting's agenda, in order.
    pub fn agenda(&self, meeting: MeetingId) -> Result<Vec<AgendaItem>> {
        super::planning::agenda_in(self.tx, meeting)
    }

    /// See [`Store::set_item_icebreaker`].
    pub fn set_item_icebreaker(&self, item: i64, ice: i64, now: DateTime<Utc>) -> Result<()> {
        Store::set_item_icebreaker_in(self.tx, item, Some(ice), now)
    }

    /// See [`Store::start_meeting`].
    pub fn start_meeting(
        &self,
        meeting: MeetingId,
        attendance: &[(MemberId, Attendance)],
        now: DateTime<Utc>,
    ) -> Result<()> {
        Store::start_meeting_in(self.tx, meeting, attendance, now)
    }

    /// See [`Store::go_to_item`].
    pub fn go_to_item(&self, meeting: MeetingId, item: i64, now: DateTime<Utc>) -> Result<()> {
        Store::go_to_item_in(self.tx, meeting, item, now)
    }

    /// See [`Store::set_paused`].
    pub fn set_paused(&self, meeting: MeetingId, paused: bool, now: DateTime<Utc>) -> Result<()> {
        Store::set_paused_in(self.tx, meeting, paused, now)
    }

    /// See [`Store::start_round`] (roster order).
    pub fn start_round(
        &self,
        meeting: MeetingId,
        order: &[MemberId],
        now: DateTime<Utc>,
    ) -> Result<u32> {
        Store::start_round_in(self.tx, meeting, order, OrderStrategy::Roster, now)
    }

    /// See [`Store::next_speaker`].
    pub fn next_speaker(&self, meeting: MeetingId, now: DateTime<Utc>) -> Result<()> {
        Store::next_speaker_in(self.tx, meeting, now)
    }

    /// See [`Store::pass_turn`].
    pub fn pass_turn(&self, meeting: MeetingId, now: DateTime<Utc>) -> Result<()> {
        Store::pass_turn_in(self.tx, meeting, now)
    }

    /// See [`Store::raise_hand`].
    pub fn raise_hand(
        &self,
        meeting: MeetingId,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        Store::raise_hand_in(self.tx, meeting, member, now)
    }

    /// See [`Store::add_note`].
    pub fn add_note(
        &self,
        meeting: MeetingId,
        member: Option<MemberId>,
        kind: NoteKind,
        body: &str,
        action: Option<(Option<MemberId>, Option<NaiveDate>)>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        Store::add_note_in(self.tx, meeting, member, kind, body, action, now)
    }

    /// See [`Store::record_consent`] (it chooses no leader).
    pub fn record_consent(
        &self,
        meeting: MeetingId,
        topic: &str,
        votes: &[(MemberId, u8)],
        now: DateTime<Utc>,
    ) -> Result<ConsentResult> {
        Store::record_consent_in(self.tx, meeting, topic, votes, None, now)
    }

    /// See [`Store::end_meeting`].
    pub fn end_meeting(&self, meeting: MeetingId, now: DateTime<Utc>) -> Result<()> {
        Store::end_meeting_in(self.tx, meeting, now)
    }

    /// Marks the action item an action note created as done at `at`.
    pub fn action_done(&self, note: i64, at: DateTime<Utc>) -> Result<()> {
        let n = self.tx.execute(
            "UPDATE action_item SET status = 'done', done_at = ?2 WHERE note_id = ?1",
            params![note, ts(at)],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!(
                "note {note} made no action item"
            )));
        }
        Ok(())
    }
}
