//! Scale limits: a 1,000-member roster, a 500-item agenda, a 100,000-character note and
//! twenty years of fortnightly meetings, in one generated database (a JSON dump imported
//! through the real binary). No panic, the app answers each key and draws each screen
//! (how fast is measured in the benches, never asserted here: a timed assertion fails on
//! a busy machine and proves nothing on a fast one), and the command line stays within a
//! fixed memory cap.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::tmux;
use roundtable::app::{App, Command, Screen};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

const MEMBERS: usize = 1000;
const AGENDA: usize = 500;
const YEARS: i64 = 20;
const COMMUNITY: &str = "Scale Circle";
fn at(day: i64, minutes: i64) -> String {
    let base = chrono::DateTime::parse_from_rfc3339("2006-12-07T17:30:00Z")
        .expect("base instant")
        .with_timezone(&chrono::Utc);
    (base + chrono::Duration::days(day) + chrono::Duration::minutes(minutes))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The whole generated database as a dump.
fn scale_dump() -> Value {
    let created = at(0, 0);
    let members: Vec<Value> = (1..=MEMBERS)
        .map(|i| {
            json!({
                "id": i, "community_id": 1, "name": format!("Member {i:04} Okonkwo-Larsen"),
                "role": "staff nurse", "brings": "Years of ward experience and a notebook. ".repeat(4),
                "hopes": "To learn from the others", "learning_style": "talks it through",
                "strengths": "Wound care", "growth_areas": "Statistics",
                "joined_on": "2006-12-01", "created_at": created
            })
        })
        .collect();
    let mut meetings = Vec::new();
    let mut items = Vec::new();
    let mut visits = Vec::new();
    let mut attendance = Vec::new();
    let mut turns = Vec::new();
    let mut notes = Vec::new();
    let mut actions = Vec::new();
    let kinds = [
        "icebreaker",
        "round_robin",
        "critical_interrogation",
        "decision",
        "check_out",
    ];
    let history = (YEARS * 365 / 14) as usize;
    let (mut item_id, mut turn_id, mut note_id) = (0, 0, 0);
    for m in 1..=history {
        let day = (m as i64 - 1) * 14;
        meetings.push(json!({
            "id": m, "community_id": 1, "title": format!("Fortnightly circle {m}"),
            "scheduled_at": at(day, 0), "planned_minutes": 90, "status": "ended",
            "started_at": at(day, 0), "ended_at": at(day, 90), "created_at": at(day, -600)
        }));
        for (p, kind) in kinds.iter().enumerate() {
            item_id += 1;
            let start = p as i64 * 18;
            items.push(json!({
                "id": item_id, "meeting_id": m, "position": p, "kind": kind,
                "title": format!("Item {p} of meeting {m}"), "minutes": 18
            }));
            visits.push(json!({
                "id": item_id, "agenda_item_id": item_id,
                "started_at": at(day, start), "ended_at": at(day, start + 18)
            }));
            if *kind == "round_robin" {
                for k in 0..12 {
                    turn_id += 1;
                    let who = (m * 7 + k) % MEMBERS + 1;
                    turns.push(json!({
                        "id": turn_id, "agenda_item_id": item_id, "round": 1, "position": k,
                        "member_id": who, "state": "spoke",
                        "started_at": at(day, start) , "ended_at": at(day, start + 1)
                    }));
                }
            }
        }
        for k in 0..12 {
            attendance.push(json!({
                "meeting_id": m, "member_id": (m * 7 + k) % MEMBERS + 1, "status": "present"
            }));
        }
        for k in 0..3 {
            note_id += 1;
            notes.push(json!({
                "id": note_id, "meeting_id": m, "member_id": (m * 7 + k) % MEMBERS + 1,
                "kind": "idea", "body": format!("Idea {k} of meeting {m}: try it on the ward"),
                "created_at": at(day, 30), "updated_at": at(day, 30)
            }));
        }
        actions.push(json!({
            "id": m, "community_id": 1, "meeting_id": m, "title": format!("Follow up {m}"),
            "status": if m + 10 < history { "done" } else { "open" },
            "created_at": at(day, 80)
        }));
    }
    // The planned meeting with the long agenda, two days after the fixed clock.
    let planned = history + 1;
    meetings.push(json!({
        "id": planned, "community_id": 1, "title": "The long agenda",
        "scheduled_at": "2026-11-26T17:30:00.000Z", "planned_minutes": 600,
        "status": "planned", "created_at": "2026-11-01T09:00:00.000Z"
    }));
    for p in 0..AGENDA {
        item_id += 1;
        items.push(json!({
            "id": item_id, "meeting_id": planned, "position": p,
            "kind": if p % 5 == 1 { "round_robin" } else { "open_discussion" },
            "title": format!("Agenda item {p:03}"), "minutes": 1
        }));
    }
    json!({
        "format_version": 1,
        "schema_version": roundtable::store::schema_version(),
        "tables": {
            "community": [{
                "id": 1, "name": COMMUNITY, "purpose": "Twenty years of learning together",
                "cadence": "every 2 weeks Thu 17:30", "mode": "hybrid", "place": "Room 1",
                "meeting_minutes": 90, "created_at": created
            }],
            "member": members,
            "meeting": meetings,
            "agenda_item": items,
            "item_visit": visits,
            "attendance": attendance,
            "speaking_turn": turns,
            "note": notes,
            "action_item": actions,
            "setting": [{"key": "last_community", "value": "1"}],
        }
    })
}

/// The generated database's bytes (imported once per test binary).
fn template() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let dump = dir.path().join("scale.json");
        std::fs::write(&dump, scale_dump().to_string()).expect("write the dump");
        let db = dir.path().join("scale.db");
        let t = Instant::now();
        let out = tmux::stdout_on(&db, &["import", "json", dump.to_str().expect("utf-8")]);
        eprintln!(
            "scale fixture imported in {:.1?}: {}",
            t.elapsed(),
            out.trim()
        );
        // Fold the log into the file so a plain copy carries everything.
        rusqlite::Connection::open(&db)
            .and_then(|c| c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);"))
            .expect("checkpoint");
        // `ROUNDTABLE_SCALE_KEEP=FILE` keeps a copy, for measuring by hand.
        if let Some(keep) = std::env::var_os("ROUNDTABLE_SCALE_KEEP") {
            std::fs::copy(&db, keep).expect("keep a copy");
        }
        std::fs::read(&db).expect("read")
    })
}

/// A private copy of the generated database.
fn scale_db(dir: &Path) -> PathBuf {
    let db = dir.join("scale.db");
    std::fs::write(&db, template()).expect("write");
    db
}

/// Presses `keys` and redraws; returns the screen (`ROUNDTABLE_SCALE_TIMES` prints how
/// long each took).
#[track_caller]
fn responsive(app: &mut App, keys: &str, what: &str) -> String {
    let t = Instant::now();
    common::press(app, keys);
    let screen = common::screen(app);
    let took = t.elapsed();
    if std::env::var_os("ROUNDTABLE_SCALE_TIMES").is_some() {
        eprintln!("{what}: {took:.1?}");
    }
    screen
}

#[test]
fn a_thousand_member_roster_scrolls_filters_and_runs_a_meeting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = common::open_app(&scale_db(dir.path()));
    let s = responsive(&mut app, "2", "roster");
    assert!(s.contains(&format!("Roster ({MEMBERS})")), "{s}");
    responsive(&mut app, "<End>", "last member");
    for _ in 0..5 {
        responsive(&mut app, "<PgUp>", "page up");
    }
    let s = responsive(&mut app, "/0999", "filter");
    assert!(s.contains("Member 0999"), "{s}");
    responsive(&mut app, "<Esc><Esc>4", "meetings");
    // Attendance for a thousand, a round of a thousand turns.
    let s = responsive(&mut app, "s", "attendance for a thousand");
    assert!(s.contains("1000 present"), "{s}");
    responsive(&mut app, "<Enter>", "start the meeting");
    assert!(app.live().is_running());
    responsive(&mut app, "]", "to the round");
    let s = responsive(&mut app, "<Space>", "a round of a thousand");
    assert!(s.contains("0/1000 done") || s.contains("/1000"), "{s}");
    for _ in 0..20 {
        responsive(&mut app, "<Space>", "next speaker");
    }
    responsive(
        &mut app,
        "h<End><Enter>",
        "a raised hand at the end of the list",
    );
    assert_eq!(app.store_mut().integrity_check().expect("check"), "ok");
}

#[test]
fn a_500_item_agenda_is_planned_and_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = common::open_app(&scale_db(dir.path()));
    responsive(&mut app, "4", "meetings");
    let s = responsive(&mut app, "<Enter>", "the plan");
    assert!(
        s.contains(&format!("{AGENDA} items")) || s.contains("Agenda item 000"),
        "{s}"
    );
    responsive(&mut app, "<End>K", "move the last item up");
    responsive(&mut app, "<Home>J", "move the first item down");
    responsive(&mut app, "<Esc>s<Enter>", "start");
    assert!(app.live().is_running());
    for _ in 0..30 {
        responsive(&mut app, "]", "next item");
    }
    let s = responsive(&mut app, "[", "previous item");
    assert!(s.contains(&format!("/{AGENDA} ·")), "{s}");
}

#[test]
fn a_hundred_thousand_character_note_is_saved_shown_edited_and_exported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = scale_db(dir.path());
    let mut app = common::open_app(&db);
    responsive(&mut app, "4s<Enter>]<Space>", "a live round");
    common::press(&mut app, "n");
    let body = format!(
        "LONGNOTE {}",
        "The falls huddle took twenty minutes again. ".repeat(2300)
    );
    assert!(body.chars().count() >= 100_000);
    app.on_paste(&body);
    responsive(&mut app, "", "the editor holding 100,000 characters");
    let s = responsive(&mut app, "<Enter>", "saving it");
    assert!(s.contains("saved"), "{s}");
    assert_eq!(tmux::notes_with(&db, "LONGNOTE"), 1);
    responsive(&mut app, "N", "the note chooser");
    let s = responsive(&mut app, "<Enter>", "editing it");
    assert!(s.contains("Typing a note") || s.contains("✎"), "{s}");
    responsive(&mut app, "<End>x<Enter>", "saving the edit");
    drop(app);
    let minutes = tmux::stdout_on(&db, &["export", "minutes", "--last", "--format", "md"]);
    assert!(minutes.contains("LONGNOTE"));
}

#[test]
fn twenty_years_of_history_are_listed_opened_and_exported_within_a_memory_cap() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = scale_db(dir.path());
    let mut app = common::open_app(&db);
    let s = responsive(&mut app, "5", "history");
    let history = (YEARS * 365 / 14) as usize;
    // History reads a page at a time; each End goes to the last row read and reads one
    // page more, so it takes one press a page, and one more to reach the oldest.
    let page = roundtable::app::browse::HISTORY_PAGE as usize;
    assert!(
        s.contains(&format!("History · more as you scroll ({page})")),
        "{s}"
    );
    let mut s = s;
    for _ in 0..=history / page {
        s = responsive(&mut app, "<End>", "the next page");
    }
    assert!(s.contains(&format!("History ({history})")), "{s}");
    let s = responsive(&mut app, "<Enter>", "the oldest meeting in full");
    assert_eq!(app.screen(), Screen::MeetingView, "{s}");
    assert!(s.contains("Fortnightly circle 1 "), "{s}");
    responsive(&mut app, "<Esc><Home><Enter>", "the newest meeting in full");
    app.handle(Command::GoTo(Screen::Communities));
    responsive(&mut app, "", "communities");
    drop(app);

    // The command line under a 512 MiB address-space cap (`ulimit -v`).
    for args in [
        "render history",
        "render roster",
        "export json",
        "export minutes --last",
        "roster export --community 'Scale Circle'",
    ] {
        let t = Instant::now();
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -v 524288; exec {} --db {} {args} > /dev/null",
                tmux::quote(tmux::BIN),
                tmux::quote(db.to_str().expect("utf-8"))
            ))
            .output()
            .expect("run sh");
        assert!(
            out.status.success(),
            "{args} within 512 MiB: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        eprintln!("{args}: {:.0?}", t.elapsed());
    }
}

/// The app on a small run of the large generator (`communities` × 40 weeks of 3 notes),
/// its store recording every statement it runs (the scan audits below).
fn recorded_app(communities: usize) -> (tempfile::TempDir, roundtable::app::App) {
    use roundtable::demo::large::{Size, create};
    use roundtable::store::Store;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("recorded.db");
    let size = Size {
        communities,
        weeks: 40,
        notes: 3,
    };
    create(&db, false, size).expect("generate");
    let store = Store::open(&db).expect("open");
    store.record_statements();
    let mut app = roundtable::app::App::new(store, Box::new(common::clock()));
    app.set_color(false);
    (dir, app)
}

/// Every statement the store runs while the app opens and every screen (and what opens
/// from one: a profile, the insights, a meeting in full, a cycle in detail) is shown,
/// on a small run of the large generator (cycles, rounds, actions, follow-ups), is
/// checked with EXPLAIN QUERY PLAN: none may scan a table that grows with the history.
#[test]
fn no_screen_reads_a_whole_table_that_grows_with_the_history() {
    let (_dir, mut app) = recorded_app(2);
    let visits: [(&str, Screen); 16] = [
        ("<Enter>", Screen::Roster),
        ("<Enter>", Screen::Profile),
        ("<Esc>1", Screen::Communities),
        ("I", Screen::Insights),
        ("<Esc>2", Screen::Roster),
        ("3", Screen::Goals),
        ("4", Screen::Meetings),
        ("5", Screen::History),
        ("<Enter>", Screen::MeetingView),
        ("[", Screen::MeetingView),
        ("]", Screen::MeetingView),
        ("<Esc>I", Screen::Insights),
        ("<Esc>6", Screen::Cycles),
        ("<Enter>", Screen::Cycles),
        ("<Esc>7", Screen::Actions),
        ("1", Screen::Communities),
    ];
    for (keys, screen) in visits {
        common::press(&mut app, keys);
        assert_eq!(app.screen(), screen, "after {keys}");
        if (keys, screen) == ("<Enter>", Screen::Cycles) {
            assert!(
                app.cycles().detail.is_some(),
                "a cycle was opened in detail"
            );
        }
        roundtable::ui::app_to_text(&app, 200, 60);
    }
    let store = app.store_mut();
    let statements = store.recorded_statements();
    assert!(statements.len() > 30, "{statements:#?}");
    let mut scans = Vec::new();
    for sql in &statements {
        for table in store.table_scans(sql).expect("plan") {
            if roundtable::store::HISTORY_TABLES.contains(&table.as_str()) {
                scans.push(format!("SCAN {table} in: {sql}"));
            }
        }
    }
    assert!(scans.is_empty(), "{}", scans.join("\n\n"));
}

/// Every table of a dump, in the order `export json` writes them (parents first).
const DUMP_TABLES: [&str; 28] = [
    "community",
    "member",
    "leadership",
    "goal",
    "cycle",
    "cycle_goal",
    "cycle_phase",
    "improvement",
    "meeting",
    "meeting_pause",
    "draft",
    "form_draft",
    "icebreaker",
    "agenda_item",
    "item_visit",
    "icebreaker_use",
    "template",
    "template_item",
    "attendance",
    "speaking_turn",
    "floor_span",
    "note",
    "consent_check",
    "consent_vote",
    "action_item",
    "action_update",
    "agreement",
    "setting",
];

/// `import json` streams: a 50 MB dump shaped as `export json` writes it (2,000 meetings
/// with 200 pauses each) imports under a 192 MiB address-space cap (`ulimit -v`). Read
/// whole and parsed into a tree, as the import did before, the same dump took 375 MB.
#[test]
fn a_large_dump_imports_within_a_memory_cap() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("temp dir");
    let dump = dir.path().join("big.json");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&dump).expect("create"));
    let (created, end) = (at(0, 0), at(0, 60));
    const MEETINGS: usize = 2000;
    const PAUSES: usize = 400_000;
    write!(
        out,
        r#"{{"format_version":1,"schema_version":9,"tables":{{"#
    )
    .expect("write");
    for (n, table) in DUMP_TABLES.iter().enumerate() {
        let sep = if n == 0 { "" } else { "," };
        write!(out, r#"{sep}"{table}":["#).expect("write");
        let rows: Box<dyn Iterator<Item = String>> = match *table {
            "community" => Box::new(std::iter::once(format!(
                r#"{{"id":1,"name":"Big","purpose":"Testing the streamed import","cadence":"","created_at":"{created}"}}"#
            ))),
            "meeting" => Box::new((1..=MEETINGS).map(|m| format!(
                r#"{{"id":{m},"community_id":1,"title":"Meeting {m}","scheduled_at":"{created}","planned_minutes":60,"status":"ended","started_at":"{created}","ended_at":"{end}","created_at":"{created}"}}"#
            ))),
            "meeting_pause" => Box::new((1..=PAUSES).map(|i| format!(
                r#"{{"id":{i},"meeting_id":{},"reason":"paused","started_at":"{created}","ended_at":"{created}"}}"#,
                i % MEETINGS + 1
            ))),
            _ => Box::new(std::iter::empty()),
        };
        for (i, row) in rows.enumerate() {
            let sep = if i == 0 { "" } else { "," };
            write!(out, "{sep}{row}").expect("write");
        }
        write!(out, "]").expect("write");
    }
    write!(out, "}}}}").expect("write");
    out.flush().expect("flush");
    drop(out);
    let size = std::fs::metadata(&dump).expect("size").len();
    assert!(size > 45_000_000, "{size}");
    let db = dir.path().join("big.db");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 196608; exec {} --db {} import json {}",
            tmux::quote(tmux::BIN),
            tmux::quote(db.to_str().expect("utf-8")),
            tmux::quote(dump.to_str().expect("utf-8"))
        ))
        .output()
        .expect("run sh");
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("400000 pauses"), "{said}");
}

/// What every screen's start reads (the planned meetings), what Goals reads (each goal's
/// actions) and the Actions screen's closed actions go through the indexes of migration
/// 0011, not through the community's own index, which visits every meeting or action it
/// ever had (docs/PERFORMANCE.md, "Start-up on ten years, round 4").
#[test]
fn the_start_and_the_actions_pages_read_through_their_own_indexes() {
    let (dir, mut app) = recorded_app(1);
    // The community chosen, its goals, its actions, then the done ones (the closed
    // stretch).
    common::press(&mut app, "<Enter>37sss");
    assert_eq!(app.screen(), Screen::Actions);
    assert_eq!(app.actions().status.label(), "done");
    assert!(!app.actions().actions.is_empty());
    let statements = app.store_mut().recorded_statements();
    drop(app);
    let conn = rusqlite::Connection::open(dir.path().join("recorded.db")).expect("open");
    let mut plans = Vec::new();
    for sql in &statements {
        let mut stmt = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("plan");
        let mut rows = stmt.raw_query();
        while let Some(r) = rows.next().expect("plan row") {
            plans.push(r.get::<_, String>(3).expect("detail"));
        }
    }
    for index in ["meeting_upcoming", "action_item_goal", "action_item_closed"] {
        assert!(
            plans.iter().any(|p| p.contains(&format!("INDEX {index} "))),
            "{index} not used:\n{}",
            plans.join("\n")
        );
    }
}
