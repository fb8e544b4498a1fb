-- Notifications beyond the in-app inbox (docs/decisions/0046): each user's channel preferences, one delivery
-- per (notice, channel) queued in the notice's transaction, and every attempt to send it.
-- The inbox row (notifications) is always written; a delivery is extra and never holds it back.

-- Which outside channels a user wants, besides the inbox (always on). A missing row: the default (SMS off,
-- WeChat off, e-mail off): text messages cost money and need consent (DOMAIN.md).
CREATE TABLE notification_preferences (
  user_id     uuid NOT NULL REFERENCES users(id),
  channel     text NOT NULL CHECK (channel IN ('sms', 'wechat', 'email')),
  enabled     boolean NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, channel)
);

-- The work queue of sends. `next_attempt_at` is both the retry time and the lease of a claimed row: a
-- process that claims a row moves it forward by the lease, so a process that dies mid-send leaves the row to
-- be claimed again after the lease (at least once, never lost).
CREATE TABLE notification_deliveries (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  notification_id  uuid NOT NULL REFERENCES notifications(id),
  user_id          uuid NOT NULL REFERENCES users(id),
  channel          text NOT NULL CHECK (channel IN ('sms', 'wechat', 'email')),
  status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'skipped')),
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  done_at          timestamptz,
  UNIQUE (notification_id, channel),
  CHECK ((status IN ('queued')) = (done_at IS NULL))
);
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at) WHERE status = 'queued';
CREATE INDEX notification_deliveries_user_idx ON notification_deliveries (user_id, created_at DESC);

-- Every attempt, append-only: the evidence of what was sent, when, and what the channel answered.
CREATE TABLE notification_attempts (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id  bigint NOT NULL REFERENCES notification_deliveries(id),
  attempt      integer NOT NULL CHECK (attempt >= 1),
  at           timestamptz NOT NULL DEFAULT now(),
  ok           boolean NOT NULL,
  error        text,
  UNIQUE (delivery_id, attempt)
);

-- Reminders before a shift: one per sign-up, so the sweep that sends them can run any number of times
-- (and across a restart) without reminding twice.
CREATE TABLE shift_reminders (
  signup_id  uuid PRIMARY KEY REFERENCES signups(id),
  sent_at    timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE ON notification_preferences TO yiqi_app;
GRANT SELECT, INSERT, UPDATE ON notification_deliveries TO yiqi_app;
GRANT SELECT, INSERT ON notification_attempts TO yiqi_app;
GRANT SELECT, INSERT ON shift_reminders TO yiqi_app;
