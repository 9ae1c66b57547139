//! Community goals: the list, editing, and taking one out (deleting a goal nothing
//! refers to, archiving one that cycles served).

use super::read::{opt_date_at, spelling_at};
use super::{Result, Store, StoreError, Tx, ts};
use crate::domain::{CommunityId, Goal, GoalId, GoalInfo, GoalStatus};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

/// Why a goal cannot be deleted: the latest cycle that serves it, or the actions that
/// serve it; `None` when nothing refers to it.
fn in_use(conn: &Connection, id: GoalId) -> Result<Option<String>> {
    let served: Option<(u32, String)> = conn
        .query_row(
            "SELECT c.number, c.topic FROM cycle_goal cg JOIN cycle c ON c.id = cg.cycle_id
             WHERE cg.goal_id = ?1 ORDER BY c.number DESC LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((number, topic)) = served {
        return Ok(Some(format!(
            "served by cycle {number} '{topic}'; archive it instead?"
        )));
    }
    let actions: u32 = conn.query_row(
        "SELECT count(*) FROM action_item WHERE goal_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    Ok((actions > 0).then(|| {
        let what = if actions == 1 {
            "action serves"
        } else {
            "actions serve"
        };
        format!("{actions} {what} it; archive it instead?")
    }))
}

impl Store {
    /// A community's goals: open ones (proposed, active) first, then by target date;
    /// archived ones last.
    pub fn goals(&self, community: CommunityId) -> Result<Vec<Goal>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, community_id, title, success_measure, target_on, status,
                    archived_at IS NOT NULL FROM goal
             WHERE community_id = ?1
             ORDER BY archived_at IS NOT NULL, status IN ('met', 'dropped'), target_on IS NULL,
                      target_on, id",
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
                archived: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Why goal `id` cannot be deleted (see [`Tx::delete_goal`]), or `None`.
    pub fn goal_in_use(&self, id: GoalId) -> Result<Option<String>> {
        in_use(self.conn(), id)
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

    /// Deletes a goal that no cycle serves and no action links to. Otherwise refused
    /// (`StoreError::Refused`, naming what refers to it): archive it instead, so the
    /// cycles and actions keep their goal.
    pub fn delete_goal(&self, id: GoalId) -> Result<()> {
        let conn = self.conn();
        if let Some(why) = in_use(conn, id)? {
            return Err(StoreError::Refused(why));
        }
        if conn.execute("DELETE FROM goal WHERE id = ?1", [id])? == 0 {
            return Err(StoreError::NotFound(format!("no goal with id {id}")));
        }
        Ok(())
    }

    /// Archives a goal (hidden from the list unless archived goals are shown; cycles
    /// and actions keep it), or restores it.
    pub fn set_goal_archived(&self, id: GoalId, archived: bool, now: DateTime<Utc>) -> Result<()> {
        let n = self.conn().execute(
            "UPDATE goal SET archived_at = CASE WHEN ?2 THEN coalesce(archived_at, ?3) END,
                             updated_at = ?3
             WHERE id = ?1",
            params![id, archived, ts(now)],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("no goal with id {id}")));
        }
        Ok(())
    }
}
