import type { Text } from '../i18n.ts';

/** Civic-supervision reports (文明监督 随手拍): reports, cases, handling, ratings. */
export const CIVIC_ERRORS = {
  CIVIC_CASE_NOT_FOUND: {
    status: 404,
    text: { 'zh-CN': '案件不存在', 'zh-HK': '案件不存在', en: 'Case not found' },
  },
  CIVIC_PHOTO_INVALID: {
    status: 400,
    text: {
      'zh-CN': '照片须为 JPEG、PNG 或 WebP 格式且文件完整，每张不超过 8 MB',
      'zh-HK': '相片須為 JPEG、PNG 或 WebP 格式且檔案完整，每張不超過 8 MB',
      en: 'Photos must be complete JPEG, PNG or WebP files of at most 8 MB each',
    },
  },
  CIVIC_PHOTOS_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '请上传一张近景照片和一张远景照片',
      'zh-HK': '請上載一張近景相片和一張遠景相片',
      en: 'Upload one close-up photo and one wide photo',
    },
  },
  CIVIC_REGION_LEVEL: {
    status: 400,
    text: {
      'zh-CN': '请选择问题所在的区县、街道或社区',
      'zh-HK': '請選擇問題所在的區縣、街道或社區',
      en: 'Choose the district, street or community where the problem is',
    },
  },
  CIVIC_CASE_STATE: {
    status: 409,
    text: {
      'zh-CN': '案件当前状态不允许此操作',
      'zh-HK': '案件當前狀態不允許此操作',
      en: 'The case’s current status does not allow this',
    },
  },
  CIVIC_SELF_REVIEW: {
    status: 403,
    text: {
      'zh-CN': '不能验收自己办理的案件，请由举报人或其他督查人员验收',
      'zh-HK': '不能驗收自己辦理的案件，請由舉報人或其他督查人員驗收',
      en: 'You cannot check a case you handled yourself; the reporter or another supervisor checks it',
    },
  },
  CIVIC_UNIT_NOT_FOUND: {
    status: 422,
    text: {
      'zh-CN': '责任单位不存在或不在该区域',
      'zh-HK': '責任單位不存在或不在該區域',
      en: 'The responsible unit does not exist or is not in that region',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
