//! Snapshots of the planning and live-meeting screens at 80x24 and 160x45: the plan with
//! its timeboxes, the template chooser, the icebreaker library, attendance, the live
//! screen (a round with a pass and a raised hand, notes, the cue card), its overlays, a
//! paused and an overrunning meeting, and the summary.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::Duration;
use common::*;
use roundtable::app::{App, Command, Screen};
use roundtable::domain::FakeClock;
use roundtable::ui;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 45)];

fn snap_both(name: &str, app: &App) {
    for (w, h) in SIZES {
        let text = ui::app_to_text(app, w, h);
        screen::assert_screen(name, &text, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
    }
}

/// The club with one planned meeting, on the Meetings screen, with a clock the test moves.
fn meetings_app() -> (App, FakeClock) {
    let (mut store, ids) = store();
    let meeting = plan_meeting(&mut store, &ids);
    // A fixed icebreaker on the icebreaker item, so the plan is the same every run.
    let ice = store
        .icebreakers()
        .expect("library")
        .into_iter()
        .find(|i| i.key.as_deref() == Some("two-truths-one-learning"))
        .expect("a known built-in");
    let item = store.agenda(meeting).expect("agenda")[0].id;
    store
        .write(|tx| tx.set_item_icebreaker(item, Some(ice.id), now()))
        .expect("set icebreaker");
    let clock = clock();
    let mut app = App::new(store, Box::new(clock.clone()));
    app.set_color(false);
    press(&mut app, "<Enter>");
    app.handle(Command::GoTo(Screen::Meetings));
    app.clear_status();
    (app, clock)
}

#[test]
fn planning_screens() {
    let (mut app, _) = meetings_app();
    app.handle(Command::New);
    snap_both("template_chooser", &app);
    press(&mut app, "<Esc>");
    app.handle(Command::Edit);
    assert_eq!(app.screen(), Screen::Plan);
    app.clear_status();
    snap_both("plan", &app);
    app.handle(Command::New);
    snap_both("agenda_item_form", &app);
    press(&mut app, "<Esc>");
    app.handle(Command::Library);
    app.handle(Command::CycleCategory);
    app.clear_status();
    snap_both("icebreaker_picker", &app);
}

#[test]
fn an_agenda_that_overflows_says_so() {
    let (mut app, _) = meetings_app();
    app.handle(Command::Edit);
    app.handle(Command::Down);
    app.handle(Command::Edit);
    // Timebox field: 15 → 45 makes the agenda 85 minutes in a 60-minute meeting.
    press(&mut app, "<Tab><Tab><BS><BS>45<C-s>");
    app.clear_status();
    snap_both("plan_overflow", &app);
}

/// Starts the planned meeting with one member late, then runs part of a round.
fn live_app() -> (App, FakeClock) {
    let (mut app, clock) = meetings_app();
    app.handle(Command::StartMeeting);
    app.clear_status();
    snap_both("attendance", &app);
    app.handle(Command::Down);
    app.handle(Command::CycleAttendance);
    app.handle(Command::OpenLive);
    assert_eq!(app.screen(), Screen::Live);
    app.handle(Command::NextSpeaker); // the first speaker
    clock.advance(Duration::seconds(95));
    press(
        &mut app,
        "nReads the paper twice before the meeting<Tab><Enter>",
    );
    app.handle(Command::NextSpeaker);
    clock.advance(Duration::seconds(20));
    app.handle(Command::PassTurn);
    clock.advance(Duration::seconds(150)); // over the 2:00 turn
    (app, clock)
}

#[test]
fn live_screens() {
    let (mut app, clock) = live_app();
    app.clear_status();
    snap_both("live_round", &app);
    app.handle(Command::Note);
    press(&mut app, "Wants a checklist for the night shift");
    snap_both("live_typing_a_note", &app);
    press(&mut app, "<Enter>");
    app.handle(Command::TogglePause);
    clock.advance(Duration::minutes(3));
    app.clear_status();
    snap_both("live_paused", &app);
    app.handle(Command::TogglePause);
    app.handle(Command::ConsentCheck);
    press(&mut app, "<C-u>Warm-up<C-s>");
    press(&mut app, "543");
    snap_both("live_consent_votes", &app);
}

#[test]
fn the_summary_after_the_meeting() {
    let (mut app, clock) = live_app();
    app.handle(Command::NextSpeaker);
    clock.advance(Duration::minutes(2));
    app.handle(Command::NextItem);
    clock.advance(Duration::minutes(20)); // the round robin runs over its 15 minutes
    app.handle(Command::EndMeeting);
    app.handle(Command::Yes);
    assert_eq!(app.screen(), Screen::Summary);
    app.clear_status();
    snap_both("summary", &app);
}

/// A trial added an icebreaker with `a` on the first item and found it after Check-out,
/// six `K` presses from where it was meant to go. A new item goes in after the selected
/// one, as in any list editor.
#[test]
fn a_new_agenda_item_goes_in_after_the_selected_one() {
    let (mut store, ids) = store();
    let meeting = plan_meeting(&mut store, &ids);
    let mut app = App::new(store, Box::new(clock()));
    press(&mut app, "<Enter>");
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::Edit);
    assert_eq!(app.screen(), Screen::Plan);
    press(&mut app, "gj");
    app.handle(Command::New);
    press(&mut app, "<Tab>Name one thing you tried<C-s>");
    let titles: Vec<String> = app
        .store_mut()
        .agenda(meeting)
        .unwrap()
        .into_iter()
        .map(|i| i.info.title)
        .collect();
    assert_eq!(
        titles,
        [
            "Warm-up",
            "What struck you in the paper?",
            "Name one thing you tried",
            "Could we use it on Ward 7?",
            "Trial the screening tool?",
            "Check-out"
        ]
    );
}

/// At 80 columns the Meetings footer keeps `i icebreakers` (round 6 lost it to `l resume
/// meeting`): `l` is offered only while a meeting is live, and then it is.
#[test]
fn the_meetings_footer_offers_resume_only_while_a_meeting_is_live() {
    let footer = |app: &App| {
        let text = ui::app_to_text(app, 80, 24);
        text.lines().last().unwrap_or_default().to_string()
    };
    let (mut app, _) = meetings_app();
    let idle = footer(&app);
    assert!(idle.contains("i icebreakers"), "{idle}");
    assert!(!idle.contains("resume meeting"), "{idle}");
    app.handle(Command::StartMeeting);
    app.handle(Command::OpenLive);
    assert_eq!(app.screen(), Screen::Live);
    app.handle(Command::GoTo(Screen::Meetings));
    app.clear_status();
    let live = footer(&app);
    assert!(live.contains("l resume meeting"), "{live}");
}
