//! Member profile and community insights, driven by keys over the fixture plus a
//! generated history of weekly meetings (inserted through SQL in one transaction), with
//! snapshots at 80x24 and 200x60.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use roundtable::app::{App, Screen};
use roundtable::store::Store;
use roundtable::ui;

/// `n` weekly ended meetings of the club before the fixture's now, every one with the
/// first four active members present. In each round, member 1 speaks 10 minutes and the
/// others one minute (dominated); every third week all speak alike. A three-week gap is
/// left after the fourth meeting.
fn add_history(path: &std::path::Path, n: i64) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let c: i64 = conn
        .query_row("SELECT id FROM community WHERE name = ?1", [CLUB], |r| {
            r.get(0)
        })
        .unwrap();
    let members: Vec<i64> = conn
        .prepare("SELECT id FROM member WHERE community_id = ?1 AND active = 1 ORDER BY id LIMIT 4")
        .unwrap()
        .query_map([c], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    conn.execute_batch("BEGIN").unwrap();
    for i in 0..n {
        let weeks = n - i + if i < 4 { 3 } else { 0 };
        let day = chrono::DateTime::parse_from_rfc3339("2026-11-17T17:00:00Z").unwrap()
            - chrono::Duration::weeks(weeks);
        let at = |min: i64| (day + chrono::Duration::minutes(min)).to_rfc3339();
        conn.execute(
            "INSERT INTO meeting (community_id, title, scheduled_at, started_at, ended_at, planned_minutes, status, created_at)
             VALUES (?1, ?2, ?3, ?3, ?4, 60, 'ended', ?3)",
            rusqlite::params![c, format!("Week {}", i + 1), at(0), at(60)],
        )
        .unwrap();
        let m = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO agenda_item (meeting_id, position, kind, title, minutes) VALUES (?1, 1, 'round_robin', 'Round', 30)",
            [m],
        )
        .unwrap();
        let item = conn.last_insert_rowid();
        let mut t = 0;
        for (pos, member) in members.iter().enumerate() {
            conn.execute(
                "INSERT INTO attendance (meeting_id, member_id, status) VALUES (?1, ?2, 'present')",
                [m, *member],
            )
            .unwrap();
            let len = if pos == 0 && i % 3 != 2 { 10 } else { 1 };
            conn.execute(
                "INSERT INTO speaking_turn (agenda_item_id, position, member_id, state, started_at, ended_at)
                 VALUES (?1, ?2, ?3, 'spoke', ?4, ?5)",
                rusqlite::params![item, pos as i64 + 1, member, at(t), at(t + len)],
            )
            .unwrap();
            t += len;
        }
    }
    conn.execute_batch("COMMIT").unwrap();
}

fn history_app(dir: &std::path::Path) -> App {
    history_app_edited(dir, 12, |_| {})
}

/// The fixture with `meetings` generated meetings, changed by `edit` through a plain
/// connection before the app opens it on its community's roster.
fn history_app_edited(
    dir: &std::path::Path,
    meetings: i64,
    edit: impl FnOnce(&rusqlite::Connection),
) -> App {
    let path = dir.join("fixture.db");
    write_db(&path);
    add_history(&path, meetings);
    edit(&rusqlite::Connection::open(&path).unwrap());
    let mut app = App::new(Store::open(&path).unwrap(), Box::new(clock()));
    app.set_color(false);
    press(&mut app, "<Enter>");
    app.clear_status();
    app
}

fn snap(name: &str, app: &mut App, (w, h): (u16, u16)) {
    let text = ui::app_to_text(app, w, h);
    screen::assert_screen(name, &text, w, h);
    // Every flag is a symbol or a word: the screen reads the same without colour.
    app.set_color(true);
    assert_eq!(
        ui::app_to_text(app, w, h),
        text,
        "{name}: colour changes the text"
    );
    app.set_color(false);
    insta::assert_snapshot!(name, text);
}

#[test]
fn roster_enter_and_p_open_the_profile_and_esc_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = history_app(dir.path());
    assert_eq!(app.screen(), Screen::Roster);
    let name = app.browse().selected_member().unwrap().profile.name.clone();
    press(&mut app, "<Enter>");
    assert_eq!(app.screen(), Screen::Profile);
    let p = app.insights().profile.as_ref().unwrap();
    assert_eq!(p.member.profile.name, name);
    assert_eq!(
        p.facts.len(),
        12 + 2,
        "the generated history and the fixture's two ended meetings"
    );
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Roster);
    press(&mut app, "p");
    assert_eq!(app.screen(), Screen::Profile);
    snap("profile_80x24", &mut app, (80, 24));
    snap("profile_200x60", &mut app, (200, 60));
    // The profile scrolls at 80x24 and stops at its end.
    let top = ui::app_to_text(&app, 80, 24);
    press(&mut app, "jjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjjj");
    let scrolled = ui::app_to_text(&app, 80, 24);
    assert_ne!(top, scrolled);
    assert!(scrolled.contains("Least heard"), "{scrolled}");
}

#[test]
fn insights_from_history_and_communities_flag_domination_and_gaps_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = history_app(dir.path());
    press(&mut app, "5I");
    assert_eq!(app.screen(), Screen::Insights);
    let text = ui::app_to_text(&app, 200, 60);
    assert!(text.contains("▲ dominated"), "{text}");
    assert!(text.contains("⚠ gap"), "{text}");
    assert!(text.contains("Least heard (last 8 meetings, "), "{text}");
    snap("insights_200x60", &mut app, (200, 60));
    snap("insights_80x24", &mut app, (80, 24));
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::History);
    press(&mut app, "1I");
    assert_eq!(app.screen(), Screen::Insights);
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Communities);
}

/// r8 trial, confusing 11: a community with two meetings read "intervals on rhythm 0%
/// · on the planned day and time 0% … ✓ no gaps" and "· · too few meetings": too few
/// meetings are said so, without percentages, a ✓, or an empty separator.
#[test]
fn two_meetings_are_too_few_to_judge_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    // The fixture's own two meetings only.
    let mut app = history_app_edited(dir.path(), 0, |_| {});
    press(&mut app, "5I");
    assert_eq!(app.screen(), Screen::Insights);
    let text = ui::app_to_text(&app, 200, 60);
    assert!(
        text.contains("too few meetings to judge yet (2 of 3)"),
        "{text}"
    );
    assert!(!text.contains("on rhythm"), "{text}");
    assert!(!text.contains("✓ no gaps"), "{text}");
    assert!(!text.contains("· ·"), "{text}");
    assert!(
        text.contains("average ")
            && text.contains("over 2 meetings · too few meetings for a trend"),
        "{text}"
    );
}

#[test]
fn insights_say_which_figure_is_which_and_give_long_text_room() {
    let dir = tempfile::tempdir().unwrap();
    // A closed cycle whose outcome takes more than a line at 200 columns, serving a goal.
    let mut app = history_app_edited(dir.path(), 12, |conn| {
        let outcome = "Peer observation works when the observer has a checklist. ".repeat(5);
        conn.execute(
            "INSERT INTO cycle (community_id, number, topic, phase, started_on, ended_on, outcome)
             SELECT id, 1, 'Peer observation', 'closed', '2026-09-01', '2026-10-13', ?2
             FROM community WHERE name = ?1",
            rusqlite::params![CLUB, outcome.trim()],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO cycle_goal (cycle_id, goal_id, verdict)
             SELECT ?1, id, 'progressing' FROM goal WHERE title = 'Run 3 peer observations'",
            [conn.last_insert_rowid()],
        )
        .unwrap();
    });
    press(&mut app, "5I");
    let text = ui::app_to_text(&app, 200, 60);
    // The chart's figure is the latest meeting's, the text's the average: each says so.
    assert!(text.contains("latest 100%"), "{text}");
    assert!(text.contains("Attendance: average 100% over 14"), "{text}");
    // One cycle is "1 cycle".
    assert!(
        text.contains("Run 3 peer observations — active · cycle 1: progressing · 1 cycle "),
        "{text}"
    );
    // The Meeting column is as wide as the room allows: the longest title in full.
    assert!(
        text.contains("Journal club: early-warning scores "),
        "{text}"
    );
    // Each Gini is written under its bar, a dominated meeting's with its flag.
    assert!(text.contains("▲.52 ▲.52 .00"), "{text}");
    // The outcome's second line goes on under its first, not at the margin.
    let lines: Vec<&str> = text.lines().collect();
    let at = (lines.iter())
        .position(|l| l.contains("Cycle 1: Peer observation — closed:"))
        .expect(&text);
    let next = lines[at + 1];
    assert!(
        next.starts_with("│     ") && next.contains("checklist"),
        "{text}"
    );
}

#[test]
fn a_member_who_joined_lately_is_counted_from_the_day_they_joined() {
    let dir = tempfile::tempdir().unwrap();
    // The last active member (in none of the generated meetings) joined the day before
    // the fixture's latest meeting.
    let mut name = String::new();
    let mut app = history_app_edited(dir.path(), 12, |conn| {
        name = conn
            .query_row(
                "UPDATE member SET joined_on = '2026-11-11' WHERE id =
                   (SELECT max(m.id) FROM member m JOIN community c ON c.id = m.community_id
                    WHERE c.name = ?1 AND m.active = 1 AND m.is_guest = 0)
                 RETURNING name",
                [CLUB],
                |r| r.get(0),
            )
            .unwrap();
    });
    for _ in 0..app.list(Screen::Roster).selected + 20 {
        if app.browse().selected_member().unwrap().profile.name == name {
            break;
        }
        press(&mut app, "j");
    }
    assert_eq!(app.browse().selected_member().unwrap().profile.name, name);
    press(&mut app, "p");
    let text = ui::app_to_text(&app, 200, 60);
    // Not "of the last 14 meetings": the twelve before they joined are not theirs.
    assert!(
        text.contains("of 1 meeting since they joined on Wed 2026-11-11"),
        "{text}"
    );
    assert_eq!(app.insights().profile.as_ref().unwrap().attendance().1, 1);
}

#[test]
fn the_least_heard_are_the_quiet_members() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = history_app(dir.path());
    press(&mut app, "5I");
    let i = app.insights().community.as_ref().unwrap();
    let heard = i.heard();
    // The loudest (member 1 of the generated rounds) is heard most; members who never
    // spoke in these meetings come first.
    let loudest = heard.iter().rev().find(|h| h.of_fair.is_some()).unwrap();
    assert!(loudest.of_fair.unwrap() > 2.0, "{heard:?}");
    assert!(heard[0].of_fair.is_none_or(|r| r < 1.0), "{heard:?}");
}

/// With fewer than eight meetings where anyone spoke, "Heard lately" counts the ones
/// there are, as the community's least-heard line does (it claimed "of the last 8
/// meetings" whatever the history).
#[test]
fn heard_lately_counts_only_the_meetings_there_are() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = history_app_edited(dir.path(), 3, |_| {});
    press(&mut app, "p");
    assert_eq!(app.screen(), Screen::Profile);
    let lately = app.insights().profile.as_ref().unwrap().lately();
    assert!((1..8).contains(&lately), "{lately}");
    let text = ui::app_to_text(&app, 200, 60);
    assert!(!text.contains("Heard lately (last 8 meetings)"), "{text}");
    assert!(
        text.contains(&format!("Heard lately (last {lately} meeting")),
        "{text}"
    );
}

/// The trial's findings on one history: the club plans "every 2 weeks Thu 17:30" but
/// meets weekly on Tuesdays (B4); its second member missed Weeks 9–11 (C1); Week 12 had
/// 55 seconds of talk, most of it one voice (C6); the profile labels every range (B9)
/// and the action figures add up (C14).
#[test]
fn insights_and_profile_say_what_each_figure_means() {
    let dir = tempfile::tempdir().unwrap();
    let mut absentee = String::new();
    let mut app = history_app_edited(dir.path(), 12, |conn| {
        let (member, name): (i64, String) = conn
            .query_row(
                "SELECT p.id, p.name FROM meeting m JOIN attendance a ON a.meeting_id = m.id
                 JOIN member p ON p.id = a.member_id WHERE m.title = 'Week 1'
                 ORDER BY p.id LIMIT 1 OFFSET 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        absentee = name;
        for week in ["Week 9", "Week 10", "Week 11"] {
            conn.execute(
                "UPDATE attendance SET status = 'absent' WHERE member_id = ?1
                 AND meeting_id = (SELECT id FROM meeting WHERE title = ?2)",
                rusqlite::params![member, week],
            )
            .unwrap();
            conn.execute(
                "DELETE FROM speaking_turn WHERE member_id = ?1 AND agenda_item_id =
                 (SELECT a.id FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id WHERE m.title = ?2)",
                rusqlite::params![member, week],
            )
            .unwrap();
        }
        // Week 12: 40 s, then 5 s each.
        let (item, start): (i64, String) = conn
            .query_row(
                "SELECT a.id, m.started_at FROM meeting m JOIN agenda_item a ON a.meeting_id = m.id
                 WHERE m.title = 'Week 12'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let start = chrono::DateTime::parse_from_rfc3339(&start).unwrap();
        let mut at = 0;
        for (pos, secs) in [(1, 40), (2, 5), (3, 5), (4, 5)] {
            let t = |s: i64| (start + chrono::Duration::seconds(s)).to_rfc3339();
            conn.execute(
                "UPDATE speaking_turn SET started_at = ?1, ended_at = ?2
                 WHERE agenda_item_id = ?3 AND position = ?4",
                rusqlite::params![t(at), t(at + secs), item, pos],
            )
            .unwrap();
            at += secs;
        }
    });
    press(&mut app, "5I");
    let text = ui::app_to_text(&app, 200, 60);
    // B4: the interval and the planned day and time are judged apart: of 14 meetings
    // one is on Thu 17:30 (1 of 14).
    assert!(
        text.contains(
            "Cadence: planned every 2 weeks Thu 17:30 (every 14 days) · intervals on rhythm 0% \
             · on the planned day and time 7% (usually Tue 17:00)"
        ),
        "{text}"
    );
    // C6: the short meeting is marked, counted apart, and not judged.
    let week12 = text.lines().find(|l| l.contains("Week 12 ")).expect(&text);
    assert!(week12.contains("· too short to judge"), "{week12}");
    assert!(!week12.contains("dominated"), "{week12}");
    assert!(
        text.contains("of 11 meetings dominated by one voice · 1 too short to judge"),
        "{text}"
    );
    assert!(
        text.contains(" <3m "),
        "the chart's bar says so too: {text}"
    );
    // C1: the absentee ranks first, with their absences said.
    assert!(
        text.contains(&format!(
            "Least heard (last 8 meetings, % of a fair share): {absentee} "
        )),
        "{text}"
    );
    assert!(text.contains(", absent 3 of 8"), "{text}");
    assert!(text.contains("a meeting missed counts as 0"), "{text}");
    // C14: the parts add up to the Actions screen's count.
    assert!(
        text.contains("Actions (all time): 2 in all: 0 done · 2 open"),
        "{text}"
    );
    assert!(text.contains("Actions 2 "), "{text}");
    // The profile says the same, and labels each range.
    press(&mut app, "<Esc>2");
    for _ in 0..30 {
        if app.browse().selected_member().unwrap().profile.name == absentee {
            break;
        }
        press(&mut app, "j");
    }
    press(&mut app, "p");
    let text = ui::app_to_text(&app, 200, 60);
    assert!(
        text.contains("Heard lately (last 8 meetings): ⚠ quiet: "),
        "{text}"
    );
    assert!(text.contains(", absent 3 of 8 ("), "{text}");
    assert!(text.contains("Turns (last 14 meetings): "), "{text}");
    assert!(
        text.contains("Notes by kind (last 14 meetings): "),
        "{text}"
    );
    assert!(text.contains("Actions owned (all time): "), "{text}");
    // A missed meeting is a column of ┊, not an empty (silent) one.
    assert!(text.contains("· ┊ missed"), "{text}");
    let chart: Vec<&str> = text.lines().skip(2).take(4).collect();
    for row in &chart {
        assert_eq!(row.matches('┊').count(), 3, "{chart:#?}");
    }
}
