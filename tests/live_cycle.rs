//! The learning cycle in the live meeting, through the app's keys: the board of a
//! critical interrogation (notes land on it, `L` links a solution), commitments in an
//! application item (`A`, questioned without an owner or with a past due date), the
//! reflection walk (`R`), the phase offered on entering an item (a skip confirmed and
//! recorded), the working agreements (`w`), and a whole cycle across three meetings.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::Duration;
use common::screen;
use common::ward::{self, app_at, seed, t0, typ};
use ratatui::crossterm::event::KeyCode;
use roundtable::app::{App, Command, Overlay, Screen};
use roundtable::domain::note::{ActionStatus, NoteKind};
use roundtable::domain::{
    ActionInfo, ActionVerdict, CommunityId, CycleId, FakeClock, GoalId, GoalInfo, GoalStatus,
    GoalVerdict, Phase, Topic,
};
use roundtable::store::Store;
use roundtable::ui;

/// Items of the learning-cycle template.
const INTERROGATION: usize = 2;
const APPLICATION: usize = 3;
const REFLECTION: usize = 4;

/// The ward with a goal, and (with `cycle`) cycle 1 "SBAR handovers" open on it.
fn ward_into(store: &mut Store, cycle: bool) -> (CommunityId, GoalId, Option<CycleId>) {
    common::pin_timezone();
    let c = seed(store);
    let info = GoalInfo {
        title: "Safer handovers".into(),
        success_measure: String::new(),
        target: None,
        status: GoalStatus::Active,
    };
    let g = store.write(|tx| tx.insert_goal(c, &info, t0())).unwrap();
    let id = cycle.then(|| {
        let topic = Topic {
            title: "SBAR handovers".into(),
            ..Topic::default()
        };
        store
            .write(|tx| tx.open_cycle(c, &topic, &[g], t0().date_naive(), t0()))
            .unwrap()
    });
    (c, g, id)
}

/// [`ward_into`] an in-memory store.
fn ward_store(cycle: bool) -> (Store, CommunityId, GoalId, Option<CycleId>) {
    let mut store = Store::open_in_memory().unwrap();
    let (c, g, id) = ward_into(&mut store, cycle);
    (store, c, g, id)
}

/// Starts the next planned meeting with everyone present.
fn start(app: &mut App) {
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::StartMeeting);
    app.handle(Command::OpenLive);
    assert_eq!(app.screen(), Screen::Live, "{:?}", app.status());
}

/// Moves the meeting on to item `index` (from the first), answering `answer` to the
/// phase the item offers.
fn go_to(app: &mut App, index: usize, answer: Command) {
    let cur = app
        .live()
        .meeting
        .as_ref()
        .unwrap()
        .current_index()
        .unwrap();
    for _ in cur..index {
        app.handle(Command::NextItem);
        if matches!(app.overlay(), Overlay::Confirm(_)) {
            app.handle(answer);
        }
    }
    let l = app.live().meeting.as_ref().unwrap();
    assert_eq!(l.current_index(), Some(index));
}

fn started(cycle: bool) -> (App, FakeClock, CommunityId, GoalId, Option<CycleId>) {
    let (store, c, g, id) = ward_store(cycle);
    let clock = FakeClock::new(t0());
    let mut app = app_at(store, &clock);
    start(&mut app);
    (app, clock, c, g, id)
}

fn note(app: &mut App, tabs: usize, text: &str) {
    app.handle(Command::Note);
    for _ in 0..tabs {
        app.handle(Command::NoteKind);
    }
    typ(app, text);
    app.handle(Command::NoteSave);
    assert!(matches!(app.overlay(), Overlay::None), "{:?}", app.status());
}

fn text(app: &App) -> String {
    ui::app_to_text(app, 80, 24)
}

fn form_title(app: &App) -> String {
    match app.overlay() {
        Overlay::Form(f) => f.title.clone(),
        Overlay::Choose(c) => c.title.clone(),
        Overlay::Confirm(c) => c.question.clone(),
        o => format!("{o:?}"),
    }
}

fn snap(name: &str, app: &App, w: u16, h: u16) {
    let text = ui::app_to_text(app, w, h);
    screen::assert_screen(name, &text, w, h);
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
}

/// Problems, pitfalls and solutions taken during the interrogation.
fn fill_board(app: &mut App) {
    note(app, 0, "Handover is rushed at 7am");
    note(app, 1, "Night staff may skip the card");
    note(app, 2, "Start handover ten minutes earlier");
}

#[test]
fn notes_land_on_the_board_and_a_solution_links_to_its_problem() {
    let (mut app, _, _, _, cycle) = started(true);
    go_to(&mut app, INTERROGATION, Command::Yes);
    app.handle(Command::Note);
    let Overlay::Note(n) = app.overlay() else {
        panic!("the note editor")
    };
    assert_eq!(
        n.kind,
        NoteKind::Problem,
        "an interrogation starts on problem"
    );
    app.handle(Command::NoteCancel);
    fill_board(&mut app);
    // On the open floor, the note is about whoever has the floor.
    app.handle(Command::Floor);
    app.handle(Command::ChooseNth(2));
    note(&mut app, 0, "Nobody owns the card stock");
    let board = app.store_mut().board(cycle.unwrap()).unwrap();
    let kinds: Vec<NoteKind> = board.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [
            NoteKind::Problem,
            NoteKind::Pitfall,
            NoteKind::Solution,
            NoteKind::Problem
        ]
    );
    let bo = board[3].member.unwrap();
    assert_eq!(app.live().meeting.as_ref().unwrap().name(bo), "Bo");
    let shown = text(&app);
    assert!(
        shown.contains("● problem group: Handover is rushed"),
        "{shown}"
    );
    assert!(shown.contains("▲ pitfall"), "{shown}");
    assert!(
        shown.contains("● problem Bo: Nobody owns the card stock"),
        "{shown}"
    );
    assert!(shown.contains("✓ solution"), "{shown}");

    app.handle(Command::LinkSolution);
    assert_eq!(form_title(&app), "Link which solution?");
    app.handle(Command::Open);
    assert_eq!(form_title(&app), "Which problem or pitfall does it answer?");
    // Noted before the solution, newest first: the pitfall, then the problem.
    app.handle(Command::ChooseNth(2));
    assert!(
        app.status().unwrap().text.contains("answers the problem"),
        "{:?}",
        app.status()
    );
    let board = app.store_mut().board(cycle.unwrap()).unwrap();
    assert_eq!(board[2].answers, Some(board[0].id));
    let shown = text(&app);
    assert!(shown.contains("   ↳ ✓ solution"), "{shown}");
    assert!(shown.contains("(1 linked)"), "{shown}");
    snap("live_board", &app, 80, 24);
    snap("live_board", &app, 200, 60);
}

#[test]
fn without_a_cycle_the_item_says_how_to_open_one() {
    let (mut app, _, _, _, _) = started(false);
    go_to(&mut app, INTERROGATION, Command::Yes);
    let shown = ui::app_to_text(&app, 200, 60);
    assert!(
        shown.contains("open one on the Cycles tab (6, then n)"),
        "{shown}"
    );
    app.handle(Command::LinkSolution);
    assert!(app.status().unwrap().text.contains("Cycles tab"));
    go_to(&mut app, APPLICATION, Command::Yes);
    app.handle(Command::CommitAction);
    assert!(matches!(app.overlay(), Overlay::None));
    assert!(app.status().unwrap().text.contains("Cycles tab"));
}

/// `A`, a title, then the owner `right` steps along the list (0: nobody).
fn commit(app: &mut App, title: &str, right: usize, due: Option<&str>) {
    app.handle(Command::CommitAction);
    assert!(
        form_title(app).starts_with("Commit an action"),
        "{}",
        form_title(app)
    );
    typ(app, title);
    app.handle(Command::FormNext);
    for _ in 0..right {
        ward::key(app, KeyCode::Right);
    }
    if let Some(d) = due {
        app.handle(Command::FormNext);
        for _ in 0..10 {
            ward::key(app, KeyCode::Backspace);
        }
        typ(app, d);
    }
    app.handle(Command::FormSave);
}

#[test]
fn commitments_show_who_has_none_and_questionable_ones_are_asked() {
    let (mut app, _, _, g, cycle) = started(true);
    let cycle = cycle.unwrap();
    go_to(&mut app, APPLICATION, Command::No);
    assert_eq!(
        app.store_mut().cycle(cycle).unwrap().phase,
        Phase::Interrogation
    );
    assert!(text(&app).contains("No commitment yet (5): Ada, Bo, Cy, Di, Ed"));

    commit(&mut app, "Try SBAR at the 7am handover", 2, None);
    assert!(matches!(app.overlay(), Overlay::None), "{:?}", app.status());
    assert!(app.status().unwrap().text.contains("✓ Committed"));
    let actions = app.store_mut().cycle_actions(cycle).unwrap();
    assert_eq!(actions.len(), 1);
    let bo = actions[0].info.owner;
    assert_eq!(app.live().meeting.as_ref().unwrap().name(bo.unwrap()), "Bo");
    assert_eq!(
        actions[0].info.goal,
        Some(g),
        "the cycle's goal comes first"
    );
    assert!(text(&app).contains("No commitment yet (4): Ada, Cy, Di, Ed"));

    // No owner and a past due date: asked, and n goes back to the form as typed.
    commit(&mut app, "Audit the cards", 0, Some("2026-11-01"));
    let q = form_title(&app);
    assert!(
        q.contains("nobody owns it") && q.contains("already past"),
        "{q}"
    );
    app.handle(Command::No);
    let Overlay::Form(f) = app.overlay() else {
        panic!("the form is back: {:?}", app.overlay())
    };
    assert_eq!(f.draft().get("title"), "Audit the cards");
    assert_eq!(app.store_mut().cycle_actions(cycle).unwrap().len(), 1);
    app.handle(Command::FormSave);
    app.handle(Command::Yes);
    let actions = app.store_mut().cycle_actions(cycle).unwrap();
    assert_eq!(actions.len(), 2);
    assert_eq!(actions[1].info.owner, None);
    let shown = ui::app_to_text(&app, 200, 60);
    assert!(shown.contains("⚠ overdue"), "{shown}");
    snap("live_commitments", &app, 80, 24);
    snap("live_commitments", &app, 200, 60);
}

/// Two actions of the cycle, committed between meetings.
fn two_actions(store: &mut Store, c: CommunityId, g: GoalId) {
    for (title, owner) in [("Try SBAR", 0), ("Print the cards", 1)] {
        let owner = store.members(c).unwrap()[owner].id;
        let info = ActionInfo {
            title: title.into(),
            owner: Some(owner),
            due: None,
            goal: Some(g),
        };
        store
            .write(|tx| tx.insert_action(c, &info, None, t0()))
            .unwrap();
    }
}

#[test]
fn the_reflection_walk_stores_each_answer_and_closes_the_cycle() {
    let (mut store, c, g, cycle) = ward_store(true);
    let cycle = cycle.unwrap();
    two_actions(&mut store, c, g);
    let clock = FakeClock::new(t0());
    let mut app = app_at(store, &clock);
    start(&mut app);
    // Reflection from interrogation skips application: asked, then recorded.
    app.handle(Command::NextItem);
    app.handle(Command::NextItem);
    app.handle(Command::NextItem);
    app.handle(Command::NextItem);
    assert!(
        form_title(&app).contains("skips application"),
        "{}",
        form_title(&app)
    );
    app.handle(Command::Yes);
    let phases = app.store_mut().cycle_phases(cycle).unwrap();
    assert_eq!(phases.last().unwrap().phase, Phase::Reflection);
    assert_eq!(phases.last().unwrap().skipped, vec![Phase::Application]);

    app.handle(Command::ReflectionWalk);
    assert!(form_title(&app).contains("action 1 of 2: Try SBAR (Ada)"));
    // A verdict is said, never assumed.
    app.handle(Command::FormSave);
    assert!(matches!(app.overlay(), Overlay::Form(_)));
    assert!(app.status().unwrap().is_error);
    ward::key(&mut app, KeyCode::Right);
    app.handle(Command::FormNext);
    typ(&mut app, "Used it on 3 shifts");
    app.handle(Command::FormNext);
    typ(&mut app, "Works best at 7am");
    app.handle(Command::FormSave);
    assert!(
        form_title(&app).contains("action 2 of 2"),
        "{}",
        form_title(&app)
    );
    snap("live_reflection_walk", &app, 80, 24);
    snap("live_reflection_walk", &app, 200, 60);
    let first = app.store_mut().cycle_actions(cycle).unwrap()[0].clone();
    assert_eq!(first.status, ActionStatus::Done);
    let u = first.last_update.unwrap();
    assert!(u.in_reflection && u.verdict == ActionVerdict::Done);
    assert_eq!(
        (u.note.as_str(), u.learned.as_str()),
        ("Used it on 3 shifts", "Works best at 7am")
    );

    // Left, then resumed where it was.
    app.handle(Command::FormCancel);
    assert!(
        app.status()
            .unwrap()
            .text
            .contains("paused at action 2 of 2")
    );
    assert!(text(&app).contains("Walk: at action 2 of 2 · actions 1/2"));
    app.handle(Command::ReflectionWalk);
    assert!(form_title(&app).contains("action 2 of 2"));
    for _ in 0..3 {
        ward::key(&mut app, KeyCode::Right);
    }
    app.handle(Command::FormSave);
    assert!(form_title(&app).contains("goal 1 of 1: Safer handovers"));
    ward::key(&mut app, KeyCode::Right);
    app.handle(Command::FormNext);
    typ(&mut app, "Handovers take 12 minutes, down from 20");
    app.handle(Command::FormSave);
    // Met: the goal's status on Goals is offered too (r9 trial F14).
    assert!(form_title(&app).contains("Mark the goal met on Goals too?"));
    app.handle(Command::Yes);
    assert_eq!(form_title(&app), "Where can we improve? (0 so far)");
    for body in ["Start on time", "Shorter check-in"] {
        app.handle(Command::Open);
        typ(&mut app, body);
        app.handle(Command::FormEnter);
    }
    assert_eq!(form_title(&app), "Where can we improve? (2 so far)");
    snap("live_reflection_improvements", &app, 200, 60);
    // r8 trial, confusing 4: Esc on editing an improvement goes back to the list, on its
    // row (it left the whole walk); with typing it asks first, and yes goes back too.
    let on_list = |app: &App| match app.overlay() {
        Overlay::Choose(c) => (c.selected, c.options[2].0.clone()),
        o => panic!("back to the improvements: {o:?}"),
    };
    app.handle(Command::ChooseNth(3));
    app.handle(Command::FormCancel);
    assert_eq!(on_list(&app), (2, "• Shorter check-in".to_string()));
    app.handle(Command::ChooseNth(3));
    typ(&mut app, " x");
    app.handle(Command::FormCancel);
    assert!(matches!(app.overlay(), Overlay::Confirm(_)));
    app.handle(Command::Yes);
    assert_eq!(on_list(&app), (2, "• Shorter check-in".to_string()));
    // Esc on adding one: the list again, on "+ add an improvement".
    app.handle(Command::ChooseNth(1));
    app.handle(Command::FormCancel);
    assert_eq!(on_list(&app).0, 0);
    assert_eq!(form_title(&app), "Where can we improve? (2 so far)");
    // Enter on an improvement edits it, and the list comes back on the same row (r7
    // trial: Enter asked to remove it, and the cursor jumped back to "+ add").
    app.handle(Command::ChooseNth(3));
    assert!(form_title(&app).contains("edit the improvement"));
    typ(&mut app, " (5 min)");
    app.handle(Command::FormSave);
    let Overlay::Choose(c) = app.overlay() else {
        panic!("the improvements again: {:?}", app.overlay())
    };
    assert_eq!(c.selected, 2, "still on the edited row");
    assert_eq!(c.options[2].0, "• Shorter check-in (5 min)");
    // Emptied, it asks to remove it; no keeps it, the cursor on its row.
    app.handle(Command::Open);
    for _ in 0.."Shorter check-in (5 min)".len() {
        ward::key(&mut app, KeyCode::Backspace);
    }
    app.handle(Command::FormSave);
    assert!(
        form_title(&app).contains("Remove 'Shorter check-in (5 min)'"),
        "{}",
        form_title(&app)
    );
    app.handle(Command::No);
    let Overlay::Choose(c) = app.overlay() else {
        panic!("the improvements again: {:?}", app.overlay())
    };
    assert_eq!(c.selected, 2, "still on it");
    assert_eq!(
        c.options[2].0, "• Shorter check-in (5 min)",
        "kept as it was"
    );
    app.handle(Command::Open);
    for _ in 0.."Shorter check-in (5 min)".len() {
        ward::key(&mut app, KeyCode::Backspace);
    }
    app.handle(Command::FormSave);
    app.handle(Command::Yes);
    let Overlay::Choose(c) = app.overlay() else {
        panic!("the improvements again: {:?}", app.overlay())
    };
    assert_eq!(c.selected, 2, "the row after the removed one");
    assert_eq!(form_title(&app), "Where can we improve? (1 so far)");
    app.handle(Command::ChooseNth(3));
    assert!(form_title(&app).contains("close cycle 1"));
    typ(&mut app, "Handovers are shorter and calmer");
    app.handle(Command::FormSave);
    assert!(
        matches!(app.overlay(), Overlay::None),
        "{:?}",
        app.overlay()
    );
    assert!(app.status().unwrap().text.contains("Cycle 1 closed"));

    let s = app.store_mut();
    let c1 = s.cycle(cycle).unwrap();
    assert_eq!(c1.phase, Phase::Closed);
    assert_eq!(c1.outcome, "Handovers are shorter and calmer");
    assert_eq!(c1.goals[0].verdict, Some(GoalVerdict::Met));
    assert_eq!(
        c1.goals[0].evidence,
        "Handovers take 12 minutes, down from 20"
    );
    let second = &s.cycle_actions(cycle).unwrap()[1];
    assert_eq!(
        second.last_update.as_ref().unwrap().verdict,
        ActionVerdict::NotDone
    );
    let bodies: Vec<String> = s
        .improvements(cycle)
        .unwrap()
        .into_iter()
        .map(|i| i.body)
        .collect();
    assert_eq!(bodies, ["Start on time"]);
    assert!(text(&app).contains("Walk: ✓ closed"));
    snap("live_reflection_closed", &app, 80, 24);

    // The meeting's record says the cycle was closed in it (r7 trial, bug 1): the end
    // summary, the meeting view and the exported minutes.
    let said = [
        "Cycle 1 reflected on and closed",
        "Safer handovers — ✓ met: Handovers take 12 minutes, down from 20",
        "improve: Start on time",
        "outcome: Handovers are shorter and calmer",
    ];
    let id = app.live().meeting.as_ref().unwrap().meeting.id;
    app.handle(Command::EndMeeting);
    app.handle(Command::Yes);
    assert_eq!(app.screen(), Screen::Summary, "{:?}", app.status());
    let summary = ui::app_to_text(&app, 200, 60);
    for s in said {
        assert!(summary.contains(s), "{s}: {summary}");
    }
    app.handle(Command::Open);
    app.handle(Command::Open);
    assert_eq!(app.screen(), Screen::MeetingView, "{:?}", app.status());
    let view = ui::app_to_text(&app, 200, 60);
    for s in [
        "Cycle 1 reflected on and closed here",
        "improve: Start on time",
    ] {
        assert!(view.contains(s), "{s}: {view}");
    }
    let live = app.store_mut().live_meeting(id).unwrap();
    let md = roundtable::domain::minutes::markdown(
        &roundtable::domain::minutes::Minutes::from_live(&live, "Ward 7", t0(), &chrono::Utc),
    );
    for s in [
        "## Cycle 1 closed",
        "- Safer handovers — ✓ met: Handovers take 12 minutes, down from 20",
        "- Start on time",
        "**Outcome:** Handovers are shorter and calmer",
    ] {
        assert!(md.contains(s), "{s}: {md}");
    }
}

#[test]
fn a_walk_left_by_a_crash_resumes_at_the_first_step_not_answered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("walk.db");
    let mut store = Store::open(&path).unwrap();
    let (c, g, _) = ward_into(&mut store, true);
    two_actions(&mut store, c, g);
    let clock = FakeClock::new(t0());
    let mut app = app_at(store, &clock);
    start(&mut app);
    go_to(&mut app, REFLECTION, Command::Yes);
    app.handle(Command::ReflectionWalk);
    ward::key(&mut app, KeyCode::Right);
    app.handle(Command::FormSave);
    assert!(form_title(&app).contains("action 2 of 2"));
    drop(app);

    clock.advance(Duration::seconds(20));
    let mut app = app_at(Store::open(&path).unwrap(), &clock);
    assert!(
        form_title(&app).contains("still live"),
        "{}",
        form_title(&app)
    );
    app.handle(Command::Yes);
    assert_eq!(
        app.screen(),
        Screen::Live,
        "{:?} {}",
        app.status(),
        form_title(&app)
    );
    assert!(text(&app).contains("Walk: R resumes at action 2 of 2"));
    app.handle(Command::ReflectionWalk);
    assert!(
        form_title(&app).contains("action 2 of 2"),
        "{}",
        form_title(&app)
    );
}

#[test]
fn working_agreements_show_and_hide_on_the_live_screen() {
    let (mut app, _, c, _, _) = started(true);
    app.handle(Command::ShowAgreements);
    assert!(text(&app).contains("No working agreements yet. Add them on the Communities"));
    app.handle(Command::ShowAgreements);
    assert!(!text(&app).contains("w hides"));
    let lines = vec!["One voice at a time".to_string(), "Phones away".into()];
    app.store_mut()
        .write(|tx| tx.set_agreements(c, &lines, t0()))
        .unwrap();
    app.handle(Command::ShowAgreements);
    let shown = text(&app);
    assert!(shown.contains("Working agreements — w hides"), "{shown}");
    assert!(shown.contains("1. One voice at a time") && shown.contains("2. Phones away"));
    app.handle(Command::ShowAgreements);
    assert!(!text(&app).contains("One voice at a time"));
}

#[test]
fn a_whole_cycle_across_three_meetings_through_the_keys() {
    let (mut store, c, g, cycle) = ward_store(true);
    let cycle = cycle.unwrap();
    ward::plan_next(&mut store, c);
    ward::plan(&mut store, c, "Cycle 3", t0() + Duration::days(14));
    let clock = FakeClock::new(t0());
    let mut app = app_at(store, &clock);

    // Meeting 1: the interrogation fills the board.
    start(&mut app);
    go_to(&mut app, INTERROGATION, Command::Yes);
    fill_board(&mut app);
    app.handle(Command::LinkSolution);
    app.handle(Command::Open);
    app.handle(Command::ChooseNth(2));
    app.handle(Command::EndMeeting);
    app.handle(Command::Yes);

    // Meeting 2: the application moves the cycle on, and two actions are committed.
    clock.advance(Duration::days(7));
    start(&mut app);
    assert_eq!(
        app.live().meeting.as_ref().unwrap().meeting.title,
        "Cycle 2"
    );
    go_to(&mut app, APPLICATION, Command::Yes);
    assert_eq!(
        app.store_mut().cycle(cycle).unwrap().phase,
        Phase::Application
    );
    commit(&mut app, "Try SBAR at the 7am handover", 1, None);
    commit(&mut app, "Print SBAR cards", 2, None);
    assert_eq!(app.store_mut().cycle_actions(cycle).unwrap().len(), 2);
    app.handle(Command::EndMeeting);
    app.handle(Command::Yes);

    // Meeting 3: the reflection closes it with an improvement.
    clock.advance(Duration::days(7));
    start(&mut app);
    go_to(&mut app, REFLECTION, Command::Yes);
    assert_eq!(
        app.store_mut().cycle(cycle).unwrap().phase,
        Phase::Reflection
    );
    app.handle(Command::ReflectionWalk);
    ward::key(&mut app, KeyCode::Right);
    app.handle(Command::FormSave);
    ward::key(&mut app, KeyCode::Right);
    ward::key(&mut app, KeyCode::Right);
    app.handle(Command::FormSave);
    ward::key(&mut app, KeyCode::Right);
    ward::key(&mut app, KeyCode::Right);
    app.handle(Command::FormSave);
    app.handle(Command::Open);
    typ(&mut app, "Bring the audit numbers");
    app.handle(Command::FormEnter);
    app.handle(Command::ChooseNth(3));
    typ(&mut app, "SBAR is how we hand over now");
    app.handle(Command::FormSave);
    assert!(
        app.status().unwrap().text.contains("Cycle 1 closed"),
        "{:?}",
        app.status()
    );

    let s = app.store_mut();
    let closed = s.cycle(cycle).unwrap();
    assert_eq!(closed.phase, Phase::Closed);
    assert_eq!(closed.goals[0].verdict, Some(GoalVerdict::Progressing));
    let phases: Vec<Phase> = s
        .cycle_phases(cycle)
        .unwrap()
        .iter()
        .map(|p| p.phase)
        .collect();
    assert_eq!(phases, Phase::ALL);
    assert_eq!(s.cycle_meetings(cycle).unwrap().len(), 3);
    let verdicts: Vec<ActionVerdict> = s
        .cycle_actions(cycle)
        .unwrap()
        .iter()
        .map(|a| a.last_update.as_ref().unwrap().verdict)
        .collect();
    assert_eq!(verdicts, [ActionVerdict::Done, ActionVerdict::Partly]);
    let topic = Topic {
        title: "Falls".into(),
        ..Topic::default()
    };
    let next = s
        .write(|tx| tx.open_cycle(c, &topic, &[g], t0().date_naive(), clock_now(&clock)))
        .unwrap();
    assert_eq!(
        s.cycle(next).unwrap().starting_notes,
        "Bring the audit numbers"
    );
}

fn clock_now(clock: &FakeClock) -> chrono::DateTime<chrono::Utc> {
    use roundtable::domain::Clock;
    clock.now()
}

#[test]
fn a_linked_note_edited_to_another_kind_drops_the_link_and_the_export_imports_again() {
    let (mut app, _, _, _, cycle) = started(true);
    go_to(&mut app, INTERROGATION, Command::Yes);
    fill_board(&mut app);
    note(&mut app, 0, "Cards run out at night");
    note(&mut app, 2, "Keep cards at the station");
    let board = app.store_mut().board(cycle.unwrap()).unwrap();
    let (problem, solution, later_problem, later_solution) =
        (board[0].id, board[2].id, board[3].id, board[4].id);
    let now = t0();
    app.store_mut()
        .write(|tx| {
            tx.link_solution(solution, Some(problem))?;
            tx.link_solution(later_solution, Some(later_problem))
        })
        .unwrap();
    // The solution becomes an idea; the other problem becomes a plain note.
    app.store_mut()
        .write(|tx| {
            tx.update_note(
                solution,
                NoteKind::Idea,
                "Start ten minutes earlier",
                None,
                now,
            )?;
            tx.update_note(
                later_problem,
                NoteKind::Note,
                "Cards run out at night",
                None,
                now,
            )
        })
        .unwrap();
    let board = app.store_mut().board(cycle.unwrap()).unwrap();
    assert!(
        board.iter().all(|n| n.answers.is_none()),
        "no link is left to or from a note that is no longer a solution, problem or pitfall: {board:?}"
    );
    let json = roundtable::store::dump::export(app.store_mut()).unwrap();
    let mut copy = Store::open_in_memory().unwrap();
    roundtable::store::dump::import(&mut copy, json.as_bytes())
        .unwrap_or_else(|e| panic!("the export imports again: {e:#}"));
}

/// A review found Esc on a step of the walk threw away what was typed there without a
/// word (R reopened the step empty). It asks first, as every form does; yes leaves the
/// walk waiting at that step.
#[test]
fn esc_on_a_walk_step_with_typing_asks_before_throwing_it_away() {
    let (mut store, c, g, _) = ward_store(true);
    two_actions(&mut store, c, g);
    let clock = FakeClock::new(t0());
    let mut app = app_at(store, &clock);
    start(&mut app);
    for _ in 0..4 {
        app.handle(Command::NextItem);
    }
    app.handle(Command::Yes);
    app.handle(Command::ReflectionWalk);
    assert!(form_title(&app).contains("action 1 of 2"));
    ward::key(&mut app, KeyCode::Right);
    app.handle(Command::FormNext);
    typ(&mut app, "Used it on 3 shifts");
    app.handle(Command::FormCancel);
    assert!(matches!(app.overlay(), Overlay::Confirm(_)));
    app.handle(Command::No);
    let Overlay::Form(f) = app.overlay() else {
        panic!("back to the step")
    };
    assert_eq!(f.draft().get("note"), "Used it on 3 shifts");
    app.handle(Command::FormCancel);
    app.handle(Command::Yes);
    assert!(matches!(app.overlay(), Overlay::None));
    assert!(
        app.status()
            .unwrap()
            .text
            .contains("paused at action 1 of 2"),
        "{:?}",
        app.status()
    );
}

/// r8 trial, confusing 3: an action followed up with `u` earlier in the meeting ("partly
/// done") opens in the walk with that state and note (only "done" was pre-filled, from
/// the action's status).
#[test]
fn the_walk_starts_from_a_follow_up_given_earlier_in_the_meeting() {
    let (mut store, c, g, _) = ward_store(true);
    two_actions(&mut store, c, g);
    let clock = FakeClock::new(t0());
    let mut app = app_at(store, &clock);
    start(&mut app);
    let meeting = app.live().meeting.as_ref().unwrap().meeting.id;
    let first = (app.store_mut().open_actions(c).unwrap().into_iter())
        .find(|a| a.info.title == "Try SBAR")
        .unwrap()
        .id;
    app.store_mut()
        .write(|tx| {
            tx.follow_up_action(
                first,
                ActionVerdict::Partly,
                "Half the shifts",
                "",
                Some(meeting),
                false,
                t0(),
            )
        })
        .unwrap();
    for _ in 0..4 {
        app.handle(Command::NextItem);
    }
    app.handle(Command::Yes);
    app.handle(Command::ReflectionWalk);
    let Overlay::Form(f) = app.overlay() else {
        panic!("the walk's first step: {:?}", app.overlay())
    };
    assert!(f.title.contains("action 1 of 2"), "{}", f.title);
    assert_eq!(f.draft().get("verdict"), ActionVerdict::Partly.label());
    assert_eq!(f.draft().get("note"), "Half the shifts");
}
