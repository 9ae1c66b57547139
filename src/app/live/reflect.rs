//! The reflection walk (`R`, during a reflection item): each action of the cycle (how
//! it went, what happened, what was learned), each goal the cycle serves (a verdict and
//! its evidence), "where can we improve?" (the improvements list), then closing the
//! cycle with its outcome. Each step is saved as it is answered; Esc leaves the walk
//! and `R` resumes it where it was (after a restart: at the first step not answered).

use super::Live;
use super::cycle::{
    ADD_IMPROVEMENT, DONE_IMPROVING, LiveCycleChoice, LiveCycleForm, LiveCyclePending, NO_CYCLE,
    WalkStep, head,
};
use crate::app::form::{Field, Form, FormKind};
use crate::app::{ChoosePurpose, Chooser, Confirm, Ctx, Overlay, Pending};
use crate::domain::agenda::ItemKind;
use crate::domain::cycle::PhaseStep;
use crate::domain::note::ActionStatus;
use crate::domain::text::one_line;
use crate::domain::{
    ActionVerdict, CycleId, Draft, GoalVerdict, ImprovementId, Phase, ValidationErrors,
};
use crate::store::StoreError;

/// The first choice of a verdict: a verdict is said, never assumed.
const CHOOSE: &str = "(choose)";

fn invalid(field: &'static str, msg: &str) -> StoreError {
    let mut e = ValidationErrors::default();
    e.push(field, msg);
    StoreError::Invalid(e)
}

/// Where the walk is, in words: "action 2 of 5", "goal 1 of 2", "improvements",
/// "closing".
pub fn step_label(step: WalkStep, actions: usize, goals: usize) -> String {
    match step {
        WalkStep::Action(i) => format!("action {} of {actions}", i + 1),
        WalkStep::Goal(i) => format!("goal {} of {goals}", i + 1),
        WalkStep::Improvements => "the improvements".into(),
        WalkStep::Close => "closing".into(),
    }
}

impl Live {
    /// `R`: starts the reflection walk, or resumes it where it was.
    pub(in crate::app) fn start_walk(&mut self, cx: &mut Ctx) {
        let Some((_, cycle)) = self.cycle_item(cx, ItemKind::Reflection, "R") else {
            return;
        };
        if !cycle.is_open() {
            return cx.info(format!(
                "Cycle {} is closed; the Cycles tab (6) shows its reflection",
                cycle.number
            ));
        }
        let step = self.cycle.walk.unwrap_or_else(|| self.first_unanswered());
        self.open_step(cx, step);
    }

    /// Where a walk starts after a restart: the first action without a reflection
    /// verdict, else the first goal without one, else the improvements.
    pub fn first_unanswered(&self) -> WalkStep {
        let c = &self.cycle;
        if let Some(i) = c
            .actions
            .iter()
            .position(|a| !a.last_update.as_ref().is_some_and(|u| u.in_reflection))
        {
            return WalkStep::Action(i);
        }
        let goals = c.cycle.as_ref().map_or(&[][..], |c| &c.goals[..]);
        match goals.iter().position(|g| g.verdict.is_none()) {
            Some(i) => WalkStep::Goal(i),
            None => WalkStep::Improvements,
        }
    }

    fn counts(&self) -> (usize, usize) {
        let goals = self.cycle.cycle.as_ref().map_or(0, |c| c.goals.len());
        (self.cycle.actions.len(), goals)
    }

    /// The step after `step`, in the walk's order.
    fn step_after(&self, step: WalkStep) -> WalkStep {
        let (na, ng) = self.counts();
        match step {
            WalkStep::Action(i) if i + 1 < na => WalkStep::Action(i + 1),
            WalkStep::Action(_) if ng > 0 => WalkStep::Goal(0),
            WalkStep::Goal(i) if i + 1 < ng => WalkStep::Goal(i + 1),
            WalkStep::Action(_) | WalkStep::Goal(_) => WalkStep::Improvements,
            WalkStep::Improvements | WalkStep::Close => WalkStep::Close,
        }
    }

    /// Opens the walk at `step` now.
    pub(super) fn open_step(&mut self, cx: &mut Ctx, step: WalkStep) {
        match self.step_overlay(cx, step) {
            Some(Overlay::Form(f)) => cx.form(*f),
            Some(o) => cx.open(o),
            None => {}
        }
    }

    /// The overlay of `step` (a step past the end of its list moves on).
    fn step_overlay(&mut self, cx: &mut Ctx, step: WalkStep) -> Option<Overlay> {
        let Some(cycle) = self.cycle.cycle.clone() else {
            cx.info(NO_CYCLE);
            return None;
        };
        let meeting = self.meeting.as_ref()?;
        let (na, ng) = self.counts();
        let step = match step {
            WalkStep::Action(i) if i >= na => self.step_after(WalkStep::Action(na)),
            WalkStep::Goal(i) if i >= ng => WalkStep::Improvements,
            s => s,
        };
        self.cycle.walk = Some(step);
        let label = step_label(step, na, ng);
        let form = |kind, title: String, fields| {
            Some(Overlay::Form(Box::new(Form::new(
                FormKind::LiveCycle(kind),
                title,
                fields,
            ))))
        };
        match step {
            WalkStep::Action(i) => {
                let a = self.cycle.actions.get(i)?;
                // What the walk said before, else a follow-up (`u`) given earlier in
                // this meeting: its state and note are the answer to start from.
                let said = a
                    .last_update
                    .as_ref()
                    .filter(|u| u.in_reflection || u.meeting == Some(meeting.meeting.id));
                let verdict = said.map(|u| u.verdict.label()).or(match a.status {
                    ActionStatus::Done => Some(ActionVerdict::Done.label()),
                    ActionStatus::Dropped => Some(ActionVerdict::Dropped.label()),
                    ActionStatus::Open => None,
                });
                let mut options = vec![CHOOSE.to_string()];
                options.extend(ActionVerdict::ALL.iter().map(|v| v.label().to_string()));
                let owner = a
                    .info
                    .owner
                    .map_or("nobody".to_string(), |m| one_line(meeting.name(m)));
                let fields = vec![
                    Field::choice("verdict", "How it went", options, verdict.unwrap_or(CHOOSE)),
                    Field::text(
                        "note",
                        "What happened",
                        "In a sentence or two",
                        said.map_or("", |u| u.note.as_str()),
                        true,
                    ),
                    Field::text(
                        "learned",
                        "Learned",
                        "What the group takes from it",
                        said.map_or("", |u| u.learned.as_str()),
                        true,
                    ),
                ];
                let kind = LiveCycleForm::Action {
                    meeting: meeting.meeting.id,
                    action: a.id,
                };
                let title = format!("Reflection · {label}: {} ({owner})", head(&a.info.title));
                form(kind, title, fields)
            }
            WalkStep::Goal(i) => {
                let g = cycle.goals.get(i)?;
                let mut options = vec![CHOOSE.to_string()];
                options.extend(GoalVerdict::ALL.iter().map(|v| v.label().to_string()));
                let fields = vec![
                    Field::choice(
                        "verdict",
                        "Verdict",
                        options,
                        g.verdict.map_or(CHOOSE, |v| v.label()),
                    ),
                    Field::text(
                        "evidence",
                        "Evidence",
                        "What shows it: numbers, stories",
                        &g.evidence,
                        true,
                    ),
                ];
                let kind = LiveCycleForm::Goal {
                    cycle: cycle.id,
                    goal: g.goal,
                };
                form(
                    kind,
                    format!("Reflection · {label}: {}", head(&g.title)),
                    fields,
                )
            }
            WalkStep::Improvements => {
                let mut options = vec![(
                    "+ add an improvement".to_string(),
                    "Type one; Enter saves it".to_string(),
                )];
                let mut ids = vec![ADD_IMPROVEMENT];
                for i in &self.cycle.improvements {
                    options.push((
                        format!("• {}", head(&i.body)),
                        "Enter edits it (emptied: removed)".into(),
                    ));
                    ids.push(i.id.get());
                }
                options.push((
                    "→ on to closing the cycle".into(),
                    "Its outcome, then it closes".into(),
                ));
                ids.push(DONE_IMPROVING);
                Some(Overlay::Choose(Chooser {
                    title: format!(
                        "Where can we improve? ({} so far)",
                        self.cycle.improvements.len()
                    ),
                    options,
                    ids,
                    selected: 0,
                    purpose: ChoosePurpose::LiveCycle(LiveCycleChoice::Improvements),
                }))
            }
            WalkStep::Close => {
                let fields = vec![Field::text(
                    "outcome",
                    "Outcome",
                    "What the cycle achieved",
                    "",
                    true,
                )];
                let title = format!("Reflection · close cycle {}: its outcome", cycle.number);
                form(LiveCycleForm::Outcome { cycle: cycle.id }, title, fields)
            }
        }
    }

    /// The walk's one-line form for another improvement (Enter saves it).
    pub(super) fn improvement_form(&mut self, cx: &mut Ctx) {
        let Some(cycle) = self.cycle.cycle.as_ref().map(|c| c.id) else {
            return cx.info(NO_CYCLE);
        };
        let n = self.cycle.improvements.len();
        let fields = vec![Field::text(
            "body",
            "Improvement",
            "One line: what to do differently next cycle",
            "",
            false,
        )];
        let kind = LiveCycleForm::Improvement { cycle };
        cx.form(Form::new(
            FormKind::LiveCycle(kind),
            format!("Where can we improve? · improvement {}", n + 1),
            fields,
        ));
    }

    /// Enter on an improvement in the walk: its text to rewrite; emptied, the walk asks
    /// to remove it.
    pub(super) fn edit_improvement_form(&mut self, cx: &mut Ctx, id: ImprovementId) {
        let Some(cycle) = self.cycle.cycle.as_ref().map(|c| c.id) else {
            return cx.info(NO_CYCLE);
        };
        let Some(body) = (self.cycle.improvements.iter())
            .find(|i| i.id == id)
            .map(|i| i.body.clone())
        else {
            return;
        };
        let fields = vec![Field::text(
            "body",
            "Improvement",
            "One line; empty it to remove the improvement",
            &body,
            false,
        )];
        let kind = LiveCycleForm::EditImprovement { cycle, id };
        cx.form(Form::new(
            FormKind::LiveCycle(kind),
            "Where can we improve? · edit the improvement".into(),
            fields,
        ));
    }

    /// Saves a step of the walk; the next step opens once the form has closed.
    pub(super) fn save_step(
        &mut self,
        cx: &mut Ctx,
        kind: &LiveCycleForm,
        d: &Draft,
    ) -> Result<String, StoreError> {
        let now = cx.now();
        let (step, msg) = match kind {
            LiveCycleForm::Action { meeting, action } => {
                let verdict = ActionVerdict::ALL
                    .iter()
                    .copied()
                    .find(|v| v.label() == d.get("verdict"))
                    .ok_or_else(|| invalid("verdict", "say how it went (←/→ chooses)"))?;
                cx.store.write(|tx| {
                    tx.follow_up_action(
                        *action,
                        verdict,
                        d.get("note"),
                        d.get("learned"),
                        Some(*meeting),
                        true,
                        now,
                    )
                })?;
                let i = self.cycle.actions.iter().position(|a| a.id == *action);
                let title = i
                    .and_then(|i| self.cycle.actions.get(i))
                    .map(|a| head(&a.info.title))
                    .unwrap_or_default();
                let msg = format!("Saved — {} {}: {title}", verdict.symbol(), verdict.label());
                (WalkStep::Action(i.unwrap_or(0)), msg)
            }
            LiveCycleForm::Goal { cycle, goal } => {
                let verdict = GoalVerdict::ALL
                    .iter()
                    .copied()
                    .find(|v| v.label() == d.get("verdict"))
                    .ok_or_else(|| invalid("verdict", "say whether it was met (←/→ chooses)"))?;
                cx.store
                    .write(|tx| tx.judge_goal(*cycle, *goal, verdict, d.get("evidence"), now))?;
                let goals = self.cycle.cycle.as_ref().map_or(&[][..], |c| &c.goals[..]);
                let i = goals.iter().position(|g| g.goal == *goal).unwrap_or(0);
                let title = goals.get(i).map(|g| head(&g.title)).unwrap_or_default();
                let msg = format!("Saved — {} {}: {title}", verdict.symbol(), verdict.label());
                (WalkStep::Goal(i), msg)
            }
            LiveCycleForm::Improvement { cycle } => {
                cx.store
                    .write(|tx| tx.add_improvement(*cycle, d.get("body"), now))?;
                // Back to the list: another, a removal, or on to closing.
                self.reload(cx);
                self.cycle.next = self.step_overlay(cx, WalkStep::Improvements);
                return Ok("✓ Improvement added".into());
            }
            LiveCycleForm::EditImprovement { id, .. } => {
                let row = self.improvement_row(*id);
                let body = d.get("body").trim().to_string();
                if body.is_empty() {
                    let old = (self.cycle.improvements.iter())
                        .find(|i| i.id == *id)
                        .map(|i| head(&i.body))
                        .unwrap_or_default();
                    self.cycle.next = Some(Overlay::Confirm(Confirm {
                        question: format!("Remove '{old}' from the improvements?"),
                        on_yes: Pending::LiveCycle(LiveCyclePending::RemoveImprovement(*id)),
                    }));
                    return Ok("Emptied: remove it? (n keeps it as it was)".into());
                }
                cx.store.write(|tx| tx.update_improvement(*id, &body))?;
                self.reload(cx);
                let mut next = self.step_overlay(cx, WalkStep::Improvements);
                if let Some(Overlay::Choose(c)) = &mut next {
                    c.selected = row.min(c.options.len().saturating_sub(1));
                }
                self.cycle.next = next;
                return Ok("✓ Improvement changed".into());
            }
            LiveCycleForm::Outcome { cycle } => return self.save_outcome(cx, *cycle, d),
            LiveCycleForm::Commit { .. } => {
                return Err(StoreError::NotFound("not a reflection step".into()));
            }
        };
        self.reload(cx);
        let next = self.step_after(step);
        self.cycle.next = self.step_overlay(cx, next);
        Ok(msg)
    }

    /// The last step: closes the cycle with its outcome; a skip of phases is asked
    /// first.
    fn save_outcome(
        &mut self,
        cx: &mut Ctx,
        cycle: CycleId,
        d: &Draft,
    ) -> Result<String, StoreError> {
        let Some(c) = self.cycle.cycle.as_ref().filter(|c| c.id == cycle) else {
            return Err(StoreError::NotFound(NO_CYCLE.into()));
        };
        match c.phase.step_to(Phase::Closed) {
            PhaseStep::Skips(s) => {
                self.cycle.outcome = d.get("outcome").to_string();
                self.cycle.next = Some(Overlay::Confirm(Confirm {
                    question: format!(
                        "Cycle {} is in {}: closing it skips {} (the skip is recorded). Close it?",
                        c.number,
                        c.phase.label(),
                        s.iter()
                            .map(|p| p.label())
                            .collect::<Vec<_>>()
                            .join(" and ")
                    ),
                    on_yes: Pending::LiveCycle(LiveCyclePending::Close(cycle)),
                }));
                Ok("Not closed yet: answer the question".into())
            }
            PhaseStep::InOrder | PhaseStep::Refused => {
                let (today, now) = (cx.today(), cx.now());
                let outcome = d.get("outcome");
                cx.store.write(|tx| {
                    tx.set_cycle_phase(cycle, Phase::Closed, false, outcome, today, now)
                })?;
                Ok(self.closed(cx))
            }
        }
    }

    /// Closes the cycle once a skip was confirmed.
    pub(super) fn close_cycle(&mut self, cx: &mut Ctx, cycle: CycleId, outcome: &str) {
        let (today, now) = (cx.today(), cx.now());
        match cx
            .store
            .write(|tx| tx.set_cycle_phase(cycle, Phase::Closed, true, outcome, today, now))
        {
            Ok(_) => {
                let msg = self.closed(cx);
                cx.info(msg);
            }
            Err(e) => cx.error(format!("Not closed: {e}")),
        }
    }

    fn closed(&mut self, cx: &mut Ctx) -> String {
        self.cycle.walk = None;
        cx.changed();
        self.reload(cx);
        let n = match self.cycle.improvements.len() {
            1 => "its improvement starts".to_string(),
            n => format!("its {n} improvements start"),
        };
        format!("✓ Cycle closed; {n} the next cycle")
    }

    /// Esc on a step: the walk waits where it is. Esc on adding or editing an
    /// improvement goes back to the improvements list (the step it was opened from).
    pub(in crate::app) fn left_walk(&mut self, cx: &mut Ctx, kind: &FormKind) {
        // The row the list opens on: "+ add an improvement", or the one edited.
        let row = match kind {
            FormKind::LiveCycle(LiveCycleForm::Improvement { .. }) => Some(0),
            FormKind::LiveCycle(LiveCycleForm::EditImprovement { id, .. }) => {
                Some(self.improvement_row(*id))
            }
            _ => None,
        };
        if let Some(row) = row
            && let Some(mut list) = self.step_overlay(cx, WalkStep::Improvements)
        {
            if let Overlay::Choose(c) = &mut list {
                c.selected = row.min(c.options.len().saturating_sub(1));
            }
            cx.open(list);
            return cx.info("Back to the improvements; nothing was changed");
        }
        let (na, ng) = self.counts();
        match self.cycle.walk {
            Some(step) => cx.info(format!(
                "Reflection paused at {} — R resumes it there",
                step_label(step, na, ng)
            )),
            None => cx.info("Cancelled; nothing was changed"),
        }
    }
}
