import type { Text } from '../i18n.ts';

/** Errors of notification preferences. */
export const NOTIFICATION_ERRORS = {
  NOTIFY_CHANNEL_UNAVAILABLE: {
    status: 400,
    text: {
      'zh-CN':
        '该通知方式尚未绑定，无法开启（短信需要在实名信息中登记手机号；电子邮件需要先验证邮箱；微信需要先绑定微信）',
      'zh-HK':
        '該通知方式尚未綁定，無法開啟（短訊需要在實名資料中登記手機號碼；電子郵件需要先驗證郵箱；微信需要先綁定微信）',
      en: 'This channel is not linked to your account yet (text messages need a phone number in your real-name details; e-mail a verified address; WeChat a bound WeChat account)',
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
  WECHAT_CODE_INVALID: {
    status: 400,
    text: {
      'zh-CN': '微信登录凭证无效或已过期，请在小程序中重新打开本页后再绑定',
      'zh-HK': '微信登入憑證無效或已過期，請在小程式中重新開啟本頁後再綁定',
      en: 'The WeChat login code is invalid or has expired; open this page again in the mini-program and bind again',
    },
  },
  WECHAT_BOUND_ELSEWHERE: {
    status: 409,
    text: {
      'zh-CN': '该微信已绑定另一个账号，请先在那个账号中解除绑定',
      'zh-HK': '該微信已綁定另一個帳號，請先在那個帳號中解除綁定',
      en: 'This WeChat account is bound to another account; unbind it there first',
    },
  },
  WECHAT_UNAVAILABLE: {
    status: 503,
    text: {
      'zh-CN': '暂时无法连接微信，请稍后再试',
      'zh-HK': '暫時無法連接微信，請稍後再試',
      en: 'WeChat cannot be reached right now; try again later',
    },
  },
  NOTIFY_ADDRESS_NONE: {
    status: 404,
    text: {
      'zh-CN': '该通知方式没有已绑定的地址，无需解除',
      'zh-HK': '該通知方式沒有已綁定的地址，無需解除',
      en: 'Nothing is bound for this channel',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
