import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, MOBILE, screenshot, settle, signIn, useJourney } from './support.ts';
import { chooseOption, enrolStaff, pickRegion } from './volunteers.steps.ts';
import { beijing, noToasts, pickTime } from './activities.steps.ts';
import { greyPng } from './png.ts';

/** 南头城社区 (南头街道, 南山区): the demo resident's community. */
const COMMUNITY = '440305001001';
const ITEM = '小家电义务维修';
const TEAM = '南头街道长者关爱志愿队';
const NEED = '客厅的落地电风扇通电后不转，扇叶卡住了，家里只有两位老人。';
const REPORT = '志愿者上门拆开电风扇，清理卡住扇叶的毛絮并给电机加油，试运行正常。';
/** The same need sent a second time by mistake: the post merges it into the first (合并重复). */
const AGAIN = '再次提交：落地电风扇不转，扇叶卡住。';

/** A figure of the district's board (点单统计), by its title, as the page shows it. */
async function figure(page: Page, title: string): Promise<string> {
  return (
    (await page
      .locator('.ant-statistic')
      .filter({ has: page.locator('.ant-statistic-title', { hasText: new RegExp(`^${title}$`) }) })
      .locator('.ant-statistic-content')
      .textContent()) ?? ''
  ).trim();
}

async function districtFigures(page: Page) {
  await page.getByText('点单统计（近 30 天）').waitFor();
  await settle(page);
  return {
    completed: Number(await figure(page, '已完成')),
    ratings: Number(await figure(page, '评价数')),
    satisfaction: await figure(page, '满意度'),
  };
}

/** Waits until every photo in `scope` has loaded from the server and has a size (not a broken image). */
async function photosShown(scope: Locator, count: number) {
  await scope
    .locator('img')
    .nth(count - 1)
    .waitFor();
  const sizes = await scope.locator('img').evaluateAll((imgs) =>
    Promise.all(
      (imgs as HTMLImageElement[]).map((i) =>
        i.decode().then(
          () => i.naturalWidth,
          () => 0,
        ),
      ),
    ),
  );
  assert.equal(sizes.length, count, 'photos shown');
  for (const w of sizes) assert.ok(w > 0, 'a photo did not load');
}

// Issue 13, the whole loop (群众点单 → 中心制单 → 派单 → 接单 → 结项 → 评单 → 统计): a resident orders a
// menu item on the phone with a photo; the street post (南头街道) reviews it, makes the work order and
// dispatches it to a team; the team's admin accepts and completes it with a report and a photo on the
// phone; the resident rates it; the district (南山区) sees it in its figures. Every browser is set to UTC:
// the times typed (preferred time, deadline) are China time all the same, and shown back as typed.
describe('resident orders and dispatch: the whole loop', { timeout: 900_000 }, () => {
  const run = useJourney('dispatch', { desk: true, phone: true, timezoneId: 'UTC' });

  test('order with a photo → work order → team → report → rating → counted', async () => {
    const district = await run.desk.context.newPage();
    const res = await run.phone.context.newPage();
    let post: Page | undefined;
    let team: Page | undefined;
    try {
      // The district's figures before: the loop must move them.
      await district.goto(run.server.url + '/login');
      await enrolStaff(district, 'ns.admin');
      await district.goto(run.server.url + '/dispatch');
      const before = await districtFigures(district);

      // 点单: the resident picks the item from the menu of the community and orders it with a photo.
      await res.addInitScript((c) => localStorage.setItem('yiqi.dispatch.community', c), COMMUNITY);
      await res.goto(run.server.url + '/login');
      await signIn(res, 'resident');
      await res.waitForURL((u) => !u.pathname.includes('login'));
      // It starts at the street's practice post on the stations page: its service menu leads to ordering.
      await res.goto(run.server.url + '/m/stations');
      await res.getByLabel('搜索名称或地址').fill('南头街道新时代文明实践所');
      await res.getByLabel('搜索名称或地址').press('Enter');
      const station = res.locator('.ant-card').filter({ hasText: '南头街道新时代文明实践所' });
      await station.getByRole('button', { name: '服务菜单' }).click();
      await station.getByText(ITEM).waitFor();
      await station.getByText(ITEM).scrollIntoViewIfNeeded();
      await screenshot(res, 'dispatch-loop-00-station-menu-phone');
      await station.getByRole('link', { name: '选社区点单' }).first().click();
      await res.waitForURL(/\/m\/orders\/menu$/);
      const card = res.locator('.ant-card').filter({ hasText: ITEM });
      await res.getByText('便民服务（').first().waitFor();
      if (!(await card.isVisible())) await res.getByText('便民服务（').first().click();
      await card.getByRole('button', { name: '我要点单' }).click();
      await res.getByLabel('需求描述').fill(NEED);
      await res.getByLabel('详细地址').fill('南头城社区中山南街 20 号 3 楼');
      await res.getByLabel('联系电话').fill('13912340001');
      // The proposed time: two days on at 09:00 China time (the picker's default), whatever the browser's zone.
      const preferred = await res.locator('#preferredAt').inputValue();
      assert.match(preferred, / 09:00$/, 'the default preferred time is 09:00 China time');
      await res
        .getByTestId('order-photos')
        .setInputFiles({ name: 'fan.png', mimeType: 'image/png', buffer: greyPng(240, 180) });
      await res.getByRole('img', { name: '照片 1' }).waitFor();
      await res.getByRole('button', { name: '添加照片' }).scrollIntoViewIfNeeded();
      await screenshot(res, 'dispatch-loop-01-order-form-phone');
      await res.getByRole('button', { name: /^提\s*交$/ }).click();
      await res.waitForURL(/\/m\/orders$/);
      const mine = res.locator('.ant-card').filter({ hasText: NEED });
      await mine.getByText('审核中').first().waitFor();
      await noToasts(res);
      await screenshot(res, 'dispatch-loop-02-my-order-reviewing-phone');
      // The resident sends the same need again, straight from the menu.
      await res.goto(run.server.url + '/m/orders/menu');
      await res.getByText('便民服务（').first().waitFor();
      if (!(await card.isVisible())) await res.getByText('便民服务（').first().click();
      await card.getByRole('button', { name: '我要点单' }).click();
      await res.getByLabel('需求描述').fill(AGAIN);
      await res.getByLabel('详细地址').fill('南头城社区中山南街 20 号 3 楼');
      await res.getByLabel('联系电话').fill('13912340001');
      await res.getByRole('button', { name: /^提\s*交$/ }).click();
      await res.waitForURL(/\/m\/orders$/);
      const again = res.locator('.ant-card').filter({ hasText: AGAIN });
      await again.getByText('审核中').first().waitFor();
      const mineIds = await res.evaluate(async () => {
        const r = await fetch('/api/me/dispatch-orders');
        return ((await r.json()) as { items: { id: string; description: string }[] }).items;
      });
      const againId = mineIds.find((x) => x.description === AGAIN)!.id;

      // 审单、制单、派单: the street post finds it on its board, sees the photo and dispatches it to a team.
      // A second staff member in the same browser profile: a separate context keeps the sessions apart.
      const postBrowser = await launchBrowser(DESKTOP, { timezoneId: 'UTC' });
      post = await postBrowser.context.newPage();
      await post.goto(run.server.url + '/login');
      await enrolStaff(post, 'nt.post');
      // 合并重复: the second order goes into the first; the resident sees it merged.
      await post.goto(run.server.url + `/dispatch/orders/${againId}`);
      await post.getByText(AGAIN).waitFor();
      await post.getByRole('button', { name: '合并重复' }).click();
      const merge = post.getByRole('dialog', { name: '合并重复' });
      await chooseOption(post, 'intoId', NEED.slice(0, 24));
      await screenshot(post, 'dispatch-loop-03a-post-merge-desktop');
      await merge.getByRole('button', { name: /确\s*定|OK/ }).click();
      await merge.waitFor({ state: 'hidden' });
      await post.getByText('已合并').first().waitFor();
      await noToasts(post);
      await post.goto(run.server.url + '/dispatch');
      const reviewColumn = post.locator('.ant-card').filter({
        has: post.locator('.ant-card-head-title', { hasText: '待审核' }),
      });
      await reviewColumn.getByText(ITEM).first().click();
      await post.getByText(NEED).waitFor();
      // The time the resident proposed, as they saw it (a browser in UTC once sent it 8 hours late).
      await post.getByText(`${preferred}:00`).first().waitFor();
      await photosShown(post.locator('.ant-card').filter({ hasText: '群众上传' }), 1);
      await screenshot(post, 'dispatch-loop-03-post-review-desktop');
      await post.getByRole('button', { name: /^制\s*单$/ }).click();
      const work = post.getByRole('dialog', { name: /^制\s*单$/ });
      await work.locator('#scope').fill('上门检修电风扇，一人即可；注意断电操作。');
      await work.locator('#skills').fill('家电维修');
      const deadline = beijing(3 * 24 * 60);
      await pickTime(post, work.locator('#deadline'), deadline);
      await work.getByRole('button', { name: /确\s*定|OK/ }).click();
      await work.waitFor({ state: 'hidden' });
      // The deadline is shown as typed, China time (the browser is in UTC).
      await post.getByText(`${deadline}:00`).first().waitFor();
      await post.getByRole('button', { name: /^派\s*单$/ }).click();
      const dispatch = post.getByRole('dialog', { name: /^派\s*单$/ });
      await chooseOption(post, 'orgId', TEAM);
      await dispatch.locator('#note').fill('请两天内上门');
      await dispatch.getByRole('button', { name: /确\s*定|OK/ }).click();
      await dispatch.waitFor({ state: 'hidden' });
      await post.locator('.ant-timeline').getByText('派给队伍').waitFor();
      await noToasts(post);
      await post.evaluate(() => window.scrollTo(0, 0));
      await screenshot(post, 'dispatch-loop-04-post-dispatched-desktop');

      // 接单、结项: the team's admin, on the phone, accepts and completes it with a report and a photo.
      const teamBrowser = await launchBrowser(MOBILE, { timezoneId: 'UTC' });
      team = await teamBrowser.context.newPage();
      await team.goto(run.server.url + '/login');
      await enrolStaff(team, 'team.admin');
      await team.goto(run.server.url + '/dispatch/team');
      const offer = team.locator('.ant-card').filter({ hasText: NEED });
      // The team sees what the resident photographed before it accepts.
      await photosShown(offer.locator('.ant-card').filter({ hasText: '群众上传' }), 1);
      await offer.getByRole('button', { name: /^接\s*单$/ }).click();
      await offer.getByText('服务中').waitFor();
      // It may serve through an activity instead (decision 0071); this team serves directly.
      await offer.getByRole('button', { name: '开设服务活动' }).waitFor();
      await noToasts(team);
      await screenshot(team, 'dispatch-loop-05-team-accepted-phone');
      await offer.getByRole('button', { name: '完成结项' }).click();
      const complete = team.getByRole('dialog', { name: '完成结项' });
      await complete.locator('#report').fill(REPORT);
      await complete.locator('#minutes').fill('90');
      await complete
        .getByTestId('report-photos')
        .setInputFiles({ name: 'fixed.png', mimeType: 'image/png', buffer: greyPng(200, 120) });
      await complete.getByRole('img', { name: '照片 1' }).waitFor();
      await screenshot(team, 'dispatch-loop-06-team-report-phone');
      await complete.getByRole('button', { name: /确\s*定|OK/ }).click();
      await complete.waitFor({ state: 'hidden' });
      await offer.getByText('已完成').waitFor();

      // 评单: the resident sees it done with the report and rates it 5; the duplicate shows as merged.
      await res.reload();
      await again.getByText('已合并').first().waitFor();
      await mine.getByText('已完成').first().waitFor();
      await mine.getByText(REPORT).waitFor();
      await mine.locator('.ant-rate-star').nth(4).click();
      await mine.getByPlaceholder('评价内容（选填）').fill('当天就修好了，志愿者很细心，谢谢！');
      await screenshot(res, 'dispatch-loop-07-rate-phone');
      await mine.getByRole('button', { name: /^评\s*价$/ }).click();
      await mine.getByText('您的评价').waitFor();
      await noToasts(res);
      await screenshot(res, 'dispatch-loop-08-rated-phone');

      // The street post's timeline shows every hop, the report's photo and the rating.
      await post.reload();
      await post.locator('.ant-timeline').getByText('群众评价').waitFor();
      await post.getByText('★★★★★ 当天就修好了').waitFor();
      await photosShown(post.locator('.ant-card').filter({ hasText: '结项照片' }), 2);
      await screenshot(post, 'dispatch-loop-09-post-timeline-desktop');

      // 统计: the district's figures count it.
      await district.reload();
      const after = await districtFigures(district);
      assert.equal(after.completed, before.completed + 1, 'completed orders');
      assert.equal(after.ratings, before.ratings + 1, 'ratings');
      assert.equal(after.satisfaction, '100%');
      // Satisfaction per team, item and community (most rated first) below the figures.
      await district.getByTestId('satisfaction-by').getByText('按队伍').waitFor();
      await screenshot(district, 'dispatch-loop-10-district-figures-desktop');

      // 代点单: the post orders for a resident without a phone, the consent noted; the time typed (in a
      // browser set to UTC) is China time on the order.
      await post.goto(run.server.url + '/dispatch');
      await post.getByRole('button', { name: '代点单' }).click();
      await post.waitForURL(/\/dispatch\/proxy$/);
      await pickRegion(post, 'region', ['深圳市', '南山区', '南头街道', '南头城社区居委会']);
      await chooseOption(post, 'itemId', ITEM);
      await post.locator('#residentName').fill('李阿婆');
      await post.locator('#phone').fill('13912340002');
      await post.locator('#address').fill('南头城社区中山东街 8 号 1 楼');
      const proxyAt = beijing(26 * 60);
      await pickTime(post, post.locator('#preferredAt'), proxyAt);
      await post.locator('#description').fill('老人独居，家中水龙头漏水，请志愿者上门更换。');
      await post.locator('#consentNote').fill('本人到站当面口头同意');
      await screenshot(post, 'dispatch-loop-11-post-proxy-order-desktop');
      await post.getByRole('button', { name: /^提\s*交$/ }).click();
      await post.waitForURL(/\/dispatch\/orders\/[0-9a-f-]+$/);
      await post.getByText('本人到站当面口头同意', { exact: true }).waitFor();
      await post.getByText(`${proxyAt}:00`).first().waitFor();
    } catch (e) {
      await run.failureShots('loop', [district, res, post, team]);
      throw e;
    } finally {
      await district.close();
      await res.close();
    }
  });
});
