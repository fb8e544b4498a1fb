-- Record events: the outbox of service records. Every change that moves what a record counts (confirmed,
-- corrected, superseded) or decides it (rejected) appends one row here in the same transaction as the
-- change and the totals (modules/records/confirmation.ts). Readers that come later (the time bank crediting
-- points once per record, statistics rolling up hours per region, organization and day) follow it with a
-- position each (record_event_consumers), so a restart neither skips nor repeats an event.
--
-- Order: `id` is assigned at insert, but transactions commit in another order, so a reader that took
-- "id > position" could pass over a lower id that commits later. Each row therefore carries its
-- transaction's id (`tx_id`, xid8, set by the trigger below whatever the writer sends), readers go by
-- (tx_id, id) and read only rows of transactions older than every transaction still running
-- (tx_id < pg_snapshot_xmin(pg_current_snapshot())): those are final, and nothing can ever be added
-- below them (docs/decisions/0013-record-events.md).
CREATE TABLE record_events (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tx_id             xid8 NOT NULL DEFAULT pg_current_xact_id(),
  kind              text NOT NULL CHECK (kind IN ('confirmed', 'corrected', 'superseded', 'rejected')),
  record_id         uuid NOT NULL REFERENCES service_records(id),
  -- corrected: the record it corrects; superseded: the correction that superseded it.
  related_record_id uuid REFERENCES service_records(id),
  record_kind       text NOT NULL CHECK (record_kind IN ('attendance', 'backfill', 'import', 'correction')),
  volunteer_id      uuid NOT NULL REFERENCES volunteers(id),
  org_id            uuid NOT NULL REFERENCES organizations(id),
  -- The recording organization's region when the event happened (statistics roll up by it).
  region_code       text NOT NULL CHECK (region_code ~ '^[0-9]{12}$'),
  activity_id       uuid REFERENCES activities(id),
  service_date      date NOT NULL,
  -- What the record's counted minutes moved by, and what it counts now: the deltas of a volunteer's
  -- events sum to their volunteer_totals.minutes.
  minutes_delta     integer NOT NULL,
  resulting_minutes integer NOT NULL CHECK (resulting_minutes BETWEEN 0 AND 1440),
  actor_id          uuid REFERENCES users(id),
  at                timestamptz NOT NULL,
  CHECK (CASE kind
    WHEN 'confirmed' THEN minutes_delta = resulting_minutes AND related_record_id IS NULL
    WHEN 'corrected' THEN minutes_delta = resulting_minutes AND related_record_id IS NOT NULL
    WHEN 'superseded' THEN resulting_minutes = 0 AND minutes_delta <= 0 AND related_record_id IS NOT NULL
    ELSE minutes_delta = 0 AND resulting_minutes = 0 END)
);
-- A record is confirmed, superseded or rejected once: each kind at most once per record.
CREATE UNIQUE INDEX record_events_once ON record_events (record_id, kind);
CREATE INDEX record_events_position_idx ON record_events (tx_id, id);
CREATE INDEX record_events_volunteer_idx ON record_events (volunteer_id);

CREATE FUNCTION record_events_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.tx_id := pg_current_xact_id();
  RETURN NEW;
END $$;
CREATE TRIGGER record_events_stamp BEFORE INSERT ON record_events
  FOR EACH ROW EXECUTE FUNCTION record_events_stamp();

CREATE FUNCTION record_events_protect() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'record_events is append-only' USING ERRCODE = '42501';
END $$;
CREATE TRIGGER record_events_protect BEFORE UPDATE OR DELETE ON record_events
  FOR EACH ROW EXECUTE FUNCTION record_events_protect();
CREATE TRIGGER record_events_protect_truncate BEFORE TRUNCATE ON record_events
  FOR EACH STATEMENT EXECUTE FUNCTION record_events_protect();

-- The history so far, in the order it happened, so every reader starts from the same ledger and the
-- deltas already equal the totals.
INSERT INTO record_events (kind, record_id, related_record_id, record_kind, volunteer_id, org_id, region_code,
                           activity_id, service_date, minutes_delta, resulting_minutes, actor_id, at)
SELECT e.kind, e.record_id, e.related_record_id, e.record_kind, e.volunteer_id, e.org_id, e.region_code,
       e.activity_id, e.service_date, e.minutes_delta, e.resulting_minutes, e.actor_id, e.at
FROM (
  SELECT CASE WHEN r.corrects_id IS NULL THEN 'confirmed' ELSE 'corrected' END AS kind, r.id AS record_id,
         r.corrects_id AS related_record_id, r.kind AS record_kind, r.volunteer_id, r.org_id, o.region_code,
         r.activity_id, r.service_date, r.minutes AS minutes_delta, r.minutes AS resulting_minutes,
         r.decided_by AS actor_id, r.decided_at AS at, r.seq, 1 AS step
    FROM service_records r JOIN organizations o ON o.id = r.org_id
   WHERE r.status IN ('confirmed', 'superseded')
  UNION ALL
  SELECT 'superseded', r.id, r.superseded_by, r.kind, r.volunteer_id, r.org_id, o.region_code, r.activity_id,
         r.service_date, -r.minutes, 0, c.decided_by, c.decided_at, c.seq, 0
    FROM service_records r JOIN organizations o ON o.id = r.org_id
    JOIN service_records c ON c.id = r.superseded_by
   WHERE r.status = 'superseded'
  UNION ALL
  SELECT 'rejected', r.id, NULL, r.kind, r.volunteer_id, r.org_id, o.region_code, r.activity_id, r.service_date,
         0, 0, r.decided_by, r.decided_at, r.seq, 1
    FROM service_records r JOIN organizations o ON o.id = r.org_id
   WHERE r.status = 'rejected'
) e
ORDER BY e.at, e.seq, e.step;

-- Each reader's position: the (tx_id, id) of the last event it applied, moved in the transaction that
-- applies the events (modules/records/record-events.ts).
CREATE TABLE record_event_consumers (
  name        text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_.-]{0,62}$'),
  last_tx_id  xid8 NOT NULL DEFAULT '0',
  last_id     bigint NOT NULL DEFAULT 0,
  applied     bigint NOT NULL DEFAULT 0 CHECK (applied >= 0),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT ON record_events TO yiqi_app;
GRANT SELECT, INSERT, UPDATE ON record_event_consumers TO yiqi_app;
