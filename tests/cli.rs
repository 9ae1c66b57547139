//! The command line through the real binary. Every run gets `--db` (and `ROUNDTABLE_DB`,
//! `HOME`, `XDG_DATA_HOME`) inside a temporary directory, so the user's data is never
//! touched, and none of the developer's settings (see `Sandbox::command`).

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundtable::domain::{CommunityInfo, MeetingMode, Profile};
use roundtable::store::Store;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_roundtable");

/// A temporary home for one test.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// `program` with this sandbox's environment: `ROUNDTABLE_DB`, `HOME` and
    /// `XDG_DATA_HOME` here, and none of the developer's settings (`XDG_CONFIG_HOME`,
    /// `ROUNDTABLE_CONFIG` and `ROUNDTABLE_THEME` removed: the settings file is looked for
    /// under this `HOME`).
    fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut c = Command::new(program);
        c.env("ROUNDTABLE_DB", self.path("env-default.db"))
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path())
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("ROUNDTABLE_CONFIG")
            .env_remove("ROUNDTABLE_THEME");
        c
    }

    /// Runs the binary with `args` (paths are passed as they are).
    fn run<I, S>(&self, args: I) -> Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command(BIN).args(args).output().unwrap()
    }

    /// Runs `roundtable --db DB args…`.
    fn on(&self, db: &Path, args: &[&str]) -> Output {
        let mut all: Vec<&OsStr> = vec![OsStr::new("--db"), db.as_os_str()];
        all.extend(args.iter().map(OsStr::new));
        self.run(all)
    }

    /// A database holding the demo community.
    fn demo(&self, name: &str) -> PathBuf {
        let db = self.path(name);
        ok(&self.on(&db, &["demo"]));
        db
    }
}

/// Asserts success and returns stdout.
#[track_caller]
fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "expected success, got {:?}; stderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Asserts exit code 1 with a one-line message on stderr and nothing on stdout; returns
/// the message.
#[track_caller]
fn refused(out: &Output) -> String {
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(out.status.code(), Some(1), "expected exit 1; stderr: {err}");
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(err.starts_with("roundtable: "), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(err.ends_with('\n'));
    err
}

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

fn export_json(sb: &Sandbox, db: &Path) -> String {
    ok(&sb.on(db, &["export", "json"]))
}

fn roster(sb: &Sandbox, db: &Path, community: &str) -> String {
    ok(&sb.on(db, &["roster", "export", "--community", community]))
}

const DEMO: &str = "Ward 7 Nursing Practice Circle";

fn community(name: &str) -> CommunityInfo {
    CommunityInfo {
        name: name.into(),
        purpose: String::new(),
        cadence: None,
        mode: MeetingMode::InPerson,
        place: String::new(),
        meeting_minutes: 60,
    }
}

/// The developer's settings never reach a test: the settings file is looked for inside
/// the sandbox, whatever `XDG_CONFIG_HOME` or `ROUNDTABLE_CONFIG` the shell exports.
#[test]
fn the_settings_file_is_looked_for_in_the_sandbox() {
    let sb = Sandbox::new();
    let out = sb.run(["config", "path"]);
    assert!(out.status.success(), "{out:?}");
    let path = String::from_utf8(out.stdout).unwrap();
    assert!(
        Path::new(path.trim()).starts_with(sb.dir.path()),
        "{path} is outside {}",
        sb.dir.path().display()
    );
}

#[test]
fn version_and_help_exit_zero() {
    let sb = Sandbox::new();
    let v = ok(&sb.run(["--version"]));
    assert_eq!(
        v.trim(),
        format!("roundtable {}", env!("CARGO_PKG_VERSION"))
    );
    let help = ok(&sb.run(["--help"]));
    for word in ["demo", "export", "import", "roster", "--db"] {
        assert!(help.contains(word), "help mentions {word}: {help}");
    }
    assert!(
        !sb.path("env-default.db").exists(),
        "--help opens no database"
    );
}

/// r9 (issue 10 follow-up): `render --help` listed eight of its screens with no word of
/// what they show, and `--meeting <MEETING>` did not say it takes an id or where to find
/// one. Every screen now has a line; the options say what they take.
#[test]
fn render_help_says_what_each_screen_shows_and_what_the_options_take() {
    let sb = Sandbox::new();
    let help = ok(&sb.run(["render", "--help"]));
    for screen in [
        "communities",
        "roster",
        "goals",
        "meetings",
        "history",
        "cycles",
        "actions",
        "plan",
        "icebreakers",
        "live",
        "profile",
        "insights",
        "meeting-view",
        "search",
        "present",
    ] {
        let line = help
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("- {screen}:")));
        assert!(
            line.is_some_and(|l| l.split_once(':').unwrap().1.trim().len() > 10),
            "{screen} has no description:\n{help}"
        );
    }
    for option in [
        "--meeting <ID>",
        "--member <NAME>",
        "--query <WORDS>",
        "--community <NAME>",
    ] {
        assert!(help.contains(option), "{option}:\n{help}");
    }
    assert!(help.contains("The meeting to show, by id"), "{help}");
}

#[test]
fn demo_creates_then_refuses_unless_forced() {
    let sb = Sandbox::new();
    let db = sb.path("demo.db");
    let out = ok(&sb.on(&db, &["demo"]));
    assert_eq!(
        out,
        format!("{}\n", db.display()),
        "prints the path, opens no TUI"
    );

    let dump: serde_json::Value = serde_json::from_str(&export_json(&sb, &db)).unwrap();
    let tables = &dump["tables"];
    assert_eq!(tables["community"].as_array().unwrap().len(), 1);
    assert_eq!(tables["member"].as_array().unwrap().len(), 8);
    assert_eq!(tables["goal"].as_array().unwrap().len(), 4);
    assert_eq!(tables["cycle"].as_array().unwrap().len(), 4);
    assert_eq!(tables["agreement"].as_array().unwrap().len(), 5);
    assert_eq!(tables["leadership"].as_array().unwrap().len(), 2);
    let c = &tables["community"][0];
    assert_eq!(c["mode"], "hybrid");
    assert_eq!(c["meeting_minutes"], 90);
    assert!(!c["cadence"].as_str().unwrap().is_empty());

    let before = bytes(&db);
    let err = refused(&sb.on(&db, &["demo"]));
    assert!(
        err.contains("--force") && err.contains(&db.display().to_string()),
        "{err}"
    );
    assert!(
        bytes(&db) == before,
        "a refused demo leaves the file as it was"
    );

    ok(&sb.on(&db, &["demo", "--force"]));
    let dump: serde_json::Value = serde_json::from_str(&export_json(&sb, &db)).unwrap();
    let icebreakers = dump["tables"]["icebreaker"].as_array().unwrap();
    assert!(
        icebreakers.iter().any(|i| i["key"].is_string()),
        "the built-in icebreakers are back after --force"
    );
    assert_eq!(
        dump["tables"]["community"].as_array().unwrap().len(),
        1,
        "replaced, not added"
    );
    assert_eq!(dump["tables"]["member"].as_array().unwrap().len(), 8);
}

#[test]
fn demo_has_twelve_past_meetings_a_planned_one_and_minutes() {
    let sb = Sandbox::new();
    let db = sb.demo("a.db");
    let history = ok(&sb.on(&db, &["render", "history", "--width", "120"]));
    assert!(history.contains("History (12)"), "{history}");
    assert!(
        history.contains("Cycle 4: The huddle trial, week one"),
        "{history}"
    );
    assert!(
        history.contains("Cycle 1: SBAR at the 07:30 handover"),
        "{history}"
    );
    let meetings = ok(&sb.on(&db, &["render", "meetings", "--width", "120"]));
    assert!(
        meetings.contains("Cycle 4: Reflection on the falls huddle"),
        "{meetings}"
    );
    assert!(meetings.contains("planned"), "{meetings}");

    let out = ok(&sb.on(&db, &["export", "minutes", "--last", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["title"], "Cycle 4: The huddle trial, week one");
    assert_eq!(v["status"], "ended");
    assert_eq!(v["community"], DEMO);
    assert_eq!(
        v["attendance"]["absent"],
        serde_json::json!(["Priya Raman"])
    );
    assert_eq!(
        v["attendance"]["late"],
        serde_json::json!(["Daniel Kowalski"])
    );
    assert_eq!(v["decisions"].as_array().unwrap().len(), 1);
    assert_eq!(v["actions"].as_array().unwrap().len(), 2);
    assert!(v["actual_seconds"].as_i64().unwrap() > 60 * 60);
    let md = ok(&sb.on(&db, &["export", "minutes", "--last", "--community", DEMO]));
    assert!(md.starts_with("# Minutes: Cycle 4"), "{md}");
}

#[test]
fn demo_force_replaces_everything() {
    let sb = Sandbox::new();
    let db = sb.path("busy.db");
    let mut store = Store::open(&db).unwrap();
    store
        .write(|tx| tx.insert_community(&community("Old circle"), chrono::Utc::now()))
        .unwrap();
    store
        .write(|tx| tx.set_setting("last_community", "1"))
        .unwrap();
    drop(store);
    refused(&sb.on(&db, &["demo"]));
    ok(&sb.on(&db, &["demo", "--force"]));
    let json = export_json(&sb, &db);
    assert!(
        !json.contains("Old circle") && !json.contains("last_community"),
        "{json}"
    );
    assert!(json.contains(DEMO));
}

/// Fills every table with at least one row, with awkward values, straight through SQL:
/// on top of the demo (whose four cycles, one of them open, fill the cycle tables), a
/// closed cycle 100 reached by a recorded skip, with text that needs escaping.
fn add_every_kind_of_row(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(
        r#"PRAGMA foreign_keys = ON;
        INSERT INTO cycle (id, community_id, number, topic, source, summary, phase, started_on,
                           ended_on, starting_notes, outcome)
            VALUES (100, 1, 100, 'SSKIN bundle', 'https://example.org/sskin?a=1&b="2"',
                    'Line 1' || char(10) || 'tab	and 🙂', 'closed', '2026-01-08', '2026-01-22',
                    'Start on time' || char(10) || 'Shorter check-in', 'Cards "laminated"');
        INSERT INTO meeting (id, community_id, cycle_id, title, scheduled_at, planned_minutes,
                             status, template, started_at, ended_at, created_at)
            VALUES (101, 1, 100, 'Cycle 1: "skin" checks', '2026-01-08T17:30:00.000Z', 90, 'ended',
                    NULL, '2026-01-08T17:31:00.000Z', '2026-01-08T19:00:00.000Z',
                    '2026-01-01T09:00:00.000Z');
        INSERT INTO meeting_pause (meeting_id, reason, started_at, ended_at)
            VALUES (101, 'paused', '2026-01-08T18:00:00.000Z', '2026-01-08T18:05:00.000Z');
        INSERT INTO icebreaker (id, key, title, prompt, category, minutes, created_at)
            VALUES (1000, NULL, 'Rose & thorn', 'One high, one low — go!', 'reflection', 5,
                    '2026-01-01T09:00:00.000Z');
        INSERT INTO agenda_item (id, meeting_id, position, kind, title, minutes, icebreaker_id,
                                 turn_order, turn_seconds)
            VALUES (101, 101, 1, 'round_robin', 'Check-in', 15, 1000, 'least_heard', 90);
        INSERT INTO icebreaker_use (community_id, icebreaker_id, meeting_id, used_at)
            VALUES (1, 1000, 101, '2026-01-08T17:31:00.000Z');
        INSERT INTO template (id, name, minutes, created_at)
            VALUES (1, 'Our usual', 90, '2026-01-01T09:00:00.000Z');
        INSERT INTO template_item (template_id, position, kind, title, minutes)
            VALUES (1, 1, 'check_out', 'Check-out', 10);
        INSERT INTO attendance (meeting_id, member_id, status) VALUES (101, 3, 'late'), (101, 1, 'present');
        INSERT INTO speaking_turn (agenda_item_id, round, position, member_id, state, hand_raised_at, round_order)
            VALUES (101, 3, 1, 2, 'spoke', '2026-01-08T17:40:00.000Z', 'shuffled');
        INSERT INTO item_visit (agenda_item_id, started_at, ended_at)
            VALUES (101, '2026-01-08T17:31:00.000Z', '2026-01-08T17:45:00.000Z');
        INSERT INTO floor_span (agenda_item_id, member_id, started_at, ended_at)
            VALUES (101, 1, '2026-01-08T17:41:00.000Z', '2026-01-08T17:43:30.000Z');
        INSERT INTO note (id, meeting_id, cycle_id, agenda_item_id, member_id, kind, body,
                          created_at, updated_at)
            VALUES (101, 101, 100, 101, NULL, 'decision',
                    'Pressure areas checked every shift' || char(10) || 'tab	and' || ' 🙂',
                    '2026-01-08T18:10:00.000Z', '2026-01-08T18:10:00.000Z');
        INSERT INTO consent_check (id, meeting_id, note_id, topic, created_at)
            VALUES (9007199254740993, 101, 101, 'Adopt SSKIN', '2026-01-08T18:11:00.000Z');
        INSERT INTO consent_vote (consent_check_id, member_id, score)
            VALUES (9007199254740993, 2, 4), (9007199254740993, 1, 5);
        INSERT INTO action_item (community_id, meeting_id, cycle_id, note_id, owner_member_id,
                                 title, due_on, created_at)
            VALUES (1, 101, 100, 101, 5, 'Laminate the SSKIN card', '2026-01-22',
                    '2026-01-08T18:12:00.000Z');
        INSERT INTO cycle_goal (cycle_id, goal_id, verdict, evidence, judged_at)
            VALUES (100, 1, 'progressing', '3 of 5 shifts' || char(10) || '"audit"', '2026-01-22T18:00:00.000Z');
        INSERT INTO cycle_phase (cycle_id, phase, entered_at, skipped)
            VALUES (100, 'interrogation', '2026-01-08T17:30:00.000Z', ''),
                   (100, 'closed', '2026-01-22T18:30:00.000Z', 'application,reflection');
        INSERT INTO improvement (cycle_id, body, created_at)
            VALUES (100, 'Start on "time" 🙂', '2026-01-22T18:05:00.000Z');
        INSERT INTO action_update (action_id, meeting_id, verdict, note, learned, in_reflection, created_at)
            SELECT id, 101, 'partly', 'Half the cards' || char(10) || 'tab	too', 'Ask "early"', 1, '2026-01-22T18:00:00.000Z'
            FROM action_item WHERE note_id = 101;
        INSERT INTO agreement (community_id, position, body, created_at)
            VALUES (1, 5, 'Phones face down — "really" 📵', '2026-01-01T09:00:00.000Z');
        INSERT INTO setting (key, value) VALUES ('last_community', '1');
        INSERT INTO draft (meeting_id, kind, body, updated_at)
            VALUES (101, 'note', '{"text":"half a \"thought\"\nline 2","kind":"idea","about":null,"editing":null}',
                    '2026-01-08T18:10:00.000Z');
        INSERT INTO form_draft (form, body, updated_at)
            VALUES ('member:new@c1', '{"name":"Half \"typed\"","hopes":"line 1\nline 2"}',
                    '2026-01-08T18:10:00.000Z');
        "#,
    )
    .unwrap();
}

#[test]
fn export_import_export_is_byte_identical() {
    let sb = Sandbox::new();
    let a = sb.demo("a.db");
    add_every_kind_of_row(&a);
    let first = export_json(&sb, &a);
    let dump: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(dump["format_version"], 1);
    assert_eq!(dump["schema_version"], roundtable::store::schema_version());
    assert_eq!(
        dump["generator"],
        format!("roundtable {}", env!("CARGO_PKG_VERSION"))
    );
    let tables = dump["tables"].as_object().unwrap();
    assert!(!tables.contains_key("note_fts"));
    for (name, rows) in tables {
        assert!(
            !rows.as_array().unwrap().is_empty(),
            "table {name} is exported"
        );
    }
    assert!(first.ends_with("}\n"));

    // --out writes the same bytes, owner-only.
    let file = sb.path("dump.json");
    ok(&sb.on(&a, &["export", "json", "--out", file.to_str().unwrap()]));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), first);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // An "empty" database (no communities) may hold settings: the import replaces them.
    let b = sb.path("b.db");
    let mut store = Store::open(&b).unwrap();
    store
        .write(|tx| tx.set_setting("last_community", "99"))
        .unwrap();
    assert!(store.is_empty().unwrap());
    drop(store);
    let out = ok(&sb.on(&b, &["import", "json", file.to_str().unwrap()]));
    assert!(
        out.starts_with("imported 1 community, 8 members, 2 leadership terms, 4 goals, 5 cycles,"),
        "{out}"
    );
    assert!(
        out.contains("87 attendance records") && out.contains("2 settings"),
        "{out}"
    );
    assert_eq!(
        export_json(&sb, &b),
        first,
        "export → import → export is exact"
    );

    // The full-text index was rebuilt from the imported notes.
    let conn = rusqlite::Connection::open(&b).unwrap();
    let hits: i64 = conn
        .query_row(
            "SELECT count(*) FROM search_fts WHERE search_fts MATCH 'body: areas' AND rowid % 16 = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hits, 1);
}

#[test]
fn import_refuses_a_database_with_data() {
    let sb = Sandbox::new();
    let a = sb.demo("a.db");
    let dump = sb.write("dump.json", export_json(&sb, &a));
    let before = bytes(&a);
    let err = refused(&sb.on(&a, &["import", "json", dump.to_str().unwrap()]));
    assert!(
        err.contains("already holds data") && err.contains("--db NEW.db"),
        "{err}"
    );
    assert!(err.contains(&a.display().to_string()), "{err}");
    assert!(bytes(&a) == before);
}

#[test]
fn bad_dumps_are_refused_and_change_nothing() {
    let sb = Sandbox::new();
    let a = sb.demo("a.db");
    let good: serde_json::Value = serde_json::from_str(&export_json(&sb, &a)).unwrap();
    let with = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = good.clone();
        f(&mut v);
        serde_json::to_string_pretty(&v).unwrap()
    };
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "syntax",
            "{\n  \"format_version\": 1,\n  ,\n}".into(),
            "line 3 column 3",
        ),
        ("not an object", "[1, 2]".into(), "not a Roundtable dump"),
        (
            "newer format",
            with(&|v| v["format_version"] = 2.into()),
            "format version 2",
        ),
        (
            "newer schema",
            with(&|v| v["schema_version"] = 99.into()),
            "schema version 99",
        ),
        (
            "unknown table",
            with(&|v| v["tables"]["gossip"] = serde_json::json!([])),
            "'gossip'",
        ),
        (
            "unknown column",
            with(&|v| v["tables"]["member"][2]["shoe_size"] = 44.into()),
            "table member, row 3 (id 3): unknown column 'shoe_size'",
        ),
        (
            "wrong type",
            with(&|v| v["tables"]["community"][0]["meeting_minutes"] = "ninety".into()),
            "table community, row 1 (id 1), column meeting_minutes",
        ),
        (
            "foreign key",
            with(&|v| v["tables"]["goal"][1]["community_id"] = 42.into()),
            "table goal, row 2 (id 2): FOREIGN KEY constraint failed",
        ),
        (
            "unique name",
            with(&|v| v["tables"]["member"][1]["name"] = "MARGARET DOYLE".into()),
            "table member, row 2 (id 2), column name: is the same name as row 1",
        ),
        (
            "check",
            with(&|v| v["tables"]["attendance"][0]["status"] = "telepathy".into()),
            "table attendance, row 1: CHECK constraint failed",
        ),
        (
            "domain rule",
            with(&|v| v["tables"]["community"][0]["mode"] = "telepathy".into()),
            "table community, row 1 (id 1), column mode: must be in person, online or hybrid",
        ),
        (
            "a second open cycle",
            with(&|v| {
                v["tables"]["cycle"][0]["phase"] = "application".into();
                v["tables"]["cycle"][0]["ended_on"] = serde_json::Value::Null;
            }),
            "table cycle, row 4 (id 4), column phase: community 1 already has an open cycle (row 1)",
        ),
        (
            "a phase going back",
            with(&|v| v["tables"]["cycle_phase"][1]["phase"] = "interrogation".into()),
            "table cycle_phase, row 2 (id 2), column phase: cycle 1 goes from interrogation back to interrogation",
        ),
        (
            "a solution answering a later note",
            with(&|v| {
                let notes = v["tables"]["note"].as_array_mut().unwrap();
                let n = notes
                    .iter_mut()
                    .find(|n| !n["answers_note_id"].is_null())
                    .unwrap();
                n["answers_note_id"] = (n["id"].as_i64().unwrap() + 1).into();
            }),
            "column answers_note_id: note ",
        ),
        (
            "a follow-up verdict misspelt",
            with(&|v| v["tables"]["action_update"][0]["verdict"] = "maybe".into()),
            "table action_update, row 1 (id 1), column verdict: \"maybe\" is not an action verdict",
        ),
        (
            "an improvement of two lines",
            with(&|v| v["tables"]["improvement"][0]["body"] = "Start\non time".into()),
            "table improvement, row 1 (id 1), column body: improvement must be one line",
        ),
        (
            "a working agreement too long",
            with(&|v| v["tables"]["agreement"][0]["body"] = "x".repeat(300).into()),
            "table agreement, row 1 (id 1), column body: working agreement",
        ),
    ];
    let existing = sb.path("empty.db");
    drop(Store::open(&existing).unwrap());
    let existing_before = bytes(&existing);
    for (what, json, expect) in cases {
        let file = sb.write("bad.json", &json);
        // Into a new file: nothing is left behind.
        let new = sb.path("new.db");
        let err = refused(&sb.on(&new, &["import", "json", file.to_str().unwrap()]));
        assert!(err.contains(expect), "{what}: {err}");
        assert!(err.contains("bad.json"), "{what}: names the file: {err}");
        assert!(!new.exists(), "{what}: no half-made database");
        // Into an existing empty database: byte for byte unchanged, and still empty.
        let err = refused(&sb.on(&existing, &["import", "json", file.to_str().unwrap()]));
        assert!(err.contains(expect), "{what}: {err}");
        assert!(bytes(&existing) == existing_before, "{what}");
    }
    // The empty database still takes a good dump.
    let file = sb.write("good.json", export_json(&sb, &a));
    ok(&sb.on(&existing, &["import", "json", file.to_str().unwrap()]));
}

#[test]
fn roster_round_trips_into_another_community() {
    let sb = Sandbox::new();
    let db = sb.demo("a.db");
    let mut store = Store::open(&db).unwrap();
    store
        .write(|tx| tx.insert_community(&community("Night shift circle"), chrono::Utc::now()))
        .unwrap();
    drop(store);

    let csv = roster(&sb, &db, DEMO);
    assert!(csv.starts_with(
        "\u{feff}name,role,brings,hopes,learning_style,strengths,growth_areas,joined\r\n"
    ));
    assert_eq!(csv.lines().count(), 9, "header and 8 members: {csv}");
    assert!(csv.contains("Nguyễn Thị Lan"));
    let file = sb.write("roster.csv", &csv);
    let out = ok(&sb.on(
        &db,
        &[
            "roster",
            "import",
            file.to_str().unwrap(),
            "--community",
            "night SHIFT circle",
        ],
    ));
    assert_eq!(out, "added 8 members to Night shift circle\n");
    assert_eq!(roster(&sb, &db, "Night shift circle"), csv);

    // --out writes the same bytes.
    let out_file = sb.path("out.csv");
    ok(&sb.on(
        &db,
        &[
            "roster",
            "export",
            "--community",
            DEMO,
            "--out",
            out_file.to_str().unwrap(),
        ],
    ));
    assert_eq!(std::fs::read_to_string(out_file).unwrap(), csv);
}

#[test]
fn roster_import_accepts_bom_crlf_quotes_and_any_column_order() {
    let sb = Sandbox::new();
    let db = sb.demo("a.db");
    let mut store = Store::open(&db).unwrap();
    store
        .write(|tx| tx.insert_community(&community("Empty"), chrono::Utc::now()))
        .unwrap();
    drop(store);
    let csv = "\u{feff}joined,Name,strengths,role\r\n\
               2025-09-01,\"Okafor, Amara\",\"Listening\r\nTeaching\",Charge nurse\r\n\
               ,Zoë,,\r\n";
    let file = sb.write("in.csv", csv);
    let out = ok(&sb.on(
        &db,
        &[
            "roster",
            "import",
            file.to_str().unwrap(),
            "--community",
            "Empty",
        ],
    ));
    assert_eq!(out, "added 2 members to Empty\n");

    let store = Store::open_read_only(&db).unwrap();
    let c = store.community_by_name("Empty").unwrap();
    let members = store.members(c.id).unwrap();
    let amara = &members[0].profile;
    assert_eq!(amara.name, "Okafor, Amara");
    assert_eq!(amara.role, "Charge nurse");
    // A spreadsheet's line end inside a cell is stored as a plain newline.
    assert_eq!(amara.strengths, "Listening\nTeaching");
    assert_eq!(
        amara.joined.map(|d| d.to_string()).as_deref(),
        Some("2025-09-01")
    );
    assert_eq!(
        members[1].profile,
        Profile {
            name: "Zoë".into(),
            ..Profile::default()
        }
    );
}

#[test]
fn bad_roster_rows_name_line_and_field_and_add_nobody() {
    let sb = Sandbox::new();
    let db = sb.demo("a.db");
    let before_csv = roster(&sb, &db, DEMO);
    let before = bytes(&db);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "bad date after a two-line field",
            b"name,brings,joined\nAda,\"two\nlines\",2025-01-01\nBob,x,2026-13-01\n".to_vec(),
            "line 4, field joined: '2026-13-01' is not a date (use YYYY-MM-DD)",
        ),
        (
            "missing name",
            b"name,role\nAda,nurse\n ,porter\n".to_vec(),
            "line 3, field name: is required",
        ),
        (
            "duplicate in file",
            b"name\nAda\nBob\nada\n".to_vec(),
            "line 4, field name: 'ada' is already on line 2 of the file",
        ),
        (
            "already on the roster",
            b"name\nPriya Raman\n".to_vec(),
            "line 2, field name: 'Priya Raman' is already on this roster",
        ),
        (
            "unknown column",
            b"name,email\nAda,a@x\n".to_vec(),
            "line 1: unknown column 'email'",
        ),
        (
            "no name column",
            b"role\nnurse\n".to_vec(),
            "no 'name' column",
        ),
        (
            "invalid UTF-8",
            b"name,role\nAda,nurse\nBob,\xff\xfe\n".to_vec(),
            "line 3: is not valid UTF-8",
        ),
        (
            "too few fields",
            b"name,role\nAda\n".to_vec(),
            "line 2: has 1 field but the header has 2",
        ),
        ("empty file", Vec::new(), "the file is empty"),
    ];
    for (what, csv, expect) in cases {
        let file = sb.write("bad.csv", &csv);
        let err = refused(&sb.on(
            &db,
            &[
                "roster",
                "import",
                file.to_str().unwrap(),
                "--community",
                DEMO,
            ],
        ));
        assert!(err.contains(expect), "{what}: {err}");
        assert!(
            err.contains("nobody was added from") && err.contains("bad.csv"),
            "{what}: {err}"
        );
        assert_eq!(roster(&sb, &db, DEMO), before_csv, "{what}: nobody added");
    }
    assert!(bytes(&db) == before, "the database file is unchanged");
}

#[test]
fn roster_export_defuses_formulas() {
    let sb = Sandbox::new();
    let db = sb.path("a.db");
    let mut store = Store::open(&db).unwrap();
    let c = store
        .write(|tx| tx.insert_community(&community("Circle"), chrono::Utc::now()))
        .unwrap();
    // Straight through the store (no trimming), so tab and CR starts are possible too.
    let p = Profile {
        name: "=HYPERLINK(\"http://x\")".into(),
        role: "+44 20 7946 0000".into(),
        brings: "-2 attitude".into(),
        hopes: "@SUM(A1)".into(),
        learning_style: "\tindented".into(),
        strengths: "\rreturn".into(),
        growth_areas: "a=b is fine".into(),
        joined: None,
    };
    store
        .write(|tx| tx.insert_member(c, &p, chrono::Utc::now()))
        .unwrap();
    drop(store);
    let csv = roster(&sb, &db, "Circle");
    let row = csv.split("\r\n").nth(1).unwrap();
    assert_eq!(
        row,
        "\"'=HYPERLINK(\"\"http://x\"\")\",'+44 20 7946 0000,'-2 attitude,'@SUM(A1),'\tindented,\"'\rreturn\",a=b is fine,"
    );
}

/// Commands that open the database, with the extra arguments each needs.
fn commands(sb: &Sandbox) -> Vec<Vec<String>> {
    let dump = sb.write(
        "ok.json",
        "{\"format_version\":1,\"schema_version\":1,\"tables\":{}}",
    );
    let csv = sb.write("ok.csv", "name\nAda\n");
    let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        s(&["demo"]),
        s(&["demo", "--force"]),
        s(&["export", "json"]),
        s(&["import", "json", dump.to_str().unwrap()]),
        s(&[
            "roster",
            "import",
            csv.to_str().unwrap(),
            "--community",
            "X",
        ]),
        s(&["roster", "export", "--community", "X"]),
    ]
}

fn assert_every_command_refuses(sb: &Sandbox, db: &Path, watched: &Path, expect: &str) {
    let before = bytes(watched);
    for args in commands(sb) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = refused(&sb.on(db, &args));
        assert!(err.contains(expect), "{args:?}: {err}");
        assert!(
            bytes(watched) == before,
            "{args:?} left {} as it was",
            watched.display()
        );
    }
}

#[test]
fn a_file_that_is_not_sqlite_is_left_untouched() {
    let sb = Sandbox::new();
    let text = sb.write("notes.txt", "Meeting notes, not a database.\n");
    assert_every_command_refuses(&sb, &text, &text, "not an SQLite file");
    let siblings: Vec<_> = std::fs::read_dir(sb.dir.path()).unwrap().collect();
    assert!(
        !sb.path("notes.txt-wal").exists() && !sb.path("notes.txt.lock").exists(),
        "{siblings:?}"
    );
}

#[test]
fn a_database_from_a_newer_roundtable_is_left_untouched() {
    let sb = Sandbox::new();
    let db = sb.path("future.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(&format!(
        "CREATE TABLE hologram (id INTEGER PRIMARY KEY); PRAGMA user_version = 999;
             PRAGMA application_id = {};",
        roundtable::store::APPLICATION_ID
    ))
    .unwrap();
    drop(conn);
    assert_every_command_refuses(&sb, &db, &db, "newer Roundtable (schema version 999");
}

#[test]
fn an_unwritable_location_is_refused() {
    let sb = Sandbox::new();
    // A regular file as the parent "directory": refused even when running as root.
    let parent = sb.write("file.txt", "just a file\n");
    let db = parent.join("db.sqlite");
    let mut writing = commands(&sb);
    writing.retain(|a| a[0] == "demo" || a[0] == "import");
    let before = bytes(&parent);
    for args in writing {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = refused(&sb.on(&db, &args));
        assert!(err.contains("cannot write the database"), "{args:?}: {err}");
        assert!(bytes(&parent) == before);
    }
    // Reading commands fail too, naming the path.
    for args in [
        vec!["export", "json"],
        vec!["roster", "export", "--community", "X"],
    ] {
        let err = refused(&sb.on(&db, &args));
        assert!(err.contains("file.txt/db.sqlite"), "{err}");
    }
    assert!(bytes(&parent) == before);
}

/// How to run the binary as someone whom the permission bits of the sandbox's files stop:
/// this user, or (as root, whom they do not stop) `nobody` through `setpriv`, owning the
/// sandbox as a user owns a temporary directory. The command line up to the binary's
/// arguments, or why neither is possible.
#[cfg(unix)]
fn unprivileged(sb: &Sandbox, read_only: &Path) -> Result<Vec<std::ffi::OsString>, String> {
    use std::ffi::OsString;
    use std::os::unix::fs::MetadataExt;
    let me = std::fs::metadata(sb.write("whoami", "")).unwrap().uid();
    let mut runner: Vec<OsString> = Vec::new();
    let mut bin = PathBuf::from(BIN);
    if me == 0 {
        // Where `nobody` cannot reach the binary (a target dir under /root), a copy can.
        let copy = sb.path("roundtable");
        std::fs::copy(BIN, &copy).unwrap();
        let mut paths = vec![sb.dir.path().to_path_buf()];
        paths.extend(
            std::fs::read_dir(sb.dir.path())
                .unwrap()
                .map(|e| e.unwrap().path()),
        );
        for p in paths {
            std::os::unix::fs::chown(&p, Some(65534), Some(65534)).unwrap();
        }
        runner = [
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
        ]
        .map(OsString::from)
        .to_vec();
        bin = copy;
    }
    let with = |args: &[&OsStr]| {
        let mut all = runner.clone();
        all.extend(args.iter().map(OsString::from));
        all
    };
    let status = |cmd: &[OsString]| match Command::new(&cmd[0]).args(&cmd[1..]).output() {
        Ok(out) => Ok(out.status.code()),
        Err(e) => Err(format!("cannot run {}: {e}", cmd[0].display())),
    };
    let version = with(&[bin.as_os_str(), OsStr::new("--version")]);
    if status(&version)? != Some(0) {
        return Err(format!("{} fails", version.join(OsStr::new(" ")).display()));
    }
    // `test -w` asks the kernel whether the file could be opened for writing.
    let probe = with(&[OsStr::new("test"), OsStr::new("-w"), read_only.as_os_str()]);
    if status(&probe)? != Some(1) {
        return Err(format!(
            "{} says it could write",
            probe.join(OsStr::new(" ")).display()
        ));
    }
    Ok(with(&[bin.as_os_str()]))
}

/// Says on the terminal (test output capture does not hide it) that a test could not run.
#[cfg(unix)]
fn skipped(test: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {test}: {why}");
}

/// Permission bits refuse writes only to someone they stop, and CI runs as root: the
/// binary runs as `nobody` there. Where nobody can be stopped, the terminal says skipped.
#[cfg(unix)]
#[test]
fn a_read_only_database_is_refused_or_the_test_says_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    let db = sb.demo("ro.db");
    let csv = sb.write("x.csv", "name\nAda\n");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
    let runner = match unprivileged(&sb, &db) {
        Ok(r) => r,
        Err(why) => {
            return skipped(
                "a_read_only_database_is_refused",
                &format!("no user here whom permission bits stop: {why}"),
            );
        }
    };
    let run = |args: &[&str]| {
        (sb.command(&runner[0]))
            .args(&runner[1..])
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    let before = bytes(&db);
    let csv = csv.to_str().unwrap();
    for args in [
        vec!["demo", "--force"],
        vec!["roster", "import", csv, "--community", DEMO],
    ] {
        let err = refused(&run(&args));
        assert!(err.contains("cannot write the database"), "{args:?}: {err}");
        // What to do next (r9 trial F26: the app said only "Permission denied").
        assert!(
            err.contains("It is read-only: make it writable (chmod u+w")
                && err.contains("`roundtable render`, `export` and `search` read it"),
            "{args:?}: {err}"
        );
        assert!(bytes(&db) == before);
    }
    // Reading still works.
    assert!(ok(&run(&["export", "json"])).contains(DEMO));
}

#[test]
fn roster_import_into_a_missing_database_creates_nothing() {
    let sb = Sandbox::new();
    let csv = sb.write("x.csv", "name\nAda\n");
    let db = sb.path("missing.db");
    let err = refused(&sb.on(
        &db,
        &[
            "roster",
            "import",
            csv.to_str().unwrap(),
            "--community",
            "X",
        ],
    ));
    assert!(err.contains("no database at"), "{err}");
    assert!(!db.exists());
}

#[test]
fn demo_and_import_refuse_while_another_instance_holds_the_file() {
    let sb = Sandbox::new();
    let db = sb.demo("open.db");
    let _lock = roundtable::store::lock::InstanceLock::acquire(&db).unwrap();
    let before = bytes(&db);
    let dump = sb.write(
        "d.json",
        "{\"format_version\":1,\"schema_version\":1,\"tables\":{}}",
    );
    for args in [
        vec!["demo", "--force"],
        vec!["import", "json", dump.to_str().unwrap()],
    ] {
        let err = refused(&sb.on(&db, &args));
        let pid = format!("pid {}", std::process::id());
        assert!(
            err.contains("already open") && err.contains(&pid),
            "{args:?}: {err}"
        );
        assert!(bytes(&db) == before);
    }
}

// ── Argument errors keep clap's whole message (issue 10, trial B5) ─────────────────────

/// The one-line stderr of a run refused as an argument mistake (exit 2).
#[track_caller]
fn argument_error(out: &Output) -> String {
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        !err.contains('\x1b'),
        "escape sequences reached stderr: {err:?}"
    );
    err
}

#[test]
fn a_missing_argument_is_named_in_plain_text() {
    let sb = Sandbox::new();
    let db = sb.path("none.db");
    let on = |args: &[&str]| argument_error(&sb.on(&db, args));
    assert_eq!(
        on(&["export", "report", "--format", "md", "--out", "r.md"]),
        "roundtable: the following required arguments were not provided: \
         --community <COMMUNITY> (see roundtable export report --help)\n"
    );
    assert_eq!(
        on(&["export", "minutes", "--out", "m.md"]),
        "roundtable: the following required arguments were not provided: \
         <--meeting <ID>|--last> (see roundtable export minutes --help)\n"
    );
    assert_eq!(
        on(&["search", "--community", "Ward 7"]),
        "roundtable: the following required arguments were not provided: \
         <QUERY> (see roundtable search --help)\n"
    );
    assert_eq!(
        on(&["backup"]),
        "roundtable: the following required arguments were not provided: \
         <FILE> (see roundtable backup --help)\n"
    );
    // Two missing at once are both named.
    assert_eq!(
        on(&["roster", "import"]),
        "roundtable: the following required arguments were not provided: \
         --community <COMMUNITY>, <FILE> (see roundtable roster import --help)\n"
    );
    // Other mistakes keep clap's hint, still one plain line.
    assert_eq!(
        on(&["export", "report", "--community", "X", "--format", "pdf"]),
        "roundtable: invalid value 'pdf' for '--format <FORMAT>' \
         [possible values: md, html] (see --help)\n"
    );
    // Even when the terminal would get colour (clap styles its errors then).
    let coloured = sb
        .command(BIN)
        .args(["--db", db.to_str().unwrap(), "backup"])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(argument_error(&coloured).contains("<FILE>"));
}

// ── A damaged file is not a dead end (issue 10, trial B3) ──────────────────────────────

/// The demo with the root page of the icebreaker library zeroed on disk (as the trial's
/// `dd conv=notrunc` did, on a page known to hold a table the open check reads whole).
fn damaged_demo(sb: &Sandbox) -> PathBuf {
    let db = sb.demo("damaged.db");
    let (page_size, root): (i64, i64) = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let size = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'icebreaker'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        (size, root)
    };
    assert!(!roundtable::fsutil::with_suffix(&db, "-wal").exists());
    let mut bytes = bytes(&db);
    let (root, page_size) = (
        usize::try_from(root).unwrap(),
        usize::try_from(page_size).unwrap(),
    );
    bytes[(root - 1) * page_size..root * page_size].fill(0);
    std::fs::write(&db, bytes).unwrap();
    db
}

#[test]
fn a_damaged_file_can_be_backed_up_and_every_refusal_says_what_to_do_next() {
    let sb = Sandbox::new();
    let db = damaged_demo(&sb);
    let damaged = bytes(&db);
    let next = "keep a copy of it as it is first";
    let checked = sb.on(&db, &["check"]);
    let problems = |out: &Output| -> Vec<String> {
        let text = String::from_utf8_lossy(&out.stdout);
        text.lines()
            .filter(|l| l.starts_with("problem: integrity:"))
            .map(str::to_string)
            .collect()
    };
    let found = problems(&checked);
    assert!(!found.is_empty());
    let err = String::from_utf8(checked.stderr).unwrap();
    assert_eq!(checked.status.code(), Some(1), "{err}");
    assert!(err.contains("problems") && err.contains(next), "{err}");
    for args in [
        vec!["export", "json"],
        vec!["export", "report", "--community", DEMO],
        vec!["search", "handover"],
        // A writer opens it as the app does (for exclusive use).
        vec!["plan", "--community", DEMO],
    ] {
        let err = refused(&sb.on(&db, &args));
        assert!(
            err.contains("is damaged") && err.contains(next),
            "{args:?}: {err}"
        );
    }
    // The backup copies it as it is, says so, and the copy shows the same damage.
    let copy = sb.path("kept.db");
    let said = ok(&sb.on(&db, &["backup", copy.to_str().unwrap()]));
    assert!(said.contains("the copy carries the same damage"), "{said}");
    assert_eq!(bytes(&db), damaged, "the damaged file was left as it was");
    let checked = sb.on(&copy, &["check"]);
    assert_eq!(checked.status.code(), Some(1), "the copy is damaged too");
    assert_eq!(problems(&checked), found);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Another application's file is still refused, damaged or not.
    let err = refused(&sb.on(&sb.write("other.txt", "text"), &["backup", "x.db"]));
    assert!(err.contains("not an SQLite file"), "{err}");
}

/// An unknown community is refused with the names there are, so the next try is right
/// (a trial typed a name that was not there and had to open the app to find it).
#[test]
fn an_unknown_community_names_the_ones_there_are() {
    let sb = Sandbox::new();
    let db = sb.demo("known.db");
    let err = refused(&sb.on(&db, &["export", "report", "--community", "Nope"]));
    assert!(
        err.contains(&format!("no community called 'Nope' (there are '{DEMO}'")),
        "{err}"
    );
}

/// `check` on a path with no file said "has 1 problem; … keep a copy of it as it is
/// (… backup …; the copy carries the same damage)": advice for a damaged file. A missing
/// file is said once, with how to make one.
#[test]
fn check_on_a_missing_file_says_only_that_it_is_missing() {
    let sb = Sandbox::new();
    let db = sb.path("nothing-here.db");
    let out = sb.on(&db, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no database at"), "{err}");
    assert!(!err.contains("backup") && !err.contains("damage"), "{err}");
    assert!(!db.exists(), "nothing was made");
}

/// r9 (issue 10 follow-up): at 80 columns the lists clipped a long role, title or topic
/// mid-word with nothing to say more was there, and Plan's footer gave its room to
/// "move item up/down" and left out adding and editing items. Cut text ends in `…`; the
/// Plan footer keeps the keys that add and change items.
#[test]
fn at_80_columns_lists_end_cut_text_with_an_ellipsis_and_plan_keeps_its_main_keys() {
    let sb = Sandbox::new();
    let db = sb.demo("a.db");
    let render = |screen: &str| ok(&sb.on(&db, &["render", screen]));
    let roster = render("roster");
    assert!(
        roster.contains("│   Daniel Kowalski  Healthcare ass… │"),
        "{roster}"
    );
    let history = render("history");
    assert!(
        history.contains("Cycle 3: SSKIN skin checks on every s…  "),
        "{history}"
    );
    let cycles = render("cycles");
    assert!(cycles.contains(" SSKIN skin checks on… closed"), "{cycles}");
    // Goals, Actions, Communities and the icebreaker library likewise (trial r9 F3).
    let goals = render("goals");
    assert!(
        goals.contains("A five-minute falls huddle on every …  "),
        "{goals}"
    );
    let actions = render("actions");
    assert!(
        actions.contains("Put a second nurse on the wee… "),
        "{actions}"
    );
    let meetings = render("meetings");
    assert!(meetings.contains("Cycle 4: Reflection on… "), "{meetings}");
    let icebreakers = render("icebreakers");
    assert!(icebreakers.contains("…"), "{icebreakers}");
    let plan_id = ok(&sb.on(
        &db,
        &["plan", "--community", "Ward 7 Nursing Practice Circle"],
    ));
    let plan = ok(&sb.on(&db, &["render", "plan", "--meeting", plan_id.trim()]));
    let footer = plan.lines().last().unwrap();
    for hint in [
        "a/n add item",
        "Enter/e edit item",
        "x remove item",
        "i icebreaker",
    ] {
        assert!(footer.contains(hint), "{hint}: {footer}");
    }
}
