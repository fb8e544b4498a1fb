-- A foundation may open a funding round as well as a level body (issue 16: "a level body or foundation
-- opens a round"). The round's region still says which organizations may apply; funder_org_id names the
-- foundation running it (its admins act as the owner; the region admins over the round's region keep
-- supervising it). NULL: the level body of the region runs it, as before.
ALTER TABLE funding_rounds ADD COLUMN funder_org_id uuid REFERENCES organizations(id);
CREATE INDEX funding_rounds_funder_idx ON funding_rounds (funder_org_id) WHERE funder_org_id IS NOT NULL;

-- A foundation never funds itself: no proposal of the funder's own organization in its round, whatever the
-- writer (the service refuses it first with FUNDING_OWN_ROUND).
CREATE FUNCTION funding_not_own_round() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM funding_rounds r WHERE r.id = NEW.round_id AND r.funder_org_id = NEW.org_id) THEN
    RAISE EXCEPTION 'funding proposal %: the funder does not apply to its own round', NEW.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER funding_proposals_not_own_round BEFORE INSERT ON funding_proposals
  FOR EACH ROW EXECUTE FUNCTION funding_not_own_round();
