import { errorMessage, type ErrorCode } from '@yiqi/shared/errors';
import type { Locale, Text } from '@yiqi/shared/i18n';
import { DOCUMENT_NAMES, DOCUMENT_TYPES, type DocumentType } from '@yiqi/shared/identity/documents';
import { MEMBERSHIP_ROLE_NAMES, type MembershipRole } from '@yiqi/shared/contracts/memberships';
import type { ImportKind, ImportRowErrorT } from '@yiqi/shared/contracts/imports';

/** The columns of the import files: what the header says (any language, or the key), and how to fill it. */

export interface ColumnDef {
  key: string;
  header: Text;
  /** Shown in the template's header note and appended to this column's error messages. */
  hint: Text;
  required: boolean;
  /** Other headers an organization's own sheet may use for the column. */
  aliases?: string[];
  /** Long digit strings: the template formats the column as text so Excel keeps every digit. */
  text?: boolean;
  width?: number;
}

const col = (
  key: string,
  header: Text,
  hint: Text,
  required: boolean,
  extra: Partial<ColumnDef> = {},
): ColumnDef => ({ key, header, hint, required, ...extra });

const docTypeColumn = (required: boolean) =>
  col(
    'docType',
    { 'zh-CN': '证件类型', 'zh-HK': '證件類型', en: 'Document type' },
    {
      'zh-CN': '见“证件类型”表，填名称或代码',
      'zh-HK': '見「證件類型」表，填名稱或代碼',
      en: 'see the "Document types" sheet: a name or a code',
    },
    required,
    { width: 26 },
  );
const docNumberColumn = (required: boolean) =>
  col(
    'docNumber',
    { 'zh-CN': '证件号码', 'zh-HK': '證件號碼', en: 'Document number' },
    {
      'zh-CN': '与证件类型相符的号码（身份证 18 位，校验位正确）',
      'zh-HK': '與證件類型相符的號碼（身份證 18 位，校驗位正確）',
      en: 'a number of that document type (ID cards: 18 characters with a valid check character)',
    },
    required,
    { text: true, width: 22 },
  );

export const VOLUNTEER_COLUMNS: readonly ColumnDef[] = [
  col(
    'name',
    { 'zh-CN': '姓名', 'zh-HK': '姓名', en: 'Name' },
    {
      'zh-CN': '与证件一致，1–50 字',
      'zh-HK': '與證件一致，1–50 字',
      en: 'as on the document, 1–50 characters',
    },
    true,
    { width: 12 },
  ),
  docTypeColumn(true),
  docNumberColumn(true),
  col(
    'phone',
    { 'zh-CN': '手机号', 'zh-HK': '手機號碼', en: 'Mobile phone' },
    { 'zh-CN': '11 位大陆手机号', 'zh-HK': '11 位內地手機號碼', en: '11-digit mainland mobile number' },
    true,
    { text: true, width: 14 },
  ),
  col(
    'regionCode',
    { 'zh-CN': '居住地区划代码', 'zh-HK': '居住地區劃代碼', en: 'Residence region code' },
    {
      'zh-CN': '12 位统计用区划代码（社区/村或街道/区）',
      'zh-HK': '12 位統計用區劃代碼（社區/村或街道/區）',
      en: '12-digit statistical region code (community, street or district)',
    },
    true,
    { text: true, width: 16 },
  ),
  col(
    'birthDate',
    { 'zh-CN': '出生日期', 'zh-HK': '出生日期', en: 'Birth date' },
    {
      'zh-CN': 'YYYY-MM-DD；18 位证件号码可不填（填写须与号码一致）',
      'zh-HK': 'YYYY-MM-DD；18 位證件號碼可不填（填寫須與號碼一致）',
      en: 'YYYY-MM-DD; may be left empty for 18-character numbers (must match them if given)',
    },
    false,
    { text: true, width: 12 },
  ),
  col(
    'gender',
    { 'zh-CN': '性别', 'zh-HK': '性別', en: 'Gender' },
    {
      'zh-CN': '男 或 女；18 位证件号码可不填',
      'zh-HK': '男 或 女；18 位證件號碼可不填',
      en: 'male or female (男/女); may be left empty for 18-character numbers',
    },
    false,
    { width: 8 },
  ),
  col(
    'consentRecordedAt',
    { 'zh-CN': '同意登记时间', 'zh-HK': '同意登記時間', en: 'Consent recorded at' },
    {
      'zh-CN': '本人同意由组织代为登记的时间，YYYY-MM-DD HH:MM（北京时间），不晚于现在',
      'zh-HK': '本人同意由組織代為登記的時間，YYYY-MM-DD HH:MM（北京時間），不晚於現在',
      en: 'when the person agreed to be registered by the organization, YYYY-MM-DD HH:MM (Beijing time), not in the future',
    },
    true,
    { text: true, width: 18 },
  ),
  col(
    'consentEvidence',
    { 'zh-CN': '同意凭证', 'zh-HK': '同意憑證', en: 'Consent evidence' },
    {
      'zh-CN': '同意书编号、存放位置等，1–500 字',
      'zh-HK': '同意書編號、存放位置等，1–500 字',
      en: 'consent form reference or where it is kept, 1–500 characters',
    },
    true,
    { width: 24 },
  ),
  col(
    'privacyNoticeVersion',
    { 'zh-CN': '隐私告知版本', 'zh-HK': '私隱告知版本', en: 'Privacy notice version' },
    {
      'zh-CN': '选填：本人签阅的个人信息告知书版本',
      'zh-HK': '選填：本人簽閱的個人資料告知書版本',
      en: 'optional: the version of the privacy notice the person signed',
    },
    false,
    { width: 14 },
  ),
];

const volunteerNoColumn = col(
  'volunteerNo',
  { 'zh-CN': '志愿者编号', 'zh-HK': '義工編號', en: 'Volunteer number' },
  {
    'zh-CN': '14 位志愿者编号；不填则按证件类型和证件号码查找',
    'zh-HK': '14 位義工編號；不填則按證件類型和證件號碼查找',
    en: '14-digit volunteer number; if empty, the person is found by document type and number',
  },
  false,
  { text: true, width: 18 },
);

export const MEMBER_COLUMNS: readonly ColumnDef[] = [
  volunteerNoColumn,
  docTypeColumn(false),
  docNumberColumn(false),
  col(
    'role',
    { 'zh-CN': '队内角色', 'zh-HK': '隊內角色', en: 'Team role' },
    {
      'zh-CN': '成员、骨干 或 管理员（member/leader/admin），不填为成员',
      'zh-HK': '成員、骨幹 或 管理員（member/leader/admin），不填為成員',
      en: 'member, leader or admin (成员/骨干/管理员); empty means member',
    },
    false,
    { width: 12 },
  ),
];

/** Hours from an organization's own sheet: one row per volunteer, day and activity. */
export const RECORD_COLUMNS: readonly ColumnDef[] = [
  volunteerNoColumn,
  docTypeColumn(false),
  docNumberColumn(false),
  col(
    'name',
    { 'zh-CN': '姓名', 'zh-HK': '姓名', en: 'Name' },
    {
      'zh-CN': '选填：填写时须与该志愿者登记的姓名一致（用于核对）',
      'zh-HK': '選填：填寫時須與該義工登記的姓名一致（用於核對）',
      en: "optional: if given, must match the volunteer's registered name (a cross-check)",
    },
    false,
    { width: 12 },
  ),
  col(
    'serviceDate',
    { 'zh-CN': '服务日期', 'zh-HK': '服務日期', en: 'Service date' },
    {
      'zh-CN': 'YYYY-MM-DD，不晚于今天',
      'zh-HK': 'YYYY-MM-DD，不晚於今天',
      en: 'YYYY-MM-DD, not after today',
    },
    true,
    { text: true, width: 12, aliases: ['日期', '活动日期', '活動日期', 'date'] },
  ),
  col(
    'activityTitle',
    { 'zh-CN': '活动名称', 'zh-HK': '活動名稱', en: 'Activity' },
    { 'zh-CN': '1–100 字', 'zh-HK': '1–100 字', en: '1–100 characters' },
    true,
    { width: 28, aliases: ['活动', '活動', '项目名称', '項目名稱', 'activity title'] },
  ),
  col(
    'place',
    { 'zh-CN': '服务地点', 'zh-HK': '服務地點', en: 'Place' },
    { 'zh-CN': '1–200 字', 'zh-HK': '1–200 字', en: '1–200 characters' },
    true,
    { width: 28, aliases: ['地点', '地點', '活动地点', '活動地點'] },
  ),
  col(
    'content',
    { 'zh-CN': '服务内容', 'zh-HK': '服務內容', en: 'Service content' },
    { 'zh-CN': '1–1000 字', 'zh-HK': '1–1000 字', en: '1–1000 characters' },
    true,
    { width: 32, aliases: ['内容', '內容', 'content'] },
  ),
  col(
    'positionName',
    { 'zh-CN': '岗位', 'zh-HK': '崗位', en: 'Position' },
    { 'zh-CN': '选填，最多 100 字', 'zh-HK': '選填，最多 100 字', en: 'optional, up to 100 characters' },
    false,
    { width: 14 },
  ),
  col(
    'hours',
    { 'zh-CN': '服务时长（小时）', 'zh-HK': '服務時數（小時）', en: 'Hours' },
    {
      'zh-CN': '实际服务小时数（不含路途），大于 0、不超过 24，最多两位小数，如 2.5',
      'zh-HK': '實際服務小時數（不含路程），大於 0、不超過 24，最多兩位小數，如 2.5',
      en: 'hours actually served (travel excluded), over 0 and at most 24, up to two decimals, e.g. 2.5',
    },
    true,
    {
      width: 10,
      aliases: [
        '时长',
        '時長',
        '服务时长',
        '服務時長',
        '志愿服务时长',
        '时数',
        '時數',
        '服务时数',
        '服務時數',
        '小时数',
      ],
    },
  ),
  col(
    'personInCharge',
    { 'zh-CN': '负责人', 'zh-HK': '負責人', en: 'Person in charge' },
    { 'zh-CN': '1–100 字', 'zh-HK': '1–100 字', en: '1–100 characters' },
    true,
    { width: 12 },
  ),
];

export const COLUMNS: Record<ImportKind, readonly ColumnDef[]> = {
  volunteers: VOLUNTEER_COLUMNS,
  members: MEMBER_COLUMNS,
  records: RECORD_COLUMNS,
};

/** Header text and lookup values compare without case, spaces, required-markers or width of brackets. */
export function normalize(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*＊_\-·]/g, '');
}

/** Every way a header may name a column: its key and its name in each language. */
export function headerAliases(columns: readonly ColumnDef[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of columns)
    for (const t of [c.key, ...Object.values(c.header), ...(c.aliases ?? [])]) m.set(normalize(t), c.key);
  return m;
}

const DOC_ALIASES = new Map<string, DocumentType>();
for (const t of DOCUMENT_TYPES) {
  DOC_ALIASES.set(normalize(t), t);
  for (const name of Object.values(DOCUMENT_NAMES[t])) DOC_ALIASES.set(normalize(name), t);
}
for (const [alias, t] of [
  ['身份证', 'mainland_id'],
  ['身份證', 'mainland_id'],
  ['回乡证', 'home_return_permit'],
  ['台胞证', 'taiwan_compatriot_permit'],
  ['永居证', 'foreign_permanent_residence'],
] as const)
  DOC_ALIASES.set(normalize(alias), t);

export function parseDocType(s: string): DocumentType | undefined {
  return DOC_ALIASES.get(normalize(s));
}

const ROLE_ALIASES = new Map<string, MembershipRole>();
for (const [role, names] of Object.entries(MEMBERSHIP_ROLE_NAMES))
  for (const n of [role, ...Object.values(names)]) ROLE_ALIASES.set(normalize(n), role as MembershipRole);
for (const [alias, role] of [
  ['成员', 'member'],
  ['成員', 'member'],
  ['骨干', 'leader'],
  ['骨幹', 'leader'],
] as const)
  ROLE_ALIASES.set(normalize(alias), role);

export function parseRole(s: string): MembershipRole | undefined {
  return s === '' ? 'member' : ROLE_ALIASES.get(normalize(s));
}

export function parseGender(s: string): 'male' | 'female' | undefined {
  const n = normalize(s);
  if (['男', 'm', 'male'].includes(n)) return 'male';
  if (['女', 'f', 'female'].includes(n)) return 'female';
  return undefined;
}

const ROW_REF: Text = { 'zh-CN': '与第 {n} 行重复', 'zh-HK': '與第 {n} 列重複', en: 'same as row {n}' };

/**
 * A row error with its message in the uploader's language: the code's message, then what the column
 * expects (or the row it duplicates).
 */
export function rowError(
  locale: Locale,
  columns: readonly ColumnDef[],
  row: number,
  column: string | null,
  code: ErrorCode,
  extra?: { duplicateOf?: number },
): ImportRowErrorT {
  const base = errorMessage(code, locale);
  const def = column ? columns.find((c) => c.key === column) : undefined;
  const note = extra?.duplicateOf
    ? ROW_REF[locale].replace('{n}', String(extra.duplicateOf))
    : code === 'IMPORT_CELL_INVALID' || code === 'IMPORT_COLUMN_MISSING' || code === 'VALIDATION_FAILED'
      ? def && (code === 'IMPORT_COLUMN_MISSING' ? def.header[locale] : def.hint[locale])
      : undefined;
  const message = note ? (locale === 'en' ? `${base} (${note})` : `${base}（${note}）`) : base;
  return { row, column, code, message };
}
