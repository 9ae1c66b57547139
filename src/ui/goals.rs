//! Goals of the chosen community, with the selected goal's success measure.

use super::Theme;
use super::widgets::{detail_panel, empty_list, labelled, list_block};
use crate::app::{App, Screen};
use crate::domain::GoalStatus;
use crate::domain::text::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Row, Table, TableState};

/// Draws the Goals screen.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let detail_h = (area.height / 3).clamp(5, 12);
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_h)]).areas(area);
    let rows = app.visible(Screen::Goals);
    let block = list_block(app, "Goals", theme);
    if app.browse().goals.is_empty() {
        empty_list(
            frame,
            list_area,
            block,
            &[
                "No goals yet.",
                "",
                "Press n to add what the group wants to achieve,",
                "with a measure of success.",
            ],
            theme,
        );
    } else {
        let table_rows: Vec<Row> = rows
            .iter()
            .map(|&i| {
                let g = &app.browse().goals[i].info;
                let target = g
                    .target
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "—".into());
                let row = Row::new(vec![
                    g.status.as_str().to_string(),
                    one_line(&g.title),
                    target,
                ]);
                match g.status {
                    GoalStatus::Met | GoalStatus::Dropped => row.style(theme.dim()),
                    _ => row,
                }
            })
            .collect();
        let table = Table::new(
            table_rows,
            [
                Constraint::Length(9),
                Constraint::Fill(1),
                Constraint::Length(10),
            ],
        )
        .header(Row::new(["Status", "Goal", "Target"]).style(theme.title()))
        .block(block)
        .column_spacing(2)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ");
        let mut state = TableState::default()
            .with_selected((!rows.is_empty()).then(|| app.list(Screen::Goals).selected));
        frame.render_stateful_widget(table, list_area, &mut state);
    }
    let text = match app.browse().selected_goal() {
        Some(g) => labelled("Success measure", &g.info.success_measure, theme),
        None => vec![],
    };
    detail_panel(frame, detail_area, "Goal", text, theme);
}
