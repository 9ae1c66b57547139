//! End to end: the real binary in a real terminal (tmux, 80x24), driven by keystrokes.
//! Each test runs its own tmux server on a unique socket (`tmux -L`) and waits by polling
//! the screen, never by fixed sleeps. Without tmux these tests fail, unless
//! `ROUNDTABLE_SKIP_E2E=1` is set.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_roundtable");
const TIMEOUT: Duration = Duration::from_secs(10);

/// Whether to run; panics with a clear message when tmux is missing.
fn tmux_available() -> bool {
    if std::env::var("ROUNDTABLE_SKIP_E2E").is_ok_and(|v| v == "1") {
        eprintln!("ROUNDTABLE_SKIP_E2E=1: skipping the tmux end-to-end test");
        return false;
    }
    match Command::new("tmux").arg("-V").output() {
        Ok(o) if o.status.success() => true,
        _ => panic!(
            "tmux is required for the end-to-end tests but was not found on PATH. \
             Install it (e.g. `apt-get install tmux`, which .ci/run does), \
             or set ROUNDTABLE_SKIP_E2E=1 to skip these tests."
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

    /// Starts `roundtable <args>` in a new 80x24 session called `name`. A wrapper shell
    /// records the program's pid and, when it ends, its exit status in files: tmux's own
    /// `pane_dead_status` proved unreliable (it sometimes leaves the exited program
    /// unreaped).
    fn start(&self, name: &str, args: &[&str]) {
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
        self.cmd(&[
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "80",
            "-y",
            "24",
            &line,
        ]);
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
        let start = Instant::now();
        loop {
            let screen = self.screen(name);
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {text:?}; the screen shows:\n{screen}");
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
    if !tmux_available() {
        return;
    }
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
    t.wait_for("app", "Nobody on the roster yet");
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
    if !tmux_available() {
        return;
    }
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
