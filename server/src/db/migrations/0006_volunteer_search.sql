-- The admins' volunteer search: a name prefix within a region subtree (GET /api/volunteers?q=…&region=…).
-- With both prefixes as index conditions only matching rows are read: at 1,000,000 volunteers a district's
-- search by surname went from a BitmapAnd of the region and name indexes (8.4 ms page, 5.6 ms count) to
-- under 1 ms each (bench/README.md, search-1m). Province-wide name searches still use volunteers_name_idx.
CREATE INDEX volunteers_region_name_idx ON volunteers (region_code text_pattern_ops, name text_pattern_ops);
