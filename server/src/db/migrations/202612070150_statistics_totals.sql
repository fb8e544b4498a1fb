-- The console home at province scale (issue 15, decision 0061 "Reads"): a figure "up to month M" (registered,
-- organizations, the breakdowns by gender and birth year) summed every month of a unit's history at request
-- time — ten years × ~170 metrics is 20,000 rows for the province alone, and as many per child in the
-- ranking. Now the refresh job also keeps each unit's total over all months per metric; a page reads the
-- total and subtracts the few months after the period's end (none for the current month), and reads month
-- by month only the months it shows.
CREATE TABLE stat_unit_totals (
  unit   text COLLATE "C" NOT NULL,
  level  smallint NOT NULL,
  metric text NOT NULL,
  value  bigint NOT NULL,
  PRIMARY KEY (unit, metric)
);
CREATE INDEX stat_unit_totals_children ON stat_unit_totals (level, unit);
INSERT INTO stat_unit_totals (unit, level, metric, value)
SELECT unit, level, metric, sum(value) FROM stat_unit_counts GROUP BY 1, 2, 3 HAVING sum(value) <> 0;
GRANT SELECT, INSERT, DELETE ON stat_unit_totals TO yiqi_app;

-- A unit's recent months without the breakdowns (most of the rows), read by index.
CREATE INDEX stat_unit_counts_recent ON stat_unit_counts (unit, month) INCLUDE (metric, value)
  WHERE metric !~ '^[jl][gy]:';
