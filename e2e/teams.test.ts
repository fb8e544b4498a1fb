import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, launchBrowser, MOBILE, screenshot, settle, useJourney } from './support.ts';
import { idCheckChar } from '@yiqi/shared/identity/documents';
import { enrolStaff, registerResident } from './volunteers.steps.ts';

// Issue 17: a resident finds a team without a link (找组织) and applies, sees their hours on 我的, and a
// district admin sees a volunteer's teams and hours in the volunteer panel.
describe('teams and hours', { timeout: 300_000 }, () => {
  const run = useJourney('teams');

  test('找组织: browse teams signed out, filter, and apply after signing in', async () => {
    const phone = await launchBrowser(MOBILE);
    const page = await phone.context.newPage();
    await page.goto(run.server.url + '/m/organizations');
    await page.getByRole('heading', { name: '找组织' }).waitFor();
    await page.getByTestId('directory-team').first().waitFor();
    const before = await page.getByTestId('directory-team').count();
    assert.ok(before > 0, 'the demo teams are listed');
    await screenshot(page, 't-01-directory-mobile');

    // The typed name filters the list but stays out of the address bar.
    await page.getByLabel('组织名称').fill('南山区志愿者联合会');
    await page.getByLabel('组织名称').press('Enter');
    await page.getByText('共 1 个组织').waitFor();
    assert.ok(!decodeURIComponent(page.url()).includes('南山区志愿者联合会'));
    await page.getByRole('button', { name: '申请加入' }).first().click();
    // Applying needs an account: the sign-in page, where a resident registers.
    await page.getByTestId('register-link').click();
    await page.waitForURL(/\/m\/register/);
    const first17 = '44030519880202123';
    await registerResident(
      page,
      {
        phone: `138${String(Date.now()).slice(-8)}`,
        name: '陈找队',
        docNumber: first17 + idCheckChar(first17),
        password: 'Volunteer-2026',
      },
      async () => {},
    );
    // Registration keeps where they were going: back on the team's join page, now as a volunteer.
    await page.waitForURL((u) => u.pathname.startsWith('/m/join/'));
    await page.getByText('南山区志愿者联合会').first().waitFor();
    await screenshot(page, 't-02-join-from-directory-mobile');
    await page.getByTestId('apply-join').click();
    await page.getByTestId('view-teams').waitFor();

    // 我的 shows the hours, with a way to the records.
    await page.goto(run.server.url + '/m/profile');
    await page.getByTestId('totals').waitFor();
    await page.getByRole('link', { name: /查看我的服务记录/ }).waitFor();
    await settle(page);
    await screenshot(page, 't-03-profile-hours-mobile');
  });

  test('the volunteer panel shows teams and hours', async () => {
    const desk = await launchBrowser(DESKTOP);
    const page = await desk.context.newPage();
    await page.goto(run.server.url + '/login');
    await enrolStaff(page, 'ns.admin');
    await page.goto(run.server.url + '/volunteers');
    await page.locator('.ant-table-row').first().waitFor();
    await page.locator('.ant-table-row').first().locator('button').first().click();
    const panel = page.getByTestId('volunteer-service');
    await panel.waitFor();
    await panel.getByText('所在团队').waitFor();
    await panel.getByText('累计时长（小时）').waitFor();
    await settle(page);
    await screenshot(page, 't-04-volunteer-panel-desktop');
  });
});
