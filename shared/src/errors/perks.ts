import type { Text } from '../i18n.ts';

/** Partners, perks, redemption and the volunteer card. */
export const PERK_ERRORS = {
  PERK_NOT_ELIGIBLE: {
    status: 422,
    text: {
      'zh-CN': '您的星级或服务时长尚未达到该优待的条件',
      'zh-HK': '您的星級或服務時數尚未達到該優待的條件',
      en: 'Your star level or hours do not reach this perk yet',
    },
  },
  PERK_NOT_AVAILABLE: {
    status: 409,
    text: {
      'zh-CN': '该优待不在有效期内或已停止',
      'zh-HK': '該優待不在有效期內或已停止',
      en: 'The perk is not valid now or has ended',
    },
  },
  PERK_CODE_INVALID: {
    status: 422,
    text: {
      'zh-CN': '核销码无效',
      'zh-HK': '核銷碼無效',
      en: 'The redemption code is not valid',
    },
  },
  PERK_CODE_EXPIRED: {
    status: 422,
    text: {
      'zh-CN': '核销码已过期，请志愿者重新出示',
      'zh-HK': '核銷碼已過期，請志願者重新出示',
      en: 'The code has expired; ask the volunteer to show a new one',
    },
  },
  PERK_CODE_USED: {
    status: 409,
    text: {
      'zh-CN': '该核销码已使用，不能重复核销',
      'zh-HK': '該核銷碼已使用，不能重複核銷',
      en: 'This code has already been redeemed',
    },
  },
  PERK_WRONG_PARTNER: {
    status: 422,
    text: {
      'zh-CN': '该核销码不属于本单位的优待',
      'zh-HK': '該核銷碼不屬於本單位的優待',
      en: 'This code is for another partner’s perk',
    },
  },
  PERK_LIMIT_REACHED: {
    status: 409,
    text: {
      'zh-CN': '已达到本周期的使用次数上限',
      'zh-HK': '已達到本周期的使用次數上限',
      en: 'The limit for this period has been reached',
    },
  },
  PERK_QUOTA_EXHAUSTED: {
    status: 409,
    text: {
      'zh-CN': '该优待的名额已用完',
      'zh-HK': '該優待的名額已用完',
      en: 'The perk’s quota is used up',
    },
  },
  PERK_SELF_REDEMPTION: {
    status: 403,
    text: {
      'zh-CN': '不能核销本人的优待码',
      'zh-HK': '不能核銷本人的優待碼',
      en: 'Nobody redeems their own code',
    },
  },
  PERK_INVALID: {
    status: 400,
    text: {
      'zh-CN': '优待设置有误：有效期、折扣或限额不正确',
      'zh-HK': '優待設定有誤：有效期、折扣或限額不正確',
      en: 'The perk’s validity, discounts or limits are not valid',
    },
  },
  PARTNER_STAFF_USER: {
    status: 422,
    text: {
      'zh-CN': '找不到该账号',
      'zh-HK': '找不到該帳號',
      en: 'No account with that username',
    },
  },
  CARD_INVALID: {
    status: 422,
    text: {
      'zh-CN': '志愿者卡二维码无效或已过期',
      'zh-HK': '志願者卡二維碼無效或已過期',
      en: 'The volunteer card code is not valid or has expired',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
