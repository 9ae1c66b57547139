//! The icebreaker library: filters, the list, and a preview of the selected one.

use super::Theme;
use super::widgets::{
    detail_panel, empty_list, field_line, fit_line, labelled, list_block, list_then_detail, panel,
};
use crate::app::{App, Screen};
use crate::domain::text::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

/// Where the filters, the list and the detail are drawn (the mouse's hit test uses the same function).
pub(super) fn areas(area: Rect, theme: &Theme) -> [Rect; 3] {
    let [filters, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let [list_area, detail_area] = list_then_detail(body, 40, theme);
    [filters, list_area, detail_area]
}

/// Draws the Icebreakers screen.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [filters, list_area, detail_area] = areas(area, theme);
    let f = &app.library().filter;
    let chip = |key: &'static str, label: String, on: bool| {
        vec![
            Span::styled(key, theme.key()),
            Span::styled(
                format!(" {label}  "),
                if on { theme.accent() } else { theme.dim() },
            ),
        ]
    };
    let mut spans = vec![Span::raw(" ")];
    spans.extend(chip(
        "c",
        f.category
            .map_or("any category".into(), |c| c.as_str().to_string()),
        f.category.is_some(),
    ));
    spans.extend(chip(
        "r",
        if f.remote {
            "remote-friendly only".into()
        } else {
            "in person or online".into()
        },
        f.remote,
    ));
    spans.extend(chip(
        "m",
        f.max_minutes
            .map_or("any length".into(), |m| format!("≤ {m} min")),
        f.max_minutes.is_some(),
    ));
    spans.extend(chip(
        "d",
        f.depth
            .map_or("any depth".into(), |d| d.as_str().to_string()),
        f.depth.is_some(),
    ));
    frame.render_widget(Line::from(spans), filters);

    let rows = app.visible(Screen::Icebreakers);
    let title = if app.library().pick_for.is_some() {
        "Pick an icebreaker"
    } else {
        "Icebreakers"
    };
    let block = list_block(app, title, theme);
    if rows.is_empty() {
        empty_list(
            frame,
            list_area,
            block,
            &[
                "Nothing matches.",
                "",
                "Loosen the filters (c r m d)",
                "or clear the search (Esc).",
            ],
            theme,
        );
    } else {
        // What a row may take beside the selection mark; a longer one is cut with `…`.
        let room = usize::from(block.inner(list_area).width.saturating_sub(2));
        let items: Vec<ListItem> = rows
            .iter()
            .map(|&i| {
                let ice = &app.library().icebreakers[i];
                let mut spans = vec![Span::raw(one_line(&ice.info.title))];
                spans.push(Span::styled(format!(" {}′", ice.info.minutes), theme.dim()));
                if !ice.is_builtin() {
                    spans.push(Span::styled(" ✎", theme.accent()));
                }
                ListItem::new(fit_line(Line::from(spans), room))
            })
            .collect();
        let list = List::new(items)
            .block(block)
            .highlight_style(theme.selected())
            .highlight_symbol("▶ ");
        let mut state =
            ListState::default().with_selected(Some(app.list(Screen::Icebreakers).selected));
        frame.render_stateful_widget(list, list_area, &mut state);
    }

    let Some(ice) = app.library().selected_icebreaker() else {
        frame.render_widget(
            Paragraph::new("").block(panel("Preview", false, theme)),
            detail_area,
        );
        return;
    };
    let i = &ice.info;
    let mut lines = vec![
        field_line("Category", i.category.as_str(), theme),
        field_line(
            "Takes",
            &format!(
                "{} min · groups of {}–{} · {} depth",
                i.minutes,
                i.min_group,
                i.max_group,
                i.depth.as_str()
            ),
            theme,
        ),
        field_line(
            "Online",
            if i.remote_friendly {
                "works online"
            } else {
                "in person only"
            },
            theme,
        ),
        field_line(
            "Source",
            if ice.is_builtin() {
                "built-in library"
            } else {
                "yours (e edits)"
            },
            theme,
        ),
        Line::from(""),
    ];
    lines.extend(labelled("Prompt", &i.prompt, theme));
    if app.library().pick_for.is_some() {
        lines.push(Line::from(""));
        lines.push(Line::styled(
            "Enter puts it on the agenda · s suggests one",
            theme.dim(),
        ));
    }
    detail_panel(frame, detail_area, one_line(&i.title), lines, theme);
}
