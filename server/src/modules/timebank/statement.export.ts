import ExcelJS from 'exceljs';
import type { Locale, Text } from '@yiqi/shared/i18n';
import type { Statement } from '@yiqi/shared/contracts/timebank';
import { ACCOUNT_KIND_NAMES, TRANSFER_KIND_NAMES } from '@yiqi/shared/timebank-names';

/** A statement as .xlsx, headed in the caller's language: a summary block, then one row per entry. */

const CHINA_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

const T = {
  sheet: { 'zh-CN': '积分明细', 'zh-HK': '積分明細', en: 'Statement' },
  account: { 'zh-CN': '账户', 'zh-HK': '賬戶', en: 'Account' },
  period: { 'zh-CN': '期间', 'zh-HK': '期間', en: 'Period' },
  opening: { 'zh-CN': '期初余额', 'zh-HK': '期初餘額', en: 'Opening balance' },
  closing: { 'zh-CN': '期末余额', 'zh-HK': '期末餘額', en: 'Closing balance' },
  reconciled: { 'zh-CN': '对账', 'zh-HK': '對賬', en: 'Reconciled' },
  time: { 'zh-CN': '时间', 'zh-HK': '時間', en: 'Time' },
  kind: { 'zh-CN': '类型', 'zh-HK': '類型', en: 'Kind' },
  amount: { 'zh-CN': '积分变动', 'zh-HK': '積分變動', en: 'Points' },
  counterpart: { 'zh-CN': '对方账户', 'zh-HK': '對方賬戶', en: 'Counterpart' },
  reason: { 'zh-CN': '事由', 'zh-HK': '事由', en: 'Reason' },
  balance: { 'zh-CN': '余额', 'zh-HK': '餘額', en: 'Balance' },
  no: { 'zh-CN': '流水号', 'zh-HK': '流水號', en: 'Entry' },
} satisfies Record<string, Text>;

export async function statementWorkbook(s: Statement, locale: Locale): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Yiqi';
  const sheet = book.addWorksheet(T.sheet[locale]);
  const name = s.account.label ?? ACCOUNT_KIND_NAMES[s.account.kind][locale];
  sheet.addRow([T.account[locale], `${s.account.schemeName} · ${name}`]);
  sheet.addRow([T.period[locale], `${s.from ?? '…'} – ${s.to ?? '…'}`]);
  sheet.addRow([T.opening[locale], s.opening]);
  sheet.addRow([T.closing[locale], s.closing]);
  sheet.addRow([T.reconciled[locale], s.reconciled ? '✓' : '✗']);
  sheet.addRow([]);
  const header = sheet.addRow([
    T.no[locale],
    T.time[locale],
    T.kind[locale],
    T.amount[locale],
    T.counterpart[locale],
    T.reason[locale],
    T.balance[locale],
  ]);
  header.font = { bold: true };
  for (const l of s.lines.items)
    sheet.addRow([
      l.transferId,
      CHINA_TIME.format(new Date(l.at)),
      TRANSFER_KIND_NAMES[l.kind][locale],
      l.amount,
      l.counterpartLabel ?? ACCOUNT_KIND_NAMES[l.counterpartKind][locale],
      // A deposit names the service record it banked.
      l.reason ?? (l.record ? `${l.record.activityTitle} · ${l.record.serviceDate}` : ''),
      l.balance,
    ]);
  sheet.columns.forEach((c, i) => (c.width = [10, 18, 14, 10, 20, 30, 10][i]));
  return Buffer.from(await book.xlsx.writeBuffer());
}
