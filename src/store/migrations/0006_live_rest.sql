-- The order each round was taken in, on each of its turns: a round's order is its own,
-- so the plan's item keeps the order the leader planned (NULL: a round stored before).
ALTER TABLE speaking_turn ADD COLUMN round_order TEXT
    CHECK (round_order IN ('roster', 'shuffled', 'least_heard', 'rotate'));

-- What is typed in a form and not yet saved, one per form kind and target (the key,
-- e.g. 'member:new@c3'), kept as the leader types and offered back when that form
-- opens again.
CREATE TABLE form_draft (
    form       TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
