//! Search fixtures: the common club plus texts to find (notes of several kinds and
//! speakers, an agenda item's leader notes, a cycle's topic and summary, an improvement,
//! an action and a follow-up), and a generated corpus of any size written through SQL
//! in one transaction (for paging and the bench).

#![allow(dead_code)]

use crate::common::{self, ARCHIVED, Ids, LEADER};

const BEN: &str = "Ben Carter";
use rusqlite::{Connection, params};
use std::path::Path;

/// What the search fixture added, by id.
pub struct Found {
    pub ids: Ids,
    /// The ended meeting the alarm notes were taken in.
    pub drill: i64,
    pub alarm_note: i64,
}

/// The common fixture file plus the texts the search tests look for.
pub fn search_db(path: &Path) -> Found {
    let ids = common::write_db(path);
    let conn = Connection::open(path).expect("raw connection");
    let c = ids.club.get();
    let amara = ids.member(LEADER).get();
    let ben = ids.member(BEN).get();
    conn.execute(
        "INSERT INTO meeting (community_id, title, scheduled_at, planned_minutes, status, started_at, ended_at, created_at)
         VALUES (?1, 'Fire drill debrief', '2026-09-03T16:30:00Z', 60, 'ended', '2026-09-03T16:31:00Z',
                 '2026-09-03T17:30:00Z', '2026-09-01T09:00:00.000Z')",
        params![c],
    )
    .expect("meeting");
    let drill = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO agenda_item (meeting_id, position, kind, title, minutes, leader_notes)
         VALUES (?1, 0, 'open_discussion', 'Evacuation routes', 20, 'Ask who heard the siren first')",
        params![drill],
    )
    .expect("item");
    let note = |member: Option<i64>, kind: &str, body: &str| {
        conn.execute(
            "INSERT INTO note (meeting_id, member_id, kind, body, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, '2026-09-03T16:40:00Z', '2026-09-03T16:40:00Z')",
            params![drill, member, kind, body],
        )
        .expect("note");
        conn.last_insert_rowid()
    };
    let alarm_note = note(
        Some(amara),
        "problem",
        "The fire alarm on ward 7 rang for ten minutes before anyone checked the panel",
    );
    note(
        Some(ben),
        "idea",
        "Alarm alarm alarm: label every alarm panel",
    );
    note(None, "decision", "Practise the drill with the night shift");
    note(
        Some(ben),
        "note",
        "Alarmingly few people knew the assembly point",
    );
    conn.execute(
        "INSERT INTO cycle (community_id, number, topic, summary, phase, started_on)
         VALUES (?1, 1, 'Fire safety on the ward', 'Read the trust policy on evacuation', 'reflection', '2026-08-20')",
        params![c],
    )
    .expect("cycle");
    let cycle = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO improvement (cycle_id, body, created_at) VALUES (?1, 'Start drills on time', '2026-09-10T10:00:00Z')",
        params![cycle],
    )
    .expect("improvement");
    conn.execute(
        "INSERT INTO action_item (community_id, meeting_id, owner_member_id, title, created_at)
         VALUES (?1, ?2, ?3, 'Order glow-in-the-dark evacuation signs', '2026-09-03T17:00:00Z')",
        params![c, drill, ben],
    )
    .expect("action");
    let action = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO action_update (action_id, meeting_id, verdict, note, learned, created_at)
         VALUES (?1, NULL, 'partly', 'Signs ordered, not yet fitted', 'Estates must fit anything on a wall', '2026-09-17T10:00:00Z')",
        params![action],
    )
    .expect("follow-up");
    // The archived community said "alarm" too: the community filter must leave it out.
    let other: i64 = conn
        .query_row(
            "SELECT id FROM community WHERE name = ?1",
            [ARCHIVED],
            |r| r.get(0),
        )
        .expect("archived community");
    conn.execute(
        "INSERT INTO meeting (community_id, title, scheduled_at, planned_minutes, status, created_at)
         VALUES (?1, 'Pharmacy alarm review', '2025-03-01T10:00:00Z', 30, 'ended', '2025-02-01T09:00:00.000Z')",
        params![other],
    )
    .expect("other meeting");
    conn.execute(
        "INSERT INTO note (meeting_id, body, created_at, updated_at)
         VALUES (?1, 'The fridge alarm went off overnight', '2025-03-01T10:05:00Z', '2025-03-01T10:05:00Z')",
        params![conn.last_insert_rowid()],
    )
    .expect("other note");
    Found {
        ids,
        drill,
        alarm_note,
    }
}

/// Words the generated corpus draws from (varied, so terms have realistic frequencies).
const WORDS: &[&str] = &[
    "ward",
    "patient",
    "handover",
    "checklist",
    "sepsis",
    "audit",
    "falls",
    "drill",
    "alarm",
    "fatigue",
    "rota",
    "night",
    "shift",
    "paper",
    "evidence",
    "trial",
    "bundle",
    "score",
    "escalation",
    "policy",
    "training",
    "pressure",
    "ulcer",
    "medication",
    "error",
    "round",
    "family",
    "discharge",
    "infection",
    "hand",
    "hygiene",
    "mobility",
    "pain",
    "sleep",
    "nutrition",
    "fluid",
    "chart",
    "observation",
    "student",
    "mentor",
    "reflection",
    "feedback",
    "learning",
    "question",
    "problem",
    "solution",
    "decision",
    "action",
];

/// Adds `meetings` ended meetings to community `community` with `notes_per` notes each
/// (speakers cycling through `members`), in one transaction. Note bodies are 12–20
/// words from [`WORDS`] chosen by a fixed pseudo-random sequence, plus a rare word
/// (`zebra<n>`) every 1,000th note.
pub fn corpus(
    conn: &mut Connection,
    community: i64,
    members: &[i64],
    meetings: usize,
    notes_per: usize,
) {
    let tx = conn.transaction().expect("transaction");
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let kinds = ["note", "idea", "question", "problem", "decision"];
    {
        let mut meeting = tx
            .prepare(
                "INSERT INTO meeting (community_id, title, scheduled_at, planned_minutes, status, created_at)
                 VALUES (?1, ?2, ?3, 60, 'ended', ?3)",
            )
            .expect("prepare meeting");
        let mut note = tx
            .prepare(
                "INSERT INTO note (meeting_id, member_id, kind, body, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            )
            .expect("prepare note");
        let base = chrono::NaiveDate::from_ymd_opt(2016, 1, 7).expect("date");
        let mut n = 0usize;
        for m in 0..meetings {
            let day = base + chrono::Duration::days(7 * m as i64);
            let when = format!("{day}T17:30:00Z");
            meeting
                .execute(params![community, format!("Weekly meeting {m}"), when])
                .expect("meeting");
            let mid = tx.last_insert_rowid();
            for _ in 0..notes_per {
                let len = 12 + (next() % 9) as usize;
                let mut body: Vec<&str> = (0..len)
                    .map(|_| WORDS[(next() % WORDS.len() as u64) as usize])
                    .collect();
                let rare;
                if n.is_multiple_of(1000) {
                    rare = format!("zebra{}", n / 1000);
                    body.push(&rare);
                }
                let speaker = members.get(n % members.len().max(1)).copied();
                let kind = kinds[n % kinds.len()];
                note.execute(params![mid, speaker, kind, body.join(" "), when])
                    .expect("note");
                n += 1;
            }
        }
    }
    tx.commit().expect("commit corpus");
}
