import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, startTestApp, type TestApp } from '../../test/harness.ts';
import {
  activityBody,
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  positionBody,
  signUp,
  type Organizer,
} from './activities.testkit.ts';

let t: TestApp;
let org: Organizer;

before(async () => {
  // The clock jumps days ahead here; sessions must outlive that.
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await createOrganizer(t);
});
after(() => t.close());

const insurance = (from: string, to: string) => ({
  policyNo: 'PICC-2026-001',
  insurer: '中国人保',
  cover: '意外身故 50 万，医疗 5 万',
  from,
  to,
});

describe('publishing', () => {
  it('creates a draft that only its organizers can see, then publishes it', async () => {
    const { activityId } = await createActivity(t, org, { publish: false });
    assert.equal((await api(t, undefined, 'GET', `/api/activities/${activityId}`)).statusCode, 404);
    const mine = await api(t, org.cookie, 'GET', `/api/activities/${activityId}`);
    assert.equal(mine.statusCode, 200);
    assert.equal(mine.json().status, 'draft');
    assert.equal(mine.json().contactPhone, '138****8000');
    const pub = await api(t, org.cookie, 'POST', `/api/activities/${activityId}/publish`);
    assert.equal(pub.json().status, 'published');
    const open = await api(t, undefined, 'GET', `/api/activities/${activityId}`);
    assert.equal(open.statusCode, 200);
    assert.equal(open.json().quota, 3);
    assert.equal(open.json().inviteCode, null);
    assert.equal((await auditRows(t, 'activity.publish')).length >= 1, true);
  });

  it('refuses to publish without a shift, with unstated risks, or in the past', async () => {
    const draft = await api(
      t,
      org.cookie,
      'POST',
      `/api/organizations/${org.orgId}/activities`,
      activityBody(t),
    );
    const id = draft.json().id;
    const noShift = await api(t, org.cookie, 'POST', `/api/activities/${id}/publish`);
    assert.equal(noShift.json().error.code, 'ACTIVITY_NO_POSITIONS');

    const risky = await createActivity(t, org, { publish: false, body: { riskLevel: 'low' } });
    const r = await api(t, org.cookie, 'POST', `/api/activities/${risky.activityId}/publish`);
    assert.equal(r.statusCode, 422);
    assert.equal(r.json().error.code, 'ACTIVITY_RISK_TEXT_REQUIRED');

    const past = await createActivity(t, org, { publish: false, inHours: 1 });
    t.clock.advance(2 * 3600_000);
    const p = await api(t, org.cookie, 'POST', `/api/activities/${past.activityId}/publish`);
    assert.equal(p.json().error.code, 'ACTIVITY_IN_PAST');
  });

  it('needs accident insurance covering the dates before an activity with physical risk is published', async () => {
    const risky = await createActivity(t, org, {
      publish: false,
      body: { riskLevel: 'high', physicalRisk: true, riskText: '涉水作业，有滑倒风险' },
    });
    const url = `/api/activities/${risky.activityId}/publish`;
    const none = await api(t, org.cookie, 'POST', url);
    assert.equal(none.statusCode, 422);
    assert.equal(none.json().error.code, 'ACTIVITY_INSURANCE_REQUIRED');
    // The message is in the caller's language.
    const en = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: `${org.cookie}; yiqi_locale=en` },
    });
    assert.match(en.json().error.message, /accident insurance/);

    const day = risky.body.startsAt.slice(0, 10);
    await api(t, org.cookie, 'PATCH', `/api/activities/${risky.activityId}`, {
      insurance: insurance('2020-01-01', '2020-12-31'),
    });
    assert.equal((await api(t, org.cookie, 'POST', url)).json().error.code, 'ACTIVITY_INSURANCE_PERIOD');
    await api(t, org.cookie, 'PATCH', `/api/activities/${risky.activityId}`, {
      insurance: insurance(day, '2027-12-31'),
    });
    const ok = await api(t, org.cookie, 'POST', url);
    assert.equal(ok.statusCode, 200, ok.body);
    const detail = await api(t, undefined, 'GET', `/api/activities/${risky.activityId}`);
    assert.equal(detail.json().insurance.policyNo, 'PICC-2026-001');
    assert.equal(detail.json().riskText, '涉水作业，有滑倒风险');
  });

  it('rejects inconsistent input with 400 and changes nothing', async () => {
    const url = `/api/organizations/${org.orgId}/activities`;
    const before = (await auditRows(t, 'activity.create')).length;
    const backwards = activityBody(t, { endsAt: new Date(t.clock.now().getTime()).toISOString() });
    assert.equal((await api(t, org.cookie, 'POST', url, backwards)).json().error.code, 'ACTIVITY_TIME_RANGE');
    const fence = activityBody(t, { geofence: { mode: 'reject' } });
    assert.equal((await api(t, org.cookie, 'POST', url, fence)).json().error.code, 'ACTIVITY_GEOFENCE');
    const code = activityBody(t, { recruitMode: 'code' });
    assert.equal(
      (await api(t, org.cookie, 'POST', url, code)).json().error.code,
      'ACTIVITY_INVITE_CODE_REQUIRED',
    );
    const teams = activityBody(t, { recruitMode: 'teams' });
    assert.equal((await api(t, org.cookie, 'POST', url, teams)).json().error.code, 'ACTIVITY_TEAMS_REQUIRED');
    const region = activityBody(t, { regionCode: '449999000000' });
    assert.equal((await api(t, org.cookie, 'POST', url, region)).json().error.code, 'REGION_NOT_FOUND');
    const bad = await api(t, org.cookie, 'POST', url, { ...activityBody(t), category: 'nonsense' });
    assert.equal(bad.statusCode, 400);
    assert.equal((await auditRows(t, 'activity.create')).length, before);
  });

  it('keeps shifts inside the activity and quotas at or above the places taken', async () => {
    const a = await createActivity(t, org, { quota: 1 });
    const outside = positionBody(a.body, {
      shifts: [
        {
          startsAt: a.body.endsAt,
          endsAt: new Date(Date.parse(a.body.endsAt) + 3600_000).toISOString(),
          quota: 1,
        },
      ],
    });
    const r = await api(t, org.cookie, 'POST', `/api/activities/${a.activityId}/positions`, outside);
    assert.equal(r.json().error.code, 'SHIFT_OUTSIDE_ACTIVITY');
    const v = await createVolunteer(t);
    assert.equal((await signUp(t, v, a.shiftId)).json().status, 'accepted');
    const shrink = positionBody(a.body, {
      shifts: [{ id: a.shiftId, startsAt: a.body.startsAt, endsAt: a.body.endsAt, quota: 0 }],
    });
    assert.equal(
      (await api(t, org.cookie, 'PUT', `/api/activities/${a.activityId}/positions/${a.positionId}`, shrink))
        .statusCode,
      400,
    );
    const removeShift = positionBody(a.body, {
      shifts: [{ startsAt: a.body.startsAt, endsAt: a.body.endsAt, quota: 5 }],
    });
    const rm = await api(
      t,
      org.cookie,
      'PUT',
      `/api/activities/${a.activityId}/positions/${a.positionId}`,
      removeShift,
    );
    assert.equal(rm.json().error.code, 'SHIFT_HAS_SIGNUPS');
    const del = await api(
      t,
      org.cookie,
      'DELETE',
      `/api/activities/${a.activityId}/positions/${a.positionId}`,
    );
    assert.equal(del.json().error.code, 'SHIFT_HAS_SIGNUPS');
  });
});

describe('lifecycle and notifications', () => {
  it('reads in progress and ended from the clock, and closes only once ended', async () => {
    const a = await createActivity(t, org, { inHours: 2, hours: 2 });
    assert.equal(
      (await api(t, org.cookie, 'POST', `/api/activities/${a.activityId}/close`)).json().error.code,
      'ACTIVITY_STATE',
    );
    t.clock.advance(2.5 * 3600_000);
    assert.equal(
      (await api(t, undefined, 'GET', `/api/activities/${a.activityId}`)).json().status,
      'in_progress',
    );
    t.clock.advance(2 * 3600_000);
    assert.equal((await api(t, undefined, 'GET', `/api/activities/${a.activityId}`)).json().status, 'ended');
    const closed = await api(t, org.cookie, 'POST', `/api/activities/${a.activityId}/close`);
    assert.equal(closed.json().status, 'closed');
    const edit = await api(t, org.cookie, 'PATCH', `/api/activities/${a.activityId}`, { title: '改名' });
    assert.equal(edit.json().error.code, 'ACTIVITY_STATE');
  });

  it('cancelling with a reason cancels the sign-ups and tells each volunteer why', async () => {
    const a = await createActivity(t, org, { quota: 1 });
    const v1 = await createVolunteer(t);
    const v2 = await createVolunteer(t);
    await signUp(t, v1, a.shiftId);
    assert.equal((await signUp(t, v2, a.shiftId)).json().status, 'waitlisted');
    const noReason = await api(t, org.cookie, 'POST', `/api/activities/${a.activityId}/cancel`, {});
    assert.equal(noReason.statusCode, 400);
    const c = await api(t, org.cookie, 'POST', `/api/activities/${a.activityId}/cancel`, {
      reason: '台风预警，停止户外活动',
    });
    assert.equal(c.json().status, 'cancelled');
    for (const v of [v1, v2]) {
      const mine = await api(t, v.cookie, 'GET', '/api/me/signups?when=all');
      const row = mine.json().items.find((x: { activityId: string }) => x.activityId === a.activityId);
      assert.equal(row.status, 'cancelled');
      assert.equal(row.cancelKind, 'activity');
      const n = await api(t, v.cookie, 'GET', '/api/me/notifications');
      assert.equal(n.json().items[0].kind, 'activity_cancelled');
      assert.match(n.json().items[0].body, /台风预警/);
    }
    const shift = await t.handle.db
      .selectFrom('shifts')
      .select('taken')
      .where('id', '=', a.shiftId)
      .executeTakeFirstOrThrow();
    assert.equal(shift.taken, 0);
  });

  it('a change of time or place after publication notifies signed-up volunteers; a title change does not', async () => {
    const a = await createActivity(t, org);
    const v = await createVolunteer(t);
    await signUp(t, v, a.shiftId);
    await api(t, org.cookie, 'PATCH', `/api/activities/${a.activityId}`, { title: '新的标题' });
    assert.equal((await api(t, v.cookie, 'GET', '/api/me/notifications')).json().total, 0);
    const moved = await api(t, org.cookie, 'PATCH', `/api/activities/${a.activityId}`, {
      address: '南山区后海公园',
    });
    assert.equal(moved.statusCode, 200, moved.body);
    const n = (await api(t, v.cookie, 'GET', '/api/me/notifications')).json();
    assert.equal(n.unread, 1);
    assert.equal(n.items[0].kind, 'activity_changed');
    await api(t, v.cookie, 'POST', `/api/me/notifications/${n.items[0].id}/read`);
    assert.equal((await api(t, v.cookie, 'GET', '/api/me/notifications')).json().unread, 0);
    // Someone else's notice reads as not found.
    const other = await createVolunteer(t);
    assert.equal(
      (await api(t, other.cookie, 'POST', `/api/me/notifications/${n.items[0].id}/read`)).statusCode,
      404,
    );
  });
});

describe('public search', () => {
  it('filters by region, category, keyword, distance and open places', async () => {
    const futian = await createOrganizer(t, '440304000000');
    const near = await createActivity(t, org, {
      body: { title: '深圳湾净滩', lat: 22.5, lng: 113.95 },
      quota: 1,
    });
    const far = await createActivity(t, futian, {
      body: {
        title: '莲花山助老',
        category: 'special_groups',
        regionCode: '440304000000',
        lat: 22.56,
        lng: 114.06,
      },
    });
    await createActivity(t, org, { body: { title: '草稿不可见' }, publish: false });

    const all = (await api(t, undefined, 'GET', '/api/activities?pageSize=100')).json();
    assert.equal(
      all.items.some((x: { title: string }) => x.title === '草稿不可见'),
      false,
    );

    const nanshan = (
      await api(t, undefined, 'GET', '/api/activities?regionCode=440305000000&pageSize=100')
    ).json();
    assert.ok(nanshan.items.some((x: { id: string }) => x.id === near.activityId));
    assert.ok(!nanshan.items.some((x: { id: string }) => x.id === far.activityId));
    // A city finds both districts.
    const city = (
      await api(t, undefined, 'GET', '/api/activities?regionCode=440300000000&pageSize=100')
    ).json();
    assert.ok(city.items.some((x: { id: string }) => x.id === far.activityId));

    const cat = (await api(t, undefined, 'GET', '/api/activities?category=special_groups')).json();
    assert.deepEqual(
      cat.items.map((x: { id: string }) => x.id),
      [far.activityId],
    );
    const kw = (await api(t, undefined, 'GET', `/api/activities?q=${encodeURIComponent('净滩')}`)).json();
    assert.deepEqual(
      kw.items.map((x: { id: string }) => x.id),
      [near.activityId],
    );

    const close = (await api(t, undefined, 'GET', '/api/activities?lat=22.51&lng=113.95&radiusKm=3')).json();
    assert.ok(close.items.some((x: { id: string }) => x.id === near.activityId));
    assert.ok(!close.items.some((x: { id: string }) => x.id === far.activityId));
    assert.ok(close.items[0].distanceKm < 3);
    const sorted = (
      await api(t, undefined, 'GET', '/api/activities?lat=22.56&lng=114.06&pageSize=100')
    ).json();
    assert.equal(sorted.items[0].id, far.activityId);

    const v = await createVolunteer(t);
    await signUp(t, v, near.shiftId);
    const open = (await api(t, undefined, 'GET', '/api/activities?openOnly=true&pageSize=100')).json();
    assert.ok(!open.items.some((x: { id: string }) => x.id === near.activityId));
    assert.ok(open.items.some((x: { id: string }) => x.id === far.activityId));

    const bad = await api(t, undefined, 'GET', '/api/activities?radiusKm=3');
    assert.equal(bad.statusCode, 400);
  });

  it('lists an organization’s activities for its admins only', async () => {
    const list = await api(t, org.cookie, 'GET', `/api/organizations/${org.orgId}/activities?status=draft`);
    assert.equal(list.statusCode, 200);
    assert.ok(list.json().items.every((x: { status: string }) => x.status === 'draft'));
    const other = await createOrganizer(t);
    assert.equal(
      (await api(t, other.cookie, 'GET', `/api/organizations/${org.orgId}/activities`)).statusCode,
      404,
    );
  });
});
