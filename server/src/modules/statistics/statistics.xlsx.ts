import ExcelJS from 'exceljs';
import type { Locale } from '@yiqi/shared/i18n';
import type { StatisticsOverviewView } from '@yiqi/shared/contracts/statistics';
import { AGE_BAND_NAMES, FIGURE_NAMES, GENDER_NAMES } from '@yiqi/shared/figure-names';

/**
 * The console home's tables as one workbook: figures (with the previous period), trend, categories, the
 * child-region ranking and registered volunteers by gender and age band, one sheet each, headed in the caller's language. Figures only, no personal
 * data; ratios as fractions with a percent format.
 */
const H = {
  'zh-CN': {
    figures: '指标',
    trend: '趋势',
    categories: '服务类别',
    children: '下级排名',
    figure: '指标',
    value: '本期',
    previous: '上期',
    note: '说明',
    month: '月份',
    registered: '注册志愿者',
    newRegistered: '新注册',
    active: '活跃志愿者',
    hours: '服务时长（小时）',
    activities: '开展活动',
    category: '类别',
    records: '记录数',
    code: '区划代码',
    name: '名称',
    coverage: '注册率',
    activeShare: '活跃率',
    perYear: '人均年服务时长',
    organizations: '组织',
    index: '发展指数',
    period: '统计期',
    people: '性别与年龄',
    gender: '性别',
    ageBand: '年龄段',
  },
  'zh-HK': {
    figures: '指標',
    trend: '趨勢',
    categories: '服務類別',
    children: '下級排名',
    figure: '指標',
    value: '本期',
    previous: '上期',
    note: '說明',
    month: '月份',
    registered: '註冊義工',
    newRegistered: '新註冊',
    active: '活躍義工',
    hours: '服務時數（小時）',
    activities: '開展活動',
    category: '類別',
    records: '記錄數',
    code: '區劃代碼',
    name: '名稱',
    coverage: '註冊率',
    activeShare: '活躍率',
    perYear: '人均年服務時數',
    organizations: '組織',
    index: '發展指數',
    period: '統計期',
    people: '性別與年齡',
    gender: '性別',
    ageBand: '年齡段',
  },
  en: {
    figures: 'Figures',
    trend: 'Trend',
    categories: 'Categories',
    children: 'Ranking',
    figure: 'Figure',
    value: 'Period',
    previous: 'Previous',
    note: 'Note',
    month: 'Month',
    registered: 'Registered',
    newRegistered: 'New',
    active: 'Active',
    hours: 'Hours',
    activities: 'Activities',
    category: 'Category',
    records: 'Records',
    code: 'Code',
    name: 'Name',
    coverage: 'Coverage',
    activeShare: 'Active share',
    perYear: 'Hours per registered per year',
    organizations: 'Organizations',
    index: 'Development index',
    period: 'Period',
    people: 'Gender and age',
    gender: 'Gender',
    ageBand: 'Age band',
  },
} as const;

export async function overviewWorkbook(o: StatisticsOverviewView, locale: Locale) {
  const h = H[locale];
  const wb = new ExcelJS.Workbook();
  const f = wb.addWorksheet(h.figures);
  f.addRow([o.unit.name, `${h.period} ${o.period.from} – ${o.period.to}`]).font = { bold: true };
  f.addRow([h.figure, h.value, h.previous, h.note]).font = { bold: true };
  for (const [key, v] of Object.entries(o.figures))
    f.addRow([
      FIGURE_NAMES[key as keyof typeof FIGURE_NAMES]?.[locale] ?? key,
      v.value,
      v.previous,
      v.unavailable ?? '',
    ]);
  f.getColumn(1).width = 28;
  const t = wb.addWorksheet(h.trend);
  t.addRow([h.month, h.registered, h.newRegistered, h.active, h.hours, h.activities]).font = { bold: true };
  for (const p of o.trend)
    t.addRow([p.month, p.registered, p.newRegistered, p.active, p.hours, p.activitiesHeld]);
  const c = wb.addWorksheet(h.categories);
  c.addRow([h.category, h.hours, h.records]).font = { bold: true };
  for (const x of o.categories) c.addRow([x.category, x.hours, x.records]);
  if (o.children.length > 0) {
    const r = wb.addWorksheet(h.children);
    r.addRow([
      h.code,
      h.name,
      h.registered,
      h.active,
      h.activeShare,
      h.hours,
      h.perYear,
      h.coverage,
      h.organizations,
      h.activities,
      h.index,
    ]).font = { bold: true };
    for (const x of o.children)
      r.addRow([
        x.code,
        x.name,
        x.registered,
        x.active,
        x.activeShare,
        x.hours,
        x.hoursPerRegisteredYear,
        x.coverage,
        x.organizations,
        x.activitiesHeld,
        x.developmentIndex,
      ]);
    r.getColumn(2).width = 20;
  }
  if (o.genders && o.ageBands) {
    const p = wb.addWorksheet(h.people);
    p.addRow([h.gender, h.registered]).font = { bold: true };
    for (const x of o.genders) p.addRow([GENDER_NAMES[x.gender][locale], x.registered]);
    p.addRow([]);
    p.addRow([h.ageBand, h.registered]).font = { bold: true };
    for (const x of o.ageBands) p.addRow([AGE_BAND_NAMES[x.band][locale], x.registered]);
    p.getColumn(1).width = 16;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
