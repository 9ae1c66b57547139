//! Search over a generated corpus: the common fixture plus `SEARCH_BENCH_NOTES` notes
//! (default 100,000; 20 a meeting, weekly meetings, speakers cycling through the club),
//! written once through SQL in one transaction outside the measured loop. Each query
//! asks for the first page (20 hits) the Search screen shows: a common word, a prefix,
//! a phrase, a rare word, the same rare word within one community (the app's default
//! scope), and a common word narrowed to one member.
//!
//! Run with `cargo bench --bench search`; results are recorded in docs/PERFORMANCE.md.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/search_common/mod.rs"]
mod search_common;

use criterion::{Criterion, criterion_group, criterion_main};
use roundtable::store::{SearchFilters, Store};
use std::hint::black_box;

fn search(c: &mut Criterion) {
    let notes: usize = std::env::var("SEARCH_BENCH_NOTES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let ids = common::write_db(&path);
    let members: Vec<i64> = ids.members.iter().map(|(_, id)| id.get()).collect();
    {
        let mut conn = rusqlite::Connection::open(&path).expect("raw connection");
        let started = std::time::Instant::now();
        search_common::corpus(&mut conn, ids.club.get(), &members, notes / 20, 20);
        eprintln!("wrote {notes} notes in {:?}", started.elapsed());
    }
    let store = Store::open(&path).expect("open the corpus");
    let all = SearchFilters::default();
    let one_member = SearchFilters {
        member: Some(ids.members[1].1),
        community: Some(ids.club),
        ..SearchFilters::default()
    };
    let one_community = SearchFilters {
        community: Some(ids.club),
        ..SearchFilters::default()
    };
    let mut g = c.benchmark_group(format!("search_{notes}_notes"));
    for (name, q, f) in [
        ("common_word", "checklist", &all),
        ("two_words", "sepsis audit", &all),
        ("prefix", "escal*", &all),
        ("phrase", "\"hand hygiene\"", &all),
        ("rare_word", "zebra42", &all),
        // The app's default: the Search screen searches within the chosen community.
        ("rare_word_one_community", "zebra42", &one_community),
        ("common_word_one_member", "checklist", &one_member),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| black_box(store.search(q, f, 20, 0).expect("search")))
        });
    }
    g.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
