//! Full-text search in the store: ranking, prefixes and phrases, filters, the hint a
//! malformed query gets, the index kept current by triggers, and a dump round trip.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod search_common;

use chrono::NaiveDate;
use common::{LEADER, NOW};
use roundtable::domain::note::NoteKind;
use roundtable::domain::search::{HitKind, MARK_END, MARK_START};
use roundtable::store::{SearchError, SearchFilters, SearchHit, Store};
use search_common::{Found, search_db};

fn open() -> (tempfile::TempDir, Store, Found) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("search.db");
    let found = search_db(&path);
    let store = Store::open(&path).unwrap();
    (dir, store, found)
}

fn all() -> SearchFilters {
    SearchFilters::default()
}

fn find(store: &Store, q: &str, f: &SearchFilters) -> Vec<SearchHit> {
    store.search(q, f, 50, 0).unwrap()
}

fn plain(s: &str) -> String {
    s.replace([MARK_START, MARK_END], "")
}

#[test]
fn the_best_match_comes_first_and_matched_words_are_marked() {
    let (_d, store, _) = open();
    let hits = find(&store, "alarm", &all());
    // Ben's note says "alarm" four times in a few words: it ranks first.
    assert!(
        plain(&hits[0].snippet).starts_with("Alarm alarm alarm"),
        "{hits:#?}"
    );
    assert_eq!(hits[0].member.as_deref(), Some("Ben Carter"));
    assert_eq!(hits[0].kind, HitKind::Note(NoteKind::Idea));
    assert_eq!(hits[0].meeting.as_ref().unwrap().1, "Fire drill debrief");
    assert_eq!(hits[0].day, NaiveDate::from_ymd_opt(2026, 9, 3));
    assert!(
        hits[0]
            .snippet
            .contains(&format!("{MARK_START}Alarm{MARK_END}"))
    );
    // Whole words only: "Alarmingly" is not "alarm".
    assert!(
        hits.iter()
            .all(|h| !plain(&h.snippet).contains("Alarmingly"))
    );
    // Both communities said it.
    assert_eq!(hits.len(), 3, "{hits:#?}");
}

#[test]
fn prefixes_and_phrases_work() {
    let (_d, store, _) = open();
    let prefix = find(&store, "alarm*", &all());
    assert!(
        prefix
            .iter()
            .any(|h| plain(&h.snippet).contains("Alarmingly"))
    );
    assert_eq!(prefix.len(), 4);
    let phrase = find(&store, "\"fire alarm\"", &all());
    assert_eq!(phrase.len(), 1);
    assert!(plain(&phrase[0].snippet).contains("The fire alarm on ward 7"));
    // The words apart are not the phrase.
    assert!(find(&store, "\"alarm fire\"", &all()).is_empty());
    assert_eq!(find(&store, "fire alarm", &all()).len(), 1);
    assert_eq!(find(&store, "fridge OR panel", &all()).len(), 3);
}

#[test]
fn every_source_is_searched() {
    let (_d, store, _) = open();
    let kind = |q: &str| {
        find(&store, q, &all())
            .iter()
            .map(|h| h.kind)
            .collect::<Vec<_>>()
    };
    assert_eq!(kind("siren"), [HitKind::LeaderNotes]);
    assert_eq!(kind("routes"), [HitKind::Agenda]);
    assert_eq!(kind("safety"), [HitKind::Topic]);
    assert_eq!(kind("trust"), [HitKind::Summary]);
    assert_eq!(kind("drills"), [HitKind::Improvement]);
    assert_eq!(kind("glow"), [HitKind::ActionItem]);
    assert_eq!(kind("fitted"), [HitKind::FollowUp]);
    assert_eq!(kind("estates"), [HitKind::Learned]);
    let topic = &find(&store, "safety", &all())[0];
    assert_eq!(topic.meeting, None);
    assert_eq!(topic.day, NaiveDate::from_ymd_opt(2026, 8, 20));
}

#[test]
fn filters_narrow_by_community_member_kind_and_dates() {
    let (_d, store, found) = open();
    let club = SearchFilters {
        community: Some(found.ids.club),
        ..all()
    };
    let hits = find(&store, "alarm", &club);
    assert_eq!(hits.len(), 2);
    assert!(hits.iter().all(|h| h.community_id == found.ids.club));
    let amara = SearchFilters {
        member: Some(found.ids.member(LEADER)),
        ..all()
    };
    let hits = find(&store, "alarm", &amara);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].member.as_deref(), Some(LEADER));
    let ideas = SearchFilters {
        kind: Some(HitKind::Note(NoteKind::Idea)),
        ..all()
    };
    assert_eq!(find(&store, "alarm", &ideas).len(), 1);
    let actions = SearchFilters {
        kind: Some(HitKind::ActionItem),
        ..all()
    };
    assert_eq!(find(&store, "signs OR alarm", &actions).len(), 1);
    let in_2025 = SearchFilters {
        from: NaiveDate::from_ymd_opt(2025, 1, 1),
        to: NaiveDate::from_ymd_opt(2025, 12, 31),
        ..all()
    };
    let hits = find(&store, "alarm", &in_2025);
    assert_eq!(hits.len(), 1);
    assert!(plain(&hits[0].snippet).contains("fridge"));
    let from_sept = SearchFilters {
        from: NaiveDate::from_ymd_opt(2026, 9, 3),
        ..all()
    };
    assert_eq!(find(&store, "alarm", &from_sept).len(), 2);
    // The filter words are not searchable text.
    let tag = format!("c{}", found.ids.club);
    assert!(find(&store, &tag, &all()).is_empty());
}

#[test]
fn a_malformed_query_gets_a_hint_never_an_sqlite_error() {
    let (_d, store, _) = open();
    for q in [
        "\"unclosed",
        "AND",
        "alarm AND",
        "(alarm",
        "NEAR(",
        "OR OR",
        "",
    ] {
        match store.search(q, &all(), 10, 0) {
            Err(SearchError::Query(e)) => {
                let msg = e.to_string();
                assert!(msg.contains("\"fire alarm\""), "{q}: {msg}");
                assert!(!msg.to_lowercase().contains("fts5"), "{q}: {msg}");
            }
            other => panic!("{q}: expected a hint, got {other:?}"),
        }
    }
    // Punctuation a leader types is searched, not refused.
    assert_eq!(find(&store, "glow-in-the-dark", &all()).len(), 1);
    assert!(find(&store, "don't", &all()).is_empty());
}

#[test]
fn paging_goes_through_every_hit_once() {
    let (_d, store, _) = open();
    let whole = store.search("alarm*", &all(), 50, 0).unwrap();
    let mut paged = store.search("alarm*", &all(), 2, 0).unwrap();
    paged.extend(store.search("alarm*", &all(), 2, 2).unwrap());
    assert_eq!(paged, whole);
}

#[test]
fn triggers_keep_the_index_current() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("search.db");
    let found = search_db(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE note SET body = 'The smoke detector rang' WHERE id = ?1",
        [found.alarm_note],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO note (meeting_id, body, created_at, updated_at) VALUES (?1, 'A new sprinkler', ?2, ?2)",
        rusqlite::params![found.drill, NOW],
    )
    .unwrap();
    conn.execute("UPDATE cycle SET topic = 'Flood safety'", [])
        .unwrap();
    conn.execute(
        "UPDATE action_item SET owner_member_id = NULL WHERE title LIKE 'Order%'",
        [],
    )
    .unwrap();
    conn.execute("DELETE FROM improvement", []).unwrap();
    conn.execute("UPDATE cycle_goal SET evidence = 'x'", [])
        .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert!(find(&store, "\"fire alarm\"", &all()).is_empty());
    assert_eq!(find(&store, "smoke", &all()).len(), 1);
    assert_eq!(find(&store, "sprinkler", &all()).len(), 1);
    assert_eq!(find(&store, "flood", &all()).len(), 1);
    assert!(find(&store, "fire safety", &all()).is_empty());
    assert!(find(&store, "drills", &all()).is_empty());
    let ben = SearchFilters {
        member: Some(found.ids.member("Ben Carter")),
        kind: Some(HitKind::ActionItem),
        ..all()
    };
    assert!(
        find(&store, "signs", &ben).is_empty(),
        "the owner left the action"
    );
    // Deleting a meeting takes its notes, items and their entries with it.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    conn.execute("DELETE FROM meeting WHERE id = ?1", [found.drill])
        .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert!(find(&store, "smoke OR sprinkler OR routes OR siren", &all()).is_empty());
    store_integrity(&path);
}

/// FTS5's own check that the index matches its content.
fn store_integrity(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute(
        "INSERT INTO search_fts (search_fts) VALUES ('integrity-check')",
        [],
    )
    .unwrap();
}

#[test]
fn goal_evidence_is_one_entry_per_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("search.db");
    let found = search_db(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO goal (community_id, title, created_at, updated_at) VALUES ({c}, 'G1', '{NOW}', '{NOW}');
         INSERT INTO goal (community_id, title, created_at, updated_at) VALUES ({c}, 'G2', '{NOW}', '{NOW}');
         INSERT INTO cycle_goal (cycle_id, goal_id, evidence) SELECT 1, id, 'audit showed ' || title FROM goal WHERE title IN ('G1', 'G2');",
        c = found.ids.club
    ))
    .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    let hits = find(&store, "audit", &all());
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0].kind, HitKind::Evidence);
    assert!(plain(&hits[0].snippet).contains("G1"));
    assert!(plain(&hits[0].snippet).contains("G2"));
}

#[test]
fn an_export_and_import_round_trip_keeps_search_working() {
    let (_d, store, _) = open();
    let before = find(&store, "alarm* OR evacuation", &all());
    let json = roundtable::store::dump::export(&store).unwrap();
    let mut fresh = Store::open_in_memory().unwrap();
    roundtable::store::dump::import(&mut fresh, json.as_bytes()).unwrap();
    let after = find(&fresh, "alarm* OR evacuation", &all());
    assert_eq!(after, before);
    assert!(!after.is_empty());
}

/// bm25 reads every matching entry, so only up to `CANDIDATES` matches are ranked; more
/// come newest first: the oldest, best match ("Alarm alarm alarm…", written before the
/// corpus) drops out of the page once more than that many newer entries match, and the
/// page says it is limited. (Changes what "ranked" means for very common words.)
#[test]
fn only_the_newest_matches_are_ranked_and_the_page_says_so() {
    use roundtable::store::CANDIDATES;
    let (dir, store, found) = open();
    let best = |store: &Store| {
        let page = store.search_page("alarm", &all(), 5, 0).unwrap();
        (page.hits[0].snippet.clone(), page.limited)
    };
    let (first, limited) = best(&store);
    assert!(plain(&first).starts_with("Alarm alarm alarm"), "{first}");
    assert!(!limited);
    drop(store);
    let path = dir.path().join("search.db");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    let members = [found.ids.member(LEADER).get()];
    // About a third of the generated notes say "alarm": well over CANDIDATES.
    let meetings = (CANDIDATES as usize * 4) / 20;
    search_common::corpus(&mut conn, found.ids.club.get(), &members, meetings, 20);
    drop(conn);
    let store = Store::open(&path).unwrap();
    let (first, limited) = best(&store);
    assert!(limited);
    assert!(!plain(&first).starts_with("Alarm alarm alarm"), "{first}");
    // A narrower search reaches it again.
    let ben = SearchFilters {
        kind: Some(HitKind::Note(NoteKind::Idea)),
        to: NaiveDate::from_ymd_opt(2026, 9, 30),
        from: NaiveDate::from_ymd_opt(2026, 9, 1),
        ..all()
    };
    let page = store.search_page("alarm", &ben, 5, 0).unwrap();
    assert!(plain(&page.hits[0].snippet).starts_with("Alarm alarm alarm"));
}

/// An action said in a meeting is saved as an action note and the action item taken from
/// it, with the note's title line as its title and, by default, the speaker as its owner:
/// one hit, an action of its owner, that the kind filter for either kind finds. Given to
/// someone else: two hits, so a member filter with a kind filter never finds one person's
/// action through another's words; given back: one. Its title edited away from what was
/// said: two; back: one. The note edited: two; a second line added to it: still one (the
/// title is the first line). Either deleted: the other alone. FTS5's own check passes
/// after all of it.
#[test]
fn a_spoken_action_is_one_hit_found_by_either_kind() {
    use roundtable::domain::NoteId;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("search.db");
    let found = search_db(&path);
    let (amara, ben) = (found.ids.member(LEADER), found.ids.member("Ben Carter"));
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    // Amara says it and will do it: the note, then its action item (as `Tx::add_note`).
    let said = "Book the defibrillator training";
    let take = |conn: &rusqlite::Connection, note: i64| {
        conn.execute(
            "INSERT INTO action_item (community_id, meeting_id, note_id, owner_member_id, title, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![found.ids.club.get(), found.drill, note, amara.get(), said, NOW],
        )
        .unwrap();
        conn.last_insert_rowid()
    };
    conn.execute(
        "INSERT INTO note (meeting_id, member_id, kind, body, created_at, updated_at)
         VALUES (?1, ?2, 'action', ?3, ?4, ?4)",
        rusqlite::params![found.drill, amara.get(), said, NOW],
    )
    .unwrap();
    let note = conn.last_insert_rowid();
    let action = take(&conn, note);
    let store = Store::open(&path).unwrap();
    // (kind, member) of each hit of "defibrillator" under `f`.
    let hits = |f: &SearchFilters| -> Vec<(HitKind, Option<String>)> {
        find(&store, "defibrillator", f)
            .into_iter()
            .map(|h| (h.kind, h.member))
            .collect()
    };
    let by = |member, kind| SearchFilters {
        member,
        kind,
        ..all()
    };
    let (said_by, given) = (Some(LEADER.to_string()), Some("Ben Carter".to_string()));
    let one = vec![(HitKind::ActionItem, said_by.clone())];
    assert_eq!(hits(&all()), one);
    let hit = &find(&store, "defibrillator", &all())[0];
    assert_eq!(hit.note(), Some(NoteId::new(note)), "opened at the note");
    let action_note = Some(HitKind::Note(NoteKind::Action));
    let action_item = Some(HitKind::ActionItem);
    for f in [
        by(None, action_note),
        by(None, action_item),
        by(Some(amara), None),
        by(Some(amara), action_item),
        by(Some(amara), action_note),
        SearchFilters {
            community: Some(found.ids.club),
            ..by(Some(amara), action_note)
        },
    ] {
        assert_eq!(hits(&f), one, "{f:?}");
    }
    assert!(hits(&by(Some(ben), None)).is_empty());
    assert!(hits(&by(None, Some(HitKind::Note(NoteKind::Idea)))).is_empty());
    let sorted = |mut h: Vec<(HitKind, Option<String>)>| {
        h.sort_by_key(|(k, _)| k.as_str());
        h
    };
    let said_note = (HitKind::Note(NoteKind::Action), said_by.clone());
    let edit = |sql: &str, id: i64| assert_eq!(conn.execute(sql, [id]).unwrap(), 1, "{sql}");
    // Given to Ben: Amara's words and Ben's action, each found by its own person only.
    let owner = |to: roundtable::domain::MemberId| {
        let sql = "UPDATE action_item SET owner_member_id = ?2 WHERE id = ?1";
        assert_eq!(
            conn.execute(sql, rusqlite::params![action, to.get()])
                .unwrap(),
            1
        );
    };
    owner(ben);
    let bens = (HitKind::ActionItem, given.clone());
    assert_eq!(sorted(hits(&all())), [said_note.clone(), bens.clone()]);
    assert_eq!(hits(&by(Some(amara), action_item)), []);
    assert_eq!(hits(&by(Some(ben), action_note)), []);
    assert_eq!(hits(&by(Some(ben), action_item)), [bens]);
    owner(amara);
    assert_eq!(hits(&all()), one, "given back");
    let two = vec![said_note.clone(), (HitKind::ActionItem, said_by.clone())];
    let retitle = |to: &str| {
        let sql = "UPDATE action_item SET title = ?2 WHERE id = ?1";
        assert_eq!(conn.execute(sql, rusqlite::params![action, to]).unwrap(), 1);
    };
    retitle("Book the defibrillator course");
    assert_eq!(sorted(hits(&all())), two, "the title edited away");
    retitle(said);
    assert_eq!(hits(&all()), one, "the title back");
    edit("UPDATE note SET body = body || ' soon' WHERE id = ?1", note);
    assert_eq!(sorted(hits(&all())), two, "the note edited");
    edit(
        "UPDATE note SET body = substr(body, 1, length(body) - 5) WHERE id = ?1",
        note,
    );
    assert_eq!(hits(&all()), one, "the note as the title again");
    edit(
        "UPDATE note SET body = body || char(10) || 'with the ward manager' WHERE id = ?1",
        note,
    );
    assert_eq!(hits(&all()), one, "a second line: the title is the first");
    edit("DELETE FROM action_item WHERE id = ?1", action);
    assert_eq!(hits(&all()), [said_note], "the action deleted");
    let action = take(&conn, note);
    assert_eq!(hits(&all()), one, "taken again");
    // The note deleted: the action keeps its own entry (its `note_id` set to NULL).
    edit("DELETE FROM note WHERE id = ?1", note);
    assert_eq!(hits(&all()), one, "the action alone");
    let hit = &find(&store, "defibrillator", &all())[0];
    assert_eq!((hit.note(), hit.source_id()), (None, action));
    store_integrity(&path);
}

/// B8 (round 7): a cycle's outcome and its goals' evidence are dated by the day the cycle
/// closed (the hit's day, and the date filter), its topic by the day it started; closing
/// it moves them (the update the Cycles screen makes when it closes one).
#[test]
fn a_cycle_outcome_is_dated_by_the_close() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("search.db");
    let found = search_db(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO goal (community_id, title, created_at, updated_at) VALUES ({c}, 'G1', '{NOW}', '{NOW}');
         INSERT INTO cycle_goal (cycle_id, goal_id, evidence) SELECT 1, id, 'pressure audit' FROM goal;
         UPDATE cycle SET phase = 'closed' WHERE id = 1;
         UPDATE cycle SET ended_on = '2026-10-22', outcome = 'Pressure injuries down' WHERE id = 1;",
        c = found.ids.club
    ))
    .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    let within = |from: (u32, u32), to: (u32, u32)| SearchFilters {
        from: NaiveDate::from_ymd_opt(2026, from.0, from.1),
        to: NaiveDate::from_ymd_opt(2026, to.0, to.1),
        ..all()
    };
    let mut october = find(&store, "pressure", &within((10, 1), (10, 31)));
    october.sort_by_key(|h| h.entry);
    let kinds: Vec<_> = october.iter().map(|h| (h.kind, h.day)).collect();
    let closed = NaiveDate::from_ymd_opt(2026, 10, 22);
    assert_eq!(
        kinds,
        [(HitKind::Outcome, closed), (HitKind::Evidence, closed)],
        "{october:#?}"
    );
    assert!(find(&store, "pressure", &within((9, 1), (9, 30))).is_empty());
    assert!(find(&store, "pressure", &within((10, 22), (10, 22))).len() == 2);
    // The topic stays on the day the cycle started.
    let topic = find(&store, "fire", &within((8, 20), (8, 20)));
    assert_eq!(topic.len(), 1, "{topic:#?}");
    assert_eq!(topic[0].kind, HitKind::Topic);
}
