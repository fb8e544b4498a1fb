-- Nobody decides about themselves: a decision that benefits a volunteer (confirming or rejecting their
-- service record, issuing their certificate, deciding their sign-up or their application to join) is never
-- made by the account linked to that volunteer. The services refuse it first and say who decides instead
-- (the parent organization's or the region admins); these triggers are the backstop for any other writer,
-- like the four-eyes CHECKs on back-fills and imports.

-- Service records: one statement-level check over the rows whose decider changed, so an hours batch of
-- 100,000 rows approved in one statement costs one join rather than a lookup per row.
CREATE FUNCTION service_records_no_self_decision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE bad uuid;
BEGIN
  SELECT n.id INTO bad
    FROM decided_new n
    JOIN decided_old o ON o.id = n.id
    JOIN volunteers v ON v.id = n.volunteer_id
   WHERE n.decided_by IS NOT NULL AND n.decided_by IS DISTINCT FROM o.decided_by
     AND v.user_id = n.decided_by
   LIMIT 1;
  IF bad IS NOT NULL THEN
    RAISE EXCEPTION 'service record %: nobody decides about their own record', bad;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER service_records_no_self_decision AFTER UPDATE ON service_records
  REFERENCING OLD TABLE AS decided_old NEW TABLE AS decided_new
  FOR EACH STATEMENT EXECUTE FUNCTION service_records_no_self_decision();

-- Certificates: the issuer is never the volunteer the certificate is for.
CREATE FUNCTION certificates_no_self_issue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM volunteers WHERE id = NEW.volunteer_id AND user_id = NEW.issued_by) THEN
    RAISE EXCEPTION 'certificate %: nobody decides about their own certificate', NEW.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER certificates_no_self_issue BEFORE UPDATE ON certificates
  FOR EACH ROW WHEN (NEW.issued_by IS NOT NULL AND NEW.issued_by IS DISTINCT FROM OLD.issued_by)
  EXECUTE FUNCTION certificates_no_self_issue();

-- Sign-ups: accepting or rejecting one (a no-show is recorded, not decided, and cancelling is the
-- volunteer's own).
CREATE FUNCTION signups_no_self_decision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM volunteers WHERE id = NEW.volunteer_id AND user_id = NEW.decided_by) THEN
    RAISE EXCEPTION 'sign-up %: nobody decides about their own sign-up', NEW.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER signups_no_self_decision BEFORE UPDATE ON signups
  FOR EACH ROW WHEN (NEW.decided_by IS NOT NULL AND NEW.decided_by IS DISTINCT FROM OLD.decided_by
                     AND NEW.status IN ('accepted', 'rejected'))
  EXECUTE FUNCTION signups_no_self_decision();

-- Memberships: deciding an application (accepting or declining an invitation is the volunteer's own).
CREATE FUNCTION memberships_no_self_decision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM volunteers WHERE id = NEW.volunteer_id AND user_id = NEW.decided_by) THEN
    RAISE EXCEPTION 'membership %: nobody decides about their own application', NEW.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER memberships_no_self_decision BEFORE UPDATE ON memberships
  FOR EACH ROW WHEN (OLD.status = 'applied' AND NEW.status IN ('active', 'rejected')
                     AND NEW.decided_by IS NOT NULL)
  EXECUTE FUNCTION memberships_no_self_decision();
