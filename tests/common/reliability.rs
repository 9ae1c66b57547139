//! Helpers for the reliability proofs (crash trials, storage faults, hostile input,
//! property tests, scale, privacy): screens and status as text, a live meeting, tmpfs
//! mounts and a full disk, form filling, raw terminal bytes, per-case database files,
//! and the timer and screen-versus-store checks. Re-exported from `common`.

use super::{clock, pin_timezone, plan_meeting, populate, press};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roundtable::app::App;
use roundtable::domain::FakeClock;
use roundtable::store::Store;
use std::path::Path;

/// The screen at 80x24 as text.
pub fn screen(app: &App) -> String {
    roundtable::ui::app_to_text(app, 80, 24)
}

/// The status line's text ("" when there is none) and whether it is an error.
pub fn status(app: &App) -> (String, bool) {
    app.status()
        .as_ref()
        .map_or((String::new(), false), |s| (s.text.clone(), s.is_error))
}

/// Starts the first planned meeting of the app's community from the Meetings screen
/// (attendance: everyone present) and gives the floor to the first speaker.
pub fn start_live(app: &mut App) {
    press(app, "4s<Enter>");
    assert!(
        app.live().is_running(),
        "a meeting is live:\n{}",
        screen(app)
    );
    // Someone has the floor: the next speaker in a round, or on an open-floor item the
    // first one offered by the "who is talking" chooser.
    press(app, "<Space>");
    if app.mode() == roundtable::app::Mode::Choose {
        press(app, "1");
    }
}

/// A tmpfs mounted for one test; unmounted (lazily, so a busy mount never blocks)
/// when dropped.
pub struct Mount {
    pub path: std::path::PathBuf,
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.path)
            .status();
    }
}

/// Mounts a tmpfs of `kib` KiB at `dir/mnt`, or prints a visible SKIPPED line (with
/// why) and returns `None` where mounting is not permitted (not root, no CAP_SYS_ADMIN).
pub fn tmpfs(dir: &Path, kib: u32, test: &str) -> Option<Mount> {
    let path = dir.join("mnt");
    std::fs::create_dir_all(&path).expect("mount point");
    let out = std::process::Command::new("mount")
        .args([
            "-t",
            "tmpfs",
            "-o",
            &format!("size={kib}k,mode=0700"),
            "tmpfs",
        ])
        .arg(&path)
        .output();
    match out {
        Ok(o) if o.status.success() => Some(Mount { path }),
        Ok(o) => {
            eprintln!(
                "SKIPPED {test}: cannot mount a tmpfs here ({})",
                String::from_utf8_lossy(&o.stderr).trim()
            );
            None
        }
        Err(e) => {
            eprintln!("SKIPPED {test}: cannot run mount ({e})");
            None
        }
    }
}

/// Remounts a tmpfs read-only (or read-write again).
pub fn remount(m: &Mount, read_only: bool) {
    let opt = if read_only {
        "remount,ro"
    } else {
        "remount,rw"
    };
    let out = std::process::Command::new("mount")
        .args(["-o", opt])
        .arg(&m.path)
        .output()
        .expect("run mount");
    assert!(
        out.status.success(),
        "mount -o {opt}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Fills the file system holding `dir` with a filler file until it is full; returns
/// the filler (delete it to free the space).
pub fn fill_disk(dir: &Path) -> std::path::PathBuf {
    use std::io::Write;
    let filler = dir.join("filler");
    let mut f = std::fs::File::create(&filler).expect("create the filler");
    let block = vec![0u8; 64 * 1024];
    loop {
        if f.write_all(&block).is_err() {
            break;
        }
    }
    // Also the last few bytes.
    while f.write_all(&[0u8; 512]).is_ok() {}
    while f.write_all(&[0u8]).is_ok() {}
    let _ = f.sync_all();
    filler
}

/// Every file in `dir` with its bytes, for "nothing changed" checks.
pub fn files_in(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("read the folder")
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect()
}

/// Form fields that take free text (the others parse: dates, minutes, cadence…).
pub const FREE_TEXT: &[&str] = &[
    "name",
    "purpose",
    "place",
    "role",
    "brings",
    "hopes",
    "learning_style",
    "strengths",
    "growth_areas",
    "title",
    "success_measure",
    "leader_notes",
    "description",
    "prompt",
    "topic",
];

/// Fills every free-text field of the open form with `text(key)`, pasted as a terminal
/// pastes (or, with `typed`, key by key), moving with Tab as a leader does; leaves the
/// fields that parse as they are. Returns the keys filled.
pub fn fill_form(app: &mut App, text: impl Fn(&str) -> String, typed: bool) -> Vec<&'static str> {
    use roundtable::app::Overlay;
    use roundtable::app::form::Input;
    let fields: Vec<(&'static str, bool)> = match app.overlay() {
        Overlay::Form(f) => f
            .fields
            .iter()
            .map(|x| (x.key, matches!(x.input, Input::Text { .. })))
            .collect(),
        _ => panic!("no form is open:\n{}", screen(app)),
    };
    let start = match app.overlay() {
        Overlay::Form(f) => f.focus,
        _ => 0,
    };
    let mut filled = Vec::new();
    for i in 0..fields.len() {
        let (key, is_text) = fields[(start + i) % fields.len()];
        if is_text && FREE_TEXT.contains(&key) {
            let t = text(key);
            if typed {
                for c in t.chars() {
                    app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
                }
            } else {
                app.on_paste(&t);
            }
            filled.push(key);
        }
        press(app, "<Tab>");
    }
    filled
}

/// Draws the app into a real terminal backend writing to memory: the exact bytes a
/// terminal would receive for this frame (cursor moves, styles and text).
pub fn raw_frame(app: &App, width: u16, height: u16) -> Vec<u8> {
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::{Terminal, TerminalOptions, Viewport};
    use std::sync::{Arc, Mutex};

    /// A writer whose bytes stay readable after the backend owns it.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("not poisoned").extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    let out = Shared::default();
    let backend = CrosstermBackend::new(out.clone());
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let mut terminal =
        Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
    terminal
        .draw(|f| roundtable::ui::draw(f, app))
        .expect("draw");
    drop(terminal);
    out.0.lock().expect("not poisoned").clone()
}

/// The app over the database file at `path` (colours off, the fixed clock).
pub fn open_app(path: &Path) -> App {
    pin_timezone();
    let s = Store::open(path).expect("open the database file");
    let mut app = App::new(s, Box::new(clock()));
    app.set_color(false);
    app
}

/// What a property test starts from.
#[derive(Debug, Clone, Copy)]
pub enum Start {
    Empty,
    Fixture,
    /// The fixture plus a planned meeting.
    WithMeeting,
    /// That meeting started, on its round-robin item, the first speaker talking.
    LiveRound,
}

/// A database file for one property-test case, in memory-backed storage where the
/// machine has it (`/dev/shm`: commits need no disk flush), removed when dropped.
pub struct CaseDb {
    _dir: tempfile::TempDir,
}

/// The bytes of a closed database file holding what `start` needs (built once per test
/// binary: creating a store seeds the icebreaker library, which takes a while).
fn template(start: Start) -> &'static [u8] {
    use std::sync::OnceLock;
    static EMPTY: OnceLock<Vec<u8>> = OnceLock::new();
    static FIXTURE: OnceLock<Vec<u8>> = OnceLock::new();
    static MEETING: OnceLock<Vec<u8>> = OnceLock::new();
    let (cell, meeting) = match start {
        Start::Empty => (&EMPTY, None),
        Start::Fixture => (&FIXTURE, Some(false)),
        Start::WithMeeting | Start::LiveRound => (&MEETING, Some(true)),
    };
    cell.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("template.db");
        {
            let mut s = Store::open(&path).expect("template store");
            if let Some(with_meeting) = meeting {
                let ids = populate(&mut s);
                if with_meeting {
                    plan_meeting(&mut s, &ids);
                }
            }
        }
        std::fs::read(&path).expect("read the template")
    })
}

/// The app for `start` on its own database file, with a handle on its (fake) clock to
/// move time on.
pub fn app_at(start: Start) -> (App, FakeClock, CaseDb) {
    pin_timezone();
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm).or_else(|_| tempfile::tempdir())
    } else {
        tempfile::tempdir()
    }
    .expect("temp dir");
    let path = dir.path().join("case.db");
    std::fs::write(&path, template(start)).expect("write the case database");
    let clock = clock();
    let store = Store::open(&path).expect("open the case database");
    let mut app = App::new(store, Box::new(clock.clone()));
    app.set_color(false);
    if matches!(start, Start::LiveRound) {
        press(&mut app, "4s<Enter>]<Space>");
        assert!(app.live().is_running(), "{}", screen(&app));
    }
    (app, clock, CaseDb { _dir: dir })
}

/// Every timer of the meeting on screen (live or reviewed) is zero or more: the
/// meeting, each item, each turn, the downtime and each member's airtime.
pub fn timers_not_negative(app: &App) -> Result<(), String> {
    let now = app.now();
    for l in [app.live().meeting.as_ref(), app.review().meeting.as_ref()]
        .into_iter()
        .flatten()
    {
        let zero = chrono::Duration::zero();
        let mut bad = Vec::new();
        if l.meeting_countdown(now).elapsed < zero {
            bad.push("the meeting".to_string());
        }
        if l.downtime(now) < zero {
            bad.push("the downtime".into());
        }
        for item in &l.items {
            if l.item_elapsed(item, now) < zero {
                bad.push(format!("item {}", item.item.id));
            }
            for (_, t) in l.turns.iter().filter(|(i, _)| *i == item.item.id) {
                if l.turn_countdown(item, t, now).elapsed < zero {
                    bad.push(format!("turn {}", t.id));
                }
            }
        }
        for a in l.participation(now).rows {
            if a.spoken < zero {
                bad.push(format!("airtime of {}", a.member));
            }
        }
        if !bad.is_empty() {
            return Err(format!("negative timers: {bad:?}"));
        }
    }
    Ok(())
}

/// What the screen shows before and after every screen's data is re-read from the
/// store (with the status line, which a reload may set, left out).
pub fn screen_matches_store(app: &mut App) -> Result<(), String> {
    let strip = |s: String| -> String {
        let lines: Vec<&str> = s.lines().collect();
        let n = lines.len();
        lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i + 2 != n)
            .map(|(_, l)| *l)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let before = strip(screen(app));
    app.refresh();
    let after = strip(screen(app));
    if before == after {
        Ok(())
    } else {
        Err(format!(
            "the screen showed what the store does not hold:\n{before}\n--- after a reload ---\n{after}"
        ))
    }
}
