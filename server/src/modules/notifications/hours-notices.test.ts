import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { consumerPosition } from '../records/record-events.ts';
import {
  activityId,
  ctxOf,
  decider,
  org,
  people,
  records,
  startEventsApp,
  t,
} from '../records/record-events.testkit.ts';
import { HOURS_CONSUMER } from './hours-notices.ts';

/** Confirmed hours reach the volunteer's inbox through the record events, once each. */

before(startEventsApp);
after(() => t?.close());

const inbox = async (cookie: string) =>
  (await t.app.inject({ url: '/api/me/notifications', headers: { cookie } })).json();

describe('hours confirmed notices', () => {
  it('one notice per volunteer after confirmation, naming the activity; delivered once', async () => {
    const [a, b] = await people(2);
    const [r1, r2, r3] = await records([
      { volunteerId: a!.volunteerId, minutes: 90, kind: 'attendance' },
      { volunteerId: b!.volunteerId, minutes: 120, kind: 'attendance' },
      { volunteerId: b!.volunteerId, minutes: 30, kind: 'attendance', day: '2026-10-02' },
    ]);
    assert.equal((await inbox(a!.cookie)).items.length, 0);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/activities/${activityId}/records/confirm`,
      headers: { cookie: org.cookie },
      payload: { items: [{ id: r1 }, { id: r2 }, { id: r3 }] },
    });
    assert.equal(res.statusCode, 200, res.body);
    // Not before the job reads the events.
    assert.equal((await inbox(a!.cookie)).items.length, 0);
    await t.app.jobs.tick();
    const forA = (await inbox(a!.cookie)).items;
    assert.equal(forA.length, 1);
    assert.equal(forA[0].kind, 'hours_confirmed');
    assert.equal(forA[0].activityId, activityId);
    assert.match(forA[0].body, /1\.5 小时/);
    const forB = (await inbox(b!.cookie)).items;
    assert.equal(forB.length, 1);
    assert.match(forB[0].body, /2\.5 小时/);
    // A second pass (or a redelivery after a restart) adds nothing: the consumer's position moved.
    t.clock.advance(120_000);
    await t.app.jobs.tick();
    assert.equal((await inbox(a!.cookie)).items.length, 1);
    assert.ok((await consumerPosition(ctxOf(), HOURS_CONSUMER))!.applied >= 3);
  });

  it('rejections notify nobody of hours; the text follows the reader’s language', async () => {
    const [c] = await people(1);
    const [r] = await records([{ volunteerId: c!.volunteerId, minutes: 60 }]);
    const rej = await t.app.inject({
      method: 'POST',
      url: `/api/records/${r}/decision`,
      headers: { cookie: decider.cookie },
      payload: { decision: 'reject', reason: '无签到记录' },
    });
    assert.equal(rej.statusCode, 200, rej.body);
    t.clock.advance(120_000);
    await t.app.jobs.tick();
    assert.equal((await inbox(c!.cookie)).items.length, 0);
    const [d] = await people(1);
    const [r2] = await records([{ volunteerId: d!.volunteerId, minutes: 60, kind: 'attendance' }]);
    await t.app.inject({
      method: 'POST',
      url: `/api/activities/${activityId}/records/confirm`,
      headers: { cookie: org.cookie },
      payload: { items: [{ id: r2 }] },
    });
    t.clock.advance(120_000);
    await t.app.jobs.tick();
    const en = await t.app.inject({
      url: '/api/me/notifications',
      headers: { cookie: `${d!.cookie}; yiqi_locale=en` },
    });
    assert.match(en.json().items[0].body, /confirmed: 1\.0 h/);
  });
});
