//! The icebreaker library screen and suggestions: filters, picking one for an agenda
//! item, and suggesting one that fits and was not used recently.

use super::{App, Screen};
use crate::domain::MeetingMode;
use crate::domain::agenda::{AgendaItem, ItemKind};
use crate::domain::icebreaker::{self, Category, Depth, SuggestFilter};
use crate::domain::text::sanitize;

/// Filters of the icebreaker library screen (the text search is the list filter).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LibraryFilter {
    pub category: Option<Category>,
    pub remote: bool,
    pub max_minutes: Option<u32>,
    pub depth: Option<Depth>,
}

/// Which library filter a key cycles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryFilterKey {
    Category,
    Remote,
    Minutes,
    Depth,
}

const MINUTE_STEPS: [Option<u32>; 6] = [None, Some(5), Some(10), Some(15), Some(20), Some(30)];

fn next_of<T: Copy + PartialEq>(all: &[T], current: Option<T>) -> Option<T> {
    match current.and_then(|c| all.iter().position(|&x| x == c)) {
        None => all.first().copied(),
        Some(i) if i + 1 < all.len() => Some(all[i + 1]),
        Some(_) => None,
    }
}

impl LibraryFilter {
    /// The filter as a suggestion filter, with the list's search text.
    pub fn to_suggest(&self, text: &str) -> SuggestFilter {
        SuggestFilter {
            category: self.category,
            remote: self.remote,
            max_minutes: self.max_minutes,
            group_size: None,
            depth: self.depth,
            text: text.to_string(),
        }
    }
}

impl App {
    /// The icebreaker item a pick or suggestion applies to: the selected item if it is an
    /// icebreaker, else the agenda's first icebreaker item.
    pub(super) fn icebreaker_item(&self) -> Option<&AgendaItem> {
        let plan = self.plan.as_ref()?;
        self.selected_item()
            .filter(|i| i.info.kind == ItemKind::Icebreaker)
            .or_else(|| {
                plan.items
                    .iter()
                    .find(|i| i.info.kind == ItemKind::Icebreaker)
            })
    }

    pub(super) fn open_library(&mut self) {
        if self.screen == Screen::Plan {
            match self.icebreaker_item() {
                Some(item) => {
                    self.pick_for = Some(item.id);
                    self.library.max_minutes = None;
                    self.library.remote = self.meeting_is_remote();
                }
                None => return self.info(
                    "This agenda has no icebreaker item: press a and choose the kind 'icebreaker'",
                ),
            }
        } else {
            self.pick_for = None;
        }
        self.screen = Screen::Icebreakers;
        let n = self.visible(Screen::Icebreakers).len();
        self.list_mut(Screen::Icebreakers).clamp(n);
    }

    pub(super) fn meeting_is_remote(&self) -> bool {
        self.community
            .as_ref()
            .is_some_and(|c| c.info.mode != MeetingMode::InPerson)
    }

    /// The icebreaker selected in the library.
    pub fn selected_icebreaker(&self) -> Option<&icebreaker::Icebreaker> {
        self.selected_row(Screen::Icebreakers)
            .map(|i| &self.icebreakers[i])
    }

    pub(super) fn cycle_library_filter(&mut self, key: LibraryFilterKey) {
        let f = &mut self.library;
        match key {
            LibraryFilterKey::Category => f.category = next_of(Category::ALL, f.category),
            LibraryFilterKey::Remote => f.remote = !f.remote,
            LibraryFilterKey::Minutes => {
                let i = MINUTE_STEPS
                    .iter()
                    .position(|&m| m == f.max_minutes)
                    .unwrap_or(0);
                f.max_minutes = MINUTE_STEPS[(i + 1) % MINUTE_STEPS.len()];
            }
            LibraryFilterKey::Depth => f.depth = next_of(Depth::ALL, f.depth),
        }
        let n = self.visible(Screen::Icebreakers).len();
        self.list_mut(Screen::Icebreakers).clamp(n);
    }

    /// Enter in the library: put the selected icebreaker on the item being planned.
    pub(super) fn use_icebreaker(&mut self) {
        let Some(ice) = self
            .selected_icebreaker()
            .map(|i| (i.id, i.info.title.clone()))
        else {
            return;
        };
        let Some(item) = self.pick_for else {
            return self.info("To use one, open a meeting plan and press i");
        };
        match self
            .store
            .write(|tx| tx.set_item_icebreaker(item, Some(ice.0), self.clock.now()))
        {
            Ok(()) => {
                self.pick_for = None;
                self.screen = Screen::Plan;
                self.refresh();
                self.info(format!("'{}' is on the agenda ✓", sanitize(&ice.1, false)));
            }
            Err(e) => self.error(format!("Not changed: {e}")),
        }
    }

    /// Suggests an icebreaker that fits and was not used in the last meetings: on the Plan
    /// screen it goes straight onto the icebreaker item; in the library it is selected.
    pub(super) fn suggest(&mut self) {
        let Some(community) = self.community.as_ref().map(|c| c.id) else {
            return self.info("Choose a community first");
        };
        self.suggest_seed = self.suggest_seed.wrapping_add(1);
        let seed = (self.clock.now().timestamp_millis() as u64)
            .wrapping_add(self.suggest_seed.wrapping_mul(0x9E37_79B9));
        let meeting = self.plan.as_ref().map(|p| p.meeting.id);
        let recent = match self.store.recently_used_icebreakers(
            community,
            icebreaker::REPEAT_WINDOW,
            meeting,
        ) {
            Ok(r) => r,
            Err(e) => return self.error(format!("Could not read icebreaker history: {e}")),
        };
        let group = self.members.iter().filter(|m| m.active).count() as u32;
        let (filter, item) = if self.screen == Screen::Plan {
            let Some(item) = self.icebreaker_item() else {
                return self.info(
                    "This agenda has no icebreaker item: press a and choose the kind 'icebreaker'",
                );
            };
            let f = SuggestFilter {
                max_minutes: Some(item.info.minutes),
                group_size: (group > 0).then_some(group),
                remote: self.meeting_is_remote(),
                ..Default::default()
            };
            (f, Some(item.id))
        } else {
            let mut f = self
                .library
                .to_suggest(&self.list(Screen::Icebreakers).filter);
            f.group_size = (group > 0).then_some(group);
            (f, None)
        };
        let Some(pick) = icebreaker::suggest(&self.icebreakers, &recent, &filter, seed)
            .map(|i| (i.id, i.info.clone()))
        else {
            return self.info("Nothing fits that was not used in the last 10 meetings; loosen the filters or lengthen the slot");
        };
        match item {
            Some(item) => match self
                .store
                .write(|tx| tx.set_item_icebreaker(item, Some(pick.0), self.clock.now()))
            {
                Ok(()) => {
                    self.reload_plan();
                    self.select_plan_item(item);
                    self.info(format!(
                        "Suggested '{}' ({} min, {}) ✓ — s for another",
                        sanitize(&pick.1.title, false),
                        pick.1.minutes,
                        pick.1.category.as_str()
                    ));
                }
                Err(e) => self.error(format!("Not changed: {e}")),
            },
            None => {
                let row = self.icebreakers.iter().position(|i| i.id == pick.0);
                self.select_data_row(Screen::Icebreakers, row);
                self.info(format!(
                    "Suggestion: '{}' — s for another",
                    sanitize(&pick.1.title, false)
                ));
            }
        }
    }
}
