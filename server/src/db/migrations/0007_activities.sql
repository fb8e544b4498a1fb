-- Activities (项目) with positions (岗位) and shifts, sign-ups with a waitlist, attendance (check-in and
-- check-out), and in-app notifications.
-- Places are enforced here, not only in the service: a trigger keeps shifts.taken equal to the sign-ups that
-- hold a place (pending or accepted) and the CHECK taken <= quota refuses the one that would overbook, even
-- under concurrent transactions (the trigger's UPDATE locks the shift row, so they queue).

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE activities (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id             uuid NOT NULL REFERENCES organizations(id),
  title              text NOT NULL,
  description        text NOT NULL,
  category           text NOT NULL,
  targets            text[] NOT NULL DEFAULT '{}',
  region_code        text NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
  address            text NOT NULL,
  lat                double precision CHECK (lat BETWEEN -90 AND 90),
  lng                double precision CHECK (lng BETWEEN -180 AND 180),
  starts_at          timestamptz NOT NULL,
  ends_at            timestamptz NOT NULL,
  recruit_mode       text NOT NULL DEFAULT 'public' CHECK (recruit_mode IN ('public', 'teams', 'code')),
  -- Teams whose active members may sign up when recruit_mode = 'teams'.
  designated_orgs    uuid[] NOT NULL DEFAULT '{}',
  invite_code        text,
  contact_name       text NOT NULL,
  contact_phone_enc  text,
  person_in_charge   text NOT NULL,
  risk_level         text NOT NULL DEFAULT 'none' CHECK (risk_level IN ('none', 'low', 'high')),
  physical_risk      boolean NOT NULL DEFAULT false,
  risk_text          text,
  insurance_policy_no text,
  insurance_insurer  text,
  insurance_cover    text,
  insurance_from     date,
  insurance_to       date,
  -- Check-in position rule: off, or a radius around (lat, lng) whose outside is rejected or reviewed.
  geofence_mode      text NOT NULL DEFAULT 'off' CHECK (geofence_mode IN ('off', 'reject', 'review')),
  geofence_radius_m  integer CHECK (geofence_radius_m BETWEEN 10 AND 50000),
  -- Volunteers may cancel up to this many hours before their shift starts; later is a late cancellation.
  cancel_cutoff_hours integer NOT NULL DEFAULT 24 CHECK (cancel_cutoff_hours BETWEEN 0 AND 720),
  -- draft, published, closed, cancelled are stored; in progress and ended are published read against the clock.
  status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed', 'cancelled')),
  cancel_reason      text,
  published_at       timestamptz,
  closed_at          timestamptz,
  cancelled_at       timestamptz,
  created_by         uuid NOT NULL REFERENCES users(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK (geofence_mode = 'off' OR (geofence_radius_m IS NOT NULL AND lat IS NOT NULL AND lng IS NOT NULL)),
  CHECK (recruit_mode <> 'code' OR invite_code IS NOT NULL),
  -- The regulation: physical risk needs accident insurance before publication.
  CHECK (status = 'draft' OR NOT physical_risk OR
         (insurance_policy_no IS NOT NULL AND insurance_insurer IS NOT NULL AND insurance_from IS NOT NULL
          AND insurance_to IS NOT NULL))
);
CREATE INDEX activities_org_idx ON activities (org_id, starts_at DESC);
CREATE INDEX activities_public_idx ON activities (status, region_code text_pattern_ops, starts_at);
CREATE INDEX activities_geo_idx ON activities (lat, lng) WHERE status = 'published';

CREATE TABLE positions (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  activity_id        uuid NOT NULL REFERENCES activities(id),
  name               text NOT NULL,
  duties             text NOT NULL DEFAULT '',
  min_age            integer CHECK (min_age BETWEEN 0 AND 120),
  max_age            integer CHECK (max_age BETWEEN 0 AND 120),
  required_skills    text[] NOT NULL DEFAULT '{}',
  required_qualifications text[] NOT NULL DEFAULT '{}',
  needs_approval     boolean NOT NULL DEFAULT false,
  sort               integer NOT NULL DEFAULT 0,
  removed_at         timestamptz,
  CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age)
);
CREATE INDEX positions_activity_idx ON positions (activity_id, sort);

CREATE TABLE shifts (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  position_id  uuid NOT NULL REFERENCES positions(id),
  activity_id  uuid NOT NULL REFERENCES activities(id),
  starts_at    timestamptz NOT NULL,
  ends_at      timestamptz NOT NULL,
  quota        integer NOT NULL CHECK (quota BETWEEN 1 AND 100000),
  -- Places held (pending + accepted sign-ups), kept by the trigger below; never above the quota.
  taken        integer NOT NULL DEFAULT 0 CHECK (taken >= 0),
  removed_at   timestamptz,
  CHECK (ends_at > starts_at),
  CONSTRAINT shifts_not_overbooked CHECK (taken <= quota)
);
CREATE INDEX shifts_position_idx ON shifts (position_id, starts_at);
CREATE INDEX shifts_activity_idx ON shifts (activity_id, starts_at);

CREATE TABLE signups (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Arrival order: assigned under the shift's lock, so the waitlist is first come, first served even
  -- when two sign-ups share a timestamp.
  seq            bigint GENERATED ALWAYS AS IDENTITY,
  shift_id       uuid NOT NULL REFERENCES shifts(id),
  position_id    uuid NOT NULL REFERENCES positions(id),
  activity_id    uuid NOT NULL REFERENCES activities(id),
  volunteer_id   uuid NOT NULL REFERENCES volunteers(id),
  -- pending and accepted hold a place; waitlisted waits in created order; the rest are history.
  status         text NOT NULL CHECK (status IN ('pending', 'accepted', 'waitlisted', 'rejected', 'cancelled', 'no_show')),
  shift_range    tstzrange NOT NULL,
  reject_reason  text,
  cancel_kind    text CHECK (cancel_kind IN ('volunteer', 'late', 'activity', 'shift_removed')),
  waitlisted_at  timestamptz,
  promoted_at    timestamptz,
  decided_by     uuid REFERENCES users(id),
  decided_at     timestamptz,
  cancelled_at   timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now()
);
-- One open sign-up per volunteer and shift; cancelled and rejected ones stay as history.
CREATE UNIQUE INDEX signups_open_uniq ON signups (shift_id, volunteer_id) WHERE status IN ('pending', 'accepted', 'waitlisted');
CREATE INDEX signups_shift_idx ON signups (shift_id, status, seq);
CREATE INDEX signups_activity_idx ON signups (activity_id, status);
CREATE INDEX signups_volunteer_idx ON signups (volunteer_id, created_at DESC);

CREATE FUNCTION signups_hold_place(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
  $$ SELECT s IN ('pending', 'accepted') $$;

CREATE FUNCTION signups_count_places() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE delta integer := 0;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF signups_hold_place(NEW.status) THEN delta := 1; END IF;
  ELSIF signups_hold_place(NEW.status) <> signups_hold_place(OLD.status) THEN
    delta := CASE WHEN signups_hold_place(NEW.status) THEN 1 ELSE -1 END;
  END IF;
  IF delta <> 0 THEN
    UPDATE shifts SET taken = taken + delta WHERE id = NEW.shift_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER signups_count_places AFTER INSERT OR UPDATE OF status ON signups
  FOR EACH ROW EXECUTE FUNCTION signups_count_places();

CREATE FUNCTION signups_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'sign-ups are kept as history; change the status instead'; END $$;
CREATE TRIGGER signups_no_delete BEFORE DELETE ON signups FOR EACH ROW EXECUTE FUNCTION signups_no_delete();

-- One attendance per sign-up (a retried check-in finds it instead of adding one), and no volunteer is
-- checked in to two overlapping shifts (exclusion constraint over the shift's time range).
CREATE TABLE attendances (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  signup_id          uuid NOT NULL UNIQUE REFERENCES signups(id),
  shift_id           uuid NOT NULL REFERENCES shifts(id),
  activity_id        uuid NOT NULL REFERENCES activities(id),
  volunteer_id       uuid NOT NULL REFERENCES volunteers(id),
  shift_range        tstzrange NOT NULL,
  check_in_at        timestamptz NOT NULL,
  check_in_method    text NOT NULL CHECK (check_in_method IN ('qr', 'staff')),
  check_in_by        uuid REFERENCES users(id),
  -- The QR time step used, so the same token cannot also check out.
  check_in_step      bigint,
  -- Only what the record needs of the device's position: its distance from the site and its accuracy.
  check_in_distance_m integer,
  check_in_accuracy_m integer,
  review_status      text NOT NULL DEFAULT 'ok' CHECK (review_status IN ('ok', 'review', 'rejected')),
  reviewed_by        uuid REFERENCES users(id),
  reviewed_at        timestamptz,
  check_out_at       timestamptz,
  check_out_method   text CHECK (check_out_method IN ('qr', 'staff', 'completed')),
  check_out_by       uuid REFERENCES users(id),
  check_out_distance_m integer,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (check_out_at IS NULL OR check_out_at >= check_in_at),
  CONSTRAINT attendances_no_overlap EXCLUDE USING gist (volunteer_id WITH =, shift_range WITH &&)
    WHERE (review_status <> 'rejected')
);
CREATE INDEX attendances_shift_idx ON attendances (shift_id);
CREATE INDEX attendances_activity_idx ON attendances (activity_id);

CREATE TABLE notifications (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id),
  kind        text NOT NULL,
  -- Parameters of the message (activity title, reason …); the text is rendered in the reader's language.
  data        jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

-- A secret address for a volunteer's calendar feed; only its hash is kept.
CREATE TABLE calendar_feeds (
  user_id     uuid PRIMARY KEY REFERENCES users(id),
  token_hash  bytea NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE ON activities, positions, shifts, signups, attendances, notifications TO yiqi_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_feeds TO yiqi_app;
