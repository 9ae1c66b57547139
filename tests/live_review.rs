//! The action review in a live meeting, driven by keys with a fake clock: the item lists
//! the community's open actions by itself, walked owner by owner in the round's order,
//! each followed up with one key (and an optional note); overdue actions are marked as
//! the clock passes their due date; the follow-ups are in the minutes. Snapshots at 80x24
//! and 200x60.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::{Duration, Local, NaiveDate};
use common::ward::{CARRIED, app_at, key, seed, t0, typ};
use ratatui::crossterm::event::KeyCode;
use roundtable::app::{App, Command, Overlay, Screen};
use roundtable::domain::agenda::ItemKind;
use roundtable::domain::live::{Attendance, LiveMeeting};
use roundtable::domain::minutes::Minutes;
use roundtable::domain::note::ActionStatus;
use roundtable::domain::review;
use roundtable::domain::rounds::OrderStrategy;
use roundtable::domain::{ActionId, ActionInfo, ActionVerdict, CommunityId, FakeClock};
use roundtable::store::Store;
use roundtable::ui;

/// The local date of the meeting (the fixture pins the time zone to UTC).
fn day0() -> NaiveDate {
    t0().with_timezone(&Local).date_naive()
}

fn add_action(
    store: &mut Store,
    c: CommunityId,
    title: &str,
    owner: Option<&str>,
    due: Option<i64>,
) -> ActionId {
    let owner = owner.map(|name| {
        store
            .members(c)
            .unwrap()
            .into_iter()
            .find(|m| m.profile.name == name)
            .unwrap()
            .id
    });
    let info = ActionInfo {
        title: title.into(),
        owner,
        due: due.map(|d| day0() + Duration::days(d)),
        goal: None,
    };
    store
        .write(|tx| tx.insert_action(c, &info, None, t0() - Duration::days(14)))
        .unwrap()
}

/// The ward (Di absent) with open actions: Ada's overdue card and her pharmacy call,
/// Bo's audit, Di's handover sheet (she is not here) and the fixture's carried action
/// (nobody's); started through the app and on the action review item.
fn on_review() -> (App, FakeClock, Added) {
    on_review_in(Store::open_in_memory().unwrap())
}

/// [`on_review`] on `store`.
fn on_review_in(mut store: Store) -> (App, FakeClock, Added) {
    common::pin_timezone();
    let clock = FakeClock::new(t0());
    let c = seed(&mut store);
    let ids = Added {
        card: add_action(
            &mut store,
            c,
            "Laminate the SSKIN card",
            Some("Ada"),
            Some(-3),
        ),
        pharmacy: add_action(
            &mut store,
            c,
            "Ask pharmacy about cream",
            Some("Ada"),
            Some(5),
        ),
        audit: add_action(&mut store, c, "Audit five heel checks", Some("Bo"), Some(2)),
        handover: add_action(
            &mut store,
            c,
            "Update the handover sheet",
            Some("Di"),
            Some(-1),
        ),
    };
    let mut app = app_at(store, &clock);
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::StartMeeting);
    // Di is fourth on the attendance list: present → late → absent.
    for _ in 0..3 {
        app.handle(Command::Down);
    }
    app.handle(Command::CycleAttendance);
    app.handle(Command::CycleAttendance);
    app.handle(Command::OpenLive);
    app.handle(Command::NextItem);
    assert_eq!(
        live(&app).current_item().unwrap().item.info.kind,
        ItemKind::ActionReview
    );
    (app, clock, ids)
}

/// The actions [`on_review`] adds.
struct Added {
    card: ActionId,
    pharmacy: ActionId,
    audit: ActionId,
    handover: ActionId,
}

fn live(app: &App) -> &LiveMeeting {
    app.live().meeting.as_ref().unwrap()
}

fn today(app: &App) -> NaiveDate {
    app.now().with_timezone(&Local).date_naive()
}

/// The review's groups as (owner name or "-", action titles).
fn groups(app: &App) -> Vec<(String, Vec<String>)> {
    let l = live(app);
    review::review(l, today(app))
        .into_iter()
        .map(|g| {
            (
                g.owner.map_or("-".to_string(), |m| l.name(m).to_string()),
                g.rows.into_iter().map(|r| r.title).collect(),
            )
        })
        .collect()
}

fn chooser_title(app: &App) -> String {
    match app.overlay() {
        Overlay::Choose(c) => c.title.clone(),
        other => panic!("a chooser, not {other:?}"),
    }
}

#[test]
fn the_action_review_item_lists_the_open_actions_by_itself() {
    let (mut app, _clock, _) = on_review();
    // The store fills the meeting with every open action of the community.
    let mut titles: Vec<&str> = live(&app)
        .open_actions
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    titles.sort_unstable();
    assert_eq!(
        titles,
        [
            "Ask pharmacy about cream",
            "Audit five heel checks",
            "Laminate the SSKIN card",
            CARRIED,
            "Update the handover sheet"
        ]
    );
    // Before the round: owners here in attendance order, then Di's (absent) and nobody's.
    assert_eq!(
        groups(&app),
        [
            (
                "Ada".to_string(),
                vec![
                    "Laminate the SSKIN card".to_string(),
                    "Ask pharmacy about cream".to_string()
                ]
            ),
            ("Bo".into(), vec!["Audit five heel checks".into()]),
            (
                "-".into(),
                vec!["Update the handover sheet".into(), CARRIED.into()]
            ),
        ]
    );
    let text = ui::app_to_text(&app, 80, 24);
    assert!(text.contains("Action review 0/5 followed up"), "{text}");
    assert!(text.contains("Laminate the SSKIN card"), "{text}");
    assert!(text.contains("⚠ overdue"), "{text}");
    // The round's order gives the owners' order: after an icebreaker round Ada
    // opened, a rotated round starts with Bo.
    app.handle(Command::PrevItem);
    app.handle(Command::NextSpeaker); // the icebreaker round, roster order: Ada first
    app.handle(Command::NextItem);
    while app.next_round_order() != OrderStrategy::Rotate {
        app.handle(Command::CycleOrder);
    }
    app.handle(Command::NextSpeaker);
    let l = live(&app);
    assert_eq!(l.name(l.speaker().unwrap()), "Bo", "{:?}", app.status());
    let owners: Vec<String> = groups(&app).into_iter().map(|(o, _)| o).collect();
    assert_eq!(owners, ["Bo", "Ada", "-"]);
    let text = ui::app_to_text(&app, 80, 24);
    assert!(text.contains("▶ Bo speaking"), "{text}");
}

#[test]
fn owners_are_walked_as_a_round_with_one_key_each() {
    let (mut app, clock, ids) = on_review();
    let meeting = live(&app).meeting.id;
    key(&mut app, KeyCode::Char(' ')); // the round: Ada, Bo, Cy, Ed
    assert_eq!(
        live(&app).speaker().map(|m| live(&app).name(m).to_string()),
        Some("Ada".into())
    );

    // Ada's overdue card first: u, then 1 — done, no note, two keys.
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(chooser_title(&app), "Follow up: Laminate the SSKIN card");
    key(&mut app, KeyCode::Char('1'));
    assert!(matches!(app.overlay(), Overlay::None));
    let status = app.status().unwrap().text.clone();
    assert!(
        status.contains("✓ done: Laminate the SSKIN card (Ada)"),
        "{status}"
    );
    assert!(status.contains("u: Ada's next action"), "{status}");
    let card = app.store_mut().action(ids.card).unwrap();
    assert_eq!(card.status, ActionStatus::Done);
    let u = card.last_update.unwrap();
    assert_eq!(
        (u.verdict, u.meeting, u.in_reflection, u.note.as_str()),
        (ActionVerdict::Done, Some(meeting), false, "")
    );

    // Her second: partly done, with a note typed after the verdict; Enter saves.
    clock.advance(Duration::seconds(30));
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(chooser_title(&app), "Follow up: Ask pharmacy about cream");
    key(&mut app, KeyCode::Char('2'));
    assert!(matches!(app.overlay(), Overlay::Form(_)), "a one-line note");
    typ(&mut app, "asked, waiting for an answer");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay(), Overlay::None), "{:?}", app.status());
    let status = app.status().unwrap().text.clone();
    assert!(
        status.contains("◐ partly done: Ask pharmacy about cream (Ada)"),
        "{status}"
    );
    assert!(status.contains("Space: next speaker"), "{status}");
    let pharmacy = app.store_mut().action(ids.pharmacy).unwrap();
    assert_eq!(pharmacy.status, ActionStatus::Open, "partly leaves it open");
    assert_eq!(
        pharmacy.last_update.unwrap().note,
        "asked, waiting for an answer"
    );

    // Bo: u and Enter (the first row, done) — two keys again.
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(chooser_title(&app), "Follow up: Audit five heel checks");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.store_mut().action(ids.audit).unwrap().status,
        ActionStatus::Done
    );

    // Cy owns nothing: u asks which action; Di's (she is absent) can still be updated.
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(chooser_title(&app), "Which action to follow up?");
    let Overlay::Choose(c) = app.overlay() else {
        panic!()
    };
    let handover = c
        .options
        .iter()
        .position(|(t, _)| t == "Update the handover sheet")
        .unwrap();
    assert!(
        c.options[handover].1.contains("Di · ⚠ overdue"),
        "{:?}",
        c.options
    );
    for _ in c.selected..handover {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(chooser_title(&app), "Follow up: Update the handover sheet");
    key(&mut app, KeyCode::Char('4')); // dropped, then why
    typ(&mut app, "the new e-handover replaces it");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.store_mut().action(ids.handover).unwrap().status,
        ActionStatus::Dropped
    );

    // The list shows each verdict; the minutes list the four follow-ups in order.
    let text = ui::app_to_text(&app, 200, 60);
    for shown in [
        "Action review 4/5 followed up",
        "✓ done        Laminate the SSKIN card",
        "◐ partly done Ask pharmacy about cream: asked, waiting for an answer",
        "✗ dropped     Update the handover sheet: the new e-handover replaces it",
    ] {
        assert!(text.contains(shown), "{shown}\n{text}");
    }
    let m = Minutes::from_live(live(&app), "Ward 7", app.now(), &Local);
    let said: Vec<(String, String)> = m
        .action_updates
        .iter()
        .map(|u| (u.title.clone(), u.verdict.clone()))
        .collect();
    assert_eq!(
        said,
        [
            ("Laminate the SSKIN card".to_string(), "done".to_string()),
            ("Ask pharmacy about cream".into(), "partly".into()),
            ("Audit five heel checks".into(), "done".into()),
            ("Update the handover sheet".into(), "dropped".into()),
        ]
    );
}

#[test]
fn esc_on_the_note_saves_nothing_and_a_verdict_can_be_corrected() {
    let (mut app, _clock, ids) = on_review();
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char('u'));
    key(&mut app, KeyCode::Char('3')); // not done, then a note
    typ(&mut app, "forgot");
    key(&mut app, KeyCode::Esc);
    // Typing in it: Esc asks first; yes throws it away.
    assert!(matches!(app.overlay(), Overlay::Confirm(_)));
    key(&mut app, KeyCode::Char('y'));
    assert!(matches!(app.overlay(), Overlay::None));
    assert!(live(&app).follow_ups.is_empty(), "nothing saved");
    // Done by mistake, then corrected: the list shows the latest verdict.
    key(&mut app, KeyCode::Char('u'));
    key(&mut app, KeyCode::Enter);
    app.handle(Command::FollowUp);
    assert_eq!(chooser_title(&app), "Follow up: Ask pharmacy about cream");
    key(&mut app, KeyCode::Char('6')); // another action…
    assert_eq!(chooser_title(&app), "Which action to follow up?");
    let Overlay::Choose(c) = app.overlay() else {
        panic!()
    };
    assert_eq!(
        c.options[0].0, "Laminate the SSKIN card",
        "the speaker's first"
    );
    for _ in 0..c.selected {
        key(&mut app, KeyCode::Up);
    }
    key(&mut app, KeyCode::Enter); // Ada's card, followed up already but listed
    assert_eq!(chooser_title(&app), "Follow up: Laminate the SSKIN card");
    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Enter);
    let card = app.store_mut().action(ids.card).unwrap();
    assert_eq!(card.status, ActionStatus::Open, "not done opens it again");
    let rows: Vec<_> = review::review(live(&app), today(&app))
        .into_iter()
        .flat_map(|g| g.rows)
        .filter(|r| r.action == ids.card)
        .collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].followed.as_ref().unwrap().0, ActionVerdict::NotDone);
}

#[test]
fn an_action_becomes_overdue_when_its_day_passes_while_the_app_runs() {
    let (mut app, clock, _) = on_review();
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Char(' ')); // Bo, whose audit is due in two days
    let text = ui::app_to_text(&app, 80, 24);
    let due = day0() + Duration::days(2);
    let short = due.format("%-d %b").to_string();
    assert!(
        text.contains(&format!("due {short}     Audit five heel checks")),
        "{text}"
    );
    assert!(!text.contains("⚠ overdue     Audit"), "{text}");
    // The meeting runs long (paused over two nights): the same screen, now overdue.
    app.handle(Command::TogglePause);
    clock.advance(Duration::days(3));
    let text = ui::app_to_text(&app, 80, 24);
    assert!(
        text.contains("⚠ overdue     Audit five heel checks"),
        "{text}"
    );
    let l = live(&app);
    let bo = review::review(l, today(&app))
        .into_iter()
        .flat_map(|g| g.rows)
        .find(|r| r.title == "Audit five heel checks")
        .unwrap();
    assert!(bo.overdue);
    assert_eq!(bo.standing(), format!("⚠ overdue (due {due})"));
}

#[test]
fn with_nothing_open_or_followed_up_here_u_says_so() {
    let (mut app, _clock, _) = on_review();
    // Everything closed between meetings (not in this one).
    let ids: Vec<ActionId> = live(&app).open_actions.iter().map(|a| a.id).collect();
    let now = app.now();
    for id in ids {
        app.store_mut()
            .write(|tx| tx.follow_up_action(id, ActionVerdict::Done, "", "", None, false, now))
            .unwrap();
    }
    app.handle(Command::TogglePause); // any live command re-reads the meeting
    app.handle(Command::TogglePause);
    app.handle(Command::FollowUp);
    assert!(matches!(app.overlay(), Overlay::None));
    assert_eq!(app.status().unwrap().text, "No open actions to follow up");
    let text = ui::app_to_text(&app, 80, 24);
    assert!(
        text.contains("No open actions: nothing to review"),
        "{text}"
    );
    assert!(
        live(&app)
            .attendance
            .iter()
            .any(|a| a.status == Attendance::Absent)
    );
}

/// The action review mid-walk: Ada done, Bo speaking; at 80x24 (the list scrolls to
/// the speaker) and 200x60.
#[test]
fn snapshots_of_the_action_review() {
    let (mut app, clock, _) = on_review();
    key(&mut app, KeyCode::Char(' '));
    clock.advance(Duration::seconds(50));
    key(&mut app, KeyCode::Char('u'));
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Char('u'));
    key(&mut app, KeyCode::Char('2'));
    typ(&mut app, "asked, waiting");
    key(&mut app, KeyCode::Enter);
    clock.advance(Duration::seconds(40));
    key(&mut app, KeyCode::Char(' ')); // Bo
    clock.advance(Duration::seconds(15));
    app.clear_status();
    for (w, h) in [(80, 24), (200, 60)] {
        let text = ui::app_to_text(&app, w, h);
        common::screen::assert_screen("action review", &text, w, h);
        assert!(
            text.contains("▶ Bo speaking 0:15 · 1 to follow up"),
            "{text}"
        );
        insta::assert_snapshot!(format!("live_action_review_{w}x{h}"), text);
    }
    key(&mut app, KeyCode::Char('u'));
    let text = ui::app_to_text(&app, 80, 24);
    common::screen::assert_screen("verdict chooser", &text, 80, 24);
    insta::assert_snapshot!("live_action_review_verdict_80x24", text);
}

#[test]
fn a_follow_up_given_on_the_actions_screen_during_the_meeting_is_in_its_minutes() {
    let (mut app, _, ids) = on_review();
    let meeting = live(&app).meeting.id;
    app.handle(Command::GoTo(Screen::Actions));
    assert_eq!(app.screen(), Screen::Actions);
    let row = app
        .visible(Screen::Actions)
        .iter()
        .position(|&i| app.actions().actions[i].id == ids.audit)
        .unwrap();
    common::press(&mut app, "g");
    for _ in 0..row {
        common::press(&mut app, "j");
    }
    // 1: done, then Enter on the optional note.
    common::press(&mut app, "u1<Enter>");
    let ups = app.store_mut().action_updates(ids.audit).unwrap();
    assert_eq!(ups.len(), 1, "{:?}", app.status());
    assert_eq!(
        ups[0].meeting,
        Some(meeting),
        "given during the live meeting"
    );
    let followed = app.store_mut().meeting_action_updates(meeting).unwrap();
    assert_eq!(followed.len(), 1, "the minutes list it");
    // Back on the live screen, the review shows it followed up.
    app.handle(Command::GoTo(Screen::Live));
    let m = Minutes::from_live(live(&app), "Ward", t0(), &Local);
    assert_eq!(m.action_updates.len(), 1);
}

/// Space gives Ada the floor and an action is taken: `text`, hers by default, due in a
/// week.
fn take_action(app: &mut App, text: &str) {
    key(app, KeyCode::Char(' '));
    app.handle(Command::Note);
    while !matches!(app.overlay(), Overlay::Note(n) if n.kind == roundtable::domain::note::NoteKind::Action)
    {
        app.handle(Command::NoteKind);
    }
    typ(app, text);
    app.handle(Command::NoteSave);
    app.handle(Command::FormSave);
}

/// B6 of the trial: an action taken on the review item is not listed for follow-up in
/// the meeting it was taken in, nor after a crash and a resume.
#[test]
fn an_action_taken_in_the_meeting_is_not_due_for_follow_up_in_it_even_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b6.db");
    let (before, clock) = {
        let (mut app, clock, _) = on_review_in(Store::open(&path).unwrap());
        let before = groups(&app);
        take_action(&mut app, "Check huddle red sheet");
        let l = live(&app);
        let taken = l
            .open_actions
            .iter()
            .find(|a| a.title == "Check huddle red sheet");
        assert_eq!(taken.and_then(|a| a.owner).map(|m| l.name(m)), Some("Ada"));
        assert_eq!(groups(&app), before, "not listed for follow-up here");
        let text = ui::app_to_text(&app, 80, 24);
        assert!(text.contains("Action review 0/5 followed up"), "{text}");
        (before, clock)
    };
    clock.advance(Duration::seconds(20));
    let mut app = app_at(Store::open(&path).unwrap(), &clock);
    assert!(
        matches!(app.overlay(), Overlay::Confirm(_)),
        "resume is offered"
    );
    app.handle(Command::Yes);
    assert_eq!(groups(&app), before, "nor after a restart");
    let text = ui::app_to_text(&app, 80, 24);
    assert!(text.contains("Action review 0/5 followed up"), "{text}");
}

/// C2 of the trial: the meeting view says where each action taken in the meeting stands
/// today: open; then partly done and overdue once its day has passed; then done.
#[test]
fn the_meeting_view_says_where_each_action_taken_in_it_stands_today() {
    let (mut app, clock, _) = on_review();
    take_action(&mut app, "Check huddle red sheet");
    let l = live(&app);
    let id = l
        .open_actions
        .iter()
        .find(|a| a.title == "Check huddle red sheet")
        .unwrap()
        .id;
    app.handle(Command::EndMeeting);
    app.handle(Command::Yes);
    let row = |app: &mut App| {
        // Back to the summary and the meeting in full again: read as it is opened.
        key(app, KeyCode::Esc);
        app.handle(Command::Open);
        assert_eq!(app.screen(), Screen::MeetingView);
        let text = ui::app_to_text(app, 200, 60);
        text.lines()
            .find(|l| l.contains("• Check huddle red sheet"))
            .unwrap_or_else(|| panic!("{text}"))
            .to_string()
    };
    app.handle(Command::Open);
    assert!(row(&mut app).contains("· now open"));
    clock.advance(Duration::days(8));
    let now = app.now();
    let follow = |app: &mut App, verdict| {
        app.store_mut()
            .write(|tx| tx.follow_up_action(id, verdict, "", "", None, false, now))
            .unwrap();
    };
    follow(&mut app, ActionVerdict::Partly);
    let r = row(&mut app);
    assert!(r.contains("· now ◐ partly done · ⚠ overdue"), "{r}");
    follow(&mut app, ActionVerdict::Done);
    let r = row(&mut app);
    assert!(r.contains("· now ✓ done"), "{r}");
}

/// r8 trial: the cue card listed "Open actions: … (due Sun 2026-11-15)" with no word that
/// the day had passed; an open action due before today now says "⚠ overdue".
#[test]
fn the_cue_card_says_an_action_is_overdue() {
    let (mut app, _clock, _) = on_review();
    app.handle(Command::NextItem);
    // An open floor: `t` asks who is talking; Ada is first.
    key(&mut app, KeyCode::Char('t'));
    key(&mut app, KeyCode::Enter);
    let text = ui::app_to_text(&app, 200, 60);
    assert!(text.contains("Cue card: Ada"), "{text}");
    assert!(
        text.contains("Laminate the SSKIN card (⚠ overdue, due"),
        "{text}"
    );
    assert!(text.contains("Ask pharmacy about cream (due"), "{text}");
}
