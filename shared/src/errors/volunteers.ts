import type { Text } from '../i18n.ts';

/** Volunteer registration, documents, verification and accounts. */
export const VOLUNTEER_ERRORS = {
  QUALIFICATIONS_ARE_RECORDS: {
    status: 400,
    text: {
      'zh-CN':
        '资格证书不再在个人资料中填写：请在“我的培训与资质”中上传证书申请认定资质（资质记录需有凭证），本次未作任何修改',
      'zh-HK':
        '資格證書不再在個人資料中填寫：請在「我的培訓與資質」中上傳證書申請認定資質（資質記錄需有憑證），本次未作任何修改',
      en: 'Qualifications are no longer typed into the profile: add one under “My training and qualifications” by uploading the certificate as evidence (a claim). Nothing was changed',
    },
  },
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
  DOCUMENT_REGION: {
    status: 400,
    text: {
      'zh-CN': '证件号码的前六位不是有效的行政区划代码（省级代码不存在或为 000000）',
      'zh-HK': '證件號碼的前六位不是有效的行政區劃代碼（省級代碼不存在或為 000000）',
      en: 'The first six digits of the number are not a real address code (no such province, or 000000)',
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
} as const satisfies Record<string, { status: number; text: Text }>;
