//! The terminal: the only code that touches it. Sets up raw mode and the alternate
//! screen (restored on exit and on panic by `ratatui::init`), then runs the event loop.
//! The loop blocks on input, so an idle screen uses no CPU.

use crate::app::{App, Screen};
use crate::domain::SystemClock;
use crate::store::Store;
use anyhow::{Context, Result};
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use std::io::IsTerminal;
use std::path::Path;

/// Opens the interactive app on the database at `db`, on `start` if given.
pub fn run(db: &Path, start: Option<Screen>) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the interactive app needs a terminal; for scripts use `roundtable render`, `export` or `import`"
        );
    }
    let (store, _lock) = Store::open_exclusive(db)?;
    let mut app = App::new(store, Box::new(SystemClock));
    app.set_color(std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()));
    // A first screen asked for by the caller (the demo opens on its roster), unless the
    // app is already asking something (resuming a live meeting).
    if let Some(screen) = start.filter(|_| matches!(app.overlay(), crate::app::Overlay::None)) {
        app.handle(crate::app::Command::GoTo(screen));
    }

    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    // ratatui's hook restores raw mode and the screen on a panic; also end bracketed paste.
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        restore(info);
    }));
    let result = event_loop(&mut terminal, &mut app);
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> Result<()> {
    while !app.quit_requested() {
        let frame = terminal.draw(|f| crate::ui::draw(f, app))?;
        app.set_size(frame.area.width, frame.area.height);
        // Tick only while a meeting is live (see `App::tick_interval`); otherwise block on
        // input so an idle screen uses no CPU.
        if let Some(every) = app.tick_interval()
            && !event::poll(every)?
        {
            app.tick();
            continue;
        }

        match event::read()? {
            Event::Key(key) => app.on_key(key),
            Event::Paste(text) => app.on_paste(&text),
            _ => {} // Resize and focus changes just redraw.
        }
    }
    Ok(())
}
