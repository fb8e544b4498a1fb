-- Menu management (issue 13): a unit edits and retires its items, and refuses a team's offer (供单) with a
-- reason the team sees. Retiring sets status 'withdrawn' (the orders placed keep their item); who last
-- changed an item and when is kept here, every change is also in the audit log.
ALTER TABLE dispatch_menu_items ADD COLUMN decision_reason text;
ALTER TABLE dispatch_menu_items ADD COLUMN updated_by uuid REFERENCES users(id);
ALTER TABLE dispatch_menu_items ADD COLUMN updated_at timestamptz;
-- A team's offers, newest first (the team's 供单 page).
CREATE INDEX dispatch_menu_items_offered_idx ON dispatch_menu_items (offered_by_org, created_at)
  WHERE offered_by_org IS NOT NULL;
