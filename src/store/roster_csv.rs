//! Roster CSV import and export.

use super::{Result, Store};
use crate::domain::CommunityId;

/// Adds every row of a roster CSV to `community`, all or nothing.
pub fn import(_store: &mut Store, _community: CommunityId, _csv: &[u8]) -> anyhow::Result<usize> {
    anyhow::bail!("roster import: not built yet")
}

/// A community's roster as CSV.
pub fn export(_store: &Store, _community: CommunityId) -> Result<Vec<u8>> {
    Ok(Vec::new())
}
