-- The application logs in as its own role (yiqi_app), never as the owner: SET ROLE from a superuser could be
-- undone with RESET ROLE. What that role may change is restricted to what the code does: decided records
-- keep their decision, totals equal the confirmed records they sum, grants are only ever revoked (once),
-- and a session's second factor is passed once.

-- A login without any attribute of its own. Roles belong to the cluster and test databases are migrated
-- in parallel, so creating or altering it tolerates another migration doing the same at the same moment
-- (a concurrent ALTER ROLE fails with "tuple concurrently updated", an internal error: try again).
DO $$
DECLARE tries integer := 0;
BEGIN
  LOOP
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'yiqi_app') THEN
        CREATE ROLE yiqi_app LOGIN;
      ELSIF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'yiqi_app') THEN
        ALTER ROLE yiqi_app LOGIN;
      END IF;
      EXIT;
    EXCEPTION WHEN duplicate_object OR unique_violation OR internal_error THEN
      tries := tries + 1;
      IF tries > 50 THEN RAISE; END IF;
      PERFORM pg_sleep(0.02 * tries);
    END;
  END LOOP;
END $$;

-- `npm start` checks that the schema is current, as the app role.
GRANT SELECT ON schema_migrations TO yiqi_app;
-- Nothing the code does deletes these rows: grants and accounts are history, regions reference data.
REVOKE DELETE ON regions, users, organizations, role_grants FROM yiqi_app;

-- Service records: content frozen out of draft (as before, plus the columns that say where an entry came
-- from); status moves only along the code's transitions (draft|pending → confirmed, pending → rejected,
-- confirmed → superseded by a correction of it); the decision (who, when, why rejected) is written by the
-- transition that decides and never changes afterwards.
CREATE OR REPLACE FUNCTION service_records_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'service records are kept; correct them with a new entry'; END IF;
  IF (NEW.id, NEW.seq) IS DISTINCT FROM (OLD.id, OLD.seq) THEN
    RAISE EXCEPTION 'service record %: its identity cannot change', OLD.id;
  END IF;
  -- Drafts are the organizer's working copy; from pending on, only the lifecycle may move.
  IF OLD.status <> 'draft' AND (
       NEW.volunteer_id, NEW.org_id, NEW.activity_id, NEW.service_date, NEW.activity_title, NEW.place,
       NEW.content, NEW.position_name, NEW.person_in_charge, NEW.check_in_at, NEW.check_out_at,
       NEW.minutes, NEW.computed_minutes, NEW.adjust_reason, NEW.reason, NEW.evidence, NEW.kind,
       NEW.corrects_id, NEW.created_by, NEW.created_at, NEW.shift_id, NEW.signup_id, NEW.break_minutes,
       NEW.hours_rule, NEW.explain, NEW.import_job_id, NEW.due_date)
     IS DISTINCT FROM (
       OLD.volunteer_id, OLD.org_id, OLD.activity_id, OLD.service_date, OLD.activity_title, OLD.place,
       OLD.content, OLD.position_name, OLD.person_in_charge, OLD.check_in_at, OLD.check_out_at,
       OLD.minutes, OLD.computed_minutes, OLD.adjust_reason, OLD.reason, OLD.evidence, OLD.kind,
       OLD.corrects_id, OLD.created_by, OLD.created_at, OLD.shift_id, OLD.signup_id, OLD.break_minutes,
       OLD.hours_rule, OLD.explain, OLD.import_job_id, OLD.due_date) THEN
    RAISE EXCEPTION 'service record % is no longer a draft: its content cannot change', OLD.id;
  END IF;
  IF NEW.status <> OLD.status AND (OLD.status, NEW.status) NOT IN (
       ('draft', 'confirmed'), ('pending', 'confirmed'), ('pending', 'rejected'), ('confirmed', 'superseded')) THEN
    RAISE EXCEPTION 'service record %: % cannot become %', OLD.id, OLD.status, NEW.status;
  END IF;
  IF OLD.status IN ('draft', 'pending') AND NEW.status IN ('confirmed', 'rejected') THEN
    IF NEW.decided_by IS NULL OR NEW.decided_at IS NULL THEN
      RAISE EXCEPTION 'service record %: a decision names who decided and when', OLD.id;
    END IF;
  ELSIF (NEW.decided_by, NEW.decided_at, NEW.reject_reason) IS DISTINCT FROM
        (OLD.decided_by, OLD.decided_at, OLD.reject_reason) THEN
    RAISE EXCEPTION 'service record %: the decision is only written by the transition that decides', OLD.id;
  END IF;
  IF OLD.status = 'confirmed' AND NEW.status = 'superseded' THEN
    IF NOT EXISTS (SELECT 1 FROM service_records c WHERE c.id = NEW.superseded_by AND c.corrects_id = OLD.id) THEN
      RAISE EXCEPTION 'service record % is superseded only by a correction of it', OLD.id;
    END IF;
  ELSIF NEW.superseded_by IS DISTINCT FROM OLD.superseded_by THEN
    RAISE EXCEPTION 'service record %: superseded_by is written only when it is superseded', OLD.id;
  END IF;
  RETURN NEW;
END $$;

-- Totals are derived: whatever writes them (each confirmation, a correction, a whole batch), the row must
-- equal the volunteer's confirmed records, so nobody can add hours without records. The insert that only
-- makes the row to lock it (lockVolunteer) passes when the row exists; ON CONFLICT then updates or skips.
CREATE FUNCTION volunteer_totals_derived() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE m bigint; n integer; a integer;
BEGIN
  IF TG_OP = 'INSERT' AND EXISTS (SELECT 1 FROM volunteer_totals WHERE volunteer_id = NEW.volunteer_id) THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.volunteer_id IS DISTINCT FROM OLD.volunteer_id THEN
    RAISE EXCEPTION 'volunteer_totals: the volunteer of a row cannot change';
  END IF;
  SELECT coalesce(sum(minutes), 0), count(*), count(DISTINCT activity_id) INTO m, n, a
    FROM service_records WHERE volunteer_id = NEW.volunteer_id AND status = 'confirmed';
  IF (NEW.minutes, NEW.records, NEW.activities) IS DISTINCT FROM (m, n, a) THEN
    RAISE EXCEPTION 'volunteer_totals of %: (%, %, %) differs from the confirmed records (%, %, %)',
      NEW.volunteer_id, NEW.minutes, NEW.records, NEW.activities, m, n, a;
  END IF;
  RETURN NEW;
END $$;
CREATE FUNCTION volunteer_year_totals_derived() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE m bigint;
BEGIN
  IF TG_OP = 'INSERT' AND EXISTS (
       SELECT 1 FROM volunteer_year_totals WHERE volunteer_id = NEW.volunteer_id AND year = NEW.year) THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.volunteer_id, NEW.year) IS DISTINCT FROM (OLD.volunteer_id, OLD.year) THEN
    RAISE EXCEPTION 'volunteer_year_totals: the volunteer and year of a row cannot change';
  END IF;
  SELECT coalesce(sum(minutes), 0) INTO m FROM service_records
    WHERE volunteer_id = NEW.volunteer_id AND status = 'confirmed'
      AND service_date >= make_date(NEW.year, 1, 1) AND service_date < make_date(NEW.year + 1, 1, 1);
  IF NEW.minutes <> m THEN
    RAISE EXCEPTION 'volunteer_year_totals of % in %: % differs from the confirmed records (%)',
      NEW.volunteer_id, NEW.year, NEW.minutes, m;
  END IF;
  RETURN NEW;
END $$;

-- Rows written before this migration are brought in line once, so the check holds from here on.
UPDATE volunteer_totals t SET minutes = d.m, records = d.n, activities = d.a
  FROM (SELECT v.volunteer_id, coalesce(sum(r.minutes), 0) AS m, count(r.id)::int AS n,
               count(DISTINCT r.activity_id)::int AS a
          FROM volunteer_totals v
          LEFT JOIN service_records r ON r.volunteer_id = v.volunteer_id AND r.status = 'confirmed'
         GROUP BY v.volunteer_id) d
 WHERE d.volunteer_id = t.volunteer_id AND (t.minutes, t.records, t.activities) IS DISTINCT FROM (d.m, d.n, d.a);
UPDATE volunteer_year_totals y SET minutes = coalesce((
    SELECT sum(r.minutes) FROM service_records r
     WHERE r.volunteer_id = y.volunteer_id AND r.status = 'confirmed'
       AND r.service_date >= make_date(y.year, 1, 1) AND r.service_date < make_date(y.year + 1, 1, 1)), 0);

CREATE TRIGGER volunteer_totals_derived BEFORE INSERT OR UPDATE ON volunteer_totals
  FOR EACH ROW EXECUTE FUNCTION volunteer_totals_derived();
CREATE TRIGGER volunteer_year_totals_derived BEFORE INSERT OR UPDATE ON volunteer_year_totals
  FOR EACH ROW EXECUTE FUNCTION volunteer_year_totals_derived();

-- A grant is only ever revoked, once, by someone: what was granted to whom stays as it was granted.
CREATE FUNCTION role_grants_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.id, NEW.user_id, NEW.role, NEW.region_code, NEW.org_id, NEW.granted_by, NEW.granted_at)
     IS DISTINCT FROM (OLD.id, OLD.user_id, OLD.role, OLD.region_code, OLD.org_id, OLD.granted_by, OLD.granted_at) THEN
    RAISE EXCEPTION 'role grant %: only its revocation can be written', OLD.id;
  END IF;
  IF (NEW.revoked_at, NEW.revoked_by) IS DISTINCT FROM (OLD.revoked_at, OLD.revoked_by)
     AND (OLD.revoked_at IS NOT NULL OR OLD.revoked_by IS NOT NULL OR NEW.revoked_at IS NULL OR NEW.revoked_by IS NULL) THEN
    RAISE EXCEPTION 'role grant %: revoked once, with who and when', OLD.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER role_grants_guard BEFORE UPDATE ON role_grants FOR EACH ROW EXECUTE FUNCTION role_grants_guard();

-- A session belongs to one user for good; its second factor is passed once and its revocation is final.
CREATE FUNCTION sessions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.token_hash, NEW.user_id, NEW.created_at) IS DISTINCT FROM (OLD.token_hash, OLD.user_id, OLD.created_at) THEN
    RAISE EXCEPTION 'session: its token, user and start cannot change';
  END IF;
  IF OLD.mfa_at IS NOT NULL AND NEW.mfa_at IS DISTINCT FROM OLD.mfa_at THEN
    RAISE EXCEPTION 'session: the second factor is recorded once';
  END IF;
  IF OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at THEN
    RAISE EXCEPTION 'session: a revocation is final';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER sessions_guard BEFORE UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION sessions_guard();
