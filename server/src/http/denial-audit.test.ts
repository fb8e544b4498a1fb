import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, signIn, startTestApp, type TestApp } from '../test/harness.ts';
import { addVolunteerRecord } from '../modules/memberships/memberships.testkit.ts';

/** A flood of refused requests must not flood the audit log, yet the evidence (who, where, how many) stays. */

let t: TestApp;
let vol: string;
let other: string;
before(async () => {
  t = await startTestApp();
  vol = await signIn(t, await createUser(t, 'deny.vol'));
  other = await signIn(t, await createUser(t, 'deny.other'));
});
after(() => t.close());

const denials = (actor: string, route: string) =>
  t.handle.db
    .selectFrom('audit_log')
    .select(['id', 'details', 'result'])
    .where('action', '=', 'authz.denied')
    .where('actor_name', '=', actor)
    .where('object_id', '=', route)
    .orderBy('id')
    .execute();

test('200 refused requests in a minute write at most 2 rows and record the count', async () => {
  for (let i = 0; i < 200; i++) {
    const res = await t.app.inject({ url: '/api/audit', headers: { cookie: vol } });
    assert.equal(res.statusCode, 403);
  }
  const during = await denials('deny.vol', 'GET /api/audit');
  assert.equal(during.length, 1, 'the first denial is written at once');
  assert.equal(during[0]!.details.reason, 'role');

  // Another route, and another actor on the same route, are their own evidence.
  await t.app.inject({ method: 'POST', url: '/api/audit/verify', headers: { cookie: vol } });
  await t.app.inject({ url: '/api/audit', headers: { cookie: other } });
  assert.equal((await denials('deny.vol', 'POST /api/audit/verify')).length, 1);
  assert.equal((await denials('deny.other', 'GET /api/audit')).length, 1);

  // Once the minute is over, the next denial (anyone's) closes the window with one summary row.
  t.clock.advance(60_000);
  await t.app.inject({ url: '/api/audit', headers: { cookie: other } });
  const rows = await denials('deny.vol', 'GET /api/audit');
  assert.equal(rows.length, 2);
  assert.equal(rows[1]!.result, 'denied');
  assert.equal(rows[1]!.details.count, 200);
  assert.equal(rows[1]!.details.reason, 'role');
  // A single denial in a window needs no summary.
  assert.equal((await denials('deny.vol', 'POST /api/audit/verify')).length, 1);
});

test('a window still open when the server stops is summarised on close', async () => {
  const fresh = await startTestApp();
  try {
    const cookie = await signIn(fresh, await createUser(fresh, 'deny.late'));
    for (let i = 0; i < 5; i++) await fresh.app.inject({ url: '/api/audit', headers: { cookie } });
    await fresh.app.close();
    const rows = await fresh.handle.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'authz.denied')
      .where('actor_name', '=', 'deny.late')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.details.count ?? null),
      [null, 5],
    );
  } finally {
    await fresh.handle.close();
  }
});

test('probing volunteer ids outside one’s region writes one row naming the first and a count', async () => {
  const admin = await signIn(
    t,
    await createUser(t, 'deny.region', { role: 'region_admin', region: '440305000000' }),
  );
  const futian: string[] = [];
  for (let i = 0; i < 6; i++) futian.push((await addVolunteerRecord(t, null, { region: '440304000000' })).id);
  for (const id of [...futian, ...futian]) {
    const res = await t.app.inject({ url: `/api/volunteers/${id}`, headers: { cookie: admin } });
    assert.equal(res.statusCode, 404);
  }
  const rows = () =>
    t.handle.db
      .selectFrom('audit_log')
      .select(['object_type', 'object_id', 'details'])
      .where('action', '=', 'authz.denied')
      .where('actor_name', '=', 'deny.region')
      .orderBy('id')
      .execute();
  const during = await rows();
  assert.equal(during.length, 1, 'one row for twelve refusals, not twelve');
  assert.equal(during[0]!.object_type, 'volunteer');
  assert.equal(during[0]!.object_id, futian[0]);
  assert.equal(during[0]!.details.reason, 'scope');
  t.clock.advance(60_000);
  await t.app.inject({ url: `/api/volunteers/${futian[0]}`, headers: { cookie: admin } });
  const closed = await rows();
  assert.equal(closed[1]!.details.count, 12);
});
