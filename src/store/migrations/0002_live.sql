-- Live meetings: visits to agenda items (so going back to an item keeps its time right)
-- and the moment a hand was raised (raised hands speak next, in the order raised).

CREATE TABLE item_visit (
    id             INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    started_at     TEXT NOT NULL,
    ended_at       TEXT
);
CREATE INDEX item_visit_item ON item_visit (agenda_item_id);

ALTER TABLE speaking_turn ADD COLUMN hand_raised_at TEXT;
