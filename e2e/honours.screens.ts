// Screenshots of the console's honours rounds with a ten best teams round (十佳志愿服务组织), at phone and
// desktop size, on data made through the API of a server test app:
// `npx tsx scripts/test-template.ts pglite /tmp/tpl.tar && YIQI_TEST_PGLITE_TEMPLATE=/tmp/tpl.tar
// npx tsx e2e/honours.screens.ts` (after `npm run build -w web`). Pictures: test-output/screenshots/honours-*.png.
import { screenshot } from './support.ts';
import { atBothSizes, useSession } from './test-app-pages.ts';
import { chooseOption } from './volunteers.steps.ts';
import { createUser, signIn, startTestApp } from '../server/src/test/harness.ts';
import { insertOrganization } from '../server/src/modules/memberships/memberships.testkit.ts';
import { api } from '../server/src/modules/activities/activities.testkit.ts';

const NANSHAN = '440305000000';
const t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
const region = await signIn(t, await createUser(t, 'shot.region', { role: 'region_admin', region: NANSHAN }));
const federation = await insertOrganization(t, '南山区志愿者联合会', NANSHAN);
const orgAdmin = await signIn(t, await createUser(t, 'shot.org', { role: 'org_admin', orgId: federation }));
const teams = [
  await insertOrganization(t, '南头街道长者关爱志愿队', NANSHAN, { parentId: federation }),
  await insertOrganization(t, '蛇口社区环保志愿服务队', NANSHAN, { parentId: federation }),
  await insertOrganization(t, '深圳湾公园文明劝导队', NANSHAN),
];
const round = await api(t, region, 'POST', '/api/honours/rounds', {
  region: NANSHAN,
  year: 2026,
  kind: 'ten_best_teams',
  title: '2026 年度南山区十佳志愿服务组织',
  quota: 10,
});
const ids: string[] = [];
for (const [i, team] of teams.entries()) {
  const r = await api(t, orgAdmin, 'POST', `/api/honours/rounds/${round.json().id}/nominations`, {
    orgId: federation,
    nomineeOrgId: team,
    reason: ['十年如一日服务辖区独居长者，累计服务 2 万小时', '坚持每周净滩护海', '节假日文明劝导'][i]!,
  });
  ids.push(r.json().id);
}
await api(t, region, 'POST', `/api/honours/nominations/${ids[0]}/decide`, {
  approve: true,
  reason: '成效显著',
});
await api(t, region, 'POST', `/api/honours/rounds`, {
  region: NANSHAN,
  year: 2026,
  kind: 'hundred_best_volunteers',
  title: '2026 年度南山区百优志愿者',
  quota: 100,
});

const origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
await atBothSizes(origin, async (kind, page, browser) => {
  await useSession(browser, origin, region);
  await page.goto(`${origin}/honours`);
  await page.getByText('十佳志愿服务组织', { exact: true }).first().waitFor();
  await screenshot(page, `honours-${kind}-01-rounds`);
  await page.getByText('2026 年度南山区十佳志愿服务组织').click();
  await page.getByRole('dialog').getByText('深圳湾公园文明劝导队').waitFor();
  await screenshot(page, `honours-${kind}-02-nominations`);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: '发起评选' }).click();
  await chooseOption(page, 'kind', '十佳志愿服务组织');
  await page.getByRole('dialog').getByText('最多评出 10 个').waitFor();
  await screenshot(page, `honours-${kind}-03-new-ten-best-teams`);
});
await t.close();
console.log('honours screenshots written to test-output/screenshots/honours-*.png');
process.exit(0);
