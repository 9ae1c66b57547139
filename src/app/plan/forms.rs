//! Planning forms: the template chooser, a meeting's details, agenda items, and saving
//! an agenda as a template.

use super::{Plan, Planner, load_plan};
use crate::app::form::{Form, FormKind};
use crate::app::{ChoosePurpose, Chooser, Ctx, Overlay, Screen};
use crate::domain::agenda::{ItemInfo, ItemKind, TurnSettings};
use crate::domain::meeting::MeetingInfo;
use crate::domain::template::Template;
use crate::domain::text::sanitize;
use crate::domain::{CommunityId, Draft, ValidationErrors};
use crate::store::StoreError;
use chrono::Local;

/// The chooser's last option: a meeting without a template.
const EMPTY_AGENDA: &str = "Empty agenda";

impl Planner {
    /// `n` on Meetings: choose a template to plan from. The settings' template for
    /// `community` is preselected (one that is not there is said, and the usual one is).
    pub(in crate::app) fn choose_template(&self, cx: &mut Ctx, community: Option<&str>) {
        let mut options: Vec<(String, String)> = match cx.store.templates() {
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
            Err(e) => return cx.error(format!("Could not read templates: {e}")),
        };
        options.push((
            EMPTY_AGENDA.into(),
            "Start from nothing and add items yourself".into(),
        ));
        // The learning cycle meeting is the usual choice; it comes second.
        let mut selected = 1.min(options.len() - 1);
        let wanted = community.and_then(|c| cx.settings.template_for(c));
        if let Some(wanted) = wanted {
            let lower = wanted.to_lowercase();
            match options.iter().position(|(name, _)| name.to_lowercase() == lower) {
                Some(i) => selected = i,
                None => cx.error(format!(
                    "The settings' template for this community, '{}', is not a template; the usual one is chosen",
                    sanitize(wanted, false)
                )),
            }
        }
        cx.open(Overlay::Choose(Chooser {
            title: "Plan a meeting from a template".into(),
            options,
            ids: Vec::new(),
            selected,
            purpose: ChoosePurpose::Template,
        }));
    }

    /// The meeting form for a new meeting from the chosen template (or none), in the
    /// next `slot`, as long as the community's meetings (else the template, else the
    /// settings' length).
    pub(in crate::app) fn new_meeting_form(
        &self,
        cx: &mut Ctx,
        chosen: &str,
        community_minutes: Option<u32>,
        slot: chrono::NaiveDateTime,
    ) {
        let template = (chosen != EMPTY_AGENDA).then(|| chosen.to_string());
        let minutes = match &template {
            // The community's length where it has one (its logistics say how long its
            // meetings run); the template's only without a community.
            Some(t) => match cx.store.template(t) {
                Ok(t) => community_minutes.unwrap_or(t.minutes),
                Err(e) => return cx.error(format!("Could not read the template: {e}")),
            },
            // No community length either: the settings' (90 minutes unless changed).
            None => community_minutes.unwrap_or(cx.settings.meeting_minutes.value),
        };
        // Without a template, a plain title to overwrite.
        let title = template.as_deref().unwrap_or("Meeting").to_string();
        let d = Draft::new()
            .with("title", title)
            .with("when", slot.format("%Y-%m-%d %H:%M").to_string())
            .with("minutes", minutes.to_string());
        cx.form(Form::meeting(None, template, &d));
    }

    /// New (add) or Edit on the Plan screen: an agenda item's form.
    pub(in crate::app) fn item_form(&self, cx: &mut Ctx, new: bool) {
        if new {
            let Some(plan) = &self.plan else { return };
            let mut d = Draft::new()
                .with("kind", ItemKind::OpenDiscussion.label())
                .with("minutes", "10")
                .with("recurring", "no");
            // A turn length from the settings file is written in; the built-in one is
            // left implicit (the item then follows the default).
            let turn = &cx.settings.turn_seconds;
            if turn.source != crate::settings::Source::Default {
                TurnSettings {
                    order: None,
                    seconds: Some(turn.value),
                }
                .fill(&mut d);
            }
            return cx.form(Form::agenda_item(plan.meeting.id, None, &d));
        }
        let Some(item) = self.selected_item() else {
            return cx.info("The agenda is empty: press a to add an item");
        };
        let mut d = item.info.to_draft();
        item.turns.fill(&mut d);
        cx.form(Form::agenda_item(item.meeting_id, Some(item.id), &d));
    }

    /// `m`: the meeting's title, time and length.
    pub(in crate::app) fn edit_meeting(&self, cx: &mut Ctx) {
        let Some(plan) = &self.plan else { return };
        let m = &plan.meeting;
        let d = Draft::new()
            .with("title", &m.title)
            .with("when", local_minute(m.scheduled_at))
            .with("minutes", m.planned_minutes.to_string());
        cx.form(Form::meeting(Some(m.id), None, &d));
    }

    /// `t`: save the agenda as a custom template.
    pub(in crate::app) fn save_as_template(&self, cx: &mut Ctx) {
        let Some(plan) = &self.plan else { return };
        let d = Draft::new().with("name", format!("{} (custom)", plan.meeting.title));
        cx.form(Form::template(plan.meeting.id, &d));
    }

    /// Saves the planning forms (meeting, agenda item, template); a new meeting is planned
    /// for `community` and opens on the Plan screen.
    pub(in crate::app) fn save_form(
        &mut self,
        cx: &mut Ctx,
        kind: &FormKind,
        d: &Draft,
        community: Option<CommunityId>,
    ) -> Result<String, StoreError> {
        let now = cx.now();
        match kind {
            FormKind::Meeting { id: Some(id), .. } => {
                let mut info = MeetingInfo::from_draft(d, &chrono::Local)?;
                // A time left as the form showed it keeps the instant it was: its seconds,
                // and the later of two instants a clock turned back over (the form reads
                // back as the earlier).
                let stored = cx.store.meeting(*id)?.scheduled_at;
                if d.get("when").trim() == local_minute(stored) {
                    info.scheduled_at = stored;
                }
                cx.store.write(|tx| tx.update_meeting(*id, &info))?;
                Ok(format!("Saved '{}'", info.title))
            }
            FormKind::Meeting { id: None, template } => {
                let info = MeetingInfo::from_draft(d, &chrono::Local)?;
                let c =
                    community.ok_or_else(|| StoreError::NotFound("no community chosen".into()))?;
                let items = match template {
                    Some(t) => cx.store.template(t)?.items,
                    None => Vec::new(),
                };
                // The meeting's length is the form's (the community's by default): the
                // agenda's timeboxes are scaled to it, not left over it.
                let (id, scaled) = cx
                    .store
                    .write(|tx| tx.plan_meeting(c, &info, template.as_deref(), &items, now))?;
                self.plan = Some(Plan {
                    meeting: cx.store.meeting(id)?,
                    items: Vec::new(),
                });
                self.list.selected = 0;
                cx.screen = Screen::Plan;
                Ok(format!(
                    "Planned '{}' for {}{}",
                    info.title,
                    cx.dates.date_time(info.scheduled_at),
                    super::scaled_note(scaled, info.planned_minutes)
                ))
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
                    Some(id) => cx
                        .store
                        .write(|tx| tx.update_agenda_item(*id, &info, &turns))?,
                    None => {
                        // In after the selected item, as in any list editor (added last,
                        // then moved up in the same transaction).
                        let up =
                            self.plan
                                .as_ref()
                                .zip(self.selected_item())
                                .and_then(|(p, sel)| {
                                    let at = p.items.iter().position(|i| i.id == sel.id)?;
                                    i32::try_from(p.items.len() - 1 - at).ok()
                                });
                        let id = cx.store.write(|tx| {
                            let id = tx.add_agenda_item(*meeting, &info, &turns)?;
                            if let Some(up) = up.filter(|&n| n > 0) {
                                tx.move_agenda_item(id, -up)?;
                            }
                            Ok::<_, StoreError>(id)
                        })?;
                        self.reload(cx);
                        self.select_item(id);
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
                let plan = load_plan(&cx.store, *meeting)?;
                let items: Vec<ItemInfo> = plan.items.into_iter().map(|i| i.info).collect();
                if items.is_empty() {
                    errs.push(
                        "name",
                        "the agenda is empty; add items before saving it as a template",
                    );
                }
                let t = errs.into_result(Template {
                    name,
                    description,
                    minutes: plan.meeting.planned_minutes,
                    items,
                    builtin: false,
                })?;
                cx.store.write(|tx| tx.save_template(&t, now))?;
                Ok(format!(
                    "Saved template '{}' ({} items)",
                    t.name,
                    t.items.len()
                ))
            }
            FormKind::Community(_)
            | FormKind::Member(_)
            | FormKind::Goal(_)
            | FormKind::Icebreaker(_)
            | FormKind::WalkIn { .. }
            | FormKind::Consent { .. }
            | FormKind::ActionNote { .. }
            | FormKind::Cycle(_)
            | FormKind::CloseCycle { .. }
            | FormKind::LiveCycle(_)
            | FormKind::Agreements(_)
            | FormKind::FollowUp { .. }
            | FormKind::Action(_)
            | FormKind::ActionsFollowUp { .. } => {
                Err(StoreError::NotFound("not a planning form".into()))
            }
        }
    }
}

/// The meeting form's `when`: the local minute of `t`.
fn local_minute(t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}
