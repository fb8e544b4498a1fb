-- Star levels (星级认证) and honours (评优表彰). A star is never automatic: the volunteer (or their
-- organization) applies once their confirmed hours reach the scheme's threshold, the federation at the
-- certifying level (region admins of the district for 1–2 stars, city 3–4, province 5) reviews, the candidate
-- is publicly noticed for at least 5 working days (anyone signed in may object, with a reason), then certified.
-- Levels go strictly in order; falsified hours revoke a star and bar re-application for the scheme's period.
-- Nobody certifies themselves: the service refuses it and the triggers below are the backstop.

-- Per-region schemes; the deepest scheme above a volunteer's region applies, else the built-in default.
CREATE TABLE star_schemes (
  region_code          text NOT NULL,
  region_level         smallint NOT NULL CHECK (region_level BETWEEN 1 AND 5),
  -- Hours for 1..5 stars, strictly increasing; tenure (months registered) for 1..5 stars.
  thresholds           integer[] NOT NULL CHECK (array_length(thresholds, 1) = 5),
  tenure_months        integer[] NOT NULL CHECK (array_length(tenure_months, 1) = 5),
  -- Only hours recorded on the platform (attendance), not back-filled or imported paper hours.
  platform_only        boolean NOT NULL DEFAULT false,
  ban_months           integer NOT NULL DEFAULT 12 CHECK (ban_months BETWEEN 0 AND 120),
  notice_working_days  integer NOT NULL DEFAULT 5 CHECK (notice_working_days BETWEEN 5 AND 30),
  -- Extra conditions the reviewer confirms (e.g. community service hours), as text.
  conditions           text,
  updated_by           uuid NOT NULL REFERENCES users(id),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, region_level)
);

CREATE TABLE star_applications (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  volunteer_id       uuid NOT NULL REFERENCES volunteers(id),
  level              smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  status             text NOT NULL DEFAULT 'submitted'
                       CHECK (status IN ('submitted', 'noticed', 'certified', 'rejected')),
  applied_by         uuid NOT NULL REFERENCES users(id),
  applied_via_org    uuid REFERENCES organizations(id),
  minutes_at_apply   bigint NOT NULL,
  -- The federation that reviews: the volunteer's district, city or province by level.
  certifying_region  text NOT NULL,
  certifying_level   smallint NOT NULL CHECK (certifying_level BETWEEN 1 AND 3),
  reviewed_by        uuid REFERENCES users(id),
  reviewed_at        timestamptz,
  review_reason      text,
  notice_from        date,
  -- The last day of the notice; certification happens after it (job stars.notice-end).
  notice_until       date,
  certified_at       timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'submitted') = (reviewed_at IS NULL)),
  CHECK (status NOT IN ('noticed', 'certified') OR notice_until IS NOT NULL)
);
-- One open application per volunteer.
CREATE UNIQUE INDEX star_applications_one_open ON star_applications (volunteer_id)
  WHERE status IN ('submitted', 'noticed');
CREATE INDEX star_applications_queue_idx ON star_applications (certifying_region, status, created_at);

CREATE TABLE star_objections (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id  uuid NOT NULL REFERENCES star_applications(id),
  user_id         uuid NOT NULL REFERENCES users(id),
  reason          text NOT NULL CHECK (length(reason) > 0),
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed')),
  decided_by      uuid REFERENCES users(id),
  decided_at      timestamptz,
  decision_reason text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'open') = (decided_at IS NULL))
);
CREATE INDEX star_objections_application_idx ON star_objections (application_id);

CREATE TABLE star_certifications (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  volunteer_id    uuid NOT NULL REFERENCES volunteers(id),
  level           smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  application_id  uuid NOT NULL UNIQUE REFERENCES star_applications(id),
  certified_by    uuid NOT NULL REFERENCES users(id),
  certified_at    timestamptz NOT NULL DEFAULT now(),
  revoked_by      uuid REFERENCES users(id),
  revoked_at      timestamptz,
  revoke_reason   text,
  falsified       boolean NOT NULL DEFAULT false,
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE UNIQUE INDEX star_certifications_one_per_level ON star_certifications (volunteer_id, level)
  WHERE revoked_at IS NULL;

-- Bars from re-applying after falsified hours (append-only).
CREATE TABLE star_bans (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  volunteer_id      uuid NOT NULL REFERENCES volunteers(id),
  certification_id  uuid NOT NULL REFERENCES star_certifications(id),
  until             date NOT NULL,
  reason            text NOT NULL,
  created_by        uuid NOT NULL REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX star_bans_volunteer_idx ON star_bans (volunteer_id, until DESC);

-- Nobody reviews or certifies their own star, and no level is certified without the one below it.
CREATE FUNCTION star_applications_no_self_review() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM volunteers WHERE id = NEW.volunteer_id AND user_id = NEW.reviewed_by) THEN
    RAISE EXCEPTION 'star application %: nobody reviews their own application', NEW.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER star_applications_no_self_review BEFORE UPDATE ON star_applications
  FOR EACH ROW WHEN (NEW.reviewed_by IS NOT NULL AND NEW.reviewed_by IS DISTINCT FROM OLD.reviewed_by)
  EXECUTE FUNCTION star_applications_no_self_review();

CREATE FUNCTION star_certifications_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM volunteers WHERE id = NEW.volunteer_id AND user_id = NEW.certified_by) THEN
    RAISE EXCEPTION 'star certification of %: nobody certifies themselves', NEW.volunteer_id;
  END IF;
  IF NEW.level > 1 AND NOT EXISTS (SELECT 1 FROM star_certifications WHERE volunteer_id = NEW.volunteer_id
                                     AND level = NEW.level - 1 AND revoked_at IS NULL) THEN
    RAISE EXCEPTION 'star certification of %: level % needs level % first', NEW.volunteer_id, NEW.level, NEW.level - 1;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER star_certifications_rules BEFORE INSERT ON star_certifications
  FOR EACH ROW EXECUTE FUNCTION star_certifications_rules();

-- A certification is only ever revoked, once; nothing else of it changes.
CREATE FUNCTION star_certifications_revoke_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.revoked_at IS NOT NULL OR NEW.revoked_at IS NULL
     OR (NEW.volunteer_id, NEW.level, NEW.application_id, NEW.certified_by, NEW.certified_at)
        IS DISTINCT FROM (OLD.volunteer_id, OLD.level, OLD.application_id, OLD.certified_by, OLD.certified_at) THEN
    RAISE EXCEPTION 'star certification %: only revoked, once', OLD.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER star_certifications_revoke_only BEFORE UPDATE ON star_certifications
  FOR EACH ROW EXECUTE FUNCTION star_certifications_revoke_only();

-- Honours in yearly rounds: a region's federation opens a round, organizations nominate, the federation
-- decides each nomination (never about themselves) and publishes; published volunteer honours become award
-- records (award_records, the records module's person records).
CREATE TABLE honour_rounds (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code   text NOT NULL,
  region_level  smallint NOT NULL CHECK (region_level BETWEEN 1 AND 5),
  year          integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  kind          text NOT NULL CHECK (kind IN ('five_star_volunteer', 'hundred_best_volunteers', 'ten_best_projects')),
  title         text NOT NULL,
  quota         integer NOT NULL CHECK (quota BETWEEN 1 AND 1000),
  status        text NOT NULL DEFAULT 'nominating' CHECK (status IN ('nominating', 'published')),
  created_by    uuid NOT NULL REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  published_by  uuid REFERENCES users(id),
  published_at  timestamptz,
  UNIQUE (region_code, region_level, year, kind)
);

CREATE TABLE honour_nominations (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id         uuid NOT NULL REFERENCES honour_rounds(id),
  -- The nominating organization; the nominee is a volunteer or (projects and teams) an organization.
  org_id           uuid NOT NULL REFERENCES organizations(id),
  volunteer_id     uuid REFERENCES volunteers(id),
  nominee_org_id   uuid REFERENCES organizations(id),
  reason           text NOT NULL,
  status           text NOT NULL DEFAULT 'nominated' CHECK (status IN ('nominated', 'approved', 'rejected')),
  nominated_by     uuid NOT NULL REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  decided_by       uuid REFERENCES users(id),
  decided_at       timestamptz,
  decision_reason  text,
  award_record_id  uuid REFERENCES award_records(id),
  CHECK ((volunteer_id IS NULL) <> (nominee_org_id IS NULL)),
  CHECK ((status = 'nominated') = (decided_at IS NULL)),
  UNIQUE (round_id, volunteer_id),
  UNIQUE (round_id, nominee_org_id)
);

CREATE FUNCTION honour_nominations_no_self_decision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM volunteers WHERE id = NEW.volunteer_id AND user_id = NEW.decided_by) THEN
    RAISE EXCEPTION 'honour nomination %: nobody decides about their own nomination', NEW.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER honour_nominations_no_self_decision BEFORE UPDATE ON honour_nominations
  FOR EACH ROW WHEN (NEW.decided_by IS NOT NULL AND NEW.decided_by IS DISTINCT FROM OLD.decided_by)
  EXECUTE FUNCTION honour_nominations_no_self_decision();

GRANT SELECT, INSERT, UPDATE ON star_schemes, star_applications, star_objections, honour_rounds,
  honour_nominations TO yiqi_app;
GRANT SELECT, INSERT, UPDATE ON star_certifications TO yiqi_app;
GRANT SELECT, INSERT ON star_bans TO yiqi_app;
