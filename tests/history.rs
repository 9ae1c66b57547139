//! History at scale and the meeting view (issue 10): History reads a page at a time
//! (keyset paging over an index, checked with EXPLAIN QUERY PLAN), filters by title
//! words and dates in the store, and Enter opens a past meeting in full, which scrolls,
//! steps to the older and newer meeting, and writes its minutes to a new file.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod history_common;

use chrono::Duration;
use common::*;
use history_common::add_history;
use roundtable::app::browse::HISTORY_PAGE;
use roundtable::app::{App, Command, Screen};
use roundtable::domain::FakeClock;
use roundtable::store::history_page_sql;
use roundtable::ui;
use std::path::{Path, PathBuf};

/// A fixture file with `n` generated past meetings, and the app on History.
fn history_app(dir: &Path, n: usize) -> (App, PathBuf) {
    let path = dir.join("history.db");
    let ids = write_db(&path);
    add_history(&path, &ids, n, 2);
    let mut app = open_app(&path);
    press(&mut app, "<Enter>5");
    assert_eq!(app.screen(), Screen::History);
    (app, path)
}

#[test]
fn history_reads_one_page_and_the_next_only_as_the_selection_nears_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = history_app(dir.path(), 3000);
    let page = HISTORY_PAGE as usize;
    assert_eq!(app.browse().history.len(), page);
    assert!(app.browse().history_more);
    let s = ui::app_to_text(&app, 200, 60);
    assert!(s.contains("History · more as you scroll"), "{s}");
    // Newest first: the fixture's last ended meeting, then the generated ones.
    let held: Vec<_> = app
        .browse()
        .history
        .iter()
        .map(|m| m.scheduled_at)
        .collect();
    assert!(held.windows(2).all(|w| w[0] >= w[1]), "{held:?}");
    // Moving within the first half of the page reads nothing more.
    for _ in 0..page / 2 - 1 {
        app.handle(Command::Down);
    }
    assert_eq!(app.browse().history.len(), page);
    app.handle(Command::Down);
    assert_eq!(app.browse().history.len(), 2 * page);
    // The pages join without a gap or a repeat.
    let ids: Vec<_> = app.browse().history.iter().map(|m| m.id).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    let held: Vec<_> = app
        .browse()
        .history
        .iter()
        .map(|m| m.scheduled_at)
        .collect();
    assert!(held.windows(2).all(|w| w[0] >= w[1]));
    // A refresh keeps what was read, and the selection with it.
    let selected = app.browse().selected_past().map(|m| m.id);
    app.refresh();
    assert_eq!(app.browse().history.len(), 2 * page);
    assert_eq!(app.browse().selected_past().map(|m| m.id), selected);
    // One G reads to the oldest meeting and selects it; then nothing says "more".
    app.handle(Command::Bottom);
    assert!(!app.browse().history_more);
    assert_eq!(app.browse().history.len(), 3000 + 2);
    let oldest = app.browse().history.last().map(|m| m.id);
    assert_eq!(app.browse().selected_past().map(|m| m.id), oldest);
    let s = ui::app_to_text(&app, 80, 24);
    assert!(s.contains("History (3002)"), "{s}");
}

/// At 80 columns Held and Took are as wide as their longest cell among the rows read, not
/// only those shown, so the columns stay put as the list scrolls past a meeting that ran
/// ten hours.
#[test]
fn narrow_history_columns_stay_put_while_scrolling() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, path) = history_app(dir.path(), 60);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let long = conn
        .execute(
            "UPDATE meeting SET ended_at = strftime('%Y-%m-%dT%H:%M:%fZ', started_at, '+600 minutes')
             WHERE title = 'Weekly circle 40'",
            [],
        )
        .unwrap();
    assert_eq!(long, 1);
    app.refresh();
    let header = |app: &App| {
        let s = ui::app_to_text(app, 80, 24);
        let line = s.lines().find(|l| l.contains("Took")).map(str::to_string);
        (line.unwrap_or_else(|| panic!("{s}")), s)
    };
    let (top, s) = header(&app);
    assert!(!s.contains("10h00"), "{s}");
    // Down to Weekly circle 40 (after the fixture's own two meetings).
    for _ in 0..42 {
        press(&mut app, "j");
    }
    let (scrolled, s) = header(&app);
    assert!(s.contains("10h00"), "{s}");
    assert_eq!(scrolled, top, "{s}");
}

/// History is read only while shown (`App::load_shown`): opening on the Roster and
/// drawing it reads no ended meeting; showing History reads its first page, once.
#[test]
fn history_is_read_only_when_shown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    let ids = write_db(&path);
    add_history(&path, &ids, 200, 2);
    let store = roundtable::store::Store::open(&path).unwrap();
    store.record_statements();
    let mut app = App::new(store, Box::new(clock()));
    press(&mut app, "<Enter>");
    assert_eq!(app.screen(), Screen::Roster);
    app.refresh();
    ui::app_to_text(&app, 200, 60);
    let ended = |sql: &String| sql.contains("status = 'ended'");
    let read = app.store_mut().recorded_statements();
    assert!(!read.iter().any(ended), "{read:#?}");
    assert!(app.browse().history.is_empty());
    app.store_mut().record_statements();
    press(&mut app, "5");
    assert_eq!(app.browse().history.len(), HISTORY_PAGE as usize);
    let read = app.store_mut().recorded_statements();
    // The page, then its meetings' pauses (their Took without the pauses, r9 trial F29).
    assert_eq!(read.len(), 2, "{read:#?}");
    assert_eq!(read[0], history_page_sql(false), "{read:#?}");
    assert!(read[1].contains("FROM meeting_pause"), "{read:#?}");
}

/// A new meeting's default slot follows the latest ended meeting although History,
/// which lists it, was never read: the club meets every two weeks, last on Thursday
/// 19 November, so the next slot is 3 December, not the Thursday after now (the 26th).
#[test]
fn a_new_meeting_follows_the_latest_ended_one_with_history_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slot.db");
    write_db(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "UPDATE meeting SET status = 'cancelled' WHERE status = 'planned';
         UPDATE meeting SET scheduled_at = '2026-11-19T17:30:00.000Z'
          WHERE title = 'Journal club: early-warning scores';",
    )
    .unwrap();
    drop(conn);
    let mut app = open_app(&path);
    press(&mut app, "<Enter>4");
    assert_eq!(app.screen(), Screen::Meetings);
    assert!(app.browse().history.is_empty());
    app.handle(Command::New);
    app.handle(Command::Open);
    let roundtable::app::Overlay::Form(form) = app.overlay() else {
        panic!("meeting form expected: {:?}", app.status())
    };
    assert_eq!(form.draft().get("when"), "2026-12-03 17:30");
}

#[test]
fn the_history_page_and_its_counts_are_read_through_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let (app, path) = history_app(dir.path(), 500);
    drop(app);
    let conn = rusqlite::Connection::open(&path).unwrap();
    for newer in [false, true] {
        let mut stmt = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", history_page_sql(newer)))
            .unwrap();
        let plan: Vec<String> = stmt
            .query_map(
                rusqlite::params![
                    1,
                    "[\"%alarm%\"]",
                    "2025-01-01",
                    "2026-01-01",
                    "2025-06-01",
                    9,
                    65
                ],
                |r| r.get::<_, String>(3),
            )
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let text = plan.join("\n");
        assert!(
            text.contains("SEARCH m USING INDEX meeting_community (community_id=? AND scheduled_at>? AND scheduled_at<?)"),
            "{text}"
        );
        // The counts: the meeting's row of `meeting_tally`, by key; none counted.
        assert!(
            text.contains("SEARCH t USING INTEGER PRIMARY KEY"),
            "{text}"
        );
        for table in ["agenda_item", "attendance", "note", "action_item"] {
            assert!(!text.contains(&format!(" {table} ")), "{table}: {text}");
        }
        assert!(
            text.contains("SEARCH cycle USING INTEGER PRIMARY KEY"),
            "{text}"
        );
        // No table is scanned (only the filter's words, a JSON array), nothing sorted.
        for l in &plan {
            assert!(!l.contains("SCAN") || l.contains("VIRTUAL TABLE"), "{text}");
        }
        assert!(!text.contains("TEMP B-TREE"), "{text}");
    }
}

#[test]
fn history_filters_by_title_words_and_dates_in_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = history_app(dir.path(), 400);
    press(&mut app, "/ALARM<Enter>");
    let h = &app.browse().history;
    assert_eq!(h.len(), 40);
    assert!(h.iter().all(|m| m.title.contains("alarm")));
    assert!(!app.browse().history_more);
    // A month: the generated meetings are weekly, on Thursdays.
    press(&mut app, "<Esc>/2025-05<Enter>");
    let h = &app.browse().history;
    assert_eq!(h.len(), 5, "{h:?}");
    assert!(
        h.iter()
            .all(|m| m.scheduled_at.to_rfc3339().starts_with("2025-05"))
    );
    // A range and a word together.
    press(&mut app, "<Esc>/2024..2025 alarm<Enter>");
    let h = &app.browse().history;
    assert!(!h.is_empty());
    assert!(h.iter().all(|m| m.title.contains("alarm")
        && (2024..=2025).contains(&chrono::Datelike::year(&m.scheduled_at))));
    // Nothing matches: the screen says how the filter reads.
    press(&mut app, "<Esc>/1999<Enter>");
    assert!(app.browse().history.is_empty());
    let s = ui::app_to_text(&app, 80, 24);
    assert!(s.contains("No past meeting matches the filter"), "{s}");
    // Words said in meetings are found by Search, and the empty list says so.
    assert!(s.contains("press S to search"), "{s}");
    // Percent signs and underscores are taken literally, not as LIKE patterns.
    press(&mut app, "<Esc>/%<Enter>");
    assert!(app.browse().history.is_empty());
    press(&mut app, "<Esc>");
    assert_eq!(app.browse().history.len(), HISTORY_PAGE as usize);
}

/// r9 (issue 10 follow-up): a backwards range in History's filter showed an empty list
/// and said nothing, while Search and the CLI refuse it; History says the same words.
#[test]
fn a_backwards_range_in_the_filter_is_said_in_searchs_words() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = history_app(dir.path(), 40);
    press(&mut app, "/2026-10..2026-09<Enter>");
    assert!(app.browse().history.is_empty());
    let s = ui::app_to_text(&app, 120, 24);
    assert!(
        s.contains(
            "the dates run backwards: 2026-10-01 is after 2026-09-30 (write the earlier one first)"
        ),
        "{s}"
    );
    assert!(!s.contains("No past meeting matches"), "{s}");
    // A word written like a date that is none, and matching no title, is said too.
    press(&mut app, "<Esc>/2026-13<Enter>");
    let s = ui::app_to_text(&app, 120, 24);
    assert!(s.contains("'2026-13' is not a date"), "{s}");
    // A good range says nothing of the kind.
    press(&mut app, "<Esc>/1999..2000<Enter>");
    let s = ui::app_to_text(&app, 120, 24);
    assert!(s.contains("No past meeting matches the filter"), "{s}");
}

#[test]
fn enter_opens_the_meeting_view_and_brackets_step_through_meetings() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = history_app(dir.path(), 200);
    press(&mut app, "<Enter>");
    assert_eq!(app.screen(), Screen::MeetingView);
    let first = app.review().meeting.as_ref().unwrap().meeting.clone();
    assert_eq!(Some(first.id), app.browse().history.first().map(|m| m.id));
    press(&mut app, "]");
    assert_eq!(
        app.status().unwrap().text,
        "This is the newest past meeting"
    );
    press(&mut app, "[");
    let older = app.review().meeting.as_ref().unwrap().meeting.clone();
    assert_eq!(Some(older.id), app.browse().history.get(1).map(|m| m.id));
    let s = ui::app_to_text(&app, 80, 24);
    assert!(s.contains(&older.title), "{s}");
    press(&mut app, "]");
    assert_eq!(app.review().meeting.as_ref().unwrap().meeting.id, first.id);
    // M without a folder set writes beside the database file.
    press(&mut app, "M");
    assert!(!app.status().unwrap().is_error, "{:?}", app.status());
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("minutes-"))
        .collect();
    assert_eq!(written, [format!("minutes-2026-11-12-{}.md", first.id)]);
    // Esc goes back to History.
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::History);
    assert!(app.review().meeting.is_none());
    // With History filtered, [ and ] stay within what the filter shows.
    press(&mut app, "/alarm<Enter><Enter>[");
    let m = &app.review().meeting.as_ref().unwrap().meeting;
    assert!(m.title.contains("alarm"), "{}", m.title);
    assert_eq!(Some(m.id), app.browse().history.get(1).map(|m| m.id));
}

/// The fixture's planned meeting run through the keys: a round with a note, a pass, an
/// overrun, a consent check; then ended.
fn ended_meeting_app() -> (App, FakeClock) {
    let (mut store, ids) = store();
    plan_meeting(&mut store, &ids);
    let clock = clock();
    let mut app = App::new(store, Box::new(clock.clone()));
    app.set_color(false);
    press(&mut app, "<Enter>");
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::StartMeeting);
    app.handle(Command::Down);
    app.handle(Command::CycleAttendance);
    app.handle(Command::OpenLive);
    app.handle(Command::NextSpeaker);
    clock.advance(Duration::seconds(95));
    press(
        &mut app,
        "nReads the paper twice before the meeting, and asks the night shift what they think of the checklist before it is adopted<Tab><Enter>",
    );
    app.handle(Command::NextSpeaker);
    clock.advance(Duration::seconds(20));
    app.handle(Command::PassTurn);
    clock.advance(Duration::seconds(150));
    app.handle(Command::NextSpeaker);
    clock.advance(Duration::minutes(2));
    app.handle(Command::NextItem);
    clock.advance(Duration::minutes(20));
    app.handle(Command::ConsentCheck);
    // The topic is typed: the item's title is not offered (r9 trial F10).
    press(&mut app, "What struck you in the paper?<C-s>");
    press(&mut app, "543<C-s>");
    app.handle(Command::EndMeeting);
    app.handle(Command::Yes);
    assert_eq!(app.screen(), Screen::Summary);
    (app, clock)
}

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 60)];

fn snap_both(name: &str, app: &App) {
    for (w, h) in SIZES {
        let text = ui::app_to_text(app, w, h);
        screen::assert_screen(name, &text, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
    }
}

#[test]
fn the_meeting_view_shows_the_meeting_in_full_and_scrolls() {
    let (mut app, _) = ended_meeting_app();
    // From the summary, v: the meeting that just ended, in full.
    press(&mut app, "v");
    assert_eq!(app.screen(), Screen::MeetingView);
    app.clear_status();
    snap_both("meeting_view", &app);
    let tall = ui::app_to_text(&app, 200, 60);
    for words in [
        "Timeline",
        "night shift what they think of the checklist before it is adopted",
        "passed",
        "Airtime",
        "Decisions (1)",
        "votes:",
    ] {
        assert!(tall.contains(words), "{words}: {tall}");
    }
    // At 80x24 it does not all fit: j scrolls down a line, G to the end, g back.
    let top = ui::app_to_text(&app, 80, 24);
    assert!(top.contains("↑ 0 above"), "{top}");
    press(&mut app, "j");
    let one = ui::app_to_text(&app, 80, 24);
    assert!(one.contains("↑ 1 above"), "{one}");
    press(&mut app, "G");
    let end = ui::app_to_text(&app, 80, 24);
    assert!(end.contains("↓ 0 below"), "{end}");
    assert!(end.contains("Actions ("), "{end}");
    press(&mut app, "g");
    assert_eq!(ui::app_to_text(&app, 80, 24), top);
    // Esc goes back to the summary it was opened from.
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Summary);
}

/// The summary and the meeting view draw from the minutes built when the meeting ended
/// or was opened: redrawing them (every frame) runs no statement, and scrolling and
/// `[`/`]` still show what they should.
#[test]
fn redrawing_the_summary_and_the_meeting_view_reads_nothing() {
    let (mut app, _) = ended_meeting_app();
    app.clear_status();
    let redraw = |app: &mut App| {
        app.store_mut().record_statements();
        // The small size last: the scroll is kept within what was last drawn.
        let shown: Vec<String> = [(200, 60), (80, 24)]
            .iter()
            .map(|&(w, h)| ui::app_to_text(app, w, h))
            .collect();
        let run = app.store_mut().recorded_statements();
        assert!(run.is_empty(), "a redraw ran {run:#?}");
        shown
    };
    let summary = redraw(&mut app);
    assert!(summary[0].contains("Warm-up"), "{}", summary[0]);
    press(&mut app, "v");
    let view = redraw(&mut app);
    assert!(view[1].contains("↑ 0 above"), "{}", view[1]);
    press(&mut app, "j");
    assert!(redraw(&mut app)[1].contains("↑ 1 above"));
    // The summary it came from is unchanged.
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Summary);
    app.clear_status();
    assert_eq!(redraw(&mut app), summary);
}

#[test]
fn m_writes_the_minutes_once_owner_only_and_never_over_a_file() {
    let (mut app, _) = ended_meeting_app();
    // An in-memory database has no folder, and none was set: said, nothing written.
    press(&mut app, "v");
    press(&mut app, "M");
    let status = app.status().unwrap();
    assert!(
        status.is_error && status.text.contains("No folder"),
        "{status:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    app.set_export_dir(dir.path().to_path_buf());
    let id = app.review().meeting.as_ref().unwrap().meeting.id;
    press(&mut app, "M");
    let status = app.status().unwrap().clone();
    assert!(!status.is_error, "{status:?}");
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let path = &files[0];
    assert!(
        status.text.contains(&path.display().to_string()),
        "{status:?}"
    );
    assert!(
        path.file_name()
            .unwrap()
            .to_string_lossy()
            .ends_with(&format!("-{id}.md"))
    );
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("night shift what they think"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // Again: refused, the file untouched.
    std::fs::write(path, "kept").unwrap();
    press(&mut app, "M");
    let status = app.status().unwrap();
    assert!(
        status.is_error && status.text.contains("already exists"),
        "{status:?}"
    );
    // What to do is said within an 80-column status line (" ✗ " before it); the
    // folder, last, may be cut (trial r9 F22).
    let todo = status.text.find("then M").unwrap() + "then M".len();
    assert!(
        unicode_width::UnicodeWidthStr::width(&status.text[..todo]) <= 77,
        "{status:?}"
    );
    assert_eq!(std::fs::read_to_string(path).unwrap(), "kept");
}

#[test]
fn history_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = history_app(dir.path(), 120);
    app.clear_status();
    snap_both("history_paged", &app);
}
