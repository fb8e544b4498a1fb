import ExcelJS from 'exceljs';
import type { Locale, Text } from '@yiqi/shared/i18n';
import { DOCUMENT_NAMES, DOCUMENT_TYPES } from '@yiqi/shared/identity/documents';
import { MEMBERSHIP_ROLE_NAMES, MEMBERSHIP_ROLES } from '@yiqi/shared/contracts/memberships';
import { MAX_IMPORT_ROWS, type ImportKind } from '@yiqi/shared/contracts/imports';
import { COLUMNS, type ColumnDef } from './imports.columns.ts';

/**
 * The import templates: the data sheet first (a Chinese header row, the English column keys under it, a
 * note on each header saying what goes in), then an example sheet, the document types, and instructions.
 * The reader recognises the header in either language and skips the key line.
 */

const SHEETS: Record<ImportKind, Text> = {
  volunteers: { 'zh-CN': '志愿者', 'zh-HK': '義工', en: 'Volunteers' },
  members: { 'zh-CN': '成员', 'zh-HK': '成員', en: 'Members' },
  records: { 'zh-CN': '服务时长', 'zh-HK': '服務時數', en: 'Hours' },
};
const EXAMPLE: Text = { 'zh-CN': '示例', 'zh-HK': '示例', en: 'Example' };
const DOC_SHEET: Text = { 'zh-CN': '证件类型', 'zh-HK': '證件類型', en: 'Document types' };
const ROLE_SHEET: Text = { 'zh-CN': '队内角色', 'zh-HK': '隊內角色', en: 'Team roles' };
const HELP_SHEET: Text = { 'zh-CN': '说明', 'zh-HK': '說明', en: 'Instructions' };

const EXAMPLES: Record<ImportKind, Record<string, string>[]> = {
  volunteers: [
    {
      name: '陈志愿',
      docType: '居民身份证',
      docNumber: '440305199003150014',
      phone: '13800138000',
      regionCode: '440305001001',
      consentRecordedAt: '2026-11-01 09:30',
      consentEvidence: '纸质同意书 2026-001，存于服务队档案柜',
    },
    {
      name: 'WONG Ka Yan',
      docType: 'passport',
      docNumber: 'E12345678',
      phone: '13900139000',
      regionCode: '440304000000',
      birthDate: '1988-07-21',
      gender: '女',
      consentRecordedAt: '2026-11-02 14:00',
      consentEvidence: '电子同意书 #B-17',
      privacyNoticeVersion: '2026-01',
    },
  ],
  members: [
    { volunteerNo: '44030512345674', role: '成员' },
    { docType: '居民身份证', docNumber: '440305199003150014', role: '骨干' },
  ],
  records: [
    {
      volunteerNo: '44030512345674',
      name: '陈志愿',
      serviceDate: '2026-10-18',
      activityTitle: '南山社区长者探访',
      place: '深圳市南山区粤海街道科技园社区党群服务中心',
      content: '入户探访独居长者，协助测量血压',
      positionName: '探访员',
      hours: '2.5',
      personInCharge: '李队长',
    },
    {
      docType: '居民身份证',
      docNumber: '440305199003150014',
      serviceDate: '2026-10-25',
      activityTitle: '深圳湾公园净滩',
      place: '深圳湾公园',
      content: '海滩垃圾清理与分类',
      hours: '3',
      personInCharge: '王老师',
    },
  ],
};

const HELP: Record<ImportKind, string[]> = {
  volunteers: [
    '用途：组织代本人登记志愿者（须已取得本人同意，并记录同意时间和凭证）。',
    'Purpose: register volunteers on their behalf, with their consent on record (time and evidence).',
    '在第一个工作表“志愿者”中从第 3 行起每人一行；第 1 行为列名，第 2 行为英文列名，请勿修改。',
    'Fill in the first sheet from row 3, one person per row; keep the header (row 1) and the key line (row 2).',
    '证件类型填名称或代码（见“证件类型”表）；证件号码、手机号、区划代码请保持文本格式，以免 Excel 丢失位数。',
    'Document type: a name or a code from the "Document types" sheet. Keep number columns as text so Excel keeps every digit.',
    '18 位证件号码含出生日期和性别，可不填这两列；其他证件必须填写。未满 14 周岁者不能通过导入登记。',
    '18-character numbers carry birth date and gender; other documents need both. Children under 14 cannot be imported.',
    '上传后系统先校验全部行：只要有一行有错，就不会写入任何数据，可下载错误清单修改后重新上传。',
    'Every row is checked first: if any row has a problem nothing is written; download the error list, fix, upload again.',
    '已登记的人（同一证件）会被跳过，同一文件重复上传不会重复登记。',
    'People already registered (same document) are skipped: uploading the same file twice adds nothing.',
    `每个文件最多 ${MAX_IMPORT_ROWS.toLocaleString('en')} 行、40 MB。`,
    `At most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows and 40 MB per file.`,
  ],
  members: [
    '用途：把已登记的志愿者批量加入本组织（直接成为在队成员）。',
    'Purpose: add registered volunteers to the team as active members.',
    '每行填志愿者编号，或证件类型加证件号码；队内角色填 成员、骨干 或 管理员，不填为成员。',
    'Each row: a volunteer number, or document type and number; role member, leader or admin (empty = member).',
    '只要有一行有错，就不会写入任何数据；已在队（或已申请、已邀请）的人会被跳过。',
    'If any row has a problem nothing is written; people already in the team (or applied, invited) are skipped.',
  ],
  records: [
    '用途：把未在本平台签到签退的志愿服务（如纸质台账）的时长批量补录为本组织的服务记录。',
    "Purpose: record past service that was not checked in on this platform (e.g. a paper roster) as the organization's service records.",
    '每行一名志愿者在一天参加一项活动：志愿者编号，或证件类型加证件号码；姓名选填，用于核对。',
    'One row per volunteer, day and activity: a volunteer number, or document type and number; the name is optional, as a cross-check.',
    '服务时长填实际服务小时数（不含路途），最多两位小数；同一志愿者同一天的时长合计不得超过 24 小时。',
    "Hours actually served (travel excluded), up to two decimals; one volunteer's hours on one day may not exceed 24 in all.",
    '上传时须填写补录原因；导入的记录为“待审核”，须由本组织另一名管理员或上级区域管理员审核通过后才计入时长。',
    'Give the reason with the upload; imported records wait, pending, until another admin of the organization or a region admin above approves them.',
    '只要有一行有错，就不会写入任何数据；本组织已记录的同一志愿者、同一天、同一活动会被跳过，重复上传不会重复记录。',
    'If any row has a problem nothing is written; rows already recorded (same volunteer, day and activity) are skipped, so uploading again adds nothing.',
    `每个文件最多 ${MAX_IMPORT_ROWS.toLocaleString('en')} 行、40 MB。`,
    `At most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows and 40 MB per file.`,
  ],
};

function headerRows(ws: ExcelJS.Worksheet, columns: readonly ColumnDef[], locale: Locale, notes: boolean) {
  const headerLocale: Locale = locale === 'zh-HK' ? 'zh-HK' : 'zh-CN';
  ws.columns = columns.map((c) => ({
    key: c.key,
    width: c.width ?? 16,
    ...(c.text ? { style: { numFmt: '@' } } : {}),
  }));
  const head = ws.getRow(1);
  const keys = ws.getRow(2);
  columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.header[headerLocale];
    if (notes)
      cell.note = `${c.header.en}${c.required ? ' (required / 必填)' : ''}\n${c.hint[headerLocale]}\n${c.hint.en}`;
    keys.getCell(i + 1).value = c.key;
  });
  head.font = { bold: true };
  keys.font = { italic: true, color: { argb: 'FF808080' } };
  ws.views = [{ state: 'frozen', ySplit: 2 }];
}

/** A template workbook for one kind of import; sheet names and header script follow the caller's language. */
export async function template(kind: ImportKind, locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yiqi';
  const columns = COLUMNS[kind];
  const name = (t: Text) => (locale === 'en' ? `${t['zh-CN']} ${t.en}` : t[locale]);

  const data = wb.addWorksheet(name(SHEETS[kind]));
  headerRows(data, columns, locale, true);
  const docSheet = name(DOC_SHEET);
  const docCol = columns.findIndex((c) => c.key === 'docType') + 1;
  const genderCol = columns.findIndex((c) => c.key === 'gender') + 1;
  // Drop-down lists on the first rows (where lists are typed in by hand); pasted values are checked on upload.
  for (let r = 3; r <= 1002; r++) {
    data.getCell(r, docCol).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`'${docSheet}'!$B$2:$B$${DOCUMENT_TYPES.length + 1}`],
    };
    if (genderCol > 0)
      data.getCell(r, genderCol).dataValidation = { type: 'list', allowBlank: true, formulae: ['"男,女"'] };
  }

  const example = wb.addWorksheet(name(EXAMPLE));
  headerRows(example, columns, locale, false);
  for (const row of EXAMPLES[kind]) example.addRow(row);

  const docs = wb.addWorksheet(docSheet);
  docs.columns = [
    { header: '代码 code', key: 'code', width: 28 },
    { header: '名称', key: 'zhCN', width: 30 },
    { header: '名稱', key: 'zhHK', width: 30 },
    { header: 'Name', key: 'en', width: 36 },
  ];
  docs.getRow(1).font = { bold: true };
  for (const t of DOCUMENT_TYPES)
    docs.addRow({
      code: t,
      zhCN: DOCUMENT_NAMES[t]['zh-CN'],
      zhHK: DOCUMENT_NAMES[t]['zh-HK'],
      en: DOCUMENT_NAMES[t].en,
    });

  if (kind === 'members') {
    const roles = wb.addWorksheet(name(ROLE_SHEET));
    roles.columns = [
      { header: '代码 code', key: 'code', width: 12 },
      { header: '名称', key: 'zh', width: 16 },
      { header: 'Name', key: 'en', width: 16 },
    ];
    roles.getRow(1).font = { bold: true };
    const also: Record<string, string> = { member: '成员', leader: '骨干', admin: '管理员' };
    for (const r of MEMBERSHIP_ROLES)
      roles.addRow({ code: r, zh: `${also[r]} / ${MEMBERSHIP_ROLE_NAMES[r]['zh-CN']}`, en: r });
  }

  const help = wb.addWorksheet(name(HELP_SHEET));
  help.getColumn(1).width = 120;
  for (const line of HELP[kind]) help.addRow([line]);

  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
