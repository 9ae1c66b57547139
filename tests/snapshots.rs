//! Whole-screen snapshots (insta) of every screen, form and overlay, rendered through
//! `ui::app_to_text` on the fixture. Review changes with `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test --test snapshots` and read the diff).

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use roundtable::app::{App, Screen};
use roundtable::ui;

const SMALL: (u16, u16) = (80, 24);
const LARGE: (u16, u16) = (160, 45);

fn snap(name: &str, app: &App, (w, h): (u16, u16)) {
    let text = ui::app_to_text(app, w, h);
    screen::assert_screen(name, &text, w, h);
    insta::assert_snapshot!(name, text);
}

/// The fixture with meetings (file-backed), on `screen`.
fn on(screen: Screen) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut app, _) = file_app(dir.path());
    if screen != Screen::Communities {
        press(&mut app, "<Enter>");
    }
    app.handle(roundtable::app::Command::GoTo(screen));
    app.clear_status();
    (dir, app)
}

#[test]
fn every_screen_at_two_sizes() {
    for screen in Screen::TABS {
        let (_dir, app) = on(screen);
        let name = screen.title().to_lowercase();
        snap(&format!("{name}_80x24"), &app, SMALL);
        snap(&format!("{name}_160x45"), &app, LARGE);
    }
}

#[test]
fn roster_with_the_wide_name_selected() {
    let mut app = app();
    press(&mut app, "<Enter>");
    let i = app
        .visible(Screen::Roster)
        .iter()
        .position(|&r| app.browse().members[r].profile.name == WIDE)
        .expect("wide name visible");
    for _ in 0..i {
        press(&mut app, "j");
    }
    snap("roster_wide_name_selected_80x24", &app, SMALL);
}

#[test]
fn roster_with_the_inactive_member_selected() {
    let mut app = app();
    press(&mut app, "<Enter>G");
    assert_eq!(
        app.browse()
            .selected_member()
            .map(|m| m.profile.name.as_str()),
        Some(INACTIVE)
    );
    snap("roster_inactive_selected_80x24", &app, SMALL);
}

#[test]
fn empty_meetings_and_history() {
    let mut app = app();
    press(&mut app, "<Enter>4");
    app.clear_status();
    snap("meetings_empty_80x24", &app, SMALL);
    press(&mut app, "5");
    snap("history_empty_80x24", &app, SMALL);
}

#[test]
fn empty_database() {
    let mut app = empty_app();
    snap("empty_home_80x24", &app, SMALL);
    snap("empty_home_160x45", &app, LARGE);
    press(&mut app, "2");
    snap("empty_roster_no_community_80x24", &app, SMALL);
}

#[test]
fn forms() {
    let mut app = app();
    press(&mut app, "n");
    snap("form_community_new_80x24", &app, SMALL);
    press(&mut app, "<Esc>e");
    snap("form_community_edit_80x24", &app, SMALL);
    // Focus on the last field scrolls the form at 80x24.
    press(&mut app, "<S-Tab>");
    snap("form_community_edit_last_field_80x24", &app, SMALL);
    snap("form_community_edit_160x45", &app, LARGE);
    press(&mut app, "<Esc><Enter>n");
    snap("form_member_new_80x24", &app, SMALL);
    press(&mut app, "<Esc>e");
    snap("form_member_edit_80x24", &app, SMALL);
    press(&mut app, "<Esc>3n");
    snap("form_goal_new_80x24", &app, SMALL);
}

#[test]
fn forms_with_validation_errors() {
    let mut app = app();
    press(&mut app, "n<Tab>A purpose<Tab>daily<C-s>");
    snap("form_community_errors_80x24", &app, SMALL);
    // Each form has typing in it: Esc asks, y throws it away.
    press(&mut app, "<Esc>y<Enter>nben carter<Tab>porter<C-s>");
    snap("form_member_duplicate_80x24", &app, SMALL);
    press(&mut app, "<Esc>y3nA goal<Tab><Tab>31/12/2026<C-s>");
    snap("form_goal_bad_date_80x24", &app, SMALL);
}

/// A trial read "Success measurehandover notes…": the longest labels ran into their
/// values. Every label keeps a space before its field.
#[test]
fn a_form_label_never_runs_into_its_value() {
    let mut app = app();
    press(
        &mut app,
        "<Enter>3nA goal<Tab>handover notes for 100% of cover lessons",
    );
    let text = ui::app_to_text(&app, SMALL.0, SMALL.1);
    assert!(text.contains("Success measure handover notes"), "{text}");
    snap("form_goal_filled_80x24", &app, SMALL);
}

#[test]
fn help_overlay() {
    let mut app = app();
    press(&mut app, "?");
    snap("help_communities_80x24", &app, SMALL);
    snap("help_communities_160x45", &app, LARGE);
    press(&mut app, "<Esc><Enter>?");
    snap("help_roster_80x24", &app, SMALL);
    press(&mut app, "<Esc>4?");
    snap("help_meetings_80x24", &app, SMALL);
}

#[test]
fn filter_in_progress() {
    let mut app = app();
    press(&mut app, "<Enter>/nurse st");
    snap("filter_roster_typing_80x24", &app, SMALL);
    press(&mut app, "<Enter>");
    snap("filter_roster_kept_80x24", &app, SMALL);
}

#[test]
fn confirm_popup() {
    let mut app = app();
    press(&mut app, "x");
    snap("confirm_archive_80x24", &app, SMALL);
    press(&mut app, "y");
    snap("after_archive_80x24", &app, SMALL);
    press(&mut app, "v");
    snap("show_archived_80x24", &app, SMALL);
}

#[test]
fn terminal_too_small() {
    let app = app();
    snap("too_small_50x15", &app, (50, 15));
    snap("smallest_supported_64x20", &app, (64, 20));
}

/// Text output (snapshots, `roundtable render`) puts a double-width character in two
/// columns: the rows holding the wide name still end on the box edge in the last column.
#[test]
fn wide_characters_take_two_columns_and_boxes_still_close() {
    let mut app = app();
    press(&mut app, "<Enter>");
    let i = app
        .visible(Screen::Roster)
        .iter()
        .position(|&r| app.browse().members[r].profile.name == WIDE)
        .expect("wide name visible");
    for _ in 0..i {
        press(&mut app, "j");
    }
    for (w, h) in [SMALL, LARGE] {
        let text = ui::app_to_text(&app, w, h);
        let rows = text.lines().filter(|l| l.contains(WIDE)).count();
        assert!(rows >= 2, "the list and the detail show {WIDE}:\n{text}");
        screen::assert_screen("roster with the wide name", &text, w, h);
    }
}
