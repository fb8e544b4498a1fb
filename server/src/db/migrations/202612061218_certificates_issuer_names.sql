-- One name per concept: `issuer_org_id` (出具单位: who handles a certificate now, moves with dissolutions) sat
-- next to `issuing_org_id` (the organization that issued it, frozen at issue like `issued_by` and `issued_at`).
-- The frozen one becomes `issued_by_org_id`; `issuer_org_id` keeps its name (the API's `issuerOrgId`).
ALTER TABLE certificates RENAME COLUMN issuing_org_id TO issued_by_org_id;

-- PL/pgSQL bodies name columns as text: the guard of 0011 again, with the new name (nothing else changes).
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
      NEW.issued_by_org_id, NEW.original_unit_name)
     IS DISTINCT FROM (OLD.number, OLD.record_ids, OLD.total_minutes, OLD.content_hash, OLD.issuer_name,
      OLD.person_in_charge, OLD.handler_name, OLD.issued_by, OLD.issued_at, OLD.issued_by_org_id,
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
