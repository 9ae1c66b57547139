//! The terminal is restored on SIGTERM and SIGINT, and on Ctrl-Z (suspend) with a redraw
//! on `fg`: the real binary in tmux, the terminal's state read from tmux and `stty -a`
//! afterwards (issue 11, hole 5). Without tmux these tests fail, saying so.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_roundtable");
const TIMEOUT: Duration = Duration::from_secs(15);

/// Panics with a clear message when tmux is missing: a terminal test never passes
/// without having run.
fn require_tmux() {
    match Command::new("tmux").arg("-V").output() {
        Ok(o) if o.status.success() => {}
        _ => panic!(
            "tmux is required for the signal tests but was not found on PATH: install it \
             (`apt-get install tmux`; .ci/run does)"
        ),
    }
}

/// A private tmux server on its own socket; only it is killed when dropped.
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
            "roundtable-sig-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("tmux.conf");
        std::fs::write(
            &conf,
            "set -g status off\nset -g remain-on-exit on\nset -g escape-time 0\n",
        )
        .unwrap();
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
            .unwrap();
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A tmux format of the session's pane, such as `#{alternate_on}`.
    fn format(&self, format: &str) -> String {
        let out = self.cmd(&["display-message", "-p", "-t", "s", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn screen(&self) -> String {
        let out = self.cmd(&["capture-pane", "-p", "-J", "-t", "s"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "s"];
        args.extend_from_slice(keys);
        self.cmd(&args);
    }

    fn wait(&self, what: &str, done: impl Fn(&Self) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}; alternate screen {}, cursor {}; screen:\n{}",
                self.format("#{alternate_on}"),
                self.format("#{cursor_flag}"),
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// The pid of the `roundtable` whose parent is `parent`.
fn child_app(parent: &str) -> Option<String> {
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        // pid (comm) state ppid …
        let Some((head, rest)) = stat.rsplit_once(") ") else {
            continue;
        };
        let ppid = rest.split_whitespace().nth(1);
        if head.ends_with("(roundtable") && ppid == Some(parent) {
            return Some(entry.file_name().to_string_lossy().into_owned());
        }
    }
    None
}

fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("circle.db");
    let out = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .arg("demo")
        .output()
        .unwrap();
    assert!(out.status.success());
    db
}

/// `stty -a` says the terminal is back in cooked mode with echo.
fn assert_sane(stty: &str) {
    let words: Vec<&str> = stty.split_whitespace().collect();
    for flag in ["icanon", "echo", "isig", "icrnl", "opost"] {
        assert!(words.contains(&flag), "{flag} not restored: {stty}");
    }
}

fn restored_after(signal: &str) {
    let t = Tmux::new();
    let db = demo(t.dir.path());
    let stty = t.path("stty.txt");
    let status = t.path("status.txt");
    // The shell runs the app, then records how it ended and how it left the terminal.
    let line = format!(
        "env TERM=xterm-256color NO_COLOR=1 {} --db {}; echo $? > {}; stty -a > {}; exec sleep 600",
        quote(BIN),
        quote(db.to_str().unwrap()),
        quote(status.to_str().unwrap()),
        quote(stty.to_str().unwrap()),
    );
    t.cmd(&[
        "new-session",
        "-d",
        "-s",
        "s",
        "-x",
        "80",
        "-y",
        "24",
        "sh",
        "-c",
        &line,
    ]);
    t.wait("the app", |t| t.screen().contains("Roster"));
    let shell = t.format("#{pane_pid}");
    let app = child_app(&shell).expect("the app's pid");
    let sent = Command::new("kill")
        .args([&format!("-{signal}"), &app])
        .status()
        .unwrap();
    assert!(sent.success());
    t.wait("stty -a after the app", |_| {
        std::fs::read_to_string(&stty).is_ok_and(|s| s.contains("icanon"))
    });
    let stty = std::fs::read_to_string(&stty).unwrap();
    assert_sane(&stty);
    assert_eq!(
        t.format("#{alternate_on}"),
        "0",
        "left the alternate screen"
    );
    assert_eq!(t.format("#{cursor_flag}"), "1", "cursor shown");
    let code = std::fs::read_to_string(&status).unwrap();
    assert_eq!(code.trim(), "0", "exits cleanly on SIG{signal}");
}

#[test]
fn sigterm_restores_the_terminal_and_exits_cleanly() {
    restored_after("TERM");
}

#[test]
fn sigint_restores_the_terminal_and_exits_cleanly() {
    restored_after("INT");
}

#[test]
fn ctrl_z_suspends_with_the_terminal_restored_and_fg_redraws() {
    let t = Tmux::new();
    let db = demo(t.dir.path());
    let stty = t.path("stty.txt");
    t.cmd(&[
        "new-session",
        "-d",
        "-s",
        "s",
        "-x",
        "80",
        "-y",
        "24",
        "env",
        "PS1=$ ",
        "TERM=xterm-256color",
        "NO_COLOR=1",
        "bash",
        "--norc",
        "--noprofile",
        "-i",
    ]);
    t.wait("the shell", |t| t.screen().contains('$'));
    let run = format!("{} --db {}", quote(BIN), quote(db.to_str().unwrap()));
    t.keys(&["-l", &run]);
    t.keys(&["Enter"]);
    t.wait("the app", |t| {
        t.screen().contains("Roster") && t.format("#{alternate_on}") == "1"
    });
    t.keys(&["C-z"]);
    t.wait("the shell after Ctrl-Z", |t| {
        t.format("#{alternate_on}") == "0" && t.screen().contains("Stopped")
    });
    assert_eq!(
        t.format("#{cursor_flag}"),
        "1",
        "cursor shown while suspended"
    );
    t.keys(&[
        "-l",
        &format!("stty -a > {}", quote(stty.to_str().unwrap())),
    ]);
    t.keys(&["Enter"]);
    t.wait("stty -a while suspended", |_| {
        std::fs::read_to_string(&stty).is_ok_and(|s| s.contains("icanon"))
    });
    assert_sane(&std::fs::read_to_string(&stty).unwrap());
    std::fs::remove_file(&stty).unwrap();
    t.keys(&["-l", "fg"]);
    t.keys(&["Enter"]);
    t.wait("the app redrawn after fg", |t| {
        t.format("#{alternate_on}") == "1" && t.screen().contains("Roster")
    });
    // Still working: switch screen, then quit normally.
    t.keys(&["3"]);
    t.wait("the goals screen", |t| t.screen().contains("Goals ("));
    t.keys(&["q"]);
    t.wait("the shell after quitting", |t| {
        t.format("#{alternate_on}") == "0"
    });
    t.keys(&[
        "-l",
        &format!("stty -a > {}", quote(stty.to_str().unwrap())),
    ]);
    t.keys(&["Enter"]);
    t.wait("stty -a after quitting", |_| {
        std::fs::read_to_string(&stty).is_ok_and(|s| s.contains("icanon"))
    });
    assert_sane(&std::fs::read_to_string(&stty).unwrap());
}

#[test]
fn sigterm_during_a_live_meeting_records_when_the_app_stopped() {
    let t = Tmux::new();
    let db = demo(t.dir.path());
    let status = t.path("status.txt");
    let line = format!(
        "env TERM=xterm-256color NO_COLOR=1 {} --db {}; echo $? > {}; exec sleep 600",
        quote(BIN),
        quote(db.to_str().unwrap()),
        quote(status.to_str().unwrap()),
    );
    t.cmd(&[
        "new-session",
        "-d",
        "-s",
        "s",
        "-x",
        "80",
        "-y",
        "24",
        "sh",
        "-c",
        &line,
    ]);
    t.wait("the app", |t| t.screen().contains("Roster"));
    // Meetings → the planned meeting → attendance → Enter starts it.
    t.keys(&["4"]);
    t.wait("the meetings", |t| t.screen().contains("planned"));
    t.keys(&["s"]);
    t.wait("attendance", |t| {
        t.screen().contains("Enter starts the meeting")
    });
    t.keys(&["Enter"]);
    t.wait("the live meeting", |t| t.screen().contains("● LIVE"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let stale = "2000-01-01T00:00:00.000Z";
    conn.execute(
        "UPDATE meeting SET heartbeat_at = ?1 WHERE status = 'live'",
        [stale],
    )
    .unwrap();
    let before = chrono::Utc::now() - chrono::Duration::seconds(2);
    let app = child_app(&t.format("#{pane_pid}")).expect("the app's pid");
    assert!(
        Command::new("kill")
            .args(["-TERM", &app])
            .status()
            .unwrap()
            .success()
    );
    t.wait("the app to exit", |_| status.exists());
    let beat: String = conn
        .query_row(
            "SELECT heartbeat_at FROM meeting WHERE status = 'live'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let beat = chrono::DateTime::parse_from_rfc3339(&beat).unwrap();
    assert!(beat >= before, "heartbeat written on SIGTERM: {beat}");
    assert_eq!(std::fs::read_to_string(&status).unwrap().trim(), "0");
}
