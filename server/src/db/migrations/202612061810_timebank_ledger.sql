-- Time bank (公益时间银行): a double-entry ledger in whole points, separate from the service records it is
-- credited from (never the legal record of hours). Every movement is one row of timebank_transfers between
-- two accounts of one scheme; a trigger moves both cached balances in the same statement, so the cached
-- balance is always the sum of the entries (the reconcile check proves it), and CHECKs on the balance row
-- make an overdraft (or a balance above the scheme's cap) impossible in the database itself, whatever
-- the code does. Transfers are append-only: a correction is a reversing transfer (reverses_id).

-- One scheme per region (e.g. Guangzhou's city scheme): its rules. A record counts in the scheme of the
-- nearest region at or above its organization's region.
CREATE TABLE timebank_schemes (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_code              text NOT NULL UNIQUE CHECK (region_code ~ '^[0-9]{12}$'),
  name                     text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- Conversion: points per hour as minutes per point (60: 1 h = 1 point); whole points, the remainder of
  -- a volunteer's minutes is carried (only whole points are ever issued).
  minutes_per_point        integer NOT NULL DEFAULT 60 CHECK (minutes_per_point BETWEEN 1 AND 6000),
  -- Confirmed minutes before points can be spent on services or given to family (100 h by default).
  spend_threshold_minutes  integer NOT NULL DEFAULT 6000 CHECK (spend_threshold_minutes >= 0),
  -- A volunteer account's balance cap; deposits past it go to the donation pool. NULL: no cap.
  balance_cap              integer DEFAULT 1500 CHECK (balance_cap IS NULL OR balance_cap > 0),
  -- Days after which points expire; NULL (the default): never. Stored, not yet applied by a job.
  expiry_days              integer CHECK (expiry_days IS NULL OR expiry_days > 0),
  updated_by               uuid REFERENCES users(id),
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now()
);

-- Accounts. issuance: where deposits come from (its balance is minus every point issued, so all balances
-- of a scheme sum to 0); pool: donations and cap excess; grant_fund: the region's fund for grants;
-- services: where settled bookings go; volunteer / team / family / elder: holders; hold: one per booking,
-- the points held for it (its balance can never go below 0, so a settlement can never exceed the hold).
CREATE TABLE timebank_accounts (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scheme_id     uuid NOT NULL REFERENCES timebank_schemes(id),
  kind          text NOT NULL CHECK (kind IN ('issuance', 'pool', 'grant_fund', 'services', 'volunteer', 'team',
                                              'family', 'elder', 'hold')),
  volunteer_id  uuid REFERENCES volunteers(id),
  org_id        uuid REFERENCES organizations(id),
  -- family: the family member's name and relation as the volunteer registered them; elder: the elder's
  -- name and why they have priority (e.g. 80+ living alone). No document numbers or phones here.
  label         text CHECK (label IS NULL OR length(label) BETWEEN 1 AND 100),
  relation      text CHECK (relation IS NULL OR relation IN ('parent', 'spouse', 'child', 'grandparent',
                                                              'sibling', 'parent_in_law')),
  note          text CHECK (note IS NULL OR length(note) <= 200),
  -- The cached balance: moved only by the transfer trigger (yiqi_app cannot UPDATE it).
  balance       bigint NOT NULL DEFAULT 0,
  created_by    uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT timebank_no_overdraft CHECK (kind = 'issuance' OR balance >= 0),
  CHECK ((kind IN ('volunteer', 'family')) = (volunteer_id IS NOT NULL)),
  CHECK ((kind = 'team') = (org_id IS NOT NULL)),
  CHECK ((kind = 'family') = (relation IS NOT NULL))
);
CREATE UNIQUE INDEX timebank_accounts_singleton ON timebank_accounts (scheme_id, kind)
  WHERE kind IN ('issuance', 'pool', 'grant_fund', 'services');
CREATE UNIQUE INDEX timebank_accounts_volunteer ON timebank_accounts (scheme_id, volunteer_id)
  WHERE kind = 'volunteer';
CREATE UNIQUE INDEX timebank_accounts_team ON timebank_accounts (scheme_id, org_id) WHERE kind = 'team';
CREATE INDEX timebank_accounts_owner ON timebank_accounts (volunteer_id) WHERE volunteer_id IS NOT NULL;

CREATE TABLE timebank_transfers (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  scheme_id         uuid NOT NULL REFERENCES timebank_schemes(id),
  debit_account_id  uuid NOT NULL REFERENCES timebank_accounts(id),
  credit_account_id uuid NOT NULL REFERENCES timebank_accounts(id),
  amount            integer NOT NULL CHECK (amount > 0),
  kind              text NOT NULL CHECK (kind IN ('deposit', 'deposit_reversal', 'cap_excess', 'donation',
                                                  'family', 'hold', 'settle', 'release', 'grant', 'reversal')),
  reason            text CHECK (reason IS NULL OR length(reason) <= 200),
  actor_id          uuid REFERENCES users(id),
  approver_id       uuid REFERENCES users(id),
  reverses_id       bigint UNIQUE REFERENCES timebank_transfers(id),
  record_id         uuid REFERENCES service_records(id),
  booking_id        uuid,
  at                timestamptz NOT NULL,
  CHECK (debit_account_id <> credit_account_id),
  -- A reversal names what it reverses, why, and who approved it; nobody approves their own.
  CHECK (kind <> 'reversal' OR (reverses_id IS NOT NULL AND reason IS NOT NULL AND approver_id IS NOT NULL)),
  CHECK (approver_id IS NULL OR actor_id IS NULL OR approver_id <> actor_id)
);
CREATE INDEX timebank_transfers_debit ON timebank_transfers (debit_account_id, at);
CREATE INDEX timebank_transfers_credit ON timebank_transfers (credit_account_id, at);
CREATE INDEX timebank_transfers_scheme ON timebank_transfers (scheme_id, at);

-- Both balances move with the entry, in account-id order so two opposite transfers cannot deadlock. The
-- function runs as the owner: the app role inserts transfers but cannot touch a balance by itself. A
-- volunteer account credited past its scheme's current cap is refused here too (the deposit code sends
-- the excess to the pool; this is the backstop, so a stored cap is always an enforced cap).
CREATE FUNCTION timebank_apply_transfer() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  dscheme uuid;
  cscheme uuid;
  ckind text;
  cbalance bigint;
  cap integer;
BEGIN
  IF NEW.debit_account_id < NEW.credit_account_id THEN
    UPDATE timebank_accounts SET balance = balance - NEW.amount WHERE id = NEW.debit_account_id
      RETURNING scheme_id INTO dscheme;
    UPDATE timebank_accounts SET balance = balance + NEW.amount WHERE id = NEW.credit_account_id
      RETURNING scheme_id, kind, balance INTO cscheme, ckind, cbalance;
  ELSE
    UPDATE timebank_accounts SET balance = balance + NEW.amount WHERE id = NEW.credit_account_id
      RETURNING scheme_id, kind, balance INTO cscheme, ckind, cbalance;
    UPDATE timebank_accounts SET balance = balance - NEW.amount WHERE id = NEW.debit_account_id
      RETURNING scheme_id INTO dscheme;
  END IF;
  IF dscheme IS DISTINCT FROM NEW.scheme_id OR cscheme IS DISTINCT FROM NEW.scheme_id THEN
    RAISE EXCEPTION 'timebank: both accounts of a transfer belong to its scheme' USING ERRCODE = '23514';
  END IF;
  IF ckind = 'volunteer' THEN
    SELECT balance_cap INTO cap FROM timebank_schemes WHERE id = NEW.scheme_id;
    IF cap IS NOT NULL AND cbalance > cap THEN
      RAISE EXCEPTION 'timebank: balance cap' USING ERRCODE = '23514', CONSTRAINT = 'timebank_cap';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER timebank_apply_transfer AFTER INSERT ON timebank_transfers
  FOR EACH ROW EXECUTE FUNCTION timebank_apply_transfer();

-- The app role holds an account's row (to read a balance that stays put until it commits: a deposit that
-- splits at the cap, a payment checked before it is made) through this function, without any right to
-- update the row itself.
CREATE FUNCTION timebank_hold_account(account uuid) RETURNS bigint LANGUAGE sql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT balance FROM timebank_accounts WHERE id = account FOR UPDATE
$$;

CREATE FUNCTION timebank_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'timebank_transfers is append-only' USING ERRCODE = '42501';
END $$;
CREATE TRIGGER timebank_transfers_protect BEFORE UPDATE OR DELETE ON timebank_transfers
  FOR EACH ROW EXECUTE FUNCTION timebank_append_only();
CREATE TRIGGER timebank_transfers_protect_truncate BEFORE TRUNCATE ON timebank_transfers
  FOR EACH STATEMENT EXECUTE FUNCTION timebank_append_only();

-- Deposits: one row per (record, event kind), so an event delivered twice is applied once (the unique key);
-- `minutes` is what the event moved (negative when superseded).
CREATE TABLE timebank_deposits (
  record_id    uuid NOT NULL REFERENCES service_records(id),
  event_kind   text NOT NULL CHECK (event_kind IN ('confirmed', 'corrected', 'superseded')),
  scheme_id    uuid NOT NULL REFERENCES timebank_schemes(id),
  volunteer_id uuid NOT NULL REFERENCES volunteers(id),
  minutes      integer NOT NULL,
  at           timestamptz NOT NULL,
  PRIMARY KEY (record_id, event_kind)
);
CREATE TRIGGER timebank_deposits_protect BEFORE UPDATE OR DELETE ON timebank_deposits
  FOR EACH ROW EXECUTE FUNCTION timebank_append_only();

-- Per volunteer and scheme: confirmed minutes counted, points issued for them, and points owed back after a
-- downward correction the balance could not cover (taken from the next deposits).
CREATE TABLE timebank_volunteer_state (
  scheme_id    uuid NOT NULL REFERENCES timebank_schemes(id),
  volunteer_id uuid NOT NULL REFERENCES volunteers(id),
  minutes      integer NOT NULL DEFAULT 0 CHECK (minutes >= 0),
  points       integer NOT NULL DEFAULT 0 CHECK (points >= 0),
  owed         integer NOT NULL DEFAULT 0 CHECK (owed >= 0),
  PRIMARY KEY (scheme_id, volunteer_id)
);

-- The time-bank menu: services points buy (never cash), priced in whole points.
CREATE TABLE timebank_menu (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scheme_id  uuid NOT NULL REFERENCES timebank_schemes(id),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  points     integer NOT NULL CHECK (points > 0),
  active     boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A booking holds points (payer → its own hold account) until the service is delivered (hold → services,
-- never more than held; the rest back) or cancelled (hold → payer). delivery_ref: the dispatch order or
-- activity that delivers it, once linked.
CREATE TABLE timebank_bookings (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scheme_id       uuid NOT NULL REFERENCES timebank_schemes(id),
  menu_item_id    uuid NOT NULL REFERENCES timebank_menu(id),
  payer_account_id uuid NOT NULL REFERENCES timebank_accounts(id),
  hold_account_id uuid NOT NULL UNIQUE REFERENCES timebank_accounts(id),
  held            integer NOT NULL CHECK (held > 0),
  status          text NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'settled', 'cancelled')),
  settled         integer CHECK (settled IS NULL OR settled BETWEEN 0 AND held),
  note            text CHECK (note IS NULL OR length(note) <= 200),
  delivery_ref    text CHECK (delivery_ref IS NULL OR length(delivery_ref) <= 100),
  booked_by       uuid NOT NULL REFERENCES users(id),
  closed_by       uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL,
  closed_at       timestamptz,
  CHECK ((status = 'settled') = (settled IS NOT NULL)),
  CHECK ((status = 'held') = (closed_at IS NULL))
);
CREATE INDEX timebank_bookings_scheme ON timebank_bookings (scheme_id, created_at);
CREATE INDEX timebank_bookings_payer ON timebank_bookings (payer_account_id);
-- A closed booking stays closed.
CREATE FUNCTION timebank_booking_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'held' AND (NEW.status <> OLD.status OR NEW.settled IS DISTINCT FROM OLD.settled) THEN
    RAISE EXCEPTION 'timebank: a closed booking cannot change' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER timebank_booking_final BEFORE UPDATE ON timebank_bookings
  FOR EACH ROW EXECUTE FUNCTION timebank_booking_final();

-- Community grants of donated points to priority elders: proposed with a reason, applied only when a
-- second administrator approves (four eyes: nobody approves their own proposal).
CREATE TABLE timebank_grants (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scheme_id         uuid NOT NULL REFERENCES timebank_schemes(id),
  elder_account_id  uuid NOT NULL REFERENCES timebank_accounts(id),
  amount            integer NOT NULL CHECK (amount > 0),
  reason            text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
  status            text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'refused')),
  proposed_by       uuid NOT NULL REFERENCES users(id),
  decided_by        uuid REFERENCES users(id),
  decision_reason   text CHECK (decision_reason IS NULL OR length(decision_reason) <= 200),
  transfer_id       bigint REFERENCES timebank_transfers(id),
  created_at        timestamptz NOT NULL,
  decided_at        timestamptz,
  CHECK (decided_by IS NULL OR decided_by <> proposed_by),
  CHECK ((status = 'proposed') = (decided_by IS NULL)),
  CHECK ((status = 'approved') = (transfer_id IS NOT NULL))
);
CREATE INDEX timebank_grants_scheme ON timebank_grants (scheme_id, created_at);

-- Idempotency of money-moving requests: the first response per (account, key), with a hash of the request
-- (method, route, body) so the same key with another body is refused.
CREATE TABLE timebank_idempotency (
  user_id      uuid NOT NULL REFERENCES users(id),
  key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  request_hash text NOT NULL,
  response     jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);

GRANT SELECT, INSERT, UPDATE ON timebank_schemes TO yiqi_app;
GRANT SELECT, INSERT ON timebank_accounts TO yiqi_app;
GRANT SELECT, INSERT ON timebank_transfers TO yiqi_app;
GRANT SELECT, INSERT ON timebank_deposits TO yiqi_app;
GRANT SELECT, INSERT, UPDATE ON timebank_volunteer_state TO yiqi_app;
GRANT SELECT, INSERT, UPDATE ON timebank_menu TO yiqi_app;
GRANT SELECT, INSERT, UPDATE (status, settled, closed_by, closed_at, delivery_ref) ON timebank_bookings TO yiqi_app;
GRANT SELECT, INSERT, UPDATE (status, decided_by, decision_reason, transfer_id, decided_at) ON timebank_grants TO yiqi_app;
GRANT SELECT, INSERT, UPDATE (response) ON timebank_idempotency TO yiqi_app;
GRANT EXECUTE ON FUNCTION timebank_hold_account(uuid) TO yiqi_app;
