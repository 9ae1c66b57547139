//! The Actions screen through keys, with a fake clock: the order (overdue first), the
//! filters, the form that questions an action nobody owns or already past due, follow-ups
//! between meetings, deleting, and each action's history. Snapshots at 80x24 and 200x60.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod actions_common;
mod common;

use actions_common::*;
use chrono::Duration;
use common::{clock, press};
use roundtable::app::{App, Mode, Overlay, Screen, StatusFilter};
use roundtable::domain::note::ActionStatus;
use roundtable::domain::{ActionId, ActionVerdict, FakeClock};
use roundtable::ui;

fn setup() -> (App, FakeClock, Seeded) {
    let (mut store, ids) = common::store();
    let seeded = seed(&mut store, ids.club, |n| ids.member(n), common::now());
    let clock = clock();
    let mut app = App::new(store, Box::new(clock.clone()));
    app.set_color(false);
    press(&mut app, "7");
    assert_eq!(app.screen(), Screen::Actions);
    (app, clock, seeded)
}

fn text(app: &App) -> String {
    ui::app_to_text(app, 80, 24)
}

/// The titles of the rows shown, in order.
fn titles(app: &App) -> Vec<String> {
    app.visible(Screen::Actions)
        .iter()
        .map(|&i| app.actions().actions[i].info.title.clone())
        .collect()
}

/// Selects the row showing `title`.
fn select(app: &mut App, title: &str) {
    let i = titles(app)
        .iter()
        .position(|t| t == title)
        .unwrap_or_else(|| panic!("{title} not shown:\n{}", text(app)));
    press(app, "g");
    for _ in 0..i {
        press(app, "j");
    }
}

fn action(app: &mut App, id: ActionId) -> roundtable::domain::Action {
    app.store_mut().action(id).unwrap()
}

fn status(app: &App) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
}

#[test]
fn overdue_first_then_open_by_due_date_then_closed() {
    let (app, _, _) = setup();
    assert_eq!(
        titles(&app),
        [OVERDUE, MEETING_ACTION, PARTLY, NOBODYS, DONE, DROPPED]
    );
    let t = text(&app);
    assert!(t.contains("⚠ overdue"), "{t}");
    assert!(t.contains("◐ partly done"), "{t}");
    assert!(
        t.contains("Actions · owner: anyone · status: all (6)"),
        "{t}"
    );
}

#[test]
fn an_action_becomes_overdue_when_the_clock_passes_its_due_date() {
    let (mut app, clock, _) = setup();
    // The SBAR card is due in two days: open, second.
    let row = |app: &App| {
        text(app)
            .lines()
            .find(|l| l.contains("Trial the SBAR"))
            .unwrap()
            .to_string()
    };
    assert!(!row(&app).contains("overdue"), "{}", row(&app));
    press(&mut app, "s");
    press(&mut app, "s");
    assert_eq!(app.actions().status.label(), "overdue");
    assert_eq!(titles(&app), [OVERDUE]);
    clock.advance(Duration::days(3));
    // Nothing was written: the clock alone makes it overdue, on the next key.
    press(&mut app, "j");
    assert_eq!(titles(&app), [OVERDUE, MEETING_ACTION]);
    assert!(row(&app).contains("⚠ overdue"), "{}", row(&app));
}

#[test]
fn filters_by_owner_and_status_show_in_the_title_bar() {
    let (mut app, _, _) = setup();
    press(&mut app, "o");
    assert!(text(&app).contains("owner: Amara Okafor · status: all (1)"));
    assert_eq!(titles(&app), [PARTLY]);
    press(&mut app, "o");
    assert_eq!(titles(&app), [OVERDUE, DONE]);
    press(&mut app, "s");
    assert!(text(&app).contains("owner: Ben Carter · status: open (1)"));
    assert_eq!(titles(&app), [OVERDUE]);
    press(&mut app, "ss");
    assert_eq!(titles(&app), [DONE]);
    // Zoë, then nobody, then everyone again.
    press(&mut app, "oo");
    assert_eq!(app.actions().owner_label(), "nobody");
    press(&mut app, "s");
    assert_eq!(titles(&app), Vec::<String>::new());
    press(&mut app, "so");
    assert!(text(&app).contains("owner: anyone · status: all (6)"));
    // The text filter finds owners and goals too.
    press(&mut app, "/zoë<Enter>");
    assert_eq!(titles(&app), [MEETING_ACTION, DROPPED]);
    press(&mut app, "<Esc>");
    assert_eq!(titles(&app).len(), 6);
}

#[test]
fn a_new_action_that_nobody_owns_is_questioned_and_n_goes_back_to_the_form() {
    let (mut app, clock, _) = setup();
    press(&mut app, "nTidy the library");
    assert_eq!(app.mode(), Mode::Form);
    clock.advance(Duration::seconds(1));
    press(&mut app, "<C-s>");
    let Overlay::Confirm(c) = app.overlay() else {
        panic!("not questioned:\n{}", text(&app));
    };
    assert!(c.question.contains("nobody owns it"), "{}", c.question);
    // The form's typing is kept while the question shows.
    let key = format!("action:new@c{}", app.browse().community_id().unwrap());
    let kept = app.store_mut().form_draft(&key).unwrap();
    assert!(kept.is_some_and(|b| b.contains("Tidy the library")));
    press(&mut app, "n");
    let Overlay::Form(f) = app.overlay() else {
        panic!("not back to the form:\n{}", text(&app));
    };
    assert_eq!(f.draft().get("title"), "Tidy the library");
    // The questioned field is marked and focused.
    assert!(f.errors.for_field("owner").is_some());
    assert_eq!(f.fields[f.focus].key, "owner");
    assert_eq!(app.actions().actions.len(), 6, "nothing saved");
    // An owner, and it saves without a question.
    press(&mut app, "<Right><C-s>");
    assert_eq!(app.mode(), Mode::Browse, "{}", text(&app));
    assert_eq!(status(&app), "Action added ✓");
    let a = app
        .actions()
        .actions
        .iter()
        .find(|a| a.info.title == "Tidy the library")
        .cloned()
        .unwrap();
    assert!(a.info.owner.is_some());
    assert_eq!(a.meeting, None);
    assert!(app.store_mut().form_draft(&key).unwrap().is_none());
}

#[test]
fn a_past_due_date_is_questioned_and_y_saves_it_anyway() {
    let (mut app, _, _) = setup();
    press(
        &mut app,
        "nCall the educator<Tab><Right><Tab>2026-11-01<C-s>",
    );
    let Overlay::Confirm(c) = app.overlay() else {
        panic!("not questioned:\n{}", text(&app));
    };
    assert!(
        c.question.contains("2026-11-01 is already past"),
        "{}",
        c.question
    );
    assert!(!c.question.contains("nobody"), "{}", c.question);
    assert!(text(&app).contains("Are you sure?"));
    press(&mut app, "y");
    assert_eq!(app.mode(), Mode::Browse);
    let a = app
        .actions()
        .actions
        .iter()
        .find(|a| a.info.title == "Call the educator")
        .cloned()
        .unwrap();
    assert_eq!(
        a.info.due.map(|d| d.to_string()).as_deref(),
        Some("2026-11-01")
    );
    // Overdue at once: first in the list.
    assert_eq!(titles(&app)[0], "Call the educator");
}

#[test]
fn a_bad_date_stays_in_the_form_with_the_field_marked() {
    let (mut app, _, _) = setup();
    press(&mut app, "nSomething<Tab><Right><Tab>soon<C-s>");
    let Overlay::Form(f) = app.overlay() else {
        panic!("form closed:\n{}", text(&app));
    };
    assert!(f.errors.for_field("due").is_some());
    assert!(app.status().is_some_and(|s| s.is_error));
    press(&mut app, "<Esc>");
    assert_eq!(app.actions().actions.len(), 6);
}

#[test]
fn edit_changes_title_due_date_and_goal() {
    let (mut app, _, s) = setup();
    select(&mut app, NOBODYS);
    press(&mut app, "e");
    let Overlay::Form(f) = app.overlay() else {
        panic!("no form:\n{}", text(&app));
    };
    assert_eq!(f.draft().get("title"), NOBODYS);
    // Owner, due date, goal (the first goal).
    press(&mut app, " v2<Tab><Right><Tab>2026-12-24<Tab><Right><C-s>");
    assert_eq!(app.mode(), Mode::Browse, "{}", text(&app));
    let a = action(&mut app, s.nobodys);
    assert_eq!(a.info.title, format!("{NOBODYS} v2"));
    assert!(a.info.owner.is_some());
    assert_eq!(
        a.info.due.map(|d| d.to_string()).as_deref(),
        Some("2026-12-24")
    );
    assert!(a.info.goal.is_some());
}

#[test]
fn follow_up_between_meetings_one_key_then_an_optional_note() {
    let (mut app, _, s) = setup();
    select(&mut app, OVERDUE);
    press(&mut app, "u");
    assert!(text(&app).contains("╭ Follow up: Share the delirium"));
    // 2: partly done, then a note, Enter saves.
    press(&mut app, "2Sent to half the team<Enter>");
    assert_eq!(app.mode(), Mode::Browse, "{}", text(&app));
    let ups = app.store_mut().action_updates(s.overdue).unwrap();
    assert_eq!(ups.len(), 1);
    assert_eq!(ups[0].verdict, ActionVerdict::Partly);
    assert_eq!(ups[0].note, "Sent to half the team");
    assert_eq!(ups[0].meeting, None);
    assert_eq!(action(&mut app, s.overdue).status, ActionStatus::Open);
    // Still overdue, and the standing says it was partly done.
    assert!(text(&app).contains("⚠ overdue"));
    // Done, without a note: it closes and goes to the end.
    select(&mut app, OVERDUE);
    press(&mut app, "u1<Enter>");
    assert_eq!(action(&mut app, s.overdue).status, ActionStatus::Done);
    assert_eq!(titles(&app)[0], MEETING_ACTION);
    assert_eq!(titles(&app)[3], OVERDUE, "newest closed first");
    // Esc in the chooser changes nothing.
    press(&mut app, "u<Esc>");
    assert_eq!(app.store_mut().action_updates(s.overdue).unwrap().len(), 2);
}

#[test]
fn an_action_taken_as_a_meeting_note_is_not_deleted_but_another_is() {
    let (mut app, _, s) = setup();
    select(&mut app, MEETING_ACTION);
    press(&mut app, "x");
    assert!(text(&app).contains("Are you sure?"));
    press(&mut app, "y");
    let st = app.status().cloned().unwrap();
    assert!(st.is_error, "{st:?}");
    assert!(st.text.contains("taken as a meeting note"), "{}", st.text);
    assert!(app.store_mut().action(s.meeting_action).is_ok());
    select(&mut app, DROPPED);
    press(&mut app, "xy");
    assert!(app.store_mut().action(s.dropped).is_err());
    assert_eq!(titles(&app).len(), 5);
    // n keeps it.
    select(&mut app, PARTLY);
    press(&mut app, "xn");
    assert!(app.store_mut().action(s.partly).is_ok());
}

#[test]
fn enter_shows_the_history_with_dates_and_meetings() {
    let (mut app, _, _) = setup();
    select(&mut app, MEETING_ACTION);
    press(&mut app, "<Enter>");
    let t = text(&app);
    assert!(t.contains("History"), "{t}");
    assert!(t.contains("Follow-ups (1)"), "{t}");
    assert!(
        t.contains("○ not done · in 'Journal club: handovers'"),
        "{t}"
    );
    assert!(t.contains("happened: Cards not printed yet"), "{t}");
    // The pane follows the selection.
    select(&mut app, NOBODYS);
    assert!(text(&app).contains("No follow-up yet"));
    press(&mut app, "<Esc>");
    assert!(!app.actions().history);
    assert_eq!(app.screen(), Screen::Actions);
}

#[test]
fn a_long_list_scrolls_to_the_selected_row() {
    let (mut app, _, _) = setup();
    let club = app.browse().community_id().unwrap();
    for i in 0..40 {
        let info = roundtable::domain::ActionInfo {
            title: format!("Extra action {i:02}"),
            owner: None,
            due: None,
            goal: None,
        };
        app.store_mut()
            .write(|tx| tx.insert_action(club, &info, None, common::now()))
            .unwrap();
    }
    app.refresh();
    let last = titles(&app).last().cloned().unwrap();
    press(&mut app, "G");
    let t = text(&app);
    let row = t
        .lines()
        .find(|l| l.contains(&last))
        .unwrap_or_else(|| panic!("{t}"));
    assert!(row.contains('▶'), "{t}");
    assert!(!t.contains(OVERDUE), "the first row scrolled away:\n{t}");
    press(&mut app, "g");
    let t = text(&app);
    assert!(
        t.lines()
            .any(|l| l.contains('▶') && l.contains("⚠ overdue")),
        "{t}"
    );
    // One up from the bottom: that row is selected and shown (the last row of the view).
    press(&mut app, "Gk");
    let before = titles(&app)[titles(&app).len() - 2].clone();
    let t = text(&app);
    assert!(
        t.lines().any(|l| l.contains('▶') && l.contains(&before)),
        "{t}"
    );
}

#[test]
fn no_community_no_actions() {
    let mut app = common::empty_app();
    press(&mut app, "7");
    assert!(text(&app).contains("No community chosen"));
    press(&mut app, "nue");
    assert_eq!(app.mode(), Mode::Browse);
}

fn snap(name: &str, app: &App, (w, h): (u16, u16)) {
    let text = ui::app_to_text(app, w, h);
    common::screen::assert_screen(name, &text, w, h);
    insta::assert_snapshot!(name, text);
}

#[test]
fn snapshots_of_the_actions_screen() {
    let (mut app, _, _) = setup();
    app.clear_status();
    snap("actions_80x24", &app, (80, 24));
    snap("actions_200x60", &app, (200, 60));
    select(&mut app, MEETING_ACTION);
    press(&mut app, "<Enter>");
    snap("actions_history_80x24", &app, (80, 24));
    snap("actions_history_200x60", &app, (200, 60));
    press(&mut app, "<Esc>nTidy<C-s>");
    snap("actions_question_80x24", &app, (80, 24));
}

/// Adds `n` actions to the club: every third done, every fifth dropped (after a
/// follow-up), the others open with due dates around today, some undated.
fn many_actions(app: &mut App, n: i64) {
    let club = app.browse().community_id().unwrap();
    let owner = app.browse().members.first().map(|m| m.id);
    for i in 0..n {
        let info = roundtable::domain::ActionInfo {
            title: format!("Paged action {i:03}"),
            owner: if i % 2 == 0 { None } else { owner },
            due: (i % 7 != 0).then(|| common::now().date_naive() + Duration::days(i % 11 - 5)),
            goal: None,
        };
        let at = common::now() - Duration::days(200 - i);
        let verdict = match i % 15 {
            0 | 3 | 6 | 9 | 12 => Some(ActionVerdict::Done),
            5 | 10 => Some(ActionVerdict::Dropped),
            _ => None,
        };
        app.store_mut()
            .write(|tx| {
                let id = tx.insert_action(club, &info, None, at)?;
                if let Some(v) = verdict {
                    // Closed in groups at the very same instant (ties, some across a
                    // page's end): the order must still be total.
                    let when = common::now() - Duration::days(60) + Duration::days(i / 9);
                    tx.follow_up_action(id, v, "", "", None, false, when)?;
                }
                Ok::<_, roundtable::store::StoreError>(())
            })
            .unwrap();
    }
    app.refresh();
}

/// Every row: one G reads page by page down to the end of the list and selects the last.
fn read_to_the_end(app: &mut App) -> Vec<String> {
    press(app, "G");
    assert!(!app.actions().more);
    assert_eq!(
        app.actions().selected().map(|a| a.id),
        app.actions().actions.last().map(|a| a.id)
    );
    titles(app)
}

#[test]
fn a_long_list_is_read_a_page_at_a_time_in_the_order_of_the_whole() {
    use roundtable::app::ACTIONS_PAGE;
    use roundtable::domain::action::sort_for_review;
    let (mut app, _, _) = setup();
    many_actions(&mut app, 150);
    // One page (and the next only as the selection nears its end).
    assert_eq!(app.actions().actions.len(), ACTIONS_PAGE);
    assert!(app.actions().more);
    assert!(text(&app).contains("more as you scroll"), "{}", text(&app));
    for _ in 0..ACTIONS_PAGE / 2 - 1 {
        press(&mut app, "j");
    }
    assert_eq!(app.actions().actions.len(), ACTIONS_PAGE);
    press(&mut app, "j");
    assert_eq!(app.actions().actions.len(), 2 * ACTIONS_PAGE);
    // Page after page, the rows are the whole list in the review order, for every
    // status filter (each page starts where the last one ended, across the stretches:
    // overdue, open by date, undated, closed by date, closed without one).
    let today = app.today();
    let club = app.browse().community_id().unwrap();
    let mut all = app.store_mut().actions(club).unwrap();
    sort_for_review(&mut all, today);
    for status in [
        StatusFilter::All,
        StatusFilter::Open,
        StatusFilter::Overdue,
        StatusFilter::Done,
        StatusFilter::Dropped,
    ] {
        while app.actions().status != status {
            press(&mut app, "s");
        }
        let want: Vec<String> = all
            .iter()
            .filter(|a| status.lets_through(a, today))
            .map(|a| a.info.title.clone())
            .collect();
        assert!(!want.is_empty(), "{status:?}");
        assert_eq!(read_to_the_end(&mut app), want, "{status:?}");
        assert!(!text(&app).contains("more as you scroll"));
    }
    // The text filter is applied to the rows as they are read: "nobody" finds the
    // actions nobody owns, across pages.
    while app.actions().status != StatusFilter::All {
        press(&mut app, "s");
    }
    press(&mut app, "/nobody<Enter>");
    let want: Vec<String> = all
        .iter()
        .filter(|a| a.info.owner.is_none())
        .map(|a| a.info.title.clone())
        .collect();
    assert!(want.len() > ACTIONS_PAGE, "{}", want.len());
    assert_eq!(read_to_the_end(&mut app), want);
}

/// `import json` takes any RFC 3339 time. Stored as written, a `done_at` without
/// milliseconds or with an offset broke the Actions pages: the rows tied with a page's
/// last row were skipped (its cursor, written in the stored form, did not equal their
/// text) and an offset sorted out of time order. The import stores each in the one form.
#[test]
fn imported_done_times_in_any_rfc_3339_form_page_in_time_order() {
    use roundtable::domain::action::sort_for_review;
    let (mut app, _, _) = setup();
    many_actions(&mut app, 150);
    let json = roundtable::store::dump::export(app.store_mut()).unwrap();
    let mut dump: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = dump["tables"]["action_item"].as_array_mut().unwrap();
    let plus_two = chrono::FixedOffset::east_opt(2 * 3600).unwrap();
    let mut rewritten = 0;
    for (i, row) in rows.iter_mut().enumerate() {
        let Some(done) = row["done_at"].as_str() else {
            continue;
        };
        let t = chrono::DateTime::parse_from_rfc3339(done).unwrap();
        row["done_at"] = match i % 3 {
            0 => t.format("%Y-%m-%dT%H:%M:%SZ").to_string().into(),
            1 => t.with_timezone(&plus_two).to_rfc3339().into(),
            _ => continue,
        };
        rewritten += 1;
    }
    assert!(rewritten > 20, "{rewritten}");
    let mut store = roundtable::store::Store::open_in_memory().unwrap();
    roundtable::store::dump::import(&mut store, dump.to_string().as_bytes()).unwrap();
    let stored: serde_json::Value =
        serde_json::from_str(&roundtable::store::dump::export(&store).unwrap()).unwrap();
    for row in stored["tables"]["action_item"].as_array().unwrap() {
        if let Some(done) = row["done_at"].as_str() {
            let t = chrono::DateTime::parse_from_rfc3339(done).unwrap();
            let form = t
                .to_utc()
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
            assert_eq!(done, form, "every done_at in the stored form");
        }
    }
    let mut app = App::new(store, Box::new(clock()));
    app.set_color(false);
    press(&mut app, "7");
    let today = app.today();
    let club = app.browse().community_id().unwrap();
    let mut all = app.store_mut().actions(club).unwrap();
    sort_for_review(&mut all, today);
    while app.actions().status != StatusFilter::Done {
        press(&mut app, "s");
    }
    let want: Vec<String> = all
        .iter()
        .filter(|a| StatusFilter::Done.lets_through(a, today))
        .map(|a| a.info.title.clone())
        .collect();
    assert!(want.len() > 40, "{}", want.len());
    assert_eq!(read_to_the_end(&mut app), want);
}

#[test]
fn a_follow_up_saved_on_the_second_page_is_shown() {
    use roundtable::app::ACTIONS_PAGE;
    let (mut app, _, _) = setup();
    many_actions(&mut app, 150);
    // Down to the second page: the last undated open actions come after it.
    for _ in 0..ACTIONS_PAGE + 10 {
        press(&mut app, "j");
    }
    let row = app.list(Screen::Actions).selected;
    assert!(row >= ACTIONS_PAGE, "{row}");
    let title = titles(&app)[row].clone();
    let a = app.actions().actions[row].clone();
    assert_eq!(a.status, ActionStatus::Open, "{title}");
    press(&mut app, "u2Asked twice<Enter>");
    assert_eq!(app.mode(), Mode::Browse, "{}", text(&app));
    assert_eq!(app.store_mut().action_updates(a.id).unwrap().len(), 1);
    // The list was read again as far as before: the same row is selected, its
    // follow-up shown in its history.
    assert_eq!(titles(&app)[app.list(Screen::Actions).selected], title);
    press(&mut app, "<Enter>");
    let t = ui::app_to_text(&app, 200, 60);
    assert!(t.contains("Follow-ups (1)"), "{t}");
    assert!(t.contains("happened: Asked twice"), "{t}");
    assert!(t.contains("◐ partly done"), "{t}");
}
