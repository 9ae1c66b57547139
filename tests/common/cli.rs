//! Running the real binary as a user would, with a private home and UTC, and checking
//! how it exits: shared by the command-line tests.

use std::path::Path;
use std::process::{Command, Output};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_roundtable");

/// `roundtable --db DB ARGS…` with `HOME` and `XDG_DATA_HOME` in `home`, in UTC, and
/// none of the developer's settings (`XDG_CONFIG_HOME`, `ROUNDTABLE_CONFIG`,
/// `ROUNDTABLE_THEME` removed: the settings file is looked for under `home`).
pub fn run_in(home: &Path, db: &Path, args: &[&str]) -> Output {
    run_in_zone(home, db, args, "UTC")
}

/// [`run_in`] in the time zone `tz` (a `TZ` value).
pub fn run_in_zone(home: &Path, db: &Path, args: &[&str], tz: &str) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("ROUNDTABLE_CONFIG")
        .env_remove("ROUNDTABLE_THEME")
        .env("TZ", tz)
        .output()
        .unwrap()
}

/// Asserts success and returns stdout.
#[track_caller]
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "expected success, got {:?}; stderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Asserts exit `code` with one line on stderr and nothing on stdout; returns the line.
#[track_caller]
pub fn fails(out: &Output, code: i32) -> String {
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(out.status.code(), Some(code), "stderr: {err}");
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    err
}
