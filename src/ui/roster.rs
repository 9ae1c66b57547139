//! Roster: the members of the chosen community and the profile of the selected one.

use super::Theme;
use super::chrome::truncate;
use super::widgets::{
    detail_panel, empty_list, field_line, fit_line, labelled, list_block, list_then_detail, panel,
    table_columns,
};
use crate::app::{App, Screen};
use crate::domain::text::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

/// Where the list and the detail are drawn (the mouse's hit test uses the same function).
pub(super) fn areas(area: Rect, theme: &Theme) -> [Rect; 2] {
    list_then_detail(area, 38, theme)
}

/// Draws the Roster screen.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [list_area, detail_area] = areas(area, theme);
    let rows = app.visible(Screen::Roster);
    let block = list_block(app, "Roster", theme);
    let leader = app
        .browse()
        .community
        .as_ref()
        .and_then(|c| c.leader.as_ref())
        .map(|l| l.member_id);
    if app.browse().members.is_empty() {
        empty_list(
            frame,
            list_area,
            block,
            &[
                "Nobody on the roster yet.",
                "",
                "Press n to add a member.",
                "",
                // The import refuses while the app has the file open.
                "For a CSV file: quit (q), then",
                "`roundtable roster import FILE",
                "--community NAME`.",
            ],
            theme,
        );
    } else {
        let widths = [Constraint::Fill(1), Constraint::Fill(1)];
        let columns = table_columns(block.inner(list_area).width, &widths);
        let col = |i: usize| columns.get(i).copied().unwrap_or(0);
        let table_rows: Vec<Row> = rows
            .iter()
            .map(|&i| {
                let m = &app.browse().members[i];
                // Inactive is said in a word, first, so a long name cannot hide it.
                let mut name = Vec::new();
                if !m.active {
                    name.push(Span::styled("(inactive) ", theme.dim()));
                }
                name.push(Span::raw(one_line(&m.profile.name)));
                if leader == Some(m.id) {
                    name.push(Span::styled(" ★", theme.accent()));
                }
                if m.is_new {
                    name.push(Span::styled(" new", theme.accent()));
                }
                // Cut with `…` to the column, not clipped.
                let row = Row::new(vec![
                    Cell::from(fit_line(Line::from(name), col(0))),
                    Cell::from(truncate(&one_line(&m.profile.role), col(1))),
                ]);
                if m.active {
                    row
                } else {
                    row.style(theme.dim())
                }
            })
            .collect();
        let table = Table::new(table_rows, widths)
            .header(Row::new(["Name", "Role"]).style(theme.title()))
            .block(block)
            .row_highlight_style(theme.selected())
            .highlight_symbol("▶ ");
        let mut state = TableState::default()
            .with_selected((!rows.is_empty()).then(|| app.list(Screen::Roster).selected));
        frame.render_stateful_widget(table, list_area, &mut state);
    }

    let Some(m) = app.browse().selected_member() else {
        frame.render_widget(
            Paragraph::new("").block(panel("Profile", false, theme)),
            detail_area,
        );
        return;
    };
    let p = &m.profile;
    let mut lines = vec![field_line(
        "Role",
        if p.role.is_empty() { "—" } else { &p.role },
        theme,
    )];
    let joined = p
        .joined
        .map(|d| app.dates().date(d))
        .unwrap_or_else(|| "—".into());
    let status = match (m.active, m.left) {
        (true, _) if leader == Some(m.id) => "active · leads the group".to_string(),
        (true, _) => "active".to_string(),
        (false, Some(left)) => format!("left on {}", app.dates().date(left)),
        (false, None) => "inactive".to_string(),
    };
    lines.push(field_line("Joined", &joined, theme));
    lines.push(field_line("Status", &status, theme));
    lines.push(field_line(
        "Learning style",
        if p.learning_style.is_empty() {
            "—"
        } else {
            &p.learning_style
        },
        theme,
    ));
    for (label, value) in [
        ("Brings", &p.brings),
        ("Hopes to get", &p.hopes),
        ("Strengths", &p.strengths),
        ("Growth areas", &p.growth_areas),
    ] {
        lines.extend(labelled(label, value, theme));
    }
    detail_panel(frame, detail_area, one_line(&p.name), lines, theme);
}
