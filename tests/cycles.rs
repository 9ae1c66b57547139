//! Learning cycles and goals through the store and through the keys: opening a cycle
//! (and the refused second one), its phases (in order, a confirmed skip that is recorded,
//! back refused), closing it with an outcome, going to its meetings; deleting, archiving
//! and restoring goals.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod cycles_common;

use common::*;
use cycles_common::*;
use roundtable::app::{App, Mode, Overlay, Screen};
use roundtable::domain::ActionInfo;
use roundtable::domain::cycle::Phase;
use roundtable::store::{Store, StoreError};
use roundtable::ui;

fn status(app: &App) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
}

fn is_error(app: &App) -> bool {
    app.status().is_some_and(|s| s.is_error)
}

/// The app over the fixture with the two seeded cycles, on Cycles.
fn seeded_app() -> (App, Ids, Seeded) {
    let (mut s, ids) = store();
    let seeded = seed(&mut s, &ids);
    let mut app = App::new(s, Box::new(clock()));
    app.set_color(false);
    press(&mut app, "<Enter>6");
    (app, ids, seeded)
}

#[test]
fn a_goal_nothing_refers_to_is_deleted_and_a_served_one_is_refused_then_archived() {
    let (mut s, ids) = store();
    let seeded = seed(&mut s, &ids);
    let r = s.write(|tx| tx.delete_goal(seeded.observations));
    assert!(
        matches!(&r, Err(StoreError::Refused(m)) if m == "served by cycle 2 'Early-warning scores'; archive it instead?"),
        "{r:?}"
    );
    // A goal only an action serves is refused too.
    let lone = s
        .write(|tx| {
            let g = tx.insert_goal(
                ids.club,
                &roundtable::domain::GoalInfo {
                    title: "Fewer falls".into(),
                    success_measure: String::new(),
                    target: None,
                    status: roundtable::domain::GoalStatus::Active,
                },
                now(),
            )?;
            tx.insert_action(
                ids.club,
                &ActionInfo {
                    title: "Count falls".into(),
                    owner: None,
                    due: None,
                    goal: Some(g),
                },
                None,
                now(),
            )?;
            Ok::<_, StoreError>(g)
        })
        .unwrap();
    let r = s.write(|tx| tx.delete_goal(lone));
    assert!(
        matches!(&r, Err(StoreError::Refused(m)) if m.starts_with("1 action serves it")),
        "{r:?}"
    );
    assert_eq!(s.goals(ids.club).unwrap().len(), 4, "nothing deleted");
    s.write(|tx| tx.delete_goal(seeded.sepsis)).unwrap();
    assert!(
        s.goals(ids.club)
            .unwrap()
            .iter()
            .all(|g| g.id != seeded.sepsis)
    );

    s.write(|tx| tx.set_goal_archived(seeded.observations, true, now()))
        .unwrap();
    let archived = |s: &Store| {
        s.goals(ids.club)
            .unwrap()
            .into_iter()
            .find(|g| g.id == seeded.observations)
            .unwrap()
            .archived
    };
    assert!(archived(&s));
    // The cycles keep the goal they served.
    assert_eq!(s.cycle(seeded.first).unwrap().goals.len(), 1);
    s.write(|tx| tx.set_goal_archived(seeded.observations, false, now()))
        .unwrap();
    assert!(!archived(&s));
}

#[test]
fn opening_a_cycle_with_keys_and_a_second_one_is_refused() {
    let mut app = app();
    press(&mut app, "<Enter>6");
    assert_eq!(app.screen(), Screen::Cycles);
    press(&mut app, "n");
    assert_eq!(app.mode(), Mode::Form);
    // Topic, source, summary, then tick the first goal offered (the active one).
    press(
        &mut app,
        "SBAR handovers<Tab>example.org/sbar<Tab>At every handover<Tab><Space><C-s>",
    );
    assert_eq!(app.mode(), Mode::Browse, "{}", status(&app));
    assert!(status(&app).starts_with("Opened cycle 1 'SBAR handovers'"));
    let club = app.browse().community_id().unwrap();
    let open = app.store_mut().open_cycle(club).unwrap().unwrap();
    assert_eq!(open.topic.source, "example.org/sbar");
    assert_eq!(open.goals.len(), 1);
    assert_eq!(open.goals[0].title, "Run 3 peer observations");

    // A second one: refused at once, before anything is typed; nothing written.
    press(&mut app, "n");
    assert_eq!(app.mode(), Mode::Browse);
    assert!(is_error(&app));
    assert_eq!(
        status(&app),
        "Cycle 1 is still open (interrogation): close it before opening another"
    );
    assert_eq!(app.store_mut().cycles(club).unwrap().len(), 1);
}

#[test]
fn a_cycle_opened_elsewhere_while_the_form_is_open_is_refused_by_the_store() {
    let (mut app, ids) = app_with_ids();
    press(&mut app, "<Enter>6nLate topic");
    app.store_mut()
        .write(|tx| {
            tx.open_cycle(
                ids.club,
                &topic("From the CLI", "", ""),
                &[],
                day("2026-11-24"),
                now(),
            )
        })
        .unwrap();
    press(&mut app, "<C-s>");
    assert_eq!(app.mode(), Mode::Form, "the typing stays");
    assert!(is_error(&app));
    assert!(
        status(&app).contains("cycle 1 'From the CLI' is still open"),
        "{}",
        status(&app)
    );
    assert_eq!(app.store_mut().cycles(ids.club).unwrap().len(), 1);
}

#[test]
fn phases_advance_skip_when_confirmed_refuse_going_back_and_close_with_an_outcome() {
    let (mut app, ids) = app_with_ids();
    app.store_mut()
        .write(|tx| {
            tx.open_cycle(
                ids.club,
                &topic("SBAR", "", ""),
                &[],
                day("2026-11-24"),
                now(),
            )
        })
        .unwrap();
    press(&mut app, "<Enter>6");
    let phase = |app: &mut App| {
        app.store_mut()
            .open_cycle(ids.club)
            .unwrap()
            .map(|c| c.phase)
    };

    // In order.
    press(&mut app, "p");
    assert_eq!(phase(&mut app), Some(Phase::Application));
    assert_eq!(status(&app), "Cycle 1 is now in application ✓");

    // A skip (application → closed) is asked first; "no" changes nothing.
    press(&mut app, "P");
    assert!(
        matches!(app.overlay(), Overlay::Choose(c) if c.title == "Move cycle 1 to which phase?")
    );
    press(&mut app, "4");
    assert_eq!(app.mode(), Mode::Confirm);
    press(&mut app, "n");
    assert_eq!(phase(&mut app), Some(Phase::Application));

    // Back is refused, in the store's words; nothing changes.
    press(&mut app, "P1");
    assert!(is_error(&app));
    assert_eq!(
        status(&app),
        "Not moved: cycle 1 is in application; it cannot go back to interrogation"
    );
    assert_eq!(phase(&mut app), Some(Phase::Application));

    // The confirmed skip to closed says what is not reflected on (r9 trial F13: only
    // closing now, since the walk needs the reflection phase), then asks for the
    // outcome, then is recorded.
    press(&mut app, "P4y");
    assert_eq!(app.mode(), Mode::Choose);
    assert!(
        matches!(app.overlay(), Overlay::Choose(c) if c.title == "Close cycle 1? Not reflected on yet: no improvements" && c.options.len() == 1)
    );
    press(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Form);
    press(&mut app, "Handovers shorter<Enter>Card adopted<C-s>");
    assert_eq!(app.mode(), Mode::Browse, "{}", status(&app));
    assert_eq!(phase(&mut app), None, "closed");
    let c = app.store_mut().cycles(ids.club).unwrap().remove(0);
    assert_eq!(c.outcome, "Handovers shorter\nCard adopted");
    assert_eq!(c.ended_on, Some(day("2026-11-24")));
    let phases = app.store_mut().cycle_phases(c.id).unwrap();
    let last = phases.last().unwrap();
    assert_eq!(last.phase, Phase::Closed);
    assert_eq!(last.skipped, vec![Phase::Reflection]);
    press(&mut app, "p");
    assert_eq!(status(&app), "Cycle 1 is closed");
}

#[test]
fn a_skip_within_the_cycle_is_confirmed_and_recorded_and_closing_in_order_asks_the_outcome() {
    let (mut app, ids) = app_with_ids();
    app.store_mut()
        .write(|tx| {
            tx.open_cycle(
                ids.club,
                &topic("SBAR", "", ""),
                &[],
                day("2026-11-24"),
                now(),
            )
        })
        .unwrap();
    press(&mut app, "<Enter>6P3");
    let Overlay::Confirm(c) = app.overlay() else {
        panic!("a skip is asked first")
    };
    assert!(
        c.question.contains("skipping application"),
        "{}",
        c.question
    );
    press(&mut app, "y");
    assert_eq!(
        status(&app),
        "Cycle 1 is now in reflection (skipped application) ✓ — R walks its reflection"
    );
    let c = app.store_mut().open_cycle(ids.club).unwrap().unwrap();
    let phases = app.store_mut().cycle_phases(c.id).unwrap();
    assert_eq!(phases[1].skipped, vec![Phase::Application]);
    // Closing in order, with no improvements (asked: r9 trial F13): the outcome may
    // stay empty.
    press(&mut app, "p2");
    assert_eq!(app.mode(), Mode::Form);
    press(&mut app, "<C-s>");
    assert!(app.store_mut().open_cycle(ids.club).unwrap().is_none());
    let phases = app.store_mut().cycle_phases(c.id).unwrap();
    assert!(phases.last().unwrap().skipped.is_empty());
}

#[test]
fn the_detail_goes_to_the_cycles_meetings_and_comes_back() {
    let (mut app, _ids, seeded) = seeded_app();
    // Newest first: cycle 2 is selected; j selects cycle 1.
    press(&mut app, "j<Enter>");
    let d = app.cycles().detail.as_ref().expect("detail open");
    assert_eq!(d.cycle.id, seeded.first);
    press(&mut app, "<Enter>");
    assert!(
        matches!(app.overlay(), Overlay::Choose(c) if c.title.starts_with("Meetings of cycle 1"))
    );
    press(&mut app, "<Enter>");
    assert_eq!(app.screen(), Screen::MeetingView);
    assert_eq!(
        app.review().meeting.as_ref().map(|l| l.meeting.id),
        Some(seeded.ended)
    );
    // Esc comes back to the cycle, still open in detail.
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Cycles);
    assert!(app.cycles().detail.is_some());
    // Esc again: the list.
    press(&mut app, "<Esc>");
    assert!(app.cycles().detail.is_none());
    assert_eq!(app.screen(), Screen::Cycles);

    // Cycle 2's planned meeting opens its plan (m works from the list too).
    press(&mut app, "km<Enter>");
    assert_eq!(app.screen(), Screen::Plan);
    assert_eq!(
        app.planner().plan.as_ref().map(|p| p.meeting.id),
        Some(seeded.planned)
    );
}

#[test]
fn the_detail_scrolls_at_80x24_and_shows_every_part() {
    let (mut app, _ids, _) = seeded_app();
    press(&mut app, "j<Enter>");
    let wide = ui::app_to_text(&app, 200, 120);
    for part in [
        "SBAR handovers",
        "Source: https://example.org/sbar",
        "Run 3 peer observations — → progressing",
        "evidence: 1 of 3 observations done",
        "Phases",
        "problem: Night handovers run 20 minutes over — Ben Carter",
        "↳ solution: A pocket SBAR card at each bedside — Grace Lin",
        "solution: Pair new staff with a buddy — the group",
        "Try SBAR on nights for two weeks — Ben Carter, due Thu 2026-09-17",
        "✓ done — Try SBAR on nights",
        "learned: Short cards get used; long forms do not",
        "• Send the paper a week earlier",
        "Night handovers 12 minutes shorter on average.",
        "· ended · Cycle 1: reading SBAR",
    ] {
        assert!(wide.contains(part), "missing {part:?}:\n{wide}");
    }
    let top = ui::app_to_text(&app, 80, 24);
    assert!(top.contains("↓"), "{top}");
    press(&mut app, "<PgDn><PgDn><PgDn>");
    let lower = ui::app_to_text(&app, 80, 24);
    assert_ne!(top, lower, "PgDn scrolls the detail");
    assert!(lower.contains("Meetings (1)"), "{lower}");
}

/// r9 (issue 10 follow-up): a goal said "Actions done 0 of 0" while a cycle serving it
/// had actions. An action that names no goal counts for the goals its cycle serves; one
/// that names a goal counts for that goal only.
#[test]
fn a_goal_counts_the_actions_of_the_cycles_that_serve_it() {
    let (mut s, ids) = store();
    let seeded = seed(&mut s, &ids);
    let progress = s.goal_progress(ids.club).unwrap();
    // Observations: "Share the checklist" names it (open), and cycle 1, which serves it,
    // took "Try SBAR on nights" (done) in its meeting, naming no goal.
    let obs = &progress[&seeded.observations];
    assert_eq!((obs.actions_done, obs.actions), (1, 2), "{obs:?}");
    // The checklist: cycle 2 serves it too, but its action there names it alone; the
    // action naming observations is not counted again here.
    let list = &progress[&seeded.checklist];
    assert_eq!((list.actions_done, list.actions), (0, 1), "{list:?}");
    // The screen says it.
    let mut app = App::new(s, Box::new(clock()));
    app.set_color(false);
    press(&mut app, "<Enter>3");
    let shown = ui::app_to_text(&app, 200, 40);
    assert!(shown.contains("1/2 done"), "{shown}");
    assert!(shown.contains("1 of 2 done"), "{shown}");
}

#[test]
fn goals_show_their_cycles_and_are_deleted_archived_and_restored_with_keys() {
    let (mut app, _ids, seeded) = seeded_app();
    press(&mut app, "3");
    let shown = ui::app_to_text(&app, 200, 40);
    assert!(shown.contains("cycles 1, 2"), "{shown}");
    assert!(shown.contains("→ progressing (cycle 1)"), "{shown}");
    assert!(shown.contains("0/1 done"), "{shown}");

    // The served goal (first row): refused, archiving offered.
    assert_eq!(
        app.browse().selected_goal().map(|g| g.id),
        Some(seeded.observations)
    );
    press(&mut app, "x");
    let Overlay::Confirm(c) = app.overlay() else {
        panic!("asked")
    };
    assert_eq!(
        c.question,
        "'Run 3 peer observations' cannot be deleted: served by cycle 2 'Early-warning scores'; archive it instead?"
    );
    press(&mut app, "y");
    assert!(
        app.visible(Screen::Goals)
            .iter()
            .all(|&i| app.browse().goals[i].id != seeded.observations)
    );
    // Shown again with v; x restores it.
    press(&mut app, "v");
    let row = app
        .visible(Screen::Goals)
        .iter()
        .position(|&i| app.browse().goals[i].id == seeded.observations)
        .expect("archived goal shown");
    press(&mut app, &"j".repeat(row));
    press(&mut app, "xy");
    assert_eq!(status(&app), "Goal restored ✓");
    assert!(app.browse().goals.iter().all(|g| !g.archived));

    // The goal nothing refers to is deleted after a question.
    press(&mut app, "v");
    let row = app
        .visible(Screen::Goals)
        .iter()
        .position(|&i| app.browse().goals[i].id == seeded.sepsis)
        .unwrap();
    press(&mut app, "gg");
    press(&mut app, &"j".repeat(row));
    press(&mut app, "x");
    assert!(
        matches!(app.overlay(), Overlay::Confirm(c) if c.question.starts_with("Delete the goal 'Read the sepsis bundle paper'?"))
    );
    press(&mut app, "y");
    assert_eq!(status(&app), "Goal deleted ✓");
    assert!(app.browse().goals.iter().all(|g| g.id != seeded.sepsis));
}

#[test]
fn the_next_cycle_starts_from_the_improvements_and_edit_keeps_the_served_goals() {
    let (mut app, _ids, seeded) = seeded_app();
    let second = app.store_mut().cycle(seeded.second).unwrap();
    assert_eq!(
        second.starting_notes,
        "Start on time\nSend the paper a week earlier"
    );
    // e on the open cycle: the goals it serves come ticked; saving keeps them.
    press(&mut app, "e");
    assert_eq!(app.mode(), Mode::Form);
    press(&mut app, "<C-s>");
    let after = app.store_mut().cycle(seeded.second).unwrap();
    assert_eq!(after.goals.len(), 2, "{}", status(&app));
    // e on the closed one says so.
    press(&mut app, "je");
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(
        status(&app),
        "Cycle 1 is closed; only the open cycle is edited"
    );
}

#[test]
fn the_list_reads_every_cycles_goals_in_one_go_as_each_cycle_has_them() {
    let (mut s, ids) = store();
    seed(&mut s, &ids);
    let list = s.cycles(ids.club).unwrap();
    assert!(list.len() >= 2, "{list:?}");
    assert!(list.iter().any(|c| !c.goals.is_empty()));
    // Each cycle of the list carries exactly its own goals, in the goals' order, with
    // their verdicts: as reading the cycle alone gives them.
    for c in &list {
        assert_eq!(c.goals, s.cycle(c.id).unwrap().goals, "cycle {}", c.number);
    }
    let numbers: Vec<u32> = list.iter().map(|c| c.number).collect();
    let mut newest_first = numbers.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(numbers, newest_first);
}

/// The list's meeting counts (meetings not cancelled, cycle by cycle) are read from
/// `meeting_cycle_status` (migration 0012) alone: through the cycle's index with the
/// status read from the table, each count read every meeting of the cycle.
#[test]
fn the_cycles_meetings_are_counted_from_an_index_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cycles.db");
    let ids = write_db(&path);
    let mut s = Store::open(&path).unwrap();
    seed(&mut s, &ids);
    s.record_statements();
    let mut app = App::new(s, Box::new(clock()));
    press(&mut app, "<Enter>6");
    assert_eq!(app.screen(), Screen::Cycles);
    assert!(app.cycles().cycles.iter().any(|c| c.meetings > 0));
    let read = app.store_mut().recorded_statements();
    drop(app);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let counts: Vec<&String> = read.iter().filter(|q| q.contains("count(m.id)")).collect();
    assert_eq!(counts.len(), 1, "{read:#?}");
    let mut stmt = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {}", counts[0]))
        .unwrap();
    let plan: Vec<String> = stmt
        .query_map([1], |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        plan.iter()
            .any(|p| p.contains("SEARCH m USING COVERING INDEX meeting_cycle_status")),
        "{plan:#?}"
    );
}

/// How each goal is doing across the cycles (every cycle's goals, each goal's actions:
/// it grows with the history) is read only while Goals is shown: opening on the Roster
/// and drawing it reads neither; showing Goals reads both.
#[test]
fn the_goals_progress_is_read_only_when_goals_is_shown() {
    let (mut s, ids) = store();
    seed(&mut s, &ids);
    s.record_statements();
    let mut app = App::new(s, Box::new(clock()));
    app.set_color(false);
    press(&mut app, "<Enter>");
    assert_eq!(app.screen(), Screen::Roster);
    ui::app_to_text(&app, 200, 60);
    let progress = |q: &String| {
        q.contains("SELECT cg.goal_id, c.number") || q.contains("sum(a.status = 'done')")
    };
    let read = app.store_mut().recorded_statements();
    assert!(!read.iter().any(progress), "{read:#?}");
    assert!(app.browse().goal_progress.is_empty());
    app.store_mut().record_statements();
    press(&mut app, "3");
    let read = app.store_mut().recorded_statements();
    assert_eq!(read.iter().filter(|q| progress(q)).count(), 3, "{read:#?}");
    let shown = ui::app_to_text(&app, 200, 40);
    assert!(shown.contains("cycles 1, 2"), "{shown}");
    assert!(shown.contains("0/1 done"), "{shown}");
}
