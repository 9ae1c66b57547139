//! The actions area: every action item of the chosen community (the Actions screen),
//! filtered by owner and status and sorted the way the leader reads them (overdue first),
//! edited and followed up between meetings, with each action's history. The forms are in
//! [`forms`]; what needs other areas (the roster and goals, the chooser, questions) is
//! put together in [`glue`].

mod forms;
mod glue;

use super::{ChoosePurpose, Chooser, Confirm, Ctx, ListState, Overlay, Pending, lists};
use crate::domain::action::sort_for_review;
use crate::domain::note::ActionStatus;
use crate::domain::text::one_line;
use crate::domain::{
    Action, ActionId, ActionUpdate, ActionVerdict, CommunityId, CycleId, Goal, MemberId,
};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::cell::RefCell;
use std::collections::HashMap;

/// Whose actions the list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OwnerFilter {
    #[default]
    Anyone,
    /// Actions nobody owns.
    Nobody,
    Member(MemberId),
}

/// Which actions the list shows, by where they stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, strum::VariantArray)]
pub enum StatusFilter {
    #[default]
    All,
    /// Open, overdue or not.
    Open,
    Overdue,
    Done,
    Dropped,
}

impl StatusFilter {
    /// The words in the title bar.
    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::All => "all",
            StatusFilter::Open => "open",
            StatusFilter::Overdue => "overdue",
            StatusFilter::Done => "done",
            StatusFilter::Dropped => "dropped",
        }
    }

    /// The next filter `s` moves to (round).
    fn next(self) -> Self {
        use strum::VariantArray;
        let all = Self::VARIANTS;
        let i = all.iter().position(|&s| s == self).unwrap_or(0);
        all[(i + 1) % all.len()]
    }

    /// Whether `a` passes, on `today`.
    pub fn lets_through(self, a: &Action, today: NaiveDate) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Open => a.status == ActionStatus::Open,
            StatusFilter::Overdue => a.is_overdue(today),
            StatusFilter::Done => a.status == ActionStatus::Done,
            StatusFilter::Dropped => a.status == ActionStatus::Dropped,
        }
    }
}

/// The community's actions as stored, with the Actions screen's filters and selection.
#[derive(Debug, Default)]
pub struct Actions {
    /// Every action of the community, in creation order (the rows sort them).
    pub actions: Vec<Action>,
    /// Each action's follow-ups, oldest first.
    pub updates: HashMap<ActionId, Vec<ActionUpdate>>,
    /// The name of everyone who owns an action (guests included).
    pub owners: Vec<(MemberId, String)>,
    /// The number of each cycle of the community.
    pub cycles: HashMap<CycleId, u32>,
    pub owner: OwnerFilter,
    pub status: StatusFilter,
    /// Whether the selected action's history shows (Enter).
    pub history: bool,
    pub(in crate::app) list: ListState,
    /// The last rows worked out, with what they were worked out from: a frame asks for
    /// them several times, and sorting a long list each time would be felt at every key.
    /// Emptied whenever the data is re-read.
    rows_cache: RefCell<Option<(RowsKey, Vec<usize>)>>,
}

/// What the rows depend on besides the data.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RowsKey {
    today: NaiveDate,
    filter: String,
    owner: OwnerFilter,
    status: StatusFilter,
    goals: Vec<(crate::domain::GoalId, String)>,
}

impl Actions {
    /// Re-reads the community's actions, follow-ups, owners and cycles; a failure leaves
    /// what is shown as it was.
    pub(in crate::app) fn reload(
        &mut self,
        store: &Store,
        community: Option<CommunityId>,
    ) -> Result<(), StoreError> {
        let Some(c) = community else {
            *self = Self {
                list: std::mem::take(&mut self.list),
                ..Self::default()
            };
            return Ok(());
        };
        let actions = store.actions(c)?;
        let mut updates: HashMap<ActionId, Vec<ActionUpdate>> = HashMap::new();
        for (id, u) in store.community_action_updates(c)? {
            updates.entry(id).or_default().push(u);
        }
        let owners = store.action_owners(c)?;
        let cycles = store
            .cycles(c)?
            .into_iter()
            .map(|cy| (cy.id, cy.number))
            .collect();
        self.rows_cache.replace(None);
        self.actions = actions;
        self.updates = updates;
        self.owners = owners;
        self.cycles = cycles;
        // An owner filter on someone who no longer owns anything shows everyone again.
        if let OwnerFilter::Member(m) = self.owner
            && !self.actions.iter().any(|a| a.info.owner == Some(m))
        {
            self.owner = OwnerFilter::Anyone;
        }
        Ok(())
    }

    /// The name of an action's owner ("nobody" when none).
    pub fn owner_name(&self, owner: Option<MemberId>) -> String {
        match owner {
            None => "nobody".into(),
            Some(id) => self
                .owners
                .iter()
                .find(|(m, _)| *m == id)
                .map_or_else(|| format!("member {id}"), |(_, n)| one_line(n)),
        }
    }

    /// The owner filter in words.
    pub fn owner_label(&self) -> String {
        match self.owner {
            OwnerFilter::Anyone => "anyone".into(),
            OwnerFilter::Nobody => "nobody".into(),
            OwnerFilter::Member(m) => self.owner_name(Some(m)),
        }
    }

    /// Rows (indices into `actions`) the filters let through, overdue first, then open
    /// ones by due date, then closed ones (see [`sort_for_review`]).
    pub fn rows(&self, today: NaiveDate, goals: &[Goal]) -> Vec<usize> {
        let key = RowsKey {
            today,
            filter: self.list.filter.clone(),
            owner: self.owner,
            status: self.status,
            goals: goals.iter().map(|g| (g.id, g.info.title.clone())).collect(),
        };
        if let Some((k, rows)) = &*self.rows_cache.borrow()
            && *k == key
        {
            return rows.clone();
        }
        let rows = self.work_out_rows(today, goals);
        self.rows_cache.replace(Some((key, rows.clone())));
        rows
    }

    fn work_out_rows(&self, today: NaiveDate, goals: &[Goal]) -> Vec<usize> {
        let texts: Vec<String> = self
            .actions
            .iter()
            .map(|a| {
                let goal = a
                    .info
                    .goal
                    .and_then(|g| goals.iter().find(|x| x.id == g))
                    .map_or("", |g| g.info.title.as_str());
                format!(
                    "{} {} {} {}",
                    a.info.title,
                    self.owner_name(a.info.owner),
                    goal,
                    a.standing(today)
                )
            })
            .collect();
        let mut shown: Vec<Action> = lists::matching(&texts, &self.list.filter)
            .into_iter()
            .filter_map(|i| self.actions.get(i))
            .filter(|a| self.status.lets_through(a, today))
            .filter(|a| match self.owner {
                OwnerFilter::Anyone => true,
                OwnerFilter::Nobody => a.info.owner.is_none(),
                OwnerFilter::Member(m) => a.info.owner == Some(m),
            })
            .cloned()
            .collect();
        sort_for_review(&mut shown, today);
        let at: HashMap<ActionId, usize> = self
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id, i))
            .collect();
        shown
            .iter()
            .filter_map(|a| at.get(&a.id).copied())
            .collect()
    }

    /// The selected action.
    pub fn selected(&self, today: NaiveDate, goals: &[Goal]) -> Option<&Action> {
        self.list
            .pick(&self.rows(today, goals))
            .and_then(|i| self.actions.get(i))
    }

    /// `o`: the next owner to show (anyone, each owner by name, nobody, anyone again).
    pub(in crate::app) fn cycle_owner(&mut self, cx: &mut Ctx) {
        let mut owners: Vec<(MemberId, String)> = self
            .owners
            .iter()
            .filter(|(m, _)| self.actions.iter().any(|a| a.info.owner == Some(*m)))
            .cloned()
            .collect();
        owners.sort_by_key(|(_, n)| n.to_lowercase());
        let mut order = vec![OwnerFilter::Anyone];
        order.extend(owners.iter().map(|(m, _)| OwnerFilter::Member(*m)));
        if self.actions.iter().any(|a| a.info.owner.is_none()) {
            order.push(OwnerFilter::Nobody);
        }
        let i = order.iter().position(|&o| o == self.owner).unwrap_or(0);
        self.owner = order[(i + 1) % order.len()];
        self.list.selected = 0;
        cx.info(format!(
            "Showing the actions of {} (o: next owner)",
            self.owner_label()
        ));
    }

    /// `s`: the next status to show.
    pub(in crate::app) fn cycle_status(&mut self, cx: &mut Ctx) {
        self.status = self.status.next();
        self.list.selected = 0;
        cx.info(match self.status {
            StatusFilter::All => "Showing every action (s: next status)".to_string(),
            s => format!("Showing {} actions (s: next status)", s.label()),
        });
    }

    /// Enter: shows or hides the selected action's history.
    pub(in crate::app) fn toggle_history(&mut self, cx: &mut Ctx, has_row: bool) {
        if !has_row {
            return cx.info("No action selected: press n to add one");
        }
        self.history = !self.history;
    }

    /// `u`: asks how the selected action went (one key: 1 done, 2 partly, 3 not done,
    /// 4 dropped); a note follows.
    pub(in crate::app) fn choose_verdict(&mut self, cx: &mut Ctx, action: Option<&Action>) {
        let Some(a) = action else {
            return cx.info("No action to follow up");
        };
        let options = ActionVerdict::ALL
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let what = match v {
                    ActionVerdict::Done => "It is done: the action closes",
                    ActionVerdict::Partly => "Some of it is done: it stays open",
                    ActionVerdict::NotDone => "Nothing yet: it stays open",
                    ActionVerdict::Dropped => "No longer worth doing: the action closes",
                };
                (
                    format!("{}  {} {}", i + 1, v.symbol(), v.label()),
                    what.to_string(),
                )
            })
            .collect();
        cx.open(Overlay::Choose(Chooser {
            title: format!("Follow up: {}", one_line(&a.info.title)),
            options,
            ids: Vec::new(),
            selected: 0,
            purpose: ChoosePurpose::ActionsVerdict(a.id),
        }));
    }

    /// `x`: asks before deleting the selected action.
    pub(in crate::app) fn ask_delete(&mut self, cx: &mut Ctx, action: Option<&Action>) {
        let Some(a) = action else {
            return cx.info("No action to delete");
        };
        let n = self.updates.get(&a.id).map_or(0, Vec::len);
        let follow = match n {
            0 => String::new(),
            1 => " and its follow-up".into(),
            n => format!(" and its {n} follow-ups"),
        };
        cx.open(Overlay::Confirm(Confirm {
            question: format!("Delete the action '{}'{follow}?", one_line(&a.info.title)),
            on_yes: Pending::DeleteAction(a.id),
        }));
    }

    /// Deletes an action (confirmed); one taken as a meeting note is refused by the
    /// store, and the refusal is shown.
    pub(in crate::app) fn delete(&mut self, cx: &mut Ctx, id: ActionId) {
        match cx.store.write(|tx| tx.delete_action(id)) {
            Ok(()) => {
                cx.changed();
                cx.info("Action deleted ✓");
            }
            Err(e) => cx.error(format!("Not deleted: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_filters_go_round() {
        let mut s = StatusFilter::All;
        let mut seen = Vec::new();
        for _ in 0..5 {
            s = s.next();
            seen.push(s);
        }
        assert_eq!(seen.last(), Some(&StatusFilter::All));
        assert_eq!(seen.len(), 5);
        assert!(seen.contains(&StatusFilter::Overdue));
    }
}
