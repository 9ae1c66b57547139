-- The order each round was taken in, on each of its turns: a round's order is its own,
-- so the plan's item keeps the order the leader planned (NULL: a round stored before).
ALTER TABLE speaking_turn ADD COLUMN round_order TEXT
    CHECK (round_order IN ('roster', 'shuffled', 'least_heard', 'rotate'));
