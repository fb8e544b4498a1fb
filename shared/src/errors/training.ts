import type { Text } from '../i18n.ts';

/** Training and qualifications: courses, quizzes, completions, certificates and positions that need one. */
export const TRAINING_ERRORS = {
  COURSE_NOT_FOUND: {
    status: 404,
    text: { 'zh-CN': '课程不存在', 'zh-HK': '課程不存在', en: 'Course not found' },
  },
  COURSE_OWNER_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '请选择开课的组织或区域（二选一）',
      'zh-HK': '請選擇開課的組織或區域（二選一）',
      en: 'Name the organization or the region offering the course (one of them)',
    },
  },
  COURSE_QUIZ_INVALID: {
    status: 400,
    text: {
      'zh-CN': '线上课程发布前须有测验题，每题的答案须是其中一个选项，及格题数不超过题目总数',
      'zh-HK': '線上課程發佈前須有測驗題，每題的答案須是其中一個選項，及格題數不超過題目總數',
      en: 'An online course needs quiz questions before it is published, each answer one of its options, and a pass mark no higher than the number of questions',
    },
  },
  COURSE_ACTIVITY_INVALID: {
    status: 400,
    text: {
      'zh-CN': '线下课程须关联一个您管辖范围内的活动；线上课程不关联活动',
      'zh-HK': '線下課程須關聯一個您管轄範圍內的活動；線上課程不關聯活動',
      en: 'An offline course links an activity within your scope; an online course links none',
    },
  },
  COURSE_NOT_ONLINE: {
    status: 409,
    text: {
      'zh-CN': '该课程为线下课程，以签到出勤计完成，无需答题',
      'zh-HK': '該課程為線下課程，以簽到出勤計完成，無需答題',
      en: 'This is an offline course: attendance completes it, there is no quiz',
    },
  },
  COURSE_NOT_OFFLINE: {
    status: 409,
    text: {
      'zh-CN': '该课程为线上课程，由志愿者答题完成',
      'zh-HK': '該課程為線上課程，由志願者答題完成',
      en: 'This is an online course: volunteers complete it by the quiz',
    },
  },
  COURSE_ALREADY_COMPLETED: {
    status: 409,
    text: {
      'zh-CN': '您已完成该课程。课程授予的资质到期前 30 天内（或过期后）可再次完成以续期',
      'zh-HK': '您已完成該課程。課程授予的資質到期前 30 天內（或過期後）可再次完成以續期',
      en: 'You have already completed this course. Within 30 days of the qualification it grants expiring (or after), you may complete it again to renew',
    },
  },
  QUIZ_ANSWERS_COUNT: {
    status: 400,
    text: {
      'zh-CN': '请回答全部题目（每题选择一个选项）',
      'zh-HK': '請回答全部題目（每題選擇一個選項）',
      en: 'Answer every question (one option each)',
    },
  },
  QUALIFICATION_TYPE_UNKNOWN: {
    status: 400,
    text: {
      'zh-CN': '资质类型不存在',
      'zh-HK': '資質類型不存在',
      en: 'Unknown qualification type',
    },
  },
  QUALIFICATION_NOT_FOUND: {
    status: 404,
    text: { 'zh-CN': '资质记录不存在', 'zh-HK': '資質記錄不存在', en: 'Qualification not found' },
  },
  QUALIFICATION_REVOKED: {
    status: 409,
    text: {
      'zh-CN': '该资质已被撤销',
      'zh-HK': '該資質已被撤銷',
      en: 'This qualification is already revoked',
    },
  },
  QUALIFICATION_REQUIRED: {
    status: 403,
    text: {
      'zh-CN':
        '该岗位要求持有有效的相应资质（在班次当天未过期、未撤销）。您可先完成相关培训，或上传已有证书待审核',
      'zh-HK':
        '該崗位要求持有有效的相應資質（在班次當天未過期、未撤銷）。您可先完成相關培訓，或上傳已有證書待審核',
      en: 'This position requires a valid qualification (unexpired and unrevoked on the shift’s date). Complete the training, or upload a certificate you hold for review',
    },
  },
  CLAIM_NOT_FOUND: {
    status: 404,
    text: { 'zh-CN': '证书申报不存在', 'zh-HK': '證書申報不存在', en: 'Certificate claim not found' },
  },
  CLAIM_DECIDED: {
    status: 409,
    text: {
      'zh-CN': '该证书申报已审核',
      'zh-HK': '該證書申報已審核',
      en: 'This certificate claim is already reviewed',
    },
  },
  CLAIM_PHOTO_INVALID: {
    status: 400,
    text: {
      'zh-CN': '证书照片须为 JPEG、PNG 或 WebP 图片，且不超过 6 MB',
      'zh-HK': '證書相片須為 JPEG、PNG 或 WebP 圖片，且不超過 6 MB',
      en: 'The certificate photo must be a JPEG, PNG or WebP image of at most 6 MB',
    },
  },
  CLAIM_DATES: {
    status: 400,
    text: {
      'zh-CN': '证书的发证日期不能晚于今天，有效期须晚于发证日期',
      'zh-HK': '證書的發證日期不能晚於今天，有效期須晚於發證日期',
      en: 'A certificate cannot be issued after today, and its expiry must follow its issue date',
    },
  },
  TRAINING_SELF_DECISION: {
    status: 403,
    text: {
      'zh-CN': '您不能为自己记录培训、审核证书或撤销资质，请由其他管理员处理',
      'zh-HK': '您不能為自己記錄培訓、審核證書或撤銷資質，請由其他管理員處理',
      en: 'You cannot record your own training, review your own certificate or revoke your own qualification; another admin must',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
