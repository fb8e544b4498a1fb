import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { api, createOrganizer, createVolunteer } from '../activities/activities.testkit.ts';
import { seedActivity } from '../activities/activities.matrix.ts';

let t: TestApp;
let orgId: string;
let reviewer: string;

before(async () => {
  t = await startTestApp();
  orgId = (await createOrganizer(t)).orgId;
  reviewer = await signIn(t, await createUser(t, 'sig.ns', { role: 'region_admin', region: '440305000000' }));
});
after(() => t.close());

const H = 3600_000;
async function record(
  volunteerId: string,
  o: {
    day: string;
    minutes: number;
    inAt?: Date;
    outAt?: Date;
    status?: 'draft' | 'confirmed';
    created?: Date;
    decided?: Date;
    by?: string;
  },
) {
  const a = await seedActivity(t, orgId, { ended: true });
  return t.handle.db
    .insertInto('service_records')
    .values({
      kind: 'attendance',
      volunteer_id: volunteerId,
      org_id: orgId,
      activity_id: a.activityId,
      service_date: o.day,
      activity_title: '信号测试',
      place: '南山区',
      content: '服务',
      person_in_charge: '负责人',
      minutes: o.minutes,
      check_in_at: o.inAt ?? null,
      check_out_at: o.outAt ?? null,
      status: o.status ?? 'draft',
      ...(o.created ? { created_at: o.created } : {}),
      ...(o.status === 'confirmed' ? { decided_at: o.decided ?? new Date(), decided_by: o.by ?? null } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
const signalsOf = async (kind: string) =>
  (await api(t, reviewer, 'GET', `/api/records/signals?region=440305000000&kind=${kind}`)).json().items as {
    volunteerId: string;
    detail: Record<string, unknown>;
  }[];

describe('fraud signals', () => {
  it('flags more than 24 hours in a day, and overlapping records', async () => {
    const v = await createVolunteer(t);
    await record(v.id, {
      day: '2026-11-10',
      minutes: 900,
      inAt: new Date('2026-11-10T01:00:00Z'),
      outAt: new Date('2026-11-10T10:00:00Z'),
    });
    await record(v.id, {
      day: '2026-11-10',
      minutes: 600,
      inAt: new Date('2026-11-10T08:00:00Z'),
      outAt: new Date('2026-11-10T12:00:00Z'),
    });
    const quiet = await createVolunteer(t);
    await record(quiet.id, { day: '2026-11-10', minutes: 240 });
    const day = await signalsOf('over_24h');
    assert.ok(day.some((s) => s.volunteerId === v.id && s.detail.minutes === 1500));
    assert.ok(!day.some((s) => s.volunteerId === quiet.id));
    assert.ok((await signalsOf('overlap')).some((s) => s.volunteerId === v.id));
  });

  it('flags rubber-stamped bulk confirmations and sudden spikes', async () => {
    const by = (await createUser(t, 'stamper')).id;
    const at = new Date('2026-11-15T03:00:10Z');
    const v = await createVolunteer(t);
    for (let i = 0; i < 20; i++)
      await record(v.id, {
        day: '2026-11-15',
        minutes: 30,
        status: 'confirmed',
        created: new Date(at.getTime() - 5000),
        decided: at,
        by,
      });
    assert.ok((await signalsOf('rubber_stamp')).some((s) => s.volunteerId === v.id));
    const spiky = await createVolunteer(t);
    for (let i = 0; i < 6; i++)
      await record(spiky.id, { day: `2026-11-${String(10 + i).padStart(2, '0')}`, minutes: 480 });
    const spikes = await signalsOf('spike');
    assert.ok(spikes.some((s) => s.volunteerId === spiky.id && s.detail.recentHours === 48));
  });

  it('flags check-ins at sites too far apart for the time between them', async () => {
    const v = await createVolunteer(t);
    const near = await seedActivity(t, orgId);
    const far = await seedActivity(t, orgId);
    await t.handle.db
      .updateTable('activities')
      .set({ lat: 22.5, lng: 113.95 })
      .where('id', '=', near.activityId)
      .execute();
    await t.handle.db
      .updateTable('activities')
      .set({ lat: 23.13, lng: 113.26 })
      .where('id', '=', far.activityId)
      .execute(); // Guangzhou, ~100 km
    const t0 = near.start.getTime();
    for (const [a, inAt] of [
      [near, t0],
      [far, t0 + 0.5 * H],
    ] as const) {
      const g = await t.handle.db
        .insertInto('signups')
        .values({
          shift_id: a.shiftId,
          position_id: a.positionId,
          activity_id: a.activityId,
          volunteer_id: v.id,
          status: 'accepted',
          shift_range: `[${new Date(inAt).toISOString()},${new Date(inAt + 0.25 * H).toISOString()})`,
        })
        .returning(['id', 'shift_range'])
        .executeTakeFirstOrThrow();
      await t.handle.db
        .insertInto('attendances')
        .values({
          signup_id: g.id,
          shift_id: a.shiftId,
          activity_id: a.activityId,
          volunteer_id: v.id,
          shift_range: g.shift_range,
          check_in_at: new Date(inAt),
          check_out_at: new Date(inAt + 0.2 * H),
          check_in_method: 'staff',
        })
        .execute();
    }
    const s = (await signalsOf('travel')).find((x) => x.volunteerId === v.id);
    assert.ok(s, 'a 100 km hop in 18 minutes is flagged');
    assert.ok(Number(s.detail.kmh) > 120);
  });

  it('is limited to reviewers of the region', async () => {
    const other = await signIn(
      t,
      await createUser(t, 'sig.ft', { role: 'region_admin', region: '440304000000' }),
    );
    assert.equal((await api(t, other, 'GET', '/api/records/signals?region=440305000000')).statusCode, 403);
  });
});
