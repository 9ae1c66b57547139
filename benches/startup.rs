//! Start-up to the first frame: open a file-backed store holding the test fixture
//! (a community with six members, a leader, goals and meetings, plus an archived one),
//! build the `App`, and draw one frame into a `TestBackend` — measured together, at
//! 80x24 and 200x60. The database file is written once, outside the measured loop.
//!
//! Run with `cargo bench --bench startup`; results are recorded in docs/PERFORMANCE.md.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use roundtable::app::App;
use roundtable::store::Store;
use std::hint::black_box;
use std::path::Path;

fn first_frame(path: &Path, width: u16, height: u16) -> Terminal<TestBackend> {
    let store = Store::open(path).expect("open the fixture database");
    let mut app = App::new(store, Box::new(common::clock()));
    app.set_color(false);
    let mut terminal = match Terminal::new(TestBackend::new(width, height)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    if let Err(e) = terminal.draw(|f| roundtable::ui::draw(f, &app)) {
        match e {}
    }
    terminal
}

fn startup(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    common::write_db(&path);
    // To time the real binary on the same data (see docs/PERFORMANCE.md).
    if let Some(keep) = std::env::var_os("STARTUP_BENCH_KEEP_DB") {
        std::fs::copy(&path, keep).expect("copy the fixture database");
    }
    // Sanity: the measured frame shows the fixture, not an empty database.
    let text = roundtable::ui::buffer_to_text(first_frame(&path, 80, 24).backend().buffer());
    assert!(text.contains(common::CLUB), "{text}");

    let mut group = c.benchmark_group("startup_to_first_frame");
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        group.bench_function(format!("{w}x{h}"), |b| {
            b.iter(|| black_box(first_frame(black_box(&path), w, h)))
        });
    }
    group.finish();

    // The parts, to see where the time goes.
    let mut parts = c.benchmark_group("startup_parts");
    parts.bench_function("open_store", |b| {
        b.iter(|| black_box(Store::open(black_box(&path)).expect("open")))
    });
    parts.bench_function("open_store_and_app_new", |b| {
        b.iter(|| {
            let store = Store::open(black_box(&path)).expect("open");
            black_box(App::new(store, Box::new(common::clock())))
        })
    });
    let mut app = App::new(Store::open(&path).expect("open"), Box::new(common::clock()));
    app.set_color(false);
    parts.bench_function("draw_only_80x24", |b| {
        b.iter(|| black_box(roundtable::ui::app_to_text(black_box(&app), 80, 24)))
    });
    parts.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
