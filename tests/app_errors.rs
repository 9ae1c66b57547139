//! Failures reach the leader: a read or write the app cannot do says so on the status
//! line (in the error style), and never quietly changes what is shown. Each test breaks
//! the database file from a second connection while the app has it open: a trigger that
//! refuses a write, or a value of the wrong type that fails a read.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{ARCHIVED, press};
use roundtable::app::{App, Command, Screen};
use roundtable::domain::rounds::OrderStrategy;
use roundtable::domain::{CommunityId, FakeClock};
use roundtable::store::Store;
use std::path::{Path, PathBuf};

/// The fixture file (with meetings) in a temp dir, an app over it and the app's clock.
struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    app: App,
    clock: FakeClock,
    archived: CommunityId,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("fixture.db");
    let ids = common::write_db(&path);
    let clock = common::clock();
    let mut app = App::new(
        Store::open(&path).expect("open fixture"),
        Box::new(clock.clone()),
    );
    app.set_color(false);
    Fixture {
        _dir: dir,
        path,
        app,
        clock,
        archived: ids.archived,
    }
}

/// Runs SQL on the file from a second connection (checks and foreign keys off, so it
/// can break rows).
fn break_db(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).expect("second connection");
    conn.execute_batch(&format!(
        "PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF; {sql}"
    ))
    .expect("break the database");
}

/// The status line, which must be an error.
fn error(app: &App) -> String {
    let s = app.status().expect("a status message");
    assert!(s.is_error, "not shown as an error: {}", s.text);
    s.text.clone()
}

/// Starts the club's next planned meeting: Meetings, `s`, Enter.
fn start_meeting(app: &mut App) {
    press(app, "4s<Enter>");
    assert_eq!(app.screen(), Screen::Live, "{:?}", app.status());
}

/// Shows the archived community (as `render --community` does).
fn show_archived(f: &mut Fixture) {
    let c = f
        .app
        .store_mut()
        .community(f.archived)
        .expect("archived community");
    assert_eq!(c.info.name, ARCHIVED);
    f.app.show_community(c);
}

/// A row the list of communities skips (archived) but the chosen community reads.
fn break_archived_row(f: &Fixture) {
    break_db(
        &f.path,
        &format!(
            "UPDATE community SET purpose = X'00' WHERE id = {}",
            f.archived
        ),
    );
}

#[test]
fn a_failed_read_keeps_the_community_chosen_and_says_so() {
    let mut f = fixture();
    show_archived(&mut f);
    break_archived_row(&f);
    f.app.refresh();
    assert_eq!(
        f.app.browse().community_id(),
        Some(f.archived),
        "the community stays chosen"
    );
    assert!(error(&f.app).contains("Could not read"));
}

#[test]
fn a_change_saved_but_not_read_back_shows_the_error_not_the_tick() {
    let mut f = fixture();
    show_archived(&mut f);
    f.app.handle(Command::GoTo(Screen::Roster));
    assert_eq!(f.app.browse().members.len(), 1);
    break_archived_row(&f);
    // Deactivating the member is stored; reading the screens back fails.
    press(&mut f.app, "x");
    assert!(error(&f.app).contains("Could not read"));
    assert_eq!(f.app.browse().community_id(), Some(f.archived));
}

#[test]
fn opening_a_community_says_when_the_choice_is_not_remembered() {
    let mut f = fixture();
    break_db(
        &f.path,
        "CREATE TRIGGER refuse_insert BEFORE INSERT ON setting BEGIN SELECT RAISE(ABORT, 'disk full'); END;
         CREATE TRIGGER refuse_update BEFORE UPDATE ON setting BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
    );
    press(&mut f.app, "<Enter>");
    assert_eq!(f.app.screen(), Screen::Roster, "the community still opens");
    let text = error(&f.app);
    assert!(
        text.contains("not saved") && text.contains("disk full"),
        "{text}"
    );
}

#[test]
fn an_unreadable_last_community_is_reported_at_start_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("fixture.db");
    common::write_db(&path);
    break_db(
        &path,
        "INSERT INTO setting (key, value) VALUES ('last_community', X'00')",
    );
    let app = App::new(Store::open(&path).expect("open"), Box::new(common::clock()));
    assert!(error(&app).contains("community used last"));
}

#[test]
fn an_unreadable_default_order_is_reported_at_start_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("fixture.db");
    common::write_db(&path);
    break_db(
        &path,
        "INSERT INTO setting (key, value) VALUES ('default_turn_order', X'00')",
    );
    let app = App::new(Store::open(&path).expect("open"), Box::new(common::clock()));
    assert!(error(&app).contains("default speaking order"));
}

#[test]
fn least_heard_first_that_cannot_be_worked_out_says_it_used_roster_order() {
    let mut f = fixture();
    start_meeting(&mut f.app);
    while f.app.next_round_order() != OrderStrategy::LeastHeard {
        press(&mut f.app, "o");
    }
    // A past meeting's pause that cannot be read: the airtime history fails.
    break_db(
        &f.path,
        "INSERT INTO meeting_pause (meeting_id, started_at)
         VALUES ((SELECT id FROM meeting WHERE status = 'ended' LIMIT 1), X'00')",
    );
    press(&mut f.app, "r");
    let text = error(&f.app);
    assert!(
        text.contains("roster order instead of least heard first"),
        "{text}"
    );
    let l = f.app.live().meeting.as_ref().expect("live meeting");
    assert!(l.current_turn().is_some(), "the round still starts");
}

#[test]
fn rotate_that_cannot_be_worked_out_says_it_used_roster_order() {
    let mut f = fixture();
    start_meeting(&mut f.app);
    while f.app.next_round_order() != OrderStrategy::Rotate {
        press(&mut f.app, "o");
    }
    // A past round whose first speaker cannot be read.
    break_db(
        &f.path,
        "INSERT INTO speaking_turn (agenda_item_id, position, member_id, state, started_at)
         VALUES ((SELECT a.id FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
                  WHERE m.status = 'ended' LIMIT 1), 1, X'00', 'spoke', '2026-11-12T18:00:00.000Z')",
    );
    press(&mut f.app, "r");
    let text = error(&f.app);
    assert!(text.contains("roster order instead of rotate"), "{text}");
}

#[test]
fn a_heartbeat_that_is_not_recorded_says_so() {
    let mut f = fixture();
    start_meeting(&mut f.app);
    f.app.clear_status();
    break_db(
        &f.path,
        "CREATE TRIGGER refuse_heartbeat BEFORE UPDATE OF heartbeat_at ON meeting
         BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
    );
    f.clock.advance(chrono::Duration::seconds(30));
    f.app.tick();
    assert!(error(&f.app).contains("disk full"));
}

#[test]
fn an_unreadable_template_does_not_open_a_meeting_form_with_a_made_up_length() {
    let mut f = fixture();
    press(&mut f.app, "4n");
    break_db(&f.path, "ALTER TABLE template RENAME TO template_gone");
    press(&mut f.app, "<Enter>");
    assert!(
        !matches!(f.app.overlay(), roundtable::app::Overlay::Form(_)),
        "no form with a guessed length"
    );
    assert!(error(&f.app).contains("template"));
}

#[test]
fn editing_a_community_whose_roster_cannot_be_read_does_not_offer_a_leaderless_form() {
    let mut f = fixture();
    break_db(
        &f.path,
        "UPDATE member SET role = X'00' WHERE name = 'Ben Carter'",
    );
    press(&mut f.app, "e");
    assert!(
        !matches!(f.app.overlay(), roundtable::app::Overlay::Form(_)),
        "saving that form would end the leader's term"
    );
    assert!(error(&f.app).contains("roster"));
}

#[test]
fn an_unreadable_icebreaker_library_is_reported_at_start_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("fixture.db");
    common::write_db(&path);
    break_db(
        &path,
        "UPDATE icebreaker SET prompt = X'00' WHERE id = (SELECT min(id) FROM icebreaker)",
    );
    let app = App::new(Store::open(&path).expect("open"), Box::new(common::clock()));
    assert!(error(&app).contains("icebreaker library"));
}

#[test]
fn render_of_a_meeting_that_cannot_be_read_fails_instead_of_showing_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("fixture.db");
    common::write_db(&path);
    let conn = rusqlite::Connection::open(&path).expect("second connection");
    let ended: i64 = conn
        .query_row(
            "SELECT id FROM meeting WHERE status = 'ended' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("an ended meeting");
    drop(conn);
    break_db(
        &path,
        &format!("UPDATE note SET body = X'00' WHERE meeting_id = {ended}"),
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .args(["render", "live", "--meeting", &ended.to_string(), "--db"])
        .arg(&path)
        .output()
        .expect("run roundtable");
    assert!(
        !out.status.success(),
        "printed a screen anyway:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("roundtable: "));
}
