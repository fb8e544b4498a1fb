-- The console home's child-region ranking (statistics.repository.ts childCounts) sums, per child, the
-- registrations, closures, organizations, teams and activities of every month up to the period's end. The
-- breakdowns by gender and birth year (jg:/lg:/jy:/ly: metrics) are most of stat_unit_counts' rows and are
-- never ranked: this partial covering index leaves them out, so the ranking reads a bounded index range
-- (level, unit range of the parent's prefix) without visiting the table.
CREATE INDEX stat_unit_counts_ranking ON stat_unit_counts (level, unit, month) INCLUDE (metric, value)
  WHERE metric !~ '^[jl][gy]:';
