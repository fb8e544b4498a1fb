import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import {
  NANSHAN,
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  signUp,
  type Organizer,
} from '../activities/activities.testkit.ts';
import type { Ctx } from '../../core/ctx.ts';
import { refreshCounts } from './refresh.ts';
import { rollUpEvery } from './statistics.testkit.ts';

/**
 * Decision 0061: a sign-up, a cancellation, a check-in and a record confirmation through the API are
 * reflected in the figures after the statistics jobs run, and the sign-up and check-in write no
 * statistics mark themselves (nothing under the shift's lock): the refresh finds the sign-ups in the audit.
 */
let t: TestApp;
let org: Organizer;
let admin: string;

const ctx = (): Ctx => ({
  db: t.handle.db,
  actor: null,
  clock: t.clock.now,
  log: t.app.log,
  config: t.config,
  requestId: 'test',
  ip: '127.0.0.1',
  locale: 'zh-CN',
});
const MIN = 60_000;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await createOrganizer(t);
  admin = await signIn(t, await createUser(t, 'marks.nanshan', { role: 'region_admin', region: NANSHAN }));
});
after(() => t?.close());

const marks = async () =>
  Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM stat_dirty`.execute(t.handle.db)).rows[0]!.n,
  );

/** Applies every record event (on PostgreSQL an event becomes readable once older transactions end). */
const rollUpAll = () => rollUpEvery(ctx());

describe('statistics marks without work on the write path', () => {
  it('a sign-up, a cancellation, a check-in and a confirmation show after the jobs run', async () => {
    await refreshCounts(ctx(), { full: true });
    const a = await createActivity(t, org, { inHours: 0.5, hours: 2, quota: 3 });
    const [v1, v2] = [await createVolunteer(t), await createVolunteer(t)];
    // The month of the shift (China time), for the region and for the organization.
    const month = new Date(+t.clock.now() + 30 * MIN + 8 * 3600_000).toISOString().slice(0, 7);
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
    const q = `from=${month}-01&to=${month}-${last}`;
    const figures = async () => {
      const region = await api(t, admin, 'GET', `/api/statistics/overview?region=${NANSHAN}&level=3&${q}`);
      const own = await api(t, org.cookie, 'GET', `/api/statistics/organizations/${org.orgId}/overview?${q}`);
      assert.equal(region.statusCode, 200, region.body);
      assert.equal(own.statusCode, 200, own.body);
      const pick = (o: { figures: Record<string, { value: number | null }> }) => ({
        offered: o.figures.positionsOffered!.value,
        filled: o.figures.positionsFilled!.value,
        hours: o.figures.hours!.value,
      });
      return { region: pick(region.json()), org: pick(own.json()) };
    };
    await refreshCounts(ctx());
    assert.equal(await marks(), 0);
    const none = { offered: 3, filled: 0, hours: 0 };
    assert.deepEqual(await figures(), { region: none, org: none });

    // Two sign-ups: no mark written by them; the refresh finds them in the audit.
    const s1 = await signUp(t, v1, a.shiftId);
    const s2 = await signUp(t, v2, a.shiftId);
    assert.equal(s1.json().status, 'accepted');
    assert.equal(s2.json().status, 'accepted');
    assert.equal(await marks(), 0, 'a sign-up writes no statistics mark');
    assert.equal((await figures()).region.filled, 0, 'not before the refresh');
    const run = await refreshCounts(ctx());
    assert.equal(run.full, false);
    assert.ok(run.regions > 0 && run.orgs > 0);
    const two = { offered: 3, filled: 2, hours: 0 };
    assert.deepEqual(await figures(), { region: two, org: two });

    // The second volunteer cancels: one place filled again.
    const cancel = await api(t, v2.cookie, 'POST', `/api/me/signups/${s2.json().id}/cancel`);
    assert.equal(cancel.statusCode, 200, cancel.body);
    await refreshCounts(ctx());
    const one = { offered: 3, filled: 1, hours: 0 };
    assert.deepEqual(await figures(), { region: one, org: one });

    // Check-in and check-out by the organizer: no mark, no figure moves.
    t.clock.advance(30 * MIN);
    const url = `/api/activities/${a.activityId}/attendance`;
    const inn = await api(t, org.cookie, 'POST', `${url}/check-in`, { signupId: s1.json().id });
    assert.equal(inn.statusCode, 200, inn.body);
    assert.equal(await marks(), 0, 'a check-in writes no statistics mark');
    t.clock.advance(90 * MIN);
    const out = await api(t, org.cookie, 'POST', `${url}/check-out`, { signupId: s1.json().id });
    assert.equal(out.statusCode, 200, out.body);
    const quiet = await refreshCounts(ctx());
    assert.deepEqual([quiet.regions, quiet.orgs], [0, 0]);
    assert.deepEqual(await figures(), { region: one, org: one });

    // The shift ends, its record is drafted and confirmed: 90 minutes once the record events are applied.
    t.clock.advance(60 * MIN);
    const drafts = (await api(t, org.cookie, 'GET', `/api/activities/${a.activityId}/records`)).json();
    assert.equal(drafts.total, 1);
    const ok = await api(t, org.cookie, 'POST', `/api/activities/${a.activityId}/records/confirm`, {
      items: [{ id: drafts.items[0].id }],
    });
    assert.equal(ok.statusCode, 200, ok.body);
    await rollUpAll();
    await refreshCounts(ctx());
    const served = { offered: 3, filled: 1, hours: drafts.items[0].minutes / 60 };
    assert.ok(served.hours > 0);
    const after = await figures();
    assert.deepEqual(after.org, served);
    // A region counts the hours of the volunteers living there: v1's residence decides.
    const home = await t.handle.db
      .selectFrom('volunteers')
      .select('region_code')
      .where('id', '=', v1.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.region.hours, home.region_code.startsWith(NANSHAN.slice(0, 6)) ? served.hours : 0);
    assert.equal(after.region.filled, 1);

    // The incremental counts equal a whole rebuild.
    const snapshot = async () =>
      (
        await sql`SELECT unit, month, metric, value::float8 AS value FROM stat_unit_counts
                   ORDER BY unit, month, metric`.execute(t.handle.db)
      ).rows;
    // And the totals the pages read (stat_unit_totals) are the sums of the counts over all months.
    const totals = async () =>
      (
        await sql`SELECT unit, metric, value::float8 AS value FROM stat_unit_totals ORDER BY unit, metric`.execute(
          t.handle.db,
        )
      ).rows;
    const sums = async () =>
      (
        await sql`SELECT unit, metric, sum(value)::float8 AS value FROM stat_unit_counts GROUP BY 1, 2
                   ORDER BY unit, metric`.execute(t.handle.db)
      ).rows;
    const incremental = await snapshot();
    const incrementalTotals = await totals();
    assert.ok(incrementalTotals.length > 10);
    assert.deepEqual(incrementalTotals, await sums());
    await refreshCounts(ctx(), { full: true });
    assert.deepEqual(incremental, await snapshot());
    assert.deepEqual(incrementalTotals, await totals());
  });
});
