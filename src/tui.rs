//! The terminal: the only code that touches it. Sets up raw mode, the alternate screen
//! and bracketed paste, and puts them back on every way out: a normal quit, a panic
//! (`ratatui::init`'s hook), SIGTERM and SIGINT (the app records a heartbeat, restores
//! the terminal and exits 0), and Ctrl-Z or SIGTSTP (restored while suspended, set up
//! and redrawn on `fg`). The loop blocks on input, so an idle screen uses no CPU; a
//! signal wakes it through crossterm's own resize wake-up.

pub mod present;

use crate::app::{App, Screen};
use crate::domain::SystemClock;
use crate::store::Store;
use anyhow::{Context, Result};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode, KeyEvent, KeyEventKind,
    KeyModifiers,
};
use ratatui::crossterm::{cursor, execute, terminal};
use std::io::IsTerminal;
use std::path::Path;

/// Opens the interactive app on the database at `db`, on `start` if given, in `theme`
/// (unless `NO_COLOR`).
pub fn run(db: &Path, start: Option<Screen>, theme: crate::app::ThemeName) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the interactive app needs a terminal; for scripts use `roundtable render`, `export` or `import`"
        );
    }
    let (store, _lock) = Store::open_exclusive(db)?;
    let mut app = App::new(store, Box::new(SystemClock));
    app.set_color(std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()));
    app.set_theme(theme);
    // The meeting view's `M` writes minutes where Roundtable was started (without a
    // current folder, it writes beside the database and says where).
    if let Ok(dir) = std::env::current_dir() {
        app.set_export_dir(dir);
    }
    // A first screen asked for by the caller (the demo opens on its roster), unless the
    // app is already asking something (resuming a live meeting).
    if let Some(screen) = start.filter(|_| matches!(app.overlay(), crate::app::Overlay::None)) {
        app.handle(crate::app::Command::GoTo(screen));
    }

    // Watched before the terminal changes, so no signal finds it half set up.
    let signals = signals::Watch::start().context("cannot watch for signals")?;
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    // ratatui's hook restores raw mode and the screen on a panic; also end bracketed paste.
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste, cursor::Show);
        restore(info);
    }));
    let result = event_loop(&mut terminal, &mut app, &signals);
    leave_terminal();
    drop(signals);
    result
}

/// Puts the terminal back as the shell had it: bracketed paste off, cooked mode, the
/// main screen, the cursor shown.
fn leave_terminal() {
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let _ = execute!(std::io::stdout(), cursor::Show);
}

/// Sets the terminal up again after a suspend, and makes the next draw repaint it all.
fn enter_terminal(terminal: &mut ratatui::DefaultTerminal) -> Result<()> {
    terminal::enable_raw_mode().context("cannot set up the terminal")?;
    execute!(
        std::io::stdout(),
        terminal::EnterAlternateScreen,
        EnableBracketedPaste
    )
    .context("cannot set up the terminal")?;
    // A resize to the current size clears the screen and forgets what was drawn, so the
    // next draw repaints everything. (`Terminal::clear` would ask the terminal for the
    // cursor position, which a shell that just gave the terminal back may not answer.)
    let size = terminal.size().context("cannot read the terminal size")?;
    terminal
        .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
        .context("cannot redraw the terminal")?;
    Ok(())
}

/// Suspends the app as a shell's Ctrl-Z would, with the terminal restored meanwhile;
/// returns once the shell continues it (`fg`), with the terminal set up again.
fn suspend(terminal: &mut ratatui::DefaultTerminal) -> Result<()> {
    leave_terminal();
    signals::stop_self();
    enter_terminal(terminal)
}

fn is_suspend_key(key: &KeyEvent) -> bool {
    key.kind == KeyEventKind::Press
        && key.code == KeyCode::Char('z')
        && key.modifiers.contains(KeyModifiers::CONTROL)
}

/// Before quitting on a signal: see [`App::save_before_exit`].
fn save_before_exit(app: &mut App) {
    if let Err(e) = app.save_before_exit() {
        eprintln!("roundtable: {}", crate::domain::text::one_line(&e));
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    signals: &signals::Watch,
) -> Result<()> {
    while !app.quit_requested() {
        let pending = signals.take();
        if pending.stop {
            save_before_exit(app);
            break;
        }
        if pending.suspend {
            suspend(terminal)?;
        } else if pending.resumed {
            // Continued after a stop we did not see coming (SIGSTOP): set up and repaint.
            enter_terminal(terminal)?;
        }
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
            Event::Key(key) if is_suspend_key(&key) => suspend(terminal)?,
            Event::Key(key) => app.on_key(key),
            Event::Paste(text) => app.on_paste(&text),
            _ => {} // Resize (and a signal's wake-up) and focus changes just redraw.
        }
    }
    Ok(())
}

/// Signals, through `signal-hook`: a watcher thread notes them and wakes the event loop,
/// which acts on them between events (nothing but noting happens in a signal handler).
mod signals {
    use signal_hook::consts::{SIGCONT, SIGINT, SIGTERM, SIGTSTP, SIGWINCH};
    use signal_hook::iterator::{Handle, Signals};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU8, Ordering};

    const STOP: u8 = 1;
    const SUSPEND: u8 = 2;
    const RESUMED: u8 = 4;

    /// What arrived since the loop last looked.
    #[derive(Debug, Default, Clone, Copy)]
    pub struct Pending {
        /// SIGTERM or SIGINT: save and quit.
        pub stop: bool,
        /// SIGTSTP (from `kill`; in raw mode Ctrl-Z arrives as a key).
        pub suspend: bool,
        /// SIGCONT: continued after a stop.
        pub resumed: bool,
    }

    /// The watcher; stops watching (default handling again) when dropped.
    pub struct Watch {
        pending: Arc<AtomicU8>,
        handle: Handle,
    }

    impl Watch {
        pub fn start() -> std::io::Result<Self> {
            let mut signals = Signals::new([SIGTERM, SIGINT, SIGTSTP, SIGCONT])?;
            let handle = signals.handle();
            let pending = Arc::new(AtomicU8::new(0));
            let noted = Arc::clone(&pending);
            std::thread::Builder::new()
                .name("signals".into())
                .spawn(move || {
                    for signal in signals.forever() {
                        let bit = match signal {
                            SIGTERM | SIGINT => STOP,
                            SIGTSTP => SUSPEND,
                            _ => RESUMED,
                        };
                        noted.fetch_or(bit, Ordering::SeqCst);
                        // Wake the loop blocked in `event::read`: crossterm watches SIGWINCH
                        // and answers it with a Resize event, which just redraws.
                        let _ = signal_hook::low_level::raise(SIGWINCH);
                    }
                })?;
            Ok(Self { pending, handle })
        }

        /// Takes what arrived since the last call.
        pub fn take(&self) -> Pending {
            let bits = self.pending.swap(0, Ordering::SeqCst);
            Pending {
                stop: bits & STOP != 0,
                suspend: bits & SUSPEND != 0,
                resumed: bits & RESUMED != 0,
            }
        }
    }

    impl Drop for Watch {
        fn drop(&mut self) {
            self.handle.close();
        }
    }

    /// Stops this process as SIGTSTP's default action would; returns when continued.
    pub fn stop_self() {
        let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
    }
}
