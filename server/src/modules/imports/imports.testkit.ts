/** Builders for the import tests: Excel files made with exceljs, valid people, and the matrix fixtures. */
import { setTimeout as delay } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { idCheckChar } from '@yiqi/shared/identity/documents';
import { XLSX_MIME } from '@yiqi/shared/contracts/imports';
import type { TestApp } from '../../test/harness.ts';

export const VOLUNTEER_HEADER = [
  '姓名',
  '证件类型',
  '证件号码',
  '手机号',
  '居住地区划代码',
  '出生日期',
  '性别',
  '同意登记时间',
  '同意凭证',
];
export const MEMBER_HEADER = ['志愿者编号', '证件类型', '证件号码', '队内角色'];
export const RECORD_HEADER = [
  '志愿者编号',
  '证件类型',
  '证件号码',
  '姓名',
  '服务日期',
  '活动名称',
  '服务地点',
  '服务内容',
  '岗位',
  '服务时长（小时）',
  '负责人',
];

export type CellValue = string | number | Date | null;

/** A workbook whose first sheet holds `header` and `rows` (cells as given: text stays text). */
export async function xlsx(header: string[], rows: CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/**
 * A sheet laid out as offices do: a merged title across the columns in row 1, optionally a date line in
 * row 2, then the header and the rows.
 */
export async function titledXlsx(
  title: string,
  header: string[],
  rows: CellValue[][],
  dateLine?: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, header.length);
  ws.getRow(1).alignment = { horizontal: 'center' };
  if (dateLine) ws.addRow([dateLine, '', '', '', '制表人：王五']);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A valid mainland ID number, different for each n (birth dates from 1970 on, sequence 001–999). */
export function idFor(n: number, seq = 1): string {
  const birth = new Date(Date.UTC(1970, 0, 1) + n * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `440305${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

let phones = Math.floor(Math.random() * 1e6);
export const phoneFor = () => `139${String(++phones % 1e8).padStart(8, '0')}`;

/** One valid volunteer row in VOLUNTEER_HEADER order; override cells by index. */
export function volunteerRow(n: number, over: Record<number, CellValue> = {}): CellValue[] {
  const row: CellValue[] = [
    `测试${n}`,
    '居民身份证',
    idFor(n),
    phoneFor(),
    '440305000000',
    '',
    '',
    '2026-11-01 08:00',
    `同意书 #${n}`,
  ];
  for (const [i, v] of Object.entries(over)) row[Number(i)] = v;
  return row;
}

/** Hours imports carry the batch's reason. */
export const RECORD_REASON = '2026 年纸质台账补录';

export function upload(t: TestApp, cookie: string, kind: string, orgId: string, file: Buffer, lang?: string) {
  t.clock.advance(1000); // jobs list newest first
  const reason = kind === 'records' ? `&reason=${encodeURIComponent(RECORD_REASON)}` : '';
  return t.app.inject({
    method: 'POST',
    url: `/api/imports/${kind}?orgId=${orgId}${reason}`,
    // The language cookie outranks the account's language (the errors are written in the uploader's).
    headers: { cookie: lang ? `${cookie}; yiqi_locale=${lang}` : cookie, 'content-type': XLSX_MIME },
    payload: file,
  });
}

export interface JobView {
  status: string;
  kind: string;
  totalRows: number;
  processed: number;
  created: number;
  skipped: number;
  errorCount: number;
  headerRow: number | null;
  startedAt: string;
  finishedAt: string | null;
  errors: { row: number; column: string | null; code: string; message: string }[];
}

/** Polls the job until it has finished; every view seen on the way is returned too. */
export async function waitForJob(t: TestApp, cookie: string, jobId: string) {
  const seen: JobView[] = [];
  // Generous: a loaded CI machine can take long; the bound only stops a stuck job from hanging the suite.
  for (let i = 0; i < 12000; i++) {
    const res = await t.app.inject({ url: `/api/imports/${jobId}`, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`job ${jobId}: ${res.statusCode} ${res.body}`);
    const job = res.json() as JobView;
    seen.push(job);
    if (!['validating', 'committing'].includes(job.status)) return { job, seen };
    await delay(10);
  }
  throw new Error(`job ${jobId} did not finish`);
}

/** Uploads and waits; fails the test on anything but 202. */
export async function importFile(t: TestApp, cookie: string, kind: string, orgId: string, file: Buffer) {
  const res = await upload(t, cookie, kind, orgId, file);
  if (res.statusCode !== 202) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return (await waitForJob(t, cookie, res.json().jobId)).job;
}

type MatrixReq = { method: string; url: string; payload?: unknown; headers?: Record<string, string> } | null;

/**
 * The import routes' cases for the authorization matrix: uploads and lists name the relation's
 * organization; single jobs are made directly in each relation's organization. An upload that passes
 * gets a file without data rows, so its background job ends at once (or a 409 when one is running).
 */
export function importMatrixFixtures(
  getT: () => TestApp,
  orgs: Record<string, string>,
): Record<string, (rel: string) => MatrixReq | Promise<MatrixReq>> {
  let empty: Promise<Buffer> | undefined;
  const emptyFile = () => (empty ??= xlsx(VOLUNTEER_HEADER, []));
  const job = async (orgId: string, kind: 'volunteers' | 'records' = 'volunteers') => {
    const db = getT().handle.db;
    const user = await db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow();
    const row = await db
      .insertInto('import_jobs')
      .values({
        kind,
        org_id: orgId,
        file_sha256: 'x',
        status: kind === 'records' ? 'done' : 'invalid',
        created_by: user.id,
        reason: kind === 'records' ? RECORD_REASON : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const targeted = (make: (rel: string) => Promise<MatrixReq> | MatrixReq) => (rel: string) =>
    rel === 'none' || rel === 'self' ? null : make(rel);
  const uploadTo = (kind: string) =>
    targeted(async (rel) => ({
      method: 'POST',
      url: `/api/imports/${kind}?orgId=${orgs[rel]}${kind === 'records' ? `&reason=${encodeURIComponent(RECORD_REASON)}` : ''}`,
      payload: await emptyFile(),
      headers: { 'content-type': XLSX_MIME },
    }));
  return {
    'GET /api/imports/templates/volunteers.xlsx': (rel) =>
      rel === 'none' ? { method: 'GET', url: '/api/imports/templates/volunteers.xlsx' } : null,
    'GET /api/imports/templates/members.xlsx': (rel) =>
      rel === 'none' ? { method: 'GET', url: '/api/imports/templates/members.xlsx' } : null,
    'GET /api/imports/templates/records.xlsx': (rel) =>
      rel === 'none' ? { method: 'GET', url: '/api/imports/templates/records.xlsx' } : null,
    'POST /api/imports/volunteers': uploadTo('volunteers'),
    'POST /api/imports/members': uploadTo('members'),
    'POST /api/imports/records': uploadTo('records'),
    'POST /api/imports/:id/decision': targeted(async (rel) => ({
      method: 'POST',
      url: `/api/imports/${await job(orgs[rel]!, 'records')}/decision`,
      payload: { decision: 'approve' },
    })),
    'GET /api/imports': targeted((rel) => ({ method: 'GET', url: `/api/imports?orgId=${orgs[rel]}` })),
    'GET /api/imports/:id': targeted(async (rel) => ({
      method: 'GET',
      url: `/api/imports/${await job(orgs[rel]!)}`,
    })),
    'GET /api/imports/:id/errors.xlsx': targeted(async (rel) => ({
      method: 'GET',
      url: `/api/imports/${await job(orgs[rel]!)}/errors.xlsx`,
    })),
  };
}
