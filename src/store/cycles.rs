//! Learning cycles: opening one on a topic and goals, moving through its phases, the
//! reflection (a verdict per goal, the improvements) and closing it. The board of a
//! cycle is its problem, pitfall and solution notes, taken in the meetings it spans.

use super::read::{date_at, opt_date_at, opt_spelling_at, opt_ts_at, spelling_at, ts_at};
use super::{Result, Store, StoreError, Tx, ts};
use crate::domain::cycle::{Phase, PhaseStep, check_line};
use crate::domain::note::NoteKind;
use crate::domain::{
    CommunityId, Cycle, CycleGoal, CycleId, GoalId, GoalVerdict, Improvement, ImprovementId,
    MeetingId, MemberId, NoteId, PhaseEntry, Topic,
};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};

/// A note on a cycle's board (a problem, a pitfall or a solution).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardNote {
    pub id: NoteId,
    pub kind: NoteKind,
    pub body: String,
    /// Who said it; `None` for the group.
    pub member: Option<MemberId>,
    pub meeting: Option<MeetingId>,
    /// For a solution: the problem or pitfall it answers.
    pub answers: Option<NoteId>,
    pub created_at: DateTime<Utc>,
}

/// A meeting a cycle spanned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleMeeting {
    pub id: MeetingId,
    pub title: String,
    pub scheduled_at: DateTime<Utc>,
    pub status: String,
    /// When it started, once held (or live).
    pub started_at: Option<DateTime<Utc>>,
}

impl CycleMeeting {
    /// When it was held, once it was (as History shows it), else when it is planned.
    pub fn when(&self) -> DateTime<Utc> {
        self.started_at.unwrap_or(self.scheduled_at)
    }
}

/// How a goal is doing across cycles (the Goals screen).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoalProgress {
    /// The cycles that served it: (number, topic title), oldest first.
    pub cycles: Vec<(u32, String)>,
    /// Its actions (those naming it, and those naming no goal taken in a cycle that
    /// serves it): how many, how many done.
    pub actions: u32,
    pub actions_done: u32,
    /// The latest reflection verdict on it, with the cycle's number.
    pub latest: Option<(u32, GoalVerdict)>,
}

const CYCLE_COLUMNS: &str = "id, community_id, number, topic, source, summary, phase, started_on, ended_on, starting_notes, outcome";

fn cycle_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Cycle> {
    Ok(Cycle {
        id: r.get(0)?,
        community_id: r.get(1)?,
        number: r.get(2)?,
        topic: Topic {
            title: r.get(3)?,
            source: r.get(4)?,
            summary: r.get(5)?,
        },
        phase: spelling_at(r, 6, Phase::parse)?,
        started_on: date_at(r, 7)?,
        ended_on: opt_date_at(r, 8)?,
        starting_notes: r.get(9)?,
        outcome: r.get(10)?,
        goals: Vec::new(),
    })
}

/// The goals a cycle serves, in the goals' order of creation.
fn cycle_goals(conn: &Connection, cycle: CycleId) -> Result<Vec<CycleGoal>> {
    let mut stmt = conn.prepare_cached(
        "SELECT cg.goal_id, g.title, cg.verdict, cg.evidence, cg.judged_at
         FROM cycle_goal cg JOIN goal g ON g.id = cg.goal_id
         WHERE cg.cycle_id = ?1 ORDER BY g.id",
    )?;
    let rows = stmt.query_map([cycle], |r| cycle_goal_at(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A cycle's goal from five columns starting at `i`: goal_id, title, verdict, evidence,
/// judged_at.
fn cycle_goal_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<CycleGoal> {
    Ok(CycleGoal {
        goal: r.get(i)?,
        title: r.get(i + 1)?,
        verdict: opt_spelling_at(r, i + 2, GoalVerdict::parse)?,
        evidence: r.get(i + 3)?,
        judged_at: opt_ts_at(r, i + 4)?,
    })
}

fn with_goals(conn: &Connection, mut c: Cycle) -> Result<Cycle> {
    c.goals = cycle_goals(conn, c.id)?;
    Ok(c)
}

/// The community's cycle that is not closed, if any.
fn open_cycle_in(conn: &Connection, community: CommunityId) -> Result<Option<Cycle>> {
    let c = conn
        .query_row(
            &format!(
                "SELECT {CYCLE_COLUMNS} FROM cycle WHERE community_id = ?1 AND phase <> 'closed'"
            ),
            [community],
            cycle_row,
        )
        .optional()?;
    c.map(|c| with_goals(conn, c)).transpose()
}

fn cycle_in(conn: &Connection, id: CycleId) -> Result<Cycle> {
    let c = conn
        .query_row(
            &format!("SELECT {CYCLE_COLUMNS} FROM cycle WHERE id = ?1"),
            [id],
            cycle_row,
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("no cycle with id {id}")))?;
    with_goals(conn, c)
}

impl Store {
    /// A community's cycles, newest first, each with its goals.
    pub fn cycles(&self, community: CommunityId) -> Result<Vec<Cycle>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {CYCLE_COLUMNS} FROM cycle WHERE community_id = ?1 ORDER BY number DESC"
        ))?;
        let mut rows = stmt
            .query_map([community], cycle_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        // Every cycle's goals in one read (a read per cycle grew with the history), put in
        // goal order below rather than sorted by SQLite through a temporary b-tree.
        let mut goals = conn.prepare_cached(
            "SELECT cg.cycle_id, cg.goal_id, g.title, cg.verdict, cg.evidence, cg.judged_at
             FROM cycle c JOIN cycle_goal cg ON cg.cycle_id = c.id JOIN goal g ON g.id = cg.goal_id
             WHERE c.community_id = ?1",
        )?;
        let mut by_cycle: std::collections::HashMap<CycleId, Vec<CycleGoal>> = Default::default();
        for row in goals.query_map([community], |r| {
            Ok((r.get::<_, CycleId>(0)?, cycle_goal_at(r, 1)?))
        })? {
            let (cycle, goal) = row?;
            by_cycle.entry(cycle).or_default().push(goal);
        }
        for c in &mut rows {
            c.goals = by_cycle.remove(&c.id).unwrap_or_default();
            c.goals.sort_by_key(|g| g.goal);
        }
        Ok(rows)
    }

    /// One cycle, with its goals.
    pub fn cycle(&self, id: CycleId) -> Result<Cycle> {
        cycle_in(self.conn(), id)
    }

    /// The community's open cycle (not closed), if any.
    pub fn open_cycle(&self, community: CommunityId) -> Result<Option<Cycle>> {
        open_cycle_in(self.conn(), community)
    }

    /// The phases a cycle entered, in order.
    pub fn cycle_phases(&self, cycle: CycleId) -> Result<Vec<PhaseEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT phase, entered_at, skipped FROM cycle_phase WHERE cycle_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([cycle], |r| {
            let skipped: String = r.get(2)?;
            Ok(PhaseEntry {
                phase: spelling_at(r, 0, Phase::parse)?,
                entered_at: ts_at(r, 1)?,
                skipped: skipped.split(',').filter_map(Phase::parse).collect(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The cycle's board: its problem, pitfall and solution notes, oldest first.
    pub fn board(&self, cycle: CycleId) -> Result<Vec<BoardNote>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, kind, body, member_id, meeting_id, answers_note_id, created_at FROM note
             WHERE cycle_id = ?1 AND kind IN ('problem', 'pitfall', 'solution') ORDER BY id",
        )?;
        let rows = stmt.query_map([cycle], |r| {
            Ok(BoardNote {
                id: r.get(0)?,
                kind: spelling_at(r, 1, NoteKind::parse)?,
                body: r.get(2)?,
                member: r.get(3)?,
                meeting: r.get(4)?,
                answers: r.get(5)?,
                created_at: ts_at(r, 6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The cycle's improvements list, in the order written.
    pub fn improvements(&self, cycle: CycleId) -> Result<Vec<Improvement>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, body, created_at FROM improvement WHERE cycle_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([cycle], |r| {
            Ok(Improvement {
                id: r.get(0)?,
                body: r.get(1)?,
                created_at: ts_at(r, 2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The meetings a cycle spanned (every meeting that knows it), oldest first.
    pub fn cycle_meetings(&self, cycle: CycleId) -> Result<Vec<CycleMeeting>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, title, scheduled_at, status, started_at FROM meeting
             WHERE cycle_id = ?1 AND status <> 'cancelled'
             ORDER BY coalesce(started_at, scheduled_at), id",
        )?;
        let rows = stmt.query_map([cycle], |r| {
            Ok(CycleMeeting {
                id: r.get(0)?,
                title: r.get(1)?,
                scheduled_at: ts_at(r, 2)?,
                status: r.get(3)?,
                started_at: opt_ts_at(r, 4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many meetings (not cancelled) each of a community's cycles spans, by cycle
    /// (cycles with none left out): one query for the list, where asking cycle by cycle
    /// cost a query per cycle. Counted per cycle inside the query, from the index, as the
    /// cycles come: a join grouped by cycle sorted every meeting through a temporary
    /// b-tree (0.25 → 0.15 ms on a ten-year community, "Start-up, round 8").
    pub fn cycle_meeting_counts(
        &self,
        community: CommunityId,
    ) -> Result<std::collections::HashMap<CycleId, usize>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.id, (SELECT count(m.id) FROM meeting m
                           WHERE m.cycle_id = c.id AND m.status <> 'cancelled')
             FROM cycle c WHERE c.community_id = ?1",
        )?;
        let rows = stmt.query_map([community], |r| {
            let n: i64 = r.get(1)?;
            Ok((r.get::<_, CycleId>(0)?, usize::try_from(n).unwrap_or(0)))
        })?;
        let mut counts = std::collections::HashMap::new();
        for row in rows {
            let (cycle, n) = row?;
            if n > 0 {
                counts.insert(cycle, n);
            }
        }
        Ok(counts)
    }

    /// The numbers of the cycles `ids`, by cycle (the Actions screen's rows show them).
    pub fn cycle_numbers(
        &self,
        ids: &[CycleId],
    ) -> Result<std::collections::HashMap<CycleId, u32>> {
        super::actions::pairs_of(
            self.conn(),
            "SELECT c.id, c.number FROM json_each(?1) j JOIN cycle c ON c.id = j.value",
            ids.iter().map(|i| i.get()),
        )
    }

    /// How each of a community's goals is doing across its cycles, by goal id.
    pub fn goal_progress(
        &self,
        community: CommunityId,
    ) -> Result<std::collections::HashMap<GoalId, GoalProgress>> {
        let conn = self.conn();
        let mut out: std::collections::HashMap<GoalId, GoalProgress> = Default::default();
        let mut stmt = conn.prepare_cached(
            "SELECT cg.goal_id, c.number, c.topic, cg.verdict FROM cycle_goal cg
             JOIN cycle c ON c.id = cg.cycle_id
             WHERE c.community_id = ?1 ORDER BY c.number",
        )?;
        let rows = stmt.query_map([community], |r| {
            Ok((
                r.get::<_, GoalId>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, String>(2)?,
                opt_spelling_at(r, 3, GoalVerdict::parse)?,
            ))
        })?;
        for row in rows {
            let (goal, number, topic, verdict) = row?;
            let p = out.entry(goal).or_default();
            p.cycles.push((number, topic));
            if let Some(v) = verdict {
                p.latest = Some((number, v));
            }
        }
        // Goal by goal through `action_item_goal` (migration 0011): the community's own
        // index would visit every action it ever had. Then an action that names no goal
        // is for the goals its cycle serves (an action taken in a meeting of that
        // cycle), counted for each; one that names a goal counts for that goal only.
        for sql in [GOAL_ACTIONS, CYCLE_ACTIONS_OF_GOALS] {
            let mut stmt = conn.prepare_cached(sql)?;
            let rows = stmt.query_map([community], |r| {
                Ok((
                    r.get::<_, GoalId>(0)?,
                    r.get::<_, u32>(1)?,
                    r.get::<_, u32>(2)?,
                ))
            })?;
            for row in rows {
                let (goal, n, done) = row?;
                let p = out.entry(goal).or_default();
                p.actions += n;
                p.actions_done += done;
            }
        }
        Ok(out)
    }
}

/// The actions that name a goal of `?1`'s community, counted per goal.
const GOAL_ACTIONS: &str = "
    SELECT a.goal_id, count(*), sum(a.status = 'done')
    FROM goal g JOIN action_item a ON a.goal_id = g.id
    WHERE g.community_id = ?1 GROUP BY a.goal_id";

/// The actions that name no goal, counted for each goal of `?1`'s community that their
/// cycle serves: from the community's goals through `cycle_goal_goal` to each cycle's
/// actions (`action_item_cycle`). `+a.goal_id` keeps SQLite off `action_item_goal`,
/// which would walk every goal-less action of every community (review r9).
const CYCLE_ACTIONS_OF_GOALS: &str = "
    SELECT cg.goal_id, count(*), sum(a.status = 'done')
    FROM goal g JOIN cycle_goal cg ON cg.goal_id = g.id
    JOIN action_item a ON a.cycle_id = cg.cycle_id
    WHERE g.community_id = ?1 AND +a.goal_id IS NULL GROUP BY cg.goal_id";

impl Tx<'_> {
    /// Opens the community's next cycle on `topic`, serving `goals`, in the
    /// interrogation phase. Refused while another cycle is open. The previous cycle's
    /// improvements become this one's starting notes; planned and live meetings of the
    /// community that know no cycle join this one.
    pub fn open_cycle(
        &self,
        community: CommunityId,
        topic: &Topic,
        goals: &[GoalId],
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<CycleId> {
        let conn = self.conn();
        if let Some(open) = open_cycle_in(conn, community)? {
            return Err(StoreError::Refused(open.still_open()));
        }
        let (number, previous): (u32, Option<CycleId>) = conn.query_row(
            "SELECT coalesce(max(number), 0) + 1,
                    (SELECT id FROM cycle WHERE community_id = ?1 ORDER BY number DESC LIMIT 1)
             FROM cycle WHERE community_id = ?1",
            [community],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let starting: Vec<String> = match previous {
            Some(p) => {
                let mut stmt = conn.prepare_cached(
                    "SELECT body FROM improvement WHERE cycle_id = ?1 ORDER BY id",
                )?;
                stmt.query_map([p], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            }
            None => Vec::new(),
        };
        conn.execute(
            "INSERT INTO cycle (community_id, number, topic, source, summary, phase, started_on, starting_notes)
             VALUES (?1, ?2, ?3, ?4, ?5, 'interrogation', ?6, ?7)",
            params![
                community,
                number,
                topic.title,
                topic.source,
                topic.summary,
                today.to_string(),
                starting.join("\n")
            ],
        )?;
        let id = CycleId::new(conn.last_insert_rowid());
        conn.execute(
            "INSERT INTO cycle_phase (cycle_id, phase, entered_at) VALUES (?1, 'interrogation', ?2)",
            params![id, ts(now)],
        )?;
        self.set_cycle_goals(id, goals)?;
        conn.execute(
            "UPDATE meeting SET cycle_id = ?2
             WHERE community_id = ?1 AND status IN ('planned', 'live') AND cycle_id IS NULL",
            params![community, id],
        )?;
        Ok(id)
    }

    /// Changes a cycle's topic.
    pub fn update_cycle_topic(&self, cycle: CycleId, topic: &Topic) -> Result<()> {
        let n = self.conn().execute(
            "UPDATE cycle SET topic = ?2, source = ?3, summary = ?4 WHERE id = ?1",
            params![cycle, topic.title, topic.source, topic.summary],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("no cycle with id {cycle}")));
        }
        Ok(())
    }

    /// Sets the goals a cycle serves (each must be the cycle's community's); verdicts
    /// already given on goals that stay are kept.
    pub fn set_cycle_goals(&self, cycle: CycleId, goals: &[GoalId]) -> Result<()> {
        let conn = self.conn();
        let community: CommunityId = conn
            .query_row(
                "SELECT community_id FROM cycle WHERE id = ?1",
                [cycle],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("no cycle with id {cycle}")))?;
        for &g in goals {
            let theirs: Option<CommunityId> = conn
                .query_row("SELECT community_id FROM goal WHERE id = ?1", [g], |r| {
                    r.get(0)
                })
                .optional()?;
            if theirs != Some(community) {
                return Err(StoreError::NotFound(format!(
                    "no goal with id {g} in this community"
                )));
            }
            conn.execute(
                "INSERT OR IGNORE INTO cycle_goal (cycle_id, goal_id) VALUES (?1, ?2)",
                params![cycle, g],
            )?;
        }
        let had: Vec<GoalId> = conn
            .prepare_cached("SELECT goal_id FROM cycle_goal WHERE cycle_id = ?1")?
            .query_map([cycle], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for g in had.into_iter().filter(|g| !goals.contains(g)) {
            conn.execute(
                "DELETE FROM cycle_goal WHERE cycle_id = ?1 AND goal_id = ?2",
                params![cycle, g],
            )?;
        }
        Ok(())
    }

    /// Moves a cycle to `to`. The next phase is always allowed; skipping phases only with
    /// `allow_skip` (the leader confirmed), and the skip is recorded; going back is
    /// refused. Closing stores the outcome and the end date.
    pub fn set_cycle_phase(
        &self,
        cycle: CycleId,
        to: Phase,
        allow_skip: bool,
        outcome: &str,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<PhaseStep> {
        let conn = self.conn();
        let c = cycle_in(conn, cycle)?;
        let step = c.phase.step_to(to);
        let skipped = match &step {
            PhaseStep::Refused => {
                return Err(StoreError::Refused(format!(
                    "cycle {} is in {}; it cannot go {} {}",
                    c.number,
                    c.phase.label(),
                    if to == c.phase { "again to" } else { "back to" },
                    to.label()
                )));
            }
            PhaseStep::Skips(s) if !allow_skip => {
                let names: Vec<&str> = s.iter().map(|p| p.label()).collect();
                return Err(StoreError::Refused(format!(
                    "moving cycle {} to {} skips {}; confirm the skip first",
                    c.number,
                    to.label(),
                    names.join(" and ")
                )));
            }
            PhaseStep::Skips(s) => s.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(","),
            PhaseStep::InOrder => String::new(),
        };
        conn.execute(
            "UPDATE cycle SET phase = ?2 WHERE id = ?1",
            params![cycle, to.as_str()],
        )?;
        if to == Phase::Closed {
            let mut errs = crate::domain::ValidationErrors::default();
            let outcome = crate::domain::validate::text(
                &mut errs,
                "outcome",
                outcome,
                crate::domain::validate::LONG_MAX,
            );
            let outcome = errs.into_result(outcome)?;
            conn.execute(
                "UPDATE cycle SET ended_on = ?2, outcome = ?3 WHERE id = ?1",
                params![cycle, today.to_string(), outcome],
            )?;
            // Meetings planned for it and not yet held join the next cycle instead.
            conn.execute(
                "UPDATE meeting SET cycle_id = NULL WHERE cycle_id = ?1 AND status = 'planned'",
                [cycle],
            )?;
        }
        conn.execute(
            "INSERT INTO cycle_phase (cycle_id, phase, entered_at, skipped) VALUES (?1, ?2, ?3, ?4)",
            params![cycle, to.as_str(), ts(now), skipped],
        )?;
        Ok(step)
    }

    /// The reflection's verdict on a goal the cycle serves, with its evidence.
    pub fn judge_goal(
        &self,
        cycle: CycleId,
        goal: GoalId,
        verdict: GoalVerdict,
        evidence: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut errs = crate::domain::ValidationErrors::default();
        let evidence = crate::domain::validate::text(
            &mut errs,
            "evidence",
            evidence,
            crate::domain::validate::LONG_MAX,
        );
        let evidence = errs.into_result(evidence)?;
        let n = self.conn().execute(
            "UPDATE cycle_goal SET verdict = ?3, evidence = ?4, judged_at = ?5
             WHERE cycle_id = ?1 AND goal_id = ?2",
            params![cycle, goal, verdict.as_str(), evidence, ts(now)],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!(
                "cycle {cycle} does not serve goal {goal}"
            )));
        }
        Ok(())
    }

    /// Adds an entry to the cycle's improvements list.
    pub fn add_improvement(
        &self,
        cycle: CycleId,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<ImprovementId> {
        let body = check_line("improvement", body).map_err(|m| invalid("improvement", m))?;
        let conn = self.conn();
        conn.execute(
            "INSERT INTO improvement (cycle_id, body, created_at) VALUES (?1, ?2, ?3)",
            params![cycle, body, ts(now)],
        )?;
        Ok(ImprovementId::new(conn.last_insert_rowid()))
    }

    /// Removes an entry of an improvements list.
    pub fn delete_improvement(&self, id: ImprovementId) -> Result<()> {
        self.conn()
            .execute("DELETE FROM improvement WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Links a solution to the problem or pitfall it answers (or unlinks it: `None`).
    /// Both must be notes of the same cycle.
    pub fn link_solution(&self, solution: NoteId, answers: Option<NoteId>) -> Result<()> {
        let conn = self.conn();
        let note = |id: NoteId| -> Result<(String, Option<CycleId>)> {
            conn.query_row("SELECT kind, cycle_id FROM note WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("no note with id {id}")))
        };
        let (kind, cycle) = note(solution)?;
        if kind != NoteKind::Solution.as_str() {
            return Err(StoreError::Refused(
                "only a solution answers a problem or a pitfall".into(),
            ));
        }
        if let Some(a) = answers {
            let (akind, acycle) = note(a)?;
            if akind != NoteKind::Problem.as_str() && akind != NoteKind::Pitfall.as_str() {
                return Err(StoreError::Refused(
                    "a solution answers a problem or a pitfall".into(),
                ));
            }
            // Rows are exported and imported in id order, so a note only ever points
            // back to an earlier one.
            if a >= solution {
                return Err(StoreError::Refused(
                    "a solution answers a problem or pitfall noted before it".into(),
                ));
            }
            if acycle != cycle {
                return Err(StoreError::Refused(
                    "a solution answers a problem or pitfall of its own cycle".into(),
                ));
            }
        }
        conn.execute(
            "UPDATE note SET answers_note_id = ?2 WHERE id = ?1",
            params![solution, answers],
        )?;
        Ok(())
    }
}

fn invalid(field: &'static str, msg: String) -> StoreError {
    let mut e = crate::domain::ValidationErrors::default();
    e.push(field, msg);
    StoreError::Invalid(e)
}

impl Store {
    /// Where a search entry that belongs to no meeting lives, for Search's Enter (fixes4):
    /// its cycle, and the action it is or follows up, each if any. `entry` is
    /// `search_fts.rowid`: its source row's id × 16 + its kind's code (migration 0008).
    pub fn search_entry_home(
        &self,
        entry: i64,
    ) -> Result<(Option<CycleId>, Option<crate::domain::ActionId>)> {
        let sql = match entry.rem_euclid(16) {
            1 => {
                "SELECT n.cycle_id, (SELECT min(a.id) FROM action_item a WHERE a.note_id = n.id)
                 FROM note n WHERE n.id = ?1"
            }
            4..=7 => "SELECT id, NULL FROM cycle WHERE id = ?1",
            8 => "SELECT cycle_id, NULL FROM improvement WHERE id = ?1",
            9 => "SELECT cycle_id, id FROM action_item WHERE id = ?1",
            10 | 11 => {
                "SELECT a.cycle_id, a.id FROM action_update u
                 JOIN action_item a ON a.id = u.action_id WHERE u.id = ?1"
            }
            _ => return Ok((None, None)),
        };
        let home = self
            .conn()
            .query_row(sql, [entry.div_euclid(16)], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(home.unwrap_or((None, None)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CommunityInfo, GoalInfo, GoalStatus};
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 17, 0, 0).unwrap()
    }

    fn today() -> NaiveDate {
        now().date_naive()
    }

    #[test]
    fn goal_less_actions_are_counted_from_the_communitys_goals_not_from_every_action() {
        let store = Store::open_in_memory().unwrap();
        let mut stmt = store
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {CYCLE_ACTIONS_OF_GOALS}"))
            .unwrap();
        let plan: Vec<String> = stmt
            .query_map([1], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let plan = plan.join("\n");
        assert!(!plan.contains("action_item_goal"), "{plan}");
        assert!(plan.contains("action_item_cycle"), "{plan}");
    }

    fn setup() -> (Store, CommunityId, GoalId) {
        let mut s = Store::open_in_memory().unwrap();
        let (c, g) = s
            .write(|tx| {
                let c = tx.insert_community(
                    &CommunityInfo {
                        name: "Ward 5".into(),
                        purpose: String::new(),
                        cadence: None,
                        mode: crate::domain::MeetingMode::InPerson,
                        place: String::new(),
                        meeting_minutes: 60,
                    },
                    now(),
                )?;
                let g = tx.insert_goal(
                    c,
                    &GoalInfo {
                        title: "Safer handovers".into(),
                        success_measure: String::new(),
                        target: None,
                        status: GoalStatus::Active,
                    },
                    now(),
                )?;
                Ok::<_, StoreError>((c, g))
            })
            .unwrap();
        (s, c, g)
    }

    fn topic(t: &str) -> Topic {
        Topic {
            title: t.into(),
            ..Topic::default()
        }
    }

    #[test]
    fn one_open_cycle_and_improvements_carry_over() {
        let (mut s, c, g) = setup();
        let first = s
            .write(|tx| tx.open_cycle(c, &topic("SBAR"), &[g], today(), now()))
            .unwrap();
        let again = s.write(|tx| tx.open_cycle(c, &topic("Other"), &[], today(), now()));
        assert!(
            matches!(&again, Err(StoreError::Refused(m)) if m.contains("still open")),
            "{again:?}"
        );
        let planned = s
            .write(|tx| {
                tx.create_meeting(
                    c,
                    &crate::domain::meeting::MeetingInfo {
                        title: "Next".into(),
                        scheduled_at: now(),
                        planned_minutes: 60,
                    },
                    None,
                    &[],
                    now(),
                )
            })
            .unwrap();
        s.write(|tx| {
            tx.add_improvement(first, "Start on time", now())?;
            tx.add_improvement(first, "Shorter check-in", now())?;
            tx.judge_goal(first, g, GoalVerdict::Progressing, "2 of 5 shifts", now())?;
            tx.set_cycle_phase(first, Phase::Application, false, "", today(), now())?;
            tx.set_cycle_phase(first, Phase::Reflection, false, "", today(), now())?;
            tx.set_cycle_phase(
                first,
                Phase::Closed,
                false,
                "Handovers shorter",
                today(),
                now(),
            )
        })
        .unwrap();
        let second = s
            .write(|tx| tx.open_cycle(c, &topic("Falls"), &[g], today(), now()))
            .unwrap();
        // The meeting planned during cycle 1 and not held joined cycle 2.
        let planned: Option<CycleId> = s
            .conn()
            .query_row(
                "SELECT cycle_id FROM meeting WHERE id = ?1",
                [planned],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(planned, Some(second));
        let c2 = s.cycle(second).unwrap();
        assert_eq!(c2.number, 2);
        assert_eq!(c2.starting_notes, "Start on time\nShorter check-in");
        let c1 = s.cycle(first).unwrap();
        assert_eq!(c1.outcome, "Handovers shorter");
        assert_eq!(c1.ended_on, Some(today()));
        assert_eq!(c1.goals[0].verdict, Some(GoalVerdict::Progressing));
        let p = s.goal_progress(c).unwrap();
        assert_eq!(p[&g].cycles.len(), 2);
        assert_eq!(p[&g].latest, Some((1, GoalVerdict::Progressing)));
    }

    #[test]
    fn skips_need_confirming_and_are_recorded_and_going_back_is_refused() {
        let (mut s, c, _) = setup();
        let id = s
            .write(|tx| tx.open_cycle(c, &topic("SBAR"), &[], today(), now()))
            .unwrap();
        let r = s.write(|tx| tx.set_cycle_phase(id, Phase::Reflection, false, "", today(), now()));
        assert!(matches!(r, Err(StoreError::Refused(m)) if m.contains("skips application")));
        assert_eq!(s.cycle(id).unwrap().phase, Phase::Interrogation);
        s.write(|tx| tx.set_cycle_phase(id, Phase::Reflection, true, "", today(), now()))
            .unwrap();
        let phases = s.cycle_phases(id).unwrap();
        assert_eq!(phases.len(), 2);
        assert_eq!(phases[1].skipped, vec![Phase::Application]);
        let back =
            s.write(|tx| tx.set_cycle_phase(id, Phase::Application, true, "", today(), now()));
        assert!(matches!(back, Err(StoreError::Refused(m)) if m.contains("back")));
    }
}
