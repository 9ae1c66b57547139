//! A community's working agreements: how the group will function ("one voice at a
//! time", "cameras on"), a short ordered list the leader can show during a check-in.

use super::{Result, Store, StoreError, Tx, ts};
use crate::domain::CommunityId;
use crate::domain::cycle::check_line;
use chrono::{DateTime, Utc};
use rusqlite::params;

/// Most working agreements a community keeps: a short list the group can remember.
pub const AGREEMENTS_MAX: usize = 12;

impl Store {
    /// A community's working agreements, in order.
    pub fn agreements(&self, community: CommunityId) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT body FROM agreement WHERE community_id = ?1 ORDER BY position, id",
        )?;
        let rows = stmt.query_map([community], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Tx<'_> {
    /// Replaces a community's working agreements with `lines` (blank lines are left
    /// out; each is checked; at most [`AGREEMENTS_MAX`]).
    pub fn set_agreements(
        &self,
        community: CommunityId,
        lines: &[String],
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let mut errs = crate::domain::ValidationErrors::default();
        let mut keep = Vec::new();
        for l in lines.iter().filter(|l| !l.trim().is_empty()) {
            match check_line("working agreement", l) {
                Ok(s) => keep.push(s),
                Err(m) => errs.push("agreements", m),
            }
        }
        if keep.len() > AGREEMENTS_MAX {
            errs.push(
                "agreements",
                format!(
                    "keep the list short: {} agreements (at most {AGREEMENTS_MAX})",
                    keep.len()
                ),
            );
        }
        let keep = errs.into_result(keep)?;
        let conn = self.conn();
        let n: i64 = conn.query_row(
            "SELECT count(*) FROM community WHERE id = ?1",
            [community],
            |r| r.get(0),
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!(
                "no community with id {community}"
            )));
        }
        conn.execute("DELETE FROM agreement WHERE community_id = ?1", [community])?;
        for (i, body) in keep.iter().enumerate() {
            conn.execute(
                "INSERT INTO agreement (community_id, position, body, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![community, i as i64, body, ts(now)],
            )?;
        }
        Ok(keep.len())
    }
}
