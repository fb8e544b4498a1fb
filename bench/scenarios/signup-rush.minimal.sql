-- signup-rush: the minimal transaction of one sign-up, for pgbench (bench/scenarios/signup-rush.ts), as the
-- floor the API's own statements are compared with. One guarded UPDATE of the shift's places and one INSERT
-- of the sign-up, accepted when the UPDATE took a place, else waitlisted. On bench_min's copies of the two
-- tables (same columns, identity, CHECK taken <= quota and unique open sign-up index; no triggers, no
-- foreign keys), so the UPDATE is the only thing that counts a place. Nothing else of the API's work: no
-- session, no rules, no waitlist position, no audit row.
-- Variables: -D shift_id, position_id, activity_id, range (the shift's tstzrange); the volunteer is the next
-- prepared one of bench_rush (one primary-key read the API does not do, as in the API-SQL script).
SELECT volunteer_id AS vid FROM bench_rush WHERE n = (SELECT nextval('bench_rush_seq')) \gset
\set got 0
BEGIN;
-- The row lock and the place, only while one is free (a waiting update re-checks the newest row).
UPDATE bench_min.shifts SET taken = taken + 1 WHERE id = :shift_id AND taken < quota RETURNING 1 AS got \aset
INSERT INTO bench_min.signups (shift_id, position_id, activity_id, volunteer_id, status, shift_range, waitlisted_at)
  VALUES (:shift_id, :position_id, :activity_id, :vid, CASE WHEN :got = 1 THEN 'accepted' ELSE 'waitlisted' END,
    :range, CASE WHEN :got = 1 THEN NULL ELSE now() END);
COMMIT;
