//! The plan area: the agenda editor of one planned meeting (the Plan screen). Its forms
//! (the template chooser, meeting details, agenda items, templates) are in [`forms`].

mod forms;

use super::{Confirm, Ctx, ListState, Overlay, Pending, Screen, lists};
use crate::domain::agenda::{AgendaItem, ItemKind};
use crate::domain::meeting::Meeting;
use crate::domain::text::sanitize;
use crate::domain::{AgendaItemId, MeetingId};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};

/// The meeting open on the Plan screen, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub meeting: Meeting,
    pub items: Vec<AgendaItem>,
}

/// A UTC instant in local time, in the default formats (for the command line; the app
/// and its screens use the settings' formats, `App::dates`).
pub fn local(t: DateTime<Utc>) -> String {
    crate::settings::Dates::default().date_time(t)
}

/// What planning says after the meeting when [`crate::domain::agenda::fit_items`] scaled
/// the timeboxes:
/// ", timeboxes scaled 90 → 60 min" (nothing when it did not).
pub fn scaled_note(from: Option<u32>, to: u32) -> String {
    from.map_or(String::new(), |from| {
        format!(", timeboxes scaled {from} → {to} min")
    })
}

/// The agenda editor.
#[derive(Debug, Default)]
pub struct Planner {
    /// The meeting open on the Plan screen.
    pub plan: Option<Plan>,
    pub(in crate::app) list: ListState,
}

impl Planner {
    /// Rows of the agenda the filter lets through.
    pub fn rows(&self) -> Vec<usize> {
        let texts: Vec<String> = self
            .plan
            .iter()
            .flat_map(|p| &p.items)
            .map(|i| format!("{} {}", i.info.title, i.info.kind.label()))
            .collect();
        lists::matching(&texts, &self.list.filter)
    }

    /// The selected agenda item.
    pub fn selected_item(&self) -> Option<&AgendaItem> {
        let i = self.list.pick(&self.rows())?;
        self.plan.as_ref()?.items.get(i)
    }

    /// The icebreaker item a pick or suggestion applies to: the selected item if it is an
    /// icebreaker, else the agenda's first icebreaker item.
    pub fn icebreaker_item(&self) -> Option<&AgendaItem> {
        let plan = self.plan.as_ref()?;
        self.selected_item()
            .filter(|i| i.info.kind == ItemKind::Icebreaker)
            .or_else(|| {
                plan.items
                    .iter()
                    .find(|i| i.info.kind == ItemKind::Icebreaker)
            })
    }

    /// Reads meeting `id` and its agenda, with the first item selected.
    pub(in crate::app) fn load(&mut self, store: &Store, id: MeetingId) -> Result<(), StoreError> {
        self.plan = Some(load_plan(store, id)?);
        self.list.selected = 0;
        Ok(())
    }

    /// Opens the Plan screen on meeting `id`.
    pub(in crate::app) fn open(&mut self, cx: &mut Ctx, id: MeetingId) {
        match self.load(&cx.store, id) {
            Ok(()) => cx.screen = Screen::Plan,
            Err(e) => cx.error(format!("Could not open the meeting: {e}")),
        }
    }

    /// Closes the plan (its meeting started: the agenda no longer changes).
    pub(in crate::app) fn close(&mut self) {
        self.plan = None;
    }

    /// Re-reads the open plan, if any.
    pub(in crate::app) fn reload_from(&mut self, store: &Store) -> Result<(), StoreError> {
        if let Some(id) = self.plan.as_ref().map(|p| p.meeting.id) {
            self.plan = Some(load_plan(store, id)?);
        }
        Ok(())
    }

    /// Re-reads the open plan after a change to it; a failure says so.
    pub(in crate::app) fn reload(&mut self, cx: &mut Ctx) {
        if let Err(e) = self.reload_from(&cx.store) {
            cx.error(format!("Could not read the meeting: {e}"));
        }
    }

    /// Selects an agenda item by id.
    pub(in crate::app) fn select_item(&mut self, item: AgendaItemId) {
        let row = self
            .plan
            .as_ref()
            .and_then(|p| p.items.iter().position(|x| x.id == item));
        let rows = self.rows();
        self.list.select_data_row(&rows, row);
    }

    /// Moves the selected item up (`by` < 0) or down.
    pub(in crate::app) fn move_item(&mut self, cx: &mut Ctx, by: i32) {
        let Some(item) = self.selected_item().map(|i| i.id) else {
            return;
        };
        match cx.store.write(|tx| tx.move_agenda_item(item, by)) {
            Ok(_) => {
                self.reload(cx);
                self.select_item(item);
            }
            Err(e) => cx.error(format!("Not moved: {e}")),
        }
    }

    /// `x`: asks to remove the selected item.
    pub(in crate::app) fn ask_remove_item(&self, cx: &mut Ctx) {
        let Some(item) = self.selected_item() else {
            return;
        };
        cx.open(Overlay::Confirm(Confirm {
            question: format!(
                "Remove '{}' ({} min) from the agenda?",
                sanitize(&item.info.title, false),
                item.info.minutes
            ),
            on_yes: Pending::RemoveItem(item.id),
        }));
    }

    /// Removes an agenda item, once confirmed.
    pub(in crate::app) fn remove_item(&mut self, cx: &mut Ctx, id: AgendaItemId) {
        match cx.store.write(|tx| tx.delete_agenda_item(id)) {
            Ok(()) => {
                cx.changed();
                cx.info("Item removed ✓");
            }
            Err(e) => cx.error(format!("Not changed: {e}")),
        }
    }
}

/// A meeting and its agenda, as stored.
fn load_plan(store: &Store, id: MeetingId) -> Result<Plan, StoreError> {
    Ok(Plan {
        meeting: store.meeting(id)?,
        items: store.agenda(id)?,
    })
}
