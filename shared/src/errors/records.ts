import type { Text } from '../i18n.ts';

/** Service records: confirmation, back-fill, corrections. */
export const RECORD_ERRORS = {
  RECORD_STATE: {
    status: 409,
    text: {
      'zh-CN': '服务记录当前状态不允许此操作',
      'zh-HK': '服務記錄當前狀態不允許此操作',
      en: 'The service record’s current status does not allow this',
    },
  },
  RECORD_ADJUST_REASON_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '调整时长须填写原因',
      'zh-HK': '調整時長須填寫原因',
      en: 'Changing the hours needs a reason',
    },
  },
  RECORD_SELF_APPROVAL: {
    status: 403,
    text: {
      'zh-CN': '不能审核自己录入的记录，须由另一位管理员审核',
      'zh-HK': '不能審核自己錄入的記錄，須由另一位管理員審核',
      en: 'You cannot approve an entry you made; another administrator must',
    },
  },
  RECORD_VOLUNTEER_NOT_FOUND: {
    status: 404,
    text: {
      'zh-CN': '找不到该志愿者编号',
      'zh-HK': '找不到該志願者編號',
      en: 'No volunteer has that number',
    },
  },
  RECORD_DAY_OVER_24H: {
    status: 409,
    text: {
      'zh-CN': '该志愿者当天记录的时长将超过 24 小时',
      'zh-HK': '該志願者當天記錄的時長將超過 24 小時',
      en: 'The volunteer’s hours that day would exceed 24',
    },
  },
  RECORD_CORRECTION_OPEN: {
    status: 409,
    text: {
      'zh-CN': '该记录已有待处理的更正申请',
      'zh-HK': '該記錄已有待處理的更正申請',
      en: 'A correction of this record is already awaiting a decision',
    },
  },
  RECORD_CHECKOUT_MISSING: {
    status: 409,
    text: {
      'zh-CN': '该志愿者未签退：请先在签到看板补签退，或填写时长并说明原因',
      'zh-HK': '該志願者未簽退：請先在簽到看板補簽退，或填寫時長並說明原因',
      en: 'The volunteer never checked out: complete the check-out on the board, or enter the hours with a reason',
    },
  },
  RECORD_FUTURE_DATE: {
    status: 400,
    text: {
      'zh-CN': '服务日期不能晚于今天',
      'zh-HK': '服務日期不能晚於今天',
      en: 'The service date cannot be in the future',
    },
  },
  HOLIDAY_DATE_OUTSIDE_YEAR: {
    status: 400,
    text: {
      'zh-CN': '日期不在所填年份内',
      'zh-HK': '日期不在所填年份內',
      en: 'A date is not in the year being entered',
    },
  },
  HOLIDAY_WORKDAY_NOT_WEEKEND: {
    status: 400,
    text: {
      'zh-CN': '调休上班日必须是周六或周日',
      'zh-HK': '調休上班日必須是星期六或星期日',
      en: 'A make-up working day must be a Saturday or Sunday',
    },
  },
  HOLIDAY_DAY_TWICE: {
    status: 400,
    text: {
      'zh-CN': '同一天不能既是假日又是上班日，也不能重复填写',
      'zh-HK': '同一天不能既是假日又是上班日，也不能重複填寫',
      en: 'A day cannot be both a holiday and a working day, nor be entered twice',
    },
  },
  /** The decider is the volunteer the record is about (details: who decides instead). */
  RECORD_SELF_DECISION: {
    status: 403,
    text: {
      'zh-CN': '不能审核本人的服务记录，请由上级组织或区域管理员审核',
      'zh-HK': '不能審核本人的服務記錄，請由上級組織或區域管理員審核',
      en: 'You cannot decide on your own service record; the parent organization or the region administrators must',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
