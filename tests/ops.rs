//! `roundtable backup` and `roundtable check` through the real binary: a backup taken
//! while a writer commits is a sound, owner-only copy of one committed state; every
//! target a backup must not write is refused with the source untouched; `check` reports
//! damage, a foreign file and a newer schema with a non-zero exit.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};

const BIN: &str = env!("CARGO_BIN_EXE_roundtable");

fn run(db: &Path, args: &[&str]) -> Output {
    std::process::Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run roundtable")
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("club.db");
    common::write_db(&db);
    (dir, db)
}

fn notes(db: &Path) -> i64 {
    let c = Connection::open(db).unwrap();
    c.query_row("SELECT count(*) FROM note", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_backup_taken_while_a_writer_commits_is_sound_and_owner_only() {
    let (dir, db) = fixture();
    // The app's writer: its commits sit in the WAL, not yet in the main file.
    let writer = Connection::open(&db).unwrap();
    writer.pragma_update(None, "journal_mode", "WAL").unwrap();
    writer.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    let mid: i64 = writer
        .query_row("SELECT min(id) FROM meeting", [], |r| r.get(0))
        .unwrap();
    let add = move |c: &Connection, i: i64| {
        c.execute(
            "INSERT INTO note (meeting_id, body, created_at, updated_at)
             VALUES (?1, ?2, '2026-11-24T17:00:00.000Z', '2026-11-24T17:00:00.000Z')",
            rusqlite::params![mid, format!("note {i} written during the backup")],
        )
        .unwrap();
    };
    for i in 0..200 {
        add(&writer, i);
    }
    let before = notes(&db);
    // Keep committing while the backup runs.
    let stop = Arc::new(AtomicBool::new(false));
    let started = Arc::new(Barrier::new(2));
    let handle = {
        let (db, stop, started) = (db.clone(), stop.clone(), started.clone());
        std::thread::spawn(move || {
            let c = Connection::open(&db).unwrap();
            c.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
            started.wait();
            let mut i = 1000;
            while !stop.load(Ordering::Relaxed) {
                add(&c, i);
                i += 1;
            }
            i - 1000
        })
    };
    started.wait();
    let copy = dir.path().join("copy.db");
    let out = run(&db, &["backup", copy.to_str().unwrap()]);
    stop.store(true, Ordering::Relaxed);
    let written = handle.join().unwrap();
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("backed up"), "{stdout}");
    assert!(written > 0, "the writer committed during the backup");

    let c = Connection::open(&copy).unwrap();
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let in_copy = notes(&copy);
    assert!(
        in_copy >= before && in_copy <= before + written,
        "the copy holds one committed state: {in_copy} notes, {before} before, {written} added"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Nothing temporary is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
    // The copy opens and checks clean.
    let out = run(&copy, &["check"]);
    assert!(out.status.success(), "{:?}", text(&out));
    drop(writer);
}

#[test]
fn a_backup_refuses_every_target_it_must_not_write_and_leaves_the_source_alone() {
    let (dir, db) = fixture();
    let original = std::fs::read(&db).unwrap();
    let existing = dir.path().join("existing.db");
    std::fs::write(&existing, "keep me").unwrap();
    let link = dir.path().join("link.db");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("nowhere.db"), &link).unwrap();
    let wal = dir.path().join("club.db-wal");
    let dotted = dir.path().join(".").join("club.db");
    let missing = dir.path().join("no-such-folder").join("b.db");
    let cases: [(&Path, &str); 5] = [
        (&existing, "already exists"),
        (&db, "the database itself"),
        (&dotted, "the database itself"),
        (&wal, "the database itself"),
        (&missing, "does not exist"),
    ];
    for (target, says) in cases {
        let out = run(&db, &["backup", target.to_str().unwrap()]);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{target:?}: {stderr}");
        assert!(stderr.contains(says), "{target:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    #[cfg(unix)]
    {
        let out = run(&db, &["backup", link.to_str().unwrap()]);
        assert!(text(&out).1.contains("symbolic link"), "{:?}", text(&out));
        assert!(std::fs::symlink_metadata(&link).is_ok());
    }
    assert_eq!(std::fs::read(&existing).unwrap(), b"keep me");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        original,
        "the source is untouched"
    );
    assert!(!wal.exists(), "no WAL was made beside the source");
    // A source that is not a Roundtable database is refused before any file is made.
    let foreign = dir.path().join("foreign.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE photo (id INTEGER)")
        .unwrap();
    let target = dir.path().join("b.db");
    let out = run(&foreign, &["backup", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.contains("not a Roundtable database"));
    assert!(!target.exists());
}

#[test]
fn check_reports_counts_and_passes_a_sound_file() {
    let (_dir, db) = fixture();
    let out = run(&db, &["check"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.contains(&format!(
            "schema version: {}",
            roundtable::store::schema_version()
        )),
        "{stdout}"
    );
    assert!(stdout.contains("integrity: ok"), "{stdout}");
    let meetings = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("meeting "))
        .unwrap_or_default();
    assert!(meetings.trim_end().ends_with(" 4"), "{stdout}");
}

#[test]
fn check_fails_on_damage_a_foreign_file_and_a_newer_schema() {
    let (dir, db) = fixture();
    // A newer schema.
    let newer = dir.path().join("newer.db");
    std::fs::copy(&db, &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let out = run(&newer, &["check"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("newer than this Roundtable"), "{stdout}");
    assert!(stderr.contains("1 problem"), "{stderr}");

    // Another application's database.
    let foreign = dir.path().join("foreign.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE photo (id INTEGER)")
        .unwrap();
    let out = run(&foreign, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).0.contains("not a Roundtable database"));

    // Damage: pages in the middle of the file overwritten, as a failing disk would.
    let damaged = dir.path().join("damaged.db");
    std::fs::copy(&db, &damaged).unwrap();
    let mut bytes = std::fs::read(&damaged).unwrap();
    let page = 4096;
    assert!(bytes.len() > 4 * page);
    for b in &mut bytes[2 * page..4 * page] {
        *b = 0x5a;
    }
    std::fs::write(&damaged, &bytes).unwrap();
    let out = run(&damaged, &["check"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("problem:"), "{stdout}");
    assert_eq!(std::fs::read(&damaged).unwrap(), bytes, "never repaired");

    // Damage SQLite can still read: an index that no longer matches its table.
    let skewed = dir.path().join("skewed.db");
    std::fs::copy(&db, &skewed).unwrap();
    {
        let c = Connection::open(&skewed).unwrap();
        c.execute_batch(
            "CREATE INDEX skew ON note(meeting_id);
             PRAGMA writable_schema = ON;
             UPDATE sqlite_schema SET sql = 'CREATE INDEX skew ON note(body)' WHERE name = 'skew';",
        )
        .unwrap();
    }
    let out = run(&skewed, &["check"]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("problem: integrity:"), "{stdout}");
    assert!(stdout.contains("rows per table:"), "{stdout}");

    // Not SQLite at all.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "hello").unwrap();
    let out = run(&junk, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).0.contains("not an SQLite file"),
        "{:?}",
        text(&out)
    );
}

/// A small run of the large generator: what it writes passes every check an import makes
/// (the domain rules, the rules across rows, reading back as the app reads), `check`
/// passes, and the screens render.
#[test]
fn the_generated_history_passes_the_imports_checks_and_renders() {
    use roundtable::demo::large::{Size, create};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("large.db");
    let size = Size {
        communities: 3,
        weeks: 20,
        notes: 12,
    };
    let n = create(&db, false, size).unwrap();
    assert_eq!((n.communities, n.meetings, n.notes), (3, 60, 720));
    // A second run refuses to replace data without --force.
    assert!(create(&db, false, size).is_err());
    let out = run(&db, &["check"]);
    assert!(out.status.success(), "{:?}", text(&out));
    let json = dir.path().join("dump.json");
    let out = run(&db, &["export", "json", "--out", json.to_str().unwrap()]);
    assert!(out.status.success(), "{:?}", text(&out));
    let copy = dir.path().join("copy.db");
    let out = run(&copy, &["import", "json", json.to_str().unwrap()]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert!(text(&out).0.contains("720 notes"), "{:?}", text(&out));
    let c = Connection::open(&db).unwrap();
    let name: String = c
        .query_row("SELECT name FROM community ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let fts: i64 = c
        .query_row(
            "SELECT count(*) FROM search_fts WHERE search_fts MATCH 'body: checklist' AND rowid % 16 = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(fts > 0, "the notes are searchable");
    for screen in [
        "communities",
        "roster",
        "meetings",
        "history",
        "cycles",
        "actions",
    ] {
        let out = run(&db, &["render", screen, "--community", &name]);
        assert!(out.status.success(), "{screen}: {:?}", text(&out));
    }
}

/// The streamed export writes exactly the bytes of the in-memory one, to a file (owner
/// only, replacing what was there) and to a pipe.
#[test]
fn the_streamed_export_is_the_in_memory_export_byte_for_byte() {
    let (dir, db) = fixture();
    let expected = {
        let store = roundtable::store::Store::open_read_only(&db).unwrap();
        roundtable::store::dump::export(&store).unwrap()
    };
    let file = dir.path().join("dump.json");
    std::fs::write(&file, "old").unwrap();
    let out = run(&db, &["export", "json", "--out", file.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "an existing file is kept without --force"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "old");
    let out = run(
        &db,
        &["export", "json", "--out", file.to_str().unwrap(), "--force"],
    );
    assert!(out.status.success(), "{:?}", text(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let out = run(&db, &["export", "json"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    let wal = dir.path().join("club.db-wal");
    let out = run(&db, &["export", "json", "--out", wal.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
}

/// A truncated file, which SQLite cannot read at all ("database disk image is
/// malformed"), is still kept as every damage message advises: copied byte for byte,
/// its `-wal` as the copy's, owner-only, never over an existing file (r9 trial F25).
#[test]
fn a_truncated_file_is_copied_byte_for_byte_with_its_wal() {
    let (dir, db) = fixture();
    let path = |name: &str| dir.path().join(name);
    let wal_of = |p: &Path| {
        let mut s = p.as_os_str().to_owned();
        s.push("-wal");
        PathBuf::from(s)
    };
    // A writer's pages still in its -wal: the files copied while it has them open.
    let cut = path("cut.db");
    {
        let c = Connection::open(&db).unwrap();
        c.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
             CREATE TABLE scratch (x); INSERT INTO scratch VALUES ('in the wal');",
        )
        .unwrap();
        std::fs::copy(&db, &cut).unwrap();
        std::fs::copy(wal_of(&db), wal_of(&cut)).unwrap();
    }
    let size = std::fs::metadata(&cut).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&cut)
        .unwrap()
        .set_len(size / 2)
        .unwrap();
    // And one with no -wal, cut to its first page.
    let head = path("head.db");
    std::fs::write(&head, &std::fs::read(&cut).unwrap()[..4096]).unwrap();
    // And one cut inside SQLite's header, before the application id.
    let tiny = path("tiny.db");
    std::fs::write(&tiny, &std::fs::read(&cut).unwrap()[..50]).unwrap();
    for (source, wal) in [(&cut, true), (&head, false), (&tiny, false)] {
        let before = std::fs::read(source).unwrap();
        let copy = path("copy.db");
        let out = run(source, &["backup", copy.to_str().unwrap()]);
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{source:?}: {stderr}");
        assert!(
            stdout.contains("copied it byte for byte") && stdout.contains("same damage"),
            "{stdout}"
        );
        assert_eq!(std::fs::read(&copy).unwrap(), before);
        assert_eq!(
            std::fs::read(source).unwrap(),
            before,
            "the source is untouched"
        );
        assert_eq!(wal_of(&copy).exists(), wal, "{stdout}");
        if wal {
            assert!(stdout.contains("its -wal to"), "{stdout}");
            assert_eq!(
                std::fs::read(wal_of(&copy)).unwrap(),
                std::fs::read(wal_of(source)).unwrap()
            );
        }
        #[cfg(unix)]
        for f in [copy.clone(), wal_of(&copy)].iter().filter(|f| f.exists()) {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(f).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{f:?}");
        }
        // The copy is as damaged as its source: `check` says so.
        assert_eq!(run(&copy, &["check"]).status.code(), Some(1));
        // Never over an existing file, nor over an existing -wal of the target.
        let again = run(source, &["backup", copy.to_str().unwrap()]);
        assert!(
            text(&again).1.contains("already exists"),
            "{:?}",
            text(&again)
        );
        std::fs::remove_file(&copy).unwrap();
        let _ = std::fs::remove_file(wal_of(&copy));
        let _ = std::fs::remove_file(path("copy.db-shm"));
    }
    std::fs::write(path("taken.db-wal"), "keep me").unwrap();
    let out = run(&cut, &["backup", path("taken.db").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{:?}", text(&out));
    assert!(text(&out).1.contains("already exists"), "{:?}", text(&out));
    assert!(!path("taken.db").exists());
    assert_eq!(std::fs::read(path("taken.db-wal")).unwrap(), b"keep me");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
