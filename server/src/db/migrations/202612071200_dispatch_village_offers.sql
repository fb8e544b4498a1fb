-- A village offering a service as a unit (村供单, issue 13; decision 0074): a community's station offers a
-- service to its street's post or its district's centre. The offer is an item of the receiving unit,
-- 'proposed' until that unit decides it, like a team's offer; the offering station is kept on the item, so
-- the menu says which village offers it and the dispatcher is offered that station first.
ALTER TABLE dispatch_menu_items ADD COLUMN offered_by_unit_code text;
ALTER TABLE dispatch_menu_items ADD COLUMN offered_by_unit_level smallint;
ALTER TABLE dispatch_menu_items ADD CONSTRAINT dispatch_menu_items_offered_by_unit_fk
  FOREIGN KEY (offered_by_unit_code, offered_by_unit_level) REFERENCES regions(code, level);
-- Both parts of the station or neither; an offer comes from a team or from a village, never from both.
ALTER TABLE dispatch_menu_items ADD CONSTRAINT dispatch_menu_items_offered_by_unit_whole
  CHECK ((offered_by_unit_code IS NULL) = (offered_by_unit_level IS NULL));
ALTER TABLE dispatch_menu_items ADD CONSTRAINT dispatch_menu_items_offered_by_one
  CHECK (offered_by_org IS NULL OR offered_by_unit_code IS NULL);
-- A station's offers, newest first (its 村供单 tab).
CREATE INDEX dispatch_menu_items_offered_unit_idx ON dispatch_menu_items (offered_by_unit_code, created_at)
  WHERE offered_by_unit_code IS NOT NULL;
