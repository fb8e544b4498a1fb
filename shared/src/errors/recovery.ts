import type { Text } from '../i18n.ts';

/** Errors of the one-time code flows: account claim, forgotten password, registration by phone code. */
export const RECOVERY_ERRORS = {
  OTP_INVALID: {
    status: 400,
    text: {
      'zh-CN': '验证码错误或已失效，请重新获取验证码',
      'zh-HK': '驗證碼錯誤或已失效，請重新獲取驗證碼',
      en: 'The code is wrong or no longer valid; request a new code',
    },
  },
  USERNAME_TAKEN: {
    status: 409,
    text: {
      'zh-CN': '该用户名已被使用，请换一个',
      'zh-HK': '該用戶名已被使用，請換一個',
      en: 'This user name is taken; choose another',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
