//! Search over a generated corpus: the common fixture plus `SEARCH_BENCH_NOTES` notes
//! (default 100,000; 20 a meeting, weekly meetings, speakers cycling through the club),
//! written once through SQL in one transaction outside the measured loop. Each query
//! asks for the first page (20 hits) the Search screen shows: a common word, a prefix,
//! a phrase, a rare word, the same rare word within one community (the app's default
//! scope), and a common word narrowed to one member.
//!
//! Run with `cargo bench --bench search`; results are recorded in docs/PERFORMANCE.md.
//!
//! With `SEARCH_P95_DB=PATH` it measures instead the percentiles of single searches over
//! a database made by `roundtable demo --size large` (see [`p95`]): run it on a copy, as
//! it opens the file with [`Store::open`] (which migrates it) and adds a few notes.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/search_common/mod.rs"]
mod search_common;

use criterion::{Criterion, criterion_group};
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

fn main() {
    if let Some(db) = std::env::var_os("SEARCH_P95_DB") {
        p95::report(std::path::Path::new(&db));
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}

/// p50, p95 and max of single searches over a large demo database, per query type and
/// over all the queries of the run (the last row, `all`), as the Search screen runs them
/// (its first page of 51 hits, snippets included): each query of a realistic set drawn
/// from the generator's vocabulary, and the same words within a month or a year
/// (`dated`), without a filter and within one community (the screen's default),
/// `SEARCH_P95_REPS` times (default 3) in a shuffled order after one
/// pass that warms the cache.
mod p95 {
    use chrono::NaiveDate;
    use roundtable::domain::CommunityId;
    use roundtable::store::{SearchFilters, Store};
    use std::path::Path;
    use std::time::{Duration, Instant};

    /// The generator's phrases (`src/demo/large.rs`: subjects, verbs, objects, tails).
    const VOCABULARY: &str = "The night team|Our audit|The new checklist|The handover sheet|\
        Family feedback|The falls data|The sepsis bundle|The pressure-area chart|\
        The discharge letter|The early-warning score|The pump training|The hydration round|\
        The alarm policy|The pain reassessment|The mouth-care kit|The rota|showed|missed|\
        helped with|slowed down|caught|improved|confused|doubled|halved|simplified|delayed|\
        highlighted|clarified|reduced|the evening medication round|two near misses|\
        early deterioration|the weekend gaps|bed rails at night|the fluid balance charts|\
        catheter days|alarm fatigue|call-bell waits|the skin checks|agency staff induction|\
        the escalation calls|missed observations|patient mobility|the drug chart errors|\
        delirium screening|the hand hygiene score|the bay layout|on the late shift|\
        since the trial started|for frail patients|in bay four|during visiting hours|\
        when we were short-staffed|compared with last month|\
        according to the incident reports|for new starters|over the bank holiday|\
        in the side rooms|after the teaching session";

    /// Words the generator never writes: each is added to a few notes (1 to 300), so a
    /// search for one is a search for something said rarely.
    const RARE: [&str; 60] = [
        "tachycardia",
        "bradycardia",
        "hyponatraemia",
        "hyperkalaemia",
        "haloperidol",
        "warfarin",
        "heparin",
        "insulin",
        "tracheostomy",
        "nebuliser",
        "spirometry",
        "capnography",
        "thrombosis",
        "embolism",
        "cellulitis",
        "pneumonia",
        "jaundice",
        "oedema",
        "anaphylaxis",
        "syncope",
        "dysphagia",
        "aphasia",
        "ataxia",
        "seizure",
        "stoma",
        "cannula",
        "tourniquet",
        "defibrillator",
        "ventilator",
        "oximeter",
        "glucometer",
        "commode",
        "hoist",
        "splint",
        "sling",
        "crutches",
        "walker",
        "wheelchair",
        "mattress",
        "cushion",
        "dressing",
        "suture",
        "staples",
        "drain",
        "catheterisation",
        "enema",
        "laxative",
        "antiemetic",
        "analgesia",
        "morphine",
        "paracetamol",
        "ibuprofen",
        "codeine",
        "naloxone",
        "salbutamol",
        "steroid",
        "antibiotic",
        "vancomycin",
        "gentamicin",
        "chaplaincy",
    ];

    /// How many queries of each type, at most.
    const EACH: usize = 60;

    pub fn report(path: &Path) {
        let mut rng = fastrand::Rng::with_seed(4);
        add_rare_notes(path, &mut rng);
        let before = schema(path);
        let started = Instant::now();
        let store = Store::open(path).expect("open the database");
        let opened = started.elapsed();
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        println!(
            "{}: schema {before} -> {}, opened in {:.2} s; {:.1} MiB",
            path.display(),
            schema(path),
            opened.as_secs_f64(),
            size as f64 / 1048576.0
        );
        let communities = 20;
        let mut cases: Vec<Case> = Vec::new();
        // `SEARCH_P95_DATED=only`: the date-range types alone (a build of the code
        // before them takes seconds a query).
        let undated = match std::env::var("SEARCH_P95_DATED").as_deref() {
            Ok("only") => Vec::new(),
            _ => queries(&mut rng),
        };
        for (kind, queries) in undated.into_iter().chain(dated(&mut rng)) {
            for (q, dates) in queries {
                cases.push((kind.clone(), q.clone(), None, dates));
                let c = 1 + rng.i64(0..communities);
                cases.push((kind.clone(), q, Some(c), dates));
            }
        }
        let reps: usize = std::env::var("SEARCH_P95_REPS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(3);
        let run = |(_, q, c, dates): &Case| -> (Duration, usize, bool) {
            let filters = SearchFilters {
                community: c.map(CommunityId::new),
                from: dates.map(|d| d.0),
                to: dates.map(|d| d.1),
                ..SearchFilters::default()
            };
            let started = Instant::now();
            let page = std::hint::black_box(store.search_page(q, &filters, 51, 0))
                .unwrap_or_else(|e| panic!("{q}: {e}"));
            (started.elapsed(), page.hits.len(), page.limited)
        };
        for case in &cases {
            run(case);
        }
        let mut order: Vec<usize> = (0..cases.len()).flat_map(|i| vec![i; reps]).collect();
        rng.shuffle(&mut order);
        let mut samples: Vec<Vec<Duration>> = vec![Vec::new(); cases.len()];
        let mut shape = vec![(0, false); cases.len()];
        for i in order {
            let (took, hits, limited) = run(&cases[i]);
            samples[i].push(took);
            shape[i] = (hits, limited);
        }
        println!(
            "{:<12} {:<10} {:>7} {:>8} {:>9} {:>9} {:>9}  slowest",
            "type", "filter", "queries", "limited", "p50 ms", "p95 ms", "max ms"
        );
        // One row: the samples of the cases `mine`, by percentile, with the slowest query.
        let row = |kind: &str, filter: &str, mine: &[usize]| {
            let mut all: Vec<(Duration, usize)> = mine
                .iter()
                .flat_map(|&i| samples[i].iter().map(move |d| (*d, i)))
                .collect();
            all.sort();
            let at = |p: f64| {
                let k = ((all.len() as f64 * p).ceil() as usize).clamp(1, all.len());
                all[k - 1].0.as_secs_f64() * 1000.0
            };
            let (_, worst) = all[all.len() - 1];
            println!(
                "{:<12} {:<10} {:>7} {:>8} {:>9.2} {:>9.2} {:>9.2}  {}{}",
                kind,
                filter,
                mine.len(),
                mine.iter().filter(|&&i| shape[i].1).count(),
                at(0.5),
                at(0.95),
                at(1.0),
                cases[worst].1,
                cases[worst].2.map_or(String::new(), |c| format!(" (c{c})")),
            );
        };
        let mut kinds: Vec<&str> = cases.iter().map(|c| c.0.as_str()).collect();
        kinds.dedup();
        for kind in kinds {
            for filtered in [false, true] {
                let mine: Vec<usize> = (0..cases.len())
                    .filter(|&i| cases[i].0 == kind && cases[i].2.is_some() == filtered)
                    .collect();
                row(kind, if filtered { "community" } else { "none" }, &mine);
            }
        }
        // Every sample of the run together: the overall percentiles beside the per-type.
        let every: Vec<usize> = (0..cases.len()).collect();
        row("all", "both", &every);
    }

    /// A query's type, its text, the community it is searched in (if any) and its first
    /// and last day (if any).
    type Case = (String, String, Option<i64>, Option<(NaiveDate, NaiveDate)>);

    /// The queries within dates (issue 10, round 7), at most [`EACH`] of a type, over the
    /// large demo's ten years (2017 to 2026): a rare word in a month, a common word in a
    /// month (`the` among them), a common word in a year, and the new-user trial's.
    fn dated(rng: &mut fastrand::Rng) -> Vec<(String, Vec<Dated>)> {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a day");
        let month = |rng: &mut fastrand::Rng| {
            let (y, m) = (rng.i32(2017..=2026), rng.u32(1..=12));
            let next = if m == 12 {
                day(y + 1, 1, 1)
            } else {
                day(y, m + 1, 1)
            };
            Some((day(y, m, 1), next.pred_opt().expect("a day")))
        };
        let common = [
            "the",
            "night",
            "audit",
            "checklist",
            "handover",
            "pump",
            "rota",
            "missed",
        ];
        let rare = RARE.iter().map(|w| (w.to_string(), month(rng))).collect();
        let monthly = (0..EACH)
            .map(|i| (common[i % common.len()].to_string(), month(rng)))
            .collect();
        let yearly = (0..EACH)
            .map(|i| {
                let y = rng.i32(2017..=2026);
                (
                    common[i % common.len()].to_string(),
                    Some((day(y, 1, 1), day(y, 12, 31))),
                )
            })
            .collect();
        let trial = [
            ("pump", day(2019, 3, 1), day(2019, 3, 31)),
            ("the", day(2026, 11, 1), day(2026, 11, 30)),
            ("the", day(2024, 1, 1), day(2024, 12, 31)),
            ("handover", day(2020, 1, 1), day(2020, 12, 31)),
        ]
        .into_iter()
        .map(|(q, from, to)| (q.to_string(), Some((from, to))))
        .collect();
        vec![
            ("month rare".to_string(), rare),
            ("month comm".to_string(), monthly),
            ("year comm".to_string(), yearly),
            ("trial".to_string(), trial),
        ]
    }

    /// `PRAGMA user_version` of the file.
    fn schema(path: &Path) -> i64 {
        let conn = rusqlite::Connection::open(path).expect("open");
        conn.query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("user_version")
    }

    /// Adds the notes holding [`RARE`] words, unless the file has them: word `i` in
    /// 1, 3, 10, 30, 100 or 300 notes of meetings drawn at random.
    fn add_rare_notes(path: &Path, rng: &mut fastrand::Rng) {
        let mut conn = rusqlite::Connection::open(path).expect("open");
        let done: i64 = conn
            .query_row(
                "SELECT count(*) FROM note WHERE id > (SELECT max(id) - 20000 FROM note)
                 AND body LIKE '%' || ?1 || '%'",
                [RARE[0]],
                |r| r.get(0),
            )
            .expect("look for the rare notes");
        if done > 0 {
            return;
        }
        let tx = conn.transaction().expect("transaction");
        let meetings: i64 = tx
            .query_row("SELECT max(id) FROM meeting", [], |r| r.get(0))
            .expect("meetings");
        let phrases: Vec<&str> = VOCABULARY.split('|').map(str::trim).collect();
        for (i, word) in RARE.iter().enumerate() {
            for _ in 0..[1, 3, 10, 30, 100, 300][i % 6] {
                let body = format!(
                    "{} {} {word} {}.",
                    phrases[rng.usize(..16)],
                    phrases[16 + rng.usize(..14)],
                    phrases[30 + rng.usize(..18)]
                );
                tx.execute(
                    "INSERT INTO note (meeting_id, cycle_id, member_id, kind, body, created_at,
                                       updated_at)
                     SELECT id, cycle_id, NULL, 'note', ?2, scheduled_at, scheduled_at
                     FROM meeting WHERE id = ?1",
                    rusqlite::params![1 + rng.i64(0..meetings), body],
                )
                .expect("add a rare note");
            }
        }
        tx.commit().expect("commit the rare notes");
    }

    /// The queries of each type, at most [`EACH`] of a type.
    fn queries(rng: &mut fastrand::Rng) -> Vec<(String, Vec<Dated>)> {
        let phrases: Vec<Vec<String>> = VOCABULARY
            .split('|')
            .map(|p| {
                p.to_lowercase()
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        let mut words: Vec<String> = phrases.iter().flatten().cloned().collect();
        words.sort();
        words.dedup();
        let mut sample = |mut all: Vec<String>| {
            all.sort();
            all.dedup();
            rng.shuffle(&mut all);
            all.truncate(EACH);
            all
        };
        let mut out: Vec<(String, Vec<String>)> = vec![
            (
                "rare".to_string(),
                RARE.iter().map(|w| w.to_string()).collect(),
            ),
            ("common".to_string(), sample(words.clone())),
        ];
        let mut pairs = Vec::new();
        for (i, a) in words.iter().enumerate() {
            for b in words.iter().skip(i + 1).step_by(7) {
                pairs.push(format!("{a} {b}"));
            }
        }
        out.push(("two words".to_string(), sample(pairs)));
        let mut runs = Vec::new();
        for p in &phrases {
            for n in [2, 3] {
                for w in p.windows(n) {
                    runs.push(format!("\"{}\"", w.join(" ")));
                }
            }
        }
        // The same words in the reverse order: phrases of common words that (almost)
        // never match, so every entry holding the words is read to find out.
        let reversed = runs
            .iter()
            .map(|r| {
                let words: Vec<&str> = r.trim_matches('"').split(' ').rev().collect();
                format!("\"{}\"", words.join(" "))
            })
            .collect();
        out.push(("phrase".to_string(), sample(runs)));
        out.push(("phrase rev".to_string(), sample(reversed)));
        for n in 2..=10 {
            let prefixes = words
                .iter()
                .filter(|w| w.len() >= n)
                .map(|w| format!("{}*", &w[..n]))
                .collect();
            out.push((format!("prefix {n}"), sample(prefixes)));
        }
        out.into_iter()
            .map(|(kind, qs)| (kind, qs.into_iter().map(|q| (q, None)).collect()))
            .collect()
    }

    /// A query and its dates (if any).
    type Dated = (String, Option<(NaiveDate, NaiveDate)>);
}
