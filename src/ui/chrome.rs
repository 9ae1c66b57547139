//! The frame around every screen: tabs on top, the status line and key hints below,
//! and the yes/no question popup.

use super::Theme;
use crate::app::{App, Chooser, Command, Confirm, Screen};
use crate::domain::text::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// The top bar: app name, screen tabs, the chosen community. Seven tabs do not fit 80
/// columns with the app's name, so the bar gives up, in turn, the name and then the tabs'
/// full words (`4 Meet.`), keeping room for the community's name where it can.
pub fn tabs(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let spans: Vec<Span> = tab_bar(app, area.width, theme)
        .into_iter()
        .map(|(span, _)| span)
        .collect();
    frame.render_widget(Line::from(spans), area);
}

/// The tab bar's spans, each with the tab it shows (the mouse clicks on the same spans).
fn tab_bar(app: &App, width: u16, theme: &Theme) -> Vec<(Span<'static>, Option<Screen>)> {
    let width = width as usize;
    let name = app
        .browse()
        .community
        .as_ref()
        .map(|c| one_line(&c.info.name));
    let wanted = name.as_deref().map_or(0, |n| {
        unicode_width::UnicodeWidthStr::width(n).min(NAME_ROOM)
    });
    let bar = |brand: bool, short: bool| -> Vec<(Span<'static>, Option<Screen>)> {
        let mut spans = vec![(
            if brand {
                Span::styled(" Roundtable ", theme.brand())
            } else {
                Span::raw("")
            },
            None,
        )];
        for s in Screen::TABS {
            spans.push((Span::raw(" "), None));
            let title = if short { s.short_title() } else { s.title() };
            let text = format!("{} {title}", s.index() + 1);
            let style = if s == app.screen().tab() {
                theme.tab_active()
            } else {
                theme.tab()
            };
            spans.push((Span::styled(text, style), Some(s)));
        }
        spans
    };
    let width_of =
        |spans: &[(Span<'_>, Option<Screen>)]| spans.iter().map(|(s, _)| s.width()).sum::<usize>();
    let mut spans = [(true, false), (false, false), (false, true)]
        .into_iter()
        .map(|(brand, short)| bar(brand, short))
        .find(|spans| width_of(spans) + 3 + wanted <= width)
        .unwrap_or_else(|| bar(false, true));
    let used = width_of(&spans);
    if let Some(name) = name {
        let room = width.saturating_sub(used + 3);
        let name = truncate(&name, room);
        if !name.is_empty() {
            let pad = room.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()));
            spans.push((Span::raw(" ".repeat(pad + 2)), None));
            spans.push((Span::styled(name, theme.accent()), None));
        }
    }
    spans
}

/// The tab drawn at `column` of the tab bar drawn in `area`, if any (the mouse).
pub fn tab_at(app: &App, area: Rect, column: u16, theme: &Theme) -> Option<Screen> {
    span_at(tab_bar(app, area.width, theme), area, column)
}

/// What the span at `column` of a line drawn from `area.x` carries.
fn span_at<T: Copy>(spans: Vec<(Span<'_>, Option<T>)>, area: Rect, column: u16) -> Option<T> {
    let mut x = usize::from(area.x);
    for (span, what) in spans {
        let w = span.width();
        if (x..x + w).contains(&usize::from(column)) {
            return what;
        }
        x += w;
    }
    None
}

/// Columns the top bar tries to keep for the community's name.
const NAME_ROOM: usize = 12;

/// Cuts `s` to at most `width` columns, ending with `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// The status line: the result of the last thing the leader did. An error starts with
/// `✗`, so it is told from news without colour too.
pub fn status(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if let Some(st) = app.status() {
        let (mark, style) = if st.is_error {
            ("✗ ", theme.error())
        } else {
            ("", theme.ok())
        };
        // Cut with `…` when longer than the line, so a cut message reads as cut.
        let text = format!(" {mark}{}", one_line(&st.text));
        frame.render_widget(
            Line::styled(truncate(&text, usize::from(area.width)), style),
            area,
        );
    }
}

/// Key hints for what can be done now, from the keymap.
pub fn footer(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let spans: Vec<Span> = footer_spans(app, area.width, theme)
        .into_iter()
        .map(|(span, _)| span)
        .collect();
    frame.render_widget(Line::from(spans), area);
}

/// The footer's spans, each hint's key and label with the command it stands for (a
/// click on either runs it).
fn footer_spans(app: &App, width: u16, theme: &Theme) -> Vec<(Span<'static>, Option<Command>)> {
    let mut spans = vec![(Span::raw(" "), None)];
    let mut used = 1;
    // Lists that are empty (or screens with no list) leave out keys that act on a row.
    let has_rows = !app.screen().has_list() || !app.visible(app.screen()).is_empty();
    for (keys, label) in app.keymap().hints(app.mode(), app.screen(), has_rows) {
        // The binding the hint was made from; one that does nothing now is left out.
        let command = app
            .keymap()
            .bindings(app.mode(), app.screen())
            .find(|r| r.binding.label == label && r.keys_label() == keys)
            .map(|r| r.binding.command);
        if command.is_some_and(|c| !app.offers(c)) {
            continue;
        }
        let w = keys.chars().count() + label.chars().count() + 3;
        if used + w > width as usize {
            break;
        }
        used += w;
        spans.push((Span::styled(keys, theme.key()), command));
        spans.push((Span::styled(format!(" {label}  "), theme.dim()), command));
    }
    spans
}

/// The command of the footer hint drawn at `column` of the footer in `area` (the mouse).
pub fn hint_at(app: &App, area: Rect, column: u16, theme: &Theme) -> Option<Command> {
    span_at(footer_spans(app, area.width, theme), area, column)
}

/// A yes/no question over the screen.
pub fn confirm(frame: &mut Frame, area: Rect, c: &Confirm, theme: &Theme) {
    let popup = area.centered(
        Constraint::Length(area.width.min(60)),
        Constraint::Length(6),
    );
    super::clear(frame, popup);
    let text = vec![
        Line::from(one_line(&c.question)),
        Line::from(""),
        Line::from(vec![
            Span::styled("y", theme.key()),
            Span::raw(" yes    "),
            Span::styled("n", theme.key()),
            Span::raw("/"),
            Span::styled("Esc", theme.key()),
            Span::raw(" no"),
        ]),
    ];
    let block = super::widgets::panel(c.title(), true, theme);
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(block),
        popup,
    );
}

/// Where a chooser is drawn over `area`: the popup, its list and the description.
pub fn chooser_areas(area: Rect, c: &Chooser, theme: &Theme) -> [Rect; 3] {
    let h = (c.options.len() as u16 + 6).min(area.height);
    let popup = area.centered(
        Constraint::Length(area.width.min(70)),
        Constraint::Length(h),
    );
    let inner = super::widgets::panel("", true, theme).inner(popup);
    let [list_area, desc_area] =
        ratatui::layout::Layout::vertical([Constraint::Fill(1), Constraint::Length(3)])
            .areas(inner);
    [popup, list_area, desc_area]
}

/// A short list to choose from, with a description of the highlighted entry.
pub fn chooser(frame: &mut Frame, area: Rect, c: &Chooser, theme: &Theme) {
    use ratatui::widgets::{List, ListItem, ListState};
    let [popup, list_area, desc_area] = chooser_areas(area, c, theme);
    super::clear(frame, popup);
    let block = super::widgets::panel(c.title.clone(), true, theme);
    frame.render_widget(block, popup);
    let items: Vec<ListItem> = c
        .options
        .iter()
        .map(|(name, _)| ListItem::new(one_line(name)))
        .collect();
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(c.selected));
    frame.render_stateful_widget(list, list_area, &mut state);
    if let Some((_, desc)) = c.options.get(c.selected) {
        frame.render_widget(
            Paragraph::new(Line::styled(one_line(desc), theme.dim())).wrap(Wrap { trim: true }),
            desc_area,
        );
    }
}
