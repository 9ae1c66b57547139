//! The help overlay, generated from the keymap so it always tells the truth.

use super::Theme;
use crate::app::{App, Command, Mode, Screen, keymap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws every binding that applies on the current screen, grouped by mode, in as many
/// columns as the width allows.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    // The modes that matter where the leader is: while running a meeting, typing a note
    // and voting; elsewhere, filtering and forms. Questions and choosers show their own
    // keys.
    let modes: &[Mode] = if app.screen() == Screen::Live {
        &[Mode::Browse, Mode::Note, Mode::Vote]
    } else {
        &[Mode::Browse, Mode::Filter, Mode::Form]
    };
    let mut lines: Vec<Line> = Vec::new();
    for &mode in modes {
        let entries = entries(mode, app.screen());
        if entries.is_empty() {
            continue;
        }
        let key_w = entries
            .iter()
            .map(|(k, _)| unicode_width::UnicodeWidthStr::width(k.as_str()))
            .max()
            .unwrap_or(0);
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        lines.push(Line::styled(mode.title(), theme.title()));
        for (keys, label) in entries {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {}  ", super::widgets::pad(&keys, key_w)),
                    theme.key(),
                ),
                Span::raw(label.to_string()),
            ]));
        }
    }
    let popup = area;
    super::clear(frame, popup);
    let block = super::widgets::panel(
        format!("Help — {} (Esc closes)", app.screen().title()),
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

/// The help lines of one mode: (keys, what they do), with the five screen keys folded
/// into one line.
fn entries(mode: Mode, screen: Screen) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    let mut screens_done = false;
    // The live screen has no list: moving through one does nothing there.
    let listless = !screen.has_list() && mode == Mode::Browse;
    let list_move = |c: Command| {
        matches!(
            c,
            Command::Up
                | Command::Down
                | Command::PageUp
                | Command::PageDown
                | Command::Top
                | Command::Bottom
                | Command::Filter
        )
    };
    for bd in keymap::bindings(mode, screen) {
        if listless && list_move(bd.command) {
            continue;
        }
        if matches!(bd.command, Command::GoTo(_)) {
            if !screens_done {
                let keys: Vec<String> = keymap::bindings(mode, screen)
                    .filter(|b| matches!(b.command, Command::GoTo(_)))
                    .map(keymap::keys_label)
                    .collect();
                let span = match (keys.first(), keys.last()) {
                    (Some(a), Some(b)) if keys.len() > 1 => format!("{a}–{b}"),
                    _ => keys.concat(),
                };
                out.push((span, "go to a screen"));
                screens_done = true;
            }
            continue;
        }
        // The row digits of a chooser read as one line.
        if let Command::ChooseNth(n) = bd.command {
            if n == 1 {
                out.push(("1–9".to_string(), "choose that row"));
            }
            continue;
        }
        out.push((keymap::keys_label(bd), bd.label));
    }
    out
}
