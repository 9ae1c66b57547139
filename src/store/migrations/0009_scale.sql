-- Scale (schema 9): an index for every lookup a screen makes that had none, so no screen
-- reads a table that grows with the history from end to end. `tests/scale.rs`
-- (`no_screen_reads_a_whole_table_that_grows_with_the_history`) records every statement
-- the screens run and fails on a scan of such a table.

-- A meeting's pauses (the meeting view, insights' airtime, the live clock).
CREATE INDEX meeting_pause_meeting ON meeting_pause (meeting_id);
-- A meeting's consent checks (the meeting view, minutes).
CREATE INDEX consent_check_meeting ON consent_check (meeting_id);
-- The action made from a note (a meeting's notes with their actions).
CREATE INDEX action_item_note ON action_item (note_id);
-- The meeting left live, found at start-up.
CREATE INDEX meeting_status ON meeting (status, started_at);

-- The notes' first full-text index (schema 1) was never queried: `search_fts` (schema 8)
-- indexes every note with everything else. Keeping both indexed each note twice, which
-- doubled the cost of writing a note in bulk (the import, the generator) and the file's
-- share of index pages.
DROP TRIGGER note_fts_insert;
DROP TRIGGER note_fts_delete;
DROP TRIGGER note_fts_update;
DROP TABLE note_fts;
