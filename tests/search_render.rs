//! `roundtable render` of the review screens through the real binary: the meeting view
//! (`--meeting`), a member's profile (`--member`, `--community`), the insights and the
//! search screen (`--query`); what each needs and does not get is one line, exit 2 or 1.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod search_common;

use common::cli::{fails, ok, run_in};
use common::{ARCHIVED, CLUB, LEADER};
use std::path::{Path, PathBuf};

fn db(dir: &Path) -> (PathBuf, search_common::Found) {
    let path = dir.join("search.db");
    let found = search_common::search_db(&path);
    (path, found)
}

fn render(dir: &Path, db: &Path, args: &[&str]) -> std::process::Output {
    let args: Vec<&str> = std::iter::once("render")
        .chain(args.iter().copied())
        .collect();
    run_in(dir, db, &args)
}

#[test]
fn the_meeting_view_profile_insights_and_search_render() {
    let dir = tempfile::tempdir().unwrap();
    let (db, found) = db(dir.path());
    let drill = found.drill.to_string();
    let view = ok(&render(
        dir.path(),
        &db,
        &["meeting-view", "--meeting", &drill],
    ));
    assert!(view.contains("Fire drill debrief — ended"), "{view}");
    assert!(view.contains("Timeline"), "{view}");

    let profile = ok(&render(
        dir.path(),
        &db,
        &[
            "profile",
            "--member",
            &LEADER.to_lowercase(),
            "--width",
            "120",
        ],
    ));
    assert!(profile.contains(LEADER), "{profile}");
    assert!(
        profile.contains("Member profile") || profile.contains("Attendance"),
        "{profile}"
    );

    let insights = ok(&render(
        dir.path(),
        &db,
        &[
            "insights",
            "--community",
            CLUB,
            "--width",
            "120",
            "--height",
            "40",
        ],
    ));
    assert!(insights.contains("Insights"), "{insights}");
    assert!(
        insights.contains("Cadence") || insights.contains("cadence"),
        "{insights}"
    );

    // Every community unless one is named.
    let all = ok(&render(
        dir.path(),
        &db,
        &["search", "--query", "alarm", "--width", "120"],
    ));
    assert!(all.contains("every community"), "{all}");
    assert!(
        all.contains("Fire drill debrief") && all.contains(ARCHIVED),
        "{all}"
    );
    assert!(!all.contains(['\u{2}', '\u{3}']), "{all}");
    let club = ok(&render(
        dir.path(),
        &db,
        &[
            "search",
            "--query",
            "alarm",
            "--community",
            CLUB,
            "--width",
            "120",
        ],
    ));
    assert!(!club.contains(ARCHIVED), "{club}");
}

#[test]
fn what_a_review_screen_needs_is_asked_for_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = db(dir.path());
    for (args, says) in [
        (vec!["meeting-view"], "needs --meeting"),
        (vec!["profile"], "needs --member"),
        (
            vec!["profile", "--member", "Nobody Here"],
            "no member called",
        ),
        (vec!["search"], "needs --query"),
        (vec!["search", "--query", "\"fire"], "quote is not closed"),
    ] {
        let err = fails(&render(dir.path(), &db, &args), 1);
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
        assert!(!err.contains("fts5"), "{err}");
    }
}
