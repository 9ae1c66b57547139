//! A generated history for the History tests and bench: many past meetings of the
//! fixture's club, written through SQL in one transaction.

use super::common::Ids;
use chrono::{Duration, Utc};
use std::path::Path;

/// Adds `n` ended weekly meetings of the club before the fixture's meetings, through SQL
/// in one transaction, each with two agenda items, three attendees, `notes` notes and
/// (every third) an action. Every tenth title mentions "alarm".
pub fn add_history(path: &Path, ids: &Ids, n: usize, notes: usize) {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    let base = "2025-06-05T17:30:00Z"
        .parse::<chrono::DateTime<Utc>>()
        .unwrap();
    let ts = |t: chrono::DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let members: Vec<i64> = ids.members.iter().map(|(_, id)| id.get()).collect();
    for i in 0..n {
        let at = base - Duration::weeks(i as i64);
        let title = if i % 10 == 3 {
            format!("Weekly circle {i}: alarm fatigue")
        } else {
            format!("Weekly circle {i}")
        };
        tx.execute(
            "INSERT INTO meeting (community_id, title, scheduled_at, planned_minutes, status,
                                  started_at, ended_at, created_at)
             VALUES (?1, ?2, ?3, 60, 'ended', ?3, ?4, ?3)",
            rusqlite::params![
                ids.club.get(),
                title,
                ts(at),
                ts(at + Duration::minutes(62))
            ],
        )
        .unwrap();
        let m = tx.last_insert_rowid();
        for (p, kind) in ["round_robin", "check_out"].iter().enumerate() {
            tx.execute(
                "INSERT INTO agenda_item (meeting_id, position, kind, title, minutes)
                 VALUES (?1, ?2, ?3, ?4, 30)",
                rusqlite::params![m, p as i64, kind, format!("Item {p}")],
            )
            .unwrap();
        }
        for k in 0..3 {
            tx.execute(
                "INSERT INTO attendance (meeting_id, member_id, status) VALUES (?1, ?2, 'present')",
                rusqlite::params![m, members[(i + k) % members.len()]],
            )
            .unwrap();
        }
        for k in 0..notes {
            tx.execute(
                "INSERT INTO note (meeting_id, member_id, kind, body, created_at, updated_at)
                 VALUES (?1, ?2, 'idea', ?3, ?4, ?4)",
                rusqlite::params![m, members[(i + k) % members.len()], format!("Idea {k} of meeting {i}: the night shift could try the checklist on the ward before handover"), ts(at)],
            )
            .unwrap();
        }
        if i % 3 == 0 {
            tx.execute(
                "INSERT INTO action_item (community_id, meeting_id, title, status, created_at)
                 VALUES (?1, ?2, ?3, 'done', ?4)",
                rusqlite::params![ids.club.get(), m, format!("Follow up {i}"), ts(at)],
            )
            .unwrap();
        }
    }
    tx.commit().unwrap();
}
