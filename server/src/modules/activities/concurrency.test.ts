import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { onPostgres } from '../../test/database.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { api, createActivity, createOrganizer, type Organizer } from './activities.testkit.ts';
import { bulkVolunteers } from './bulk.testkit.ts';

/**
 * Races that only a real multi-connection server can stage (PGlite is one connection, so everything
 * there is serial). Thousands of concurrent callers, counted by the database afterwards.
 */
const skip = !onPostgres() ? 'PostgreSQL only (DATABASE_URL)' : false;
let t: TestApp;
let org: Organizer;

describe('concurrency on PostgreSQL', { skip }, () => {
  before(async () => {
    t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
    org = await createOrganizer(t);
  });
  after(() => t?.close());

  it('2,000 concurrent sign-ups (200 sent twice) for 25 places: exactly 25 accepted, the rest waitlisted, no duplicates', async () => {
    const a = await createActivity(t, org, { quota: 25 });
    const people = await bulkVolunteers(t.handle.db, 2000, t.clock.now());
    const requests = [...people, ...people.slice(0, 200)].map((p) =>
      t.app.inject({
        method: 'POST',
        url: `/api/shifts/${a.shiftId}/signups`,
        headers: { cookie: p.cookie },
        payload: {},
      }),
    );
    const responses = await Promise.all(requests);
    const by = new Map<string, number>();
    for (const r of responses) {
      const key = r.statusCode === 200 ? r.json().status : r.json().error.code;
      by.set(key, (by.get(key) ?? 0) + 1);
    }
    assert.equal(by.get('accepted'), 25, JSON.stringify([...by]));
    assert.equal(by.get('waitlisted'), 1975, JSON.stringify([...by]));
    assert.equal(by.get('SIGNUP_EXISTS'), 200, JSON.stringify([...by]));
    // The positions the sign-ups answered with (from the locked shift row, in the sign-up's one statement)
    // are 1…1975, each once: none was counted from a snapshot older than the lock.
    const answered = responses
      .filter((r) => r.statusCode === 200 && r.json().status === 'waitlisted')
      .map((r) => r.json().waitlistPosition as number)
      .sort((x, y) => x - y);
    assert.deepEqual(
      answered,
      Array.from({ length: 1975 }, (_, i) => i + 1),
    );
    const rows = await t.handle.db
      .selectFrom('signups')
      .select([
        'status',
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.count<number>('volunteer_id').distinct().as('people'),
      ])
      .where('shift_id', '=', a.shiftId)
      .groupBy('status')
      .execute();
    const count = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    assert.deepEqual(count, { accepted: 25, waitlisted: 1975 });
    assert.ok(
      rows.every((r) => Number(r.n) === Number(r.people)),
      'one row per volunteer',
    );
    const shift = await t.handle.db
      .selectFrom('shifts')
      .select(['taken', 'quota'])
      .where('id', '=', a.shiftId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(shift, { taken: 25, quota: 25 });
    // Waitlist positions are a gap-free 1..1975.
    const mine = await Promise.all(
      people
        .slice(0, 50)
        .map((p) => api(t, p.cookie, 'GET', '/api/me/signups').then((r) => r.json().items[0])),
    );
    assert.ok(
      mine.every((m) => m.status === 'accepted' || (m.waitlistPosition >= 1 && m.waitlistPosition <= 1975)),
    );

    // 100 concurrent cancellations by accepted volunteers and waitlisted ones: places stay exactly full.
    const accepted = await t.handle.db
      .selectFrom('signups')
      .select(['id', 'volunteer_id'])
      .where('shift_id', '=', a.shiftId)
      .where('status', '=', 'accepted')
      .execute();
    const cookieOf = new Map(people.map((p) => [p.volunteerId, p.cookie]));
    const waiting = await t.handle.db
      .selectFrom('signups')
      .select(['id', 'volunteer_id'])
      .where('shift_id', '=', a.shiftId)
      .where('status', '=', 'waitlisted')
      .orderBy('seq')
      .limit(90)
      .offset(500)
      .execute();
    const cancels = await Promise.all(
      [...accepted.slice(0, 10), ...waiting].map((g) =>
        api(t, cookieOf.get(g.volunteer_id), 'POST', `/api/me/signups/${g.id}/cancel`),
      ),
    );
    assert.ok(cancels.every((r) => r.statusCode === 200));
    const after = await t.handle.db
      .selectFrom('signups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('shift_id', '=', a.shiftId)
      .where('status', '=', 'accepted')
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), 25);
    // The waitlist count on the shift row followed the cancellations and promotions.
    const waiting2 = await t.handle.db
      .selectFrom('signups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('shift_id', '=', a.shiftId)
      .where('status', '=', 'waitlisted')
      .executeTakeFirstOrThrow();
    const row = await t.handle.db
      .selectFrom('shifts')
      .select(['waitlisted'])
      .where('id', '=', a.shiftId)
      .executeTakeFirstOrThrow();
    assert.equal(row.waitlisted, Number(waiting2.n));
  });

  it('a check-in storm with retries: 1,500 volunteers, a third retrying at once: 0 lost, 0 duplicates', async () => {
    const a = await createActivity(t, org, { quota: 1500, inHours: 0.5, hours: 4 });
    const people = await bulkVolunteers(t.handle.db, 1500, t.clock.now());
    // Accepted sign-ups in bulk (sign-up itself was raced above).
    const shift = await t.handle.db
      .selectFrom('shifts')
      .selectAll()
      .where('id', '=', a.shiftId)
      .executeTakeFirstOrThrow();
    const range = `[${shift.starts_at.toISOString()},${shift.ends_at.toISOString()})`;
    for (let i = 0; i < people.length; i += 500)
      await t.handle.db
        .insertInto('signups')
        .values(
          people.slice(i, i + 500).map((p) => ({
            shift_id: a.shiftId,
            position_id: a.positionId,
            activity_id: a.activityId,
            volunteer_id: p.volunteerId,
            status: 'accepted' as const,
            shift_range: range,
          })),
        )
        .execute();
    t.clock.advance(30 * 60_000);
    const qr = (
      await api(t, org.cookie, 'GET', `/api/activities/${a.activityId}/shifts/${a.shiftId}/qr`)
    ).json();
    const sends = [...people, ...people.filter((_, i) => i % 3 === 0)].map((p) =>
      t.app.inject({
        method: 'POST',
        url: '/api/checkins',
        headers: { cookie: p.cookie },
        payload: { token: qr.token },
      }),
    );
    const responses = await Promise.all(sends);
    const failed = responses.filter((r) => r.statusCode !== 200);
    assert.equal(
      failed.length,
      0,
      failed
        .slice(0, 3)
        .map((r) => r.body)
        .join('\n'),
    );
    const created = responses.filter((r) => r.json().repeated === false).length;
    assert.equal(created, 1500);
    const rows = await t.handle.db
      .selectFrom('attendances')
      .select([
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.count<number>('signup_id').distinct().as('signups'),
      ])
      .where('shift_id', '=', a.shiftId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(rows.n), 1500);
    assert.equal(Number(rows.signups), 1500);
    const ids = new Set(responses.map((r) => r.json().attendanceId));
    assert.equal(ids.size, 1500, 'a retry gets the first record’s id');
  });
});
