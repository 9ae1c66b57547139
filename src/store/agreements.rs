//! A community's working agreements: how the group will function ("one voice at a
//! time", "cameras on"), a short ordered list the leader can show during a check-in.

use super::{Result, Store, StoreError, Tx, ts};
use crate::domain::CommunityId;
use crate::domain::cycle::check_line;
use chrono::{DateTime, Utc};
use rusqlite::params;
use std::collections::HashMap;

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

    /// Every community's working agreements, in order, by community (one query, for the
    /// Communities list, which shows the selected community's).
    pub fn agreements_by_community(&self) -> Result<HashMap<CommunityId, Vec<String>>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT community_id, body FROM agreement ORDER BY community_id, position, id",
        )?;
        let mut out: HashMap<CommunityId, Vec<String>> = HashMap::new();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        for row in rows {
            let (c, body) = row?;
            out.entry(c).or_default().push(body);
        }
        Ok(out)
    }
}

impl Tx<'_> {
    /// Replaces a community's working agreements with `lines` (blank lines are left
    /// out; each is checked, and a problem names its line, counting blank ones as typed;
    /// at most [`AGREEMENTS_MAX`]).
    pub fn set_agreements(
        &self,
        community: CommunityId,
        lines: &[String],
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let mut errs = crate::domain::ValidationErrors::default();
        let mut keep = Vec::new();
        for (n, l) in lines.iter().enumerate() {
            if l.trim().is_empty() {
                continue;
            }
            match check_line("working agreement", l) {
                Ok(s) => keep.push(s),
                Err(m) => errs.push("agreements", format!("line {}: {m}", n + 1)),
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
