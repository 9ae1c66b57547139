//! Planned meetings and their agendas.

use super::read::{opt_spelling_at, spelling_at, ts_at};
use super::{Result, Store, StoreError, Tx, ts};
use crate::domain::agenda::{AgendaItem, ItemInfo, ItemKind, Timebox, TurnSettings, fit_items};
use crate::domain::meeting::{Meeting, MeetingInfo, MeetingStatus};
use crate::domain::rounds::OrderStrategy;
use crate::domain::{AgendaItemId, CommunityId, IcebreakerId, MeetingId, ValidationErrors};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

const MEETING_COLS: &str =
    "id, community_id, title, scheduled_at, planned_minutes, status, template";

fn meeting_row(r: &Row<'_>) -> rusqlite::Result<Meeting> {
    Ok(Meeting {
        id: r.get(0)?,
        community_id: r.get(1)?,
        title: r.get(2)?,
        scheduled_at: ts_at(r, 3)?,
        planned_minutes: r.get(4)?,
        status: spelling_at(r, 5, MeetingStatus::parse)?,
        template: r.get(6)?,
    })
}

const ITEM_COLS: &str =
    "a.id, a.meeting_id, a.position, a.kind, a.title, a.minutes, a.leader_notes, a.recurring,
    a.icebreaker_id, i.title, a.turn_order, a.turn_seconds";

fn item_row(r: &Row<'_>) -> rusqlite::Result<AgendaItem> {
    let ice: Option<IcebreakerId> = r.get(8)?;
    Ok(AgendaItem {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        position: r.get(2)?,
        info: ItemInfo {
            kind: spelling_at(r, 3, ItemKind::parse)?,
            title: r.get(4)?,
            minutes: r.get(5)?,
            leader_notes: r.get(6)?,
            recurring: r.get(7)?,
        },
        icebreaker: match ice {
            Some(id) => Some((id, r.get(9)?)),
            None => None,
        },
        turns: TurnSettings {
            order: opt_spelling_at(r, 10, OrderStrategy::parse)?,
            seconds: r.get(11)?,
        },
    })
}

fn set_turns(tx: &Connection, item: AgendaItemId, t: &TurnSettings) -> Result<()> {
    tx.execute(
        "UPDATE agenda_item SET turn_order = ?2, turn_seconds = ?3 WHERE id = ?1",
        params![item, t.order.map(OrderStrategy::as_str), t.seconds],
    )?;
    Ok(())
}

fn invalid(field: &'static str, msg: String) -> StoreError {
    let mut e = ValidationErrors::default();
    e.push(field, msg);
    StoreError::Invalid(e)
}

/// A meeting's agenda, in order.
fn agenda(tx: &Connection, meeting: MeetingId) -> Result<Vec<AgendaItem>> {
    let sql = format!(
        "SELECT {ITEM_COLS} FROM agenda_item a LEFT JOIN icebreaker i ON i.id = a.icebreaker_id
         WHERE a.meeting_id = ?1 ORDER BY a.position, a.id"
    );
    let mut stmt = tx.prepare_cached(&sql)?;
    let rows = stmt.query_map([meeting], item_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn planned_minutes(tx: &Connection, meeting: MeetingId) -> Result<u32> {
    tx.query_row(
        "SELECT planned_minutes FROM meeting WHERE id = ?1",
        [meeting],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("no meeting with id {meeting}")))
}

/// Refuses an agenda far longer than its meeting (checked inside the writing transaction,
/// so a refused change rolls back whole).
fn check_length(tx: &Connection, meeting: MeetingId) -> Result<()> {
    let planned = planned_minutes(tx, meeting)?;
    let items = agenda(tx, meeting)?;
    let t = Timebox::of(items.iter().map(|i| &i.info), planned);
    if t.is_far_over() {
        return Err(invalid("minutes", t.far_over_message()));
    }
    Ok(())
}

fn insert_item(
    tx: &Connection,
    meeting: MeetingId,
    position: u32,
    i: &ItemInfo,
) -> Result<AgendaItemId> {
    tx.execute(
        "INSERT INTO agenda_item (meeting_id, position, kind, title, minutes, leader_notes, recurring)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![meeting, position, i.kind.as_str(), i.title, i.minutes, i.leader_notes, i.recurring],
    )?;
    Ok(AgendaItemId::new(tx.last_insert_rowid()))
}

fn renumber(tx: &Connection, meeting: MeetingId) -> Result<()> {
    let ids: Vec<AgendaItemId> = agenda(tx, meeting)?.into_iter().map(|i| i.id).collect();
    for (pos, id) in ids.iter().enumerate() {
        tx.execute(
            "UPDATE agenda_item SET position = ?2 WHERE id = ?1",
            params![id, pos as u32 + 1],
        )?;
    }
    Ok(())
}

/// The meeting of a planned meeting's agenda item (see [`require_planned`]).
fn meeting_of_item(tx: &Connection, item: AgendaItemId) -> Result<MeetingId> {
    let meeting: MeetingId = tx
        .query_row(
            "SELECT meeting_id FROM agenda_item WHERE id = ?1",
            [item],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("no agenda item with id {item}")))?;
    require_planned(tx, meeting)?;
    Ok(meeting)
}

/// Only a planned meeting's details and agenda can change: once it has started, its
/// items carry the meeting's time, turns and notes.
fn require_planned(tx: &Connection, meeting: MeetingId) -> Result<()> {
    let status: Option<String> = tx
        .query_row("SELECT status FROM meeting WHERE id = ?1", [meeting], |r| {
            r.get(0)
        })
        .optional()?;
    match status.as_deref() {
        Some("planned") => Ok(()),
        Some(s) => Err(StoreError::Refused(format!(
            "the meeting is {s}; only a planned meeting's agenda can change"
        ))),
        None => Err(StoreError::NotFound(format!(
            "no meeting with id {meeting}"
        ))),
    }
}

/// Recurring items of the community's latest earlier meeting planned from the same
/// template (or, without one, also without one) that `items` does not already contain
/// (same kind and title). A recurring item belongs to its kind of meeting: a quick
/// check-in's round does not join a learning-cycle meeting.
fn recurring_from_previous(
    tx: &Connection,
    community: CommunityId,
    before: DateTime<Utc>,
    template: Option<&str>,
    items: &[ItemInfo],
) -> Result<Vec<ItemInfo>> {
    let prev: Option<MeetingId> = tx
        .query_row(
            "SELECT id FROM meeting WHERE community_id = ?1 AND status != 'cancelled' AND scheduled_at < ?2
             AND template IS ?3
             ORDER BY scheduled_at DESC, id DESC LIMIT 1",
            params![community, ts(before), template],
            |r| r.get(0),
        )
        .optional()?;
    let Some(prev) = prev else {
        return Ok(Vec::new());
    };
    Ok(agenda(tx, prev)?
        .into_iter()
        .map(|a| a.info)
        .filter(|r| r.recurring && !items.iter().any(|i| i.kind == r.kind && i.title == r.title))
        .collect())
}

/// The built-in template whose action review item depends on the open actions.
pub const LEARNING_CYCLE: &str = "Learning cycle meeting";

/// The action review item the learning-cycle template adds when it has none.
fn action_review_item() -> ItemInfo {
    crate::domain::template::builtins()
        .into_iter()
        .filter(|t| t.name == LEARNING_CYCLE)
        .flat_map(|t| t.items)
        .find(|i| i.kind == ItemKind::ActionReview)
        // The built-in templates are checked by tests; this is only a fallback.
        .unwrap_or_else(|| ItemInfo {
            kind: ItemKind::ActionReview,
            title: "Action review".into(),
            minutes: 15,
            leader_notes: String::new(),
            recurring: true,
        })
}

/// A learning-cycle meeting reviews actions when there are any: with an open action
/// the agenda has an action review item (added right after the opening check-in items,
/// before the cycle's own), without one it has none (whatever the template or the
/// previous meeting carried).
fn fit_action_review(
    tx: &Connection,
    community: CommunityId,
    agenda: &mut Vec<ItemInfo>,
) -> Result<()> {
    let open: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM action_item WHERE community_id = ?1 AND status = 'open')",
        [community],
        |r| r.get(0),
    )?;
    let has = agenda.iter().any(|i| i.kind == ItemKind::ActionReview);
    if !open {
        agenda.retain(|i| i.kind != ItemKind::ActionReview);
    } else if !has {
        let at = agenda
            .iter()
            .position(|i| !matches!(i.kind, ItemKind::Icebreaker | ItemKind::Introductions))
            .unwrap_or(agenda.len());
        agenda.insert(at, action_review_item());
    }
    Ok(())
}

impl Store {
    /// One meeting.
    pub fn meeting(&self, id: MeetingId) -> Result<Meeting> {
        self.conn()
            .query_row(
                &format!("SELECT {MEETING_COLS} FROM meeting WHERE id = ?1"),
                [id],
                meeting_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("no meeting with id {id}")))
    }

    /// A community's planned meetings, soonest first.
    pub fn planned_meetings(&self, community: CommunityId) -> Result<Vec<Meeting>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {MEETING_COLS} FROM meeting WHERE community_id = ?1 AND status = 'planned'
             ORDER BY scheduled_at, id"
        ))?;
        let rows = stmt.query_map([community], meeting_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A meeting's agenda, in order.
    pub fn agenda(&self, meeting: MeetingId) -> Result<Vec<AgendaItem>> {
        agenda(self.conn(), meeting)
    }
}

impl Tx<'_> {
    /// A meeting's agenda, in order, as this transaction sees it.
    pub fn agenda(&self, meeting: MeetingId) -> Result<Vec<AgendaItem>> {
        agenda(self.conn(), meeting)
    }

    /// Plans a meeting with `items` as its agenda, plus the recurring items of the
    /// community's previous meeting from the same template (placed before a closing
    /// check-out). From the learning-cycle template, the agenda has an action review
    /// item exactly when the community has an open action. An agenda far longer than
    /// the meeting is refused.
    pub fn create_meeting(
        &self,
        community: CommunityId,
        info: &MeetingInfo,
        template: Option<&str>,
        items: &[ItemInfo],
        now: DateTime<Utc>,
    ) -> Result<MeetingId> {
        Ok(self
            .insert_meeting(community, info, template, items, now, false)?
            .0)
    }

    /// [`Tx::create_meeting`] with the agenda's timeboxes scaled to the meeting's length
    /// once it is whole (the action review and the items carried over in it:
    /// [`fit_items`]); the agenda's total before, when it was scaled.
    pub fn plan_meeting(
        &self,
        community: CommunityId,
        info: &MeetingInfo,
        template: Option<&str>,
        items: &[ItemInfo],
        now: DateTime<Utc>,
    ) -> Result<(MeetingId, Option<u32>)> {
        self.insert_meeting(community, info, template, items, now, true)
    }

    fn insert_meeting(
        &self,
        community: CommunityId,
        info: &MeetingInfo,
        template: Option<&str>,
        items: &[ItemInfo],
        now: DateTime<Utc>,
        scale: bool,
    ) -> Result<(MeetingId, Option<u32>)> {
        let tx = self.conn();
        tx.execute(
            // A meeting planned while the community has an open cycle is part of it.
            "INSERT INTO meeting (community_id, cycle_id, title, scheduled_at, planned_minutes, status, template, created_at)
             VALUES (?1, (SELECT id FROM cycle WHERE community_id = ?1 AND phase <> 'closed'), ?2, ?3, ?4, 'planned', ?5, ?6)",
            params![community, info.title, ts(info.scheduled_at), info.planned_minutes, template, ts(now)],
        )?;
        let id = MeetingId::new(tx.last_insert_rowid());
        let mut agenda = items.to_vec();
        let mut carried =
            recurring_from_previous(tx, community, info.scheduled_at, template, items)?;
        if template == Some(LEARNING_CYCLE) {
            // Its action review follows the open actions, not the previous meeting.
            carried.retain(|i| i.kind != ItemKind::ActionReview);
            fit_action_review(tx, community, &mut agenda)?;
        }
        let at = match agenda.last() {
            Some(last) if last.kind == ItemKind::CheckOut => agenda.len() - 1,
            _ => agenda.len(),
        };
        agenda.splice(at..at, carried);
        let scaled = match scale {
            true => fit_items(&mut agenda, info.planned_minutes),
            false => None,
        };
        for (pos, item) in agenda.iter().enumerate() {
            insert_item(tx, id, pos as u32 + 1, item)?;
        }
        check_length(tx, id)?;
        Ok((id, scaled))
    }

    /// Changes a planned meeting's title, time or length.
    pub fn update_meeting(&self, id: MeetingId, info: &MeetingInfo) -> Result<()> {
        let tx = self.conn();
        require_planned(tx, id)?;
        let n = tx.execute(
            "UPDATE meeting SET title = ?2, scheduled_at = ?3, planned_minutes = ?4 WHERE id = ?1",
            params![id, info.title, ts(info.scheduled_at), info.planned_minutes],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("no meeting with id {id}")));
        }
        check_length(tx, id)
    }

    /// Cancels a planned meeting (it stays in the file, out of the lists).
    pub fn cancel_meeting(&self, id: MeetingId) -> Result<()> {
        let tx = self.conn();
        tx.execute(
            "UPDATE meeting SET status = 'cancelled' WHERE id = ?1 AND status = 'planned'",
            [id],
        )?;
        tx.execute("DELETE FROM icebreaker_use WHERE meeting_id = ?1", [id])?;
        Ok(())
    }

    /// Appends an item to a planned meeting's agenda.
    pub fn add_agenda_item(
        &self,
        meeting: MeetingId,
        info: &ItemInfo,
        turns: &TurnSettings,
    ) -> Result<AgendaItemId> {
        let tx = self.conn();
        let next: u32 = tx.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM agenda_item WHERE meeting_id = ?1",
            [meeting],
            |r| r.get(0),
        )?;
        require_planned(tx, meeting)?;
        let id = insert_item(tx, meeting, next, info)?;
        set_turns(tx, id, turns)?;
        check_length(tx, meeting)?;
        Ok(id)
    }

    /// Replaces an agenda item.
    pub fn update_agenda_item(
        &self,
        item: AgendaItemId,
        info: &ItemInfo,
        turns: &TurnSettings,
    ) -> Result<()> {
        let tx = self.conn();
        let meeting = meeting_of_item(tx, item)?;
        if info.kind != ItemKind::Icebreaker {
            // No longer an icebreaker item: its icebreaker is no longer used either.
            tx.execute(
                "DELETE FROM icebreaker_use WHERE meeting_id = ?1 AND icebreaker_id =
                    (SELECT icebreaker_id FROM agenda_item WHERE id = ?2)",
                params![meeting, item],
            )?;
        }
        tx.execute(
            "UPDATE agenda_item SET kind = ?2, title = ?3, minutes = ?4, leader_notes = ?5, recurring = ?6,
                    icebreaker_id = CASE WHEN ?2 = 'icebreaker' THEN icebreaker_id END
             WHERE id = ?1",
            params![item, info.kind.as_str(), info.title, info.minutes, info.leader_notes, info.recurring],
        )?;
        set_turns(tx, item, turns)?;
        check_length(tx, meeting)
    }

    /// Removes an agenda item and closes the gap.
    pub fn delete_agenda_item(&self, item: AgendaItemId) -> Result<()> {
        let tx = self.conn();
        let meeting = meeting_of_item(tx, item)?;
        let ice: Option<IcebreakerId> = tx.query_row(
            "SELECT icebreaker_id FROM agenda_item WHERE id = ?1",
            [item],
            |r| r.get(0),
        )?;
        tx.execute("DELETE FROM agenda_item WHERE id = ?1", [item])?;
        if let Some(ice) = ice {
            tx.execute(
                "DELETE FROM icebreaker_use WHERE meeting_id = ?1 AND icebreaker_id = ?2",
                params![meeting, ice],
            )?;
        }
        renumber(tx, meeting)
    }

    /// Moves an item one place up (`-1`) or down (`+1`); returns its new position.
    pub fn move_agenda_item(&self, item: AgendaItemId, by: i32) -> Result<u32> {
        let tx = self.conn();
        let meeting = meeting_of_item(tx, item)?;
        let ids: Vec<AgendaItemId> = agenda(tx, meeting)?.into_iter().map(|i| i.id).collect();
        let from = ids
            .iter()
            .position(|&i| i == item)
            .ok_or_else(|| StoreError::NotFound(format!("no agenda item with id {item}")))?;
        let to = (from as i64 + i64::from(by)).clamp(0, ids.len() as i64 - 1) as usize;
        let mut order = ids.clone();
        let moved = order.remove(from);
        order.insert(to, moved);
        for (pos, id) in order.iter().enumerate() {
            tx.execute(
                "UPDATE agenda_item SET position = ?2 WHERE id = ?1",
                params![id, pos as u32 + 1],
            )?;
        }
        Ok(to as u32 + 1)
    }

    /// Puts an icebreaker on a planned meeting's icebreaker item (or clears it),
    /// recording the use for the community so suggestions do not repeat it.
    pub fn set_item_icebreaker(
        &self,
        item: AgendaItemId,
        icebreaker: Option<IcebreakerId>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn();
        meeting_of_item(tx, item)?;
        let (meeting, community, old): (MeetingId, CommunityId, Option<IcebreakerId>) = tx
            .query_row(
                "SELECT a.meeting_id, m.community_id, a.icebreaker_id FROM agenda_item a
             JOIN meeting m ON m.id = a.meeting_id WHERE a.id = ?1",
                [item],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
        if let Some(old) = old {
            tx.execute(
                "DELETE FROM icebreaker_use WHERE meeting_id = ?1 AND icebreaker_id = ?2",
                params![meeting, old],
            )?;
        }
        tx.execute(
            "UPDATE agenda_item SET icebreaker_id = ?2 WHERE id = ?1",
            params![item, icebreaker],
        )?;
        if let Some(ice) = icebreaker {
            tx.execute(
                "INSERT INTO icebreaker_use (community_id, icebreaker_id, meeting_id, used_at) VALUES (?1, ?2, ?3, ?4)",
                params![community, ice, meeting, ts(now)],
            )?;
        }
        Ok(())
    }
}
