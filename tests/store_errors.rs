//! What the store reports when it cannot do what was asked: a damaged stored value is
//! `Corrupt` (naming the column and the value, never read as a default), a refusal in
//! the meeting's current state is `Refused`, and a missing row is `NotFound`.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use roundtable::domain::live::Attendance;
use roundtable::domain::meeting::MeetingInfo;
use roundtable::domain::rounds::OrderStrategy;
use roundtable::domain::{CommunityId, CommunityInfo, MeetingId, MeetingMode, MemberId, Profile};
use roundtable::store::{Store, StoreError};
use std::path::{Path, PathBuf};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 17, 0, 0).unwrap()
}

/// A database file with a community of three, and one meeting (live when `live`).
struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    store: Store,
    community: CommunityId,
    members: Vec<MemberId>,
    meeting: MeetingId,
}

fn fixture(live: bool) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rt.db");
    let mut store = Store::open(&path).unwrap();
    let info = CommunityInfo {
        name: "Ward 7".into(),
        purpose: "Practice".into(),
        cadence: None,
        mode: MeetingMode::InPerson,
        place: "Room 3".into(),
        meeting_minutes: 60,
    };
    let community = store.write(|tx| tx.insert_community(&info, t0())).unwrap();
    let members = ["Ada", "Bo", "Cy"]
        .iter()
        .map(|name| {
            let p = Profile {
                name: (*name).into(),
                ..Default::default()
            };
            store
                .write(|tx| tx.insert_member(community, &p, t0()))
                .unwrap()
        })
        .collect::<Vec<_>>();
    let t = store.template("Learning cycle meeting").unwrap();
    let m = MeetingInfo {
        title: "Cycle 1".into(),
        scheduled_at: t0(),
        planned_minutes: 90,
    };
    let meeting = store
        .write(|tx| tx.create_meeting(community, &m, Some(&t.name), &t.items, t0()))
        .unwrap();
    if live {
        let here: Vec<_> = members.iter().map(|&m| (m, Attendance::Present)).collect();
        store
            .write(|tx| tx.start_meeting(meeting, &here, t0()))
            .unwrap();
    }
    Fixture {
        _dir: dir,
        path,
        store,
        community,
        members,
        meeting,
    }
}

/// Changes the file behind Roundtable's back, as a damaged or hand-edited file would be.
fn tamper(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    assert!(conn.execute(sql, []).unwrap() > 0, "{sql} changed nothing");
}

/// `r` is `Corrupt`, and its message names everything in `names`.
fn assert_corrupt<T: std::fmt::Debug>(r: Result<T, StoreError>, names: &[&str]) {
    match r {
        Err(StoreError::Corrupt(msg)) => {
            for n in names {
                assert!(msg.contains(n), "{msg:?} does not name {n:?}");
            }
        }
        other => panic!("expected Corrupt naming {names:?}, got {other:?}"),
    }
}

fn assert_refused<T: std::fmt::Debug>(r: Result<T, StoreError>, says: &str) {
    match r {
        Err(StoreError::Refused(msg)) => assert!(msg.contains(says), "{msg}"),
        other => panic!("expected Refused ({says}), got {other:?}"),
    }
}

#[test]
fn a_malformed_meeting_time_is_an_error_not_1970() {
    let f = fixture(false);
    tamper(&f.path, "UPDATE meeting SET scheduled_at = 'next Tuesday'");
    assert_corrupt(
        f.store.meeting(f.meeting),
        &["scheduled_at", "next Tuesday"],
    );
    assert_corrupt(f.store.planned_meetings(f.community), &["next Tuesday"]);
    assert_corrupt(
        f.store.meetings(f.community, &["planned"], false),
        &["next Tuesday"],
    );
}

#[test]
fn a_malformed_date_is_an_error_not_a_missing_one() {
    let f = fixture(false);
    tamper(&f.path, "UPDATE member SET joined_on = '31/12/2025'");
    assert_corrupt(f.store.members(f.community), &["joined_on", "31/12/2025"]);
}

#[test]
fn a_malformed_turn_time_fails_the_live_meeting_and_the_airtime() {
    let mut f = fixture(true);
    let order = f.members.clone();
    f.store
        .write(|tx| tx.start_round(f.meeting, &order, OrderStrategy::Roster, t0()))
        .unwrap();
    let later = t0() + Duration::seconds(30);
    f.store
        .write(|tx| tx.next_speaker(f.meeting, later))
        .unwrap();
    tamper(
        &f.path,
        "UPDATE speaking_turn SET started_at = 'soon' WHERE state = 'spoke'",
    );
    assert_corrupt(f.store.live_meeting(f.meeting), &["started_at", "soon"]);
    assert_corrupt(f.store.airtime_history(f.community), &["soon"]);
}

#[test]
fn a_malformed_heartbeat_is_not_read_as_downtime_since_1970() {
    let mut f = fixture(true);
    tamper(&f.path, "UPDATE meeting SET heartbeat_at = 'garbage'");
    let r = f.store.write(|tx| {
        tx.resume_after_downtime(f.meeting, t0() + Duration::hours(1), Duration::seconds(30))
    });
    assert_corrupt(r, &["garbage"]);
    let pauses = rusqlite::Connection::open(&f.path)
        .unwrap()
        .query_row("SELECT count(*) FROM meeting_pause", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap();
    assert_eq!(pauses, 0, "nothing was recorded");
}

#[test]
fn what_the_meeting_state_forbids_is_refused() {
    let mut f = fixture(false);
    let (m, ada) = (f.meeting, f.members[0]);
    assert_refused(f.store.write(|tx| tx.next_speaker(m, t0())), "not live");
    let here = [(ada, Attendance::Present)];
    f.store
        .write(|tx| tx.start_meeting(m, &here, t0()))
        .unwrap();
    assert_refused(
        f.store.write(|tx| tx.start_meeting(m, &here, t0())),
        "only a planned one can start",
    );
    assert_refused(
        f.store
            .write(|tx| tx.start_round(m, &[], OrderStrategy::Roster, t0())),
        "nobody is marked present",
    );
    assert_refused(
        f.store.write(|tx| tx.raise_hand(m, ada, t0())),
        "no round is running",
    );
    f.store
        .write(|tx| tx.start_round(m, &[ada], OrderStrategy::Roster, t0()))
        .unwrap();
    assert_refused(
        f.store.write(|tx| tx.raise_hand(m, ada, t0())),
        "they are speaking now",
    );
    assert_refused(
        f.store.write(|tx| tx.back_turn(m, t0())),
        "nobody has spoken yet",
    );
}

#[test]
fn a_second_live_meeting_in_a_community_is_refused() {
    let mut f = fixture(true);
    let info = MeetingInfo {
        title: "Cycle 2".into(),
        scheduled_at: t0() + Duration::days(7),
        planned_minutes: 60,
    };
    let c = f.community;
    let second = f
        .store
        .write(|tx| tx.create_meeting(c, &info, None, &[], t0()))
        .unwrap();
    assert_refused(
        f.store.write(|tx| tx.start_meeting(second, &[], t0())),
        "already live",
    );
}

#[test]
fn a_missing_meeting_is_not_found() {
    let mut f = fixture(false);
    let nowhere = MeetingId::new(f.meeting.get() + 100);
    for r in [
        f.store.write(|tx| tx.next_speaker(nowhere, t0())),
        f.store.write(|tx| tx.start_meeting(nowhere, &[], t0())),
    ] {
        assert!(matches!(r, Err(StoreError::NotFound(_))), "{r:?}");
    }
}
