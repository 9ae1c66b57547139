//! Meetings (upcoming and live) and History (ended meetings) of the chosen community.

use super::Theme;
use super::widgets::{column_width, empty_state, fit_cells, list_block, plural, table_columns};
use crate::app::browse::MeetingSummary;
use crate::app::{App, Screen};
use crate::domain::text::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Paragraph, Row, Table, TableState};

fn when(app: &App, m: &MeetingSummary) -> String {
    app.dates().date_time(m.scheduled_at)
}

/// The columns of the upcoming meetings: when, title, length, status.
const UPCOMING: [Constraint; 4] = [
    Constraint::Length(20),
    Constraint::Fill(1),
    Constraint::Length(8),
    Constraint::Length(20),
];

fn table<'a>(
    app: &App,
    title: &str,
    header: [&'a str; 4],
    rows: Vec<Row<'a>>,
    theme: &Theme,
) -> Table<'a> {
    Table::new(rows, UPCOMING)
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
    // Cut with `…` to the column, not clipped (as History's rows are).
    let inner = list_block(app, "Meetings", theme).inner(area).width;
    let columns = table_columns(inner, &UPCOMING);
    let rows: Vec<Row> = visible
        .iter()
        .map(|&i| {
            let m = &app.browse().upcoming[i];
            Row::new(fit_cells(
                vec![
                    when(app, m),
                    one_line(&m.title),
                    format!("{} min", m.planned_minutes),
                    format!(
                        "{} · {}",
                        m.status.as_str(),
                        plural(m.agenda_items as usize, "item")
                    ),
                ],
                &columns,
            ))
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

/// "1h05", "45m": how long a meeting ran.
fn took(m: &MeetingSummary) -> String {
    match m.duration().map(|d| d.num_minutes()) {
        Some(min) if min >= 60 => format!("{}h{:02}", min / 60, min % 60),
        Some(min) => format!("{}m", min.max(0)),
        None => "—".into(),
    }
}

/// The rows a bordered list with a one-line header shows in `area`, `selected` among
/// `len`: `(first, end)`, as ratatui's `Table` scrolls a fresh state (from the top until
/// the selection passes the last row shown, then with the selection on the last row).
/// Only these rows are built; the table is given them and the selection within them.
pub(super) fn window(area: Rect, len: usize, selected: usize) -> (usize, usize) {
    // At least one row, so a table with no room still marks the selection's column.
    let height = usize::from(area.height.saturating_sub(3)).max(1);
    let first = (selected.min(len.saturating_sub(1)) + 1).saturating_sub(height);
    (first, len.min(first + height))
}

/// The narrowest History's title column gets before the time of day and the cycle
/// number give it their room (80 columns: 27 characters with them; 40 without, with
/// the default date format).
const TITLE_MIN: u16 = 40;

/// Draws the History screen: ended meetings, newest first, as many as are read (the
/// next page is read as the selection nears the end); only the rows on screen are built.
pub fn draw_history(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let b = app.browse();
    if b.history.is_empty() {
        // A backwards range (or a date that is none) is said in Search's words.
        let problem = b.history_date_problem().map(|p| one_line(&p));
        let lines: &[&str] = if app.list(Screen::History).filter.is_empty() {
            &[
                "No past meetings yet.",
                "",
                "Meetings appear here once they have ended.",
            ]
        } else if let Some(problem) = &problem {
            &[
                "Not filtered: check the dates.",
                "",
                problem,
                "",
                "Words match titles; 2024, 2024-03, march 2024, 2024-03-05 or 2023-09..2024",
                "match dates.",
            ]
        } else {
            &[
                "No past meeting matches the filter.",
                "",
                "Words match titles; 2024, 2024-03, march 2024, 2024-03-05 or 2023-09..2024",
                "match dates.",
                "To find words said in meetings, press S to search.",
            ]
        };
        frame.render_widget(
            Paragraph::new(empty_state(lines, theme))
                .centered()
                .wrap(ratatui::widgets::Wrap { trim: false })
                .block(list_block(app, "History", theme)),
            area,
        );
        return;
    }
    let selected = app.list(Screen::History).selected;
    let (first, end) = window(area, b.history.len(), selected);
    let shown = &b.history[first..end];
    // Borders, the selection mark, the fixed columns and the space between columns.
    let narrow = area.width < 2 + 2 + 20 + 5 + 4 + 5 + 5 + 4 + 6 + TITLE_MIN;
    let held_of = |m: &MeetingSummary| {
        let at = m.started_at.unwrap_or(m.scheduled_at);
        if narrow {
            app.dates().day(at)
        } else {
            app.dates().date_time(at)
        }
    };
    let held: Vec<String> = shown.iter().map(held_of).collect();
    let took: Vec<String> = shown.iter().map(took).collect();
    // Wide, Held in 20 columns and " Took" right-aligned in 5. Narrow, each as wide as
    // its longest cell among all the rows read, not only those shown, so the columns do
    // not shift as the list scrolls.
    let (held_w, took_w) = match narrow {
        true => (
            column_width("Held", b.history.iter().map(held_of)),
            column_width("Took", b.history.iter().map(self::took)),
        ),
        false => (20, 5),
    };
    let title = if b.history_more {
        "History · more as you scroll"
    } else {
        "History"
    };
    let mut widths = vec![
        Constraint::Length(20),
        Constraint::Fill(1),
        Constraint::Length(5),
        Constraint::Length(4),
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(4),
    ];
    let mut header = vec!["Held", "Title", "Cycle", "Here", " Took", "Notes", "Acts"];
    if narrow {
        widths[0] = Constraint::Length(held_w);
        widths[4] = Constraint::Length(took_w);
        header[4] = "Took";
        widths.remove(2);
        header.remove(2);
    }
    let block = list_block(app, title, theme);
    let columns = table_columns(block.inner(area).width, &widths);
    let rows: Vec<Row> = shown
        .iter()
        .zip(held.iter().zip(&took))
        .map(|(m, (held, took))| {
            let mut cells = vec![held.clone(), one_line(&m.title)];
            if !narrow {
                cells.push(m.cycle.map(|c| format!("#{c}")).unwrap_or_default());
            }
            cells.extend([
                format!("{:>4}", m.present),
                format!("{took:>w$}", w = usize::from(took_w)),
                format!("{:>5}", m.notes),
                format!("{:>4}", m.actions),
            ]);
            // Cut with `…` to the column, not clipped.
            Row::new(fit_cells(cells, &columns))
        })
        .collect();
    let t = Table::new(rows, widths)
        .header(Row::new(header).style(theme.title()))
        .block(block)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(selected - first));
    frame.render_stateful_widget(t, area, &mut state);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::widgets::{Block, Borders, StatefulWidget};

    /// A bordered table of `rows` with a header, `selected` highlighted, drawn in `area`.
    fn drawn(area: Rect, rows: &[String], selected: usize) -> Buffer {
        let table = Table::new(
            rows.iter().map(|r| Row::new([r.clone()])),
            [Constraint::Fill(1)],
        )
        .header(Row::new(["Head"]))
        .block(Block::default().borders(Borders::ALL))
        .highlight_symbol("▶ ");
        let mut buf = Buffer::empty(area);
        let mut state = TableState::default().with_selected(Some(selected));
        StatefulWidget::render(table, area, &mut buf, &mut state);
        buf
    }

    /// Building only the window's rows draws what the whole list drew, wherever the
    /// selection is: at the top, within the first screen, past it, at the end, and
    /// beyond the end; with fewer rows than fit, and with no room at all.
    #[test]
    fn the_window_draws_what_the_whole_list_draws() {
        for (height, len) in [(24, 65), (10, 7), (10, 30), (3, 5), (4, 1)] {
            let area = Rect::new(0, 0, 20, height);
            let rows: Vec<String> = (0..len).map(|i| format!("row {i}")).collect();
            for selected in 0..len + 2 {
                let (first, end) = window(area, len, selected);
                assert!(first <= selected && first <= end && end <= len);
                let shown = drawn(area, &rows[first..end], selected - first);
                assert_eq!(
                    shown,
                    drawn(area, &rows, selected),
                    "height {height}, {len} rows, row {selected} selected"
                );
            }
        }
    }
}
