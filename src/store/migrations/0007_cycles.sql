-- Learning cycles that connect meetings (schema 7): a cycle's topic and the goals it
-- serves, its phases as they were entered, the reflection (a verdict per goal, per
-- action, and the improvements), action follow-up, and the community's working
-- agreements. The cycle columns goals_met, went_well, to_improve and carry_forward of
-- schema 1 were never written; they stay, unused.

-- The topic: `topic` is its title; where it comes from (a link, a book) and a summary.
ALTER TABLE cycle ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE cycle ADD COLUMN summary TEXT NOT NULL DEFAULT '';
-- The previous cycle's improvements, one per line, copied when this cycle opened.
ALTER TABLE cycle ADD COLUMN starting_notes TEXT NOT NULL DEFAULT '';
-- What the cycle achieved, written when it closed.
ALTER TABLE cycle ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
-- A community has at most one cycle that is not closed.
CREATE UNIQUE INDEX cycle_one_open ON cycle (community_id) WHERE phase <> 'closed';

-- The goals a cycle serves, and the reflection's verdict on each (NULL: not judged yet).
CREATE TABLE cycle_goal (
    cycle_id   INTEGER NOT NULL REFERENCES cycle (id) ON DELETE CASCADE,
    goal_id    INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    verdict    TEXT CHECK (verdict IN ('met', 'progressing', 'not_met')),
    evidence   TEXT NOT NULL DEFAULT '',
    judged_at  TEXT,
    PRIMARY KEY (cycle_id, goal_id)
);
CREATE INDEX cycle_goal_goal ON cycle_goal (goal_id);

-- Each phase a cycle entered, when, and the phases passed over to get there (the leader
-- confirmed the skip): '' when entered in order, else their spellings joined by ','.
CREATE TABLE cycle_phase (
    id         INTEGER PRIMARY KEY,
    cycle_id   INTEGER NOT NULL REFERENCES cycle (id) ON DELETE CASCADE,
    phase      TEXT NOT NULL CHECK (phase IN ('interrogation', 'application', 'reflection', 'closed')),
    entered_at TEXT NOT NULL,
    skipped    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cycle_phase_cycle ON cycle_phase (cycle_id, id);

-- "Where can we improve?": the reflection's list, carried into the next cycle.
CREATE TABLE improvement (
    id         INTEGER PRIMARY KEY,
    cycle_id   INTEGER NOT NULL REFERENCES cycle (id) ON DELETE CASCADE,
    body       TEXT NOT NULL CHECK (length(body) > 0),
    created_at TEXT NOT NULL
);
CREATE INDEX improvement_cycle ON improvement (cycle_id, id);

-- An action serves a goal; when it last changed.
ALTER TABLE action_item ADD COLUMN goal_id INTEGER REFERENCES goal (id) ON DELETE SET NULL;
ALTER TABLE action_item ADD COLUMN updated_at TEXT;
CREATE INDEX action_item_community ON action_item (community_id, status, due_on);
CREATE INDEX action_item_cycle ON action_item (cycle_id);
CREATE INDEX action_item_meeting ON action_item (meeting_id);

-- Follow-up on an action: in an action review, a reflection, or between meetings (no
-- meeting). 'done' and 'dropped' close the action; 'partly' and 'not_done' leave it open.
CREATE TABLE action_update (
    id            INTEGER PRIMARY KEY,
    action_id     INTEGER NOT NULL REFERENCES action_item (id) ON DELETE CASCADE,
    meeting_id    INTEGER REFERENCES meeting (id) ON DELETE SET NULL,
    verdict       TEXT NOT NULL CHECK (verdict IN ('done', 'partly', 'not_done', 'dropped')),
    note          TEXT NOT NULL DEFAULT '',       -- what happened
    learned       TEXT NOT NULL DEFAULT '',       -- what was learned (a reflection)
    in_reflection INTEGER NOT NULL DEFAULT 0 CHECK (in_reflection IN (0, 1)),
    created_at    TEXT NOT NULL
);
CREATE INDEX action_update_action ON action_update (action_id, id);
CREATE INDEX action_update_meeting ON action_update (meeting_id);

-- A solution answers a problem or a pitfall.
ALTER TABLE note ADD COLUMN answers_note_id INTEGER REFERENCES note (id) ON DELETE SET NULL;
CREATE INDEX note_cycle ON note (cycle_id, kind);
CREATE INDEX meeting_cycle ON meeting (cycle_id);

-- A goal can be archived (kept for the cycles that served it, hidden from the list).
ALTER TABLE goal ADD COLUMN archived_at TEXT;

-- How the group will function: a community's working agreements, in order.
CREATE TABLE agreement (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    body         TEXT NOT NULL CHECK (length(body) > 0),
    created_at   TEXT NOT NULL
);
CREATE INDEX agreement_community ON agreement (community_id, position);
