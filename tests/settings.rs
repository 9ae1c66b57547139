//! The settings file through the app (issue 12): each setting takes effect where the
//! leader sees it, key overrides drive keys, the footer and help, and the file's
//! problems reach the status line with their line.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use roundtable::app::{App, Command, Screen};
use roundtable::domain::rounds::OrderStrategy;
use roundtable::settings::Settings;
use roundtable::ui;

fn configured(mut app: App, toml: &str) -> App {
    app.configure(Settings::parse(toml));
    app
}

fn text(app: &App) -> String {
    ui::app_to_text(app, 160, 45)
}

#[test]
fn problems_in_the_file_reach_the_status_line_with_their_line() {
    let app = configured(
        app(),
        "theme = \"dark\"\nturn-tme = 3\n[keys]\nfly = \"f\"\n",
    );
    let status = app.status().expect("a status");
    assert!(status.is_error);
    assert!(status.text.contains("line 2"), "{}", status.text);
    assert!(status.text.contains("turn-tme"), "{}", status.text);
    assert!(status.text.contains("1 more problem"), "{}", status.text);
    assert_eq!(app.settings().problems.len(), 2);
    assert_eq!(app.settings().problems[1].line, Some(4));
    // No file, no problem: nothing said.
    let quiet = configured(app_with_ids().0, "");
    assert!(quiet.status().is_none_or(|s| !s.is_error));
}

#[test]
fn a_remapped_key_acts_and_the_old_one_does_not() {
    let mut app = configured(
        app(),
        "[keys]\nquit = \"Ctrl-q\"\ndown = [\"Down\", \"f\"]\n",
    );
    assert!(app.settings().problems.is_empty());
    press(&mut app, "<Enter>");
    assert_eq!(app.screen(), Screen::Roster);
    let before = app.list(Screen::Roster).selected;
    press(&mut app, "f");
    assert_eq!(app.list(Screen::Roster).selected, before + 1);
    press(&mut app, "q");
    assert!(!app.quit_requested());
    press(&mut app, "<C-q>");
    assert!(app.quit_requested());
}

#[test]
fn the_footer_and_help_show_the_effective_keys() {
    let mut app = configured(app(), "[keys]\nquit = \"Ctrl-q\"\nhelp = \"F1\"\n");
    let screen = text(&app);
    assert!(screen.contains("Ctrl-Q quit"), "{screen}");
    assert!(screen.contains("F1 help"), "{screen}");
    press(&mut app, "?");
    assert_eq!(app.mode(), roundtable::app::Mode::Browse);
    app.on_key(ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::F(1),
        ratatui::crossterm::event::KeyModifiers::NONE,
    ));
    assert_eq!(app.mode(), roundtable::app::Mode::Help);
    let help = text(&app);
    assert!(help.contains("Ctrl-Q"), "{help}");
    assert!(
        !help.contains(" q  quit") && !help.contains(" q quit"),
        "{help}"
    );
}

#[test]
fn a_conflicting_override_is_reported_and_not_applied() {
    let mut app = configured(app(), "[keys]\n\nquit = \"n\"\n");
    let status = app.status().expect("status").text.clone();
    assert!(status.contains("line 3"), "{status}");
    assert!(status.contains("not applied"), "{status}");
    press(&mut app, "q");
    assert!(app.quit_requested());
}

#[test]
fn help_with_an_override_snapshots() {
    let mut app = configured(app(), "[keys]\nquit = \"Ctrl-q\"\nnew = [\"n\", \"+\"]\n");
    app.clear_status();
    press(&mut app, "<Enter>?");
    for (w, h) in [(80, 24), (200, 60)] {
        let text = ui::app_to_text(&app, w, h);
        screen::assert_screen("help_override", &text, w, h);
        insta::assert_snapshot!(format!("help_roster_override_{w}x{h}"), text);
    }
}

#[test]
fn dates_and_times_follow_the_formats() {
    let mut app = configured(
        app_with_meeting(),
        "date-format = \"%d/%m/%Y\"\ntime-format = \"%-I:%M %p\"\n",
    );
    press(&mut app, "<Enter>4");
    assert_eq!(app.screen(), Screen::Meetings);
    let screen = text(&app);
    assert!(screen.contains("26/11/2026 5:30 PM"), "{screen}");
    assert!(!screen.contains("2026-11-26"), "{screen}");
    // The plan shows the same.
    press(&mut app, "<Enter>");
    assert_eq!(app.screen(), Screen::Plan);
    let plan = text(&app);
    assert!(plan.contains("26/11/2026 5:30 PM"), "{plan}");
    assert!(plan.contains("6:30 PM"), "the end time: {plan}");
}

#[test]
fn the_turn_time_is_a_new_items_default() {
    let mut app = configured(app_with_meeting(), "turn-time = \"3:30\"\n");
    press(&mut app, "<Enter>4<Enter>a");
    assert_eq!(app.mode(), roundtable::app::Mode::Form);
    let form = text(&app);
    assert!(form.contains("3:30"), "{form}");
    // Without the setting, the field is left to the default.
    let mut plain = app_with_meeting();
    press(&mut plain, "<Enter>4<Enter>a");
    assert!(!text(&plain).contains("2:00"));
}

#[test]
fn the_meeting_length_is_a_new_communitys_default() {
    let mut app = configured(app(), "meeting-length = 75\n");
    press(&mut app, "n");
    assert_eq!(app.mode(), roundtable::app::Mode::Form);
    assert!(text(&app).contains("75"), "{}", text(&app));
    let mut plain = app_with_ids().0;
    press(&mut plain, "n");
    assert!(!text(&plain).contains("75"));
}

#[test]
fn the_speaking_order_of_the_file_is_the_default_unless_the_database_has_one() {
    let app = configured(app(), "speaking-order = \"least-heard\"\n");
    assert_eq!(app.live().next_round_order(), OrderStrategy::LeastHeard);
    let (mut s, _) = store();
    s.write(|tx| tx.set_setting(roundtable::app::live::DEFAULT_ORDER, "rotate"))
        .unwrap();
    let mut app = App::new(s, Box::new(clock()));
    app.configure(Settings::parse("speaking-order = \"least-heard\"\n"));
    assert_eq!(app.live().next_round_order(), OrderStrategy::Rotate);
}

#[test]
fn the_communitys_template_is_preselected() {
    let name = app().browse().community.clone().unwrap().info.name;
    let toml = format!(
        "[community.\"{}\"]\ntemplate = \"Empty agenda\"\n",
        name.to_uppercase()
    );
    let mut app = configured(app(), &toml);
    press(&mut app, "<Enter>4n");
    let roundtable::app::Overlay::Choose(c) = app.overlay() else {
        panic!("the template chooser");
    };
    assert_eq!(c.options[c.selected].0, "Empty agenda");
    // Without the setting the usual second row is.
    let mut plain = app_with_ids().0;
    press(&mut plain, "<Enter>4n");
    let roundtable::app::Overlay::Choose(c) = plain.overlay() else {
        panic!("the template chooser");
    };
    assert_eq!(c.selected, 1);
    // A template that is not there is said, and the usual one chosen.
    let mut wrong = configured(
        app_with_ids().0,
        &format!("[community.\"{name}\"]\ntemplate = \"Nope\"\n"),
    );
    press(&mut wrong, "<Enter>4n");
    let status = wrong.status().expect("said").text.clone();
    assert!(status.contains("'Nope'"), "{status}");
}

#[test]
fn the_footer_keeps_its_keys_without_overrides() {
    // The default keymap is what the built-in table says.
    let app = app();
    assert_eq!(
        app.keymap().lookup(
            roundtable::app::Mode::Browse,
            Screen::Roster,
            &ratatui::crossterm::event::KeyEvent::new(
                ratatui::crossterm::event::KeyCode::Char('q'),
                ratatui::crossterm::event::KeyModifiers::NONE
            )
        ),
        Some(Command::Quit)
    );
}

#[test]
fn history_weeks_begin_on_the_week_start() {
    use chrono::{Datelike, Duration, TimeZone};
    let today = now().date_naive(); // the tests run in UTC
    let since = |first: chrono::Weekday| {
        let back = (today.weekday().num_days_from_monday() + 7 - first.num_days_from_monday()) % 7;
        let day = today - Duration::days(i64::from(back));
        chrono::Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap())
    };
    for (file, first) in [
        ("week-start = \"sunday\"\n", chrono::Weekday::Sun),
        ("", chrono::Weekday::Mon),
        ("week-start = \"Thu\"\n", chrono::Weekday::Thu),
    ] {
        // The community is chosen before the settings apply: no re-read comes after.
        let mut chosen = app();
        press(&mut chosen, "<Enter>");
        let mut app = configured(chosen, file);
        press(&mut app, "5/week<Enter>");
        assert_eq!(app.screen(), Screen::History);
        let f = app.browse().history_filter();
        assert_eq!(f.from, Some(since(first)), "{file}");
        assert_eq!(f.to, Some(since(first) + Duration::days(7)), "{file}");
        assert!(f.words.is_empty());
    }
}

/// Whether `text` holds a day written as `YYYY-MM-DD` (the default format).
fn has_iso_day(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (0..b.len().saturating_sub(9)).any(|i| {
        digits(i..i + 4)
            && b[i + 4] == b'-'
            && digits(i + 5..i + 7)
            && b[i + 7] == b'-'
            && digits(i + 8..i + 10)
    })
}

/// Every day a screen shows follows `date-format`: actions' due dates, a member's joined
/// date, the leader's "since", the cycles' start and end, a search hit's day and the
/// Search filter's dates; at 80x24 a long format widens the date columns instead of
/// cutting them (the cycles' end day gives way to the topic).
#[test]
fn days_on_every_screen_follow_the_date_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let options = roundtable::demo::Options {
        now: now(),
        live: false,
    };
    roundtable::demo::create_with(&path, false, options).unwrap();
    let open = || {
        let store = roundtable::store::Store::open(&path).unwrap();
        let mut app = App::new(store, Box::new(clock()));
        app.set_color(false);
        configured(app, "date-format = \"%A %-d %B %Y\"\n")
    };
    // Screens and the keys that reach them from Communities.
    let screens: [(&str, &str); 9] = [
        ("communities", ""),
        ("roster", "<Enter>"),
        ("cycles", "<Enter>6"),
        ("actions", "<Enter>7"),
        ("an action's history", "<Enter>7<Enter>"),
        ("meeting view", "<Enter>5<Enter>"),
        ("actions, a closed one last", "<Enter>7G"),
        ("search", "<Enter>Shandover<Enter>"),
        // The filter bar's dates (typed in ISO, as in History's filter).
        ("search up to a day", "<Enter>Shandover ..2099<Enter>"),
    ];
    for (name, keys) in screens {
        let mut app = open();
        press(&mut app, keys);
        for (w, h) in [(80, 24), (160, 45)] {
            let shown = ui::app_to_text(&app, w, h);
            screen::assert_screen(name, &shown, w, h);
            if w == 80 {
                eprintln!("{shown}");
            }
            assert!(!has_iso_day(&shown), "{name} at {w}x{h}:\n{shown}");
            // The standing is never cut: "⚠ overdue (due …)" closes its bracket.
            for line in shown.lines().filter(|l| l.contains("overdue (due")) {
                let after = &line[line.find("overdue (due").unwrap()..];
                assert!(after.contains(')'), "{name} at {w}x{h}: {line}");
            }
            let weekdays = ["Monday ", "Tuesday ", "Wednesday ", "Thursday ", "Friday "];
            let mut long = weekdays.iter().chain(&["Saturday ", "Sunday "]);
            assert!(
                long.any(|d| shown.contains(d)),
                "{name} at {w}x{h}:\n{shown}"
            );
        }
    }
}
