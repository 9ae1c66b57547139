//! The real binary in a real terminal: a private tmux server per [`Tmux`] (its own socket,
//! `tmux -L rel-proofs-<pid>-<n>`), sessions of a given size, keys, screen captures, the
//! raw bytes a pane receives, and `kill -9`. Waits poll the screen, never sleep blindly.
//! Without tmux, [`Tmux::new`] fails the test with a clear message.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_roundtable");
/// How long a wait may take before the test fails with the screen.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// Panics with a clear message when tmux is missing: a terminal test never passes
/// without having run.
fn require_tmux() {
    match Command::new("tmux").arg("-V").output() {
        Ok(o) if o.status.success() => {}
        _ => panic!(
            "tmux is required for the crash trials and terminal tests but was not found on \
             PATH: install it (`apt-get install tmux`; .ci/run does)"
        ),
    }
}

/// Quotes `s` for `sh`.
pub fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// A private tmux server; killed (only it, by its socket) when dropped.
pub struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
    conf: PathBuf,
}

impl Default for Tmux {
    fn default() -> Self {
        Self::new()
    }
}

impl Tmux {
    pub fn new() -> Self {
        require_tmux();
        static N: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "rel-proofs-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let conf = dir.path().join("tmux.conf");
        // No status bar (the pane is the whole window); keep panes after their program
        // exits so its last screen can be read.
        std::fs::write(
            &conf,
            "set -g status off\nset -g remain-on-exit on\nset -g remain-on-exit-format ''\nset -g escape-time 0\nset -g history-limit 5000\n",
        )
        .expect("write tmux.conf");
        Self { socket, dir, conf }
    }

    /// Runs a tmux command on this server; panics when it fails.
    pub fn cmd(&self, args: &[&str]) -> Output {
        let out = self.try_cmd(args);
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn try_cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("-f")
            .arg(&self.conf)
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("run tmux")
    }

    /// A file for session `name` in this server's temporary folder.
    pub fn file(&self, name: &str, what: &str) -> PathBuf {
        self.dir.path().join(format!("{name}.{what}"))
    }

    fn file_s(&self, name: &str, what: &str) -> String {
        self.file(name, what)
            .to_str()
            .expect("utf-8 temp path")
            .to_string()
    }

    /// Starts `roundtable <args>` in a new 80x24 session called `name`.
    pub fn start(&self, name: &str, args: &[&str]) {
        self.start_with(name, (80, 24), args, false);
    }

    /// Starts `roundtable <args>` in a session of `size`. With `gated`, the program waits
    /// until [`Tmux::open_gate`] (so [`Tmux::record_raw`] can be set up first). The
    /// program replaces the shell (`exec`), so nothing but the program writes to the pane,
    /// not even a shell's "Killed" after a `kill -9`: the last frame stays on screen.
    pub fn start_with(&self, name: &str, size: (u16, u16), args: &[&str], gated: bool) {
        let gate = if gated {
            format!(
                "while [ ! -e {} ]; do sleep 0.02; done",
                quote(&self.file_s(name, "go"))
            )
        } else {
            ":".to_string()
        };
        self.start_after(name, size, &gate, args);
    }

    /// Starts `roundtable <args>` in a session of `size` after the shell command `first`
    /// (`umask 000`, say) has run in the same shell.
    pub fn start_after(&self, name: &str, (width, height): (u16, u16), first: &str, args: &[&str]) {
        let mut line = format!(
            "{first}; exec env TZ=UTC NO_COLOR=1 TERM=xterm-256color {}",
            quote(BIN)
        );
        for a in args {
            line.push(' ');
            line.push_str(&quote(a));
        }
        let (w, h) = (width.to_string(), height.to_string());
        self.cmd(&["new-session", "-d", "-s", name, "-x", &w, "-y", &h, &line]);
    }

    /// A tmux format of session `name`'s pane (`#{pane_pid}`, `#{pane_dead}`…).
    pub fn pane_format(&self, name: &str, format: &str) -> String {
        let out = self.cmd(&["display-message", "-p", "-t", name, format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Copies every byte the program in `name` writes to its terminal into a file.
    pub fn record_raw(&self, name: &str) -> PathBuf {
        let out = self.file(name, "raw");
        self.cmd(&[
            "pipe-pane",
            "-O",
            "-t",
            name,
            &format!("cat >> {}", quote(out.to_str().expect("utf-8 temp path"))),
        ]);
        out
    }

    /// Lets a gated program start.
    pub fn open_gate(&self, name: &str) {
        std::fs::write(self.file(name, "go"), "").expect("open the gate");
    }

    /// Sends tmux key names (`Enter`, `Tab`, `C-s`, `q`…).
    pub fn keys(&self, name: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", name];
        args.extend_from_slice(keys);
        self.cmd(&args);
    }

    /// Types `text` literally.
    pub fn type_text(&self, name: &str, text: &str) {
        self.cmd(&["send-keys", "-t", name, "-l", text]);
    }

    /// Pastes `text` as a bracketed paste (as a terminal delivers pasted text).
    pub fn paste(&self, name: &str, text: &str) {
        let buf = format!("paste-{name}");
        self.cmd(&["set-buffer", "-b", &buf, text]);
        self.cmd(&["paste-buffer", "-p", "-d", "-b", &buf, "-t", name]);
    }

    /// The visible screen, wrapped lines joined.
    pub fn screen(&self, name: &str) -> String {
        let out = self.cmd(&["capture-pane", "-p", "-J", "-t", name]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The visible screen, one line per terminal row (not joined).
    pub fn rows(&self, name: &str) -> String {
        let out = self.cmd(&["capture-pane", "-p", "-t", name]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen plus the scrollback.
    pub fn screen_and_history(&self, name: &str) -> String {
        let out = self.cmd(&["capture-pane", "-p", "-J", "-S", "-", "-t", name]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Polls the screen until it contains `text`; panics with the screen on timeout.
    pub fn wait_for(&self, name: &str, text: &str) -> String {
        self.wait_until(name, &format!("{text:?}"), |s| {
            s.contains(text).then(|| s.to_string())
        })
    }

    /// Polls the screen until `found` returns something; panics with the screen on timeout.
    pub fn wait_until<T>(&self, name: &str, what: &str, found: impl Fn(&str) -> Option<T>) -> T {
        let start = Instant::now();
        loop {
            let screen = self.screen(name);
            if let Some(t) = found(&screen) {
                return t;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The pid of the program started in `name` (once it runs, past any gate).
    pub fn pid(&self, name: &str) -> u32 {
        let start = Instant::now();
        loop {
            let pid = self.pane_format(name, "#{pane_pid}");
            let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            if comm.trim() == "roundtable" {
                return pid.parse().expect("a pid");
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "the program in {name} never started (pid {pid} is {comm:?})"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// `kill -9` the program started in `name`; returns its exit status.
    pub fn kill_9(&self, name: &str) -> i32 {
        let pid = self.pid(name).to_string();
        let out = Command::new("kill")
            .args(["-9", &pid])
            .output()
            .expect("run kill");
        assert!(out.status.success(), "kill -9 {pid} failed");
        self.wait_exit(name)
    }

    /// Waits until the program in `name` has exited and returns its exit status
    /// (128 + the signal when a signal ended it). tmux does not always reap a dead
    /// program promptly, so a zombie counts as exited, with the status the kernel keeps.
    pub fn wait_exit(&self, name: &str) -> i32 {
        let pid = self.pane_format(name, "#{pane_pid}");
        let start = Instant::now();
        loop {
            match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
                Ok(stat) => {
                    if let Some(status) = zombie_status(&stat) {
                        return status;
                    }
                }
                Err(_) => {
                    // Reaped: tmux knows how it ended.
                    let signal = self.pane_format(name, "#{pane_dead_signal}");
                    if let Ok(sig) = signal.parse::<i32>()
                        && sig > 0
                    {
                        return 128 + sig;
                    }
                    if let Ok(status) = self.pane_format(name, "#{pane_dead_status}").parse() {
                        return status;
                    }
                }
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "timed out waiting for the program to exit; the screen shows:\n{}",
                    self.screen(name)
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Closes session `name` (after its program exited), keeping the server.
    pub fn close(&self, name: &str) {
        let _ = self.try_cmd(&["kill-session", "-t", name]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let socket = self.socket_path();
        let _ = self.try_cmd(&["kill-server"]);
        // tmux leaves its socket file behind; it is ours, so remove it.
        if let Some(path) = socket {
            let _ = std::fs::remove_file(path);
        }
    }
}

impl Tmux {
    /// Where this server's socket lives (`$TMUX_TMPDIR` or /tmp, `tmux-UID/NAME`).
    fn socket_path(&self) -> Option<PathBuf> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let uid = status
            .lines()
            .find_map(|l| l.strip_prefix("Uid:"))?
            .split_whitespace()
            .next()?
            .to_string();
        let base =
            std::env::var_os("TMUX_TMPDIR").map_or_else(|| PathBuf::from("/tmp"), PathBuf::from);
        Some(base.join(format!("tmux-{uid}")).join(&self.socket))
    }
}

/// The exit status of a zombie from its `/proc/PID/stat` line (field 52 holds the
/// wait status), or `None` while it runs.
fn zombie_status(stat: &str) -> Option<i32> {
    let fields: Vec<&str> = stat[stat.rfind(')')? + 1..].split_whitespace().collect();
    if fields.first() != Some(&"Z") {
        return None;
    }
    let wait: i32 = fields.get(49)?.parse().ok()?;
    Some(if wait & 0x7f != 0 {
        128 + (wait & 0x7f)
    } else {
        (wait >> 8) & 0xff
    })
}

/// Runs `roundtable --db DB args…` without a terminal.
pub fn run_on(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("TZ", "UTC")
        .output()
        .expect("run roundtable")
}

/// `roundtable --db DB args…`, which must succeed; its stdout.
#[track_caller]
pub fn stdout_on(db: &Path, args: &[&str]) -> String {
    let out = run_on(db, args);
    assert!(
        out.status.success(),
        "roundtable {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// A fresh demo database at `dir/name` (one planned meeting, two past ones).
pub fn demo_db(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    stdout_on(&db, &["demo"]);
    db
}

// ---------------------------------------------------------------------------------------
// Reading the live screen.

/// The text of a line's cell after `marker`, up to a gap of two spaces or a border.
pub fn field_after<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    let rest = &line[line.find(marker)? + marker.len()..];
    let end = rest
        .find("  ")
        .or_else(|| rest.find('│'))
        .unwrap_or(rest.len());
    Some(rest[..end].trim())
}

/// The live screen's current agenda item, from its panel title
/// (`╭ Now 1/6 · icebreaker · Icebreaker ───╮` → `1/6 · icebreaker · Icebreaker`).
pub fn now_item(screen: &str) -> Option<String> {
    let line = screen.lines().find(|l| l.contains("╭ Now "))?;
    let rest = &line[line.find("╭ Now ")? + "╭ Now ".len()..];
    Some(rest[..rest.find(" ─")?].to_string())
}

/// The name on the live screen's speaker line (`│ ▶ Fiona MacLeod  0:04 / 2:00 …`;
/// the clock tells it from a chooser's selected row).
pub fn speaker(screen: &str) -> Option<String> {
    screen.lines().find_map(|line| {
        let name = field_after(line, "│ ▶ ")?;
        // A popup drawn over the line hides the rest of the name: nothing to read.
        if name.chars().any(|c| ('\u{2500}'..='\u{257F}').contains(&c)) {
            return None;
        }
        let rest = &line[line.find(name)? + name.len()..];
        let clock = rest.trim_start().split(' ').next()?;
        let is_clock = clock.contains(':') && clock.chars().all(|c| c.is_ascii_digit() || c == ':');
        is_clock.then(|| name.to_string())
    })
}

/// The status line (second to last non-empty line of a full-screen capture).
pub fn status_line(screen: &str) -> String {
    let lines: Vec<&str> = screen
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines
        .len()
        .checked_sub(2)
        .map(|i| lines[i].to_string())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// Reading the database directly (another connection, as any other program would).

/// Opens `db` to read it, as any other program would: read-only. After a `kill -9` the
/// WAL may need recovering first, which a read-only connection refuses ("attempt to
/// write a readonly database"): then a copy of the file and its companions is opened
/// as the app's next start would (able to write), leaving what the kill left untouched
/// for the app itself to recover (its relaunch is what the trials test).
fn open_to_read(db: &Path) -> (rusqlite::Connection, Option<tempfile::TempDir>) {
    use rusqlite::OpenFlags;
    let conn = rusqlite::Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open the database read-only");
    if conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })
        .is_ok()
    {
        return (conn, None);
    }
    drop(conn);
    let scratch = tempfile::tempdir().expect("temp dir");
    let name = db.file_name().expect("a file name");
    let copy = scratch.path().join(name);
    for suffix in ["", "-wal", "-shm"] {
        let mut from = db.as_os_str().to_owned();
        from.push(suffix);
        let mut to = copy.as_os_str().to_owned();
        to.push(suffix);
        if Path::new(&from).exists() {
            std::fs::copy(&from, &to).expect("copy the database");
        }
    }
    let conn = rusqlite::Connection::open_with_flags(&copy, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .expect("open the copy");
    (conn, Some(scratch))
}

/// `PRAGMA integrity_check` of the file at `db`: "ok" when sound.
pub fn integrity(db: &Path) -> String {
    let (conn, _scratch) = open_to_read(db);
    let rows: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect::<Result<_, _>>())
        .unwrap_or_else(|e| vec![e.to_string()]);
    rows.join("; ")
}

/// How many rows `sql` (a `SELECT count(*) …` with one text parameter) counts.
pub fn count(db: &Path, sql: &str, param: &str) -> i64 {
    let (conn, _scratch) = open_to_read(db);
    conn.query_row(sql, [param], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// How many notes hold `token` in their body.
pub fn notes_with(db: &Path, token: &str) -> i64 {
    count(
        db,
        "SELECT count(*) FROM note WHERE instr(body, ?1) > 0",
        token,
    )
}
