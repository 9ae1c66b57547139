//! App flows driven by keys (and a few `Command`s), checked on the app's state and on
//! the store — reopened from a file where persistence matters.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use roundtable::app::{App, Command, Form, Mode, Overlay, Screen};
use roundtable::domain::{ChosenBy, GoalStatus, LeaderRole, MeetingMode, Member};
use roundtable::store::Store;
use roundtable::ui;
use std::path::{Path, PathBuf};

fn form(app: &App) -> &Form {
    match app.overlay() {
        Overlay::Form(f) => f,
        other => panic!("expected an open form, got {other:?}"),
    }
}

fn status(app: &App) -> (String, bool) {
    let s = app.status().expect("a status message");
    (s.text.clone(), s.is_error)
}

fn member<'a>(members: &'a [Member], name: &str) -> &'a Member {
    members
        .iter()
        .find(|m| m.profile.name == name)
        .unwrap_or_else(|| panic!("{name} not on the roster"))
}

/// Moves the selection on the current screen to the visible row `pred` picks, with keys.
fn select_row(app: &mut App, label: &str, pred: impl Fn(&App, usize) -> bool) {
    press(app, "g");
    let rows = app.visible(app.screen());
    let i = rows
        .iter()
        .position(|&r| pred(app, r))
        .unwrap_or_else(|| panic!("no visible row for {label}"));
    for _ in 0..i {
        press(app, "j");
    }
    assert_eq!(app.list(app.screen()).selected, i, "selecting {label}");
}

fn select_member(app: &mut App, name: &str) {
    select_row(app, name, |a, r| a.browse().members[r].profile.name == name);
    assert_eq!(
        app.browse()
            .selected_member()
            .map(|m| m.profile.name.as_str()),
        Some(name)
    );
}

fn select_community(app: &mut App, name: &str) {
    select_row(app, name, |a, r| {
        a.browse().communities[r].info.name == name
    });
}

fn select_goal(app: &mut App, title: &str) {
    select_row(app, title, |a, r| a.browse().goals[r].info.title == title);
}

/// A fixture database file in a temp dir, and an app over it.
fn file_fixture() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (app, _) = file_app(dir.path());
    let path = dir.path().join("fixture.db");
    (dir, path, app)
}

fn reopen(path: &Path) -> Store {
    Store::open(path).expect("reopen the database")
}

#[test]
fn fixture_starts_on_communities_with_the_only_active_community_chosen() {
    let app = app();
    assert_eq!(app.screen(), Screen::Communities);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(
        app.browse()
            .community
            .as_ref()
            .map(|c| c.info.name.as_str()),
        Some(CLUB)
    );
    assert_eq!(app.browse().members.len(), 6, "the roster of the club");
    assert_eq!(app.browse().goals.len(), 3);
    assert_eq!(
        app.browse().communities.len(),
        1,
        "archived community hidden"
    );
}

#[test]
fn create_a_community_through_the_form_and_it_is_stored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("new.db");
    let mut app = App::new(reopen(&path), Box::new(clock()));
    assert!(app.browse().communities.is_empty());
    press(&mut app, "n");
    assert_eq!(app.mode(), Mode::Form);
    assert_eq!(form(&app).title, "New community");
    press(
        &mut app,
        "Book Club<Tab>Read together,<Enter>then talk.<Tab>weekly Tue 18:00<Tab><Right><Tab>Library<Tab>45<C-s>",
    );
    assert_eq!(app.mode(), Mode::Browse, "saved forms close");
    let (text, is_error) = status(&app);
    assert!(
        !is_error && text.contains("Created community 'Book Club'"),
        "{text}"
    );
    assert_eq!(
        app.browse()
            .community
            .as_ref()
            .map(|c| c.info.name.as_str()),
        Some("Book Club")
    );
    assert_eq!(
        app.browse()
            .selected_community()
            .map(|c| c.info.name.as_str()),
        Some("Book Club")
    );
    drop(app);

    let store = reopen(&path);
    let all = store.communities(true).expect("communities");
    assert_eq!(all.len(), 1);
    let c = &all[0].info;
    assert_eq!(c.name, "Book Club");
    assert_eq!(c.purpose, "Read together,\nthen talk.");
    assert_eq!(
        c.cadence.map(|c| c.to_string()).as_deref(),
        Some("weekly Tue 18:00")
    );
    assert_eq!(c.mode, MeetingMode::Online);
    assert_eq!(c.place, "Library");
    assert_eq!(c.meeting_minutes, 45);
    assert!(!all[0].archived && all[0].leader.is_none());
    // The new community is remembered as the last one used.
    let app = App::new(store, Box::new(clock()));
    assert_eq!(
        app.browse()
            .community
            .as_ref()
            .map(|c| c.info.name.as_str()),
        Some("Book Club")
    );
}

#[test]
fn open_a_community_add_a_member_and_edit_their_role() {
    let (_dir, path, mut app) = file_fixture();
    press(&mut app, "<Enter>");
    assert_eq!(app.screen(), Screen::Roster);
    assert_eq!(
        app.browse()
            .community
            .as_ref()
            .map(|c| c.info.name.as_str()),
        Some(CLUB)
    );

    press(&mut app, "n");
    assert_eq!(form(&app).title, "New member");
    assert_eq!(
        form(&app).draft().get("joined"),
        "2026-11-24",
        "joined defaults to today"
    );
    press(
        &mut app,
        "Ada Lovelace<Tab>mathematician<Tab>Notes on engines<C-s>",
    );
    assert_eq!(app.mode(), Mode::Browse);
    let (text, is_error) = status(&app);
    assert!(!is_error && text.contains("Added Ada Lovelace"), "{text}");
    assert!(
        app.browse()
            .members
            .iter()
            .any(|m| m.profile.name == "Ada Lovelace")
    );

    select_member(&mut app, "Ben Carter");
    press(&mut app, "e");
    assert_eq!(form(&app).title, "Edit member");
    assert_eq!(form(&app).draft().get("role"), "staff nurse", "prefilled");
    press(&mut app, "<Tab><Home><C-k>ward manager<C-s>");
    assert_eq!(app.mode(), Mode::Browse);
    drop(app);

    let store = reopen(&path);
    let club = store.community_by_name(CLUB).expect("club");
    let members = store.members(club.id).expect("members");
    let ada = member(&members, "Ada Lovelace");
    assert_eq!(ada.profile.role, "mathematician");
    assert_eq!(ada.profile.brings, "Notes on engines");
    assert_eq!(
        ada.profile.joined.map(|d| d.to_string()).as_deref(),
        Some("2026-11-24")
    );
    assert!(ada.active);
    let ben = member(&members, "Ben Carter");
    assert_eq!(ben.profile.role, "ward manager");
    assert_eq!(
        ben.profile.brings, "Night-shift perspective",
        "other fields kept"
    );
    assert_eq!(members.len(), 7);
}

#[test]
fn enter_on_a_roster_row_opens_that_members_profile_and_e_edits_them() {
    // Issue 10: Enter (or p) on the roster opens the member's profile; e edits.
    let mut app = app();
    press(&mut app, "<Enter>");
    select_member(&mut app, WIDE);
    press(&mut app, "<Enter>");
    assert_eq!(app.screen(), Screen::Profile);
    let profile = app.insights().profile.as_ref().expect("a profile open");
    assert_eq!(profile.member.profile.name, WIDE);
    press(&mut app, "<Esc>e");
    assert_eq!(form(&app).draft().get("name"), WIDE);
}

#[test]
fn empty_community_name_keeps_the_form_and_the_store() {
    let mut app = app();
    let before = dump(app.store_mut());
    press(&mut app, "n<Tab>A purpose I typed<C-s>");
    assert_eq!(app.mode(), Mode::Form, "the form stays open");
    let f = form(&app);
    assert_eq!(f.errors.for_field("name"), Some("is required"));
    assert_eq!(f.focus, 0, "focus moves to the failing field");
    assert_eq!(f.draft().get("purpose"), "A purpose I typed", "typing kept");
    let (text, is_error) = status(&app);
    assert!(is_error && text.contains("Name: is required"), "{text}");
    let screen = ui::app_to_text(&app, 80, 24);
    assert!(
        screen.contains("is required"),
        "error shown by the field:\n{screen}"
    );
    assert_eq!(dump(app.store_mut()), before, "store unchanged");
}

#[test]
fn bad_joined_date_keeps_the_form_and_the_store() {
    let mut app = app();
    press(&mut app, "<Enter>");
    let before = dump(app.store_mut());
    // Seven Tabs from Name reach Joined, prefilled with today.
    press(&mut app, "nEve Moneypenny<Tab>secretary");
    press(
        &mut app,
        "<Tab><Tab><Tab><Tab><Tab><Tab><Home><C-k>yesterday<C-s>",
    );
    assert_eq!(app.mode(), Mode::Form);
    let f = form(&app);
    let msg = f.errors.for_field("joined").expect("joined fails");
    assert!(msg.contains("'yesterday' is not a date"), "{msg}");
    assert_eq!(f.fields[f.focus].key, "joined");
    assert_eq!(f.draft().get("name"), "Eve Moneypenny");
    assert_eq!(f.draft().get("role"), "secretary");
    assert_eq!(f.draft().get("joined"), "yesterday");
    assert!(status(&app).1);
    let screen = ui::app_to_text(&app, 80, 24);
    assert!(screen.contains("is not a date"), "{screen}");
    assert_eq!(dump(app.store_mut()), before);

    // Fixing the field and saving again works.
    press(&mut app, "<Home><C-k>2026-11-01<C-s>");
    assert_eq!(app.mode(), Mode::Browse);
    assert_ne!(dump(app.store_mut()), before);
}

#[test]
fn duplicate_member_name_is_refused_whatever_the_case() {
    let mut app = app();
    press(&mut app, "<Enter>");
    let before = dump(app.store_mut());
    press(&mut app, "nben carter<Tab>porter<C-s>");
    assert_eq!(app.mode(), Mode::Form);
    let f = form(&app);
    let msg = f.errors.for_field("name").expect("name fails");
    assert!(msg.contains("already on this roster"), "{msg}");
    assert_eq!(f.draft().get("name"), "ben carter");
    assert_eq!(f.draft().get("role"), "porter");
    assert_eq!(f.focus, 0);
    assert_eq!(dump(app.store_mut()), before);
}

#[test]
fn duplicate_community_name_clashes_with_archived_ones_too() {
    let mut app = app();
    let before = dump(app.store_mut());
    press(&mut app, "npharmacy reading circle<C-s>");
    assert_eq!(app.mode(), Mode::Form);
    let msg = form(&app).errors.for_field("name").expect("name fails");
    assert!(msg.contains("already exists"), "{msg}");
    assert_eq!(dump(app.store_mut()), before);
}

#[test]
fn renaming_a_member_onto_another_is_refused() {
    let mut app = app();
    press(&mut app, "<Enter>");
    select_member(&mut app, "Ben Carter");
    let before = dump(app.store_mut());
    press(&mut app, "e<Home><C-k>Grace Lin<C-s>");
    assert_eq!(app.mode(), Mode::Form);
    assert!(form(&app).errors.for_field("name").is_some());
    assert_eq!(dump(app.store_mut()), before);
}

#[test]
fn several_bad_community_fields_are_all_marked() {
    let mut app = app();
    press(&mut app, "n<Tab><Tab>daily<Tab><Tab><Tab>2<C-s>");
    let f = form(&app);
    for key in ["name", "cadence", "meeting_minutes"] {
        assert!(
            f.errors.for_field(key).is_some(),
            "{key} marked: {:?}",
            f.errors
        );
    }
    assert_eq!(f.fields[f.focus].key, "name", "first failing field focused");
    assert_eq!(f.draft().get("cadence"), "daily");
}

#[test]
fn escape_in_a_form_cancels_without_saving() {
    for (setup, script) in [
        ("", "nNot saved<Esc>"),
        ("", "eRenamed<Esc>"),
        ("<Enter>", "nNobody<Esc>"),
        ("<Enter>", "e<Home><C-k>Changed<Esc>"),
        ("<Enter>3", "nA goal<Esc>"),
        ("<Enter>3", "e<Tab><Tab><Tab><Right><Esc>"),
    ] {
        let mut app = app();
        press(&mut app, setup);
        let before = dump(app.store_mut());
        press(&mut app, script);
        // Something was typed: Esc asks before throwing it away.
        assert_eq!(app.mode(), Mode::Confirm, "{script}");
        press(&mut app, "y");
        assert_eq!(app.mode(), Mode::Browse, "{script}");
        let (text, is_error) = status(&app);
        assert!(!is_error && text.contains("nothing was changed"), "{text}");
        assert_eq!(dump(app.store_mut()), before, "{script}");
    }
}

/// A trial typed a long profile and lost it to one Esc. Esc on a form with typing in it
/// asks first; n goes back to the form as it was; an untouched form closes at once.
#[test]
fn escape_asks_before_throwing_typing_away() {
    let mut app = app();
    press(&mut app, "<Enter>nAda Lovelace<Tab>Analytical engines<Esc>");
    assert_eq!(app.mode(), Mode::Confirm);
    press(&mut app, "n");
    assert_eq!(app.mode(), Mode::Form);
    let d = form(&app).draft();
    assert_eq!(d.get("name"), "Ada Lovelace");
    assert_eq!(d.get("role"), "Analytical engines");
    press(&mut app, "<C-s>");
    assert_eq!(app.mode(), Mode::Browse);
    // Nothing typed: Esc closes the form without a question.
    press(&mut app, "n<Esc>");
    assert_eq!(app.mode(), Mode::Browse);
    let (text, _) = status(&app);
    assert!(text.contains("nothing was changed"), "{text}");
}

#[test]
fn letters_typed_in_a_form_are_text_not_commands() {
    let mut app = app();
    press(&mut app, "<Enter>nq?/12xjk<C-s>");
    assert!(!app.quit_requested());
    assert_eq!(app.screen(), Screen::Roster);
    assert!(
        app.browse()
            .members
            .iter()
            .any(|m| m.profile.name == "q?/12xjk")
    );
}

#[test]
fn deactivate_and_reactivate_a_member() {
    let (_dir, path, mut app) = file_fixture();
    press(&mut app, "<Enter>");
    select_member(&mut app, "Ben Carter");
    press(&mut app, "x");
    let (text, _) = status(&app);
    assert!(text.contains("deactivated (left 2026-11-24)"), "{text}");
    assert_eq!(
        app.browse()
            .selected_member()
            .map(|m| m.profile.name.as_str()),
        Some("Ben Carter"),
        "selection follows the member to the inactive end of the list"
    );
    {
        let store = reopen(&path);
        let club = store.community_by_name(CLUB).expect("club");
        let ben = member(&store.members(club.id).expect("members"), "Ben Carter").clone();
        assert!(!ben.active);
        assert_eq!(
            ben.left.map(|d| d.to_string()).as_deref(),
            Some("2026-11-24")
        );
    }
    press(&mut app, "x");
    assert!(status(&app).0.contains("active again"));
    let store = reopen(&path);
    let club = store.community_by_name(CLUB).expect("club");
    let ben = member(&store.members(club.id).expect("members"), "Ben Carter").clone();
    assert!(ben.active);
    assert_eq!(ben.left, None);
}

#[test]
fn archive_a_community_then_show_archived_and_restore_it() {
    let (_dir, path, mut app) = file_fixture();
    assert_eq!(
        app.browse()
            .selected_community()
            .map(|c| c.info.name.as_str()),
        Some(CLUB)
    );
    // Saying no changes nothing.
    press(&mut app, "x");
    assert_eq!(app.mode(), Mode::Confirm);
    press(&mut app, "n");
    assert_eq!(app.mode(), Mode::Browse);
    assert!(
        !reopen(&path)
            .community_by_name(CLUB)
            .expect("club")
            .archived
    );

    press(&mut app, "x");
    match app.overlay() {
        Overlay::Confirm(c) => assert!(c.question.starts_with("Archive '"), "{}", c.question),
        other => panic!("expected a question, got {other:?}"),
    }
    press(&mut app, "y");
    assert_eq!(app.mode(), Mode::Browse);
    assert!(
        app.browse().communities.is_empty(),
        "archived communities are hidden"
    );
    assert!(
        app.browse().community.is_none(),
        "the archived community is no longer chosen"
    );
    assert!(
        reopen(&path)
            .community_by_name(CLUB)
            .expect("club")
            .archived
    );

    press(&mut app, "v");
    assert!(app.browse().show_archived);
    assert_eq!(app.browse().communities.len(), 2);
    select_community(&mut app, CLUB);
    press(&mut app, "x");
    match app.overlay() {
        Overlay::Confirm(c) => assert!(c.question.starts_with("Restore '"), "{}", c.question),
        other => panic!("expected a question, got {other:?}"),
    }
    press(&mut app, "y");
    assert!(status(&app).0.contains("Restored"));
    assert!(
        !reopen(&path)
            .community_by_name(CLUB)
            .expect("club")
            .archived
    );
    press(&mut app, "v");
    assert!(!app.browse().show_archived);
    assert_eq!(app.browse().communities.len(), 1);
    assert_eq!(app.browse().communities[0].info.name, CLUB);
}

#[test]
fn goals_create_edit_and_cycle_status() {
    let (_dir, path, mut app) = file_fixture();
    press(&mut app, "<Enter>3");
    assert_eq!(app.screen(), Screen::Goals);
    press(
        &mut app,
        "nHost a falls journal club<Tab>Two changes agreed<Tab>2027-02-01<C-s>",
    );
    assert_eq!(app.mode(), Mode::Browse, "{:?}", app.status());
    let title = "Host a falls journal club";
    {
        let store = reopen(&path);
        let club = store.community_by_name(CLUB).expect("club");
        let goals = store.goals(club.id).expect("goals");
        let g = goals
            .iter()
            .find(|g| g.info.title == title)
            .expect("stored");
        assert_eq!(g.info.status, GoalStatus::Proposed);
        assert_eq!(g.info.success_measure, "Two changes agreed");
        assert_eq!(
            g.info.target.map(|d| d.to_string()).as_deref(),
            Some("2027-02-01")
        );
    }

    select_goal(&mut app, title);
    press(&mut app, "e<Tab><Tab><Tab><Right><C-s>");
    assert_eq!(app.mode(), Mode::Browse);
    let id = app
        .browse()
        .selected_goal()
        .map(|g| g.id)
        .expect("selected");
    let stored = |path: &Path| {
        let store = reopen(path);
        let club = store.community_by_name(CLUB).expect("club");
        store
            .goals(club.id)
            .expect("goals")
            .into_iter()
            .find(|g| g.id == id)
            .expect("goal")
    };
    assert_eq!(stored(&path).info.status, GoalStatus::Active);
    assert_eq!(stored(&path).info.title, title);

    for expected in [
        GoalStatus::Met,
        GoalStatus::Dropped,
        GoalStatus::Proposed,
        GoalStatus::Active,
    ] {
        press(&mut app, "s");
        assert_eq!(stored(&path).info.status, expected);
        assert_eq!(
            app.browse().selected_goal().map(|g| g.id),
            Some(id),
            "selection follows the goal as it moves in the list"
        );
        assert!(status(&app).0.contains(expected.as_str()));
    }
}

#[test]
fn filter_narrows_lists_and_escape_clears_it() {
    let mut app = app();
    press(&mut app, "<Enter>");
    assert_eq!(app.visible(Screen::Roster).len(), 6);
    press(&mut app, "/");
    assert_eq!(app.mode(), Mode::Filter);
    press(&mut app, "NURSE");
    let names = |app: &App| -> Vec<String> {
        app.visible(Screen::Roster)
            .iter()
            .map(|&i| app.browse().members[i].profile.name.clone())
            .collect()
    };
    let mut got = names(&app);
    got.sort();
    assert_eq!(got, ["Amara Okafor", "Ben Carter", "Farah Haddad", WIDE]);
    press(&mut app, " staff");
    let mut got = names(&app);
    got.sort();
    assert_eq!(got, ["Ben Carter", "Farah Haddad"]);
    press(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(
        app.list(Screen::Roster).filter,
        "NURSE staff",
        "filter kept"
    );
    assert_eq!(names(&app).len(), 2);
    // Esc in browse clears the filter first, and stays on the screen.
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Roster);
    assert_eq!(app.list(Screen::Roster).filter, "");
    assert_eq!(names(&app).len(), 6);
    // Esc while typing a filter clears it and closes the filter.
    press(&mut app, "/zzz");
    assert!(names(&app).is_empty());
    assert_eq!(app.browse().selected_member(), None);
    press(&mut app, "<Esc>");
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(names(&app).len(), 6);
    // A second Esc goes back to Communities.
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Communities);
}

#[test]
fn filter_keeps_the_selection_inside_the_narrowed_list() {
    let mut app = app();
    press(&mut app, "<Enter>G");
    assert_eq!(app.list(Screen::Roster).selected, 5);
    press(&mut app, "/ben");
    assert_eq!(app.list(Screen::Roster).selected, 0);
    assert_eq!(
        app.browse()
            .selected_member()
            .map(|m| m.profile.name.as_str()),
        Some("Ben Carter")
    );
    // Filters are per screen.
    press(&mut app, "<Enter>3");
    assert_eq!(app.visible(Screen::Goals).len(), 3);
    press(&mut app, "/met<Enter>");
    assert_eq!(app.visible(Screen::Goals).len(), 1);
    press(&mut app, "2");
    assert_eq!(app.visible(Screen::Roster).len(), 1);
}

#[test]
fn tab_shift_tab_and_number_keys_move_between_screens() {
    let mut app = app();
    let order = Screen::TABS;
    let n = order.len();
    for i in 1..=n {
        press(&mut app, "<Tab>");
        assert_eq!(app.screen(), order[i % n]);
    }
    for i in (0..n).rev() {
        press(&mut app, "<S-Tab>");
        assert_eq!(app.screen(), order[i]);
    }
    for (k, s) in ["5", "3", "6", "7", "1", "4", "2"].iter().zip([
        Screen::History,
        Screen::Goals,
        Screen::Cycles,
        Screen::Actions,
        Screen::Communities,
        Screen::Meetings,
        Screen::Roster,
    ]) {
        press(&mut app, k);
        assert_eq!(app.screen(), s, "key {k}");
    }
    // Commands reach the same places.
    app.handle(Command::GoTo(Screen::Goals));
    assert_eq!(app.screen(), Screen::Goals);
    app.handle(Command::NextScreen);
    assert_eq!(app.screen(), Screen::Meetings);
}

#[test]
fn community_screens_without_a_chosen_community_say_so() {
    let mut app = empty_app();
    press(&mut app, "2");
    assert_eq!(app.screen(), Screen::Roster);
    assert!(status(&app).0.contains("Choose a community first"));
    press(&mut app, "n");
    assert_eq!(
        app.mode(),
        Mode::Browse,
        "no member form without a community"
    );
    let screen = ui::app_to_text(&app, 80, 24);
    assert!(screen.contains("No community chosen"), "{screen}");
}

#[test]
fn q_quits_but_not_from_help_or_a_form() {
    let mut app = app();
    press(&mut app, "?");
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, "q");
    assert!(!app.quit_requested(), "q closes help");
    assert_eq!(app.mode(), Mode::Browse);
    press(&mut app, "nq");
    assert!(!app.quit_requested());
    // The q typed into the form is thrown away on the way out.
    press(&mut app, "<Esc>yq");
    assert!(app.quit_requested());
}

/// The option shown as chosen in a choice field.
fn chosen(f: &roundtable::app::Form, key: &str) -> String {
    let field = f.fields.iter().find(|x| x.key == key).expect("field");
    match &field.input {
        roundtable::app::form::Input::Choice {
            options, selected, ..
        } => options[*selected].clone(),
        _ => panic!("{key} is not a choice"),
    }
}

#[test]
fn a_leader_chosen_in_the_community_form_enters_leadership_history() {
    let (_dir, path, mut app) = file_fixture();
    press(&mut app, "e");
    let f = form(&app);
    assert_eq!(f.title, "Edit community");
    assert_eq!(chosen(f, "leader"), LEADER, "current leader prefilled");
    let leader_id = f.draft().get("leader").to_string();
    assert!(
        leader_id.parse::<i64>().is_ok(),
        "the draft carries the member's id, not a name"
    );
    assert_eq!(f.draft().get("chosen_by"), "agreed by the group");
    // Leader options are "(none)" then active members by name: Right moves to Ben.
    press(
        &mut app,
        "<Tab><Tab><Tab><Tab><Tab><Tab><Right><Tab><Right><Tab><Right>",
    );
    let d = form(&app).draft();
    assert_eq!(
        (
            chosen(form(&app), "leader"),
            d.get("leader_role"),
            d.get("chosen_by")
        ),
        ("Ben Carter".to_string(), "mediator", "voted")
    );
    press(&mut app, "<C-s>");
    assert_eq!(app.mode(), Mode::Browse, "{:?}", app.status());
    drop(app);

    let store = reopen(&path);
    let club = store.community_by_name(CLUB).expect("club");
    let history = store.leadership_history(club.id).expect("history");
    assert_eq!(history.len(), 2, "{history:?}");
    assert_eq!(history[0].member_name, "Ben Carter");
    assert_eq!(history[0].role, LeaderRole::Mediator);
    assert_eq!(history[0].chosen_by, ChosenBy::Voted);
    assert_eq!(history[0].since.to_string(), "2026-11-24");
    assert_eq!(history[0].until, None);
    assert_eq!(history[1].member_name, LEADER);
    assert_eq!(history[1].chosen_by, ChosenBy::Agreed);
    assert_eq!(
        history[1].until.map(|d| d.to_string()).as_deref(),
        Some("2026-11-24")
    );
    assert_eq!(
        club.leader.map(|l| l.member_name).as_deref(),
        Some("Ben Carter")
    );
}

#[test]
fn saving_the_community_form_unchanged_keeps_the_leadership_term() {
    let mut app = app();
    let before = dump(app.store_mut());
    press(&mut app, "e<C-s>");
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(dump(app.store_mut()), before);
}

#[test]
fn choosing_no_leader_ends_the_current_term() {
    let mut app = app();
    // Leader is the 7th field; Left from Amara (option 1) goes to "(none)".
    press(&mut app, "e<Tab><Tab><Tab><Tab><Tab><Tab><Left><C-s>");
    assert_eq!(app.mode(), Mode::Browse);
    let club = app.store_mut().community_by_name(CLUB).expect("club");
    assert!(club.leader.is_none());
    let history = app
        .store_mut()
        .leadership_history(club.id)
        .expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(
        history[0].until.map(|d| d.to_string()).as_deref(),
        Some("2026-11-24")
    );
}

#[test]
fn editing_a_community_with_an_inactive_leader_keeps_the_term() {
    let mut app = app();
    press(&mut app, "<Enter>");
    select_member(&mut app, LEADER);
    press(&mut app, "x1");
    let club = app.store_mut().community_by_name(CLUB).expect("club");
    assert_eq!(
        club.leader.as_ref().map(|l| l.member_name.as_str()),
        Some(LEADER)
    );
    // Only the purpose changes.
    press(&mut app, "e<Tab> (edited)<C-s>");
    assert_eq!(app.mode(), Mode::Browse, "{:?}", app.status());
    let club = app.store_mut().community_by_name(CLUB).expect("club");
    assert!(club.info.purpose.ends_with("(edited)"));
    assert_eq!(
        club.leader.as_ref().map(|l| l.member_name.as_str()),
        Some(LEADER),
        "the leader must not change when only the purpose was edited"
    );
}

#[test]
fn pasted_text_lands_in_the_focused_field_sanitized() {
    let mut app = app();
    press(&mut app, "<Enter>n");
    app.on_paste("Mallory\u{1b}[2J");
    press(&mut app, "<C-s>");
    let m = app
        .browse()
        .members
        .iter()
        .find(|m| m.profile.name.starts_with("Mallory"))
        .expect("stored");
    assert!(!m.profile.name.contains('\u{1b}'), "{:?}", m.profile.name);
}

/// A trial pasted 2,000 characters into a new goal: the status line said "title: is too
/// long (at most 80 characters); title: is too long (at…" — the form's label is "Goal",
/// and the one failure was said twice. It names the field as the form does, once.
#[test]
fn a_refused_form_names_each_failure_once_by_its_label() {
    let mut app = app();
    let before = dump(app.store_mut());
    press(&mut app, "<Enter>3n");
    let long = "x".repeat(2_000);
    press(&mut app, &long);
    press(&mut app, "<C-s>");
    assert_eq!(app.mode(), Mode::Form);
    let f = form(&app);
    assert_eq!(f.errors.0.len(), 1, "{:?}", f.errors);
    let label = f.fields.iter().find(|x| x.key == "title").unwrap().label;
    let (text, is_error) = status(&app);
    assert!(is_error);
    assert_eq!(
        text,
        format!(
            "Not saved: {label}: is too long (2000 characters; at most 80) — fix the marked fields"
        )
    );
    assert_eq!(dump(app.store_mut()), before);
}
