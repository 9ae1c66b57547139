//! `roundtable backup FILE` and `roundtable check`: a consistent copy of the database
//! while the app may be running, and whether the file is sound (never repaired).

use super::say;
use crate::store::{backup, check};
use anyhow::{Result, bail};
use std::path::Path;

/// Backs the database up into the new file `target`.
pub fn backup(db: &Path, target: &Path) -> Result<()> {
    let done = backup::backup(db, target)?;
    say(&format!(
        "backed up {} to {} ({} KiB)",
        db.display(),
        done.path.display(),
        done.bytes.div_ceil(1024)
    ));
    if let Some(damage) = &done.damage {
        say(&format!(
            "{} is damaged ({damage}), and the copy carries the same damage: keep both as \
             they are, and go on from your latest sound backup",
            db.display()
        ));
    }
    Ok(())
}

/// Prints what `check` found; fails (exit 1) on any problem.
pub fn check(db: &Path) -> Result<()> {
    let report = check::check(db);
    say(&format!("checked {}", db.display()));
    if let Some(v) = report.schema_version {
        say(&format!(
            "schema version: {v} (this Roundtable writes {})",
            crate::store::schema_version()
        ));
    }
    for note in &report.notes {
        say(&format!("note: {note}"));
    }
    if !report.counts.is_empty() {
        say("rows per table:");
        for (table, n) in &report.counts {
            say(&format!("  {table:<16} {n:>10}"));
        }
    }
    let Some(next) = report.next_step(db) else {
        say("integrity: ok");
        return Ok(());
    };
    for p in report.problems.iter().chain(&report.rebuildable) {
        say(&format!("problem: {p}"));
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
