//! Working agreements on the Communities screen: `w` edits the selected community's list
//! in one multi-line field (one agreement a line), a bad line is named and nothing is
//! saved, and the community's detail shows the list.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use roundtable::app::{App, Mode, Overlay, Screen};
use roundtable::ui;

fn status(app: &App) -> (String, bool) {
    let s = app.status().expect("a status message");
    (s.text.clone(), s.is_error)
}

fn form_title(app: &App) -> String {
    match app.overlay() {
        Overlay::Form(f) => f.title.clone(),
        other => panic!("expected an open form, got {other:?}"),
    }
}

#[test]
fn w_edits_the_working_agreements_one_a_line_and_the_detail_shows_them() {
    let (mut app, ids) = app_with_ids();
    assert_eq!(app.screen(), Screen::Communities);
    press(&mut app, "w");
    assert_eq!(form_title(&app), format!("Working agreements: {CLUB}"));
    press(
        &mut app,
        "One voice at a time<Enter><Enter>  Cameras on when we can  <Enter><C-s>",
    );
    assert_eq!(app.mode(), Mode::Browse, "{:?}", app.status());
    assert_eq!(
        status(&app),
        ("Saved 2 working agreements ✓".to_string(), false)
    );
    let stored = app.store_mut().agreements(ids.club).unwrap();
    assert_eq!(stored, ["One voice at a time", "Cameras on when we can"]);
    let screen = ui::app_to_text(&app, 80, 24);
    assert!(
        screen.contains("Working agreements") && screen.contains("• Cameras on when we can"),
        "{screen}"
    );

    // Opened again, the form holds the list; emptying it keeps none.
    press(&mut app, "w");
    let text = ui::app_to_text(&app, 80, 24);
    assert!(text.contains("One voice at a time"), "{text}");
    press(
        &mut app,
        &format!("{}{}<C-s>", "<Del>".repeat(50), "<BS>".repeat(50)),
    );
    assert_eq!(
        status(&app),
        ("No working agreements kept ✓".to_string(), false)
    );
    assert!(app.store_mut().agreements(ids.club).unwrap().is_empty());
    let screen = ui::app_to_text(&app, 80, 24);
    assert!(!screen.contains("Working agreements"), "{screen}");
}

#[test]
fn a_bad_line_is_named_and_nothing_is_saved() {
    let (mut app, ids) = app_with_ids();
    press(&mut app, "wOne voice at a time<C-s>");
    let long = "x".repeat(201);
    press(&mut app, &format!("w<End><Enter><Enter>{long}<C-s>"));
    assert_eq!(app.mode(), Mode::Form, "the form stays open");
    let (text, error) = status(&app);
    assert!(error && text.contains("line 3"), "{text}");
    assert_eq!(
        app.store_mut().agreements(ids.club).unwrap(),
        ["One voice at a time"],
        "unchanged"
    );
    // Esc (and yes, throw the typing away) keeps the list as it was.
    press(&mut app, "<Esc>y");
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.store_mut().agreements(ids.club).unwrap().len(), 1);
}

#[test]
fn too_many_agreements_are_refused() {
    let (mut app, ids) = app_with_ids();
    let lines: Vec<String> = (1..=13).map(|i| format!("Agreement {i}")).collect();
    press(&mut app, &format!("w{}<C-s>", lines.join("<Enter>")));
    let (text, error) = status(&app);
    assert!(
        error && text.contains("13 agreements (at most 12)"),
        "{text}"
    );
    assert!(app.store_mut().agreements(ids.club).unwrap().is_empty());
}

#[test]
fn snapshots_of_the_form_and_the_detail() {
    let (mut app, _) = app_with_ids();
    press(
        &mut app,
        "wStart and finish on time<Enter>One voice at a time; the round first<Enter>Phones face down<C-s>",
    );
    app.clear_status();
    for (w, h) in [(80, 24), (200, 60)] {
        let text = ui::app_to_text(&app, w, h);
        screen::assert_screen("communities with agreements", &text, w, h);
        insta::assert_snapshot!(format!("communities_with_agreements_{w}x{h}"), text);
    }
    press(&mut app, "w");
    let text = ui::app_to_text(&app, 80, 24);
    screen::assert_screen("agreements form", &text, 80, 24);
    insta::assert_snapshot!("agreements_form_80x24", text);
}

#[test]
fn the_form_shows_the_whole_list_at_once() {
    let (mut app, _) = app_with_ids();
    let lines: Vec<String> = (1..=12).map(|i| format!("Agreement number {i}")).collect();
    press(&mut app, &format!("w{}<C-s>", lines.join("<Enter>")));
    assert_eq!(app.mode(), Mode::Browse, "{:?}", app.status());
    press(&mut app, "w");
    let text = ui::app_to_text(&app, 80, 24);
    for l in &lines {
        assert!(text.contains(l.as_str()), "{l} is shown:\n{text}");
    }
}
