import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { fallbacksFor, primaryFonts, runsOf, type Fallback } from '../certificates/certificates.fonts.ts';
import { escapeXml } from './handouts.text.ts';

export interface SheetRow {
  name: string;
  phone: string;
  position: string;
  shift: string;
  checkIn: string;
  checkOut: string;
}

export interface SheetInput {
  title: string;
  orgName: string;
  time: string;
  address: string;
  printedAt: string;
  rows: SheetRow[];
}

// A4 landscape: seven columns and a signature box wide enough to sign in.
const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = 36;
const ROW_H = 30;
const COLUMNS: { title: string; width: number; key: keyof SheetRow | 'n' | 'signature' }[] = [
  { title: '序号', width: 34, key: 'n' },
  { title: '姓名', width: 84, key: 'name' },
  { title: '手机号', width: 88, key: 'phone' },
  { title: '岗位', width: 110, key: 'position' },
  { title: '班次', width: 150, key: 'shift' },
  { title: '签到时间', width: 94, key: 'checkIn' },
  { title: '签退时间', width: 94, key: 'checkOut' },
  { title: '本人签名', width: 115.89, key: 'signature' },
];

/**
 * Text in the primary CJK face, with characters it lacks (rare names) in a fallback face, as the
 * certificates do (decision 0011): one line, clipped to the cell.
 */
function cellText(
  doc: PDFKit.PDFDocument,
  fallbacks: Map<number, Fallback>,
  text: string,
  x: number,
  y: number,
  width: number,
) {
  const runs = runsOf(text, fallbacks);
  runs.forEach((r, i) => {
    doc.font(r.font ?? 'body');
    const o = { width, lineBreak: false, ellipsis: true, continued: i < runs.length - 1 };
    if (i === 0) doc.text(r.text, x, y, o);
    else doc.text(r.text, o);
  });
  doc.font('body');
}

/** The paper sign-in sheet: heading (activity, organization, time, place), then a ruled table per page. */
export async function renderSignInSheet(input: SheetInput): Promise<Buffer> {
  const { regular, bold } = primaryFonts();
  const fallbacks = await fallbacksFor([
    input.title,
    input.orgName,
    input.address,
    ...input.rows.map((r) => r.name),
  ]);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    // A small bottom margin: the footer line sits below the table and must not start a page of its own.
    margins: { top: MARGIN, bottom: 8, left: MARGIN, right: MARGIN },
    info: { Title: `签到表 ${input.title}`, Author: input.orgName, Creator: 'Yiqi 一起' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', regular);
  doc.registerFont('bold', bold);
  for (const f of new Set(fallbacks.values())) doc.registerFont(f.name, f.data);

  const tableWidth = COLUMNS.reduce((s, c) => s + c.width, 0);
  const perPage = Math.floor((PAGE.height - MARGIN - 120 - 30) / ROW_H);
  // At least one page, with a few empty rows for walk-ins when the list is short.
  const rows: (SheetRow | null)[] = [...input.rows];
  const blanks = Math.max(5, perPage - (rows.length % perPage || perPage));
  for (let i = 0; i < blanks && rows.length % perPage !== 0; i++) rows.push(null);
  if (rows.length === 0) rows.push(...Array<null>(perPage).fill(null));
  const pages = Math.ceil(rows.length / perPage);

  for (let p = 0; p < pages; p++) {
    if (p > 0) doc.addPage();
    doc.fillColor('#1f1f1f').font('bold').fontSize(18);
    doc.text('志愿服务活动签到表', MARGIN, MARGIN, { width: tableWidth, align: 'center' });
    doc.font('body').fontSize(11);
    cellText(doc, fallbacks, `活动：${input.title}`, MARGIN, MARGIN + 32, tableWidth / 2);
    cellText(doc, fallbacks, `组织：${input.orgName}`, MARGIN + tableWidth / 2, MARGIN + 32, tableWidth / 2);
    cellText(doc, fallbacks, `时间：${input.time}`, MARGIN, MARGIN + 52, tableWidth / 2);
    cellText(doc, fallbacks, `地点：${input.address}`, MARGIN + tableWidth / 2, MARGIN + 52, tableWidth / 2);
    const top = MARGIN + 80;
    doc.save().rect(MARGIN, top, tableWidth, ROW_H).fillColor('#f3f3f3').fill().restore();
    let x = MARGIN;
    doc.font('bold').fontSize(10.5).fillColor('#1f1f1f');
    for (const c of COLUMNS) {
      doc.text(c.title, x, top + 9, { width: c.width, align: 'center', lineBreak: false });
      x += c.width;
    }
    const slice = rows.slice(p * perPage, (p + 1) * perPage);
    doc.font('body').fontSize(10);
    slice.forEach((r, i) => {
      const y = top + ROW_H * (i + 1);
      let cx = MARGIN;
      for (const c of COLUMNS) {
        const value =
          c.key === 'n'
            ? r
              ? String(p * perPage + i + 1)
              : ''
            : c.key === 'signature' || !r
              ? ''
              : r[c.key];
        if (value) cellText(doc, fallbacks, value, cx + 4, y + 10, c.width - 8);
        cx += c.width;
      }
    });
    const bottom = top + ROW_H * (slice.length + 1);
    doc.save().lineWidth(0.6).strokeColor('#595959');
    for (let i = 0; i <= slice.length + 1; i++)
      doc
        .moveTo(MARGIN, top + i * ROW_H)
        .lineTo(MARGIN + tableWidth, top + i * ROW_H)
        .stroke();
    x = MARGIN;
    for (let i = 0; i <= COLUMNS.length; i++) {
      doc.moveTo(x, top).lineTo(x, bottom).stroke();
      x += COLUMNS[i]?.width ?? 0;
    }
    doc.restore();
    doc.fontSize(8.5).fillColor('#666666');
    doc.text(
      `打印时间 ${input.printedAt} · 第 ${p + 1} / ${pages} 页 · 手机号已隐藏中间四位 · 负责人签字：`,
      MARGIN,
      PAGE.height - MARGIN - 12,
      { width: tableWidth, lineBreak: false },
    );
  }
  doc.end();
  return done;
}

export interface CardInput {
  title: string;
  time: string;
  address: string;
  orgName: string;
  url: string;
}

/**
 * Splits a text into lines of at most `n` ems (CJK text has no spaces to break at; digits and Latin letters
 * take about half an em), at most `max` lines, the last shortened with … when the text is longer.
 */
function lines(text: string, n: number, max: number): string[] {
  const out: string[] = [];
  let line = '';
  let width = 0;
  for (const ch of text) {
    const w = ch.charCodeAt(0) < 0x2e80 ? 0.55 : 1;
    if (width + w > n) {
      out.push(line);
      if (out.length === max) {
        out[max - 1] = line.slice(0, -1) + '…';
        return out;
      }
      line = '';
      width = 0;
    }
    line += ch;
    width += w;
  }
  if (line) out.push(line);
  return out;
}

/**
 * The share card: a 750 × 1200 poster (the width of a phone screenshot) with the activity's title, time,
 * place and organization and a QR code to its public page. SVG, so it stays sharp on paper; the console
 * turns it into a PNG for WeChat (features/activities/console/ShareCardPage).
 */
export async function renderShareCard(c: CardInput): Promise<string> {
  const qr = await QRCode.toString(c.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  const qrInner = qr.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const size = /viewBox="0 0 (\d+) (\d+)"/.exec(qr)?.[1] ?? '33';
  const font = `font-family="'PingFang SC','Noto Sans CJK SC','Noto Sans SC','Microsoft YaHei',sans-serif"`;
  const t = (x: number, y: number, s: string, attrs: string) =>
    `<text x="${x}" y="${y}" ${attrs}>${escapeXml(s)}</text>`;
  const title = lines(c.title, 13, 3).map((l, i) =>
    t(60, 230 + i * 62, l, 'font-size="48" font-weight="700" fill="#1f1f1f"'),
  );
  const y0 = 230 + title.length * 62 + 40;
  let y = y0;
  const facts = [
    ['时间', c.time],
    ['地点', c.address],
    ['组织', c.orgName],
  ].flatMap(([k, v]) => {
    const vs = lines(v!, 19, 2);
    const out = [
      t(60, y, k!, 'font-size="26" fill="#8c8c8c"'),
      ...vs.map((l, j) => t(140, y + j * 38, l, 'font-size="28" fill="#1f1f1f"')),
    ];
    y += vs.length * 38 + 34;
    return out;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="750" height="1200" viewBox="0 0 750 1200" ${font}>`,
    '<rect width="750" height="1200" fill="#fff7f3"/>',
    '<rect x="0" y="0" width="750" height="150" fill="#d4380d"/>',
    t(60, 95, '一起 · 志愿服务活动', 'font-size="40" font-weight="700" fill="#ffffff"'),
    '<rect x="30" y="170" width="690" height="1000" rx="24" fill="#ffffff"/>',
    ...title,
    ...facts,
    `<svg x="235" y="820" width="280" height="280" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">${qrInner}</svg>`,
    t(375, 1140, '微信或手机相机扫码，查看详情并报名', 'font-size="24" fill="#595959" text-anchor="middle"'),
    '</svg>',
  ].join('\n');
}
