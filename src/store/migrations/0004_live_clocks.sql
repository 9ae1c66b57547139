-- Drafts of a live meeting: what the leader is typing (the note editor, the consent vote
-- sheet), kept as typed so a crash loses nothing; offered back on resume. One of each
-- kind per meeting; the body is the app's JSON.
CREATE TABLE draft (
    meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('note', 'votes')),
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, kind)
);
