import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { DESKTOP, launchBrowser, MOBILE, screenshot, SCREENSHOTS, useJourney } from './support.ts';
import { becomeVolunteer, resident } from './activities.steps.ts';
import { enrolStaff } from './volunteers.steps.ts';

/** An organization's own sheet of hours: Chinese headers, one row per volunteer and day. */
async function hoursFile(numbers: string[]): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['志愿者编号', '服务日期', '活动名称', '服务地点', '服务内容', '服务时长（小时）', '负责人']);
  numbers.forEach((no, i) =>
    ws.addRow([
      no,
      `2026-10-${String(10 + i).padStart(2, '0')}`,
      '社区长者探访',
      '南山区粤海街道',
      '入户探访',
      '2.5',
      '李队长',
    ]),
  );
  return {
    name: '台账.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer),
  };
}

// The hours-import journey: an organization admin uploads a paper roster's hours with the reason; they wait
// for a second person; the district admin opens the batch and approves it.
describe('hours import journey', { timeout: 600_000 }, () => {
  const run = useJourney('records');

  test('the system administrator enters next year’s holiday notice', async () => {
    const page = await (await launchBrowser(DESKTOP)).context.newPage();
    try {
      await page.goto(`${run.server.url}/login`);
      await enrolStaff(page, 'sysadmin');
      await page.getByRole('menuitem', { name: '节假日安排' }).click();
      await page.getByRole('tab', { name: '2027 年' }).click();
      await page.getByTestId('holiday-table').getByText(/暂定/).waitFor();
      await screenshot(page, 'r-10-holidays');
      await page.getByTestId('edit-holidays').click();
      const dialog = page.getByRole('dialog');
      await dialog
        .locator('#holiday-table_holidays')
        .fill('2027-01-01\n2027-02-05 ~ 2027-02-11\n2027-10-01 ~ 2027-10-07');
      await dialog.locator('#holiday-table_workdays').fill('2027-02-14\nnot a day');
      await dialog.getByText('第 2 行格式不正确').waitFor();
      await dialog.locator('#holiday-table_workdays').fill('2027-02-14');
      await dialog.getByTestId('holiday-count').filter({ hasText: '共 15 天放假、1 天调休上班' }).waitFor();
      await dialog.locator('#holiday-table_source').fill('测试用节假日安排（端到端测试）');
      await screenshot(page, 'r-11-holidays-edit');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page
        .locator('.ant-modal-confirm')
        .getByRole('button', { name: /保\s*存/ })
        .click();
      await page.getByText(/已保存/).waitFor();
      await page.getByTestId('holiday-table').getByText('已按通知录入').waitFor();
      await page.getByTestId('holiday-table').getByText('2027-02-05 ~ 2027-02-11').waitFor();
    } catch (e) {
      await page.screenshot({ path: `${SCREENSHOTS}/failure-r-holidays.png` }).catch(() => undefined);
      throw e;
    }
  });

  test('an organization imports a roster of hours; another admin approves the batch', async () => {
    const district = await (await launchBrowser(DESKTOP)).context.newPage();
    const org = await (await launchBrowser(DESKTOP)).context.newPage();
    const phone = await (await launchBrowser(MOBILE)).context.newPage();
    const pages: Page[] = [district, org, phone];
    try {
      // A resident registers and verifies, so the roster can name them.
      const r = resident('周补录', String(Date.now()).slice(-8), '19880412', '023');
      await becomeVolunteer(phone, run.server.url, r);
      const mine = await phone.evaluate(
        async () =>
          ((await (await fetch('/api/me/volunteer')).json()) as { volunteerNo: string }).volunteerNo,
      );

      await district.goto(`${run.server.url}/login`);
      await enrolStaff(district, 'ns.admin');
      const numbers = await district.evaluate(async () => {
        const r = await fetch('/api/volunteers?pageSize=5');
        return ((await r.json()) as { items: { volunteerNo: string }[] }).items.map((x) => x.volunteerNo);
      });
      // Someone else (a demo volunteer), and the resident.
      const roster = [numbers.find((n) => n !== mine)!, mine];
      assert.ok(roster[0]);

      await org.goto(`${run.server.url}/login`);
      await enrolStaff(org, 'org.admin');
      await org.goto(`${run.server.url}/imports`);
      await org.getByText('服务时长', { exact: true }).click();
      await org.getByText('请先填写补录原因，再上传文件').waitFor();
      await org.locator('#import-reason').fill('2026 年 10 月长者探访纸质台账补录');
      await screenshot(org, 'r-01-hours-import');
      await org.locator('.ant-upload input[type=file]').setInputFiles(await hoursFile(roster));
      await org
        .getByTestId('import-job')
        .getByTestId('import-status')
        .filter({ hasText: '已完成' })
        .waitFor();
      await org.getByText('等待另一位管理员审核').waitFor();
      await screenshot(org, 'r-02-hours-import-done');
      const jobId = new URL(org.url()).searchParams.get('job');
      assert.match(jobId ?? '', /^[0-9a-f-]{36}$/);
      const orgId = await org.evaluate(
        async (id) => ((await (await fetch(`/api/imports/${id}`)).json()) as { orgId: string }).orgId,
        jobId!,
      );

      await district.goto(`${run.server.url}/imports?org=${orgId}&kind=records&job=${jobId}`);
      await district.getByTestId('hours-decision').waitFor();
      await district.getByText('请审核这批服务时长').waitFor();
      await screenshot(district, 'r-03-hours-review');
      await district.getByTestId('hours-decision').getByRole('button', { name: '全部通过' }).click();
      await district.locator('.ant-popconfirm').getByRole('button', { name: '全部通过' }).click();
      await district.getByText('已通过 2 条，驳回 0 条').waitFor();
      await district.getByText('请审核这批服务时长').waitFor({ state: 'detached' });
      await district.setViewportSize(MOBILE);
      await screenshot(district, 'r-04-hours-approved-mobile');
      const view = await district.evaluate(
        async (id) => ((await (await fetch(`/api/imports/${id}`)).json()) as { records: unknown }).records,
        jobId!,
      );
      assert.deepEqual(view, { pending: 0, confirmed: 2, rejected: 0 });

      // The volunteer sees the approved hours on the record card and asks for a correction.
      await phone.goto(`${run.server.url}/m/records`);
      await phone.getByText('社区长者探访').first().waitFor();
      await phone.getByRole('button', { name: '申请更正' }).first().click();
      const dialog = phone.getByRole('dialog');
      await dialog.getByText('更正申请会交给记录的组织审核').waitFor();
      await dialog.getByRole('spinbutton').fill('180');
      await dialog.locator('textarea').fill('实际服务 3 小时，台账漏记半小时');
      await screenshot(phone, 'r-05-correction-mobile');
      await dialog.getByRole('button', { name: '提交' }).click();
      await phone.getByText('更正申请已提交，等待组织审核').waitFor();

      // The resident asks the federation for a certificate; the federation is then dissolved with no
      // successor and nothing above it, so the district issues the certificate itself.
      const asked = await phone.evaluate(async (orgId) => {
        const r = await fetch('/api/me/certificates', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ orgId, scope: 'all', purpose: '学校综合素质评价' }),
        });
        return r.status;
      }, orgId);
      assert.equal(asked, 200);
      const dissolved = await district.evaluate(async (id) => {
        const r = await fetch(`/api/organizations/${id}/dissolve`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ reason: '机构改革，职能并入区文明实践中心' }),
        });
        return r.status;
      }, orgId);
      assert.equal(dissolved, 200);
      await district.setViewportSize(DESKTOP);
      await district.goto(`${run.server.url}/certificates`);
      await district.getByTestId('certificate-queue').getByText('本区域代为出具').click();
      await district.getByTestId('original-unit').first().waitFor();
      await screenshot(district, 'r-06-region-queue');
      await district.getByTestId('issue-certificate').first().click();
      const issue = district.getByRole('dialog');
      await issue.getByLabel('负责人').fill('李明');
      await screenshot(district, 'r-07-region-issue');
      await issue.getByRole('button', { name: /出\s*具/ }).click();
      await district
        .getByText(/已出具/)
        .first()
        .waitFor();
      const number = await district.evaluate(async () => {
        const r = await fetch('/api/certificates/region-queue?status=issued');
        return ((await r.json()) as { items: { number: string }[] }).items[0]!.number;
      });
      await phone.goto(`${run.server.url}/verify/${number}`);
      await phone.getByTestId('verify-result').getByText('原记录单位').waitFor();
      await screenshot(phone, 'r-08-verify-dissolved-mobile');

      // Asking again, the resident is told that the unit was dissolved and who issues now.
      await phone.goto(`${run.server.url}/m/certificates`);
      await phone.getByTestId('certificate-request').locator('.ant-select').first().click();
      await phone.locator('.ant-select-item-option').filter({ hasText: '已注销' }).click();
      await phone.getByTestId('issued-by').filter({ hasText: '所在区域的志愿服务主管部门' }).waitFor();
      await screenshot(phone, 'r-09-request-dissolved-mobile');
    } catch (e) {
      for (const [i, p] of pages.entries())
        await p.screenshot({ path: `${SCREENSHOTS}/failure-r-${i}.png` }).catch(() => undefined);
      throw e;
    }
  });
});
