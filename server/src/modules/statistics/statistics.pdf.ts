import PDFDocument from 'pdfkit';
import type { Locale } from '@yiqi/shared/i18n';
import {
  FIGURE_KEYS,
  type FigureKey,
  type FigureView,
  type StatisticsOverviewView,
} from '@yiqi/shared/contracts/statistics';
import { AGE_BAND_NAMES, FIGURE_NAMES, GENDER_NAMES, RATIO_FIGURES } from '@yiqi/shared/figure-names';
import { fallbacksFor, primaryFonts, runsOf, type Fallback } from '../certificates/certificates.fonts.ts';

/**
 * The printable monthly report (月报) of a region or an organization: every figure with the previous
 * period's, the child-region ranking and the breakdowns, on A4 in the CJK faces of the certificates
 * (decisions 0009, 0011). Figures only, no personal data.
 */
const L = {
  'zh-CN': {
    title: '志愿服务统计月报',
    period: '统计期',
    previous: '上期',
    value: '本期',
    figure: '指标',
    printed: '生成时间',
    ranking: '下级区划排名（发展指数）',
    people: '注册志愿者：性别与年龄',
    name: '名称',
    registered: '注册',
    hours: '时长',
    index: '指数',
    reasons: {
      not_yet_collected: '尚未采集',
      no_population: '未录入常住人口',
      no_base: '无基数',
      not_for_period: '仅按月或按年',
      suppressed: '不公开',
      not_for_unit: '不适用',
    },
  },
  'zh-HK': {
    title: '義工服務統計月報',
    period: '統計期',
    previous: '上期',
    value: '本期',
    figure: '指標',
    printed: '生成時間',
    ranking: '下級區劃排名（發展指數）',
    people: '註冊義工：性別與年齡',
    name: '名稱',
    registered: '註冊',
    hours: '時數',
    index: '指數',
    reasons: {
      not_yet_collected: '尚未採集',
      no_population: '未錄入常住人口',
      no_base: '無基數',
      not_for_period: '僅按月或按年',
      suppressed: '不公開',
      not_for_unit: '不適用',
    },
  },
  en: {
    title: 'Volunteer service monthly report',
    period: 'Period',
    previous: 'Previous',
    value: 'Period',
    figure: 'Figure',
    printed: 'Generated',
    ranking: 'Child regions (development index)',
    people: 'Registered volunteers by gender and age',
    name: 'Name',
    registered: 'Registered',
    hours: 'Hours',
    index: 'Index',
    reasons: {
      not_yet_collected: 'not yet collected',
      no_population: 'no population',
      no_base: 'no base',
      not_for_period: 'month or year only',
      suppressed: 'suppressed',
      not_for_unit: 'n/a',
    },
  },
} as const;

const HOURS: readonly FigureKey[] = ['hours', 'hoursPerRegisteredYear', 'hoursPerActiveYear'];
const MARGIN = 48;
const WIDTH = 595.28 - 2 * MARGIN;
const BOTTOM = 841.89 - MARGIN;

/** A value as printed: percent with one decimal for ratios, one decimal for hours, whole numbers else. */
export function formatValue(key: FigureKey, v: number | null): string {
  if (v === null) return '—';
  if (RATIO_FIGURES.includes(key)) return `${(v * 100).toFixed(1)}%`;
  const n = HOURS.includes(key) ? Math.round(v * 10) / 10 : Math.round(v);
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(n);
}

export async function overviewPdf(
  o: StatisticsOverviewView,
  locale: Locale,
  printedAt: string,
): Promise<Buffer> {
  const l = L[locale];
  const { regular, bold } = primaryFonts();
  const fallbacks: Map<number, Fallback> = await fallbacksFor([
    o.unit.name,
    ...o.children.map((c) => c.name),
  ]);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: 8, left: MARGIN, right: MARGIN },
    info: { Title: `${l.title} ${o.unit.name}`, Creator: 'Yiqi 一起' },
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

  let y = MARGIN;
  /** One line of cells (x offsets within the width), a new page when the page is full. */
  const row = (cells: [string, number, number, 'left' | 'right'][], font = 'body', size = 10) => {
    if (y + 18 > BOTTOM) {
      doc.addPage();
      y = MARGIN;
    }
    doc.fontSize(size);
    for (const [text, x, width, align] of cells) {
      const runs = runsOf(text, fallbacks);
      runs.forEach((r, i) => {
        doc.font(r.font ?? font);
        const opts = { width, align, lineBreak: false, continued: i < runs.length - 1 };
        if (i === 0) doc.text(r.text, MARGIN + x, y, opts);
        else doc.text(r.text, opts);
      });
    }
    y += size + 8;
  };
  const rule = () => {
    doc.save().lineWidth(0.5).strokeColor('#8c8c8c');
    doc
      .moveTo(MARGIN, y - 4)
      .lineTo(MARGIN + WIDTH, y - 4)
      .stroke();
    doc.restore();
  };

  doc.fillColor('#1f1f1f');
  row([[l.title, 0, WIDTH, 'left']], 'bold', 18);
  row([[o.unit.name, 0, WIDTH, 'left']], 'bold', 13);
  row([
    [`${l.period} ${o.period.from} – ${o.period.to}`, 0, WIDTH / 2, 'left'],
    [`${l.printed} ${printedAt}`, WIDTH / 2, WIDTH / 2, 'right'],
  ]);
  y += 6;
  row(
    [
      [l.figure, 0, 260, 'left'],
      [l.value, 260, 120, 'right'],
      [l.previous, 380, WIDTH - 380, 'right'],
    ],
    'bold',
  );
  rule();
  for (const key of FIGURE_KEYS) {
    const f: FigureView | undefined = o.figures[key];
    if (!f || f.unavailable === 'not_for_unit') continue;
    const value = f.value === null && f.unavailable ? l.reasons[f.unavailable] : formatValue(key, f.value);
    row([
      [FIGURE_NAMES[key][locale], 0, 260, 'left'],
      [value, 260, 120, 'right'],
      [formatValue(key, f.previous), 380, WIDTH - 380, 'right'],
    ]);
  }
  if (o.genders && o.ageBands) {
    y += 10;
    row([[l.people, 0, WIDTH, 'left']], 'bold', 12);
    rule();
    const half = WIDTH / 2;
    const n = Math.max(o.genders.length, o.ageBands.length);
    for (let i = 0; i < n; i++) {
      const g = o.genders[i];
      const a = o.ageBands[i];
      row([
        [g ? GENDER_NAMES[g.gender][locale] : '', 0, 120, 'left'],
        [g ? String(g.registered) : '', 120, 80, 'right'],
        [a ? AGE_BAND_NAMES[a.band][locale] : '', half, 120, 'left'],
        [a ? String(a.registered) : '', half + 120, 80, 'right'],
      ]);
    }
  }
  if (o.children.length > 0) {
    y += 10;
    row([[l.ranking, 0, WIDTH, 'left']], 'bold', 12);
    row(
      [
        [l.name, 0, 200, 'left'],
        [l.registered, 200, 90, 'right'],
        [l.hours, 290, 100, 'right'],
        [l.index, 390, WIDTH - 390, 'right'],
      ],
      'bold',
    );
    rule();
    for (const c of o.children)
      row([
        [c.name, 0, 200, 'left'],
        [String(c.registered), 200, 90, 'right'],
        [formatValue('hours', c.hours), 290, 100, 'right'],
        [c.developmentIndex === null ? '—' : c.developmentIndex.toFixed(1), 390, WIDTH - 390, 'right'],
      ]);
  }
  doc.end();
  return done;
}
