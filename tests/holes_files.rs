//! File safety through the real binary: the lock, someone else's files, `--out`, modes,
//! read-only media, odd paths. Each test here failed before its fix (issue 11).

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

mod holes_common;

use holes_common::*;
use std::os::unix::fs::MetadataExt;
use std::time::Duration;

const APPLICATION_ID: i64 = roundtable::store::APPLICATION_ID as i64;

fn csv(sb: &Sandbox) -> String {
    sb.write("add.csv", "name\nZora Quill\n")
        .to_str()
        .unwrap()
        .to_string()
}

// ── 1. The lock file never follows a symlink ──────────────────────────────────────────

#[test]
fn a_planted_lock_symlink_is_never_followed() {
    let sb = Sandbox::new();
    let db = sb.demo("circle.db");
    let victim = sb.write("victim.txt", "precious\n");
    let planted = with_suffix(&db, ".lock");
    let _ = std::fs::remove_file(&planted);
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let csv = csv(&sb);
    ok(&sb.on(&db, &["roster", "import", &csv, "--community", DEMO]));
    ok(&sb.on(&db, &["plan", "--community", DEMO]));
    ok(&sb.on(&db, &["demo", "--force"]));
    assert_eq!(bytes(&victim), b"precious\n");
    // A lock "file" pointing at the database itself destroyed it.
    let db2 = sb.demo("second.db");
    let lock2 = with_suffix(&db2, ".lock");
    let _ = std::fs::remove_file(&lock2);
    std::os::unix::fs::symlink(&db2, &lock2).unwrap();
    ok(&sb.on(&db2, &["roster", "import", &csv, "--community", DEMO]));
    assert!(ok(&sb.on(&db2, &["export", "json"])).contains("Zora Quill"));
}

#[test]
fn a_symlink_planted_in_the_lock_folder_is_refused() {
    let sb = Sandbox::new();
    let db = sb.demo("circle.db");
    let lock = roundtable::store::lock::lock_path(&db).unwrap();
    let victim = sb.write("victim.txt", "precious\n");
    let _ = std::fs::remove_file(&lock);
    std::os::unix::fs::symlink(&victim, &lock).unwrap();
    // Removed however the test ends: the lock folder is shared by every test (and by the
    // user's real databases), and a later file may get the same inode.
    struct Planted(std::path::PathBuf);
    impl Drop for Planted {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }
    let planted = Planted(lock);
    let err = refused(&sb.on(&db, &["plan", "--community", DEMO]));
    assert!(
        err.contains("lock") && err.contains("symbolic link"),
        "{err}"
    );
    assert_eq!(bytes(&victim), b"precious\n");
    drop(planted);
    ok(&sb.on(&db, &["plan", "--community", DEMO]));
}

// ── 4. The lock is keyed on the file, not on how its path is spelt ────────────────────

#[test]
fn the_lock_holds_through_symlinks_and_hard_links() {
    let sb = Sandbox::new();
    let db = sb.demo("open.db");
    let soft = sb.path("soft.db");
    let hard = sb.path("hard.db");
    std::os::unix::fs::symlink(&db, &soft).unwrap();
    std::fs::hard_link(&db, &hard).unwrap();
    let spelt = sb.dir.path().join(".").join("open.db");
    let _held = roundtable::store::lock::InstanceLock::acquire(&db).unwrap();
    let before = bytes(&db);
    for path in [&soft, &hard, &spelt] {
        for args in [vec!["demo", "--force"], vec!["plan", "--community", DEMO]] {
            let err = refused(&sb.on(path, &args));
            assert!(err.contains("already open"), "{path:?} {args:?}: {err}");
            assert!(bytes(&db) == before, "{path:?} {args:?} changed the data");
        }
    }
}

// ── 2. Someone else's SQLite file is never written ────────────────────────────────────

fn foreign_db(sb: &Sandbox) -> std::path::PathBuf {
    let p = sb.path("photos.sqlite");
    let c = sqlite(&p);
    c.execute_batch("CREATE TABLE photo (id INTEGER PRIMARY KEY, path TEXT); INSERT INTO photo (path) VALUES ('a.jpg');")
        .unwrap();
    drop(c);
    p
}

#[test]
fn another_applications_database_is_left_untouched() {
    let sb = Sandbox::new();
    let db = foreign_db(&sb);
    let before = bytes(&db);
    let csv = csv(&sb);
    let dump = sb.write(
        "empty.json",
        "{\"format_version\":1,\"schema_version\":1,\"tables\":{}}",
    );
    let writing: Vec<Vec<&str>> = vec![
        vec!["demo"],
        vec!["demo", "--force"],
        vec!["import", "json", dump.to_str().unwrap()],
        vec!["roster", "import", &csv, "--community", "X"],
        vec!["plan", "--community", "X"],
    ];
    for args in writing {
        let err = refused(&sb.on(&db, &args));
        assert!(err.contains("not a Roundtable database"), "{args:?}: {err}");
        assert!(bytes(&db) == before, "{args:?} changed the file");
    }
    for args in [vec!["export", "json"], vec!["render", "communities"]] {
        let err = refused(&sb.on(&db, &args));
        assert!(err.contains("not a Roundtable database"), "{args:?}: {err}");
        assert!(
            !err.contains("upgrade"),
            "no hint that leads into writing it: {err}"
        );
    }
    assert!(bytes(&db) == before);
    assert_eq!(sb.listing(), ["add.csv", "empty.json", "photos.sqlite"]);
}

#[test]
fn our_own_files_carry_the_application_id_and_old_ones_get_it() {
    let sb = Sandbox::new();
    let db = sb.demo("new.db");
    let id: i64 = sqlite(&db)
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, APPLICATION_ID);
    // A file from before the id (schema 1, our tables, no id) is still ours.
    let old = sb.path("old.db");
    let c = sqlite(&old);
    c.execute_batch(include_str!("../src/store/migrations/0001_init.sql"))
        .unwrap();
    c.execute_batch("PRAGMA user_version = 1").unwrap();
    drop(c);
    ok(&sb.on(&old, &["demo"]));
    let id: i64 = sqlite(&old)
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, APPLICATION_ID);
    // An SQLite file with nothing in it yet is as good as an empty file.
    let blank = sb.path("blank.db");
    sqlite(&blank).execute_batch("VACUUM").unwrap();
    ok(&sb.on(&blank, &["demo"]));
}

// ── 3. `--out` never overwrites the database ──────────────────────────────────────────

#[test]
fn out_refuses_the_database_and_its_companions_however_spelt() {
    let sb = Sandbox::new();
    let db = sb.demo("circle.db");
    std::fs::create_dir(sb.path("sub")).unwrap();
    std::os::unix::fs::symlink(&db, sb.path("link.json")).unwrap();
    std::fs::hard_link(&db, sb.path("sub/hard.json")).unwrap();
    let before = bytes(&db);
    let outs = [
        db.clone(),
        sb.path("sub/../circle.db"),
        sb.dir.path().join(".").join("circle.db"),
        sb.path("link.json"),
        sb.path("sub/hard.json"),
        with_suffix(&db, "-wal"),
        with_suffix(&db, "-shm"),
        with_suffix(&db, "-journal"),
    ];
    let exports: [&[&str]; 4] = [
        &["export", "json"],
        &["roster", "export", "--community", DEMO],
        &["export", "minutes", "--last"],
        &["export", "ics", "--community", DEMO],
    ];
    for out in &outs {
        for args in exports {
            let mut args = args.to_vec();
            args.extend(["--out", out.to_str().unwrap()]);
            let err = refused(&sb.on(&db, &args));
            assert!(err.contains("is the database"), "{args:?}: {err}");
            assert!(bytes(&db) == before, "{args:?} overwrote the database");
        }
    }
    assert!(!with_suffix(&db, "-wal").exists() && !with_suffix(&db, "-journal").exists());
}

// ── 6. Every file written ends owner-only; `--force` replaces the file whole ─────────────

#[test]
fn exports_over_an_open_file_end_owner_only_and_replace_it_whole() {
    let sb = Sandbox::new();
    let db = sb.demo("circle.db");
    let exports: [&[&str]; 4] = [
        &["export", "json"],
        &["roster", "export", "--community", DEMO],
        &["export", "minutes", "--last"],
        &["export", "ics", "--community", DEMO],
    ];
    for args in exports {
        let out = sb.write("out.txt", "old contents\n");
        set_mode(&out, 0o666);
        // Someone else's hard link keeps what it had: the export is a new file renamed
        // into place, never a truncation of the old one.
        let other = sb.path("other-link.txt");
        std::fs::hard_link(&out, &other).unwrap();
        let mut args = args.to_vec();
        args.extend(["--out", out.to_str().unwrap(), "--force"]);
        ok(&sb.on(&db, &args));
        assert_eq!(mode(&out), 0o600, "{args:?}");
        assert_ne!(bytes(&out), b"old contents\n");
        assert_eq!(bytes(&other), b"old contents\n", "{args:?}");
        std::fs::remove_file(&other).unwrap();
        std::fs::remove_file(&out).unwrap();
    }
    assert!(
        !sb.listing().iter().any(|n| n.contains("tmp")),
        "{:?}",
        sb.listing()
    );
}

/// Every `--out` refuses an existing file unless `--force`, as the app's minutes key
/// does (issue 10, trial C10), and never writes through a symbolic link.
#[test]
fn every_out_refuses_an_existing_file_or_symlink_and_leaves_it_as_it_was() {
    let sb = Sandbox::new();
    let db = sb.demo("circle.db");
    let exports: [&[&str]; 6] = [
        &["export", "json"],
        &["export", "json", "--redact"],
        &["roster", "export", "--community", DEMO],
        &["export", "minutes", "--last"],
        &["export", "report", "--community", DEMO],
        &["export", "ics", "--community", DEMO],
    ];
    let out = sb.write("kept.txt", "the leader's own notes\n");
    let victim = sb.write("victim.txt", "not ours\n");
    let link = sb.path("link.txt");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let files = sb.listing();
    for args in exports {
        let mut args = args.to_vec();
        args.extend(["--out", out.to_str().unwrap()]);
        let err = refused(&sb.on(&db, &args));
        assert!(
            err.contains("already exists: not overwritten")
                && err.contains("choose another name, or pass --force"),
            "{args:?}: {err}"
        );
        for force in [false, true] {
            let mut args = args[..args.len() - 1].to_vec();
            args.push(link.to_str().unwrap());
            if force {
                args.push("--force");
            }
            let err = refused(&sb.on(&db, &args));
            assert!(err.contains("is a symbolic link"), "{args:?}: {err}");
        }
        assert_eq!(bytes(&out), b"the leader's own notes\n", "{args:?}");
        assert_eq!(bytes(&victim), b"not ours\n", "{args:?}");
        assert_eq!(sb.listing(), files, "{args:?} left files behind");
    }
    // A new name is written, and `--force` without `--out` is an argument mistake.
    let fresh = sb.path("fresh.md");
    ok(&sb.on(
        &db,
        &[
            "export",
            "minutes",
            "--last",
            "--out",
            fresh.to_str().unwrap(),
        ],
    ));
    assert_eq!(mode(&fresh), 0o600);
    let out = sb.on(&db, &["export", "minutes", "--last", "--force"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_existing_open_file_becomes_an_owner_only_database() {
    let sb = Sandbox::new();
    let db = sb.write("shared.db", "");
    set_mode(&db, 0o644);
    let store = roundtable::store::Store::open(&db).unwrap();
    for p in [
        db.clone(),
        with_suffix(&db, "-wal"),
        with_suffix(&db, "-shm"),
    ] {
        assert_eq!(mode(&p), 0o600, "{}", p.display());
    }
    drop(store);
    // And through the binary, for an existing database left readable by others.
    let demo = sb.demo("demo.db");
    set_mode(&demo, 0o644);
    ok(&sb.on(&demo, &["plan", "--community", DEMO]));
    assert_eq!(mode(&demo), 0o600);
}

// ── 10. Read-only media, FIFOs, missing folders, dangling symlinks ─────────────────────

fn reading_commands() -> Vec<Vec<&'static str>> {
    vec![
        vec!["export", "json"],
        vec!["roster", "export", "--community", DEMO],
        vec!["export", "minutes", "--last"],
        vec!["export", "ics", "--community", DEMO],
        vec!["render", "roster"],
        vec!["icebreaker", "--list"],
    ]
}

#[test]
fn reading_commands_leave_nothing_behind() {
    let sb = Sandbox::new();
    let db = sb.demo("circle.db");
    let files = sb.listing();
    for args in reading_commands() {
        ok(&sb.on(&db, &args));
        assert_eq!(sb.listing(), files, "{args:?} left files behind");
    }
}

#[test]
fn reading_commands_work_on_a_read_only_database_in_a_read_only_folder() {
    let sb = Sandbox::new();
    let dir = sb.path("media");
    std::fs::create_dir(&dir).unwrap();
    let db = dir.join("circle.db");
    ok(&sb.on(&db, &["demo"]));
    let Some(_ro) = ReadOnly::make(&[&db, &dir]) else {
        return;
    };
    for args in reading_commands() {
        ok(&sb.on(&db, &args));
    }
    assert_eq!(listing(&dir), ["circle.db"]);
    let err = refused(&sb.on(&db, &["plan", "--community", DEMO]));
    assert!(err.contains("cannot write the database"), "{err}");
}

#[test]
fn a_fifo_as_the_database_is_refused_not_waited_on() {
    let sb = Sandbox::new();
    let fifo = sb.path("pipe.db");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    for args in [
        vec!["export", "json"],
        vec!["demo"],
        vec!["render", "roster"],
    ] {
        let out = sb
            .on_within(&fifo, &args, Duration::from_secs(10))
            .unwrap_or_else(|| panic!("{args:?} hung on a FIFO"));
        let err = refused(&out);
        assert!(err.contains("not a regular file"), "{args:?}: {err}");
    }
}

#[test]
fn a_writing_command_into_a_missing_folder_creates_nothing() {
    let sb = Sandbox::new();
    let db = sb.path("no/such/folder/circle.db");
    let dump = sb.write(
        "empty.json",
        "{\"format_version\":1,\"schema_version\":1,\"tables\":{}}",
    );
    for (args, says) in [
        (vec!["plan", "--community", "X"], "no database at"),
        (vec!["demo"], "does not exist"),
        (
            vec!["import", "json", dump.to_str().unwrap()],
            "does not exist",
        ),
    ] {
        let err = refused(&sb.on(&db, &args));
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!sb.path("no").exists(), "{args:?} created folders");
    }
    // A missing database in an existing folder: `plan` does not create an empty one.
    let err = refused(&sb.on(&sb.path("fresh.db"), &["plan", "--community", "X"]));
    assert!(err.contains("no database at"), "{err}");
    assert!(!sb.path("fresh.db").exists());
}

#[test]
fn a_dangling_symlink_as_the_database_is_refused_and_kept() {
    let sb = Sandbox::new();
    let link = sb.path("link.db");
    std::os::unix::fs::symlink(sb.path("gone/away.db"), &link).unwrap();
    let dump = sb.write(
        "empty.json",
        "{\"format_version\":1,\"schema_version\":1,\"tables\":{}}",
    );
    for args in [vec!["import", "json", dump.to_str().unwrap()], vec!["demo"]] {
        let err = refused(&sb.on(&link, &args));
        assert!(err.contains("symbolic link"), "{args:?}: {err}");
        assert!(
            link.symlink_metadata().is_ok(),
            "{args:?} removed the symlink"
        );
    }
}

#[test]
fn a_symlink_to_a_database_still_works() {
    let sb = Sandbox::new();
    let db = sb.demo("real.db");
    let link = sb.path("link.db");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    let csv = csv(&sb);
    ok(&sb.on(&link, &["roster", "import", &csv, "--community", DEMO]));
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(ok(&sb.on(&db, &["export", "json"])).contains("Zora Quill"));
    assert_eq!(std::fs::metadata(&db).unwrap().nlink(), 1);
}
