//! What is at a database path, found out before anything writes: a regular file (never a
//! pipe, which would block an open forever), SQLite's header, and whose database it is
//! (Roundtable's own, by `PRAGMA application_id`, or an empty one). Also the read-only
//! way in, which leaves no `-wal`/`-shm` files behind and works on read-only media.

use super::{APPLICATION_ID, OpenError};
use crate::fsutil::companions;
use rusqlite::{Connection, OpenFlags};
use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Tables every Roundtable database has had since schema 1: with a schema version, they
/// mark a file written before the application id existed as ours.
const OUR_TABLES: [&str; 4] = ["community", "member", "meeting", "setting"];

/// Whose database an SQLite file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Owner {
    /// Nothing in it yet: a new database.
    Empty,
    /// Roundtable's, by its application id or (from before the id) its tables.
    Ours,
    /// Another application's.
    Foreign,
}

/// Reads whose database `conn` is. Only reads.
pub(super) fn owner(conn: &Connection) -> rusqlite::Result<Owner> {
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app_id == APPLICATION_ID {
        return Ok(Owner::Ours);
    }
    if app_id != 0 {
        return Ok(Owner::Foreign);
    }
    let version = super::user_version(conn)?;
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    if objects == 0 && version == 0 {
        return Ok(Owner::Empty);
    }
    let ours: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN (?1, ?2, ?3, ?4)",
        OUR_TABLES,
        |r| r.get(0),
    )?;
    Ok(if version >= 1 && ours == OUR_TABLES.len() as i64 {
        Owner::Ours
    } else {
        Owner::Foreign
    })
}

/// Checks what is at `path` without waiting on it: a regular file that is empty or starts
/// with SQLite's header. Reports a missing file, a dangling symlink, a folder, a pipe or
/// device, and a file that is not SQLite, each by name.
pub(super) fn check_header(path: &Path) -> Result<(), OpenError> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound => return Err(missing(path)),
        Err(e) => {
            return Err(OpenError::NotWritable {
                path: path.into(),
                reason: e.to_string(),
            });
        }
    };
    if meta.is_dir() {
        return Err(OpenError::NotWritable {
            path: path.into(),
            reason: "it is a directory".into(),
        });
    }
    if !meta.is_file() {
        return Err(OpenError::NotRegular(path.into()));
    }
    let mut opts = OpenOptions::new();
    opts.read(true);
    // Never block: should a pipe be swapped in after the check, the open returns at once.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut opts,
        rustix::fs::OFlags::NONBLOCK.bits() as i32,
    );
    let mut f = opts.open(path).map_err(|e| OpenError::NotWritable {
        path: path.into(),
        reason: e.to_string(),
    })?;
    if !f.metadata().is_ok_and(|m| m.is_file()) {
        return Err(OpenError::NotRegular(path.into()));
    }
    let mut head = Vec::with_capacity(16);
    let _ = f.by_ref().take(16).read_to_end(&mut head);
    if head.is_empty() || head == SQLITE_HEADER {
        Ok(())
    } else {
        Err(OpenError::NotSqlite(path.into()))
    }
}

/// The error for a path with no file: a symlink to nowhere is named as such.
pub(super) fn missing(path: &Path) -> OpenError {
    match fs::read_link(path) {
        Ok(target) => OpenError::DanglingLink {
            path: path.into(),
            target,
        },
        Err(_) => OpenError::Missing(path.into()),
    }
}

/// The folder `path` would be created in, when it does not exist.
pub(super) fn missing_folder(path: &Path) -> Option<PathBuf> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty())?;
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == ErrorKind::NotFound => Some(dir.to_path_buf()),
        _ => None,
    }
}

/// How to open `path` for reading only. While another connection has the database open
/// (its `-wal` or `-shm` exists), an ordinary read-only open shares its WAL. Otherwise
/// the file is opened immutable: SQLite then creates no `-wal`/`-shm` (which a read-only
/// open otherwise leaves behind) and takes no locks, so read-only files and folders work.
pub(super) fn read_only_target(path: &Path) -> (PathBuf, OpenFlags) {
    let base = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let [wal, shm, _] = companions(path);
    if wal.exists() || shm.exists() {
        return (path.to_path_buf(), base);
    }
    let uri = format!("file:{}?immutable=1", percent_encode(path));
    (PathBuf::from(uri), base | OpenFlags::SQLITE_OPEN_URI)
}

/// A path as the path part of a `file:` URI.
fn percent_encode(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().into_owned().into_bytes();
    let mut out = String::with_capacity(bytes.len());
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_escape_what_a_uri_would_read() {
        assert_eq!(
            percent_encode(Path::new("/a b/c?d#e%f.db")),
            "/a%20b/c%3Fd%23e%25f.db"
        );
    }

    #[test]
    fn owners_are_told_apart() {
        let c = Connection::open_in_memory().unwrap();
        assert_eq!(owner(&c).unwrap(), Owner::Empty);
        c.execute_batch("CREATE TABLE photo (id INTEGER)").unwrap();
        assert_eq!(owner(&c).unwrap(), Owner::Foreign);
        c.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))
            .unwrap();
        assert_eq!(owner(&c).unwrap(), Owner::Ours);
        let old = Connection::open_in_memory().unwrap();
        old.execute_batch(
            "CREATE TABLE community (id INTEGER); CREATE TABLE member (id INTEGER);
             CREATE TABLE meeting (id INTEGER); CREATE TABLE setting (id INTEGER);",
        )
        .unwrap();
        assert_eq!(owner(&old).unwrap(), Owner::Foreign, "no schema version");
        old.execute_batch("PRAGMA user_version = 1").unwrap();
        assert_eq!(owner(&old).unwrap(), Owner::Ours);
    }
}
