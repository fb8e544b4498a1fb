-- Training and qualifications (issue 16). Organizations and level bodies (region admins) publish courses:
-- online (material and a short multiple-choice quiz the server grades) or offline (an activity whose
-- checked-in attendance counts). A completion writes an append-only training record; a course may grant a
-- qualification with an expiry. Qualifications are records with evidence: the training record, or an
-- uploaded certificate an admin reviewed (the path for qualifications held before). A position may require
-- one: sign-up is refused unless the volunteer holds it, unexpired and unrevoked, on the shift's date.

-- The catalogue: default validity in months (NULL: does not expire).
CREATE TABLE qualification_types (
  code             text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_zh_cn       text NOT NULL,
  name_zh_hk       text NOT NULL,
  name_en          text NOT NULL,
  validity_months  integer CHECK (validity_months BETWEEN 1 AND 240),
  sort             integer NOT NULL DEFAULT 0
);
INSERT INTO qualification_types (code, name_zh_cn, name_zh_hk, name_en, validity_months, sort) VALUES
  ('first_aid', '急救', '急救', 'First aid', 36, 1),
  ('psych_counselling', '心理咨询', '心理諮詢', 'Psychological counselling', 60, 2),
  ('legal_aid', '法律援助', '法律援助', 'Legal aid', 36, 3),
  ('elderly_care', '养老护理', '養老護理', 'Elderly care', 36, 4),
  ('fire_safety', '消防安全', '消防安全', 'Fire safety', 24, 5),
  ('water_rescue', '水上救援', '水上救援', 'Water rescue', 24, 6),
  ('sign_language', '手语翻译', '手語翻譯', 'Sign language interpreting', NULL, 7),
  ('child_care', '儿童照护', '兒童照護', 'Child care', 36, 8);

-- A course belongs to an organization or to a level body (a region); region_code is the organization's
-- region or the body's own, for scope and coverage.
CREATE TABLE training_courses (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_org_id       uuid REFERENCES organizations(id),
  owner_region_code  text CHECK (owner_region_code ~ '^[0-9]{12}$'),
  region_code        text NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
  title              text NOT NULL,
  description        text NOT NULL DEFAULT '',
  mode               text NOT NULL CHECK (mode IN ('online', 'offline')),
  material           text NOT NULL DEFAULT '',
  material_url       text,
  -- [{ text, options: [..], answer: index }]; the answers never leave the server to volunteers.
  quiz               jsonb NOT NULL DEFAULT '[]',
  pass_mark          integer NOT NULL DEFAULT 0 CHECK (pass_mark >= 0),
  activity_id        uuid REFERENCES activities(id),
  qualification_code text REFERENCES qualification_types(code),
  status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  created_by         uuid NOT NULL REFERENCES users(id),
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  CHECK ((owner_org_id IS NULL) <> (owner_region_code IS NULL)),
  CHECK (mode = 'offline' OR activity_id IS NULL),
  CHECK (status = 'draft' OR mode = 'online' OR activity_id IS NOT NULL)
);
CREATE INDEX training_courses_region_idx ON training_courses (region_code text_pattern_ops, status);
CREATE INDEX training_courses_org_idx ON training_courses (owner_org_id);

-- Every quiz submission, pass or fail (append-only).
CREATE TABLE training_attempts (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id     uuid NOT NULL REFERENCES training_courses(id),
  volunteer_id  uuid NOT NULL REFERENCES volunteers(id),
  answers       jsonb NOT NULL,
  correct       integer NOT NULL CHECK (correct >= 0),
  passed        boolean NOT NULL,
  created_at    timestamptz NOT NULL
);
CREATE INDEX training_attempts_volunteer_idx ON training_attempts (volunteer_id, course_id);

-- A completed course (append-only, one per course and volunteer): by a passed quiz or by attendance,
-- the latter recorded by an admin who is never the volunteer.
CREATE TABLE course_completions (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id      uuid NOT NULL REFERENCES training_courses(id),
  volunteer_id   uuid NOT NULL REFERENCES volunteers(id),
  method         text NOT NULL CHECK (method IN ('quiz', 'attendance')),
  attempt_id     uuid REFERENCES training_attempts(id),
  attendance_id  uuid REFERENCES attendances(id),
  recorded_by    uuid REFERENCES users(id),
  created_at     timestamptz NOT NULL,
  UNIQUE (course_id, volunteer_id),
  CHECK ((method = 'quiz') = (attempt_id IS NOT NULL)),
  CHECK ((method = 'attendance') = (attendance_id IS NOT NULL AND recorded_by IS NOT NULL))
);
CREATE INDEX course_completions_volunteer_idx ON course_completions (volunteer_id);

-- A certificate a volunteer uploads as evidence of a qualification they hold; an admin reviews it.
CREATE TABLE qualification_claims (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  volunteer_id    uuid NOT NULL REFERENCES volunteers(id),
  type_code       text NOT NULL REFERENCES qualification_types(code),
  issuer          text NOT NULL,
  certificate_no  text NOT NULL,
  issued_on       date NOT NULL,
  expires_on      date,
  photo_mime      text NOT NULL CHECK (photo_mime IN ('image/jpeg', 'image/png', 'image/webp')),
  photo           bytea NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  reviewed_by     uuid REFERENCES users(id),
  reviewed_at     timestamptz,
  review_note     text,
  created_at      timestamptz NOT NULL,
  CHECK ((status = 'pending') = (reviewed_by IS NULL)),
  CHECK (expires_on IS NULL OR expires_on > issued_on)
);
CREATE INDEX qualification_claims_pending_idx ON qualification_claims (status, created_at);
CREATE INDEX qualification_claims_volunteer_idx ON qualification_claims (volunteer_id);

-- A held qualification (append-only): evidence is a training record or an approved claim.
CREATE TABLE qualifications (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  volunteer_id        uuid NOT NULL REFERENCES volunteers(id),
  type_code           text NOT NULL REFERENCES qualification_types(code),
  issued_at           timestamptz NOT NULL,
  expires_at          timestamptz,
  completion_id  uuid UNIQUE REFERENCES course_completions(id),
  claim_id            uuid UNIQUE REFERENCES qualification_claims(id),
  granted_by          uuid REFERENCES users(id),
  created_at          timestamptz NOT NULL,
  CHECK ((completion_id IS NULL) <> (claim_id IS NULL)),
  CHECK (expires_at IS NULL OR expires_at > issued_at)
);
-- The sign-up check: does this volunteer hold this type (then expiry and revocation are read).
CREATE INDEX qualifications_holder_idx ON qualifications (volunteer_id, type_code);
CREATE INDEX qualifications_type_idx ON qualifications (type_code);

-- A revocation is a new row with its reason, never an edit of the qualification.
CREATE TABLE qualification_revocations (
  qualification_id  uuid PRIMARY KEY REFERENCES qualifications(id),
  reason            text NOT NULL CHECK (char_length(reason) BETWEEN 2 AND 500),
  revoked_by        uuid NOT NULL REFERENCES users(id),
  created_at        timestamptz NOT NULL
);

-- A position may require one qualification type (beside the free-text list kept from before).
ALTER TABLE positions ADD COLUMN required_qualification text REFERENCES qualification_types(code);

-- Nobody decides about themselves: the admin recording an attendance completion, reviewing a claim,
-- granting from a claim or revoking is never the volunteer concerned.
CREATE FUNCTION training_no_self_decision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  decider uuid;
  holder uuid;
BEGIN
  IF TG_TABLE_NAME = 'course_completions' THEN
    decider := NEW.recorded_by; holder := NEW.volunteer_id;
  ELSIF TG_TABLE_NAME = 'qualification_claims' THEN
    decider := NEW.reviewed_by; holder := NEW.volunteer_id;
  ELSIF TG_TABLE_NAME = 'qualifications' THEN
    decider := NEW.granted_by; holder := NEW.volunteer_id;
  ELSE
    decider := NEW.revoked_by;
    SELECT volunteer_id INTO holder FROM qualifications WHERE id = NEW.qualification_id;
  END IF;
  IF decider IS NOT NULL AND EXISTS (SELECT 1 FROM volunteers WHERE id = holder AND user_id = decider) THEN
    RAISE EXCEPTION '%: nobody decides about their own training or qualification', TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER course_completions_no_self BEFORE INSERT ON course_completions
  FOR EACH ROW EXECUTE FUNCTION training_no_self_decision();
CREATE TRIGGER qualification_claims_no_self BEFORE UPDATE ON qualification_claims
  FOR EACH ROW EXECUTE FUNCTION training_no_self_decision();
CREATE TRIGGER qualifications_no_self BEFORE INSERT ON qualifications
  FOR EACH ROW EXECUTE FUNCTION training_no_self_decision();
CREATE TRIGGER qualification_revocations_no_self BEFORE INSERT ON qualification_revocations
  FOR EACH ROW EXECUTE FUNCTION training_no_self_decision();

GRANT SELECT ON qualification_types TO yiqi_app;
GRANT SELECT, INSERT, UPDATE ON training_courses TO yiqi_app;
GRANT SELECT, INSERT ON training_attempts TO yiqi_app;
GRANT SELECT, INSERT ON course_completions TO yiqi_app;
GRANT SELECT, INSERT, UPDATE ON qualification_claims TO yiqi_app;
GRANT SELECT, INSERT ON qualifications TO yiqi_app;
GRANT SELECT, INSERT ON qualification_revocations TO yiqi_app;
