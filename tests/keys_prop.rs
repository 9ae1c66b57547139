//! Property test: random key sequences (every key the keymap uses, editing keys, random
//! characters, pastes) starting on every screen never panic, and after every key the
//! app's invariants hold and it renders at 80x24 and at the smallest supported size.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use roundtable::app::keymap::KEYMAP;
use roundtable::app::{App, Command, Mode, Overlay, Screen};
use roundtable::domain::rounds::TurnState;
use roundtable::ui;

#[derive(Debug, Clone)]
enum Input {
    Key(KeyEvent),
    Paste(String),
}

/// Every key the keymap binds, in any mode.
fn keymap_keys() -> Vec<KeyEvent> {
    let mut keys: Vec<KeyEvent> = KEYMAP
        .iter()
        .flat_map(|b| b.keys.iter())
        .map(|k| KeyEvent::new(k.code, k.mods))
        .collect();
    keys.dedup();
    keys
}

fn editing_keys() -> Vec<KeyEvent> {
    let plain = |c| KeyEvent::new(c, KeyModifiers::NONE);
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    vec![
        plain(KeyCode::Enter),
        plain(KeyCode::Esc),
        plain(KeyCode::Tab),
        KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        plain(KeyCode::Up),
        plain(KeyCode::Down),
        plain(KeyCode::Left),
        plain(KeyCode::Right),
        plain(KeyCode::Home),
        plain(KeyCode::End),
        plain(KeyCode::Backspace),
        plain(KeyCode::Delete),
        plain(KeyCode::Char(' ')),
        ctrl('s'),
        ctrl('k'),
        ctrl('u'),
        ctrl('j'),
        ctrl('m'),
        ctrl('w'),
    ]
}

fn input() -> impl Strategy<Value = Input> {
    let mut fixed = keymap_keys();
    fixed.extend(editing_keys());
    prop_oneof![
        6 => proptest::sample::select(fixed).prop_map(Input::Key),
        3 => any::<char>().prop_map(|c| Input::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))),
        1 => proptest::sample::select(vec![KeyEventKind::Release, KeyEventKind::Repeat]).prop_map(|kind| {
            let mut k = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
            k.kind = kind;
            Input::Key(k)
        }),
        1 => "(?s).{0,40}".prop_map(Input::Paste),
    ]
}

/// The overlay the leader can see, told from the screen alone (each draws a fixed mark:
/// a popup's title, the filter's cursor), as the mode keys should be read in. This is
/// independent of `App::mode`, which the keymap and the footer read.
fn visible_mode(text: &str) -> Result<Mode, String> {
    const MARKS: &[(Mode, &str)] = &[
        (Mode::Help, "(Esc closes)"),
        (Mode::Form, " — Ctrl-S saves, Esc cancels "),
        (Mode::Confirm, "╭ Are you sure? "),
        (Mode::Confirm, "╭ Resume the meeting? "),
        (Mode::Choose, "╭ Plan a meeting from a template "),
        (Mode::Choose, "╭ Edit a recent note "),
        (Mode::Choose, "╭ Who raised a hand? "),
        (Mode::Choose, "╭ Which action to follow up? "),
        (Mode::Choose, "╭ Follow up: "),
        (Mode::Choose, "╭ Who is talking now? "),
        (Mode::Choose, "╭ Whose words? "),
        (Mode::Choose, "╭ Move cycle "),
        (Mode::Choose, "╭ Meetings of cycle "),
        (Mode::Choose, "╭ Follow up: "),
        (Mode::Choose, " — Enter edits, Esc closes"),
        // The learning cycle in the meeting (live-cycle).
        (Mode::Choose, "╭ Link which solution? "),
        (Mode::Choose, "╭ Which problem or pitfall does it answer? "),
        (Mode::Choose, "╭ Where can we improve? ("),
        (Mode::Note, "╭ ✎ Typing a note · "),
        (Mode::Note, "╭ ✎ Editing a note · "),
        (Mode::Vote, "╭ Consent: "),
        (Mode::Filter, "▏ ─"),
    ];
    let mut seen: Vec<Mode> = MARKS
        .iter()
        .filter(|(_, mark)| text.contains(mark))
        .map(|&(mode, _)| mode)
        .collect();
    seen.dedup();
    match seen[..] {
        [] => Ok(Mode::Browse),
        [mode] => Ok(mode),
        _ => Err(format!("several overlays on screen: {seen:?}")),
    }
}

fn check(app: &mut App, step: usize) -> Result<(), TestCaseError> {
    for s in Screen::ALL {
        let n = app.visible(s).len();
        let sel = app.list(s).selected;
        if n == 0 {
            prop_assert_eq!(
                sel,
                0,
                "step {}: {:?} is empty but selects {}",
                step,
                s,
                sel
            );
        } else {
            prop_assert!(
                sel < n,
                "step {}: {:?} selects {} of {} rows",
                step,
                s,
                sel,
                n
            );
        }
        prop_assert_eq!(app.selected_row(s).is_some(), n > 0);
    }
    let mut shown = ui::app_to_text(app, 80, 24);
    let mut seen = visible_mode(&shown);
    if seen != Ok(app.mode()) {
        // A long title, or the cursor after a long filter, may be cut at 80 columns: look
        // again wide enough for every title and filter (a list is 2/5 of the width).
        let filter = unicode_width::UnicodeWidthStr::width(app.list(app.screen()).filter.as_str());
        let w = u16::try_from(300.max(3 * (filter + 10))).unwrap_or(u16::MAX);
        shown = ui::app_to_text(app, w, 24);
        seen = visible_mode(&shown);
    }
    let seen = seen.map_err(|e| TestCaseError::fail(format!("step {step}: {e}\n{shown}")))?;
    prop_assert_eq!(
        app.mode(),
        seen,
        "step {}: keys are read in one mode, the screen shows another:\n{}",
        step,
        shown
    );
    match app.overlay() {
        Overlay::Form(f) => prop_assert!(f.focus < f.fields.len(), "step {}", step),
        Overlay::Filter(area) => prop_assert_eq!(
            area.lines().join(" "),
            app.list(app.screen()).filter.clone(),
            "step {}: the filter list state follows the typed filter",
            step
        ),
        _ => {}
    }
    match &app.browse().community {
        None => prop_assert!(
            app.browse().members.is_empty()
                && app.browse().goals.is_empty()
                && app.browse().upcoming.is_empty()
                && app.browse().history.is_empty(),
            "step {}: community data shown without a community",
            step
        ),
        Some(c) => {
            prop_assert!(app.browse().members.iter().all(|m| m.community_id == c.id));
            prop_assert!(app.browse().goals.iter().all(|g| g.community_id == c.id));
        }
    }
    if let Some(live) = app.live().meeting.clone() {
        let speaking: Vec<_> = live
            .turns
            .iter()
            .filter(|(_, t)| t.state == TurnState::Speaking)
            .collect();
        prop_assert!(
            speaking.len() <= 1,
            "step {}: more than one current speaker: {:?}",
            step,
            speaking
        );
        let open_items = live
            .items
            .iter()
            .filter(|i| i.visits.iter().any(|v| v.end.is_none()))
            .count();
        prop_assert!(
            open_items <= 1,
            "step {}: {} items current",
            step,
            open_items
        );
        let stored = app.store_mut().live_meeting(live.meeting.id);
        prop_assert!(
            stored.as_ref().is_ok_and(|s| *s == live),
            "step {}: the app shows a live meeting the store does not hold",
            step
        );
    }
    if !app.browse().show_archived {
        prop_assert!(app.browse().communities.iter().all(|c| !c.archived));
    }
    for (w, h) in [(80, 24), (64, 20)] {
        let text = ui::app_to_text(app, w, h);
        if let Err(e) = common::screen::check_screen(&text, w, h) {
            return Err(TestCaseError::fail(format!(
                "step {step} at {w}x{h}: {e}\n{text}"
            )));
        }
    }
    Ok(())
}

/// What the database holds when a case starts.
#[derive(Debug, Clone, Copy)]
enum Data {
    Empty,
    Fixture,
    /// The fixture plus a planned meeting, so plan, attendance and live keys do things.
    WithMeeting,
    /// That meeting started, on its round-robin item, with the first speaker talking.
    LiveRound,
}

fn run(start: Screen, data: Data, inputs: &[Input]) -> Result<(), TestCaseError> {
    let mut app = match data {
        Data::Empty => common::empty_app(),
        Data::Fixture => common::app(),
        Data::WithMeeting => common::app_with_meeting(),
        Data::LiveRound => {
            let mut app = common::app_with_meeting();
            // Meetings, start (attendance), Enter (live), next item, Space (first turn).
            common::press(&mut app, "4s<Enter>]<Space>");
            let turns = app.live().meeting.as_ref().map_or(0, |l| l.turns.len());
            prop_assert!(
                turns > 0,
                "setup did not start a round:\n{}",
                ui::app_to_text(&app, 80, 24)
            );
            app
        }
    };
    app.handle(Command::GoTo(start));
    check(&mut app, 0)?;
    for (i, inp) in inputs.iter().enumerate() {
        match inp {
            Input::Key(k) => app.on_key(*k),
            Input::Paste(s) => app.on_paste(s),
        }
        // Keep going after `q`: the loop would stop, but the state must stay sound.
        check(&mut app, i + 1)?;
    }
    Ok(())
}

proptest! {
    // PROPTEST_CASES=2000 for a longer hunt; the default keeps `cargo test` quick.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(80),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_keys_keep_the_invariants(
        start in proptest::sample::select(Screen::ALL.to_vec()),
        data in prop_oneof![
            1 => Just(Data::Empty),
            2 => Just(Data::Fixture),
            2 => Just(Data::WithMeeting),
            3 => Just(Data::LiveRound),
        ],
        inputs in proptest::collection::vec(input(), 0..60),
    ) {
        run(start, data, &inputs)?;
    }
}

/// Quitting is never accidental: typing into a form or a filter with every character
/// of the keymap never sets `quit`.
#[test]
fn typing_keymap_letters_in_a_form_never_quits() {
    for screen in [Screen::Communities, Screen::Roster, Screen::Goals] {
        let mut app = common::app();
        app.handle(Command::GoTo(screen));
        common::press(&mut app, "n");
        assert_eq!(app.mode(), Mode::Form, "{screen:?}");
        for k in keymap_keys() {
            if matches!(k.code, KeyCode::Char(_)) && k.modifiers == KeyModifiers::NONE {
                app.on_key(k);
            }
        }
        assert!(!app.quit_requested());
        assert_eq!(app.mode(), Mode::Form);
    }
}

/// A filter is only typed where its list is drawn: without a community, or without a
/// meeting on Plan and Attendance, `/` says what to do instead of reading keys out of
/// sight.
#[test]
fn no_filter_is_typed_out_of_sight() {
    for fresh in [common::empty_app, common::app] {
        for screen in Screen::ALL {
            let mut app = fresh();
            common::press(&mut app, "<Enter>");
            app.handle(Command::GoTo(screen));
            common::press(&mut app, "/");
            let text = ui::app_to_text(&app, 80, 24);
            assert_eq!(
                app.mode(),
                visible_mode(&text).expect("one overlay at most"),
                "{screen:?}:\n{text}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Reliability (issue 11): short random sequences from every screen and every kind of
// start, with time passing between keys. After every key: one speaker in an open round,
// no negative timer. After the sequence: SQLite's integrity check passes, and what the
// screen shows is what the store holds (re-reading everything changes nothing).

/// Cases of the property below (`ROUNDTABLE_PROP_CASES` for a longer hunt).
fn reliability_cases() -> u32 {
    std::env::var("ROUNDTABLE_PROP_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2400)
}

/// Time between two keys: mostly forward, now and then the system clock jumps back
/// (a time sync, a changed time zone setting on a laptop).
fn seconds() -> impl Strategy<Value = i64> {
    prop_oneof![9 => 0i64..90, 1 => -900i64..0]
}

fn one_speaker_in_an_open_round(app: &App) -> Result<(), TestCaseError> {
    let Some(l) = &app.live().meeting else {
        return Ok(());
    };
    if let Some(item) = l.current_item() {
        let turns = l.round_turns(item.item.id);
        let speaking = turns
            .iter()
            .filter(|t| t.state == TurnState::Speaking)
            .count();
        let open = roundtable::domain::rounds::is_open(&turns);
        prop_assert_eq!(speaking, usize::from(open), "round {:?}", turns);
    }
    Ok(())
}

fn run_reliability(
    start: Screen,
    data: common::Start,
    steps: &[(Input, i64)],
) -> Result<(), TestCaseError> {
    let (mut app, clock, _db) = common::app_at(data);
    app.handle(Command::GoTo(start));
    for (i, (inp, secs)) in steps.iter().enumerate() {
        clock.advance(chrono::Duration::seconds(*secs));
        match inp {
            Input::Key(k) => app.on_key(*k),
            Input::Paste(s) => app.on_paste(s),
        }
        one_speaker_in_an_open_round(&app)?;
        common::timers_not_negative(&app)
            .map_err(|e| TestCaseError::fail(format!("step {i}: {e}")))?;
    }
    let integrity = app
        .store_mut()
        .integrity_check()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(integrity, "ok");
    common::screen_matches_store(&mut app).map_err(TestCaseError::fail)?;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: reliability_cases() / 2,
        ..ProptestConfig::default()
    })]

    /// Half the cases start browsing (an empty database, the fixture, a planned meeting).
    #[test]
    fn random_keys_while_browsing_keep_the_store_sound_and_the_screen_true(
        start in proptest::sample::select(Screen::ALL.to_vec()),
        data in prop_oneof![
            1 => Just(common::Start::Empty),
            2 => Just(common::Start::Fixture),
            2 => Just(common::Start::WithMeeting),
        ],
        steps in proptest::collection::vec((input(), seconds()), 0..24),
    ) {
        run_reliability(start, data, &steps)?;
    }

    /// The other half start in a live round.
    #[test]
    fn random_keys_in_a_live_round_keep_the_store_sound_and_the_screen_true(
        start in proptest::sample::select(Screen::ALL.to_vec()),
        steps in proptest::collection::vec((input(), seconds()), 0..24),
    ) {
        run_reliability(start, common::Start::LiveRound, &steps)?;
    }
}
