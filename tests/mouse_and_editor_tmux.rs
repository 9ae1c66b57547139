//! The mouse and the leader's `$EDITOR` with the real binary in a real terminal (tmux):
//! SGR mouse reports written into the pane as a terminal sends them, and a fake editor
//! that notes the terminal's mode while it runs.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::tmux::{self, Tmux};
use std::os::unix::fs::PermissionsExt;

/// Writes an SGR mouse report (`ESC [ < b ; x ; y M`, 1-based cells) into the pane.
fn mouse(t: &Tmux, name: &str, button: u8, (x, y): (usize, usize), release: bool) {
    let end = if release { 'm' } else { 'M' };
    let report = format!("\x1b[<{button};{};{}{end}", x + 1, y + 1);
    let hex: Vec<String> = report.bytes().map(|b| format!("{b:02x}")).collect();
    let mut args = vec!["send-keys", "-t", name, "-H"];
    args.extend(hex.iter().map(String::as_str));
    t.cmd(&args);
}

fn click(t: &Tmux, name: &str, at: (usize, usize)) {
    mouse(t, name, 0, at, false);
    mouse(t, name, 0, at, true);
}

/// The cell where `needle` starts on screen, from row `from`.
fn cell(screen: &str, needle: &str, from: usize) -> (usize, usize) {
    screen
        .lines()
        .enumerate()
        .skip(from)
        .find_map(|(y, l)| {
            l.find(needle)
                .map(|i| (unicode_width::UnicodeWidthStr::width(&l[..i]), y))
        })
        .unwrap_or_else(|| panic!("`{needle}` not on screen:\n{screen}"))
}

/// The demo database in a temporary folder (kept while the folder lives).
fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = tmux::demo_db(dir.path(), "demo.db");
    (dir, db)
}

#[test]
fn clicks_and_the_wheel_in_a_real_terminal_and_mouse_capture_ends_on_quit() {
    let (_dir, db) = demo();
    let t = Tmux::new();
    t.start_with("m", (100, 30), &["--db", db.to_str().unwrap()], true);
    let raw = t.record_raw("m");
    t.open_gate("m");
    let screen = t.wait_for("m", "2 Roster");
    click(&t, "m", cell(&screen, "2 Roster", 0));
    let screen = t.wait_for("m", "Roster (");
    // Rows start on line 3, under the border and the header. The wheel moves down the
    // roster, then a click on the third row selects it.
    mouse(&t, "m", 65, (30, 10), false);
    t.wait_until("m", "the second row selected", |s| {
        s.lines().nth(4).filter(|l| l.contains('▶')).map(|_| ())
    });
    let third = screen.lines().nth(5).unwrap();
    let name: String = third
        .trim_start_matches(['│', ' '])
        .split("  ")
        .next()
        .unwrap()
        .to_string();
    click(&t, "m", (10, 5));
    t.wait_until("m", "the third row selected", |s| {
        s.lines().nth(5).filter(|l| l.contains('▶')).map(|_| ())
    });
    // A second click on it opens the profile.
    click(&t, "m", (10, 5));
    t.wait_for("m", "Attendance:");
    let s = t.screen("m");
    assert!(s.contains(name.trim()), "{name:?}'s profile:\n{s}");
    t.keys("m", &["q"]);
    assert_eq!(t.wait_exit("m"), 0);
    let bytes = std::fs::read(&raw).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let on = text.rfind("\x1b[?1000h").expect("mouse capture was on");
    let off = text.rfind("\x1b[?1000l").expect("mouse capture ends");
    assert!(off > on, "mouse capture is off at the end");
    assert!(
        !text.contains("\x1b[?1003h") && !text.contains("\x1b[?1002h"),
        "no motion reports asked for: each would wake the loop"
    );
}

#[test]
fn ctrl_g_opens_the_editor_in_a_restored_terminal_and_the_text_waits_for_ctrl_s() {
    let (dir, db) = demo();
    let editor = dir.path().join("editor.sh");
    let noted = dir.path().join("noted");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nstty -a > '{n}.stty'\nstat -c %a \"$1\" > '{n}.mode'\nprintf 'Edited in vi, truly' > \"$1\"\n",
            n = noted.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o700)).unwrap();
    let t = Tmux::new();
    let first = format!(
        "unset VISUAL; export EDITOR={}",
        tmux::quote(editor.to_str().unwrap())
    );
    t.start_after("e", (100, 30), &first, &["--db", db.to_str().unwrap()]);
    t.wait_for("e", "2 Roster");
    t.keys("e", &["2"]);
    t.wait_for("e", "Roster (");
    t.keys("e", &["e"]);
    t.wait_for("e", "Ctrl-S");
    t.keys("e", &["Tab", "Tab", "C-g"]);
    t.wait_for("e", "Edited in vi, truly");
    let read = |what: &str| {
        std::fs::read_to_string(format!("{}.{what}", noted.display())).unwrap_or_default()
    };
    assert_eq!(read("mode").trim(), "600");
    let stty = read("stty");
    assert!(
        stty.contains(" icanon") && stty.contains(" echo "),
        "the editor runs in a cooked terminal: {stty}"
    );
    let saved = "SELECT count(*) FROM member WHERE brings = ?1";
    assert_eq!(
        tmux::count(&db, saved, "Edited in vi, truly"),
        0,
        "not saved yet"
    );
    t.keys("e", &["C-s"]);
    t.wait_until("e", "the form saved", |s| {
        (!s.contains("Ctrl-S save")).then_some(())
    });
    assert_eq!(tmux::count(&db, saved, "Edited in vi, truly"), 1);
    t.keys("e", &["q"]);
    assert_eq!(t.wait_exit("e"), 0);
}

/// A fake editor at `dir/name` running `body` with the file as `$1`.
fn script(dir: &std::path::Path, name: &str, body: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700)).unwrap();
    path
}

#[test]
fn ctrl_c_in_the_editor_is_the_editors_and_roundtable_carries_on() {
    let (dir, db) = demo();
    // As a Ctrl-C typed in a cooked terminal: SIGINT to the whole foreground group.
    let editor = script(
        dir.path(),
        "ed",
        "printf 'half' > \"$1\"; kill -INT 0; sleep 5",
    );
    let t = Tmux::new();
    let first = format!(
        "unset VISUAL; export EDITOR={}",
        tmux::quote(editor.to_str().unwrap())
    );
    t.start_after("i", (100, 30), &first, &["--db", db.to_str().unwrap()]);
    t.wait_for("i", "2 Roster");
    t.keys("i", &["2"]);
    t.wait_for("i", "Roster (");
    t.keys("i", &["e"]);
    t.wait_for("i", "Ctrl-S");
    t.keys("i", &["Tab", "Tab", "C-g"]);
    let s = t.wait_for("i", "stopped by a signal");
    assert!(!s.contains("half"), "the field is unchanged:\n{s}");
    assert_eq!(t.pane_format("i", "#{pane_dead}"), "0", "still running");
    // Esc and q apart, or the terminal reads them as Alt-q.
    t.keys("i", &["Escape"]);
    t.wait_for("i", "Cancelled");
    t.keys("i", &["q"]);
    assert_eq!(t.wait_exit("i"), 0);
}

#[test]
fn ctrl_z_in_the_editor_stops_roundtable_with_it_and_fg_brings_both_back() {
    let (dir, db) = demo();
    // As vi does on Ctrl-Z: SIGTSTP to its whole process group.
    let editor = script(
        dir.path(),
        "ed",
        "kill -TSTP 0; printf 'Back after fg' > \"$1\"",
    );
    let t = Tmux::new();
    // An interactive shell with job control, as a leader's terminal has.
    t.cmd(&[
        "new-session",
        "-d",
        "-s",
        "z",
        "-x",
        "100",
        "-y",
        "30",
        "env",
        "-u",
        "VISUAL",
        "PS1=$ ",
        "TERM=xterm-256color",
        "NO_COLOR=1",
        "TZ=UTC",
        &format!("EDITOR={}", editor.display()),
        "bash",
        "--norc",
        "--noprofile",
        "-i",
    ]);
    t.wait_for("z", "$");
    let run = format!(
        "{} --db {}",
        tmux::quote(tmux::BIN),
        tmux::quote(db.to_str().unwrap())
    );
    t.type_text("z", &run);
    t.keys("z", &["Enter"]);
    t.wait_for("z", "Roster");
    t.keys("z", &["2"]);
    t.wait_for("z", "Roster (");
    t.keys("z", &["e"]);
    t.wait_for("z", "Ctrl-S");
    t.keys("z", &["Tab", "Tab", "C-g"]);
    t.wait_for("z", "Stopped");
    t.type_text("z", "fg");
    t.keys("z", &["Enter"]);
    t.wait_for("z", "Back after fg");
    t.keys("z", &["Escape"]);
    // The editor's text is typing in the form: Esc asks before throwing it away.
    t.wait_for("z", "Throw away what you typed");
    t.keys("z", &["y"]);
    t.wait_for("z", "Cancelled");
    t.keys("z", &["q"]);
    t.wait_until("z", "the shell again", |s| {
        (!s.contains("Back after fg") && s.trim_end().ends_with('$')).then_some(())
    });
}

/// Review r9: `$EDITOR` (Ctrl-G) during a live meeting stopped the heartbeat, so after
/// 5 s the shared screen said "waiting for the leader" and stopped the room's clocks
/// while the leader was typing a note.
#[test]
fn a_live_meeting_keeps_its_heartbeat_while_the_editor_runs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let go = dir.path().join("go");
    let editor = script(
        dir.path(),
        "ed",
        &format!("while [ ! -e '{}' ]; do sleep 0.1; done", go.display()),
    );
    let t = Tmux::new();
    let first = format!(
        "unset VISUAL; export EDITOR={}",
        tmux::quote(editor.to_str().unwrap())
    );
    t.start_after(
        "h",
        (100, 30),
        &first,
        &["--db", db.to_str().unwrap(), "demo", "--live"],
    );
    t.wait_for("h", "● LIVE");
    t.keys("h", &["n"]);
    t.wait_for("h", "Typing a note");
    t.keys("h", &["C-g"]);
    std::thread::sleep(std::time::Duration::from_secs(7));
    let shared = std::process::Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .args(["--db", db.to_str().unwrap(), "render", "live"])
        .output()
        .unwrap();
    let shared = String::from_utf8_lossy(&shared.stdout).to_string();
    std::fs::write(&go, "").unwrap();
    assert!(shared.contains("● LIVE"), "{shared}");
    assert!(!shared.contains("waiting for the leader"), "{shared}");
    t.wait_for("h", "● LIVE");
    t.keys("h", &["Escape"]);
    t.keys("h", &["q"]);
    t.wait_for("h", "Quit?");
    t.keys("h", &["y"]);
    assert_eq!(t.wait_exit("h"), 0);
}
