//! The mouse, through the app: events → hit test (`ui::layout`) → commands → state. The
//! screen is drawn with `ui::app_to_text` at the same size the events are hit-tested at,
//! and the cells clicked are found in that text, as a leader would aim at them.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use roundtable::app::{App, Command, Mode, Screen};
use roundtable::tui::mouse::{DOUBLE_CLICK, Mouse};
use roundtable::ui;
use roundtable::ui::layout::{Target, hit_test};
use std::time::{Duration, Instant};

const SMALL: (u16, u16) = (80, 24);
const LARGE: (u16, u16) = (200, 60);

/// A test's mouse and its own clock, so clicks are far apart unless said otherwise.
struct Hand {
    mouse: Mouse,
    at: Instant,
    size: (u16, u16),
}

impl Hand {
    fn new(size: (u16, u16)) -> Self {
        Self {
            mouse: Mouse::default(),
            at: Instant::now(),
            size,
        }
    }

    fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    fn event(&mut self, app: &mut App, kind: MouseEventKind, column: u16, row: u16, gap: Duration) {
        // Drawn first, as the terminal loop does before it reads an event.
        let _ = screen(app, self.size);
        self.at += gap;
        let ev = MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        };
        let area = self.area();
        self.mouse.on_event(app, area, ev, self.at);
    }

    /// A click a second after the last event.
    fn click(&mut self, app: &mut App, (column, row): (u16, u16)) {
        let down = MouseEventKind::Down(MouseButton::Left);
        self.event(app, down, column, row, Duration::from_secs(1));
    }

    /// A second click on the same cell, quickly: a double click.
    fn click_again_quickly(&mut self, app: &mut App, (column, row): (u16, u16)) {
        let down = MouseEventKind::Down(MouseButton::Left);
        self.event(app, down, column, row, DOUBLE_CLICK / 4);
    }

    fn wheel(&mut self, app: &mut App, down: bool, times: usize) {
        let kind = if down {
            MouseEventKind::ScrollDown
        } else {
            MouseEventKind::ScrollUp
        };
        let (w, h) = self.size;
        for _ in 0..times {
            self.event(app, kind, w / 2, h / 2, Duration::from_millis(30));
        }
    }
}

fn screen(app: &App, (w, h): (u16, u16)) -> Vec<String> {
    ui::app_to_text(app, w, h)
        .lines()
        .map(str::to_string)
        .collect()
}

/// The cell where `needle` starts on the screen (display columns, the first match from
/// the top), searched from line `from`.
fn find(app: &App, size: (u16, u16), needle: &str, from: usize) -> (u16, u16) {
    let lines = screen(app, size);
    for (y, line) in lines.iter().enumerate().skip(from) {
        if let Some(i) = line.find(needle) {
            let x = unicode_width::UnicodeWidthStr::width(&line[..i]);
            return (x as u16, y as u16);
        }
    }
    panic!("`{needle}` is not on screen:\n{}", lines.join("\n"));
}

/// The fixture with meetings (file-backed), the club chosen, on `screen`.
fn on(screen: Screen) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut app, _) = file_app(dir.path());
    press(&mut app, "<Enter>");
    app.handle(Command::GoTo(screen));
    app.clear_status();
    (dir, app)
}

#[test]
fn a_click_on_a_tab_goes_there_even_when_the_bar_shortens_the_titles() {
    for (size, label) in [(SMALL, "5 Hist."), (LARGE, "5 History")] {
        let (_dir, mut app) = on(Screen::Roster);
        let mut hand = Hand::new(size);
        let at = find(&app, size, label, 0);
        assert_eq!(at.1, 0, "tabs are on top");
        hand.click(&mut app, (at.0 + 2, 0));
        assert_eq!(app.screen(), Screen::History, "{size:?}");
        // The gap between two tabs is nothing.
        let gap = find(&app, size, " 6 ", 0);
        hand.click(&mut app, gap);
        assert_eq!(
            app.screen(),
            Screen::History,
            "{size:?}: a click between tabs"
        );
    }
}

#[test]
fn a_click_selects_a_row_and_a_second_click_or_a_double_click_opens_it() {
    let (_dir, mut app) = on(Screen::Roster);
    let mut hand = Hand::new(SMALL);
    let third = &app.browse().members[app.visible(Screen::Roster)[2]]
        .profile
        .name;
    let first_word = third.split_whitespace().next().unwrap().to_string();
    let at = find(&app, SMALL, &first_word, 2);
    hand.click(&mut app, at);
    assert_eq!(app.list(Screen::Roster).selected, 2);
    assert_eq!(app.screen(), Screen::Roster, "one click only selects");
    // A click on the selected row opens it as Enter does (the member's profile).
    let at = find(&app, SMALL, &first_word, 2);
    hand.click(&mut app, at);
    assert_eq!(app.screen(), Screen::Profile);

    // A double click opens the row it selected: a past meeting, in full.
    let (_dir, mut app) = on(Screen::History);
    let mut hand = Hand::new(LARGE);
    let at = find(&app, LARGE, "sepsis bundle", 2);
    hand.click(&mut app, at);
    assert_eq!(app.screen(), Screen::History);
    hand.click_again_quickly(&mut app, at);
    assert_eq!(app.screen(), Screen::MeetingView);
    assert!(screen(&app, LARGE).join("\n").contains("sepsis bundle"));
}

/// A double click is Enter in the keymap in effect: with the profile moved off Enter
/// (`[keys] profile = "p"`), Enter and a double click on the roster open nothing, and `p`
/// still opens the profile.
#[test]
fn a_double_click_follows_an_override_of_enter() {
    let (_dir, mut app) = on(Screen::Roster);
    app.configure(roundtable::settings::Settings::parse(
        "[keys]\nprofile = \"p\"\n",
    ));
    assert!(
        app.status().is_none_or(|s| !s.is_error),
        "{:?}",
        app.status()
    );
    let mut hand = Hand::new(SMALL);
    let second = &app.browse().members[app.visible(Screen::Roster)[1]]
        .profile
        .name;
    let at = find(&app, SMALL, second.split_whitespace().next().unwrap(), 2);
    hand.click(&mut app, at);
    assert_eq!(app.list(Screen::Roster).selected, 1);
    hand.click_again_quickly(&mut app, at);
    assert_eq!(
        app.screen(),
        Screen::Roster,
        "Enter no longer opens the profile"
    );
    press(&mut app, "<Enter>");
    assert_eq!(app.screen(), Screen::Roster);
    press(&mut app, "p");
    assert_eq!(app.screen(), Screen::Profile);
}

#[test]
fn footer_hints_are_buttons() {
    let (_dir, mut app) = on(Screen::Roster);
    let mut hand = Hand::new(LARGE);
    let (x, y) = find(&app, LARGE, "n new", LARGE.1 as usize - 1);
    hand.click(&mut app, (x + 3, y));
    assert_eq!(
        app.mode(),
        Mode::Form,
        "the `new` hint opens the member form"
    );
    // A tab click is not a key a form takes: nothing happens.
    let tab = find(&app, LARGE, "1 Communities", 0);
    hand.click(&mut app, tab);
    assert_eq!(app.mode(), Mode::Form);
    let esc = find(&app, LARGE, "Esc cancel", LARGE.1 as usize - 1);
    hand.click(&mut app, esc);
    assert_eq!(app.mode(), Mode::Browse, "the `cancel` hint closes it");
    assert_eq!(app.screen(), Screen::Roster);
}

#[test]
fn the_wheel_scrolls_a_long_view_and_moves_through_a_list() {
    let (_dir, mut app) = on(Screen::History);
    press(&mut app, "<Enter>");
    assert_eq!(app.screen(), Screen::MeetingView);
    let mut hand = Hand::new(SMALL);
    let top = screen(&app, SMALL);
    hand.wheel(&mut app, true, 2);
    let scrolled = screen(&app, SMALL);
    assert_ne!(top, scrolled, "the wheel scrolls the meeting view");
    hand.wheel(&mut app, false, 5);
    assert_eq!(top, screen(&app, SMALL), "and back to the top");

    let (_dir, mut app) = on(Screen::Roster);
    let mut hand = Hand::new(SMALL);
    hand.wheel(&mut app, true, 3);
    assert_eq!(app.list(Screen::Roster).selected, 3);
    hand.wheel(&mut app, false, 1);
    assert_eq!(app.list(Screen::Roster).selected, 2);
}

#[test]
fn clicks_in_a_chooser_select_and_choose_its_entries() {
    let (_dir, mut app) = on(Screen::Meetings);
    press(&mut app, "n");
    assert_eq!(app.mode(), Mode::Choose, "the template chooser");
    let roundtable::app::Overlay::Choose(c) = app.overlay() else {
        unreachable!()
    };
    // Another entry than the one highlighted.
    let other = (c.selected + 1) % c.options.len();
    let name = c.options[other].0.clone();
    let mut hand = Hand::new(SMALL);
    let at = find(&app, SMALL, &name, 1);
    hand.click(&mut app, at);
    let roundtable::app::Overlay::Choose(c) = app.overlay() else {
        panic!("a click selects, the chooser stays")
    };
    assert_eq!(c.selected, other);
    hand.click(&mut app, at);
    assert_ne!(
        app.mode(),
        Mode::Choose,
        "a click on the selected entry chooses it"
    );
}

#[test]
fn clicks_elsewhere_do_nothing() {
    let (_dir, mut app) = on(Screen::Roster);
    let mut hand = Hand::new(SMALL);
    let before = screen(&app, SMALL);
    // The status line, the detail panel, a list's border and header.
    for at in [(5, SMALL.1 - 2), (70, 8), (0, 5), (5, 2)] {
        hand.click(&mut app, at);
        assert_eq!(screen(&app, SMALL), before, "a click at {at:?}");
    }
    assert_eq!(app.screen(), Screen::Roster);
    // Too small a terminal shows no screen: nothing to click.
    assert_eq!(hit_test(&app, Rect::new(0, 0, 40, 10), 5, 0), None);
}

/// The hit test agrees with the drawing on every list screen: the row it names at a
/// line is as far from the selected row as the line is from the line marked `▶`.
#[test]
fn the_hit_test_finds_the_rows_where_they_are_drawn() {
    let screens = Screen::LISTS;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("demo.db");
    roundtable::demo::create(&path, false).expect("the demo");
    for size in [SMALL, LARGE, (64, 20)] {
        for s in screens {
            let store = roundtable::store::Store::open(&path).expect("open the demo");
            let mut app = App::new(store, Box::new(clock()));
            app.set_color(false);
            let first = match s {
                Screen::Plan | Screen::Icebreakers | Screen::Attendance => Screen::Meetings,
                s => s,
            };
            app.handle(Command::GoTo(first));
            match s {
                Screen::Plan => press(&mut app, "<Enter>"),
                Screen::Icebreakers => press(&mut app, "i"),
                Screen::Attendance => press(&mut app, "s"),
                _ => {}
            }
            assert_eq!(app.screen(), s, "{}", screen(&app, size).join("\n"));
            let n = app.visible(s).len();
            assert!(n > 0, "{s:?} has rows in the fixture");
            for selected in [0, n / 2, n - 1] {
                app.handle(Command::Top);
                for _ in 0..selected {
                    app.handle(Command::Down);
                }
                let sel = app.list(s).selected;
                let lines = screen(&app, size);
                let marked = lines
                    .iter()
                    .position(|l| l.contains('▶'))
                    .unwrap_or_else(|| panic!("{s:?}: no selected row drawn"));
                let mut hits = 0;
                for y in 0..size.1 {
                    for x in [3, size.0 / 5] {
                        if let Some(Target::Row(i)) =
                            hit_test(&app, Rect::new(0, 0, size.0, size.1), x, y)
                        {
                            hits += 1;
                            assert_eq!(
                                y as isize - marked as isize,
                                i as isize - sel as isize,
                                "{s:?} at {size:?}, row {sel} selected: line {y} is row {i}?\n{}",
                                lines.join("\n")
                            );
                        }
                    }
                }
                assert!(hits > 0, "{s:?} at {size:?}: no row found to click");
            }
        }
    }
}

#[test]
fn in_a_live_meeting_the_footer_runs_the_meeting_and_clicks_pick_voters() {
    let mut app = app_with_meeting();
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::StartMeeting);
    app.handle(Command::OpenLive);
    assert_eq!(app.screen(), Screen::Live, "{:?}", app.status());
    let turn = |app: &App| {
        let l = app.live().meeting.as_ref().unwrap();
        l.current_turn().map(|t| l.name(t.member).to_string())
    };
    let before = turn(&app);
    let mut hand = Hand::new(LARGE);
    let at = find(&app, LARGE, "next speaker", LARGE.1 as usize - 1);
    hand.click(&mut app, at);
    assert_ne!(
        turn(&app),
        before,
        "the `next speaker` hint gave someone the floor"
    );

    // The consent check's vote sheet: a click picks the member whose vote is typed.
    press(&mut app, "c");
    press(&mut app, "Adopt the checklist<C-s>");
    let roundtable::app::Overlay::Vote(v) = app.overlay() else {
        panic!("the vote sheet: {:?}", app.status())
    };
    assert_eq!(v.cursor, 0);
    let l = app.live().meeting.as_ref().unwrap();
    let second = l.name(v.votes[1].0).to_string();
    // Under the sheet's title (the name shows on the live screen behind it too).
    let top = find(&app, LARGE, "Consent:", 1).1 as usize;
    let at = find(&app, LARGE, &second, top + 1);
    hand.click(&mut app, at);
    let roundtable::app::Overlay::Vote(v) = app.overlay() else {
        panic!("still voting")
    };
    assert_eq!(v.cursor, 1);
}

#[test]
fn the_wheel_turns_the_help_pages() {
    let (_dir, mut app) = on(Screen::Roster);
    press(&mut app, "?");
    assert_eq!(app.mode(), Mode::Help);
    let mut hand = Hand::new(SMALL);
    hand.wheel(&mut app, true, 2);
    assert_eq!(app.help_page(), 2);
    hand.wheel(&mut app, false, 1);
    assert_eq!(app.help_page(), 1);
}
