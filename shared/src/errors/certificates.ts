import type { Text } from '../i18n.ts';

/** Certificates of service records: requests, issuing, revocation, seals. */
export const CERTIFICATE_ERRORS = {
  CERT_STATE: {
    status: 409,
    text: {
      'zh-CN': '证明当前状态不允许此操作',
      'zh-HK': '證明當前狀態不允許此操作',
      en: 'The certificate’s current status does not allow this',
    },
  },
  CERT_NO_RECORDS: {
    status: 422,
    text: {
      'zh-CN': '该组织没有符合条件的已确认服务记录',
      'zh-HK': '該組織沒有符合條件的已確認服務記錄',
      en: 'The organization has no confirmed service records that match',
    },
  },
  CERT_REQUEST_OPEN: {
    status: 409,
    text: {
      'zh-CN': '您向该组织提交的证明申请尚在处理中',
      'zh-HK': '您向該組織提交的證明申請尚在處理中',
      en: 'Your certificate request to this organization is still awaiting a decision',
    },
  },
  CERT_NO_PERSON_IN_CHARGE: {
    status: 409,
    text: {
      'zh-CN': '组织尚未登记负责人，暂不能出具证明',
      'zh-HK': '組織尚未登記負責人，暫不能出具證明',
      en: 'The organization has no person in charge on record, so it cannot issue certificates yet',
    },
  },
  CERT_SEAL_INVALID: {
    status: 400,
    text: {
      'zh-CN': '印章图片须为 PNG 或 JPEG 格式，且不超过 512 KB',
      'zh-HK': '印章圖片須為 PNG 或 JPEG 格式，且不超過 512 KB',
      en: 'The seal must be a PNG or JPEG image of at most 512 KB',
    },
  },
  CERT_PERSON_IN_CHARGE_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '由区域管理员出具证明时，须填写负责人',
      'zh-HK': '由區域管理員出具證明時，須填寫負責人',
      en: 'When the region administrators issue a certificate, name its person in charge',
    },
  },
  CERT_ISSUER_FIELDS: {
    status: 400,
    text: {
      'zh-CN': '组织出具证明时使用其登记的名称和负责人，不能另行填写',
      'zh-HK': '組織出具證明時使用其登記的名稱和負責人，不能另行填寫',
      en: 'An organization issues under its registered name and person in charge; they cannot be given here',
    },
  },
  /** The issuer is the volunteer the certificate is for (details: who issues instead). */
  CERTIFICATE_SELF_ISSUE: {
    status: 403,
    text: {
      'zh-CN': '不能为本人出具志愿服务记录证明，请由上级组织或区域管理员出具',
      'zh-HK': '不能為本人出具志願服務記錄證明，請由上級組織或區域管理員出具',
      en: 'You cannot issue your own certificate; the parent organization or the region administrators must',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
