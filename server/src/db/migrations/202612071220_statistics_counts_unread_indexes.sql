-- Decision 0076: two indexes of stat_unit_counts that no statement reads any more. The child ranking reads
-- stat_unit_running since decision 0064, so neither (level, unit, month) index is used: the unit's own page
-- reads stat_unit_counts_recent and the primary key (unit, month, metric), the refresh's recounts the primary
-- key. Each was written on every count row (about half of the table's bytes with its indexes) and slowed
-- every rebuild.
DROP INDEX IF EXISTS stat_unit_counts_children;
DROP INDEX IF EXISTS stat_unit_counts_ranking;
