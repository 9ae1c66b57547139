//! The SQLite store: the only module that speaks SQL. It opens the file safely (refusing
//! anything it would damage), keeps the schema current with `rusqlite_migration`, and
//! commits every change a user makes in its own transaction.

mod actions;
mod agreements;
mod audit;
pub mod backup;
mod bulk;
pub mod check;
mod communities;
mod cycles;
pub mod dump;
mod dump_check;
mod dump_cycles;
mod dump_import;
mod dump_index;
mod file;
mod goals;
mod health;
/// The tables that grow with the history (no screen may read one whole; the open check
/// samples them).
pub use health::HISTORY_TABLES;
mod icebreakers;
mod ids;
mod insights;
mod live;
pub mod lock;
mod meeting_record;
mod meetings;
mod members;
mod planning;
mod read;
mod redact;
pub mod roster_csv;
pub mod search;
mod templates;
mod tx;
mod watch;

pub use actions::ActionsQuery;
pub use agreements::AGREEMENTS_MAX;
pub use communities::NewLeader;
pub use cycles::{BoardNote, CycleMeeting, GoalProgress};
pub use insights::{IcebreakerUse, MemberRecord};
pub use meetings::{HistoryCursor, HistoryFilter, MeetingSummary, history_page_sql};
pub use search::{CANDIDATES, RANK_WALK, SearchError, SearchFilters, SearchHit, SearchPage};
pub use tx::Tx;

use chrono::{DateTime, Utc};
use file::Owner;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use rusqlite_migration::{M, Migrations};
use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Every migration, in order. Append only: an applied migration is never edited.
const MIGRATION_SQL: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_live.sql"),
    include_str!("migrations/0003_guest_names.sql"),
    include_str!("migrations/0004_live_clocks.sql"),
    include_str!("migrations/0005_live_floor.sql"),
    include_str!("migrations/0006_live_rest.sql"),
    include_str!("migrations/0007_cycles.sql"),
    include_str!("migrations/0008_search.sql"),
    include_str!("migrations/0009_scale.sql"),
    include_str!("migrations/0010_prefix.sql"),
    include_str!("migrations/0011_startup.sql"),
    include_str!("migrations/0012_startup.sql"),
    include_str!("migrations/0013_meeting_tally.sql"),
    include_str!("migrations/0014_action_hits.sql"),
    include_str!("migrations/0015_search_dates.sql"),
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(MIGRATION_SQL.iter().map(|sql| M::up(sql)).collect()));

/// `PRAGMA application_id` of every Roundtable database ("Rtbl").
pub const APPLICATION_ID: i32 = 0x5274_626c;

/// The schema version this binary writes.
pub fn schema_version() -> i64 {
    MIGRATION_SQL.len() as i64
}

/// Why a database could not be opened. Each message is one line for stderr; in every
/// case the file was left exactly as it was.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{0} is not a Roundtable database (it is not an SQLite file); it was left untouched")]
    NotSqlite(PathBuf),
    #[error(
        "{0} is not a Roundtable database (it is another application's SQLite database); it was left untouched"
    )]
    NotOurs(PathBuf),
    #[error("{0} is not a regular file (a pipe, device or socket); it was left untouched")]
    NotRegular(PathBuf),
    #[error(
        "{} is a symbolic link to a missing file ({}); it was left as it is", path.display(), target.display()
    )]
    DanglingLink { path: PathBuf, target: PathBuf },
    #[error(
        "cannot create the database at {}: the folder {} does not exist", path.display(), folder.display()
    )]
    NoFolder { path: PathBuf, folder: PathBuf },
    #[error(
        "{path} was written by a newer Roundtable (schema version {found}; this one knows up to {known}); upgrade Roundtable to open it. The file was left untouched"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "{path} uses an older schema (version {found}); open it once with `roundtable --db {path}` to upgrade it"
    )]
    TooOld { path: PathBuf, found: i64 },
    #[error("cannot write the database at {path}: {reason}")]
    NotWritable { path: PathBuf, reason: String },
    #[error("no database at {0} (create one by running `roundtable` or `roundtable demo`)")]
    Missing(PathBuf),
    #[error("{path} is damaged and cannot be read ({reason}); it was left untouched")]
    Corrupt { path: PathBuf, reason: String },
    #[error("{0} is locked by another program; close it and try again")]
    Locked(PathBuf),
    #[error("the disk holding {0} is full; free some space and try again (nothing was changed)")]
    DiskFull(PathBuf),
    #[error("database error on {path}: {error}")]
    Sqlite {
        path: PathBuf,
        error: rusqlite::Error,
    },
}

/// Why a database could not be opened for exclusive use.
#[derive(Debug, thiserror::Error)]
pub enum ExclusiveError {
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error(transparent)]
    Lock(#[from] lock::LockError),
}

/// Errors of store operations that callers branch on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Input failed validation; nothing was written.
    #[error(transparent)]
    Invalid(#[from] crate::domain::ValidationErrors),
    /// A name that must be unique is already taken.
    #[error("{0}")]
    Duplicate(String),
    /// The thing asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// Not allowed in the current state (editing a meeting that has started, say).
    #[error("{0}")]
    Refused(String),
    /// Stored data that cannot be read as what it should be (a malformed timestamp, say):
    /// the file was changed outside Roundtable or damaged.
    #[error("damaged data: {0}")]
    Corrupt(String),
    /// Anything else from SQLite.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        read::from_sqlite(e)
    }
}

/// Result of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open Roundtable database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The file opened for writing, checked before every commit (`health::still_there`).
    file: Option<health::FileId>,
    /// Opened read-only while nobody had the file open (SQLite's `immutable`): a view
    /// that does not see later commits until [`Store::follow_writers`] reopens it.
    frozen: bool,
}

/// Creates `path` owner-only, or checks that an existing file can be written, without
/// changing a byte of it. Creates no folders: a path in a missing folder (a typo) is
/// refused before anything exists; the caller makes the default data folder.
fn prepare_file(path: &Path) -> Result<(), OpenError> {
    let not_writable = |e: std::io::Error| OpenError::NotWritable {
        path: path.into(),
        reason: e.to_string(),
    };
    match file::check_header(path) {
        Ok(()) => {
            OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(not_writable)?;
            return Ok(());
        }
        Err(OpenError::Missing(_)) => {}
        Err(e) => return Err(e),
    }
    if let Some(folder) = file::missing_folder(path) {
        return Err(OpenError::NoFolder {
            path: path.into(),
            folder,
        });
    }
    crate::fsutil::owner_only_new()
        .open(path)
        .map_err(not_writable)?;
    Ok(())
}

fn classify(path: &Path, e: rusqlite::Error) -> OpenError {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => OpenError::NotSqlite(path.into()),
        Some(ErrorCode::DatabaseCorrupt) => OpenError::Corrupt {
            path: path.into(),
            reason: e.to_string(),
        },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => OpenError::Locked(path.into()),
        Some(ErrorCode::DiskFull) => OpenError::DiskFull(path.into()),
        // SQLite reports a failed write of its WAL index on a full disk as an I/O error.
        Some(ErrorCode::SystemIoFailure) if no_space_left(path) => OpenError::DiskFull(path.into()),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            OpenError::NotWritable {
                path: path.into(),
                reason: e.to_string(),
            }
        }
        _ => OpenError::Sqlite {
            path: path.into(),
            error: e,
        },
    }
}

/// Whether the file system holding `path` has no space left for us.
fn no_space_left(path: &Path) -> bool {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    rustix::fs::statvfs(folder).is_ok_and(|s| s.f_bavail == 0)
}

/// Opens a connection (to `target`, which may be a `file:` URI for `path`) with a busy
/// timeout, and reads whose database it is and its schema version, refusing another
/// application's file, one from a newer Roundtable and, when `check`, a damaged one
/// (`health::open_check`). Nothing here writes.
fn connect(
    path: &Path,
    target: &Path,
    flags: OpenFlags,
    check: bool,
) -> Result<(Connection, Owner, i64), OpenError> {
    // The header is read from disk before SQLite opens the file, never while it has it
    // open: closing any other descriptor of a file drops every POSIX lock this process
    // holds on it, SQLite's shared lock included, and the next outside program to close
    // the file would then delete the write-ahead log still being written (trial r9 F7).
    let header = check.then(|| health::header_problem(path)).flatten();
    let conn = Connection::open_with_flags(target, flags).map_err(|e| classify(path, e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(|e| classify(path, e))?;
    let owner = file::owner(&conn).map_err(|e| classify(path, e))?;
    if owner == Owner::Foreign {
        return Err(OpenError::NotOurs(path.into()));
    }
    let found = user_version(&conn).map_err(|e| classify(path, e))?;
    if found > schema_version() {
        return Err(OpenError::TooNew {
            path: path.into(),
            found,
            known: schema_version(),
        });
    }
    let problem = match (check, header) {
        (_, Some(problem)) => Some(problem),
        (true, None) => health::open_check(&conn).map_err(|e| classify(path, e))?,
        (false, None) => None,
    };
    if let Some(problem) = problem {
        return Err(OpenError::Corrupt {
            path: path.into(),
            reason: problem.replace('\n', "; "),
        });
    }
    Ok((conn, owner, found))
}

/// Takes group and other permissions away from the database and its companions: they
/// hold personal data, whatever mode the file had before.
fn restrict_files(path: &Path) -> Result<(), OpenError> {
    let files = std::iter::once(path.to_path_buf()).chain(crate::fsutil::companions(path));
    for f in files.filter(|f| f.exists()) {
        crate::fsutil::restrict_to_owner(&f).map_err(|e| OpenError::NotWritable {
            path: f.clone(),
            reason: format!("cannot make it readable by you only ({e})"),
        })?;
    }
    Ok(())
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

impl Store {
    /// `(found, latest)` when opening the database at `path` would upgrade its schema (an
    /// existing file of ours, older than this build), so the caller can say so first: an
    /// upgrade that rebuilds the search index takes a minute on ten years of history.
    /// Reads only; any problem is left for [`Store::open`] to report.
    pub fn upgrade_pending(path: &Path) -> Option<(i64, i64)> {
        file::check_header(path).ok()?;
        let (target, flags) = file::read_only_target(path);
        let (_, owner, found) = connect(path, &target, flags, false).ok()?;
        (owner == Owner::Ours && found > 0 && found < schema_version())
            .then_some((found, schema_version()))
    }

    /// Opens (creating if needed) the database at `path` for reading and writing and
    /// brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, OpenError> {
        prepare_file(path)?;
        // Whose file it is, and its version, are read first through the read-only way in,
        // which creates nothing beside a file that turns out not to be ours.
        let (target, ro) = file::read_only_target(path);
        drop(connect(path, &target, ro, true)?);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let (mut conn, _, _) = connect(path, path, flags, true)?;
        restrict_files(path)?;
        Self::configure(&conn).map_err(|e| classify(path, e))?;
        MIGRATIONS.to_latest(&mut conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => classify(path, err),
            other => OpenError::Corrupt {
                path: path.into(),
                reason: other.to_string(),
            },
        })?;
        Self::mark_ours(&conn).map_err(|e| classify(path, e))?;
        restrict_files(path)?;
        let mut store = Self {
            conn,
            path: Some(path.into()),
            file: health::FileId::of(path),
            frozen: false,
        };
        store.seed().map_err(|e| OpenError::Sqlite {
            path: path.into(),
            error: match e {
                StoreError::Sqlite(e) => e,
                _ => rusqlite::Error::InvalidQuery,
            },
        })?;
        Ok(store)
    }

    /// Seeds what every database starts with: the built-in icebreaker library.
    fn seed(&mut self) -> Result<()> {
        if self.icebreaker_library_version()? >= crate::domain::icebreaker::LIBRARY_VERSION {
            return Ok(());
        }
        self.write(|tx| tx.seed_library(Utc::now()))?;
        Ok(())
    }

    /// Opens the database for a command that writes, holding the one-instance lock first,
    /// so nothing is migrated, seeded or written while another Roundtable has the file.
    /// A file that must be refused (not SQLite, not writable) is refused before the lock
    /// file is made.
    pub fn open_exclusive(path: &Path) -> Result<(Self, lock::InstanceLock), ExclusiveError> {
        prepare_file(path)?;
        let lock = lock::InstanceLock::acquire(path)?;
        let store = Self::open(path)?;
        Ok((store, lock))
    }

    /// Opens an existing database for reading only: it never creates, migrates or writes.
    /// Safe to use while the interactive app has the same file open.
    /// Leaves no `-wal`/`-shm` files behind and works on read-only files and folders.
    pub fn open_read_only(path: &Path) -> Result<Self, OpenError> {
        file::check_header(path)?;
        let (target, flags) = file::read_only_target(path);
        let frozen = target != path;
        let (conn, owner, found) = connect(path, &target, flags, true)?;
        if owner == Owner::Empty {
            return Err(OpenError::Missing(path.into()));
        }
        if found < schema_version() {
            return Err(OpenError::TooOld {
                path: path.into(),
                found,
            });
        }
        Ok(Self {
            conn,
            path: Some(path.into()),
            file: None,
            frozen,
        })
    }

    /// A fresh in-memory database, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Self, OpenError> {
        let path = PathBuf::from(":memory:");
        let mut conn = Connection::open_in_memory().map_err(|e| classify(&path, e))?;
        Self::configure(&conn).map_err(|e| classify(&path, e))?;
        Self::mark_ours(&conn).map_err(|e| classify(&path, e))?;
        MIGRATIONS
            .to_latest(&mut conn)
            .map_err(|e| OpenError::Corrupt {
                path,
                reason: e.to_string(),
            })?;
        let mut store = Self {
            conn,
            path: None,
            file: None,
            frozen: false,
        };
        store.seed().map_err(|e| OpenError::Corrupt {
            path: PathBuf::from(":memory:"),
            reason: e.to_string(),
        })?;
        Ok(store)
    }

    /// Stamps the file as Roundtable's (a new file, or one from before the stamp).
    fn mark_ours(conn: &Connection) -> rusqlite::Result<()> {
        let id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        if id != APPLICATION_ID {
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        Ok(())
    }

    fn configure(conn: &Connection) -> rusqlite::Result<()> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
            return Err(rusqlite::Error::InvalidQuery);
        }
        conn.pragma_update(None, "synchronous", "FULL")
    }

    /// The file this store lives in (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The underlying connection, for read queries inside the store module tree.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` inside one read transaction, so all its reads see the same committed
    /// state even while another process (the app running a meeting) writes.
    pub fn snapshot<T, E: From<rusqlite::Error>>(
        &self,
        f: impl FnOnce(&Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = self.conn.unchecked_transaction()?;
        let out = f(self);
        drop(tx);
        out
    }

    /// Whether the database holds no user data (so an import may fill it).
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM community) + (SELECT count(*) FROM template)
                  + (SELECT count(*) FROM icebreaker WHERE key IS NULL)",
            [],
            |r| r.get(0),
        )?;
        Ok(n == 0)
    }

    /// Reads a setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }
}

/// Stored form of an instant.
pub(crate) fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Turns a unique-index failure into a message naming what clashed.
pub(crate) fn unique_violation(e: rusqlite::Error, what: impl FnOnce() -> String) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) if e.to_string().contains("UNIQUE") => {
            StoreError::Duplicate(what())
        }
        _ => StoreError::Sqlite(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file of ours at an older schema is announced before it is upgraded; once
    /// upgraded, a new file, a missing one or another application's is not.
    #[test]
    fn an_older_schema_is_announced_before_the_upgrade() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old.db");
        {
            let mut conn = Connection::open(&old).unwrap();
            let nine = Migrations::new(MIGRATION_SQL[..9].iter().map(|sql| M::up(sql)).collect());
            nine.to_latest(&mut conn).unwrap();
        }
        assert_eq!(Store::upgrade_pending(&old), Some((9, schema_version())));
        drop(Store::open(&old).unwrap());
        assert_eq!(Store::upgrade_pending(&old), None);

        let new = dir.path().join("new.db");
        assert_eq!(Store::upgrade_pending(&new), None);
        drop(Store::open(&new).unwrap());
        assert_eq!(Store::upgrade_pending(&new), None);

        let foreign = dir.path().join("foreign.db");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 3;")
            .unwrap();
        assert_eq!(Store::upgrade_pending(&foreign), None);
    }
}
