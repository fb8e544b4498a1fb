import type { Text } from '../i18n.ts';

/**
 * Star levels (星级): the default scheme (Guangdong and national practice) and the rules no scheme changes.
 * A region may set its own thresholds, tenure, "platform hours only" and extra conditions (star_schemes);
 * levels are always 1–5 and go strictly in order.
 */
export const STAR_LEVELS = [1, 2, 3, 4, 5] as const;
export type StarLevel = (typeof STAR_LEVELS)[number];

export interface StarScheme {
  /** Hours of confirmed service for 1..5 stars, strictly increasing. */
  thresholds: number[];
  /** Months since registration for 1..5 stars (Shenzhen: 6, 6, 12, 12, 24). */
  tenureMonths: number[];
  /** Only hours recorded on the platform (attendance) count; back-filled and imported paper hours do not. */
  platformOnly: boolean;
  /** How long falsified hours bar a person from applying again. */
  banMonths: number;
  /** Working days of public notice before certification (at least 5). */
  noticeWorkingDays: number;
  /** Extra conditions the reviewer checks by hand (e.g. 200 h of community service), or null. */
  conditions: string | null;
}

export const DEFAULT_STAR_SCHEME: StarScheme = {
  thresholds: [100, 300, 600, 1000, 1500],
  tenureMonths: [0, 0, 0, 0, 0],
  platformOnly: false,
  banMonths: 12,
  noticeWorkingDays: 5,
  conditions: null,
};

/**
 * The region level whose federation certifies a star level (Fujian's rule, the default here): 1–2 stars
 * the district (3), 3–4 the city (2), 5 the province (1).
 */
export function certifyingRegionLevel(level: number): 1 | 2 | 3 {
  return level <= 2 ? 3 : level <= 4 ? 2 : 1;
}

/** Thresholds are five increasing positive numbers of hours. */
export function validThresholds(t: readonly number[]): boolean {
  return t.length === 5 && t.every((h, i) => Number.isInteger(h) && h > 0 && (i === 0 || h > t[i - 1]!));
}

/** Whole months from `from` to `to` (both YYYY-MM-DD): the tenure a volunteer has served. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

export const STAR_STATUS_NAMES: Record<'submitted' | 'noticed' | 'certified' | 'rejected', Text> = {
  submitted: { 'zh-CN': '待审核', 'zh-HK': '待審核', en: 'Awaiting review' },
  noticed: { 'zh-CN': '公示中', 'zh-HK': '公示中', en: 'In public notice' },
  certified: { 'zh-CN': '已认证', 'zh-HK': '已認證', en: 'Certified' },
  rejected: { 'zh-CN': '未通过', 'zh-HK': '未通過', en: 'Not approved' },
};

/** Milestone badges, derived from a volunteer's records (never stored, so a correction moves them). */
export const BADGES = [
  'first_activity',
  'hours_100',
  'hours_500',
  'hours_1000',
  'years_1',
  'years_3',
  'years_5',
] as const;
export type Badge = (typeof BADGES)[number];

export const BADGE_NAMES: Record<Badge, Text> = {
  first_activity: { 'zh-CN': '初次服务', 'zh-HK': '初次服務', en: 'First activity' },
  hours_100: { 'zh-CN': '服务百小时', 'zh-HK': '服務百小時', en: '100 hours' },
  hours_500: { 'zh-CN': '服务五百小时', 'zh-HK': '服務五百小時', en: '500 hours' },
  hours_1000: { 'zh-CN': '服务千小时', 'zh-HK': '服務千小時', en: '1,000 hours' },
  years_1: { 'zh-CN': '服务满一年', 'zh-HK': '服務滿一年', en: 'One year of service' },
  years_3: { 'zh-CN': '服务满三年', 'zh-HK': '服務滿三年', en: 'Three years of service' },
  years_5: { 'zh-CN': '服务满五年', 'zh-HK': '服務滿五年', en: 'Five years of service' },
};

/**
 * The milestones reached: `records` confirmed records, `minutes` confirmed minutes, `firstDay` the day of
 * the first confirmed record (YYYY-MM-DD) and `today`. Years of service count from the first record.
 */
export function badgesOf(s: {
  records: number;
  minutes: number;
  firstDay: string | null;
  today: string;
}): Badge[] {
  const out: Badge[] = [];
  if (s.records > 0) out.push('first_activity');
  for (const [h, b] of [
    [100, 'hours_100'],
    [500, 'hours_500'],
    [1000, 'hours_1000'],
  ] as const)
    if (s.minutes >= h * 60) out.push(b);
  if (s.firstDay) {
    const months = monthsBetween(s.firstDay, s.today);
    for (const [y, b] of [
      [1, 'years_1'],
      [3, 'years_3'],
      [5, 'years_5'],
    ] as const)
      if (months >= y * 12) out.push(b);
  }
  return out;
}
