-- Audit rows are appended without a shared lock; one sequencer chains them (docs/decisions/0018-audit-sequencer.md).
--
-- Before: the BEFORE INSERT trigger locked the one audit_chain row, hashed the row from the head and moved
-- the head, so every audited write in the province waited on that row until the writer committed.
-- Now: an insert only stamps the row (id from a sequence, time, its transaction's id) and takes no shared
-- lock. The chain lives in audit_links (seq, audit_id, prev_hash, hash), written only by audit_sequence():
-- it takes every committed row that has no link yet, in (tx_id, id) order, hashes each with audit_row_hash
-- from the head, appends their links and moves the head, in one transaction that alone waits on the chain
-- row. Its horizon (every row of a transaction below it is linked: the snapshot's xmin, as record_events
-- readers use it) only bounds where it looks for unlinked rows, so an open transaction anywhere in the
-- cluster never delays the chaining of rows already committed; a row committed late is chained late.
-- audit_log rows stay exactly as written (append-only); the rows chained so far keep their hashes as the
-- first links (seq = id), so a deployed chain verifies with the same head and old witness lines still hold.

-- 1. The row's transaction, for the sequencer's horizon. Rows chained before this migration have none
--    (NULL: nothing to sequence); adding a column without a default leaves the table as it is.
ALTER TABLE audit_log ADD COLUMN tx_id xid8;
ALTER TABLE audit_log ALTER COLUMN tx_id SET DEFAULT pg_current_xact_id();
CREATE INDEX audit_log_sequence_idx ON audit_log (tx_id, id) WHERE tx_id IS NOT NULL;

-- 2. The links: one per chained row, in chain order. A link's hash covers the previous link's hash and its
--    row's canonical text, so a changed row, a changed or removed link, and a removed row all show.
CREATE TABLE audit_links (
  seq       bigint PRIMARY KEY CHECK (seq > 0),
  audit_id  bigint NOT NULL UNIQUE,
  prev_hash text NOT NULL,
  hash      text NOT NULL
);
INSERT INTO audit_links (seq, audit_id, prev_hash, hash)
SELECT id, id, prev_hash, hash FROM audit_log ORDER BY id;

-- 3. The head: last_id/anchor_id were row ids, which equalled chain positions; from now on they are
--    positions (seq). last_audit_id: the row of the head link. horizon: every row of a transaction below
--    it has a link (rows chained before this migration have no tx_id and are all linked above).
ALTER TABLE audit_chain RENAME COLUMN last_id TO last_seq;
ALTER TABLE audit_chain RENAME COLUMN anchor_id TO anchor_seq;
ALTER TABLE audit_chain ADD COLUMN horizon xid8 NOT NULL DEFAULT '0';
ALTER TABLE audit_chain ADD COLUMN last_audit_id bigint NOT NULL DEFAULT 0;
-- (The protect trigger's function still names the old columns until step 8 replaces it.)
ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_protect;
UPDATE audit_chain SET last_audit_id = last_seq WHERE id;
ALTER TABLE audit_chain ENABLE TRIGGER audit_chain_protect;

-- 4. The hashes now live in the links; the row keeps only what happened.
ALTER TABLE audit_log DROP COLUMN prev_hash;
ALTER TABLE audit_log DROP COLUMN hash;

-- 5. Ids from a sequence, continuing after the chain. A rolled-back insert leaves a gap in ids (never in
--    seq). The trigger still sets id and time whatever the writer sends, and now the transaction id too,
--    so no writer can place a row below the sequencer's position where it would never be chained.
CREATE SEQUENCE audit_log_id_seq;
SELECT setval('audit_log_id_seq',
  greatest((SELECT coalesce(max(id), 0) FROM audit_log), (SELECT last_seq FROM audit_chain)) + 1, false);
ALTER SEQUENCE audit_log_id_seq OWNED BY audit_log.id;

DROP TRIGGER audit_log_chain ON audit_log;
DROP FUNCTION audit_log_chain();
CREATE FUNCTION audit_log_stamp() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  NEW.id := nextval('audit_log_id_seq');
  NEW.occurred_at := clock_timestamp();
  NEW.tx_id := pg_current_xact_id();
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_stamp BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_stamp();

-- 6. The sequencer. Runs as the owner (the application role can neither write links nor move the head):
--    the server calls it every AUDIT_SEQUENCE_SECONDS and before verifying, witnessing and purging.
--    Returns how many rows it chained (at most max_rows; call again while it returns max_rows).
CREATE FUNCTION audit_sequence(max_rows integer DEFAULT 5000) RETURNS integer LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c audit_chain;
  xmin_now xid8;
  r audit_log;
  h text;
  n integer := 0;
  seqs bigint[] := '{}';
  ids bigint[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
BEGIN
  -- Only sequencers (and the purge) wait here; writers never touch this row.
  SELECT * INTO c FROM audit_chain WHERE id FOR UPDATE;
  -- A logical restore into a new cluster restarts transaction ids below the horizon: new rows would be
  -- taken for chained ones and reported as unchained, so stop loudly instead (see the decision record).
  IF pg_current_xact_id() < c.horizon THEN
    RAISE EXCEPTION 'audit sequencer: transaction ids are behind its horizon % (restored into a new cluster?)',
      c.horizon USING ERRCODE = '55000';
  END IF;
  -- Every transaction below this has ended. Taken before the rows are read (the next statement's snapshot
  -- sees every one of them that committed), so after a complete pass every row below it has a link.
  xmin_now := pg_snapshot_xmin(pg_current_snapshot());
  h := c.head_hash;
  FOR r IN
    SELECT a.* FROM audit_log a
     WHERE a.tx_id >= c.horizon AND NOT EXISTS (SELECT 1 FROM audit_links l WHERE l.audit_id = a.id)
     ORDER BY a.tx_id, a.id LIMIT max_rows
  LOOP
    n := n + 1;
    seqs := seqs || (c.last_seq + n);
    ids := ids || r.id;
    prevs := prevs || h;
    h := audit_row_hash(h, r);
    hashes := hashes || h;
  END LOOP;
  IF n > 0 THEN
    INSERT INTO audit_links (seq, audit_id, prev_hash, hash)
    SELECT * FROM unnest(seqs, ids, prevs, hashes);
    UPDATE audit_chain SET head_hash = h, last_seq = c.last_seq + n, last_audit_id = ids[n] WHERE id;
  END IF;
  -- A full batch may have left rows below the horizon: move it only after a pass that took them all.
  IF n < max_rows AND xmin_now > c.horizon THEN
    UPDATE audit_chain SET horizon = xmin_now WHERE id;
  END IF;
  RETURN n;
END $$;

-- 7. Links are append-only like the rows: deleted only by the retention purge (yiqi.audit_purge set in
--    its transaction), never updated or truncated.
CREATE FUNCTION audit_links_protect() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('yiqi.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_links is append-only' USING ERRCODE = '42501';
END $$;
CREATE TRIGGER audit_links_protect BEFORE UPDATE OR DELETE ON audit_links
  FOR EACH ROW EXECUTE FUNCTION audit_links_protect();
CREATE TRIGGER audit_links_no_truncate BEFORE TRUNCATE ON audit_links
  FOR EACH STATEMENT EXECUTE FUNCTION audit_links_protect();

-- 8. The head moves only forward and only onto the newest link (so it always names a link that exists),
--    the horizon only forward (moving it past unlinked rows makes verification report them);
--    the anchor only inside a purge, forward, past deleted links.
CREATE OR REPLACE FUNCTION audit_chain_protect() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'audit_chain holds exactly one row' USING ERRCODE = '42501';
  END IF;
  IF NEW.horizon < OLD.horizon THEN
    RAISE EXCEPTION 'the audit sequencer horizon moves only forward' USING ERRCODE = '42501';
  END IF;
  IF (NEW.head_hash, NEW.last_seq, NEW.last_audit_id) IS DISTINCT FROM (OLD.head_hash, OLD.last_seq, OLD.last_audit_id) THEN
    IF NEW.last_seq <= OLD.last_seq OR NOT EXISTS (
         SELECT 1 FROM audit_links
          WHERE seq = NEW.last_seq AND hash = NEW.head_hash AND audit_id = NEW.last_audit_id)
       OR EXISTS (SELECT 1 FROM audit_links WHERE seq > NEW.last_seq) THEN
      RAISE EXCEPTION 'the audit chain head moves only forward, onto the newest link' USING ERRCODE = '42501';
    END IF;
  END IF;
  IF (NEW.anchor_seq, NEW.anchor_hash) IS DISTINCT FROM (OLD.anchor_seq, OLD.anchor_hash) THEN
    IF current_setting('yiqi.audit_purge', true) IS DISTINCT FROM 'on' THEN
      RAISE EXCEPTION 'the audit anchor moves only with a retention purge' USING ERRCODE = '42501';
    END IF;
    IF NEW.anchor_seq < OLD.anchor_seq OR EXISTS (SELECT 1 FROM audit_links WHERE seq <= NEW.anchor_seq) THEN
      RAISE EXCEPTION 'the audit anchor moves only forward, past deleted rows' USING ERRCODE = '42501';
    END IF;
  END IF;
  RETURN NEW;
END $$;

-- 9. The application appends rows and runs the sequencer; it reads the links; it writes neither links
--    nor the head itself (the sequencer runs as the owner), and never updates or deletes any of them.
GRANT SELECT ON audit_links TO yiqi_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_links FROM yiqi_app;
REVOKE ALL ON FUNCTION audit_sequence(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_sequence(integer) TO yiqi_app;
