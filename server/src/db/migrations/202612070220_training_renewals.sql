-- Qualification renewal (issue 16): a volunteer whose qualification from a course expires within 30 days (or
-- has expired) renews it by completing the course again. Each completion is a new training record with its
-- round (1, 2, …) and grants a new qualification with a new expiry; the earlier ones stay as history. Two
-- concurrent passes compute the same next round and the unique key lets only one in (as the old
-- once-per-course key did).
ALTER TABLE course_completions ADD COLUMN round integer NOT NULL DEFAULT 1 CHECK (round >= 1);
ALTER TABLE course_completions DROP CONSTRAINT course_completions_course_id_volunteer_id_key;
ALTER TABLE course_completions ADD CONSTRAINT course_completions_round_key UNIQUE (course_id, volunteer_id, round);

-- Expiry notices: once per qualification, when it enters its last 30 days (job
-- notifications.qualifications-expiring, a daily sweep). The row is the "sent" mark, so a repeated or
-- restarted sweep sends nothing twice.
CREATE TABLE qualification_expiry_notices (
  qualification_id  uuid PRIMARY KEY REFERENCES qualifications(id),
  sent_at           timestamptz NOT NULL
);
GRANT SELECT, INSERT ON qualification_expiry_notices TO yiqi_app;

-- The sweep looks for qualifications by expiry: only those that expire.
CREATE INDEX qualifications_expires_idx ON qualifications (expires_at) WHERE expires_at IS NOT NULL;
