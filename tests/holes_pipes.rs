//! Output into a pipe whose reader has closed (`roundtable check | head -1`): every
//! command ends quietly, with the exit status a shell shows for SIGPIPE (141), never a
//! panic's backtrace (r9 trial F19: `config show | head -1` aborted with one).

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

mod holes_common;

use holes_common::{DEMO, Sandbox};
use std::io::Read;
use std::path::Path;
use std::process::{Output, Stdio};

/// Runs `roundtable --db DB args…` with stdout a pipe whose reading end is closed before
/// the program starts, so its first write fails with EPIPE.
fn into_closed_pipe(sb: &Sandbox, db: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut child = sb
        .command(&all)
        .env("ROUNDTABLE_CONFIG", sb.path("settings.toml"))
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = Vec::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_end(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    Output {
        status,
        stdout: Vec::new(),
        stderr,
    }
}

#[test]
fn every_command_that_prints_ends_quietly_on_a_closed_pipe() {
    let sb = Sandbox::new();
    let db = sb.demo("demo.db");
    let copy = sb.path("copy.db");
    let commands: &[&[&str]] = &[
        &["config", "show"],
        &["config", "keys"],
        &["config", "path"],
        &["check"],
        &["export", "json"],
        &["export", "json", "--redact"],
        &["export", "minutes", "--last", "--community", DEMO],
        &["export", "report", "--community", DEMO],
        &["export", "ics", "--community", DEMO],
        &["roster", "export", "--community", DEMO],
        &["render", "history"],
        &["render", "insights", "--color"],
        &["search", "handover"],
        &["icebreaker", "--list"],
        &["actions", "--community", DEMO],
        &["cycle", "show", "--community", DEMO],
        &["man"],
        &["completions", "bash"],
        &["backup", copy.to_str().unwrap()],
    ];
    for args in commands {
        let out = into_closed_pipe(&sb, &db, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
        assert_eq!(
            out.status.code(),
            Some(141),
            "{args:?}: ended by {:?}; stderr: {err}",
            out.status
        );
        assert!(err.is_empty(), "{args:?} said: {err}");
    }
    // The backup was made before its line could not be said.
    assert!(copy.exists());
}
