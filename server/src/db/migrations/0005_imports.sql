-- Bulk imports from Excel (modules/imports): counts for the progress view, one running import per
-- organization, and the recent-jobs list of an organization.

-- Every problem is counted; only the first 10,000 are kept in `errors` (a wholly wrong file of 100,000
-- rows would otherwise store a list as large as the file).
ALTER TABLE import_jobs ADD COLUMN error_count integer NOT NULL DEFAULT 0;
-- The uploader's language: the stored error messages are in it.
ALTER TABLE import_jobs ADD COLUMN locale text NOT NULL DEFAULT 'zh-CN';

-- At most one import per organization validates or writes at a time; a second upload is refused.
CREATE UNIQUE INDEX import_jobs_running_uniq ON import_jobs (org_id) WHERE status IN ('validating', 'committing');
CREATE INDEX import_jobs_org_idx ON import_jobs (org_id, created_at DESC);
