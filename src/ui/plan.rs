//! The Plan screen: one meeting's agenda with timeboxes, running times and the total
//! against the planned length.

use super::Theme;
use super::widgets::{detail_panel, empty_list, labelled, list_block, panel};
use crate::app::{App, Screen};
use crate::domain::agenda::{ItemKind, Timebox};
use crate::domain::text::one_line;
use chrono::Duration;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

/// Where the header, the agenda and the item's notes are drawn (the mouse's hit test uses the same function).
pub(super) fn areas(area: Rect) -> [Rect; 3] {
    let detail_h = (area.height / 4).clamp(4, 10);
    Layout::vertical([
        Constraint::Length(4),
        Constraint::Fill(1),
        Constraint::Length(detail_h),
    ])
    .areas(area)
}

/// Draws the Plan screen.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(plan) = &app.planner().plan else {
        frame.render_widget(
            Paragraph::new("No meeting open.").block(panel("Plan", false, theme)),
            area,
        );
        return;
    };
    let m = &plan.meeting;
    let [head, list_area, detail_area] = areas(area);

    // Header: when, where, and the timebox total.
    let tb = Timebox::of(plan.items.iter().map(|i| &i.info), m.planned_minutes);
    let end = m.scheduled_at + Duration::minutes(i64::from(m.planned_minutes));
    let place = app
        .browse()
        .community
        .as_ref()
        .map(|c| {
            format!(
                " · {} · {}",
                c.info.mode.label(),
                if c.info.place.is_empty() {
                    "no place set"
                } else {
                    &c.info.place
                }
            )
        })
        .unwrap_or_default();
    let when = format!(
        "{}–{} · {} min{}",
        app.dates().date_time(m.scheduled_at),
        app.dates().time(end),
        m.planned_minutes,
        one_line(&place)
    );
    let (verdict, style) = match tb.overflow() {
        Some(over) => (
            format!("⚠ {over} min over the planned length"),
            theme.error(),
        ),
        None => (format!("✓ fits, {} min spare", tb.slack()), theme.ok()),
    };
    let head_block = panel(format!("Plan: {}", one_line(&m.title)), false, theme);
    let inner = head_block.inner(head);
    frame.render_widget(head_block, head);
    let [l1, l2] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(Line::from(when), l1);
    let [total_area, gauge_area, verdict_area] = Layout::horizontal([
        Constraint::Length(16),
        Constraint::Fill(1),
        Constraint::Length(36),
    ])
    .areas(l2);
    let ratio = if tb.planned == 0 {
        1.0
    } else {
        (f64::from(tb.total) / f64::from(tb.planned)).min(1.0)
    };
    frame.render_widget(
        Line::raw(format!("{} / {} min ", tb.total, tb.planned)),
        total_area,
    );
    frame.render_widget(
        super::widgets::bar(ratio, gauge_area.width as usize, style, theme),
        gauge_area,
    );
    frame.render_widget(Line::styled(format!(" {verdict}"), style), verdict_area);

    // The agenda.
    let rows = app.visible(Screen::Plan);
    let block = list_block(app, "Agenda", theme);
    if plan.items.is_empty() {
        empty_list(
            frame,
            list_area,
            block,
            &["The agenda is empty.", "", "Press a to add an item."],
            theme,
        );
    } else {
        let mut start = m.scheduled_at;
        let mut starts = Vec::with_capacity(plan.items.len());
        for it in &plan.items {
            starts.push(start);
            start += Duration::minutes(i64::from(it.info.minutes));
        }
        let table_rows: Vec<Row> = rows
            .iter()
            .map(|&i| {
                let it = &plan.items[i];
                let mut title = vec![Span::raw(one_line(&it.info.title))];
                if let Some((_, ice)) = &it.icebreaker {
                    title.push(Span::styled(format!(": {}", one_line(ice)), theme.accent()));
                } else if it.info.kind == ItemKind::Icebreaker {
                    title.push(Span::styled(" (none chosen: s suggests)", theme.dim()));
                }
                let late = starts[i] + Duration::minutes(i64::from(it.info.minutes)) > end;
                // Not by colour alone: the mark leads the title, so no cut can hide it.
                if late {
                    title.insert(0, Span::styled("⚠ ", theme.error()));
                }
                let time = app.dates().time(starts[i]);
                Row::new(vec![
                    Cell::from(format!("{}", it.position)),
                    Cell::from(Span::styled(
                        time,
                        if late {
                            theme.error()
                        } else {
                            Default::default()
                        },
                    )),
                    Cell::from(it.info.kind.label()),
                    Cell::from(Line::from(title)),
                    Cell::from(format!("{:>3}", it.info.minutes)),
                    Cell::from(if it.info.recurring { "↻" } else { "" }),
                ])
            })
            .collect();
        let table = Table::new(
            table_rows,
            [
                Constraint::Length(2),
                Constraint::Length(5),
                Constraint::Length(22),
                Constraint::Fill(1),
                Constraint::Length(3),
                Constraint::Length(1),
            ],
        )
        .header(Row::new(["#", "Start", "Kind", "Title", "Min", "↻"]).style(theme.title()))
        .block(block)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ");
        let mut state = TableState::default()
            .with_selected((!rows.is_empty()).then(|| app.list(Screen::Plan).selected));
        frame.render_stateful_widget(table, list_area, &mut state);
    }

    // Notes of the selected item (and its icebreaker's prompt).
    let mut lines = Vec::new();
    if let Some(it) = app.planner().selected_item() {
        if let Some((id, _)) = &it.icebreaker
            && let Some(ice) = app.library().icebreakers.iter().find(|i| i.id == *id)
        {
            lines.extend(labelled("Icebreaker prompt", &ice.info.prompt, theme));
        }
        lines.extend(labelled("Leader notes", &it.info.leader_notes, theme));
        if it.info.recurring {
            lines.push(Line::styled(
                "↻ recurring: carried into the next planned meeting",
                theme.dim(),
            ));
        }
    }
    detail_panel(frame, detail_area, "Item", lines, theme);
}
