//! `roundtable cycle open|show` and `render cycles` through the real binary, and
//! snapshots of the Cycles list and detail and of Goals (80x24 and 200x60) over two
//! seeded cycles.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod cycles_common;

use common::cli::{fails, ok, run_in};
use common::*;
use cycles_common::*;
use roundtable::app::App;
use roundtable::store::Store;
use roundtable::ui;
use std::path::Path;
use std::process::Output;

fn run(db: &Path, args: &[&str]) -> Output {
    run_in(db.parent().unwrap(), db, args)
}

/// Exit 1, one line on stderr, nothing on stdout; returns the message.
#[track_caller]
fn refused(out: &Output) -> String {
    fails(out, 1)
}

/// The fixture file (with its meetings) plus the two seeded cycles.
fn seeded_db(dir: &Path) -> (std::path::PathBuf, Seeded) {
    let db = dir.join("cycles.db");
    let ids = write_db(&db);
    // The fixture's own planned and live meetings would join cycle 1; they go first.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE meeting SET status = 'cancelled' WHERE status <> 'ended'",
        [],
    )
    .unwrap();
    drop(conn);
    let mut s = Store::open(&db).unwrap();
    let seeded = seed(&mut s, &ids);
    (db, seeded)
}

#[test]
fn cycle_open_matches_goals_refuses_unknown_ones_and_a_second_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    write_db(&db);
    let before = std::fs::read(&db).unwrap();
    let err = refused(&run(
        &db,
        &[
            "cycle",
            "open",
            "--community",
            CLUB,
            "--topic",
            "SBAR",
            "--goal",
            "No such goal",
        ],
    ));
    assert!(
        err.starts_with(&format!(
            "roundtable: '{CLUB}' has no goal 'No such goal' (its goals: 'Run 3 peer observations'"
        )),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing written");

    let out = ok(&run(
        &db,
        &[
            "cycle",
            "open",
            "--community",
            CLUB,
            "--topic",
            "SBAR handovers",
            "--source",
            "example.org",
            "--summary",
            "At every bedside",
            "--goal",
            "run 3 PEER observations",
            "--goal",
            "Adopt the early-warning score checklist",
        ],
    ));
    assert!(
        out.starts_with("opened cycle 1 'SBAR handovers' in "),
        "{out}"
    );
    let store = Store::open_read_only(&db).unwrap();
    let club = store.community_by_name(CLUB).unwrap().id;
    let c = store.open_cycle(club).unwrap().unwrap();
    assert_eq!(c.goals.len(), 2);
    assert_eq!(c.topic.summary, "At every bedside");
    drop(store);

    let err = refused(&run(
        &db,
        &["cycle", "open", "--community", CLUB, "--topic", "Another"],
    ));
    assert_eq!(
        err,
        "roundtable: not opened: cycle 1 'SBAR handovers' is still open (interrogation); close it before opening another\n"
    );
    // An argument mistake is exit 2.
    let out = run(&db, &["cycle", "open", "--community", CLUB]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn cycle_show_prints_markdown_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let (db, seeded) = seeded_db(dir.path());
    let md = ok(&run(&db, &["cycle", "show", "--community", CLUB]));
    assert!(md.starts_with("# Cycle 2: Early-warning scores\n"), "{md}");
    for part in [
        "- **Phase:** application",
        "## Starting notes\n\n- Start on time\n- Send the paper a week earlier\n",
        "- Audit 10 NEWS2 charts — Zoë 王, due 2026-11-20: ⚠ overdue",
        "- **Run 3 peer observations**: not judged yet",
        "Cycle 2: first audit results (planned, id",
    ] {
        assert!(md.contains(part), "missing {part:?} in:\n{md}");
    }
    let first = seeded.first.get().to_string();
    let md = ok(&run(&db, &["cycle", "show", "--id", &first]));
    for part in [
        "- **Problem:** Night handovers run 20 minutes over — Ben Carter\n  - **Solution:** A pocket SBAR card at each bedside — Grace Lin",
        "- ✓ done: Try SBAR on nights for two weeks; what happened: Used on 9 of 10 night shifts; learned: Short cards get used; long forms do not",
        "## Outcome\n\nNight handovers 12 minutes shorter on average.\\\nSBAR card adopted ward-wide.",
        "**Run 3 peer observations**: → progressing; evidence: 1 of 3 observations done",
    ] {
        assert!(md.contains(part), "missing {part:?} in:\n{md}");
    }
    let json = ok(&run(
        &db,
        &["cycle", "show", "--id", &first, "--format", "json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["number"], 1);
    assert_eq!(v["phase"], "closed");
    assert_eq!(v["goals"][0]["verdict"], "progressing");
    assert_eq!(v["board"].as_array().unwrap().len(), 4);
    assert_eq!(v["board"][2]["answers"], v["board"][0]["id"]);
    assert_eq!(v["reflection"][0]["verdict"], "done");
    assert_eq!(v["improvements"][1], "Send the paper a week earlier");
    assert_eq!(v["meetings"][0]["status"], "ended");
    assert_eq!(v["phases"].as_array().unwrap().len(), 4);

    // A wrong community for the id, an unknown id: one line, exit 1.
    refused(&run(&db, &["cycle", "show", "--id", "999"]));
    let out = run(&db, &["cycle", "show", "--id", &first, "--current"]);
    assert_eq!(out.status.code(), Some(2), "--id and --current conflict");
}

#[test]
fn cycle_show_escapes_user_text_like_the_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    write_db(&db);
    let open = |topic: &str| {
        run(
            &db,
            &["cycle", "open", "--community", CLUB, "--topic", topic],
        )
    };
    let err = refused(&open("bell \u{7}"));
    assert!(
        err.contains("the topic title: must not contain control characters"),
        "{err}"
    );
    ok(&open("# *Not* a [heading](x) | <b>"));
    let md = ok(&run(&db, &["cycle", "show", "--community", CLUB]));
    let first = md.lines().next().unwrap();
    assert_eq!(
        first,
        "# Cycle 1: \\# \\*Not\\* a \\[heading\\](x) \\| \\<b>"
    );
}

#[test]
fn render_cycles_works_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = seeded_db(dir.path());
    let out = ok(&run(&db, &["render", "cycles", "--community", CLUB]));
    assert!(out.contains("Learning cycles (2)"), "{out}");
    assert!(out.contains("Early-warning scores"), "{out}");
    assert!(out.contains("application"), "{out}");
}

fn snap(name: &str, app: &App, (w, h): (u16, u16)) {
    let text = ui::app_to_text(app, w, h);
    screen::assert_screen(name, &text, w, h);
    insta::assert_snapshot!(name, text);
}

#[test]
fn snapshots_of_cycles_and_goals() {
    let (mut s, ids) = store();
    seed(&mut s, &ids);
    let mut app = App::new(s, Box::new(clock()));
    app.set_color(false);
    press(&mut app, "<Enter>6");
    app.clear_status();
    for size in [(80, 24), (200, 60)] {
        snap(&format!("cycles_list_{}x{}", size.0, size.1), &app, size);
    }
    // The open cycle in detail (an overdue action), then the closed one.
    press(&mut app, "<Enter>");
    for size in [(80, 24), (200, 60)] {
        snap(
            &format!("cycles_detail_open_{}x{}", size.0, size.1),
            &app,
            size,
        );
    }
    press(&mut app, "<Esc>j<Enter>");
    for size in [(80, 24), (200, 60)] {
        snap(
            &format!("cycles_detail_closed_{}x{}", size.0, size.1),
            &app,
            size,
        );
    }
    // Drawn at the size it scrolls in first (the screen tells how far it can go).
    ui::app_to_text(&app, 80, 24);
    press(&mut app, "<PgDn>");
    snap("cycles_detail_closed_scrolled_80x24", &app, (80, 24));
    press(&mut app, "3");
    app.clear_status();
    for size in [(80, 24), (200, 60)] {
        snap(&format!("goals_progress_{}x{}", size.0, size.1), &app, size);
    }
    let mut empty = common::app();
    press(&mut empty, "<Enter>6");
    empty.clear_status();
    snap("cycles_empty_80x24", &empty, (80, 24));
    press(&mut empty, "n");
    snap("cycles_form_new_80x24", &empty, (80, 24));
}
