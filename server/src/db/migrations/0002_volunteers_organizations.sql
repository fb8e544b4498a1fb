-- Volunteers (real-name registration) and organizations with their teams and members.
-- Document numbers, phones and emergency contacts are AES-256-GCM ciphertext (…_enc); lookups and
-- uniqueness go through keyed hashes (…_bidx, HMAC-SHA256 with the application key), never plaintext.

ALTER TABLE users ADD COLUMN phone_bidx bytea UNIQUE;

CREATE TABLE volunteers (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- NULL once the account is closed: kept service records stay, unlinked from the person.
  user_id                 uuid UNIQUE REFERENCES users(id),
  -- Public number, never derived from the ID number and never reused (rows are never deleted).
  volunteer_no            text NOT NULL UNIQUE,
  name                    text,
  gender                  text CHECK (gender IN ('male', 'female')),
  birth_date              date,
  doc_type                text,
  doc_number_enc          text,
  doc_bidx                bytea UNIQUE,
  phone_enc               text,
  phone_bidx              bytea,
  region_code             text NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
  verification_status     text NOT NULL DEFAULT 'unverified'
                          CHECK (verification_status IN ('unverified', 'pending', 'verified', 'rejected')),
  verification_method     text CHECK (verification_method IN ('external', 'manual')),
  verified_at             timestamptz,
  verified_by             uuid REFERENCES users(id),
  verification_note       text,
  guardian_name           text,
  guardian_relation       text,
  guardian_phone_enc      text,
  guardian_consent_at     timestamptz,
  guardian_evidence       text,
  skills                  text[] NOT NULL DEFAULT '{}',
  qualifications          jsonb NOT NULL DEFAULT '[]'::jsonb,
  categories              text[] NOT NULL DEFAULT '{}',
  service_regions         text[] NOT NULL DEFAULT '{}',
  availability            jsonb NOT NULL DEFAULT '[]'::jsonb,
  languages               text[] NOT NULL DEFAULT '{}',
  emergency_contact_enc   text,
  privacy_notice_version  text,
  sensitive_consent_at    timestamptz,
  registered_by_org       uuid,
  registration_consent_at timestamptz,
  status                  text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  closed_at               timestamptz,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'closed' OR (name IS NOT NULL AND doc_bidx IS NOT NULL))
);
CREATE INDEX volunteers_region_idx ON volunteers (region_code text_pattern_ops, created_at);
CREATE INDEX volunteers_name_idx ON volunteers (name text_pattern_ops);
CREATE INDEX volunteers_phone_idx ON volunteers (phone_bidx);
CREATE INDEX volunteers_status_idx ON volunteers (verification_status, region_code text_pattern_ops);

-- Uploaded document images for manual review (permits, passports).
CREATE TABLE verification_documents (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  volunteer_id uuid NOT NULL REFERENCES volunteers(id),
  mime_type    text NOT NULL CHECK (mime_type IN ('image/png', 'image/jpeg', 'application/pdf')),
  -- Encrypted file content (base64 ciphertext): the image shows the document number.
  content_enc  text NOT NULL,
  uploaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX verification_documents_volunteer_idx ON verification_documents (volunteer_id);

ALTER TABLE organizations
  ADD COLUMN org_type        text NOT NULL DEFAULT 'other'
    CHECK (org_type IN ('social_group', 'social_service_institution', 'foundation', 'other', 'unregistered_team')),
  ADD COLUMN uscc            text UNIQUE,
  ADD COLUMN host_unit       text,
  ADD COLUMN address         text,
  ADD COLUMN contact_name    text,
  ADD COLUMN contact_phone_enc text,
  ADD COLUMN person_in_charge text,
  ADD COLUMN categories      text[] NOT NULL DEFAULT '{}',
  ADD COLUMN status          text NOT NULL DEFAULT 'approved' CHECK (status IN ('pending', 'approved', 'rejected')),
  ADD COLUMN review_reason   text,
  ADD COLUMN reviewed_by     uuid REFERENCES users(id),
  ADD COLUMN reviewed_at     timestamptz,
  ADD COLUMN created_by      uuid REFERENCES users(id),
  ADD CONSTRAINT organizations_uscc_rule CHECK (
    (org_type = 'unregistered_team' AND uscc IS NULL) OR (org_type <> 'unregistered_team' AND org_type <> 'other' AND uscc IS NOT NULL) OR org_type = 'other');
CREATE INDEX organizations_parent_idx ON organizations (parent_id);
CREATE INDEX organizations_status_idx ON organizations (status, region_code text_pattern_ops);

CREATE TABLE memberships (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id       uuid NOT NULL REFERENCES organizations(id),
  volunteer_id uuid NOT NULL REFERENCES volunteers(id),
  role         text NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'leader', 'member')),
  status       text NOT NULL CHECK (status IN ('applied', 'invited', 'active', 'rejected', 'left')),
  -- How the import that created it can be recognised on a re-run.
  source       text NOT NULL DEFAULT 'web',
  created_at   timestamptz NOT NULL DEFAULT now(),
  decided_at   timestamptz,
  decided_by   uuid REFERENCES users(id),
  left_at      timestamptz
);
-- One open membership per person and team; history (left, rejected) stays.
CREATE UNIQUE INDEX memberships_open_uniq ON memberships (org_id, volunteer_id) WHERE status IN ('applied', 'invited', 'active');
CREATE INDEX memberships_volunteer_idx ON memberships (volunteer_id);

-- Bulk imports: validated in full before one all-or-nothing commit; a file is recognised by its hash.
CREATE TABLE import_jobs (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind         text NOT NULL CHECK (kind IN ('volunteers', 'members')),
  org_id       uuid REFERENCES organizations(id),
  file_sha256  text NOT NULL,
  status       text NOT NULL CHECK (status IN ('validating', 'invalid', 'committing', 'done', 'failed')),
  total_rows   integer NOT NULL DEFAULT 0,
  processed    integer NOT NULL DEFAULT 0,
  created      integer NOT NULL DEFAULT 0,
  skipped      integer NOT NULL DEFAULT 0,
  errors       jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_by   uuid NOT NULL REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);

GRANT SELECT, INSERT, UPDATE ON volunteers, verification_documents, memberships, import_jobs TO yiqi_app;
GRANT DELETE ON verification_documents TO yiqi_app;
