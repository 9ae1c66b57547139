//! `roundtable backup FILE` and `roundtable check`: a consistent copy of the database
//! while the app may be running, and whether the file is sound (never repaired).

use super::say;
use crate::store::{backup, check};
use anyhow::{Result, bail};
use std::path::Path;

/// Backs the database up into the new file `target`.
pub fn backup(db: &Path, target: &Path) -> Result<()> {
    let done = backup::backup(db, target)?;
    if done.byte_for_byte {
        let reason = done.damage.as_deref().unwrap_or("SQLite cannot read it");
        let wal = crate::fsutil::with_suffix(&done.path, "-wal");
        let with_wal = match wal.exists() {
            true => format!(", and its -wal to {}", wal.display()),
            false => String::new(),
        };
        return say(&format!(
            "{} is damaged ({reason}); copied it byte for byte to {} ({} KiB){with_wal}: \
             the copy carries the same damage. Keep both as they are, and go on from your \
             latest sound backup",
            db.display(),
            done.path.display(),
            done.bytes.div_ceil(1024)
        ));
    }
    say(&format!(
        "backed up {} to {} ({} KiB)",
        db.display(),
        done.path.display(),
        done.bytes.div_ceil(1024)
    ))?;
    if let Some(damage) = &done.damage {
        say(&format!(
            "{} is damaged ({damage}), and the copy carries the same damage: keep both as \
             they are, and go on from your latest sound backup",
            db.display()
        ))?;
    }
    Ok(())
}

/// Prints what `check` found; fails (exit 1) on any problem. On a terminal, stderr shows
/// which step runs and for how long (the whole check of a large file takes a while);
/// elsewhere (a script, a pipe) nothing is added.
pub fn check(db: &Path) -> Result<()> {
    use std::io::IsTerminal;
    // Nothing there: nothing to check, and no damage to advise on.
    if std::fs::symlink_metadata(db).is_err() {
        bail!("{}", crate::store::OpenError::Missing(db.into()));
    }
    let report = if std::io::stderr().is_terminal() {
        check_showing_progress(db)
    } else {
        check::check(db)
    };
    say(&format!("checked {}", db.display()))?;
    if let Some(v) = report.schema_version {
        say(&format!(
            "schema version: {v} (this Roundtable writes {})",
            crate::store::schema_version()
        ))?;
    }
    for note in &report.notes {
        say(&format!("note: {note}"))?;
    }
    if !report.counts.is_empty() {
        say("rows per table:")?;
        for (table, n) in &report.counts {
            say(&format!("  {table:<16} {n:>10}"))?;
        }
    }
    let Some(next) = report.next_step(db) else {
        say("integrity: ok")?;
        return Ok(());
    };
    for p in report.problems.iter().chain(&report.rebuildable) {
        say(&format!("problem: {p}"))?;
    }
    let n = report.problems.len() + report.rebuildable.len();
    bail!(
        "{} has {n} problem{}; it was not changed. Next: {next}",
        db.display(),
        if n == 1 { "" } else { "s" },
    )
}

/// `export json` without `--redact`: streamed row by row to `--out` (a new owner-only
/// file, see `write_file`) or to a pipe, so memory stays flat whatever the size. A
/// terminal gets the in-memory path, through the sanitiser.
pub fn export_json(db: &Path, out: &super::OutArgs) -> Result<()> {
    use std::io::{IsTerminal, Write};
    let store = crate::store::Store::open_read_only(db)?;
    let dump = crate::store::dump::export_to;
    match &out.out {
        Some(path) => super::write_file(db, path, out.force, |f| dump(&store, f)),
        None if !std::io::stdout().is_terminal() => {
            let mut stdout = std::io::stdout().lock();
            dump(&store, &mut stdout)?;
            stdout.flush()?;
            Ok(())
        }
        None => super::print_out(crate::store::dump::export(&store)?.as_bytes()),
    }
}

/// [`check::check`] with a line of progress on stderr, redrawn in place (as the large
/// demo's generator draws its own) by a thread while the check runs, then cleared.
fn check_showing_progress(db: &Path) -> check::CheckReport {
    let (steps, seen) = std::sync::mpsc::channel();
    std::thread::scope(|s| {
        s.spawn(move || show_progress(&mut std::io::stderr(), &seen, TICK));
        let report = check::check_with(db, &mut |step| {
            let _ = steps.send(step);
        });
        // The thread clears the line and ends once nothing can send.
        drop(steps);
        report
    })
}

/// How often the elapsed time is redrawn.
const TICK: std::time::Duration = std::time::Duration::from_millis(250);

/// Draws the line of progress into `out` at each step received and every `tick`, until
/// the sender is dropped; then blanks it, leaving the cursor where the line began.
fn show_progress(
    out: &mut impl std::io::Write,
    steps: &std::sync::mpsc::Receiver<check::Step>,
    tick: std::time::Duration,
) {
    use std::sync::mpsc::RecvTimeoutError;
    let started = std::time::Instant::now();
    let mut step = None;
    let mut width: usize = 0;
    loop {
        match steps.recv_timeout(tick) {
            Ok(next) => step = Some(next),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        if let Some(step) = step {
            let line = progress_line(step, started.elapsed());
            // Spaces over what a longer line before left.
            let pad = width.saturating_sub(line.chars().count());
            let _ = write!(out, "\r{line}{}", " ".repeat(pad));
            let _ = out.flush();
            width = width.max(line.chars().count());
        }
    }
    if width > 0 {
        let _ = write!(out, "\r{}\r", " ".repeat(width));
        let _ = out.flush();
    }
}

/// "checking 1/4: every page and index, and the search index · 12 s"
fn progress_line(step: check::Step, elapsed: std::time::Duration) -> String {
    format!(
        "checking {}/{}: {} · {} s",
        step.number(),
        check::Step::COUNT,
        step.label(),
        elapsed.as_secs()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::check::Step;
    use std::time::Duration;

    #[test]
    fn the_progress_line_names_the_step_and_the_time() {
        let line = progress_line(Step::ForeignKeys, Duration::from_millis(12_400));
        assert_eq!(line, "checking 2/4: references between rows · 12 s");
        assert!(
            progress_line(Step::Integrity, Duration::ZERO)
                .chars()
                .count()
                < 80
        );
    }

    /// Each step is drawn over the last, in place, and the line is blanked at the end.
    #[test]
    fn progress_is_drawn_in_place_and_cleared() {
        let (tx, rx) = std::sync::mpsc::channel();
        for step in [
            Step::Integrity,
            Step::ForeignKeys,
            Step::Counts,
            Step::Derived,
        ] {
            tx.send(step).unwrap();
        }
        drop(tx);
        let mut out = Vec::new();
        show_progress(&mut out, &rx, Duration::from_secs(60));
        let out = String::from_utf8(out).unwrap();
        let drawn: Vec<&str> = out.split('\r').filter(|s| !s.trim().is_empty()).collect();
        assert_eq!(drawn.len(), 4, "{out:?}");
        assert!(drawn[0].starts_with("checking 1/4: every page"), "{out:?}");
        assert!(
            drawn[3].starts_with("checking 4/4: the meetings"),
            "{out:?}"
        );
        assert!(!out.contains('\n'), "{out:?}");
        // The last draw is blanked, and the cursor is left at the line's start.
        let blank = out.rsplit('\r').nth(1).unwrap();
        let chars = |s: &str| s.chars().count();
        assert!(blank.chars().all(|c| c == ' ') && chars(blank) >= chars(drawn[0]));
        assert!(out.ends_with('\r'));
        // A shorter line is padded over the longer one before it.
        assert!(chars(drawn[1]) >= chars(drawn[0]), "{out:?}");
    }
}
