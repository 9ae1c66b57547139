//! Ten years of one community, as `demo --size large` writes it (520 weekly meetings
//! with 96 notes each, cycles, rounds, actions and follow-ups; `SCALE_BENCH_WEEKS`
//! changes the length), written once outside the measured loops. Measured: the store
//! opened, the app built and the first frame drawn at 200x60 (start-up, the open check
//! included); the member profile opened from the roster and drawn; the community's
//! insights opened and drawn; the History, Cycles and Actions screens refreshed and drawn.
//!
//! Run with `cargo bench --bench scale`; results are in docs/PERFORMANCE.md.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use roundtable::app::{App, Command, Screen};
use roundtable::demo::large::{Size, create};
use roundtable::store::Store;
use std::hint::black_box;
use std::path::Path;

fn open(path: &Path) -> App {
    let mut app = App::new(Store::open(path).unwrap(), Box::new(common::clock()));
    app.set_color(false);
    app
}

fn scale(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scale.db");
    let weeks = std::env::var("SCALE_BENCH_WEEKS")
        .ok()
        .and_then(|w| w.parse().ok())
        .unwrap_or(520);
    let size = Size {
        communities: 1,
        weeks,
        notes: 96,
    };
    create(&path, false, size).unwrap();
    // The community chosen, as the leader left it.
    let mut app = open(&path);
    common::press(&mut app, "<Enter>");
    assert_eq!(app.screen(), Screen::Roster);
    drop(app);

    let mut g = c.benchmark_group("scale");
    g.bench_function("open_app_first_frame_200x60", |b| {
        b.iter(|| {
            let app = open(&path);
            black_box(roundtable::ui::app_to_text(&app, 200, 60))
        })
    });
    let mut app = open(&path);
    g.bench_function("profile_open_and_draw_200x60", |b| {
        b.iter(|| {
            app.handle(Command::GoTo(Screen::Roster));
            app.handle(Command::Profile);
            black_box(roundtable::ui::app_to_text(&app, 200, 60))
        })
    });
    assert_eq!(app.screen(), Screen::Profile);
    g.bench_function("insights_open_and_draw_200x60", |b| {
        b.iter(|| {
            app.handle(Command::GoTo(Screen::Communities));
            app.handle(Command::Insights);
            black_box(roundtable::ui::app_to_text(&app, 200, 60))
        })
    });
    assert_eq!(app.screen(), Screen::Insights);
    // History, Cycles and Actions are read while their screen is shown: a refresh there
    // re-reads everything (the browse lists too) and that screen (round 4: one read of
    // every cycle's goals; the actions a page at a time; round 5: History's first page
    // only on History).
    for (name, screen) in [
        ("history_refresh_and_draw_200x60", Screen::History),
        ("cycles_refresh_and_draw_200x60", Screen::Cycles),
        ("actions_refresh_and_draw_200x60", Screen::Actions),
    ] {
        app.handle(Command::GoTo(screen));
        assert_eq!(app.screen(), screen);
        g.bench_function(name, |b| {
            b.iter(|| {
                app.refresh();
                black_box(roundtable::ui::app_to_text(&app, 200, 60))
            })
        });
    }
    g.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
