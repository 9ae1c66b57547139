//! The reflection walk (`R`, during a reflection item): each action of the cycle (how
//! it went, what happened, what was learned), each goal the cycle serves (a verdict and
//! its evidence), "where can we improve?" (the improvements list), then closing the
//! cycle with its outcome. Each step is saved as it is answered; Esc leaves the walk
//! and `R` resumes it where it was (after a restart: at the first step not answered).

use super::Live;
use super::cycle::{
    ADD_IMPROVEMENT, DONE_IMPROVING, LiveCycle, LiveCycleChoice, LiveCycleForm, LiveCyclePending,
    NO_CYCLE, WalkStep, head,
};
use crate::app::form::{Field, Form, FormKind};
use crate::app::{ChoosePurpose, Chooser, Confirm, Ctx, Overlay, Pending};
use crate::domain::agenda::ItemKind;
use crate::domain::cycle::PhaseStep;
use crate::domain::note::ActionStatus;
use crate::domain::text::one_line;
use crate::domain::{
    ActionVerdict, CycleId, Draft, GoalId, GoalStatus, GoalVerdict, ImprovementId, MeetingId,
    Phase, ValidationErrors,
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
    /// `R`: starts the reflection walk, or resumes it where it was. The item looks back
    /// on the last cycle: when the community's newest closed cycle is not reflected on
    /// (a goal not judged, an action not reflected on) and is not the meeting's own,
    /// `R` asks which cycle first (r9 trial F17: it walked the cycle just opened).
    pub(in crate::app) fn start_walk(&mut self, cx: &mut Ctx) {
        let Some(l) = self.running() else { return };
        let (meeting, community) = (l.meeting.id, l.meeting.community_id);
        let on_reflection =
            l.current_item().map(|i| i.item.info.kind) == Some(ItemKind::Reflection);
        if on_reflection && self.cycle.walk.is_none() && self.cycle.reflecting.is_none() {
            match self.last_unreflected(cx, community, meeting) {
                Ok(Some(choice)) => return cx.open(choice),
                Ok(None) => {}
                Err(e) => return cx.error(format!("Could not read the cycles: {e}")),
            }
        }
        let Some((meeting, _)) = self.cycle_item(cx, ItemKind::Reflection, "R") else {
            return;
        };
        self.cycle.start_walk(cx, Some(meeting));
    }

    /// The community's newest closed cycle if it is not reflected on and is not the
    /// meeting's own: with the meeting's own cycle, a chooser of the two; alone, it is
    /// chosen at once (`None` is returned and the walk goes on to it).
    fn last_unreflected(
        &mut self,
        cx: &mut Ctx,
        community: crate::domain::CommunityId,
        meeting: MeetingId,
    ) -> Result<Option<Overlay>, StoreError> {
        let own = cx.store.meeting_cycle(meeting)?;
        let cycles = cx.store.cycles(community)?;
        let Some((last, probe)) = unreflected_closed(cx, &cycles, own)? else {
            return Ok(None);
        };
        let Some(own) = own.and_then(|id| cycles.iter().find(|c| c.id == id)) else {
            self.cycle.reflecting = Some((meeting, last.id));
            self.reload_cycle(cx);
            return Ok(None);
        };
        let mut mine = LiveCycle::default();
        mine.load_cycle(&cx.store, own.id)?;
        let about = |c: &LiveCycle| match c.unanswered() {
            v if v.is_empty() => "reflected on".to_string(),
            v => v.join(", "),
        };
        let options = vec![
            (
                format!(
                    "Cycle {}: {} (closed)",
                    last.number,
                    head(&last.topic.title)
                ),
                about(&probe),
            ),
            (
                format!(
                    "Cycle {}: {} (this meeting's, {})",
                    own.number,
                    head(&own.topic.title),
                    own.phase.label()
                ),
                about(&mine),
            ),
        ];
        Ok(Some(Overlay::Choose(Chooser {
            title: "Reflect on which cycle?".into(),
            options,
            ids: vec![last.id.get(), own.id.get()],
            // The meeting's own cycle, when it is the one in reflection (the usual case),
            // is where Enter lands (review r9b).
            selected: usize::from(own.phase == crate::domain::Phase::Reflection),
            purpose: ChoosePurpose::LiveCycle(LiveCycleChoice::Reflect),
        })))
    }

    /// The cycle chosen for the reflection item: walked now.
    pub(super) fn reflect_on(&mut self, cx: &mut Ctx, cycle: CycleId) {
        let Some(meeting) = self.id() else { return };
        self.cycle.reflecting = Some((meeting, cycle));
        self.reload_cycle(cx);
        self.start_walk(cx);
    }
}

impl LiveCycle {
    /// Starts the reflection walk on the cycle read (`load`, `load_cycle`), or resumes it
    /// where it was; `meeting`: the meeting it is given in (none from the Cycles screen).
    pub(in crate::app) fn start_walk(&mut self, cx: &mut Ctx, meeting: Option<MeetingId>) {
        let Some(cycle) = self.cycle.clone() else {
            return cx.info(NO_CYCLE);
        };
        match cx.store.members(cycle.community_id) {
            Ok(m) => self.names = m.into_iter().map(|m| (m.id, m.profile.name)).collect(),
            Err(e) => return cx.error(format!("Could not read the roster: {e}")),
        }
        self.meeting = meeting;
        let step = self.walk.unwrap_or_else(|| self.first_unanswered());
        self.open_step(cx, step);
    }

    /// Re-reads the walk's cycle after a write; every other area re-reads too.
    fn reread(&mut self, cx: &mut Ctx) {
        cx.changed();
        if let Some(id) = self.cycle.as_ref().map(|c| c.id)
            && let Err(e) = self.load_cycle(&cx.store, id)
        {
            cx.error(format!("Could not read the learning cycle: {e}"));
        }
    }

    /// Where a walk starts after a restart: the first action without a reflection
    /// verdict, else the first goal without one, else the improvements.
    pub fn first_unanswered(&self) -> WalkStep {
        let c = self;
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
        let goals = self.cycle.as_ref().map_or(0, |c| c.goals.len());
        (self.actions.len(), goals)
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
        let Some(cycle) = self.cycle.clone() else {
            cx.info(NO_CYCLE);
            return None;
        };
        let meeting = self.meeting;
        let (na, ng) = self.counts();
        let step = match step {
            WalkStep::Action(i) if i >= na => self.step_after(WalkStep::Action(na)),
            WalkStep::Goal(i) if i >= ng => WalkStep::Improvements,
            s => s,
        };
        self.walk = Some(step);
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
                let a = self.actions.get(i)?;
                // What the walk said before, else a follow-up (`u`) given earlier in
                // this meeting: its state and note are the answer to start from.
                let said = a
                    .last_update
                    .as_ref()
                    .filter(|u| u.in_reflection || (meeting.is_some() && u.meeting == meeting));
                let verdict = said.map(|u| u.verdict.label()).or(match a.status {
                    ActionStatus::Done => Some(ActionVerdict::Done.label()),
                    ActionStatus::Dropped => Some(ActionVerdict::Dropped.label()),
                    ActionStatus::Open => None,
                });
                let mut options = vec![CHOOSE.to_string()];
                options.extend(ActionVerdict::ALL.iter().map(|v| v.label().to_string()));
                let owner = a.info.owner.map_or("nobody".to_string(), |m| {
                    one_line(self.names.get(&m).map_or("?", String::as_str))
                });
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
                    meeting,
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
                for i in &self.improvements {
                    options.push((
                        format!("• {}", head(&i.body)),
                        "Enter edits it (emptied: removed)".into(),
                    ));
                    ids.push(i.id.get());
                }
                options.push(match cycle.is_open() {
                    true => (
                        "→ on to closing the cycle".into(),
                        "Its outcome, then it closes".into(),
                    ),
                    false => ("→ done".into(), "The cycle is closed already".into()),
                });
                ids.push(DONE_IMPROVING);
                Some(Overlay::Choose(Chooser {
                    title: format!("Where can we improve? ({} so far)", self.improvements.len()),
                    options,
                    ids,
                    selected: 0,
                    purpose: ChoosePurpose::LiveCycle(LiveCycleChoice::Improvements),
                }))
            }
            WalkStep::Close if !cycle.is_open() => {
                // A closed cycle reflected on afterwards: it stays closed.
                self.walk = None;
                cx.info(format!(
                    "✓ Reflection on cycle {} saved; it stays closed",
                    cycle.number
                ));
                None
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
        let Some(cycle) = self.cycle.as_ref().map(|c| c.id) else {
            return cx.info(NO_CYCLE);
        };
        let n = self.improvements.len();
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
        let Some(cycle) = self.cycle.as_ref().map(|c| c.id) else {
            return cx.info(NO_CYCLE);
        };
        let Some(body) = (self.improvements.iter())
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
    pub(in crate::app) fn save_step(
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
                        *meeting,
                        true,
                        now,
                    )
                })?;
                let i = self.actions.iter().position(|a| a.id == *action);
                let title = i
                    .and_then(|i| self.actions.get(i))
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
                let goals = self.cycle.as_ref().map_or(&[][..], |c| &c.goals[..]);
                let i = goals.iter().position(|g| g.goal == *goal).unwrap_or(0);
                let title = goals.get(i).map(|g| head(&g.title)).unwrap_or_default();
                let msg = format!("Saved — {} {}: {title}", verdict.symbol(), verdict.label());
                // Met, while Goals still lists it as proposed or active: the goal's
                // status is the leader's to set, so it is asked (the walk goes on after).
                if verdict == GoalVerdict::Met
                    && let Some(status) = self.goal_status(cx, *goal)?
                    && status != GoalStatus::Met
                {
                    self.reread(cx);
                    self.walk = Some(WalkStep::Goal(i));
                    self.next = Some(Overlay::Confirm(Confirm {
                        question: format!(
                            "'{title}' was met. Mark the goal met on Goals too? (it is {} there; n keeps it)",
                            status.as_str()
                        ),
                        on_yes: Pending::LiveCycle(LiveCyclePending::GoalMet(*goal)),
                    }));
                    return Ok(msg);
                }
                (WalkStep::Goal(i), msg)
            }
            LiveCycleForm::Improvement { cycle } => {
                cx.store
                    .write(|tx| tx.add_improvement(*cycle, d.get("body"), now))?;
                // Back to the list: another, a removal, or on to closing.
                self.reread(cx);
                self.next = self.step_overlay(cx, WalkStep::Improvements);
                return Ok("✓ Improvement added".into());
            }
            LiveCycleForm::EditImprovement { id, .. } => {
                let row = self.improvement_row(*id);
                let body = d.get("body").trim().to_string();
                if body.is_empty() {
                    let old = (self.improvements.iter())
                        .find(|i| i.id == *id)
                        .map(|i| head(&i.body))
                        .unwrap_or_default();
                    self.next = Some(Overlay::Confirm(Confirm {
                        question: format!("Remove '{old}' from the improvements?"),
                        on_yes: Pending::LiveCycle(LiveCyclePending::RemoveImprovement(*id)),
                    }));
                    return Ok("Emptied: remove it? (n keeps it as it was)".into());
                }
                cx.store.write(|tx| tx.update_improvement(*id, &body))?;
                self.reread(cx);
                let mut next = self.step_overlay(cx, WalkStep::Improvements);
                if let Some(Overlay::Choose(c)) = &mut next {
                    c.selected = row.min(c.options.len().saturating_sub(1));
                }
                self.next = next;
                return Ok("✓ Improvement changed".into());
            }
            LiveCycleForm::Outcome { cycle } => return self.save_outcome(cx, *cycle, d),
            LiveCycleForm::Commit { .. } => {
                return Err(StoreError::NotFound("not a reflection step".into()));
            }
        };
        self.reread(cx);
        let next = self.step_after(step);
        self.next = self.step_overlay(cx, next);
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
        let Some(c) = self.cycle.as_ref().filter(|c| c.id == cycle) else {
            return Err(StoreError::NotFound(NO_CYCLE.into()));
        };
        match c.phase.step_to(Phase::Closed) {
            PhaseStep::Skips(s) => {
                self.outcome = d.get("outcome").to_string();
                self.next = Some(Overlay::Confirm(Confirm {
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
        self.walk = None;
        self.reread(cx);
        let number = self.cycle.as_ref().map_or(0, |c| c.number);
        format!("✓ {}", self.closed_message(number))
    }

    /// Whether a goal is not judged or an action not reflected on.
    pub(in crate::app) fn unjudged(&self) -> bool {
        let goals = self.cycle.as_ref().map_or(&[][..], |c| &c.goals[..]);
        goals.iter().any(|g| g.verdict.is_none())
            || (self.actions.iter())
                .any(|a| !a.last_update.as_ref().is_some_and(|u| u.in_reflection))
    }

    /// What the walk leaves unanswered, in words ("1 goal not judged", "no
    /// improvements"); empty when the reflection is complete.
    pub(in crate::app) fn unanswered(&self) -> Vec<String> {
        let mut out = Vec::new();
        let goals = self.cycle.as_ref().map_or(&[][..], |c| &c.goals[..]);
        match goals.iter().filter(|g| g.verdict.is_none()).count() {
            0 => {}
            1 => out.push("1 goal not judged".to_string()),
            n => out.push(format!("{n} goals not judged")),
        }
        let unreflected = (self.actions.iter())
            .filter(|a| !a.last_update.as_ref().is_some_and(|u| u.in_reflection))
            .count();
        match unreflected {
            0 => {}
            1 => out.push("1 action not reflected on".to_string()),
            n => out.push(format!("{n} actions not reflected on")),
        }
        if self.improvements.is_empty() {
            out.push("no improvements".to_string());
        }
        out
    }

    /// What closing cycle `number` says, true to what it carries: its improvements
    /// (if any) start the next one, and what was left unanswered is named.
    pub(in crate::app) fn closed_message(&self, number: u32) -> String {
        let carried = match self.improvements.len() {
            0 => "no improvements carried into the next one".to_string(),
            1 => "its improvement starts the next one".to_string(),
            n => format!("its {n} improvements start the next one"),
        };
        let left: Vec<String> = (self.unanswered().into_iter())
            .filter(|s| s != "no improvements")
            .collect();
        match left.is_empty() {
            true => format!("Cycle {number} closed; {carried}"),
            false => format!("Cycle {number} closed; {carried} ({})", left.join(", ")),
        }
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
        match self.walk {
            Some(step) => cx.info(format!(
                "Reflection paused at {} — R resumes it there",
                step_label(step, na, ng)
            )),
            None => cx.info("Cancelled; nothing was changed"),
        }
    }
}

impl LiveCycle {
    /// Called once a saved form has closed: opens what comes next (the walk's next
    /// step, a question).
    pub(in crate::app) fn open_next(&mut self, cx: &mut Ctx) {
        match self.next.take() {
            Some(Overlay::Form(f)) => cx.form(*f),
            Some(o) => cx.open(o),
            None => {}
        }
    }

    /// A row of the walk's improvements chooser (`id`: the row's).
    pub(in crate::app) fn walk_chosen(&mut self, cx: &mut Ctx, id: Option<i64>) {
        match id {
            Some(ADD_IMPROVEMENT) => self.improvement_form(cx),
            Some(DONE_IMPROVING) => self.open_step(cx, WalkStep::Close),
            Some(id) => self.edit_improvement_form(cx, ImprovementId::new(id)),
            None => {}
        }
    }

    /// Yes to a question of the walk (closing though phases are skipped, removing an
    /// improvement).
    pub(in crate::app) fn walk_confirmed(&mut self, cx: &mut Ctx, p: LiveCyclePending) {
        match p {
            LiveCyclePending::Close(id) => {
                let outcome = std::mem::take(&mut self.outcome);
                self.close_cycle(cx, id, &outcome);
            }
            LiveCyclePending::RemoveImprovement(id) => {
                // The cursor stays on the row (now the next one), not back on "+ add".
                let row = self.improvement_row(id);
                match cx.store.write(|tx| tx.delete_improvement(id)) {
                    Ok(()) => cx.info("✓ Improvement removed"),
                    Err(e) => cx.error(format!("Not done: {e}")),
                }
                self.reread(cx);
                self.open_step(cx, WalkStep::Improvements);
                select_row(cx, row);
            }
            LiveCyclePending::GoalMet(goal) => {
                let now = cx.now();
                match cx
                    .store
                    .write(|tx| tx.set_goal_status(goal, GoalStatus::Met, now))
                {
                    Ok(()) => cx.info("✓ The goal is marked met on Goals"),
                    Err(e) => cx.error(format!("Not marked: {e}")),
                }
                cx.changed();
                self.after_goal(cx);
            }
            LiveCyclePending::Commit | LiveCyclePending::MovePhase(..) => {}
        }
    }

    /// A goal's status on Goals, if the goal is still there.
    fn goal_status(&self, cx: &Ctx, goal: GoalId) -> Result<Option<GoalStatus>, StoreError> {
        let Some(community) = self.cycle.as_ref().map(|c| c.community_id) else {
            return Ok(None);
        };
        let goals = cx.store.goals(community)?;
        Ok(goals
            .into_iter()
            .find(|g| g.id == goal)
            .map(|g| g.info.status))
    }

    /// After the question about a met goal: the walk's next step.
    fn after_goal(&mut self, cx: &mut Ctx) {
        let at = self.walk.unwrap_or(WalkStep::Improvements);
        let next = self.step_after(at);
        self.open_step(cx, next);
    }

    /// No to a question of the walk.
    pub(in crate::app) fn walk_declined(&mut self, cx: &mut Ctx, p: LiveCyclePending) {
        match p {
            LiveCyclePending::Close(_) => {
                self.outcome.clear();
                cx.info("The cycle stays open; R comes back to closing it");
            }
            LiveCyclePending::RemoveImprovement(id) => {
                let row = self.improvement_row(id);
                self.open_step(cx, WalkStep::Improvements);
                select_row(cx, row);
            }
            LiveCyclePending::GoalMet(_) => {
                cx.info("The goal keeps its status on Goals; its verdict is saved");
                self.after_goal(cx);
            }
            LiveCyclePending::Commit | LiveCyclePending::MovePhase(..) => {}
        }
    }

    /// The improvements chooser's row of improvement `id` (after "+ add").
    pub(super) fn improvement_row(&self, id: ImprovementId) -> usize {
        self.improvements
            .iter()
            .position(|i| i.id == id)
            .map_or(0, |i| i + 1)
    }
}

/// Puts the chooser's cursor on `row` (the last row if there are fewer).
fn select_row(cx: &mut Ctx, row: usize) {
    if let Overlay::Choose(c) = &mut cx.overlay {
        c.selected = row.min(c.options.len().saturating_sub(1));
    }
}

/// The community's newest closed cycle (of `cycles`, newest first) when it is not the
/// meeting's own (`own`) and is not reflected on yet: what a reflection item looks back
/// on first (r9 trial F17).
pub(super) fn unreflected_closed<'c>(
    cx: &Ctx,
    cycles: &'c [crate::domain::Cycle],
    own: Option<crate::domain::CycleId>,
) -> Result<Option<(&'c crate::domain::Cycle, LiveCycle)>, StoreError> {
    let Some(last) = cycles.iter().find(|c| !c.is_open() && Some(c.id) != own) else {
        return Ok(None);
    };
    let mut probe = LiveCycle::default();
    probe.load_cycle(&cx.store, last.id)?;
    Ok(probe.unjudged().then_some((last, probe)))
}
