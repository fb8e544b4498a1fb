-- Change registration (变更登记): a correction of an organization's registered facts (name, person in charge,
-- address, host unit, USCC) is a request that waits in the region admins' review queue like a registration.
-- `changes` holds only the fields asked for; `previous` the organization's values they replace (taken again
-- when the change is approved and applied), so an approved change is the record of what the unit was before.
-- Contacts (联系人, 联系电话, 经办人) are not registered facts: the unit's admins edit them directly (audited).
CREATE TABLE organization_changes (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id         uuid NOT NULL REFERENCES organizations(id),
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  changes        jsonb NOT NULL,
  previous       jsonb NOT NULL,
  note           text,
  requested_by   uuid NOT NULL REFERENCES users(id),
  requested_at   timestamptz NOT NULL DEFAULT now(),
  reviewed_by    uuid REFERENCES users(id),
  reviewed_at    timestamptz,
  review_reason  text,
  CHECK ((status = 'pending') = (reviewed_at IS NULL))
);
-- One open change per organization: a second would be reviewed against facts the first may replace.
CREATE UNIQUE INDEX organization_changes_one_pending ON organization_changes (org_id) WHERE status = 'pending';
CREATE INDEX organization_changes_org_idx ON organization_changes (org_id, requested_at DESC);
CREATE INDEX organization_changes_pending_idx ON organization_changes (requested_at) WHERE status = 'pending';

GRANT SELECT, INSERT, UPDATE ON organization_changes TO yiqi_app;
