//! Random key sequences in live mode: never a panic, and an open round always has
//! exactly one current speaker (a finished round has none).

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::{Duration, TimeZone, Utc};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roundtable::app::{App, Command, Screen};
use roundtable::domain::rounds::{self, TurnState};
use roundtable::domain::{CommunityInfo, FakeClock, MeetingMode, Profile};
use roundtable::store::Store;

fn live_app(clock: &FakeClock) -> App {
    let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 17, 0, 0).unwrap();
    let mut s = Store::open_in_memory().unwrap();
    let info = CommunityInfo {
        name: "W".into(),
        purpose: String::new(),
        cadence: None,
        mode: MeetingMode::Online,
        place: String::new(),
        meeting_minutes: 60,
    };
    let c = s.write(|tx| tx.insert_community(&info, t0)).unwrap();
    for n in ["A", "B", "C", "D"] {
        s.write(|tx| {
            tx.insert_member(
                c,
                &Profile {
                    name: n.into(),
                    ..Default::default()
                },
                t0,
            )
        })
        .unwrap();
    }
    let t = s.template("Quick check-in").unwrap();
    let m = roundtable::domain::meeting::MeetingInfo {
        title: "M".into(),
        scheduled_at: t0,
        planned_minutes: 30,
    };
    s.write(|tx| tx.create_meeting(c, &m, None, &t.items, t0))
        .unwrap();
    let mut app = App::new(s, Box::new(clock.clone()));
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::StartMeeting);
    app.handle(Command::OpenLive);
    assert_eq!(app.screen(), Screen::Live);
    app
}

/// Keys a leader might hit in live mode, including ones that open overlays.
fn a_key() -> impl Strategy<Value = KeyEvent> {
    let codes = vec![
        KeyCode::Char(' '),
        KeyCode::Char('p'),
        KeyCode::Char('b'),
        KeyCode::Char('h'),
        KeyCode::Char('x'),
        KeyCode::Char('r'),
        KeyCode::Char('o'),
        KeyCode::Char(']'),
        KeyCode::Char('['),
        KeyCode::Char('z'),
        KeyCode::Char('n'),
        KeyCode::Char('N'),
        KeyCode::Char('c'),
        KeyCode::Char('a'),
        KeyCode::Char('i'),
        KeyCode::Char('3'),
        KeyCode::Char('q'),
        KeyCode::Char('E'),
        KeyCode::Char('y'),
        KeyCode::Char('w'),
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Backspace,
    ];
    prop_oneof![
        8 => proptest::sample::select(codes).prop_map(KeyEvent::from),
        1 => Just(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        1 => Just(KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)),
        2 => any::<char>().prop_map(|c| KeyEvent::from(KeyCode::Char(c))),
    ]
}

fn check_invariants(app: &App) -> Result<(), TestCaseError> {
    let Some(l) = &app.live().meeting else {
        return Ok(());
    };
    if let Some(item) = l.current_item() {
        let turns = l.round_turns(item.item.id);
        let speaking = turns
            .iter()
            .filter(|t| t.state == TurnState::Speaking)
            .count();
        if rounds::is_open(&turns) {
            prop_assert_eq!(
                speaking,
                1,
                "an open round has exactly one speaker: {:?}",
                turns
            );
        } else {
            prop_assert_eq!(speaking, 0);
        }
    }
    prop_assert!(
        l.items
            .iter()
            .filter(|i| i.visits.iter().any(|v| v.end.is_none()))
            .count()
            <= 1
    );
    Ok(())
}

/// The screen renders, whole, at `w`×`h`.
fn check_screen(app: &App, w: u16, h: u16) -> Result<(), TestCaseError> {
    let text = roundtable::ui::app_to_text(app, w, h);
    common::screen::check_screen(&text, w, h)
        .map_err(|e| TestCaseError::fail(format!("at {w}x{h}: {e}\n{text}")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_live_keys_keep_the_round_sane(keys in proptest::collection::vec((a_key(), 0i64..200), 1..50)) {
        let clock = FakeClock::new(Utc.with_ymd_and_hms(2026, 12, 1, 17, 0, 0).unwrap());
        let mut app = live_app(&clock);
        for (k, secs) in keys {
            clock.advance(Duration::seconds(secs));
            app.on_key(k);
            check_invariants(&app)?;
            check_screen(&app, 80, 24)?;
        }
        check_screen(&app, 200, 60)?;
        check_screen(&app, 64, 20)?;
    }
}

// ---------------------------------------------------------------------------------------
// Reliability (issue 11): live keys with time passing (and now and then the system clock
// jumping back), on a database file. After every key: no negative timer (meeting, items,
// turns, downtime, airtime). After the sequence: SQLite's integrity check passes, and the
// screen shows what the store holds.

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("ROUNDTABLE_PROP_CASES")
            .ok()
            .and_then(|s| s.parse::<u32>().ok())
            .map_or(1000, |n| n / 2),
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_live_keys_keep_timers_store_and_screen_true(
        keys in proptest::collection::vec(
            (a_key(), prop_oneof![9 => 0i64..400, 1 => -900i64..0]),
            1..30,
        ),
    ) {
        let (mut app, clock, _db) = common::app_at(common::Start::LiveRound);
        for (i, (k, secs)) in keys.into_iter().enumerate() {
            clock.advance(Duration::seconds(secs));
            app.on_key(k);
            check_invariants(&app)?;
            common::timers_not_negative(&app)
                .map_err(|e| TestCaseError::fail(format!("key {i}: {e}")))?;
        }
        let integrity = app
            .store_mut()
            .integrity_check()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(integrity, "ok");
        common::screen_matches_store(&mut app).map_err(TestCaseError::fail)?;
    }
}
