//! The Actions screen: every action item of the chosen community, overdue first, with
//! the owner and status filters in the title bar, and (Enter) the selected action's
//! history below the list. Overdue is said with a symbol and a word; colour only adds.

use super::Theme;
use super::widgets::{
    column_width, detail_panel, empty_list, fit_cells, list_block, table_columns,
};
use crate::app::{App, Screen};
use crate::domain::note::ActionStatus;
use crate::domain::text::one_line;
use crate::domain::{Action, ActionUpdate, MeetingId};
use chrono::{Local, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Row, Table, TableState};

/// From this width on, the goal and cycle columns show, and the full standing.
const WIDE: u16 = 120;

/// Where an action stands, short enough for 80 columns: a symbol and a word.
fn short_status(a: &Action, today: NaiveDate) -> String {
    match a.status {
        ActionStatus::Open if a.is_overdue(today) => "⚠ overdue".into(),
        ActionStatus::Open => match &a.last_update {
            Some(u) => format!("{} {}", u.verdict.symbol(), u.verdict.label()),
            None => "· open".into(),
        },
        ActionStatus::Done => "✓ done".into(),
        ActionStatus::Dropped => "✗ dropped".into(),
    }
}

fn goal_title(app: &App, a: &Action) -> String {
    a.info
        .goal
        .map(|g| {
            app.browse()
                .goals
                .iter()
                .find(|x| x.id == g)
                .map_or_else(|| format!("goal {g}"), |x| one_line(&x.info.title))
        })
        .unwrap_or_else(|| "—".into())
}

fn cycle_number(app: &App, a: &Action) -> String {
    a.cycle
        .and_then(|c| app.actions().cycles.get(&c))
        .map_or_else(|| "—".into(), |n| format!("#{n}"))
}

/// "'Journal club: X'", for a meeting of the community.
fn meeting_label(app: &App, id: MeetingId) -> String {
    app.actions().meetings.get(&id).map_or_else(
        || format!("meeting {id}"),
        |title| format!("'{}'", one_line(title)),
    )
}

/// Where the list and the action's history are drawn (the mouse's hit test uses the same function).
pub(super) fn areas(area: Rect, app: &App) -> (Rect, Option<Rect>) {
    if app.actions().history {
        let h = (area.height / 2).max(8);
        let [l, d] = Layout::vertical([Constraint::Fill(1), Constraint::Length(h)]).areas(area);
        (l, Some(d))
    } else {
        (area, None)
    }
}

/// Draws the Actions screen.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let actions = app.actions();
    let (list_area, history_area) = areas(area, app);
    let mut title = format!(
        "Actions · owner: {} · status: {}",
        actions.owner_label(),
        actions.status.label()
    );
    // Read a page at a time, as History is.
    if actions.more {
        title.push_str(" · more as you scroll");
    }
    let block = list_block(app, &title, theme);
    if !actions.any {
        empty_list(
            frame,
            list_area,
            block,
            &[
                "No actions yet.",
                "",
                "Press n to add one: what, who, by when, for which goal.",
                "Actions taken as notes in a meeting appear here too.",
            ],
            theme,
        );
    } else {
        let today = app.today();
        let wide = area.width >= WIDE;
        let rows = app.visible(Screen::Actions);
        // Only the rows that fit are built (a long list would be felt at every key),
        // scrolled as the table would: the selected row last when it is below the fold.
        let fit = usize::from(list_area.height.saturating_sub(3)).max(1);
        let selected = app.list(Screen::Actions).selected;
        let start = (selected + 1).saturating_sub(fit);
        let shown = rows.get(start..).unwrap_or_default();
        let dates = app.dates();
        let due = |a: &Action| a.info.due.map_or_else(|| "—".into(), |d| dates.date(d));
        let drawn = || {
            shown
                .iter()
                .take(fit)
                .filter_map(|&i| actions.actions.get(i))
        };
        let due_width = column_width("Due", drawn().map(due));
        let status = |a: &Action| {
            if wide {
                super::widgets::standing(a, today, app.dates())
            } else {
                short_status(a, today)
            }
        };
        // As wide as the widest standing drawn (a long date format makes it longer), up
        // to a third of the table.
        let status_width = column_width("Status", drawn().map(status)).min(area.width / 3);
        let (widths, header) = if wide {
            (
                vec![
                    Constraint::Length(status_width),
                    Constraint::Fill(2),
                    Constraint::Length(18),
                    Constraint::Length(due_width),
                    Constraint::Fill(1),
                    Constraint::Length(5),
                ],
                vec!["Status", "Action", "Owner", "Due", "Goal", "Cycle"],
            )
        } else {
            (
                vec![
                    Constraint::Length(13),
                    Constraint::Fill(1),
                    Constraint::Length(14),
                    Constraint::Length(due_width),
                ],
                vec!["Status", "Action", "Owner", "Due"],
            )
        };
        let columns = table_columns(block.inner(list_area).width, &widths);
        let table_rows: Vec<Row> = drawn()
            .map(|a| {
                let mut cells = vec![
                    status(a),
                    one_line(&a.info.title),
                    actions.owner_name(a.info.owner),
                    due(a),
                ];
                if wide {
                    cells.push(goal_title(app, a));
                    cells.push(cycle_number(app, a));
                }
                // Cut with `…` to the column, not clipped.
                let row = Row::new(fit_cells(cells, &columns));
                match a.status {
                    ActionStatus::Open if a.is_overdue(today) => row.style(theme.warning()),
                    ActionStatus::Open => row,
                    ActionStatus::Done | ActionStatus::Dropped => row.style(theme.dim()),
                }
            })
            .collect();
        let table = Table::new(table_rows, widths)
            .header(Row::new(header).style(theme.title()))
            .block(block)
            .column_spacing(1)
            .row_highlight_style(theme.selected())
            .highlight_symbol("▶ ");
        let mut state =
            TableState::default().with_selected((!rows.is_empty()).then(|| selected - start));
        frame.render_stateful_widget(table, list_area, &mut state);
    }
    if let Some(area) = history_area {
        draw_history(frame, area, app, theme);
    }
}

/// The selected action's details and follow-ups, oldest first.
fn draw_history(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let today = app.today();
    let Some(a) = app
        .selected_row(Screen::Actions)
        .and_then(|i| app.actions().actions.get(i))
    else {
        let lines = vec![Line::styled("No action selected", theme.dim())];
        return detail_panel(frame, area, "History", lines, theme);
    };
    let actions = app.actions();
    let sep = || Span::styled(" · ", theme.dim());
    let mut lines = vec![
        Line::styled(one_line(&a.info.title), theme.title()),
        Line::from(vec![
            Span::styled("Owner ", theme.label()),
            Span::raw(actions.owner_name(a.info.owner)),
            sep(),
            Span::styled("Due ", theme.label()),
            Span::raw(
                a.info
                    .due
                    .map_or_else(|| "—".into(), |d| app.dates().date(d)),
            ),
            sep(),
            Span::styled("Goal ", theme.label()),
            Span::raw(goal_title(app, a)),
            sep(),
            Span::styled("Cycle ", theme.label()),
            Span::raw(cycle_number(app, a)),
        ]),
    ];
    let standing = super::widgets::standing(a, today, app.dates());
    lines.push(Line::from(vec![
        Span::styled("Now ", theme.label()),
        if a.is_overdue(today) {
            Span::styled(standing, theme.warning())
        } else {
            Span::raw(standing)
        },
    ]));
    let created = a.created_at.with_timezone(&Local).date_naive();
    let taken = match a.meeting {
        Some(m) => format!(
            "{}, in {}",
            app.dates().date(created),
            meeting_label(app, m)
        ),
        None => format!("{}, between meetings", app.dates().date(created)),
    };
    lines.push(Line::from(vec![
        Span::styled("Taken ", theme.label()),
        Span::raw(taken),
    ]));
    let updates = actions.updates.get(&a.id).map_or(&[][..], Vec::as_slice);
    if updates.is_empty() {
        lines.push(Line::styled(
            "No follow-up yet: u follows it up.",
            theme.dim(),
        ));
    } else {
        lines.push(Line::styled(
            format!("Follow-ups ({})", updates.len()),
            theme.label(),
        ));
        for u in updates {
            lines.extend(update_lines(app, u, theme));
        }
    }
    detail_panel(frame, area, "History · Enter hides", lines, theme);
}

/// One follow-up: when, the verdict, where it was given; what happened and was learned.
fn update_lines<'a>(app: &App, u: &ActionUpdate, theme: &Theme) -> Vec<Line<'a>> {
    let day = app.dates().day(u.at);
    let mut place = match u.meeting {
        Some(m) => format!("in {}", meeting_label(app, m)),
        None => "between meetings".into(),
    };
    if u.in_reflection {
        place.push_str(", reflecting on the cycle");
    }
    let mut out = vec![Line::from(vec![
        Span::raw(format!("{day}  ")),
        Span::styled(
            format!("{} {}", u.verdict.symbol(), u.verdict.label()),
            theme.title(),
        ),
        Span::styled(format!(" · {place}"), theme.dim()),
    ])];
    for (what, text) in [("happened", &u.note), ("learned", &u.learned)] {
        if !text.trim().is_empty() {
            out.push(Line::from(vec![
                Span::styled(format!("  {what}: "), theme.label()),
                Span::raw(one_line(text)),
            ]));
        }
    }
    out
}
