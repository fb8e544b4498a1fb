-- The console home's child-region ranking at province scale (issue 15, decision 0064). The ranking compares,
-- per child, registered volunteers and organizations at the period's end and activities held within it.
-- Read from stat_unit_totals minus stat_unit_counts' months after the end, and the months within, it passed
-- over every month's index entries of every child (185 ms for the province's 21 cities at three million count
-- rows under load). This keeps, per unit, the running sum of each ranked figure at every month where it
-- changed, so "at the end of month M" is the newest row at or before M: one index descent per child and figure
-- (a province page reads about 21 rows per figure), whatever the history's length or the population.
--   registered     Σ joined − left                  (docs/statistics.md "registered")
--   organizations  Σ orgs:<type> + teams:<type>      (organizations and teams, the ranking's figure)
--   activities     Σ activities_held                 (within [from, to] = running(to) − running(from − 1))
-- Kept by the refresh job from stat_unit_counts for the units a run touched, in the same transaction.
CREATE TABLE stat_unit_running (
  unit   text COLLATE "C" NOT NULL,
  metric text NOT NULL CHECK (metric IN ('registered', 'organizations', 'activities')),
  month  text COLLATE "C" NOT NULL,
  value  bigint NOT NULL,
  PRIMARY KEY (unit, metric, month)
);
INSERT INTO stat_unit_running (unit, metric, month, value)
SELECT unit, metric, month, sum(sum(value)) OVER (PARTITION BY unit, metric ORDER BY month)
  FROM (
    SELECT unit, month,
           CASE WHEN metric IN ('joined', 'left') THEN 'registered'
                WHEN metric = 'activities_held' THEN 'activities'
                ELSE 'organizations' END AS metric,
           CASE WHEN metric = 'left' THEN -value ELSE value END AS value
      FROM stat_unit_counts
     WHERE metric IN ('joined', 'left', 'activities_held') OR metric LIKE 'orgs:%' OR metric LIKE 'teams:%'
  ) c
 GROUP BY unit, metric, month;
GRANT SELECT, INSERT, DELETE ON stat_unit_running TO yiqi_app;
