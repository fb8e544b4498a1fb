-- The follow-up (回访) an unhappy rating opens has a deadline per menu item, like the other stages
-- (issue 13: "follow-up 1" working day by default); a follow-up still open then is flagged overdue and
-- its unit reminded (dispatch timers).
ALTER TABLE dispatch_menu_items
  ADD COLUMN follow_up_days smallint NOT NULL DEFAULT 1 CHECK (follow_up_days BETWEEN 1 AND 30);
