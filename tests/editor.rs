//! Long text in the leader's `$EDITOR` (Ctrl-G), through the app and the launcher the
//! terminal loop uses, with fake editors: shell scripts in a temporary folder that
//! record what they were given and rewrite the file (or fail).

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use roundtable::app::{App, Command, Mode, Overlay, Screen};
use roundtable::editor::run_editor_with;
use roundtable::tui::editor::edit_text;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// A fake editor: `body` runs with `$f` set to the file (the last argument), after the
/// script notes its arguments, the file's mode and its path in `dir`.
fn fake_editor(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    let script = format!(
        "#!/bin/sh\nfor f; do :; done\necho \"$@\" > '{d}/args'\nstat -c %a \"$f\" > '{d}/mode'\necho \"$f\" > '{d}/path'\n{body}\n",
        d = dir.display()
    );
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700)).unwrap();
    path
}

fn noted(dir: &Path, what: &str) -> String {
    std::fs::read_to_string(dir.join(what))
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// What the terminal loop does after a key: the app's edit request, if any, through the
/// editor `editor`, and the outcome back to the app. Whether there was a request.
fn serve(app: &mut App, editor: &str) -> bool {
    let Some(request) = app.take_edit_request() else {
        return false;
    };
    let outcome = edit_text(&request.text, |path| run_editor_with(editor, path));
    app.editor_done(request, outcome.map_err(|e| format!("{e:#}")));
    true
}

/// The focused field's text in the open form.
fn field(app: &App, key: &str) -> String {
    match app.overlay() {
        Overlay::Form(f) => f.draft().get(key).to_string(),
        _ => panic!("no form open"),
    }
}

/// The roster with the first member's form open on "Brings" (name, role, brings).
fn brings_form() -> App {
    let mut app = app();
    press(&mut app, "<Enter>");
    app.handle(Command::GoTo(Screen::Roster));
    press(&mut app, "e<Tab><Tab>");
    assert_eq!(app.mode(), Mode::Form);
    app
}

#[test]
fn a_profile_field_round_trips_through_the_editor_and_is_saved_only_on_ctrl_s() {
    let dir = tempfile::tempdir().unwrap();
    let editor = fake_editor(
        dir.path(),
        "ed",
        "printf 'Twenty years on the ward\\nand a good ear\\n' > \"$f\"",
    );
    let mut app = brings_form();
    let member = app.browse().selected_member().unwrap().clone();
    let before = dump(app.store_mut());
    press(&mut app, "<C-g>");
    assert!(
        serve(&mut app, &editor.display().to_string()),
        "Ctrl-G asks for the editor"
    );
    assert_eq!(
        field(&app, "brings"),
        "Twenty years on the ward\nand a good ear"
    );
    assert_eq!(
        noted(dir.path(), "mode"),
        "600",
        "the file is the owner's only"
    );
    let file = noted(dir.path(), "path");
    assert!(
        !file.is_empty() && !Path::new(&file).exists(),
        "the file is removed"
    );
    assert!(
        app.status()
            .is_some_and(|s| !s.is_error && s.text.contains("save the form"))
    );
    assert_eq!(
        dump(app.store_mut()),
        before,
        "nothing is saved before Ctrl-S"
    );

    press(&mut app, "<C-s>");
    assert_eq!(app.mode(), Mode::Browse, "{:?}", app.status());
    let saved = app
        .store_mut()
        .members(member.community_id)
        .unwrap()
        .into_iter()
        .find(|m| m.id == member.id)
        .unwrap();
    assert_eq!(
        saved.profile.brings,
        "Twenty years on the ward\nand a good ear"
    );
}

#[test]
fn an_editor_that_fails_leaves_the_field_as_it_was_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = brings_form();
    let was = field(&app, "brings");
    for (name, body, says) in [
        ("fails", "printf 'half' > \"$f\"; exit 3", "exit status 3"),
        ("binary", "printf 'caf\\351' > \"$f\"", "not UTF-8"),
        (
            "huge",
            "head -c 400000 /dev/zero | tr '\\0' x > \"$f\"",
            "more than",
        ),
        ("gone", "rm \"$f\"", "gone"),
    ] {
        let editor = fake_editor(dir.path(), name, body);
        press(&mut app, "<C-g>");
        assert!(serve(&mut app, &editor.display().to_string()));
        assert_eq!(field(&app, "brings"), was, "{name}");
        let status = app.status().expect("a message");
        assert!(
            status.is_error && status.text.contains(says),
            "{name}: {status:?}"
        );
        let file = noted(dir.path(), "path");
        assert!(!Path::new(&file).exists(), "{name}: the file is removed");
    }
    // An editor that is not there at all.
    press(&mut app, "<C-g>");
    assert!(serve(&mut app, "/nonexistent/editor"));
    assert!(app.status().unwrap().text.contains("not found"));
    assert_eq!(field(&app, "brings"), was);
    assert_eq!(app.mode(), Mode::Form, "the form is still open");
}

#[test]
fn the_editor_may_carry_arguments_and_a_one_line_field_takes_the_lines_joined() {
    let dir = tempfile::tempdir().unwrap();
    let editor = fake_editor(dir.path(), "ed", "printf 'Charge\\nnurse\\n' > \"$f\"");
    let mut app = brings_form();
    press(&mut app, "<S-Tab>"); // Role: one line.
    press(&mut app, "<C-g>");
    assert!(serve(&mut app, &format!("{} --wait", editor.display())));
    assert!(noted(dir.path(), "args").starts_with("--wait "));
    assert_eq!(field(&app, "role"), "Charge nurse");
}

#[test]
fn a_note_in_a_live_meeting_comes_back_from_the_editor_unsaved_until_enter() {
    let dir = tempfile::tempdir().unwrap();
    let editor = fake_editor(
        dir.path(),
        "ed",
        "printf \"$(cat \"$f\") and more\\nsecond line\" > \"$f\"",
    );
    let mut app = app_with_meeting();
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::StartMeeting);
    app.handle(Command::OpenLive);
    assert_eq!(app.screen(), Screen::Live, "{:?}", app.status());
    let notes = |app: &App| app.live().meeting.as_ref().unwrap().notes.len();
    let before = notes(&app);
    press(&mut app, "nFirst");
    assert_eq!(app.mode(), Mode::Note);
    press(&mut app, "<C-g>");
    assert!(serve(&mut app, &editor.display().to_string()));
    let Overlay::Note(n) = app.overlay() else {
        panic!("the note editor stays open")
    };
    assert_eq!(n.area.lines().join("\n"), "First and more\nsecond line");
    assert_eq!(notes(&app), before, "not saved yet");
    press(&mut app, "<Enter>");
    assert_eq!(notes(&app), before + 1, "{:?}", app.status());
}

#[test]
fn ctrl_g_on_a_choice_says_it_takes_text_fields_only() {
    let mut app = app();
    press(&mut app, "<Enter>");
    app.handle(Command::GoTo(Screen::Goals));
    press(&mut app, "n<Tab><Tab><Tab>"); // Title, measure, target, status (a choice).
    press(&mut app, "<C-g>");
    assert!(app.take_edit_request().is_none());
    assert!(app.status().unwrap().text.contains("text field"));
}
