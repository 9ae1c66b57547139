//! Reads for the member profile, the Insights screen and `export report`: the facts of a
//! community's latest ended meetings (a bounded window, read through `meeting_community`
//! and the per-meeting indexes), and counts by `GROUP BY` over indexed columns.

use super::read::{opt_ts_at, ts_at};
use super::{Result, Store};
use crate::domain::insights::{ActionTally, MeetingFacts};
use crate::domain::participation::Participation;
use crate::domain::timer::{Span, active};
use crate::domain::{CommunityId, MeetingId, MemberId};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::HashMap;

/// The latest `limit` ended meetings of a community, newest first (the CTE every
/// per-meeting read below starts from; `meeting_community` serves it).
const RECENT: &str = "WITH recent AS (
    SELECT id FROM meeting WHERE community_id = ?1 AND status = 'ended'
    ORDER BY scheduled_at DESC, id DESC LIMIT ?2)";

/// An icebreaker's use in a community.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcebreakerUse {
    pub title: String,
    pub times: u32,
    pub last: DateTime<Utc>,
}

/// What a member owns and wrote, besides the meetings' figures.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MemberRecord {
    /// Their action items (all time, through `action_item_owner`).
    pub actions: ActionTally,
    /// Titles of the actions they finished most recently, newest first.
    pub done: Vec<String>,
    /// Notes they spoke, by kind, in the window's meetings.
    pub notes_by_kind: Vec<(String, u32)>,
}

/// Pause spans of each meeting in the window.
fn pauses(
    store: &Store,
    community: CommunityId,
    limit: u32,
) -> Result<HashMap<MeetingId, Vec<Span>>> {
    let mut out: HashMap<MeetingId, Vec<Span>> = HashMap::new();
    let mut stmt = store.conn().prepare_cached(&format!(
        "{RECENT} SELECT p.meeting_id, p.started_at, p.ended_at FROM meeting_pause p
         WHERE p.meeting_id IN (SELECT id FROM recent)"
    ))?;
    let rows = stmt.query_map(rusqlite::params![community, limit], |r| {
        Ok((
            r.get::<_, MeetingId>(0)?,
            Span {
                start: ts_at(r, 1)?,
                end: opt_ts_at(r, 2)?,
            },
        ))
    })?;
    for row in rows {
        let (m, s) = row?;
        out.entry(m).or_default().push(s);
    }
    Ok(out)
}

impl Store {
    /// The facts of the community's latest `limit` ended meetings, oldest first: who
    /// was expected and present, airtime (turns spoken and open-floor spans, less
    /// paused time, as in the live view) and turns passed.
    pub fn meeting_facts(&self, community: CommunityId, limit: u32) -> Result<Vec<MeetingFacts>> {
        let conn = self.conn();
        let p = rusqlite::params![community, limit];
        let mut stmt = conn.prepare_cached(&format!(
            "{RECENT} SELECT m.id, m.title, coalesce(m.started_at, m.scheduled_at) FROM meeting m
             WHERE m.id IN (SELECT id FROM recent) ORDER BY m.scheduled_at, m.id"
        ))?;
        let meetings: Vec<(MeetingId, String, DateTime<Utc>)> = stmt
            .query_map(p, |r| Ok((r.get(0)?, r.get(1)?, ts_at(r, 2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // (meeting, member) → (here, spoken, turns, passed), in member order.
        type Row = (bool, Duration, u32, u32);
        let mut people: HashMap<MeetingId, Vec<(MemberId, Row)>> = HashMap::new();
        let mut stmt = conn.prepare_cached(&format!(
            "{RECENT} SELECT a.meeting_id, a.member_id, a.status <> 'absent' FROM attendance a
             WHERE a.meeting_id IN (SELECT id FROM recent) ORDER BY a.meeting_id, a.member_id"
        ))?;
        for row in stmt.query_map(p, |r| Ok((r.get::<_, MeetingId>(0)?, r.get(1)?, r.get(2)?)))? {
            let (m, member, here) = row?;
            people
                .entry(m)
                .or_default()
                .push((member, (here, Duration::zero(), 0, 0)));
        }
        let pauses = pauses(self, community, limit)?;
        let mut stmt = conn.prepare_cached(&format!(
            "{RECENT} SELECT a.meeting_id, t.member_id, t.state = 'passed', t.started_at, t.ended_at
             FROM recent r JOIN agenda_item a ON a.meeting_id = r.id
             JOIN speaking_turn t ON t.agenda_item_id = a.id
             WHERE t.state = 'passed' OR (t.state = 'spoke' AND t.started_at IS NOT NULL AND t.ended_at IS NOT NULL)
             UNION ALL
             SELECT a.meeting_id, f.member_id, 0, f.started_at, f.ended_at
             FROM recent r CROSS JOIN agenda_item a ON a.meeting_id = r.id
             CROSS JOIN floor_span f ON f.agenda_item_id = a.id WHERE f.ended_at IS NOT NULL"
        ))?;
        let rows = stmt.query_map(p, |r| {
            Ok((
                r.get::<_, MeetingId>(0)?,
                r.get::<_, MemberId>(1)?,
                r.get::<_, bool>(2)?,
                opt_ts_at(r, 3)?,
                opt_ts_at(r, 4)?,
            ))
        })?;
        for row in rows {
            let (m, member, passed, start, end) = row?;
            let Some(list) = people.get_mut(&m) else {
                continue;
            };
            // A speaker with no attendance row (not expected) still counts as present.
            let i = match list.iter().position(|(id, _)| *id == member) {
                Some(i) => i,
                None => {
                    list.push((member, (true, Duration::zero(), 0, 0)));
                    list.len() - 1
                }
            };
            let entry = &mut list[i].1;
            if passed {
                entry.3 += 1;
            } else if let Some(start) = start {
                let span = Span { start, end };
                let spoken = active(
                    span,
                    pauses.get(&m).map_or(&[][..], Vec::as_slice),
                    end.unwrap_or(start),
                );
                entry.1 += spoken;
                entry.2 += 1;
            }
        }
        Ok(meetings
            .into_iter()
            .map(|(id, title, held_at)| {
                let list = people.remove(&id).unwrap_or_default();
                let present: Vec<(MemberId, Duration, u32)> = list
                    .iter()
                    .filter(|(_, r)| r.0)
                    .map(|&(m, r)| (m, r.1, r.2))
                    .collect();
                MeetingFacts {
                    title,
                    held_at,
                    expected: list.len() as u32,
                    participation: Participation::new(&present),
                    passed: list
                        .iter()
                        .filter(|(_, r)| r.3 > 0)
                        .map(|&(m, r)| (m, r.3))
                        .collect(),
                    absent: list.iter().filter(|(_, r)| !r.0).map(|&(m, _)| m).collect(),
                }
            })
            .collect())
    }

    /// The community's action items by state, overdue as of `today`
    /// (`action_item_community`).
    pub fn action_tally(&self, community: CommunityId, today: NaiveDate) -> Result<ActionTally> {
        tally(
            self,
            "SELECT status, count(*), sum(status = 'open' AND due_on < ?2) FROM action_item
             WHERE community_id = ?1 GROUP BY status",
            community.get(),
            today,
        )
    }

    /// How many times each icebreaker was used in the community, most used first
    /// (`icebreaker_use_community`).
    pub fn icebreakers_used(
        &self,
        community: CommunityId,
        limit: u32,
    ) -> Result<Vec<IcebreakerUse>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT i.title, u.times, u.last FROM
               (SELECT icebreaker_id, count(*) AS times, max(used_at) AS last FROM icebreaker_use
                WHERE community_id = ?1 GROUP BY icebreaker_id) u
             JOIN icebreaker i ON i.id = u.icebreaker_id
             ORDER BY u.times DESC, u.last DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![community, limit], |r| {
            Ok(IcebreakerUse {
                title: r.get(0)?,
                times: r.get(1)?,
                last: ts_at(r, 2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A member's actions, latest finished ones and notes by kind in the community's
    /// latest `limit` ended meetings.
    pub fn member_record(
        &self,
        community: CommunityId,
        member: MemberId,
        limit: u32,
        today: NaiveDate,
    ) -> Result<MemberRecord> {
        let actions = tally(
            self,
            "SELECT status, count(*), sum(status = 'open' AND due_on < ?2) FROM action_item
             WHERE owner_member_id = ?1 GROUP BY status",
            member.get(),
            today,
        )?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT title FROM action_item WHERE owner_member_id = ?1 AND status = 'done'
             ORDER BY done_at DESC, id DESC LIMIT 5",
        )?;
        let done = stmt
            .query_map([member], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn().prepare_cached(&format!(
            "{RECENT} SELECT n.kind, count(*) FROM recent r JOIN note n ON n.meeting_id = r.id
             WHERE n.member_id = ?3 GROUP BY n.kind ORDER BY count(*) DESC, n.kind"
        ))?;
        let notes_by_kind = stmt
            .query_map(rusqlite::params![community, limit, member], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(MemberRecord {
            actions,
            done,
            notes_by_kind,
        })
    }
}

/// Runs a `(status, count, overdue)` GROUP BY into a tally.
fn tally(store: &Store, sql: &str, key: i64, today: NaiveDate) -> Result<ActionTally> {
    let mut stmt = store.conn().prepare_cached(sql)?;
    let rows = stmt.query_map(rusqlite::params![key, today.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, Option<u32>>(2)?,
        ))
    })?;
    let mut t = ActionTally::default();
    for row in rows {
        let (status, n, overdue) = row?;
        match status.as_str() {
            "done" => t.done = n,
            "dropped" => t.dropped = n,
            _ => t.open = n,
        }
        t.overdue += overdue.unwrap_or(0);
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A community of four members with `n` ended weekly meetings, inserted through SQL
    /// in one transaction. In each, members 1–3 attend (4 is absent); 1 speaks 120 s,
    /// 2 speaks 60 s, 3 passes; the newest meeting has a 30 s pause inside 1's turn.
    fn fixture(n: i64) -> Store {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        conn.execute_batch(
            "BEGIN;
             INSERT INTO community (id, name, cadence, created_at) VALUES (1, 'C', 'weekly Tue 18:00', '2020-01-01T00:00:00Z');
             INSERT INTO member (id, community_id, name, created_at) VALUES
               (1, 1, 'Ana', '2020-01-01T00:00:00Z'), (2, 1, 'Bo', '2020-01-01T00:00:00Z'),
               (3, 1, 'Cy', '2020-01-01T00:00:00Z'), (4, 1, 'Di', '2020-01-01T00:00:00Z');
",
        )
        .unwrap();
        conn.execute(
            "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?1)
             INSERT INTO meeting (id, community_id, title, scheduled_at, started_at, ended_at, planned_minutes, status, created_at)
             SELECT i, 1, 'Meeting ' || i, strftime('%Y-%m-%dT18:00:00Z', '2020-01-07', '+' || (7 * (i - 1)) || ' days'),
                    strftime('%Y-%m-%dT18:00:00Z', '2020-01-07', '+' || (7 * (i - 1)) || ' days'),
                    strftime('%Y-%m-%dT19:00:00Z', '2020-01-07', '+' || (7 * (i - 1)) || ' days'), 60, 'ended', '2020-01-01T00:00:00Z' FROM k;",
            [n],
        )
        .unwrap();
        conn.execute_batch(
            "             INSERT INTO agenda_item (id, meeting_id, position, kind, title, minutes) SELECT id, id, 1, 'round_robin', 'Round', 30 FROM meeting;
             INSERT INTO attendance SELECT m.id, p.id, CASE p.id WHEN 4 THEN 'absent' ELSE 'present' END FROM meeting m, member p;
             INSERT INTO speaking_turn (agenda_item_id, position, member_id, state, started_at, ended_at)
               SELECT id, 1, 1, 'spoke', replace(scheduled_at, '18:00:00', '18:01:00'), replace(scheduled_at, '18:00:00', '18:03:00') FROM meeting;
             INSERT INTO speaking_turn (agenda_item_id, position, member_id, state, started_at, ended_at)
               SELECT id, 2, 2, 'spoke', replace(scheduled_at, '18:00:00', '18:03:00'), replace(scheduled_at, '18:00:00', '18:04:00') FROM meeting;
             INSERT INTO speaking_turn (agenda_item_id, position, member_id, state) SELECT id, 3, 3, 'passed' FROM meeting;
",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO meeting_pause (meeting_id, started_at, ended_at)
               SELECT id, replace(scheduled_at, '18:00:00', '18:01:30'), replace(scheduled_at, '18:00:00', '18:02:00') FROM meeting WHERE id = ?1;",
            [n],
        )
        .unwrap();
        conn.execute_batch(
            "             INSERT INTO note (meeting_id, member_id, kind, body, created_at, updated_at)
               SELECT id, 2, CASE id % 2 WHEN 0 THEN 'idea' ELSE 'question' END, 'x', scheduled_at, scheduled_at FROM meeting;
             INSERT INTO action_item (community_id, owner_member_id, title, due_on, status, created_at, done_at) VALUES
               (1, 2, 'Old open', '2020-01-10', 'open', '2020-01-01T00:00:00Z', NULL),
               (1, 2, 'Later open', '2030-01-10', 'open', '2020-01-01T00:00:00Z', NULL),
               (1, 2, 'Finished', NULL, 'done', '2020-01-01T00:00:00Z', '2020-02-01T00:00:00Z'),
               (1, 1, 'Dropped', NULL, 'dropped', '2020-01-01T00:00:00Z', NULL);
             COMMIT;",
        )
        .unwrap();
        store
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn facts_of_the_window_oldest_first_with_pauses_out_of_airtime() {
        let store = fixture(60);
        let facts = store.meeting_facts(CommunityId::new(1), 52).unwrap();
        assert_eq!(facts.len(), 52, "only the window is read");
        assert_eq!(facts[0].title, "Meeting 9");
        assert_eq!(facts[51].title, "Meeting 60");
        let first = &facts[0];
        assert_eq!((first.expected, first.present()), (4, 3));
        let secs: Vec<i64> = first
            .participation
            .rows
            .iter()
            .map(|r| r.spoken.num_seconds())
            .collect();
        assert_eq!(secs, [120, 60, 0]);
        assert_eq!(first.passed, [(MemberId::new(3), 1)]);
        // The pause of the newest meeting is not airtime.
        assert_eq!(facts[51].participation.rows[0].spoken.num_seconds(), 90);
        assert!(!first.was_present(MemberId::new(4)));
        assert_eq!(first.absent, [MemberId::new(4)], "expected, marked absent");
    }

    #[test]
    fn tallies_and_member_record() {
        let store = fixture(10);
        let t = store
            .action_tally(CommunityId::new(1), day("2025-01-01"))
            .unwrap();
        assert_eq!(
            t,
            ActionTally {
                open: 2,
                done: 1,
                dropped: 1,
                overdue: 1
            }
        );
        let r = store
            .member_record(CommunityId::new(1), MemberId::new(2), 4, day("2025-01-01"))
            .unwrap();
        assert_eq!(
            r.actions,
            ActionTally {
                open: 2,
                done: 1,
                dropped: 0,
                overdue: 1
            }
        );
        assert_eq!(r.done, ["Finished"]);
        assert_eq!(
            r.notes_by_kind,
            [("idea".to_string(), 2), ("question".to_string(), 2)]
        );
        assert!(
            store
                .icebreakers_used(CommunityId::new(1), 5)
                .unwrap()
                .is_empty()
        );
    }

    /// The plans of the reads a screen runs: no full scan of a table that grows with the
    /// history (every statement the screens run is checked in `tests/scale.rs`).
    #[test]
    fn no_read_scans_a_growing_table() {
        let store = fixture(3);
        let reads = [
            format!("{RECENT} SELECT m.id FROM meeting m WHERE m.id IN (SELECT id FROM recent)"),
            format!("{RECENT} SELECT a.meeting_id FROM attendance a WHERE a.meeting_id IN (SELECT id FROM recent) ORDER BY a.meeting_id, a.member_id"),
            format!("{RECENT} SELECT t.member_id FROM recent r JOIN agenda_item a ON a.meeting_id = r.id JOIN speaking_turn t ON t.agenda_item_id = a.id"),
            format!("{RECENT} SELECT f.member_id FROM recent r JOIN agenda_item a ON a.meeting_id = r.id JOIN floor_span f ON f.agenda_item_id = a.id"),
            format!("{RECENT} SELECT n.kind, count(*) FROM recent r JOIN note n ON n.meeting_id = r.id WHERE n.member_id = ?3 GROUP BY n.kind"),
            "SELECT status, count(*) FROM action_item WHERE community_id = ?1 GROUP BY status".into(),
            "SELECT status, count(*) FROM action_item WHERE owner_member_id = ?1 GROUP BY status".into(),
            "SELECT icebreaker_id, count(*) FROM icebreaker_use WHERE community_id = ?1 GROUP BY icebreaker_id".into(),
        ];
        for sql in reads {
            let mut stmt = store
                .conn()
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let n = stmt.parameter_count();
            let params: Vec<i64> = (0..n).map(|_| 1).collect();
            let plan: Vec<String> = stmt
                .query_map(rusqlite::params_from_iter(params), |r| {
                    r.get::<_, String>(3)
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            for step in &plan {
                let scans_table = step.starts_with("SCAN ")
                    && !step.contains("USING")
                    && !step.starts_with("SCAN recent")
                    && !step.starts_with("SCAN r");
                assert!(!scans_table, "{sql}\n{plan:#?}");
            }
        }
    }
}
