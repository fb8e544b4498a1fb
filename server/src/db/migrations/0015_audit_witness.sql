-- The audit chain's head and anchor move only the way appends and the retention purge move them.
--
-- Before: the application role could UPDATE audit_chain (the insert trigger ran as the caller), so it
-- could move the anchor past every row and verification, which starts after the anchor, said "intact".
-- Now the insert trigger runs as the owner (SECURITY DEFINER, fixed search_path so a temporary table
-- cannot stand in for audit_chain) and the application role keeps only SELECT on audit_chain: it can
-- append rows, never move the head or the anchor itself. The purge is the owner's job (npm run audit:purge).

CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE head text; next_id bigint;
BEGIN
  SELECT head_hash, last_id + 1 INTO head, next_id FROM audit_chain WHERE id FOR UPDATE;
  NEW.id := next_id;
  NEW.occurred_at := clock_timestamp();
  NEW.prev_hash := head;
  NEW.hash := audit_row_hash(head, NEW);
  UPDATE audit_chain SET head_hash = NEW.hash, last_id = next_id WHERE id;
  RETURN NEW;
END $$;

REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain FROM yiqi_app;
GRANT SELECT ON audit_chain TO yiqi_app;

-- Even the owner's direct statements are held to the two legitimate moves (a superuser can still disable
-- the trigger: the witness file outside the database and verification catch that):
--   the head moves only inside the audit_log insert trigger (trigger depth 2);
--   the anchor moves only inside a purge (yiqi.audit_purge set), forward, and only past deleted rows,
--   so no row ever sits at or before the anchor.
CREATE FUNCTION audit_chain_protect() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'audit_chain holds exactly one row' USING ERRCODE = '42501';
  END IF;
  IF (NEW.head_hash, NEW.last_id) IS DISTINCT FROM (OLD.head_hash, OLD.last_id) AND pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'the audit chain head moves only when a row is appended' USING ERRCODE = '42501';
  END IF;
  IF (NEW.anchor_id, NEW.anchor_hash) IS DISTINCT FROM (OLD.anchor_id, OLD.anchor_hash) THEN
    IF current_setting('yiqi.audit_purge', true) IS DISTINCT FROM 'on' THEN
      RAISE EXCEPTION 'the audit anchor moves only with a retention purge' USING ERRCODE = '42501';
    END IF;
    IF NEW.anchor_id < OLD.anchor_id OR EXISTS (SELECT 1 FROM audit_log WHERE id <= NEW.anchor_id) THEN
      RAISE EXCEPTION 'the audit anchor moves only forward, past deleted rows' USING ERRCODE = '42501';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_chain_protect BEFORE INSERT OR UPDATE OR DELETE ON audit_chain
  FOR EACH ROW EXECUTE FUNCTION audit_chain_protect();
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_protect();
