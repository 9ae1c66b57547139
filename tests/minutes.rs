//! `export minutes` through the real binary, on a meeting run through the public store
//! API with exact timestamps, so every duration in the minutes is known.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use pulldown_cmark::{Event, Options, Parser, Tag};
use roundtable::domain::live::Attendance;
use roundtable::domain::meeting::MeetingInfo;
use roundtable::domain::note::NoteKind;
use roundtable::domain::rounds::OrderStrategy;
use roundtable::domain::{
    ActionInfo, ActionVerdict, AgendaItemId, CommunityInfo, MeetingId, MeetingMode, Profile,
};
use roundtable::store::Store;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_roundtable");

/// 17:30:00 UTC on 5 March 2026, plus minutes and seconds.
fn at(min: i64, sec: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 5, 17, 30, 0).unwrap() + Duration::seconds(min * 60 + sec)
}

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("HOME", db.parent().unwrap())
        .env("XDG_DATA_HOME", db.parent().unwrap())
        .env("TZ", "UTC")
        .output()
        .unwrap()
}

#[track_caller]
fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[track_caller]
fn refused(out: &Output) -> String {
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty());
    assert!(
        err.starts_with("roundtable: ") && err.lines().count() == 1,
        "{err:?}"
    );
    err
}

fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["export", "minutes", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(&run(db, &all))).unwrap()
}

fn community(name: &str) -> CommunityInfo {
    CommunityInfo {
        name: name.into(),
        purpose: String::new(),
        cadence: None,
        mode: MeetingMode::InPerson,
        place: String::new(),
        meeting_minutes: 90,
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
    store: Store,
    meeting: MeetingId,
    items: Vec<AgendaItemId>,
    planned: MeetingId,
}

/// A meeting run up to 17:50 (on its third item), and a planned one after it.
fn meeting_in_progress() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut s = Store::open(&db).unwrap();
    let c = s
        .write(|tx| tx.insert_community(&community("Ward 7"), at(-60, 0)))
        .unwrap();
    let person = |name: &str| Profile {
        name: name.into(),
        ..Profile::default()
    };
    let [amara, fiona, lan, joseph] = ["Amara", "Fiona", "Lan", "Joseph"].map(|n| {
        s.write(|tx| tx.insert_member(c, &person(n), at(-60, 0)))
            .unwrap()
    });
    // An action from the cycle before, so the template plans its action review.
    let poster = ActionInfo {
        title: "Print the SSKIN poster".into(),
        owner: Some(fiona),
        due: NaiveDate::from_ymd_opt(2026, 3, 1),
        goal: None,
    };
    let poster = s
        .write(|tx| tx.insert_action(c, &poster, None, at(-60, 0)))
        .unwrap();
    let t = s.template("Learning cycle meeting").unwrap();
    let info = MeetingInfo {
        title: "Cycle 4 | SSKIN".into(),
        scheduled_at: at(0, 0),
        planned_minutes: t.minutes,
    };
    let m = s
        .write(|tx| tx.create_meeting(c, &info, Some(&t.name), &t.items, at(-60, 0)))
        .unwrap();
    let items: Vec<AgendaItemId> = s.agenda(m).unwrap().iter().map(|i| i.id).collect();
    let later = MeetingInfo {
        scheduled_at: at(14 * 24 * 60, 0),
        ..info.clone()
    };
    let planned = s
        .write(|tx| tx.create_meeting(c, &later, Some(&t.name), &t.items, at(-60, 0)))
        .unwrap();

    use Attendance::*;
    let roll = [
        (amara, Present),
        (fiona, Present),
        (lan, Late),
        (joseph, Absent),
    ];
    s.write(|tx| tx.start_meeting(m, &roll, at(0, 0))).unwrap();
    s.write(|tx| tx.start_round(m, &[amara, fiona, lan], OrderStrategy::Roster, at(1, 0)))
        .unwrap();
    s.write(|tx| tx.next_speaker(m, at(3, 0))).unwrap(); // Amara spoke 2:00
    s.write(|tx| tx.pass_turn(m, at(3, 10))).unwrap(); // Fiona passes after 10 s, offered again later
    s.write(|tx| tx.raise_hand(m, amara, at(4, 0))).unwrap();
    s.write(|tx| {
        tx.add_note(
            m,
            Some(lan),
            NoteKind::Idea,
            "Use the huddle board",
            None,
            at(4, 30),
        )
    })
    .unwrap();
    s.write(|tx| tx.next_speaker(m, at(5, 10))).unwrap(); // Lan spoke 2:00; Amara's hand is next
    s.write(|tx| tx.set_paused(m, true, at(6, 10))).unwrap();
    s.write(|tx| tx.set_paused(m, false, at(8, 10))).unwrap();
    s.write(|tx| tx.next_speaker(m, at(9, 10))).unwrap(); // Amara: 4:00 less the 2:00 pause
    s.write(|tx| tx.next_speaker(m, at(10, 10))).unwrap(); // Fiona's second offer: 1:00
    s.write(|tx| tx.go_to_item(m, items[1], at(11, 0))).unwrap();
    s.write(|tx| {
        tx.follow_up_action(
            poster,
            ActionVerdict::Partly,
            "Ward A only",
            "",
            Some(m),
            false,
            at(11, 30),
        )
    })
    .unwrap();
    s.write(|tx| {
        tx.add_note(
            m,
            None,
            NoteKind::Question,
            "Who orders the cards?",
            None,
            at(12, 0),
        )
    })
    .unwrap();
    let due = NaiveDate::from_ymd_opt(2026, 3, 19).unwrap();
    s.write(|tx| {
        tx.add_note(
            m,
            Some(amara),
            NoteKind::Action,
            "Order SSKIN cards\nA5, laminated",
            Some((Some(fiona), Some(due))),
            at(13, 0),
        )
    })
    .unwrap();
    s.write(|tx| {
        tx.record_consent(
            m,
            "Adopt SSKIN on every shift",
            &[(amara, 5), (fiona, 4), (lan, 2)],
            None,
            at(15, 0),
        )
    })
    .unwrap();
    s.write(|tx| {
        tx.add_note(
            m,
            None,
            NoteKind::Problem,
            "# Night staff miss the huddle | *again*",
            None,
            at(16, 0),
        )
    })
    .unwrap();
    s.write(|tx| tx.go_to_item(m, items[2], at(20, 0))).unwrap();
    Fixture {
        _dir: dir,
        db,
        store: s,
        meeting: m,
        items,
        planned,
    }
}

#[test]
fn minutes_of_a_finished_meeting_as_json() {
    let mut f = meeting_in_progress();
    f.store
        .write(|tx| tx.end_meeting(f.meeting, at(30, 0)))
        .unwrap();
    let id = f.meeting.to_string();
    let v = json(&f.db, &["--meeting", &id]);

    assert_eq!(v["title"], "Cycle 4 | SSKIN");
    assert_eq!(v["community"], "Ward 7");
    assert_eq!(v["status"], "ended");
    assert_eq!(v["planned_minutes"], 90);
    assert_eq!(
        v["actual_seconds"],
        28 * 60,
        "30 minutes less the 2-minute pause"
    );
    assert_eq!(v["paused_seconds"], 120);
    assert_eq!(v["started_at"], "2026-03-05T17:30:00Z");

    let agenda = v["agenda"].as_array().unwrap();
    assert_eq!(agenda.len(), 6, "the template's six items");
    let planned: Vec<i64> = agenda
        .iter()
        .map(|i| i["planned_minutes"].as_i64().unwrap())
        .collect();
    assert_eq!(planned, [10, 15, 25, 20, 12, 8]);
    let actual: Vec<i64> = agenda
        .iter()
        .map(|i| i["actual_seconds"].as_i64().unwrap())
        .collect();
    assert_eq!(actual, [540, 540, 600, 0, 0, 0]);
    let status: Vec<&str> = agenda
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        status,
        [
            "done",
            "done",
            "done",
            "not reached",
            "not reached",
            "not reached"
        ]
    );

    let turns: Vec<(&str, &str, i64)> = agenda[0]["turns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["speaker"].as_str().unwrap(),
                t["state"].as_str().unwrap(),
                t["seconds"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        turns,
        [
            ("Amara", "spoke", 120),
            ("Fiona", "passed", 10),
            ("Lan", "spoke", 120),
            ("Amara", "spoke", 120),
            ("Fiona", "spoke", 60),
        ],
        "the raised hand went before Fiona's second offer"
    );
    let updates = v["action_updates"].as_array().unwrap();
    assert_eq!(updates.len(), 1, "{updates:?}");
    assert_eq!(updates[0]["title"], "Print the SSKIN poster");
    assert_eq!(updates[0]["owner"], "Fiona");
    assert_eq!(updates[0]["verdict"], "partly");
    assert_eq!(updates[0]["note"], "Ward A only");
    assert_eq!(updates[0]["in_reflection"], false);
    assert_eq!(agenda[0]["notes"][0]["kind"], "idea");
    assert_eq!(agenda[0]["notes"][0]["speaker"], "Lan");
    assert_eq!(
        agenda[1]["notes"][0]["speaker"],
        Value::Null,
        "about the group"
    );

    let att = &v["attendance"];
    assert_eq!(att["present"], serde_json::json!(["Amara", "Fiona"]));
    assert_eq!(att["late"], serde_json::json!(["Lan"]));
    assert_eq!(att["absent"], serde_json::json!(["Joseph"]));

    let d = &v["decisions"][0];
    assert_eq!(d["topic"], "Adopt SSKIN on every shift");
    assert_eq!(d["consensus"], true);
    assert!(
        d["verdict"]
            .as_str()
            .unwrap()
            .starts_with("consensus, with concerns")
    );
    assert_eq!(
        d["votes"][2],
        serde_json::json!({"member": "Lan", "score": 2})
    );
    assert_eq!(v["decisions"].as_array().unwrap().len(), 1);

    let a = &v["actions"][0];
    assert_eq!(a["title"], "Order SSKIN cards");
    assert_eq!(a["owner"], "Fiona");
    assert_eq!(a["due"], "2026-03-19");
    assert_eq!(a["item"], "Action review");

    let air = v["airtime"]["rows"].as_array().unwrap();
    let row = |n: &str| air.iter().find(|r| r["member"] == n).unwrap();
    assert_eq!(air.len(), 3, "the three in the room");
    assert_eq!(
        (
            row("Amara")["seconds"].as_i64(),
            row("Amara")["turns"].as_i64()
        ),
        (Some(240), Some(2))
    );
    assert_eq!(row("Fiona")["seconds"], 60, "the pass is not airtime");
    assert_eq!(row("Lan")["seconds"], 120);
    assert_eq!(v["airtime"]["total_seconds"], 420);
    assert_eq!(row("Amara")["share_percent"], 57.1);
    assert_eq!(v["airtime"]["fair_share_percent"], 33.3);

    let counts: Vec<(String, i64)> = v["note_counts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["count"].as_i64() != Some(0))
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["count"].as_i64().unwrap(),
            )
        })
        .collect();
    let counts: Vec<(&str, i64)> = counts.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    assert_eq!(
        counts,
        [
            ("idea", 1),
            ("question", 1),
            ("problem", 1),
            ("decision", 1),
            ("action", 1)
        ]
    );
}

#[test]
fn minutes_as_markdown_have_tables_and_keep_user_text_inert() {
    let mut f = meeting_in_progress();
    f.store
        .write(|tx| tx.end_meeting(f.meeting, at(30, 0)))
        .unwrap();
    let id = f.meeting.to_string();
    let out = f.db.with_file_name("minutes.md");
    ok(&run(
        &f.db,
        &[
            "export",
            "minutes",
            "--meeting",
            &id,
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let md = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        md,
        ok(&run(
            &f.db,
            &["export", "minutes", "--meeting", &id, "--format", "md"]
        ))
    );
    assert!(md.starts_with("# Minutes: Cycle 4 \\| SSKIN\n"), "{md}");
    if std::env::var_os("SHOW_MINUTES").is_some() {
        eprintln!("{md}");
    }

    let mut headings = Vec::new();
    let mut tables = Vec::new();
    let mut text = String::new();
    let mut in_heading = false;
    for e in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match e {
            Event::Start(Tag::Heading { level, .. }) => {
                in_heading = true;
                headings.push((level as u8, String::new()));
            }
            Event::End(pulldown_cmark::TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::Table(cols)) => tables.push(cols.len()),
            Event::Text(t) if in_heading => headings.last_mut().unwrap().1.push_str(&t),
            Event::Text(t) => text.push_str(&t),
            _ => {}
        }
    }
    let h2: Vec<&str> = headings
        .iter()
        .filter(|h| h.0 == 2)
        .map(|h| h.1.as_str())
        .collect();
    assert_eq!(
        h2,
        [
            "Attendance",
            "Agenda",
            "Decisions",
            "Actions",
            "Airtime",
            "Notes by kind"
        ]
    );
    assert_eq!(headings[0].1, "Minutes: Cycle 4 | SSKIN");
    assert_eq!(
        headings.iter().filter(|h| h.0 == 3).count(),
        6,
        "one section per item"
    );
    // Agenda, the icebreaker's turns, actions, airtime, note counts.
    assert_eq!(tables, [5, 5, 4, 5, 2]);
    assert!(
        text.contains("# Night staff miss the huddle | *again*"),
        "{text}"
    );
    assert!(md.contains("| Order SSKIN cards | Fiona | 2026-03-19 | Action review |"));
    // The action followed up in the review, after the new ones.
    assert!(
        md.contains("**Followed up (1):**\n\n- Print the SSKIN poster (Fiona) — ◐ partly done: Ward A only\n"),
        "{md}"
    );
    assert!(
        md.contains("| 1 | Icebreaker | 10 min | 9:00 | done |"),
        "{md}"
    );
}

#[test]
fn last_works_mid_meeting_while_the_store_is_open() {
    let f = meeting_in_progress();
    // The meeting is live and the writer still has the file open.
    let v = json(&f.db, &["--last"]);
    assert_eq!(v["meeting_id"], f.meeting.get());
    assert_eq!(v["status"], "in progress");
    assert_eq!(v["ended_at"], Value::Null);
    assert_eq!(v["agenda"][2]["status"], "current");
    assert_eq!(v["agenda"][0]["actual_seconds"], 540);
    assert_eq!(v["agenda"][1]["actual_seconds"], 540);
    let md = ok(&run(
        &f.db,
        &["export", "minutes", "--last", "--community", "ward 7"],
    ));
    assert!(md.contains("**Status:** in progress (as of"), "{md}");
    assert_eq!(f.items.len(), 6);
}

#[test]
fn unknown_planned_and_ambiguous_meetings_are_refused() {
    let mut f = meeting_in_progress();
    let err = refused(&run(&f.db, &["export", "minutes", "--meeting", "999"]));
    assert!(err.contains("no meeting with id 999"), "{err}");
    let planned = f.planned.to_string();
    let err = refused(&run(&f.db, &["export", "minutes", "--meeting", &planned]));
    assert!(err.contains("planned and has not started"), "{err}");
    // Usage errors are clap's (exit 2): one of --meeting and --last, not both.
    for args in [vec![], vec!["--last", "--meeting", "1"]] {
        let mut all = vec!["export", "minutes"];
        all.extend(args);
        let out = run(&f.db, &all);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("--last"));
    }

    let other = f
        .store
        .write(|tx| tx.insert_community(&community("Night circle"), at(0, 0)))
        .unwrap();
    let err = refused(&run(&f.db, &["export", "minutes", "--last"]));
    assert!(err.contains("pass --community NAME"), "{err}");
    assert!(
        err.contains("'Night circle'") && err.contains("'Ward 7'"),
        "{err}"
    );
    let err = refused(&run(
        &f.db,
        &["export", "minutes", "--last", "--community", "Night circle"],
    ));
    assert!(
        err.contains("'Night circle' has no meeting that has started yet"),
        "{err}"
    );
    let id = f.meeting.to_string();
    let err = refused(&run(
        &f.db,
        &[
            "export",
            "minutes",
            "--meeting",
            &id,
            "--community",
            "Night circle",
        ],
    ));
    assert!(err.contains("not a meeting of 'Night circle'"), "{err}");
    // The last community used in the app settles it.
    f.store
        .write(|tx| tx.set_setting("last_community", &other.to_string()))
        .unwrap();
    refused(&run(&f.db, &["export", "minutes", "--last"]));
    f.store
        .write(|tx| tx.set_setting("last_community", "1"))
        .unwrap();
    assert_eq!(json(&f.db, &["--last"])["meeting_id"], f.meeting.get());
}

/// `Store::airtime_history` (used for least-heard-first ordering) sums raw
/// `ended_at - started_at` in SQL, so a pause during a turn counts as airtime there, while
/// the meeting's own participation (and the minutes) leave pauses out.
#[test]
fn airtime_history_leaves_out_pauses_like_the_minutes() {
    let mut f = meeting_in_progress();
    f.store
        .write(|tx| tx.end_meeting(f.meeting, at(30, 0)))
        .unwrap();
    let community = f.store.meeting(f.meeting).unwrap().community_id;
    let amara = f.store.members(community).unwrap()[0].id;
    let history = f.store.airtime_history(community).unwrap();
    let minutes = json(&f.db, &["--meeting", &f.meeting.to_string()]);
    assert_eq!(minutes["airtime"]["rows"][0]["member"], "Amara");
    assert_eq!(minutes["airtime"]["rows"][0]["seconds"], 240);
    assert_eq!(
        history[&amara], 240,
        "Amara's second turn spanned a 2-minute pause"
    );
}

/// Trial r8 (confusing 6 and 3): the minutes name who was in the room but did not vote,
/// and an action followed up twice in one meeting (`u`, then the reflection walk) is
/// one line with its latest state and what was said both times.
#[test]
fn minutes_name_who_did_not_vote_and_give_each_action_followed_up_one_line() {
    let mut f = meeting_in_progress();
    let live = f.store.live_meeting(f.meeting).unwrap();
    let who = |n: &str| {
        (live.attendance.iter())
            .find(|a| a.member.profile.name == n)
            .unwrap()
            .member
            .id
    };
    let (amara, fiona) = (who("Amara"), who("Fiona"));
    let poster = live.follow_ups[0].action;
    f.store
        .write(|tx| {
            tx.record_consent(
                f.meeting,
                "Huddle at 07:15",
                &[(amara, 5), (fiona, 4)],
                None,
                at(21, 0),
            )
        })
        .unwrap();
    f.store
        .write(|tx| {
            tx.follow_up_action(
                poster,
                ActionVerdict::Done,
                "Ward B too",
                "Ask the print room early",
                Some(f.meeting),
                true,
                at(22, 0),
            )
        })
        .unwrap();
    f.store
        .write(|tx| tx.end_meeting(f.meeting, at(30, 0)))
        .unwrap();
    let id = f.meeting.to_string();
    let v = json(&f.db, &["--meeting", &id]);

    let d = v["decisions"].as_array().unwrap();
    assert_eq!(d[0]["no_vote"], serde_json::json!([]), "all three voted");
    assert_eq!(
        d[1]["no_vote"],
        serde_json::json!(["Lan"]),
        "Lan was in the room (late); Joseph was absent"
    );
    let updates = v["action_updates"].as_array().unwrap();
    assert_eq!(updates.len(), 1, "{updates:?}");
    assert_eq!(updates[0]["verdict"], "done", "the latest state");
    assert_eq!(updates[0]["note"], "Ward A only; Ward B too");
    assert_eq!(updates[0]["learned"], "Ask the print room early");
    assert_eq!(updates[0]["in_reflection"], true);

    let md = ok(&run(&f.db, &["export", "minutes", "--meeting", &id]));
    assert!(
        md.contains("Votes: Amara 5, Fiona 4 · no vote: Lan"),
        "{md}"
    );
    assert!(md.contains("**Followed up (1):**"), "{md}");
}

/// r9 (issue 10 follow-up): an action said in a meeting was credited to whoever had the
/// floor: the minutes' note line named only the speaker, and the owner was in the
/// Actions table alone. The action line now names its owner and due date (the speaker
/// stays who said it), in Markdown and JSON; `search --member` finds an action by its
/// owner, also when the owner was given after Enter, as the live form does.
#[test]
fn an_action_line_names_its_owner_and_search_finds_it_by_the_owner() {
    let mut f = meeting_in_progress();
    let live = f.store.live_meeting(f.meeting).unwrap();
    let who = |n: &str| {
        (live.attendance.iter())
            .find(|a| a.member.profile.name == n)
            .unwrap()
            .member
            .id
    };
    let (amara, lan) = (who("Amara"), who("Lan"));
    // Said by Amara with the floor, saved without an owner, then given to Lan.
    let note = f
        .store
        .write(|tx| {
            tx.add_note(
                f.meeting,
                Some(amara),
                NoteKind::Action,
                "Laminate the huddle sheet",
                Some((None, None)),
                at(17, 0),
            )
        })
        .unwrap();
    f.store
        .write(|tx| {
            tx.update_note(
                note,
                NoteKind::Action,
                "Laminate the huddle sheet",
                Some((Some(lan), None)),
                at(17, 10),
            )
        })
        .unwrap();
    let id = f.meeting.to_string();
    let md = ok(&run(&f.db, &["export", "minutes", "--meeting", &id]));
    assert!(
        md.contains(
            "- **action** · Amara · 17:43: Order SSKIN cards\\\n  A5, laminated\\\n  → owner Fiona · due 2026-03-19\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("- **action** · Amara · 17:47: Laminate the huddle sheet\\\n  → owner Lan\n"),
        "{md}"
    );
    let v = json(&f.db, &["--meeting", &id]);
    let notes: Vec<&Value> = v["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["notes"].as_array().unwrap())
        .collect();
    let sskin = notes
        .iter()
        .find(|n| n["body"].as_str().unwrap().starts_with("Order SSKIN"))
        .unwrap();
    assert_eq!(sskin["speaker"], "Amara");
    assert_eq!(
        sskin["action"],
        serde_json::json!({"owner": "Fiona", "due": "2026-03-19"})
    );
    let idea = notes.iter().find(|n| n["kind"] == "idea").unwrap();
    assert!(idea.get("action").is_none(), "{idea}");
    // The meeting view, drawn from the same minutes, says it too.
    let view = ok(&run(
        &f.db,
        &["render", "meeting-view", "--meeting", &id, "--height", "80"],
    ));
    assert!(view.contains("→ owner Lan"), "{view}");
    assert!(view.contains("→ owner Fiona · due"), "{view}");
    // Search by the owner finds the action; by the speaker, what she said.
    let found = ok(&run(&f.db, &["search", "laminate", "--member", "Lan"]));
    assert!(found.contains("[Laminate] the huddle sheet"), "{found}");
    assert!(found.contains("action · Lan"), "{found}");
    let found = ok(&run(&f.db, &["search", "cards", "--member", "Fiona"]));
    assert!(found.contains("action · Fiona"), "{found}");
}
