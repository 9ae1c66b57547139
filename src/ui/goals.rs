//! Goals of the chosen community, with how each is doing across the cycles (the cycles
//! that served it, its actions done, the latest reflection verdict), and the selected
//! goal's success measure and progress below.

use super::Theme;
use super::widgets::{
    detail_panel, empty_list, field_line, fit_cells, labelled, list_block, spaced_columns,
};
use crate::app::browse::GoalProgress;
use crate::app::{App, Screen};
use crate::domain::GoalStatus;
use crate::domain::text::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Row, Table, TableState};

/// Width from which the list also shows the target date and the cycles.
const WIDE: u16 = 110;

/// "cycles 1, 3" (or "no cycle yet").
fn cycles_text(p: &GoalProgress) -> String {
    if p.cycles.is_empty() {
        return "no cycle yet".into();
    }
    let n: Vec<String> = p.cycles.iter().map(|(n, _)| n.to_string()).collect();
    let word = if n.len() == 1 { "cycle" } else { "cycles" };
    format!("{word} {}", n.join(", "))
}

/// "2/3 done" (or "—").
fn actions_text(p: &GoalProgress) -> String {
    if p.actions == 0 {
        return "—".into();
    }
    format!("{}/{} done", p.actions_done, p.actions)
}

/// "→ progressing (cycle 3)", or the short form without the cycle.
fn verdict_text(p: &GoalProgress, with_cycle: bool) -> String {
    match p.latest {
        Some((n, v)) if with_cycle => format!("{} {} (cycle {n})", v.symbol(), v.label()),
        Some((_, v)) => format!("{} {}", v.symbol(), v.label()),
        None => "—".into(),
    }
}

/// Where the list and the detail are drawn (the mouse's hit test uses the same function).
pub(super) fn areas(area: Rect) -> [Rect; 2] {
    let detail_h = (area.height / 3).clamp(5, 12);
    Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_h)]).areas(area)
}

/// Draws the Goals screen.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [list_area, detail_area] = areas(area);
    let rows = app.visible(Screen::Goals);
    let title = if app.browse().show_archived_goals {
        "Goals, archived too"
    } else {
        "Goals"
    };
    let block = list_block(app, title, theme);
    let none = GoalProgress::default();
    let progress = |id| app.browse().goal_progress.get(&id).unwrap_or(&none);
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
        let wide = area.width >= WIDE;
        let (widths, header) = if wide {
            (
                vec![
                    Constraint::Length(9),
                    Constraint::Fill(1),
                    Constraint::Length(10),
                    Constraint::Length(14),
                    Constraint::Length(9),
                    Constraint::Length(24),
                ],
                vec![
                    "Status",
                    "Goal",
                    "Target",
                    "Cycles",
                    "Actions",
                    "Latest reflection",
                ],
            )
        } else {
            (
                vec![
                    Constraint::Length(9),
                    Constraint::Fill(1),
                    Constraint::Length(9),
                    Constraint::Length(13),
                ],
                vec!["Status", "Goal", "Actions", "Reflection"],
            )
        };
        let columns = spaced_columns(block.inner(list_area).width, &widths, 2);
        let table_rows: Vec<Row> = rows
            .iter()
            .filter_map(|&i| app.browse().goals.get(i))
            .map(|goal| {
                let g = &goal.info;
                let p = progress(goal.id);
                let status = if goal.archived {
                    "archived".to_string()
                } else {
                    g.status.as_str().to_string()
                };
                let mut cells = vec![status, one_line(&g.title)];
                if wide {
                    cells.push(g.target.map_or_else(|| "—".into(), |d| d.to_string()));
                    cells.push(cycles_text(p));
                }
                cells.push(actions_text(p));
                cells.push(verdict_text(p, wide));
                // Cut with `…` to the column, not clipped.
                let row = Row::new(fit_cells(cells, &columns));
                match g.status {
                    _ if goal.archived => row.style(theme.dim()),
                    GoalStatus::Met | GoalStatus::Dropped => row.style(theme.dim()),
                    _ => row,
                }
            })
            .collect();
        let table = Table::new(table_rows, widths)
            .header(Row::new(header).style(theme.title()))
            .block(block)
            .column_spacing(2)
            .row_highlight_style(theme.selected())
            .highlight_symbol("▶ ");
        let mut state = TableState::default()
            .with_selected((!rows.is_empty()).then(|| app.list(Screen::Goals).selected));
        frame.render_stateful_widget(table, list_area, &mut state);
    }
    let text = match app.browse().selected_goal() {
        Some(g) => {
            let p = progress(g.id);
            let served: Vec<String> = p
                .cycles
                .iter()
                .map(|(n, t)| format!("{n} '{}'", one_line(t)))
                .collect();
            let mut lines = vec![
                field_line(
                    "Cycles",
                    &if served.is_empty() {
                        "none yet".to_string()
                    } else {
                        served.join(", ")
                    },
                    theme,
                ),
                field_line(
                    "Actions",
                    &match p.actions {
                        0 => "none linked".to_string(),
                        n => format!("{} of {n} done", p.actions_done),
                    },
                    theme,
                ),
                field_line("Latest reflection", &verdict_text(p, true), theme),
            ];
            lines.extend(labelled("Success measure", &g.info.success_measure, theme));
            lines
        }
        None => vec![],
    };
    detail_panel(frame, detail_area, "Goal", text, theme);
}
