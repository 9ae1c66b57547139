//! End to end: the real binary in a real terminal (tmux, 80x24), driven by keystrokes.
//! Each test runs its own tmux server on a unique socket (`tmux -L`) and waits by polling
//! the screen, never by fixed sleeps. Without tmux these tests fail, saying so.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_roundtable");
const TIMEOUT: Duration = Duration::from_secs(10);

/// Panics with a clear message when tmux is missing: a terminal test never passes
/// without having run.
fn require_tmux() {
    match Command::new("tmux").arg("-V").output() {
        Ok(o) if o.status.success() => {}
        _ => panic!(
            "tmux is required for the end-to-end tests but was not found on PATH: install it \
             (`apt-get install tmux`; .ci/run does)"
        ),
    }
}

/// A private tmux server; killed (only it, by its socket) when dropped.
struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
    conf: PathBuf,
}

impl Tmux {
    fn new() -> Self {
        require_tmux();
        static N: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "roundtable-e2e-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let conf = dir.path().join("tmux.conf");
        // No status bar (the pane is the whole 80x24), and keep panes after their
        // process exits so the last screen can be read.
        std::fs::write(
            &conf,
            "set -g status off\nset -g remain-on-exit on\nset -g escape-time 0\n",
        )
        .expect("write tmux.conf");
        Self { socket, dir, conf }
    }

    fn cmd(&self, args: &[&str]) -> Output {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("-f")
            .arg(&self.conf)
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("run tmux");
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Starts `roundtable <args>` in a new 80x24 session called `name`.
    fn start(&self, name: &str, args: &[&str]) {
        self.start_sized(name, (80, 24), args);
    }

    /// Starts `roundtable <args>` in a new session called `name` of `width`x`height`.
    /// A wrapper shell records the program's pid and, when it ends, its exit status in
    /// files: tmux's own `pane_dead_status` proved unreliable (it sometimes leaves the
    /// exited program unreaped).
    fn start_sized(&self, name: &str, (width, height): (u16, u16), args: &[&str]) {
        let mut program = format!(
            "exec env TZ=UTC NO_COLOR=1 TERM=xterm-256color {}",
            quote(BIN)
        );
        for a in args {
            program.push(' ');
            program.push_str(&quote(a));
        }
        let pid = self.file(name, "pid");
        let status = self.file(name, "status");
        let inner = format!("echo $$ > {}; {program}", quote(&pid));
        let line = format!("sh -c {}; echo $? > {}", quote(&inner), quote(&status));
        let (w, h) = (width.to_string(), height.to_string());
        self.cmd(&["new-session", "-d", "-s", name, "-x", &w, "-y", &h, &line]);
    }

    /// Resizes the window of session `name` (the program sees SIGWINCH).
    fn resize(&self, name: &str, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        self.cmd(&["resize-window", "-t", name, "-x", &w, "-y", &h]);
    }

    /// `kill -9` the program started in `name` (the wrapper `exec`s it, so the recorded
    /// pid is the program's own); returns its exit status as the wrapper saw it.
    fn kill_9(&self, name: &str) -> i32 {
        let pid = self.pid(name).to_string();
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        assert_eq!(comm.trim(), "roundtable", "pid {pid} is the app itself");
        let out = Command::new("kill")
            .args(["-9", &pid])
            .output()
            .expect("run kill");
        assert!(out.status.success(), "kill -9 {pid} failed");
        self.wait_exit(name)
    }

    fn file(&self, name: &str, what: &str) -> String {
        self.dir
            .path()
            .join(format!("{name}.{what}"))
            .to_str()
            .expect("utf-8 temp path")
            .to_string()
    }

    /// The pid of the program started in `name`.
    fn pid(&self, name: &str) -> u32 {
        let path = self.file(name, "pid");
        let start = Instant::now();
        loop {
            if let Ok(Ok(pid)) = std::fs::read_to_string(&path).map(|s| s.trim().parse()) {
                return pid;
            }
            assert!(start.elapsed() < TIMEOUT, "no pid recorded in {path}");
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Sends tmux key names (`Enter`, `Tab`, `C-s`, `q`…).
    fn keys(&self, name: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", name];
        args.extend_from_slice(keys);
        self.cmd(&args);
    }

    /// Types `text` literally.
    fn type_text(&self, name: &str, text: &str) {
        self.cmd(&["send-keys", "-t", name, "-l", text]);
    }

    /// The visible screen, wrapped lines joined.
    fn screen(&self, name: &str) -> String {
        let out = self.cmd(&["capture-pane", "-p", "-J", "-t", name]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen plus the scrollback (what a program printed before it exited may
    /// have scrolled off).
    fn screen_and_history(&self, name: &str) -> String {
        let out = self.cmd(&["capture-pane", "-p", "-J", "-S", "-", "-t", name]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Polls the screen until it contains `text`; panics with the screen on timeout.
    fn wait_for(&self, name: &str, text: &str) -> String {
        self.wait_until(name, &format!("{text:?}"), |s| {
            s.contains(text).then(|| s.to_string())
        })
    }

    /// Polls the screen until `found` returns something; panics with the screen (and
    /// `what` was awaited) on timeout.
    fn wait_until<T>(&self, name: &str, what: &str, found: impl Fn(&str) -> Option<T>) -> T {
        let start = Instant::now();
        loop {
            let screen = self.screen(name);
            if let Some(t) = found(&screen) {
                return t;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Waits until the program in `name` has exited and returns its exit status.
    fn wait_exit(&self, name: &str) -> i32 {
        let path = self.file(name, "status");
        let start = Instant::now();
        loop {
            if let Ok(Ok(status)) = std::fs::read_to_string(&path).map(|s| s.trim().parse()) {
                return status;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "timed out waiting for the program to exit; the screen shows:\n{}",
                    self.screen(name)
                );
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

fn roundtable(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .arg("--db")
        .arg(db)
        .env("TZ", "UTC")
        .output()
        .expect("run roundtable")
}

fn stdout_of(db: &Path, args: &[&str]) -> String {
    let out = roundtable(db, args);
    assert!(
        out.status.success(),
        "roundtable {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

#[test]
fn create_a_community_and_a_member_in_the_tui_then_read_them_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("e2e.db");
    let db_s = db.to_str().expect("utf-8 path");
    let t = Tmux::new();
    t.start("app", &["--db", db_s]);
    t.wait_for("app", "No communities yet");

    t.keys("app", &["n"]);
    t.wait_for("app", "New community");
    t.type_text("app", "E2E Circle");
    t.keys("app", &["Tab"]);
    t.type_text("app", "Testing in a real terminal");
    t.keys("app", &["C-s"]);
    t.wait_for("app", "Created community 'E2E Circle'");

    t.keys("app", &["Enter"]);
    let empty = t.wait_for("app", "Nobody on the roster yet");
    // The import refuses while this app has the file open: the hint says to quit first
    // (r9 trial F2).
    assert!(empty.contains("quit (q), then"), "{empty}");
    assert!(empty.contains("roster import FILE"), "{empty}");
    t.keys("app", &["n"]);
    t.wait_for("app", "New member");
    t.type_text("app", "Zoë Tester");
    t.keys("app", &["Tab"]);
    t.type_text("app", "facilitator");
    t.keys("app", &["C-s"]);
    let screen = t.wait_for("app", "Added Zoë Tester");
    assert!(screen.contains("Roster (1)"), "{screen}");

    t.keys("app", &["q"]);
    assert_eq!(t.wait_exit("app"), 0, "q exits cleanly");

    let roster = stdout_of(&db, &["render", "roster", "--community", "E2E Circle"]);
    assert!(roster.contains("Zoë Tester"), "{roster}");
    assert!(roster.contains("facilitator"), "{roster}");
    assert!(roster.contains("Roster (1)"), "{roster}");
    let home = stdout_of(&db, &["render", "communities"]);
    assert!(home.contains("E2E Circle"), "{home}");
    assert!(home.contains("Testing in a real terminal"), "{home}");

    let dump: serde_json::Value =
        serde_json::from_str(&stdout_of(&db, &["export", "json"])).expect("export is JSON");
    let rows = |table: &str| {
        dump["tables"][table]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let communities = rows("community");
    assert_eq!(communities.len(), 1, "{communities:?}");
    assert_eq!(communities[0]["name"], "E2E Circle");
    assert_eq!(communities[0]["purpose"], "Testing in a real terminal");
    let members = rows("member");
    assert_eq!(members.len(), 1, "{members:?}");
    assert_eq!(members[0]["name"], "Zoë Tester");
    assert_eq!(members[0]["role"], "facilitator");
    assert_eq!(members[0]["community_id"], communities[0]["id"]);
    assert_eq!(members[0]["active"], 1);
}

#[test]
fn a_second_tui_on_the_same_database_is_refused_naming_the_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("shared.db");
    let db_s = db.to_str().expect("utf-8 path");
    let t = Tmux::new();
    t.start("first", &["--db", db_s]);
    t.wait_for("first", "No communities yet");
    let first_pid = t.pid("first");

    t.start("second", &["--db", db_s]);
    assert_eq!(t.wait_exit("second"), 1, "the second instance exits 1");
    let screen = t.screen_and_history("second");
    assert!(
        screen.contains("already open in another Roundtable")
            && screen.contains(&format!("(pid {first_pid})")),
        "the message names the first instance's pid {first_pid}:\n{screen}"
    );

    // The first one is unaffected and still answers keys.
    t.keys("first", &["?"]);
    t.wait_for("first", "Help");
    t.keys("first", &["q", "q"]);
    assert_eq!(t.wait_exit("first"), 0);
}

#[test]
fn a_second_tui_on_an_older_database_is_refused_before_saying_it_upgrades() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("old.db");
    // A file from schema 1 (our tables, its version), held by another instance.
    let c = rusqlite::Connection::open(&db).expect("sqlite");
    c.execute_batch(include_str!("../src/store/migrations/0001_init.sql"))
        .expect("schema 1");
    c.execute_batch("PRAGMA user_version = 1").expect("version");
    drop(c);
    let before = std::fs::read(&db).expect("read");
    let _held = roundtable::store::lock::InstanceLock::acquire(&db).expect("lock");

    let t = Tmux::new();
    t.start("second", &["--db", db.to_str().expect("utf-8 path")]);
    assert_eq!(t.wait_exit("second"), 1, "the second instance exits 1");
    let screen = t.screen_and_history("second");
    assert!(
        screen.contains("already open in another Roundtable")
            && screen.contains(&format!("(pid {})", std::process::id())),
        "the lock's refusal, unchanged:\n{screen}"
    );
    assert!(
        !screen.contains("Bringing"),
        "no upgrade is announced by an instance that will not upgrade:\n{screen}"
    );
    assert!(
        std::fs::read(&db).expect("read") == before,
        "the file is untouched"
    );
}

// ---------------------------------------------------------------------------------------
// Live meetings: the issue's acceptance test (kill -9 mid-meeting, then resume).

/// A fresh demo database in `dir` (the demo has one planned meeting and twelve past ones).
fn demo_db(dir: &Path) -> PathBuf {
    let db = dir.join("live.db");
    let printed = stdout_of(&db, &["demo"]);
    assert!(
        printed.contains(db.to_str().expect("utf-8 path")),
        "without a terminal, demo prints the path it created: {printed}"
    );
    db
}

/// The demo database in a temporary folder (kept while the returned folder lives), and a
/// private tmux server to run the app in.
fn demo_in_tmux() -> (tempfile::TempDir, PathBuf, Tmux) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo_db(dir.path());
    (dir, db, Tmux::new())
}

/// The text of a line's first `│`-framed cell that contains `marker`, from the marker
/// on, up to a gap of two spaces (names and titles have single spaces).
fn field_after<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    let rest = &line[line.find(marker)? + marker.len()..];
    let end = rest
        .find("  ")
        .or_else(|| rest.find('│'))
        .unwrap_or(rest.len());
    Some(rest[..end].trim())
}

/// The live screen's current agenda item, from its panel title
/// (`╭ Now 1/6 · icebreaker · Icebreaker ───╮` → `1/6 · icebreaker · Icebreaker`).
fn now_item(screen: &str) -> Option<String> {
    let line = screen.lines().find(|l| l.contains("╭ Now "))?;
    let rest = &line[line.find("╭ Now ")? + "╭ Now ".len()..];
    Some(rest[..rest.find(" ─")?].to_string())
}

/// The live screen's speaker line (`▶ Fiona MacLeod  0:04 / 2:00  1:55 left`) as
/// (name, elapsed turn clock).
fn speaker(screen: &str) -> Option<(String, String)> {
    let line = screen.lines().find(|l| l.contains("│ ▶ "))?;
    let name = field_after(line, "▶ ")?.to_string();
    let clock = field_after(line, &format!("▶ {name}  "))?
        .split(" / ")
        .next()?
        .to_string();
    Some((name, clock))
}

/// The live screen's header line (`● LIVE 17:22  0:10 / 1:30:00 …`).
fn live_header(screen: &str) -> &str {
    screen.lines().find(|l| l.contains("● LIVE")).unwrap_or("")
}

/// Who the status line says has the floor.
fn has_the_floor(screen: &str) -> Option<String> {
    let line = screen
        .lines()
        .map(str::trim)
        .find(|l| l.ends_with(" has the floor"))?;
    let who = line.strip_suffix(" has the floor")?;
    Some(who.rsplit("— ").next()?.to_string())
}

/// From the home screen of a freshly started demo: Meetings → the planned meeting →
/// attendance (everyone present) → Enter starts it → Space gives the first turn.
/// Returns the first speaker's name.
fn start_demo_meeting(t: &Tmux, name: &str) -> String {
    t.wait_for(name, "1 Comm");
    t.keys(name, &["4"]);
    t.wait_for(name, "planned");
    t.keys(name, &["s"]);
    t.wait_for(name, "Enter starts the meeting");
    t.keys(name, &["Enter"]);
    t.wait_for(name, "● LIVE");
    t.keys(name, &["Space"]);
    t.wait_until(name, "a speaker", has_the_floor)
}

/// Makes the live meeting look as if everything in it happened `secs` earlier, so no
/// heartbeat was written for that long (the app was closed, or did not tick). Moving
/// only `heartbeat_at` back would put the last sign of life before the meeting started;
/// shifting every timestamp written since the start keeps the history consistent.
fn pretend_closed_for(db: &Path, secs: i64) {
    let conn = rusqlite::Connection::open(db).expect("open the database");
    let started: String = conn
        .query_row(
            "SELECT started_at FROM meeting WHERE status = 'live'",
            [],
            |r| r.get(0),
        )
        .expect("one live meeting");
    let columns: Vec<(String, String)> = conn
        .prepare(
            "SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c
             WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%'
               AND c.name LIKE '%\\_at' ESCAPE '\\' AND c.name <> 'scheduled_at'",
        )
        .and_then(|mut st| {
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()
        })
        .expect("list timestamp columns");
    assert!(columns.len() > 5, "timestamp columns found: {columns:?}");
    for (table, col) in columns {
        conn.execute(
            &format!(
                "UPDATE \"{table}\" SET \"{col}\" = strftime('%Y-%m-%dT%H:%M:%fZ', \"{col}\", ?1)
                 WHERE \"{col}\" >= ?2"
            ),
            rusqlite::params![format!("-{secs} seconds"), started],
        )
        .expect("shift timestamps");
    }
}

#[test]
fn a_live_meeting_survives_kill_9_and_resumes_where_it_was() {
    let (_dir, db, t) = demo_in_tmux();
    let db_s = db.to_str().expect("utf-8 path");
    t.start("app", &["--db", db_s]);
    t.wait_for("app", "1 Comm");

    // Meetings → the planned meeting → attendance check (everyone present).
    t.keys("app", &["4"]);
    t.wait_for("app", "planned");
    t.keys("app", &["s"]);
    t.wait_for("app", "0 late · 0 absent");
    let first_row = t.wait_until("app", "the first attendance row", |s| {
        let row = s
            .lines()
            .find(|l| l.contains("▶ ") && l.contains("● present"))?;
        Some(field_after(row, "▶ ")?.to_string())
    });
    t.keys("app", &["Space"]);
    t.wait_for("app", &format!("{first_row}: late ✓"));
    t.keys("app", &["Enter"]);
    // (The status line is drawn after the rows above it, so once it shows, so do they.)
    let screen = t.wait_for("app", "The meeting has started");
    assert!(screen.contains("● LIVE"), "{screen}");

    // Turn 1: the round starts; a note, changed to an idea with Tab.
    t.keys("app", &["Space"]);
    let s1 = t.wait_until("app", "a round to start", |s| {
        s.contains("Round 1 (").then(|| has_the_floor(s)).flatten()
    });
    t.keys("app", &["n"]);
    t.wait_for("app", "Typing a note");
    t.type_text("app", "Ask pharmacy about night sedation");
    t.keys("app", &["Tab"]);
    let screen = t.wait_for("app", "kind: idea");
    assert!(screen.contains(&format!("about: {s1}")), "{screen}");
    t.keys("app", &["Enter"]);
    t.wait_for("app", "✓ idea saved");

    // Turn 2: the next speaker; a question (Tab Tab).
    t.keys("app", &["Space"]);
    let s2 = t.wait_until("app", "the second speaker", |s| {
        has_the_floor(s).filter(|who| *who != s1)
    });
    t.keys("app", &["n"]);
    t.wait_for("app", "Typing a note");
    t.type_text("app", "Who audits the bed alarms?");
    t.keys("app", &["Tab", "Tab"]);
    t.wait_for("app", "kind: question");
    t.keys("app", &["Enter"]);
    t.wait_for("app", "✓ question saved");

    // The third speaker passes; the fourth has the floor.
    t.keys("app", &["Space"]);
    let s3 = t.wait_until("app", "the third speaker", |s| {
        has_the_floor(s).filter(|who| *who != s2)
    });
    t.keys("app", &["p"]);
    let s4 = t.wait_until("app", "the floor after a pass", |s| {
        has_the_floor(s).filter(|who| *who != s3)
    });

    // A raised hand: the chooser, ↓, Enter.
    t.keys("app", &["h"]);
    t.wait_for("app", "Who raised a hand?");
    let chooser = t.wait_for("app", "Enter choose");
    t.keys("app", &["Down", "Enter"]);
    let hand = t.wait_until("app", "the raised hand", |s| {
        let line = s
            .lines()
            .map(str::trim)
            .find(|l| l.ends_with(" speaks next"))?;
        Some(
            line.strip_prefix("✋ ")?
                .strip_suffix(" speaks next")?
                .to_string(),
        )
    });
    assert!(chooser.contains(&hand), "{hand} was offered:\n{chooser}");
    assert_ne!(hand, s4, "the speaker cannot raise a hand");

    // A third note, typed but never saved.
    let unsaved = "UNSAVED draft about the handover sheet";
    t.keys("app", &["n"]);
    t.wait_for("app", "Typing a note");
    t.type_text("app", unsaved);
    let before = t.wait_for("app", unsaved);
    let item_before = now_item(&before).unwrap_or_else(|| panic!("a Now panel:\n{before}"));
    let (speaker_before, _) = speaker(&before).unwrap_or_else(|| panic!("a speaker:\n{before}"));
    assert_eq!(speaker_before, s4, "{before}");

    // Typing is kept a few hundred ms after it happens (debounced): a second later,
    // kill -9, then pretend it stayed dead for five minutes.
    std::thread::sleep(Duration::from_millis(1000));
    assert_eq!(t.kill_9("app"), 128 + 9, "killed by SIGKILL");
    pretend_closed_for(&db, 300);

    t.start("again", &["--db", db_s]);
    t.wait_for("again", "is still live");
    t.keys("again", &["y"]);
    let after = t.wait_for("again", "Resumed");
    assert!(after.contains("● LIVE"), "{after}");
    assert!(
        after.contains("Resumed: 5:") && after.contains("not counted"),
        "about five minutes of downtime, not counted:\n{after}"
    );
    assert!(
        live_header(&after).contains(" away, not counted"),
        "the header says so: {after}"
    );
    assert_eq!(
        now_item(&after).as_deref(),
        Some(item_before.as_str()),
        "{after}"
    );
    let (speaker_after, turn_clock) =
        speaker(&after).unwrap_or_else(|| panic!("a speaker after resuming:\n{after}"));
    assert_eq!(speaker_after, speaker_before, "{after}");
    assert!(
        turn_clock.starts_with("0:"),
        "the downtime is not the speaker's time ({turn_clock}):\n{after}"
    );
    assert!(
        !after.contains(unsaved),
        "an unsaved note is not shown until asked for:\n{after}"
    );
    // It was kept as typed: n brings it back, and Esc keeps it for later again.
    t.keys("again", &["n"]);
    t.wait_for("again", unsaved);
    t.keys("again", &["Escape"]);
    t.wait_for("again", "n continues it");

    // The minutes, read-only while the app runs.
    let json = stdout_of(&db, &["export", "minutes", "--last", "--format", "json"]);
    assert!(
        !json.contains("UNSAVED"),
        "unsaved text never reaches the file:\n{json}"
    );
    let m: serde_json::Value = serde_json::from_str(&json).expect("minutes are JSON");
    assert_eq!(m["status"], "in progress", "{json}");
    assert!(m["paused_seconds"].as_i64() >= Some(300), "{json}");
    let items = m["agenda"].as_array().cloned().unwrap_or_default();
    let all = |key: &str| -> Vec<serde_json::Value> {
        items
            .iter()
            .flat_map(|i| i[key].as_array().cloned().unwrap_or_default())
            .collect()
    };
    let notes: Vec<(String, String, String)> = all("notes")
        .iter()
        .map(|n| {
            let f = |k: &str| n[k].as_str().unwrap_or_default().to_string();
            (f("kind"), f("speaker"), f("body"))
        })
        .collect();
    assert_eq!(
        notes,
        [
            (
                "idea".into(),
                s1.clone(),
                "Ask pharmacy about night sedation".into()
            ),
            (
                "question".into(),
                s2.clone(),
                "Who audits the bed alarms?".into()
            ),
        ],
        "{json}"
    );
    let turns = all("turns");
    assert!(
        turns
            .iter()
            .any(|x| x["speaker"] == s3.as_str() && x["state"] == "passed"),
        "{s3} passed: {turns:?}"
    );
    assert!(
        turns
            .iter()
            .any(|x| x["speaker"] == s4.as_str() && x["state"] == "speaking"),
        "{s4} speaks: {turns:?}"
    );
    let md = stdout_of(&db, &["export", "minutes", "--last", "--format", "md"]);
    let airtime = &md[md.find("## Airtime").expect("an airtime section")..];
    assert!(
        airtime.contains("| Member | Time | Turns | Share |")
            && airtime.contains(&format!("| {s1} |")),
        "{md}"
    );

    // End it: the summary, then quit; History now has thirteen meetings.
    // The note typed before the kill is still kept: ending asks what becomes of it,
    // and the first choice saves it into the record.
    t.keys("again", &["E"]);
    t.wait_for("again", "▶ Save it, then end");
    t.keys("again", &["Enter"]);
    let summary = t.wait_for("again", "The meeting has ended");
    assert!(summary.contains("╭ Voices"), "{summary}");
    t.keys("again", &["q"]);
    assert_eq!(t.wait_exit("again"), 0, "q exits cleanly");
    let history = stdout_of(&db, &["render", "history"]);
    assert!(history.contains("History (13)"), "{history}");
}

#[test]
fn the_live_screen_fits_200x60_and_survives_a_resize_and_a_quick_restart() {
    let (_dir, db, t) = demo_in_tmux();
    let db_s = db.to_str().expect("utf-8 path");
    t.start_sized("wide", (200, 60), &["--db", db_s]);
    let who = start_demo_meeting(&t, "wide");
    let screen = t.wait_for("wide", &format!("▶ {who}"));
    assert!(!screen.contains("Terminal too small"), "{screen}");
    assert!(screen.contains("╭ Voices"), "{screen}");
    assert_eq!(speaker(&screen).map(|s| s.0), Some(who.clone()), "{screen}");

    t.resize("wide", 60, 18);
    let small = t.wait_for("wide", "this one is 60×18");
    assert!(small.contains("Terminal too small"), "{small}");
    t.resize("wide", 80, 24);
    let back = t.wait_until("wide", "the live screen again", |s| {
        (s.contains("● LIVE") && !s.contains("Terminal too small"))
            .then(|| speaker(s))
            .flatten()
    });
    assert_eq!(back.0, who, "the same speaker after the resize");

    // A crash and an immediate restart: the seconds away count as paused too (there is
    // no grace period in which they would be the speaker's airtime).
    assert_eq!(t.kill_9("wide"), 128 + 9);
    t.start("again", &["--db", db_s]);
    t.wait_for("again", "is still live");
    t.keys("again", &["y"]);
    // (Within the same second as the last one shown, there is nothing to pause.)
    let resumed = t.wait_until("again", "the resumed meeting", |s| {
        (s.contains("Resumed") || s.contains("Back in the live meeting")).then(|| s.to_string())
    });
    assert_eq!(speaker(&resumed).map(|s| s.0), Some(who), "{resumed}");
}

#[test]
fn speaking_time_committed_before_a_crash_is_kept_after_downtime() {
    let (_dir, db, t) = demo_in_tmux();
    let db_s = db.to_str().expect("utf-8 path");
    t.start("app", &["--db", db_s]);
    let first = start_demo_meeting(&t, "app");
    // Let the first speaker talk for two seconds (the screen's own clock says when),
    // hand the floor on (committed), then crash before the next heartbeat is due.
    t.wait_for("app", &format!("▶ {first}  0:02"));
    t.keys("app", &["Space"]);
    t.wait_until("app", "the next speaker", |s| {
        has_the_floor(s).filter(|who| *who != first)
    });
    assert_eq!(t.kill_9("app"), 128 + 9);
    pretend_closed_for(&db, 300);

    t.start("again", &["--db", db_s]);
    t.wait_for("again", "is still live");
    t.keys("again", &["y"]);
    t.wait_for("again", "Resumed");
    let json = stdout_of(&db, &["export", "minutes", "--last", "--format", "json"]);
    let m: serde_json::Value = serde_json::from_str(&json).expect("minutes are JSON");
    let spoke = m["agenda"][0]["turns"][0].clone();
    assert_eq!(spoke["speaker"], first.as_str(), "{json}");
    assert!(
        spoke["seconds"].as_i64() >= Some(2),
        "the committed turn ({first}, ≥ 2 s before the crash) keeps its time: {spoke}"
    );
}

#[test]
fn time_spent_on_attendance_during_a_meeting_is_not_downtime() {
    let (_dir, db, t) = demo_in_tmux();
    let db_s = db.to_str().expect("utf-8 path");
    t.start("app", &["--db", db_s]);
    start_demo_meeting(&t, "app");
    // `a`: the leader marks a latecomer and takes five minutes over it. Heartbeats go
    // on off the live screen, but the app must not take even a stale heartbeat (faked
    // here) for downtime while it has been running the meeting all along.

    t.keys("app", &["a"]);
    t.wait_for("app", "start / back to meeting");
    pretend_closed_for(&db, 300);
    t.keys("app", &["Enter"]);
    // The footer (the last line) shows the live keys once the whole frame is drawn.
    let back = t.wait_for("app", "n/Enter note");
    let lines: Vec<&str> = back
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let status = lines[lines.len() - 2];
    assert!(
        !status.contains("not counted") && !live_header(&back).contains(" away"),
        "the app never closed, yet: {status}\n{back}"
    );
}

/// `demo --live` opens straight on its running meeting: a new user never ran it, so
/// there is nothing to resume and no time away (r9 trial F31: it opened on "… is still
/// live. Resume it where it was?").
#[test]
fn demo_live_opens_on_the_running_meeting_without_a_resume_question() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.db");
    let t = Tmux::new();
    t.start(
        "demo",
        &["--db", db.to_str().expect("utf-8 path"), "demo", "--live"],
    );
    let screen = t.wait_until("demo", "the live screen or a question", |s| {
        (s.contains("● LIVE") || s.contains("still live")).then(|| s.to_string())
    });
    assert!(!screen.contains("still live"), "{screen}");
    assert!(screen.contains("The demo's meeting is running"), "{screen}");
    assert!(!live_header(&screen).contains("away"), "{screen}");
    assert!(speaker(&screen).is_some(), "someone is speaking: {screen}");
    t.keys("demo", &["q"]);
    t.wait_for("demo", "Quit?");
    t.keys("demo", &["y"]);
    assert_eq!(t.wait_exit("demo"), 0);
    // Nothing was counted as downtime.
    let pauses = rusqlite::Connection::open(&db)
        .expect("open")
        .query_row(
            "SELECT count(*) FROM meeting_pause
             WHERE meeting_id IN (SELECT id FROM meeting WHERE status = 'live')",
            [],
            |r| r.get::<_, i64>(0),
        )
        .expect("count");
    assert_eq!(pauses, 0);
}
