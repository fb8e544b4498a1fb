-- Addresses for the outside channels besides SMS (docs/decisions/0069): an e-mail address the user proved
-- with a one-time code sent to it, and a WeChat identity (the mini-program's OpenID of the account) bound by
-- a login code exchanged on the server. One of each per account; changing one replaces it, unbinding
-- deletes the row (nothing is kept that is not used). Personal data: sealed like phones (AES-256-GCM,
-- `address_enc`) with a keyed hash (`address_bidx`) so one WeChat identity is bound to one account only.
CREATE TABLE notification_addresses (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users(id),
  channel       text NOT NULL CHECK (channel IN ('wechat', 'email')),
  address_enc   text NOT NULL,
  address_bidx  bytea NOT NULL,
  verified_at   timestamptz NOT NULL,
  UNIQUE (user_id, channel)
);
-- A WeChat identity reaches one account; an e-mail address may serve several (a family's shared mailbox).
CREATE UNIQUE INDEX notification_addresses_wechat_idx ON notification_addresses (address_bidx)
  WHERE channel = 'wechat';

-- E-mail addresses are proved with the one-time codes of the auth module (same hashing, lifetime, tries and
-- hourly limits as the texted codes).
ALTER TABLE one_time_codes DROP CONSTRAINT one_time_codes_purpose_check;
ALTER TABLE one_time_codes ADD CONSTRAINT one_time_codes_purpose_check
  CHECK (purpose IN ('claim', 'reset', 'register', 'email'));

GRANT SELECT, INSERT, UPDATE, DELETE ON notification_addresses TO yiqi_app;
