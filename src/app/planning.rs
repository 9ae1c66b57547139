//! Planning meetings: the template chooser, the agenda editor, the icebreaker library
//! and suggestions.

use super::form::{Form, FormKind};
use super::{App, ChoosePurpose, Chooser, Overlay, Screen};
use crate::domain::agenda::{AgendaItem, ItemInfo, ItemKind, TurnSettings};
use crate::domain::icebreaker::{self, Category, Depth, IcebreakerInfo, SuggestFilter};
use crate::domain::meeting::{Meeting, MeetingInfo, next_slot};
use crate::domain::template::Template;
use crate::domain::text::sanitize;
use crate::domain::{Draft, MeetingId, MeetingMode, ValidationErrors};
use crate::store::{MeetingSummary, StoreError};
use chrono::{DateTime, Local, Utc};

/// The meeting open on the Plan screen, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub meeting: Meeting,
    pub items: Vec<AgendaItem>,
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

const MINUTE_STEPS: [Option<u32>; 6] = [None, Some(5), Some(10), Some(15), Some(20), Some(30)];
const EMPTY_AGENDA: &str = "Empty agenda";

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

/// A UTC instant in local time, as the leader reads it.
pub fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local)
        .format("%a %Y-%m-%d %H:%M")
        .to_string()
}

impl App {
    /// The selected upcoming meeting.
    pub fn selected_upcoming(&self) -> Option<&MeetingSummary> {
        self.selected_row(Screen::Meetings)
            .map(|i| &self.upcoming[i])
    }

    /// The selected agenda item on the Plan screen.
    pub fn selected_item(&self) -> Option<&AgendaItem> {
        let plan = self.plan.as_ref()?;
        self.selected_row(Screen::Plan).map(|i| &plan.items[i])
    }

    /// New/Edit on the Meetings, Plan and Icebreakers screens.
    pub(super) fn open_planning_form(&mut self, new: bool) {
        match (self.screen, new) {
            (Screen::Meetings, true) => self.choose_template(),
            (Screen::Meetings, false) => {
                match self.selected_upcoming().map(|m| (m.id, m.status.clone())) {
                    Some((id, status)) if status == "planned" => self.open_plan(id),
                    Some(_) => self.info("This meeting is live; it opens in the live view"),
                    None => self.info("No meeting planned yet: press n to plan one"),
                }
            }
            (Screen::Plan, true) => {
                let Some(plan) = &self.plan else { return };
                let d = Draft::new()
                    .with("kind", ItemKind::OpenDiscussion.label())
                    .with("minutes", "10")
                    .with("recurring", "no");
                self.overlay =
                    Overlay::Form(Box::new(Form::agenda_item(plan.meeting.id, None, &d)));
            }
            (Screen::Plan, false) => {
                let Some(item) = self.selected_item() else {
                    return self.info("The agenda is empty: press a to add an item");
                };
                let mut d = item.info.to_draft();
                item.turns.fill(&mut d);
                let form = Form::agenda_item(item.meeting_id, Some(item.id), &d);

                self.overlay = Overlay::Form(Box::new(form));
            }
            (Screen::Icebreakers, true) => {
                let d = Draft::new()
                    .with("category", Category::GetToKnow.as_str())
                    .with("minutes", "10")
                    .with("remote_friendly", "yes")
                    .with("depth", Depth::Light.as_str());
                self.overlay = Overlay::Form(Box::new(Form::icebreaker(None, &d)));
            }
            (Screen::Icebreakers, false) => match self.selected_icebreaker() {
                Some(i) if !i.is_builtin() => {
                    self.overlay =
                        Overlay::Form(Box::new(Form::icebreaker(Some(i.id), &i.info.to_draft())));
                }
                Some(_) => {
                    self.info("Built-in icebreakers cannot be edited; press n to write your own")
                }
                None => {}
            },
            _ => {}
        }
    }

    fn choose_template(&mut self) {
        if self.community.is_none() {
            return self
                .info("Choose a community first: select one on Communities and press Enter");
        }
        let mut options: Vec<(String, String)> = match self.store.templates() {
            Ok(ts) => ts
                .into_iter()
                .map(|t| {
                    let total: u32 = t.items.iter().map(|i| i.minutes).sum();
                    let kind = if t.builtin { "" } else { " · yours" };
                    (
                        t.name,
                        format!(
                            "{} items · {total}/{} min{kind} · {}",
                            t.items.len(),
                            t.minutes,
                            t.description
                        ),
                    )
                })
                .collect(),
            Err(e) => return self.error(format!("Could not read templates: {e}")),
        };
        options.push((
            EMPTY_AGENDA.into(),
            "Start from nothing and add items yourself".into(),
        ));
        // The learning cycle meeting is the usual choice; it comes second.
        let selected = 1.min(options.len() - 1);
        self.overlay = Overlay::Choose(Chooser {
            title: "Plan a meeting from a template".into(),
            options,
            ids: Vec::new(),
            selected,
            purpose: ChoosePurpose::Template,
        });
    }

    /// Enter in the chooser.
    pub(super) fn choose(&mut self) {
        let Overlay::Choose(c) = std::mem::take(&mut self.overlay) else {
            return;
        };
        let Some((name, _)) = c.options.get(c.selected).cloned() else {
            return;
        };
        if let Some(&id) = c.ids.get(c.selected) {
            return self.choose_live(c.purpose, id);
        }
        match c.purpose {
            ChoosePurpose::Template => {
                let template = (name != EMPTY_AGENDA).then_some(name);
                let minutes = match &template {
                    Some(t) => self.store.template(t).map(|t| t.minutes).unwrap_or(90),
                    None => self
                        .community
                        .as_ref()
                        .map_or(90, |c| c.info.meeting_minutes),
                };
                let title = template.clone().unwrap_or_else(|| "Meeting".into());
                let d = Draft::new()
                    .with("title", title)
                    .with(
                        "when",
                        self.default_slot().format("%Y-%m-%d %H:%M").to_string(),
                    )
                    .with("minutes", minutes.to_string());
                self.overlay = Overlay::Form(Box::new(Form::meeting(None, template, &d)));
            }
            ChoosePurpose::RaiseHand | ChoosePurpose::EditNote | ChoosePurpose::ActionDone => {}
        }
    }

    /// The next meeting slot (see [`next_slot`]).
    fn default_slot(&self) -> chrono::NaiveDateTime {
        let now = self.clock.now().with_timezone(&Local).naive_local();
        let latest = self
            .upcoming
            .iter()
            .chain(self.history.iter())
            .map(|m| m.scheduled_at.with_timezone(&Local).naive_local())
            .max();
        next_slot(
            self.community.as_ref().and_then(|c| c.info.cadence),
            now,
            latest,
        )
    }

    /// Shows `screen` (and the meeting, for the Plan screen) without changing anything:
    /// for read-only callers such as `render`.
    pub fn show_screen(&mut self, screen: Screen, meeting: Option<MeetingId>) {
        match (screen, meeting) {
            (Screen::Live, Some(id)) => {
                if let Ok(l) = self.store.live_meeting(id) {
                    self.live = Some(l);
                }
                self.screen = Screen::Live;
            }
            (_, Some(id)) => self.open_plan(id),
            (_, None) => self.screen = screen,
        }
    }

    /// Opens the Plan screen on a meeting.
    pub(super) fn open_plan(&mut self, id: MeetingId) {
        match (self.store.meeting(id), self.store.agenda(id)) {
            (Ok(meeting), Ok(items)) => {
                self.plan = Some(Plan { meeting, items });
                self.list_mut(Screen::Plan).selected = 0;
                self.screen = Screen::Plan;
            }
            (Err(e), _) | (_, Err(e)) => self.error(format!("Could not open the meeting: {e}")),
        }
    }

    /// Saves the planning forms (meeting, agenda item, template, icebreaker).
    pub(super) fn save_planning_form(
        &mut self,
        kind: &FormKind,
        d: &Draft,
    ) -> Result<String, StoreError> {
        let now = self.clock.now();
        match kind {
            FormKind::Meeting { id, template } => {
                let info = MeetingInfo::from_draft(d)?;
                match id {
                    Some(id) => {
                        self.store.update_meeting(*id, &info)?;
                        Ok(format!("Saved '{}'", info.title))
                    }
                    None => {
                        let c =
                            self.community.as_ref().map(|c| c.id).ok_or_else(|| {
                                StoreError::NotFound("no community chosen".into())
                            })?;
                        let items = match template {
                            Some(t) => self.store.template(t)?.items,
                            None => Vec::new(),
                        };
                        let id = self.store.create_meeting(
                            c,
                            &info,
                            template.as_deref(),
                            &items,
                            now,
                        )?;
                        self.plan = Some(Plan {
                            meeting: self.store.meeting(id)?,
                            items: Vec::new(),
                        });
                        self.list_mut(Screen::Plan).selected = 0;
                        self.screen = Screen::Plan;
                        Ok(format!(
                            "Planned '{}' for {}",
                            info.title,
                            local(info.scheduled_at)
                        ))
                    }
                }
            }
            FormKind::AgendaItem { meeting, item } => {
                let info = ItemInfo::from_draft(d);
                let turns = TurnSettings::from_draft(d);
                let (info, turns) = match (info, turns) {
                    (Ok(i), Ok(t)) => (i, t),
                    (Err(mut a), Err(b)) => {
                        a.0.extend(b.0);
                        return Err(a.into());
                    }
                    (Err(e), _) | (_, Err(e)) => return Err(e.into()),
                };
                match item {
                    Some(id) => self.store.update_agenda_item(*id, &info, &turns)?,
                    None => {
                        self.store.add_agenda_item(*meeting, &info, &turns)?;

                        let n = self.plan.as_ref().map_or(0, |p| p.items.len());
                        self.list_mut(Screen::Plan).selected = n;
                    }
                }
                Ok(format!("Saved '{}' ({} min)", info.title, info.minutes))
            }
            FormKind::Template { meeting } => {
                let mut errs = ValidationErrors::default();
                let name = crate::domain::validate::name(&mut errs, "name", d.get("name"));
                let description = crate::domain::validate::text(
                    &mut errs,
                    "description",
                    d.get("description"),
                    1000,
                );
                let m = self.store.meeting(*meeting)?;
                let items = self
                    .store
                    .agenda(*meeting)?
                    .into_iter()
                    .map(|i| i.info)
                    .collect::<Vec<_>>();
                if items.is_empty() {
                    errs.push(
                        "name",
                        "the agenda is empty; add items before saving it as a template",
                    );
                }
                let t = errs.into_result(Template {
                    name,
                    description,
                    minutes: m.planned_minutes,
                    items,
                    builtin: false,
                })?;
                self.store.save_template(&t, now)?;
                Ok(format!(
                    "Saved template '{}' ({} items)",
                    t.name,
                    t.items.len()
                ))
            }
            FormKind::Icebreaker(id) => {
                let info = IcebreakerInfo::from_draft(d)?;
                match id {
                    Some(id) => self.store.update_icebreaker(*id, &info)?,
                    None => {
                        self.store.insert_icebreaker(&info, now)?;
                    }
                }
                Ok(format!("Saved icebreaker '{}'", info.title))
            }
            _ => Err(StoreError::NotFound("not a planning form".into())),
        }
    }

    pub(super) fn move_item(&mut self, by: i32) {
        let Some(item) = self.selected_item().map(|i| i.id) else {
            return;
        };
        match self.store.move_agenda_item(item, by) {
            Ok(pos) => {
                self.refresh();
                self.list_mut(Screen::Plan).selected = pos as usize - 1;
            }
            Err(e) => self.error(format!("Not moved: {e}")),
        }
    }

    pub(super) fn edit_meeting(&mut self) {
        let Some(plan) = &self.plan else { return };
        let m = &plan.meeting;
        let d = Draft::new()
            .with("title", &m.title)
            .with(
                "when",
                m.scheduled_at
                    .with_timezone(&Local)
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
            )
            .with("minutes", m.planned_minutes.to_string());
        self.overlay = Overlay::Form(Box::new(Form::meeting(Some(m.id), None, &d)));
    }

    pub(super) fn save_as_template(&mut self) {
        let Some(plan) = &self.plan else { return };
        let d = Draft::new().with("name", format!("{} (custom)", plan.meeting.title));
        self.overlay = Overlay::Form(Box::new(Form::template(plan.meeting.id, &d)));
    }

    /// The icebreaker item a pick or suggestion applies to: the selected item if it is an
    /// icebreaker, else the agenda's first icebreaker item.
    fn icebreaker_item(&self) -> Option<&AgendaItem> {
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

    fn meeting_is_remote(&self) -> bool {
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
            LibraryFilterKey::Category => f.category = next_of(&Category::ALL, f.category),
            LibraryFilterKey::Remote => f.remote = !f.remote,
            LibraryFilterKey::Minutes => {
                let i = MINUTE_STEPS
                    .iter()
                    .position(|&m| m == f.max_minutes)
                    .unwrap_or(0);
                f.max_minutes = MINUTE_STEPS[(i + 1) % MINUTE_STEPS.len()];
            }
            LibraryFilterKey::Depth => f.depth = next_of(&Depth::ALL, f.depth),
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
            .set_item_icebreaker(item, Some(ice.0), self.clock.now())
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
                .set_item_icebreaker(item, Some(pick.0), self.clock.now())
            {
                Ok(()) => {
                    self.refresh();
                    if let Some(i) = self
                        .plan
                        .as_ref()
                        .and_then(|p| p.items.iter().position(|x| x.id == item))
                    {
                        self.list_mut(Screen::Plan).selected = i;
                    }
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
                if let Some(i) = self
                    .visible(Screen::Icebreakers)
                    .iter()
                    .position(|&r| self.icebreakers[r].id == pick.0)
                {
                    self.list_mut(Screen::Icebreakers).selected = i;
                }
                self.info(format!(
                    "Suggestion: '{}' — s for another",
                    sanitize(&pick.1.title, false)
                ));
            }
        }
    }
}
