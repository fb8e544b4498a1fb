-- Durable jobs (modules/jobs, docs/decisions/0015): queued and recurring work as rows, so it survives a
-- restart and runs once across processes. A runner claims a due row with FOR UPDATE SKIP LOCKED, marks it
-- running with a lease (locked_until) it renews while it works, and marks it done, queued again (retry with
-- backoff) or failed. A running row whose lease expired belongs to a process that died: it is claimed again.
-- Recurring jobs insert one row per period, keyed by the period's start, so a period runs once.
CREATE TABLE jobs (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         text NOT NULL CHECK (name ~ '^[a-z][a-z0-9_-]*\.[a-z0-9_.-]+$'),
  -- Idempotency key: enqueueing (name, key) twice makes one job. Recurring jobs: the period's start.
  key          text,
  payload      jsonb NOT NULL DEFAULT '{}',
  status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  run_at       timestamptz NOT NULL,
  -- Runs started (claims); the job's definition says how many it may take (maxAttempts).
  attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- The claim: a token per run (never reused), and until when it holds.
  locked_by    uuid,
  locked_until timestamptz,
  last_error   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  UNIQUE (name, key),
  CHECK ((status = 'running') = (locked_by IS NOT NULL AND locked_until IS NOT NULL))
);
CREATE INDEX jobs_queued ON jobs (run_at) WHERE status = 'queued';
CREATE INDEX jobs_running ON jobs (locked_until) WHERE status = 'running';
-- Pruning finished rows (done ones after a week).
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE status = 'done';

GRANT SELECT, INSERT, UPDATE, DELETE ON jobs TO yiqi_app;
