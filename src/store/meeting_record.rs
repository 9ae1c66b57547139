//! What a meeting's record holds beyond the live meeting's own rows: the learning
//! cycle closed while it ran. A closing is not stored with a meeting id; it belongs to
//! the meeting of the cycle's community that was live at the moment the cycle entered
//! its closed phase (a community runs one meeting at a time, so that is at most one).

use super::read::{opt_spelling_at, ts_at};
use super::{Result, Store};
use crate::domain::MeetingId;
use crate::domain::cycle::GoalVerdict;
use crate::domain::live::CycleClosed;
use rusqlite::OptionalExtension;

impl Store {
    /// The cycle closed while `meeting` ran, with its reflection; `None` if none was
    /// (or the meeting has not started).
    pub fn cycle_closed_in(&self, meeting: MeetingId) -> Result<Option<CycleClosed>> {
        let conn = self.conn();
        let found = conn
            .prepare_cached(
                "SELECT c.id, c.number, c.topic, c.outcome, p.entered_at
                 FROM meeting m
                 JOIN cycle c ON c.community_id = m.community_id AND c.phase = 'closed'
                 JOIN cycle_phase p ON p.cycle_id = c.id AND p.phase = 'closed'
                 WHERE m.id = ?1 AND m.started_at IS NOT NULL
                   AND p.entered_at >= m.started_at
                   AND (m.ended_at IS NULL OR p.entered_at <= m.ended_at)
                 ORDER BY p.id DESC LIMIT 1",
            )?
            .query_row([meeting], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, u32>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    ts_at(r, 4)?,
                ))
            })
            .optional()?;
        let Some((cycle, number, topic, outcome, closed_at)) = found else {
            return Ok(None);
        };
        let goals = conn
            .prepare_cached(
                "SELECT g.title, cg.verdict, cg.evidence
                 FROM cycle_goal cg JOIN goal g ON g.id = cg.goal_id
                 WHERE cg.cycle_id = ?1 ORDER BY g.id",
            )?
            .query_map([cycle], |r| {
                Ok((
                    r.get(0)?,
                    opt_spelling_at(r, 1, GoalVerdict::parse)?,
                    r.get(2)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let improvements = conn
            .prepare_cached("SELECT body FROM improvement WHERE cycle_id = ?1 ORDER BY id")?
            .query_map([cycle], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(CycleClosed {
            number,
            topic,
            closed_at,
            goals,
            improvements,
            outcome,
        }))
    }
}
