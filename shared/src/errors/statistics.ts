import type { Text } from '../i18n.ts';

/** Errors of the statistics module (figures, resident population). */
export const STATISTICS_ERRORS = {
  STATISTICS_PERIOD_INVALID: {
    status: 400,
    text: {
      'zh-CN': '统计期须为整月：从某月 1 日到同月或之后某月的最后一天，最长 36 个月',
      'zh-HK': '統計期須為整月：從某月 1 日到同月或之後某月的最後一天，最長 36 個月',
      en: 'The period must be whole months: from the 1st of a month to the last day of that or a later month, at most 36 months',
    },
  },
  POPULATION_REGION_LEVEL: {
    status: 400,
    text: {
      'zh-CN': '常住人口只能录入您管辖的行政区划（代码与层级须对应）',
      'zh-HK': '常住人口只能錄入您管轄的行政區劃（代碼與層級須對應）',
      en: 'Resident population can be entered only for regions you administer (code and level must match a region)',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
