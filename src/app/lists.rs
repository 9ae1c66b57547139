//! Selection and filtering of the screen lists. Each list's state belongs to the area
//! that shows the screen; `App` routes a screen to it with a `match` on [`Screen`], so a
//! new screen does not compile until it says where its list lives.

use super::{App, Overlay, Screen};

/// Where a list is: its selected row (among the visible ones) and its filter text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
    pub filter: String,
}

impl ListState {
    /// Keeps the selection inside `len` rows.
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// Moves the selection by `by` rows, stopping at either end.
    pub fn move_by(&mut self, by: isize, len: usize) {
        self.selected = moved(self.selected, by, len);
    }

    /// The data index of the selected row, given the visible rows (see [`matching`]).
    pub fn pick(&self, rows: &[usize]) -> Option<usize> {
        rows.get(self.selected).copied()
    }

    /// Selects the row that shows data index `row`, if the filter lets it through (the
    /// selection counts visible rows, not data rows).
    pub fn select_data_row(&mut self, rows: &[usize], row: Option<usize>) {
        if let Some(i) = row.and_then(|row| rows.iter().position(|&r| r == row)) {
            self.selected = i;
        }
    }
}

/// A selection `at` moved by `by` rows among `len`, stopping at either end.
pub fn moved(at: usize, by: isize, len: usize) -> usize {
    let max = len.saturating_sub(1) as isize;
    (at as isize).saturating_add(by).clamp(0, max) as usize
}

/// Indices of `texts` that contain every word of `filter`, ignoring case.
pub fn matching(texts: &[String], filter: &str) -> Vec<usize> {
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    texts
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            let t = t.to_lowercase();
            words.iter().all(|w| t.contains(w.as_str()))
        })
        .map(|(i, _)| i)
        .collect()
}

impl App {
    /// List state (selection, filter) of a screen. Each screen's list belongs to the area
    /// that shows it.
    pub fn list(&self, s: Screen) -> &ListState {
        match s {
            Screen::Communities => &self.browse.lists.communities,
            Screen::Roster => &self.browse.lists.roster,
            Screen::Goals => &self.browse.lists.goals,
            Screen::Meetings => &self.browse.lists.upcoming,
            Screen::History => &self.browse.lists.history,
            Screen::Cycles => &self.cycles.list,
            Screen::Plan => &self.planner.list,
            Screen::Actions => &self.actions.list,
            Screen::Icebreakers => &self.library.list,
            Screen::Attendance => &self.live.attendance,
            Screen::Live => &self.live.list,
            Screen::Summary | Screen::MeetingView => &self.review.list,
            Screen::Profile => &self.insights.profile_list,
            Screen::Insights => &self.insights.insights_list,
            Screen::Search => &self.search.list,
        }
    }

    pub(super) fn list_mut(&mut self, s: Screen) -> &mut ListState {
        match s {
            Screen::Communities => &mut self.browse.lists.communities,
            Screen::Roster => &mut self.browse.lists.roster,
            Screen::Goals => &mut self.browse.lists.goals,
            Screen::Meetings => &mut self.browse.lists.upcoming,
            Screen::History => &mut self.browse.lists.history,
            Screen::Cycles => &mut self.cycles.list,
            Screen::Plan => &mut self.planner.list,
            Screen::Actions => &mut self.actions.list,
            Screen::Icebreakers => &mut self.library.list,
            Screen::Attendance => &mut self.live.attendance,
            Screen::Live => &mut self.live.list,
            Screen::Summary | Screen::MeetingView => &mut self.review.list,
            Screen::Profile => &mut self.insights.profile_list,
            Screen::Insights => &mut self.insights.insights_list,
            Screen::Search => &mut self.search.list,
        }
    }

    /// Indices (into the screen's data) of the rows the filter lets through, in display
    /// order.
    pub fn visible(&self, s: Screen) -> Vec<usize> {
        match s {
            Screen::Communities => self.browse.community_rows(),
            Screen::Roster => self.browse.member_rows(),
            Screen::Goals => self.browse.goal_rows(),
            Screen::Meetings => self.browse.upcoming_rows(),
            Screen::History => self.browse.history_rows(),
            Screen::Cycles => self.cycles.rows(),
            Screen::Plan => self.planner.rows(),
            Screen::Actions => self.actions.rows(),
            Screen::Icebreakers => self.library.rows(),
            Screen::Attendance => self.live.attendance_rows(),
            Screen::Search => self.search.rows(),
            // Not lists: nothing to select or filter.
            Screen::Live
            | Screen::Summary
            | Screen::MeetingView
            | Screen::Profile
            | Screen::Insights => Vec::new(),
        }
    }

    /// Index (into the screen's data) of the selected row, if any.
    pub fn selected_row(&self, s: Screen) -> Option<usize> {
        self.list(s).pick(&self.visible(s))
    }

    pub(super) fn set_filter(&mut self, text: String) {
        let s = self.cx.screen;
        self.list_mut(s).filter = text;
        // History is filtered by the store, a page at a time.
        if s == Screen::History
            && let Err(e) = self.browse.reload_history(&self.cx.store)
        {
            self.cx.error(format!("Could not read History: {e}"));
        }
        let n = self.visible(s).len();
        self.list_mut(s).clamp(n);
    }

    pub(super) fn move_selection(&mut self, by: isize) {
        match &mut self.cx.overlay {
            Overlay::Vote(v) => v.cursor = moved(v.cursor, by, v.votes.len()),
            Overlay::Choose(c) => c.selected = moved(c.selected, by, c.options.len()),
            Overlay::None if matches!(self.cx.screen, Screen::Summary | Screen::MeetingView) => {
                self.review.scroll_by(by)
            }
            Overlay::None if matches!(self.cx.screen, Screen::Profile | Screen::Insights) => {
                self.insights.scroll_by(by)
            }
            Overlay::None if self.cx.screen == Screen::Cycles && self.cycles.detail.is_some() => {
                self.cycles.scroll_by(by)
            }
            _ => {
                let s = self.cx.screen;
                let n = self.visible(s).len();
                self.list_mut(s).move_by(by, n);
                self.read_more_near_end(s);
            }
        }
    }
}

impl App {
    /// End: the last row. History and Actions are first read to their last row, a page at
    /// a time (a page is a bounded read), so End reaches the oldest meeting or action at
    /// once; Search stays at the end of what is read (its pages are searches).
    pub(super) fn select_last(&mut self) {
        let s = self.cx.screen;
        let read = |app: &Self| match s {
            Screen::History => Some(app.browse.history.len()),
            Screen::Actions => Some(app.actions.actions.len()),
            _ => None,
        };
        loop {
            let before = read(self);
            self.move_selection(isize::MAX / 2);
            // Stops when a page added nothing: the end, or a read that failed (and said so).
            if !matches!(self.cx.overlay, Overlay::None) || before.is_none() || read(self) == before
            {
                break;
            }
        }
    }

    /// The lists read a page at a time (Search, History, Actions) read their next page
    /// when the selection nears the end of what is read, by key or by click alike.
    fn read_more_near_end(&mut self, s: Screen) {
        let read = match s {
            Screen::Search => {
                self.search.more(&mut self.cx);
                Ok(())
            }
            Screen::History => self
                .browse
                .more_history(&self.cx.store)
                .map_err(|e| format!("Could not read History: {e}")),
            Screen::Actions => self
                .actions
                .more(&self.cx.store)
                .map_err(|e| format!("Could not read the actions: {e}")),
            _ => Ok(()),
        };
        if let Err(e) = read {
            self.cx.error(e);
        }
    }

    /// Selects the `n`th visible row (a click): of the chooser or vote sheet on screen,
    /// else of the screen's list. A row that is not there changes nothing.
    pub(super) fn select_row(&mut self, n: usize) {
        let list_drawn = self.list_is_drawn();
        match &mut self.cx.overlay {
            Overlay::Choose(c) if n < c.options.len() => c.selected = n,
            Overlay::Vote(v) if n < v.votes.len() => v.cursor = n,
            Overlay::None | Overlay::Filter(_) if list_drawn => {
                let s = self.cx.screen;
                if n < self.visible(s).len() {
                    self.list_mut(s).selected = n;
                    self.read_more_near_end(s);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_needs_every_word() {
        let t = vec![
            "Ada Lovelace maths".to_string(),
            "Grace Hopper navy".into(),
            "Alan maths".into(),
        ];
        assert_eq!(matching(&t, ""), vec![0, 1, 2]);
        assert_eq!(matching(&t, "MATHS"), vec![0, 2]);
        assert_eq!(matching(&t, "maths ada"), vec![0]);
        assert!(matching(&t, "zzz").is_empty());
    }

    #[test]
    fn selection_stays_in_bounds() {
        let mut s = ListState::default();
        s.move_by(-5, 3);
        assert_eq!(s.selected, 0);
        s.move_by(isize::MAX / 2, 3);
        assert_eq!(s.selected, 2);
        s.clamp(1);
        assert_eq!(s.selected, 0);
        s.move_by(1, 0);
        assert_eq!(s.selected, 0);
    }
}
