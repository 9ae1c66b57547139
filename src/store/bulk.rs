//! Bulk inserts for generated history (`roundtable demo --size large`): one cached
//! prepared statement per table, rows given as plain values, inside the caller's
//! transaction. Nothing here validates: the generator writes only values the app's
//! own writes would (stored spellings, `ts` instants, ISO dates).

use super::{Result, Tx, ts};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{ToSql, params};

/// A stored instant.
fn t(at: DateTime<Utc>) -> String {
    ts(at)
}

/// A stored date.
fn d(on: NaiveDate) -> String {
    on.format("%Y-%m-%d").to_string()
}

impl Tx<'_> {
    fn insert(&self, sql: &str, values: &[&dyn ToSql]) -> Result<i64> {
        let conn = self.conn();
        conn.prepare_cached(sql)?.execute(values)?;
        Ok(conn.last_insert_rowid())
    }

    /// A community (name, purpose, cadence text, mode spelling, minutes).
    pub fn bulk_community(
        &self,
        name: &str,
        purpose: &str,
        cadence: &str,
        mode: &str,
        at: DateTime<Utc>,
    ) -> Result<i64> {
        self.insert(
            "INSERT INTO community (name, purpose, cadence, mode, meeting_minutes, created_at)
             VALUES (?1, ?2, ?3, ?4, 90, ?5)",
            params![name, purpose, cadence, mode, t(at)],
        )
    }

    /// A member with a role, hopes and growth areas, joined on a date.
    pub fn bulk_member(
        &self,
        community: i64,
        name: &str,
        role: &str,
        hopes: &str,
        joined: NaiveDate,
    ) -> Result<i64> {
        self.insert(
            "INSERT INTO member (community_id, name, role, hopes, growth_areas, joined_on, created_at)
             VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6)",
            params![community, name, role, hopes, d(joined), format!("{}T09:00:00.000Z", d(joined))],
        )
    }

    /// The community's leader since a date.
    pub fn bulk_leader(&self, community: i64, member: i64, since: NaiveDate) -> Result<i64> {
        self.insert(
            "INSERT INTO leadership (community_id, member_id, role, chosen_by, started_on)
             VALUES (?1, ?2, 'leader', 'agreed', ?3)",
            params![community, member, d(since)],
        )
    }

    /// A goal with a status spelling.
    pub fn bulk_goal(
        &self,
        community: i64,
        title: &str,
        status: &str,
        at: DateTime<Utc>,
    ) -> Result<i64> {
        self.insert(
            "INSERT INTO goal (community_id, title, success_measure, status, created_at, updated_at)
             VALUES (?1, ?2, 'We can show it on the ward', ?3, ?4, ?4)",
            params![community, title, status, t(at)],
        )
    }

    /// A learning cycle, closed when `ended` is given (open, in interrogation, otherwise),
    /// with its phases entered in order and the goal it serves.
    pub fn bulk_cycle(
        &self,
        community: i64,
        number: i64,
        topic: &str,
        goal: i64,
        started: DateTime<Utc>,
        ended: Option<DateTime<Utc>>,
    ) -> Result<i64> {
        let phase = if ended.is_some() {
            "closed"
        } else {
            "interrogation"
        };
        let id = self.insert(
            "INSERT INTO cycle (community_id, number, topic, phase, started_on, ended_on, outcome)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                community,
                number,
                topic,
                phase,
                d(started.date_naive()),
                ended.map(|e| d(e.date_naive())),
                if ended.is_some() {
                    "Tried on the ward; kept what worked."
                } else {
                    ""
                }
            ],
        )?;
        self.insert(
            "INSERT INTO cycle_goal (cycle_id, goal_id) VALUES (?1, ?2)",
            params![id, goal],
        )?;
        let phases: &[&str] = match ended {
            Some(_) => &["interrogation", "application", "reflection", "closed"],
            None => &["interrogation"],
        };
        let span = ended.map_or(chrono::Duration::zero(), |e| (e - started) / 3);
        for (i, p) in phases.iter().enumerate() {
            let at = started + span * i32::try_from(i).unwrap_or(0);
            self.insert(
                "INSERT INTO cycle_phase (cycle_id, phase, entered_at) VALUES (?1, ?2, ?3)",
                params![id, p, t(at)],
            )?;
        }
        Ok(id)
    }

    /// A meeting: ended when `ran` gives its start and end, planned otherwise.
    pub fn bulk_meeting(
        &self,
        community: i64,
        cycle: Option<i64>,
        title: &str,
        at: DateTime<Utc>,
        ran: Option<(DateTime<Utc>, DateTime<Utc>)>,
    ) -> Result<i64> {
        self.insert(
            "INSERT INTO meeting (community_id, cycle_id, title, scheduled_at, planned_minutes,
                                  status, started_at, ended_at, created_at)
             VALUES (?1, ?2, ?3, ?4, 90, ?5, ?6, ?7, ?8)",
            params![
                community,
                cycle,
                title,
                t(at),
                if ran.is_some() { "ended" } else { "planned" },
                ran.map(|r| t(r.0)),
                ran.map(|r| t(r.1)),
                t(at - chrono::Duration::days(7))
            ],
        )
    }

    /// An agenda item with its kind spelling; run from `ran.0` to `ran.1` when given.
    pub fn bulk_item(
        &self,
        meeting: i64,
        position: i64,
        kind: &str,
        title: &str,
        minutes: i64,
        ran: Option<(DateTime<Utc>, DateTime<Utc>)>,
    ) -> Result<i64> {
        let id = self.insert(
            "INSERT INTO agenda_item (meeting_id, position, kind, title, minutes, started_at, ended_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![meeting, position, kind, title, minutes, ran.map(|r| t(r.0)), ran.map(|r| t(r.1))],
        )?;
        if let Some((from, to)) = ran {
            self.insert(
                "INSERT INTO item_visit (agenda_item_id, started_at, ended_at) VALUES (?1, ?2, ?3)",
                params![id, t(from), t(to)],
            )?;
        }
        Ok(id)
    }

    /// A member's attendance ('present', 'late' or 'absent').
    pub fn bulk_attendance(&self, meeting: i64, member: i64, status: &str) -> Result<i64> {
        self.insert(
            "INSERT INTO attendance (meeting_id, member_id, status) VALUES (?1, ?2, ?3)",
            params![meeting, member, status],
        )
    }

    /// A finished turn in a round ('spoke' or 'passed').
    pub fn bulk_turn(
        &self,
        item: i64,
        position: i64,
        member: i64,
        state: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<i64> {
        self.insert(
            "INSERT INTO speaking_turn (agenda_item_id, round, position, member_id, state, started_at, ended_at)
             VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6)",
            params![item, position, member, state, t(from), t(to)],
        )
    }

    /// A note with its kind spelling.
    #[allow(clippy::too_many_arguments)]
    pub fn bulk_note(
        &self,
        meeting: i64,
        cycle: Option<i64>,
        item: i64,
        member: Option<i64>,
        kind: &str,
        body: &str,
        at: DateTime<Utc>,
    ) -> Result<i64> {
        let at = t(at);
        self.insert(
            "INSERT INTO note (meeting_id, cycle_id, agenda_item_id, member_id, kind, body, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![meeting, cycle, item, member, kind, body, at],
        )
    }

    /// An action item due a week later; its status follows the verdict it will get.
    #[allow(clippy::too_many_arguments)]
    pub fn bulk_action(
        &self,
        community: i64,
        meeting: i64,
        cycle: Option<i64>,
        owner: i64,
        title: &str,
        at: DateTime<Utc>,
        verdict: Option<&str>,
    ) -> Result<i64> {
        let due = d((at + chrono::Duration::days(7)).date_naive());
        let status = match verdict {
            Some("done") => "done",
            Some("dropped") => "dropped",
            _ => "open",
        };
        let later = at + chrono::Duration::days(7);
        let done_at = (status == "done").then(|| t(later));
        self.insert(
            "INSERT INTO action_item (community_id, meeting_id, cycle_id, owner_member_id, title,
                                      due_on, status, created_at, done_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8)",
            params![
                community,
                meeting,
                cycle,
                owner,
                title,
                due,
                status,
                t(at),
                done_at
            ],
        )
    }

    /// An action's follow-up, given in a meeting.
    pub fn bulk_follow_up(
        &self,
        action: i64,
        meeting: i64,
        verdict: &str,
        at: DateTime<Utc>,
    ) -> Result<i64> {
        self.insert(
            "INSERT INTO action_update (action_id, meeting_id, verdict, note, created_at)
             VALUES (?1, ?2, ?3, 'Reported back at the next meeting', ?4)",
            params![action, meeting, verdict, t(at)],
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_and_instants_are_stored_as_the_app_reads_them() {
        let at = chrono::DateTime::parse_from_rfc3339("2020-01-02T03:04:05Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        assert_eq!(super::t(at), "2020-01-02T03:04:05.000Z");
        assert_eq!(super::d(at.date_naive()), "2020-01-02");
    }
}
