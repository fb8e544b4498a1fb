import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { hoursOf } from './certificates.content.ts';
import { fallbacksFor, primaryFonts, runsOf, type Fallback } from './certificates.fonts.ts';

/** Everything the certificate prints; the document number arrives masked. */
export interface CertificatePdfInput {
  number: string;
  volunteerName: string | null;
  docTypeName: string | null;
  docNumberMasked: string | null;
  volunteerNo: string;
  /** In certificate order. */
  records: { date: string; title: string; content: string; minutes: number }[];
  totalMinutes: number;
  issuerName: string;
  /** The dissolved recording unit, when its successor or superior (or the region admins) issued it. */
  originalUnitName?: string | null;
  personInCharge: string;
  handlerName: string;
  /** The issuer's contact phone (民发〔2015〕149号), in full: whoever holds the paper may call to check. */
  issuerPhone?: string | null;
  /** YYYY-MM-DD, in China. */
  issueDate: string;
  seal: Buffer | null;
  verifyUrl: string;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const WIDTH = A4.width - 2 * MARGIN;
/** Lowest y the body may use: the footer sits below. */
const BOTTOM = A4.height - 76;
const INK = '#1f1f1f';
const MUTED = '#666666';
const RULE = '#8c8c8c';
const RED = '#b8292f';

const COLUMNS = [
  { title: '序号', width: 34, align: 'center' as const },
  { title: '活动名称', width: 138, align: 'left' as const },
  { title: '服务日期', width: 74, align: 'center' as const },
  { title: '服务内容', width: 171, align: 'left' as const },
  { title: '时长（小时）', width: 66, align: 'center' as const },
];
const CELL_PAD = 5;
const CELL_SIZE = 9.5;
/** Long service descriptions are shortened so one record never fills a page. */
const MAX_CONTENT = 300;

const hoursText = (minutes: number) => String(hoursOf(minutes));
const chineseDate = (d: string) => {
  const [y, m, day] = d.split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
};
const clip = (s: string, n: number) => ([...s].length > n ? [...s].slice(0, n).join('') + '…' : s);

/** The fallback faces of each document being drawn (see write). */
const faces = new WeakMap<PDFKit.PDFDocument, Map<number, Fallback>>();

/**
 * doc.text for text that may hold rare characters: runs the primary face lacks are drawn in their fallback
 * face as continued text (same size and colour), so no character prints as an empty box.
 */
function write(
  doc: PDFKit.PDFDocument,
  face: 'body' | 'bold',
  text: string,
  x: number | undefined,
  y: number | undefined,
  opts: PDFKit.Mixins.TextOptions = {},
) {
  const runs = runsOf(text, faces.get(doc) ?? new Map());
  if (runs.length <= 1) {
    doc.font(runs[0]?.font ?? face);
    if (x === undefined) doc.text(text, opts);
    else doc.text(text, x, y, opts);
  } else
    runs.forEach((r, i) => {
      doc.font(r.font ?? face);
      const o = { ...opts, continued: i < runs.length - 1 ? true : (opts.continued ?? false) };
      if (i === 0 && x !== undefined) doc.text(r.text, x, y, o);
      else doc.text(r.text, o);
    });
  doc.font(face);
}

/** The A4 certificate in Chinese: identity (masked), records, totals, issuer block, seal and QR code. */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const { regular, bold } = primaryFonts();
  // Rare characters (names above all) the primary face lacks: their fallback faces, found before drawing.
  const fallbacks = await fallbacksFor([
    input.volunteerName ?? '',
    input.issuerName,
    input.originalUnitName ?? '',
    input.personInCharge,
    input.handlerName,
    input.docTypeName ?? '',
    ...input.records.flatMap((r) => [r.title, clip(r.content, MAX_CONTENT)]),
  ]);
  const qr = await QRCode.toBuffer(input.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 300 });
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `志愿服务记录证明 ${input.number}`, Author: input.issuerName, Creator: 'Yiqi 一起' },
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
  faces.set(doc, fallbacks);

  frame(doc);
  let y = title(doc, input);
  y = identity(doc, input, y);
  y = intro(doc, input, y);
  y = recordsTable(doc, input, y);
  closing(doc, input, y, qr);
  footers(doc, input.number);
  doc.end();
  return done;
}

function frame(doc: PDFKit.PDFDocument) {
  doc.save();
  doc
    .lineWidth(1.6)
    .strokeColor(RED)
    .rect(22, 22, A4.width - 44, A4.height - 44)
    .stroke();
  doc
    .lineWidth(0.6)
    .rect(27, 27, A4.width - 54, A4.height - 54)
    .stroke();
  doc.restore();
}

function title(doc: PDFKit.PDFDocument, input: CertificatePdfInput): number {
  doc.fillColor(INK).font('bold').fontSize(26);
  doc.text('志愿服务记录证明', MARGIN, 62, { width: WIDTH, align: 'center', characterSpacing: 6 });
  doc.font('body').fontSize(10).fillColor(MUTED);
  doc.text(`证明编号：${input.number}`, MARGIN, 108, { width: WIDTH, align: 'right' });
  return 130;
}

/** A 2 × 2 grid: name and volunteer number, document type and (masked) number. */
function identity(doc: PDFKit.PDFDocument, input: CertificatePdfInput, top: number): number {
  const rowH = 24;
  const label = 74;
  const half = WIDTH / 2;
  const cells: [string, string][][] = [
    [
      ['姓名', input.volunteerName ?? '（已注销）'],
      ['志愿者编号', input.volunteerNo],
    ],
    [
      ['证件类型', input.docTypeName ?? '—'],
      ['证件号码', input.docNumberMasked ?? '—'],
    ],
  ];
  doc.save();
  doc
    .rect(MARGIN, top, WIDTH, rowH * 2)
    .fillColor('#fbf4f2')
    .fill();
  doc.restore();
  cells.forEach((row, i) =>
    row.forEach(([k, v], j) => {
      const x = MARGIN + j * half;
      const yy = top + i * rowH + 6.5;
      doc
        .font('body')
        .fontSize(10)
        .fillColor(MUTED)
        .text(k, x + 8, yy, { width: label - 8, lineBreak: false });
      doc.fontSize(10.5).fillColor(INK);
      write(doc, j === 0 && i === 0 ? 'bold' : 'body', v, x + label, yy - 0.5, {
        width: half - label - 8,
        lineBreak: false,
        ellipsis: true,
      });
    }),
  );
  doc.save().lineWidth(0.5).strokeColor(RULE);
  doc.rect(MARGIN, top, WIDTH, rowH * 2).stroke();
  doc
    .moveTo(MARGIN, top + rowH)
    .lineTo(MARGIN + WIDTH, top + rowH)
    .stroke();
  doc
    .moveTo(MARGIN + half, top)
    .lineTo(MARGIN + half, top + rowH * 2)
    .stroke();
  doc.restore();
  return top + rowH * 2 + 16;
}

function intro(doc: PDFKit.PDFDocument, input: CertificatePdfInput, top: number): number {
  const first = input.records[0]?.date;
  const last = input.records[input.records.length - 1]?.date;
  const when =
    first && last
      ? first === last
        ? `于${chineseDate(first)}`
        : `于${chineseDate(first)}至${chineseDate(last)}期间`
      : '';
  const opts = { width: WIDTH, lineGap: 5, continued: true };
  doc.fillColor(INK).fontSize(11.5);
  const original = input.originalUnitName;
  doc.font('body').text(`　　兹证明上述志愿者${when}在`, MARGIN, top, opts);
  write(doc, 'bold', original ? `${original}（已注销）` : input.issuerName, undefined, undefined, opts);
  doc.font('body').text(`参加志愿服务，经${original ? '该' : '本'}单位记录并确认的服务记录共 `, opts);
  doc.font('bold').text(String(input.records.length), opts);
  doc.font('body').text(' 条，累计服务时长 ', opts);
  doc.font('bold').text(hoursText(input.totalMinutes), opts);
  if (original) {
    // "If the issuer dissolved, its successor or superior issues it": say so, and who did.
    doc.font('body').text(' 小时。因原记录单位已注销，本证明由', opts);
    write(doc, 'bold', input.issuerName, undefined, undefined, opts);
    doc.font('body').text('出具。明细如下：', { ...opts, continued: false });
  } else doc.font('body').text(' 小时。明细如下：', { ...opts, continued: false });
  return doc.y + 10;
}

function tableHeader(doc: PDFKit.PDFDocument, top: number): number {
  const h = 22;
  doc.save().rect(MARGIN, top, WIDTH, h).fillColor('#f3e3df').fill().restore();
  let x = MARGIN;
  doc.font('bold').fontSize(CELL_SIZE).fillColor(INK);
  for (const c of COLUMNS) {
    doc.text(c.title, x, top + 6, { width: c.width, align: 'center', lineBreak: false });
    x += c.width;
  }
  gridLines(doc, top, h);
  return top + h;
}

function gridLines(doc: PDFKit.PDFDocument, top: number, h: number) {
  doc.save().lineWidth(0.5).strokeColor(RULE);
  doc.rect(MARGIN, top, WIDTH, h).stroke();
  let x = MARGIN;
  for (const c of COLUMNS.slice(0, -1)) {
    x += c.width;
    doc
      .moveTo(x, top)
      .lineTo(x, top + h)
      .stroke();
  }
  doc.restore();
}

function recordsTable(doc: PDFKit.PDFDocument, input: CertificatePdfInput, top: number): number {
  let y = tableHeader(doc, top);
  doc.font('body').fontSize(CELL_SIZE);
  input.records.forEach((r, i) => {
    const cells = [String(i + 1), r.title, r.date, clip(r.content, MAX_CONTENT), hoursText(r.minutes)];
    const h =
      Math.max(
        ...cells.map((text, k) =>
          doc.heightOfString(text, { width: COLUMNS[k]!.width - 2 * CELL_PAD, lineGap: 1.5 }),
        ),
      ) +
      2 * CELL_PAD +
      1;
    if (y + h > BOTTOM) {
      doc.addPage();
      frame(doc);
      y = tableHeader(doc, MARGIN);
      doc.font('body').fontSize(CELL_SIZE);
    }
    let x = MARGIN;
    doc.fillColor(INK);
    cells.forEach((text, k) => {
      const c = COLUMNS[k]!;
      write(doc, 'body', text, x + CELL_PAD, y + CELL_PAD + 1, {
        width: c.width - 2 * CELL_PAD,
        align: c.align,
        lineGap: 1.5,
      });
      x += c.width;
    });
    gridLines(doc, y, h);
    y += h;
  });
  // The total, under the hours column.
  const h = 22;
  if (y + h > BOTTOM) {
    doc.addPage();
    frame(doc);
    y = MARGIN;
  }
  const last = COLUMNS[COLUMNS.length - 1]!;
  doc.save().rect(MARGIN, y, WIDTH, h).fillColor('#fbf4f2').fill().restore();
  doc
    .font('bold')
    .fontSize(CELL_SIZE + 0.5)
    .fillColor(INK);
  doc.text(`合计（${input.records.length} 条）`, MARGIN + CELL_PAD, y + 6, {
    width: WIDTH - last.width - 2 * CELL_PAD,
    align: 'right',
    lineBreak: false,
  });
  doc.text(hoursText(input.totalMinutes), MARGIN + WIDTH - last.width, y + 6, {
    width: last.width,
    align: 'center',
    lineBreak: false,
  });
  doc.save().lineWidth(0.5).strokeColor(RULE);
  doc.rect(MARGIN, y, WIDTH, h).stroke();
  doc
    .moveTo(MARGIN + WIDTH - last.width, y)
    .lineTo(MARGIN + WIDTH - last.width, y + h)
    .stroke();
  doc.restore();
  return y + h;
}

/** Issuer block between the QR code (left) and the seal (right), then the note on verification. */
function closing(doc: PDFKit.PDFDocument, input: CertificatePdfInput, top: number, qr: Buffer) {
  const need = (input.originalUnitName ? 236 : 210) + 26;
  let y = top + 22;
  if (y + need > BOTTOM) {
    doc.addPage();
    frame(doc);
    y = MARGIN + 10;
  }
  const size = 96;
  const r = 54;
  const cx = MARGIN + WIDTH - r - 6;
  const cy = y + r - 2;

  // QR code and how to verify.
  doc.image(qr, MARGIN, y, { width: size, height: size });
  // Clickable on screen too; the address is the configured public one (PUBLIC_URL), never a request's Host.
  doc.link(MARGIN, y, size, size, input.verifyUrl);
  doc.font('body').fontSize(9).fillColor(INK);
  doc.text('扫码核验本证明', MARGIN, y + size + 4, { width: size, align: 'center', lineBreak: false });

  // Issuer lines: a label column and a value column, clear of the seal.
  const lx = MARGIN + size + 22;
  const labelW = 94;
  const valueW = cx - r - 12 - (lx + labelW);
  const issuerLabel = input.originalUnitName ? '出具单位' : '记录及出具单位';
  const lines: [string, string][] = [
    [issuerLabel, input.issuerName],
    ...(input.originalUnitName
      ? [['原记录单位', `${input.originalUnitName}（已注销）`] as [string, string]]
      : []),
    ['负责人', input.personInCharge],
    ['经办人', input.handlerName],
    ['联系电话', input.issuerPhone || '—'],
    ['出具日期', chineseDate(input.issueDate)],
  ];
  let ly = y + 4;
  for (const [k, v] of lines) {
    doc.font('body').fontSize(10.5).fillColor(MUTED);
    doc.text(`${k}：`, lx, ly, { width: labelW, align: 'right', lineBreak: false });
    doc.fillColor(INK);
    write(doc, k === issuerLabel ? 'bold' : 'body', v, lx + labelW, ly, { width: valueW, lineGap: 2 });
    ly = doc.y + 10;
  }

  if (!(input.seal && drawSealImage(doc, input.seal, cx, cy, r)))
    sealPlaceholder(doc, cx, cy, r, input.issuerName);

  const noteY = Math.max(ly, y + size + 22, cy + r + 8) + 12;
  doc.font('body').fontSize(8.5).fillColor(MUTED);
  doc.text(
    `说明：本证明依据《志愿服务记录与证明出具办法》，由${
      input.originalUnitName ? '已注销的记录单位的继任或上级单位' : '记录志愿服务信息的单位'
    }免费出具；证件号码已部分隐去。` +
      `可扫描二维码或访问 ${input.verifyUrl} 核验本证明的真伪、是否撤销，以及所列服务记录在出具后是否变更。`,
    MARGIN,
    noteY,
    { width: WIDTH, lineGap: 2.5 },
  );
}

function drawSealImage(doc: PDFKit.PDFDocument, image: Buffer, cx: number, cy: number, r: number): boolean {
  try {
    doc.save();
    doc.opacity(0.9);
    doc.image(image, cx - r - 6, cy - r - 6, {
      fit: [2 * r + 12, 2 * r + 12],
      align: 'center',
      valign: 'center',
    });
    doc.restore();
    return true;
  } catch {
    // An image pdfkit cannot read (checked on upload, but formats vary): the stamp area instead.
    doc.restore();
    return false;
  }
}

/** Where the organization stamps the printed certificate: a dashed ring with its name, "盖章处" inside. */
function sealPlaceholder(doc: PDFKit.PDFDocument, cx: number, cy: number, r: number, name: string) {
  doc.save();
  doc.lineWidth(1.2).dash(3, { space: 2.5 }).strokeColor(RED).strokeOpacity(0.8).circle(cx, cy, r).stroke();
  doc.undash();
  const chars = [...name].slice(0, 24);
  // The name runs clockwise along the upper arc, centred on the top, over at most 220 degrees.
  const maxArc = (220 * Math.PI) / 180;
  const size = Math.min(11, (maxArc * (r - 9)) / (Math.max(chars.length, 1) * 1.12));
  const radius = r - size - 2.5;
  const stepRad = (size * 1.12) / radius;
  const step = (stepRad * 180) / Math.PI;
  const start = (-step * (chars.length - 1)) / 2;
  doc.font('body').fontSize(size).fillColor(RED).fillOpacity(0.85);
  chars.forEach((ch, i) => {
    const deg = start + i * step;
    const rad = (deg * Math.PI) / 180;
    const x = cx + radius * Math.sin(rad);
    const y = cy - radius * Math.cos(rad);
    doc.save();
    doc.rotate(deg, { origin: [x, y] });
    write(doc, 'body', ch, x - size, y - size * 0.5, { width: 2 * size, align: 'center', lineBreak: false });
    doc.restore();
  });
  doc.fontSize(10).text('盖章处', cx - 30, cy + 4, { width: 60, align: 'center', lineBreak: false });
  doc.restore();
}

/** Number and page count on every page. */
function footers(doc: PDFKit.PDFDocument, number: string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(8).fillColor(MUTED);
    doc.text(`证明编号 ${number} · 第 ${i + 1} 页 / 共 ${range.count} 页`, MARGIN, A4.height - 44, {
      width: WIDTH,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

/** Whether pdfkit can place the image (checked on upload, so a bad seal never breaks a certificate). */
export function canEmbedImage(image: Buffer): boolean {
  try {
    const doc = new PDFDocument({ size: 'A4' });
    doc.image(image, 0, 0, { width: 50 });
    doc.end();
    return true;
  } catch {
    return false;
  }
}
