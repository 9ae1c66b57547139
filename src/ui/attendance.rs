//! The attendance check, before and during a meeting.

use super::Theme;
use super::widgets::{list_block, panel};
use crate::app::{App, Screen};
use crate::domain::live::Attendance;
use crate::domain::text::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

/// Where the header and the list are drawn (the mouse's hit test uses the same function).
pub(super) fn areas(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area)
}

/// The attendance check, before and during a meeting.
pub fn draw_attendance(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(l) = &app.live().meeting else {
        frame.render_widget(
            Paragraph::new("No meeting chosen.").block(panel("Attendance", false, theme)),
            area,
        );
        return;
    };
    let count = |s: Attendance| l.attendance.iter().filter(|a| a.status == s).count();
    let [head, list] = areas(area);
    let started = l.meeting.status != crate::domain::meeting::MeetingStatus::Planned;
    let lines = vec![
        Line::from(vec![
            Span::styled(format!(" {} ", one_line(&l.meeting.title)), theme.title()),
            Span::raw(format!(
                "· {} present · {} late · {} absent",
                count(Attendance::Present),
                count(Attendance::Late),
                count(Attendance::Absent)
            )),
        ]),
        Line::styled(
            if started {
                " Enter goes back to the meeting"
            } else {
                " Space marks late/absent · w guest · m new member · Enter starts the meeting"
            },
            theme.dim(),
        ),
    ];
    frame.render_widget(Paragraph::new(lines), head);
    let rows: Vec<Row> = app
        .visible(Screen::Attendance)
        .iter()
        .map(|&i| {
            let a = &l.attendance[i];
            let status = match a.status {
                Attendance::Present => Span::styled("● present", theme.ok()),
                Attendance::Late => Span::styled("◐ late", theme.accent()),
                Attendance::Absent => Span::styled("○ absent", theme.dim()),
            };
            let tag = if a.guest {
                "guest"
            } else if a.member.is_new {
                "new"
            } else {
                ""
            };
            Row::new(vec![
                Cell::from(one_line(&a.member.profile.name)),
                Cell::from(status),
                Cell::from(tag),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Fill(1),
            Constraint::Length(10),
            Constraint::Length(6),
        ],
    )
    .header(Row::new(["Name", "Status", ""]).style(theme.title()))
    .block(list_block(app, "Attendance", theme))
    .row_highlight_style(theme.selected())
    .highlight_symbol("▶ ");
    let mut state =
        TableState::default().with_selected(Some(app.list(Screen::Attendance).selected));
    frame.render_stateful_widget(table, list, &mut state);
}
