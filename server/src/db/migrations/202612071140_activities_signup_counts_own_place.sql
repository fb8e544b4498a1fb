-- Issue 12, decision 0072: a sign-up counts its own place. Every sign-up of a shift waits for the shift's row
-- lock (places, the FIFO waitlist and its positions come from that row), so the rush's rate is one over the
-- time the lock is held. The sign-up statement took the lock with SELECT … FOR NO KEY UPDATE (a WAL record
-- of its own), then the place-counting trigger, a plpgsql call, updated the same row again through SPI.
-- Now the statement's guarded UPDATE of the shift is the lock and the count at once (taken + 1 while a place
-- is free, else waitlisted + 1), and the trigger does not fire for the row that statement inserts: it names
-- the sign-up's id in the transaction-local setting yiqi.signup_counted before the row is inserted, and the
-- trigger's WHEN (evaluated as the row is inserted, so no call at all) skips that one id. Every other
-- insert and every change of status is counted by the trigger as before; CHECK taken <= quota and
-- waitlisted >= 0 still refuse a wrong count whoever made it.
DROP TRIGGER signups_count_places ON signups;
CREATE TRIGGER signups_count_places AFTER UPDATE OF status ON signups
  FOR EACH ROW EXECUTE FUNCTION signups_count_places();
CREATE TRIGGER signups_count_places_insert AFTER INSERT ON signups
  FOR EACH ROW WHEN (current_setting('yiqi.signup_counted', true) IS DISTINCT FROM NEW.id::text)
  EXECUTE FUNCTION signups_count_places();
