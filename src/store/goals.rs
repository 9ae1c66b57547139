//! Community goals.

use super::read::{opt_date_at, spelling_at};
use super::{Result, Store, StoreError, Tx, ts};
use crate::domain::{CommunityId, Goal, GoalId, GoalInfo, GoalStatus};
use chrono::{DateTime, Utc};
use rusqlite::params;

impl Store {
    /// A community's goals: open ones (proposed, active) first, then by target date.
    pub fn goals(&self, community: CommunityId) -> Result<Vec<Goal>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, community_id, title, success_measure, target_on, status FROM goal
             WHERE community_id = ?1
             ORDER BY status IN ('met', 'dropped'), target_on IS NULL, target_on, id",
        )?;
        let rows = stmt.query_map([community], |r| {
            Ok(Goal {
                id: r.get(0)?,
                community_id: r.get(1)?,
                info: GoalInfo {
                    title: r.get(2)?,
                    success_measure: r.get(3)?,
                    target: opt_date_at(r, 4)?,
                    status: spelling_at(r, 5, GoalStatus::parse)?,
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Tx<'_> {
    /// Creates a goal.
    pub fn insert_goal(
        &self,
        community: CommunityId,
        g: &GoalInfo,
        now: DateTime<Utc>,
    ) -> Result<GoalId> {
        let tx = self.conn();
        tx.execute(
            "INSERT INTO goal (community_id, title, success_measure, target_on, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![
                community,
                g.title,
                g.success_measure,
                g.target.map(|d| d.to_string()),
                g.status.as_str(),
                ts(now)
            ],
        )?;
        Ok(GoalId::new(tx.last_insert_rowid()))
    }

    /// Replaces a goal.
    pub fn update_goal(&self, id: GoalId, g: &GoalInfo, now: DateTime<Utc>) -> Result<()> {
        let n = self.conn().execute(
            "UPDATE goal SET title = ?2, success_measure = ?3, target_on = ?4, status = ?5, updated_at = ?6
             WHERE id = ?1",
            params![
                id,
                g.title,
                g.success_measure,
                g.target.map(|d| d.to_string()),
                g.status.as_str(),
                ts(now)
            ],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("no goal with id {id}")));
        }
        Ok(())
    }

    /// Changes only a goal's status.
    pub fn set_goal_status(
        &self,
        id: GoalId,
        status: GoalStatus,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn().execute(
            "UPDATE goal SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, status.as_str(), ts(now)],
        )?;
        Ok(())
    }
}
