-- Issue 12: a sign-up is one statement. The waitlist position it answers with must count the sign-ups
-- that committed while it waited for the shift's row lock, which a statement's own snapshot does not see;
-- the locked shift row does (a row lock returns its newest version). So the shift row now also counts its
-- waitlist, kept by the same trigger that counts the places: a new waitlisted sign-up's position is that
-- count plus one, read from the row it locks (signups.repository.ts insertSignup).
ALTER TABLE shifts ADD COLUMN waitlisted integer NOT NULL DEFAULT 0 CHECK (waitlisted >= 0);

UPDATE shifts s SET waitlisted = w.n
FROM (SELECT shift_id, count(*)::int AS n FROM signups WHERE status = 'waitlisted' GROUP BY shift_id) w
WHERE w.shift_id = s.id;

CREATE OR REPLACE FUNCTION signups_count_places() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE delta integer := 0; waiting integer := 0;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF signups_hold_place(NEW.status) THEN delta := 1; END IF;
    IF NEW.status = 'waitlisted' THEN waiting := 1; END IF;
  ELSE
    IF signups_hold_place(NEW.status) <> signups_hold_place(OLD.status) THEN
      delta := CASE WHEN signups_hold_place(NEW.status) THEN 1 ELSE -1 END;
    END IF;
    IF (NEW.status = 'waitlisted') <> (OLD.status = 'waitlisted') THEN
      waiting := CASE WHEN NEW.status = 'waitlisted' THEN 1 ELSE -1 END;
    END IF;
  END IF;
  IF delta <> 0 OR waiting <> 0 THEN
    UPDATE shifts SET taken = taken + delta, waitlisted = waitlisted + waiting WHERE id = NEW.shift_id;
  END IF;
  RETURN NEW;
END $$;
