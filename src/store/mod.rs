//! The SQLite store: the only module that speaks SQL. It opens the file safely (refusing
//! anything it would damage), keeps the schema current with `rusqlite_migration`, and
//! commits every change a user makes in its own transaction.

mod communities;
pub mod dump;
mod goals;
mod icebreakers;
mod ids;
mod live;
pub mod lock;
mod meetings;
mod members;
mod planning;
mod read;
pub mod roster_csv;
mod templates;
mod tx;

pub use communities::NewLeader;
pub use meetings::MeetingSummary;
pub use tx::Tx;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use rusqlite_migration::{M, Migrations};
use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Every migration, in order. Append only: an applied migration is never edited.
const MIGRATION_SQL: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_live.sql"),
    include_str!("migrations/0003_guest_names.sql"),
    include_str!("migrations/0004_live_clocks.sql"),
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(MIGRATION_SQL.iter().map(|sql| M::up(sql)).collect()));

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
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Checks that an existing file looks like SQLite (an empty file is a new database).
fn check_header(path: &Path) -> Result<(), OpenError> {
    let mut f = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == ErrorKind::NotFound => return Err(OpenError::Missing(path.into())),
        Err(e) => {
            return Err(OpenError::NotWritable {
                path: path.into(),
                reason: e.to_string(),
            });
        }
    };
    if f.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(OpenError::NotWritable {
            path: path.into(),
            reason: "it is a directory".into(),
        });
    }
    let mut head = Vec::with_capacity(16);
    let _ = f.by_ref().take(16).read_to_end(&mut head);
    if head.is_empty() || head == SQLITE_HEADER {
        Ok(())
    } else {
        Err(OpenError::NotSqlite(path.into()))
    }
}

/// Creates `path` owner-only (and missing parent folders owner-only), or checks that an
/// existing file can be written, without changing a byte of it.
fn prepare_file(path: &Path) -> Result<(), OpenError> {
    let not_writable = |e: std::io::Error| OpenError::NotWritable {
        path: path.into(),
        reason: e.to_string(),
    };
    if path.exists() {
        check_header(path)?;
        OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(not_writable)?;
        return Ok(());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).map_err(not_writable)?;
    }
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path).map_err(not_writable)?;
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

/// Opens a connection with a busy timeout and reads its schema version, refusing a file
/// from a newer Roundtable. Nothing here writes.
fn connect(path: &Path, flags: OpenFlags) -> Result<(Connection, i64), OpenError> {
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(|e| classify(path, e))?;
    let found = user_version(&conn).map_err(|e| classify(path, e))?;
    if found > schema_version() {
        return Err(OpenError::TooNew {
            path: path.into(),
            found,
            known: schema_version(),
        });
    }
    Ok((conn, found))
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

impl Store {
    /// Opens (creating if needed) the database at `path` for reading and writing and
    /// brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, OpenError> {
        prepare_file(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        // Reads the version before any pragma that could write to the file.
        let (mut conn, _) = connect(path, flags)?;
        Self::configure(&conn).map_err(|e| classify(path, e))?;
        MIGRATIONS.to_latest(&mut conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => classify(path, err),
            other => OpenError::Corrupt {
                path: path.into(),
                reason: other.to_string(),
            },
        })?;
        let mut store = Self {
            conn,
            path: Some(path.into()),
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
    pub fn open_read_only(path: &Path) -> Result<Self, OpenError> {
        check_header(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let (conn, found) = connect(path, flags)?;
        if found < schema_version() {
            return Err(OpenError::TooOld {
                path: path.into(),
                found,
            });
        }
        Ok(Self {
            conn,
            path: Some(path.into()),
        })
    }

    /// A fresh in-memory database, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Self, OpenError> {
        let path = PathBuf::from(":memory:");
        let mut conn = Connection::open_in_memory().map_err(|e| classify(&path, e))?;
        Self::configure(&conn).map_err(|e| classify(&path, e))?;
        MIGRATIONS
            .to_latest(&mut conn)
            .map_err(|e| OpenError::Corrupt {
                path,
                reason: e.to_string(),
            })?;
        let mut store = Self { conn, path: None };
        store.seed().map_err(|e| OpenError::Corrupt {
            path: PathBuf::from(":memory:"),
            reason: e.to_string(),
        })?;
        Ok(store)
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
