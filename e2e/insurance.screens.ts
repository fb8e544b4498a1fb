// Screenshots of the insurance pages at phone and desktop size, on data made through the API:
// `npm run build -w web && npx tsx e2e/insurance.screens.ts`. Pictures: test-output/screenshots/insurance-*.png.
import { screenshot } from './support.ts';
import { atBothSizes, useSession } from './test-app-pages.ts';
import { createUser, signIn, startTestApp } from '../server/src/test/harness.ts';
import {
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  NANSHAN,
  signUp,
} from '../server/src/modules/activities/activities.testkit.ts';
import { luhnDigit } from '../server/src/modules/volunteers/volunteer-number.ts';
import { policyBody } from '../server/src/modules/insurance/insurance.testkit.ts';

const t = await startTestApp();
const admin = await signIn(t, await createUser(t, 'ins.screens', { role: 'region_admin', region: NANSHAN }));
const must = async (p: Promise<{ statusCode: number; body: string }>) => {
  const r = await p;
  if (r.statusCode !== 200) throw new Error(r.body);
  return r;
};
await must(
  api(
    t,
    admin,
    'POST',
    '/api/insurance/policies',
    policyBody(NANSHAN, {
      insurer: '中国人民财产保险股份有限公司深圳市分公司',
      policyNo: 'PEAC2026440305000018',
    }),
  ),
);
const org = await createOrganizer(t);
const { activityId, shiftId } = await createActivity(t, org, {
  body: { title: '深圳湾海岸线净滩行动', physicalRisk: false },
});
await must(
  api(
    t,
    admin,
    'POST',
    '/api/insurance/policies',
    policyBody(NANSHAN, {
      kind: 'activity',
      activityId,
      insurer: '中国平安财产保险股份有限公司',
      policyNo: 'PA-HD-2026-11-0042',
      limits: '意外身故/伤残 50 万元；意外医疗 5 万元',
      validFrom: '2026-11-20',
      validTo: '2026-11-30',
    }),
  ),
);
const v = await createVolunteer(t);
await must(signUp(t, v, shiftId));
// Registered at the start of the year (the test clock stands in November), so the group policy covers too.
await t.handle.db
  .updateTable('volunteers')
  .set({ created_at: '2026-01-05T00:00:00Z' })
  .where('id', '=', v.id)
  .execute();
// A well-formed volunteer number (the console's search takes only those as numbers).
const volunteerNo = `4403050000001${luhnDigit('4403050000001')}`;
await t.handle.db
  .updateTable('volunteers')
  .set({ volunteer_no: volunteerNo })
  .where('id', '=', v.id)
  .execute();

const origin = await t.app.listen({ port: 0, host: '127.0.0.1' });

await atBothSizes(origin, async (kind, page, browser) => {
  await useSession(browser, origin, v.cookie);
  await page.goto(`${origin}/m/insurance`);
  await page.getByText('PA-HD-2026-11-0042').waitFor();
  await screenshot(page, `insurance-${kind}-01-mine`);
  await useSession(browser, origin, admin);
  await page.goto(`${origin}/insurance`);
  await page.locator('.ant-table-row').filter({ hasText: 'PEAC2026440305000018' }).waitFor();
  await screenshot(page, `insurance-${kind}-02-policies`);
  const lookup = page.getByTestId('coverage-lookup');
  await lookup.getByLabel('志愿者编号').fill(volunteerNo);
  const when = new Date(t.clock.now().getTime() + 50 * 3_600_000 + 8 * 3_600_000)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
  await lookup.getByLabel('出险时间').fill(when);
  await lookup.getByLabel('出险时间').press('Enter');
  await lookup.getByRole('button', { name: /查\s*询/ }).click();
  await page
    .getByTestId('coverage-result')
    .waitFor({ timeout: 20_000 })
    .catch(async (e: unknown) => {
      await screenshot(page, `insurance-${kind}-debug`);
      throw e;
    });
  await page.getByTestId('coverage-result').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, `insurance-${kind}-03-lookup`);
  await page.getByRole('button', { name: '登记保单' }).click();
  await page.getByRole('dialog').waitFor();
  await screenshot(page, `insurance-${kind}-04-new`);
});
await t.close();
console.log('insurance screenshots written to test-output/screenshots/insurance-*.png');
process.exit(0);
