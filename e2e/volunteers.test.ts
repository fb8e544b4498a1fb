import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { idCheckChar } from '@yiqi/shared/identity/documents';
import { DESKTOP, launchBrowser, MOBILE, screenshot, SCREENSHOTS, signIn, useJourney } from './support.ts';
import {
  chooseOption,
  enrolStaff,
  pickRegion,
  registerResident,
  signInStaff,
  signOutConsole,
  type Resident,
  type Staff,
} from './volunteers.steps.ts';
import {
  badVolunteerFile,
  both,
  memberFile,
  passportVolunteer,
  pendingRegistration,
} from './volunteers.tour.ts';

/** What the journey leaves behind for the tour of the remaining pages. */
interface Journey {
  resident: Resident;
  orgId: string;
  orgName: string;
  orgAdmin: Staff;
  districtAdmin: Staff;
}

// The volunteer journey of the issue: a resident registers and verifies, an organization admin registers a
// team, the district admin approves it, the resident applies by the join link and the team admin accepts.
describe('volunteer journeys', { timeout: 420_000 }, () => {
  const run = useJourney('volunteers');
  let journey: Journey | undefined;

  test('a resident registers, joins a new team and is accepted', async () => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    const first17 = '44030519900101123';
    const resident: Resident = {
      phone,
      name: '王小红',
      docNumber: first17 + idCheckChar(first17),
      password: 'Volunteer-2026',
    };
    const suffix = String(Date.now()).slice(-4);
    const orgName = `蛇口海滨守护队${suffix}`;

    const phoneBrowser = await launchBrowser(MOBILE);
    const desk = await launchBrowser(DESKTOP);
    const v = await phoneBrowser.context.newPage();
    const admin = await desk.context.newPage();
    const shot = (page: Page) => (name: string) => screenshot(page, name);
    try {
      // 1. The resident finds registration on the sign-in page.
      await v.goto(run.server.url + '/login');
      await v.getByTestId('register-link').waitFor();
      await screenshot(v, 'v-01-login-mobile');
      await v.getByTestId('register-link').click();
      await v.waitForURL(/\/m\/register/);
      await registerResident(v, resident, shot(v));

      // Signed in on the way: the profile, masked, not yet allowed to sign up.
      await v.waitForURL(/\/m\/profile$/);
      await v.getByTestId('profile-name').filter({ hasText: resident.name }).waitFor();
      const volunteerNo = ((await v.getByTestId('volunteer-no').textContent()) ?? '').trim();
      assert.match(volunteerNo, /^\d{14}$/);
      await v.getByTestId('cannot-sign-up').waitFor();
      assert.ok(await v.getByText('440305********123X').isVisible(), 'the document number is masked');
      await screenshot(v, 'v-05-profile-mobile');

      // 2. Online check of the mainland ID card (under the header's "more" menu).
      // A click while the dropdown is still opening can choose nothing (seen on a loaded machine): close
      // the menu and choose again until the page changes.
      for (let attempt = 1; ; attempt++) {
        await v.getByTestId('mobile-more').click();
        await v.getByTestId('tab-verify').click();
        const opened = await v
          .getByTestId('verify-online')
          .waitFor({ timeout: 5000 })
          .then(() => true)
          .catch(() => false);
        if (opened) break;
        if (attempt === 3) throw new Error('the 实名认证 menu item did not open the page');
        await v.keyboard.press('Escape');
      }
      await screenshot(v, 'v-06-verify-mobile');
      await v.getByTestId('verify-online').click();
      await v.getByTestId('verification-status').filter({ hasText: '已认证' }).waitFor();
      await screenshot(v, 'v-07-verified-mobile');
      await v.getByTestId('tab-profile').click();
      await v.getByTestId('can-sign-up').waitFor();

      // 3. org.admin registers an unregistered team with its host unit in 南山区.
      await admin.goto(run.server.url + '/login');
      const orgAdmin = await enrolStaff(admin, 'org.admin');
      await admin.getByRole('menuitem', { name: '组织登记' }).click();
      await admin.waitForURL(/\/my-organizations$/);
      await admin.getByTestId('new-org').click();
      await admin.waitForURL(/\/my-organizations\/new$/);
      await admin.locator('#name').fill(orgName);
      await admin.locator('#hostUnit').fill('蛇口街道社区服务中心');
      // A sub-team of the federation org.admin runs, so the federation's tree shows it.
      await chooseOption(admin, 'parentId', '南山区志愿者联合会');
      await pickRegion(admin, 'regionCode', ['深圳市', '南山区']);
      await admin.locator('#address').fill('深圳市南山区望海路 1 号');
      await admin.locator('#personInCharge').fill('赵磊');
      await admin.locator('#contactName').fill('赵磊');
      await admin.locator('#contactPhone').fill('13800138000');
      await chooseOption(admin, 'categories', '生态环保', true);
      await admin.keyboard.press('Escape');
      await screenshot(admin, 'v-08-org-register');
      await admin.getByTestId('org-submit').click();
      await admin.waitForURL(/\/my-organizations$/);
      const row = admin.locator('.ant-table-row').filter({ hasText: orgName });
      await row.getByTestId('org-status').filter({ hasText: '待审核' }).waitFor();
      const orgId = (await row.getAttribute('data-row-key')) ?? '';
      assert.match(orgId, /^[0-9a-f-]{36}$/);
      await screenshot(admin, 'v-09-my-orgs-pending');
      await signOutConsole(admin);

      // 4. The district admin approves it from the review queue.
      const districtAdmin = await enrolStaff(admin, 'ns.admin');
      await admin.getByRole('menuitem', { name: '组织审核' }).click();
      await admin.waitForURL(/\/org-review/);
      const pending = admin.locator('.ant-table-row').filter({ hasText: orgName });
      await pending.waitFor();
      await screenshot(admin, 'v-10-review-queue');
      await pending.getByTestId('approve-org').click();
      await admin
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /通\s*过/ })
        .click();
      await admin.getByText('已通过').first().waitFor();
      await pending.waitFor({ state: 'detached' });
      await signOutConsole(admin);

      // 5. The resident opens the team's join link and applies.
      await v.goto(`${run.server.url}/m/join/${orgId}?name=${encodeURIComponent(orgName)}`);
      await v.getByTestId('join-org-name').filter({ hasText: orgName }).waitFor();
      await screenshot(v, 'v-11-join-mobile');
      await v.getByTestId('apply-join').click();
      await v.getByTestId('view-teams').click();
      await v.waitForURL(/\/m\/teams/);
      const card = v.getByTestId('membership-card').filter({ hasText: orgName });
      await card.getByTestId('membership-status').filter({ hasText: '待审核' }).waitFor();
      await screenshot(v, 'v-12-teams-applied-mobile');

      // 6. org.admin signs in again (approval made them the team's admin) and accepts the application.
      await signInStaff(admin, orgAdmin);
      await admin.goto(`${run.server.url}/members?org=${orgId}`);
      const applicant = admin.locator('.ant-table-row').filter({ hasText: volunteerNo });
      await applicant.waitFor();
      await screenshot(admin, 'v-13-members-applied');
      await applicant.getByTestId('approve-member').click();
      await applicant.getByTestId('membership-status').filter({ hasText: '在队' }).waitFor();
      await screenshot(admin, 'v-14-members-active');

      // 7. The resident's team is active.
      await v.reload();
      await card.getByTestId('membership-status').filter({ hasText: '在队' }).waitFor();
      assert.match((await card.textContent()) ?? '', /队员/);
      await screenshot(v, 'v-15-teams-active-mobile');
      journey = { resident, orgId, orgName, orgAdmin, districtAdmin };
    } catch (e) {
      await v.screenshot({ path: `${SCREENSHOTS}/failure-v-volunteer.png` }).catch(() => undefined);
      await admin.screenshot({ path: `${SCREENSHOTS}/failure-v-admin.png` }).catch(() => undefined);
      throw e;
    } finally {
      await phoneBrowser.close();
      await desk.close();
    }
  });
  test('every new page, at desktop and phone size', async (t) => {
    if (!journey) return t.skip('the journey failed: nothing to tour');
    const j = journey;
    const b = await launchBrowser(DESKTOP);
    const page = await b.context.newPage();
    // Warnings of React and Ant Design (deprecated props …) are reported; uncaught errors fail the tour.
    const warnings = new Set<string>();
    const crashes: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' || (m.type() === 'error' && !/Failed to load resource/.test(m.text())))
        warnings.add(m.text().slice(0, 300));
    });
    page.on('pageerror', (e) => crashes.push(e.message));
    try {
      const passportPhone = await passportVolunteer(run.server.url, b.context);
      const pendingOrg = await pendingRegistration(run.server.url, j.resident.phone, j.resident.password);

      // Registration of a child: the guardian block, and the rule for under-14s.
      await page.goto(run.server.url + '/m/register');
      await page.locator('#phone').fill('13700000001');
      await page.locator('#password').fill('Volunteer-2026');
      await page.locator('#confirm').fill('Volunteer-2026');
      await page.getByTestId('register-next').click();
      const child17 = '44030520150601123';
      await page.locator('#name').fill('王小明');
      await page.locator('#docNumber').fill(child17 + idCheckChar(child17));
      await page.getByTestId('minor-alert').filter({ hasText: '未满 14 周岁' }).waitFor();
      await page.locator('#guardian_name').scrollIntoViewIfNeeded();
      await both(page, 'v-20-register-minor');

      // The resident's own pages.
      await page.goto(run.server.url + '/login');
      await signIn(page, j.resident.phone, j.resident.password);
      await page.waitForURL(/\/m\/profile$/);
      await page.getByTestId('can-sign-up').waitFor();
      await both(page, 'v-21-profile');
      await page.getByTestId('edit-profile').click();
      await page.waitForURL(/\/m\/profile\/edit$/);
      await chooseOption(page, 'categories', '社区服务', true);
      await chooseOption(page, 'categories', '应急救援', true);
      await page.keyboard.press('Escape');
      await page.locator('#skills').fill('急救');
      await page.locator('#skills').press('Enter');
      await page.getByRole('button', { name: '添加时间段' }).click();
      // No free-text qualifications any more (decision 0069): the profile lists records with evidence.
      assert.equal(await page.locator('#qualifications_0_name').count(), 0);
      await page.locator('#contact_name').fill('王大明');
      await page.locator('#contact_phone').fill('13600000000');
      await page.evaluate(() => window.scrollTo(0, 0));
      await both(page, 'v-22-profile-edit');
      await page.getByTestId('save-profile').click();
      await page.waitForURL(/\/m\/profile$/);
      await page.getByTestId('profile-qualifications').getByText('还没有资质记录').waitFor();
      await page.getByTestId('add-qualification').waitFor();
      await both(page, 'v-23-profile-filled');
      await page.goto(run.server.url + '/m/verify');
      await page.getByTestId('verification-status').waitFor();
      await both(page, 'v-24-verify-done');
      await page.goto(run.server.url + '/m/teams');
      await page.getByTestId('membership-card').first().waitFor();
      await both(page, 'v-25-teams');
      await page.goto(run.server.url + '/m/account');
      await page.getByTestId('close-account').waitFor();
      await both(page, 'v-26-account');
      const [json] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出 JSON' }).click(),
      ]);
      assert.match(json.suggestedFilename(), /\.json$/);
      await page.getByTestId('close-account').click();
      await page.locator('#close-password').fill(j.resident.password);
      await page.getByRole('checkbox', { name: /我已了解以上后果/ }).check();
      await page.getByTestId('close-submit').click();
      await page.locator('.ant-popconfirm').waitFor();
      await both(page, 'v-27-close-account');
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /取\s*消/ })
        .click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /取\s*消/ })
        .click();
      await page.getByTestId('m-sign-out').click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /退\s*出/ })
        .click();
      await page.waitForURL(/\/login/);

      // The passport holder waits for manual review.
      await signIn(page, passportPhone, 'Volunteer-2026');
      await page.waitForURL(/\/m\/profile$/);
      await page.goto(run.server.url + '/m/verify');
      await page.getByTestId('verification-status').filter({ hasText: '审核中' }).waitFor();
      await both(page, 'v-28-verify-pending');
      await page.goto(run.server.url + '/m/join/00000000-0000-4000-8000-000000000000');
      await page.getByTestId('apply-join').click();
      await page.getByRole('alert').waitFor();
      await both(page, 'v-29-join-error');
      await page.goto(run.server.url + '/m/account');
      await page.getByTestId('m-sign-out').click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /退\s*出/ })
        .click();
      await page.waitForURL(/\/login/);

      // The district admin's pages.
      await signInStaff(page, j.districtAdmin);
      await page.goto(run.server.url + '/organizations');
      await page.locator('.ant-table-row').first().waitFor();
      await both(page, 'v-30-org-list');
      await page
        .locator('.ant-table-row')
        .filter({ hasText: '南山区志愿者联合会' })
        .getByRole('link')
        .click();
      await page.getByTestId('org-name').filter({ hasText: '南山区志愿者联合会' }).waitFor();
      await both(page, 'v-31-org-detail');
      await page.getByRole('tab', { name: '组织架构' }).click();
      await page.getByTestId('org-tree').getByText(j.orgName).waitFor();
      await both(page, 'v-32-org-tree');
      await page.getByTestId('org-tree').getByText(j.orgName).click();
      await page.getByTestId('org-name').filter({ hasText: j.orgName }).waitFor();
      await page.getByRole('tab', { name: '成员' }).click();
      await page.locator('.ant-table-row').filter({ hasText: j.resident.name }).waitFor();
      await both(page, 'v-33-org-members');

      await page.goto(run.server.url + '/org-review');
      await page.locator('.ant-table-row').filter({ hasText: pendingOrg }).waitFor();
      await both(page, 'v-34-review-queue');
      await page.getByRole('button', { name: pendingOrg }).click();
      await page.locator('.ant-drawer').getByText('统一社会信用代码').waitFor();
      await both(page, 'v-35-review-drawer');
      await page
        .locator('.ant-drawer')
        .getByRole('button', { name: /驳\s*回/ })
        .click();
      await page.locator('#reason-form_reason').fill('请补充登记证书编号，并核对负责人信息');
      await both(page, 'v-36-review-reject');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /驳\s*回/ })
        .last()
        .click();
      await page.getByText('已驳回').first().waitFor();

      await page.goto(`${run.server.url}/members?org=${j.orgId}`);
      await page.locator('.ant-table-row').first().waitFor();
      await page.getByRole('button', { name: '邀请成员' }).click();
      await page.locator('#volunteerNo').fill('44030500000000');
      await page.getByRole('dialog').getByRole('button', { name: '发送邀请' }).click();
      await page.getByRole('dialog').locator('.ant-form-item-explain-error').waitFor();
      await both(page, 'v-37-members-invite');
      await page.keyboard.press('Escape');

      await page.goto(run.server.url + '/volunteers');
      await page.locator('.ant-table-row').first().waitFor();
      await both(page, 'v-38-volunteers');
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出 Excel' }).click(),
      ]);
      assert.equal(xlsx.suggestedFilename(), 'volunteers.xlsx');
      await page.getByTestId('volunteer-search').locator('input').fill(j.resident.name);
      await page.getByTestId('volunteer-search').locator('input').press('Enter');
      await page.locator('.ant-table-row').filter({ hasText: j.resident.name }).first().click();
      await page.getByTestId('reveal-docNumber').click();
      await page.locator('#reason-form_reason').fill('核对活动保险投保信息');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /查\s*看/ })
        .last()
        .click();
      await page.getByTestId('revealed-docNumber').filter({ hasText: j.resident.docNumber }).waitFor();
      await both(page, 'v-39-volunteer-drawer');
      await page.keyboard.press('Escape');

      await page.goto(run.server.url + '/verification');
      await page.getByTestId('queue-card').first().waitFor();
      await both(page, 'v-40-verification-queue');
      await page.getByTestId('open-document').first().click();
      await page.getByTestId('document-image').waitFor();
      await both(page, 'v-41-verification-document');
      await page.keyboard.press('Escape');
      await page.getByTestId('approve-verification').first().click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /通\s*过/ })
        .click();
      await page.getByText('已通过实名认证').waitFor();

      await page.goto(`${run.server.url}/imports?org=${j.orgId}`);
      await page.getByTestId('download-template').waitFor();
      await both(page, 'v-42-imports');
      await page.locator('.ant-upload input[type=file]').setInputFiles(await badVolunteerFile());
      await page
        .getByTestId('import-job')
        .getByTestId('import-status')
        .filter({ hasText: '有错误' })
        .waitFor();
      await page.getByTestId('import-errors').locator('.ant-table-row').first().waitFor();
      await both(page, 'v-43-import-errors');
      await page.getByRole('button', { name: '上传另一个文件' }).click();
      await page.getByText('团队成员', { exact: true }).click();
      const numbers = await page.evaluate(async () => {
        // The resident (already a member: skipped) and two demo volunteers; not the passport holder.
        const r = await fetch('/api/volunteers?pageSize=5');
        const body = (await r.json()) as { items: { volunteerNo: string; name: string }[] };
        return body.items
          .filter((x) => x.name !== '李梅')
          .slice(0, 3)
          .map((x) => x.volunteerNo);
      });
      await page.locator('.ant-upload input[type=file]').setInputFiles(await memberFile(numbers));
      await page
        .getByTestId('import-job')
        .getByTestId('import-status')
        .filter({ hasText: '已完成' })
        .waitFor();
      await both(page, 'v-44-import-done');

      await page.goto(run.server.url + '/my-organizations/new');
      await chooseOption(page, 'orgType', '社会团体');
      await page.locator('#uscc').fill('51440305MJ0000002');
      await page.locator('#uscc').press('Tab');
      await page.getByText('已输入 17/18 位').waitFor();
      await both(page, 'v-45-org-register');
      await page.goto(run.server.url + '/my-organizations');
      await page.locator('.ant-table').waitFor();
      await both(page, 'v-46-my-orgs-empty');

      // The team invites the passport holder, who accepts and later closes the account.
      const passportNo = await page.evaluate(async () => {
        const r = await fetch(`/api/volunteers?q=${encodeURIComponent('李梅')}`);
        return ((await r.json()) as { items: { volunteerNo: string }[] }).items[0]!.volunteerNo;
      });
      await page.goto(`${run.server.url}/members?org=${j.orgId}`);
      await page.getByRole('button', { name: '邀请成员' }).click();
      await page.locator('#volunteerNo').fill(passportNo);
      await page.getByRole('dialog').getByRole('button', { name: '发送邀请' }).click();
      const invitedRow = page.locator('.ant-table-row').filter({ hasText: passportNo });
      await invitedRow.getByTestId('membership-status').filter({ hasText: '已邀请' }).waitFor();
      await signOutConsole(page);
      await signIn(page, passportPhone, 'Volunteer-2026');
      await page.waitForURL(/\/m\/profile$/);
      await page.goto(run.server.url + '/m/teams');
      const invitation = page.getByTestId('membership-card').filter({ hasText: j.orgName });
      await invitation.getByTestId('membership-status').filter({ hasText: '已邀请' }).waitFor();
      await both(page, 'v-47-invitation');
      await invitation.getByRole('button', { name: '接受邀请' }).click();
      await invitation.getByTestId('membership-status').filter({ hasText: '在队' }).waitFor();
      await page.goto(run.server.url + '/m/account');
      await page.getByTestId('close-account').click();
      await page.locator('#close-password').fill('Volunteer-2026');
      await page.getByRole('checkbox', { name: /我已了解以上后果/ }).check();
      await page.getByTestId('close-submit').click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '永久注销' }).click();
      await page.waitForURL(/\/login$/);
      await signIn(page, passportPhone, 'Volunteer-2026');
      await page.getByTestId('login-error').waitFor();
      for (const w of warnings) t.diagnostic(`browser console: ${w}`);
      assert.deepEqual(crashes, [], 'no uncaught errors in the pages');
    } catch (e) {
      await page.screenshot({ path: `${SCREENSHOTS}/failure-v-tour.png` }).catch(() => undefined);
      throw e;
    } finally {
      await b.close();
    }
  });
});
