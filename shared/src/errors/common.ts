import type { Text } from '../i18n.ts';

/** Errors of the HTTP edge, sign-in, second factor, roles and scope. */
export const COMMON_ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    text: { 'zh-CN': '请求内容不正确', 'zh-HK': '請求內容不正確', en: 'The request is not valid' },
  },
  MALFORMED_JSON: {
    status: 400,
    text: {
      'zh-CN': '请求不是有效的 JSON',
      'zh-HK': '請求不是有效的 JSON',
      en: 'The request body is not valid JSON',
    },
  },
  UNAUTHENTICATED: {
    status: 401,
    text: { 'zh-CN': '请先登录', 'zh-HK': '請先登入', en: 'Please sign in first' },
  },
  LOGIN_FAILED: {
    status: 401,
    text: {
      'zh-CN': '用户名或密码错误，或账户已被暂时锁定，请稍后再试',
      'zh-HK': '用戶名或密碼錯誤，或帳戶已被暫時鎖定，請稍後再試',
      en: 'Wrong user name or password, or the account is temporarily locked; try again later',
    },
  },
  WRONG_PASSWORD: {
    status: 400,
    text: { 'zh-CN': '当前密码不正确', 'zh-HK': '當前密碼不正確', en: 'The current password is wrong' },
  },
  WEAK_PASSWORD: {
    status: 400,
    text: {
      'zh-CN': '新密码至少 10 位，且需包含字母和数字，不能与旧密码相同',
      'zh-HK': '新密碼至少 10 位，且需包含字母和數字，不能與舊密碼相同',
      en: 'The new password needs at least 10 characters with letters and digits, and must differ from the old one',
    },
  },
  ACCOUNT_LOCKED: {
    status: 423,
    text: {
      'zh-CN': '账户已被暂时锁定，请稍后再试',
      'zh-HK': '帳戶已被暫時鎖定，請稍後再試',
      en: 'The account is temporarily locked; try again later',
    },
  },
  MFA_REQUIRED: {
    status: 403,
    text: {
      'zh-CN': '管理功能需要先完成双因素验证',
      'zh-HK': '管理功能需要先完成雙重驗證',
      en: 'Admin functions need two-factor verification first',
    },
  },
  MFA_ALREADY_ENABLED: {
    status: 409,
    text: {
      'zh-CN': '已启用双因素验证',
      'zh-HK': '已啟用雙重驗證',
      en: 'Two-factor verification is already on',
    },
  },
  MFA_NOT_ENROLLED: {
    status: 409,
    text: {
      'zh-CN': '尚未绑定验证器，请先绑定',
      'zh-HK': '尚未綁定驗證器，請先綁定',
      en: 'No authenticator is enrolled yet; enrol one first',
    },
  },
  MFA_CODE_INVALID: {
    status: 400,
    text: {
      'zh-CN': '验证码不正确或已过期',
      'zh-HK': '驗證碼不正確或已過期',
      en: 'The verification code is wrong or expired',
    },
  },
  FORBIDDEN: {
    status: 403,
    text: {
      'zh-CN': '没有权限执行此操作',
      'zh-HK': '沒有權限執行此操作',
      en: 'You are not allowed to do this',
    },
  },
  OUT_OF_SCOPE: {
    status: 403,
    text: {
      'zh-CN': '该对象不在您的管辖范围内',
      'zh-HK': '該對象不在您的管轄範圍內',
      en: 'This is outside your area of responsibility',
    },
  },
  ROLE_CONFLICT: {
    status: 409,
    text: {
      'zh-CN': '系统、安全、审计管理员职责必须由不同的人担任',
      'zh-HK': '系統、安全、審計管理員職責必須由不同的人擔任',
      en: 'System, security and audit administrator duties must be held by different people',
    },
  },
  DUTY_CONFLICT: {
    status: 409,
    text: {
      'zh-CN': '系统、安全、审计管理员不能同时担任区域或组织管理员',
      'zh-HK': '系統、安全、審計管理員不能同時擔任區域或組織管理員',
      en: 'System, security and audit administrators cannot also be region or organization administrators',
    },
  },
  GRANTOR_REVOKE: {
    status: 403,
    text: {
      'zh-CN': '不能撤销授予您角色的人（或其上级授权人）的角色',
      'zh-HK': '不能撤銷授予您角色的人（或其上級授權人）的角色',
      en: 'You cannot revoke a role of the person who granted yours, or of anyone above them',
    },
  },
  ROLE_ALREADY_GRANTED: {
    status: 409,
    text: { 'zh-CN': '该角色已授予', 'zh-HK': '該角色已授予', en: 'This role is already granted' },
  },
  SELF_GRANT: {
    status: 403,
    text: {
      'zh-CN': '不能给自己授予或撤销角色',
      'zh-HK': '不能給自己授予或撤銷角色',
      en: 'You cannot grant or revoke your own roles',
    },
  },
  NOT_FOUND: {
    status: 404,
    text: { 'zh-CN': '找不到该内容', 'zh-HK': '找不到該內容', en: 'Not found' },
  },
  REGION_NOT_FOUND: {
    status: 404,
    text: { 'zh-CN': '找不到该行政区划', 'zh-HK': '找不到該行政區劃', en: 'No such region' },
  },
  USER_NOT_FOUND: {
    status: 404,
    text: { 'zh-CN': '找不到该用户', 'zh-HK': '找不到該用戶', en: 'No such user' },
  },
  CROSS_SITE_REQUEST: {
    status: 403,
    text: {
      'zh-CN': '拒绝来自其他网站的请求',
      'zh-HK': '拒絕來自其他網站的請求',
      en: 'Requests from other sites are refused',
    },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    text: {
      'zh-CN': '请求格式不受支持，请使用 JSON',
      'zh-HK': '請求格式不受支援，請使用 JSON',
      en: 'Unsupported content type; send JSON',
    },
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    text: {
      'zh-CN': '请求内容过大，超出此接口允许的大小',
      'zh-HK': '請求內容過大，超出此介面允許的大小',
      en: 'The request is too large: more than this address accepts',
    },
  },
  /** A value the database could not take (a date or number out of range, an unusable character). */
  INVALID_VALUE: {
    status: 400,
    text: {
      'zh-CN': '请求中有无法处理的值：日期、数字超出范围，或含有不可用的字符',
      'zh-HK': '請求中有無法處理的值：日期、數字超出範圍，或含有不可用的字元',
      en: 'The request holds a value that cannot be used: a date or number out of range, or an unusable character',
    },
  },
  RATE_LIMITED: {
    status: 429,
    text: {
      'zh-CN': '请求过于频繁，请稍后再试',
      'zh-HK': '請求過於頻繁，請稍後再試',
      en: 'Too many requests; try again later',
    },
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    text: {
      'zh-CN': '服务暂时不可用，请稍后重试',
      'zh-HK': '服務暫時不可用，請稍後重試',
      en: 'The service is briefly unavailable; try again shortly',
    },
  },
  SERVER_BUSY: {
    status: 503,
    text: {
      'zh-CN': '当前访问人数较多，请您几秒后重试',
      'zh-HK': '目前訪問人數較多，請您幾秒後重試',
      en: 'Too many people are using the service right now; please try again in a few seconds',
    },
  },
  INTERNAL: {
    status: 500,
    text: {
      'zh-CN': '系统繁忙，请稍后再试',
      'zh-HK': '系統繁忙，請稍後再試',
      en: 'Something went wrong; try again later',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
