//! The terminal: the only code that touches it. Sets up raw mode, the alternate screen,
//! bracketed paste and mouse capture, and puts them back on every way out: a normal
//! quit, a panic (`ratatui::init`'s hook), SIGTERM and SIGINT (the app records a
//! heartbeat, restores the terminal and exits 0), Ctrl-Z or SIGTSTP (restored while
//! suspended, set up and redrawn on `fg`), and the leader's editor (restored while it
//! runs, as for Ctrl-Z). The loop blocks on input, so an idle screen uses no CPU; a
//! signal wakes it through crossterm's own resize wake-up.

// The leader's $EDITOR for long text, and the mouse (issue 12, native).
pub mod editor;
pub mod mouse;
pub mod present;

use crate::app::{App, Screen};
use crate::domain::SystemClock;
use crate::store::Store;
use anyhow::{Context, Result};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, Event, KeyCode,
    KeyEvent, KeyEventKind, KeyModifiers,
};
use ratatui::crossterm::{cursor, execute, terminal};
use std::io::IsTerminal;
use std::path::Path;

/// What the terminal says while an older database is brought up to date, before the
/// app's first frame (the path on one line, without control characters).
fn upgrade_notice(db: &Path, found: i64, latest: i64) -> String {
    crate::domain::text::one_line(&format!(
        "Bringing {} up to date (schema {found} to {latest}). With years of history this \
         can take a minute or two; if it is stopped, nothing is lost and it starts again \
         next time.",
        db.display()
    ))
}

/// Opens the interactive app on the database at `db`, on `start` if given, with the
/// leader's `settings` (their problems are said on the status line).
pub fn run(db: &Path, start: Option<Screen>, settings: crate::settings::Settings) -> Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the interactive app needs a terminal; for scripts use `roundtable render`, `export` or `import`"
        );
    }
    // The lock first: an instance that is refused says nothing about upgrading. An
    // upgrade is pending only for an existing file, which the lock needs.
    let (store, _lock) = match Store::upgrade_pending(db) {
        Some((found, latest)) => {
            let lock = crate::store::lock::InstanceLock::acquire(db)?;
            eprintln!("{}", upgrade_notice(db, found, latest));
            (Store::open(db)?, lock)
        }
        None => Store::open_exclusive(db)?,
    };
    let mut app = App::new(store, Box::new(SystemClock));
    app.set_color(std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()));
    app.configure(settings);
    // The meeting view's `M` writes minutes where Roundtable was started (without a
    // current folder, it writes beside the database and says where).
    if let Ok(dir) = std::env::current_dir() {
        app.set_export_dir(dir);
    }
    // A first screen asked for by the caller (the demo opens on its roster), unless the
    // app is already asking something (resuming a live meeting). `demo --live` asks
    // for the live screen: the meeting it made live a moment ago runs at once.
    match start {
        Some(Screen::Live) => app.run_left_live(),
        Some(screen) if matches!(app.overlay(), crate::app::Overlay::None) => {
            app.handle(crate::app::Command::GoTo(screen));
        }
        _ => {}
    }

    // Watched before the terminal changes, so no signal finds it half set up.
    let signals = signals::Watch::start().context("cannot watch for signals")?;
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let _ = execute!(std::io::stdout(), EnableBracketedPaste, EnableClicks);
    // ratatui's hook restores raw mode and the screen on a panic; also end bracketed paste
    // and mouse capture.
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(
            std::io::stdout(),
            DisableMouseCapture,
            DisableBracketedPaste,
            cursor::Show
        );
        restore(info);
    }));
    let result = event_loop(&mut terminal, &mut app, &signals);
    leave_terminal();
    drop(signals);
    result
}

/// Puts the terminal back as the shell had it: mouse capture and bracketed paste off,
/// cooked mode, the main screen, the cursor shown.
fn leave_terminal() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    ratatui::restore();
    let _ = execute!(std::io::stdout(), cursor::Show);
}

/// Sets the terminal up again after a suspend, and makes the next draw repaint it all.
fn enter_terminal(terminal: &mut ratatui::DefaultTerminal) -> Result<()> {
    terminal::enable_raw_mode().context("cannot set up the terminal")?;
    execute!(
        std::io::stdout(),
        terminal::EnterAlternateScreen,
        EnableBracketedPaste,
        EnableClicks
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

/// Mouse reports of presses, releases and the wheel only, in SGR form: crossterm's
/// `EnableMouseCapture` also asks for every motion, and each would wake the loop for a
/// redraw while the pointer merely crosses the window. (`DisableMouseCapture` ends both.)
struct EnableClicks;

impl ratatui::crossterm::Command for EnableClicks {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h")
    }
}

/// Opens `text` in the leader's editor with the terminal restored meanwhile (as for
/// Ctrl-Z), then sets the terminal up again; the text the editor left, or why not.
/// `tick` runs about every second meanwhile: a live meeting's heartbeat goes on, so the
/// shared screen does not take the leader for gone (review r9).
fn edit_suspended(
    terminal: &mut ratatui::DefaultTerminal,
    signals: &signals::Watch,
    text: &str,
    tick: &mut dyn FnMut(),
) -> Result<Result<String>> {
    leave_terminal();
    let chosen = crate::editor::editor_command();
    let outcome = editor::edit_text(text, |path| wait_for_editor(&chosen, path, signals, tick));
    // Whatever came while the editor ran was for the editor (see `wait_for_editor`).
    signals.take_while_editing();
    enter_terminal(terminal)?;
    Ok(outcome)
}

/// Runs the editor on `path` and waits for it. Meanwhile Ctrl-C belongs to the editor
/// (SIGINT is not a reason to quit, as with git), and a Ctrl-Z in the editor stops
/// Roundtable with it, so the shell sees the job stopped and `fg` brings both back.
/// SIGTERM stays noted for the loop, which saves and quits once the editor is done.
fn wait_for_editor(
    chosen: &str,
    path: &Path,
    signals: &signals::Watch,
    tick: &mut dyn FnMut(),
) -> Result<()> {
    let mut child = crate::editor::spawn(chosen, path)?;
    let mut ticked = std::time::Instant::now();
    loop {
        if let Some(status) = child
            .try_wait()
            .with_context(|| format!("could not wait for the editor `{chosen}`"))?
        {
            return crate::editor::check(chosen, status);
        }
        if signals.take_while_editing() {
            signals::stop_self();
        }
        if ticked.elapsed() >= std::time::Duration::from_secs(1) {
            tick();
            ticked = std::time::Instant::now();
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
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
    let mut mouse = mouse::Mouse::default();
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
        let area = frame.area;
        app.set_size(area.width, area.height);
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
            Event::Mouse(ev) => mouse.on_event(app, area, ev, std::time::Instant::now()),
            _ => {} // Resize (and a signal's wake-up) and focus changes just redraw.
        }
        // Ctrl-G in a text field: the leader's editor, then the text back in the field.
        if let Some(request) = app.take_edit_request() {
            let outcome = edit_suspended(terminal, signals, &request.text, &mut || app.tick())?;
            app.editor_done(request, outcome.map_err(|e| format!("{e:#}")));
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
    /// SIGINT, apart from SIGTERM: while the editor runs, Ctrl-C is the editor's.
    const INTERRUPT: u8 = 8;

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
                            SIGTERM => STOP,
                            SIGINT => INTERRUPT,
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
                stop: bits & (STOP | INTERRUPT) != 0,
                suspend: bits & SUSPEND != 0,
                resumed: bits & RESUMED != 0,
            }
        }
    }

    impl Watch {
        /// While the leader's editor runs: drops SIGINT, SIGTSTP and SIGCONT (they were
        /// the editor's), keeping SIGTERM for the loop; whether a SIGTSTP came.
        pub fn take_while_editing(&self) -> bool {
            let bits = self
                .pending
                .fetch_and(!(INTERRUPT | SUSPEND | RESUMED), Ordering::SeqCst);
            bits & SUSPEND != 0
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

#[cfg(test)]
mod tests {
    /// The upgrade notice names the file on one line and never writes its control
    /// characters to the terminal.
    #[test]
    fn the_upgrade_notice_is_one_safe_line() {
        let path = std::path::Path::new("/tmp/evil\x1b[2J\nname.db");
        let notice = super::upgrade_notice(path, 9, 11);
        assert!(notice.contains("schema 9 to 11"), "{notice}");
        assert!(
            !notice.contains('\x1b') && !notice.contains('\n'),
            "{notice:?}"
        );
    }
}
