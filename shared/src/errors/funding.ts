import type { Text } from '../i18n.ts';

/** Funding rounds (益苗计划): rounds, proposals, reviews, awards, reports, evaluations. */
export const FUNDING_ERRORS = {
  FUNDING_ROUND_NOT_FOUND: {
    status: 404,
    text: { 'zh-CN': '资助轮次不存在', 'zh-HK': '資助輪次不存在', en: 'Funding round not found' },
  },
  FUNDING_PROPOSAL_NOT_FOUND: {
    status: 404,
    text: { 'zh-CN': '申报项目不存在', 'zh-HK': '申報項目不存在', en: 'Proposal not found' },
  },
  FUNDING_STATE: {
    status: 409,
    text: {
      'zh-CN': '当前状态不允许此操作',
      'zh-HK': '當前狀態不允許此操作',
      en: 'The current status does not allow this',
    },
  },
  FUNDING_ROUND_INVALID: {
    status: 400,
    text: {
      'zh-CN':
        '轮次设置有误：评分标准权重合计须为 100，截止时间须晚于开始时间，各档资助上限之和不得超过总预算',
      'zh-HK':
        '輪次設定有誤：評分標準權重合計須為 100，截止時間須晚於開始時間，各檔資助上限之和不得超過總預算',
      en: 'Invalid round: criteria weights must add up to 100, the window must end after it starts, and no tier cap may exceed the budget',
    },
  },
  FUNDING_WINDOW_CLOSED: {
    status: 409,
    text: {
      'zh-CN': '不在申报时间内',
      'zh-HK': '不在申報時間內',
      en: 'Proposals are not being accepted at this time',
    },
  },
  FUNDING_OUT_OF_REGION: {
    status: 403,
    text: {
      'zh-CN': '该组织不在此轮次的区域内',
      'zh-HK': '該組織不在此輪次的區域內',
      en: 'The organization is outside the round’s region',
    },
  },
  FUNDING_FUNDER_INVALID: {
    status: 422,
    text: {
      'zh-CN': '出资方须为已登记的基金会，且轮次区域须在该基金会所在区域之内',
      'zh-HK': '出資方須為已登記的基金會，且輪次區域須在該基金會所在區域之內',
      en: 'The funder must be an approved foundation, and the round’s region must be its own region or within it',
    },
  },
  FUNDING_OWN_ROUND: {
    status: 409,
    text: {
      'zh-CN': '出资的基金会不能申报自己设立的轮次',
      'zh-HK': '出資的基金會不能申報自己設立的輪次',
      en: 'A foundation cannot apply to a round it funds',
    },
  },
  FUNDING_OVER_TIER_CAP: {
    status: 422,
    text: {
      'zh-CN': '预算合计超过所选档次的资助上限',
      'zh-HK': '預算合計超過所選檔次的資助上限',
      en: 'The budget total exceeds the cap of the chosen tier',
    },
  },
  FUNDING_ATTACHMENT_INVALID: {
    status: 400,
    text: {
      'zh-CN': '附件须为完整的 PDF、JPEG、PNG 或 WebP 文件，每个不超过 5 MB',
      'zh-HK': '附件須為完整的 PDF、JPEG、PNG 或 WebP 檔案，每個不超過 5 MB',
      en: 'Attachments must be complete PDF, JPEG, PNG or WebP files of at most 5 MB each',
    },
  },
  FUNDING_TOO_MANY_ATTACHMENTS: {
    status: 422,
    text: {
      'zh-CN': '附件数量已达上限（10 个）',
      'zh-HK': '附件數量已達上限（10 個）',
      en: 'An item can have at most 10 attachments',
    },
  },
  FUNDING_NOT_REVIEWER: {
    status: 403,
    text: {
      'zh-CN': '您不是此轮次的评审专家',
      'zh-HK': '您不是此輪次的評審專家',
      en: 'You are not a reviewer of this round',
    },
  },
  FUNDING_REVIEWER_INVALID: {
    status: 422,
    text: {
      'zh-CN': '评审专家账号不存在，或是本轮次的主办人员',
      'zh-HK': '評審專家帳號不存在，或是本輪次的主辦人員',
      en: 'No such account, or it is one of the round’s own administrators',
    },
  },
  FUNDING_CONFLICT: {
    status: 403,
    text: {
      'zh-CN': '您与该申报组织存在利益关系，不能评分',
      'zh-HK': '您與該申報組織存在利益關係，不能評分',
      en: 'You have a conflict of interest with this organization and cannot score it',
    },
  },
  FUNDING_DECLARE_FIRST: {
    status: 409,
    text: {
      'zh-CN': '请先声明是否存在利益冲突',
      'zh-HK': '請先聲明是否存在利益衝突',
      en: 'Declare whether you have a conflict of interest first',
    },
  },
  FUNDING_SCORE_INVALID: {
    status: 400,
    text: {
      'zh-CN': '须为每项评分标准打分，且不超过该项满分',
      'zh-HK': '須為每項評分標準評分，且不超過該項滿分',
      en: 'Score every criterion, each within its maximum',
    },
  },
  FUNDING_SELF_DECISION: {
    status: 403,
    text: {
      'zh-CN': '不能对自己所属或管理的组织作出决定',
      'zh-HK': '不能對自己所屬或管理的組織作出決定',
      en: 'You cannot decide about an organization you belong to or administer',
    },
  },
  FUNDING_OVER_BUDGET: {
    status: 409,
    text: {
      'zh-CN': '资助金额超出本轮次剩余预算',
      'zh-HK': '資助金額超出本輪次剩餘預算',
      en: 'The award exceeds the round’s remaining budget',
    },
  },
  FUNDING_TIER_FULL: {
    status: 409,
    text: {
      'zh-CN': '该档次名额已满，或金额超过该档次上限',
      'zh-HK': '該檔次名額已滿，或金額超過該檔次上限',
      en: 'The tier is full, or the amount exceeds its cap',
    },
  },
  FUNDING_MILESTONE_NOT_FOUND: {
    status: 404,
    text: { 'zh-CN': '里程碑不存在', 'zh-HK': '里程碑不存在', en: 'Milestone not found' },
  },
  FUNDING_REPORT_NOT_FOUND: {
    status: 404,
    text: { 'zh-CN': '项目报告不存在', 'zh-HK': '項目報告不存在', en: 'Report not found' },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
