//! Small pieces shared by the screens.

use super::Theme;
use crate::domain::text::{one_line, sanitize};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding};
use unicode_width::UnicodeWidthStr;

/// A bordered panel with a title; drawn plain (`render --plain`), the title alone on its
/// line, no frame, and one column kept free at the right so a panel beside it does not
/// run into its words.
pub fn panel<'a>(title: impl Into<String>, focused: bool, theme: &Theme) -> Block<'a> {
    if theme.is_plain() {
        return Block::new()
            .padding(Padding::right(1))
            .title(Span::styled(title.into(), theme.title()));
    }
    let mut b = Block::bordered()
        .border_type(BorderType::Rounded)
        .padding(Padding::horizontal(1))
        .title(Span::styled(format!(" {} ", title.into()), theme.title()));
    if focused {
        b = b.border_style(theme.border_focus());
    }
    b
}

/// Splits `area` into a list (left) and a detail panel (right).
pub fn list_and_detail(area: Rect, list_width: u16) -> [Rect; 2] {
    let w = list_width.min(area.width / 2).max(area.width * 2 / 5);
    Layout::horizontal([Constraint::Length(w), Constraint::Fill(1)]).areas(area)
}

/// [`list_and_detail`], or drawn plain the list above the detail, so that a screen
/// reader, reading line by line, reads each whole and never half of one beside the other.
pub fn list_then_detail(area: Rect, list_width: u16, theme: &Theme) -> [Rect; 2] {
    if theme.is_plain() {
        return stacked(area);
    }
    list_and_detail(area, list_width)
}

/// Two panels side by side (`left`, `right` wide), or drawn plain one above the other
/// (see [`list_then_detail`]).
pub fn beside(area: Rect, left: Constraint, right: Constraint, theme: &Theme) -> [Rect; 2] {
    if theme.is_plain() {
        return stacked(area);
    }
    Layout::horizontal([left, right]).areas(area)
}

fn stacked(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(area)
}

/// Lines of a labelled, possibly multi-line value for a detail panel. Empty values are
/// shown as a dim dash so the leader sees the field exists.
pub fn labelled<'a>(label: &'a str, value: &str, theme: &Theme) -> Vec<Line<'a>> {
    let value = sanitize(value, true);
    let mut lines = vec![Line::styled(label, theme.label())];
    if value.trim().is_empty() {
        lines.push(Line::styled("—", theme.dim()));
    } else {
        // No indent: wrapped lines could not keep it, and a ragged value reads worse.
        lines.extend(value.lines().map(|l| Line::from(l.to_string())));
    }
    lines
}

/// One line `label: value`.
pub fn field_line<'a>(label: &'a str, value: &str, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label}: "), theme.label()),
        Span::raw(one_line(value)),
    ])
}

/// A filter prompt shown in a list's bottom border while filtering; the text shown
/// selected while it is (typing replaces it: the Search query reopened).
pub fn filter_title(filter: &str, typing: bool, theme: &Theme) -> Line<'static> {
    filter_title_of(filter, typing, false, theme)
}

/// [`filter_title`] of the line being typed in `overlay`, its selection shown.
pub fn filter_title_typed(
    filter: &str,
    overlay: &crate::app::Overlay,
    theme: &Theme,
) -> Line<'static> {
    match overlay {
        crate::app::Overlay::Filter(area) => {
            filter_title_of(filter, true, area.is_selecting(), theme)
        }
        _ => filter_title_of(filter, false, false, theme),
    }
}

fn filter_title_of(filter: &str, typing: bool, selected: bool, theme: &Theme) -> Line<'static> {
    let text = match selected {
        true => Span::styled(one_line(filter), theme.selected()),
        false => Span::raw(one_line(filter)),
    };
    let mut spans = vec![Span::styled(" / ", theme.key()), text];
    if typing {
        spans.push(Span::styled("▏", theme.key()));
    }
    spans.push(Span::raw(" "));
    Line::from(spans)
}

/// `line` cut to `width` columns, ending with `…` when cut (a line of spans, as
/// [`truncate`](super::chrome::truncate) cuts a string): each span keeps its style, the
/// spans past the cut are left out.
pub fn fit_line(line: Line<'_>, width: usize) -> Line<'static> {
    let mut left = width;
    let mut spans = Vec::new();
    let cut = line.width() > width;
    for span in line.spans {
        let w = span.content.width();
        if !cut || w < left {
            left -= w;
            spans.push(Span::styled(span.content.into_owned(), span.style));
            continue;
        }
        // The span the cut falls in: what fits of it with `…` after.
        let mut kept = String::new();
        let mut used = 0;
        for c in span.content.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw + 1 > left {
                break;
            }
            kept.push(c);
            used += cw;
        }
        if left > 0 {
            kept.push('…');
        }
        spans.push(Span::styled(kept, span.style));
        break;
    }
    let mut out = Line::from(spans);
    out.style = line.style;
    out.alignment = line.alignment;
    out
}

/// An empty-state message for a list.
pub fn empty_state<'a>(lines: &[&'a str], theme: &Theme) -> Vec<Line<'a>> {
    let mut out = vec![Line::from("")];
    for (i, l) in lines.iter().enumerate() {
        out.push(if i == 0 {
            Line::styled(*l, theme.title())
        } else {
            Line::styled(*l, Style::new())
        });
    }
    out
}

/// The bordered block around a screen's main list: title with the row count, and the
/// filter in the bottom border while one is set or being typed.
pub fn list_block<'a>(app: &crate::app::App, title: &str, theme: &Theme) -> Block<'a> {
    let s = app.screen();
    let shown = app.visible(s).len();
    let filter = &app.list(s).filter;
    let typing = matches!(app.overlay(), crate::app::Overlay::Filter(_));
    let title = if filter.is_empty() {
        format!("{title} ({shown})")
    } else {
        format!("{title} ({shown} shown)")
    };
    let mut b = panel(title, true, theme);
    if typing || !filter.is_empty() {
        b = b.title_bottom(filter_title(filter, typing, theme));
    }
    b
}

/// A one-line bar `width` cells wide, filled to `ratio` (0 to 1) in `style`, the rest
/// dotted so the scale stays visible without colour. Drawn plain, the percentage in
/// words instead.
pub fn bar<'a>(ratio: f64, width: usize, style: Style, theme: &Theme) -> Line<'a> {
    if theme.is_plain() {
        let pct = (ratio.max(0.0) * 100.0).round();
        return Line::styled(format!("{pct:.0}%"), style);
    }
    let filled = ((ratio.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    Line::from(vec![
        Span::styled("█".repeat(filled), style),
        Span::styled("·".repeat(width - filled), theme.dim()),
    ])
}

/// `s` padded with spaces to `width` display columns (wide characters count double).
pub fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// Draws a list's empty state: the message centred inside the list's block.
pub fn empty_list(
    frame: &mut ratatui::Frame,
    area: Rect,
    block: Block<'_>,
    lines: &[&str],
    theme: &Theme,
) {
    let text = empty_state(lines, theme);
    frame.render_widget(
        ratatui::widgets::Paragraph::new(text)
            .centered()
            .block(block),
        area,
    );
}

/// Draws a detail panel: `lines`, wrapped, in a titled unfocused block.
pub fn detail_panel(
    frame: &mut ratatui::Frame,
    area: Rect,
    title: impl Into<String>,
    lines: Vec<Line<'_>>,
    theme: &Theme,
) {
    let text = ratatui::widgets::Paragraph::new(lines)
        .wrap(ratatui::widgets::Wrap { trim: false })
        .block(panel(title, false, theme));
    frame.render_widget(text, area);
}

/// The width of a table column: its widest cell or its header (dates written in the
/// settings' format vary in width).
pub fn column_width<S: AsRef<str>>(header: &str, cells: impl IntoIterator<Item = S>) -> u16 {
    let widest = cells
        .into_iter()
        .map(|c| c.as_ref().width())
        .fold(header.width(), usize::max);
    u16::try_from(widest).unwrap_or(u16::MAX)
}

/// The width of each column of a list's `Table` drawn `inner` columns wide (inside its
/// block) with the selection mark `▶ `, laid out as ratatui lays them (the mark's
/// column first, one column between columns, [`Flex::Start`](ratatui::layout::Flex)):
/// so a cell is cut to its width with `…` ([`fit_cells`], [`fit_line`]), never clipped.
pub fn table_columns(inner: u16, widths: &[Constraint]) -> Vec<usize> {
    spaced_columns(inner, widths, 1)
}

/// [`table_columns`] of a table drawn with `column_spacing(spacing)`.
pub fn spaced_columns(inner: u16, widths: &[Constraint], spacing: u16) -> Vec<usize> {
    let [_, columns] = Layout::horizontal([Constraint::Length(2), Constraint::Fill(0)])
        .areas(Rect::new(0, 0, inner, 1));
    Layout::horizontal(widths.iter().copied())
        .flex(ratatui::layout::Flex::Start)
        .spacing(spacing)
        .split(columns)
        .iter()
        .map(|c| usize::from(c.width))
        .collect()
}

/// A row's cells, each cut to its column's width ([`table_columns`]) with `…`.
pub fn fit_cells(cells: Vec<String>, columns: &[usize]) -> Vec<String> {
    cells
        .into_iter()
        .enumerate()
        .map(|(i, c)| match columns.get(i) {
            Some(&w) => super::chrome::truncate(&c, w),
            None => c,
        })
        .collect()
}

/// [`Action::standing`](crate::domain::Action::standing), its due date in the settings'
/// format.
pub fn standing(
    a: &crate::domain::Action,
    today: chrono::NaiveDate,
    dates: &crate::settings::Dates,
) -> String {
    let s = a.standing(today);
    match a.info.due {
        Some(d) if a.is_overdue(today) => s.replacen(&d.to_string(), &dates.date(d), 1),
        _ => s,
    }
}

/// "1 note", "3 notes".
pub fn plural(n: usize, word: &str) -> String {
    match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line cut ends with `…` inside the span the cut falls in, even at a span's end
    /// (where a cut by string would keep it whole and drop the mark); a line that fits is
    /// left as it is.
    #[test]
    fn fit_line_ends_a_cut_line_with_an_ellipsis() {
        let text = |l: Line<'_>| {
            l.spans
                .iter()
                .map(|s| s.content.to_string())
                .collect::<String>()
        };
        let line = || Line::from(vec![Span::raw("abc"), Span::raw("defgh")]);
        assert_eq!(text(fit_line(line(), 8)), "abcdefgh");
        assert_eq!(text(fit_line(line(), 5)), "abcd…");
        assert_eq!(text(fit_line(line(), 3)), "ab…");
        assert_eq!(text(fit_line(Line::from("日本語"), 4)), "日…");
        assert_eq!(text(fit_line(line(), 0)), "");
    }
}
