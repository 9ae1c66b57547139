-- Start-up on ten years of history (docs/PERFORMANCE.md, "Start-up on ten years, round 4").
-- Each index serves a read whose cost grew with the history; measured on the large
-- database (one community: 1,040 actions, 522 meetings).

-- The Actions screen reads its closed actions a page at a time, newest done first
-- (store/actions.rs `actions_page`): without it each page sorted every closed action
-- of the community (0.9 ms, growing; with it 0.1 ms whatever the history).
CREATE INDEX action_item_closed ON action_item (community_id, done_at) WHERE status <> 'open';

-- Every screen's start reads the planned and live meetings (`upcoming_meetings`):
-- through the community's index it visited all its meetings (27 pages); now 1.
CREATE INDEX meeting_upcoming ON meeting (community_id, scheduled_at)
    WHERE status IN ('live', 'planned');

-- Each goal's actions counted (`goal_progress`, read with every start) goal by goal:
-- through the community's index it visited every action (49 pages); now 3.
CREATE INDEX action_item_goal ON action_item (goal_id, status);

-- The closed actions are paged by the stored text of `done_at`: every value in the one
-- stored form (UTC, milliseconds, `Z`; `import json` took any RFC 3339 time as written),
-- so text order is time order (store/actions.rs `CANONICAL_DONE_AT`, which the import runs).
UPDATE action_item SET done_at = strftime('%Y-%m-%dT%H:%M:%fZ', done_at)
WHERE done_at IS NOT strftime('%Y-%m-%dT%H:%M:%fZ', done_at)
  AND strftime('%Y-%m-%dT%H:%M:%fZ', done_at) IS NOT NULL;
