-- Time bank gaps (issue 14): team accounts only donate, points expire per scheme, bookings delivered as
-- dispatch orders, and a refused money-moving request is remembered under its idempotency key.

-- A team account's points only go to the donation pool (the scheme's rule, enforced here like the
-- overdraft, whatever the code does). The bank's own movements out of it stay possible: a correction
-- (reversal, deposit reversal) and expiry, which are not the team giving points to someone.
CREATE FUNCTION timebank_team_donates_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  dkind text;
  ckind text;
BEGIN
  SELECT kind INTO dkind FROM timebank_accounts WHERE id = NEW.debit_account_id;
  IF dkind = 'team' AND NEW.kind NOT IN ('reversal', 'deposit_reversal', 'expiry') THEN
    SELECT kind INTO ckind FROM timebank_accounts WHERE id = NEW.credit_account_id;
    IF ckind IS DISTINCT FROM 'pool' THEN
      RAISE EXCEPTION 'timebank: a team account only donates to the pool'
        USING ERRCODE = '23514', CONSTRAINT = 'timebank_team_donates_only';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER timebank_team_donates_only BEFORE INSERT ON timebank_transfers
  FOR EACH ROW EXECUTE FUNCTION timebank_team_donates_only();

-- Expiry: points older than the scheme's expiry_days leave the holder's account for the issuance account
-- (retired: the scheme still sums to 0), as an ordinary transfer with a reason, never an edit.
ALTER TABLE timebank_transfers DROP CONSTRAINT timebank_transfers_kind_check;
ALTER TABLE timebank_transfers ADD CONSTRAINT timebank_transfers_kind_check CHECK (kind IN ('deposit',
  'deposit_reversal', 'cap_excess', 'donation', 'family', 'hold', 'settle', 'release', 'grant', 'reversal',
  'expiry'));

-- A menu service delivered as a dispatch order: the dispatch menu item a booking orders.
ALTER TABLE timebank_menu ADD COLUMN dispatch_item_id uuid REFERENCES dispatch_menu_items(id);
-- The dispatch order delivering a booking (one booking per order); the delivery job follows its state.
ALTER TABLE timebank_bookings ADD COLUMN order_id uuid UNIQUE REFERENCES dispatch_orders(id);
CREATE INDEX timebank_bookings_delivering ON timebank_bookings (order_id) WHERE status = 'held' AND order_id IS NOT NULL;

-- A request refused with a 4xx is remembered under its key too: a replay answers the same refusal.
ALTER TABLE timebank_idempotency ADD COLUMN error jsonb;
