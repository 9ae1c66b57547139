//! Lists: selection, filtering and what is selected on each screen.

use super::{App, ListState, Screen, lists};
use crate::domain::{Community, CommunityId, Goal, Member};

impl App {
    /// List state (selection, filter) of a screen.
    pub fn list(&self, screen: Screen) -> &ListState {
        &self.lists[screen.index()]
    }

    pub(super) fn list_mut(&mut self, screen: Screen) -> &mut ListState {
        &mut self.lists[screen.index()]
    }

    pub(super) fn set_filter(&mut self, text: String) {
        let s = self.screen;
        self.list_mut(s).filter = text;
        let n = self.visible(s).len();
        self.list_mut(s).clamp(n);
    }

    pub(super) fn move_selection(&mut self, by: isize) {
        if let super::Overlay::Vote(v) = &mut self.overlay {
            let mut st = ListState {
                selected: v.cursor,
                filter: String::new(),
            };
            st.move_by(by, v.votes.len());
            v.cursor = st.selected;
            return;
        }
        if let super::Overlay::Choose(c) = &mut self.overlay {
            let mut st = ListState {
                selected: c.selected,
                filter: String::new(),
            };
            st.move_by(by, c.options.len());
            c.selected = st.selected;
            return;
        }
        let s = self.screen;
        let n = self.visible(s).len();
        self.list_mut(s).move_by(by, n);
    }

    /// Selects the row that shows data index `row` on `s`, if the filter lets it through
    /// (the selection counts visible rows, not data rows).
    pub(super) fn select_data_row(&mut self, s: Screen, row: Option<usize>) {
        let Some(row) = row else { return };
        if let Some(i) = self.visible(s).iter().position(|&r| r == row) {
            self.list_mut(s).selected = i;
        }
    }

    pub(super) fn select_community_row(&mut self, id: CommunityId) {
        let row = self.communities.iter().position(|c| c.id == id);
        self.select_data_row(Screen::Communities, row);
    }

    pub(super) fn select_member(&mut self, id: crate::domain::MemberId) {
        let row = self.members.iter().position(|m| m.id == id);
        self.select_data_row(Screen::Roster, row);
    }

    /// The community selected on the Communities list.
    pub fn selected_community(&self) -> Option<&Community> {
        self.selected_row(Screen::Communities)
            .map(|i| &self.communities[i])
    }

    /// The member selected on the Roster.
    pub fn selected_member(&self) -> Option<&Member> {
        self.selected_row(Screen::Roster).map(|i| &self.members[i])
    }

    /// The goal selected on Goals.
    pub fn selected_goal(&self) -> Option<&Goal> {
        self.selected_row(Screen::Goals).map(|i| &self.goals[i])
    }

    /// Index (into the screen's data) of the selected row, if any.
    pub fn selected_row(&self, s: Screen) -> Option<usize> {
        self.visible(s).get(self.list(s).selected).copied()
    }

    /// Indices of the rows the filter lets through, in display order.
    pub fn visible(&self, s: Screen) -> Vec<usize> {
        let f = &self.list(s).filter;
        let texts: Vec<String> = match s {
            Screen::Communities => self
                .communities
                .iter()
                .map(|c| format!("{} {}", c.info.name, c.info.purpose))
                .collect(),
            Screen::Roster => self
                .members
                .iter()
                .map(|m| {
                    let p = &m.profile;
                    format!("{} {} {} {}", p.name, p.role, p.learning_style, p.strengths)
                })
                .collect(),
            Screen::Goals => self
                .goals
                .iter()
                .map(|g| {
                    format!(
                        "{} {} {}",
                        g.info.title,
                        g.info.success_measure,
                        g.info.status.as_str()
                    )
                })
                .collect(),
            Screen::Meetings => self
                .upcoming
                .iter()
                .map(|m| format!("{} {}", m.title, m.status.as_str()))
                .collect(),
            Screen::History => self.history.iter().map(|m| m.title.clone()).collect(),
            Screen::Plan => self
                .plan
                .iter()
                .flat_map(|p| &p.items)
                .map(|i| format!("{} {}", i.info.title, i.info.kind.label()))
                .collect(),
            Screen::Attendance => self
                .live
                .iter()
                .flat_map(|l| &l.attendance)
                .map(|a| a.member.profile.name.clone())
                .collect(),
            Screen::Live | Screen::Summary => Vec::new(),
            Screen::Icebreakers => {
                // The library's filters and the search text together.
                let lib = self.library.to_suggest(f);
                return self
                    .icebreakers
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| lib.accepts(&i.info))
                    .map(|(k, _)| k)
                    .collect();
            }
        };
        lists::matching(&texts, f)
    }
}
