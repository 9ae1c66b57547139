//! `roundtable present`: the shared screen in a second terminal (a projector, or a
//! window shared in a call). It opens the file read-only (no lock, no writes: SQLite WAL
//! lets it read while the leader's app writes) and follows the live meeting:
//! - while a meeting is live it wakes once a second to move the clocks, re-reading the
//!   meeting only when the file changed (`PRAGMA data_version`);
//! - while none is live it sleeps until the file changes (inotify on Linux; elsewhere it
//!   looks every few seconds) or a key is pressed.
//!
//! No network, and never more than one re-read a second, however busy the file is.

use crate::app::present::Presenter;
use crate::domain::SystemClock;
use crate::store::Store;
use anyhow::{Context, Result};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyModifiers};
use std::io::IsTerminal;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// Fewest time between two re-reads of the file.
const EVERY: Duration = Duration::from_secs(1);
/// Where the file cannot be watched: how often to look while no meeting is live.
const IDLE_LOOK: Duration = Duration::from_secs(5);

/// Why the loop woke.
enum Wake {
    Key(KeyEvent),
    Resize,
    /// The database (or its WAL) was written.
    File,
}

/// Opens the shared screen on the database at `db`, in `theme` (unless `NO_COLOR`).
pub fn run(db: &Path, theme: crate::app::ThemeName) -> Result<()> {
    if !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "the shared screen needs a terminal; for a one-off text view use `roundtable render present`"
        );
    }
    let store = Store::open_read_only(db)?;
    let mut presenter = Presenter::new(store, Box::new(SystemClock));
    presenter.refresh()?;
    let (tx, rx) = mpsc::channel();
    let watching = watch(db, tx.clone()).is_ok();
    std::thread::spawn(move || read_keys(&tx));

    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let theme = crate::ui::Theme::of(theme, color);
    let result = event_loop(&mut terminal, &mut presenter, &rx, watching, &theme);
    ratatui::restore();
    result
}

fn read_keys(tx: &Sender<Wake>) {
    loop {
        let wake = match event::read() {
            Ok(Event::Key(k)) => Wake::Key(k),
            Ok(Event::Resize(..)) => Wake::Resize,
            Ok(_) => continue,
            // The terminal is gone: nothing more will come.
            Err(_) => return,
        };
        if tx.send(wake).is_err() {
            return;
        }
    }
}

fn is_quit(k: &KeyEvent) -> bool {
    matches!(k.code, KeyCode::Char('q') | KeyCode::Esc)
        || (k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL))
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    presenter: &mut Presenter,
    rx: &Receiver<Wake>,
    watching: bool,
    theme: &crate::ui::Theme,
) -> Result<()> {
    let mut last_read = Instant::now();
    let mut status: Option<String> = None;
    loop {
        let view = presenter.view();
        let now = presenter.now();
        terminal.draw(|f| {
            crate::ui::present::draw(f, view.as_ref(), now, status.as_deref(), theme);
        })?;
        let wait = if presenter.is_live() {
            Some(EVERY)
        } else if watching {
            None
        } else {
            Some(IDLE_LOOK)
        };
        let woke = match wait {
            Some(d) => rx.recv_timeout(d),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match woke {
            Ok(Wake::Key(k)) if is_quit(&k) => return Ok(()),
            Ok(Wake::Key(_) | Wake::Resize) => continue,
            Ok(Wake::File) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        // At most one re-read a second, however often the file is written.
        let since = last_read.elapsed();
        if since < EVERY {
            std::thread::sleep(EVERY - since);
        }
        // Writes that came meanwhile are covered by this read; keys still count.
        while let Ok(w) = rx.try_recv() {
            if let Wake::Key(k) = w
                && is_quit(&k)
            {
                return Ok(());
            }
        }
        last_read = Instant::now();
        status = match presenter.refresh() {
            Ok(_) => None,
            Err(e) => Some(format!("Could not read the meeting (trying again): {e}")),
        };
    }
}

/// Wakes the loop whenever the database file or its WAL is written.
#[cfg(target_os = "linux")]
fn watch(db: &Path, tx: Sender<Wake>) -> std::io::Result<()> {
    use rustix::fs::inotify::{self, CreateFlags, WatchFlags};
    use std::mem::MaybeUninit;
    let name = db
        .file_name()
        .map(|n| n.as_encoded_bytes().to_vec())
        .unwrap_or_default();
    let dir = match db.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let fd = inotify::init(CreateFlags::CLOEXEC)?;
    inotify::add_watch(
        &fd,
        &dir,
        WatchFlags::MODIFY | WatchFlags::CLOSE_WRITE | WatchFlags::CREATE | WatchFlags::MOVED_TO,
    )?;
    std::thread::spawn(move || {
        let mut buf = [MaybeUninit::uninit(); 4096];
        let mut events = inotify::Reader::new(&fd, &mut buf);
        loop {
            match events.next() {
                Ok(ev) => {
                    let ours = ev
                        .file_name()
                        .is_some_and(|n| n.to_bytes().starts_with(&name));
                    if ours && tx.send(Wake::File).is_err() {
                        return;
                    }
                }
                Err(rustix::io::Errno::INTR) => continue,
                // The watch is gone; the loop still moves the clocks while live.
                Err(_) => return,
            }
        }
    });
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn watch(_db: &Path, _tx: Sender<Wake>) -> std::io::Result<()> {
    Err(std::io::Error::other(
        "file watching is only built on Linux",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn q_esc_and_ctrl_c_quit_the_shared_screen_and_other_keys_do_not() {
        // Raw mode turns Ctrl-C into a key rather than SIGINT: the loop must see it.
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(is_quit(&ctrl_c));
        assert!(is_quit(&KeyEvent::from(KeyCode::Char('q'))));
        assert!(is_quit(&KeyEvent::from(KeyCode::Esc)));
        assert!(!is_quit(&KeyEvent::from(KeyCode::Char('c'))));
        assert!(!is_quit(&KeyEvent::from(KeyCode::Char(' '))));
    }
}
