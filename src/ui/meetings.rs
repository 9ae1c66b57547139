//! Meetings (upcoming and live) and History (ended meetings) of the chosen community.

use super::Theme;
use super::widgets::{empty_state, list_block};
use crate::app::browse::MeetingSummary;
use crate::app::{App, Screen};
use crate::domain::text::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Paragraph, Row, Table, TableState};

/// "1 note", "3 notes".
fn plural(n: u32, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn when(m: &MeetingSummary) -> String {
    crate::app::local(m.scheduled_at)
}

/// When a past meeting was held (its scheduled time if it never started).
fn held(m: &MeetingSummary) -> String {
    crate::app::local(m.started_at.unwrap_or(m.scheduled_at))
}

fn table<'a>(
    app: &App,
    title: &str,
    header: [&'a str; 4],
    rows: Vec<Row<'a>>,
    theme: &Theme,
) -> Table<'a> {
    Table::new(
        rows,
        [
            Constraint::Length(20),
            Constraint::Fill(1),
            Constraint::Length(8),
            Constraint::Length(20),
        ],
    )
    .header(Row::new(header).style(theme.title()))
    .block(list_block(app, title, theme))
    .row_highlight_style(theme.selected())
    .highlight_symbol("▶ ")
}

/// Draws the Meetings screen: live and planned meetings, soonest first.
pub fn draw_upcoming(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if app.browse().upcoming.is_empty() {
        let text = empty_state(
            &[
                "No meetings planned.",
                "",
                "Planned and live meetings of this community appear here.",
            ],
            theme,
        );
        frame.render_widget(
            Paragraph::new(text)
                .centered()
                .block(list_block(app, "Meetings", theme)),
            area,
        );
        return;
    }
    let visible = app.visible(Screen::Meetings);
    let rows: Vec<Row> = visible
        .iter()
        .map(|&i| {
            let m = &app.browse().upcoming[i];
            Row::new(vec![
                when(m),
                one_line(&m.title),
                format!("{} min", m.planned_minutes),
                format!("{} · {}", m.status.as_str(), plural(m.agenda_items, "item")),
            ])
        })
        .collect();
    let t = table(
        app,
        "Meetings",
        ["When", "Title", "Length", "Status"],
        rows,
        theme,
    );
    let mut state = TableState::default()
        .with_selected((!visible.is_empty()).then(|| app.list(Screen::Meetings).selected));
    frame.render_stateful_widget(t, area, &mut state);
}

/// Draws the History screen: ended meetings, newest first.
pub fn draw_history(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if app.browse().history.is_empty() {
        let text = empty_state(
            &[
                "No past meetings yet.",
                "",
                "Meetings appear here once they have ended.",
            ],
            theme,
        );
        frame.render_widget(
            Paragraph::new(text)
                .centered()
                .block(list_block(app, "History", theme)),
            area,
        );
        return;
    }
    let visible = app.visible(Screen::History);
    let rows: Vec<Row> = visible
        .iter()
        .map(|&i| {
            let m = &app.browse().history[i];
            Row::new(vec![
                held(m),
                one_line(&m.title),
                format!("{} here", m.present),
                format!(
                    "{} · {}",
                    plural(m.notes, "note"),
                    plural(m.actions, "action")
                ),
            ])
        })
        .collect();
    let t = table(
        app,
        "History",
        ["Held", "Title", "Present", "Recorded"],
        rows,
        theme,
    );
    let mut state = TableState::default()
        .with_selected((!visible.is_empty()).then(|| app.list(Screen::History).selected));
    frame.render_stateful_widget(t, area, &mut state);
}
