import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { PoolClient } from 'pg';
import { onPostgres } from '../../test/database.ts';
import { generatePopulation } from '../../generator/generate.ts';
import {
  A,
  NANSHAN,
  admin,
  ctx,
  decide,
  decider,
  entry,
  org,
  overview,
  rollUpAll,
  setupPopulation,
  t,
  value,
} from './statistics.testkit.ts';
import { ROLLUP_CONSUMER, runRollups } from './rollup.ts';
import { recountedCategories, recountedUnits, rolledUpCategories, rolledUpUnits } from './rollups.testkit.ts';

/**
 * Decision 0073: after the population generator's load the rollups are recounted set-based and the
 * consumer is moved past the generated events in the same transaction. The figures then equal a recount
 * from the records, nothing is applied a second time, and a confirmation made afterwards counts once.
 * On PostgreSQL a transaction that appended an event before the load and is still open during the rebuild
 * must not be skipped: its event sorts before the generated ones, so it is left for the job.
 */
before(async () => {
  await setupPopulation();
});
after(() => t?.close());

const applied = async () =>
  (
    await sql<{ applied: number; events: number }>`
      SELECT (SELECT applied::int FROM record_event_consumers WHERE name = ${ROLLUP_CONSUMER}) AS applied,
             (SELECT count(*)::int FROM record_events) AS events`.execute(t.handle.db)
  ).rows[0]!;

/** March 2026 in 南山, straight from the records: hours and distinct volunteers who served. */
const marchFromRecords = async () =>
  (
    await sql<{ hours: number; active: number }>`
      SELECT coalesce(sum(r.minutes), 0)::float8 / 60 AS hours, count(DISTINCT r.volunteer_id)::int AS active
        FROM service_records r JOIN volunteers v ON v.id = r.volunteer_id
       WHERE r.status = 'confirmed' AND v.region_code LIKE '440305%'
         AND r.service_date BETWEEN '2026-03-01' AND '2026-03-31'`.execute(t.handle.db)
  ).rows[0]!;

describe('statistics after a bulk load', () => {
  it('rebuilds the rollups at once, equal to a recount; a confirmation afterwards counts once', async () => {
    // Events from before the load, one of them already applied one by one: the rebuild replaces both.
    await decide(await entry(A[0]!, 60, '2026-03-10'), 'approve');
    await rollUpAll();
    await decide(await entry(A[1]!, 45, '2026-03-11'), 'approve');

    let open: PoolClient | null = null;
    let openXid = '';
    if (onPostgres()) {
      // A confirmation whose transaction began before the load and commits after the rebuild.
      open = await t.handle.pool!.connect();
      await open.query('BEGIN');
      const rec = await open.query<{ id: string }>(
        `INSERT INTO service_records (kind, volunteer_id, org_id, service_date, activity_title, place, content,
                                      person_in_charge, minutes, reason, status, created_by, decided_by, decided_at)
         VALUES ('backfill', $1, $2, '2026-03-12', '开着的事务', '南山', '值守', '李', 30, '台账补录', 'confirmed',
                 $3, $4, now()) RETURNING id`,
        [A[2]!.volunteerId, org.orgId, org.userId, decider.id],
      );
      await open.query(
        `INSERT INTO record_events (kind, record_id, record_kind, volunteer_id, org_id, region_code, service_date,
                                    minutes_delta, resulting_minutes, actor_id, at)
         SELECT 'confirmed', $1, 'backfill', $2, o.id, o.region_code, '2026-03-12', 30, 30, $3, now()
           FROM organizations o WHERE o.id = $4`,
        [rec.rows[0]!.id, A[2]!.volunteerId, decider.id, org.orgId],
      );
      openXid = (await open.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x')).rows[0]!.x;
    }

    const s = await generatePopulation(t.handle, {
      region: '440305',
      volunteers: 150,
      active: 0.75,
      hoursPerYear: 29,
      satisfaction: 0.9,
      years: 1,
      attendanceShare: 0.25,
      seed: 'bulk',
      now: t.clock.now(),
      appKey: t.config.appKey,
    });
    assert.equal(s.volunteers, 150);
    assert.ok(s.rows.record_events! > 500, `${s.rows.record_events} generated events`);
    if (!onPostgres()) {
      // Every event is accounted for by the rebuild: nothing waits, and the job applies nothing again.
      assert.equal(s.eventsRolledUp, s.rows.record_events! + 2);
      assert.deepEqual(await applied(), {
        applied: s.rows.record_events! + 2,
        events: s.rows.record_events! + 2,
      });
      assert.equal(await runRollups(ctx()), 0);
    } else {
      // The position stops below the open transaction: everything after it is left to the job.
      const pos = await sql<{ below: boolean }>`
        SELECT last_tx_id < ${openXid}::xid8 AS below FROM record_event_consumers
         WHERE name = ${ROLLUP_CONSUMER}`.execute(t.handle.db);
      assert.equal(pos.rows[0]!.below, true);
      await open!.query('COMMIT');
      open!.release();
      await rollUpAll();
    }
    const recount = await recountedUnits(t.handle.db);
    assert.ok(recount.length > 100, `rollups worth checking (${recount.length} rows)`);
    assert.deepEqual(await rolledUpUnits(t.handle.db), recount);
    assert.deepEqual(await rolledUpCategories(t.handle.db), await recountedCategories(t.handle.db));

    // The page: no lag, and March's figures are those of the records.
    const march = async () => (await overview(admin, NANSHAN, 3, '2026-03-01', '2026-03-31')).json();
    const before = await march();
    assert.equal(before.lag.recordEventsSeconds, 0);
    assert.equal(before.lag.refreshSeconds, 0);
    const known = await marchFromRecords();
    assert.ok(known.active > 50, `${known.active} volunteers served in March`);
    assert.ok(
      Math.abs(value(before, 'hours')! - known.hours) < 1e-9,
      `${value(before, 'hours')} ≠ ${known.hours}`,
    );
    assert.equal(value(before, 'active'), known.active);

    // A confirmation after the rebuild: applied by the job as usual, once.
    await decide(await entry(A[3]!, 90, '2026-03-13'), 'approve');
    await rollUpAll();
    assert.equal(await runRollups(ctx()), 0);
    const after = await march();
    assert.ok(Math.abs(value(after, 'hours')! - (known.hours + 1.5)) < 1e-9, `${value(after, 'hours')}`);
    assert.deepEqual(await rolledUpUnits(t.handle.db), await recountedUnits(t.handle.db));
    assert.deepEqual(await rolledUpCategories(t.handle.db), await recountedCategories(t.handle.db));
  });

  it('rebuilds again over what is there for a second load, with nothing open', async () => {
    const s = await generatePopulation(t.handle, {
      region: '440304',
      volunteers: 60,
      active: 0.75,
      hoursPerYear: 29,
      satisfaction: 0.9,
      years: 1,
      attendanceShare: 0.25,
      seed: 'bulk2',
      now: t.clock.now(),
      appKey: t.config.appKey,
    });
    const all = await applied();
    // On PostgreSQL another test file's transaction may be running: its bound then leaves some to the job.
    assert.ok(s.eventsRolledUp > (onPostgres() ? 0 : all.events - 1), `${s.eventsRolledUp} of ${all.events}`);
    await rollUpAll();
    assert.deepEqual(await rolledUpUnits(t.handle.db), await recountedUnits(t.handle.db));
    assert.deepEqual(await rolledUpCategories(t.handle.db), await recountedCategories(t.handle.db));
    assert.deepEqual(await applied(), { applied: all.events, events: all.events });
  });
});
