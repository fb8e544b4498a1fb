import type { Text } from '../i18n.ts';

/** Errors of notification preferences. */
export const NOTIFICATION_ERRORS = {
  NOTIFY_CHANNEL_UNAVAILABLE: {
    status: 400,
    text: {
      'zh-CN': '该通知方式尚未绑定，无法开启（短信通知需要在实名信息中登记手机号）',
      'zh-HK': '該通知方式尚未綁定，無法開啟（短訊通知需要在實名資料中登記手機號碼）',
      en: 'This channel is not linked to your account yet (text messages need a phone number in your real-name details)',
    },
  },
  NOTIFY_NOTHING_TO_CHANGE: {
    status: 400,
    text: {
      'zh-CN': '请至少选择一种通知方式进行设置',
      'zh-HK': '請至少選擇一種通知方式進行設定',
      en: 'Choose at least one channel to change',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
