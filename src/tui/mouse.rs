//! The mouse: a click is hit-tested on what is drawn ([`crate::ui::layout::hit_test`])
//! and becomes the commands a key would give; the wheel is the arrow keys (page keys in
//! the help). Everything a click does, a key does too.

use crate::app::{App, Command, Mode, Overlay, Screen, keymap};
use crate::ui::layout::{Target, hit_test};
use ratatui::crossterm::event::MouseEventKind;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent};
use ratatui::layout::Rect;
use std::time::{Duration, Instant};

/// Two clicks on the same cell within this time are a double click.
pub const DOUBLE_CLICK: Duration = Duration::from_millis(400);

/// Lines one wheel step scrolls a long text (a list moves one row).
const TEXT_STEP: usize = 3;

/// What the mouse remembers between events: the last click, to tell a double click.
#[derive(Debug, Default)]
pub struct Mouse {
    last_click: Option<(u16, u16, Instant)>,
}

impl Mouse {
    /// Applies one mouse event, `at` the given instant, to the app drawn in `area`.
    pub fn on_event(&mut self, app: &mut App, area: Rect, ev: MouseEvent, at: Instant) {
        if app.too_small() {
            return;
        }
        let double = matches!(ev.kind, MouseEventKind::Down(MouseButton::Left))
            && self.last_click.is_some_and(|(c, r, t)| {
                (c, r) == (ev.column, ev.row) && at.saturating_duration_since(t) <= DOUBLE_CLICK
            });
        if let MouseEventKind::Down(MouseButton::Left) = ev.kind {
            // A third click starts over.
            self.last_click = (!double).then_some((ev.column, ev.row, at));
        }
        let commands = commands(app, area, ev, double);
        if commands.is_empty() {
            return;
        }
        for cmd in commands {
            app.handle(cmd);
        }
        // As after a key: the live meeting's heartbeat and the drafts are kept.
        app.tick();
    }
}

/// The commands a mouse event stands for in the app drawn in `area` (`double`: the
/// second click of a double click).
pub fn commands(app: &App, area: Rect, ev: MouseEvent, double: bool) -> Vec<Command> {
    match ev.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            click(app, hit_test(app, area, ev.column, ev.row), double)
                .into_iter()
                .collect()
        }
        MouseEventKind::ScrollDown => wheel(app, true),
        MouseEventKind::ScrollUp => wheel(app, false),
        // Other buttons, drags, releases and moves mean nothing.
        _ => Vec::new(),
    }
}

/// A left click on `target`: what the keys would do there.
fn click(app: &App, target: Option<Target>, double: bool) -> Option<Command> {
    let mode = app.mode();
    match target? {
        // Tabs are the number keys, which only act while browsing.
        Target::Tab(s) => (mode == Mode::Browse).then_some(Command::GoTo(s)),
        Target::Hint(cmd) => Some(cmd),
        Target::Row(n) => {
            let selected = app.list(app.screen()).selected == n;
            match mode {
                Mode::Browse if selected || double => enter_on_row(app),
                Mode::Browse | Mode::Filter => Some(Command::SelectRow(n)),
                _ => None,
            }
        }
        Target::Choice(n) => match app.overlay() {
            Overlay::Choose(c) if c.selected == n || double => Some(Command::Open),
            _ => Some(Command::SelectRow(n)),
        },
        Target::Vote(n) => Some(Command::SelectRow(n)),
    }
}

/// What Enter does on a row of the screen's list (open the community, the meeting, the
/// plan, the profile…) in the keymap in effect (with the settings' overrides), if it acts
/// on the row.
fn enter_on_row(app: &App) -> Option<Command> {
    let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    (app.keymap().lookup(Mode::Browse, app.screen(), &enter))
        .filter(|&cmd| keymap::needs_row(cmd, app.screen()))
}

/// A wheel step: ↓/↑ where they mean something (three lines in a long text), PgDn/PgUp
/// in the help.
fn wheel(app: &App, down: bool) -> Vec<Command> {
    let (mode, screen) = (app.mode(), app.screen());
    let bound =
        |cmd: Command| (app.keymap().bindings(mode, screen)).any(|r| r.binding.command == cmd);
    let (line, page) = if down {
        (Command::Down, Command::PageDown)
    } else {
        (Command::Up, Command::PageUp)
    };
    if mode == Mode::Help {
        return vec![page];
    }
    if !bound(line) {
        return Vec::new();
    }
    let text = mode == Mode::Browse
        && match screen {
            Screen::Summary | Screen::MeetingView | Screen::Profile | Screen::Insights => true,
            Screen::Cycles => app.cycles().detail.is_some(),
            _ => false,
        };
    vec![line; if text { TEXT_STEP } else { 1 }]
}
