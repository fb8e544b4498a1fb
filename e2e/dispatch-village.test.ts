import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DESKTOP, launchBrowser, MOBILE, screenshot, settle, signIn, useJourney } from './support.ts';
import { chooseOption, enrolStaff } from './volunteers.steps.ts';
import { noToasts } from './activities.steps.ts';

/** 大新社区 (南头街道): a village of the street other than the one that offers the service. */
const NEIGHBOUR = '440305001003';
const VILLAGE = '南头城社区居委会';
const TEAM = '南头街道长者关爱志愿队';
/** The demo's approved village offer, and the one the station offers in this journey. */
const CANTEEN = '社区长者饭堂送餐';
const OFFERED = '村口便民理发';
/** The demo order the team serves (服务中), for which it opens an activity. */
const SERVING = '小区新设分类投放点';

async function openNav(page: Page, name: string, mobile: boolean) {
  if (mobile) await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('menuitem', { name }).click();
  if (mobile) await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' });
}

// Issue 13, a village offering a service as a unit (村供单, decision 0074) and service through an activity
// (decision 0071) in the browser: 南头城社区's station offers a service to its street's post, which sees it
// beside the teams' offers and approves it; a resident of another village of the street sees it on the menu
// named after the village; the post sends the demo's order of the village's item to that station, which
// finds it on its board. Then the team's admin opens an activity for the order it serves from its inbox,
// sees the draft, and the order's timeline links it, for the team and for the post.
describe('village offers and service through an activity', { timeout: 900_000 }, () => {
  const run = useJourney('dispatch-village', { desk: true, phone: true });

  test('a village offers, the post approves and dispatches to its station; a team opens an activity', async () => {
    const station = await run.desk.context.newPage();
    const res = await run.phone.context.newPage();
    let post: Page | undefined;
    let team: Page | undefined;
    try {
      // 本村供单: the station's menu page has the village's own offers, the demo's approved one among them.
      await station.goto(run.server.url + '/login');
      await enrolStaff(station, 'ntc.station');
      await openNav(station, '服务菜单', false);
      await station.waitForURL(/\/dispatch\/menu$/);
      await station.getByRole('tab', { name: '本村供单' }).click();
      const canteen = station.getByTestId('my-offer').filter({ hasText: CANTEEN });
      await canteen.getByText('在用').waitFor();
      await canteen.getByText(TEAM).waitFor();
      await station.getByRole('button', { name: '提交供单' }).click();
      const offer = station.getByRole('dialog', { name: '提交供单' });
      // Offered to the street's post (the first choice), with the street's team delivering it.
      await offer.getByText('南头街道').first().waitFor();
      await offer.getByLabel('服务类别').fill('便民服务');
      await offer.getByLabel('项目名称').fill(OFFERED);
      await offer
        .getByLabel('项目说明')
        .fill('每月第一个周日上午在村口为街道内长者义务理发，行动不便的可上门。');
      await chooseOption(station, 'offer_teamIds', TEAM, true);
      await offer.locator('.ant-modal-title').click();
      await station.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
      await screenshot(station, 'dispatch-village-01-station-offer-desktop');
      await offer.getByRole('button', { name: '提交供单' }).click();
      await offer.waitFor({ state: 'hidden' });
      await station.getByTestId('my-offer').filter({ hasText: OFFERED }).getByText('待审核').waitFor();
      await noToasts(station);
      await settle(station);
      await screenshot(station, 'dispatch-village-02-station-offers-desktop');
      await station.setViewportSize(MOBILE);
      await station.getByTestId('my-offer').filter({ hasText: OFFERED }).waitFor();
      await settle(station);
      await screenshot(station, 'dispatch-village-03-station-offers-phone');
      await station.setViewportSize(DESKTOP);

      // 供单审核: the post sees the village's offer beside the team's (the demo's waiting one) and approves it.
      const postBrowser = await launchBrowser(DESKTOP);
      post = await postBrowser.context.newPage();
      await post.goto(run.server.url + '/login');
      await enrolStaff(post, 'nt.post');
      await post.goto(run.server.url + '/dispatch/menu?tab=offers');
      const village = post.getByTestId('offer-card').filter({ hasText: OFFERED });
      await village.getByText('村供单').waitFor();
      await village.getByText(VILLAGE).waitFor();
      const teams = post.getByTestId('offer-card').filter({ hasText: '长者智能手机教学' });
      await teams.getByText('团队供单').waitFor();
      await settle(post);
      await screenshot(post, 'dispatch-village-04-post-offers-desktop');
      await village.getByRole('button', { name: /^通\s*过$/ }).click();
      const confirm = post.locator('.ant-modal-confirm').filter({ hasText: '注明由' });
      await confirm.waitFor();
      await confirm.getByRole('button', { name: /^通\s*过$/ }).click();
      await village.waitFor({ state: 'detached' });
      await station.reload();
      await station.getByTestId('my-offer').filter({ hasText: OFFERED }).getByText('在用').waitFor();

      // The resident of another village of the street finds it, named after the offering village.
      await res.addInitScript((c) => localStorage.setItem('yiqi.dispatch.community', c), NEIGHBOUR);
      await res.goto(run.server.url + '/login');
      await signIn(res, 'resident');
      await res.waitForURL((u) => !u.pathname.includes('login'));
      await res.goto(run.server.url + '/m/orders/menu');
      const card = res.locator('.ant-card').filter({ hasText: OFFERED });
      await res.getByText('便民服务（').first().waitFor();
      if (!(await card.isVisible())) await res.getByText('便民服务（').first().click();
      await card.getByText(`${VILLAGE}供单`).waitFor();
      await card.scrollIntoViewIfNeeded();
      await settle(res);
      await screenshot(res, 'dispatch-village-05-resident-menu-phone');

      // 派单: the demo's order of the canteen item (from 大新社区) goes to the offering village's station,
      // the dialog's first choice.
      await post.goto(run.server.url + '/dispatch');
      const ready = post.locator('.ant-card').filter({
        has: post.locator('.ant-card-head-title', { hasText: '待派单' }),
      });
      await ready.getByText(CANTEEN).first().click();
      await post.getByText('母亲刚做完手术').waitFor();
      await post.getByRole('button', { name: /^派\s*单$/ }).click();
      const dispatch = post.getByRole('dialog', { name: /^派\s*单$/ });
      await dispatch.getByText(`供单村站点：${VILLAGE}`).waitFor();
      await dispatch
        .getByText(/村供单/)
        .first()
        .waitFor();
      await screenshot(post, 'dispatch-village-06-post-dispatch-to-station-desktop');
      await dispatch.getByRole('button', { name: /确\s*定|OK/ }).click();
      await dispatch.waitFor({ state: 'hidden' });
      await post.locator('.ant-timeline').getByText('派往下级单位').waitFor();
      await noToasts(post);
      // The station holds it now, on its own board.
      await station.goto(run.server.url + '/dispatch');
      await station.getByText(CANTEEN).first().waitFor();
      await settle(station);
      await screenshot(station, 'dispatch-village-07-station-board-desktop');

      // 开设服务活动: the team's admin, on the phone, opens an activity for the order it serves.
      const teamBrowser = await launchBrowser(MOBILE);
      team = await teamBrowser.context.newPage();
      await team.goto(run.server.url + '/login');
      await enrolStaff(team, 'team.admin');
      await team.goto(run.server.url + '/dispatch/team');
      const serving = team.locator('.ant-card').filter({ hasText: SERVING });
      await serving.getByText('服务中').waitFor();
      await serving.getByRole('button', { name: '开设服务活动' }).click();
      await team
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      // The draft, on the activity's own page.
      await team.waitForURL(/\/activities\/[0-9a-f-]+$/);
      // The activity's own banner: the title alone is also the inbox's link, which stays on screen while
      // the activity page's chunk loads.
      await team.getByText(/草稿尚未发布/).waitFor();
      await team.getByText('群众点单：垃圾分类入户指导').first().waitFor();
      await settle(team);
      await screenshot(team, 'dispatch-village-08-team-activity-draft-phone');
      // Back in the inbox the card links it, and its progress (timeline) too.
      await team.goto(run.server.url + '/dispatch/team');
      await serving.getByTestId('team-service-activity').getByText('群众点单：垃圾分类入户指导').waitFor();
      await serving.getByRole('button', { name: '办理进度' }).click();
      await serving.getByTestId('timeline-activity').waitFor();
      await serving.getByTestId('timeline-activity').scrollIntoViewIfNeeded();
      await noToasts(team);
      await screenshot(team, 'dispatch-village-09-team-order-timeline-phone');

      // The post's order page: the activity card and the timeline's link to it.
      await post.goto(run.server.url + '/dispatch');
      const accepted = post.locator('.ant-card').filter({
        has: post.locator('.ant-card-head-title', { hasText: '服务中' }),
      });
      await accepted.getByText('垃圾分类入户指导').first().click();
      await post.getByText(SERVING).waitFor();
      await post.getByTestId('service-activities').getByText('群众点单：垃圾分类入户指导').waitFor();
      const link = post.getByTestId('timeline-activity');
      await link.waitFor();
      assert.match((await link.getAttribute('href')) ?? '', /^\/activities\/[0-9a-f-]+$/);
      await settle(post);
      await screenshot(post, 'dispatch-village-10-post-order-activity-desktop');
      await link.click();
      await post.waitForURL(/\/activities\/[0-9a-f-]+$/);
      await post.getByText('群众点单：垃圾分类入户指导').first().waitFor();
    } catch (e) {
      await run.failureShots('village', [station, res, post, team]);
      throw e;
    } finally {
      await station.close();
      await res.close();
    }
  });
});
