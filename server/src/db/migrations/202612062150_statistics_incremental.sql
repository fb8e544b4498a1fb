-- Statistics: the refresh job becomes incremental (decision 0055, docs/statistics.md "How they are computed").
-- Each table the refresh counts from marks, in the writing transaction, which regions and organizations it
-- touched; the job recounts only those, and moves the units above a region by the difference.
-- Statement-level triggers with transition tables: a bulk load (the generator's COPY of millions of rows)
-- adds one row per distinct region, not one per row; a single-row write adds one or two rows.

-- What changed since the last run: kind 'r' = a region code (12 digits), 'o' = an organization id.
-- No uniqueness on purpose: concurrent writers in one region must never wait on each other here. The job
-- deletes what it reads in its own transaction (rows of transactions still running stay for the next run).
CREATE TABLE stat_dirty (
  id   bigserial PRIMARY KEY,
  kind char(1) NOT NULL CHECK (kind IN ('r', 'o')),
  key  text NOT NULL
);
GRANT SELECT, INSERT, DELETE ON stat_dirty TO yiqi_app;
GRANT USAGE ON SEQUENCE stat_dirty_id_seq TO yiqi_app;
GRANT UPDATE ON stat_unit_counts TO yiqi_app;

-- Volunteers: registered / closed / verified by residence, and the gender and birth-year breakdowns.
CREATE FUNCTION stat_dirty_volunteers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stat_dirty (kind, key) SELECT DISTINCT 'r', region_code FROM stat_new;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO stat_dirty (kind, key) SELECT DISTINCT 'r', region_code FROM stat_old;
  ELSE
    INSERT INTO stat_dirty (kind, key)
    SELECT DISTINCT 'r', x.code FROM stat_new n JOIN stat_old o ON o.id = n.id
     CROSS JOIN LATERAL (VALUES (n.region_code), (o.region_code)) x(code)
     WHERE (n.region_code, n.created_at, n.closed_at, n.verification_status, n.verified_at, n.gender, n.birth_date)
           IS DISTINCT FROM
           (o.region_code, o.created_at, o.closed_at, o.verification_status, o.verified_at, o.gender, o.birth_date);
  END IF;
  RETURN NULL;
END $$;

-- Organizations: organizations / teams by type in their region; an organization moving region moves the
-- certificates it issued (counted in its region), so both regions and the organization are marked.
CREATE FUNCTION stat_dirty_organizations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stat_dirty (kind, key) SELECT DISTINCT 'r', region_code FROM stat_new;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO stat_dirty (kind, key) SELECT DISTINCT 'r', region_code FROM stat_old;
  ELSE
    INSERT INTO stat_dirty (kind, key)
    SELECT DISTINCT 'r', x.code FROM stat_new n JOIN stat_old o ON o.id = n.id
     CROSS JOIN LATERAL (VALUES (n.region_code), (o.region_code)) x(code)
     WHERE (n.region_code, n.status, n.parent_id, n.org_type, n.created_at)
           IS DISTINCT FROM (o.region_code, o.status, o.parent_id, o.org_type, o.created_at);
  END IF;
  RETURN NULL;
END $$;

-- Rows that count by a region column and an organization column (activities, dispatch orders, civic cases).
CREATE FUNCTION stat_dirty_region_org() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  org_col text := TG_ARGV[0];
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE format('INSERT INTO stat_dirty (kind, key)
      SELECT DISTINCT ''r'', region_code FROM stat_new
      UNION SELECT DISTINCT ''o'', %1$I::text FROM stat_new WHERE %1$I IS NOT NULL', org_col);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    EXECUTE format('INSERT INTO stat_dirty (kind, key)
      SELECT DISTINCT ''r'', region_code FROM stat_old
      UNION SELECT DISTINCT ''o'', %1$I::text FROM stat_old WHERE %1$I IS NOT NULL', org_col);
  END IF;
  RETURN NULL;
END $$;

-- Shifts and sign-ups count as places of their activity: mark the activity's region and organization.
CREATE FUNCTION stat_dirty_by_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO stat_dirty (kind, key)
    SELECT DISTINCT x.kind, x.key FROM activities a
      CROSS JOIN LATERAL (VALUES ('r', a.region_code), ('o', a.org_id::text)) x(kind, key)
     WHERE a.id IN (SELECT activity_id FROM stat_new);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO stat_dirty (kind, key)
    SELECT DISTINCT x.kind, x.key FROM activities a
      CROSS JOIN LATERAL (VALUES ('r', a.region_code), ('o', a.org_id::text)) x(kind, key)
     WHERE a.id IN (SELECT activity_id FROM stat_old);
  END IF;
  RETURN NULL;
END $$;

-- Certificates count in the issuing organization's region.
CREATE FUNCTION stat_dirty_certificates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stat_dirty (kind, key)
  SELECT DISTINCT x.kind, x.key FROM organizations o
    CROSS JOIN LATERAL (VALUES ('r', o.region_code), ('o', o.id::text)) x(kind, key)
   WHERE o.id IN (SELECT issued_by_org_id FROM stat_new WHERE issued_at IS NOT NULL);
  RETURN NULL;
END $$;

-- Ratings count in their order's region and team.
CREATE FUNCTION stat_dirty_ratings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stat_dirty (kind, key)
  SELECT DISTINCT x.kind, x.key FROM dispatch_orders d
    CROSS JOIN LATERAL (VALUES ('r', d.region_code), ('o', d.team_id::text)) x(kind, key)
   WHERE d.id IN (SELECT order_id FROM stat_new) AND x.key IS NOT NULL;
  RETURN NULL;
END $$;

CREATE TRIGGER stat_dirty_ins AFTER INSERT ON volunteers REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_volunteers();
CREATE TRIGGER stat_dirty_upd AFTER UPDATE ON volunteers REFERENCING NEW TABLE AS stat_new OLD TABLE AS stat_old
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_volunteers();
CREATE TRIGGER stat_dirty_del AFTER DELETE ON volunteers REFERENCING OLD TABLE AS stat_old
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_volunteers();

CREATE TRIGGER stat_dirty_ins AFTER INSERT ON organizations REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_organizations();
CREATE TRIGGER stat_dirty_upd AFTER UPDATE ON organizations REFERENCING NEW TABLE AS stat_new OLD TABLE AS stat_old
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_organizations();

CREATE TRIGGER stat_dirty_ins AFTER INSERT ON activities REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_region_org('org_id');
CREATE TRIGGER stat_dirty_upd AFTER UPDATE ON activities REFERENCING NEW TABLE AS stat_new OLD TABLE AS stat_old
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_region_org('org_id');

CREATE TRIGGER stat_dirty_ins AFTER INSERT ON shifts REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_by_activity();
CREATE TRIGGER stat_dirty_upd AFTER UPDATE ON shifts REFERENCING NEW TABLE AS stat_new OLD TABLE AS stat_old
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_by_activity();

CREATE TRIGGER stat_dirty_ins AFTER INSERT ON signups REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_by_activity();
CREATE TRIGGER stat_dirty_upd AFTER UPDATE ON signups REFERENCING NEW TABLE AS stat_new OLD TABLE AS stat_old
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_by_activity();

CREATE TRIGGER stat_dirty_ins AFTER INSERT ON certificates REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_certificates();
CREATE TRIGGER stat_dirty_upd AFTER UPDATE ON certificates REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_certificates();

CREATE TRIGGER stat_dirty_ins AFTER INSERT ON dispatch_orders REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_region_org('team_id');
CREATE TRIGGER stat_dirty_upd AFTER UPDATE ON dispatch_orders REFERENCING NEW TABLE AS stat_new OLD TABLE AS stat_old
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_region_org('team_id');

CREATE TRIGGER stat_dirty_ins AFTER INSERT ON dispatch_ratings REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_ratings();

CREATE TRIGGER stat_dirty_ins AFTER INSERT ON civic_cases REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_region_org('unit_org_id');
CREATE TRIGGER stat_dirty_upd AFTER UPDATE ON civic_cases REFERENCING NEW TABLE AS stat_new OLD TABLE AS stat_old
  FOR EACH STATEMENT EXECUTE FUNCTION stat_dirty_region_org('unit_org_id');

-- The recount of a few regions / organizations reads their rows by index.
CREATE INDEX IF NOT EXISTS activities_region_stat_idx ON activities (region_code);
CREATE INDEX IF NOT EXISTS certificates_issued_by_idx ON certificates (issued_by_org_id) WHERE issued_at IS NOT NULL;
