-- The sheet row an import took as its header (offices put a merged title and a date line above it), shown
-- with the job so the uploader sees which row was read as the column names. Null until validation finds it.
ALTER TABLE import_jobs ADD COLUMN header_row integer CHECK (header_row > 0);
