//! The full-text index during `import json`. Kept up to date row by row by its triggers,
//! `search_fts` cost most of a large import; instead, inside the import's one transaction,
//! the triggers that write it are set aside (their SQL read from the schema, then
//! dropped), every row goes in, the index is filled once from the same views the triggers
//! read (`search_*_src`, schema 8; those of notes and actions remade by migration 0014,
//! where a spoken action is one entry), and the triggers are created again from the very
//! statements read before. A refused import rolls all of it back, triggers included.

use rusqlite::Connection;

/// `PRAGMA cache_size` during an import: 48 MiB (negative: in KiB) rather than SQLite's
/// 2 MiB, so the long transaction's pages stay in memory instead of being spilled to the
/// WAL and read back; bounded whatever the size of the dump (peak RSS stays under 100 MB).
pub(super) const IMPORT_CACHE_SIZE: i64 = -48 * 1024;

/// The triggers that write `search_fts` or `meeting_tally`, as the schema held them:
/// (name, SQL).
pub(super) struct SetAside(Vec<(String, String)>);

/// Reads every trigger whose body writes `search_fts` or `meeting_tally` (each meeting's
/// counts) from the schema, then drops it.
pub(super) fn set_aside(conn: &Connection) -> rusqlite::Result<SetAside> {
    let mut stmt = conn.prepare(
        "SELECT name, sql FROM sqlite_schema
         WHERE type = 'trigger' AND (sql LIKE '%search\\_fts%' ESCAPE '\\'
                                     OR sql LIKE '%meeting\\_tally%' ESCAPE '\\')
         ORDER BY rowid",
    )?;
    let triggers = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
    for (name, _) in &triggers {
        let quoted = format!("\"{}\"", name.replace('"', "\"\""));
        conn.execute_batch(&format!("DROP TRIGGER {quoted}"))?;
    }
    Ok(SetAside(triggers))
}

impl SetAside {
    /// Fills the index and the meetings' tally from every row now in the tables, then
    /// puts the triggers back.
    pub(super) fn restore(self, conn: &Connection) -> rusqlite::Result<()> {
        conn.execute_batch(FILL)?;
        conn.execute_batch(TALLY_FILL)?;
        for (_, sql) in &self.0 {
            conn.execute_batch(sql)?;
        }
        Ok(())
    }
}

/// Every entry the insert triggers write, from the same sources, for all rows at once:
/// the view `search_src` (schema 10, remade by migration 0014) that also filled the index
/// when it was made (`fill_gives_what_the_triggers_give` compares the two on every kind of
/// entry, `the_fill_gives_what_the_triggers_kept_through_spoken_actions` after a workload
/// of spoken actions). The index is emptied first: what it held came from rows the import
/// replaced.
///
/// FTS5 gathers new entries in memory and writes them out as a segment of the index when
/// they reach its `hashsize` (1 MiB by default), then merges segments as they pile up;
/// with the seven prefix indexes every word adds eight entries, so at 1 MiB a large fill
/// writes and merges many small segments. At 16 MiB it writes sixteen times fewer: the
/// large dump's fill takes about a fifth less CPU, for ~10 MB more memory while it runs
/// (docs/PERFORMANCE.md, "import json, round 5"). The setting is stored in the file
/// (`search_fts_config`), so it is put back to FTS5's default at once, then its row
/// deleted: the file's configuration is then that of a fresh database
/// (`the_fill_leaves_the_configuration_of_a_fresh_database`).
const FILL: &str = "
INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 16777216);
DELETE FROM search_fts;
INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
    SELECT * FROM search_src;
INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 1048576);
DELETE FROM search_fts_config WHERE k = 'hashsize';
";

/// Every meeting's counts from the view that defines them (migration 0013 fills the table
/// with the same `SELECT`); what the table held came from rows the import replaced.
pub(super) const TALLY_FILL: &str = "
DELETE FROM meeting_tally;
INSERT INTO meeting_tally SELECT * FROM meeting_tally_src;
";

#[cfg(test)]
mod tests {
    use super::super::Store;
    use super::super::dump::{export, import, import_from};
    use super::FILL;
    use rusqlite::OptionalExtension;

    /// Every entry of the index, in rowid order, all its columns.
    fn entries(store: &Store) -> Vec<String> {
        entries_of(store.conn())
    }

    /// [`entries`] of a connection.
    fn entries_of(conn: &rusqlite::Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare(
                "SELECT rowid, body, tags, kind, community_id, meeting_id, member_id, at
                 FROM search_fts ORDER BY rowid",
            )
            .unwrap();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..8)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect();
                Ok(cells.join("|"))
            })
            .unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    }

    /// How many entries of the index hold "zebrafinch" (written after the import).
    fn zebrafinches(store: &Store) -> i64 {
        store
            .conn()
            .query_row(
                "SELECT count(*) FROM search_fts WHERE search_fts MATCH 'zebrafinch'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    /// The triggers of the schema: (name, SQL).
    fn triggers(store: &Store) -> Vec<(String, String)> {
        let mut stmt = store
            .conn()
            .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")
            .unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    }

    /// Writes a community, a meeting and one note saying "zebrafinch" into an empty
    /// database, through the triggers.
    fn note_a_zebrafinch(store: &Store) {
        store
            .conn()
            .execute_batch(
                "INSERT INTO community (id, name, meeting_minutes, created_at)
                     VALUES (1, 'Ward', 60, '2025-01-01T00:00:00Z');
                 INSERT INTO meeting (id, community_id, title, scheduled_at, planned_minutes, created_at)
                     VALUES (1, 1, 'Huddle', '2025-01-02T09:00:00Z', 30, '2025-01-01T00:00:00Z');
                 INSERT INTO note (meeting_id, kind, body, created_at, updated_at)
                     VALUES (1, 'idea', 'zebrafinch sighting', '2025-01-02T09:10:00Z',
                             '2025-01-02T09:10:00Z');",
            )
            .unwrap();
    }

    /// FTS5's stored configuration of the index: (key, value).
    fn fts_config(store: &Store) -> Vec<(String, String)> {
        let mut stmt = store
            .conn()
            .prepare("SELECT k, quote(v) FROM search_fts_config ORDER BY k")
            .unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    }

    fn demo() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        crate::demo::create(&path, false).unwrap();
        let store = Store::open_read_only(&path).unwrap();
        (dir, store)
    }

    /// The demo's index was written by the triggers, row by row; the import's, by `FILL`
    /// once. They must hold the same entries, of every kind (1 note … 11 learned). The
    /// demo's actions were all said by their owners, so each shares its note's entry: one
    /// added on the Actions screen (of no note) gives the action title's own kind.
    #[test]
    fn fill_gives_what_the_triggers_give() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        crate::demo::create(&path, false).unwrap();
        let added = rusqlite::Connection::open(&path)
            .unwrap()
            .execute(
                "INSERT INTO action_item (community_id, meeting_id, title, created_at)
                 SELECT community_id, id, 'Restock the bay trolleys', scheduled_at
                 FROM meeting WHERE status = 'ended' ORDER BY id LIMIT 1",
                [],
            )
            .unwrap();
        assert_eq!(added, 1);
        let demo = Store::open_read_only(&path).unwrap();
        let by_triggers = entries(&demo);
        let mut copy = Store::open_in_memory().unwrap();
        import(&mut copy, export(&demo).unwrap().as_bytes()).unwrap();
        assert_eq!(entries(&copy), by_triggers);
        let kinds: std::collections::BTreeSet<i64> = by_triggers
            .iter()
            .filter_map(|e| {
                e.split('|')
                    .next()?
                    .trim_start_matches("Integer(")
                    .trim_end_matches(')')
                    .parse()
                    .ok()
            })
            .map(|rowid: i64| rowid % 16)
            .collect();
        assert_eq!(
            kinds,
            (1..=11).collect(),
            "the demo has every kind of entry"
        );
        // The triggers are back, as the schema had them, and keep the index again.
        assert_eq!(triggers(&copy), triggers(&demo));
        copy.conn()
            .execute(
                "UPDATE note SET body = 'zebrafinch' WHERE id = (SELECT min(id) FROM note)",
                [],
            )
            .unwrap();
        assert_eq!(zebrafinches(&copy), 1);
    }

    /// An action said in a meeting, as `Tx::add_note` saves it: the note said by `owner`,
    /// then the action item taken from it, titled as said and owned by its speaker.
    /// Returns (note, action).
    fn say(conn: &rusqlite::Connection, meeting: i64, owner: i64, said: &str) -> (i64, i64) {
        conn.execute(
            "INSERT INTO note (meeting_id, member_id, kind, body, created_at, updated_at)
             VALUES (?1, ?3, 'action', ?2, '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z')",
            rusqlite::params![meeting, said, owner],
        )
        .unwrap();
        let note = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO action_item (community_id, meeting_id, note_id, owner_member_id, title,
                                      created_at)
             SELECT community_id, id, ?2, ?3, ?4, '2026-01-05T10:00:00Z' FROM meeting
             WHERE id = ?1",
            rusqlite::params![meeting, note, owner, said],
        )
        .unwrap();
        (note, conn.last_insert_rowid())
    }

    /// Whether the index holds the entry `rowid`, and whether its tags name an action.
    fn entry(conn: &rusqlite::Connection, rowid: i64) -> Option<bool> {
        conn.query_row(
            "SELECT tags LIKE '%kactionitem%' FROM search_fts WHERE rowid = ?1",
            [rowid],
            |r| r.get(0),
        )
        .optional()
        .unwrap()
    }

    /// The triggers keep one entry for a spoken action and two once its title and its
    /// note (or its owner and speaker) differ, through a workload of spoken actions —
    /// titled as said, the title edited away and back, the note edited, a second line
    /// added to the note, the owner changed, the action or the note deleted, a second
    /// action taken from one note — on the demo (whose own spoken
    /// actions share their notes' entries), then dates moved (meetings started in another
    /// month or rescheduled, a cycle's close moved or undone: every entry's month token,
    /// migration 0015): the index they kept is the one the fill writes from the views.
    #[test]
    fn the_fill_gives_what_the_triggers_kept_through_spoken_actions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        crate::demo::create(&path, false).unwrap();
        let store = Store::open(&path).unwrap();
        let conn = store.conn();
        let (meeting, owner): (i64, i64) = conn
            .query_row(
                "SELECT m.id, p.id FROM meeting m JOIN member p ON p.community_id = m.community_id
                 WHERE m.status = 'ended' ORDER BY m.id, p.id LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let run = |sql: &str, id: i64| assert_eq!(conn.execute(sql, [id]).unwrap(), 1, "{sql}");
        // Everything said first, so that no row deleted after gives its id to another.
        let said = say(conn, meeting, owner, "Ring the estates desk");
        let back = say(conn, meeting, owner, "Order the sharps bins");
        let edited = say(conn, meeting, owner, "Audit the crash trolley");
        let away = say(conn, meeting, owner, "Swap the night rota");
        let owned = say(conn, meeting, owner, "Check the hoist");
        let dropped = say(conn, meeting, owner, "Phone the pharmacy");
        let unsaid = say(conn, meeting, owner, "Label the oxygen");
        let twice = say(conn, meeting, owner, "Mend the bed rail");
        let lined = say(conn, meeting, owner, "Test the call bells");
        conn.execute(
            "INSERT INTO action_item (community_id, meeting_id, note_id, title, created_at)
             SELECT community_id, meeting_id, note_id, title, created_at FROM action_item
             WHERE id = ?1",
            [twice.1],
        )
        .unwrap();
        let second = conn.last_insert_rowid();
        run(
            "UPDATE action_item SET title = 'Order the yellow bins' WHERE id = ?1",
            back.1,
        );
        run(
            "UPDATE action_item SET title = 'Order the sharps bins' WHERE id = ?1",
            back.1,
        );
        run(
            "UPDATE note SET body = body || ' weekly' WHERE id = ?1",
            edited.0,
        );
        run(
            "UPDATE action_item SET title = 'Swap the rota' WHERE id = ?1",
            away.1,
        );
        run(
            "UPDATE action_item SET owner_member_id = NULL WHERE id = ?1",
            owned.1,
        );
        run(
            "UPDATE note SET body = body || char(10) || 'in every bay' WHERE id = ?1",
            lined.0,
        );
        run("DELETE FROM action_item WHERE id = ?1", dropped.1);
        run("DELETE FROM note WHERE id = ?1", unsaid.0);
        // One entry, an action's, where title and note agree; else each its own.
        let note = |(n, _): (i64, i64)| entry(conn, n * 16 + 1);
        let action = |(_, a): (i64, i64)| entry(conn, a * 16 + 9);
        for (one, why) in [(said, "said"), (back, "back"), (lined, "a second line")] {
            assert_eq!((note(one), action(one)), (Some(true), None), "{why}");
        }
        for (two, why) in [(edited, "edited"), (away, "away"), (owned, "given away")] {
            assert_eq!((note(two), action(two)), (Some(false), Some(true)), "{why}");
        }
        assert_eq!((note(dropped), action(dropped)), (Some(false), None));
        assert_eq!((note(unsaid), action(unsaid)), (None, Some(true)));
        assert_eq!((note(twice), action(twice)), (Some(true), None));
        assert_eq!(
            entry(conn, second * 16 + 9),
            Some(true),
            "the second keeps its own"
        );
        // Dates move (migration 0015): the meeting of these actions and one with
        // follow-ups started two months after they were planned, a planned meeting
        // brought forward, one cycle closed later than it was, one's close undone.
        let followed: i64 = conn
            .query_row(
                "SELECT meeting_id FROM action_update WHERE meeting_id IS NOT NULL
                 ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        for m in [meeting, followed] {
            run(
                "UPDATE meeting SET started_at = strftime('%Y-%m-%dT%H:%M:%fZ',
                                                           scheduled_at, '+61 days')
                 WHERE id = ?1",
                m,
            );
        }
        conn.execute_batch(
            "UPDATE meeting SET scheduled_at = strftime('%Y-%m-%dT%H:%M:%fZ', scheduled_at,
                                                         '-75 days')
                 WHERE id = (SELECT max(id) FROM meeting WHERE status = 'planned');
             UPDATE cycle SET ended_on = date(ended_on, '+50 days')
                 WHERE id = (SELECT max(id) FROM cycle WHERE ended_on IS NOT NULL);
             UPDATE cycle SET ended_on = NULL
                 WHERE id = (SELECT min(id) FROM cycle WHERE ended_on IS NOT NULL);",
        )
        .unwrap();
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(
            count("SELECT count(*) FROM search_fts WHERE tags NOT LIKE '% ym______%'"),
            0,
            "every entry carries its month"
        );
        let of_moved = |sql: &str| -> i64 {
            conn.query_row(sql, rusqlite::params![meeting, followed], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(
            of_moved(
                "SELECT count(*) FROM search_fts f JOIN meeting m ON m.id = f.meeting_id
                 WHERE m.id IN (?1, ?2)
                   AND instr(f.tags, ' ym' || strftime('%Y%m', m.started_at)) = 0"
            ),
            0,
            "the moved meetings' entries"
        );
        assert!(
            of_moved("SELECT count(*) FROM search_fts WHERE meeting_id IN (?1, ?2)") > 10,
            "agenda, notes, follow-ups"
        );
        let by_triggers = entries(&store);
        conn.execute_batch(FILL).unwrap();
        assert_eq!(entries(&store), by_triggers);
        conn.execute(
            "INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .unwrap();
    }

    /// The migration of spoken actions on a file written before it (each said once and
    /// indexed twice): their two entries become one, an action titled otherwise keeps
    /// two, and the index is then the one the fill writes.
    #[test]
    fn the_migration_leaves_one_entry_for_each_spoken_action() {
        use super::super::{MIGRATION_SQL, MIGRATIONS};
        let mine = MIGRATION_SQL
            .iter()
            .position(|sql| sql.contains("CREATE VIEW search_merge"))
            .unwrap();
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        let before = rusqlite_migration::Migrations::new(
            MIGRATION_SQL[..mine]
                .iter()
                .map(|sql| rusqlite_migration::M::up(sql))
                .collect(),
        );
        before.to_latest(&mut conn).unwrap();
        conn.execute_batch(
            "INSERT INTO community (id, name, meeting_minutes, created_at)
                 VALUES (1, 'Ward', 60, '2025-01-01T00:00:00Z');
             INSERT INTO member (id, community_id, name, created_at)
                 VALUES (7, 1, 'Ben', '2025-01-01T00:00:00Z');
             INSERT INTO meeting (id, community_id, title, scheduled_at, planned_minutes, created_at)
                 VALUES (1, 1, 'Huddle', '2025-01-02T09:00:00Z', 30, '2025-01-01T00:00:00Z');",
        )
        .unwrap();
        let said = say(&conn, 1, 7, "Ring the estates desk");
        let away = say(&conn, 1, 7, "Swap the night rota");
        conn.execute(
            "UPDATE action_item SET title = 'Swap the rota' WHERE id = ?1",
            [away.1],
        )
        .unwrap();
        let count = |conn: &rusqlite::Connection| entries_of(conn).len();
        assert_eq!(count(&conn), 4, "each said once, indexed twice");
        MIGRATIONS.to_latest(&mut conn).unwrap();
        assert_eq!(count(&conn), 3);
        assert_eq!(entry(&conn, said.0 * 16 + 1), Some(true));
        assert_eq!(entry(&conn, said.1 * 16 + 9), None);
        assert_eq!(entry(&conn, away.0 * 16 + 1), Some(false));
        assert_eq!(entry(&conn, away.1 * 16 + 9), Some(true));
        // Written before the month tokens (0015): the upgrade dates every entry too.
        let undated: i64 = conn
            .query_row(
                "SELECT count(*) FROM search_fts WHERE tags NOT LIKE '% ym202501%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(undated, 0);
        let migrated = entries_of(&conn);
        conn.execute_batch(FILL).unwrap();
        assert_eq!(entries_of(&conn), migrated);
    }

    /// An import refused half-way (a late note names a member that does not exist, so
    /// SQLite refuses it after every earlier row went in with the triggers set aside)
    /// leaves the database as it was: the same rows, the same schema, and triggers that
    /// still index a note written after it.
    #[test]
    fn a_refused_import_leaves_the_triggers_in_place_and_working() {
        let (_dir, demo) = demo();
        let mut dump: serde_json::Value = serde_json::from_str(&export(&demo).unwrap()).unwrap();
        let notes = dump["tables"]["note"].as_array_mut().unwrap();
        let last = notes.len() - 1;
        notes[last]["member_id"] = serde_json::Value::from(999_999);
        let bad = serde_json::to_string(&dump).unwrap();

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("target.db");
        let mut store = Store::open(&path).unwrap();
        let (rows, schema) = (export(&store).unwrap(), triggers(&store));
        let e = import(&mut store, bad.as_bytes()).unwrap_err().to_string();
        assert!(e.contains("FOREIGN KEY"), "{e}");
        assert_eq!(export(&store).unwrap(), rows);
        assert_eq!(triggers(&store), schema);
        assert!(schema.iter().any(|(name, _)| name == "search_note_insert"));
        assert!(entries(&store).is_empty());
        note_a_zebrafinch(&store);
        assert_eq!(entries(&store).len(), 1, "the note is indexed");
        assert_eq!(zebrafinches(&store), 1);
    }

    /// The fill raises FTS5's `hashsize`, which is stored in the file: once imported, the
    /// file's configuration of the index is that of a fresh database, and a note written
    /// after the import is indexed as before.
    #[test]
    fn the_fill_leaves_the_configuration_of_a_fresh_database() {
        let (_dir, demo) = demo();
        let dir = tempfile::tempdir().unwrap();
        let fresh = Store::open(&dir.path().join("fresh.db")).unwrap();
        let mut copy = Store::open(&dir.path().join("copy.db")).unwrap();
        import(&mut copy, export(&demo).unwrap().as_bytes()).unwrap();
        assert_eq!(fts_config(&copy), fts_config(&fresh));
        assert!(fts_config(&fresh).iter().any(|(k, _)| k == "version"));
        drop(copy);
        let copy = Store::open(&dir.path().join("copy.db")).unwrap();
        assert_eq!(fts_config(&copy), fts_config(&fresh));
        copy.conn()
            .execute(
                "UPDATE note SET body = 'zebrafinch' WHERE id = (SELECT min(id) FROM note)",
                [],
            )
            .unwrap();
        assert_eq!(zebrafinches(&copy), 1);
    }

    /// Reads a dump, then moves the database file away once all of it was read: the
    /// import then fills the index and is refused just before it commits (the file at the
    /// path is no longer the one opened).
    struct ThenMoveAway {
        json: std::io::Cursor<Vec<u8>>,
        from: std::path::PathBuf,
        to: std::path::PathBuf,
    }

    impl std::io::Read for ThenMoveAway {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.json.read(buf)?;
            if n == 0 && self.from.exists() {
                std::fs::rename(&self.from, &self.to)?;
            }
            Ok(n)
        }
    }

    /// An import refused after the index was filled with the larger `hashsize` rolls the
    /// fill back with everything else: the same rows, entries, triggers and configuration
    /// of the index as before, and the triggers still index a note written after it.
    #[test]
    fn an_import_refused_after_the_fill_leaves_the_index_as_it_was() {
        let (_dir, demo) = demo();
        let dir = tempfile::tempdir().unwrap();
        let (path, away) = (dir.path().join("target.db"), dir.path().join("away.db"));
        let mut store = Store::open(&path).unwrap();
        let before = (
            export(&store).unwrap(),
            entries(&store),
            triggers(&store),
            fts_config(&store),
        );
        let reader = ThenMoveAway {
            json: std::io::Cursor::new(export(&demo).unwrap().into_bytes()),
            from: path.clone(),
            to: away.clone(),
        };
        let e = import_from(&mut store, reader).unwrap_err().to_string();
        assert!(e.contains("was moved or deleted while open"), "{e}");
        std::fs::rename(&away, &path).unwrap();
        let after = (
            export(&store).unwrap(),
            entries(&store),
            triggers(&store),
            fts_config(&store),
        );
        assert_eq!(after, before);
        note_a_zebrafinch(&store);
        assert_eq!(zebrafinches(&store), 1);
    }

    /// Every meeting's kept counts, or (`src`) the counts its rows give now.
    fn tallies(store: &Store, src: bool) -> Vec<(i64, i64, i64, i64, i64)> {
        let table = if src {
            "meeting_tally_src"
        } else {
            "meeting_tally"
        };
        let mut stmt = store
            .conn()
            .prepare(&format!("SELECT * FROM {table} ORDER BY meeting_id"))
            .unwrap();
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    }

    /// The triggers keep every meeting's counts as a fresh fill would give them, through
    /// notes added, deleted and moved (to another meeting, to none), attendance added,
    /// changed and removed, actions and agenda items added, moved and removed, and
    /// meetings added and deleted; `roundtable check` finds nothing, then finds a count
    /// changed behind the triggers' back.
    #[test]
    fn tally_kept_by_triggers_equals_a_fresh_fill() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        crate::demo::create(&path, false).unwrap();
        let store = Store::open(&path).unwrap();
        let before = tallies(&store, false);
        assert_eq!(
            before,
            tallies(&store, true),
            "the demo, written row by row"
        );
        store
            .conn()
            .execute_batch(
                "CREATE TEMP TABLE ms AS SELECT id, row_number() OVER (ORDER BY id) AS n
                     FROM meeting WHERE id IN (SELECT meeting_id FROM note)
                     AND id IN (SELECT meeting_id FROM attendance);
                 INSERT INTO note (meeting_id, kind, body, created_at, updated_at)
                     SELECT id, 'idea', 'more', '2025-01-02T09:10:00Z', '2025-01-02T09:10:00Z'
                     FROM ms WHERE n <= 3;
                 DELETE FROM note WHERE id IN (SELECT min(id) FROM note GROUP BY meeting_id
                     HAVING meeting_id IN (SELECT id FROM ms WHERE n IN (2, 4)));
                 UPDATE note SET meeting_id = (SELECT id FROM ms WHERE n = 5)
                     WHERE id = (SELECT max(id) FROM note
                                 WHERE meeting_id = (SELECT id FROM ms WHERE n = 1));
                 UPDATE note SET meeting_id = NULL
                     WHERE id = (SELECT max(id) FROM note
                                 WHERE meeting_id = (SELECT id FROM ms WHERE n = 3));
                 UPDATE attendance SET status = 'absent'
                     WHERE status != 'absent'
                       AND meeting_id IN (SELECT id FROM ms WHERE n IN (1, 2))
                       AND member_id = (SELECT min(member_id) FROM attendance a
                                        WHERE a.meeting_id = attendance.meeting_id);
                 UPDATE attendance SET status = 'late'
                     WHERE status = 'absent' AND meeting_id = (SELECT id FROM ms WHERE n = 3);
                 DELETE FROM attendance WHERE meeting_id = (SELECT id FROM ms WHERE n = 4);
                 UPDATE attendance SET meeting_id = (SELECT id FROM ms WHERE n = 4)
                     WHERE meeting_id = (SELECT id FROM ms WHERE n = 5);
                 INSERT INTO action_item (community_id, meeting_id, title, status, created_at)
                     SELECT community_id, id, 'call back', 'open', '2025-01-02T09:10:00Z'
                     FROM meeting WHERE id IN (SELECT id FROM ms WHERE n <= 2);
                 UPDATE action_item SET meeting_id = (SELECT id FROM ms WHERE n = 3)
                     WHERE id = (SELECT max(id) FROM action_item);
                 UPDATE action_item SET meeting_id = NULL
                     WHERE id = (SELECT min(id) FROM action_item WHERE meeting_id IS NOT NULL);
                 DELETE FROM action_item WHERE id = (SELECT max(id) FROM action_item
                     WHERE meeting_id IS NOT NULL);
                 INSERT INTO agenda_item (meeting_id, position, kind, title, minutes)
                     SELECT id, 99, 'break', 'extra', 5 FROM ms WHERE n = 1;
                 DELETE FROM agenda_item WHERE id = (SELECT min(id) FROM agenda_item);
                 UPDATE agenda_item SET meeting_id = (SELECT id FROM ms WHERE n = 2)
                     WHERE id = (SELECT max(id) FROM agenda_item
                                 WHERE meeting_id = (SELECT id FROM ms WHERE n = 6));
                 DELETE FROM meeting WHERE id = (SELECT id FROM ms WHERE n = 7);
                 INSERT INTO meeting (community_id, title, scheduled_at, planned_minutes,
                                      created_at)
                     SELECT community_id, 'New', '2026-01-02T09:00:00Z', 30,
                            '2025-01-01T00:00:00Z' FROM meeting LIMIT 1;
                 INSERT INTO note (meeting_id, kind, body, created_at, updated_at)
                     VALUES (last_insert_rowid(), 'idea', 'first', '2026-01-02T09:10:00Z',
                             '2026-01-02T09:10:00Z');",
            )
            .unwrap();
        let after = tallies(&store, false);
        assert_ne!(after, before, "the workload changed counts");
        assert_eq!(after, tallies(&store, true));
        drop(store);
        let report = crate::store::check::check(&path);
        assert_eq!(report.problems, Vec::<String>::new());
        assert_eq!(report.next_step(&path), None);
        let store = Store::open(&path).unwrap();
        store
            .conn()
            .execute_batch(
                "UPDATE meeting_tally SET notes = notes + 1
                 WHERE meeting_id = (SELECT max(meeting_id) FROM meeting_tally)",
            )
            .unwrap();
        drop(store);
        // Found, and rebuilt from the sound rows: no call to go back to a backup.
        let report = crate::store::check::check(&path);
        assert_eq!(report.problems, Vec::<String>::new());
        assert_eq!(report.rebuildable.len(), 1, "{:?}", report.rebuildable);
        assert!(report.rebuildable[0].contains("meeting_tally"));
        let next = report.next_step(&path).unwrap();
        assert!(
            next.contains("import json") && !next.contains("backup"),
            "{next}"
        );
    }

    /// `import json` fills every meeting's counts once, as the triggers had kept them,
    /// and puts the triggers back.
    #[test]
    fn import_refills_the_tally_and_its_triggers() {
        let (_dir, demo) = demo();
        let kept = tallies(&demo, false);
        assert!(kept.iter().any(|t| t.3 > 0), "the demo has notes");
        let mut copy = Store::open_in_memory().unwrap();
        import(&mut copy, export(&demo).unwrap().as_bytes()).unwrap();
        assert_eq!(tallies(&copy, false), kept);
        let notes = |s: &Store| -> i64 {
            s.conn()
                .query_row("SELECT sum(notes) FROM meeting_tally", [], |r| r.get(0))
                .unwrap()
        };
        let before = notes(&copy);
        copy.conn()
            .execute_batch(
                "INSERT INTO note (meeting_id, kind, body, created_at, updated_at)
                 SELECT min(id), 'idea', 'after', '2025-01-02T09:10:00Z',
                        '2025-01-02T09:10:00Z' FROM meeting",
            )
            .unwrap();
        assert_eq!(notes(&copy), before + 1);
    }
}
