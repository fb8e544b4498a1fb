-- Issue 12, the write path (decision 0019, "fewer foreign-key checks"): a sign-up and a check-in each ran
-- one foreign-key check per referenced row, every one a query with a FOR KEY SHARE lock and its WAL record.
-- A sign-up checked the shift (already locked by the sign-up itself), its position and its activity; a
-- check-in checked the sign-up, the shift, the activity and the volunteer. In a check-in storm every one of
-- them locks the same shift and activity rows (KEY SHARE of thousands of open transactions on one row: a
-- multixact rewritten at each new locker); in a sign-up rush they run while the shift row is locked.
--
-- The sign-up's shift, position and activity are one fact (the shift's own position and activity), and an
-- attendance's sign-up, shift, activity and volunteer too (its sign-up's). So each becomes one composite
-- key: a sign-up references its shift with the shift's position and activity, an attendance its sign-up
-- with the sign-up's shift, activity and volunteer. One check instead of three and four. Nothing allowed
-- before is refused now except inconsistent rows (a sign-up naming another activity than its shift's),
-- which no code writes; everything refused before still is: the shift's own keys reference the position
-- and the activity, the sign-up's the volunteer, and neither shifts nor sign-ups are ever deleted (a
-- removed shift is marked, sign-ups have a no-delete trigger) nor change these columns.

-- Referenced keys need a unique index on exactly their columns.
CREATE UNIQUE INDEX shifts_key_with_owners ON shifts (id, position_id, activity_id);
CREATE UNIQUE INDEX signups_key_with_owners ON signups (id, shift_id, activity_id, volunteer_id);

ALTER TABLE signups
  ADD CONSTRAINT signups_shift_fkey FOREIGN KEY (shift_id, position_id, activity_id)
    REFERENCES shifts (id, position_id, activity_id),
  DROP CONSTRAINT signups_shift_id_fkey,
  DROP CONSTRAINT signups_position_id_fkey,
  DROP CONSTRAINT signups_activity_id_fkey;

ALTER TABLE attendances
  ADD CONSTRAINT attendances_signup_fkey FOREIGN KEY (signup_id, shift_id, activity_id, volunteer_id)
    REFERENCES signups (id, shift_id, activity_id, volunteer_id),
  DROP CONSTRAINT attendances_signup_id_fkey,
  DROP CONSTRAINT attendances_shift_id_fkey,
  DROP CONSTRAINT attendances_activity_id_fkey,
  DROP CONSTRAINT attendances_volunteer_id_fkey;
