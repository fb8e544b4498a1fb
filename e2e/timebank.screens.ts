// Screenshots of the time bank's pages at phone and desktop size, on data made through the API by the
// server's test kit: `npx tsx scripts/test-template.ts pglite /tmp/tpl.tar && YIQI_TEST_PGLITE_TEMPLATE=/tmp/tpl.tar
// npx tsx e2e/timebank.screens.ts` (after `npm run build -w web`). Pictures: test-output/screenshots/timebank-*.png.
import { screenshot } from './support.ts';
import { atBothSizes, useSession } from './test-app-pages.ts';
import { chooseOption } from './volunteers.steps.ts';
import { addItem, world } from '../server/src/modules/dispatch/dispatch.testkit.ts';
import {
  adminA,
  adminB,
  confirmHours,
  mine,
  people,
  schemeId,
  send,
  SHENZHEN,
  startBank,
  t,
} from '../server/src/modules/timebank/timebank.testkit.ts';

await startBank({ spendThresholdMinutes: 600 });
const [v] = await people(1);
await confirmHours(v!.volunteerId, [300, 300, 240, 180]);
const own = (await mine(v!.cookie)).accounts[0]!;
const fam = await t.app.inject({
  method: 'POST',
  url: '/api/me/timebank/family',
  headers: { cookie: v!.cookie },
  payload: { schemeId, name: '张桂芳', relation: 'parent' },
});
const item = await t.app.inject({
  method: 'POST',
  url: '/api/timebank/menu',
  headers: { cookie: adminA.cookie },
  payload: { region: SHENZHEN, name: '居家照护（2小时）', points: 4 },
});
await t.app.inject({
  method: 'POST',
  url: '/api/timebank/menu',
  headers: { cookie: adminA.cookie },
  payload: { region: SHENZHEN, name: '助餐送餐', points: 1 },
});
// A service delivered as a dispatch order of a street post (its booking asks where and when).
const w = await world(t);
const dispatchItem = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
await t.app.inject({
  method: 'POST',
  url: '/api/timebank/menu',
  headers: { cookie: adminA.cookie },
  payload: { region: SHENZHEN, name: '上门助老（派单）', points: 1, dispatchItemId: dispatchItem },
});
await send(v!.cookie, 'POST', '/api/me/timebank/transfers', {
  fromAccountId: own.id,
  to: { kind: 'family', accountId: fam.json().id },
  amount: 5,
});
await send(v!.cookie, 'POST', '/api/me/timebank/transfers', {
  fromAccountId: own.id,
  to: { kind: 'pool' },
  amount: 2,
});
const booked = await send(v!.cookie, 'POST', '/api/me/timebank/bookings', {
  accountId: fam.json().id,
  menuItemId: item.json().id,
  note: '周三上午',
});
await send(adminA.cookie, 'POST', '/api/timebank/bookings/settle', {
  region: SHENZHEN,
  bookingId: booked.json().booking.id,
  points: 4,
  deliveryRef: '派单 2026-118',
});
await send(v!.cookie, 'POST', '/api/me/timebank/bookings', { accountId: own.id, menuItemId: item.json().id });
const elder = await t.app.inject({
  method: 'POST',
  url: '/api/timebank/elders',
  headers: { cookie: adminA.cookie },
  payload: { region: SHENZHEN, name: '陈婆婆', note: '82岁独居' },
});
const g1 = await t.app.inject({
  method: 'POST',
  url: '/api/timebank/grants',
  headers: { cookie: adminB.cookie },
  payload: { region: SHENZHEN, elderAccountId: elder.json().id, amount: 1, reason: '高龄独居，优先资助' },
});
await send(adminA.cookie, 'POST', '/api/timebank/grants/decision', {
  region: SHENZHEN,
  grantId: g1.json().id,
  decision: 'approve',
});
await t.app.inject({
  method: 'POST',
  url: '/api/timebank/grants',
  headers: { cookie: adminA.cookie },
  payload: { region: SHENZHEN, elderAccountId: elder.json().id, amount: 1, reason: '行动不便，需助餐' },
});

const origin = await t.app.listen({ port: 0, host: '127.0.0.1' });

await atBothSizes(origin, async (kind, page, browser) => {
  await useSession(browser, origin, v!.cookie);
  await page.goto(`${origin}/m/timebank`);
  await page.getByText('可用积分').first().waitFor();
  await screenshot(page, `timebank-${kind}-01-volunteer`);
  await page
    .getByText('积分明细')
    .first()
    .evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, `timebank-${kind}-02-statement`);
  await page
    .getByRole('button', { name: /预约服务/ })
    .first()
    .click();
  await page.getByRole('dialog').waitFor();
  await screenshot(page, `timebank-${kind}-03-book`);
  await chooseOption(page, 'menuItemId', '上门助老');
  await page.getByRole('dialog').getByText('服务地址所在社区').waitFor();
  await screenshot(page, `timebank-${kind}-03b-book-delivery`);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: /转赠/ }).first().click();
  await page.getByRole('dialog').waitFor();
  await screenshot(page, `timebank-${kind}-04-give`);
  await useSession(browser, origin, adminB.cookie);
  await page.goto(`${origin}/timebank`);
  await page.getByText('方案名称').waitFor();
  await screenshot(page, `timebank-${kind}-05-scheme`);
  await page.getByRole('tab', { name: '社区资助' }).click();
  await page.locator('.ant-table-row').filter({ hasText: '高龄独居' }).first().waitFor();
  await screenshot(page, `timebank-${kind}-06-grants`);
  await page
    .locator('.ant-list-item')
    .filter({ hasText: '陈婆婆' })
    .getByRole('button', { name: '代预约服务' })
    .click();
  await chooseOption(page, 'menuItemId', '上门助老');
  await page.getByRole('dialog').getByText('长者本人同意情况').waitFor();
  await screenshot(page, `timebank-${kind}-06b-elder-book`);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await page.getByRole('tab', { name: '服务预约' }).click();
  await page.locator('.ant-table-row').filter({ hasText: '居家照护' }).first().waitFor();
  await screenshot(page, `timebank-${kind}-07-bookings`);
  await page.getByRole('tab', { name: '账户与明细' }).click();
  await page.getByText('对账一致').waitFor();
  await page.locator('.ant-table-row').filter({ hasText: '个人账户' }).first().click();
  await page.getByText('导出 Excel').waitFor();
  await screenshot(page, `timebank-${kind}-08-accounts`);
});
await t.close();
console.log('timebank screenshots written to test-output/screenshots/timebank-*.png');
process.exit(0);
