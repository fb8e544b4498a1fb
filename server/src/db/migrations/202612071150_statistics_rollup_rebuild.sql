-- Decision 0073: after a bulk load (the population generator, as the app's login on PostgreSQL) the
-- record-event rollups are recounted set-based and replaced in one transaction, instead of the consumer
-- applying every generated event; replacing them deletes their rows.
GRANT DELETE ON stat_volunteer_periods, stat_org_volunteer_periods, stat_unit_periods, stat_unit_categories
  TO yiqi_app;
