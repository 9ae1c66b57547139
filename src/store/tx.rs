//! The one write path. Every change to the database is a method of [`Tx`], written once;
//! [`Store::write`] runs a closure in one IMMEDIATE transaction and commits only if it
//! returns `Ok`. A user action is one operation in its own transaction
//! (`store.write(|tx| tx.add_note(…))`); the demo and the JSON import run many in one.

use super::{Store, StoreError};
use rusqlite::{Connection, Transaction, TransactionBehavior, params};

/// An open write transaction: the store's write operations are its methods. It exists
/// only inside [`Store::write`], which commits it.
pub struct Tx<'a> {
    tx: Transaction<'a>,
}

impl Tx<'_> {
    /// The connection inside the transaction, for the store's own statements.
    pub(super) fn conn(&self) -> &Connection {
        &self.tx
    }

    /// Writes a setting.
    pub fn set_setting(&self, key: &str, value: &str) -> super::Result<()> {
        self.conn().execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}

impl Store {
    /// Runs `f` in one immediate transaction: all of it is committed (when `f` returns
    /// `Ok`), or none of it.
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Tx<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = Tx {
            tx: self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(StoreError::from)?,
        };
        let out = f(&tx)?;
        // Never "saved" into a file deleted or replaced under the running app.
        super::health::still_there(self.path.as_deref(), self.file)?;
        tx.tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// [`Store::write`], and before committing, `check` reads the store as the transaction
    /// sees it; an error from either leaves the file as it was. The JSON import reads
    /// every row back through the store's own readers this way.
    pub fn write_checked<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Tx<'_>) -> Result<T, E>,
        check: impl FnOnce(&Store) -> Result<(), E>,
    ) -> Result<T, E> {
        // Unchecked: a shared borrow of the connection, so `check` can read through it.
        let tx = Tx {
            tx: Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
                .map_err(StoreError::from)?,
        };
        let out = f(&tx)?;
        check(self)?;
        super::health::still_there(self.path.as_deref(), self.file)?;
        tx.tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }
}
