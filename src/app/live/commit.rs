//! Commitments in an application item (`A`): what will be done, who owns it, by when,
//! for which goal (the cycle's first). An action without an owner or with a due date
//! already past is questioned before it is saved, never silently accepted; `n` to the
//! question brings the form back as typed.

use super::cycle::{LiveCycleForm, LiveCyclePending};
use super::{Live, NOBODY};
use crate::app::form::{Field, Form, FormKind};
use crate::app::{Confirm, Ctx, Overlay, Pending};
use crate::domain::agenda::ItemKind;
use crate::domain::text::{one_line, sanitize};
use crate::domain::{ActionInfo, Cycle, Draft, GoalId, MemberId};
use crate::store::StoreError;
use chrono::Duration;

/// Label of "no goal" in the commitment form.
const NO_GOAL: &str = "(no goal)";

impl Live {
    /// `A`: the form of an action the group commits to (during an application item).
    pub(in crate::app) fn commit_form(&mut self, cx: &mut Ctx) {
        let Some((meeting, cycle)) = self.cycle_item(cx, ItemKind::Application, "A") else {
            return;
        };
        let Some(l) = &self.meeting else { return };
        let community = l.meeting.community_id;
        let mut goals: Vec<(GoalId, String)> = cycle
            .goals
            .iter()
            .map(|g| (g.goal, one_line(&g.title)))
            .collect();
        match cx.store.goals(community) {
            Ok(all) => {
                for g in all {
                    if !goals.iter().any(|(id, _)| *id == g.id) {
                        goals.push((g.id, one_line(&g.info.title)));
                    }
                }
            }
            Err(e) => cx.error(format!(
                "Could not read the community's goals (the cycle's are offered): {e}"
            )),
        }
        let due = (cx.today() + Duration::days(7)).to_string();
        let goal = goals.first().map(|(_, t)| t.clone()).unwrap_or_default();
        let owner = l.speaker().map(|m| m.to_string()).unwrap_or_default();
        let d = Draft::new()
            .with("title", "")
            .with("owner", &owner)
            .with("due", &due)
            .with("goal", &goal);
        let kind = LiveCycleForm::Commit {
            meeting,
            community,
            goals,
        };
        let form = self.commit_form_from(kind, &d, &cycle);
        cx.form(form);
    }

    /// The commitment form holding `d`.
    pub(super) fn commit_form_from(&self, kind: LiveCycleForm, d: &Draft, cycle: &Cycle) -> Form {
        let owners = self.owner_choices(false);
        let mut goal_labels = vec![NO_GOAL.to_string()];
        if let LiveCycleForm::Commit { goals, .. } = &kind {
            goal_labels.extend(goals.iter().map(|(_, t)| t.clone()));
        }
        let fields = vec![
            Field::text(
                "title",
                "Action",
                "What exactly will be done",
                d.get("title"),
                false,
            ),
            Field::people("owner", "Owner", owners, d.get("owner").parse().ok()),
            Field::text(
                "due",
                "Due date",
                "YYYY-MM-DD (empty: none)",
                d.get("due"),
                false,
            ),
            Field::choice("goal", "Goal", goal_labels, d.get("goal")),
        ];
        let title = format!("Commit an action · cycle {}", cycle.number);
        Form::new(FormKind::LiveCycle(kind), title, fields)
    }

    /// Saves a commitment, or (unless `confirmed`) questions one without an owner or
    /// with a due date already past.
    pub(super) fn save_commit(
        &mut self,
        cx: &mut Ctx,
        kind: &LiveCycleForm,
        d: &Draft,
        confirmed: bool,
    ) -> Result<String, StoreError> {
        let LiveCycleForm::Commit {
            meeting,
            community,
            goals,
        } = kind
        else {
            return Err(StoreError::NotFound("not a commitment".into()));
        };
        let due = ActionInfo::due_from_draft(d)?;
        let info = ActionInfo {
            title: d.get("title").to_string(),
            // "" (nobody) is the one value that is not an id.
            owner: d.get("owner").parse::<MemberId>().ok(),
            due,
            goal: goals
                .iter()
                .find(|(_, t)| t == d.get("goal"))
                .map(|(id, _)| *id),
        }
        .check()?;
        let questions = info.questions(cx.today());
        if !questions.is_empty() && !confirmed {
            self.cycle.questioned = Some((kind.clone(), d.clone()));
            self.cycle.next = Some(Overlay::Confirm(Confirm {
                question: format!(
                    "'{}': {}. Save it anyway? (n goes back to the form)",
                    sanitize(&info.title, false),
                    questions.join(" and ")
                ),
                on_yes: Pending::LiveCycle(LiveCyclePending::Commit),
            }));
            return Ok("Not saved yet: answer the question".into());
        }
        let now = cx.now();
        cx.store
            .write(|tx| tx.insert_action(*community, &info, Some(*meeting), now))?;
        self.reload(cx);
        let who = match (info.owner, &self.meeting) {
            (Some(m), Some(l)) => sanitize(l.name(m), false).into_owned(),
            _ => NOBODY.to_string(),
        };
        let due = info.due.map(|d| format!(" by {d}")).unwrap_or_default();
        Ok(format!(
            "✓ Committed: {} — {who}{due}",
            one_line(&info.title)
        ))
    }

    pub(super) fn reopen_commit(&self, cx: &mut Ctx, kind: LiveCycleForm, d: &Draft) {
        if let Some(c) = &self.cycle.cycle {
            let form = self.commit_form_from(kind, d, c);
            cx.form(form);
        }
    }
}
