import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { seedDemo } from '../../demo/demo.seed.ts';
import { seedDemoDispatch } from '../../demo/demo-dispatch.seed.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

it('the demo has a menu for 南山区 and two street posts and orders in every state, made through the use cases', async () => {
  assert.equal(await seedDemo(t.handle.db, t.config.appKey), true);
  assert.equal(await seedDemoDispatch(t.handle.db, t.config), 7);
  const menu = await t.app.inject({ method: 'GET', url: '/api/dispatch/menu?region=440305001001' });
  const items = menu.json().items as { category: string; unitName: string }[];
  assert.ok(items.length >= 11, String(items.length));
  assert.ok(new Set(items.map((i) => i.category)).size >= 7);
  // 粤海街道's own items are not on 南头城社区's menu.
  assert.ok(!items.some((i) => i.unitName.includes('粤海')));
  // 村供单: 南头城社区's offer, approved by the street's post, is on a neighbouring village's menu.
  const neighbour = await t.app.inject({ method: 'GET', url: '/api/dispatch/menu?region=440305001003' });
  const village = (
    neighbour.json().items as { unitName: string; offeredByUnit: { name: string } | null }[]
  ).filter((i) => i.offeredByUnit);
  assert.equal(village.length, 1);
  assert.equal(village[0]!.offeredByUnit!.name, '南头城社区居委会');
  assert.match(village[0]!.unitName, /南头/);
  const states = await t.handle.db.selectFrom('dispatch_orders').select('state').orderBy('state').execute();
  assert.deepEqual([...new Set(states.map((s) => s.state))].sort(), [
    'accepted',
    'completed',
    'offered',
    'open',
    'ready',
    'rejected',
    'review',
  ]);
  const audits = await t.handle.db
    .selectFrom('audit_log')
    .select('id')
    .where('action', 'like', 'dispatch.%')
    .execute();
  assert.ok(audits.length > 20);
});
