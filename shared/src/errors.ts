import type { Locale, Text } from './i18n.ts';

/**
 * Every error the API can return: code → HTTP status and message in each language.
 * The web shows messages by code, so this one table is the whole vocabulary of failures.
 */
export const ERRORS = {
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
    text: { 'zh-CN': '请求内容过大', 'zh-HK': '請求內容過大', en: 'The request is too large' },
  },
  RATE_LIMITED: {
    status: 429,
    text: {
      'zh-CN': '请求过于频繁，请稍后再试',
      'zh-HK': '請求過於頻繁，請稍後再試',
      en: 'Too many requests; try again later',
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
  // Organizations and memberships
  USCC_INVALID: {
    status: 400,
    text: {
      'zh-CN': '统一社会信用代码不正确（应为 18 位，校验位需符合 GB 32100）',
      'zh-HK': '統一社會信用代碼不正確（應為 18 位，校驗位需符合 GB 32100）',
      en: 'The unified social credit code is not valid (18 characters with a GB 32100 check character)',
    },
  },
  USCC_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '已登记的组织需填写统一社会信用代码',
      'zh-HK': '已登記的組織需填寫統一社會信用代碼',
      en: 'A registered organization needs its unified social credit code',
    },
  },
  USCC_NOT_ALLOWED: {
    status: 400,
    text: {
      'zh-CN': '未登记的团队没有统一社会信用代码，请填写挂靠单位',
      'zh-HK': '未登記的團隊沒有統一社會信用代碼，請填寫掛靠單位',
      en: 'An unregistered team has no unified social credit code; name its host unit instead',
    },
  },
  HOST_UNIT_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '未登记的团队需填写挂靠单位',
      'zh-HK': '未登記的團隊需填寫掛靠單位',
      en: 'An unregistered team needs a host unit',
    },
  },
  USCC_TAKEN: {
    status: 409,
    text: {
      'zh-CN': '该统一社会信用代码已有组织注册',
      'zh-HK': '該統一社會信用代碼已有組織註冊',
      en: 'An organization with this unified social credit code is already registered',
    },
  },
  PARENT_NOT_ADMINISTERED: {
    status: 403,
    text: {
      'zh-CN': '只能在您管理的组织下设立分队',
      'zh-HK': '只能在您管理的組織下設立分隊',
      en: 'Sub-teams can only be set up under an organization you administer',
    },
  },
  PARENT_REGION_MISMATCH: {
    status: 400,
    text: {
      'zh-CN': '分队所在区域须在上级组织的区域范围内',
      'zh-HK': '分隊所在區域須在上級組織的區域範圍內',
      en: 'A sub-team must be in its parent organization’s region',
    },
  },
  ORG_NOT_PENDING: {
    status: 409,
    text: {
      'zh-CN': '该组织已审核，不能重复审核',
      'zh-HK': '該組織已審核，不能重複審核',
      en: 'This organization has already been reviewed',
    },
  },
  SELF_REVIEW: {
    status: 403,
    text: {
      'zh-CN': '不能审核自己提交的注册',
      'zh-HK': '不能審核自己提交的註冊',
      en: 'You cannot review a registration you submitted',
    },
  },
  REVIEW_REASON_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '驳回时须填写理由',
      'zh-HK': '駁回時須填寫理由',
      en: 'A rejection needs a reason',
    },
  },
  ORG_NOT_APPROVED: {
    status: 409,
    text: {
      'zh-CN': '该组织尚未通过审核，暂不能加入或管理成员',
      'zh-HK': '該組織尚未通過審核，暫不能加入或管理成員',
      en: 'This organization is not approved yet, so it takes no members',
    },
  },
  VOLUNTEER_REQUIRED: {
    status: 403,
    text: {
      'zh-CN': '请先完成志愿者注册',
      'zh-HK': '請先完成義工登記',
      en: 'Register as a volunteer first',
    },
  },
  MEMBER_VOLUNTEER_NOT_FOUND: {
    status: 404,
    text: {
      'zh-CN': '找不到该志愿者编号',
      'zh-HK': '找不到該義工編號',
      en: 'No volunteer has this number',
    },
  },
  MEMBERSHIP_EXISTS: {
    status: 409,
    text: {
      'zh-CN': '已在该组织中，或已有待处理的申请或邀请',
      'zh-HK': '已在該組織中，或已有待處理的申請或邀請',
      en: 'Already a member of this organization, or an application or invitation is pending',
    },
  },
  MEMBERSHIP_STATE: {
    status: 409,
    text: {
      'zh-CN': '该成员记录当前状态不允许此操作',
      'zh-HK': '該成員記錄當前狀態不允許此操作',
      en: 'The membership is not in a state that allows this',
    },
  },
  EXPORT_TOO_LARGE: {
    status: 400,
    text: {
      'zh-CN': '导出数量过多，请缩小筛选范围',
      'zh-HK': '匯出數量過多，請縮小篩選範圍',
      en: 'Too many rows to export; narrow the filter',
    },
  },
  // Volunteers
  DOCUMENT_FORMAT: {
    status: 400,
    text: {
      'zh-CN': '证件号码格式不正确，请核对证件类型和号码',
      'zh-HK': '證件號碼格式不正確，請核對證件類型和號碼',
      en: 'The document number has the wrong format for this document type',
    },
  },
  DOCUMENT_CHECKSUM: {
    status: 400,
    text: {
      'zh-CN': '证件号码校验位不正确，请检查是否输错',
      'zh-HK': '證件號碼校驗位不正確，請檢查是否輸錯',
      en: 'The document number’s check character is wrong; check for a typo',
    },
  },
  DOCUMENT_BIRTH_DATE: {
    status: 400,
    text: {
      'zh-CN': '证件号码中的出生日期无效',
      'zh-HK': '證件號碼中的出生日期無效',
      en: 'The birth date inside the document number is not a valid date',
    },
  },
  DOCUMENT_PREFIX: {
    status: 400,
    text: {
      'zh-CN': '证件号码与所选证件类型不符（如港澳台居民居住证以 810000、820000、830000 开头）',
      'zh-HK': '證件號碼與所選證件類型不符（如港澳台居民居住證以 810000、820000、830000 開頭）',
      en: 'The number does not match the document type (residence permits start with 810000, 820000 or 830000)',
    },
  },
  BIRTH_DATE_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '此类证件需填写出生日期和性别，且须与证件号码一致',
      'zh-HK': '此類證件需填寫出生日期和性別，且須與證件號碼一致',
      en: 'This document type needs a birth date and gender, matching the document number',
    },
  },
  VOLUNTEER_EXISTS: {
    status: 409,
    text: {
      'zh-CN': '该证件或手机号已注册志愿者，请直接登录',
      'zh-HK': '該證件或手機號碼已登記義工，請直接登入',
      en: 'A volunteer with this document or phone is already registered; sign in instead',
    },
  },
  MINOR_NEEDS_GUARDIAN_REGISTRATION: {
    status: 403,
    text: {
      'zh-CN': '未满 14 周岁须由监护人代为注册',
      'zh-HK': '未滿 14 歲須由監護人代為登記',
      en: 'Children under 14 must be registered by a guardian',
    },
  },
  GUARDIAN_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '未成年人须填写监护人信息及监护人同意记录',
      'zh-HK': '未成年人須填寫監護人資料及監護人同意記錄',
      en: 'A minor needs a guardian and the guardian’s consent on record',
    },
  },
  REGISTERING_ORG_NOT_APPROVED: {
    status: 409,
    text: {
      'zh-CN': '组织尚未通过审核，不能代为注册志愿者',
      'zh-HK': '組織尚未通過審核，不能代為登記義工',
      en: 'The organization is not approved yet, so it cannot register volunteers',
    },
  },
  ALREADY_VERIFIED: {
    status: 409,
    text: {
      'zh-CN': '已完成实名认证',
      'zh-HK': '已完成實名認證',
      en: 'Real-name verification is already complete',
    },
  },
  VERIFICATION_NOT_PENDING: {
    status: 409,
    text: {
      'zh-CN': '该志愿者没有待审核的实名认证',
      'zh-HK': '該義工沒有待審核的實名認證',
      en: 'This volunteer has no verification waiting for review',
    },
  },
  EXTERNAL_VERIFICATION_UNAVAILABLE: {
    status: 409,
    text: {
      'zh-CN': '此类证件不能在线核验，请上传证件照片等待人工审核',
      'zh-HK': '此類證件不能在線核驗，請上載證件照片等待人工審核',
      en: 'This document type cannot be checked online; upload a photo of it for manual review',
    },
  },
  SELF_VERIFICATION: {
    status: 403,
    text: {
      'zh-CN': '不能审核自己的实名认证',
      'zh-HK': '不能審核自己的實名認證',
      en: 'You cannot review your own verification',
    },
  },
  DOCUMENT_FILE_INVALID: {
    status: 400,
    text: {
      'zh-CN': '文件内容与类型不符，请上传 PNG、JPEG 或 PDF 文件（不超过 2 MB）',
      'zh-HK': '檔案內容與類型不符，請上載 PNG、JPEG 或 PDF 檔案（不超過 2 MB）',
      en: 'The file does not match its type; upload a PNG, JPEG or PDF of at most 2 MB',
    },
  },
  DOCUMENT_UPLOAD_LIMIT: {
    status: 409,
    text: {
      'zh-CN': '已上传的证件材料过多，请等待审核',
      'zh-HK': '已上載的證件材料過多，請等待審核',
      en: 'Too many document files are already uploaded; wait for the review',
    },
  },
  ACCOUNT_HAS_ROLES: {
    status: 409,
    text: {
      'zh-CN': '账户仍担任管理角色，请先交接并撤销角色后再注销',
      'zh-HK': '帳戶仍擔任管理角色，請先交接並撤銷角色後再註銷',
      en: 'The account still holds admin roles; have them revoked before closing it',
    },
  },
  IMPORT_FILE_UNREADABLE: {
    status: 400,
    text: {
      'zh-CN': '无法读取文件，请上传 Excel（.xlsx）文件',
      'zh-HK': '無法讀取檔案，請上載 Excel（.xlsx）檔案',
      en: 'The file cannot be read; upload an Excel (.xlsx) file',
    },
  },
  IMPORT_BUSY: {
    status: 409,
    text: {
      'zh-CN': '该组织已有导入正在进行，或系统正忙，请稍后再试',
      'zh-HK': '該組織已有匯入正在進行，或系統正忙，請稍後再試',
      en: 'An import for this organization is already running, or the system is busy; try again later',
    },
  },
  IMPORT_COLUMN_MISSING: {
    status: 400,
    text: {
      'zh-CN': '缺少必需的列，请使用导入模板',
      'zh-HK': '缺少必需的欄，請使用匯入範本',
      en: 'A required column is missing; use the import template',
    },
  },
  IMPORT_EMPTY: {
    status: 400,
    text: {
      'zh-CN': '文件中没有数据行',
      'zh-HK': '檔案中沒有資料列',
      en: 'The file has no data rows',
    },
  },
  IMPORT_TOO_MANY_ROWS: {
    status: 400,
    text: {
      'zh-CN': '一个文件最多 100,000 行，请分成多个文件导入',
      'zh-HK': '一個檔案最多 100,000 列，請分成多個檔案匯入',
      en: 'A file may hold at most 100,000 rows; split it into several files',
    },
  },
  IMPORT_CELL_REQUIRED: {
    status: 400,
    text: { 'zh-CN': '此项必填', 'zh-HK': '此項必填', en: 'This cell is required' },
  },
  IMPORT_CELL_INVALID: {
    status: 400,
    text: { 'zh-CN': '内容格式不正确', 'zh-HK': '內容格式不正確', en: 'The value is not valid' },
  },
  IMPORT_NUMBER_NOT_TEXT: {
    status: 400,
    text: {
      'zh-CN': '长数字被 Excel 存成了数值，末尾几位已丢失；请把该列设为“文本”后重新填写',
      'zh-HK': '長數字被 Excel 存成了數值，末尾幾位已遺失；請把該欄設為「文字」後重新填寫',
      en: 'Excel stored this long number as a number and lost its last digits; format the column as text and enter it again',
    },
  },
  IMPORT_DUPLICATE_IN_FILE: {
    status: 400,
    text: {
      'zh-CN': '与文件中的另一行是同一人',
      'zh-HK': '與檔案中的另一列是同一人',
      en: 'The same person as another row of the file',
    },
  },
  IMPORT_INTERRUPTED: {
    status: 503,
    text: {
      'zh-CN': '导入因服务重启而中断，未写入任何数据，请重新上传',
      'zh-HK': '匯入因服務重新啟動而中斷，未寫入任何資料，請重新上載',
      en: 'The import was interrupted by a restart and wrote nothing; upload the file again',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return ERRORS[code].text[locale];
}
