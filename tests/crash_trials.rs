//! Crash trials: the real binary runs a scripted meeting on the demo database in tmux and
//! is killed with `kill -9` at 20 points (mid-note, right after Enter, during a turn
//! change, while a timer runs, in every overlay, mid `import json`, mid `roster import`).
//! After each kill:
//! - every note the screen called saved (in the Notes panel or a "saved" status) is in
//!   the database exactly once, and no note that was only typed is;
//! - `PRAGMA integrity_check` says ok;
//! - the next launch offers to resume, and resumes at the agenda item and speaker the
//!   store holds, which (when the kill did not race a key) is what the screen showed.
//!
//! `soak_random_kill_points` (ignored; `scripts/soak.sh` runs it) does the same at random
//! points for many trials and prints its figures (see docs/RELIABILITY.md).

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::tmux::{self, Tmux};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a note went through, by its unique token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoteFate {
    /// Typed, never submitted: must not be stored.
    OnlyTyped,
    /// Submitted; stored if the screen said so before the kill (unknown otherwise).
    Submitted,
    /// The screen showed it saved: must be stored, once.
    Confirmed,
}

/// A meeting run in tmux, killed and resumed again and again.
struct Run {
    t: Tmux,
    db: PathBuf,
    launches: usize,
    notes: BTreeMap<String, NoteFate>,
    /// The token of the note whose Enter was the last key before a kill, if any.
    pending: Option<String>,
    next_note: usize,
    kills: usize,
}

impl Run {
    /// The demo database, the app started, the planned meeting started (all present).
    fn start(dir: &Path) -> Self {
        let db = tmux::demo_db(dir, "trial.db");
        let mut run = Self {
            t: Tmux::new(),
            db,
            launches: 0,
            notes: BTreeMap::new(),
            pending: None,
            next_note: 0,
            kills: 0,
        };
        run.launch();
        let s = run.session();
        run.t.wait_for(&s, "1 Comm");
        run.t.keys(&s, &["4"]);
        run.t.wait_for(&s, "planned");
        run.t.keys(&s, &["s"]);
        run.t.wait_for(&s, "Enter starts the meeting");
        run.t.keys(&s, &["Enter"]);
        run.t.wait_for(&s, "The meeting has started");
        run
    }

    fn session(&self) -> String {
        format!("app{}", self.launches)
    }

    fn launch(&mut self) {
        self.launches += 1;
        let db = self.db.to_str().expect("utf-8 path").to_string();
        self.t.start(&self.session(), &["--db", &db]);
    }

    fn keys(&self, keys: &[&str]) {
        self.t.keys(&self.session(), keys);
    }

    fn wait_for(&self, text: &str) -> String {
        self.t.wait_for(&self.session(), text)
    }

    /// Opens the note editor and types a new note; returns its token.
    fn type_note(&mut self, words: &str) -> String {
        self.next_note += 1;
        let token = format!("cn{:03}", self.next_note);
        self.keys(&["n"]);
        self.wait_for("Typing a note");
        self.t
            .type_text(&self.session(), &format!("{token} {words}"));
        self.wait_for(&token);
        self.notes.insert(token.clone(), NoteFate::OnlyTyped);
        token
    }

    /// Presses Enter on the note being typed (without waiting for the screen).
    fn submit_note(&mut self, token: &str) {
        self.keys(&["Enter"]);
        self.notes.insert(token.to_string(), NoteFate::Submitted);
        self.pending = Some(token.to_string());
    }

    /// `kill -9` now; then every check, a relaunch and a resume. `settled` says the
    /// screen had caught up with the last key, so it must agree with the store.
    fn kill_and_resume(&mut self, point: &str, settled: bool) {
        let s = self.session();
        assert_eq!(self.t.kill_9(&s), 128 + 9, "{point}: killed by SIGKILL");
        self.kills += 1;
        let last = self.t.screen(&s);
        self.t.close(&s);
        self.note_what_the_screen_confirmed(&last);
        self.pending = None;
        self.check_store(point, &last);

        // What the store holds, read by another process, as the next launch must show.
        let stored = tmux::stdout_on(&self.db, &["render", "live"]);
        let want = (tmux::now_item(&stored), tmux::speaker(&stored));
        if settled {
            // What the last frame shows (an overlay may hide a part) agrees with the store.
            let shown = (tmux::now_item(&last), tmux::speaker(&last));
            let agree = shown.0.as_ref().is_none_or(|x| Some(x) == want.0.as_ref())
                && shown.1.as_ref().is_none_or(|x| Some(x) == want.1.as_ref());
            assert!(
                agree && (shown.0.is_some() || last.contains("who does it")),
                "{point}: the screen before the kill showed {shown:?}, the store holds {want:?}\n{last}\n{stored}"
            );
        }

        self.launch();
        let s = self.session();
        let offer = self.t.wait_for(&s, "is still live");
        assert!(
            offer.contains("Resume it where it was?"),
            "{point}: resume offered\n{offer}"
        );
        self.keys(&["y"]);
        let back = self.t.wait_until(&s, "the resumed meeting", |screen| {
            let resumed = screen.contains("Resumed") || screen.contains("Back in the live meeting");
            let header = screen.contains("● LIVE") || screen.contains("⏸ PAUSED");
            (resumed && header).then(|| screen.to_string())
        });
        let got = (tmux::now_item(&back), tmux::speaker(&back));
        assert_eq!(
            got, want,
            "{point}: resumed at the stored item and speaker\n{back}"
        );
        assert_eq!(
            back.contains("⏸ PAUSED"),
            stored.contains("⏸ PAUSED"),
            "{point}: paused exactly when the store says so\n{back}"
        );
    }

    /// Marks notes as confirmed from the last frame: shown in the Notes panel, or the
    /// note just submitted with a "saved" status on screen.
    fn note_what_the_screen_confirmed(&mut self, last: &str) {
        for (token, fate) in self.notes.iter_mut() {
            let shown = last
                .lines()
                .any(|l| l.starts_with("│ ✓ ") && l.contains(token.as_str()));
            if shown {
                *fate = NoteFate::Confirmed;
            }
        }
        let status = tmux::status_line(last);
        if let Some(token) = &self.pending
            && status.contains("saved")
        {
            self.notes.insert(token.clone(), NoteFate::Confirmed);
        }
    }

    /// Integrity, and every note where its fate says it must (or must not) be.
    fn check_store(&self, point: &str, last: &str) {
        assert_eq!(tmux::integrity(&self.db), "ok", "{point}: integrity_check");
        for (token, fate) in &self.notes {
            let n = tmux::notes_with(&self.db, token);
            match fate {
                NoteFate::Confirmed => assert_eq!(
                    n, 1,
                    "{point}: note {token} was called saved on screen, so it is stored once\n{last}"
                ),
                NoteFate::OnlyTyped => assert_eq!(n, 0, "{point}: note {token} was never saved"),
                NoteFate::Submitted => assert!(n <= 1, "{point}: note {token} stored twice"),
            }
        }
        let live = tmux::count(
            &self.db,
            "SELECT count(*) FROM meeting WHERE status = ?1",
            "live",
        );
        assert_eq!(live, 1, "{point}: the meeting is still live");
        let speaking = tmux::count(
            &self.db,
            "SELECT count(*) FROM speaking_turn WHERE state = ?1",
            "speaking",
        );
        assert!(speaking <= 1, "{point}: {speaking} current speakers");
    }

    /// Waits until the speaker line names someone other than `not`.
    fn wait_for_speaker_change(&self, not: &Option<String>) -> String {
        self.t.wait_until(&self.session(), "another speaker", |s| {
            tmux::speaker(s).filter(|w| Some(w) != not.as_ref())
        })
    }

    fn current_speaker(&self) -> Option<String> {
        tmux::speaker(&self.t.screen(&self.session()))
    }

    fn confirmed(&self) -> usize {
        self.notes
            .values()
            .filter(|f| **f == NoteFate::Confirmed)
            .count()
    }
}

/// The eighteen kill points inside a live meeting, in one continuous run.
#[test]
fn a_meeting_killed_at_eighteen_points_loses_no_saved_note_and_resumes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let mut run = Run::start(dir.path());
    // 1. Right after the meeting started.
    run.kill_and_resume("1 just started", true);

    // 2. A round has just started.
    run.keys(&["Space"]);
    run.wait_for_speaker_change(&None);
    run.kill_and_resume("2 round started", true);

    // 3. Mid-note: typed, never saved.
    run.type_note("an unfinished thought about handovers");
    run.kill_and_resume("3 mid-note", true);

    // 4. Right after Enter on a note (no wait: it races the commit).
    let token = run.type_note("saved or not, never half");
    run.submit_note(&token);
    run.kill_and_resume("4 right after Enter", false);

    // 5. A note the screen called saved.
    let token = run.type_note("pressure ulcer audit on Tuesday");
    run.submit_note(&token);
    run.wait_for(&format!("{token} pressure"));
    run.wait_for("saved");
    run.kill_and_resume("5 note saved", true);

    // 6. During a turn change (Space, killed at once).
    run.keys(&["Space"]);
    run.kill_and_resume("6 turn change", false);

    // 7. Right after a pass, settled.
    let before = run.current_speaker();
    run.keys(&["p"]);
    run.wait_for_speaker_change(&before);
    run.kill_and_resume("7 after a pass", true);

    // 8. While the turn timer runs (two seconds on the speaker's clock).
    let who = run.current_speaker().expect("a speaker");
    run.wait_for(&format!("▶ {who}  0:02"));
    run.kill_and_resume("8 timer running", true);

    // 9. The raised-hand chooser open.
    run.keys(&["h"]);
    run.wait_for("Who raised a hand?");
    run.kill_and_resume("9 hand chooser", true);

    // 10. Right after a hand was raised.
    run.keys(&["h"]);
    run.wait_for("Who raised a hand?");
    run.keys(&["Down", "Enter"]);
    run.wait_for("speaks next");
    run.kill_and_resume("10 hand raised", true);

    // 11. During a change of agenda item.
    run.keys(&["]"]);
    run.kill_and_resume("11 item change", false);

    // 12. Paused.
    run.keys(&["z"]);
    run.wait_for("Paused");
    run.kill_and_resume("12 paused", true);

    // 13. Right after un-pausing (or pausing again, if the resume left it running).
    run.keys(&["z"]);
    run.kill_and_resume("13 pause toggled", false);

    // 14. The action form open: Enter saved the action at once (nothing typed is lost),
    // and the form for its owner and due date follows.
    let token = run.type_note("order new bed alarms");
    for _ in 0..7 {
        run.keys(&["Tab"]);
    }
    run.wait_for("kind: action");
    run.keys(&["Enter"]);
    run.wait_for("who does it");
    run.notes.insert(token.clone(), NoteFate::Confirmed);
    run.kill_and_resume("14 action form", true);

    // 15. Right after an action is saved (Ctrl-S, killed at once).
    let token = run.type_note("ask pharmacy for the night list");
    for _ in 0..7 {
        run.keys(&["Tab"]);
    }
    run.wait_for("kind: action");
    run.keys(&["Enter"]);
    run.wait_for("who does it");
    run.keys(&["C-s"]);
    run.notes.insert(token.clone(), NoteFate::Submitted);
    run.pending = Some(token);
    run.kill_and_resume("15 right after an action", false);

    // 16. Mid consent check: votes being typed.
    run.keys(&["c"]);
    run.wait_for("Consent check");
    // The topic is typed: nothing proposed on the item is offered (r9 trial F10).
    run.t.type_text(&run.session(), "Adopt the audit");
    run.wait_for("Adopt the audit");
    run.keys(&["C-s"]);
    run.wait_for("Ctrl-S records");
    run.keys(&["4"]);
    run.kill_and_resume("16 mid consent vote", true);

    // 17. At the quit question.
    run.keys(&["q"]);
    run.wait_for("Quit?");
    run.kill_and_resume("17 quit question", true);

    // 18. At the end-meeting question.
    run.keys(&["E"]);
    run.wait_for("now? It");
    run.kill_and_resume("18 end question", true);

    assert_eq!(run.kills, 18);
    assert!(run.confirmed() >= 1, "{:?}", run.notes);
    eprintln!(
        "crash trials: {} kills, {} notes confirmed, 0 lost, {:.1?}",
        run.kills,
        run.confirmed(),
        started.elapsed()
    );
    // The meeting still ends normally.
    run.keys(&["E"]);
    run.wait_for("now? It");
    run.keys(&["y"]);
    run.wait_for("The meeting has ended");
    run.keys(&["q"]);
    assert_eq!(run.t.wait_exit(&run.session()), 0);
    assert_eq!(tmux::integrity(&run.db), "ok");
}

// ---------------------------------------------------------------------------------------
// Killing the command-line writers mid-run (points 19 and 20).

/// Runs `roundtable --db DB args…` and kills it with SIGKILL after `after`; returns
/// whether it was still running then.
fn kill_cli_after(db: &Path, args: &[&str], after: Duration) -> bool {
    let mut child = Command::new(tmux::BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn roundtable");
    std::thread::sleep(after);
    let running = child.try_wait().expect("poll the child").is_none();
    let _ = child.kill();
    let _ = child.wait();
    running
}

/// How long `roundtable args…` takes when left alone (on a copy, which it consumes).
fn timed(db: &Path, args: &[&str]) -> Duration {
    let t = Instant::now();
    let out = tmux::run_on(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    t.elapsed()
}

/// A dump with one community and `n` members, each with notes, big enough that an
/// import takes a while.
fn big_dump(n: usize) -> String {
    let mut members = Vec::new();
    let mut notes = Vec::new();
    for i in 1..=n {
        members.push(serde_json::json!({
            "id": i, "community_id": 1, "name": format!("Member {i:05}"),
            "role": "nurse", "brings": "x".repeat(200), "created_at": "2025-01-01T00:00:00.000Z"
        }));
        notes.push(serde_json::json!({
            "id": i, "meeting_id": 1, "member_id": i, "kind": "note",
            "body": format!("note {i} {}", "words ".repeat(40)),
            "created_at": "2025-01-02T18:00:00.000Z", "updated_at": "2025-01-02T18:00:00.000Z"
        }));
    }
    let dump = serde_json::json!({
        "format_version": 1,
        "schema_version": roundtable::store::schema_version(),
        "tables": {
            "community": [{"id": 1, "name": "Big", "created_at": "2025-01-01T00:00:00.000Z"}],
            "member": members,
            "meeting": [{"id": 1, "community_id": 1, "title": "M", "scheduled_at": "2025-01-02T18:00:00.000Z",
                         "planned_minutes": 60, "status": "ended", "created_at": "2025-01-01T00:00:00.000Z"}],
            "note": notes,
        }
    });
    dump.to_string()
}

#[test]
fn import_json_killed_midway_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dump = dir.path().join("big.json");
    std::fs::write(&dump, big_dump(3000)).expect("write the dump");
    let dump_s = dump.to_str().expect("utf-8 path");
    let full = timed(&dir.path().join("timing.db"), &["import", "json", dump_s]);
    let mut killed_running = 0;
    for (i, fraction) in [0.35, 0.7].into_iter().enumerate() {
        let db = dir.path().join(format!("killed{i}.db"));
        if kill_cli_after(&db, &["import", "json", dump_s], full.mul_f64(fraction)) {
            killed_running += 1;
        }
        // All or nothing: no data, or all of it; and the file is sound.
        let has_data = db.exists()
            && std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0) > 0
            && tmux::count(&db, "SELECT count(*) FROM member WHERE ?1 = ?1", "") > 0;
        if db.exists() && std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0) > 0 {
            assert_eq!(tmux::integrity(&db), "ok", "import killed at {fraction}");
        }
        eprintln!(
            "import json killed at {fraction} of {full:?}: running {}, data {has_data}",
            killed_running > 0
        );
        if has_data {
            assert_eq!(
                tmux::count(&db, "SELECT count(*) FROM member WHERE ?1 = ?1", ""),
                3000
            );
            assert_eq!(
                tmux::count(&db, "SELECT count(*) FROM note WHERE ?1 = ?1", ""),
                3000
            );
        } else {
            // Nothing was imported: importing again works.
            let out = tmux::stdout_on(&db, &["import", "json", dump_s]);
            assert!(out.contains("3000 members"), "{out}");
            assert_eq!(tmux::integrity(&db), "ok");
        }
    }
    assert!(
        killed_running > 0,
        "at least one kill landed while the import ran (full run {full:?})"
    );
}

#[test]
fn roster_import_killed_midway_adds_everyone_or_nobody() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut csv = String::from("name,role,brings\n");
    for i in 0..6000 {
        csv.push_str(&format!("Person {i:05},nurse,{}\n", "y".repeat(150)));
    }
    let file = dir.path().join("roster.csv");
    std::fs::write(&file, csv).expect("write the CSV");
    let file_s = file.to_str().expect("utf-8 path");
    let args = [
        "roster",
        "import",
        file_s,
        "--community",
        "Ward 7 Nursing Practice Circle",
    ];
    let full = timed(&tmux::demo_db(dir.path(), "timing.db"), &args);
    let mut killed_running = 0;
    for (i, fraction) in [0.35, 0.7].into_iter().enumerate() {
        let db = tmux::demo_db(dir.path(), &format!("killed{i}.db"));
        let before = tmux::count(&db, "SELECT count(*) FROM member WHERE ?1 = ?1", "");
        if kill_cli_after(&db, &args, full.mul_f64(fraction)) {
            killed_running += 1;
        }
        assert_eq!(
            tmux::integrity(&db),
            "ok",
            "roster import killed at {fraction}"
        );
        let after = tmux::count(&db, "SELECT count(*) FROM member WHERE ?1 = ?1", "");
        eprintln!("roster import killed at {fraction} of {full:?}: {before} → {after}");
        assert!(
            after == before || after == before + 6000,
            "everyone or nobody: {before} → {after}"
        );
        if after == before {
            let out = tmux::stdout_on(&db, &args);
            assert!(out.contains("added 6000 members"), "{out}");
        }
    }
    assert!(
        killed_running > 0,
        "at least one kill landed while the roster import ran (full run {full:?})"
    );
}

// ---------------------------------------------------------------------------------------
// The soak: random kill points, many trials (ignored in `cargo test`; scripts/soak.sh).

/// How a random step left the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum After {
    /// The screen caught up with the keys.
    Settled,
    /// Keys were sent; the screen may lag behind.
    Racing,
    /// Something is open (a note being typed, a chooser): the kill comes now.
    Open,
}

/// One random step of a meeting.
fn random_step(run: &mut Run, rng: &mut fastrand::Rng) -> After {
    use After::*;
    let s = run.session();
    match rng.u8(0..12) {
        0 | 1 => {
            let before = run.current_speaker();
            run.keys(&["Space"]);
            if rng.bool() && before.is_some() {
                // A round may also have just ended: wait for any change of the line.
                run.t.wait_until(&s, "the next turn", |screen| {
                    (tmux::speaker(screen) != before).then_some(())
                });
                return Settled;
            }
            Racing
        }
        2 => {
            run.keys(&["p"]);
            Racing
        }
        3..=5 => {
            let token = run.type_note("soak note about the ward");
            if rng.u8(0..4) == 0 {
                return Open; // killed mid-typing
            }
            if rng.bool() {
                run.keys(&["M-Enter"]);
                run.t.type_text(&s, "second line");
            }
            run.submit_note(&token);
            if rng.bool() {
                run.wait_for(&format!("{token} soak"));
                return Settled;
            }
            Racing
        }
        6 => {
            run.keys(&[if rng.u8(0..3) == 0 { "[" } else { "]" }]);
            Racing
        }
        7 => {
            run.keys(&["z"]);
            Racing
        }
        8 => {
            run.keys(&["h"]);
            if rng.bool() {
                return Open; // the chooser may be open
            }
            run.wait_for("Who raised a hand?");
            run.keys(&["Down", "Enter"]);
            Racing
        }
        9 => {
            run.keys(&["b"]);
            Racing
        }
        10 => {
            // Let the clocks run a little (a heartbeat may fall due).
            std::thread::sleep(Duration::from_millis(rng.u64(200..1500)));
            Settled
        }
        _ => {
            run.keys(&["r"]);
            Racing
        }
    }
}

/// Kills a `roster import` into the meeting's database (the app is down) at a random
/// moment: everyone or nobody is added, and the file stays sound.
fn killed_roster_import(run: &Run, trial: usize, rng: &mut fastrand::Rng, full: Duration) {
    let mut csv = String::from("name,role\n");
    for i in 0..800 {
        csv.push_str(&format!("Soak {trial} Person {i:04},visitor\n"));
    }
    let file = run.db.with_extension(format!("{trial}.csv"));
    std::fs::write(&file, csv).expect("write the CSV");
    let args = [
        "roster",
        "import",
        file.to_str().expect("utf-8 path"),
        "--community",
        "Ward 7 Nursing Practice Circle",
    ];
    let count = || tmux::count(&run.db, "SELECT count(*) FROM member WHERE ?1 = ?1", "");
    let before = count();
    kill_cli_after(&run.db, &args, full.mul_f64(rng.f64()));
    assert_eq!(
        tmux::integrity(&run.db),
        "ok",
        "trial {trial}: roster import"
    );
    let after = count();
    assert!(
        after == before || after == before + 800,
        "trial {trial}: everyone or nobody ({before} → {after})"
    );
}

/// `ROUNDTABLE_SOAK_TRIALS` (default 200) random kills; `ROUNDTABLE_SOAK_SEED` repeats
/// a run. Prints trials, notes confirmed, notes lost (always 0, or it fails) and time.
#[test]
#[ignore = "the 200-trial soak takes minutes: scripts/soak.sh runs it"]
fn soak_random_kill_points() {
    let trials: usize = std::env::var("ROUNDTABLE_SOAK_TRIALS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let seed: u64 = std::env::var("ROUNDTABLE_SOAK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| fastrand::u64(..));
    eprintln!("soak: {trials} trials, seed {seed}");
    let mut rng = fastrand::Rng::with_seed(seed);
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let mut run = Run::start(dir.path());
    let roster_full = {
        let db = tmux::demo_db(dir.path(), "timing.db");
        let mut csv = String::from("name,role\n");
        for i in 0..800 {
            csv.push_str(&format!("Timing Person {i:04},visitor\n"));
        }
        let file = dir.path().join("timing.csv");
        std::fs::write(&file, csv).expect("write the CSV");
        let file = file.to_str().expect("utf-8 path").to_string();
        timed(
            &db,
            &[
                "roster",
                "import",
                &file,
                "--community",
                "Ward 7 Nursing Practice Circle",
            ],
        )
    };
    let mut settled_kills = 0;
    let mut imports = 0;
    for trial in 1..=trials {
        let steps = rng.usize(1..4);
        let mut after = After::Settled;
        for _ in 0..steps {
            after = random_step(&mut run, &mut rng);
            if after == After::Open {
                break;
            }
        }
        let settled = after == After::Settled;
        if !settled {
            std::thread::sleep(Duration::from_millis(rng.u64(0..300)));
        }
        settled_kills += usize::from(settled);
        let point = format!("soak trial {trial} (seed {seed})");
        if trial % 10 == 0 {
            // Between the kill and the relaunch, a roster import is killed too.
            let s = run.session();
            assert_eq!(run.t.kill_9(&s), 128 + 9);
            let last = run.t.screen(&s);
            run.t.close(&s);
            run.note_what_the_screen_confirmed(&last);
            run.pending = None;
            run.check_store(&point, &last);
            killed_roster_import(&run, trial, &mut rng, roster_full);
            imports += 1;
            run.check_store(&point, &last);
            run.launch();
            let s = run.session();
            run.t.wait_for(&s, "is still live");
            run.keys(&["y"]);
            run.t.wait_for(&s, "live meeting");
            run.kills += 1;
        } else {
            run.kill_and_resume(&point, settled);
        }
    }
    let submitted = run
        .notes
        .values()
        .filter(|f| **f != NoteFate::OnlyTyped)
        .count();
    eprintln!(
        "soak result: {} trials ({} settled, {} with a killed roster import), {} kills, \
         {} notes submitted, {} confirmed on screen, 0 lost, {:.1?}, seed {seed}",
        trials,
        settled_kills,
        imports,
        run.kills,
        submitted,
        run.confirmed(),
        started.elapsed()
    );
}
