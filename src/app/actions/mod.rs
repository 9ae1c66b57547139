//! The actions area: every action item of the chosen community (the Actions screen),
//! filtered by owner and status and sorted the way the leader reads them (overdue first),
//! edited and followed up between meetings, with each action's history. The forms are in
//! [`forms`]; what needs other areas (the roster and goals, the chooser, questions) is
//! put together in [`glue`].

mod forms;
mod glue;

use super::{ChoosePurpose, Chooser, Confirm, Ctx, ListState, Overlay, Pending, lists};
pub use crate::domain::action::{OwnerFilter, StatusFilter};
use crate::domain::text::one_line;
use crate::domain::{
    Action, ActionId, ActionUpdate, ActionVerdict, CommunityId, CycleId, Goal, MeetingId, MemberId,
};
use crate::store::{ActionsQuery, Store, StoreError};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Rows read at a time: more than a 200x60 terminal shows.
pub const ACTIONS_PAGE: usize = 64;

/// The chosen community's actions the Actions screen has read: the first page when its
/// screen is shown, the next as the selection nears the end of what is read (like
/// History). The store applies the owner and status filters and the order; the text
/// filter is applied to the rows as they are read.
#[derive(Debug, Default)]
pub struct Actions {
    /// The rows read, in the order shown (overdue first, see [`crate::domain::action::sort_for_review`]).
    pub actions: Vec<Action>,
    /// Whether more rows follow those read.
    pub more: bool,
    /// Whether the community has any action at all (the empty list says how to add one).
    pub any: bool,
    /// The follow-ups of the rows read, oldest first.
    pub updates: HashMap<ActionId, Vec<ActionUpdate>>,
    /// The names of the owners of the rows read (guests included).
    pub owners: Vec<(MemberId, String)>,
    /// The number of each cycle of the rows read.
    pub cycles: HashMap<CycleId, u32>,
    /// The title of each meeting the rows read were taken or followed up in (History is
    /// read only while shown, so it cannot name them).
    pub meetings: HashMap<MeetingId, String>,
    pub owner: OwnerFilter,
    pub status: StatusFilter,
    /// Whether the selected action's history shows (Enter).
    pub history: bool,
    pub(in crate::app) list: ListState,
    /// What the rows were read for: read again when any of it changes (the day too, as
    /// what is overdue is judged on the day the list is drawn).
    read_for: Option<ReadFor>,
}

/// What the rows read depend on besides the data.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ReadFor {
    community: CommunityId,
    today: NaiveDate,
    filter: String,
    owner: OwnerFilter,
    status: StatusFilter,
    goals: Vec<(crate::domain::GoalId, String)>,
}

impl Actions {
    fn read_for(&self, community: CommunityId, today: NaiveDate, goals: &[Goal]) -> ReadFor {
        ReadFor {
            community,
            today,
            filter: self.list.filter.clone(),
            owner: self.owner,
            status: self.status,
            goals: goals.iter().map(|g| (g.id, g.info.title.clone())).collect(),
        }
    }

    /// Whether the rows read no longer answer the filters, the day or the goals.
    pub(in crate::app) fn stale(
        &self,
        community: Option<CommunityId>,
        today: NaiveDate,
        goals: &[Goal],
    ) -> bool {
        match community {
            Some(c) => self.read_for.as_ref() != Some(&self.read_for(c, today, goals)),
            None => !self.actions.is_empty(),
        }
    }

    /// Re-reads the community's actions from the top, as many rows as were read before
    /// (at least a page, so a refresh keeps the selection where it was; a page when a
    /// filter or the community changed), with their
    /// follow-ups, owners' names and cycles; a failure leaves what is shown as it was.
    pub(in crate::app) fn reload(
        &mut self,
        store: &Store,
        community: Option<CommunityId>,
        today: NaiveDate,
        goals: &[Goal],
    ) -> Result<(), StoreError> {
        let Some(c) = community else {
            *self = Self {
                list: std::mem::take(&mut self.list),
                ..Self::default()
            };
            return Ok(());
        };
        // An owner filter on someone who no longer owns anything shows everyone again.
        if let OwnerFilter::Member(m) = self.owner
            && !store.owns_actions(c, m)?
        {
            self.owner = OwnerFilter::Anyone;
        }
        let read_for = self.read_for(c, today, goals);
        // Other rows (a filter or the community changed): a page; else as many as before.
        let same_rows = self.read_for.as_ref().is_some_and(|r| {
            (r.community, &r.filter, r.owner, r.status)
                == (c, &read_for.filter, read_for.owner, read_for.status)
        });
        let want = match same_rows {
            true => self.actions.len().max(ACTIONS_PAGE),
            false => ACTIONS_PAGE,
        };
        let (rows, more) = self.read_page(store, &read_for, None, want)?;
        let any = !rows.is_empty() || store.has_actions(c)?;
        self.actions.clear();
        self.updates.clear();
        self.owners.clear();
        self.cycles.clear();
        self.meetings.clear();
        self.add_rows(store, rows)?;
        self.more = more;
        self.any = any;
        self.read_for = Some(read_for);
        Ok(())
    }

    /// Reads the next page when the selection is within half a page of the end of what
    /// is read.
    pub(in crate::app) fn more(&mut self, store: &Store) -> Result<(), StoreError> {
        let near_end = self.list.selected + ACTIONS_PAGE / 2;
        if !self.more || near_end < self.actions.len() {
            return Ok(());
        }
        let (Some(read_for), Some(last)) = (self.read_for.clone(), self.actions.last().cloned())
        else {
            return Ok(());
        };
        let (rows, more) = self.read_page(store, &read_for, Some(&last), ACTIONS_PAGE)?;
        self.add_rows(store, rows)?;
        self.more = more;
        Ok(())
    }

    /// Up to `want` rows after `after`, and whether more follow. The text filter needs
    /// every owner's name; the store is asked for them only then.
    fn read_page(
        &self,
        store: &Store,
        r: &ReadFor,
        after: Option<&Action>,
        want: usize,
    ) -> Result<(Vec<Action>, bool), StoreError> {
        let q = ActionsQuery {
            community: r.community,
            shown: r.status,
            owner: r.owner,
            today: r.today,
        };
        let names: HashMap<MemberId, String> = if r.filter.trim().is_empty() {
            HashMap::new()
        } else {
            store.action_owners(r.community)?.into_iter().collect()
        };
        let mut keep = |a: &Action| {
            if r.filter.trim().is_empty() {
                return true;
            }
            let owner = match a.info.owner {
                None => "nobody".to_string(),
                Some(m) => names
                    .get(&m)
                    .map_or_else(|| format!("member {m}"), |n| one_line(n)),
            };
            let goal = a
                .info
                .goal
                .and_then(|g| r.goals.iter().find(|(id, _)| *id == g))
                .map_or("", |(_, t)| t.as_str());
            let text = format!("{} {owner} {goal} {}", a.info.title, a.standing(r.today));
            !lists::matching(&[text], &r.filter).is_empty()
        };
        // One more than wanted says whether there is more.
        let mut rows = store.actions_page(&q, after, &mut keep, want + 1)?;
        let more = rows.len() > want;
        rows.truncate(want);
        Ok((rows, more))
    }

    /// Adds rows read, with their follow-ups, owners' names and cycles' numbers.
    fn add_rows(&mut self, store: &Store, rows: Vec<Action>) -> Result<(), StoreError> {
        let ids: Vec<ActionId> = rows.iter().map(|a| a.id).collect();
        let updates = store.updates_of_actions(&ids)?;
        let mut owners: Vec<MemberId> = rows.iter().filter_map(|a| a.info.owner).collect();
        owners.retain(|m| !self.owners.iter().any(|(o, _)| o == m));
        owners.sort();
        owners.dedup();
        let names = store.names_of_members(&owners)?;
        let mut cycles: Vec<CycleId> = rows.iter().filter_map(|a| a.cycle).collect();
        cycles.retain(|c| !self.cycles.contains_key(c));
        cycles.sort();
        cycles.dedup();
        let numbers = store.cycle_numbers(&cycles)?;
        let mut meetings: Vec<MeetingId> = rows
            .iter()
            .filter_map(|a| a.meeting)
            .chain(updates.iter().filter_map(|(_, u)| u.meeting))
            .collect();
        meetings.retain(|m| !self.meetings.contains_key(m));
        meetings.sort();
        meetings.dedup();
        let titles = store.meeting_titles(&meetings)?;
        for (id, u) in updates {
            self.updates.entry(id).or_default().push(u);
        }
        self.owners.extend(names);
        self.cycles.extend(numbers);
        self.meetings.extend(titles);
        self.actions.extend(rows);
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

    /// Rows of the list: every row read (the store applied the filters and the order).
    pub fn rows(&self) -> Vec<usize> {
        (0..self.actions.len()).collect()
    }

    /// The selected action.
    pub fn selected(&self) -> Option<&Action> {
        self.list
            .pick(&self.rows())
            .and_then(|i| self.actions.get(i))
    }

    /// `o`: the next owner to show (anyone, each owner by name, nobody, anyone again).
    /// Who owns an action is read now (one grouped read), not with every page.
    pub(in crate::app) fn cycle_owner(&mut self, cx: &mut Ctx, community: Option<CommunityId>) {
        let Some(c) = community else {
            return;
        };
        let (mut owners, unowned) = match cx
            .store
            .action_owners(c)
            .and_then(|o| Ok((o, cx.store.has_unowned_actions(c)?)))
        {
            Ok(found) => found,
            Err(e) => return cx.error(format!("Could not read the owners: {e}")),
        };
        owners.sort_by_key(|(_, n)| n.to_lowercase());
        let mut order = vec![OwnerFilter::Anyone];
        order.extend(owners.iter().map(|(m, _)| OwnerFilter::Member(*m)));
        if unowned {
            order.push(OwnerFilter::Nobody);
        }
        let i = order.iter().position(|&o| o == self.owner).unwrap_or(0);
        self.owner = order[(i + 1) % order.len()];
        self.list.selected = 0;
        // The chosen owner's name, for the title bar before the rows are read.
        if let OwnerFilter::Member(m) = self.owner
            && !self.owners.iter().any(|(o, _)| *o == m)
            && let Some(named) = owners.iter().find(|(o, _)| *o == m)
        {
            self.owners.push(named.clone());
        }
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
