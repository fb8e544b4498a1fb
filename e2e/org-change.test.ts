import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, launchBrowser, screenshot, SCREENSHOTS, useJourney } from './support.ts';
import { enrolStaff, signInStaff, signOutConsole } from './volunteers.steps.ts';

// Change registration (变更登记, issue 17): the unit's admin corrects a registered fact (its person in charge),
// which waits for the district admin's review with before and after side by side; once approved it applies
// and the unit sees the outcome. Contacts stay directly editable; the person in charge is not among them.
describe('change registration journey', { timeout: 600_000 }, () => {
  const run = useJourney('org-change');

  test('org admin asks, district admin approves from the review queue, the change applies', async () => {
    const desk = await launchBrowser(DESKTOP);
    const admin = await desk.context.newPage();
    const newName = `钱新${String(Date.now()).slice(-3)}`;
    try {
      await admin.goto(run.server.url + '/login');
      const orgAdmin = await enrolStaff(admin, 'org.admin');
      const me = (await (await admin.request.get(`${run.server.url}/api/me`)).json()) as {
        roles: { role: string; scopeId: string }[];
      };
      const orgId = me.roles.find((r) => r.role === 'org_admin')!.scopeId;
      await admin.goto(`${run.server.url}/organizations/${orgId}`);
      const section = admin.getByTestId('org-change');
      await section.waitFor();
      // The person in charge is no contact: its field in 负责人与联系方式 is locked, with the way to change it.
      assert.equal(await admin.locator('#unit-contacts_personInCharge').isDisabled(), true);
      await admin.getByText('负责人属于登记事项，请通过下方“变更登记”修改，经审核后生效').waitFor();
      const oldName = await admin.locator('#org-change_personInCharge').inputValue();
      assert.ok(oldName, 'the current person in charge is prefilled');
      await admin.locator('#org-change_personInCharge').fill(newName);
      await admin.locator('#org-change_note').fill('换届选举产生新负责人');
      await section.scrollIntoViewIfNeeded();
      await screenshot(admin, 'o-01-change-form');
      await admin.getByTestId('submit-change').click();
      await admin.getByText('已提交变更登记，请等待审核').waitFor();
      await section.getByTestId('change-status').filter({ hasText: '待审核' }).waitFor();
      await section.getByText('有一项变更登记正在审核').waitFor();
      await screenshot(admin, 'o-02-change-pending');
      await signOutConsole(admin);

      // The district admin sees it in the review queue, before → after, and approves it.
      const district = await enrolStaff(admin, 'ns.admin');
      await admin.getByRole('menuitem', { name: '组织审核' }).click();
      await admin.waitForURL(/\/org-review/);
      const row = admin.getByTestId('change-queue').locator('.ant-table-row').filter({ hasText: newName });
      await row.waitFor();
      assert.match(
        (await row.getByTestId('change-diff').textContent()) ?? '',
        new RegExp(`${oldName}.*→.*${newName}`),
      );
      await row.scrollIntoViewIfNeeded();
      await screenshot(admin, 'o-03-change-queue');
      await row.getByTestId('approve-change').click();
      await admin
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /通\s*过/ })
        .click();
      await admin.getByText('已通过，变更已生效').waitFor();
      await row.waitFor({ state: 'detached' });
      void district;
      await signOutConsole(admin);

      // The unit sees the outcome and its new person in charge; the previous one stays on record.
      await signInStaff(admin, orgAdmin);
      await admin.goto(`${run.server.url}/organizations/${orgId}`);
      await admin
        .getByTestId('org-change')
        .getByTestId('change-status')
        .filter({ hasText: '已通过' })
        .waitFor();
      assert.equal(await admin.locator('#org-change_personInCharge').inputValue(), newName);
      await admin.getByTestId('change-history').scrollIntoViewIfNeeded();
      await screenshot(admin, 'o-04-change-approved');
    } catch (e) {
      await admin.screenshot({ path: `${SCREENSHOTS}/failure-o-change.png` }).catch(() => undefined);
      throw e;
    } finally {
      await desk.close();
    }
  });
});
