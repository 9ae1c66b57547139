//! Live-meeting speed: a keystroke to the next frame at 200x60 with 30 members, and
//! committing a note with `synchronous=FULL` on the local disk.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use roundtable::app::{App, Command, Screen};
use roundtable::domain::note::NoteKind;
use roundtable::domain::{CommunityInfo, FakeClock, MeetingMode, Profile};
use roundtable::store::Store;
use std::hint::black_box;

/// A file-backed store with a 30-member community and a live meeting, and an app on it.
fn live_app(dir: &std::path::Path) -> (App, FakeClock) {
    let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 17, 0, 0).unwrap();
    let mut s = Store::open(&dir.join("bench.db")).unwrap();
    let info = CommunityInfo {
        name: "Thirty".into(),
        purpose: "A big group".into(),
        cadence: Some("weekly Tue 18:00".parse().unwrap()),
        mode: MeetingMode::Hybrid,
        place: "Hall".into(),
        meeting_minutes: 120,
    };
    let c = s.write(|tx| tx.insert_community(&info, t0)).unwrap();
    for i in 0..30 {
        let p = Profile {
            name: format!("Member {i:02}"),
            hopes: "To learn from the others and bring it back to the ward".into(),
            strengths: "Listening; data".into(),
            learning_style: "hands-on".into(),
            ..Default::default()
        };
        s.write(|tx| tx.insert_member(c, &p, t0)).unwrap();
    }
    let t = s.template("Learning cycle meeting").unwrap();
    let m = roundtable::domain::meeting::MeetingInfo {
        title: "Big meeting".into(),
        scheduled_at: t0,
        planned_minutes: 120,
    };
    s.write(|tx| tx.create_meeting(c, &m, Some(&t.name), &t.items, t0))
        .unwrap();
    let clock = FakeClock::new(t0);
    let mut app = App::new(s, Box::new(clock.clone()));
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::StartMeeting);
    app.handle(Command::OpenLive);
    app.handle(Command::NextSpeaker);
    // Some history on screen: notes and a few turns.
    for i in 0..20 {
        app.handle(Command::Note);
        app.on_paste(&format!("Note number {i} about what was said"));
        app.handle(Command::NoteSave);
        app.handle(Command::NextSpeaker);
    }
    assert_eq!(app.screen(), Screen::Live);
    (app, clock)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, clock) = live_app(dir.path());
    let mut term = Terminal::new(TestBackend::new(200, 60)).unwrap();

    c.bench_function("live: frame at 200x60, 30 members (render only)", |b| {
        b.iter(|| {
            term.draw(|f| roundtable::ui::draw(f, black_box(&app)))
                .unwrap();
        })
    });

    c.bench_function("live: raise-hand chooser key + frame (no write)", |b| {
        b.iter(|| {
            app.on_key(KeyEvent::from(KeyCode::Char('h')));
            term.draw(|f| roundtable::ui::draw(f, &app)).unwrap();
            app.on_key(KeyEvent::from(KeyCode::Esc));
        })
    });

    c.bench_function("live: pause key (commit, reload) + frame", |b| {
        b.iter(|| {
            clock.advance(chrono::Duration::seconds(1));
            app.on_key(KeyEvent::from(KeyCode::Char('z')));
            term.draw(|f| roundtable::ui::draw(f, &app)).unwrap();
        })
    });

    let mut store = Store::open(&dir.path().join("notes.db")).unwrap();
    let info = CommunityInfo {
        name: "N".into(),
        purpose: String::new(),
        cadence: None,
        mode: MeetingMode::InPerson,
        place: String::new(),
        meeting_minutes: 60,
    };
    let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 17, 0, 0).unwrap();
    let cid = store.write(|tx| tx.insert_community(&info, t0)).unwrap();
    let m = roundtable::domain::meeting::MeetingInfo {
        title: "M".into(),
        scheduled_at: t0,
        planned_minutes: 60,
    };
    let mid = store
        .write(|tx| tx.create_meeting(cid, &m, None, &[], t0))
        .unwrap();
    store.write(|tx| tx.start_meeting(mid, &[], t0)).unwrap();
    c.bench_function("note commit (synchronous=FULL, local disk)", |b| {
        b.iter(|| {
            store
                .write(|tx| {
                    tx.add_note(
                        mid,
                        None,
                        NoteKind::Idea,
                        black_box("An idea worth keeping"),
                        None,
                        t0,
                    )
                })
                .unwrap();
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(60).measurement_time(std::time::Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
