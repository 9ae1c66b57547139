//! Whether the database file can be trusted: SQLite's `quick_check` when it is opened (so
//! a damaged file is refused before anything reads or writes it), and, before every
//! commit, that the file at the path is still the one that was opened (a file deleted
//! or replaced under a running app would otherwise take "saved" changes with it).

use super::{Result, StoreError};
use rusqlite::Connection;
use std::path::Path;

/// The first problem `PRAGMA quick_check` finds, or `None` when the file is sound. It
/// reads every page once (milliseconds for a typical file; see docs/PERFORMANCE.md).
pub(super) fn quick_check(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let first: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
    Ok((first != "ok").then_some(first))
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
