-- Perks (激励回馈): partners (scenic spots, merchants, public services) offer perks by star level or hours,
-- with a quota and a validity; a volunteer shows a one-time QR code (signed, short-lived), the partner's
-- staff redeem it once. Limits hold in the database: the quota by a CHECK on the counter, the limit per
-- person and period by a counter row with its own CHECK, single use by a unique code nonce.
CREATE TABLE partners (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name         text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('scenic_spot', 'merchant', 'public_service')),
  region_code  text NOT NULL,
  address      text,
  status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  created_by   uuid NOT NULL REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX partners_region_idx ON partners (region_code);

-- Accounts that may verify and redeem codes at a partner's counter.
CREATE TABLE partner_staff (
  partner_id  uuid NOT NULL REFERENCES partners(id),
  user_id     uuid NOT NULL REFERENCES users(id),
  added_by    uuid NOT NULL REFERENCES users(id),
  added_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (partner_id, user_id)
);
CREATE INDEX partner_staff_user_idx ON partner_staff (user_id);

CREATE TABLE perks (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partner_id        uuid NOT NULL REFERENCES partners(id),
  title             text NOT NULL,
  description       text,
  min_star          smallint NOT NULL DEFAULT 0 CHECK (min_star BETWEEN 0 AND 5),
  min_hours         integer NOT NULL DEFAULT 0 CHECK (min_hours >= 0),
  -- Percent off for 0..5 stars (100 = free), e.g. {0,20,30,40,50,100}.
  discounts         integer[] NOT NULL CHECK (array_length(discounts, 1) = 6),
  valid_from        date NOT NULL,
  valid_until       date NOT NULL,
  quota_total       integer CHECK (quota_total > 0),
  quota_used        integer NOT NULL DEFAULT 0,
  per_person_limit  integer NOT NULL CHECK (per_person_limit BETWEEN 1 AND 1000),
  limit_period      text NOT NULL CHECK (limit_period IN ('day', 'month', 'year', 'total')),
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  created_by        uuid NOT NULL REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_from <= valid_until),
  CHECK (quota_used >= 0 AND (quota_total IS NULL OR quota_used <= quota_total))
);
CREATE INDEX perks_partner_idx ON perks (partner_id);

-- Redemptions per volunteer, perk and period (e.g. '2026-12' for a monthly limit), bounded by the limit.
CREATE TABLE perk_usage (
  perk_id       uuid NOT NULL REFERENCES perks(id),
  volunteer_id  uuid NOT NULL REFERENCES volunteers(id),
  period_key    text NOT NULL,
  used          integer NOT NULL,
  max_uses      integer NOT NULL,
  PRIMARY KEY (perk_id, volunteer_id, period_key),
  CHECK (used BETWEEN 1 AND max_uses)
);

-- Append-only: one row per code redeemed; the nonce makes a code single-use.
CREATE TABLE perk_redemptions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  perk_id       uuid NOT NULL REFERENCES perks(id),
  volunteer_id  uuid NOT NULL REFERENCES volunteers(id),
  code_nonce    text NOT NULL UNIQUE,
  star_level    smallint NOT NULL,
  discount      integer NOT NULL,
  period_key    text NOT NULL,
  redeemed_by   uuid NOT NULL REFERENCES users(id),
  redeemed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX perk_redemptions_volunteer_idx ON perk_redemptions (volunteer_id, redeemed_at DESC);

GRANT SELECT, INSERT, UPDATE ON partners, perks, perk_usage TO yiqi_app;
GRANT SELECT, INSERT, DELETE ON partner_staff TO yiqi_app;
GRANT SELECT, INSERT ON perk_redemptions TO yiqi_app;
