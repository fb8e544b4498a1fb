import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { periodSeconds } from '../../core/jobs.ts';
import { startTestApp, testConfig, type TestApp } from '../../test/harness.ts';
import {
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  signUp,
  type Organizer,
} from '../activities/activities.testkit.ts';
import { recordJobs } from './records.jobs.ts';

let t: TestApp;
let org: Organizer;
const MIN = 60_000;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await createOrganizer(t);
});
after(() => t.close());

/** Runs due jobs; resolves with how many of them were records.sweep (other modules' jobs run too). */
const sweeps = async () => {
  const count = () =>
    t.handle.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', '=', 'records.sweep')
      .where('status', '=', 'done')
      .executeTakeFirstOrThrow();
  const before = Number((await count()).n);
  await t.app.jobs.tick();
  return Number((await count()).n) - before;
};

const statuses = async (activityId: string) =>
  (
    await t.handle.db
      .selectFrom('service_records')
      .select('status')
      .where('activity_id', '=', activityId)
      .execute()
  ).map((r) => r.status);

describe('records.sweep', () => {
  it('drafts the records of ended shifts every RECORD_SWEEP_MINUTES, without anyone opening the activity', async () => {
    const a = await createActivity(t, org, { inHours: 0.5, hours: 3, quota: 1 });
    const v = await createVolunteer(t);
    const signupId = (await signUp(t, v, a.shiftId)).json().id as string;
    t.clock.advance(37 * MIN);
    const url = `/api/activities/${a.activityId}/attendance`;
    assert.equal((await api(t, org.cookie, 'POST', `${url}/check-in`, { signupId })).statusCode, 200);
    t.clock.advance(2 * 60 * MIN);
    assert.equal((await api(t, org.cookie, 'POST', `${url}/check-out`, { signupId })).statusCode, 200);

    // The shift has not ended: this period's sweep drafts nothing.
    assert.equal(await sweeps(), 1);
    assert.deepEqual(await statuses(a.activityId), []);
    t.clock.advance(3 * 60 * MIN);
    assert.equal(await sweeps(), 1);
    assert.deepEqual(await statuses(a.activityId), ['draft']);
    // Once per period (5 minutes by default), and drafting again adds nothing.
    assert.equal(await sweeps(), 0);
    t.clock.advance(5 * MIN);
    assert.equal(await sweeps(), 1);
    assert.deepEqual(await statuses(a.activityId), ['draft']);
    const runs = await t.handle.db
      .selectFrom('jobs')
      .select(['status', 'last_error'])
      .where('name', '=', 'records.sweep')
      .execute();
    assert.deepEqual(new Set(runs.map((r) => `${r.status} ${r.last_error}`)), new Set(['done null']));
  });

  it('RECORD_SWEEP_MINUTES=0 leaves drafting to the organizer’s view', () => {
    const sweep = recordJobs.find((j) => j.name === 'records.sweep')!;
    assert.equal(periodSeconds(sweep, testConfig()), 300);
    assert.equal(periodSeconds(sweep, testConfig({ RECORD_SWEEP_MINUTES: '0' })), 0);
  });
});
