-- Statistics marks without work on the hot write path (decision 0061, supersedes the trigger part of 0055).
-- 202612062150 gave every source table its own trigger functions, statement-level on every INSERT and
-- UPDATE. Two of them fired inside a sign-up's one statement, under the shift's row lock (issue 12): the
-- sign-up INSERT, and the shift UPDATE made by the place-counting trigger (taken/waitlisted), each a
-- plpgsql call with transition tables, a join to activities and two inserts into stat_dirty. Now:
--   * sign-ups have no statistics trigger at all: the refresh job derives their marks afterwards from the
--     audit rows the sign-up statement (and every other change of a sign-up's status) already appends,
--     read by chain position (audit_links.seq, decision 0018), so nothing is added to the writer;
--   * every other counted table uses ONE function, stat_mark(kind:column, ...): statement-level for INSERT
--     and DELETE (a COPY of millions adds one mark per distinct key), row-level for UPDATE with a WHEN on
--     the counted columns, evaluated inline by the executor: an update that changes none of them (the
--     place counter of a shift, a volunteer's last sign-in) calls nothing and writes nothing;
--   * a mark names what the row holds (a region, an organization, an activity, a dispatch order), never
--     looks anything up: the refresh job resolves activities and orders to their region and organization.

DROP TRIGGER stat_dirty_ins ON volunteers;
DROP TRIGGER stat_dirty_upd ON volunteers;
DROP TRIGGER stat_dirty_del ON volunteers;
DROP TRIGGER stat_dirty_ins ON organizations;
DROP TRIGGER stat_dirty_upd ON organizations;
DROP TRIGGER stat_dirty_ins ON activities;
DROP TRIGGER stat_dirty_upd ON activities;
DROP TRIGGER stat_dirty_ins ON shifts;
DROP TRIGGER stat_dirty_upd ON shifts;
DROP TRIGGER stat_dirty_ins ON signups;
DROP TRIGGER stat_dirty_upd ON signups;
DROP TRIGGER stat_dirty_ins ON certificates;
DROP TRIGGER stat_dirty_upd ON certificates;
DROP TRIGGER stat_dirty_ins ON dispatch_orders;
DROP TRIGGER stat_dirty_upd ON dispatch_orders;
DROP TRIGGER stat_dirty_ins ON dispatch_ratings;
DROP TRIGGER stat_dirty_ins ON civic_cases;
DROP TRIGGER stat_dirty_upd ON civic_cases;
DROP FUNCTION stat_dirty_volunteers();
DROP FUNCTION stat_dirty_organizations();
DROP FUNCTION stat_dirty_region_org();
DROP FUNCTION stat_dirty_by_activity();
DROP FUNCTION stat_dirty_certificates();
DROP FUNCTION stat_dirty_ratings();

-- Kinds: 'r' region code (12 digits), 'o' organization id (its own unit and its region), 'a' activity id
-- (its region and organization), 'd' dispatch order id (its region and team).
ALTER TABLE stat_dirty DROP CONSTRAINT stat_dirty_kind_check;
ALTER TABLE stat_dirty ADD CONSTRAINT stat_dirty_kind_check CHECK (kind IN ('r', 'o', 'a', 'd'));

-- How far the refresh job has read the audit chain for sign-up marks. Marks of sign-ups made before this
-- migration came from the old triggers (they are in stat_dirty), so existing deployments start at the head.
ALTER TABLE stat_refreshes ADD COLUMN audit_seq bigint;
UPDATE stat_refreshes SET audit_seq = (SELECT coalesce(max(seq), 0) FROM audit_links);

-- One function for every table. Each argument is 'kind:column'. Statement level (INSERT, DELETE): one
-- INSERT … SELECT DISTINCT per argument over the transition table. Row level (UPDATE, only when its WHEN
-- saw a counted column change): the old and the new value of each argument's column.
CREATE FUNCTION stat_mark() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  arg text;
  k text;
  col text;
BEGIN
  FOREACH arg IN ARRAY TG_ARGV LOOP
    k := split_part(arg, ':', 1);
    col := split_part(arg, ':', 2);
    IF TG_LEVEL = 'STATEMENT' THEN
      EXECUTE format('INSERT INTO stat_dirty (kind, key) SELECT DISTINCT %L, %I::text FROM %I WHERE %I IS NOT NULL',
        k, col, CASE WHEN TG_OP = 'DELETE' THEN 'stat_old' ELSE 'stat_new' END, col);
    ELSE
      INSERT INTO stat_dirty (kind, key)
      SELECT DISTINCT k, x FROM (VALUES (to_jsonb(NEW) ->> col), (to_jsonb(OLD) ->> col)) v(x)
       WHERE x IS NOT NULL;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;

-- Volunteers: registered / closed / verified by residence, by gender and birth year.
CREATE TRIGGER stat_mark_ins AFTER INSERT ON volunteers REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark('r:region_code');
CREATE TRIGGER stat_mark_del AFTER DELETE ON volunteers REFERENCING OLD TABLE AS stat_old
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark('r:region_code');
CREATE TRIGGER stat_mark_upd AFTER UPDATE ON volunteers FOR EACH ROW
  WHEN ((OLD.region_code, OLD.created_at, OLD.closed_at, OLD.verification_status, OLD.verified_at, OLD.gender,
         OLD.birth_date) IS DISTINCT FROM
        (NEW.region_code, NEW.created_at, NEW.closed_at, NEW.verification_status, NEW.verified_at, NEW.gender,
         NEW.birth_date))
  EXECUTE FUNCTION stat_mark('r:region_code');

-- Organizations and teams by type in their region (and the certificates they issued, counted there).
CREATE TRIGGER stat_mark_ins AFTER INSERT ON organizations REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark('r:region_code');
CREATE TRIGGER stat_mark_del AFTER DELETE ON organizations REFERENCING OLD TABLE AS stat_old
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark('r:region_code');
CREATE TRIGGER stat_mark_upd AFTER UPDATE ON organizations FOR EACH ROW
  WHEN ((OLD.region_code, OLD.status, OLD.parent_id, OLD.org_type, OLD.created_at) IS DISTINCT FROM
        (NEW.region_code, NEW.status, NEW.parent_id, NEW.org_type, NEW.created_at))
  EXECUTE FUNCTION stat_mark('r:region_code');

-- Activities held, by region and organization.
CREATE TRIGGER stat_mark_ins AFTER INSERT ON activities REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark('r:region_code', 'o:org_id');
CREATE TRIGGER stat_mark_del AFTER DELETE ON activities REFERENCING OLD TABLE AS stat_old
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark('r:region_code', 'o:org_id');
CREATE TRIGGER stat_mark_upd AFTER UPDATE ON activities FOR EACH ROW
  WHEN ((OLD.region_code, OLD.org_id, OLD.status, OLD.starts_at) IS DISTINCT FROM
        (NEW.region_code, NEW.org_id, NEW.status, NEW.starts_at))
  EXECUTE FUNCTION stat_mark('r:region_code', 'o:org_id');

-- Places offered: a shift's quota, start and removal. Not its place counters (taken, waitlisted), which
-- every sign-up moves under the shift's lock: the WHEN leaves those updates alone.
CREATE TRIGGER stat_mark_ins AFTER INSERT ON shifts REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark('a:activity_id');
CREATE TRIGGER stat_mark_del AFTER DELETE ON shifts REFERENCING OLD TABLE AS stat_old
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark('a:activity_id');
CREATE TRIGGER stat_mark_upd AFTER UPDATE ON shifts FOR EACH ROW
  WHEN ((OLD.activity_id, OLD.quota, OLD.starts_at, OLD.removed_at) IS DISTINCT FROM
        (NEW.activity_id, NEW.quota, NEW.starts_at, NEW.removed_at))
  EXECUTE FUNCTION stat_mark('a:activity_id');

-- Certificates issued, in the issuing organization's region.
CREATE TRIGGER stat_mark_ins AFTER INSERT ON certificates REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark('o:issued_by_org_id');
CREATE TRIGGER stat_mark_upd AFTER UPDATE ON certificates FOR EACH ROW
  WHEN ((OLD.issued_by_org_id, OLD.issued_at) IS DISTINCT FROM (NEW.issued_by_org_id, NEW.issued_at))
  EXECUTE FUNCTION stat_mark('o:issued_by_org_id');

-- Dispatch orders by community and team; ratings through their order.
CREATE TRIGGER stat_mark_ins AFTER INSERT ON dispatch_orders REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark('r:region_code', 'o:team_id');
CREATE TRIGGER stat_mark_upd AFTER UPDATE ON dispatch_orders FOR EACH ROW
  WHEN ((OLD.region_code, OLD.team_id, OLD.state, OLD.created_at, OLD.dispatched_at, OLD.completed_at)
        IS DISTINCT FROM
        (NEW.region_code, NEW.team_id, NEW.state, NEW.created_at, NEW.dispatched_at, NEW.completed_at))
  EXECUTE FUNCTION stat_mark('r:region_code', 'o:team_id');
CREATE TRIGGER stat_mark_ins AFTER INSERT ON dispatch_ratings REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark('d:order_id');
CREATE TRIGGER stat_mark_upd AFTER UPDATE ON dispatch_ratings FOR EACH ROW
  WHEN ((OLD.order_id, OLD.score, OLD.at) IS DISTINCT FROM (NEW.order_id, NEW.score, NEW.at))
  EXECUTE FUNCTION stat_mark('d:order_id');

-- Civic reports by community and the unit they were routed to.
CREATE TRIGGER stat_mark_ins AFTER INSERT ON civic_cases REFERENCING NEW TABLE AS stat_new
  FOR EACH STATEMENT EXECUTE FUNCTION stat_mark('r:region_code', 'o:unit_org_id');
CREATE TRIGGER stat_mark_upd AFTER UPDATE ON civic_cases FOR EACH ROW
  WHEN ((OLD.region_code, OLD.unit_org_id, OLD.status, OLD.created_at, OLD.closed_at) IS DISTINCT FROM
        (NEW.region_code, NEW.unit_org_id, NEW.status, NEW.created_at, NEW.closed_at))
  EXECUTE FUNCTION stat_mark('r:region_code', 'o:unit_org_id');

-- The refresh resolves sign-up audit rows to their activity by primary key; audit rows are read by chain
-- position (audit_links' primary key) and joined by audit_links.audit_id → audit_log.id (primary keys).
