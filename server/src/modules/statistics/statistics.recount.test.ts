import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import {
  A,
  B,
  C1,
  C2,
  F,
  S1,
  org,
  correct,
  ctx,
  decide,
  entry,
  importJob,
  rollUpAll,
  setupPopulation,
  t,
  type V,
} from './statistics.testkit.ts';
import { runRollups } from './rollup.ts';
import { recountedCategories, recountedUnits, rolledUpCategories, rolledUpUnits } from './rollups.testkit.ts';
import { refreshCounts } from './refresh.ts';
import { createActivity } from '../activities/activities.testkit.ts';
import { insertOrganization } from '../memberships/memberships.testkit.ts';
import { addItem, placeOrder, world } from '../dispatch/dispatch.testkit.ts';
import { insertCase } from '../civic/civic.testkit.ts';

/**
 * The rollups equal a full recount from the records after random confirmations, rejections, corrections
 * and imports; the refresh job's incremental counts equal a whole rebuild after random changes.
 */
before(async () => {
  await setupPopulation();
});
after(() => t?.close());

describe('rollups equal a full recount', () => {
  it('after random confirmations, rejections, corrections and imports', async () => {
    let rnd = 42;
    const random = () => (rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    const everyone = [...A, ...B.slice(0, 7), ...F];
    const days = ['2026-03-03', '2026-03-17', '2026-04-08', '2025-12-30', '2026-01-31'];
    const confirmed: { v: V; id: string }[] = [];
    for (let i = 0; i < 60; i++) {
      const v = pick(everyone);
      const r = random();
      if (r < 0.6) {
        const id = await entry(v, 15 + Math.floor(random() * 200), pick(days), {
          activity: random() < 0.5,
          ...(random() < 0.3 ? { due: pick(['2026-01-01', '2099-01-01']) } : {}),
        });
        await decide(id, 'approve');
        confirmed.push({ v, id });
      } else if (r < 0.7) {
        await decide(await entry(v, 30, pick(days)), 'reject');
      } else if (r < 0.85 && confirmed.length > 0) {
        const c = confirmed.splice(Math.floor(random() * confirmed.length), 1)[0]!;
        await correct(c.v, c.id, Math.floor(random() * 100));
      } else {
        await importJob([
          { v, minutes: 60, day: pick(days) },
          { v: pick(everyone), minutes: 20, day: pick(days) },
        ]);
      }
      // Apply the events now and then, mid-way, as the job would.
      if (i % 17 === 0) await runRollups(ctx());
    }
    await rollUpAll();

    const recount = await recountedUnits(t.handle.db);
    assert.ok(recount.length > 30, `a population worth checking (${recount.length} rows)`);
    assert.deepEqual(await rolledUpUnits(t.handle.db), recount);
    assert.deepEqual(await rolledUpCategories(t.handle.db), await recountedCategories(t.handle.db));
  });
});

describe('incremental counts equal a whole rebuild', () => {
  const snapshot = async () =>
    (
      await sql<{ unit: string; level: number; month: string; metric: string; value: number }>`
        SELECT unit, level, month, metric, value::float8 AS value FROM stat_unit_counts
         ORDER BY unit, month, metric`.execute(t.handle.db)
    ).rows;

  const running = async () =>
    (
      await sql<{ unit: string; metric: string; month: string; value: number }>`
        SELECT unit, metric, month, value::float8 AS value FROM stat_unit_running
         ORDER BY unit, metric, month`.execute(t.handle.db)
    ).rows;
  // Straight from the definitions: registered = Σ joined − left, organizations = Σ orgs: + teams:,
  // activities = Σ activities_held, over the months up to each month where one of them has a count.
  const runningRecount = async () =>
    (
      await sql<{ unit: string; metric: string; month: string; value: number }>`
        WITH k(metric, plus, minus) AS (VALUES
          ('registered', '^joined$', '^left$'), ('organizations', '^(orgs|teams):', '^$'),
          ('activities', '^activities_held$', '^$')),
        m AS (
          SELECT DISTINCT c.unit, k.metric, c.month FROM stat_unit_counts c JOIN k
            ON c.metric ~ k.plus OR c.metric ~ k.minus
        )
        SELECT m.unit, m.metric, m.month, (
          SELECT sum(CASE WHEN c.metric ~ k.minus THEN -c.value ELSE c.value END) FROM stat_unit_counts c
           WHERE c.unit = m.unit AND c.month <= m.month AND (c.metric ~ k.plus OR c.metric ~ k.minus)
        )::float8 AS value
          FROM m JOIN k ON k.metric = m.metric
         ORDER BY 1, 2, 3`.execute(t.handle.db)
    ).rows;

  it('after random moves, closures, verifications, organizations, activities, orders, ratings and reports', async () => {
    const db = t.handle.db;
    await refreshCounts(ctx(), { full: true });
    let rnd = 7;
    const random = () => (rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    const everyone = [...A, ...B, ...F];
    const regions = [C1, C2, '440304001000', S1];
    const months = ['2025-11-15', '2026-01-10', '2026-02-20', '2026-03-03'];
    const w = await world(t);
    const item = await addItem(t, w.postB, w.streetB, [w.teamB.orgId]);
    const orders: string[] = [];
    let runs = 0;
    for (let i = 0; i < 50; i++) {
      const r = random();
      const v = pick(everyone).volunteerId;
      if (r < 0.2) {
        await db
          .updateTable('volunteers')
          .set({ region_code: pick(regions) })
          .where('id', '=', v)
          .execute();
      } else if (r < 0.3) {
        const at = `${pick(months)}T04:00:00Z`;
        await db
          .updateTable('volunteers')
          .set({ closed_at: at, status: 'closed' })
          .where('id', '=', v)
          .execute();
      } else if (r < 0.4) {
        await db
          .updateTable('volunteers')
          .set({ verification_status: 'verified', verified_at: `${pick(months)}T04:00:00Z` })
          .where('id', '=', v)
          .execute();
      } else if (r < 0.5) {
        await db
          .updateTable('volunteers')
          .set({
            gender: pick(['male', 'female']),
            birth_date: pick(['1960-05-01', '1990-02-03', '2008-07-01']),
          })
          .where('id', '=', v)
          .execute();
      } else if (r < 0.6) {
        const id = await insertOrganization(t, `统计测试组织${i}`, pick(regions));
        if (random() < 0.5)
          await db
            .updateTable('organizations')
            .set({ region_code: pick(regions) })
            .where('id', '=', id)
            .execute();
      } else if (r < 0.7) {
        const a = await createActivity(t, org);
        if (random() < 0.5)
          await db
            .updateTable('activities')
            .set({ status: 'cancelled' })
            .where('id', '=', a.activityId)
            .execute();
      } else if (r < 0.8) {
        orders.push(await placeOrder(t, w.resident, item, w.communityB));
      } else if (r < 0.9 && orders.length > 0) {
        const id = orders.shift()!;
        await db
          .updateTable('dispatch_orders')
          .set({ team_id: w.teamB.orgId, state: 'completed', report: '完成', completed_at: t.clock.now() })
          .where('id', '=', id)
          .execute();
        await db
          .insertInto('dispatch_ratings')
          .values({ order_id: id, user_id: w.resident.userId, score: pick([1, 3, 4, 5]), at: t.clock.now() })
          .execute();
      } else {
        const c = await insertCase(t, { region: pick(regions), unitId: w.teamA.orgId, handled: true });
        if (random() < 0.5)
          await db
            .updateTable('civic_cases')
            .set({ status: 'rectified', closed_at: t.clock.now() })
            .where('id', '=', c.id)
            .execute();
      }
      t.clock.advance(pick([3600_000, 86400_000]));
      // The job runs now and then, mid-way.
      if (i % 9 === 0) {
        const run = await refreshCounts(ctx());
        assert.equal(run.full, false);
        runs += run.regions;
      }
    }
    await refreshCounts(ctx());
    assert.ok(runs > 0, 'the incremental runs recounted some regions');
    const incremental = await snapshot();
    const incrementalRunning = await running();
    assert.equal((await sql`SELECT 1 FROM stat_dirty`.execute(db)).rows.length, 0);
    await refreshCounts(ctx(), { full: true });
    const whole = await snapshot();
    assert.ok(whole.length > 50, `counts worth checking (${whole.length} rows)`);
    assert.ok(whole.some((r) => r.metric === 'ratings') && whole.some((r) => r.metric === 'civic_filed'));
    assert.deepEqual(incremental, whole);
    // The ranking's running sums (decision 0064): the same after incremental runs as after a rebuild, and
    // each the sum of its counts up to its month.
    assert.deepEqual(incrementalRunning, await running());
    assert.ok(incrementalRunning.length > 20, `running sums worth checking (${incrementalRunning.length})`);
    assert.deepEqual(incrementalRunning, await runningRecount());
  });
});
