//! Store round trips against a temporary file, through the public API only.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{NaiveDate, TimeZone, Utc};
use roundtable::domain::{
    ChosenBy, CommunityId, CommunityInfo, Draft, GoalInfo, GoalStatus, LeaderRole, MeetingMode,
    MemberId, Profile,
};
use roundtable::store::lock::{InstanceLock, LockError};
use roundtable::store::{NewLeader, OpenError, Store, StoreError, schema_version};
use std::path::{Path, PathBuf};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 5, 17, 30, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn info(name: &str) -> CommunityInfo {
    CommunityInfo {
        name: name.into(),
        purpose: "Learn from each other's cases".into(),
        cadence: Some("every 2 weeks Thu 17:30".parse().unwrap()),
        mode: MeetingMode::Hybrid,
        place: "Room 2.14".into(),
        meeting_minutes: 90,
    }
}

fn profile(name: &str) -> Profile {
    Profile::from_draft(
        &Draft::new()
            .with("name", name)
            .with("role", "Staff nurse")
            .with("strengths", "Wound care\nTeaching")
            .with("joined", "2025-09-01"),
    )
    .unwrap()
}

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.db");
    (dir, path)
}

fn user_version(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_new_file_is_migrated_to_the_current_schema() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    assert!(store.is_empty().unwrap());
    assert!(store.communities(true).unwrap().is_empty());
    drop(store);
    assert!(schema_version() >= 1);
    assert_eq!(user_version(&path), schema_version());
    // Opening again is a no-op, not a second migration.
    drop(Store::open(&path).unwrap());
    assert_eq!(user_version(&path), schema_version());
}

#[cfg(unix)]
#[test]
fn files_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    store
        .write(|tx| tx.insert_community(&info("Circle"), now()))
        .unwrap();
    for suffix in ["-wal", "-shm"] {
        let mut p = path.clone().into_os_string();
        p.push(suffix);
        let p = PathBuf::from(p);
        assert!(
            p.exists(),
            "{} should exist while the store is open",
            p.display()
        );
        assert_eq!(mode(&p), 0o600, "{}", p.display());
    }
}

#[test]
fn communities_round_trip_update_and_archive() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = store
        .write(|tx| tx.insert_community(&info("Ward 7 Circle"), now()))
        .unwrap();
    assert!(!store.is_empty().unwrap());
    let c = store.community(id).unwrap();
    assert_eq!(c.info, info("Ward 7 Circle"));
    assert!(!c.archived && c.leader.is_none());

    let mut changed = info("Ward 7 Practice Circle");
    changed.mode = MeetingMode::Online;
    changed.meeting_minutes = 60;
    changed.cadence = None;
    store.write(|tx| tx.update_community(id, &changed)).unwrap();
    drop(store);

    // Everything survives closing and reopening the file.
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.community(id).unwrap().info, changed);
    assert_eq!(
        store
            .community_by_name("ward 7 PRACTICE circle")
            .unwrap()
            .id,
        id
    );

    store
        .write(|tx| tx.set_community_archived(id, true, now()))
        .unwrap();
    assert!(store.communities(false).unwrap().is_empty());
    let all = store.communities(true).unwrap();
    assert_eq!(all.len(), 1);
    assert!(all[0].archived);
    store
        .write(|tx| tx.set_community_archived(id, false, now()))
        .unwrap();
    assert_eq!(store.communities(false).unwrap().len(), 1);

    assert!(matches!(
        store.community(CommunityId::new(id.get() + 1)),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn duplicate_names_are_refused_and_change_nothing() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let a = store
        .write(|tx| tx.insert_community(&info("Circle A"), now()))
        .unwrap();
    let b = store
        .write(|tx| tx.insert_community(&info("Circle B"), now()))
        .unwrap();
    let before = store.communities(true).unwrap();

    let err = store
        .write(|tx| tx.insert_community(&info("circle a"), now()))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Duplicate(m) if m.contains("circle a")),
        "{err}"
    );
    let err = store
        .write(|tx| tx.update_community(b, &info("CIRCLE A")))
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate(_)), "{err}");
    assert_eq!(store.communities(true).unwrap(), before);

    let ada = store
        .write(|tx| tx.insert_member(a, &profile("Ada"), now()))
        .unwrap();
    let grace = store
        .write(|tx| tx.insert_member(a, &profile("Grace"), now()))
        .unwrap();
    let roster = store.members(a).unwrap();
    let err = store
        .write(|tx| tx.insert_member(a, &profile("ADA"), now()))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Duplicate(m) if m.contains("ADA")),
        "{err}"
    );
    let err = store
        .write(|tx| tx.update_member(grace, &profile("ada")))
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate(_)), "{err}");
    assert_eq!(store.members(a).unwrap(), roster);
    // The same name in another community is fine.
    store
        .write(|tx| tx.insert_member(b, &profile("Ada"), now()))
        .unwrap();
    assert_ne!(ada, grace);
}

#[test]
fn members_round_trip_update_and_deactivate() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let c = store
        .write(|tx| tx.insert_community(&info("Circle"), now()))
        .unwrap();
    let zoe = store
        .write(|tx| tx.insert_member(c, &profile("Zoë"), now()))
        .unwrap();
    let ada = store
        .write(|tx| tx.insert_member(c, &profile("Ada"), now()))
        .unwrap();
    drop(store);

    let mut store = Store::open(&path).unwrap();
    let roster = store.members(c).unwrap();
    let names: Vec<&str> = roster.iter().map(|m| m.profile.name.as_str()).collect();
    assert_eq!(names, ["Ada", "Zoë"], "active members by name");
    assert_eq!(roster[1].profile, profile("Zoë"));
    assert!(roster.iter().all(|m| m.active && m.left.is_none()));

    let mut p = profile("Zoë Adeyemi");
    p.joined = None;
    p.hopes = "Lead a session".into();
    store.write(|tx| tx.update_member(zoe, &p)).unwrap();
    store
        .write(|tx| tx.set_member_active(ada, false, day(2026, 3, 1)))
        .unwrap();
    let roster = store.members(c).unwrap();
    assert_eq!(roster[0].profile, p, "active members come first");
    assert_eq!(roster[1].id, ada);
    assert!(!roster[1].active);
    assert_eq!(roster[1].left, Some(day(2026, 3, 1)));
    store
        .write(|tx| tx.set_member_active(ada, true, day(2026, 3, 2)))
        .unwrap();
    assert!(
        store
            .members(c)
            .unwrap()
            .iter()
            .all(|m| m.active && m.left.is_none())
    );
    assert!(matches!(
        store.write(|tx| tx.update_member(MemberId::new(9999), &p)),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn goals_round_trip_in_order() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let c = store
        .write(|tx| tx.insert_community(&info("Circle"), now()))
        .unwrap();
    let goal = |title: &str, target: Option<NaiveDate>, status| GoalInfo {
        title: title.into(),
        success_measure: format!("{title}: measured"),
        target,
        status,
    };
    let late = goal("Later", Some(day(2026, 9, 1)), GoalStatus::Active);
    let soon = goal("Sooner", Some(day(2026, 4, 1)), GoalStatus::Proposed);
    let done = goal("Done", Some(day(2026, 1, 1)), GoalStatus::Met);
    let late_id = store.write(|tx| tx.insert_goal(c, &late, now())).unwrap();
    store.write(|tx| tx.insert_goal(c, &done, now())).unwrap();
    store.write(|tx| tx.insert_goal(c, &soon, now())).unwrap();
    drop(store);

    let mut store = Store::open(&path).unwrap();
    let titles = |s: &Store| -> Vec<String> {
        s.goals(c)
            .unwrap()
            .into_iter()
            .map(|g| g.info.title)
            .collect()
    };
    assert_eq!(
        titles(&store),
        ["Sooner", "Later", "Done"],
        "open goals first, by target"
    );
    assert_eq!(store.goals(c).unwrap()[1].info, late);

    let mut edited = late.clone();
    edited.title = "Later, renamed".into();
    edited.target = None;
    store
        .write(|tx| tx.update_goal(late_id, &edited, now()))
        .unwrap();
    store
        .write(|tx| tx.set_goal_status(late_id, GoalStatus::Dropped, now()))
        .unwrap();
    let g = store
        .goals(c)
        .unwrap()
        .into_iter()
        .find(|g| g.id == late_id)
        .unwrap();
    assert_eq!(g.info.status, GoalStatus::Dropped);
    assert_eq!(g.info.title, "Later, renamed");
    assert_eq!(g.info.target, None);
}

#[test]
fn leadership_history_records_every_term() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let c = store
        .write(|tx| tx.insert_community(&info("Circle"), now()))
        .unwrap();
    let maggie = store
        .write(|tx| tx.insert_member(c, &profile("Maggie"), now()))
        .unwrap();
    let amara = store
        .write(|tx| tx.insert_member(c, &profile("Amara"), now()))
        .unwrap();
    let lead = |member, chosen_by| NewLeader {
        member,
        role: LeaderRole::Leader,
        chosen_by,
    };

    store
        .write(|tx| tx.set_leader(c, lead(maggie, ChosenBy::Appointed), day(2025, 1, 10)))
        .unwrap();
    // The same leader, chosen the same way, is not a new term.
    store
        .write(|tx| tx.set_leader(c, lead(maggie, ChosenBy::Appointed), day(2025, 2, 1)))
        .unwrap();
    assert_eq!(store.leadership_history(c).unwrap().len(), 1);

    let mut renamed = info("Circle, renamed");
    renamed.meeting_minutes = 75;
    store
        .write(|tx| {
            tx.save_community_with_leader(
                c,
                &renamed,
                Some(lead(amara, ChosenBy::Agreed)),
                day(2025, 9, 1),
            )
        })
        .unwrap();
    drop(store);

    let mut store = Store::open(&path).unwrap();
    let community = store.community(c).unwrap();
    assert_eq!(community.info, renamed);
    let current = community.leader.unwrap();
    assert_eq!(current.member_id, amara);
    assert_eq!(current.member_name, "Amara");
    assert_eq!(current.chosen_by, ChosenBy::Agreed);
    assert_eq!((current.since, current.until), (day(2025, 9, 1), None));

    let history = store.leadership_history(c).unwrap();
    assert_eq!(history.len(), 2, "newest first");
    assert_eq!(history[0].member_id, amara);
    assert_eq!(history[1].member_id, maggie);
    assert_eq!(history[1].chosen_by, ChosenBy::Appointed);
    assert_eq!(
        (history[1].since, history[1].until),
        (day(2025, 1, 10), Some(day(2025, 9, 1)))
    );

    // No leader ends the current term but keeps the history.
    store
        .write(|tx| tx.save_community_with_leader(c, &renamed, None, day(2026, 1, 1)))
        .unwrap();
    assert!(store.community(c).unwrap().leader.is_none());
    let history = store.leadership_history(c).unwrap();
    assert_eq!(history[0].until, Some(day(2026, 1, 1)));

    // A member of another community cannot lead this one, and nothing changes.
    let other = store
        .write(|tx| tx.insert_community(&info("Other"), now()))
        .unwrap();
    let stranger = store
        .write(|tx| tx.insert_member(other, &profile("Stranger"), now()))
        .unwrap();
    let err = store
        .write(|tx| tx.set_leader(c, lead(stranger, ChosenBy::Voted), day(2026, 2, 1)))
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    assert_eq!(store.leadership_history(c).unwrap(), history);
}

#[test]
fn a_second_instance_lock_names_the_holder() {
    let (_dir, path) = temp_db();
    // The lock is keyed on the file's identity, so the file exists first.
    std::fs::write(&path, b"").unwrap();
    let lock = InstanceLock::acquire(&path).unwrap();
    let err = InstanceLock::acquire(&path).unwrap_err();
    let pid = std::process::id().to_string();
    assert!(
        matches!(&err, LockError::Held { pid: p, .. } if *p == pid),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(msg.contains(&pid) && msg.contains("store.db"), "{msg}");
    drop(lock);
    InstanceLock::acquire(&path).unwrap();
}

#[test]
fn read_only_works_while_another_connection_writes() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let c = store
        .write(|tx| tx.insert_community(&info("Committed"), now()))
        .unwrap();

    // Another connection holds an open write transaction with an uncommitted change.
    let writer = rusqlite::Connection::open(&path).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    writer
        .execute(
            "UPDATE community SET name = 'Uncommitted' WHERE id = ?1",
            [c],
        )
        .unwrap();

    let reader = Store::open_read_only(&path).unwrap();
    let names: Vec<String> = reader
        .communities(true)
        .unwrap()
        .into_iter()
        .map(|c| c.info.name)
        .collect();
    assert_eq!(names, ["Committed"]);
    writer.execute_batch("COMMIT").unwrap();
    assert_eq!(reader.community(c).unwrap().info.name, "Uncommitted");
}

#[test]
fn read_only_never_creates_a_file() {
    let (dir, path) = temp_db();
    assert!(matches!(
        Store::open_read_only(&path),
        Err(OpenError::Missing(_))
    ));
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn a_writer_refuses_a_locked_file_before_touching_it() {
    use roundtable::store::ExclusiveError;
    use roundtable::store::lock::InstanceLock;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("held.db");
    std::fs::write(&path, b"").unwrap();
    let _held = InstanceLock::acquire(&path).unwrap();
    let refused = roundtable::store::Store::open_exclusive(&path);
    assert!(matches!(refused, Err(ExclusiveError::Lock(_))));
    assert_eq!(
        std::fs::metadata(&path).unwrap().len(),
        0,
        "not migrated or seeded while another instance holds it"
    );
}

/// A database deleted while a Roundtable still holds it open frees its inode, and the
/// file system may give that inode to a new file: the new file is not "already open".
#[test]
fn a_new_file_that_reuses_a_deleted_files_inode_is_not_locked_by_it() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.db");
    std::fs::write(&old, b"").unwrap();
    let ino = std::fs::metadata(&old).unwrap().ino();
    let _held = InstanceLock::acquire(&old).unwrap();
    std::fs::remove_file(&old).unwrap();
    // Make new files until one gets the freed inode (most file systems reuse it at once).
    let reused = (0..64).find_map(|i| {
        let p = dir.path().join(format!("new{i}.db"));
        std::fs::write(&p, b"").unwrap();
        (std::fs::metadata(&p).unwrap().ino() == ino).then_some(p)
    });
    let Some(new) = reused else {
        eprintln!("skipped: this file system did not reuse the inode");
        return;
    };
    let born = std::fs::metadata(&new).unwrap().created();
    if born.is_err() {
        eprintln!("skipped: this file system keeps no birth time");
        return;
    }
    InstanceLock::acquire(&new).expect("a new file is not the deleted one");
}

/// What another SQLite program does to the file (a database browser, a backup script):
/// the `sqlite3` shell in another process runs `sql` through a plain read-write
/// connection, prints its answer and closes. The system's shell, not this build's
/// SQLite: newer SQLite versions look at the shared-memory lock before checkpointing on
/// close and would hide the fault (`.ci/run` installs the shell when it is missing).
fn outside(path: &Path, sql: &str) -> String {
    let out = std::process::Command::new("sqlite3")
        .arg(path)
        .arg(sql)
        .output()
        .unwrap_or_else(|e| panic!("this test needs the sqlite3 shell (apt install sqlite3): {e}"));
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Trial r9 F7: opening the store read the file's header through a descriptor of its
/// own and closed it, and closing any descriptor of a file drops every POSIX lock the
/// process holds on it, SQLite's shared lock included. The next outside program to close
/// then took itself for the last user, checkpointed and deleted the write-ahead log the
/// app went on writing into: every change after it said "saved" and was lost at a crash.
#[cfg(unix)]
#[test]
fn an_outside_sqlite_program_never_takes_saved_changes_away() {
    // First, that this `sqlite3` shows the fault at all (newer SQLite versions look at
    // the shared memory before checkpointing on close): a connection whose process
    // opens and closes another descriptor of its file, as the store did, loses the log.
    let (_control_dir, control) = temp_db();
    drop(Store::open(&control).unwrap());
    let held = rusqlite::Connection::open(&control).unwrap();
    held.query_row("SELECT count(*) FROM community", [], |r| r.get::<_, i64>(0))
        .unwrap();
    drop(std::fs::File::open(&control).unwrap());
    outside(&control, "SELECT count(*) FROM community");
    let mut control_wal = control.clone().into_os_string();
    control_wal.push("-wal");
    assert!(
        !PathBuf::from(control_wal).exists(),
        "this sqlite3 shell cannot show the fault; the test needs one that checkpoints on close (3.40 does)"
    );
    drop(held);

    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    // Reopened as every start after the first opens it: a file already in WAL mode.
    let mut store = Store::open(&path).unwrap();
    store
        .write(|tx| tx.insert_community(&info("Before"), now()))
        .unwrap();
    let mut wal = path.clone().into_os_string();
    wal.push("-wal");
    let wal = PathBuf::from(wal);
    assert!(wal.exists());
    assert_eq!(outside(&path, "SELECT count(*) FROM community"), "1");
    assert!(
        wal.exists(),
        "an outside program deleted the log the open store writes to"
    );
    store
        .write(|tx| tx.insert_community(&info("After"), now()))
        .unwrap();
    // What another process reads is what the store said it saved, without the store
    // closing (a crash now would keep it).
    assert_eq!(
        outside(&path, "SELECT count(*) FROM community WHERE name = 'After'"),
        "1"
    );
    drop(store);
}
