-- Prefix indexes (schema 10): `search_fts` again, as schema 8 made it, with FTS5 prefix
-- indexes for prefixes of 2 to 8 characters. Without them FTS5 merges the doclists of
-- every term a prefix matches each time a query opens it (30-50 ms for a common prefix
-- over a million notes, twice a page); with them a prefix of an indexed length reads one
-- doclist, like a word. FTS5 uses a prefix index only for a prefix of its length (or one
-- shorter), so each length searched fast needs its own; a prefix of 9 characters or more
-- still merges (few words are that long; each length more costs size and only moves the
-- limit). Measured in docs/PERFORMANCE.md ("Search p95 at 1M notes, round 4").
--
-- FTS5 cannot add a prefix index to a table: it is dropped and made again, then filled
-- from its sources (the views of schema 8) in one pass. The triggers that keep it stay as
-- they are: they name the table, not its options.
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
-- Rank by the body alone.
INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(1.0, 0.0)');

-- Every entry of the index, from its sources, with the columns the triggers write (a
-- column a kind does not have is NULL, as a trigger leaves it): the one statement that
-- fills the index whole, here and after `import json` (store/dump_index.rs).
CREATE VIEW search_src AS
    SELECT rowid_, body,
           'c' || coalesce(community_id, 0) || ' k' || kind || coalesce(' m' || member_id, '') AS tags,
           kind, community_id, meeting_id, member_id, at
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
    SELECT rowid_, body, 'c' || community_id || ' kactionitem' || coalesce(' m' || member_id, ''),
           kind, community_id, meeting_id, member_id, at
    FROM search_action_src
    UNION ALL
    SELECT rowid_, body, 'c' || community_id || ' k' || replace(kind, '_', ''),
           kind, community_id, meeting_id, NULL, at
    FROM search_follow_up_src;
INSERT INTO search_fts (rowid, body, tags, kind, community_id, meeting_id, member_id, at)
    SELECT * FROM search_src;
