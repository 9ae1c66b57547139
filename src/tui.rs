//! The terminal: set-up, the event loop, and restoring the terminal on exit or panic.

use std::path::Path;

/// Opens the interactive app on the database at `db`.
pub fn run(_db: &Path) -> anyhow::Result<()> {
    anyhow::bail!("tui: not built yet")
}
