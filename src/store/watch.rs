//! Noticing another process's writes cheaply (the shared screen follows the leader's app).

use super::{Result, Store};

impl Store {
    /// SQLite's `data_version`: it changes whenever another connection commits to the
    /// file, and costs no read of any table.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}
