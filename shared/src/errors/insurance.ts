import type { Text } from '../i18n.ts';

/** Accident insurance policies and the coverage lookup. */
export const INSURANCE_ERRORS = {
  INSURANCE_POLICY_NOT_FOUND: {
    status: 404,
    text: { 'zh-CN': '保单不存在', 'zh-HK': '保單不存在', en: 'Insurance policy not found' },
  },
  INSURANCE_POLICY_DUPLICATE: {
    status: 409,
    text: {
      'zh-CN': '该保险公司的这一保单号已登记',
      'zh-HK': '該保險公司的這一保單號已登記',
      en: 'This insurer’s policy number is already entered',
    },
  },
  INSURANCE_POLICY_PERIOD: {
    status: 400,
    text: {
      'zh-CN': '保险期间不正确：终止日期不得早于起始日期，年度团体保单不得超过一年',
      'zh-HK': '保險期間不正確：終止日期不得早於起始日期，年度團體保單不得超過一年',
      en: 'Invalid period: the end may not precede the start, and a yearly group policy runs at most a year',
    },
  },
  INSURANCE_POLICY_ACTIVITY: {
    status: 422,
    text: {
      'zh-CN': '活动保单须指定一个在该地区内的活动；团体保单不得指定活动',
      'zh-HK': '活動保單須指定一個在該地區內的活動；團體保單不得指定活動',
      en: 'An activity policy needs an activity within the region; a group policy names none',
    },
  },
  INSURANCE_POLICY_WITHDRAWN: {
    status: 409,
    text: { 'zh-CN': '该保单已撤销', 'zh-HK': '該保單已撤銷', en: 'This policy is already withdrawn' },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
