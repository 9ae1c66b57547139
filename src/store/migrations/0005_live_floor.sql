-- Open discussion: who had the floor, tapped by the leader. One span per speaker; the
-- time is derived from the span minus the meeting's pauses, like every clock. At most
-- one span per item is open (the member talking now).
CREATE TABLE floor_span (
    id             INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    member_id      INTEGER NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    started_at     TEXT NOT NULL,
    ended_at       TEXT
);
CREATE INDEX floor_span_item ON floor_span (agenda_item_id);
CREATE INDEX floor_span_member ON floor_span (member_id);
CREATE UNIQUE INDEX floor_span_open ON floor_span (agenda_item_id) WHERE ended_at IS NULL;
