//! Where things are on screen, for the mouse. [`hit_test`] answers "what is drawn at
//! this cell?" from the same layout functions the drawing calls (the frame's bands, the
//! tab bar's and footer's spans, each list screen's `areas`, the popups' areas), so a
//! click lands on what the leader sees. Pure, like the rest of `ui`.

use super::{Theme, chrome, widgets};
use super::{
    actions, attendance, communities, cycles, goals, icebreakers, live_overlays, plan, roster,
    search,
};
use crate::app::{App, Command, MIN_HEIGHT, MIN_WIDTH, Overlay, Screen};
use ratatui::layout::{Constraint, Layout, Position, Rect};

/// What a cell of the screen shows that a click can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A tab of the top bar.
    Tab(Screen),
    /// The `n`th visible row of the screen's list (0 is the first).
    Row(usize),
    /// A key hint of the footer, and the command it stands for.
    Hint(Command),
    /// The `n`th entry of the chooser on screen.
    Choice(usize),
    /// The `n`th member of the vote sheet on screen.
    Vote(usize),
}

/// The frame's bands: the tab bar, the screen, the status line and the key hints.
pub fn areas(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// What is drawn at (`column`, `row`) when the app is drawn in `area`, if a click can
/// act on it. Nothing while the terminal is too small (only "Terminal too small" shows).
pub fn hit_test(app: &App, area: Rect, column: u16, row: u16) -> Option<Target> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let at = Position::new(column, row);
    let theme = Theme::for_app(app);
    let [top, body, _status, footer] = areas(area);
    if top.contains(at) {
        return chrome::tab_at(app, top, column, &theme).map(Target::Tab);
    }
    if footer.contains(at) {
        return chrome::hint_at(app, footer, column, &theme).map(Target::Hint);
    }
    if !body.contains(at) {
        return None;
    }
    match app.overlay() {
        Overlay::Choose(c) => {
            let [_, list, _] = chrome::chooser_areas(body, c, &theme);
            row_at(list, c.selected, c.options.len(), at).map(Target::Choice)
        }
        Overlay::Vote(v) => {
            let [_, list, _] = live_overlays::vote_areas(body, v, &theme);
            row_at(list, v.cursor, v.votes.len(), at).map(Target::Vote)
        }
        Overlay::None | Overlay::Filter(_) => list_row(app, body, at, &theme).map(Target::Row),
        // Forms, help, questions and the note editor cover the screen's list.
        Overlay::Help | Overlay::Form(_) | Overlay::Confirm(_) | Overlay::Note(_) => None,
    }
}

/// The visible row of the screen's list drawn at `at`, if any.
fn list_row(app: &App, body: Rect, at: Position, theme: &Theme) -> Option<usize> {
    let s = app.screen();
    if s.needs_community() && app.browse().community.is_none() {
        return None;
    }
    // Each list's rectangle, and whether a header row sits above its rows.
    let (area, header) = match s {
        Screen::Search => {
            // Each hit is two lines, with no header.
            let inner = widgets::panel("", true, theme).inner(search::areas(body, app, theme)[1]);
            let (selected, len) = (app.list(s).selected, app.visible(s).len());
            return row_at_tall(inner, selected, len, at, search::HIT_HEIGHT);
        }
        Screen::Communities => (communities::areas(body, theme)[0], 0),
        Screen::Roster => (roster::areas(body, theme)[0], 1),
        Screen::Goals => (goals::areas(body)[0], 1),
        Screen::Meetings | Screen::History => (body, 1),
        Screen::Cycles if app.cycles().detail.is_none() => (cycles::list_areas(body)[0], 1),
        Screen::Actions => (actions::areas(body, app).0, 1),
        Screen::Plan if app.planner().plan.is_some() => (plan::areas(body)[1], 1),
        Screen::Icebreakers => (icebreakers::areas(body, theme)[1], 0),
        Screen::Attendance if app.live().meeting.is_some() => (attendance::areas(body)[1], 1),
        // A cycle opened in detail, a plan or meeting not open, and the screens that
        // are not lists: no rows to click.
        Screen::Cycles
        | Screen::Plan
        | Screen::Attendance
        | Screen::Live
        | Screen::Summary
        | Screen::Profile
        | Screen::Insights
        | Screen::MeetingView => return None,
    };
    let inner = widgets::panel("", true, theme).inner(area);
    let rows = Rect {
        y: inner.y.saturating_add(header),
        height: inner.height.saturating_sub(header),
        ..inner
    };
    let len = app.visible(s).len();
    row_at(rows, app.list(s).selected, len, at)
}

/// The row at `at` of a list of `len` one-line rows drawn in `rows` with `selected`
/// highlighted: the lists draw with a fresh state, so they scroll just far enough to
/// show the selected row, last when it is below the fold.
fn row_at(rows: Rect, selected: usize, len: usize, at: Position) -> Option<usize> {
    row_at_tall(rows, selected, len, at, 1)
}

/// [`row_at`] for rows `height` lines tall.
fn row_at_tall(
    rows: Rect,
    selected: usize,
    len: usize,
    at: Position,
    height: u16,
) -> Option<usize> {
    if !rows.contains(at) || len == 0 || height == 0 {
        return None;
    }
    let fit = usize::from((rows.height / height).max(1));
    let first = (selected.min(len - 1) + 1).saturating_sub(fit);
    let n = first + usize::from((at.y - rows.y) / height);
    (n < len).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_scroll_to_keep_the_selected_one_last() {
        let rows = Rect::new(0, 5, 10, 3);
        assert_eq!(row_at(rows, 0, 10, Position::new(1, 5)), Some(0));
        // Rows two lines tall: three fit in six lines; the selected one is kept last.
        let tall = Rect::new(0, 5, 10, 6);
        assert_eq!(row_at_tall(tall, 0, 10, Position::new(1, 6), 2), Some(0));
        assert_eq!(row_at_tall(tall, 0, 10, Position::new(1, 7), 2), Some(1));
        assert_eq!(row_at_tall(tall, 6, 10, Position::new(1, 5), 2), Some(4));
        assert_eq!(row_at_tall(tall, 6, 10, Position::new(1, 10), 2), Some(6));
        assert_eq!(row_at(rows, 0, 10, Position::new(1, 7)), Some(2));
        assert_eq!(row_at(rows, 6, 10, Position::new(1, 5)), Some(4));
        assert_eq!(row_at(rows, 6, 10, Position::new(1, 7)), Some(6));
        assert_eq!(
            row_at(rows, 0, 2, Position::new(1, 7)),
            None,
            "below the last row"
        );
        assert_eq!(
            row_at(rows, 0, 10, Position::new(1, 4)),
            None,
            "above the rows"
        );
        assert_eq!(
            row_at(rows, 0, 0, Position::new(1, 5)),
            None,
            "an empty list"
        );
    }
}
