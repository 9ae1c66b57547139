//! Planning meetings: the template chooser, the agenda editor, the icebreaker library
//! and suggestions.

use super::form::{Form, FormKind};
use super::{App, ChoosePurpose, Chooser, Overlay, Screen};
use crate::domain::agenda::{AgendaItem, ItemInfo, ItemKind, TurnSettings};
use crate::domain::icebreaker::{Category, Depth, IcebreakerInfo};
use crate::domain::meeting::MeetingStatus;
use crate::domain::meeting::{Meeting, MeetingInfo, next_slot};
use crate::domain::template::Template;
use crate::domain::{AgendaItemId, Draft, MeetingId, ValidationErrors};
use crate::store::{MeetingSummary, StoreError};
use chrono::{DateTime, Local, Utc};

/// The meeting open on the Plan screen, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub meeting: Meeting,
    pub items: Vec<AgendaItem>,
}
const EMPTY_AGENDA: &str = "Empty agenda";

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
            (Screen::Meetings, false) => match self.selected_upcoming().map(|m| (m.id, m.status)) {
                Some((id, MeetingStatus::Planned)) => self.open_plan(id),
                Some(_) => self.info("This meeting is live; it opens in the live view"),
                None => self.info("No meeting planned yet: press n to plan one"),
            },
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
        match load_plan(&self.store, id) {
            Ok(plan) => {
                self.plan = Some(plan);
                self.list_mut(Screen::Plan).selected = 0;
                self.screen = Screen::Plan;
            }
            Err(e) => self.error(format!("Could not open the meeting: {e}")),
        }
    }

    /// Re-reads the open plan from the store (after a change to it).
    pub(super) fn reload_plan(&mut self) {
        if let Some(id) = self.plan.as_ref().map(|p| p.meeting.id) {
            match load_plan(&self.store, id) {
                Ok(plan) => self.plan = Some(plan),
                Err(e) => self.error(format!("Could not read the meeting: {e}")),
            }
        }
    }

    /// Selects an agenda item on the Plan screen by id.
    pub(super) fn select_plan_item(&mut self, item: AgendaItemId) {
        let row = self
            .plan
            .as_ref()
            .and_then(|p| p.items.iter().position(|x| x.id == item));
        self.select_data_row(Screen::Plan, row);
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
                        self.store.write(|tx| tx.update_meeting(*id, &info))?;
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
                        let id = self.store.write(|tx| {
                            tx.create_meeting(c, &info, template.as_deref(), &items, now)
                        })?;
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
                    Some(id) => self
                        .store
                        .write(|tx| tx.update_agenda_item(*id, &info, &turns))?,
                    None => {
                        let id = self
                            .store
                            .write(|tx| tx.add_agenda_item(*meeting, &info, &turns))?;
                        self.reload_plan();
                        self.select_plan_item(id);
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
                self.store.write(|tx| tx.save_template(&t, now))?;
                Ok(format!(
                    "Saved template '{}' ({} items)",
                    t.name,
                    t.items.len()
                ))
            }
            FormKind::Icebreaker(id) => {
                let info = IcebreakerInfo::from_draft(d)?;
                match id {
                    Some(id) => self.store.write(|tx| tx.update_icebreaker(*id, &info))?,
                    None => {
                        self.store.write(|tx| tx.insert_icebreaker(&info, now))?;
                    }
                }
                // The library only changes here, so it is only re-read here.
                self.icebreakers = self.store.icebreakers()?;
                Ok(format!("Saved icebreaker '{}'", info.title))
            }
            _ => Err(StoreError::NotFound("not a planning form".into())),
        }
    }

    pub(super) fn move_item(&mut self, by: i32) {
        let Some(item) = self.selected_item().map(|i| i.id) else {
            return;
        };
        match self.store.write(|tx| tx.move_agenda_item(item, by)) {
            Ok(_) => {
                self.reload_plan();
                self.select_plan_item(item);
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
}

/// A meeting and its agenda, as stored.
pub(super) fn load_plan(store: &crate::store::Store, id: MeetingId) -> Result<Plan, StoreError> {
    Ok(Plan {
        meeting: store.meeting(id)?,
        items: store.agenda(id)?,
    })
}
