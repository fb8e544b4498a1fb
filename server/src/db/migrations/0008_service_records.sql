-- Service records (服务记录): the legal record of hours served. Entries are drafted from attendance when a
-- shift ends, entered afterwards with evidence (back-fill), or imported; an organizer confirms them within
-- 10 working days. Once out of draft an entry's content never changes (trigger + grants): a correction is a
-- new entry pointing at the one it replaces, decided by someone other than its author. Per-volunteer totals
-- are kept in the same transaction as every confirmation, so reading them is one row.

ALTER TABLE activities
  ADD COLUMN hours_rule text NOT NULL DEFAULT 'exact'
    CHECK (hours_rule IN ('exact', 'quarter_down', 'half_down', 'nearest_quarter', 'nearest_half', 'rule_15_45')),
  ADD COLUMN break_minutes integer NOT NULL DEFAULT 0 CHECK (break_minutes BETWEEN 0 AND 600);

CREATE TABLE service_records (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq              bigint GENERATED ALWAYS AS IDENTITY,
  kind             text NOT NULL CHECK (kind IN ('attendance', 'backfill', 'import', 'correction')),
  volunteer_id     uuid NOT NULL REFERENCES volunteers(id),
  -- The recording unit: who organizes records, records certifies.
  org_id           uuid NOT NULL REFERENCES organizations(id),
  activity_id      uuid REFERENCES activities(id),
  shift_id         uuid REFERENCES shifts(id),
  signup_id        uuid REFERENCES signups(id),
  corrects_id      uuid REFERENCES service_records(id),
  service_date     date NOT NULL,
  activity_title   text NOT NULL,
  place            text NOT NULL,
  content          text NOT NULL,
  position_name    text,
  person_in_charge text NOT NULL,
  -- Raw times as recorded, and how the hours were computed from them.
  check_in_at      timestamptz,
  check_out_at     timestamptz,
  break_minutes    integer NOT NULL DEFAULT 0,
  hours_rule       text NOT NULL DEFAULT 'exact',
  computed_minutes integer,
  explain          jsonb NOT NULL DEFAULT '[]'::jsonb,
  minutes          integer NOT NULL CHECK (minutes BETWEEN 0 AND 1440),
  -- Why the organizer's minutes differ from the computed ones; why a back-fill or correction is needed.
  adjust_reason    text,
  reason           text,
  evidence         jsonb NOT NULL DEFAULT '[]'::jsonb,
  status           text NOT NULL CHECK (status IN ('draft', 'pending', 'confirmed', 'rejected', 'superseded')),
  due_date         date,
  created_by       uuid REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  decided_by       uuid REFERENCES users(id),
  decided_at       timestamptz,
  reject_reason    text,
  superseded_by    uuid REFERENCES service_records(id),
  -- National information system sync (全国志愿服务信息系统), keyed by volunteer, activity and date.
  sync_status      text NOT NULL DEFAULT 'pending' CHECK (sync_status IN ('pending', 'synced', 'failed', 'skipped')),
  synced_at        timestamptz,
  CHECK (minutes = computed_minutes OR computed_minutes IS NULL OR adjust_reason IS NOT NULL),
  CHECK (kind <> 'correction' OR corrects_id IS NOT NULL),
  CHECK (kind NOT IN ('backfill', 'correction') OR reason IS NOT NULL),
  -- Four eyes: nobody confirms their own back-fill or correction.
  CHECK (kind NOT IN ('backfill', 'correction') OR decided_by IS NULL OR created_by IS NULL OR decided_by <> created_by),
  CHECK (status NOT IN ('confirmed', 'rejected') OR decided_at IS NOT NULL)
);
-- One attendance draft per sign-up (drafting is idempotent).
CREATE UNIQUE INDEX service_records_signup_uniq ON service_records (signup_id) WHERE kind = 'attendance';
-- At most one open correction per entry.
CREATE UNIQUE INDEX service_records_open_correction_uniq ON service_records (corrects_id) WHERE status = 'pending';
CREATE INDEX service_records_volunteer_idx ON service_records (volunteer_id, service_date DESC);
CREATE INDEX service_records_org_idx ON service_records (org_id, status, due_date);
CREATE INDEX service_records_activity_idx ON service_records (activity_id, status);

CREATE FUNCTION service_records_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'service records are kept; correct them with a new entry'; END IF;
  -- Drafts are the organizer's working copy; from pending on, only the lifecycle may move.
  IF OLD.status <> 'draft' AND (
       NEW.volunteer_id, NEW.org_id, NEW.activity_id, NEW.service_date, NEW.activity_title, NEW.place,
       NEW.content, NEW.position_name, NEW.person_in_charge, NEW.check_in_at, NEW.check_out_at,
       NEW.minutes, NEW.computed_minutes, NEW.adjust_reason, NEW.reason, NEW.evidence, NEW.kind,
       NEW.corrects_id, NEW.created_by, NEW.created_at)
     IS DISTINCT FROM (
       OLD.volunteer_id, OLD.org_id, OLD.activity_id, OLD.service_date, OLD.activity_title, OLD.place,
       OLD.content, OLD.position_name, OLD.person_in_charge, OLD.check_in_at, OLD.check_out_at,
       OLD.minutes, OLD.computed_minutes, OLD.adjust_reason, OLD.reason, OLD.evidence, OLD.kind,
       OLD.corrects_id, OLD.created_by, OLD.created_at) THEN
    RAISE EXCEPTION 'service record % is no longer a draft: its content cannot change', OLD.id;
  END IF;
  IF OLD.status IN ('confirmed', 'rejected', 'superseded') AND NEW.status <> OLD.status
     AND NOT (OLD.status = 'confirmed' AND NEW.status = 'superseded') THEN
    RAISE EXCEPTION 'service record %: % cannot become %', OLD.id, OLD.status, NEW.status;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER service_records_guard BEFORE UPDATE OR DELETE ON service_records
  FOR EACH ROW EXECUTE FUNCTION service_records_guard();

-- Evidence of a back-fill (photos, signed rosters): encrypted, since rosters name people.
CREATE TABLE record_evidence (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  record_id    uuid NOT NULL REFERENCES service_records(id),
  name         text NOT NULL,
  mime_type    text NOT NULL CHECK (mime_type IN ('image/png', 'image/jpeg', 'application/pdf')),
  sha256       text NOT NULL,
  content_enc  text NOT NULL,
  uploaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX record_evidence_record_idx ON record_evidence (record_id);

-- Training, award and evaluation records hang on the same person (记录办法); kept as entered (insert only).
CREATE TABLE training_records (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  volunteer_id  uuid NOT NULL REFERENCES volunteers(id),
  org_id        uuid NOT NULL REFERENCES organizations(id),
  name          text NOT NULL,
  content       text NOT NULL,
  minutes       integer NOT NULL CHECK (minutes BETWEEN 1 AND 100000),
  host          text NOT NULL,
  training_date date NOT NULL,
  created_by    uuid NOT NULL REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX training_records_volunteer_idx ON training_records (volunteer_id, training_date DESC);
CREATE TABLE award_records (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  volunteer_id  uuid NOT NULL REFERENCES volunteers(id),
  org_id        uuid NOT NULL REFERENCES organizations(id),
  name          text NOT NULL,
  award_date    date NOT NULL,
  grantor       text NOT NULL,
  -- Granted by the organization, by a government, or by another body and verified by the organization.
  grant_type    text NOT NULL CHECK (grant_type IN ('organization', 'government', 'other_verified')),
  created_by    uuid NOT NULL REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX award_records_volunteer_idx ON award_records (volunteer_id, award_date DESC);
CREATE TABLE evaluation_records (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  volunteer_id    uuid NOT NULL REFERENCES volunteers(id),
  org_id          uuid NOT NULL REFERENCES organizations(id),
  activity_id     uuid REFERENCES activities(id),
  quality         text NOT NULL CHECK (quality IN ('excellent', 'good', 'fair', 'poor')),
  stars           smallint CHECK (stars BETWEEN 1 AND 5),
  evaluation_date date NOT NULL,
  comment         text,
  created_by      uuid NOT NULL REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evaluation_records_volunteer_idx ON evaluation_records (volunteer_id, evaluation_date DESC);

-- Totals derived from confirmed entries, written in the same transaction as each confirmation.
CREATE TABLE volunteer_totals (
  volunteer_id  uuid PRIMARY KEY REFERENCES volunteers(id),
  minutes       bigint NOT NULL DEFAULT 0 CHECK (minutes >= 0),
  records       integer NOT NULL DEFAULT 0 CHECK (records >= 0),
  activities    integer NOT NULL DEFAULT 0 CHECK (activities >= 0),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE volunteer_year_totals (
  volunteer_id  uuid NOT NULL REFERENCES volunteers(id),
  year          integer NOT NULL,
  minutes       bigint NOT NULL DEFAULT 0 CHECK (minutes >= 0),
  PRIMARY KEY (volunteer_id, year)
);

GRANT SELECT, INSERT, UPDATE ON service_records, volunteer_totals, volunteer_year_totals TO yiqi_app;
GRANT SELECT, INSERT ON record_evidence, training_records, award_records, evaluation_records TO yiqi_app;
