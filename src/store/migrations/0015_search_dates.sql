-- Dates in the search index (issue 10, round 7). A search within dates tested each
-- candidate's day (a read of the entry and of its meeting) over every match of the words:
-- `the` in one month of ten years took a second. Now each dated entry's `tags` carry one
-- token of the UTC month it is dated in: `ym`, the year and the month (`ym201903`, the
-- `strftime('%Y%m', …)` of the stored instant or day), so
-- the MATCH narrows to the months a date range can hold before any entry is read: the
-- months overlapping the range widened by a day each side (a local day is within a day
-- of the UTC day), a whole year as the prefix `ym2019*` (decades `ym201*` and so on for
-- an open end), each read from one of the prefix indexes of schema 10, so no year token
-- is stored. The exact local-day test (a meeting at 00:30 local counts on that local day,
-- as History shows) still runs, on the few entries the tokens let through. Tokens are
-- of the UTC instant (the stored text: `ts` in store/mod.rs), so the index never depends
-- on the time zone of whoever wrote it; stored days (a cycle's) are tokenized as written.
--
-- The day an entry is dated by, everywhere (the filter, the hit line, the JSON, the
-- token): an entry of a meeting (a note, an agenda item, an action or a follow-up given
-- in it) by the meeting's instant, `coalesce(started_at, scheduled_at)`; a note of a
-- cycle, an action or a follow-up of no meeting, and an improvement by when it was
-- written; a cycle's topic and summary by the day it started; its outcome and its goals'
-- evidence (what was learned at the close) by the day it closed, while it has one, else
-- the day it started (`at`, which the hit shows, says so too). So the token moves when a
-- meeting is rescheduled or started in another month (`search_meeting_when`) and when a
-- cycle closes or reopens (`ended_on` in `search_cycle_update`).
--
-- The views are again the one source of every entry (each now has its `tags`): the
-- triggers read them, and so does `search_src`, which fills the index here and after
-- `import json` (store/dump_index.rs). Every entry changes, so the index is made again
-- and filled once, as migration 0010 did (FTS5 has no `rebuild` that re-reads the views:
-- this is a table with its own content, whose `rebuild` re-reads that content); a
-- rewrite of `tags` in place deletes and inserts every entry, slower than a fresh fill.

DROP VIEW search_src;
DROP VIEW search_note_src;
DROP VIEW search_action_src;
DROP VIEW search_item_src;
DROP VIEW search_cycle_src;
DROP VIEW search_improvement_src;
DROP VIEW search_follow_up_src;

-- As schema 14's, with the month token of the meeting's instant or of when it was written.
CREATE VIEW search_note_src AS
    SELECT n.id * 16 + 1 AS rowid_, n.id, n.body,
           'c' || coalesce(m.community_id, c.community_id, 0) || ' k' || n.kind
               || coalesce(' m' || n.member_id, '')
               || CASE WHEN a.id IS NULL THEN '' ELSE ' kactionitem' END
               || coalesce(' ym' || strftime('%Y%m', CASE WHEN n.meeting_id IS NULL THEN n.created_at
                                                          ELSE coalesce(m.started_at, m.scheduled_at) END), '')
               AS tags,
           CASE WHEN a.id IS NULL THEN n.kind ELSE 'action_item' END AS kind,
           coalesce(m.community_id, c.community_id) AS community_id,
           n.meeting_id, n.member_id,
           n.created_at AS at
    FROM note n
    LEFT JOIN meeting m ON m.id = n.meeting_id
    LEFT JOIN cycle c ON c.id = n.cycle_id
    LEFT JOIN action_item a ON a.note_id = n.id
        AND +a.id = (SELECT min(action_id) FROM search_merge WHERE note_id = n.id);

-- Actions: as schema 14's, with the month of the meeting it was given in, or of when it
-- was written.
CREATE VIEW search_action_src AS
    SELECT a.id * 16 + 9 AS rowid_, a.id, a.note_id, a.title AS body,
           'c' || a.community_id || ' kactionitem' || coalesce(' m' || a.owner_member_id, '')
               || coalesce(' ym' || strftime('%Y%m', CASE WHEN a.meeting_id IS NULL THEN a.created_at
                                                          ELSE coalesce(m.started_at, m.scheduled_at) END), '')
               AS tags,
           'action_item' AS kind, a.community_id, a.meeting_id, a.owner_member_id AS member_id,
           a.created_at AS at
    FROM action_item a
    LEFT JOIN meeting m ON m.id = a.meeting_id
    WHERE a.id IS NOT (SELECT min(action_id) FROM search_merge WHERE note_id = a.note_id);

-- Agenda items (schema 8): the title and the leader's notes, by the meeting's month.
CREATE VIEW search_item_src AS
    SELECT a.id * 16 + 2 AS rowid_, a.id, a.title AS body, 'agenda' AS kind, m.community_id,
           a.meeting_id,
           'c' || m.community_id || ' kagenda'
               || coalesce(' ym' || strftime('%Y%m', coalesce(m.started_at, m.scheduled_at)), '') AS tags
    FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
    UNION ALL
    SELECT a.id * 16 + 3, a.id, a.leader_notes, 'leader_notes', m.community_id, a.meeting_id,
           'c' || m.community_id || ' kleadernotes'
               || coalesce(' ym' || strftime('%Y%m', coalesce(m.started_at, m.scheduled_at)), '')
    FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
    WHERE a.leader_notes <> '';

-- Cycles (schema 8): the topic and its summary by the day the cycle started; the outcome
-- and the goals' evidence by the day it closed, while it has one.
CREATE VIEW search_cycle_src AS
    SELECT rowid_, id, body, kind, community_id, at,
           'c' || community_id || ' k' || kind || coalesce(' ym' || strftime('%Y%m', at), '') AS tags
    FROM (
        SELECT id * 16 + 4 AS rowid_, id, topic AS body, 'topic' AS kind, community_id,
               started_on AS at
        FROM cycle WHERE topic <> ''
        UNION ALL
        SELECT id * 16 + 5, id, summary, 'summary', community_id, started_on
        FROM cycle WHERE summary <> ''
        UNION ALL
        SELECT id * 16 + 6, id, outcome, 'outcome', community_id, coalesce(ended_on, started_on)
        FROM cycle WHERE outcome <> ''
        UNION ALL
        SELECT c.id * 16 + 7, c.id, e.body, 'evidence', c.community_id,
               coalesce(c.ended_on, c.started_on)
        FROM cycle c
        JOIN (SELECT cycle_id, group_concat(evidence, ' · ') AS body FROM cycle_goal
              WHERE evidence <> '' GROUP BY cycle_id) e ON e.cycle_id = c.id);

-- Improvements (schema 8), by when they were written.
CREATE VIEW search_improvement_src AS
    SELECT i.id * 16 + 8 AS rowid_, i.id, i.body, 'improvement' AS kind, c.community_id,
           i.created_at AS at,
           'c' || c.community_id || ' kimprovement'
               || coalesce(' ym' || strftime('%Y%m', i.created_at), '') AS tags
    FROM improvement i JOIN cycle c ON c.id = i.cycle_id;

-- Follow-ups (schema 8): by the meeting they were given in, or when they were written.
CREATE VIEW search_follow_up_src AS
    SELECT rowid_, id, body, kind, community_id, meeting_id, at,
           'c' || community_id || ' k' || replace(kind, '_', '')
               || coalesce(' ym' || strftime('%Y%m', day), '') AS tags
    FROM (
        SELECT u.id * 16 + 10 AS rowid_, u.id, u.note AS body, 'follow_up' AS kind,
               a.community_id, u.meeting_id, u.created_at AS at,
               CASE WHEN u.meeting_id IS NULL THEN u.created_at
                    ELSE coalesce(m.started_at, m.scheduled_at) END AS day
        FROM action_update u JOIN action_item a ON a.id = u.action_id
        LEFT JOIN meeting m ON m.id = u.meeting_id
        WHERE u.note <> ''
        UNION ALL
        SELECT u.id * 16 + 11, u.id, u.learned, 'learned', a.community_id, u.meeting_id,
               u.created_at,
               CASE WHEN u.meeting_id IS NULL THEN u.created_at
                    ELSE coalesce(m.started_at, m.scheduled_at) END
        FROM action_update u JOIN action_item a ON a.id = u.action_id
        LEFT JOIN meeting m ON m.id = u.meeting_id
        WHERE u.learned <> '');

-- Every entry, each kind's columns as its triggers write them (schema 14's, the tags now
-- each view's own).
CREATE VIEW search_src AS
    SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
    FROM search_note_src
    UNION ALL
    SELECT rowid_, body, tags, kind, community_id, meeting_id, NULL, NULL
    FROM search_item_src
    UNION ALL
    SELECT rowid_, body, tags, kind, community_id, NULL, NULL, at
    FROM search_cycle_src
    UNION ALL
    SELECT rowid_, body, tags, kind, community_id, NULL, NULL, at
    FROM search_improvement_src
    UNION ALL
    SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
    FROM search_action_src
    UNION ALL
    SELECT rowid_, body, tags, kind, community_id, meeting_id, NULL, at
    FROM search_follow_up_src;

-- The triggers of schema 8 that wrote their tags themselves, again reading the views'
-- (those of notes and actions, schema 14, read them already).
DROP TRIGGER search_item_insert;
DROP TRIGGER search_item_update;
DROP TRIGGER search_cycle_insert;
DROP TRIGGER search_cycle_update;
DROP TRIGGER search_evidence_insert;
DROP TRIGGER search_evidence_update;
DROP TRIGGER search_evidence_delete;
DROP TRIGGER search_improvement_insert;
DROP TRIGGER search_improvement_update;
DROP TRIGGER search_follow_up_insert;
DROP TRIGGER search_follow_up_update;

CREATE TRIGGER search_item_insert AFTER INSERT ON agenda_item BEGIN
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id)
        SELECT rowid_, body, tags, kind, community_id, meeting_id
        FROM search_item_src WHERE id = new.id;
END;
CREATE TRIGGER search_item_update AFTER UPDATE OF title, leader_notes, meeting_id ON agenda_item BEGIN
    DELETE FROM search_fts WHERE rowid IN (old.id * 16 + 2, old.id * 16 + 3);
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id)
        SELECT rowid_, body, tags, kind, community_id, meeting_id
        FROM search_item_src WHERE id = new.id;
END;
CREATE TRIGGER search_cycle_insert AFTER INSERT ON cycle BEGIN
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, at)
        SELECT rowid_, body, tags, kind, community_id, at
        FROM search_cycle_src WHERE id = new.id;
END;
-- Closing a cycle (or reopening it) moves its outcome and evidence to another day.
CREATE TRIGGER search_cycle_update AFTER UPDATE OF topic, summary, outcome, started_on, ended_on ON cycle BEGIN
    DELETE FROM search_fts WHERE rowid BETWEEN old.id * 16 + 4 AND old.id * 16 + 7;
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, at)
        SELECT rowid_, body, tags, kind, community_id, at
        FROM search_cycle_src WHERE id = new.id;
END;
CREATE TRIGGER search_evidence_insert AFTER INSERT ON cycle_goal BEGIN
    DELETE FROM search_fts WHERE rowid = new.cycle_id * 16 + 7;
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, at)
        SELECT rowid_, body, tags, kind, community_id, at
        FROM search_cycle_src WHERE id = new.cycle_id AND kind = 'evidence';
END;
CREATE TRIGGER search_evidence_update AFTER UPDATE OF evidence, cycle_id ON cycle_goal BEGIN
    DELETE FROM search_fts WHERE rowid IN (old.cycle_id * 16 + 7, new.cycle_id * 16 + 7);
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, at)
        SELECT rowid_, body, tags, kind, community_id, at
        FROM search_cycle_src WHERE id IN (old.cycle_id, new.cycle_id) AND kind = 'evidence';
END;
CREATE TRIGGER search_evidence_delete AFTER DELETE ON cycle_goal BEGIN
    DELETE FROM search_fts WHERE rowid = old.cycle_id * 16 + 7;
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, at)
        SELECT rowid_, body, tags, kind, community_id, at
        FROM search_cycle_src WHERE id = old.cycle_id AND kind = 'evidence';
END;
CREATE TRIGGER search_improvement_insert AFTER INSERT ON improvement BEGIN
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, at)
        SELECT rowid_, body, tags, kind, community_id, at
        FROM search_improvement_src WHERE id = new.id;
END;
CREATE TRIGGER search_improvement_update AFTER UPDATE OF body, cycle_id ON improvement BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 16 + 8;
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, at)
        SELECT rowid_, body, tags, kind, community_id, at
        FROM search_improvement_src WHERE id = new.id;
END;
CREATE TRIGGER search_follow_up_insert AFTER INSERT ON action_update BEGIN
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, at)
        SELECT rowid_, body, tags, kind, community_id, meeting_id, at
        FROM search_follow_up_src WHERE id = new.id;
END;
CREATE TRIGGER search_follow_up_update AFTER UPDATE OF note, learned, meeting_id, action_id ON action_update BEGIN
    DELETE FROM search_fts WHERE rowid IN (old.id * 16 + 10, old.id * 16 + 11);
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, at)
        SELECT rowid_, body, tags, kind, community_id, meeting_id, at
        FROM search_follow_up_src WHERE id = new.id;
END;

-- A meeting rescheduled or started in another UTC month than its entries' token: every
-- entry dated by it (its notes, agenda items, actions and follow-ups; a note's entry
-- that stands for its action too) is written again. Starting a meeting within the month
-- it was planned for, the usual case, rewrites nothing.
CREATE TRIGGER search_meeting_when AFTER UPDATE OF scheduled_at, started_at ON meeting
WHEN strftime('%Y%m', coalesce(old.started_at, old.scheduled_at))
     IS NOT strftime('%Y%m', coalesce(new.started_at, new.scheduled_at))
BEGIN
    DELETE FROM search_fts WHERE rowid IN (SELECT id * 16 + 1 FROM note WHERE meeting_id = new.id);
    DELETE FROM search_fts WHERE rowid IN (SELECT id * 16 + 9 FROM action_item WHERE meeting_id = new.id);
    DELETE FROM search_fts
        WHERE rowid IN (SELECT id * 16 + 2 FROM agenda_item WHERE meeting_id = new.id
                        UNION ALL SELECT id * 16 + 3 FROM agenda_item WHERE meeting_id = new.id);
    DELETE FROM search_fts
        WHERE rowid IN (SELECT id * 16 + 10 FROM action_update WHERE meeting_id = new.id
                        UNION ALL SELECT id * 16 + 11 FROM action_update WHERE meeting_id = new.id);
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
        SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
        FROM search_note_src WHERE meeting_id = new.id;
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
        SELECT rowid_, body, tags, kind, community_id, meeting_id, member_id, at
        FROM search_action_src WHERE meeting_id = new.id;
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id)
        SELECT rowid_, body, tags, kind, community_id, meeting_id
        FROM search_item_src WHERE meeting_id = new.id;
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, at)
        SELECT rowid_, body, tags, kind, community_id, meeting_id, at
        FROM search_follow_up_src WHERE meeting_id = new.id;
END;

-- The index made again (as schema 10 made it) and filled once from the views, with the
-- `hashsize` of `import json`'s fill (store/dump_index.rs), then FTS5's default again.
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5 (
    body,
    tags,
    kind UNINDEXED,
    community_id UNINDEXED,
    meeting_id UNINDEXED,
    member_id UNINDEXED,
    at UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4 5 6 7 8'
);
INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(1.0, 0.0)');
INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
    SELECT * FROM search_src;
INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 1048576);
DELETE FROM search_fts_config WHERE k = 'hashsize';
