//! Themes and accessibility (issue 12): every state shown by colour is also a word or a
//! symbol (snapshots with colour off), the light and high-contrast themes colour the
//! cells that matter differently from dark (read from the rendered buffer's cells), and
//! `--plain` output has no box drawing and keeps the words.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::Duration;
use common::*;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use roundtable::app::{App, Command, Screen, ThemeName};
use roundtable::domain::{ActionInfo, FakeClock};
use roundtable::ui;

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 60)];

fn snap_both(name: &str, app: &App) -> Vec<String> {
    SIZES
        .iter()
        .map(|&(w, h)| {
            let text = ui::app_to_text(app, w, h);
            screen::assert_screen(name, &text, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
            text
        })
        .collect()
}

/// The club's planned meeting live, three turns in: the first speaker spoke 1:35, the
/// second passed, the third has talked 3:30 of a 2:00 turn (over, and over twice the fair
/// share), and the five-minute warm-up has run 5:25 (over).
fn overrunning_live() -> (App, FakeClock) {
    let (mut store, ids) = store();
    plan_meeting(&mut store, &ids);
    let clock = clock();
    let mut app = App::new(store, Box::new(clock.clone()));
    app.set_color(false);
    press(&mut app, "<Enter>");
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::StartMeeting);
    app.handle(Command::OpenLive);
    assert_eq!(app.screen(), Screen::Live);
    app.handle(Command::NextSpeaker);
    clock.advance(Duration::seconds(95));
    app.handle(Command::NextSpeaker);
    clock.advance(Duration::seconds(20));
    app.handle(Command::PassTurn);
    clock.advance(Duration::seconds(210));
    app.clear_status();
    (app, clock)
}

/// The fixture file with meetings and actions, the club chosen, on `screen`.
fn file_on(screen: Screen) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = file_app(dir.path());
    press(&mut app, "<Enter>");
    app.handle(Command::GoTo(screen));
    app.clear_status();
    (dir, app)
}

fn count(text: &str, what: &str) -> usize {
    text.matches(what).count()
}

#[test]
fn without_colour_overrun_speaker_pass_and_dominance_are_words_and_symbols() {
    let (app, _) = overrunning_live();
    let l = app.live().meeting.as_ref().unwrap();
    let speaker = l.name(l.speaker().unwrap()).to_string();
    for text in snap_both("mono_live_overrun", &app) {
        // The item's clock and the turn's clock are both over, in words.
        assert!(count(&text, "⚠ OVER +") >= 2, "{text}");
        assert!(text.contains(&format!("▶ {speaker}")), "{text}");
        // Said after the name, or on a line of its own where the list is cut (80x24).
        assert!(
            text.contains(" (passed)") || text.contains("Passed: "),
            "{text}"
        );
        // The dominant voice is flagged in words (wrapped at 80 columns).
        assert!(text.contains(&format!("⚠ {speaker} is over")), "{text}");
        assert!(text.contains("twice the fair share"), "{text}");
    }
}

#[test]
fn without_colour_overdue_actions_the_selected_row_and_inactive_members_are_marked() {
    let (mut store, ids) = store();
    let late = ActionInfo {
        title: "Send the audit summary".into(),
        owner: Some(ids.member(LEADER)),
        due: Some(now().date_naive() - Duration::days(3)),
        goal: None,
    };
    let on_time = ActionInfo {
        title: "Book the seminar room".into(),
        due: Some(now().date_naive() + Duration::days(3)),
        ..late.clone()
    };
    for a in [&late, &on_time] {
        let when = now() - Duration::days(10);
        store
            .write(|tx| tx.insert_action(ids.club, a, None, when))
            .unwrap();
    }
    let mut app = App::new(store, Box::new(clock()));
    app.set_color(false);
    press(&mut app, "<Enter>");
    app.handle(Command::GoTo(Screen::Actions));
    app.clear_status();
    for text in snap_both("mono_actions", &app) {
        assert!(text.contains("⚠ overdue"), "{text}");
        assert!(
            text.contains("│ ▶ "),
            "the selected row has a mark:\n{text}"
        );
    }
    let (_dir, app) = file_on(Screen::Roster);
    let text = ui::app_to_text(&app, 80, 24);
    assert!(
        text.contains(&format!("(inactive) {}…", &INACTIVE[..4])),
        "{text}"
    );
}

#[test]
fn without_colour_an_error_on_the_status_line_is_marked_and_news_is_not() {
    let mut app = app();
    press(&mut app, "n<C-s>");
    assert!(app.status().unwrap().is_error);
    let text = ui::app_to_text(&app, 80, 24);
    let status = text.lines().nth(22).unwrap();
    assert!(status.starts_with(" ✗ Not saved"), "{status:?}");
    snap_both("mono_status_error", &app);

    let mut app = app_with_meeting();
    press(&mut app, "<Enter>");
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::StartMeeting);
    let st = app.status().expect("starting says something");
    assert!(!st.is_error, "{st:?}");
    let text = ui::app_to_text(&app, 80, 24);
    let status = text.lines().nth(22).unwrap();
    assert!(!status.is_empty() && !status.contains('✗'), "{status:?}");
}

#[test]
fn without_colour_an_agenda_item_past_the_planned_end_is_marked() {
    let mut app = app_with_meeting();
    press(&mut app, "<Enter>");
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::Edit);
    assert_eq!(app.screen(), Screen::Plan);
    let before = ui::app_to_text(&app, 200, 60);
    assert_eq!(count(&before, "│ ⚠ "), 0, "{before}");
    // 15 → 45 minutes: the last three items now end after the planned hour.
    app.handle(Command::Down);
    app.handle(Command::Edit);
    press(&mut app, "<Tab><Tab><BS><BS>45<C-s>");
    app.clear_status();
    let after = ui::app_to_text(&app, 200, 60);
    let marked = after.lines().filter(|l| l.contains(" ⚠ ")).count();
    // The head's verdict plus the late items.
    assert!(marked >= 3, "{after}");
}

// ---- Colours: the cells that carry a state, theme by theme ----

fn in_theme(app: &mut App, theme: ThemeName, color: bool) -> Buffer {
    app.set_theme(theme);
    app.set_color(color);
    ui::app_to_buffer(app, 200, 60)
}

/// The style of the first cell of the first `what` on screen.
fn style_of(buf: &Buffer, what: &str) -> Style {
    let text = ui::buffer_to_text(buf);
    for (y, line) in text.lines().enumerate() {
        if let Some(i) = line.find(what) {
            // Columns, not bytes: count the characters before (all narrow here).
            let x = line[..i].chars().count();
            return buf[(x as u16, y as u16)].style();
        }
    }
    panic!("{what:?} is not on screen:\n{text}");
}

#[test]
fn the_selected_row_in_each_theme() {
    let (_dir, mut app) = file_on(Screen::Roster);
    // The first row, selected (the name alone is also the detail panel's title).
    let row = format!("▶ {LEADER}");
    let dark = style_of(&in_theme(&mut app, ThemeName::Dark, true), &row);
    assert_eq!((dark.fg, dark.bg), (Some(Color::White), Some(Color::Blue)));
    let light = style_of(&in_theme(&mut app, ThemeName::Light, true), &row);
    assert_eq!(
        (light.fg, light.bg),
        (Some(Color::White), Some(Color::Blue))
    );
    let high = style_of(&in_theme(&mut app, ThemeName::HighContrast, true), &row);
    assert_eq!((high.fg, high.bg), (Some(Color::Black), Some(Color::White)));
    // NO_COLOR wins over the theme: reverse video, no colour.
    let mono = style_of(&in_theme(&mut app, ThemeName::HighContrast, false), &row);
    assert!(mono.add_modifier.contains(Modifier::REVERSED), "{mono:?}");
    assert!(matches!(mono.fg, None | Some(Color::Reset)), "{mono:?}");
    assert!(matches!(mono.bg, None | Some(Color::Reset)), "{mono:?}");
}

#[test]
fn an_overrun_timer_in_each_theme() {
    let (mut app, _) = overrunning_live();
    let dark = style_of(&in_theme(&mut app, ThemeName::Dark, true), "⚠ OVER");
    assert_eq!(dark.fg, Some(Color::Red));
    let light = style_of(&in_theme(&mut app, ThemeName::Light, true), "⚠ OVER");
    assert_eq!(light.fg, Some(Color::Red));
    let high = style_of(&in_theme(&mut app, ThemeName::HighContrast, true), "⚠ OVER");
    assert_eq!((high.fg, high.bg), (Some(Color::White), Some(Color::Red)));
    assert!(high.add_modifier.contains(Modifier::BOLD));
    let mono = style_of(&in_theme(&mut app, ThemeName::Light, false), "⚠ OVER");
    assert!(matches!(mono.fg, None | Some(Color::Reset)), "{mono:?}");
    assert!(mono.add_modifier.contains(Modifier::BOLD));
}

/// Yellow and cyan (and white) text on a white terminal cannot be read.
fn pale_text(buf: &Buffer) -> Vec<String> {
    let pale = [
        Color::Yellow,
        Color::LightYellow,
        Color::Cyan,
        Color::LightCyan,
        Color::White,
    ];
    buf.content()
        .iter()
        .filter(|c| c.symbol() != " " && c.bg == Color::Reset && pale.contains(&c.fg))
        .map(|c| format!("{:?} in {:?}", c.symbol(), c.fg))
        .collect()
}

#[test]
fn the_light_theme_writes_no_yellow_or_cyan_text_on_any_screen() {
    let (mut live, _) = overrunning_live();
    let buf = in_theme(&mut live, ThemeName::Light, true);
    assert_eq!(pale_text(&buf), Vec::<String>::new());
    // Dark does use them: the check can fail.
    assert!(!pale_text(&in_theme(&mut live, ThemeName::Dark, true)).is_empty());
    for screen in [
        Screen::Communities,
        Screen::Roster,
        Screen::Actions,
        Screen::History,
    ] {
        let (_dir, mut app) = file_on(screen);
        press(&mut app, "?");
        let buf = in_theme(&mut app, ThemeName::Light, true);
        assert_eq!(pale_text(&buf), Vec::<String>::new(), "{screen:?}");
    }
}

// ---- Plain output for a screen reader ----

fn box_drawing(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| ('\u{2500}'..='\u{257F}').contains(c))
        .collect()
}

/// Words of four letters or more (a cut word is a prefix of the whole one).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_string)
        .collect()
}

/// The titles in the top borders of a framed screen (`╭ Roster (8) ───╮`).
fn titles(framed: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in framed.lines() {
        for part in line.split('╭').skip(1) {
            let title = part.trim_start_matches('─').trim_start();
            let end = title.find(" ─").unwrap_or(title.len());
            let title = title[..end].trim();
            if !title.is_empty() {
                out.push(title.to_string());
            }
        }
    }
    assert!(!out.is_empty(), "no titles in:\n{framed}");
    out
}

#[test]
fn plain_screens_have_no_frames_and_keep_the_words() {
    for screen in Screen::LISTS {
        let (_dir, mut app) = file_on(screen);
        let framed = ui::app_to_text(&app, 200, 60);
        assert!(!box_drawing(&framed).is_empty(), "{screen:?} has frames");
        app.set_plain(true);
        // Taller: the list and its detail are stacked.
        let plain = ui::app_to_text(&app, 200, 120);
        assert_eq!(
            box_drawing(&plain),
            Vec::<char>::new(),
            "{screen:?}:\n{plain}"
        );
        for w in words(&framed) {
            assert!(plain.contains(&w), "{screen:?} lost {w:?}:\n{plain}");
        }
        // Every panel's title is a line of its own, and no line starts or ends in spaces.
        for title in titles(&framed) {
            assert!(
                plain.lines().any(|l| l.trim_start().starts_with(&title)),
                "{screen:?} lost the title {title:?}:\n{plain}"
            );
        }
        assert!(plain.lines().all(|l| l == l.trim()), "padding:\n{plain}");
        assert!(!plain.contains("\n\n\n"), "{screen:?}:\n{plain}");
    }
    let (mut live, _) = overrunning_live();
    let framed = ui::app_to_text(&live, 200, 60);
    live.set_plain(true);
    let plain = ui::app_to_text(&live, 200, 120);
    assert_eq!(box_drawing(&plain), Vec::<char>::new(), "{plain}");
    assert!(
        !plain.contains('█'),
        "bars are said as percentages:\n{plain}"
    );
    for w in words(&framed) {
        assert!(plain.contains(&w), "live lost {w:?}:\n{plain}");
    }
    insta::assert_snapshot!("plain_live_80x40", ui::app_to_text(&live, 80, 40));
    let (_dir, mut roster) = file_on(Screen::Roster);
    roster.set_plain(true);
    insta::assert_snapshot!("plain_roster_80x40", ui::app_to_text(&roster, 80, 40));
}

// ---- The command line ----

mod cli_flags {
    use super::common::cli::{BIN, fails, ok};
    use std::process::Command;

    fn render(db: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
        let mut cmd = Command::new(BIN);
        cmd.arg("--db").arg(db).arg("render").args(args);
        cmd.env_remove("NO_COLOR").env_remove("ROUNDTABLE_THEME");
        cmd.env("TZ", "UTC").env("HOME", db.parent().unwrap());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }

    #[test]
    fn plain_color_and_theme_on_render() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("fixture.db");
        super::write_db(&db);
        let club = ["--community", super::CLUB];
        let roster = |extra: &[&str], env: &[(&str, &str)]| {
            let mut args = vec!["roster"];
            args.extend(club);
            args.extend(extra);
            render(&db, &args, env)
        };
        let plain = ok(&roster(&["--plain"], &[]));
        assert!(
            !plain
                .chars()
                .any(|c| ('\u{2500}'..='\u{257F}').contains(&c))
        );
        assert!(plain.contains(super::LEADER), "{plain}");
        // Without --color the theme changes nothing in text.
        let framed = ok(&roster(&[], &[]));
        assert_eq!(ok(&roster(&["--theme", "light"], &[])), framed);
        // With it, the light theme's blue selected row; NO_COLOR wins.
        let light = ok(&roster(&["--color", "--theme", "light"], &[]));
        assert!(light.contains("\x1b[1;97;44m"), "{light:?}");
        let high = ok(&roster(
            &["--color"],
            &[("ROUNDTABLE_THEME", "High_Contrast")],
        ));
        assert!(high.contains("\x1b[1;30;107m"), "{high:?}");
        let mono = ok(&roster(
            &["--color", "--theme", "light"],
            &[("NO_COLOR", "1")],
        ));
        assert_eq!(mono, framed);
        // A theme nobody knows is an argument mistake, named, from the flag or the variable.
        let err = fails(&roster(&["--theme", "neon"], &[]), 2);
        assert!(
            err.contains("neon") && err.contains("high-contrast"),
            "{err}"
        );
        let err = fails(&roster(&[], &[("ROUNDTABLE_THEME", "sepia")]), 2);
        assert!(err.contains("sepia"), "{err}");
        // The interactive app and the shared screen take --theme too (they then stop
        // here, with no terminal; a wrong name stops before).
        let bare = |args: &[&str]| {
            let mut cmd = Command::new(BIN);
            cmd.arg("--db")
                .arg(&db)
                .args(args)
                .env_remove("ROUNDTABLE_THEME");
            cmd.env("HOME", dir.path()).output().unwrap()
        };
        for args in [
            &["--theme", "light"][..],
            &["--theme", "high-contrast", "present"],
        ] {
            let err = fails(&bare(args), 1);
            assert!(err.contains("needs a terminal"), "{args:?}: {err}");
        }
        let err = fails(&bare(&["--theme", "neon", "present"]), 2);
        assert!(err.contains("neon"), "{err}");
        // The shared screen is plain too.
        let present = ok(&render(&db, &["present", "--plain"], &[]));
        assert!(
            !present
                .chars()
                .any(|c| ('\u{2500}'..='\u{257F}').contains(&c))
        );
        assert!(present.contains("Roundtable"), "{present}");
    }
}
