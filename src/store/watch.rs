//! Noticing another process's writes cheaply (the shared screen follows the leader's app).

use super::{OpenError, Result, Store};
use crate::fsutil::companions;

impl Store {
    /// SQLite's `data_version`: it changes whenever another connection commits to the
    /// file, and costs no read of any table.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// A read-only store opened while nobody had the file open is a frozen view (SQLite's
    /// `immutable`, see [`Store::open_read_only`]) that never sees a later commit. Once
    /// another connection has the file open (its `-wal` or `-shm` exists), this opens it
    /// again, sharing that connection's WAL, so later commits are seen. Returns whether
    /// it reopened.
    pub fn follow_writers(&mut self) -> Result<bool, OpenError> {
        let Some(path) = self.path.clone().filter(|_| self.frozen) else {
            return Ok(false);
        };
        let [wal, shm, _] = companions(&path);
        if !wal.exists() && !shm.exists() {
            return Ok(false);
        }
        *self = Store::open_read_only(&path)?;
        Ok(true)
    }
}
