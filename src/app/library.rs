//! The library area: the icebreaker library screen and suggestions: filters, picking one
//! for an agenda item, and suggesting one that fits and was not used recently.

use super::form::Form;
use super::{Ctx, ListState, Screen};
use crate::domain::icebreaker::{self, Category, Depth, Icebreaker, IcebreakerInfo, SuggestFilter};
use crate::domain::text::sanitize;
use crate::domain::{AgendaItemId, CommunityId, Draft, IcebreakerId, MeetingId};
use crate::store::StoreError;

/// The icebreaker library, with the filters of its screen.
#[derive(Debug, Default)]
pub struct Library {
    pub icebreakers: Vec<Icebreaker>,
    pub filter: LibraryFilter,
    /// The agenda item an icebreaker is being picked for.
    pub pick_for: Option<AgendaItemId>,
    /// That item's timebox, in minutes (a longer icebreaker is warned about).
    pick_minutes: Option<u32>,
    suggest_seed: u64,
    pub(in crate::app) list: ListState,
}

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

/// What a suggestion is for (gathered from the other areas by the dispatcher).
#[derive(Debug, Clone, Copy)]
pub(in crate::app) struct SuggestFor {
    pub community: CommunityId,
    /// The meeting being planned, whose own icebreakers do not count as recently used.
    pub meeting: Option<MeetingId>,
    /// Suggesting on the Plan screen (for its icebreaker item) rather than in the library.
    pub on_plan: bool,
    /// The plan's icebreaker item and its minutes, if it has one.
    pub item: Option<(AgendaItemId, u32)>,
    /// Active members of the community.
    pub group: u32,
    /// Whether the community meets remotely.
    pub remote: bool,
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

impl Library {
    /// Reads the library (it changes only through this area's form).
    pub(in crate::app) fn load(&mut self, cx: &mut Ctx) {
        match cx.store.icebreakers() {
            Ok(all) => self.icebreakers = all,
            Err(e) => cx.error(format!("Could not read the icebreaker library: {e}")),
        }
    }

    /// Rows the library's filters and search text let through.
    pub fn rows(&self) -> Vec<usize> {
        let lib = self.filter.to_suggest(&self.list.filter);
        self.icebreakers
            .iter()
            .enumerate()
            .filter(|(_, i)| lib.accepts(&i.info))
            .map(|(k, _)| k)
            .collect()
    }

    /// The icebreaker selected in the library.
    pub fn selected_icebreaker(&self) -> Option<&Icebreaker> {
        let i = self.list.pick(&self.rows())?;
        self.icebreakers.get(i)
    }

    /// Opens the library screen; with `pick_for`, to pick an icebreaker for that agenda
    /// item (showing any length, and remote-friendly ones if the community is `remote`).
    pub(in crate::app) fn open(
        &mut self,
        cx: &mut Ctx,
        pick_for: Option<(AgendaItemId, u32)>,
        remote: bool,
    ) {
        self.pick_for = pick_for.map(|p| p.0);
        self.pick_minutes = pick_for.map(|p| p.1);
        if pick_for.is_some() {
            self.filter.max_minutes = None;
            self.filter.remote = remote;
        }
        cx.screen = Screen::Icebreakers;
        let n = self.rows().len();
        self.list.clamp(n);
    }

    /// Leaving the library: no item is being picked for any more.
    pub(in crate::app) fn stop_picking(&mut self) {
        self.pick_for = None;
        self.pick_minutes = None;
    }

    pub(in crate::app) fn cycle_filter(&mut self, key: LibraryFilterKey) {
        let f = &mut self.filter;
        match key {
            LibraryFilterKey::Category => f.category = next_of(Category::ALL, f.category),
            LibraryFilterKey::Remote => f.remote = !f.remote,
            LibraryFilterKey::Minutes => {
                let i = MINUTE_STEPS
                    .iter()
                    .position(|&m| m == f.max_minutes)
                    // Every value the key sets is a step; anything else starts over.
                    .unwrap_or(0);
                f.max_minutes = MINUTE_STEPS[(i + 1) % MINUTE_STEPS.len()];
            }
            LibraryFilterKey::Depth => f.depth = next_of(Depth::ALL, f.depth),
        }
        let n = self.rows().len();
        self.list.clamp(n);
    }

    /// Enter in the library: put the selected icebreaker on the item being planned.
    pub(in crate::app) fn use_selected(&mut self, cx: &mut Ctx) {
        let Some((id, title, minutes)) = self
            .selected_icebreaker()
            .map(|i| (i.id, i.info.title.clone(), i.info.minutes))
        else {
            return;
        };
        let Some(item) = self.pick_for else {
            return cx.info("To use one, open a meeting plan and press i");
        };
        let now = cx.now();
        match cx
            .store
            .write(|tx| tx.set_item_icebreaker(item, Some(id), now))
        {
            Ok(()) => {
                self.pick_for = None;
                cx.screen = Screen::Plan;
                cx.changed();
                let title = sanitize(&title, false);
                match self.pick_minutes.take() {
                    Some(slot) if minutes > slot => cx.error(format!(
                        "'{title}' is on the agenda, but ⚠ it takes {minutes} min and its item has {slot}: lengthen the item (e) or pick a shorter one"
                    )),
                    _ => cx.info(format!("'{title}' is on the agenda ✓")),
                }
            }
            Err(e) => cx.error(format!("Not changed: {e}")),
        }
    }

    /// Suggests an icebreaker that fits and was not used in the last meetings: on the Plan
    /// screen it goes straight onto the icebreaker item (whose id is returned, for the plan
    /// to re-read); in the library it is selected.
    pub(in crate::app) fn suggest(
        &mut self,
        cx: &mut Ctx,
        to: &SuggestFor,
    ) -> Option<AgendaItemId> {
        self.suggest_seed = self.suggest_seed.wrapping_add(1);
        let seed = (cx.now().timestamp_millis() as u64)
            .wrapping_add(self.suggest_seed.wrapping_mul(0x9E37_79B9));
        let recent = match cx.store.recently_used_icebreakers(
            to.community,
            icebreaker::REPEAT_WINDOW,
            to.meeting,
        ) {
            Ok(r) => r,
            Err(e) => {
                cx.error(format!("Could not read icebreaker history: {e}"));
                return None;
            }
        };
        let group = (to.group > 0).then_some(to.group);
        let (filter, item) = if to.on_plan {
            let Some((item, minutes)) = to.item else {
                cx.info(
                    "This agenda has no icebreaker item: press a and choose the kind 'icebreaker'",
                );
                return None;
            };
            let f = SuggestFilter {
                max_minutes: Some(minutes),
                group_size: group,
                remote: to.remote,
                ..Default::default()
            };
            (f, Some(item))
        } else {
            let mut f = self.filter.to_suggest(&self.list.filter);
            f.group_size = group;
            (f, None)
        };
        let Some((id, info)) = icebreaker::suggest(&self.icebreakers, &recent, &filter, seed)
            .map(|i| (i.id, i.info.clone()))
        else {
            cx.info("Nothing fits that was not used in the last 10 meetings; loosen the filters or lengthen the slot");
            return None;
        };
        let now = cx.now();
        match item {
            Some(item) => match cx
                .store
                .write(|tx| tx.set_item_icebreaker(item, Some(id), now))
            {
                Ok(()) => {
                    cx.info(format!(
                        "Suggested '{}' ({} min, {}) ✓ — s for another",
                        sanitize(&info.title, false),
                        info.minutes,
                        info.category.as_str()
                    ));
                    Some(item)
                }
                Err(e) => {
                    cx.error(format!("Not changed: {e}"));
                    None
                }
            },
            None => {
                let row = self.icebreakers.iter().position(|i| i.id == id);
                let rows = self.rows();
                self.list.select_data_row(&rows, row);
                cx.info(format!(
                    "Suggestion: '{}' — s for another",
                    sanitize(&info.title, false)
                ));
                None
            }
        }
    }

    /// New or Edit in the library: only the leader's own icebreakers can be edited.
    pub(in crate::app) fn icebreaker_form(&self, cx: &mut Ctx, new: bool) {
        if new {
            let d = Draft::new()
                .with("category", Category::GetToKnow.as_str())
                .with("minutes", "10")
                .with("remote_friendly", "yes")
                .with("depth", Depth::Light.as_str());
            return cx.form(Form::icebreaker(None, &d));
        }
        match self.selected_icebreaker() {
            Some(i) if !i.is_builtin() => cx.form(Form::icebreaker(Some(i.id), &i.info.to_draft())),
            Some(_) => cx.info("Built-in icebreakers cannot be edited; press n to write your own"),
            None => {}
        }
    }

    /// Saves the icebreaker form.
    pub(in crate::app) fn save_form(
        &mut self,
        cx: &mut Ctx,
        id: Option<IcebreakerId>,
        d: &Draft,
    ) -> Result<String, StoreError> {
        let info = IcebreakerInfo::from_draft(d)?;
        match id {
            Some(id) => cx.store.write(|tx| tx.update_icebreaker(id, &info))?,
            None => {
                let now = cx.now();
                cx.store.write(|tx| tx.insert_icebreaker(&info, now))?;
            }
        }
        // The library only changes here, so it is only re-read here.
        self.icebreakers = cx.store.icebreakers()?;
        Ok(format!("Saved icebreaker '{}'", info.title))
    }
}
