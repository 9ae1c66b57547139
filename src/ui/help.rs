//! The help overlay, generated from the keymap so it always tells the truth.

use super::Theme;
use crate::app::keys::Keymap;
use crate::app::{App, Command, Mode, Screen};
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
    // Typing a filter and forms only where a key of the screen opens one (the views that
    // only scroll have neither).
    let opens = |pick: fn(Command) -> bool| {
        app.keymap()
            .bindings(Mode::Browse, app.screen())
            .any(|r| pick(r.binding.command))
    };
    let modes = modes.iter().filter(|m| match m {
        // `S` elsewhere opens the Search screen: only there is its query line typed.
        Mode::Filter => app.screen() == Screen::Search || opens(|c| c == Command::Filter),
        Mode::Form => opens(opens_form),
        _ => true,
    });
    let mut lines: Vec<Line> = Vec::new();
    for &mode in modes {
        let entries = entries(app.keymap(), mode, app.screen());
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
    // Search: how to write the query, dates included (typed into it, no key of their own).
    if app.screen() == Screen::Search {
        lines.push(Line::from(""));
        lines.push(Line::styled("Writing the query", theme.title()));
        for l in super::search::QUERY_LINES {
            lines.push(Line::from(format!("  {l}")));
        }
    }
    let popup = area;
    super::clear(frame, popup);
    // Columns as wide as their lines; as many as fit side by side make a page.
    let inner_w = popup.width.saturating_sub(2) as usize;
    let rows = popup.height.saturating_sub(2).max(1) as usize;
    let columns: Vec<(Vec<Line>, usize)> = lines
        .chunks(rows)
        .map(|c| {
            let w = c.iter().map(Line::width).max().unwrap_or(0) + 2;
            (c.to_vec(), w)
        })
        .collect();
    let mut pages: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = 0;
    for (i, (_, w)) in columns.iter().enumerate() {
        if let Some(page) = pages.last_mut()
            && (page.is_empty() || used + w <= inner_w)
        {
            page.push(i);
            used += w;
        } else {
            pages.push(vec![i]);
            used = *w;
        }
    }
    let n = pages.len() as i32;
    let at = app.help_page().rem_euclid(n.max(1)) as usize;
    let title = if n > 1 {
        format!(
            "Help — {} · page {}/{n}: PgDn more · Esc closes",
            app.screen().title(),
            at + 1
        )
    } else {
        format!("Help — {} (Esc closes)", app.screen().title())
    };
    let block = super::widgets::panel(title, true, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let shown: Vec<&(Vec<Line>, usize)> = pages
        .get(at)
        .into_iter()
        .flatten()
        .filter_map(|&i| columns.get(i))
        .collect();
    // One page spreads its columns over the width; pages keep them as wide as they are.
    let widths: Vec<Constraint> = shown
        .iter()
        .map(|(_, w)| match n {
            1 => Constraint::Fill(1),
            _ => Constraint::Length(*w as u16),
        })
        .collect();
    let cols = Layout::horizontal(widths).split(inner);
    for ((chunk, _), col) in shown.iter().zip(cols.iter()) {
        frame.render_widget(Paragraph::new(chunk.clone()), *col);
    }
}

/// Whether a command opens a form (to type into).
fn opens_form(c: Command) -> bool {
    matches!(
        c,
        Command::New
            | Command::Edit
            | Command::EditAgreements
            | Command::EditMeeting
            | Command::SaveTemplate
            | Command::AddGuest
            | Command::AddNewMember
            | Command::ActionsFollowUp
            | Command::NextPhase
            | Command::ChoosePhase
    )
}

/// The help lines of one mode in the keymap in effect: (keys, what they do), with the
/// screen keys folded into one line.
fn entries(keymap: &Keymap, mode: Mode, screen: Screen) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    let mut screens_done = false;
    // The live screen and the views have no list: moving through one does nothing there.
    // Search's hits are a list too (read a page at a time).
    let listless = !screen.has_list() && screen != Screen::Search && mode == Mode::Browse;
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
    for row in keymap.bindings(mode, screen) {
        let bd = row.binding;
        // The summary and the views have no list, but scroll (the first and last row are
        // the top and the bottom).
        let scrolls = matches!(
            screen,
            Screen::Summary | Screen::Profile | Screen::Insights | Screen::MeetingView
        ) && list_move(bd.command)
            && bd.command != Command::Filter;
        if listless && list_move(bd.command) && !scrolls {
            continue;
        }
        if scrolls && matches!(bd.command, Command::Top | Command::Bottom) {
            let label = match bd.command {
                Command::Top => "to the top",
                _ => "to the bottom",
            };
            out.push((row.keys_label(), label));
            continue;
        }
        // The digit keys to the screens read as one line; another key that goes to a
        // screen (Enter on the summary) is a line of its own.
        let digit = row.keys_label().chars().all(|c| c.is_ascii_digit());
        if matches!(bd.command, Command::GoTo(_)) && digit {
            if !screens_done {
                let keys: Vec<String> = keymap
                    .bindings(mode, screen)
                    .filter(|r| matches!(r.binding.command, Command::GoTo(_)))
                    .map(|r| r.keys_label())
                    .filter(|k| k.chars().all(|c| c.is_ascii_digit()))
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
        // (A remapped one is a line of its own.)
        if let (Command::ChooseNth(n), None) = (bd.command, row.line) {
            if n == 1 {
                out.push(("1–9".to_string(), "choose that row"));
            }
            continue;
        }
        out.push((row.keys_label(), bd.label));
    }
    out
}
