// Steps of the activity journeys (e2e/activities.test.ts), in the words of the pages.
import type { Locator, Page } from 'playwright-core';
import { idCheckChar } from '@yiqi/shared/identity/documents';
import { settle } from './support.ts';
import { chooseOption, pickRegion, registerResident, type Resident } from './volunteers.steps.ts';

/** A wall-clock time in Beijing (as every picker reads it), `minutes` from now: "2026-05-01 09:20". */
export function beijing(minutes: number): string {
  const at = new Date(Date.now() + minutes * 60_000 + 8 * 3600_000);
  return at.toISOString().slice(0, 16).replace('T', ' ');
}

/** Types a date and time into an Ant Design picker and confirms it with Enter. */
export async function pickTime(page: Page, input: Locator, value: string): Promise<void> {
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
  const shown = await input.inputValue();
  if (shown !== value) throw new Error(`the picker shows "${shown}", not "${value}"`);
}

export interface NewActivity {
  title: string;
  startsAt: string;
  endsAt: string;
}

/** The editor's fields for a low-risk public activity on the Shenzhen Bay shore, with two screenshots. */
export async function fillActivity(
  page: Page,
  a: NewActivity,
  shot: (name: string) => Promise<void>,
): Promise<void> {
  await page.locator('#activity_title').fill(a.title);
  await page
    .locator('#activity_description')
    .fill('沿深圳湾公园海岸线捡拾垃圾并分类登记，结束后在日出剧场集合合影。请穿运动鞋，自带水杯。');
  await chooseOption(page, 'activity_category', '生态环保', true);
  await page.locator('#activity_personInCharge').fill('赵磊');
  await page.locator('#activity_contactName').fill('赵磊');
  await page.locator('#activity_contactPhone').fill('13800138000');
  await page.locator('#activity_contactPhone').blur();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await shot('a-01-editor');
  await pickTime(page, page.locator('#activity_startsAt'), a.startsAt);
  await pickTime(page, page.locator('#activity_endsAt'), a.endsAt);
  await pickRegion(page, 'activity_regionCode', ['深圳市', '南山区', '粤海街道']);
  await page.locator('#activity_address').fill('滨海大道深圳湾公园日出剧场入口');
  await page.locator('#activity_lat').fill('22.5172');
  await page.locator('#activity_lng').fill('113.9526');
  // No cut-off: the first volunteer cancels minutes before the start without it counting as late.
  await page.locator('#activity_cancelCutoffHours').fill('0');
  await page.locator('label.ant-radio-button-wrapper').filter({ hasText: '低风险' }).click();
  if (!(await page.getByRole('radio', { name: '低风险' }).isChecked())) throw new Error('risk level not set');
  await page.locator('#activity_riskText').fill('海边礁石湿滑，请注意脚下；涨潮时不要靠近水边。');
  await page.locator('#activity_riskText').blur();
  // Below the sticky header.
  await page.getByText('时间与地点', { exact: true }).evaluate((e) => {
    (e as HTMLElement).style.scrollMarginTop = '80px';
    e.scrollIntoView();
  });
  await page.mouse.move(0, 0);
  await shot('a-02-editor-time-place');
}

/** Waits until the toasts (message.success …) have gone, so they cover nothing in a screenshot. */
export async function noToasts(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.ant-message-notice'), undefined, {
    timeout: 15_000,
  });
}

/** Adds a position with a single shift (the activity's own times) of the given quota, in the modal. */
export async function addPosition(page: Page, name: string, quota: number): Promise<Locator> {
  await page.getByTestId('add-position').click();
  const dialog = page.getByRole('dialog', { name: '添加岗位' });
  await dialog.locator('#position_name').fill(name);
  await dialog.locator('#position_duties').fill('沿岸巡查，清理垃圾并分类登记');
  await dialog.getByTestId('shift-row').waitFor();
  await dialog.getByRole('spinbutton', { name: '名额 1' }).fill(String(quota));
  await settle(page);
  return dialog;
}

/** A resident of 粤海街道 with a valid mainland ID number (born in 1990s, so an adult). */
export function resident(name: string, phoneTail: string, birth: string, seq: string): Resident {
  const first17 = `440305${birth}${seq}`;
  return {
    phone: `138${phoneTail}`,
    name,
    docNumber: first17 + idCheckChar(first17),
    password: 'Volunteer-2026',
  };
}

/** Registers on /m/register (no screenshots: the volunteer journeys take those) and verifies online. */
export async function becomeVolunteer(page: Page, baseUrl: string, r: Resident): Promise<void> {
  await page.goto(baseUrl + '/m/register');
  await registerResident(page, r, async () => undefined);
  await page.waitForURL(/\/m\/profile$/);
  await page.getByTestId('profile-name').filter({ hasText: r.name }).waitFor();
  await page.goto(baseUrl + '/m/verify');
  await page.getByTestId('verify-online').click();
  await page.getByTestId('verification-status').filter({ hasText: '已认证' }).waitFor();
}

/** From the activity list (the bottom tab), finds the activity by its title and opens it. */
export async function openActivity(page: Page, title: string): Promise<void> {
  await page.getByTestId('tab-activities').click();
  await page.waitForURL(/\/m\/activities/);
  const search = page.getByTestId('activity-search').locator('input');
  await search.fill(title);
  await search.press('Enter');
  const card = page.getByTestId('activity-card').filter({ hasText: title });
  await card.waitFor();
  await page.getByTestId('activity-total').filter({ hasText: '共 1 个活动' }).waitFor();
  // What people type (names, phone numbers) never goes into the address, its history or server logs.
  if (/[?&]q=/.test(page.url())) throw new Error(`the search words are in the address: ${page.url()}`);
  await card.getByRole('link', { name: title }).click();
  await page.waitForURL(/\/m\/activities\/[0-9a-f-]{36}$/);
  await page.getByTestId('activity-title').filter({ hasText: title }).waitFor();
}

/** Signs up for the only shift: the risk must be acknowledged first. Returns the outcome's dialog. */
export async function signUpForShift(page: Page, button: RegExp): Promise<Locator> {
  await page.getByTestId('shift-row').getByTestId('sign-up').filter({ hasText: button }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('risk-notice').waitFor();
  const confirm = dialog.getByTestId('confirm-sign-up');
  if (await confirm.isEnabled()) throw new Error('the sign-up could be confirmed without the risk tick');
  await dialog.getByTestId('risk-ack').click();
  await confirm.click();
  await dialog.getByTestId('signup-result').waitFor();
  return dialog;
}
