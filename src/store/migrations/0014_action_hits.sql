-- One hit per thing said (issue 10, round 6). An action spoken in a meeting is saved as
-- an action note and the action item taken from it (`action_item.note_id`), with the
-- same text; indexed apart (schema 8), a search listed it twice. Now, when an action item
-- was taken from a note of its own meeting (and community), its title is the note's
-- title line (the first line, at most 200 characters: `action_title` in
-- store/live/notes.rs) and its owner is the speaker, the note's entry (rowid note × 16 +
-- 1) stands for both and the action item has none: its `tags` carry both kinds (the
-- note's own and `kactionitem`), so a filter on either kind finds it; its UNINDEXED
-- `kind` says what the hit shows: an action (`action_item`) of its owner. An action
-- owned by someone other than the speaker keeps its own entry, so a member filter with a
-- kind filter never finds one person's action through another's words. When the title,
-- the body or either person changes so that they differ, each has its entry again; when
-- they are equal again, one.
--
-- A note and the action items taken from it are kept as one group: a trigger that changes
-- one of them deletes the group's entries and writes them again from the views, which
-- also fill the index whole (`search_src`, after `import json`).

-- The action items that share their note's entry. The schema lets two action items name
-- one note: the first of them shares it (`min(action_id)` where it is read), any other
-- keeps its own entry. Read by note (`note_id = ?`): `CROSS JOIN` makes SQLite look up
-- the note's action items first (almost always none) rather than the note and its meeting.
CREATE VIEW search_merge AS
    SELECT a.note_id, a.id AS action_id
    FROM action_item a
    CROSS JOIN note n ON n.id = a.note_id
    CROSS JOIN meeting m ON m.id = n.meeting_id
    WHERE a.title = substr(CASE WHEN instr(n.body, char(10)) > 0
                                THEN rtrim(substr(n.body, 1, instr(n.body, char(10)) - 1), char(13))
                                ELSE n.body END, 1, 200)
      AND a.owner_member_id IS n.member_id
      AND a.meeting_id = n.meeting_id AND a.community_id = m.community_id;

DROP VIEW search_src;
DROP VIEW search_note_src;
DROP VIEW search_action_src;

-- Notes: the speaker is the member; the community is the meeting's (or the cycle's). A
-- note that shares its entry with its action item (owned by its speaker): both kinds. The join
-- looks the note's action items up by `note_id` (almost always none, so the fill of a
-- million notes runs the subquery for a few only); `+` keeps SQLite from looking the
-- action up by its id instead, which would run the subquery for every note.
CREATE VIEW search_note_src AS
    SELECT n.id * 16 + 1 AS rowid_, n.id, n.body,
           'c' || coalesce(m.community_id, c.community_id, 0) || ' k' || n.kind
               || coalesce(' m' || n.member_id, '')
               || CASE WHEN a.id IS NULL THEN '' ELSE ' kactionitem' END AS tags,
           CASE WHEN a.id IS NULL THEN n.kind ELSE 'action_item' END AS kind,
           coalesce(m.community_id, c.community_id) AS community_id,
           n.meeting_id, n.member_id,
           n.created_at AS at
    FROM note n
    LEFT JOIN meeting m ON m.id = n.meeting_id
    LEFT JOIN cycle c ON c.id = n.cycle_id
    LEFT JOIN action_item a ON a.note_id = n.id
        AND +a.id = (SELECT min(action_id) FROM search_merge WHERE note_id = n.id);

-- Actions: the title (the owner is the member), unless the note's entry stands for it.
CREATE VIEW search_action_src AS
    SELECT a.id * 16 + 9 AS rowid_, a.id, a.note_id, a.title AS body,
           'c' || a.community_id || ' kactionitem' || coalesce(' m' || a.owner_member_id, '') AS tags,
           'action_item' AS kind, a.community_id, a.meeting_id, a.owner_member_id AS member_id,
           a.created_at AS at
    FROM action_item a
    WHERE a.id IS NOT (SELECT min(action_id) FROM search_merge WHERE note_id = a.note_id);

-- As schema 10's, the tags of notes and actions read from their views.
CREATE VIEW search_src AS
    SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
    FROM search_note_src
    UNION ALL
    SELECT rowid_, body, 'c' || community_id || ' k' || replace(kind, '_', ''),
           kind, community_id, meeting_id, NULL, NULL
    FROM search_item_src
    UNION ALL
    SELECT rowid_, body, 'c' || community_id || ' k' || kind,
           kind, community_id, NULL, NULL, at
    FROM search_cycle_src
    UNION ALL
    SELECT rowid_, body, 'c' || community_id || ' k' || kind,
           kind, community_id, NULL, NULL, at
    FROM search_improvement_src
    UNION ALL
    SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
    FROM search_action_src
    UNION ALL
    SELECT rowid_, body, 'c' || community_id || ' k' || replace(kind, '_', ''),
           kind, community_id, meeting_id, NULL, at
    FROM search_follow_up_src;

DROP TRIGGER search_note_insert;
DROP TRIGGER search_note_update;
DROP TRIGGER search_note_delete;
DROP TRIGGER search_action_insert;
DROP TRIGGER search_action_update;
DROP TRIGGER search_action_delete;

-- A new note: no action item can name it yet (the foreign key), so it is its own group.
CREATE TRIGGER search_note_insert AFTER INSERT ON note BEGIN
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
        SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
        FROM search_note_src WHERE id = new.id;
END;
CREATE TRIGGER search_note_update AFTER UPDATE OF body, kind, member_id, meeting_id, cycle_id ON note BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 16 + 1;
    DELETE FROM search_fts WHERE rowid IN (SELECT id * 16 + 9 FROM action_item WHERE note_id = old.id);
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
        SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
        FROM search_note_src WHERE id = new.id;
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
        SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
        FROM search_action_src WHERE note_id = new.id;
END;
-- Its action items lose the note (the foreign key sets `note_id` to NULL, which their
-- update trigger indexes); written here too, for a file whose foreign keys are off.
CREATE TRIGGER search_note_delete AFTER DELETE ON note BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 16 + 1;
    DELETE FROM search_fts WHERE rowid IN (SELECT id * 16 + 9 FROM action_item WHERE note_id = old.id);
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
        SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
        FROM search_action_src WHERE note_id = old.id;
END;

-- An action item joins the group of the note it names (if any).
CREATE TRIGGER search_action_insert AFTER INSERT ON action_item BEGIN
    DELETE FROM search_fts WHERE rowid = new.note_id * 16 + 1;
    DELETE FROM search_fts WHERE rowid IN (SELECT id * 16 + 9 FROM action_item WHERE note_id = new.note_id);
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
        SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
        FROM search_note_src WHERE id = new.note_id;
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
        SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
        FROM search_action_src WHERE id = new.id OR note_id = new.note_id;
END;
-- The groups of the note it named and the note it names.
CREATE TRIGGER search_action_update AFTER UPDATE OF title, owner_member_id, meeting_id, community_id, note_id ON action_item BEGIN
    DELETE FROM search_fts WHERE rowid IN (old.id * 16 + 9, old.note_id * 16 + 1, new.note_id * 16 + 1);
    DELETE FROM search_fts
        WHERE rowid IN (SELECT id * 16 + 9 FROM action_item WHERE note_id IN (old.note_id, new.note_id));
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
        SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
        FROM search_note_src WHERE id IN (old.note_id, new.note_id);
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
        SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
        FROM search_action_src WHERE id = new.id OR note_id IN (old.note_id, new.note_id);
END;
CREATE TRIGGER search_action_delete AFTER DELETE ON action_item BEGIN
    DELETE FROM search_fts WHERE rowid IN (old.id * 16 + 9, old.note_id * 16 + 1);
    DELETE FROM search_fts WHERE rowid IN (SELECT id * 16 + 9 FROM action_item WHERE note_id = old.note_id);
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
        SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
        FROM search_note_src WHERE id = old.note_id;
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
        SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
        FROM search_action_src WHERE note_id = old.note_id;
END;

-- The files written before: every group with an action item taken from a note, again.
DELETE FROM search_fts
    WHERE rowid IN (SELECT note_id * 16 + 1 FROM action_item WHERE note_id IS NOT NULL);
DELETE FROM search_fts
    WHERE rowid IN (SELECT id * 16 + 9 FROM action_item WHERE note_id IS NOT NULL);
INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
    SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
    FROM search_note_src WHERE id IN (SELECT note_id FROM action_item);
INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
    SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
    FROM search_action_src WHERE note_id IS NOT NULL;
