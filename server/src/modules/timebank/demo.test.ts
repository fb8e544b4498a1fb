import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { DEMO_PASSWORD, seedDemo } from '../../demo/demo.seed.ts';
import { seedDemoActivities } from '../../demo/demo-activities.seed.ts';
import { seedDemoDispatch } from '../../demo/demo-dispatch.seed.ts';
import { DEMO_TIMEBANK_USER, seedDemoTimebank } from '../../demo/demo-timebank.seed.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

it('the demo time bank: balances banked from confirmed records, a family member with points, a held booking, home care by dispatch', async () => {
  assert.equal(await seedDemo(t.handle.db, t.config.appKey), true);
  assert.ok((await seedDemoActivities(t.handle.db, t.config)) > 0);
  assert.ok((await seedDemoDispatch(t.handle.db, t.config)) > 0);
  assert.equal(await seedDemoTimebank(t.handle.db, t.config), true);
  // Banked from the records' confirmation events (one claim per record), as the deposits job does.
  const banked = await t.handle.db
    .selectFrom('timebank_deposits as d')
    .innerJoin('service_records as r', 'r.id', 'd.record_id')
    .select(['r.status', 'd.minutes'])
    .execute();
  assert.equal(banked.length, 6);
  assert.ok(banked.every((d) => d.status === 'confirmed'));
  assert.equal(
    banked.reduce((n, d) => n + d.minutes, 0),
    1290,
  );
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: DEMO_TIMEBANK_USER, password: DEMO_PASSWORD },
  });
  assert.equal(login.statusCode, 200, login.body);
  const cookie = `yiqi_sid=${login.cookies.find((c) => c.name === 'yiqi_sid')!.value}`;
  const mine = (await t.app.inject({ url: '/api/me/timebank', headers: { cookie } })).json();
  // 21.5 h confirmed: 21 points, 6 given to her mother, who booked a 3-point service (held).
  assert.equal(mine.accounts[0].balance, 15);
  assert.equal(mine.accounts[0].canSpend, true);
  assert.equal(mine.family[0].label, '王桂兰');
  assert.equal(mine.family[0].balance, 3);
  const bookings = (await t.app.inject({ url: '/api/me/timebank/bookings', headers: { cookie } })).json();
  assert.deepEqual(
    bookings.items.map((b: { status: string; held: number }) => [b.status, b.held]),
    [['held', 3]],
  );
  // Home care is delivered by 南头街道's post as a dispatch order (the booking form asks where and when).
  const menu = (
    await t.app.inject({
      url: `/api/me/timebank/menu?schemeId=${mine.accounts[0].schemeId}`,
      headers: { cookie },
    })
  ).json();
  const care = menu.items.find((m: { name: string }) => m.name === '居家照护（2小时）');
  assert.equal(care.dispatchItem.title, '独居长者上门探访');
  assert.equal(care.dispatchItem.unitName, '南头街道');
  const reconciled = await t.handle.db
    .selectFrom('timebank_accounts')
    .select((eb) => eb.fn.sum<number>('balance').as('sum'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(reconciled.sum), 0, 'the scheme sums to 0');
});
