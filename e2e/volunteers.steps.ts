// Steps of the volunteer journeys (e2e/volunteers.test.ts), in the words of the pages.
import type { Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  enrolTotp,
  openSignOutDialog,
  screenshot,
  signIn,
  textedCode,
  totp,
  typeCode,
} from './support.ts';

/** A code from a time step after `afterStep`: the server refuses a step it has seen before. */
export async function freshCode(secret: string, afterStep: number): Promise<string> {
  while (Math.floor(Date.now() / 30_000) <= afterStep) await new Promise((r) => setTimeout(r, 500));
  return totp(secret);
}

export interface Staff {
  username: string;
  secret: string;
  /** The last time step whose code was used. */
  step: number;
}

/** First sign-in of a staff member: password, then authenticator enrolment. */
export async function enrolStaff(page: Page, username: string): Promise<Staff> {
  await signIn(page, username);
  await page.waitForURL(/\/mfa/);
  const secret = await enrolTotp(page);
  const step = Math.floor(Date.now() / 30_000);
  await page.waitForURL((u) => !u.pathname.startsWith('/mfa'));
  return { username, secret, step };
}

/** A later sign-in of an enrolled staff member, with a code they have not used before. */
export async function signInStaff(page: Page, staff: Staff): Promise<void> {
  await page.goto(new URL('/login', page.url()).href);
  await page.locator('#username').waitFor();
  await signIn(page, staff.username);
  await page.waitForURL(/\/mfa/);
  const code = await freshCode(staff.secret, staff.step);
  staff.step = Math.floor(Date.now() / 30_000);
  await typeCode(page, code);
  await page.waitForURL((u) => !u.pathname.startsWith('/mfa'));
}

/** Signs out through the console's user menu. */
export async function signOutConsole(page: Page): Promise<void> {
  await (await openSignOutDialog(page)).click();
  await page.waitForURL(/\/login/);
}

/** Chooses a place in the region picker: opens it, taps down the names, takes the last one. */
export async function pickRegion(page: Page, fieldId: string, path: string[]): Promise<void> {
  await page.locator(`#${fieldId}`).click();
  const drawer = page.getByRole('dialog', { name: '选择地区' });
  for (const name of path) await drawer.getByRole('button', { name, exact: true }).click();
  // A place with no places under it (a community) is chosen by tapping it, and the drawer closes;
  // above that, "choose here" takes the place the drawer is showing.
  const closed = await drawer.waitFor({ state: 'hidden', timeout: 1500 }).then(
    () => true,
    () => false,
  );
  if (closed) return;
  await drawer.getByTestId('region-choose-here').click();
  await drawer.waitFor({ state: 'hidden' });
}

/** Picks an option of an Ant Design select by its visible text (typed in first for searchable ones). */
export async function chooseOption(
  page: Page,
  fieldId: string,
  option: string,
  search = false,
): Promise<void> {
  // The select's root shows the chosen option; on a loaded machine a click can land while the dropdown is
  // still opening and choose nothing, so it is tried again.
  const root = page.locator('.ant-select').filter({ has: page.locator(`#${fieldId}`) });
  for (let attempt = 1; ; attempt++) {
    await page.locator(`#${fieldId}`).click();
    if (search) await page.locator(`#${fieldId}`).fill(option);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click();
    const chosen = await root
      .filter({ hasText: option })
      .waitFor({ timeout: 3000 })
      .then(
        () => true,
        () => false,
      );
    if (chosen) return;
    if (attempt === 3) throw new Error(`${fieldId}: "${option}" was not chosen`);
    await page.keyboard.press('Escape');
  }
}

export interface Resident {
  phone: string;
  name: string;
  docNumber: string;
  password: string;
}

/** Self-registration on the public page, through its three steps and the texted code; screenshots each step. */
export async function registerResident(page: Page, r: Resident, shot: (name: string) => Promise<void>) {
  await page.locator('#phone').fill(r.phone);
  await page.locator('#password').fill(r.password);
  await page.locator('#confirm').fill(r.password);
  await shot('v-02-register-account');
  await page.getByTestId('register-next').click();

  await page.locator('#name').fill(r.name);
  await page.locator('#docNumber').fill(r.docNumber.slice(0, 10));
  await page.getByText('已输入 10/18 位').waitFor();
  await page.locator('#docNumber').fill(r.docNumber);
  await page.getByTestId('doc-check-ok').waitFor();
  await pickRegion(page, 'regionCode', ['深圳市', '南山区', '粤海街道']);
  await shot('v-03-register-identity');
  await page.getByTestId('register-next').click();

  await page.getByTestId('agree-privacy').click();
  await page.getByTestId('agree-sensitive').click();
  await shot('v-04-register-consent');
  await page.getByTestId('register-next').click();

  // The code texted to the phone (the development channel writes it to the server log).
  await page.getByTestId('register-code').waitFor();
  await page.getByTestId('register-code').fill(await textedCode(r.phone));
  await page.getByTestId('register-next').click();
}

export { DEMO_PASSWORD, screenshot };
