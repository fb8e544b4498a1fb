// Data and helpers for the tour of the volunteer and organization pages (e2e/volunteers.test.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { request, type BrowserContext, type Page } from 'playwright-core';
import { usccCheckChar } from '@yiqi/shared/identity/uscc';
import { screenshot, settle, textedCode } from './support.ts';

const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 390, height: 844 };

/** The same page at desktop size, then at phone size (`<name>-desktop.png`, `<name>-mobile.png`). */
export async function both(page: Page, name: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await settle(page);
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(MOBILE);
  await settle(page);
  await screenshot(page, `${name}-mobile`);
  await page.setViewportSize(DESKTOP);
  await settle(page);
}

/** A photo of a (made-up) passport page, rendered by the browser, as PNG bytes. */
async function passportPhoto(context: BrowserContext): Promise<Buffer> {
  const page = await context.newPage();
  await page.setContent(`
    <div id="card" style="width:520px;height:340px;padding:24px;box-sizing:border-box;font-family:sans-serif;
      background:linear-gradient(135deg,#e6f4ff,#fff);border:2px solid #91caff;border-radius:12px">
      <div style="font-size:20px;font-weight:bold;color:#0958d9">PASSPORT · 护照 (SPECIMEN)</div>
      <div style="display:flex;gap:20px;margin-top:20px">
        <div style="width:120px;height:150px;background:#d9d9d9;border-radius:6px"></div>
        <div style="font-size:16px;line-height:1.9">
          <div>Surname / 姓: LI</div><div>Given names / 名: MEI</div>
          <div>Date of birth: 15 JUN 1985</div><div>Sex: F</div><div>No.: E12345678</div>
        </div>
      </div>
    </div>`);
  const png = await page.locator('#card').screenshot();
  await page.close();
  return png;
}

/**
 * A second volunteer, registered with a passport, who uploads a photo of it: the verification queue then
 * has a manual review waiting. Returns the sign-in phone.
 */
export async function passportVolunteer(baseURL: string, context: BrowserContext): Promise<string> {
  const api = await request.newContext({ baseURL });
  const phone = `137${String(Date.now()).slice(-8)}`;
  const form = {
    phone,
    password: 'Volunteer-2026',
    name: '李梅',
    docType: 'passport',
    docNumber: 'E12345678',
    birthDate: '1985-06-15',
    gender: 'female',
    regionCode: '440305001000',
    privacyNoticeVersion: '2026-11-v1',
    sensitiveConsent: true,
  };
  // The form texts a code (202); the same form with the code registers.
  const sent = await api.post('/api/volunteers/register', { data: form });
  if (sent.status() !== 202) throw new Error(`passport volunteer: ${sent.status()} ${await sent.text()}`);
  const reg = await api.post('/api/volunteers/register', {
    data: { ...form, phoneCode: await textedCode(phone) },
  });
  if (!reg.ok()) throw new Error(`passport volunteer: ${reg.status()} ${await reg.text()}`);
  const png = await passportPhoto(context);
  const up = await api.post('/api/me/volunteer/documents', {
    data: { mimeType: 'image/png', contentBase64: png.toString('base64') },
  });
  if (!up.ok()) throw new Error(`document upload: ${up.status()} ${await up.text()}`);
  await api.dispose();
  return phone;
}

/** The resident (a plain user) registers a social group, which then waits in the review queue. */
export async function pendingRegistration(baseURL: string, phone: string, password: string): Promise<string> {
  const api = await request.newContext({ baseURL });
  const login = await api.post('/api/auth/login', { data: { username: phone, password } });
  if (!login.ok()) throw new Error(`resident sign-in: ${login.status()} ${await login.text()}`);
  const first17 = '51440305MJ0000001';
  const name = '南山区海岸环保志愿者协会';
  const res = await api.post('/api/organizations', {
    data: {
      name,
      orgType: 'social_group',
      uscc: first17 + usccCheckChar(first17),
      regionCode: '440305000000',
      address: '深圳市南山区后海大道 100 号',
      contactName: '王小红',
      contactPhone: '13900000000',
      personInCharge: '王小红',
      categories: ['environment', 'community'],
    },
  });
  if (!res.ok()) throw new Error(`organization registration: ${res.status()} ${await res.text()}`);
  await api.dispose();
  return name;
}

async function workbook(header: string[], rows: (string | number)[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('data');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  const file = join(mkdtempSync(join(tmpdir(), 'yiqi-import-')), 'list.xlsx');
  await book.xlsx.writeFile(file);
  return file;
}

/** A volunteer list with mistakes in it (bad check character, bad phone, unknown region). */
export const badVolunteerFile = () =>
  workbook(
    ['name', 'docType', 'docNumber', 'phone', 'regionCode', 'consentRecordedAt', 'consentEvidence'],
    [
      [
        '陈一',
        'mainland_id',
        '440305199001011230',
        '13811112222',
        '440305000000',
        '2026-01-05',
        '纸质登记表',
      ],
      ['林二', 'mainland_id', '44030519900101123X', '1381111', '440305000000', '2026-01-05', '纸质登记表'],
      ['黄三', 'passport', 'E1234', '13811113333', '999999999999', '2026-01-05', '纸质登记表'],
    ],
  );

/** A member list: volunteer numbers and team roles. */
export const memberFile = (numbers: string[]) =>
  workbook(
    ['volunteerNo', 'role'],
    numbers.map((n) => [n, 'member']),
  );
