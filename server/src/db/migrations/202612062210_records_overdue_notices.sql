-- Overdue-record notices (issue 16, notifications): once a China day, each organization with service records
-- still in draft past their due date (10 working days, records/due-dates) gets one notice to its admins. The
-- row is the "sent" mark, so a restarted or repeated sweep sends nothing twice.
CREATE TABLE records_overdue_notices (
  org_id   uuid NOT NULL REFERENCES organizations(id),
  day      date NOT NULL,
  records  integer NOT NULL CHECK (records > 0),
  sent_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, day)
);
GRANT SELECT, INSERT ON records_overdue_notices TO yiqi_app;

-- The sweep (and the to-do list's overdue count) look for drafts by due date: few rows, a small index.
CREATE INDEX service_records_draft_due_idx ON service_records (due_date) WHERE status = 'draft';
