-- Wrong second-factor codes are counted per account in a window of their own: a password sign-in resets
-- failed_logins, so it must not also reset the count of guessed codes (else sign in again, guess again).
-- Reaching the limit sets users.locked_until like wrong passwords do.
ALTER TABLE users
  ADD COLUMN totp_failures smallint NOT NULL DEFAULT 0,
  ADD COLUMN totp_failures_since timestamptz;
