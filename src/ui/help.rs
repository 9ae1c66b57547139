//! The help overlay, generated from the keymap so it always tells the truth.

use super::Theme;
use crate::app::{App, Mode, keymap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws every binding that applies on the current screen, grouped by mode, in as many
/// columns as the width allows.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let mut lines: Vec<Line> = Vec::new();
    // Questions and this overlay show their own keys; the help lists the rest.
    for mode in [Mode::Browse, Mode::Filter, Mode::Form] {
        let group: Vec<_> = keymap::bindings(mode, app.screen).collect();
        if group.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        lines.push(Line::styled(mode.title(), theme.title()));
        for bd in group {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<12}", keymap::keys_label(bd)), theme.key()),
                Span::raw(bd.label),
            ]));
        }
    }
    let popup = area;
    super::clear(frame, popup);
    let block = super::widgets::panel(
        format!("Help — {} (Esc closes)", app.screen.title()),
        true,
        theme,
    );
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let rows = inner.height.max(1) as usize;
    let ncols = lines.len().div_ceil(rows).max(1);
    let cols = Layout::horizontal(vec![Constraint::Fill(1); ncols]).split(inner);
    for (i, col) in cols.iter().enumerate() {
        let chunk: Vec<Line> = lines.iter().skip(i * rows).take(rows).cloned().collect();
        frame.render_widget(Paragraph::new(chunk), *col);
    }
}
