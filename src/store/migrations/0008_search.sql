-- Full-text search (schema 8): one FTS5 index over everything a leader may look for:
-- notes, agenda item titles and leader notes, cycle topics (title, summary, outcome),
-- goal evidence (one entry per cycle), improvements, action titles and follow-ups
-- (what happened, what was learned). `note_fts` (schema 1) stays as it was.
--
-- Each entry's rowid is its source row's id * 16 + a code for its kind, so triggers find
-- it by rowid (never a scan): 1 note, 2 agenda item title, 3 leader notes, 4 cycle topic,
-- 5 cycle summary, 6 cycle outcome, 7 goal evidence, 8 improvement, 9 action title,
-- 10 follow-up note, 11 what was learned. `body` is the text searched; `tags` holds
-- filter tokens ('c<community> k<kind> m<member>') that queries AND with the user's
-- words (`body : (…)`), so a filter narrows the index instead of the results. The
-- UNINDEXED columns say where the entry comes from; names, titles and dates are read
-- from their tables when the results are shown.
CREATE VIRTUAL TABLE search_fts USING fts5 (
    body,
    tags,
    kind UNINDEXED,
    community_id UNINDEXED,
    meeting_id UNINDEXED,
    member_id UNINDEXED,
    at UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Rank by the body alone.
INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(1.0, 0.0)');

-- Notes: the speaker is the member; the community is the meeting's (or the cycle's).
CREATE VIEW search_note_src AS
    SELECT n.id * 16 + 1 AS rowid_, n.id, n.body, n.kind,
           coalesce(m.community_id, c.community_id) AS community_id,
           n.meeting_id, n.member_id, n.created_at AS at
    FROM note n
    LEFT JOIN meeting m ON m.id = n.meeting_id
    LEFT JOIN cycle c ON c.id = n.cycle_id;
INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
    SELECT rowid_, body, 'c' || coalesce(community_id, 0) || ' k' || kind || coalesce(' m' || member_id, ''),
           kind, community_id, meeting_id, member_id, at
    FROM search_note_src;
CREATE TRIGGER search_note_insert AFTER INSERT ON note BEGIN
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
        SELECT rowid_, body, 'c' || coalesce(community_id, 0) || ' k' || kind || coalesce(' m' || member_id, ''),
               kind, community_id, meeting_id, member_id, at
        FROM search_note_src WHERE id = new.id;
END;
CREATE TRIGGER search_note_update AFTER UPDATE OF body, kind, member_id, meeting_id, cycle_id ON note BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 16 + 1;
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
        SELECT rowid_, body, 'c' || coalesce(community_id, 0) || ' k' || kind || coalesce(' m' || member_id, ''),
               kind, community_id, meeting_id, member_id, at
        FROM search_note_src WHERE id = new.id;
END;
CREATE TRIGGER search_note_delete AFTER DELETE ON note BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 16 + 1;
END;

-- Agenda items: the title and the leader's notes (when there are any).
CREATE VIEW search_item_src AS
    SELECT a.id * 16 + 2 AS rowid_, a.id, a.title AS body, 'agenda' AS kind, m.community_id, a.meeting_id
    FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
    UNION ALL
    SELECT a.id * 16 + 3, a.id, a.leader_notes, 'leader_notes', m.community_id, a.meeting_id
    FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
    WHERE a.leader_notes <> '';
INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id)
    SELECT rowid_, body, 'c' || community_id || ' k' || replace(kind, '_', ''), kind, community_id, meeting_id
    FROM search_item_src;
CREATE TRIGGER search_item_insert AFTER INSERT ON agenda_item BEGIN
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id)
        SELECT rowid_, body, 'c' || community_id || ' k' || replace(kind, '_', ''), kind, community_id, meeting_id
        FROM search_item_src WHERE id = new.id;
END;
CREATE TRIGGER search_item_update AFTER UPDATE OF title, leader_notes, meeting_id ON agenda_item BEGIN
    DELETE FROM search_fts WHERE rowid IN (old.id * 16 + 2, old.id * 16 + 3);
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id)
        SELECT rowid_, body, 'c' || community_id || ' k' || replace(kind, '_', ''), kind, community_id, meeting_id
        FROM search_item_src WHERE id = new.id;
END;
CREATE TRIGGER search_item_delete AFTER DELETE ON agenda_item BEGIN
    DELETE FROM search_fts WHERE rowid IN (old.id * 16 + 2, old.id * 16 + 3);
END;

-- Cycles: the topic, its summary and the outcome, and the goals' evidence in one entry.
CREATE VIEW search_cycle_src AS
    SELECT id * 16 + 4 AS rowid_, id, topic AS body, 'topic' AS kind, community_id, started_on AS at
    FROM cycle WHERE topic <> ''
    UNION ALL
    SELECT id * 16 + 5, id, summary, 'summary', community_id, started_on FROM cycle WHERE summary <> ''
    UNION ALL
    SELECT id * 16 + 6, id, outcome, 'outcome', community_id, started_on FROM cycle WHERE outcome <> ''
    UNION ALL
    SELECT c.id * 16 + 7, c.id, e.body, 'evidence', c.community_id, c.started_on
    FROM cycle c
    JOIN (SELECT cycle_id, group_concat(evidence, ' · ') AS body FROM cycle_goal
          WHERE evidence <> '' GROUP BY cycle_id) e ON e.cycle_id = c.id;
INSERT INTO search_fts (rowid, body, tags, kind, community_id, at)
    SELECT rowid_, body, 'c' || community_id || ' k' || kind, kind, community_id, at
    FROM search_cycle_src;
CREATE TRIGGER search_cycle_insert AFTER INSERT ON cycle BEGIN
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, at)
        SELECT rowid_, body, 'c' || community_id || ' k' || kind, kind, community_id, at
        FROM search_cycle_src WHERE id = new.id;
END;
CREATE TRIGGER search_cycle_update AFTER UPDATE OF topic, summary, outcome, started_on ON cycle BEGIN
    DELETE FROM search_fts WHERE rowid BETWEEN old.id * 16 + 4 AND old.id * 16 + 7;
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, at)
        SELECT rowid_, body, 'c' || community_id || ' k' || kind, kind, community_id, at
        FROM search_cycle_src WHERE id = new.id;
END;
CREATE TRIGGER search_cycle_delete AFTER DELETE ON cycle BEGIN
    DELETE FROM search_fts WHERE rowid BETWEEN old.id * 16 + 4 AND old.id * 16 + 7;
END;
CREATE TRIGGER search_evidence_insert AFTER INSERT ON cycle_goal BEGIN
    DELETE FROM search_fts WHERE rowid = new.cycle_id * 16 + 7;
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, at)
        SELECT rowid_, body, 'c' || community_id || ' k' || kind, kind, community_id, at
        FROM search_cycle_src WHERE id = new.cycle_id AND kind = 'evidence';
END;
CREATE TRIGGER search_evidence_update AFTER UPDATE OF evidence, cycle_id ON cycle_goal BEGIN
    DELETE FROM search_fts WHERE rowid IN (old.cycle_id * 16 + 7, new.cycle_id * 16 + 7);
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, at)
        SELECT rowid_, body, 'c' || community_id || ' k' || kind, kind, community_id, at
        FROM search_cycle_src WHERE id IN (old.cycle_id, new.cycle_id) AND kind = 'evidence';
END;
CREATE TRIGGER search_evidence_delete AFTER DELETE ON cycle_goal BEGIN
    DELETE FROM search_fts WHERE rowid = old.cycle_id * 16 + 7;
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, at)
        SELECT rowid_, body, 'c' || community_id || ' k' || kind, kind, community_id, at
        FROM search_cycle_src WHERE id = old.cycle_id AND kind = 'evidence';
END;

-- Improvements ("where can we improve?").
CREATE VIEW search_improvement_src AS
    SELECT i.id * 16 + 8 AS rowid_, i.id, i.body, 'improvement' AS kind, c.community_id, i.created_at AS at
    FROM improvement i JOIN cycle c ON c.id = i.cycle_id;
INSERT INTO search_fts (rowid, body, tags, kind, community_id, at)
    SELECT rowid_, body, 'c' || community_id || ' k' || kind, kind, community_id, at
    FROM search_improvement_src;
CREATE TRIGGER search_improvement_insert AFTER INSERT ON improvement BEGIN
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, at)
        SELECT rowid_, body, 'c' || community_id || ' k' || kind, kind, community_id, at
        FROM search_improvement_src WHERE id = new.id;
END;
CREATE TRIGGER search_improvement_update AFTER UPDATE OF body, cycle_id ON improvement BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 16 + 8;
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, at)
        SELECT rowid_, body, 'c' || community_id || ' k' || kind, kind, community_id, at
        FROM search_improvement_src WHERE id = new.id;
END;
CREATE TRIGGER search_improvement_delete AFTER DELETE ON improvement BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 16 + 8;
END;

-- Actions: the title (the owner is the member).
CREATE VIEW search_action_src AS
    SELECT id * 16 + 9 AS rowid_, id, title AS body, 'action_item' AS kind, community_id, meeting_id,
           owner_member_id AS member_id, created_at AS at
    FROM action_item;
INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
    SELECT rowid_, body, 'c' || community_id || ' kactionitem' || coalesce(' m' || member_id, ''),
           kind, community_id, meeting_id, member_id, at
    FROM search_action_src;
CREATE TRIGGER search_action_insert AFTER INSERT ON action_item BEGIN
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
        SELECT rowid_, body, 'c' || community_id || ' kactionitem' || coalesce(' m' || member_id, ''),
               kind, community_id, meeting_id, member_id, at
        FROM search_action_src WHERE id = new.id;
END;
CREATE TRIGGER search_action_update AFTER UPDATE OF title, owner_member_id, meeting_id, community_id ON action_item BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 16 + 9;
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
        SELECT rowid_, body, 'c' || community_id || ' kactionitem' || coalesce(' m' || member_id, ''),
               kind, community_id, meeting_id, member_id, at
        FROM search_action_src WHERE id = new.id;
END;
CREATE TRIGGER search_action_delete AFTER DELETE ON action_item BEGIN
    DELETE FROM search_fts WHERE rowid = old.id * 16 + 9;
END;

-- Follow-ups: what happened and what was learned (the meeting it was given in, if any).
CREATE VIEW search_follow_up_src AS
    SELECT u.id * 16 + 10 AS rowid_, u.id, u.note AS body, 'follow_up' AS kind, a.community_id,
           u.meeting_id, u.created_at AS at
    FROM action_update u JOIN action_item a ON a.id = u.action_id WHERE u.note <> ''
    UNION ALL
    SELECT u.id * 16 + 11, u.id, u.learned, 'learned', a.community_id, u.meeting_id, u.created_at
    FROM action_update u JOIN action_item a ON a.id = u.action_id WHERE u.learned <> '';
INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, at)
    SELECT rowid_, body, 'c' || community_id || ' k' || replace(kind, '_', ''), kind, community_id, meeting_id, at
    FROM search_follow_up_src;
CREATE TRIGGER search_follow_up_insert AFTER INSERT ON action_update BEGIN
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, at)
        SELECT rowid_, body, 'c' || community_id || ' k' || replace(kind, '_', ''), kind, community_id, meeting_id, at
        FROM search_follow_up_src WHERE id = new.id;
END;
CREATE TRIGGER search_follow_up_update AFTER UPDATE OF note, learned, meeting_id, action_id ON action_update BEGIN
    DELETE FROM search_fts WHERE rowid IN (old.id * 16 + 10, old.id * 16 + 11);
    INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, at)
        SELECT rowid_, body, 'c' || community_id || ' k' || replace(kind, '_', ''), kind, community_id, meeting_id, at
        FROM search_follow_up_src WHERE id = new.id;
END;
CREATE TRIGGER search_follow_up_delete AFTER DELETE ON action_update BEGIN
    DELETE FROM search_fts WHERE rowid IN (old.id * 16 + 10, old.id * 16 + 11);
END;
