//! Communities (home): the list, and the plan of the selected one.

use super::Theme;
use super::widgets::{
    detail_panel, empty_list, empty_state, field_line, fit_line, labelled, list_block,
    list_then_detail, panel,
};
use crate::app::{App, Screen};
use crate::domain::text::one_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

/// Where the list and the detail are drawn (the mouse's hit test uses the same function).
pub(super) fn areas(area: Rect, theme: &Theme) -> [Rect; 2] {
    list_then_detail(area, 34, theme)
}

/// Draws the Communities screen.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [list_area, detail_area] = areas(area, theme);
    let rows = app.visible(Screen::Communities);
    let block = list_block(app, "Communities", theme);
    if app.browse().communities.is_empty() {
        empty_list(
            frame,
            list_area,
            block,
            &[
                "No communities yet.",
                "",
                "Press n to create one,",
                "or run `roundtable demo`",
                "to explore a sample.",
            ],
            theme,
        );
    } else {
        // What a row may take beside the selection mark; a longer one is cut with `…`.
        let room = usize::from(block.inner(list_area).width.saturating_sub(2));
        let items: Vec<ListItem> = rows
            .iter()
            .map(|&i| {
                let c = &app.browse().communities[i];
                // Markers first, so a long name cannot push them out of view.
                let mut spans = Vec::new();
                if app
                    .browse()
                    .community
                    .as_ref()
                    .is_some_and(|cur| cur.id == c.id)
                {
                    spans.push(Span::styled("● ", theme.accent()));
                }
                if c.archived {
                    spans.push(Span::styled("(archived) ", theme.dim()));
                }
                spans.push(Span::raw(one_line(&c.info.name)));
                ListItem::new(fit_line(Line::from(spans), room))
            })
            .collect();
        let list = List::new(items)
            .block(block)
            .highlight_style(theme.selected())
            .highlight_symbol("▶ ");
        let mut state = ListState::default()
            .with_selected((!rows.is_empty()).then(|| app.list(Screen::Communities).selected));
        frame.render_stateful_widget(list, list_area, &mut state);
    }

    let Some(c) = app.browse().selected_community() else {
        let text = empty_state(
            &[
                "A learning community is a group that meets",
                "regularly to learn together.",
                "",
                "Give it a purpose, a cadence and a place;",
                "then add its members and goals.",
            ],
            theme,
        );
        frame.render_widget(
            Paragraph::new(text).block(panel("About", false, theme)),
            detail_area,
        );
        return;
    };
    let i = &c.info;
    let mut lines = vec![];
    let cadence = i
        .cadence
        .map(|c| c.to_string())
        .unwrap_or_else(|| "ad hoc (no fixed cadence)".into());
    lines.push(field_line("Meets", &cadence, theme));
    lines.push(field_line("Mode", i.mode.label(), theme));
    lines.push(field_line(
        "Where",
        if i.place.is_empty() { "—" } else { &i.place },
        theme,
    ));
    lines.push(field_line(
        "Length",
        &format!("{} min", i.meeting_minutes),
        theme,
    ));
    let leader = match &c.leader {
        Some(l) => format!(
            "{} ({}, {} since {})",
            l.member_name,
            l.role.as_str(),
            l.chosen_by.label(),
            app.dates().date(l.since)
        ),
        None => "— (none recorded)".into(),
    };
    lines.push(field_line("Leader", &leader, theme));
    let earlier: Vec<String> = app
        .browse()
        .leadership
        .iter()
        .filter(|(id, t)| *id == c.id && t.until.is_some())
        .map(|(_, t)| {
            let until = t.until.map(|d| app.dates().date(d)).unwrap_or_default();
            format!(
                "{} ({}, {}) {} – {until}",
                one_line(&t.member_name),
                t.role.as_str(),
                t.chosen_by.label(),
                app.dates().date(t.since)
            )
        })
        .collect();
    // How the group will function: its working agreements (issue 9).
    if let Some(agreements) = app.browse().agreements.get(&c.id) {
        lines.push(Line::from(""));
        lines.push(Line::styled("Working agreements", theme.label()));
        lines.extend(
            agreements
                .iter()
                .map(|a| Line::from(format!("• {}", one_line(a)))),
        );
    }
    lines.push(Line::from(""));
    lines.extend(labelled("Purpose", &i.purpose, theme));
    if !earlier.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::styled("Earlier leaders", theme.label()));
        lines.extend(earlier.into_iter().map(Line::from));
    }

    if c.archived {
        lines.push(Line::from(""));
        lines.push(Line::styled("Archived: press x to restore.", theme.dim()));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        "Enter opens its roster · e edits",
        theme.dim(),
    ));
    lines.push(Line::styled("w edits its working agreements", theme.dim()));
    detail_panel(frame, detail_area, one_line(&i.name), lines, theme);
}
