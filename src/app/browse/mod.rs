//! The browse area: the communities, and the chosen community's roster, goals and
//! meeting lists (the Communities, Roster, Goals, Meetings and History screens). Editing
//! them is in [`edit`].

mod edit;
mod history;

pub use history::{HISTORY_PAGE, Week, date_span, history_filter, history_filter_in};

use super::{Ctx, ListState, lists};
use crate::domain::GoalId;
use crate::domain::meeting::next_slot;
use crate::domain::{Community, CommunityId, Goal, LeadershipTerm, MeetingMode, Member, MemberId};
/// How a goal is doing across the cycles, as the store reads it.
pub use crate::store::GoalProgress;
/// A row of the Meetings and History lists, as the store reads it.
pub use crate::store::MeetingSummary;
use crate::store::{Store, StoreError};
use chrono::{DateTime, Local, Utc};
use std::collections::HashMap;

/// The communities and the chosen one's data, as stored, with the lists' selections.
#[derive(Debug, Default)]
pub struct Browse {
    /// The community the Roster, Goals, Meetings and History screens show.
    pub community: Option<Community>,
    pub communities: Vec<Community>,
    /// Every leadership term, with its community (newest first within one).
    pub leadership: Vec<(CommunityId, LeadershipTerm)>,
    pub members: Vec<Member>,
    /// Every goal, archived ones too (the list hides them unless shown).
    pub goals: Vec<Goal>,
    /// How each goal is doing across the cycles (cycles served, actions, verdicts), read
    /// only while Goals is shown (`App::load_shown`).
    pub goal_progress: HashMap<GoalId, GoalProgress>,
    /// Show archived goals on Goals.
    pub show_archived_goals: bool,
    /// Planned and live meetings.
    pub upcoming: Vec<MeetingSummary>,
    /// Ended meetings, newest first: the pages read so far (see [`history`]), read only
    /// while History is shown (`App::load_shown`).
    pub history: Vec<MeetingSummary>,
    /// Whether History has more rows than are read.
    pub history_more: bool,
    pub show_archived: bool,
    /// Every community's working agreements, in order (the Communities detail shows
    /// the selected one's).
    pub agreements: HashMap<CommunityId, Vec<String>>,
    pub(in crate::app) lists: Lists,
    /// Today and the settings' week start, for History's `week` filters (issue 12).
    pub(in crate::app) week: Option<history::Week>,
}

/// Selection and filter of each browse screen.
#[derive(Debug, Default)]
pub(in crate::app) struct Lists {
    pub(in crate::app) communities: ListState,
    pub(in crate::app) roster: ListState,
    pub(in crate::app) goals: ListState,
    pub(in crate::app) upcoming: ListState,
    pub(in crate::app) history: ListState,
}

impl Browse {
    /// The chosen community's id.
    pub fn community_id(&self) -> Option<CommunityId> {
        self.community.as_ref().map(|c| c.id)
    }

    /// Chooses the community the other screens show (read on the next reload).
    pub(in crate::app) fn choose(&mut self, c: Option<Community>) {
        self.community = c;
    }

    /// Re-reads everything from the store but History and the goals' progress (read only
    /// while their screen is shown: [`Browse::reload_history`],
    /// [`Browse::reload_goal_progress`]). A failure leaves the rest as it was: in
    /// particular the chosen community stays chosen.
    pub(in crate::app) fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.communities = store.communities(self.show_archived)?;
        self.leadership = store.leadership(None)?;
        self.agreements = store.agreements_by_community()?;
        if let Some(id) = self.community_id() {
            self.community = match store.community(id) {
                Ok(c) => Some(c),
                // Gone (an import replaced everything): there is nothing left to show.
                Err(StoreError::NotFound(_)) => None,
                Err(e) => return Err(e),
            };
        }
        match self.community_id() {
            Some(id) => {
                self.members = store.members(id)?;
                self.goals = store.goals(id)?;
                self.upcoming = store.upcoming_meetings(id)?;
            }
            None => {
                self.members.clear();
                self.goals.clear();
                self.upcoming.clear();
            }
        }
        Ok(())
    }

    /// Re-reads how each goal is doing across the cycles (Goals shows it): every cycle's
    /// goals and each goal's actions, so it grows with the history.
    pub(in crate::app) fn reload_goal_progress(&mut self, store: &Store) -> Result<(), StoreError> {
        match self.community_id() {
            Some(id) => self.goal_progress = store.goal_progress(id)?,
            None => self.goal_progress.clear(),
        }
        Ok(())
    }

    /// `v`: shows or hides the archived communities (or, on Goals, goals).
    pub(in crate::app) fn toggle_archived(&mut self, cx: &mut Ctx) {
        if cx.screen == super::Screen::Goals {
            self.show_archived_goals = !self.show_archived_goals;
            return cx.info(if self.show_archived_goals {
                "Showing archived goals (x restores one)"
            } else {
                "Archived goals hidden"
            });
        }
        self.show_archived = !self.show_archived;
        cx.changed();
        cx.info(if self.show_archived {
            "Showing archived communities"
        } else {
            "Archived communities hidden"
        });
    }

    /// Rows of Communities the filter lets through.
    pub fn community_rows(&self) -> Vec<usize> {
        let texts: Vec<String> = self
            .communities
            .iter()
            .map(|c| format!("{} {}", c.info.name, c.info.purpose))
            .collect();
        lists::matching(&texts, &self.lists.communities.filter)
    }

    /// Rows of the Roster the filter lets through.
    pub fn member_rows(&self) -> Vec<usize> {
        let texts: Vec<String> = self
            .members
            .iter()
            .map(|m| {
                let p = &m.profile;
                format!("{} {} {} {}", p.name, p.role, p.learning_style, p.strengths)
            })
            .collect();
        lists::matching(&texts, &self.lists.roster.filter)
    }

    /// Rows of Goals the filter lets through.
    pub fn goal_rows(&self) -> Vec<usize> {
        let texts: Vec<String> = self
            .goals
            .iter()
            .map(|g| {
                format!(
                    "{} {} {}{}",
                    g.info.title,
                    g.info.success_measure,
                    g.info.status.as_str(),
                    if g.archived { " archived" } else { "" }
                )
            })
            .collect();
        lists::matching(&texts, &self.lists.goals.filter)
            .into_iter()
            .filter(|&i| self.show_archived_goals || !self.goals[i].archived)
            .collect()
    }

    /// Rows of Meetings the filter lets through.
    pub fn upcoming_rows(&self) -> Vec<usize> {
        let texts: Vec<String> = self
            .upcoming
            .iter()
            .map(|m| format!("{} {}", m.title, m.status.as_str()))
            .collect();
        lists::matching(&texts, &self.lists.upcoming.filter)
    }

    /// Rows of History: every row read (the store applied the filter).
    pub fn history_rows(&self) -> Vec<usize> {
        (0..self.history.len()).collect()
    }

    /// The community selected on the Communities list.
    pub fn selected_community(&self) -> Option<&Community> {
        let i = self.lists.communities.pick(&self.community_rows())?;
        self.communities.get(i)
    }

    /// The member selected on the Roster.
    pub fn selected_member(&self) -> Option<&Member> {
        let i = self.lists.roster.pick(&self.member_rows())?;
        self.members.get(i)
    }

    /// The goal selected on Goals.
    pub fn selected_goal(&self) -> Option<&Goal> {
        let i = self.lists.goals.pick(&self.goal_rows())?;
        self.goals.get(i)
    }

    /// The selected upcoming meeting.
    pub fn selected_upcoming(&self) -> Option<&MeetingSummary> {
        let i = self.lists.upcoming.pick(&self.upcoming_rows())?;
        self.upcoming.get(i)
    }

    /// The selected past meeting on History.
    pub fn selected_past(&self) -> Option<&MeetingSummary> {
        let i = self.lists.history.pick(&self.history_rows())?;
        self.history.get(i)
    }

    pub(in crate::app) fn select_community(&mut self, id: CommunityId) {
        let row = self.communities.iter().position(|c| c.id == id);
        let rows = self.community_rows();
        self.lists.communities.select_data_row(&rows, row);
    }

    pub(in crate::app) fn select_member(&mut self, id: MemberId) {
        let row = self.members.iter().position(|m| m.id == id);
        let rows = self.member_rows();
        self.lists.roster.select_data_row(&rows, row);
    }

    pub(in crate::app) fn select_goal(&mut self, id: crate::domain::GoalId) {
        let row = self.goals.iter().position(|g| g.id == id);
        let rows = self.goal_rows();
        self.lists.goals.select_data_row(&rows, row);
    }

    /// How many members are active (the group size icebreakers are chosen for).
    pub fn active_members(&self) -> u32 {
        self.members.iter().filter(|m| m.active).count() as u32
    }

    /// Whether the chosen community meets remotely (online or hybrid).
    pub fn meeting_is_remote(&self) -> bool {
        self.community
            .as_ref()
            .is_some_and(|c| c.info.mode != MeetingMode::InPerson)
    }

    /// The next meeting slot after the community's latest meeting, planned or ended (see
    /// [`next_slot`]): the latest ended one is read here, whether History was read or not.
    pub(in crate::app) fn next_slot(
        &self,
        store: &Store,
        now: DateTime<Utc>,
    ) -> Result<chrono::NaiveDateTime, StoreError> {
        let now = now.with_timezone(&Local).naive_local();
        let ended = match self.community_id() {
            Some(id) => store.latest_past_meeting(id)?,
            None => None,
        };
        let latest = self
            .upcoming
            .iter()
            .map(|m| m.scheduled_at)
            .chain(ended)
            .map(|t| t.with_timezone(&Local).naive_local())
            .max();
        Ok(next_slot(
            self.community.as_ref().and_then(|c| c.info.cadence),
            now,
            latest,
        ))
    }
}
