//! Changing cycles: opening one (topic and goals), editing the open one, moving it
//! through its phases (a skip asked first and recorded, going back refused), closing it
//! with its outcome.

use super::Cycles;
use crate::app::form::{Field, Form, FormKind};
use crate::app::{ChoosePurpose, Chooser, Confirm, Ctx, Overlay, Pending};
use crate::domain::cycle::{Phase, PhaseStep};
use crate::domain::text::sanitize;
use crate::domain::{CommunityId, Cycle, CycleId, Draft, Goal, GoalId, GoalStatus, Topic};
use crate::store::StoreError;

/// The closing chooser's rows: walk the reflection first, or close now.
const CLOSE_WALK: i64 = 1;
const CLOSE_NOW: i64 = 2;

impl Cycles {
    /// `n`: the form to open a cycle, unless one is open (then the status line says
    /// which, before the leader types anything; short enough for 80 columns, where the
    /// store's refusal also names the topic).
    pub(in crate::app) fn new_form(&self, cx: &mut Ctx, goals: &[Goal]) {
        if let Some(open) = self.open_cycle() {
            return cx.error(format!(
                "Cycle {} is still open ({}): close it before opening another",
                open.number,
                open.phase.label()
            ));
        }
        cx.form(cycle_form(None, &Draft::new(), goals, &[]).in_community(self.community));
    }

    /// `e`: edit the open cycle's topic and goals.
    pub(in crate::app) fn edit_form(&self, cx: &mut Ctx, goals: &[Goal]) {
        let Some(c) = self.current() else {
            return cx.info("No cycles yet: press n to open one");
        };
        if !c.is_open() {
            return cx.info(format!(
                "Cycle {} is closed; only the open cycle is edited",
                c.number
            ));
        }
        let served: Vec<GoalId> = c.goals.iter().map(|g| g.goal).collect();
        cx.form(cycle_form(Some(c.id), &c.topic.to_draft(), goals, &served));
    }

    /// Saves the cycle form or the closing form; the message says what was done.
    pub(in crate::app) fn save_form(
        &mut self,
        cx: &mut Ctx,
        kind: &FormKind,
        draft: &Draft,
        community: Option<CommunityId>,
    ) -> Result<String, StoreError> {
        let (today, now) = (cx.today(), cx.now());
        match kind {
            FormKind::Cycle(id) => {
                let topic = Topic::from_draft(draft)?;
                let goals = goal_ids(draft.get("goals"));
                match id {
                    None => {
                        let c = community
                            .ok_or_else(|| StoreError::NotFound("no community chosen".into()))?;
                        let id = cx
                            .store
                            .write(|tx| tx.open_cycle(c, &topic, &goals, today, now))?;
                        self.after_write(cx, id);
                        let number = self.cycles.iter().find(|r| r.cycle.id == id);
                        Ok(format!(
                            "Opened cycle {} '{}': interrogation first",
                            number.map_or(0, |r| r.cycle.number),
                            topic.title
                        ))
                    }
                    Some(id) => {
                        cx.store.write(|tx| {
                            tx.update_cycle_topic(*id, &topic)?;
                            tx.set_cycle_goals(*id, &goals)
                        })?;
                        self.after_write(cx, *id);
                        Ok(format!("Saved the cycle '{}'", topic.title))
                    }
                }
            }
            FormKind::CloseCycle { cycle, skip } => {
                let outcome = draft.get("outcome");
                cx.store.write(|tx| {
                    tx.set_cycle_phase(*cycle, Phase::Closed, *skip, outcome, today, now)
                })?;
                self.after_write(cx, *cycle);
                // Read again: the message says what the cycle carries and leaves.
                self.walk.load_cycle(&cx.store, *cycle)?;
                Ok(self.walk.closed_message(self.number(*cycle)))
            }
            FormKind::Community(_)
            | FormKind::Member(_)
            | FormKind::Goal(_)
            | FormKind::Meeting { .. }
            | FormKind::AgendaItem { .. }
            | FormKind::Template { .. }
            | FormKind::Icebreaker(_)
            | FormKind::WalkIn { .. }
            | FormKind::Consent { .. }
            | FormKind::ActionNote { .. }
            | FormKind::LiveCycle(_)
            | FormKind::FollowUp { .. }
            | FormKind::Action(_)
            | FormKind::ActionsFollowUp { .. }
            | FormKind::Agreements(_) => Err(StoreError::NotFound("not a cycle form".into())),
        }
    }

    /// `p`: the selected open cycle's next phase; closing asks for the outcome.
    pub(in crate::app) fn next_phase(&mut self, cx: &mut Ctx) {
        let Some(c) = self.current().cloned() else {
            return cx.info("No cycles yet: press n to open one");
        };
        match c.phase.next() {
            None => cx.info(format!("Cycle {} is closed", c.number)),
            Some(to) => self.move_to(cx, &c, to, false),
        }
    }

    /// `P`: a chooser of every phase, the next one selected.
    pub(in crate::app) fn choose_phase(&mut self, cx: &mut Ctx) {
        let Some(c) = self.current() else {
            return cx.info("No cycles yet: press n to open one");
        };
        let options = Phase::ALL
            .iter()
            .map(|&p| {
                let about = match c.phase.step_to(p) {
                    PhaseStep::Refused if p == c.phase => "where it is now".to_string(),
                    PhaseStep::Refused => "earlier: a cycle only moves forward".to_string(),
                    PhaseStep::InOrder => "the next phase".to_string(),
                    PhaseStep::Skips(s) => {
                        let names: Vec<&str> = s.iter().map(|p| p.label()).collect();
                        format!("skips {} (asked first, and recorded)", names.join(" and "))
                    }
                };
                (p.label().to_string(), about)
            })
            .collect();
        let selected = c
            .phase
            .next()
            .and_then(|n| Phase::ALL.iter().position(|&p| p == n))
            .unwrap_or(Phase::ALL.len() - 1);
        cx.open(Overlay::Choose(Chooser {
            title: format!("Move cycle {} to which phase?", c.number),
            options,
            ids: (0..Phase::ALL.len() as i64).collect(),
            selected,
            purpose: ChoosePurpose::CyclePhase(c.id),
        }));
    }

    /// A phase chosen for `cycle` (its index in [`Phase::ALL`]).
    pub(in crate::app) fn phase_chosen(&mut self, cx: &mut Ctx, cycle: CycleId, index: i64) {
        let Some(to) = usize::try_from(index)
            .ok()
            .and_then(|i| Phase::ALL.get(i).copied())
        else {
            return;
        };
        let Some(c) = self.cycles.iter().find(|r| r.cycle.id == cycle) else {
            return cx.error("Not moved: that cycle is no longer there");
        };
        let c = c.cycle.clone();
        self.move_to(cx, &c, to, false);
    }

    /// Moves `c` to `to`: a skip is asked first (unless `confirmed`), closing asks for
    /// the outcome, and going back is left to the store to refuse, in its words.
    pub(in crate::app) fn move_to(&mut self, cx: &mut Ctx, c: &Cycle, to: Phase, confirmed: bool) {
        let step = c.phase.step_to(to);
        if let PhaseStep::Skips(skipped) = &step
            && !confirmed
        {
            let names: Vec<&str> = skipped.iter().map(|p| p.label()).collect();
            return cx.open(Overlay::Confirm(Confirm {
                question: format!(
                    "Move cycle {} from {} to {}, skipping {}? The skip is recorded.",
                    c.number,
                    c.phase.label(),
                    to.label(),
                    names.join(" and ")
                ),
                on_yes: Pending::CyclePhase(c.id, to),
            }));
        }
        let skip = matches!(step, PhaseStep::Skips(_));
        if to == Phase::Closed && step != PhaseStep::Refused {
            return self.ask_close(cx, c, skip);
        }
        let (today, now) = (cx.today(), cx.now());
        match cx
            .store
            .write(|tx| tx.set_cycle_phase(c.id, to, skip, "", today, now))
        {
            Ok(_) => {
                self.after_write(cx, c.id);
                let skipped = match step {
                    PhaseStep::Skips(s) => {
                        let names: Vec<&str> = s.iter().map(|p| p.label()).collect();
                        format!(" (skipped {})", names.join(" and "))
                    }
                    PhaseStep::InOrder | PhaseStep::Refused => String::new(),
                };
                let walk = match to {
                    Phase::Reflection => " — R walks its reflection",
                    _ => "",
                };
                cx.info(format!(
                    "Cycle {} is now in {}{skipped} ✓{walk}",
                    c.number,
                    to.label()
                ));
            }
            Err(e) => cx.error(format!("Not moved: {}", sanitize(&e.to_string(), false))),
        }
    }

    /// Closing `c`: with its reflection not done (a goal not judged, an action not
    /// reflected on, no improvements), a chooser says what is missing and offers the
    /// walk first (in reflection) or closing now; else the outcome form.
    fn ask_close(&mut self, cx: &mut Ctx, c: &Cycle, skip: bool) {
        if let Err(e) = self.walk.load_cycle(&cx.store, c.id) {
            return cx.error(format!("Could not read the cycle: {e}"));
        }
        let missing = self.walk.unanswered();
        if missing.is_empty() {
            return self.outcome_form(cx, c, skip);
        }
        let mut options = Vec::new();
        let mut ids = Vec::new();
        if c.phase == Phase::Reflection {
            options.push((
                "Reflect first".to_string(),
                "Verdicts, improvements, then the outcome (as R)".to_string(),
            ));
            ids.push(CLOSE_WALK);
        }
        options.push((
            "Close it now".to_string(),
            format!("Leaves {}", missing.join(", ")),
        ));
        ids.push(CLOSE_NOW);
        cx.open(Overlay::Choose(Chooser {
            title: format!(
                "Close cycle {}? Not reflected on yet: {}",
                c.number,
                missing.join(", ")
            ),
            options,
            ids,
            selected: 0,
            purpose: ChoosePurpose::CloseCycle(c.id, skip),
        }));
    }

    /// A row of the closing chooser: the walk, or the outcome form.
    pub(in crate::app) fn close_chosen(
        &mut self,
        cx: &mut Ctx,
        cycle: CycleId,
        skip: bool,
        id: Option<i64>,
    ) {
        let Some(c) = self.cycles.iter().find(|r| r.cycle.id == cycle) else {
            return cx.error("Not closed: that cycle is no longer there");
        };
        let c = c.cycle.clone();
        match id {
            Some(CLOSE_WALK) => self.start_walk_of(cx, &c),
            Some(_) => self.outcome_form(cx, &c, skip),
            None => {}
        }
    }

    /// `R`: the reflection walk of the cycle in detail (or selected), when it is in
    /// reflection: each action, each goal's verdict, the improvements, then closing.
    pub(in crate::app) fn start_walk(&mut self, cx: &mut Ctx) {
        let Some(c) = self.current().cloned() else {
            return cx.info("No cycles yet: press n to open one");
        };
        self.start_walk_of(cx, &c);
    }

    fn start_walk_of(&mut self, cx: &mut Ctx, c: &Cycle) {
        match c.phase {
            // A closed cycle can still be reflected on: it stays closed.
            Phase::Reflection | Phase::Closed => {}
            Phase::Interrogation | Phase::Application => {
                return cx.info(format!(
                    "Cycle {} is in {}: p moves it on to reflection, then R walks it",
                    c.number,
                    c.phase.label()
                ));
            }
        }
        if let Err(e) = self.walk.load_cycle(&cx.store, c.id) {
            return cx.error(format!("Could not read the cycle: {e}"));
        }
        self.walk.start_walk(cx, None);
    }

    /// The form that closes `c` with its outcome.
    fn outcome_form(&mut self, cx: &mut Ctx, c: &Cycle, skip: bool) {
        {
            let title = format!("Close cycle {}: what did it achieve?", c.number);
            let form = Form::new(
                FormKind::CloseCycle { cycle: c.id, skip },
                title,
                vec![Field::text(
                    "outcome",
                    "Outcome",
                    "What changed, in a line or a few (may stay empty)",
                    "",
                    true,
                )],
            );
            cx.form(form);
        }
    }

    /// After a write: every area re-reads, and the cycle written stays selected.
    fn after_write(&mut self, cx: &mut Ctx, id: CycleId) {
        cx.changed();
        match self.reload(&cx.store, self.community) {
            Ok(()) => self.select(id),
            Err(e) => cx.error(format!("Could not read the cycles: {e}")),
        }
    }

    fn number(&self, id: CycleId) -> u32 {
        self.cycles
            .iter()
            .find(|r| r.cycle.id == id)
            .map_or(0, |r| r.cycle.number)
    }
}

/// The cycle form: topic (title, source, summary) and the goals it serves. The goals
/// offered are the community's active and proposed ones that are not archived, plus any
/// the cycle already serves.
fn cycle_form(id: Option<CycleId>, d: &Draft, goals: &[Goal], served: &[GoalId]) -> Form {
    let offered: Vec<(i64, String)> = goals
        .iter()
        .filter(|g| {
            served.contains(&g.id)
                || (!g.archived
                    && matches!(g.info.status, GoalStatus::Active | GoalStatus::Proposed))
        })
        .map(|g| {
            (
                g.id.get(),
                format!("{} ({})", g.info.title, g.info.status.as_str()),
            )
        })
        .collect();
    let ticked: Vec<i64> = served.iter().map(|g| g.get()).collect();
    let fields = vec![
        Field::text(
            "title",
            "Topic",
            "The new information: a paper, a guideline, a practice",
            d.get("title"),
            false,
        ),
        Field::text(
            "source",
            "Source or link",
            "Where it comes from (optional)",
            d.get("source"),
            false,
        ),
        Field::text(
            "summary",
            "Summary",
            "What it says, in a few lines (optional)",
            d.get("summary"),
            true,
        ),
        Field::pick(
            "goals",
            "Serves goals",
            "↑/↓ move, Space ticks or unticks a goal the cycle serves",
            offered,
            &ticked,
        ),
    ];
    let title = match id {
        Some(_) => "Edit the open cycle",
        None => "Open a learning cycle",
    };
    Form::new(FormKind::Cycle(id), title.into(), fields)
}

/// The goal ids a draft's `goals` holds ("4,9"); anything else is not an id.
fn goal_ids(s: &str) -> Vec<GoalId> {
    s.split(',')
        .filter_map(|x| x.trim().parse::<i64>().ok())
        .map(GoalId::new)
        .collect()
}

impl Cycles {
    /// `y` to "skip phases?": the move, with the skip recorded.
    pub(in crate::app) fn skip_confirmed(&mut self, cx: &mut Ctx, cycle: CycleId, to: Phase) {
        match self.cycles.iter().find(|r| r.cycle.id == cycle) {
            Some(r) => {
                let c = r.cycle.clone();
                self.move_to(cx, &c, to, true);
            }
            None => cx.error("Not moved: that cycle is no longer there"),
        }
    }
}
