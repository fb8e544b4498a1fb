-- Organizations: level bodies, re-registration after a rejection, member lists by team.

-- Federations, youth associations and civilization-practice centres are organizations too; the flag marks
-- them so lists and trees can show the level structure apart from ordinary teams.
ALTER TABLE organizations ADD COLUMN level_body boolean NOT NULL DEFAULT false;

-- A rejected registration keeps its row (history, audit) but must not block the same body from registering
-- again with corrected data, so the USCC is unique among pending and approved organizations only.
ALTER TABLE organizations DROP CONSTRAINT organizations_uscc_key;
CREATE UNIQUE INDEX organizations_uscc_uniq ON organizations (uscc) WHERE status <> 'rejected';

-- A team's member list by status, oldest first.
CREATE INDEX memberships_org_idx ON memberships (org_id, status, created_at);
