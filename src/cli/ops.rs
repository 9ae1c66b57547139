//! `roundtable backup FILE` and `roundtable check`: a consistent copy of the database
//! while the app may be running, and whether the file is sound (never repaired).

use super::say;
use crate::store::{backup, check};
use anyhow::{Context, Result, bail};
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
    if report.problems.is_empty() {
        say("integrity: ok");
        return Ok(());
    }
    for p in &report.problems {
        say(&format!("problem: {p}"));
    }
    let n = report.problems.len();
    bail!(
        "{} has {n} problem{}; it was not changed (restore a backup, or export what can be read)",
        db.display(),
        if n == 1 { "" } else { "s" }
    )
}

/// `export json` without `--redact`: streamed row by row to a file (an owner-only
/// temporary file renamed into place) or to a pipe, so memory stays flat whatever the
/// size. A terminal, a symlink or a device gets the in-memory path, which sanitises or
/// follows them as `write_out` does.
pub fn export_json(db: &Path, out: Option<&Path>) -> Result<()> {
    use std::io::{IsTerminal, Write};
    let store = crate::store::Store::open_read_only(db)?;
    let dump = crate::store::dump::export_to;
    match out {
        None if !std::io::stdout().is_terminal() => {
            let mut stdout = std::io::stdout().lock();
            dump(&store, &mut stdout)?;
            stdout.flush()?;
            Ok(())
        }
        Some(path) if streamable(path) => {
            if crate::fsutil::is_database_or_companion(path, db) {
                bail!(
                    "--out {} is the database (or one of its files); choose another file",
                    path.display()
                );
            }
            stream_to_file(path, |f| dump(&store, f))
                .with_context(|| format!("cannot write {}", path.display()))
        }
        _ => {
            let json = crate::store::dump::export(&store)?;
            super::write_out(db, out, json.as_bytes())
        }
    }
}

/// A path that is a regular file or nothing yet (not a symlink, folder or device).
fn streamable(path: &Path) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(m) => m.is_file(),
        Err(_) => true,
    }
}

/// Writes through `fill` into a new owner-only file beside `path`, synced and renamed
/// over it: readers see the old file or the whole new one.
fn stream_to_file(
    path: &Path,
    fill: impl FnOnce(&mut dyn std::io::Write) -> Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .context("the output needs a file name")?
        .to_string_lossy()
        .into_owned();
    let (tmp, mut file) = crate::fsutil::create_temp(&dir, &name)?;
    let result = (|| {
        fill(&mut file)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
