//! Whether the database file can be trusted: a check when it is opened whose cost does
//! not grow with the history (so a damaged file is refused before anything reads or
//! writes it, and ten years open as fast as one), and, before every commit, that the
//! file at the path is still the one that was opened (a file deleted or replaced under a
//! running app would otherwise take "saved" changes with it). The full checks
//! (`integrity_check`, SQLite's `quick_check` of every page) run in `roundtable check`,
//! on a backup, and in tests; the trade-off is in docs/RELIABILITY.md.

use super::{Result, StoreError};
use rusqlite::Connection;
use std::io::Read;
use std::path::Path;

/// The first problem `PRAGMA quick_check` finds, or `None` when the file is sound. It
/// reads every page once, and every full-text index entry: seconds on a large file, so
/// it checks a backup, never an open (see [`open_check`]).
pub(super) fn quick_check(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let first: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
    Ok((first != "ok").then_some(first))
}

/// Tables that grow with the history (meetings and everything said in them). At open
/// only the two edges of each are read (its root page and the first and last leaf,
/// where a torn or truncated write shows); every other table, small whatever the
/// history, is checked whole by `quick_check(table)`. A table added later is checked
/// whole until it is listed here. Full-text tables and their shadows are left to
/// `roundtable check`.
pub const HISTORY_TABLES: &[&str] = &[
    "meeting",
    "meeting_pause",
    "agenda_item",
    "attendance",
    "speaking_turn",
    "note",
    "consent_check",
    "consent_vote",
    "action_item",
    "action_update",
    "item_visit",
    "floor_span",
    "cycle",
    "cycle_goal",
    "cycle_phase",
    "improvement",
    "icebreaker_use",
    "meeting_tally",
];

/// The check run on every open, before anything reads or writes, after
/// [`header_problem`] found the file's header sound: the schema readable with every root
/// page inside the file, every small table and its indexes by `quick_check(table)`, and
/// the edges of the history tables. Its cost depends on the schema and the small tables,
/// not on the number of meetings or notes. Returns the first problem found, or `None`.
pub(super) fn open_check(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    // The schema's own pages first (page 1 and what follows it).
    let mut tables = vec![("sqlite_schema".to_string(), true)];
    let mut virtuals = Vec::new();
    {
        let mut stmt = conn.prepare("SELECT type, name, rootpage, sql FROM sqlite_schema")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let kind: String = r.get(0)?;
            let name: String = r.get(1)?;
            let root: Option<i64> = r.get(2)?;
            let sql: Option<String> = r.get(3)?;
            let is_virtual = sql
                .as_deref()
                .is_some_and(|s| s.to_ascii_uppercase().starts_with("CREATE VIRTUAL"));
            if is_virtual {
                virtuals.push(name);
                continue;
            }
            let root = root.unwrap_or(0);
            if matches!(kind.as_str(), "table" | "index") && !(1..=pages).contains(&root) {
                return Ok(Some(format!(
                    "{kind} {name} starts at page {root}, outside the file's {pages} pages"
                )));
            }
            if kind == "table" {
                let rowid = !sql
                    .as_deref()
                    .is_some_and(|s| s.to_ascii_uppercase().contains("WITHOUT ROWID"));
                tables.push((name, rowid));
            }
        }
    }
    conn.pragma_update(None, "cell_size_check", "ON")?;
    let out = check_tables(conn, &tables, &virtuals);
    conn.pragma_update(None, "cell_size_check", "OFF")?;
    out
}

fn check_tables(
    conn: &Connection,
    tables: &[(String, bool)],
    virtuals: &[String],
) -> rusqlite::Result<Option<String>> {
    let shadow = |t: &str| {
        virtuals.iter().any(|v| {
            t.strip_prefix(v.as_str())
                .is_some_and(|rest| rest.starts_with('_'))
        })
    };
    for (t, rowid) in tables {
        let quoted = format!("\"{}\"", t.replace('"', "\"\""));
        if HISTORY_TABLES.contains(&t.as_str()) || shadow(t) {
            // The root page and the leftmost and rightmost paths down to a leaf: every
            // page on them is parsed (and, with `cell_size_check`, its cells) on load.
            // (A table without rowid, a full-text shadow, is read at its first row.)
            let sql = match rowid {
                true => format!(
                    "SELECT (SELECT min(rowid) FROM {quoted}), (SELECT max(rowid) FROM {quoted})"
                ),
                false => format!("SELECT count(*) FROM (SELECT 1 FROM {quoted} LIMIT 1)"),
            };
            conn.query_row(&sql, [], |_| Ok(()))?;
            continue;
        }
        let first: String =
            conn.query_row(&format!("PRAGMA quick_check({quoted})"), [], |r| r.get(0))?;
        if first != "ok" {
            return Ok(Some(first));
        }
    }
    Ok(None)
}

/// What is wrong with the file's 100-byte header, read from disk: SQLite's fixed
/// fields, a size that is not whole pages, or fewer pages than the header says the
/// database has (a truncated file: SQLite would read the missing pages as zeros). The
/// size is compared only while no write-ahead log holds pages, as a checkpoint cut
/// short by a crash may leave the file shorter until the log is replayed.
///
/// Call it only while no connection of this process has the file open: it opens the
/// file and closes it, and on Unix closing any descriptor of a file drops every lock the
/// process holds on it, SQLite's included.
pub(super) fn header_problem(path: &Path) -> Option<String> {
    let mut head = [0u8; 100];
    let mut f = std::fs::File::open(path).ok()?;
    let len = f.metadata().ok()?.len();
    if len == 0 {
        return None;
    }
    if f.read_exact(&mut head).is_err() {
        return Some(format!(
            "the file is {len} bytes, shorter than SQLite's header"
        ));
    }
    let be32 = |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let page_size = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    if !(512..=65_536).contains(&page_size) || !page_size.is_power_of_two() {
        return Some(format!(
            "its header gives an impossible page size ({page_size})"
        ));
    }
    if !(1..=2).contains(&head[18]) || !(1..=2).contains(&head[19]) || head[21..24] != [64, 32, 32]
    {
        return Some("its header's format fields are damaged".into());
    }
    if len % page_size != 0 {
        return Some(format!(
            "the file is {len} bytes, not a whole number of {page_size}-byte pages"
        ));
    }
    let on_disk = len / page_size;
    let said = u64::from(be32(28));
    let said_valid = said != 0 && be32(24) == be32(92);
    let pages = if said_valid { said } else { on_disk };
    let wal_holds_pages = crate::fsutil::companions(path)[0]
        .metadata()
        .is_ok_and(|m| m.len() > 0);
    if said_valid && said > on_disk && !wal_holds_pages {
        return Some(format!(
            "the file holds {on_disk} pages but its header says {said}: it was cut short"
        ));
    }
    for (what, page) in [
        ("its first free-list page", be32(32)),
        ("its free-page count", be32(36)),
        ("its largest root page", be32(52)),
    ] {
        if u64::from(page) > pages {
            return Some(format!("{what} ({page}) is beyond its {pages} pages"));
        }
    }
    None
}

/// A file's identity on disk (device and inode), to notice it being deleted or replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    /// The identity of the file at `path`, if it exists (always `None` off Unix).
    pub(super) fn of(path: &Path) -> Option<Self> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(path).ok().map(|m| Self {
                dev: m.dev(),
                ino: m.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            None
        }
    }
}

/// Fails when the file opened as `opened` is no longer at `path` (deleted, moved, or
/// replaced by another file): SQLite would go on writing into the old, unlinked file,
/// and everything saved from then on would vanish when the app closes.
pub(super) fn still_there(path: Option<&Path>, opened: Option<FileId>) -> Result<()> {
    let (Some(path), Some(opened)) = (path, opened) else {
        return Ok(());
    };
    if FileId::of(path) == Some(opened) {
        return Ok(());
    }
    Err(StoreError::Refused(format!(
        "{} was moved or deleted while open, so nothing more can be saved to it; put it back, or quit and restore it",
        path.display()
    )))
}

impl super::Store {
    /// SQLite's full `PRAGMA integrity_check`: `"ok"`, or the problems found, one per
    /// line. Reads the whole file; for checks and tests, not for every open.
    pub fn integrity_check(&self) -> Result<String> {
        let mut stmt = self.conn().prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    /// A derived table grows with the meetings as its sources do, so the open check reads
    /// only its edges (checked whole, `meeting_tally` cost every start ~30 page reads on
    /// ten years).
    #[test]
    fn derived_tables_are_read_at_their_edges_on_open() {
        for t in super::super::dump::DERIVED {
            assert!(super::HISTORY_TABLES.contains(t), "{t}");
        }
    }
}
