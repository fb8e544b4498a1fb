-- Foundation: regions, accounts, sessions, scoped roles, organizations (minimal) and the audit log.
-- Runs unchanged on PostgreSQL 15 and PGlite (PostgreSQL 18).

-- A region is a 12-digit code plus an explicit level: cities without districts (东莞 4419, 中山 4420) have a
-- district-level entry with the same 12-digit code as the city, so the code alone is not a key.
CREATE TABLE regions (
  code         text NOT NULL CHECK (code ~ '^[0-9]{12}$'),
  level        smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  name         text NOT NULL,
  parent_code  text,
  parent_level smallint,
  -- Source dataset, because codes change yearly: a new dataset is loaded as a new version.
  dataset      text NOT NULL,
  PRIMARY KEY (code, level),
  FOREIGN KEY (parent_code, parent_level) REFERENCES regions (code, level),
  CHECK ((level = 1) = (parent_code IS NULL)),
  CHECK (parent_level IS NULL OR parent_level = level - 1)
);
CREATE INDEX regions_parent_idx ON regions (parent_code, parent_level, code);
CREATE INDEX regions_code_prefix_idx ON regions (code text_pattern_ops);
CREATE INDEX regions_name_idx ON regions (name text_pattern_ops);

CREATE TABLE users (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username            text NOT NULL UNIQUE CHECK (username = lower(username) AND length(username) BETWEEN 1 AND 64),
  display_name        text NOT NULL,
  password_hash       text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  locale              text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'zh-HK', 'en')),
  -- TOTP secret, AES-256-GCM encrypted with the application key; never stored in clear.
  totp_secret_enc     text,
  totp_enabled_at     timestamptz,
  totp_last_step      bigint,
  failed_logins       integer NOT NULL DEFAULT 0,
  locked_until        timestamptz,
  disabled_at         timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash   bytea PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users(id),
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  mfa_at       timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Minimal organizations so roles can be bound to one; the organizations issue extends this table.
CREATE TABLE organizations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  -- Region codes are checked by the services: the code alone is not a key of regions (see above).
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
  parent_id   uuid REFERENCES organizations(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organizations_region_idx ON organizations (region_code text_pattern_ops);

CREATE TABLE role_grants (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users(id),
  role         text NOT NULL CHECK (role IN ('region_admin', 'org_admin', 'system_admin', 'security_admin', 'audit_admin')),
  region_code  text CHECK (region_code ~ '^[0-9]{12}$'),
  org_id       uuid REFERENCES organizations(id),
  granted_by   uuid REFERENCES users(id),
  granted_at   timestamptz NOT NULL DEFAULT now(),
  revoked_by   uuid REFERENCES users(id),
  revoked_at   timestamptz,
  CHECK ((region_code IS NULL) <> (org_id IS NULL)),
  CHECK ((role = 'org_admin') = (org_id IS NOT NULL))
);
CREATE UNIQUE INDEX role_grants_active_uniq ON role_grants (user_id, role, coalesce(region_code, ''), coalesce(org_id::text, ''))
  WHERE revoked_at IS NULL;
CREATE INDEX role_grants_region_idx ON role_grants (region_code text_pattern_ops) WHERE revoked_at IS NULL;

-- Append-only, hash-chained audit log. Each row's hash covers the previous row's hash and its own
-- canonical text, so changing or deleting any row breaks the chain from that row on.
CREATE TABLE audit_log (
  -- Set by the chain trigger under the head lock, so ids follow chain order even under concurrency
  -- (an identity value is drawn before the lock and would not).
  id           bigint PRIMARY KEY,
  occurred_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id     uuid,
  actor_name   text,
  action       text NOT NULL,
  object_type  text,
  object_id    text,
  result       text NOT NULL CHECK (result IN ('ok', 'denied', 'failed')),
  request_id   text,
  source_ip    text,
  region_code  text,
  details      jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash    text NOT NULL,
  hash         text NOT NULL
);
CREATE INDEX audit_log_time_idx ON audit_log (occurred_at);
CREATE INDEX audit_log_region_idx ON audit_log (region_code text_pattern_ops, id);

-- One row holding the chain head; the insert trigger locks it, which serialises appends.
CREATE TABLE audit_chain (
  id          boolean PRIMARY KEY DEFAULT true CHECK (id),
  head_hash   text NOT NULL,
  last_id     bigint NOT NULL DEFAULT 0,
  -- After a retention purge, verification starts from this anchor instead of the genesis hash.
  anchor_id   bigint NOT NULL DEFAULT 0,
  anchor_hash text NOT NULL
);
INSERT INTO audit_chain (head_hash, anchor_hash) VALUES (repeat('0', 64), repeat('0', 64));

CREATE FUNCTION audit_row_text(r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws('|', r.id::text,
    to_char(r.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(r.actor_id::text, ''), coalesce(r.actor_name, ''), r.action,
    coalesce(r.object_type, ''), coalesce(r.object_id, ''), r.result,
    coalesce(r.request_id, ''), coalesce(r.source_ip, ''), coalesce(r.region_code, ''), r.details::text)
$$;

CREATE FUNCTION audit_row_hash(prev text, r audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(prev || '|' || audit_row_text(r), 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE head text; next_id bigint;
BEGIN
  SELECT head_hash, last_id + 1 INTO head, next_id FROM audit_chain WHERE id FOR UPDATE;
  NEW.id := next_id;
  NEW.occurred_at := clock_timestamp();
  NEW.prev_hash := head;
  NEW.hash := audit_row_hash(head, NEW);
  UPDATE audit_chain SET head_hash = NEW.hash, last_id = next_id WHERE id;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

-- Rows never change. Deletion is allowed only to the retention purge, which sets yiqi.audit_purge
-- inside its own transaction and re-anchors the chain.
CREATE FUNCTION audit_log_protect() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('yiqi.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = '42501';
END $$;
CREATE TRIGGER audit_log_protect BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_protect();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_protect();

-- The role the application runs as in production (SET ROLE after connecting): it may append to the
-- audit log but never change or delete it. Created once per cluster; concurrent creators are tolerated.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'yiqi_app') THEN
    CREATE ROLE yiqi_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON regions, users, sessions, organizations, role_grants TO yiqi_app;
GRANT SELECT, INSERT ON audit_log TO yiqi_app;
GRANT SELECT, UPDATE ON audit_chain TO yiqi_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM yiqi_app;
