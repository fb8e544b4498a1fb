import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, signIn } from '../../test/harness.ts';
import { activityId, org, people, records, startEventsApp, t } from '../records/record-events.testkit.ts';

/** Staff see a volunteer's teams and hours beside the profile, in their area only. */

before(startEventsApp);
after(() => t?.close());

describe('GET /api/volunteers/:id/service', () => {
  it('teams, confirmed hours and the latest records; another district reads not found', async () => {
    const [p] = await people(1);
    await t.handle.db
      .insertInto('memberships')
      .values({ org_id: org.orgId, volunteer_id: p!.volunteerId, status: 'active', source: 'web' })
      .execute();
    const [r1, r2] = await records([
      { volunteerId: p!.volunteerId, minutes: 150, kind: 'attendance' },
      { volunteerId: p!.volunteerId, minutes: 60, kind: 'attendance', day: '2026-10-03' },
    ]);
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/activities/${activityId}/records/confirm`,
      headers: { cookie: org.cookie },
      payload: { items: [{ id: r1 }, { id: r2 }] },
    });
    assert.equal(confirmed.statusCode, 200, confirmed.body);

    const ns = await signIn(
      t,
      await createUser(t, `svc.ns.${process.pid}`, { role: 'region_admin', region: '440305000000' }),
    );
    const res = await t.app.inject({
      url: `/api/volunteers/${p!.volunteerId}/service`,
      headers: { cookie: ns },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(
      body.teams.map((m: { orgId: string; status: string }) => [m.orgId, m.status]),
      [[org.orgId, 'active']],
    );
    assert.equal(body.teamsTotal, 1);
    assert.equal(body.totals.minutes, 210);
    assert.equal(body.totals.records, 2);
    assert.equal(body.recent.length, 2);
    assert.equal(body.recent[0].serviceDate, '2026-10-03');

    const ft = await signIn(
      t,
      await createUser(t, `svc.ft.${process.pid}`, { role: 'region_admin', region: '440304000000' }),
    );
    const other = await t.app.inject({
      url: `/api/volunteers/${p!.volunteerId}/service`,
      headers: { cookie: ft },
    });
    assert.equal(other.statusCode, 404);
    const bad = await t.app.inject({ url: '/api/volunteers/not-a-uuid/service', headers: { cookie: ns } });
    assert.equal(bad.statusCode, 400);
  });
});
