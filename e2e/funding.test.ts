import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, MOBILE, screenshot, signIn, useJourney } from './support.ts';
import { chooseOption, enrolStaff, signInStaff, type Staff } from './volunteers.steps.ts';

const ROUND = '南山区 2026 年益苗计划';
const FOUNDATION_ROUND = '南山区志愿服务基金会 2026 年社区微项目';

/** A screenshot at desktop size, then the same page at phone size. */
async function both(page: Page, name: string) {
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(MOBILE);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
}

const button = (page: Page | Locator, text: string) =>
  page.getByRole('button', { name: new RegExp(text.split('').join('\\s*')) });

// Issue 16: 益苗计划 — the district opens a round, an organization applies, first review, a reviewer
// declares no conflict and scores, the district awards within the budget.
describe('funding rounds', { timeout: 900_000 }, () => {
  const run = useJourney('fund', { desk: true, phone: true });
  /** org.admin, enrolled once (a second enrolment is not offered: later sign-ins give a code). */
  let orgStaff: Staff | undefined;

  test('round → proposal → first review → scoring → award', async () => {
    const admin = await run.desk.context.newPage();
    const orgBrowser = await launchBrowser(DESKTOP);
    const org = await orgBrowser.context.newPage();
    const reviewer = await run.phone.context.newPage();
    try {
      // The district's admin drafts a round (the form is shown; the round is created through the API from the
      // page, as the form does) and opens it.
      await admin.goto(run.server.url + '/login');
      await enrolStaff(admin, 'ns.admin');
      await admin.goto(run.server.url + '/funding');
      await button(admin, '新建轮次').click();
      await admin.locator('#name').fill(ROUND);
      await screenshot(admin, 'fund-01-round-form-desktop');
      await admin.keyboard.press('Escape');
      const id = await admin.evaluate(async (name) => {
        const now = Date.now();
        const res = await fetch('/api/funding/rounds', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            region: '440305000000',
            name,
            year: 2026,
            budgetFen: 500_000_00,
            opensAt: new Date(now - 3600_000).toISOString(),
            closesAt: new Date(now + 30 * 86400_000).toISOString(),
            criteria: [
              { name: '需求与目标', weight: 40, maxScore: 10 },
              { name: '可行性', weight: 60, maxScore: 20 },
            ],
            tiers: [
              { name: '示范', capFen: 100_000_00, count: 2 },
              { name: '重点培育', capFen: 50_000_00, count: 5 },
            ],
          }),
        });
        return ((await res.json()) as { id: string }).id;
      }, ROUND);
      await admin.goto(`${run.server.url}/funding/${id}`);
      await button(admin, '开放申报').click();
      await button(admin, '确定').click();
      await admin.getByText('申报中').first().waitFor();

      // The organization's admin applies with budget lines and submits.
      await org.goto(run.server.url + '/login');
      orgStaff = await enrolStaff(org, 'org.admin');
      await org.goto(run.server.url + '/funding/apply');
      const card = org.locator('.ant-card').filter({ hasText: ROUND });
      await card.waitFor();
      await button(card, '申报').click();
      await chooseOption(org, 'tierId', '重点培育');
      await org.locator('#title').fill('南头古城长者助餐志愿服务');
      await org.locator('#summary').fill('组织志愿者为南头古城独居长者送餐并陪伴聊天。');
      await org.locator('#goals').fill('服务 120 名长者，每周 3 次，全年不少于 150 次。');
      await org.getByLabel('支出项目').first().fill('餐食补贴');
      await org.getByLabel('金额（元）').first().fill('30000');
      await button(org, '添加').last().click();
      await org.getByLabel('支出项目').nth(1).fill('志愿者保险');
      await org.getByLabel('金额（元）').nth(1).fill('5000');
      await org.getByText('预算合计 35,000.00 元').waitFor();
      await screenshot(org, 'fund-02-proposal-form-desktop');
      await button(org, '保存').click();
      await org.getByText('南头古城长者助餐志愿服务').first().waitFor();
      await button(org, '提交申报').click();
      await org.getByText('待形式审查').first().waitFor();
      await both(org, 'fund-03-org-proposals');

      // First review, a reviewer assigned, the round moved to review.
      await admin.reload();
      await admin.getByText('南头古城长者助餐志愿服务').waitFor();
      await button(admin, '通过').click();
      await admin.getByText('形式审查通过').first().waitFor();
      await admin.getByLabel('专家账号').fill('volunteer');
      await button(admin, '指派').click();
      await admin.getByText('志愿者 张小明').waitFor();
      await button(admin, '截止并进入评审').click();
      await button(admin, '确定').click();
      await admin.getByText('评审中').first().waitFor();
      await both(admin, 'fund-04-round-queue');

      // The reviewer, on a phone: conflict-of-interest declaration first, then the scores.
      await reviewer.goto(run.server.url + '/login');
      await signIn(reviewer, 'volunteer');
      await reviewer.waitForURL(/\/m\//);
      await reviewer.goto(run.server.url + '/m/funding/reviews');
      await reviewer.getByText('利益冲突声明').waitFor();
      await screenshot(reviewer, 'fund-05-coi-phone');
      await button(reviewer, '声明无利益冲突').click();
      await reviewer.getByLabel('需求与目标').fill('8');
      await reviewer.getByLabel('可行性').fill('15');
      await button(reviewer, '提交评分').click();
      await reviewer.getByText('已评分').waitFor();
      await screenshot(reviewer, 'fund-06-scored-phone');

      // The award, within the tier's cap and the budget; the board shows what is used and left.
      await admin.reload();
      await admin.getByText('77', { exact: true }).first().waitFor();
      await button(admin, '立项资助').click();
      await admin.getByRole('dialog').getByText('已资助 0.00 元').waitFor();
      await button(admin.getByRole('dialog'), '确定').click();
      await admin
        .getByText(/已资助 35,000\.00 元（重点培育）/)
        .first()
        .waitFor();
      await admin.getByText('已资助 35,000.00 元 / 剩余 465,000.00 元').waitFor();
      await both(admin, 'fund-07-awarded-board');

      // The funded project: the owner sets a milestone, the organization reports on it, the owner accepts.
      await admin.getByRole('tab', { name: '里程碑与报告' }).click();
      const pane = admin.getByRole('tabpanel');
      await pane.getByLabel('里程碑', { exact: true }).fill('第一季度');
      await pane.getByLabel('交付成果').fill('送餐记录与长者回访表');
      await pane.getByLabel('截止日期').fill('2027-03-31');
      await pane.getByLabel('截止日期').press('Enter');
      await button(pane, '添加里程碑').click();
      await pane.getByText(/送餐记录与长者回访表 · 截止日期 2027-03-31/).waitFor();
      await org.reload();
      const milestone = org.locator('.ant-card-type-inner').filter({ hasText: '第一季度' });
      await milestone.getByLabel('报告内容').fill('第一季度送餐 42 次，服务长者 118 人。');
      await button(milestone, '提交报告').click();
      await milestone.getByText('待验收').waitFor();
      await screenshot(org, 'fund-08-org-report-desktop');
      await admin.reload();
      await admin.getByRole('tab', { name: '里程碑与报告' }).click();
      await button(admin.getByRole('tabpanel'), '验收通过').click();
      await admin.getByRole('tabpanel').getByText('已验收').waitFor();

      // The round's awards confirmed, the yearly evaluation, and the ten best published.
      await button(admin, '确定立项').click();
      // The popconfirm's own button (the round's button says 确定立项 too).
      await button(admin.locator('.ant-popconfirm'), '确定').click();
      const panel = admin.getByRole('tabpanel');
      await panel.getByLabel('评估得分（0–100）').fill('92');
      await panel.getByLabel('评语').fill('服务扎实，长者满意度高');
      await button(panel, '提交评估').click();
      await panel.getByText(/92 · 服务扎实/).waitFor();
      await button(panel, '发布十佳项目').click();
      await panel.getByText('十佳项目已发布').waitFor();
      await both(admin, 'fund-09-evaluated-projects');

      // The public "ten best" page lists the project, with its organization.
      const visitor = await run.phone.context.newPage();
      await visitor.goto(run.server.url + '/m/funding/ten-best');
      await visitor.getByText('十佳志愿服务项目').first().waitFor();
      await visitor.getByText('南头古城长者助餐志愿服务').waitFor();
      await screenshot(visitor, 'fund-10-ten-best-phone');
      await visitor.close();
      assert.ok(true);
    } catch (e) {
      await run.failureShots('journey', [admin, org, reviewer]);
      throw e;
    } finally {
      await admin.close();
      await org.close();
      await reviewer.close();
    }
  });

  // Issue 16: "a level body or foundation opens a round": the foundation's admin sets up a round it funds on
  // the rounds page; an organization sees who funds it when applying.
  test('a foundation opens a round it funds; applicants see the funder', async () => {
    const fdnBrowser = await launchBrowser(DESKTOP);
    const fdn = await fdnBrowser.context.newPage();
    const orgBrowser = await launchBrowser(DESKTOP);
    const org = await orgBrowser.context.newPage();
    try {
      await fdn.goto(run.server.url + '/login');
      await enrolStaff(fdn, 'fdn.admin');
      await fdn.goto(run.server.url + '/funding/apply');
      await fdn.getByRole('link', { name: '本组织是基金会？可设立资助轮次' }).click();
      await fdn.getByText(/基金会的管理员可在此设立并管理本基金会出资的资助轮次/).waitFor();
      await button(fdn, '新建轮次').click();
      const drawer = fdn.locator('.ant-drawer');
      await drawer.getByText('深圳市南山区志愿服务基金会').waitFor();
      await fdn.locator('#name').fill(FOUNDATION_ROUND);
      await screenshot(fdn, 'fund-11-foundation-round-form-desktop');
      await fdn.keyboard.press('Escape');
      // Created as the form does (its date range and lines are the same form as the level body's, above).
      const id = await fdn.evaluate(async (name) => {
        const me = (await (await fetch('/api/me')).json()) as {
          roles: { role: string; scopeId: string }[];
        };
        const funderOrgId = me.roles.find((r) => r.role === 'org_admin')!.scopeId;
        const now = Date.now();
        const res = await fetch('/api/funding/rounds', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            region: '440305000000',
            funderOrgId,
            name,
            year: 2026,
            budgetFen: 200_000_00,
            opensAt: new Date(now - 3600_000).toISOString(),
            closesAt: new Date(now + 30 * 86400_000).toISOString(),
            criteria: [{ name: '社区需求', weight: 100, maxScore: 10 }],
            tiers: [{ name: '社区微项目', capFen: 20_000_00, count: 10 }],
          }),
        });
        return ((await res.json()) as { id: string }).id;
      }, FOUNDATION_ROUND);
      await fdn.reload();
      const row = fdn.locator('.ant-table-row').filter({ hasText: FOUNDATION_ROUND });
      await row.getByText('深圳市南山区志愿服务基金会').waitFor();
      await both(fdn, 'fund-12-foundation-rounds');
      await fdn.goto(`${run.server.url}/funding/${id}`);
      await button(fdn, '开放申报').click();
      await button(fdn, '确定').click();
      await fdn.getByText('申报中').first().waitFor();
      await fdn.getByText('深圳市南山区志愿服务基金会').first().waitFor();
      await both(fdn, 'fund-13-foundation-round-board');

      // An organization of the district sees the foundation's round with its funder, and not as its own.
      await org.goto(run.server.url + '/login');
      if (orgStaff) await signInStaff(org, orgStaff);
      else orgStaff = await enrolStaff(org, 'org.admin');
      await org.goto(run.server.url + '/funding/apply');
      const card = org.locator('.ant-card').filter({ hasText: FOUNDATION_ROUND });
      await card.getByText('出资方：深圳市南山区志愿服务基金会').waitFor();
      await card.scrollIntoViewIfNeeded();
      await screenshot(org, 'fund-14-org-sees-funder-desktop');
      assert.ok(true);
    } catch (e) {
      await run.failureShots('foundation', [fdn, org]);
      throw e;
    } finally {
      await fdnBrowser.close();
      await orgBrowser.close();
    }
  });
});
