import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, MOBILE, screenshot, signIn, useJourney } from './support.ts';
import { chooseOption, enrolStaff } from './volunteers.steps.ts';

const ROUND = '南山区 2026 年益苗计划';

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
      await enrolStaff(org, 'org.admin');
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

      // The public "ten best" page (empty until a round publishes its list).
      const visitor = await run.phone.context.newPage();
      await visitor.goto(run.server.url + '/m/funding/ten-best');
      await visitor.getByText('十佳志愿服务项目').first().waitFor();
      await screenshot(visitor, 'fund-08-ten-best-phone');
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
});
