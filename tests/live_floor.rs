//! Open discussion ("who is talking now"), the item's prompts on the live screen, the
//! speaker's cue card on `i`, and two planning fixes (recurring items stay with their
//! template; an icebreaker longer than its item warns): app flows with the fake clock,
//! the store, and snapshots.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::Duration;
use common::*;
use roundtable::app::{App, ChoosePurpose, Command, Overlay, Screen};
use roundtable::domain::agenda::TurnSettings;
use roundtable::domain::{FakeClock, MemberId};
use roundtable::store::Store;
use roundtable::ui;

/// Leader notes planned for the open discussion (as in the learning-cycle template).
const DISCUSSION_NOTES: &str = "Summarise the new information in two minutes. Then ask in \
turn: What problems does it address? What are its pitfalls or weak points? Where is the \
evidence thin? Would it work in our settings, and what would need to change?\nMake sure \
quieter members get a turn before open debate.";

/// The club's planned meeting (icebreaker with a chosen icebreaker, round robin, open
/// discussion with leader notes, …), started with everyone present, on the icebreaker.
fn live() -> (App, FakeClock, Ids) {
    let (mut store, ids) = store();
    let meeting = plan_meeting(&mut store, &ids);
    let agenda = store.agenda(meeting).unwrap();
    let ice = store
        .icebreakers()
        .unwrap()
        .into_iter()
        .find(|i| i.key.as_deref() == Some("two-truths-one-learning"))
        .unwrap();
    store
        .write(|tx| tx.set_item_icebreaker(agenda[0].id, Some(ice.id), now()))
        .unwrap();
    let mut info = agenda[2].info.clone();
    info.leader_notes = DISCUSSION_NOTES.into();
    store
        .write(|tx| tx.update_agenda_item(agenda[2].id, &info, &TurnSettings::default()))
        .unwrap();
    let clock = clock();
    let mut app = App::new(store, Box::new(clock.clone()));
    app.set_color(false);
    press(&mut app, "<Enter>");
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::StartMeeting);
    app.handle(Command::OpenLive);
    assert_eq!(app.screen(), Screen::Live, "{:?}", app.status());
    (app, clock, ids)
}

/// [`live`], moved on to the open discussion.
fn on_open_floor() -> (App, FakeClock, Ids) {
    let (mut app, clock, ids) = live();
    app.handle(Command::NextItem);
    app.handle(Command::NextItem);
    let l = app.live().meeting.as_ref().unwrap();
    assert_eq!(
        l.current_item().unwrap().item.info.title,
        "Could we use it on Ward 7?"
    );
    (app, clock, ids)
}

fn airtime(app: &App, member: MemberId) -> (i64, u32) {
    let l = app.live().meeting.as_ref().unwrap();
    let p = l.participation(app.now());
    let r = p.rows.iter().find(|r| r.member == member).unwrap();
    (r.spoken.num_seconds(), r.turns)
}

fn floor_names(app: &App) -> Vec<String> {
    match app.overlay() {
        Overlay::Choose(c) if c.purpose == ChoosePurpose::Floor => {
            c.options.iter().map(|(n, _)| n.clone()).collect()
        }
        other => panic!("the floor chooser is not open: {other:?}"),
    }
}

#[test]
fn open_discussion_records_who_talked_and_for_how_long() {
    let (mut app, clock, ids) = on_open_floor();
    let (amara, ben) = (ids.member(LEADER), ids.member("Ben Carter"));
    let not_heard = |app: &App| {
        let l = app.live().meeting.as_ref().unwrap();
        l.participation(app.now()).not_heard()
    };
    assert!(not_heard(&app).contains(&ben));

    // Nobody has spoken: attendance order, a digit per row.
    app.handle(Command::Floor);
    let names = floor_names(&app);
    assert!(
        names[0].starts_with("1 Amara Okafor · not heard yet"),
        "{names:?}"
    );
    assert!(names[1].starts_with("2 Ben Carter"), "{names:?}");
    press(&mut app, "2");
    assert!(matches!(app.overlay(), Overlay::None));
    assert_eq!(app.status().unwrap().text, "▶ Ben Carter has the floor");
    clock.advance(Duration::seconds(60));

    // Space on an open floor asks the same question; Amara takes over from Ben.
    app.handle(Command::NextSpeaker);
    let names = floor_names(&app);
    assert!(
        !names
            .iter()
            .any(|n| n.contains("Ben Carter") && !n.starts_with("Nobody")),
        "whoever is talking is not offered: {names:?}"
    );
    assert!(
        names
            .last()
            .unwrap()
            .starts_with("Nobody — Ben Carter stops")
    );
    press(&mut app, "1");
    clock.advance(Duration::seconds(30));
    app.handle(Command::TogglePause);
    clock.advance(Duration::seconds(120)); // a pause is nobody's airtime
    app.handle(Command::TogglePause);
    clock.advance(Duration::seconds(30));

    assert_eq!(
        airtime(&app, ben),
        (60, 1),
        "Ben's time stopped when Amara began"
    );
    assert_eq!(airtime(&app, amara), (60, 1), "the pause is not Amara's");
    assert!(!not_heard(&app).contains(&ben) && !not_heard(&app).contains(&amara));

    // The most recent speaker comes first now; the last row stops the clock.
    app.handle(Command::Floor);
    let names = floor_names(&app);
    assert!(
        names[0].starts_with("1 Ben Carter · spoke 1:00"),
        "{names:?}"
    );
    press(&mut app, "1");
    let names_after: Vec<String> = {
        let l = app.live().meeting.as_ref().unwrap();
        l.floor
            .iter()
            .map(|f| l.name(f.member).to_string())
            .collect()
    };
    assert_eq!(names_after, ["Ben Carter", "Amara Okafor", "Ben Carter"]);
    clock.advance(Duration::seconds(15));
    app.handle(Command::Floor);
    let n = floor_names(&app).len();
    app.handle(Command::Bottom);
    for _ in 0..n {
        app.handle(Command::Down);
    }
    app.handle(Command::Open);
    assert!(
        app.status()
            .unwrap()
            .text
            .starts_with("Nobody has the floor; Ben Carter's time stopped"),
        "{:?}",
        app.status()
    );
    clock.advance(Duration::seconds(100));
    assert_eq!(
        airtime(&app, ben),
        (75, 2),
        "nobody's clock runs while the floor is quiet"
    );

    // The Voices panel shows the floor's airtime.
    let text = ui::app_to_text(&app, 160, 45);
    assert!(text.contains("1:15"), "{text}");

    // Moving on closes the floor; the spans stay in the store and count in history.
    app.handle(Command::Floor);
    press(&mut app, "1");
    clock.advance(Duration::seconds(20));
    app.handle(Command::NextItem);
    clock.advance(Duration::seconds(50));
    let l = app.live().meeting.as_ref().unwrap();
    assert!(
        l.floor.iter().all(|f| f.span.end.is_some()),
        "{:?}",
        l.floor
    );
    let community = l.meeting.community_id;
    let meeting = l.meeting.id;
    assert_eq!(airtime(&app, ben), (95, 3));
    app.handle(Command::EndMeeting);
    app.handle(Command::Yes);
    let history = app.store_mut().airtime_history(community).unwrap();
    assert_eq!(
        history.get(&ben),
        Some(&95),
        "least-heard order counts the floor"
    );
    assert_eq!(history.get(&amara), Some(&60));
    let reread = app.store_mut().live_meeting(meeting).unwrap();
    assert_eq!(reread.floor.len(), 4);
    let minutes = roundtable::domain::minutes::Minutes::from_live(
        &reread,
        CLUB,
        now() + Duration::hours(1),
        &chrono::Utc,
    );
    let row = minutes
        .airtime
        .rows
        .iter()
        .find(|r| r.member == "Ben Carter")
        .unwrap();
    assert_eq!(
        (row.seconds, row.turns),
        (95, 3),
        "the minutes count the floor"
    );
}

#[test]
fn the_floor_waits_for_a_round_and_a_round_closes_the_floor() {
    let (mut app, clock, ids) = on_open_floor();
    app.handle(Command::Floor);
    press(&mut app, "1");
    clock.advance(Duration::seconds(40));
    app.handle(Command::NewRound);
    let l = app.live().meeting.as_ref().unwrap();
    assert!(
        l.floor_speaker().is_none(),
        "a round takes over from the floor"
    );
    assert_eq!(airtime(&app, ids.member(LEADER)).0, 40);
    // While the round runs, its turns say who speaks.
    app.handle(Command::Floor);
    assert!(matches!(app.overlay(), Overlay::None));
    assert!(
        app.status()
            .unwrap()
            .text
            .contains("round of turns is running")
    );
    let meeting = app.live().meeting.as_ref().unwrap().meeting.id;
    let ben = ids.member("Ben Carter");
    let now = app.now();
    let refused = app.store_mut().write(|tx| tx.give_floor(meeting, ben, now));
    assert!(refused.is_err());
}

#[test]
fn someone_absent_cannot_take_the_floor() {
    let (mut app, _clock, ids) = on_open_floor();
    let meeting = app.live().meeting.as_ref().unwrap().meeting.id;
    let farah = ids.member(INACTIVE);
    let now = app.now();
    let r = app
        .store_mut()
        .write(|tx| tx.give_floor(meeting, farah, now));
    assert!(r.is_err(), "{r:?}");
}

#[test]
fn i_shows_the_cue_card_and_enter_edits_it() {
    let (mut app, _clock, _) = live();
    app.handle(Command::NextSpeaker); // the icebreaker round: Amara first
    press(&mut app, "i");
    match app.overlay() {
        Overlay::Choose(c) => {
            assert!(c.title.starts_with("Cue card: Amara Okafor"), "{}", c.title);
            assert!(
                c.options
                    .iter()
                    .any(|(o, _)| o.starts_with("Hopes: A team that reads"))
            );
        }
        other => panic!("the cue card is not shown: {other:?}"),
    }
    press(&mut app, "<Enter>");
    assert!(
        matches!(app.overlay(), Overlay::Form(f) if f.title.starts_with("Introducing Amara")),
        "Enter edits"
    );
}

fn snap(name: &str, app: &App, w: u16, h: u16) {
    let text = ui::app_to_text(app, w, h);
    screen::assert_screen(name, &text, w, h);
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
}

#[test]
fn prompts_show_on_the_live_screen() {
    let (mut app, clock, _) = live();
    clock.advance(Duration::seconds(30));
    app.clear_status();
    // Nobody speaks yet: the icebreaker's prompt, at 80x24 too.
    let text = ui::app_to_text(&app, 80, 24);
    assert!(text.contains("Prompts · Warm-up"), "{text}");
    assert!(text.contains("Icebreaker: Two truths"), "{text}");
    snap("live_prompts_icebreaker", &app, 80, 24);
    snap("live_prompts_icebreaker", &app, 160, 45);

    // The open discussion's leader notes, with someone on the floor.
    app.handle(Command::NextItem);
    app.handle(Command::NextItem);
    app.handle(Command::Floor);
    press(&mut app, "2");
    clock.advance(Duration::seconds(75));
    app.clear_status();
    let tall = ui::app_to_text(&app, 160, 45);
    assert!(tall.contains("What problems does it"), "{tall}");
    assert!(tall.contains("Cue card: Ben Carter"), "{tall}");
    snap("live_floor_prompts", &app, 80, 24);
    snap("live_floor_prompts", &app, 160, 45);
    // Short of room, `v` shows the prompts over the whole column, all of them.
    app.handle(Command::TogglePrompts);
    app.clear_status();
    let short = ui::app_to_text(&app, 80, 24);
    assert!(short.contains("quieter members get a turn"), "{short}");
    snap("live_floor_prompts_full", &app, 80, 24);
}

#[test]
fn a_recurring_item_stays_with_its_template() {
    let (mut store, ids) = store();
    let quick = store.template("Quick check-in").unwrap();
    let cycle = store.template("Learning cycle meeting").unwrap();
    let recurring: Vec<String> = quick
        .items
        .iter()
        .filter(|i| i.recurring)
        .map(|i| i.title.clone())
        .collect();
    assert!(
        !recurring.is_empty(),
        "the quick check-in has a recurring item"
    );
    let plan = |store: &mut Store, t: &roundtable::domain::template::Template, days: i64| {
        let info = roundtable::domain::meeting::MeetingInfo {
            title: t.name.clone(),
            scheduled_at: now() + Duration::days(days),
            planned_minutes: 120,
        };
        let id = store
            .write(|tx| tx.create_meeting(ids.club, &info, Some(&t.name), &t.items, now()))
            .unwrap();
        store
            .agenda(id)
            .unwrap()
            .into_iter()
            .map(|a| a.info.title)
            .collect::<Vec<_>>()
    };
    plan(&mut store, &quick, 1);
    let other = plan(&mut store, &cycle, 8);
    for r in &recurring {
        if !cycle.items.iter().any(|i| &i.title == r) {
            assert!(
                !other.contains(r),
                "{r:?} joined another template's plan: {other:?}"
            );
        }
    }
    let again = plan(&mut store, &quick, 15);
    let once = |t: &String| again.iter().filter(|a| *a == t).count() == 1;
    assert!(recurring.iter().all(once), "{again:?}");
}

#[test]
fn an_icebreaker_longer_than_its_item_warns() {
    let (mut store, ids) = store();
    plan_meeting(&mut store, &ids);
    let mut app = App::new(store, Box::new(clock()));
    app.set_color(false);
    press(&mut app, "<Enter>");
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::Edit);
    assert_eq!(app.screen(), Screen::Plan);
    app.handle(Command::Library); // for the 5-minute warm-up
    assert_eq!(app.screen(), Screen::Icebreakers);
    for _ in 0..200 {
        if app
            .library()
            .selected_icebreaker()
            .is_some_and(|i| i.info.minutes > 5)
        {
            break;
        }
        app.handle(Command::Down);
    }
    let long = app.library().selected_icebreaker().unwrap().info.clone();
    assert!(long.minutes > 5);
    app.handle(Command::Open);
    let status = app.status().unwrap();
    assert!(status.is_error, "{status:?}");
    assert!(
        status
            .text
            .contains(&format!("it takes {} min and its item has 5", long.minutes)),
        "{status:?}"
    );
}

#[test]
fn voices_show_everyone_or_say_how_many_are_hidden() {
    let (mut app, _clock, _) = live();
    let meeting = app.live().meeting.as_ref().unwrap().meeting.id;
    let now = app.now();
    for i in 1..=9 {
        let guest = roundtable::domain::Profile {
            name: format!("Guest Number {i}"),
            ..Default::default()
        };
        app.store_mut()
            .write(|tx| tx.add_walk_in(meeting, &guest, true, now))
            .unwrap();
    }
    app.handle(Command::TogglePause); // re-reads the meeting
    let here = app.live().meeting.as_ref().unwrap().here().len();
    assert_eq!(here, 14);
    let text = ui::app_to_text(&app, 80, 24);
    // Bar rows end with a time and the panel's edge.
    let rows = text.lines().filter(|l| l.ends_with(" 0:00 │")).count();
    let hidden: usize = text
        .lines()
        .find(|l| l.contains("more not shown"))
        .and_then(|l| l.rsplit_once("… "))
        .and_then(|(_, r)| r.split(' ').next()?.parse().ok())
        .unwrap_or(0);
    assert!(text.contains("│ fair share"), "{text}");
    assert!(
        text.contains(&format!("… {hidden} more not shown")),
        "{text}"
    );
    assert_eq!(rows + hidden, here, "{text}");
    assert!(hidden > 0, "{text}");
}
