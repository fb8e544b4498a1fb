import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { api, createOrganizer, createVolunteer } from '../activities/activities.testkit.ts';
import { seedRecord } from '../records/records.matrix.ts';

let t: TestApp;
let admin: string;
let orgId: string;

before(async () => {
  t = await startTestApp();
  orgId = (await createOrganizer(t)).orgId;
  admin = await signIn(t, await createUser(t, 'nat.ns', { role: 'region_admin', region: '440305000000' }));
});
after(() => t.close());

const get = (q: string) => api(t, admin, 'GET', `/api/exports/national?region=440305000000&${q}`);

describe('national export', () => {
  it('one line per (volunteer, activity, date), summed; re-exporting gives the same lines; ack sets the sync status', async () => {
    const v = await createVolunteer(t);
    const a = await seedRecord(t, orgId, v.id, 'confirmed');
    // A second confirmed record of the same activity and day folds into the same line.
    const day = (
      await t.handle.db
        .selectFrom('service_records')
        .select('service_date')
        .where('id', '=', a.recordId)
        .executeTakeFirstOrThrow()
    ).service_date;
    await t.handle.db
      .insertInto('service_records')
      .values({
        kind: 'backfill',
        volunteer_id: v.id,
        org_id: orgId,
        activity_id: a.activityId,
        service_date: day,
        activity_title: '矩阵测试活动',
        place: '南山区',
        content: '第二班',
        person_in_charge: '负责人',
        minutes: 30,
        reason: '第二班',
        status: 'confirmed',
        decided_at: new Date(),
      })
      .execute();
    await seedRecord(t, orgId, v.id, 'draft', 'attendance'); // drafts are not exported
    const first = await get('kind=records&format=jsonl');
    assert.equal(first.statusCode, 200, first.body);
    const lines = first.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const mine = lines.filter((l) => l.activityKey === a.activityId);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].hours, 1.5);
    assert.equal(mine[0].syncStatus, 'pending');
    assert.equal((await get('kind=records&format=jsonl')).body, first.body);
    const ack = await api(t, admin, 'POST', '/api/exports/national/ack', {
      region: '440305000000',
      status: 'synced',
      keys: [
        { volunteerNo: mine[0].volunteerNo, activityKey: a.activityId, serviceDate: mine[0].serviceDate },
      ],
    });
    assert.deepEqual(ack.json(), { records: 2 });
    const pending = (await get('kind=records&pending=true')).body;
    assert.ok(!pending.includes(a.activityId));
    assert.equal((await auditRows(t, 'national.export')).length >= 3, true);
  });

  it('pages with a cursor, writes safe CSV, and stays inside the region', async () => {
    for (let i = 0; i < 3; i++) await createVolunteer(t);
    const p1 = await get('kind=volunteers&limit=2');
    const next = p1.headers['x-next-cursor'] as string;
    assert.ok(next);
    const p2 = await get(`kind=volunteers&limit=2&after=${encodeURIComponent(next)}`);
    const a = p1.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).volunteerNo);
    const b = p2.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).volunteerNo);
    assert.equal(new Set([...a, ...b]).size, a.length + b.length);
    const csv = await get('kind=organizations&format=csv');
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.ok(csv.body.startsWith('\uFEFForgId,name,uscc'));
    const other = await api(t, admin, 'GET', '/api/exports/national?region=440304000000&kind=records');
    assert.equal(other.statusCode, 403);
  });
});
