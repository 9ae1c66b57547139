//! The action form (title, owner, due date, goal) and the follow-up note form, and
//! saving them. An action with nobody owning it, or a due date already past, is asked
//! about before it is saved ([`Outcome::Ask`]).

use super::Actions;
use crate::app::Ctx;
use crate::app::form::{Field, Form, FormKind};
use crate::domain::text::one_line;
use crate::domain::{
    Action, ActionId, ActionInfo, ActionVerdict, CommunityId, Draft, Goal, GoalId, MeetingId,
    Member, MemberId, ValidationErrors,
};
use crate::store::StoreError;

/// Label of the "no goal" choice.
const NO_GOAL: &str = "none";
/// Label of the "nobody" owner.
const NOBODY: &str = "nobody";

/// What saving the action form came to.
#[derive(Debug)]
pub(in crate::app) enum Outcome {
    /// Saved; the message says what.
    Saved(String),
    /// Not saved yet: the question to ask first.
    Ask(String),
    /// Fields to fix.
    Invalid(ValidationErrors),
    /// The store refused or failed; the message says why.
    Failed(String),
}

/// The goal choices: "none", then each goal (and the action's current goal if it is no
/// longer listed), labelled so that no two read the same.
pub(in crate::app) fn goal_choices(
    goals: &[Goal],
    current: Option<GoalId>,
) -> Vec<(Option<GoalId>, String)> {
    let mut out: Vec<(Option<GoalId>, String)> = vec![(None, NO_GOAL.to_string())];
    for g in goals {
        out.push((Some(g.id), one_line(&g.info.title)));
    }
    if let Some(c) = current
        && !goals.iter().any(|g| g.id == c)
    {
        out.push((Some(c), format!("goal {c} (archived)")));
    }
    // Two goals of the same title (or one called "none") get their id added.
    for i in 1..out.len() {
        let clash = out
            .iter()
            .enumerate()
            .any(|(j, (_, l))| j != i && *l == out[i].1);
        if clash && let Some(id) = out[i].0 {
            out[i].1 = format!("{} (#{id})", out[i].1);
        }
    }
    out
}

impl Form {
    /// The action form: what, who, by when, for which goal.
    pub fn action(
        id: Option<ActionId>,
        d: &Draft,
        people: Vec<(Option<MemberId>, String)>,
        goals: Vec<String>,
    ) -> Self {
        let fields = vec![
            Field::text(
                "title",
                "Action",
                "What will be done, in a line",
                d.get("title"),
                false,
            ),
            Field::people(
                "owner",
                "Owner",
                people,
                d.get("owner").parse::<MemberId>().ok(),
            ),
            Field::text(
                "due",
                "Due date",
                "YYYY-MM-DD (optional)",
                d.get("due"),
                false,
            ),
            Field::choice("goal", "Goal", goals, d.get("goal")),
        ];
        let title = if id.is_some() {
            "Edit action"
        } else {
            "New action"
        };
        Self::new(FormKind::Action(id), title.into(), fields)
    }

    /// What happened, after the verdict of a follow-up (optional; Enter saves).
    pub fn action_follow_up(action: ActionId, verdict: ActionVerdict, title: &str) -> Self {
        let fields = vec![Field::text(
            "note",
            "What happened",
            "Optional; Enter saves",
            "",
            false,
        )];
        Self::new(
            FormKind::ActionsFollowUp { action, verdict },
            format!(
                "{} {}: {}",
                verdict.symbol(),
                verdict.label(),
                one_line(title)
            ),
            fields,
        )
    }
}

impl Actions {
    /// `n` / `e`: the action form, new or for `selected`.
    pub(in crate::app) fn open_form(
        &self,
        cx: &mut Ctx,
        selected: Option<&Action>,
        community: Option<CommunityId>,
        members: &[Member],
        goals: &[Goal],
    ) {
        let Some(community) = community else {
            return cx.info("Choose a community first: select one on Communities and press Enter");
        };
        let (id, draft, owner, goal) = match selected {
            Some(a) => {
                let goal = a.info.goal;
                let label = goal_choices(goals, goal)
                    .into_iter()
                    .find(|(g, _)| *g == goal)
                    .map(|(_, l)| l)
                    .unwrap_or_default();
                let d = Draft::new()
                    .with("title", a.info.title.clone())
                    .with(
                        "owner",
                        a.info.owner.map(|m| m.to_string()).unwrap_or_default(),
                    )
                    .with("due", a.info.due.map(|d| d.to_string()).unwrap_or_default())
                    .with("goal", label);
                (Some(a.id), d, a.info.owner, goal)
            }
            None => (None, Draft::new(), None, None),
        };
        let mut people = vec![(None, NOBODY.to_string())];
        people.extend(
            members
                .iter()
                .filter(|m| m.active)
                .map(|m| (Some(m.id), one_line(&m.profile.name))),
        );
        // Someone who left (or a guest) keeps the action until the leader changes it.
        if let Some(o) = owner
            && !people.iter().any(|(id, _)| *id == Some(o))
        {
            people.push((Some(o), self.owner_name(Some(o))));
        }
        let labels = goal_choices(goals, goal)
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        let form = Form::action(id, &draft, people, labels);
        cx.form(match id {
            Some(_) => form,
            None => form.in_community(Some(community)),
        });
    }

    /// The action the form describes, checked.
    fn info_from(
        &self,
        id: Option<ActionId>,
        d: &Draft,
        goals: &[Goal],
    ) -> Result<ActionInfo, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let due = ActionInfo::due_from_draft(d).unwrap_or_else(|e| {
            errs.0.extend(e.0);
            None
        });
        let current = id
            .and_then(|id| self.actions.iter().find(|a| a.id == id))
            .and_then(|a| a.info.goal);
        let goal = match goal_choices(goals, current)
            .into_iter()
            .find(|(_, l)| l == d.get("goal"))
        {
            Some((g, _)) => g,
            None => {
                errs.push("goal", "is no longer there: choose another");
                None
            }
        };
        let info = ActionInfo {
            title: d.get("title").to_string(),
            owner: d.get("owner").parse::<MemberId>().ok(),
            due,
            goal,
        };
        match info.check() {
            Ok(info) => errs.into_result(info),
            Err(e) => {
                errs.0.splice(0..0, e.0);
                Err(errs)
            }
        }
    }

    /// The questioned fields of the form, marked for the leader who went back to it:
    /// nobody owns the action, or its due date is past.
    pub(in crate::app) fn questioned(
        &self,
        kind: &FormKind,
        d: &Draft,
        goals: &[Goal],
        today: chrono::NaiveDate,
    ) -> ValidationErrors {
        let mut marks = ValidationErrors::default();
        let FormKind::Action(id) = *kind else {
            return marks;
        };
        if let Ok(info) = self.info_from(id, d, goals) {
            if info.owner.is_none() {
                marks.push(
                    "owner",
                    "nobody owns it: choose someone (or save and answer y)",
                );
            }
            if info.due.is_some_and(|due| due < today) {
                marks.push(
                    "due",
                    "is already past: choose a later date (or save and answer y)",
                );
            }
        }
        marks
    }

    /// Saves the action form: asks first (unless `confirmed`) when nobody owns the action
    /// or its due date is past.
    pub(in crate::app) fn save(
        &mut self,
        cx: &mut Ctx,
        kind: &FormKind,
        d: &Draft,
        community: Option<CommunityId>,
        goals: &[Goal],
        confirmed: bool,
    ) -> Outcome {
        let FormKind::Action(id) = *kind else {
            return Outcome::Failed("Not saved: this is not the action form".into());
        };
        let info = match self.info_from(id, d, goals) {
            Ok(info) => info,
            Err(e) => return Outcome::Invalid(e),
        };
        let questions = info.questions(cx.today());
        if !confirmed && !questions.is_empty() {
            return Outcome::Ask(format!(
                "Save it though {}? (n: back to the form)",
                questions.join(" and ")
            ));
        }
        let now = cx.now();
        let r = match (id, community) {
            (Some(id), _) => cx
                .store
                .write(|tx| tx.update_action(id, &info, now))
                .map(|()| "Action saved ✓"),
            (None, Some(c)) => cx
                .store
                .write(|tx| tx.insert_action(c, &info, None, now))
                .map(|_| "Action added ✓"),
            (None, None) => return Outcome::Failed("Not saved: choose a community first".into()),
        };
        match r {
            Ok(msg) => {
                cx.changed();
                Outcome::Saved(msg.into())
            }
            Err(StoreError::Invalid(e)) => Outcome::Invalid(e),
            Err(e) => Outcome::Failed(format!("Not saved: {e}")),
        }
    }

    /// After the verdict: the note form.
    pub(in crate::app) fn follow_up_form(
        &self,
        cx: &mut Ctx,
        action: ActionId,
        verdict: ActionVerdict,
    ) {
        let title = self
            .actions
            .iter()
            .find(|a| a.id == action)
            .map_or("", |a| a.info.title.as_str());
        cx.form(Form::action_follow_up(action, verdict, title));
    }

    /// Stores a follow-up given between meetings, or during `meeting` (the community's
    /// live meeting: its minutes list it).
    pub(in crate::app) fn save_follow_up(
        &mut self,
        cx: &mut Ctx,
        action: ActionId,
        verdict: ActionVerdict,
        meeting: Option<MeetingId>,
        d: &Draft,
    ) -> Result<String, StoreError> {
        let now = cx.now();
        cx.store.write(|tx| {
            tx.follow_up_action(action, verdict, d.get("note"), "", meeting, false, now)
        })?;
        cx.changed();
        Ok(format!("Followed up: {}", verdict.label()))
    }
}
