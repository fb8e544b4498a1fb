import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { RecordEventKind, RecordKind } from '../../db/schema.records.ts';

/** SQL of record_events readers (record-events.ts): positions and the next events after one. */

export interface Position {
  /** xid8 of the transaction that appended the event, as text. */
  txId: string;
  id: number;
}

/** The consumer's position, its row made first if missing and then held until the transaction ends. */
export async function holdConsumer(db: Database, name: string): Promise<Position> {
  await db
    .insertInto('record_event_consumers')
    .values({ name })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const r = await db
    .selectFrom('record_event_consumers')
    .select([sql<string>`last_tx_id::text`.as('tx'), 'last_id'])
    .where('name', '=', name)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { txId: r.tx, id: Number(r.last_id) };
}

/**
 * Whether this transaction's id is not past the position: the database's transaction ids went back (a
 * logical restore into a new cluster), and reading on would skip events.
 */
export async function xidBehind(db: Database, p: Position) {
  const r = await sql<{ behind: boolean }>`
    SELECT pg_current_xact_id() <= ${p.txId}::xid8 AS behind`.execute(db);
  return r.rows[0]!.behind;
}

export interface RecordEventRow {
  id: number;
  tx_id: string;
  kind: RecordEventKind;
  record_id: string;
  related_record_id: string | null;
  record_kind: RecordKind;
  volunteer_id: string;
  org_id: string;
  region_code: string;
  activity_id: string | null;
  service_day: string;
  minutes_delta: number;
  resulting_minutes: number;
  actor_id: string | null;
  at: Date;
}

/**
 * The next events after a position, in (tx_id, id) order, of transactions older than every transaction
 * still running: those are final, and no event can later appear before them.
 */
export async function eventsAfter(db: Database, p: Position, limit: number) {
  const r = await sql<RecordEventRow>`
    SELECT id, tx_id::text AS tx_id, kind, record_id, related_record_id, record_kind, volunteer_id, org_id,
      region_code, activity_id, to_char(service_date, 'YYYY-MM-DD') AS service_day, minutes_delta,
      resulting_minutes, actor_id, at
    FROM record_events
    WHERE (tx_id, id) > (${p.txId}::xid8, ${p.id}::bigint)
      AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
    -- Qualified: a bare tx_id here would name the output column (text), ordering '1000' before '965' and
    -- handing out an event again after the position moved past it.
    ORDER BY record_events.tx_id, record_events.id
    LIMIT ${limit}`.execute(db);
  return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
}

/** Moves the consumer's position to the last event it applied. */
export async function advance(db: Database, name: string, p: Position, applied: number, now: Date) {
  await db
    .updateTable('record_event_consumers')
    .set({
      last_tx_id: sql`${p.txId}::xid8`,
      last_id: p.id,
      applied: sql`applied + ${applied}`,
      updated_at: now,
    })
    .where('name', '=', name)
    .execute();
}

/** A consumer's position, if it has one (for status pages and tests). */
export async function positionOf(db: Database, name: string) {
  const r = await db
    .selectFrom('record_event_consumers')
    .select([sql<string>`last_tx_id::text`.as('tx'), 'last_id', 'applied'])
    .where('name', '=', name)
    .executeTakeFirst();
  return r ? { txId: r.tx, id: Number(r.last_id), applied: Number(r.applied) } : undefined;
}

/**
 * The bound below which every event is final: the oldest transaction id still running. Every transaction
 * below it has ended, so the events under it are all visible to any later statement and none can be added.
 */
export async function finalBound(db: Database): Promise<string> {
  const r = await sql<{ x: string }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS x`.execute(db);
  return r.rows[0]!.x;
}

/** The last event below the bound (in reading order) and how many there are; null when there is none. */
export async function lastFinal(db: Database, bound: string) {
  const r = await sql<{ tx: string; id: string; n: string }>`
    SELECT l.tx_id::text AS tx, l.id::text AS id,
           (SELECT count(*) FROM record_events WHERE tx_id < ${bound}::xid8)::text AS n
      FROM (SELECT tx_id, id FROM record_events WHERE tx_id < ${bound}::xid8
             ORDER BY tx_id DESC, id DESC LIMIT 1) l`.execute(db);
  const x = r.rows[0];
  return x ? { position: { txId: x.tx, id: Number(x.id) }, count: Number(x.n) } : null;
}

/** Sets the consumer's position and its count of applied events (a rebuild: not added to the count). */
export async function setPosition(db: Database, name: string, p: Position, applied: number, now: Date) {
  await db
    .updateTable('record_event_consumers')
    .set({ last_tx_id: sql`${p.txId}::xid8`, last_id: p.id, applied, updated_at: now })
    .where('name', '=', name)
    .execute();
}
