-- Excel import of service hours (modules/imports, kind 'records'): an organization's own sheet of past
-- service becomes pending 'import' entries, one batch per upload, approved by a second person like a
-- back-fill. The uploaded sheet is the batch's evidence (its SHA-256 is on the job); the reason is the
-- uploader's note for the whole batch.

ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_kind_check;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_kind_check CHECK (kind IN ('volunteers', 'members', 'records'));
ALTER TABLE import_jobs ADD COLUMN reason text;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_reason_check CHECK (kind <> 'records' OR reason IS NOT NULL);

ALTER TABLE service_records ADD COLUMN import_job_id uuid REFERENCES import_jobs(id);
-- An imported entry names its batch and its reason; nobody decides an import batch they uploaded.
ALTER TABLE service_records ADD CONSTRAINT service_records_import_check
  CHECK (kind <> 'import' OR (import_job_id IS NOT NULL AND reason IS NOT NULL));
ALTER TABLE service_records ADD CONSTRAINT service_records_import_four_eyes_check
  CHECK (kind <> 'import' OR decided_by IS NULL OR created_by IS NULL OR decided_by <> created_by);
CREATE INDEX service_records_import_job_idx ON service_records (import_job_id, status) WHERE import_job_id IS NOT NULL;
-- Idempotent by (volunteer, activity, date) within the recording unit: uploading the same sheet again, or
-- an overlapping one, adds nothing for rows already imported (a rejected entry may be imported again).
CREATE UNIQUE INDEX service_records_import_uniq ON service_records (org_id, volunteer_id, service_date, activity_title)
  WHERE kind = 'import' AND status <> 'rejected';
