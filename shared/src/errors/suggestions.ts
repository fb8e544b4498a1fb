import type { Text } from '../i18n.ts';

/** Dispatch suggestions (派单建议). */
export const SUGGESTION_ERRORS = {
  SUGGESTION_WINDOW_INVALID: {
    status: 400,
    text: {
      'zh-CN': '服务结束时间须晚于开始时间，且时段不超过 31 天',
      'zh-HK': '服務結束時間須晚於開始時間，且時段不超過 31 天',
      en: 'The service must end after it starts, within 31 days',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
