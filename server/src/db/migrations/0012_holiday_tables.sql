-- The Chinese working-day calendar as data an administrator enters (节假日安排): each year's holidays and
-- make-up working days from the State Council's notice. Insert-only: the newest row of a year is in force,
-- older ones are its history. Years without a row use the tables built into shared/src/records.
CREATE TABLE holiday_tables (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq         bigint GENERATED ALWAYS AS IDENTITY,
  year        integer NOT NULL CHECK (year BETWEEN 2020 AND 2100),
  holidays    jsonb NOT NULL,
  workdays    jsonb NOT NULL,
  source      text NOT NULL,
  created_by  uuid NOT NULL REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX holiday_tables_year_idx ON holiday_tables (year, seq DESC);
GRANT SELECT, INSERT ON holiday_tables TO yiqi_app;
