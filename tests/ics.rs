//! `roundtable export ics`: the calendar read back by an independent iCalendar parser
//! (the `icalendar` crate, with its RRULE expansion), and the real binary end to end.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Paris;
use icalendar::{
    Calendar, CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, Event, EventLike,
};
use roundtable::domain::agenda::{AgendaItem, ItemInfo, ItemKind};
use roundtable::domain::meeting::{Meeting, MeetingInfo, MeetingStatus};
use roundtable::domain::{
    AgendaItemId, Community, CommunityId, CommunityInfo, MeetingId, MeetingMode,
};
use roundtable::ics::{CalendarInput, PlannedMeeting, write_calendar};
use roundtable::store::Store;
use std::path::Path;
use std::process::{Command, Output};

fn info(place: &str) -> CommunityInfo {
    CommunityInfo {
        name: "Nurses' Journal Club".into(),
        purpose: "Read one paper, apply it on the ward".into(),
        cadence: Some("weekly Tue 18:00".parse().unwrap()),
        mode: MeetingMode::Hybrid,
        place: place.into(),
        meeting_minutes: 90,
    }
}

fn paris(s: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    Paris
        .from_local_datetime(&naive)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn events(cal: &Calendar) -> Vec<&Event> {
    cal.components
        .iter()
        .filter_map(CalendarComponent::as_event)
        .collect()
}

fn by_uid<'a>(cal: &'a Calendar, uid: &str) -> &'a Event {
    events(cal)
        .into_iter()
        .find(|e| e.get_uid() == Some(uid))
        .unwrap_or_else(|| panic!("no event {uid}"))
}

fn in_paris(s: &str) -> Option<DatePerhapsTime> {
    Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone {
        date_time: NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap(),
        tzid: "Europe/Paris".into(),
    }))
}

#[test]
fn a_standard_parser_reads_back_times_summary_rule_and_location() {
    let community = Community {
        id: CommunityId::new(3),
        info: info("Library, room 2 https://meet.example.org/jc"),
        archived: false,
        leader: None,
    };
    let item = |kind, title: &str, minutes| AgendaItem {
        id: AgendaItemId::new(1),
        meeting_id: MeetingId::new(11),
        position: 1,
        info: ItemInfo {
            kind,
            title: title.into(),
            minutes,
            leader_notes: String::new(),
            recurring: false,
        },
        icebreaker: None,
        turns: Default::default(),
    };
    let meeting = PlannedMeeting {
        meeting: Meeting {
            id: MeetingId::new(11),
            community_id: CommunityId::new(3),
            title: "Session 4; the RCT, revisited".into(),
            scheduled_at: paris("2027-03-30 19:00"),
            planned_minutes: 60,
            status: MeetingStatus::Planned,
            template: None,
        },
        agenda: vec![
            item(ItemKind::CheckOut, "Check-in", 10),
            item(ItemKind::OpenDiscussion, "The paper", 50),
        ],
    };
    let now = paris("2027-03-20 10:00");
    let text = write_calendar(
        &CalendarInput {
            community: &community,
            meetings: std::slice::from_ref(&meeting),
        },
        Paris,
        now,
    );
    let cal: Calendar = text.parse().expect("the icalendar crate parses the output");
    assert_eq!(events(&cal).len(), 2);

    let m = by_uid(&cal, "meeting-11-3@roundtable.local");
    assert_eq!(m.get_start(), in_paris("2027-03-30 19:00"));
    assert_eq!(m.get_end(), in_paris("2027-03-30 20:00"));
    assert_eq!(
        m.get_summary(),
        Some("Nurses' Journal Club: Session 4; the RCT, revisited"),
        "escaping is undone by a reader"
    );
    assert_eq!(
        m.get_location(),
        Some("Library, room 2 https://meet.example.org/jc")
    );
    assert_eq!(m.get_url(), Some("https://meet.example.org/jc"));
    assert_eq!(m.get_timestamp(), Some(now));
    let d = m.get_description().unwrap();
    assert_eq!(
        d.lines().collect::<Vec<_>>(),
        [
            "Agenda (60 min):",
            "19:00 (+0 min) · 10 min · check-out · Check-in",
            "19:10 (+10 min) · 50 min · open discussion · The paper",
        ]
    );

    let s = by_uid(&cal, "series-3@roundtable.local");
    assert_eq!(s.get_summary(), Some("Nurses' Journal Club"));
    assert_eq!(s.property_value("RRULE"), Some("FREQ=WEEKLY;BYDAY=TU"));
    assert_eq!(s.get_start(), in_paris("2027-03-23 18:00"));
    assert_eq!(s.get_end(), in_paris("2027-03-23 19:30"));
    assert_eq!(
        s.get_location(),
        Some("Library, room 2 https://meet.example.org/jc")
    );
    // Expanding the rule: 18:00 in Paris before and after the change to summer time on
    // 28 March (17:00 UTC, then 16:00 UTC), and no slot on the 30th, which the planned
    // meeting takes.
    let slots: Vec<DateTime<Utc>> = s
        .get_recurrence()
        .expect("a valid recurrence set")
        .all(4)
        .dates
        .iter()
        .map(|t| t.with_timezone(&Utc))
        .collect();
    assert_eq!(
        slots,
        [
            paris("2027-03-23 18:00"),
            paris("2027-04-06 18:00"),
            paris("2027-04-13 18:00"),
            paris("2027-04-20 18:00"),
        ]
    );
    assert_eq!(slots[0].to_rfc3339(), "2027-03-23T17:00:00+00:00");
    assert_eq!(slots[1].to_rfc3339(), "2027-04-06T16:00:00+00:00");
    // The time zone definition is there for the TZID.
    assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"));
}

fn roundtable(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_roundtable"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("TZ", "Europe/Paris")
        .env_remove("ROUNDTABLE_DB")
        .output()
        .expect("the binary runs")
}

/// The Tuesday at least a week after today, in Paris.
fn a_coming_tuesday() -> NaiveDate {
    let mut d = Utc::now().with_timezone(&Paris).date_naive() + Duration::days(8);
    while d.weekday() != Weekday::Tue {
        d += Duration::days(1);
    }
    d
}

#[test]
fn export_ics_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rt.db");
    let day = a_coming_tuesday();
    let start = Paris
        .from_local_datetime(&day.and_hms_opt(18, 30, 0).unwrap())
        .single()
        .unwrap()
        .with_timezone(&Utc);
    let meeting_id;
    let community_id;
    {
        let mut store = Store::open(&db).unwrap();
        community_id = store
            .write(|tx| tx.insert_community(&info("Room 4"), Utc::now()))
            .unwrap();
        let items = [ItemInfo {
            kind: ItemKind::RoundRobin,
            title: "What did you try, and what happened?".into(),
            minutes: 30,
            leader_notes: String::new(),
            recurring: false,
        }];
        meeting_id = store
            .write(|tx| {
                tx.create_meeting(
                    community_id,
                    &MeetingInfo {
                        title: "Session 1".into(),
                        scheduled_at: start,
                        planned_minutes: 45,
                    },
                    None,
                    &items,
                    Utc::now(),
                )
            })
            .unwrap();
    }
    let out = dir.path().join("club.ics");
    let run = roundtable(
        &db,
        &[
            "export",
            "ics",
            "--community",
            "nurses' journal club",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty(), "the calendar went to the file");
    let raw = std::fs::read_to_string(&out).unwrap();
    assert!(
        raw.split("\r\n").all(|l| l.len() <= 75),
        "folded at 75 octets"
    );
    let text = raw.replace("\r\n ", "");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let stamp = day.format("%Y%m%d");
    assert!(text.contains(&format!(
        "UID:meeting-{meeting_id}-{community_id}@roundtable.local\r\n"
    )));
    assert!(text.contains(&format!("DTSTART;TZID=Europe/Paris:{stamp}T183000\r\n")));
    assert!(text.contains(&format!("DTEND;TZID=Europe/Paris:{stamp}T191500\r\n")));
    assert!(text.contains("SUMMARY:Nurses' Journal Club: Session 1\r\n"));
    assert!(text.contains(
        "18:30 (+0 min) · 30 min · round-robin · What did you try\\, and what happened?"
    ));
    assert!(text.contains("RRULE:FREQ=WEEKLY;BYDAY=TU\r\n"));
    assert!(text.contains(&format!("EXDATE;TZID=Europe/Paris:{stamp}T180000\r\n")));
    assert!(text.contains("LOCATION:Room 4\r\n"));
    let cal: Calendar = raw.parse().unwrap();
    assert_eq!(events(&cal).len(), 2);

    // Without --out the same calendar goes to standard output.
    let run = roundtable(
        &db,
        &["export", "ics", "--community", "Nurses' Journal Club"],
    );
    assert!(run.status.success());
    let stdout = String::from_utf8(run.stdout).unwrap().replace("\r\n ", "");
    assert!(stdout.contains(&format!("DTSTART;TZID=Europe/Paris:{stamp}T183000\r\n")));
}

#[test]
fn unknown_community_is_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rt.db");
    drop(Store::open(&db).unwrap());
    let out = dir.path().join("none.ics");
    let run = roundtable(
        &db,
        &[
            "export",
            "ics",
            "--community",
            "Nope",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8(run.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no community called 'Nope'"), "{err}");
    assert!(run.stdout.is_empty());
    assert!(!out.exists(), "no file for a failed export");
}
