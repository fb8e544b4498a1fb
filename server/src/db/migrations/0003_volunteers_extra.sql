-- Volunteers: who filled in a minor's registration, and the evidence of consent for registrations made
-- by an organization on a person's behalf.

-- Children under 14 may only be registered by a guardian (or an organization with the guardian's consent);
-- the flag records that the guardian, not the child, filled in an online registration.
ALTER TABLE volunteers ADD COLUMN registered_by_guardian boolean NOT NULL DEFAULT false;
-- Where the person's consent to a registration made on their behalf is kept (form reference, recording …).
ALTER TABLE volunteers ADD COLUMN registration_consent_evidence text;

-- The review queue lists pending verifications oldest first within a region subtree.
CREATE INDEX volunteers_queue_idx ON volunteers (verification_status, updated_at) WHERE verification_status = 'pending';
