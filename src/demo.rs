//! The demo database: one realistic community to explore.

use anyhow::Result;
use std::path::Path;

/// Creates the demo community in the database at `path`.
pub fn create(_path: &Path, _force: bool) -> Result<()> {
    anyhow::bail!("demo: not built yet")
}
