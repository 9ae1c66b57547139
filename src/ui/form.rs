//! Drawing a form: a label column, the fields, inline errors and the focused field's hint.

use super::Theme;
use crate::app::Form;
use crate::app::form::Input;
use crate::domain::text::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The label column: the marker (`▶ `), the longest label (15 columns) and a space, so
/// a label never runs into its field; a longer label is cut with "…".
const LABEL_WIDTH: u16 = 18;

/// Draws `form` filling `area`, scrolled so the focused field is visible.
pub fn draw(frame: &mut Frame, area: Rect, form: &Form, theme: &Theme) {
    let block = super::widgets::panel(
        format!("{} — Ctrl-S saves, Esc cancels", one_line(&form.title)),
        true,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [fields_area, hint_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(inner);

    // Height of each field including its error line.
    let heights: Vec<u16> = form
        .fields
        .iter()
        .map(|f| f.height() + error_rows(form.errors.for_field(f.key), fields_area.width))
        .collect();
    // First field to draw: as late as needed to keep the focused one in view.
    let mut first = 0;
    while first < form.focus && heights[first..=form.focus].iter().sum::<u16>() > fields_area.height
    {
        first += 1;
    }
    let mut y = fields_area.y;
    let bottom = fields_area.y + fields_area.height;
    for (i, field) in form.fields.iter().enumerate().skip(first) {
        let h = field.height();
        if y + h > bottom {
            break;
        }
        let focused = i == form.focus;
        let row = Rect::new(fields_area.x, y, fields_area.width, h);
        let [label_area, input_area] =
            Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Fill(1)]).areas(row);
        let marker = if focused { "▶ " } else { "  " };
        let style = if focused {
            theme.label_focused()
        } else {
            theme.label()
        };
        let label = super::chrome::truncate(
            &format!("{marker}{}", field.label),
            usize::from(LABEL_WIDTH - 1),
        );
        frame.render_widget(Line::styled(label, style), label_area);
        match &field.input {
            Input::Text { area, .. } => frame.render_widget(area.as_ref(), input_area),
            Input::Choice {
                options, selected, ..
            } => {
                frame.render_widget(
                    choice_line(options, *selected, focused, input_area.width, theme),
                    input_area,
                );
            }
            Input::Pick {
                options,
                ticked,
                cursor,
                ..
            } => frame.render_widget(
                pick_lines(options, ticked, *cursor, focused, h, theme),
                input_area,
            ),
        }
        y += h;
        if let Some(msg) = form.errors.for_field(field.key) {
            // The message wraps under the field, indented like the inputs.
            let rows = error_rows(Some(msg), fields_area.width).min(bottom.saturating_sub(y));
            if rows > 0 {
                let area = Rect::new(
                    fields_area.x + LABEL_WIDTH,
                    y,
                    fields_area.width.saturating_sub(LABEL_WIDTH),
                    rows,
                );
                let text =
                    Paragraph::new(Line::styled(format!("✗ {}", one_line(msg)), theme.error()))
                        .wrap(ratatui::widgets::Wrap { trim: true });
                frame.render_widget(text, area);
            }
            y += rows;
        }
    }
    if let Some(field) = form.fields.get(form.focus) {
        let multiline = matches!(
            field.input,
            Input::Text {
                multiline: true,
                ..
            }
        );
        let mut hint = vec![Span::styled(field.hint, theme.dim())];
        if multiline {
            hint.push(Span::styled(
                "  (Enter adds a line; Tab moves on)",
                theme.dim(),
            ));
        }
        let more = if form.fields.len() > 1 {
            format!("field {} of {}", form.focus + 1, form.fields.len())
        } else {
            String::new()
        };
        let text = vec![Line::from(hint), Line::styled(more, theme.dim())];
        frame.render_widget(Paragraph::new(text), hint_area);
    }
}

/// A choice: every option in a row with the chosen one in brackets, or, when they do not
/// fit, just the chosen one between arrows with its place in the list.
fn choice_line<'a>(
    options: &[String],
    selected: usize,
    focused: bool,
    width: u16,
    theme: &Theme,
) -> Line<'a> {
    let chosen_style = if focused {
        theme.selected()
    } else {
        theme.title()
    };
    let all: usize = options
        .iter()
        .map(|o| unicode_width::UnicodeWidthStr::width(one_line(o).as_str()) + 3)
        .sum();
    if all <= width as usize {
        let spans = options.iter().enumerate().map(|(j, o)| {
            if j == selected {
                Span::styled(format!("[{}] ", one_line(o)), chosen_style)
            } else {
                Span::styled(format!(" {}  ", one_line(o)), theme.dim())
            }
        });
        return Line::from(spans.collect::<Vec<_>>());
    }
    let value = options
        .get(selected)
        .map(|o| one_line(o))
        .unwrap_or_default();
    Line::from(vec![
        Span::styled("◀ ", theme.dim()),
        Span::styled(format!("[{value}]"), chosen_style),
        Span::styled(
            format!(" ▶  {} of {}", selected + 1, options.len()),
            theme.dim(),
        ),
    ])
}

/// A multiple choice: one option a row, `[x]` when ticked, the cursor's row marked
/// while focused; scrolled to keep the cursor in view.
fn pick_lines<'a>(
    options: &[String],
    ticked: &[bool],
    cursor: usize,
    focused: bool,
    rows: u16,
    theme: &Theme,
) -> Paragraph<'a> {
    if options.is_empty() {
        return Paragraph::new(Line::styled("(nothing to choose)", theme.dim()));
    }
    let rows = usize::from(rows).max(1);
    let first = cursor.saturating_sub(rows - 1);
    let lines: Vec<Line> = options
        .iter()
        .zip(ticked)
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, (o, t))| {
            let mark = if *t { "[x] " } else { "[ ] " };
            // The cursor has a mark as well as a style, so it shows without colour.
            let at = match (focused, i == cursor) {
                (false, _) => "",
                (true, true) => "▶ ",
                (true, false) => "  ",
            };
            let text = format!("{at}{mark}{}", one_line(o));
            if focused && i == cursor {
                Line::styled(text, theme.selected())
            } else if *t {
                Line::styled(text, theme.title())
            } else {
                Line::styled(text, theme.dim())
            }
        })
        .collect();
    Paragraph::new(lines)
}

/// Rows an error message needs under its field, wrapped beside the label column.
fn error_rows(msg: Option<&str>, width: u16) -> u16 {
    let Some(msg) = msg else { return 0 };
    let room = usize::from(width.saturating_sub(LABEL_WIDTH)).max(10);
    let w = unicode_width::UnicodeWidthStr::width(one_line(msg).as_str()) + 2;
    // Word wrapping can need a little more than the exact quotient.
    (w.div_ceil(room) + usize::from(w > room)).min(4) as u16
}
