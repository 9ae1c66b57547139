//! The learning cycle in the live meeting: the cycle's board during a critical
//! interrogation (`L` links a solution to what it answers), the commitments of an
//! application item (`A`), the working agreements (`w`), and moving the cycle's phase
//! as the meeting reaches its items. The reflection walk (`R`) is in `reflect.rs`.
//!
//! What the screen shows is read from the store after every write (`LiveCycle::load`);
//! only where the walk is and a questioned commitment are kept here.

use super::Live;
use crate::app::{ChoosePurpose, Chooser, Confirm, Ctx, Overlay, Pending};
use crate::domain::agenda::ItemKind;
use crate::domain::cycle::PhaseStep;
use crate::domain::live::LiveMeeting;
use crate::domain::note::NoteKind;
use crate::domain::text::{one_line, sanitize};
use crate::domain::{
    Action, ActionId, AgendaItemId, CommunityId, Cycle, CycleId, Draft, GoalId, Improvement,
    ImprovementId, MeetingId, MemberId, NoteId, Phase,
};
use crate::store::{BoardNote, Store, StoreError};

/// The meeting's learning cycle as the live screen shows it.
#[derive(Debug, Default)]
pub struct LiveCycle {
    /// The meeting's cycle (read while a cycle item is current).
    pub cycle: Option<Cycle>,
    /// Its problems, pitfalls and solutions, oldest first.
    pub board: Vec<BoardNote>,
    /// Its actions, in creation order.
    pub actions: Vec<Action>,
    pub improvements: Vec<Improvement>,
    /// The community's working agreements, while shown (`w`).
    pub agreements: Option<Vec<String>>,
    /// Where the reflection walk is, once it was started in this session.
    pub walk: Option<WalkStep>,
    /// A commitment questioned (no owner, a past due date), waiting for y or n.
    pub(super) questioned: Option<(LiveCycleForm, Draft)>,
    /// The outcome typed for closing, while a skip of phases is being confirmed.
    pub(super) outcome: String,
    /// What opens once the form being saved has closed (the walk's next step, a
    /// question).
    pub(super) next: Option<Overlay>,
    /// The item whose phase was last offered: staying on it (`]` on the last item)
    /// does not ask again.
    offered: Option<AgendaItemId>,
    /// The cycle a meeting's reflection item looks back on, when chosen (`R`'s
    /// question: the last, closed cycle or the meeting's own).
    pub(super) reflecting: Option<(MeetingId, CycleId)>,
    /// The meeting the walk is given in (none when walked from the Cycles screen).
    pub(super) meeting: Option<MeetingId>,
    /// The roster's names, read when the walk starts (an action's owner).
    pub(super) names: std::collections::HashMap<MemberId, String>,
}

/// A step of the reflection walk, in order: each action of the cycle, each goal it
/// serves, the improvements, then closing the cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WalkStep {
    Action(usize),
    Goal(usize),
    Improvements,
    Close,
}

/// The live-cycle forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveCycleForm {
    /// An action committed in an application item; `goals` are the choices offered
    /// (the cycle's first, then the community's), by the label shown.
    Commit {
        meeting: MeetingId,
        community: CommunityId,
        goals: Vec<(GoalId, String)>,
    },
    /// The walk: how an action went (`meeting`: the meeting it is said in, if any).
    Action {
        meeting: Option<MeetingId>,
        action: ActionId,
    },
    /// The walk: the verdict on a goal.
    Goal { cycle: CycleId, goal: GoalId },
    /// The walk: one more improvement.
    Improvement { cycle: CycleId },
    /// The walk: an improvement rewritten (emptied: asked to remove it).
    EditImprovement { cycle: CycleId, id: ImprovementId },
    /// The walk: closing the cycle with its outcome.
    Outcome { cycle: CycleId },
}

impl LiveCycleForm {
    /// The key of the form's draft (see `form/drafts.rs`).
    pub fn draft_key(&self) -> String {
        match self {
            Self::Commit { meeting, .. } => format!("commit:{meeting}"),
            Self::Action { action, .. } => format!("reflect_action:{action}"),
            Self::Goal { cycle, goal } => format!("reflect_goal:{cycle}:{goal}"),
            Self::Improvement { cycle } => format!("improvement:{cycle}"),
            Self::EditImprovement { cycle, id } => format!("improvement:{cycle}:{id}"),
            Self::Outcome { cycle } => format!("outcome:{cycle}"),
        }
    }
}

/// What a live-cycle chooser is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveCycleChoice {
    /// The solution to link (options are note ids).
    Solution,
    /// The problem or pitfall this solution answers (the last option, without an id,
    /// unlinks it).
    Answers(NoteId),
    /// The walk's improvements: add one, remove one, or go on to closing.
    Improvements,
    /// The cycle a reflection item looks back on (options are cycle ids).
    Reflect,
}

/// What a live-cycle question does on yes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveCyclePending {
    /// Save the questioned commitment as it is.
    Commit,
    /// Move the cycle to the phase (a skip is recorded).
    MovePhase(CycleId, Phase),
    /// Close the cycle though phases are skipped.
    Close(CycleId),
    RemoveImprovement(ImprovementId),
    /// The walk judged the goal met: mark it met on Goals too (no keeps its status).
    GoalMet(GoalId),
}

/// The walk's improvements chooser: the row that adds one, and the row that goes on.
pub(super) const ADD_IMPROVEMENT: i64 = -1;
pub(super) const DONE_IMPROVING: i64 = -2;

/// The phase an agenda item moves its cycle to.
fn phase_of(kind: ItemKind) -> Option<Phase> {
    match kind {
        ItemKind::Application => Some(Phase::Application),
        ItemKind::Reflection => Some(Phase::Reflection),
        _ => None,
    }
}

/// Whether the item shows the cycle.
pub fn is_cycle_item(kind: ItemKind) -> bool {
    matches!(
        kind,
        ItemKind::CriticalInterrogation | ItemKind::Application | ItemKind::Reflection
    )
}

/// What a new note starts as, and whom it is about: during a critical interrogation a
/// problem (Tab makes it a pitfall, then a solution) about whoever speaks, by turn or
/// on the open floor (the board says who said what); else a plain note about the
/// speaker of the round.
pub(super) fn note_defaults(l: &LiveMeeting) -> (NoteKind, Option<MemberId>) {
    match l.current_item().map(|i| i.item.info.kind) {
        Some(ItemKind::CriticalInterrogation) => (NoteKind::Problem, l.speaker()),
        _ => (NoteKind::Note, l.current_turn().map(|t| t.member)),
    }
}

impl LiveCycle {
    /// Reads the meeting's cycle while a cycle item is current (and the agreements
    /// while shown). A failed read changes nothing.
    pub(super) fn load(&mut self, store: &Store, l: &LiveMeeting) -> Result<(), StoreError> {
        if self.agreements.is_some() {
            self.agreements = Some(store.agreements(l.meeting.community_id)?);
        }
        let kind = l.current_item().map(|i| i.item.info.kind);
        let wanted = kind.is_some_and(is_cycle_item);
        // A reflection item looks back on the cycle chosen for it (the last one, closed
        // before this meeting's own was opened), else on the meeting's own.
        let id = match self.reflecting {
            Some((m, c)) if m == l.meeting.id && kind == Some(ItemKind::Reflection) => Some(c),
            _ if wanted => store.meeting_cycle(l.meeting.id)?,
            _ => None,
        };
        let Some(id) = id else {
            self.cycle = None;
            self.board.clear();
            self.actions.clear();
            self.improvements.clear();
            return Ok(());
        };
        self.load_cycle(store, id)
    }

    /// Reads cycle `id`: the cycle, its board, actions and improvements (a walk on
    /// another cycle starts again). A failed read changes nothing.
    pub(in crate::app) fn load_cycle(
        &mut self,
        store: &Store,
        id: CycleId,
    ) -> Result<(), StoreError> {
        let cycle = store.cycle(id)?;
        let board = store.board(id)?;
        let actions = store.cycle_actions(id)?;
        let improvements = store.improvements(id)?;
        if self.cycle.as_ref().is_some_and(|c| c.id != id) {
            self.walk = None;
        }
        self.cycle = Some(cycle);
        self.board = board;
        self.actions = actions;
        self.improvements = improvements;
        Ok(())
    }

    /// Present members (not guests) who have no action in this cycle yet.
    pub fn without_commitment<'a>(&self, l: &'a LiveMeeting) -> Vec<&'a str> {
        l.here()
            .into_iter()
            .filter(|a| !a.guest)
            .filter(|a| {
                !self
                    .actions
                    .iter()
                    .any(|x| x.info.owner == Some(a.member.id))
            })
            .map(|a| a.member.profile.name.as_str())
            .collect()
    }
}

/// "Open one on the Cycles tab" — what an item says when the meeting has no cycle.
pub const NO_CYCLE: &str = "This meeting has no open learning cycle: open one on the Cycles tab (6, then n); it joins this meeting";

impl Live {
    /// The meeting's learning cycle, as the live screen shows it.
    pub fn cycle(&self) -> &LiveCycle {
        &self.cycle
    }

    /// Re-reads the cycle (see [`LiveCycle::load`]); failures reach the status line.
    pub(super) fn reload_cycle(&mut self, cx: &mut Ctx) {
        if let Some(l) = &self.meeting
            && let Err(e) = self.cycle.load(&cx.store, l)
        {
            cx.error(format!("Could not read the meeting's learning cycle: {e}"));
        }
    }

    /// The running meeting's current item kind and its loaded cycle, or why not.
    pub(super) fn cycle_item(
        &self,
        cx: &mut Ctx,
        kind: ItemKind,
        key: &str,
    ) -> Option<(MeetingId, Cycle)> {
        let l = self.running()?;
        let current = l.current_item().map(|i| i.item.info.kind);
        if current != Some(kind) {
            let label = kind.label();
            let a = if label.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            cx.info(format!("{key} works during {a} {label} item"));
            return None;
        }
        match &self.cycle.cycle {
            Some(c) => Some((l.meeting.id, c.clone())),
            None => {
                cx.info(NO_CYCLE);
                None
            }
        }
    }

    /// `w`: shows the community's working agreements on the live screen, or hides them.
    pub(in crate::app) fn toggle_agreements(&mut self, cx: &mut Ctx) {
        let Some(community) = self.meeting.as_ref().map(|l| l.meeting.community_id) else {
            return;
        };
        if self.cycle.agreements.take().is_some() {
            return cx.info("Working agreements hidden — w shows them again");
        }
        match cx.store.agreements(community) {
            Ok(list) => {
                let n = list.len();
                self.cycle.agreements = Some(list);
                cx.info(match n {
                    0 => "No working agreements yet (see the panel) — w hides it".to_string(),
                    n => format!("{n} working agreements shown — w hides them"),
                });
            }
            Err(e) => cx.error(format!("Could not read the working agreements: {e}")),
        }
    }

    /// `L`: which solution to link (unlinked first, newest first).
    pub(in crate::app) fn choose_solution(&self, cx: &mut Ctx) {
        let Some((_, _)) = self.cycle_item(cx, ItemKind::CriticalInterrogation, "L") else {
            return;
        };
        let board = &self.cycle.board;
        let mut solutions: Vec<&BoardNote> = board
            .iter()
            .filter(|n| n.kind == NoteKind::Solution)
            .collect();
        if solutions.is_empty() {
            return cx.info("No solution on the board yet: n, Tab to 'solution', Enter");
        }
        solutions.sort_by_key(|n| (n.answers.is_some(), std::cmp::Reverse(n.id)));
        let (options, ids) = solutions
            .iter()
            .map(|n| {
                let answers = n
                    .answers
                    .and_then(|a| board.iter().find(|p| p.id == a))
                    .map_or("not linked yet".to_string(), |p| {
                        format!("answers: {}", head(&p.body))
                    });
                ((head(&n.body), answers), n.id.get())
            })
            .unzip();
        cx.open(Overlay::Choose(Chooser {
            title: "Link which solution?".into(),
            options,
            ids,
            selected: 0,
            purpose: ChoosePurpose::LiveCycle(LiveCycleChoice::Solution),
        }));
    }

    /// A live-cycle chooser's row was chosen (`id` is the row's, if it has one).
    pub(in crate::app) fn cycle_chosen(
        &mut self,
        cx: &mut Ctx,
        purpose: LiveCycleChoice,
        id: Option<i64>,
    ) {
        match (purpose, id) {
            (LiveCycleChoice::Solution, Some(id)) => self.choose_answered(cx, NoteId::new(id)),
            (LiveCycleChoice::Answers(solution), id) => {
                let answers = id.map(NoteId::new);
                let r = cx.store.write(|tx| tx.link_solution(solution, answers));
                let what = answers
                    .and_then(|a| self.cycle.board.iter().find(|n| n.id == a))
                    .map(|n| {
                        format!(
                            "✓ Linked: the solution answers the {} '{}'",
                            n.kind.as_str(),
                            head(&n.body)
                        )
                    });
                self.write(
                    cx,
                    r,
                    Some(what.unwrap_or_else(|| "✓ The solution is not linked now".into())),
                );
            }
            (LiveCycleChoice::Improvements, id) => self.cycle.walk_chosen(cx, id),
            (LiveCycleChoice::Reflect, Some(id)) => self.reflect_on(cx, CycleId::new(id)),
            // Every solution row carries its note's id.
            (LiveCycleChoice::Solution | LiveCycleChoice::Reflect, None) => {}
        }
    }

    /// The problem or pitfall a solution answers: those noted before it, newest first,
    /// then "not linked".
    fn choose_answered(&self, cx: &mut Ctx, solution: NoteId) {
        let (mut options, ids): (Vec<(String, String)>, Vec<i64>) = self
            .cycle
            .board
            .iter()
            .rev()
            .filter(|n| n.id < solution && matches!(n.kind, NoteKind::Problem | NoteKind::Pitfall))
            .map(|n| {
                (
                    (
                        format!("{} · {}", n.kind.as_str(), head(&n.body)),
                        String::new(),
                    ),
                    n.id.get(),
                )
            })
            .unzip();
        if options.is_empty() {
            return cx.info("No problem or pitfall was noted before this solution");
        }
        options.push(("(not linked)".into(), "Takes the link away".into()));
        cx.open(Overlay::Choose(Chooser {
            title: "Which problem or pitfall does it answer?".into(),
            options,
            ids,
            selected: 0,
            purpose: ChoosePurpose::LiveCycle(LiveCycleChoice::Answers(solution)),
        }));
    }

    /// Saves a live-cycle form; what opens next (a walk step, a question) waits in
    /// `next` until the form has closed.
    pub(in crate::app) fn save_cycle_form(
        &mut self,
        cx: &mut Ctx,
        kind: &LiveCycleForm,
        d: &Draft,
    ) -> Result<String, StoreError> {
        match kind {
            LiveCycleForm::Commit { .. } => self.save_commit(cx, kind, d, false),
            LiveCycleForm::Action { .. }
            | LiveCycleForm::Goal { .. }
            | LiveCycleForm::Improvement { .. }
            | LiveCycleForm::EditImprovement { .. }
            | LiveCycleForm::Outcome { .. } => self.cycle.save_step(cx, kind, d),
        }
    }

    /// Yes to a live-cycle question.
    pub(in crate::app) fn cycle_confirmed(&mut self, cx: &mut Ctx, p: LiveCyclePending) {
        let now = cx.now();
        let today = cx.today();
        match p {
            LiveCyclePending::Commit => {
                let Some((kind, d)) = self.cycle.questioned.take() else {
                    return;
                };
                match self.save_commit(cx, &kind, &d, true) {
                    Ok(msg) => cx.info(sanitize(&msg, false)),
                    Err(e) => {
                        cx.error(format!("Not saved — the form is back: {e}"));
                        self.reopen_commit(cx, kind, &d);
                    }
                }
            }
            LiveCyclePending::MovePhase(id, to) => {
                let r = cx
                    .store
                    .write(|tx| tx.set_cycle_phase(id, to, true, "", today, now));
                let msg = match &r {
                    Ok(PhaseStep::Skips(s)) => format!(
                        "✓ The cycle moves to {} (skipped, and recorded: {})",
                        to.label(),
                        s.iter().map(|p| p.label()).collect::<Vec<_>>().join(", ")
                    ),
                    _ => format!("✓ The cycle moves to {}", to.label()),
                };
                cx.changed();
                self.write(cx, r.map(|_| ()), Some(msg));
            }
            LiveCyclePending::Close(_)
            | LiveCyclePending::RemoveImprovement(_)
            | LiveCyclePending::GoalMet(_) => self.cycle.walk_confirmed(cx, p),
        }
    }

    /// No to a live-cycle question.
    pub(in crate::app) fn cycle_declined(&mut self, cx: &mut Ctx, p: LiveCyclePending) {
        match p {
            LiveCyclePending::Commit => {
                if let Some((kind, d)) = self.cycle.questioned.take() {
                    self.reopen_commit(cx, kind, &d);
                    cx.info("Not saved: change the owner or the date, or Esc");
                }
            }
            LiveCyclePending::MovePhase(_, to) => {
                let phase = self.cycle.cycle.as_ref().map_or("", |c| c.phase.label());
                cx.info(format!(
                    "The cycle stays in {phase}; entering this item again offers {} again",
                    to.label()
                ));
            }
            LiveCyclePending::Close(_)
            | LiveCyclePending::RemoveImprovement(_)
            | LiveCyclePending::GoalMet(_) => self.cycle.walk_declined(cx, p),
        }
    }

    /// After the meeting moved to another item: an application or reflection item
    /// offers to move the cycle to its phase (a question, since a phase never goes
    /// back; a skip says so and is recorded).
    pub(in crate::app) fn offer_phase(&mut self, cx: &mut Ctx) {
        let Some((item, kind)) = self
            .running()
            .and_then(LiveMeeting::current_item)
            .map(|i| (i.item.id, i.item.info.kind))
        else {
            return;
        };
        if self.cycle.offered.replace(item) == Some(item) {
            return;
        }
        let Some(to) = phase_of(kind) else {
            return;
        };
        let Some(c) = &self.cycle.cycle else { return };
        // A reflection item looks back on an earlier cycle first when one is closed and
        // not reflected on (R asks which): moving this meeting's own cycle on to
        // reflection is not offered then (review r9b: one reflexive y skipped the new
        // cycle's phases for good).
        if to == Phase::Reflection
            && let Some(community) = self.running().map(|l| l.meeting.community_id)
        {
            let earlier = cx.store.cycles(community).and_then(|cycles| {
                super::reflect::unreflected_closed(cx, &cycles, Some(c.id)).map(|l| l.is_some())
            });
            if earlier.unwrap_or(false) {
                return;
            }
        }
        let question = match c.phase.step_to(to) {
            PhaseStep::Refused => return,
            PhaseStep::InOrder => format!(
                "Cycle {} is in {}. Move it to {} now?",
                c.number,
                c.phase.label(),
                to.label()
            ),
            PhaseStep::Skips(s) => format!(
                "Cycle {} is in {}. Moving it to {} skips {} (the skip is recorded). Move it?",
                c.number,
                c.phase.label(),
                to.label(),
                s.iter()
                    .map(|p| p.label())
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        };
        cx.open(Overlay::Confirm(Confirm {
            question,
            on_yes: Pending::LiveCycle(LiveCyclePending::MovePhase(c.id, to)),
        }));
    }
}

/// The start of a note, on one line.
pub(super) fn head(body: &str) -> String {
    let s = one_line(body);
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}
