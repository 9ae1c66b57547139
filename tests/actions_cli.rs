//! `roundtable actions` and `roundtable render actions` through the real binary, on the
//! fixture with the actions seed (dates relative to the real today, since the binary
//! reads the system clock).

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod actions_common;
mod common;

use actions_common::*;
use common::cli::{ok, run_in as run};
use roundtable::domain::ActionInfo;
use roundtable::store::Store;
use std::path::{Path, PathBuf};

/// A database file with the fixture and the actions seed.
fn db(dir: &Path) -> PathBuf {
    common::pin_timezone();
    let path = dir.join("actions.db");
    let mut s = Store::open(&path).unwrap();
    let ids = common::populate(&mut s);
    // Evening of today, so "today" is the same date in UTC as for the binary.
    let now = chrono::Local::now()
        .date_naive()
        .and_hms_opt(12, 0, 0)
        .unwrap()
        .and_utc();
    seed(&mut s, ids.club, |n| ids.member(n), now);
    path
}

/// Where each title first appears in `text`.
fn positions(text: &str, titles: &[&str]) -> Vec<usize> {
    titles
        .iter()
        .map(|t| {
            text.find(t)
                .unwrap_or_else(|| panic!("{t} missing:\n{text}"))
        })
        .collect()
}

const ORDER: [&str; 6] = [OVERDUE, MEETING_ACTION, PARTLY, NOBODYS, DONE, DROPPED];

#[test]
fn markdown_lists_every_action_overdue_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(dir.path());
    let md = ok(&run(dir.path(), &db, &["actions"]));
    assert!(
        md.starts_with("# Actions: Ward 7 Nurses' Journal Club\n"),
        "{md}"
    );
    assert!(md.contains("6 actions, 4 open, 1 overdue."), "{md}");
    assert!(
        md.contains("| Status | Action | Owner | Due | Goal | Cycle | Last follow-up |"),
        "{md}"
    );
    let p = positions(&md, &ORDER);
    assert!(p.windows(2).all(|w| w[0] < w[1]), "{md}");
    let overdue = md.lines().find(|l| l.contains(OVERDUE)).unwrap();
    assert!(overdue.contains("⚠ overdue (due "), "{overdue}");
    assert!(overdue.contains("| Ben Carter |"), "{overdue}");
    assert!(
        overdue.contains("| Run 3 peer observations | 1 |"),
        "{overdue}"
    );
    let nobodys = md.lines().find(|l| l.contains(NOBODYS)).unwrap();
    assert!(nobodys.contains("| nobody |"), "{nobodys}");
    let partly = md.lines().find(|l| l.contains(PARTLY)).unwrap();
    assert!(
        partly.contains("partly done: Asked; waiting for a date"),
        "{partly}"
    );
}

#[test]
fn open_leaves_closed_actions_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(dir.path());
    let md = ok(&run(dir.path(), &db, &["actions", "--open"]));
    assert!(!md.contains(DONE) && !md.contains(DROPPED), "{md}");
    positions(&md, &ORDER[..4]);
}

#[test]
fn json_is_a_stable_shape_in_the_same_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(dir.path());
    let out = ok(&run(
        dir.path(),
        &db,
        &["actions", "--community", common::CLUB, "--format", "json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["community"], common::CLUB);
    let list = v["actions"].as_array().unwrap();
    let titles: Vec<&str> = list.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ORDER);
    let first = &list[0];
    let mut keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "created_at",
            "cycle",
            "cycle_id",
            "due",
            "goal",
            "goal_id",
            "id",
            "last_follow_up",
            "meeting_id",
            "overdue",
            "owner",
            "owner_id",
            "standing",
            "status",
            "title"
        ]
    );
    assert_eq!(first["overdue"], true);
    assert_eq!(first["owner"], "Ben Carter");
    assert_eq!(first["cycle"], 1);
    assert_eq!(first["goal"], "Run 3 peer observations");
    assert!(first["last_follow_up"].is_null());
    let meeting = &list[1];
    assert_eq!(meeting["last_follow_up"]["verdict"], "not_done");
    assert!(meeting["last_follow_up"]["meeting_id"].is_number());
    assert_eq!(list[3]["owner"], serde_json::Value::Null);
    assert_eq!(list[4]["status"], "done");
}

#[test]
fn csv_defuses_formulas_and_keeps_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(dir.path());
    {
        let mut s = Store::open(&db).unwrap();
        let club = s.community_by_name(common::CLUB).unwrap().id;
        let info = ActionInfo {
            title: "=HYPERLINK(\"http://x\")".into(),
            owner: None,
            due: None,
            goal: None,
        };
        s.write(|tx| tx.insert_action(club, &info, None, chrono::Utc::now()))
            .unwrap();
    }
    let out = ok(&run(dir.path(), &db, &["actions", "--format", "csv"]));
    let mut lines = out.split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "id,title,owner,due,status,overdue,goal,cycle,meeting_id,created_at,last_verdict,last_note,last_at"
    );
    assert!(out.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{out}");
    let p = positions(&out, &ORDER);
    assert!(p.windows(2).all(|w| w[0] < w[1]), "{out}");
    let overdue = out.lines().find(|l| l.contains(OVERDUE)).unwrap();
    assert!(overdue.contains(",open,yes,"), "{overdue}");
}

#[test]
fn an_unknown_community_is_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(dir.path());
    let out = run(dir.path(), &db, &["actions", "--community", "Nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    let bad = run(dir.path(), &db, &["actions", "--format", "xml"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn render_actions_prints_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(dir.path());
    let out = ok(&run(
        dir.path(),
        &db,
        &["render", "actions", "--community", common::CLUB],
    ));
    assert!(
        out.contains("Actions · owner: anyone · status: all (6)"),
        "{out}"
    );
    assert!(out.contains("⚠ overdue"), "{out}");
    let wide = ok(&run(
        dir.path(),
        &db,
        &[
            "render",
            "actions",
            "--community",
            common::CLUB,
            "--width",
            "200",
            "--height",
            "60",
        ],
    ));
    assert!(wide.contains("Run 3 peer observations"), "{wide}");
}
