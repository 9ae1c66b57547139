//! Field-by-field tests of the calendar writer.

use super::*;
use crate::domain::agenda::{AgendaItem, ItemInfo, ItemKind};
use crate::domain::meeting::{Meeting, MeetingStatus};
use crate::domain::{
    AgendaItemId, Cadence, CommunityId, CommunityInfo, IcebreakerId, MeetingId, MeetingMode,
};
use chrono::{NaiveDate, TimeZone};
use chrono_tz::Tz;

const PARIS: Tz = chrono_tz::Europe::Paris;

fn community(cadence: Option<&str>, place: &str) -> Community {
    Community {
        id: CommunityId::new(7),
        info: CommunityInfo {
            name: "Nurses' Journal Club".into(),
            purpose: "Read one paper, apply it on the ward".into(),
            cadence: cadence.map(|c| c.parse::<Cadence>().unwrap()),
            mode: MeetingMode::InPerson,
            place: place.into(),
            meeting_minutes: 90,
        },
        archived: false,
        leader: None,
    }
}

/// A UTC instant from a Paris wall-clock time.
fn paris(s: &str) -> DateTime<Utc> {
    let naive = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    PARIS
        .from_local_datetime(&naive)
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn item(kind: ItemKind, title: &str, minutes: u32) -> AgendaItem {
    AgendaItem {
        id: AgendaItemId::new(0),
        meeting_id: MeetingId::new(1),
        position: 0,
        info: ItemInfo {
            kind,
            title: title.into(),
            minutes,
            leader_notes: "secret leader note".into(),
            recurring: false,
        },
        icebreaker: None,
        turns: Default::default(),
    }
}

fn meeting(id: i64, title: &str, at: DateTime<Utc>, minutes: u32) -> PlannedMeeting {
    PlannedMeeting {
        meeting: Meeting {
            id: MeetingId::new(id),
            community_id: CommunityId::new(7),
            title: title.into(),
            scheduled_at: at,
            planned_minutes: minutes,
            status: MeetingStatus::Planned,
            template: None,
        },
        agenda: Vec::new(),
    }
}

fn write(c: &Community, meetings: &[PlannedMeeting], zone: Tz, now: DateTime<Utc>) -> String {
    write_calendar(
        &CalendarInput {
            community: c,
            meetings,
        },
        zone,
        now,
    )
}

/// Logical lines (folding undone).
fn lines(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The lines of each component called `name`, BEGIN and END excluded.
fn components(ics: &str, name: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for l in lines(ics) {
        if l == format!("BEGIN:{name}") {
            current = Some(Vec::new());
        } else if l == format!("END:{name}") {
            out.extend(current.take());
        } else if let Some(c) = current.as_mut() {
            c.push(l);
        }
    }
    out
}

/// The value of property `name` (with its parameters, e.g. `DTSTART;TZID=…`).
fn prop<'a>(event: &'a [String], name: &str) -> Option<&'a str> {
    event
        .iter()
        .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(':')))
}

fn all<'a>(event: &'a [String], name: &str) -> Vec<&'a str> {
    event
        .iter()
        .filter_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(':')))
        .collect()
}

fn by_uid(ics: &str, uid: &str) -> Vec<String> {
    components(ics, "VEVENT")
        .into_iter()
        .find(|e| prop(e, "UID") == Some(uid))
        .unwrap_or_else(|| panic!("no event {uid} in\n{ics}"))
}

#[test]
fn calendar_header_and_line_discipline() {
    let c = community(Some("weekly Tue 18:00"), "Room 4");
    let long = "A very long title, with commas; semicolons and a ünïcödé tail ".repeat(3);
    let ics = write(
        &c,
        &[meeting(1, &long, paris("2027-03-23 18:00"), 90)],
        PARIS,
        paris("2027-03-20 10:00"),
    );
    let raw_lines: Vec<&str> = ics.split_inclusive("\r\n").collect();
    assert!(
        raw_lines.iter().all(|l| l.ends_with("\r\n")),
        "every line ends in CRLF"
    );
    assert!(!ics.replace("\r\n", "").contains('\n'), "no bare LF");
    assert!(
        raw_lines.iter().all(|l| l.len() - 2 <= 75),
        "no line over 75 octets"
    );
    assert!(
        raw_lines.iter().any(|l| l.starts_with(' ')),
        "the long title was folded"
    );
    let l = lines(&ics);
    assert_eq!(l.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(l.last().map(String::as_str), Some("END:VCALENDAR"));
    for want in [
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Nurses' Journal Club",
        "X-WR-TIMEZONE:Europe/Paris",
    ] {
        assert!(l.iter().any(|x| x == want), "{want} missing");
    }
    assert!(l.iter().any(|x| x.starts_with("PRODID:-//Roundtable//")));
    for name in ["VCALENDAR", "VTIMEZONE", "VEVENT", "STANDARD", "DAYLIGHT"] {
        let begins = l.iter().filter(|x| **x == format!("BEGIN:{name}")).count();
        let ends = l.iter().filter(|x| **x == format!("END:{name}")).count();
        assert_eq!(begins, ends, "{name} balanced");
    }
    assert_eq!(
        components(&ics, "VEVENT").len(),
        2,
        "one meeting + the series"
    );
    let e = by_uid(&ics, "meeting-1-7@roundtable.local");
    assert_eq!(
        prop(&e, "SUMMARY").unwrap(),
        format!(
            "Nurses' Journal Club: {}",
            long.trim().replace(',', "\\,").replace(';', "\\;")
        )
    );
}

#[test]
fn meeting_times_carry_the_zone_on_both_sides_of_the_dst_change() {
    // Last Sunday of March 2027 is the 28th: Paris moves from +01:00 to +02:00.
    let c = community(None, "");
    let before = paris("2027-03-23 18:00");
    let after = paris("2027-03-30 18:00");
    assert_eq!(before.to_rfc3339(), "2027-03-23T17:00:00+00:00");
    assert_eq!(after.to_rfc3339(), "2027-03-30T16:00:00+00:00");
    let ms = [
        meeting(2, "After", after, 90),
        meeting(1, "Before", before, 90),
    ];
    let ics = write(&c, &ms, PARIS, paris("2027-03-01 09:00"));
    for (uid, day) in [
        ("meeting-1-7@roundtable.local", "20270323"),
        ("meeting-2-7@roundtable.local", "20270330"),
    ] {
        let e = by_uid(&ics, uid);
        assert_eq!(
            prop(&e, "DTSTART;TZID=Europe/Paris"),
            Some(format!("{day}T180000").as_str())
        );
        assert_eq!(
            prop(&e, "DTEND;TZID=Europe/Paris"),
            Some(format!("{day}T193000").as_str())
        );
        assert_eq!(prop(&e, "DTSTAMP"), Some("20270301T080000Z"));
        assert_eq!(prop(&e, "DTSTART"), None, "never a floating time");
    }
    // Soonest first, and no series without a cadence.
    let uids: Vec<String> = components(&ics, "VEVENT")
        .iter()
        .map(|e| prop(e, "UID").unwrap().to_string())
        .collect();
    assert_eq!(
        uids,
        [
            "meeting-1-7@roundtable.local",
            "meeting-2-7@roundtable.local"
        ]
    );
}

#[test]
fn series_stays_at_local_wall_clock_time_across_dst() {
    let c = community(Some("weekly Sun 18:00"), "");
    let ics = write(&c, &[], PARIS, paris("2027-03-25 12:00"));
    let s = by_uid(&ics, "series-7@roundtable.local");
    // The first slot is on the day the clocks change, still at 18:00 local.
    assert_eq!(
        prop(&s, "DTSTART;TZID=Europe/Paris"),
        Some("20270328T180000")
    );
    assert_eq!(prop(&s, "DTEND;TZID=Europe/Paris"), Some("20270328T193000"));
    assert_eq!(prop(&s, "RRULE"), Some("FREQ=WEEKLY;BYDAY=SU"));
    assert_eq!(prop(&s, "SUMMARY"), Some("Nurses' Journal Club"));
    assert_eq!(
        prop(&s, "DESCRIPTION"),
        Some("Read one paper\\, apply it on the ward\\n\\nMeets weekly Sun 18:00.")
    );
}

#[test]
fn rrule_and_first_slot_for_each_cadence_form() {
    // 2026-11-29 is a Sunday.
    let now = paris("2026-11-29 10:00");
    for (cadence, rrule, start) in [
        (
            "weekly Tue 18:00",
            "FREQ=WEEKLY;BYDAY=TU",
            "20261201T180000",
        ),
        (
            "every 2 weeks Thu 17:30",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
            "20261203T173000",
        ),
        (
            "monthly 1st Mon 19:00",
            "FREQ=MONTHLY;BYDAY=1MO",
            "20261207T190000",
        ),
        (
            "monthly last Fri 12:00",
            "FREQ=MONTHLY;BYDAY=-1FR",
            "20261225T120000",
        ),
    ] {
        let ics = write(&community(Some(cadence), ""), &[], PARIS, now);
        let s = by_uid(&ics, "series-7@roundtable.local");
        assert_eq!(prop(&s, "RRULE"), Some(rrule), "{cadence}");
        assert_eq!(
            prop(&s, "DTSTART;TZID=Europe/Paris"),
            Some(start),
            "{cadence}"
        );
        assert!(all(&s, "EXDATE;TZID=Europe/Paris").is_empty());
    }
}

#[test]
fn fortnightly_series_keeps_step_with_a_planned_meeting() {
    // Planned Thursday 10 Dec is in step; without it the series would start on 3 Dec.
    let c = community(Some("every 2 weeks Thu 17:30"), "");
    let m = meeting(1, "Session", paris("2026-12-10 17:30"), 90);
    let ics = write(&c, &[m], PARIS, paris("2026-11-29 10:00"));
    let s = by_uid(&ics, "series-7@roundtable.local");
    assert_eq!(
        prop(&s, "DTSTART;TZID=Europe/Paris"),
        Some("20261224T173000"),
        "the 10th itself is taken by the meeting: a fortnight later"
    );
    assert!(all(&s, "EXDATE;TZID=Europe/Paris").is_empty());
}

#[test]
fn planned_meetings_replace_the_series_slot_on_their_date() {
    let c = community(Some("weekly Tue 18:00"), "");
    let ms = [
        // Same date as a slot, later hour: the slot goes.
        meeting(1, "Moved later", paris("2027-03-23 19:00"), 60),
        // Across the DST change, at the slot's own time.
        meeting(2, "Regular", paris("2027-03-30 18:00"), 90),
        // A Wednesday: no slot that day, nothing excluded.
        meeting(3, "Extra", paris("2027-04-07 18:00"), 90),
    ];
    let ics = write(&c, &ms, PARIS, paris("2027-03-16 10:00"));
    let s = by_uid(&ics, "series-7@roundtable.local");
    assert_eq!(
        prop(&s, "DTSTART;TZID=Europe/Paris"),
        Some("20270316T180000")
    );
    assert_eq!(
        all(&s, "EXDATE;TZID=Europe/Paris"),
        ["20270323T180000", "20270330T180000"]
    );
}

#[test]
fn exdate_for_monthly_and_nothing_for_past_dates() {
    let c = community(Some("monthly last Fri 12:00"), "");
    let ms = [
        meeting(1, "Old", paris("2026-10-30 12:00"), 60),
        meeting(2, "December", paris("2026-12-25 12:00"), 60),
        meeting(3, "February", paris("2027-02-26 09:00"), 60),
    ];
    let ics = write(&c, &ms, PARIS, paris("2026-11-29 10:00"));
    let s = by_uid(&ics, "series-7@roundtable.local");
    // December's slot is taken, so the series starts in January.
    assert_eq!(
        prop(&s, "DTSTART;TZID=Europe/Paris"),
        Some("20270129T120000")
    );
    assert_eq!(all(&s, "EXDATE;TZID=Europe/Paris"), ["20270226T120000"]);
}

#[test]
fn vtimezone_for_paris_has_both_rules() {
    let ics = write(
        &community(Some("weekly Tue 18:00"), ""),
        &[],
        PARIS,
        paris("2027-01-10 10:00"),
    );
    let tzs = components(&ics, "VTIMEZONE");
    assert_eq!(tzs.len(), 1);
    assert_eq!(prop(&tzs[0], "TZID"), Some("Europe/Paris"));
    let day = components(&ics, "DAYLIGHT");
    let std = components(&ics, "STANDARD");
    assert_eq!(
        (day.len(), std.len()),
        (1, 1),
        "each rule written once, with an RRULE"
    );
    let (d, s) = (&day[0], &std[0]);
    assert_eq!(prop(d, "TZOFFSETFROM"), Some("+0100"));
    assert_eq!(prop(d, "TZOFFSETTO"), Some("+0200"));
    assert_eq!(prop(d, "TZNAME"), Some("CEST"));
    assert_eq!(prop(d, "RRULE"), Some("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"));
    // A year before the earliest time: the change of 28 March 2027 minus a year is
    // 2026-01-10, so the first DST onset in range is 29 March 2026, 02:00 local.
    assert_eq!(prop(d, "DTSTART"), Some("20260329T020000"));
    assert_eq!(prop(s, "TZOFFSETFROM"), Some("+0200"));
    assert_eq!(prop(s, "TZOFFSETTO"), Some("+0100"));
    assert_eq!(prop(s, "TZNAME"), Some("CET"));
    assert_eq!(prop(s, "RRULE"), Some("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"));
    assert_eq!(prop(s, "DTSTART"), Some("20261025T030000"));
}

#[test]
fn transitions_are_found_to_the_second() {
    let from = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2028, 1, 1, 0, 0, 0).unwrap();
    let t = tz::transitions(PARIS, from, to);
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].at, Utc.with_ymd_and_hms(2027, 3, 28, 1, 0, 0).unwrap());
    assert_eq!((t[0].from, t[0].to, t[0].daylight), (3600, 7200, true));
    assert_eq!(
        t[1].at,
        Utc.with_ymd_and_hms(2027, 10, 31, 1, 0, 0).unwrap()
    );
    assert_eq!((t[1].from, t[1].to, t[1].daylight), (7200, 3600, false));
    assert_eq!(t[1].local_onset().to_string(), "2027-10-31 03:00:00");
}

#[test]
fn vtimezone_for_other_hemispheres_and_rules() {
    let now = Utc.with_ymd_and_hms(2027, 1, 10, 10, 0, 0).unwrap();
    let c = community(Some("weekly Tue 18:00"), "");
    let ny = write(&c, &[], chrono_tz::America::New_York, now);
    let d = &components(&ny, "DAYLIGHT")[0];
    assert_eq!(prop(d, "RRULE"), Some("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"));
    assert_eq!(
        (prop(d, "TZOFFSETFROM"), prop(d, "TZOFFSETTO")),
        (Some("-0500"), Some("-0400"))
    );
    assert_eq!(prop(d, "TZNAME"), Some("EDT"));
    let s = &components(&ny, "STANDARD")[0];
    assert_eq!(prop(s, "RRULE"), Some("FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"));
    let syd = write(&c, &[], chrono_tz::Australia::Sydney, now);
    let d = &components(&syd, "DAYLIGHT")[0];
    assert_eq!(prop(d, "RRULE"), Some("FREQ=YEARLY;BYMONTH=10;BYDAY=1SU"));
    assert_eq!(
        (prop(d, "TZOFFSETFROM"), prop(d, "TZOFFSETTO")),
        (Some("+1000"), Some("+1100"))
    );
}

#[test]
fn zone_without_dst_gets_one_standard_observance() {
    let now = Utc.with_ymd_and_hms(2027, 1, 10, 10, 0, 0).unwrap();
    let ics = write(
        &community(Some("weekly Tue 18:00"), ""),
        &[],
        chrono_tz::Asia::Kolkata,
        now,
    );
    assert!(components(&ics, "DAYLIGHT").is_empty());
    let std = components(&ics, "STANDARD");
    assert_eq!(std.len(), 1);
    assert_eq!(prop(&std[0], "TZOFFSETFROM"), Some("+0530"));
    assert_eq!(prop(&std[0], "TZOFFSETTO"), Some("+0530"));
    assert_eq!(prop(&std[0], "TZNAME"), Some("IST"));
    let s = by_uid(&ics, "series-7@roundtable.local");
    assert_eq!(
        prop(&s, "DTSTART;TZID=Asia/Kolkata"),
        Some("20270112T180000")
    );
}

#[test]
fn utc_zone_writes_utc_times_and_no_vtimezone() {
    let c = community(Some("weekly Tue 18:00"), "");
    let at = Utc.with_ymd_and_hms(2027, 1, 12, 18, 0, 0).unwrap();
    let now = Utc.with_ymd_and_hms(2027, 1, 10, 10, 0, 0).unwrap();
    let ics = write(&c, &[meeting(1, "M", at, 45)], Tz::UTC, now);
    assert!(!ics.contains("VTIMEZONE") && !ics.contains("TZID"));
    let e = by_uid(&ics, "meeting-1-7@roundtable.local");
    assert_eq!(prop(&e, "DTSTART"), Some("20270112T180000Z"));
    assert_eq!(prop(&e, "DTEND"), Some("20270112T184500Z"));
    let s = by_uid(&ics, "series-7@roundtable.local");
    assert_eq!(
        prop(&s, "DTSTART"),
        Some("20270119T180000Z"),
        "the 12th is taken"
    );
    assert!(all(&s, "EXDATE").is_empty());
    let later = at + Duration::days(14);
    let ics = write(&c, &[meeting(1, "M", later, 45)], Tz::UTC, now);
    let s = by_uid(&ics, "series-7@roundtable.local");
    assert_eq!(prop(&s, "DTSTART"), Some("20270112T180000Z"));
    assert_eq!(all(&s, "EXDATE"), ["20270126T180000Z"]);
}

#[test]
fn uids_are_stable_and_unique() {
    let c = community(Some("weekly Tue 18:00"), "");
    let ms = [
        meeting(1, "A", paris("2027-03-23 18:00"), 90),
        meeting(2, "B", paris("2027-03-30 18:00"), 90),
    ];
    let uids = |ics: &str| -> Vec<String> {
        components(ics, "VEVENT")
            .iter()
            .map(|e| prop(e, "UID").unwrap().to_string())
            .collect()
    };
    let first = uids(&write(&c, &ms, PARIS, paris("2027-03-01 09:00")));
    let later = uids(&write(&c, &ms, PARIS, paris("2027-03-10 09:00")));
    assert_eq!(first, later);
    assert_eq!(
        first,
        [
            "series-7@roundtable.local",
            "meeting-1-7@roundtable.local",
            "meeting-2-7@roundtable.local"
        ]
    );
}

#[test]
fn place_becomes_location_and_a_link_also_url() {
    let now = paris("2027-03-01 09:00");
    let link = write(
        &community(
            Some("weekly Tue 18:00"),
            "https://meet.example.org/abc?x=1,2",
        ),
        &[],
        PARIS,
        now,
    );
    let s = by_uid(&link, "series-7@roundtable.local");
    assert_eq!(
        prop(&s, "URL"),
        Some("https://meet.example.org/abc?x=1,2"),
        "a URI is not TEXT-escaped"
    );
    assert_eq!(
        prop(&s, "LOCATION"),
        Some("https://meet.example.org/abc?x=1\\,2")
    );
    let hybrid = write(
        &community(
            Some("weekly Tue 18:00"),
            "Room 4; or HTTPS://Zoom.example/j/1.",
        ),
        &[],
        PARIS,
        now,
    );
    let s = by_uid(&hybrid, "series-7@roundtable.local");
    assert_eq!(prop(&s, "URL"), Some("HTTPS://Zoom.example/j/1"));
    assert_eq!(
        prop(&s, "LOCATION"),
        Some("Room 4\\; or HTTPS://Zoom.example/j/1.")
    );
    let room = write(
        &community(Some("weekly Tue 18:00"), "Room 4, Library"),
        &[],
        PARIS,
        now,
    );
    let s = by_uid(&room, "series-7@roundtable.local");
    assert_eq!(prop(&s, "URL"), None);
    assert_eq!(prop(&s, "LOCATION"), Some("Room 4\\, Library"));
    let nowhere = write(&community(Some("weekly Tue 18:00"), "  "), &[], PARIS, now);
    assert_eq!(
        prop(&by_uid(&nowhere, "series-7@roundtable.local"), "LOCATION"),
        None
    );
}

#[test]
fn description_lists_the_agenda_with_clock_times() {
    let mut m = meeting(1, "Session 4", paris("2027-03-23 18:00"), 60);
    let mut ice = item(ItemKind::Icebreaker, "Warm-up", 10);
    ice.icebreaker = Some((IcebreakerId::new(3), "Two truths, one lie".into()));
    m.agenda = vec![
        ice,
        item(ItemKind::RoundRobin, "What did you try?", 25),
        item(ItemKind::Decision, "Next paper", 30),
    ];
    let ics = write(&community(None, ""), &[m], PARIS, paris("2027-03-01 09:00"));
    let e = by_uid(&ics, "meeting-1-7@roundtable.local");
    let d = prop(&e, "DESCRIPTION").unwrap();
    let expected = [
        "Agenda (60 min):",
        "18:00 (+0 min) · 10 min · icebreaker · Warm-up — Two truths\\, one lie",
        "18:10 (+10 min) · 25 min · round-robin · What did you try?",
        "18:35 (+35 min) · 30 min · decision / consent · Next paper",
        "The agenda runs 5 min over the planned 60 min.",
    ]
    .join("\\n");
    assert_eq!(d, expected);
    assert!(
        !ics.contains("secret leader note"),
        "leader notes stay private"
    );
    assert_eq!(prop(&e, "SUMMARY"), Some("Nurses' Journal Club: Session 4"));
}

#[test]
fn agenda_clock_times_follow_a_dst_change_inside_the_meeting() {
    // A night meeting in New York across the fall-back hour (2027-11-07 02:00 → 01:00).
    let ny = chrono_tz::America::New_York;
    let start = ny
        .with_ymd_and_hms(2027, 11, 7, 0, 30, 0)
        .unwrap()
        .with_timezone(&Utc);
    let mut m = meeting(1, "Night owls", start, 120);
    m.agenda = vec![
        item(ItemKind::OpenDiscussion, "Talk", 60),
        item(ItemKind::CheckOut, "Bye", 60),
    ];
    let ics = write(&community(None, ""), &[m], ny, start);
    let e = by_uid(&ics, "meeting-1-7@roundtable.local");
    assert_eq!(
        prop(&e, "DTSTART;TZID=America/New_York"),
        Some("20271107T003000")
    );
    assert_eq!(
        prop(&e, "DTEND;TZID=America/New_York"),
        Some("20271107T013000"),
        "two real hours"
    );
    assert!(
        prop(&e, "DESCRIPTION")
            .unwrap()
            .contains("\\n01:30 (+60 min) · 60 min · check-out · Bye")
    );
}

#[test]
fn summary_does_not_repeat_the_community() {
    let c = community(None, "");
    let ms = [
        meeting(1, "Nurses' journal club #4", paris("2027-03-23 18:00"), 90),
        meeting(2, "  ", paris("2027-03-30 18:00"), 90),
    ];
    let ics = write(&c, &ms, PARIS, paris("2027-03-01 09:00"));
    assert_eq!(
        prop(&by_uid(&ics, "meeting-1-7@roundtable.local"), "SUMMARY"),
        Some("Nurses' journal club #4")
    );
    assert_eq!(
        prop(&by_uid(&ics, "meeting-2-7@roundtable.local"), "SUMMARY"),
        Some("Nurses' Journal Club")
    );
    assert_eq!(
        prop(&by_uid(&ics, "meeting-2-7@roundtable.local"), "DESCRIPTION"),
        Some("90 min. No agenda yet.")
    );
}

#[test]
fn zone_resolution_prefers_a_tz_name_then_the_system() {
    let paris = Some(PARIS);
    assert_eq!(tz::resolve(Some("Europe/Paris"), None), paris);
    assert_eq!(
        tz::resolve(Some(":Europe/Paris"), Some("Asia/Tokyo")),
        paris
    );
    assert_eq!(
        tz::resolve(Some("/usr/share/zoneinfo/Europe/Paris"), None),
        paris
    );
    assert_eq!(
        tz::resolve(Some("CET-1CEST,M3.5.0,M10.5.0/3"), Some("Europe/Paris")),
        paris
    );
    assert_eq!(tz::resolve(None, Some("Europe/Paris")), paris);
    assert_eq!(tz::resolve(Some(""), Some("Nowhere/Special")), None);
    assert_eq!(tz::resolve(None, None), None);
}

#[test]
fn local_times_in_a_gap_or_overlap_resolve_sensibly() {
    let gap = NaiveDate::from_ymd_opt(2027, 3, 28)
        .unwrap()
        .and_hms_opt(2, 30, 0)
        .unwrap();
    assert_eq!(
        tz::instant(PARIS, gap),
        Utc.with_ymd_and_hms(2027, 3, 28, 1, 30, 0).unwrap()
    );
    let twice = NaiveDate::from_ymd_opt(2027, 10, 31)
        .unwrap()
        .and_hms_opt(2, 30, 0)
        .unwrap();
    assert_eq!(
        tz::instant(PARIS, twice),
        Utc.with_ymd_and_hms(2027, 10, 31, 0, 30, 0).unwrap()
    );
}

#[test]
fn utc_offsets_are_formatted_per_rfc() {
    assert_eq!(tz::utc_offset(0), "+0000");
    assert_eq!(tz::utc_offset(-5 * 3600), "-0500");
    assert_eq!(tz::utc_offset(5 * 3600 + 1800), "+0530");
    assert_eq!(tz::utc_offset(-(9 * 3600 + 21 * 60 + 1)), "-092101");
}
