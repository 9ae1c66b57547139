//! A form's draft: which form it is (its kind and target, the key in table
//! `form_draft`) and what its fields hold, as JSON. Kept as the leader types (see
//! `Ctx::keep_form_draft`) and put back when the same form opens again.

use super::{Form, FormKind, Input};
use crate::domain::CommunityId;
use ratatui_textarea::TextArea;
use std::collections::BTreeMap;

fn id_or_new(id: Option<impl std::fmt::Display>) -> String {
    id.map_or_else(|| "new".to_string(), |i| i.to_string())
}

impl FormKind {
    /// A step of the live reflection walk (not the commitment form): Esc leaves the walk
    /// waiting at that step.
    pub(in crate::app) fn is_walk_step(&self) -> bool {
        matches!(
            self,
            Self::LiveCycle(k) if !matches!(k, crate::app::live::LiveCycleForm::Commit { .. })
        )
    }

    /// The draft's key: one draft per form kind and target.
    fn draft_key(&self) -> String {
        match self {
            Self::Community(id) => format!("community:{}", id_or_new(*id)),
            Self::Member(id) => format!("member:{}", id_or_new(*id)),
            Self::Goal(id) => format!("goal:{}", id_or_new(*id)),
            Self::Meeting { id, template } => format!(
                "meeting:{}:{}",
                id_or_new(*id),
                template.as_deref().unwrap_or("")
            ),
            Self::AgendaItem { meeting, item } => {
                format!("agenda_item:{meeting}:{}", id_or_new(*item))
            }
            Self::Template { meeting } => format!("template:{meeting}"),
            Self::Icebreaker(id) => format!("icebreaker:{}", id_or_new(*id)),
            Self::WalkIn { meeting, guest } => format!("walk_in:{meeting}:{guest}"),
            Self::Consent { meeting } => format!("consent:{meeting}"),
            Self::ActionNote {
                meeting, editing, ..
            } => format!("action_owner:{meeting}:{}", id_or_new(*editing)),
            Self::Cycle(id) => format!("cycle:{}", id_or_new(*id)),
            Self::CloseCycle { cycle, .. } => format!("cycle_close:{cycle}"),
            Self::LiveCycle(f) => f.draft_key(),
            Self::Agreements(community) => format!("agreements:{community}"),
            Self::FollowUp {
                meeting, action, ..
            } => format!("follow_up:{meeting}:{action}"),
            Self::Action(id) => format!("action:{}", id_or_new(*id)),
            Self::ActionsFollowUp { action, verdict } => {
                format!("action_follow_up:{action}:{}", verdict.as_str())
            }
        }
    }
}

/// The fields' values by key, as stored.
fn body(form: &Form) -> String {
    let values: BTreeMap<&str, String> = form.fields.iter().map(|f| (f.key, f.value())).collect();
    // A map of strings always serializes.
    serde_json::to_string(&values).unwrap_or_default()
}

impl Form {
    /// A new form in `community` (a new member or goal): its draft belongs there.
    pub(in crate::app) fn in_community(mut self, community: Option<CommunityId>) -> Self {
        self.scope = community;
        self
    }

    /// The key of this form's draft.
    pub fn draft_key(&self) -> String {
        let key = self.kind.draft_key();
        match self.scope {
            Some(c) => format!("{key}@c{c}"),
            None => key,
        }
    }

    /// What to keep: the fields as JSON, or `None` while nothing differs from how the
    /// form opened.
    pub fn draft_body(&self) -> Option<String> {
        let b = body(self);
        (b != self.initial).then_some(b)
    }

    /// The values as they were when the form opened; set once it is built.
    pub(in crate::app) fn remember_initial(&mut self) {
        self.initial = body(self);
    }

    /// Puts a kept draft back into the fields. Returns false if it could not be read.
    pub(in crate::app) fn restore(&mut self, kept: &str) -> bool {
        let Ok(values) = serde_json::from_str::<BTreeMap<String, String>>(kept) else {
            return false;
        };
        for f in &mut self.fields {
            let Some(v) = values.get(f.key) else { continue };
            match &mut f.input {
                Input::Text { area, multiline } => {
                    let mut a = TextArea::new(v.lines().map(str::to_string).collect());
                    if v.is_empty() {
                        a = TextArea::default();
                    }
                    a.set_cursor_line_style(ratatui::style::Style::default());
                    if *multiline {
                        a.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
                    }
                    a.move_cursor(ratatui_textarea::CursorMove::Bottom);
                    a.move_cursor(ratatui_textarea::CursorMove::End);
                    **area = a;
                }
                Input::Choice {
                    options,
                    ids,
                    selected,
                } => {
                    let found = if ids.is_empty() {
                        options.iter().position(|o| o == v)
                    } else {
                        ids.iter()
                            .position(|id| id.map(|i| i.to_string()).unwrap_or_default() == *v)
                    };
                    if let Some(i) = found {
                        *selected = i;
                    }
                }
                Input::Pick { ids, ticked, .. } => {
                    let kept: Vec<&str> = v.split(',').collect();
                    for (id, t) in ids.iter().zip(ticked.iter_mut()) {
                        *t = kept.contains(&id.to_string().as_str());
                    }
                }
            }
        }
        self.refresh_cursor();
        true
    }
}
