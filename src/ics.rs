//! iCalendar (RFC 5545) export of a community's planned meetings.

use crate::domain::Community;
use crate::store::Store;
use chrono::{DateTime, Utc};

/// The calendar text for `community`.
pub fn calendar(
    _store: &Store,
    _community: &Community,
    _now: DateTime<Utc>,
) -> anyhow::Result<String> {
    anyhow::bail!("export ics: not built yet")
}
