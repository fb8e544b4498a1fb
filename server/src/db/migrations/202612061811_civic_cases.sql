-- Civic-supervision reports (文明监督 随手拍). A report is a case from the start: routed by region and
-- category (civic_routes, the longest region prefix wins, a category's own rule before 'any') to the
-- responsible unit (an organization), with a deadline; a durable job (civic.deadline) flags it overdue.
-- The unit handles it with proof photos; the reporter or a supervisor rates it: 3–5 rectified (closed),
-- 1–2 reopens it (round + 1, a new deadline).
CREATE TABLE civic_routes (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code    text NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
  category       text NOT NULL,
  unit_org_id    uuid NOT NULL REFERENCES organizations(id),
  deadline_days  integer NOT NULL CHECK (deadline_days BETWEEN 1 AND 30),
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, category)
);

CREATE TABLE civic_cases (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reporter_id     uuid NOT NULL REFERENCES users(id),
  anonymous       boolean NOT NULL,
  category        text NOT NULL,
  description     text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 120),
  region_code     text NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
  lat             double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng             double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  unit_org_id     uuid REFERENCES organizations(id),
  status          text NOT NULL DEFAULT 'routed' CHECK (status IN ('routed', 'handled', 'rectified')),
  round           integer NOT NULL DEFAULT 1 CHECK (round >= 1),
  deadline_days   integer NOT NULL CHECK (deadline_days BETWEEN 1 AND 30),
  due_at          timestamptz NOT NULL,
  overdue         boolean NOT NULL DEFAULT false,
  ever_overdue    boolean NOT NULL DEFAULT false,
  handling_note   text,
  handled_by      uuid REFERENCES users(id),
  handled_at      timestamptz,
  rating          integer CHECK (rating BETWEEN 1 AND 5),
  rating_comment  text,
  rated_by        uuid REFERENCES users(id),
  closed_at       timestamptz,
  created_at      timestamptz NOT NULL,
  CHECK ((status = 'rectified') = (closed_at IS NOT NULL)),
  CHECK (status = 'routed' OR handled_at IS NOT NULL)
);
CREATE INDEX civic_cases_region_idx ON civic_cases (region_code text_pattern_ops, created_at);
CREATE INDEX civic_cases_unit_idx ON civic_cases (unit_org_id, status);
CREATE INDEX civic_cases_reporter_idx ON civic_cases (reporter_id, created_at DESC);

-- Photos, metadata stripped before storing (decisions/0043): near and far at filing, proof per round.
CREATE TABLE civic_photos (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES civic_cases(id),
  kind        text NOT NULL CHECK (kind IN ('near', 'far', 'proof')),
  round       integer NOT NULL,
  mime        text NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes       bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX civic_photos_case_idx ON civic_photos (case_id);

-- The reporter's points: one append-only row per rectified case (never for an anonymous report).
CREATE TABLE civic_points (
  case_id     uuid PRIMARY KEY REFERENCES civic_cases(id),
  user_id     uuid NOT NULL REFERENCES users(id),
  points      integer NOT NULL CHECK (points > 0),
  created_at  timestamptz NOT NULL
);
CREATE INDEX civic_points_user_idx ON civic_points (user_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON civic_routes TO yiqi_app;
GRANT SELECT, INSERT, UPDATE ON civic_cases TO yiqi_app;
GRANT SELECT, INSERT ON civic_photos TO yiqi_app;
GRANT SELECT, INSERT ON civic_points TO yiqi_app;
