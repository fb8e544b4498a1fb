import ExcelJS from 'exceljs';
import type { Locale, Text } from '@yiqi/shared/i18n';
import { CATEGORY_NAMES, type ServiceCategory } from '@yiqi/shared/categories';
import { ORG_STATUS_NAMES, ORG_TYPE_NAMES, type OrganizationRow } from '@yiqi/shared/contracts/organizations';

export type ExportRow = OrganizationRow & {
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
};

/** Times are stored in UTC; the sheet is read in China, so it shows Beijing time as text. */
const CHINA_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

const COLUMNS: { key: string; width: number; title: Text; value: (r: ExportRow, l: Locale) => unknown }[] = [
  { key: 'name', width: 32, title: { 'zh-CN': '名称', 'zh-HK': '名稱', en: 'Name' }, value: (r) => r.name },
  {
    key: 'type',
    width: 16,
    title: { 'zh-CN': '类型', 'zh-HK': '類型', en: 'Type' },
    value: (r, l) => ORG_TYPE_NAMES[r.orgType][l],
  },
  {
    key: 'uscc',
    width: 22,
    title: { 'zh-CN': '统一社会信用代码', 'zh-HK': '統一社會信用代碼', en: 'USCC' },
    value: (r) => r.uscc ?? '',
  },
  {
    key: 'host',
    width: 24,
    title: { 'zh-CN': '挂靠单位', 'zh-HK': '掛靠單位', en: 'Host unit' },
    value: (r) => r.hostUnit ?? '',
  },
  {
    key: 'region',
    width: 16,
    title: { 'zh-CN': '所在区域', 'zh-HK': '所在區域', en: 'Region' },
    value: (r) => r.regionName,
  },
  {
    key: 'regionCode',
    width: 14,
    title: { 'zh-CN': '区划代码', 'zh-HK': '區劃代碼', en: 'Region code' },
    value: (r) => r.regionCode,
  },
  {
    key: 'address',
    width: 32,
    title: { 'zh-CN': '地址', 'zh-HK': '地址', en: 'Address' },
    value: (r) => r.address ?? '',
  },
  {
    key: 'person',
    width: 12,
    title: { 'zh-CN': '负责人', 'zh-HK': '負責人', en: 'Person in charge' },
    value: (r) => r.personInCharge ?? '',
  },
  {
    key: 'contact',
    width: 12,
    title: { 'zh-CN': '联系人', 'zh-HK': '聯絡人', en: 'Contact' },
    value: (r) => r.contactName ?? '',
  },
  {
    key: 'phone',
    width: 14,
    title: { 'zh-CN': '联系电话', 'zh-HK': '聯絡電話', en: 'Phone' },
    value: (r) => r.contactPhone ?? '',
  },
  {
    key: 'categories',
    width: 28,
    title: { 'zh-CN': '服务类别', 'zh-HK': '服務類別', en: 'Categories' },
    value: (r, l) =>
      r.categories.map((c) => CATEGORY_NAMES[c as ServiceCategory]?.[l] ?? c).join(l === 'en' ? ', ' : '、'),
  },
  {
    key: 'levelBody',
    width: 10,
    title: { 'zh-CN': '层级机构', 'zh-HK': '層級機構', en: 'Level body' },
    value: (r, l) => (r.levelBody ? (l === 'en' ? 'Yes' : '是') : ''),
  },
  {
    key: 'status',
    width: 10,
    title: { 'zh-CN': '状态', 'zh-HK': '狀態', en: 'Status' },
    value: (r, l) => ORG_STATUS_NAMES[r.status][l],
  },
  {
    key: 'members',
    width: 10,
    title: { 'zh-CN': '在队人数', 'zh-HK': '在隊人數', en: 'Members' },
    value: (r) => r.activeMembers,
  },
  {
    key: 'created',
    width: 20,
    title: { 'zh-CN': '注册时间', 'zh-HK': '註冊時間', en: 'Registered' },
    value: (r) => CHINA_TIME.format(new Date(r.createdAt)),
  },
];

/**
 * The organization list as .xlsx, headed in the caller's language. Phones stay masked: an export leaves
 * the system, so it carries no more personal data than the screen shows.
 */
export async function organizationsWorkbook(rows: ExportRow[], locale: Locale): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Yiqi';
  const sheet = book.addWorksheet(locale === 'en' ? 'Organizations' : locale === 'zh-HK' ? '組織' : '组织', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = COLUMNS.map((c) => ({ header: c.title[locale], key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, c.value(r, locale)])));
  return Buffer.from(await book.xlsx.writeBuffer());
}
