-- Roundtable schema, version 1: the whole domain.
-- Times are UTC RFC 3339 text; dates are YYYY-MM-DD. Never edit this file once released:
-- add a new numbered migration instead.

CREATE TABLE community (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    purpose         TEXT NOT NULL DEFAULT '',
    cadence         TEXT NOT NULL DEFAULT '',       -- canonical text, e.g. 'weekly Tue 18:00'; '' = ad hoc
    mode            TEXT NOT NULL DEFAULT 'in_person' CHECK (mode IN ('in_person', 'online', 'hybrid')),
    place           TEXT NOT NULL DEFAULT '',       -- room, address or video link
    meeting_minutes INTEGER NOT NULL DEFAULT 90 CHECK (meeting_minutes > 0),
    archived_at     TEXT,
    created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX community_name ON community (name COLLATE NOCASE);

CREATE TABLE member (
    id             INTEGER PRIMARY KEY,
    community_id   INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT '',
    brings         TEXT NOT NULL DEFAULT '',
    hopes          TEXT NOT NULL DEFAULT '',
    learning_style TEXT NOT NULL DEFAULT '',
    strengths      TEXT NOT NULL DEFAULT '',
    growth_areas   TEXT NOT NULL DEFAULT '',
    joined_on      TEXT,
    left_on        TEXT,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    is_new         INTEGER NOT NULL DEFAULT 0 CHECK (is_new IN (0, 1)),
    is_guest       INTEGER NOT NULL DEFAULT 0 CHECK (is_guest IN (0, 1)),
    created_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX member_name ON member (community_id, name COLLATE NOCASE);

-- Who led (or mediated) the community, from when, and how they were chosen.
CREATE TABLE leadership (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    member_id    INTEGER NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    role         TEXT NOT NULL DEFAULT 'leader' CHECK (role IN ('leader', 'mediator')),
    chosen_by    TEXT NOT NULL CHECK (chosen_by IN ('appointed', 'agreed', 'voted')),
    started_on   TEXT NOT NULL,
    ended_on     TEXT
);
CREATE INDEX leadership_community ON leadership (community_id, started_on);

CREATE TABLE goal (
    id              INTEGER PRIMARY KEY,
    community_id    INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    success_measure TEXT NOT NULL DEFAULT '',
    target_on       TEXT,
    status          TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'active', 'met', 'dropped')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX goal_community ON goal (community_id);

-- A turn of the learning cycle: interrogate new information, apply it, reflect.
CREATE TABLE cycle (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    topic        TEXT NOT NULL DEFAULT '',          -- the new information under study
    phase        TEXT NOT NULL DEFAULT 'interrogation'
                 CHECK (phase IN ('interrogation', 'application', 'reflection', 'closed')),
    started_on   TEXT NOT NULL,
    ended_on     TEXT,
    goals_met    TEXT NOT NULL DEFAULT '',          -- reflection: were the goals met
    went_well    TEXT NOT NULL DEFAULT '',
    to_improve   TEXT NOT NULL DEFAULT '',
    carry_forward TEXT NOT NULL DEFAULT '',         -- what feeds the next cycle
    UNIQUE (community_id, number)
);

CREATE TABLE meeting (
    id              INTEGER PRIMARY KEY,
    community_id    INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    cycle_id        INTEGER REFERENCES cycle (id) ON DELETE SET NULL,
    title           TEXT NOT NULL,
    scheduled_at    TEXT NOT NULL,
    planned_minutes INTEGER NOT NULL CHECK (planned_minutes > 0),
    status          TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'live', 'ended', 'cancelled')),
    template        TEXT,
    started_at      TEXT,
    ended_at        TEXT,
    heartbeat_at    TEXT,                           -- last sign of life of a live meeting (crash detection)
    created_at      TEXT NOT NULL
);
CREATE INDEX meeting_community ON meeting (community_id, scheduled_at);
CREATE UNIQUE INDEX meeting_one_live ON meeting (community_id) WHERE status = 'live';

-- Spans during which a live meeting's clocks stood still (a pause, or the app being down).
CREATE TABLE meeting_pause (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    reason     TEXT NOT NULL DEFAULT 'paused' CHECK (reason IN ('paused', 'downtime')),
    started_at TEXT NOT NULL,
    ended_at   TEXT
);

CREATE TABLE icebreaker (
    id              INTEGER PRIMARY KEY,
    key             TEXT UNIQUE,                    -- stable key of a built-in; NULL for a custom one
    title           TEXT NOT NULL,
    prompt          TEXT NOT NULL,
    category        TEXT NOT NULL CHECK (category IN ('get-to-know', 'energizer', 'reflection', 'team-building', 'learning-focused')),
    minutes         INTEGER NOT NULL CHECK (minutes > 0),
    min_group       INTEGER NOT NULL DEFAULT 1,
    max_group       INTEGER NOT NULL DEFAULT 100,
    remote_friendly INTEGER NOT NULL DEFAULT 1 CHECK (remote_friendly IN (0, 1)),
    depth           TEXT NOT NULL DEFAULT 'light' CHECK (depth IN ('light', 'medium', 'deep')),
    library_version INTEGER,                        -- version of the built-in library it came from
    created_at      TEXT NOT NULL
);

CREATE TABLE agenda_item (
    id            INTEGER PRIMARY KEY,
    meeting_id    INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('icebreaker', 'introductions', 'round_robin', 'open_discussion',
                  'action_review', 'critical_interrogation', 'application', 'reflection', 'decision', 'break', 'check_out')),
    title         TEXT NOT NULL,
    minutes       INTEGER NOT NULL CHECK (minutes > 0),
    leader_notes  TEXT NOT NULL DEFAULT '',
    recurring     INTEGER NOT NULL DEFAULT 0 CHECK (recurring IN (0, 1)),
    icebreaker_id INTEGER REFERENCES icebreaker (id) ON DELETE SET NULL,
    turn_order    TEXT CHECK (turn_order IN ('roster', 'shuffled', 'least_heard', 'rotate')),
    turn_seconds  INTEGER CHECK (turn_seconds > 0),
    started_at    TEXT,
    ended_at      TEXT
);
CREATE INDEX agenda_item_meeting ON agenda_item (meeting_id, position);

CREATE TABLE icebreaker_use (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    icebreaker_id INTEGER NOT NULL REFERENCES icebreaker (id) ON DELETE CASCADE,
    meeting_id    INTEGER REFERENCES meeting (id) ON DELETE SET NULL,
    used_at       TEXT NOT NULL
);
CREATE INDEX icebreaker_use_community ON icebreaker_use (community_id, used_at);

CREATE TABLE template (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    minutes     INTEGER NOT NULL CHECK (minutes > 0),
    created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX template_name ON template (name COLLATE NOCASE);

CREATE TABLE template_item (
    id           INTEGER PRIMARY KEY,
    template_id  INTEGER NOT NULL REFERENCES template (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    title        TEXT NOT NULL,
    minutes      INTEGER NOT NULL CHECK (minutes > 0),
    leader_notes TEXT NOT NULL DEFAULT '',
    recurring    INTEGER NOT NULL DEFAULT 0 CHECK (recurring IN (0, 1))
);

CREATE TABLE attendance (
    meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    member_id  INTEGER NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    status     TEXT NOT NULL CHECK (status IN ('present', 'late', 'absent')),
    PRIMARY KEY (meeting_id, member_id)
);

-- One member's turn to speak in a round of an agenda item.
CREATE TABLE speaking_turn (
    id             INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    round          INTEGER NOT NULL DEFAULT 1,
    position       INTEGER NOT NULL,
    member_id      INTEGER NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    state          TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'speaking', 'spoke', 'passed', 'skipped')),
    hand_raised    INTEGER NOT NULL DEFAULT 0 CHECK (hand_raised IN (0, 1)),
    started_at     TEXT,
    ended_at       TEXT
);
CREATE INDEX speaking_turn_item ON speaking_turn (agenda_item_id, round, position);
CREATE INDEX speaking_turn_member ON speaking_turn (member_id);

CREATE TABLE note (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER REFERENCES meeting (id) ON DELETE CASCADE,
    cycle_id       INTEGER REFERENCES cycle (id) ON DELETE SET NULL,
    agenda_item_id INTEGER REFERENCES agenda_item (id) ON DELETE SET NULL,
    member_id      INTEGER REFERENCES member (id) ON DELETE SET NULL,   -- the speaker; NULL = the group
    kind           TEXT NOT NULL DEFAULT 'note' CHECK (kind IN ('note', 'idea', 'question', 'problem', 'pitfall',
                   'solution', 'decision', 'action')),
    body           TEXT NOT NULL CHECK (length(body) > 0),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX note_meeting ON note (meeting_id, created_at);

CREATE VIRTUAL TABLE note_fts USING fts5 (body, content = 'note', content_rowid = 'id');
CREATE TRIGGER note_fts_insert AFTER INSERT ON note BEGIN
    INSERT INTO note_fts (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER note_fts_delete AFTER DELETE ON note BEGIN
    INSERT INTO note_fts (note_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER note_fts_update AFTER UPDATE OF body ON note BEGIN
    INSERT INTO note_fts (note_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO note_fts (rowid, body) VALUES (new.id, new.body);
END;

-- A fist-of-five consent check on a decision.
CREATE TABLE consent_check (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_item (id) ON DELETE SET NULL,
    note_id        INTEGER REFERENCES note (id) ON DELETE SET NULL,
    topic          TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE TABLE consent_vote (
    consent_check_id INTEGER NOT NULL REFERENCES consent_check (id) ON DELETE CASCADE,
    member_id        INTEGER NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    score            INTEGER NOT NULL CHECK (score BETWEEN 0 AND 5),
    PRIMARY KEY (consent_check_id, member_id)
);

CREATE TABLE action_item (
    id              INTEGER PRIMARY KEY,
    community_id    INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    meeting_id      INTEGER REFERENCES meeting (id) ON DELETE SET NULL,
    cycle_id        INTEGER REFERENCES cycle (id) ON DELETE SET NULL,
    note_id         INTEGER REFERENCES note (id) ON DELETE SET NULL,
    owner_member_id INTEGER REFERENCES member (id) ON DELETE SET NULL,
    title           TEXT NOT NULL,
    due_on          TEXT,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    created_at      TEXT NOT NULL,
    done_at         TEXT
);
CREATE INDEX action_item_owner ON action_item (owner_member_id, status);

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
