//! `roundtable check`: whether a database file is sound, read-only and never repaired —
//! SQLite's full `integrity_check`, the foreign keys, whose file it is, its schema
//! version, and how many rows each table holds.

use super::{OpenError, file};
use rusqlite::Connection;
use std::path::Path;

/// What `check` found. Any entry in `problems` means the file should not be trusted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// The file's schema version, when it could be read.
    pub schema_version: Option<i64>,
    /// Rows per table, in name order.
    pub counts: Vec<(String, i64)>,
    /// Everything wrong, one line each; empty when the file is sound.
    pub problems: Vec<String>,
    /// Things worth knowing that are not problems (an older schema, say).
    pub notes: Vec<String>,
    /// Derived data (kept by triggers) that differs from the rows it is derived from: the
    /// rows themselves are sound, and `export json` then `import json` rebuilds it.
    pub rebuildable: Vec<String>,
}

impl CheckReport {
    /// What to do next, when anything was found: a damaged file is kept as it is and
    /// replaced from a backup ([`damaged_next_step`]); derived data that drifted is
    /// rebuilt from the sound rows, and no backup is needed.
    pub fn next_step(&self, db: &Path) -> Option<String> {
        if !self.problems.is_empty() {
            Some(damaged_next_step(db))
        } else if !self.rebuildable.is_empty() {
            Some(format!(
                "the rows are sound: rebuild the counts with `roundtable --db {} export json \
                 --out ALL.json`, then `roundtable --db NEW.db import json ALL.json` and go on \
                 with NEW.db",
                shell_word(db)
            ))
        } else {
            None
        }
    }
}

/// `path` as one word a shell reads back as it is: quoted unless every character is
/// plainly safe.
fn shell_word(path: &Path) -> String {
    let s = path.display().to_string();
    let plain = !s.is_empty()
        && s.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | '+' | ',' | ':' | '@')
        });
    if plain {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// What to do about a damaged file, said wherever one is refused (`check`, the app and
/// every command): keep it as it is (`backup` copies a damaged file, page for page),
/// then go on from a sound backup. Nothing reads past the damage, so no export is offered.
pub fn damaged_next_step(db: &Path) -> String {
    format!(
        "keep a copy of it as it is first (`roundtable --db {} backup COPY.db`; the copy \
         carries the same damage), then go on from your latest sound backup \
         (`roundtable --db BACKUP.db`)",
        shell_word(db)
    )
}

/// At most this many lines of `integrity_check` are reported.
const MAX_PROBLEMS: usize = 50;

/// The steps of a check, in the order [`check_with`] takes them (for a line of progress:
/// on a large file the first takes most of the time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// SQLite's `integrity_check`: every page, every index, and the search index
    /// against its entries.
    Integrity,
    /// `foreign_key_check`.
    ForeignKeys,
    /// Rows per table.
    Counts,
    /// The derived tables against their rows.
    Derived,
}

impl Step {
    /// How many steps a check takes.
    pub const COUNT: usize = 4;

    /// Its place among the steps, from 1.
    pub fn number(self) -> usize {
        self as usize + 1
    }

    /// What it checks, in a few words.
    pub fn label(self) -> &'static str {
        match self {
            Step::Integrity => "every page and index, and the search index",
            Step::ForeignKeys => "references between rows",
            Step::Counts => "rows per table",
            Step::Derived => "the meetings' kept counts",
        }
    }
}

/// Checks the database at `path` without writing to it.
pub fn check(path: &Path) -> CheckReport {
    check_with(path, &mut |_| {})
}

/// [`check`], calling `step` as each step begins.
pub fn check_with(path: &Path, step: &mut dyn FnMut(Step)) -> CheckReport {
    let mut report = CheckReport::default();
    if let Err(e) = file::check_header(path) {
        report.problems.push(e.to_string());
        return report;
    }
    if let Err(e) = check_open(path, &mut report, step) {
        let reason = match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => {
                OpenError::NotSqlite(path.into()).to_string()
            }
            _ => format!("{} is damaged and cannot be read ({e})", path.display()),
        };
        report.problems.push(reason);
    }
    report
}

fn check_open(
    path: &Path,
    report: &mut CheckReport,
    step: &mut dyn FnMut(Step),
) -> rusqlite::Result<()> {
    let (target, flags) = file::read_only_target(path);
    let conn = Connection::open_with_flags(target, flags)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    match file::owner(&conn)? {
        file::Owner::Foreign => {
            report
                .problems
                .push(OpenError::NotOurs(path.into()).to_string());
            return Ok(());
        }
        file::Owner::Empty => {
            report.problems.push(format!(
                "{} holds no Roundtable data (an empty database)",
                path.display()
            ));
            return Ok(());
        }
        file::Owner::Ours => {}
    }
    let version = super::user_version(&conn)?;
    report.schema_version = Some(version);
    let known = super::schema_version();
    if version > known {
        report.problems.push(format!(
            "schema version {version} is newer than this Roundtable knows ({known}); upgrade Roundtable"
        ));
    } else if version < known {
        report.notes.push(format!(
            "schema version {version} is older than this Roundtable's ({known}); it is upgraded when the app next opens it"
        ));
    }
    step(Step::Integrity);
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for line in lines.take(MAX_PROBLEMS) {
        let line = line?;
        if line != "ok" {
            report.problems.push(format!("integrity: {line}"));
        }
    }
    step(Step::ForeignKeys);
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let bad = stmt.query_map([], |r| {
        Ok(format!(
            "table {} row {} refers to a missing {} row",
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
            r.get::<_, String>(2)?
        ))
    })?;
    for line in bad.take(MAX_PROBLEMS) {
        report.problems.push(line?);
    }
    step(Step::Counts);
    for table in super::dump::schema_tables(&conn)? {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
            r.get(0)
        })?;
        report.counts.push((table, n));
    }
    step(Step::Derived);
    check_tally(&conn, report)
}

/// Reports the meetings whose kept counts (`meeting_tally`, migration 0013) differ from
/// what their rows say (the view `meeting_tally_src`); nothing on a file made before the
/// table existed.
fn check_tally(conn: &Connection, report: &mut CheckReport) -> rusqlite::Result<()> {
    let has: bool = conn.query_row(
        "SELECT count(*) = 2 FROM sqlite_schema
         WHERE name IN ('meeting_tally', 'meeting_tally_src')",
        [],
        |r| r.get(0),
    )?;
    if !has {
        return Ok(());
    }
    let off: i64 = conn.query_row(
        "SELECT count(*) FROM meeting_tally_src s LEFT JOIN meeting_tally t USING (meeting_id)
         WHERE (t.agenda_items, t.present, t.notes, t.actions)
               IS NOT (s.agenda_items, s.present, s.notes, s.actions)",
        [],
        |r| r.get(0),
    )?;
    let stray: i64 = conn.query_row(
        "SELECT count(*) FROM meeting_tally WHERE meeting_id NOT IN (SELECT id FROM meeting)",
        [],
        |r| r.get(0),
    )?;
    if off + stray > 0 {
        report.rebuildable.push(format!(
            "the meetings' counts (meeting_tally) differ from their rows for {} meeting(s) \
             (a bug in Roundtable; the rows themselves are sound)",
            off + stray
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The advice's command can be copied as it is: a path with a space or a quote is one
    /// shell word.
    #[test]
    fn the_next_step_quotes_the_path_for_the_shell() {
        let step = damaged_next_step(Path::new("/home/ana/my notes/rt.db"));
        assert!(
            step.contains("`roundtable --db '/home/ana/my notes/rt.db' backup COPY.db`"),
            "{step}"
        );
        let step = damaged_next_step(Path::new("/home/ana/Ana's/rt.db"));
        assert!(
            step.contains(r"--db '/home/ana/Ana'\''s/rt.db' backup"),
            "{step}"
        );
        let step = damaged_next_step(Path::new("/home/ana/rt.db"));
        assert!(step.contains("--db /home/ana/rt.db backup"), "{step}");
    }
}
