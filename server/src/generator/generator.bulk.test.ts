import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openTestDatabase, onPostgres } from '../test/database.ts';
import { TEST_KEY } from '../test/harness.ts';
import { openPostgres, type OpenDatabase } from '../db/database.ts';
import { loadConfig } from '../lib/config.ts';
import { generatePopulation } from './generate.ts';
import { Calendar, RunState, TABLES, emptyRows, generateUnit, type Params } from './model.ts';
import { communitiesUnder, copyRows, generatorAccount, insertRows } from './generator.repository.ts';
import {
  recountedCategories,
  recountedUnits,
  rolledUpCategories,
  rolledUpUnits,
} from '../modules/statistics/rollups.testkit.ts';

/**
 * The bulk mode of decision 0073 (row triggers off for the load, their checks set-based per batch): on
 * PGlite, and on PostgreSQL as the database's owner (a superuser here; the app's login may not). The rows
 * must be what the triggers would have let through: totals equal to the records, places counted, every
 * foreign key holding; the statistics rebuilt whole; and a batch with a wrong total refused.
 */

const NOW = new Date('2026-11-22T02:00:00Z');
const config = loadConfig({ YIQI_APP_KEY: TEST_KEY });

let handle: OpenDatabase & { url?: string };
let owner: OpenDatabase;
before(async () => {
  handle = await openTestDatabase();
  owner = onPostgres() ? await openPostgres(handle.url!, { max: 3 }) : handle;
});
after(async () => {
  if (owner !== handle) await owner.close();
  await handle.close();
});

const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(owner.db)).rows[0]!;

/** Rows of the generated tables whose foreign key names no row, per constraint (only those with any). */
async function brokenForeignKeys(): Promise<Record<string, number>> {
  const fks = await sql<{ name: string; tbl: string; ref: string; cols: string[]; refcols: string[] }>`
    SELECT c.conname AS name, cl.relname AS tbl, fl.relname AS ref,
           array_agg(a.attname::text ORDER BY k.i) AS cols, array_agg(fa.attname::text ORDER BY k.i) AS refcols
      FROM pg_constraint c
      JOIN pg_class cl ON cl.oid = c.conrelid
      JOIN pg_class fl ON fl.oid = c.confrelid
     CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(col, fcol, i)
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
      JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = k.fcol
     WHERE c.contype = 'f' AND cl.relname = ANY(${[...TABLES]}::text[])
     GROUP BY 1, 2, 3`.execute(owner.db);
  assert.ok(fks.rows.length >= 20, `${fks.rows.length} foreign keys`);
  const out: Record<string, number> = {};
  for (const fk of fks.rows) {
    const present = fk.cols.map((c) => `t.${c} IS NOT NULL`).join(' AND ');
    const match = fk.cols.map((c, i) => `r.${fk.refcols[i]} = t.${c}`).join(' AND ');
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(fk.tbl)} t
       WHERE ${sql.raw(present)} AND NOT EXISTS (SELECT 1 FROM ${sql.table(fk.ref)} r WHERE ${sql.raw(match)})`.execute(
      owner.db,
    );
    if (r.rows[0]!.n) out[fk.name] = r.rows[0]!.n;
  }
  return out;
}

describe('population generator, bulk load', () => {
  it('writes with the triggers off what they would have let through, and rebuilds the statistics', async () => {
    const s = await generatePopulation(owner, {
      region: '440305',
      volunteers: 200,
      active: 0.75,
      hoursPerYear: 29,
      satisfaction: 0.9,
      years: 1,
      attendanceShare: 0.25,
      seed: 'bulk',
      now: NOW,
      appKey: config.appKey,
      bulk: true,
    });
    assert.equal(s.bulk, true);
    assert.equal(s.volunteers, 200);
    assert.ok(s.rows.signups! > 50, `${s.rows.signups} sign-ups`);
    assert.deepEqual(await brokenForeignKeys(), {});
    const off = await one(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        SELECT v.id, coalesce(t.minutes, 0) AS tm, coalesce(t.records, 0) AS tr, coalesce(t.activities, 0) AS ta,
               coalesce((SELECT sum(minutes) FROM service_records r WHERE r.volunteer_id = v.id AND r.status = 'confirmed'), 0) AS rm,
               (SELECT count(*) FROM service_records r WHERE r.volunteer_id = v.id AND r.status = 'confirmed') AS rr,
               (SELECT count(DISTINCT activity_id) FROM service_records r WHERE r.volunteer_id = v.id AND r.status = 'confirmed') AS ra,
               coalesce((SELECT sum(minutes_delta) FROM record_events e WHERE e.volunteer_id = v.id), 0) AS em,
               coalesce((SELECT sum(minutes) FROM volunteer_year_totals y WHERE y.volunteer_id = v.id), 0) AS ym
          FROM volunteers v LEFT JOIN volunteer_totals t ON t.volunteer_id = v.id) x
       WHERE tm <> rm OR tr <> rr OR ta <> ra OR em <> rm OR ym <> rm`);
    assert.equal(off.n, 0);
    // Places as signups_count_places keeps them; events stamped with their transaction as the trigger does.
    const places = await one(sql<{ n: number; taken: number }>`
      SELECT count(*) FILTER (WHERE s.taken <> (SELECT count(*) FROM signups g WHERE g.shift_id = s.id
                                                  AND g.status IN ('pending', 'accepted')) OR s.taken > s.quota)::int AS n,
             sum(s.taken)::int AS taken
        FROM shifts s`);
    assert.deepEqual(places, { n: 0, taken: s.rows.signups });
    const stamped = await one(sql<{ n: number }>`
      SELECT count(DISTINCT tx_id)::int AS n FROM record_events WHERE tx_id::text::bigint > 0`);
    assert.ok(stamped.n >= 1);
    // No statistics mark was made (triggers off), so the counts were rebuilt whole, and the rollups recounted.
    const joined = await one(sql<{ n: number }>`
      SELECT coalesce(sum(value), 0)::int AS n FROM stat_unit_counts WHERE unit = '440305' AND metric = 'joined'`);
    assert.equal(joined.n, 200);
    assert.deepEqual(await rolledUpUnits(owner.db), await recountedUnits(owner.db));
    assert.deepEqual(await rolledUpCategories(owner.db), await recountedCategories(owner.db));
  });

  it('refuses a bulk batch whose totals differ from its records, writing nothing', async () => {
    const [c] = await communitiesUnder(owner.db, '440304');
    const params: Params = {
      seed: 'wrong',
      today: '2026-11-22',
      years: 1,
      active: 1,
      hoursPerYear: 29,
      attendanceShare: 0,
      satisfaction: 0.9,
    };
    const adminId = await generatorAccount(owner.db, 'generator-wrong', '数据生成');
    const rows = emptyRows();
    const ctx = {
      params,
      calendar: new Calendar(params),
      state: new RunState('wrong', new Set()),
      adminId,
      now: NOW,
    };
    generateUnit(ctx, c!, 5, rows, new Map());
    // What flush() adds before a write: a blind index each (a check wants it on an active volunteer).
    for (const v of rows.volunteers) v.doc_bidx = randomBytes(32);
    rows.volunteer_totals[0]!.minutes = Number(rows.volunteer_totals[0]!.minutes) + 1;
    const write = async () => {
      if (owner.kind === 'postgres') {
        const client = await owner.pool!.connect();
        try {
          await copyRows(client, rows, true);
        } finally {
          client.release();
        }
      } else await insertRows(owner.db, rows, true);
    };
    await assert.rejects(write, /1 volunteer totals differ from the confirmed records/);
    const n = await one(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM volunteers WHERE region_code LIKE '440304%'`);
    assert.equal(n.n, 0);
  });
});
