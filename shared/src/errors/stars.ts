import type { Text } from '../i18n.ts';

/** Star certification and honours. */
export const STAR_ERRORS = {
  STAR_NOT_ELIGIBLE: {
    status: 422,
    text: {
      'zh-CN': '尚未达到申请该星级的条件',
      'zh-HK': '尚未達到申請該星級的條件',
      en: 'The conditions for this star level are not met yet',
    },
  },
  STAR_LEVEL_ORDER: {
    status: 422,
    text: {
      'zh-CN': '星级须逐级认证，不能跳级',
      'zh-HK': '星級須逐級認證，不能跳級',
      en: 'Star levels are certified in order; a level cannot be skipped',
    },
  },
  STAR_APPLICATION_OPEN: {
    status: 409,
    text: {
      'zh-CN': '已有一份星级申请正在办理中',
      'zh-HK': '已有一份星級申請正在辦理中',
      en: 'A star application is already in progress',
    },
  },
  STAR_BARRED: {
    status: 403,
    text: {
      'zh-CN': '因虚报服务时长，暂不能申请星级认证',
      'zh-HK': '因虛報服務時數，暫不能申請星級認證',
      en: 'Star applications are barred for a period after falsified hours',
    },
  },
  STAR_STATE: {
    status: 409,
    text: {
      'zh-CN': '星级申请当前状态不允许此操作',
      'zh-HK': '星級申請當前狀態不允許此操作',
      en: 'The star application’s current status does not allow this',
    },
  },
  STAR_SELF_DECISION: {
    status: 403,
    text: {
      'zh-CN': '不能审核或认证本人的星级，请由其他管理员办理',
      'zh-HK': '不能審核或認證本人的星級，請由其他管理員辦理',
      en: 'Nobody reviews or certifies their own star level; another administrator must do it',
    },
  },
  STAR_NOT_IN_NOTICE: {
    status: 409,
    text: {
      'zh-CN': '该申请不在公示期内，不能提出异议',
      'zh-HK': '該申請不在公示期內，不能提出異議',
      en: 'The application is not in its public notice, so it cannot be objected to',
    },
  },
  STAR_NOT_MEMBER: {
    status: 422,
    text: {
      'zh-CN': '该志愿者不是本组织的成员',
      'zh-HK': '該志願者不是本組織的成員',
      en: 'The volunteer is not a member of this organization',
    },
  },
  STAR_SCHEME_INVALID: {
    status: 400,
    text: {
      'zh-CN': '星级标准须为递增的五个时长',
      'zh-HK': '星級標準須為遞增的五個時數',
      en: 'Star thresholds must be five increasing numbers of hours',
    },
  },
  STAR_CONDITIONS_UNCHECKED: {
    status: 422,
    text: {
      'zh-CN': '请先确认已核实本地区的附加条件',
      'zh-HK': '請先確認已核實本地區的附加條件',
      en: 'Confirm that the scheme’s extra conditions were checked',
    },
  },
  STAR_OBJECTIONS_OPEN: {
    status: 409,
    text: {
      'zh-CN': '尚有未处理的异议，处理后才能认证',
      'zh-HK': '尚有未處理的異議，處理後才能認證',
      en: 'Objections are still open; decide them before certification',
    },
  },
  HONOUR_STATE: {
    status: 409,
    text: {
      'zh-CN': '评选轮次当前状态不允许此操作',
      'zh-HK': '評選輪次當前狀態不允許此操作',
      en: 'The honours round’s current status does not allow this',
    },
  },
  HONOUR_QUOTA: {
    status: 409,
    text: {
      'zh-CN': '入选名额已满',
      'zh-HK': '入選名額已滿',
      en: 'The round’s places are all taken',
    },
  },
  HONOUR_NOMINEE_INVALID: {
    status: 422,
    text: {
      'zh-CN': '被推荐对象不符合该评选的要求',
      'zh-HK': '被推薦對象不符合該評選的要求',
      en: 'The nominee does not fit this honours round',
    },
  },
  HONOUR_DUPLICATE: {
    status: 409,
    text: {
      'zh-CN': '该对象已在本轮被推荐',
      'zh-HK': '該對象已在本輪被推薦',
      en: 'This nominee has already been nominated in the round',
    },
  },
  HONOUR_SELF_DECISION: {
    status: 403,
    text: {
      'zh-CN': '不能评审本人或本人所在组织的推荐',
      'zh-HK': '不能評審本人或本人所在組織的推薦',
      en: 'Nobody decides about their own nomination or their own organization’s',
    },
  },
  HONOUR_SELF_NOMINATION: {
    status: 403,
    text: {
      'zh-CN': '不能推荐本组织或本人所在、所管理的组织参评',
      'zh-HK': '不能推薦本組織或本人所在、所管理的組織參評',
      en: 'Nobody nominates their own organization, or one they belong to or administer',
    },
  },
  HONOUR_QUOTA_TOO_LARGE: {
    status: 422,
    text: {
      'zh-CN': '十佳志愿服务组织评选最多评出 10 个',
      'zh-HK': '十佳志願服務組織評選最多評出 10 個',
      en: 'A ten best teams round chooses at most ten',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
