//! Live meetings driven through the app with a fake clock: a full meeting, the turn
//! semantics (pass, raised hand, back, skip), order strategies, pauses and timers, and
//! resuming after a crash.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::ward::{NAMES, app_at, seed, t0, typ};

use chrono::Duration;
use roundtable::app::{App, Command, Overlay, Screen};
use roundtable::domain::live::Attendance;
use roundtable::domain::meeting::MeetingStatus;
use roundtable::domain::note::NoteKind;
use roundtable::domain::rounds::{OrderStrategy, TurnState};
use roundtable::domain::{Clock, FakeClock, Profile};
use roundtable::store::Store;
use std::path::Path;

/// Opens Meetings, starts the first planned meeting with Di absent.
fn start(app: &mut App) {
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::StartMeeting);
    assert_eq!(app.screen(), Screen::Attendance);
    // Di is fourth on the (alphabetical) attendance list: present → late → absent.
    for _ in 0..3 {
        app.handle(Command::Down);
    }
    app.handle(Command::CycleAttendance);
    app.handle(Command::CycleAttendance);
    app.handle(Command::OpenLive);
    assert_eq!(app.screen(), Screen::Live, "{:?}", app.status());
    // What to do next fits an 80-column status line (trial r9 F22: it was cut).
    let said = &app.status().unwrap().text;
    assert!(
        unicode_width::UnicodeWidthStr::width(said.as_str()) <= 78,
        "{said}"
    );
}

/// A fresh in-memory meeting started through the app (Di absent), with its clock.
fn started() -> (App, FakeClock) {
    let clock = FakeClock::new(t0());
    let mut store = Store::open_in_memory().unwrap();
    seed(&mut store);
    let mut app = app_at(store, &clock);
    start(&mut app);
    (app, clock)
}

fn speaker(app: &App) -> Option<String> {
    let l = app.live().meeting.as_ref()?;
    l.current_turn().map(|t| l.name(t.member).to_string())
}

fn speaking_count(app: &App) -> usize {
    let l = app.live().meeting.as_ref().unwrap();
    let item = l.current_item().unwrap();
    l.round_turns(item.item.id)
        .iter()
        .filter(|t| t.state == TurnState::Speaking)
        .count()
}

#[test]
fn a_full_meeting_from_start_to_end() {
    let (mut app, clock) = started();
    let l = app.live().meeting.as_ref().unwrap();
    assert_eq!(l.meeting.status, MeetingStatus::Live);
    assert_eq!(l.here().len(), 4, "Di is absent");

    // Icebreaker round, roster order: Ada, Bo, Cy, Ed.
    app.handle(Command::NextSpeaker);
    assert_eq!(speaker(&app).as_deref(), Some("Ada"));
    clock.advance(Duration::seconds(90));
    app.handle(Command::Note);
    typ(&mut app, "Likes checklists");
    app.handle(Command::NoteKind); // idea
    app.handle(Command::NoteSave);
    assert!(matches!(app.overlay(), Overlay::None));
    assert!(app.status().unwrap().text.contains("idea saved"));
    app.handle(Command::NextSpeaker);
    assert_eq!(speaker(&app).as_deref(), Some("Bo"));
    clock.advance(Duration::seconds(30));
    app.handle(Command::NextSpeaker);
    clock.advance(Duration::seconds(30));
    app.handle(Command::NextSpeaker);
    clock.advance(Duration::seconds(30));
    app.handle(Command::NextSpeaker);
    assert_eq!(speaker(&app), None, "the round is complete");
    assert!(app.status().unwrap().text.contains("Round complete"));

    // Next item; an action with an owner and a due date.
    app.handle(Command::NextItem);
    let l = app.live().meeting.as_ref().unwrap();
    assert_eq!(l.current_index(), Some(1));
    let ice = &l.items[0];
    assert_eq!(l.item_elapsed(ice, clock.now()), Duration::seconds(180));
    app.handle(Command::Note);
    typ(&mut app, "Audit the pressure charts");
    for _ in 0..7 {
        app.handle(Command::NoteKind);
    }
    app.handle(Command::NoteSave);
    let Overlay::Form(form) = app.overlay() else {
        panic!("an action asks for owner and due date")
    };
    assert_eq!(
        form.draft().get("owner"),
        "",
        "no speaker: nobody by default"
    );
    app.handle(Command::FormSave);
    assert!(matches!(app.overlay(), Overlay::None), "{:?}", app.status());

    clock.advance(Duration::minutes(10));
    app.handle(Command::EndMeeting);
    app.handle(Command::Yes);
    assert_eq!(app.screen(), Screen::Summary);
    let id = app.live().meeting.as_ref().unwrap().meeting.id;
    let m = app.store_mut().meeting(id).unwrap();
    assert_eq!(m.status, MeetingStatus::Ended);
    let notes = app.store_mut().meeting_notes(id).unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(
        (notes[0].kind, notes[0].member_id.is_some()),
        (NoteKind::Idea, true),
        "about the speaker"
    );
    assert_eq!(notes[1].kind, NoteKind::Action);
    let due =
        (clock.now().with_timezone(&chrono::Local).date_naive() + Duration::days(7)).to_string();
    assert_eq!(
        notes[1].action.map(|a| a.1.map(|d| d.to_string())),
        Some(Some(due))
    );
    let p = app
        .live()
        .meeting
        .as_ref()
        .unwrap()
        .participation(clock.now());
    let ada = &p.rows[0];
    assert_eq!((ada.spoken, ada.turns), (Duration::seconds(90), 1));
    assert_eq!(
        app.store_mut()
            .meetings(m.community_id, &["ended"], true)
            .unwrap()
            .len(),
        1,
        "in history"
    );
}

#[test]
fn pass_is_offered_again_and_hands_jump_the_queue_and_back_undoes() {
    let (mut app, _) = started();
    app.handle(Command::NextSpeaker); // Ada
    app.handle(Command::PassTurn); // Ada passes → Bo; Ada offered again at the end
    assert_eq!(speaker(&app).as_deref(), Some("Bo"));
    // Ed raises a hand: he speaks next, before Cy.
    app.handle(Command::RaiseHand);
    let Overlay::Choose(c) = app.overlay() else {
        panic!()
    };
    let ed = c.options.iter().position(|o| o.0 == "Ed").unwrap();
    for _ in 0..ed {
        app.handle(Command::Down);
    }
    app.handle(Command::Open);
    assert!(app.status().unwrap().text.contains("Ed speaks next"));
    app.handle(Command::NextSpeaker);
    assert_eq!(speaker(&app).as_deref(), Some("Ed"));
    // Back: Bo has the floor again, and Ed, hand still raised, is next again.
    app.handle(Command::BackTurn);
    assert_eq!(speaker(&app).as_deref(), Some("Bo"));
    assert_eq!(speaking_count(&app), 1);
    let order: Vec<String> = {
        let mut seen = Vec::new();
        for _ in 0..6 {
            app.handle(Command::NextSpeaker);
            if let Some(s) = speaker(&app) {
                seen.push(s);
            }
        }
        seen
    };
    assert_eq!(
        order,
        ["Ed", "Cy", "Ada"],
        "the raised hand survives back; Ada's pass comes last"
    );
    let l = app.live().meeting.as_ref().unwrap();
    let turns = l.round_turns(l.current_item().unwrap().item.id);
    assert!(turns.iter().any(|t| t.state == TurnState::Passed));
    assert!(turns.iter().all(|t| t.state.is_done()));
}

#[test]
fn skip_marks_the_turn_and_moves_on() {
    let (mut app, _) = started();
    app.handle(Command::NextSpeaker);
    app.handle(Command::SkipTurn);
    assert_eq!(speaker(&app).as_deref(), Some("Bo"));
    let l = app.live().meeting.as_ref().unwrap();
    let turns = l.round_turns(l.current_item().unwrap().item.id);
    assert_eq!(turns[0].state, TurnState::Skipped);
}

#[test]
fn order_strategies_shape_the_round() {
    let (mut app, clock) = started();
    let first_of_round = |app: &mut App, strategy: OrderStrategy| {
        while app.next_round_order() != strategy {
            app.handle(Command::CycleOrder);
        }
        app.handle(Command::NewRound);
        let l = app.live().meeting.as_ref().unwrap();
        let turns = l.round_turns(l.current_item().unwrap().item.id);
        turns
            .iter()
            .map(|t| l.name(t.member).to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        first_of_round(&mut app, OrderStrategy::Roster),
        ["Ada", "Bo", "Cy", "Ed"]
    );
    // Let Ada talk a long time; finish the round so the airtime is recorded.
    clock.advance(Duration::seconds(300));
    for _ in 0..4 {
        clock.advance(Duration::seconds(10));
        app.handle(Command::NextSpeaker);
    }
    let rotate = first_of_round(&mut app, OrderStrategy::Rotate);
    assert_eq!(
        rotate,
        ["Bo", "Cy", "Ed", "Ada"],
        "Ada went first last time: now last"
    );
    for _ in 0..4 {
        clock.advance(Duration::seconds(20));
        app.handle(Command::NextSpeaker);
    }
    // Least heard first reads past meetings only; end this one and start another.
    app.handle(Command::EndMeeting);
    app.handle(Command::Yes);
    let t = app.store_mut().template("Quick check-in").unwrap();
    let c = app.browse().community.as_ref().unwrap().id;
    let info = roundtable::domain::meeting::MeetingInfo {
        title: "Next".into(),
        scheduled_at: t0() + Duration::days(7),
        planned_minutes: 30,
    };
    app.store_mut()
        .write(|tx| tx.create_meeting(c, &info, None, &t.items, t0()))
        .unwrap();
    app.refresh();
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::StartMeeting);
    app.handle(Command::OpenLive);
    let least = first_of_round(&mut app, OrderStrategy::LeastHeard);
    assert_eq!(
        least.last().map(String::as_str),
        Some("Ada"),
        "most heard goes last: {least:?}"
    );
    assert_eq!(least.len(), 5, "Di is present this time");
    assert_eq!(least[0], "Di", "never heard goes first");
    let shuffled = first_of_round(&mut app, OrderStrategy::Shuffled);
    let mut sorted = shuffled.clone();
    sorted.sort();
    assert_eq!(sorted, ["Ada", "Bo", "Cy", "Di", "Ed"]);
}

#[test]
fn pauses_stop_every_clock() {
    let (mut app, clock) = started();
    app.handle(Command::NextSpeaker);
    clock.advance(Duration::seconds(60));
    app.handle(Command::TogglePause);
    assert!(app.live().meeting.as_ref().unwrap().is_paused());
    assert!(!app.needs_tick(), "a paused screen does not tick");
    clock.advance(Duration::seconds(600));
    app.handle(Command::TogglePause);
    clock.advance(Duration::seconds(30));
    let l = app.live().meeting.as_ref().unwrap();
    let now = clock.now();
    let item = l.current_item().unwrap();
    assert_eq!(l.item_elapsed(item, now), Duration::seconds(90));
    assert_eq!(l.meeting_countdown(now).elapsed, Duration::seconds(90));
    let turn = l.current_turn().unwrap();
    assert_eq!(
        l.turn_countdown(item, &turn, now).elapsed,
        Duration::seconds(90)
    );
    assert!(app.needs_tick());
}

#[test]
fn a_crash_resumes_at_the_same_item_speaker_and_time_with_downtime_paused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    let clock = FakeClock::new(t0());
    {
        let mut store = Store::open(&path).unwrap();
        seed(&mut store);
        let mut app = app_at(store, &clock);
        start(&mut app);
        app.handle(Command::NextItem); // action review
        app.handle(Command::NextSpeaker); // a round: Ada
        app.handle(Command::NextSpeaker); // Bo
        clock.advance(Duration::seconds(40));
        app.tick(); // heartbeat
        app.handle(Command::Note);
        typ(&mut app, "Confirmed before the crash");
        app.handle(Command::NoteSave);
        assert!(app.status().unwrap().text.contains("saved"));
        app.handle(Command::Note);
        typ(&mut app, "typed but never saved");
        // The app is dropped here without any shutdown: a crash.
    }
    clock.advance(Duration::minutes(20));
    let store = Store::open(&path).unwrap();
    let mut app = app_at(store, &clock);
    let Overlay::Confirm(c) = app.overlay() else {
        panic!("resume is offered")
    };
    assert!(c.question.contains("still live"));
    app.handle(Command::Yes);
    assert_eq!(app.screen(), Screen::Live);
    assert!(
        app.status()
            .as_ref()
            .unwrap()
            .text
            .contains("away, not counted"),
        "{:?}",
        app.status()
    );
    let l = app.live().meeting.as_ref().unwrap();
    assert_eq!(l.current_index(), Some(1), "same agenda item");
    assert_eq!(speaker(&app).as_deref(), Some("Bo"), "same speaker");
    let now = clock.now();
    let turn = l.current_turn().unwrap();
    let item = l.current_item().unwrap();
    assert_eq!(
        l.turn_countdown(item, &turn, now).elapsed,
        Duration::seconds(40),
        "the 20 minutes away are paused"
    );
    assert_eq!(l.downtime(now), Duration::minutes(20));
    let bodies: Vec<&str> = l.notes.iter().map(|n| n.body.as_str()).collect();
    assert_eq!(bodies, ["Confirmed before the crash"]);
}

#[test]
fn empty_and_huge_and_hostile_notes() {
    let (mut app, _) = started();
    app.handle(Command::Note);
    typ(&mut app, "   ");
    app.handle(Command::NoteSave);
    assert!(
        matches!(app.overlay(), Overlay::Note(_)),
        "an empty note is not saved"
    );
    assert!(app.status().unwrap().is_error);
    app.handle(Command::NoteCancel);
    let huge = "x".repeat(100_000);
    app.handle(Command::Note);
    app.on_paste(&format!("{huge}\u{1b}[2J"));
    app.handle(Command::NoteSave);
    let l = app.live().meeting.as_ref().unwrap();
    assert_eq!(l.notes.len(), 1);
    assert_eq!(
        l.notes[0].body.chars().count(),
        100_004,
        "saved whole, escape made inert"
    );
    assert!(!l.notes[0].body.contains('\u{1b}'));
    // The huge note is on screen, cut at its box's edge.
    let text = roundtable::ui::app_to_text(&app, 200, 60);
    assert!(text.contains(&"x".repeat(150)), "{text}");
    common::screen::assert_screen("a huge note", &text, 200, 60);
}

#[test]
fn ending_without_anyone_present_asks_first() {
    let clock = FakeClock::new(t0());
    let mut store = Store::open_in_memory().unwrap();
    seed(&mut store);
    let mut app = app_at(store, &clock);
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::StartMeeting);
    for i in 0..NAMES.len() {
        let _ = i;
        app.handle(Command::CycleAttendance);
        app.handle(Command::CycleAttendance);
        app.handle(Command::Down);
    }
    app.handle(Command::OpenLive);
    assert!(app.live().meeting.as_ref().unwrap().here().is_empty());
    app.handle(Command::EndMeeting);
    let Overlay::Confirm(c) = app.overlay() else {
        panic!()
    };
    assert!(c.question.contains("Nobody is marked present"));
    app.handle(Command::No);
    assert_eq!(
        app.live().meeting.as_ref().unwrap().meeting.status,
        MeetingStatus::Live
    );
    let _ = Attendance::Absent;
    let _ = Path::new("");
}

#[test]
fn items_set_their_own_turn_length_and_order_and_the_default_is_a_setting() {
    use roundtable::domain::agenda::TurnSettings;
    let clock = FakeClock::new(t0());
    let mut store = Store::open_in_memory().unwrap();
    seed(&mut store);
    let mut app = app_at(store, &clock);
    let c = app.browse().community.as_ref().unwrap().id;
    let m = app.store_mut().planned_meetings(c).unwrap()[0].id;
    let first = app.store_mut().agenda(m).unwrap()[0].clone();
    let turns = TurnSettings {
        order: Some(OrderStrategy::Rotate),
        seconds: Some(60),
    };
    app.store_mut()
        .write(|tx| tx.update_agenda_item(first.id, &first.info, &turns))
        .unwrap();
    start(&mut app);
    assert_eq!(
        app.next_round_order(),
        OrderStrategy::Rotate,
        "the item's own order"
    );
    app.handle(Command::NextSpeaker);
    clock.advance(Duration::seconds(75));
    let l = app.live().meeting.as_ref().unwrap();
    let (item, turn) = (l.current_item().unwrap(), l.current_turn().unwrap());
    let c = l.turn_countdown(item, &turn, clock.now());
    assert_eq!(
        c.overrun(),
        Some(Duration::seconds(15)),
        "a 1:00 turn, 1:15 in"
    );
    // On the next item (no order of its own) the default applies; O changes it.
    app.handle(Command::NextItem);
    assert_eq!(app.next_round_order(), OrderStrategy::Roster);
    app.handle(Command::CycleOrder);
    app.handle(Command::SaveDefaultOrder);
    assert_eq!(
        app.store_mut()
            .setting("default_turn_order")
            .unwrap()
            .as_deref(),
        Some("shuffled")
    );
    app.handle(Command::NewRound);
    assert_eq!(
        app.next_round_order(),
        OrderStrategy::Shuffled,
        "the pick is used once; the default remains"
    );
}

#[test]
fn an_action_is_followed_up_as_done_from_any_item() {
    let (mut app, _) = started();
    app.handle(Command::NextSpeaker); // Ada
    app.handle(Command::Note);
    typ(&mut app, "Bring the audit sheet");
    for _ in 0..7 {
        app.handle(Command::NoteKind); // action
    }
    app.handle(Command::NoteSave);
    app.handle(Command::FormSave); // owner: the speaker, due in a week
    let l = app.live().meeting.as_ref().unwrap();
    assert_eq!(
        l.open_actions.len(),
        2,
        "the fixture's carried action and this one"
    );
    let audit = l
        .open_actions
        .iter()
        .find(|a| a.title == "Bring the audit sheet");
    assert_eq!(
        audit.unwrap().owner,
        l.current_turn().map(|t| t.member),
        "the speaker owns it"
    );
    // Not on an action review item: u asks which action first; the one just taken is
    // not due for follow-up in the meeting it was taken in.
    app.handle(Command::FollowUp);
    let Overlay::Choose(c) = app.overlay() else {
        panic!("a chooser of open actions")
    };
    let options: Vec<&str> = c.options.iter().map(|o| o.0.as_str()).collect();
    assert_eq!(options, [common::ward::CARRIED]);
    app.handle(Command::Open);
    let Overlay::Choose(c) = app.overlay() else {
        panic!("the verdict chooser")
    };
    assert_eq!(c.title, format!("Follow up: {}", common::ward::CARRIED));
    app.handle(Command::Open); // 1 ✓ done, saved at once
    let open = &app.live().meeting.as_ref().unwrap().open_actions;
    assert_eq!(open.len(), 1, "{:?}", app.status());
    assert_eq!(open[0].title, "Bring the audit sheet");
    assert!(app.status().unwrap().text.contains("done"));
}

#[test]
fn a_guest_may_share_a_roster_name_and_a_new_member_may_not() {
    let (mut app, _) = started();
    let meeting = app.live().meeting.as_ref().unwrap().meeting.id;
    let named = |n: &str| Profile {
        name: n.into(),
        ..Default::default()
    };
    app.store_mut()
        .write(|tx| tx.add_walk_in(meeting, &named("Ada"), true, t0()))
        .expect("a guest called Ada");
    app.store_mut()
        .write(|tx| tx.add_walk_in(meeting, &named("Ada"), true, t0()))
        .expect("a second guest Ada");
    let e = app
        .store_mut()
        .write(|tx| tx.add_walk_in(meeting, &named("ada"), false, t0()))
        .unwrap_err();
    assert!(e.to_string().contains("already on this roster"), "{e}");
    let c = app.browse().community.as_ref().unwrap().id;
    app.store_mut()
        .write(|tx| tx.insert_member(c, &named("Guesty"), t0()))
        .unwrap();
    app.refresh();
    assert_eq!(
        app.live().meeting.as_ref().unwrap().here().len(),
        6,
        "four members and two guests"
    );
}

#[test]
fn an_action_about_a_guest_goes_to_the_guest_not_their_namesake() {
    let (mut app, _) = started();
    let meeting = app.live().meeting.as_ref().unwrap().meeting.id;
    let guest = Profile {
        name: "Ada".into(),
        ..Default::default()
    };
    let guest = app
        .store_mut()
        .write(|tx| tx.add_walk_in(meeting, &guest, true, t0()))
        .unwrap();
    app.refresh();
    let here = app.live().meeting.as_ref().unwrap().here().len();
    app.handle(Command::Note);
    typ(&mut app, "Send the slides");
    for _ in 0..7 {
        app.handle(Command::NoteKind); // action
    }
    for _ in 0..here {
        app.handle(Command::NoteAbout); // the group, then each one here: the guest is last
    }
    app.handle(Command::NoteSave);
    app.handle(Command::FormSave);
    let notes = app.store_mut().meeting_notes(meeting).unwrap();
    assert_eq!(notes[0].member_id, Some(guest));
    assert_eq!(
        notes[0].action.map(|a| a.0),
        Some(Some(guest)),
        "owned by the guest Ada, not roster Ada"
    );
}

/// The round line of the live screen ("Round 1 · roster · 0/4 done").
fn round_line(app: &App) -> String {
    let screen = roundtable::ui::app_to_text(app, 80, 24);
    screen
        .lines()
        .find(|l| l.contains("Round ") && l.contains(" done"))
        .unwrap_or_else(|| panic!("no round line in\n{screen}"))
        .to_string()
}

#[test]
fn a_pass_counts_people_not_turns() {
    let (mut app, _) = started();
    app.handle(Command::NextSpeaker); // Ada
    app.handle(Command::PassTurn); // Ada waits at the end; Bo speaks
    let line = round_line(&app);
    assert!(
        line.contains("0/4 done"),
        "four here, Ada waits again: {line}"
    );
    app.handle(Command::NextSpeaker); // Bo spoke; Cy
    let line = round_line(&app);
    assert!(line.contains("1/4 done"), "{line}");
    for _ in 0..3 {
        app.handle(Command::NextSpeaker); // Cy, Ed, then Ada's second offer
    }
    let line = round_line(&app);
    assert!(line.contains("4/4 done"), "{line}");
}

fn status_of(app: &App, name: &str) -> Attendance {
    let l = app.live().meeting.as_ref().unwrap();
    l.attendance
        .iter()
        .find(|a| a.member.profile.name == name)
        .unwrap()
        .status
}

#[test]
fn skipping_someone_marked_in_the_room_late_asks_first_and_an_arrival_is_late() {
    let (mut app, _) = started();
    // Mid-meeting, Di (absent) arrives: late, not present.
    app.handle(Command::Attendance);
    assert_eq!(app.screen(), Screen::Attendance);
    // The selection is still on Di from before the meeting.
    app.handle(Command::CycleAttendance);
    assert_eq!(status_of(&app, "Di"), Attendance::Late, "absent → late");
    // Bo came late and is in the room.
    app.handle(Command::Up);
    app.handle(Command::Up);
    app.handle(Command::CycleAttendance);
    assert_eq!(status_of(&app, "Bo"), Attendance::Late);
    app.handle(Command::OpenLive);
    assert_eq!(app.screen(), Screen::Live);
    app.handle(Command::NextSpeaker); // Ada
    app.handle(Command::NextSpeaker); // Bo
    assert_eq!(speaker(&app).as_deref(), Some("Bo"));
    app.handle(Command::SkipTurn);
    assert!(
        matches!(app.overlay(), Overlay::Confirm(_)),
        "x on someone marked late asks first: {:?}",
        app.status()
    );
    app.handle(Command::No);
    assert_eq!(speaker(&app).as_deref(), Some("Bo"), "no keeps the floor");
    app.handle(Command::SkipTurn);
    app.handle(Command::Yes);
    assert_eq!(speaker(&app).as_deref(), Some("Cy"));
    let l = app.live().meeting.as_ref().unwrap();
    let turns = l.round_turns(l.current_item().unwrap().item.id);
    let bo = turns.iter().find(|t| l.name(t.member) == "Bo").unwrap();
    assert_eq!(bo.state, TurnState::Skipped);
}

#[test]
fn back_to_an_item_resumes_the_interrupted_speaker() {
    let (mut app, clock) = started();
    app.handle(Command::NextSpeaker); // Ada
    app.handle(Command::NextSpeaker); // Bo
    clock.advance(Duration::seconds(30));
    app.handle(Command::NextItem);
    clock.advance(Duration::seconds(60));
    app.handle(Command::PrevItem);
    assert_eq!(
        speaker(&app).as_deref(),
        Some("Bo"),
        "Bo was interrupted, so Bo has the floor again"
    );
    assert_eq!(speaking_count(&app), 1);
    clock.advance(Duration::seconds(10));
    let l = app.live().meeting.as_ref().unwrap();
    let bo = l
        .participation(clock.now())
        .rows
        .iter()
        .find(|r| l.name(r.member) == "Bo")
        .map(|r| r.spoken.num_seconds());
    assert_eq!(
        bo,
        Some(40),
        "the time on the other item is not Bo's airtime"
    );
    let line = round_line(&app);
    assert!(line.contains("1/4 done"), "Ada only: {line}");
    app.handle(Command::NextSpeaker);
    assert_eq!(speaker(&app).as_deref(), Some("Cy"));
}

#[test]
fn the_round_line_shows_the_order_the_round_used_and_the_plan_keeps_its_own() {
    use roundtable::domain::agenda::TurnSettings;
    let clock = FakeClock::new(t0());
    let mut store = Store::open_in_memory().unwrap();
    seed(&mut store);
    let mut app = app_at(store, &clock);
    let c = app.browse().community.as_ref().unwrap().id;
    let m = app.store_mut().planned_meetings(c).unwrap()[0].id;
    let first = app.store_mut().agenda(m).unwrap()[0].clone();
    let turns = TurnSettings {
        order: Some(OrderStrategy::Rotate),
        seconds: None,
    };
    app.store_mut()
        .write(|tx| tx.update_agenda_item(first.id, &first.info, &turns))
        .unwrap();
    start(&mut app);
    // o: this round only, shuffled.
    while app.next_round_order() != OrderStrategy::Shuffled {
        app.handle(Command::CycleOrder);
    }
    app.handle(Command::NewRound);
    let line = round_line(&app);
    assert!(line.contains("shuffled"), "{line}");
    assert_eq!(
        app.next_round_order(),
        OrderStrategy::Rotate,
        "the pick was for one round; the item keeps its own order"
    );
    let stored = app.store_mut().agenda(m).unwrap()[0].clone();
    assert_eq!(
        stored.turns.order,
        Some(OrderStrategy::Rotate),
        "the plan is untouched"
    );
    app.handle(Command::NewRound);
    let line = round_line(&app);
    assert!(line.contains("Round 2 · rotate"), "{line}");
}

/// Every label the help offers for the live screen, as the keymap has them.
fn live_help_labels() -> Vec<&'static str> {
    use roundtable::app::{Mode, keys::Keymap};
    let mut out = Vec::new();
    let map = Keymap::default();
    for mode in [Mode::Browse, Mode::Note, Mode::Vote] {
        for b in map.bindings(mode, Screen::Live).map(|r| r.binding) {
            if matches!(
                b.command,
                Command::GoTo(_)
                    | Command::ChooseNth(_)
                    | Command::Up
                    | Command::Down
                    | Command::PageUp
                    | Command::PageDown
                    | Command::Top
                    | Command::Bottom
                    | Command::Filter
            ) {
                continue;
            }
            out.push(b.label);
        }
    }
    out
}

#[test]
fn the_live_help_shows_every_key_at_80x24_or_says_how_to_see_the_rest() {
    let (mut app, _) = started();
    app.handle(Command::Help);
    let mut seen = roundtable::ui::app_to_text(&app, 80, 24);
    // Whatever the help does not show at once, it says how to reach.
    for _ in 0..6 {
        if !seen.contains("PgDn") {
            break;
        }
        app.handle(Command::PageDown);
        seen.push_str(&roundtable::ui::app_to_text(&app, 80, 24));
    }
    let missing: Vec<&str> = live_help_labels()
        .into_iter()
        .filter(|l| !seen.contains(l))
        .collect();
    assert!(missing.is_empty(), "cut from the help: {missing:?}\n{seen}");
}

#[test]
fn the_summary_help_names_enter_on_its_own_line() {
    let (mut app, _) = started();
    app.handle(Command::EndMeeting);
    app.handle(Command::Yes);
    assert_eq!(app.screen(), Screen::Summary);
    app.handle(Command::Help);
    let screen = roundtable::ui::app_to_text(&app, 80, 24);
    assert!(!screen.contains("Enter–5"), "{screen}");
    let digits = format!("1–{}", Screen::TABS.len());
    assert!(screen.contains(&digits), "{screen}");
    assert!(screen.contains("to history"), "{screen}");
}

#[test]
fn the_summary_scrolls_at_80x24_to_every_voice_and_action() {
    let (mut app, clock) = started();
    let meeting = app.live().meeting.as_ref().unwrap().meeting.id;
    app.handle(Command::NextSpeaker);
    for i in 0..8 {
        let guest = Profile {
            name: format!("Guest {i}"),
            ..Default::default()
        };
        app.store_mut()
            .write(|tx| tx.add_walk_in(meeting, &guest, true, clock.now()))
            .unwrap();
    }
    for i in 0..9 {
        app.store_mut()
            .write(|tx| {
                tx.add_note(
                    meeting,
                    None,
                    NoteKind::Action,
                    &format!("Action number {i}"),
                    Some((None, None)),
                    clock.now(),
                )
            })
            .unwrap();
    }
    app.refresh();
    clock.advance(Duration::seconds(60));
    app.handle(Command::EndMeeting);
    app.handle(Command::Yes);
    assert_eq!(app.screen(), Screen::Summary);
    let first = roundtable::ui::app_to_text(&app, 80, 24);
    assert!(
        first.contains("scroll"),
        "says how to see the rest:\n{first}"
    );
    let mut seen = first.clone();
    for _ in 0..12 {
        app.handle(Command::Down);
        seen.push_str(&roundtable::ui::app_to_text(&app, 80, 24));
    }
    for name in ["Ada", "Bo", "Cy", "Ed", "Guest 0", "Guest 7"] {
        assert!(seen.contains(name), "{name} never shown:\n{seen}");
    }
    for i in 0..9 {
        assert!(
            seen.contains(&format!("Action number {i}")),
            "action {i}:\n{seen}"
        );
    }
    app.handle(Command::PageUp);
    app.handle(Command::PageUp);
    let top = |s: &str| s.lines().take(22).collect::<Vec<_>>().join("\n");
    assert_eq!(
        top(&roundtable::ui::app_to_text(&app, 80, 24)),
        top(&first),
        "back at the top"
    );
}

#[test]
fn the_summary_shows_ten_voices_at_80x24_without_scrolling() {
    let (mut app, clock) = started();
    let meeting = app.live().meeting.as_ref().unwrap().meeting.id;
    for i in 0..6 {
        let guest = Profile {
            name: format!("Guest {i}"),
            ..Default::default()
        };
        app.store_mut()
            .write(|tx| tx.add_walk_in(meeting, &guest, true, clock.now()))
            .unwrap();
    }
    app.refresh();
    app.handle(Command::EndMeeting);
    app.handle(Command::Yes);
    let screen = roundtable::ui::app_to_text(&app, 80, 24);
    assert!(screen.contains("Voices (10 here)"), "{screen}");
    for name in [
        "Ada",
        "Ed",
        "Guest 0",
        "Guest 5",
        "Actions (0)",
        "Full minutes",
    ] {
        assert!(screen.contains(name), "{name} is cut:\n{screen}");
    }
}

#[test]
fn an_action_note_due_in_the_past_is_questioned_and_n_goes_back_to_the_form() {
    let (mut app, _) = started();
    let meeting = app.live().meeting.as_ref().unwrap().meeting.id;
    app.handle(Command::Note);
    typ(&mut app, "Audit the pressure charts");
    for _ in 0..7 {
        app.handle(Command::NoteKind); // action
    }
    app.handle(Command::NoteSave);
    assert!(
        matches!(app.overlay(), Overlay::Form(_)),
        "{:?}",
        app.status()
    );
    // Owner: Ada; due: a date already past.
    common::press(
        &mut app,
        "<Right><Tab><End><BS><BS><BS><BS><BS><BS><BS><BS><BS><BS>2026-11-01",
    );
    app.handle(Command::FormSave);
    let Overlay::Confirm(c) = app.overlay() else {
        panic!("a past due date is not questioned: {:?}", app.status())
    };
    assert!(
        c.question.contains("2026-11-01 is already past"),
        "{}",
        c.question
    );
    let due = |app: &mut App| {
        let notes = app.store_mut().meeting_notes(meeting).unwrap();
        notes[0].action.and_then(|a| a.1).map(|d| d.to_string())
    };
    assert_eq!(due(&mut app), None, "not saved before the answer");
    app.handle(Command::No);
    let Overlay::Form(f) = app.overlay() else {
        panic!("n goes back to the form: {:?}", app.overlay())
    };
    assert_eq!(f.draft().get("due"), "2026-11-01", "as typed");
    app.handle(Command::FormSave);
    app.handle(Command::Yes);
    assert!(matches!(app.overlay(), Overlay::None), "{:?}", app.status());
    assert_eq!(due(&mut app).as_deref(), Some("2026-11-01"), "y saves it");
    let notes = app.store_mut().meeting_notes(meeting).unwrap();
    assert_eq!(notes.len(), 1);
    assert!(notes[0].action.and_then(|a| a.0).is_some(), "owned");
}

/// C8 of the trial: a meeting planned with no agenda starts on one open discussion item,
/// so Space (the footer's "next speaker") asks who is talking and notes have an item.
#[test]
fn a_meeting_with_no_agenda_starts_on_an_open_discussion_item() {
    let clock = FakeClock::new(t0());
    let mut store = Store::open_in_memory().unwrap();
    let c = seed(&mut store);
    let m = store.meetings(c, &["planned"], false).unwrap()[0].id;
    for item in store.agenda(m).unwrap() {
        store.write(|tx| tx.delete_agenda_item(item.id)).unwrap();
    }
    let mut app = app_at(store, &clock);
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::StartMeeting);
    let status = app.status().unwrap().text.clone();
    assert!(status.contains("one open discussion item"), "{status}");
    app.handle(Command::OpenLive);
    assert_eq!(app.screen(), Screen::Live, "{:?}", app.status());
    let l = app.live().meeting.as_ref().unwrap();
    assert_eq!(l.items.len(), 1);
    let item = &l.current_item().unwrap().item.info;
    assert_eq!(
        item.kind,
        roundtable::domain::agenda::ItemKind::OpenDiscussion
    );
    assert_eq!(item.minutes, l.meeting.planned_minutes);
    app.handle(Command::NextSpeaker);
    assert!(
        matches!(app.overlay(), Overlay::Choose(c) if c.title.contains("talking")),
        "{:?} {:?}",
        app.overlay(),
        app.status()
    );
}

/// C13 of the trial: an item passed with `]` says "skipped" on the summary (in place of
/// its time) and in the meeting view, as an item never reached says "not reached".
#[test]
fn items_skipped_with_the_bracket_are_marked_skipped() {
    let (mut app, clock) = started();
    clock.advance(Duration::seconds(60));
    app.handle(Command::NextItem); // the action review…
    clock.advance(Duration::seconds(1));
    app.handle(Command::NextItem); // …passed at once
    clock.advance(Duration::seconds(60));
    app.handle(Command::EndMeeting);
    app.handle(Command::Yes);
    assert_eq!(app.screen(), Screen::Summary);
    let summary = roundtable::ui::app_to_text(&app, 200, 60);
    let row = |text: &str, title: &str| {
        text.lines()
            .find(|l| l.contains(title))
            .unwrap_or_else(|| panic!("{title} in {text}"))
            .to_string()
    };
    assert!(
        row(&summary, "Action review").contains(" skipped"),
        "{summary}"
    );
    assert!(
        row(&summary, "Check-out").contains(" not reached"),
        "{summary}"
    );
    app.handle(Command::Open);
    assert_eq!(app.screen(), Screen::MeetingView);
    let view = roundtable::ui::app_to_text(&app, 200, 60);
    assert!(
        row(&view, "Action review").contains("Action review (skipped)"),
        "{view}"
    );
    assert!(row(&view, "Check-out").contains("(not reached)"), "{view}");
}

/// Trial r9 F18: `s` on a meeting planned for another day (the wrong row, a meeting
/// moved) started it without a word. The attendance step, before Enter starts it, names
/// the planned day; on the day itself it says what to do as before.
#[test]
fn starting_a_meeting_planned_for_another_day_says_so_first() {
    for (offset, expected) in [
        (Duration::days(-3), "in 3 days"),
        (Duration::days(-1), "tomorrow"),
        (Duration::days(2), "2 days ago"),
        (Duration::zero(), "Mark who is late"),
    ] {
        let clock = FakeClock::new(t0() + offset);
        let mut store = Store::open_in_memory().unwrap();
        seed(&mut store);
        let mut app = app_at(store, &clock);
        app.handle(Command::GoTo(Screen::Meetings));
        app.handle(Command::StartMeeting);
        assert_eq!(app.screen(), Screen::Attendance);
        let status = app.status().map(|s| s.text.clone()).unwrap_or_default();
        assert!(status.contains(expected), "{offset}: {status}");
        assert_eq!(
            status.contains("Planned for"),
            offset != Duration::zero(),
            "{status}"
        );
        // Esc goes back without starting it.
        app.handle(Command::Back);
        assert_eq!(app.screen(), Screen::Meetings, "{status}");
    }
}

/// Trial r9 F9: a long note scrolled sideways in the note editor, the start of its text
/// out of sight. It wraps at words, as a form's long fields do.
#[test]
fn a_long_note_wraps_in_the_editor() {
    let (mut app, _) = started();
    app.handle(Command::Note);
    let start = "Asked: how do we talk through the blocking concerns";
    typ(
        &mut app,
        &format!("{start} before the next round, and who leads it?"),
    );
    let screen = roundtable::ui::app_to_text(&app, 80, 24);
    assert!(screen.contains(start), "{screen}");
    assert!(screen.contains("who leads it?"), "{screen}");
}
