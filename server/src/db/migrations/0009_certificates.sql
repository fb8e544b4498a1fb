-- Certificates (志愿服务记录证明): "who records certifies". A volunteer asks the organization that recorded
-- their service for a certificate of all, a period or chosen activities of its confirmed records; the
-- organization's administrators issue it (free) or reject it with a reason. Issuing freezes the record ids,
-- their total and a SHA-256 hash of their content, so public verification can tell whether the records
-- changed since. Certificates are never deleted: revocation is a status (trigger + grants).

CREATE TABLE certificates (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- YQ-<year of issue>-<10 random Crockford base32 characters>; given when issued.
  number           text UNIQUE CHECK (number ~ '^YQ-[0-9]{4}-[0-9A-HJKMNP-TV-Z]{10}$'),
  volunteer_id     uuid NOT NULL REFERENCES volunteers(id),
  -- The recording unit, which issues.
  org_id           uuid NOT NULL REFERENCES organizations(id),
  scope            text NOT NULL CHECK (scope IN ('all', 'period', 'activities')),
  period_from      date,
  period_to        date,
  activity_ids     uuid[] NOT NULL DEFAULT '{}',
  purpose          text,
  status           text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'issued', 'rejected', 'revoked')),
  requested_by     uuid REFERENCES users(id),
  requested_at     timestamptz NOT NULL DEFAULT now(),
  -- Frozen when issued.
  record_ids       uuid[],
  total_minutes    integer CHECK (total_minutes >= 0),
  content_hash     text CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  issuer_name      text,
  person_in_charge text,
  handler_name     text,
  issued_by        uuid REFERENCES users(id),
  issued_at        timestamptz,
  reject_reason    text,
  rejected_by      uuid REFERENCES users(id),
  rejected_at      timestamptz,
  revoke_reason    text,
  revoked_by       uuid REFERENCES users(id),
  revoked_at       timestamptz,
  CHECK (scope <> 'period' OR (period_from IS NOT NULL AND period_to IS NOT NULL AND period_from <= period_to)),
  CHECK (scope <> 'activities' OR cardinality(activity_ids) > 0),
  CHECK (status NOT IN ('issued', 'revoked') OR (
    number IS NOT NULL AND cardinality(record_ids) > 0 AND total_minutes IS NOT NULL
    AND content_hash IS NOT NULL AND issuer_name IS NOT NULL AND person_in_charge IS NOT NULL
    AND handler_name IS NOT NULL AND issued_at IS NOT NULL)),
  CHECK (status IN ('issued', 'revoked') OR number IS NULL),
  CHECK (status <> 'rejected' OR (reject_reason IS NOT NULL AND rejected_at IS NOT NULL)),
  CHECK (status <> 'revoked' OR (revoke_reason IS NOT NULL AND revoked_at IS NOT NULL))
);
-- One open request per volunteer and organization.
CREATE UNIQUE INDEX certificates_open_request_uniq ON certificates (volunteer_id, org_id) WHERE status = 'requested';
CREATE INDEX certificates_org_idx ON certificates (org_id, status, requested_at DESC);
CREATE INDEX certificates_volunteer_idx ON certificates (volunteer_id, requested_at DESC);

CREATE FUNCTION certificates_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
      NEW.issuer_name, NEW.person_in_charge, NEW.handler_name, NEW.issued_by, NEW.issued_at)
     IS DISTINCT FROM (OLD.number, OLD.record_ids, OLD.total_minutes, OLD.content_hash, OLD.issuer_name,
      OLD.person_in_charge, OLD.handler_name, OLD.issued_by, OLD.issued_at) THEN
    RAISE EXCEPTION 'certificate % is issued: its content cannot change', OLD.id;
  END IF;
  -- requested → issued | rejected; issued → revoked; rejected and revoked are final.
  IF OLD.status IN ('rejected', 'revoked') AND NEW IS DISTINCT FROM OLD THEN
    RAISE EXCEPTION 'certificate % is %: it cannot change', OLD.id, OLD.status;
  END IF;
  IF NEW.status <> OLD.status AND NOT (
       (OLD.status = 'requested' AND NEW.status IN ('issued', 'rejected'))
       OR (OLD.status = 'issued' AND NEW.status = 'revoked')) THEN
    RAISE EXCEPTION 'certificate %: % cannot become %', OLD.id, OLD.status, NEW.status;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER certificates_guard BEFORE UPDATE OR DELETE ON certificates
  FOR EACH ROW EXECUTE FUNCTION certificates_guard();

-- The seal an organization prints on its certificates (optional: without one a stamp area is left).
CREATE TABLE organization_seals (
  org_id      uuid PRIMARY KEY REFERENCES organizations(id),
  mime_type   text NOT NULL CHECK (mime_type IN ('image/png', 'image/jpeg')),
  image       bytea NOT NULL,
  updated_by  uuid REFERENCES users(id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE ON certificates TO yiqi_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON organization_seals TO yiqi_app;
