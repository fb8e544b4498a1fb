import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DESKTOP, launchBrowser, MOBILE, screenshot, settle, signIn, useJourney } from './support.ts';
import { chooseOption, enrolStaff } from './volunteers.steps.ts';
import { noToasts } from './activities.steps.ts';

/** 南头城社区 (南头街道, 南山区): the demo resident's community. */
const COMMUNITY = '440305001001';
const TEAM = '南头街道长者关爱志愿队';
/** The item the street post publishes itself, and the one the team offers (供单). */
const OWN = '旧衣物上门回收';
const OFFERED = '长者助浴上门服务';
/** A district centre's item: on the post's menu, read-only there. */
const DISTRICT_ITEM = '法律咨询进社区';

async function openNav(page: Page, name: string, mobile: boolean) {
  if (mobile) await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('menuitem', { name }).click();
  if (mobile) await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' });
}

/** The resident's menu card of an item, its category opened when it is folded. */
async function menuCard(page: Page, category: string, title: string) {
  const card = page.locator('.ant-card').filter({ hasText: title });
  await page.getByText(`${category}（`).first().waitFor();
  if (!(await card.isVisible())) await page.getByText(`${category}（`).first().click();
  await card.waitFor();
  return card;
}

// Issue 13, menus (服务菜单) and offers (供单): the street post (南头街道) publishes an item with its team and
// timers, sees the district's items read-only; the team offers a service from its phone and sees the demo
// offer the post refused, with the reason; the post approves the new offer; the resident finds both items
// on the community's menu; the post retires its item, which leaves the resident's menu.
describe('service menus and offers', { timeout: 900_000 }, () => {
  const run = useJourney('dispatch-menus', { desk: true, phone: true });

  test('a post publishes and retires an item; a team offers one, the post approves it; the resident sees them', async () => {
    const post = await run.desk.context.newPage();
    const res = await run.phone.context.newPage();
    let team: Page | undefined;
    try {
      // The street post's menu page, from the console's menu.
      await post.goto(run.server.url + '/login');
      await enrolStaff(post, 'nt.post');
      await openNav(post, '服务菜单', false);
      await post.waitForURL(/\/dispatch\/menu$/);
      await post.getByText('小家电义务维修').first().waitFor();
      await settle(post);
      await screenshot(post, 'dispatch-menus-01-post-menu-desktop');

      // A new item: category, description, the team delivering it, its timers (the review gets 2 days).
      await post.getByRole('button', { name: '新增服务项目' }).click();
      const add = post.getByRole('dialog', { name: '新增服务项目' });
      // An empty form is refused in the browser, field by field.
      await add.getByRole('button', { name: /确\s*定/ }).click();
      await add.getByText('请填写').first().waitFor();
      await add.getByLabel('服务类别').fill('便民服务');
      await add.getByLabel('项目名称').fill(OWN);
      await add.getByLabel('项目说明').fill('志愿者上门收取居民闲置衣物，分拣后捐赠给有需要的家庭。');
      await chooseOption(post, 'menu-item_teamIds', TEAM, true);
      // A click beside the list closes it (Escape would close the dialog too).
      await add.locator('.ant-modal-title').click();
      await post.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
      await add.getByLabel('审单').fill('2');
      await screenshot(post, 'dispatch-menus-02-post-new-item-desktop');
      await add.getByRole('button', { name: /确\s*定/ }).click();
      await add.waitFor({ state: 'hidden' });
      const row = post.locator('.ant-table-row').filter({ hasText: OWN });
      await row.waitFor();
      await row.getByText(TEAM).waitFor();
      await row.getByText('审2 派1 接1 报1 访1').waitFor();
      await noToasts(post);

      // The district's items are shown, read-only (no edit or retire there).
      await post.getByRole('tab', { name: '上级项目（只读）' }).click();
      const inherited = post.locator('.ant-card').filter({ hasText: DISTRICT_ITEM });
      await inherited.waitFor();
      assert.equal(await inherited.getByRole('button').count(), 0, 'inherited items have no actions');
      await settle(post);
      await screenshot(post, 'dispatch-menus-02b-post-inherited-desktop');

      // 供单: the team's admin, on the phone, finds the page in the console's menu.
      const teamBrowser = await launchBrowser(MOBILE);
      team = await teamBrowser.context.newPage();
      await team.goto(run.server.url + '/login');
      await enrolStaff(team, 'team.admin');
      await openNav(team, '供单', true);
      await team.waitForURL(/\/dispatch\/offers$/);
      // The demo's refused offer, with the post's reason.
      const refused = team.getByTestId('my-offer').filter({ hasText: '广场舞编排指导' });
      await refused.getByText('未通过').waitFor();
      await refused.getByText(/街道文体站已开设同类课程/).waitFor();
      await team.getByRole('button', { name: '提交供单' }).click();
      const offer = team.getByRole('dialog', { name: '提交供单' });
      // Offered to the team's own street post (the first choice).
      await offer.getByText('南头街道').first().waitFor();
      await offer.getByLabel('服务类别').fill('便民服务');
      await offer.getByLabel('项目名称').fill(OFFERED);
      await offer.getByLabel('项目说明').fill('为行动不便的长者提供上门助浴，两名女性志愿者同行。');
      await screenshot(team, 'dispatch-menus-03-team-offer-phone');
      await offer.getByRole('button', { name: '提交供单' }).click();
      await offer.waitFor({ state: 'hidden' });
      await team.getByTestId('my-offer').filter({ hasText: OFFERED }).getByText('待审核').waitFor();
      await noToasts(team);
      await screenshot(team, 'dispatch-menus-04-team-offers-phone');

      // 供单审核: the post approves it (it joins the menu with the team as deliverer).
      await post.getByRole('tab', { name: '供单审核' }).click();
      const pending = post.getByTestId('offer-card').filter({ hasText: OFFERED });
      await pending.getByText(TEAM).waitFor();
      await screenshot(post, 'dispatch-menus-05-post-offers-desktop');
      await pending.getByRole('button', { name: /^通\s*过$/ }).click();
      const confirm = post.locator('.ant-modal-confirm').filter({ hasText: '将加入' });
      await confirm.waitFor();
      await confirm.getByRole('button', { name: /^通\s*过$/ }).click();
      await pending.waitFor({ state: 'detached' });
      await post.getByRole('tab', { name: '本单位项目' }).click();
      await post.locator('.ant-table-row').filter({ hasText: OFFERED }).waitFor();
      await team.reload();
      await team.getByTestId('my-offer').filter({ hasText: OFFERED }).getByText('在用').waitFor();

      // The same page at phone size: cards instead of the table.
      await post.setViewportSize(MOBILE);
      await post.locator('.ant-card').filter({ hasText: OWN }).waitFor();
      await noToasts(post);
      await settle(post);
      await screenshot(post, 'dispatch-menus-06-post-menu-phone');
      await post.setViewportSize(DESKTOP);

      // The resident finds both on the community's menu.
      await res.addInitScript((c) => localStorage.setItem('yiqi.dispatch.community', c), COMMUNITY);
      await res.goto(run.server.url + '/login');
      await signIn(res, 'resident');
      await res.waitForURL((u) => !u.pathname.includes('login'));
      await res.goto(run.server.url + '/m/orders/menu');
      const own = await menuCard(res, '便民服务', OWN);
      await own.getByText('南头街道').waitFor();
      const offered = await menuCard(res, '便民服务', OFFERED);
      await settle(res);
      await offered.scrollIntoViewIfNeeded();
      await screenshot(res, 'dispatch-menus-07-resident-menu-phone');

      // 下架: the post retires its item, after a confirmation; it leaves the resident's menu.
      const mine = post.locator('.ant-table-row').filter({ hasText: OWN });
      await mine.getByRole('button', { name: /^下\s*架$/ }).click();
      const sure = post.locator('.ant-modal-confirm').filter({ hasText: '已经点的订单照常办理' });
      await sure.waitFor();
      await screenshot(post, 'dispatch-menus-08-post-retire-desktop');
      await sure.getByRole('button', { name: /^下\s*架$/ }).click();
      await mine.waitFor({ state: 'detached' });
      await post.locator('.ant-segmented').getByText('已下架').click();
      await post.locator('.ant-table-row').filter({ hasText: OWN }).getByText('已下架').waitFor();
      await res.reload();
      await menuCard(res, '便民服务', OFFERED);
      assert.equal(await res.getByText(OWN).count(), 0, 'a retired item is off the menu');
    } catch (e) {
      await run.failureShots('menus', [post, res, team]);
      throw e;
    } finally {
      await post.close();
      await res.close();
    }
  });
});
