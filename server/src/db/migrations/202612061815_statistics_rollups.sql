-- Statistics (docs/statistics.md): resident population as data, and the rollups every figure is read from.
-- Units: a region by its code prefix (2/4/6/9/12 digits for province … community, so 东莞's city and
-- district-level entries share nothing they should not), or an organization as 'o:<uuid>'.
-- Periods: 'YYYY-MM' (a month) and 'YYYY' (a calendar year), cut in Asia/Shanghai time.

-- 常住人口 per region and year, entered or imported by a level admin (audited), with its source.
CREATE TABLE region_population (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
  level       smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  year        integer NOT NULL CHECK (year BETWEEN 1950 AND 2100),
  population  bigint NOT NULL CHECK (population >= 0),
  source      text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
  updated_by  uuid REFERENCES users(id),
  updated_at  timestamptz NOT NULL,
  UNIQUE (region_code, level, year)
);

-- From record events (consumer 'statistics.rollup'): what each volunteer counts per period, so a
-- volunteer's first counted record in a period makes them active there and the last one's removal not.
CREATE TABLE stat_volunteer_periods (
  volunteer_id uuid NOT NULL,
  period       text COLLATE "C" NOT NULL,
  records      integer NOT NULL,
  minutes      bigint NOT NULL,
  PRIMARY KEY (volunteer_id, period)
);
-- The same per organization (its active volunteers) …
CREATE TABLE stat_org_volunteer_periods (
  org_id       uuid NOT NULL,
  volunteer_id uuid NOT NULL,
  period       text COLLATE "C" NOT NULL,
  records      integer NOT NULL,
  minutes      bigint NOT NULL,
  PRIMARY KEY (org_id, volunteer_id, period)
);
-- … and per unit and period: hours, counted records, active volunteers, organizations with a counted
-- record (active teams, by the organization's region), confirmations by their due date.
CREATE TABLE stat_unit_periods (
  unit        text COLLATE "C" NOT NULL,
  level       smallint NOT NULL,
  period      text COLLATE "C" NOT NULL,
  minutes     bigint NOT NULL DEFAULT 0,
  records     integer NOT NULL DEFAULT 0,
  active      integer NOT NULL DEFAULT 0,
  active_orgs integer NOT NULL DEFAULT 0,
  on_time     integer NOT NULL DEFAULT 0,
  overdue     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (unit, period)
);
CREATE INDEX stat_unit_periods_children ON stat_unit_periods (level, period, unit);
-- Hours per service category ('none': no activity).
CREATE TABLE stat_unit_categories (
  unit     text COLLATE "C" NOT NULL,
  period   text COLLATE "C" NOT NULL,
  category text NOT NULL,
  minutes  bigint NOT NULL DEFAULT 0,
  records  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (unit, period, category)
);

-- From the refresh job ('statistics.refresh', rebuilt whole each run in one transaction): per unit and month,
-- counts of other domains. metric: joined / left / verified / verified_left (volunteers by residence:
-- registered at the end of month M = Σ joined − left over months ≤ M), orgs:<type> / teams:<type>
-- (approved, not dissolved, by creation month), activities_held, positions_offered, positions_filled,
-- certificates_issued.
CREATE TABLE stat_unit_counts (
  unit   text COLLATE "C" NOT NULL,
  level  smallint NOT NULL,
  month  text COLLATE "C" NOT NULL,
  metric text NOT NULL,
  value  bigint NOT NULL,
  PRIMARY KEY (unit, month, metric)
);
CREATE INDEX stat_unit_counts_children ON stat_unit_counts (level, unit, month);

-- When the refresh job last finished.
CREATE TABLE stat_refreshes (
  name         text PRIMARY KEY,
  refreshed_at timestamptz NOT NULL
);

GRANT SELECT, INSERT, UPDATE ON region_population TO yiqi_app;
GRANT SELECT, INSERT, UPDATE ON stat_volunteer_periods, stat_org_volunteer_periods, stat_unit_periods,
  stat_unit_categories TO yiqi_app;
GRANT SELECT, INSERT, DELETE ON stat_unit_counts TO yiqi_app;
GRANT SELECT, INSERT, UPDATE ON stat_refreshes TO yiqi_app;
