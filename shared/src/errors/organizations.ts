import type { Text } from '../i18n.ts';

/** Organization registration and review, memberships. */
export const ORGANIZATION_ERRORS = {
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
  ORG_DISSOLVED: {
    status: 409,
    text: {
      'zh-CN': '该组织已注销，不能进行此操作',
      'zh-HK': '該組織已註銷，不能進行此操作',
      en: 'This organization has been dissolved, so this is no longer possible',
    },
  },
  DISSOLVE_REASON_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '注销组织须填写理由',
      'zh-HK': '註銷組織須填寫理由',
      en: 'Dissolving an organization needs a reason',
    },
  },
  SUCCESSOR_SELF: {
    status: 400,
    text: {
      'zh-CN': '继任组织不能是被注销的组织本身',
      'zh-HK': '繼任組織不能是被註銷的組織本身',
      en: 'An organization cannot be its own successor',
    },
  },
  SUCCESSOR_SUBTEAM: {
    status: 400,
    text: {
      'zh-CN': '继任组织不能是被注销组织的下级团队',
      'zh-HK': '繼任組織不能是被註銷組織的下級團隊',
      en: 'The successor cannot be one of the dissolved organization’s own sub-teams',
    },
  },
  SUCCESSOR_NOT_ACTIVE: {
    status: 409,
    text: {
      'zh-CN': '继任组织须为已通过审核且未注销的组织',
      'zh-HK': '繼任組織須為已通過審核且未註銷的組織',
      en: 'The successor must be an approved organization that is not dissolved',
    },
  },
  /** The team admin is the volunteer who applied (details: who decides instead). */
  MEMBERSHIP_SELF_DECISION: {
    status: 403,
    text: {
      'zh-CN': '不能审核本人的入队申请，请由上级组织或区域管理员审核',
      'zh-HK': '不能審核本人的入隊申請，請由上級組織或區域管理員審核',
      en: 'You cannot decide on your own application to join; the parent organization or the region administrators must',
    },
  },
  ORG_CHANGE_EMPTY: {
    status: 400,
    text: {
      'zh-CN': '变更登记未改动任何登记事项',
      'zh-HK': '變更登記未改動任何登記事項',
      en: 'The change registration changes none of the registered facts',
    },
  },
  ORG_CHANGE_NOT_OPEN: {
    status: 409,
    text: {
      'zh-CN': '只有已通过审核、未注销的组织可以申请变更登记',
      'zh-HK': '只有已通過審核、未註銷的組織可以申請變更登記',
      en: 'Only an approved organization that is not dissolved can register a change',
    },
  },
  ORG_CHANGE_PENDING: {
    status: 409,
    text: {
      'zh-CN': '已有一项变更登记正在审核，请等待审核结果后再提交',
      'zh-HK': '已有一項變更登記正在審核，請等待審核結果後再提交',
      en: 'A change registration is already waiting for review; wait for its outcome first',
    },
  },
  ORG_CHANGE_NOT_PENDING: {
    status: 409,
    text: {
      'zh-CN': '该变更登记已审核，不能重复审核',
      'zh-HK': '該變更登記已審核，不能重複審核',
      en: 'This change registration has already been reviewed',
    },
  },
  ORG_CHANGE_SELF_REVIEW: {
    status: 403,
    text: {
      'zh-CN': '不能审核本人提交或本人所管理组织的变更登记',
      'zh-HK': '不能審核本人提交或本人所管理組織的變更登記',
      en: 'You cannot review a change registration you submitted or of an organization you administer',
    },
  },
  HOST_UNIT_NOT_ALLOWED: {
    status: 400,
    text: {
      'zh-CN': '只有未登记的团队填写挂靠单位',
      'zh-HK': '只有未登記的團隊填寫掛靠單位',
      en: 'Only an unregistered team has a host unit',
    },
  },
  PERSON_IN_CHARGE_BY_CHANGE: {
    status: 409,
    text: {
      'zh-CN': '负责人属于登记事项，请通过“变更登记”修改，经审核后生效',
      'zh-HK': '負責人屬於登記事項，請透過「變更登記」修改，經審核後生效',
      en: 'The person in charge is a registered fact: change it through a change registration, which is reviewed',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
