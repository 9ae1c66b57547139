//! History and the meeting view on a big generated history: 5,200 past meetings of one
//! community (a hundred years of weekly meetings, ten times the ten-year community of
//! the large demo) with 20 notes each (104,000 notes), written once outside the measured
//! loops. Measured: opening History (the app built on the file, the first page read,
//! drawn at 200x60), the next page read, opening the meeting view of a meeting (read and
//! drawn), and one scroll step of it (a key and a frame).
//!
//! Run with `cargo bench --bench history`; results are in docs/PERFORMANCE.md.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/history_common/mod.rs"]
mod history_common;

use criterion::{Criterion, criterion_group, criterion_main};
use roundtable::app::{App, Command, Screen};
use roundtable::store::Store;
use std::hint::black_box;
use std::path::Path;

const MEETINGS: usize = 5200;
const NOTES: usize = 20;

fn open(path: &Path) -> App {
    let mut app = App::new(Store::open(path).unwrap(), Box::new(common::clock()));
    app.set_color(false);
    common::press(&mut app, "<Enter>");
    app
}

fn history(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.db");
    let ids = common::write_db(&path);
    history_common::add_history(&path, &ids, MEETINGS, NOTES);

    let mut g = c.benchmark_group("history");
    // Store open, App::new (every area read), History chosen and drawn.
    g.bench_function("open_app_and_history_200x60", |b| {
        b.iter(|| {
            let mut app = open(&path);
            app.handle(Command::GoTo(Screen::History));
            black_box(roundtable::ui::app_to_text(&app, 200, 60))
        })
    });
    let mut app = open(&path);
    app.handle(Command::GoTo(Screen::History));
    // The first page again, as a refresh after a change reads it.
    g.bench_function("refresh_all_areas", |b| b.iter(|| app.refresh()));
    // The next page: the selection moved near the end of the first one.
    g.bench_function("next_page", |b| {
        b.iter_batched(
            || {
                let mut app = open(&path);
                app.handle(Command::GoTo(Screen::History));
                for _ in 0..31 {
                    app.handle(Command::Down);
                }
                app
            },
            |mut app| {
                app.handle(Command::Down);
                black_box(app)
            },
            criterion::BatchSize::LargeInput,
        )
    });
    // Enter on a meeting: read in full and drawn; then back.
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        g.bench_function(format!("open_meeting_view_{w}x{h}"), |b| {
            b.iter(|| {
                app.handle(Command::Open);
                let text = roundtable::ui::app_to_text(&app, w, h);
                app.handle(Command::Back);
                black_box(text)
            })
        });
    }
    app.handle(Command::Open);
    assert_eq!(app.screen(), Screen::MeetingView);
    g.bench_function("meeting_view_scroll_step_80x24", |b| {
        b.iter(|| {
            app.handle(Command::Down);
            app.handle(Command::Top);
            black_box(roundtable::ui::app_to_text(&app, 80, 24))
        })
    });
    // [ then ]: two meetings read and drawn.
    g.bench_function("older_then_newer_meeting_80x24", |b| {
        b.iter(|| {
            app.handle(Command::OtherMeeting(false));
            black_box(roundtable::ui::app_to_text(&app, 80, 24));
            app.handle(Command::OtherMeeting(true));
            black_box(roundtable::ui::app_to_text(&app, 80, 24))
        })
    });
    g.finish();
}

criterion_group!(benches, history);
criterion_main!(benches);
