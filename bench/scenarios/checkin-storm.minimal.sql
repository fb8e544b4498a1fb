-- checkin-storm: the minimal transaction of one check-in, for pgbench (bench/scenarios/checkin-storm.ts), as
-- the floor the API's own statements are compared with. One INSERT of the attendance with its guards: only
-- for the volunteer's accepted sign-up of the shift, once per sign-up (ON CONFLICT on the unique signup_id)
-- and never two overlapping shifts (the exclusion constraint). Nothing else of the API's work: no session,
-- no code or clock check, no audit row.
-- Variables: -D shift_id; the volunteer is the next prepared one of bench_storm (one primary-key read the
-- API does not do, as in the API-SQL script).
SELECT volunteer_id AS vid FROM bench_storm WHERE n = (SELECT nextval('bench_storm_seq')) \gset
INSERT INTO attendances (signup_id, shift_id, activity_id, volunteer_id, shift_range, check_in_at, check_in_method,
    review_status)
  SELECT g.id, g.shift_id, g.activity_id, g.volunteer_id, g.shift_range, now(), 'qr', 'ok'
  FROM signups g WHERE g.shift_id = :shift_id AND g.volunteer_id = :vid AND g.status = 'accepted'
  ON CONFLICT (signup_id) DO NOTHING;
