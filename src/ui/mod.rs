//! Rendering: pure functions from `&App` to a frame. Nothing here names the store, the
//! command line, the system clock or the terminal (the time comes from [`App::now`]),
//! and every user-typed string passes through [`crate::domain::text::sanitize`] before
//! it is drawn. `roundtable render` (in `cli`) builds the app and calls
//! [`app_to_text`].

mod actions;
// Themes: `render --color` (issue 12).
mod ansi;
mod attendance;
mod chrome;
mod communities;
mod cycles;
mod form;
mod goals;
mod help;
mod icebreakers;
// Mouse hit testing (issue 12, native).
pub mod layout;
// Insights (issue 10).
mod insights;
mod live;
mod live_cycle;
mod live_overlays;
mod live_prompts;
mod live_review;
mod meeting_view;
mod meetings;
mod plan;
pub mod present;
mod profile;
mod roster;
// Search (issue 10, searchui).
mod search;
mod summary;
pub mod theme;
pub mod widgets;

use crate::app::{App, Overlay, Screen};
use ratatui::Frame;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Clear, Paragraph, Wrap};
pub use theme::Theme;

pub use crate::app::{MIN_HEIGHT, MIN_WIDTH};

/// Draws the whole app.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = Theme::for_app(app);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        if matches!(app.overlay(), Overlay::Help) {
            return help::draw(frame, area, app, &theme);
        }
        let mut lines = vec![
            Line::styled("Terminal too small", theme.error()),
            Line::from(format!(
                "Roundtable needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.",
                area.width, area.height
            )),
            Line::from("Enlarge the window; nothing is lost meanwhile."),
            Line::from(until_larger(app)),
        ];
        // A question is offered only where its answer acts; another waits, said so.
        if let Overlay::Confirm(c) = app.overlay() {
            lines.push(if app.answers_while_too_small() {
                Line::styled(format!("{} (y/n)", c.question), theme.title())
            } else {
                Line::styled(
                    format!("A question waits for a larger window: {}", c.question),
                    theme.title(),
                )
            });
        }
        let msg = Text::from(lines);
        frame.render_widget(
            Paragraph::new(msg).wrap(Wrap { trim: true }).centered(),
            area,
        );
        return;
    }
    let [top, body, status, footer] = layout::areas(area);
    chrome::tabs(frame, top, app, &theme);
    match app.overlay() {
        Overlay::Form(form) => form::draw(frame, body, form, &theme),
        _ => draw_screen(frame, body, app, &theme),
    }
    chrome::status(frame, status, app, &theme);
    chrome::footer(frame, footer, app, &theme);
    match app.overlay() {
        Overlay::Help => help::draw(frame, body, app, &theme),
        Overlay::Confirm(c) => chrome::confirm(frame, body, c, &theme),
        Overlay::Choose(c) => chrome::chooser(frame, body, c, &theme),
        Overlay::Note(n) => live_overlays::draw_note_editor(frame, body, app, n, &theme),
        Overlay::Vote(v) => live_overlays::draw_votes(frame, body, app, v, &theme),
        _ => {}
    }
}

/// What acts until the window is larger, as the keymap says for what is open ("only ?
/// (help) and q (quit)"; in a form, where they are typed, nothing).
fn until_larger(app: &App) -> String {
    let keys: Vec<String> = app
        .keys_while_too_small()
        .into_iter()
        .map(|(keys, what)| format!("{keys} ({what})"))
        .collect();
    match keys.as_slice() {
        [] => "Until then no key acts: what is open stays as it is.".to_string(),
        [one] => format!("Until then only {one} acts."),
        [rest @ .., last] => format!("Until then only {} and {last} act.", rest.join(", ")),
    }
}

fn draw_screen(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if app.screen().needs_community() && app.browse().community.is_none() {
        let text = Text::from(vec![
            Line::from(""),
            Line::styled("No community chosen", theme.title()),
            Line::from(""),
            Line::from("Press 1 for Communities, pick one with ↑/↓ and press Enter."),
        ]);
        frame.render_widget(
            Paragraph::new(text).centered().block(widgets::panel(
                app.screen().title(),
                false,
                theme,
            )),
            area,
        );
        return;
    }
    match app.screen() {
        Screen::Communities => communities::draw(frame, area, app, theme),
        Screen::Roster => roster::draw(frame, area, app, theme),
        Screen::Goals => goals::draw(frame, area, app, theme),
        Screen::Meetings => meetings::draw_upcoming(frame, area, app, theme),
        Screen::History => meetings::draw_history(frame, area, app, theme),
        Screen::Cycles => cycles::draw(frame, area, app, theme),
        Screen::Plan => plan::draw(frame, area, app, theme),
        Screen::Actions => actions::draw(frame, area, app, theme),
        Screen::Icebreakers => icebreakers::draw(frame, area, app, theme),
        Screen::Attendance => attendance::draw_attendance(frame, area, app, theme),
        Screen::Live => live::draw(frame, area, app, theme),
        Screen::Summary => summary::draw(frame, area, app, theme),
        Screen::Profile => profile::draw(frame, area, app, theme),
        Screen::Insights => insights::draw(frame, area, app, theme),
        Screen::MeetingView => meeting_view::draw(frame, area, app, theme),
        Screen::Search => search::draw(frame, area, app, theme),
    }
}

/// Clears `area` for a popup.
pub(crate) fn clear(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
}

/// Renders `app` at `width`×`height` and returns the screen as plain text lines.
pub fn app_to_text(app: &App, width: u16, height: u16) -> String {
    screen_text(
        &app_to_buffer(app, width, height),
        &Theme::for_app(app),
        false,
    )
}

/// Renders `app` at `width`×`height` as text with ANSI colour codes (`render --color`).
pub fn app_to_ansi(app: &App, width: u16, height: u16) -> String {
    screen_text(
        &app_to_buffer(app, width, height),
        &Theme::for_app(app),
        true,
    )
}

/// Renders `app` at `width`×`height` into a buffer (its cells keep their styles).
pub fn app_to_buffer(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = match ratatui::Terminal::new(TestBackend::new(width, height)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    match terminal.draw(|f| draw(f, app)) {
        Ok(frame) => frame.buffer.clone(),
        Err(e) => match e {},
    }
}

/// A rendered screen as text, with colour codes if `ansi`, and plain for a screen
/// reader when `theme` is.
pub fn screen_text(buf: &Buffer, theme: &Theme, ansi: bool) -> String {
    let text = if ansi {
        ansi::buffer_to_ansi(buf)
    } else {
        buffer_to_text(buf)
    };
    if theme.is_plain() {
        plain_text(&text)
    } else {
        text
    }
}

/// Screen text for a screen reader (`render --plain`): no padding at either end of a
/// line (centring, a list's mark column), blank lines not repeated, none at the start or
/// the end (the frames are already left out by `widgets::panel`).
pub fn plain_text(text: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The symbols of a buffer, one line per row, trailing spaces trimmed.
pub fn buffer_to_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        // A double-width character covers the next cell; that cell is not printed.
        let mut covered = 0;
        for x in 0..buf.area.width {
            if covered > 0 {
                covered -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            covered = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }

        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
