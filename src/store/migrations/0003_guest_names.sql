-- Guests are not on the roster: their names need not be unique, and a roster member may
-- share a past guest's name. Roster names stay unique per community.
DROP INDEX member_name;
CREATE UNIQUE INDEX member_name ON member (community_id, name COLLATE NOCASE) WHERE is_guest = 0;
