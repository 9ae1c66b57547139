-- Start-up on ten years of history, round 6 (docs/PERFORMANCE.md, "Start-up, round 6").

-- A meeting list row (History, Meetings) shows four counts per meeting: its agenda items,
-- the members present (or late), its notes and its actions. Counted per row through the
-- meeting indexes, they cost History's first page ~0.9 ms on ten years (about 96 notes a
-- meeting, an index page or two each), against ~0.15 ms for the rows alone. Here they are
-- kept per meeting, one row per meeting, read by its key.
--
-- What the counts are is said once, by the view `meeting_tally_src`: the fill below and
-- `import json`'s refill (store/dump_index.rs) both copy it; the triggers keep it row by
-- row (`tally_kept_by_triggers_equals_a_fresh_fill` in store/meetings.rs compares the two
-- after a mixed workload). The table is derived: not in the dump (store/dump.rs
-- `DERIVED`), refilled by `import json`, and `roundtable check` reports a tally that
-- differs from its sources.
CREATE TABLE meeting_tally (
    meeting_id   INTEGER PRIMARY KEY,
    agenda_items INTEGER NOT NULL DEFAULT 0,
    present      INTEGER NOT NULL DEFAULT 0,
    notes        INTEGER NOT NULL DEFAULT 0,
    actions      INTEGER NOT NULL DEFAULT 0
);

CREATE VIEW meeting_tally_src AS
SELECT m.id AS meeting_id,
    (SELECT count(*) FROM agenda_item WHERE meeting_id = m.id) AS agenda_items,
    (SELECT count(*) FROM attendance WHERE meeting_id = m.id AND status != 'absent') AS present,
    (SELECT count(*) FROM note WHERE meeting_id = m.id) AS notes,
    (SELECT count(*) FROM action_item WHERE meeting_id = m.id) AS actions
FROM meeting m;

INSERT INTO meeting_tally SELECT * FROM meeting_tally_src;

CREATE TRIGGER meeting_tally_meeting_insert AFTER INSERT ON meeting BEGIN
    INSERT INTO meeting_tally (meeting_id) VALUES (new.id);
END;
CREATE TRIGGER meeting_tally_meeting_delete AFTER DELETE ON meeting BEGIN
    DELETE FROM meeting_tally WHERE meeting_id = old.id;
END;

CREATE TRIGGER meeting_tally_agenda_insert AFTER INSERT ON agenda_item BEGIN
    UPDATE meeting_tally SET agenda_items = agenda_items + 1 WHERE meeting_id = new.meeting_id;
END;
CREATE TRIGGER meeting_tally_agenda_delete AFTER DELETE ON agenda_item BEGIN
    UPDATE meeting_tally SET agenda_items = agenda_items - 1 WHERE meeting_id = old.meeting_id;
END;
CREATE TRIGGER meeting_tally_agenda_move AFTER UPDATE OF meeting_id ON agenda_item
WHEN old.meeting_id IS NOT new.meeting_id BEGIN
    UPDATE meeting_tally SET agenda_items = agenda_items - 1 WHERE meeting_id = old.meeting_id;
    UPDATE meeting_tally SET agenda_items = agenda_items + 1 WHERE meeting_id = new.meeting_id;
END;

CREATE TRIGGER meeting_tally_attendance_insert AFTER INSERT ON attendance
WHEN new.status != 'absent' BEGIN
    UPDATE meeting_tally SET present = present + 1 WHERE meeting_id = new.meeting_id;
END;
CREATE TRIGGER meeting_tally_attendance_delete AFTER DELETE ON attendance
WHEN old.status != 'absent' BEGIN
    UPDATE meeting_tally SET present = present - 1 WHERE meeting_id = old.meeting_id;
END;
CREATE TRIGGER meeting_tally_attendance_update AFTER UPDATE OF meeting_id, status ON attendance
BEGIN
    UPDATE meeting_tally SET present = present - (old.status != 'absent')
        WHERE meeting_id = old.meeting_id;
    UPDATE meeting_tally SET present = present + (new.status != 'absent')
        WHERE meeting_id = new.meeting_id;
END;

CREATE TRIGGER meeting_tally_note_insert AFTER INSERT ON note BEGIN
    UPDATE meeting_tally SET notes = notes + 1 WHERE meeting_id = new.meeting_id;
END;
CREATE TRIGGER meeting_tally_note_delete AFTER DELETE ON note BEGIN
    UPDATE meeting_tally SET notes = notes - 1 WHERE meeting_id = old.meeting_id;
END;
CREATE TRIGGER meeting_tally_note_move AFTER UPDATE OF meeting_id ON note
WHEN old.meeting_id IS NOT new.meeting_id BEGIN
    UPDATE meeting_tally SET notes = notes - 1 WHERE meeting_id = old.meeting_id;
    UPDATE meeting_tally SET notes = notes + 1 WHERE meeting_id = new.meeting_id;
END;

CREATE TRIGGER meeting_tally_action_insert AFTER INSERT ON action_item BEGIN
    UPDATE meeting_tally SET actions = actions + 1 WHERE meeting_id = new.meeting_id;
END;
CREATE TRIGGER meeting_tally_action_delete AFTER DELETE ON action_item BEGIN
    UPDATE meeting_tally SET actions = actions - 1 WHERE meeting_id = old.meeting_id;
END;
CREATE TRIGGER meeting_tally_action_move AFTER UPDATE OF meeting_id ON action_item
WHEN old.meeting_id IS NOT new.meeting_id BEGIN
    UPDATE meeting_tally SET actions = actions - 1 WHERE meeting_id = old.meeting_id;
    UPDATE meeting_tally SET actions = actions + 1 WHERE meeting_id = new.meeting_id;
END;
