-- Organizations can be dissolved (注销) by a region administrator, with a reason and optionally a successor
-- (继任组织). "If the issuer dissolved, its successor or superior issues it": certificates of a dissolved
-- organization's records are handled by its successor, else its parent, else the region administrators of
-- the recording unit's region. Who handles a certificate now is `certificates.issuer_org_id` (NULL: the
-- region administrators); it moves with each dissolution, while the recording unit (org_id) never changes.

ALTER TABLE organizations DROP CONSTRAINT organizations_status_check;
ALTER TABLE organizations
  ADD CONSTRAINT organizations_status_check CHECK (status IN ('pending', 'approved', 'rejected', 'dissolved')),
  ADD COLUMN dissolved_at    timestamptz,
  ADD COLUMN dissolved_by    uuid REFERENCES users(id),
  ADD COLUMN dissolve_reason text,
  ADD COLUMN successor_id    uuid REFERENCES organizations(id),
  ADD CONSTRAINT organizations_dissolved_rule CHECK (
    (status = 'dissolved') = (dissolved_at IS NOT NULL AND dissolve_reason IS NOT NULL)),
  ADD CONSTRAINT organizations_successor_rule CHECK (
    successor_id IS NULL OR (status = 'dissolved' AND successor_id <> id));
CREATE INDEX organizations_successor_idx ON organizations (successor_id) WHERE successor_id IS NOT NULL;

-- Dissolution is final: nothing in the application reopens an organization, and the database agrees.
CREATE FUNCTION organizations_dissolved_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'dissolved' AND (NEW.status, NEW.dissolved_at, NEW.dissolved_by, NEW.dissolve_reason,
      NEW.successor_id) IS DISTINCT FROM (OLD.status, OLD.dissolved_at, OLD.dissolved_by,
      OLD.dissolve_reason, OLD.successor_id) THEN
    RAISE EXCEPTION 'organization % is dissolved: its dissolution cannot change', OLD.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER organizations_dissolved_guard BEFORE UPDATE ON organizations
  FOR EACH ROW EXECUTE FUNCTION organizations_dissolved_guard();

ALTER TABLE certificates
  -- The unit that handles (issues, rejects, revokes) the certificate now; NULL: the region administrators
  -- of the recording unit's region. Not part of what was issued: it follows later dissolutions.
  ADD COLUMN issuer_org_id      uuid REFERENCES organizations(id),
  -- Frozen at issue: the organization that issued it (its seal is printed; NULL: the region administrators).
  ADD COLUMN issuing_org_id     uuid REFERENCES organizations(id),
  -- Frozen at issue when the issuer is not the recording unit: the name printed as 原记录单位.
  ADD COLUMN original_unit_name text;

-- Until now every certificate was handled and issued by its recording unit. The guard is off for this one
-- statement only: it refuses any change to a rejected or revoked certificate, as it should from now on.
ALTER TABLE certificates DISABLE TRIGGER certificates_guard;
UPDATE certificates
   SET issuer_org_id = org_id,
       issuing_org_id = CASE WHEN status IN ('issued', 'revoked') THEN org_id END;
ALTER TABLE certificates ENABLE TRIGGER certificates_guard;

-- The guard of 0009, with issuer_org_id free to move in every status and issuing_org_id and
-- original_unit_name frozen at issue like the rest of what was issued.
CREATE OR REPLACE FUNCTION certificates_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'certificates are kept; revoke one instead'; END IF;
  -- What was asked for never changes.
  IF (NEW.volunteer_id, NEW.org_id, NEW.scope, NEW.period_from, NEW.period_to, NEW.activity_ids, NEW.purpose,
      NEW.requested_by, NEW.requested_at)
     IS DISTINCT FROM (OLD.volunteer_id, OLD.org_id, OLD.scope, OLD.period_from, OLD.period_to,
      OLD.activity_ids, OLD.purpose, OLD.requested_by, OLD.requested_at) THEN
    RAISE EXCEPTION 'certificate %: the request cannot change', OLD.id;
  END IF;
  -- What was issued never changes.
  IF OLD.status IN ('issued', 'revoked') AND (NEW.number, NEW.record_ids, NEW.total_minutes, NEW.content_hash,
      NEW.issuer_name, NEW.person_in_charge, NEW.handler_name, NEW.issued_by, NEW.issued_at,
      NEW.issuing_org_id, NEW.original_unit_name)
     IS DISTINCT FROM (OLD.number, OLD.record_ids, OLD.total_minutes, OLD.content_hash, OLD.issuer_name,
      OLD.person_in_charge, OLD.handler_name, OLD.issued_by, OLD.issued_at, OLD.issuing_org_id,
      OLD.original_unit_name) THEN
    RAISE EXCEPTION 'certificate % is issued: its content cannot change', OLD.id;
  END IF;
  -- requested → issued | rejected; issued → revoked; rejected and revoked are final (only who handles
  -- them moves, when that unit is dissolved).
  IF OLD.status IN ('rejected', 'revoked')
     AND to_jsonb(NEW) - 'issuer_org_id' IS DISTINCT FROM to_jsonb(OLD) - 'issuer_org_id' THEN
    RAISE EXCEPTION 'certificate % is %: it cannot change', OLD.id, OLD.status;
  END IF;
  IF NEW.status <> OLD.status AND NOT (
       (OLD.status = 'requested' AND NEW.status IN ('issued', 'rejected'))
       OR (OLD.status = 'issued' AND NEW.status = 'revoked')) THEN
    RAISE EXCEPTION 'certificate %: % cannot become %', OLD.id, OLD.status, NEW.status;
  END IF;
  RETURN NEW;
END $$;

-- A request written without an issuer (an older writer, a test factory) goes to its recording unit while
-- that unit is not dissolved; for a dissolved one the service resolves the successor or superior itself.
CREATE FUNCTION certificates_issuer_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.issuer_org_id IS NULL
     AND EXISTS (SELECT 1 FROM organizations WHERE id = NEW.org_id AND status <> 'dissolved') THEN
    NEW.issuer_org_id := NEW.org_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER certificates_issuer_default BEFORE INSERT ON certificates
  FOR EACH ROW EXECUTE FUNCTION certificates_issuer_default();

CREATE INDEX certificates_issuer_idx ON certificates (issuer_org_id, status, requested_at DESC);
-- The region administrators' queue: certificates whose recording unit left no successor or superior.
CREATE INDEX certificates_region_queue_idx ON certificates (status, requested_at DESC)
  WHERE issuer_org_id IS NULL;
