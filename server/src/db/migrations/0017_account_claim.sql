-- One-time codes sent to a phone on record (account claim, forgotten password, registration). Only a keyed
-- hash of the code is kept; a code lives 10 minutes, takes 5 wrong tries, and is used once. `subject` names
-- what the code was issued for ('volunteer:<id>', 'user:<id>', 'register:<hex of a keyed hash>'), never
-- personal data in clear.
CREATE TABLE one_time_codes (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  purpose     text NOT NULL CHECK (purpose IN ('claim', 'reset', 'register')),
  subject     text NOT NULL CHECK (length(subject) <= 200),
  code_hash   bytea NOT NULL,
  attempts    integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX one_time_codes_subject_idx ON one_time_codes (purpose, subject, created_at DESC);

-- Code requests per source and per identifier (keyed hashes), counted over the last hour whether or not
-- the identifier matched anyone, so the limit itself says nothing about who is registered.
CREATE TABLE code_requests (
  bucket      bytea NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX code_requests_bucket_idx ON code_requests (bucket, created_at);
-- Each request forgets rows older than a day: by this index, not a scan of the table.
CREATE INDEX code_requests_created_idx ON code_requests (created_at);

GRANT SELECT, INSERT, UPDATE ON one_time_codes TO yiqi_app;
GRANT SELECT, INSERT, DELETE ON code_requests TO yiqi_app;
