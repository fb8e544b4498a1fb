import type { Text } from '../i18n.ts';

/** Activities, positions, sign-ups, check-in and check-out. */
export const ACTIVITY_ERRORS = {
  ACTIVITY_STATE: {
    status: 409,
    text: {
      'zh-CN': '活动当前状态不允许此操作',
      'zh-HK': '活動當前狀態不允許此操作',
      en: 'The activity’s current status does not allow this',
    },
  },
  ACTIVITY_TIME_RANGE: {
    status: 400,
    text: {
      'zh-CN': '结束时间必须晚于开始时间',
      'zh-HK': '結束時間必須晚於開始時間',
      en: 'The end time must be after the start time',
    },
  },
  ACTIVITY_IN_PAST: {
    status: 400,
    text: {
      'zh-CN': '活动开始时间已过，不能按此时间发布',
      'zh-HK': '活動開始時間已過，不能按此時間發佈',
      en: 'The activity’s start time has passed; it cannot be published for that time',
    },
  },
  ACTIVITY_INSURANCE_REQUIRED: {
    status: 422,
    text: {
      'zh-CN': '有人身风险的活动须先登记意外保险（保单号、保险公司、保障内容和期限）才能发布',
      'zh-HK': '有人身風險的活動須先登記意外保險（保單號、保險公司、保障內容和期限）才能發佈',
      en: 'An activity with physical risk needs accident insurance (policy number, insurer, cover and period) before it is published',
    },
  },
  ACTIVITY_INSURANCE_PERIOD: {
    status: 422,
    text: {
      'zh-CN': '保险期限未覆盖活动日期',
      'zh-HK': '保險期限未覆蓋活動日期',
      en: 'The insurance period does not cover the activity’s dates',
    },
  },
  ACTIVITY_RISK_TEXT_REQUIRED: {
    status: 422,
    text: {
      'zh-CN': '有风险的活动必须向报名者说明风险',
      'zh-HK': '有風險的活動必須向報名者說明風險',
      en: 'An activity with risks must describe them to applicants',
    },
  },
  ACTIVITY_NO_POSITIONS: {
    status: 422,
    text: {
      'zh-CN': '请至少添加一个岗位和班次后再发布',
      'zh-HK': '請至少添加一個崗位和班次後再發佈',
      en: 'Add at least one position with a shift before publishing',
    },
  },
  ACTIVITY_GEOFENCE: {
    status: 400,
    text: {
      'zh-CN': '启用签到范围时须填写活动地点坐标和半径',
      'zh-HK': '啟用簽到範圍時須填寫活動地點座標和半徑',
      en: 'A check-in area needs the site’s coordinates and a radius',
    },
  },
  ACTIVITY_INVITE_CODE_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '凭邀请码招募时须设置邀请码',
      'zh-HK': '憑邀請碼招募時須設置邀請碼',
      en: 'Recruiting with an invitation code needs a code',
    },
  },
  ACTIVITY_TEAMS_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '指定团队招募时须至少选择一个已通过审核的团队',
      'zh-HK': '指定團隊招募時須至少選擇一個已通過審核的團隊',
      en: 'Recruiting from designated teams needs at least one approved team',
    },
  },
  SHIFT_OUTSIDE_ACTIVITY: {
    status: 400,
    text: {
      'zh-CN': '班次时间必须在活动时间之内',
      'zh-HK': '班次時間必須在活動時間之內',
      en: 'A shift must lie within the activity’s time',
    },
  },
  SHIFT_HAS_SIGNUPS: {
    status: 409,
    text: {
      'zh-CN': '该班次已有人报名，不能删除',
      'zh-HK': '該班次已有人報名，不能刪除',
      en: 'People have signed up for this shift; it cannot be removed',
    },
  },
  QUOTA_BELOW_TAKEN: {
    status: 409,
    text: {
      'zh-CN': '名额不能少于已录用和待审核的人数',
      'zh-HK': '名額不能少於已錄用和待審核的人數',
      en: 'The quota cannot be below the places already taken',
    },
  },
  SIGNUP_CLOSED: {
    status: 409,
    text: {
      'zh-CN': '该班次现在不接受报名',
      'zh-HK': '該班次現在不接受報名',
      en: 'This shift is not taking sign-ups now',
    },
  },
  SIGNUP_UNVERIFIED: {
    status: 403,
    text: {
      'zh-CN': '请先完成实名认证再报名',
      'zh-HK': '請先完成實名認證再報名',
      en: 'Verify your real name before signing up',
    },
  },
  SIGNUP_GUARDIAN_CONSENT: {
    status: 403,
    text: {
      'zh-CN': '未成年人报名须先登记监护人同意',
      'zh-HK': '未成年人報名須先登記監護人同意',
      en: 'A minor needs a guardian’s consent on record before signing up',
    },
  },
  SIGNUP_TOO_YOUNG: {
    status: 403,
    text: {
      'zh-CN': '未达到该岗位的最低年龄要求',
      'zh-HK': '未達到該崗位的最低年齡要求',
      en: 'You are under this position’s minimum age',
    },
  },
  SIGNUP_TOO_OLD: {
    status: 403,
    text: {
      'zh-CN': '超过该岗位的最高年龄要求',
      'zh-HK': '超過該崗位的最高年齡要求',
      en: 'You are over this position’s maximum age',
    },
  },
  SIGNUP_REQUIREMENTS: {
    status: 403,
    text: {
      'zh-CN': '缺少该岗位要求的技能或资质',
      'zh-HK': '缺少該崗位要求的技能或資質',
      en: 'You lack a skill or qualification this position requires',
    },
  },
  SIGNUP_OVERLAP: {
    status: 409,
    text: {
      'zh-CN': '您已报名了时间重叠的其他班次',
      'zh-HK': '您已報名了時間重疊的其他班次',
      en: 'You are already signed up for another shift at an overlapping time',
    },
  },
  SIGNUP_TEAMS_ONLY: {
    status: 403,
    text: {
      'zh-CN': '该活动只招募指定团队的成员',
      'zh-HK': '該活動只招募指定團隊的成員',
      en: 'This activity recruits members of designated teams only',
    },
  },
  SIGNUP_INVITE_CODE: {
    status: 403,
    text: {
      'zh-CN': '邀请码不正确',
      'zh-HK': '邀請碼不正確',
      en: 'The invitation code is wrong',
    },
  },
  SIGNUP_EXISTS: {
    status: 409,
    text: {
      'zh-CN': '您已报名该班次',
      'zh-HK': '您已報名該班次',
      en: 'You have already signed up for this shift',
    },
  },
  SIGNUP_STATE: {
    status: 409,
    text: {
      'zh-CN': '报名当前状态不允许此操作',
      'zh-HK': '報名當前狀態不允許此操作',
      en: 'The sign-up’s current status does not allow this',
    },
  },
  SIGNUP_SHIFT_FULL: {
    status: 409,
    text: {
      'zh-CN': '该班次名额已满',
      'zh-HK': '該班次名額已滿',
      en: 'This shift is full',
    },
  },
  QR_MALFORMED: {
    status: 400,
    text: {
      'zh-CN': '二维码内容无法识别，请扫描组织方出示的签到码',
      'zh-HK': '二維碼內容無法識別，請掃描組織方出示的簽到碼',
      en: 'This QR code is not a Yiqi check-in code',
    },
  },
  QR_FORGED: {
    status: 403,
    text: {
      'zh-CN': '签到码无效',
      'zh-HK': '簽到碼無效',
      en: 'This check-in code is not valid',
    },
  },
  QR_EXPIRED: {
    status: 403,
    text: {
      'zh-CN': '签到码已过期，请扫描屏幕上最新的二维码',
      'zh-HK': '簽到碼已過期，請掃描屏幕上最新的二維碼',
      en: 'This check-in code has expired; scan the current one on the screen',
    },
  },
  QR_REPLAYED: {
    status: 409,
    text: {
      'zh-CN': '该签到码已使用过，请扫描最新的二维码',
      'zh-HK': '該簽到碼已使用過，請掃描最新的二維碼',
      en: 'This code was already used; scan the current one',
    },
  },
  CHECKIN_NO_SHIFT_HERE: {
    status: 403,
    text: {
      'zh-CN': '您在此活动没有被录用的班次，无法签到',
      'zh-HK': '您在此活動沒有被錄用的班次，無法簽到',
      en: 'You hold no accepted shift at this activity, so you cannot check in here',
    },
  },
  CHECKIN_NO_OPEN_SHIFT: {
    status: 409,
    text: {
      'zh-CN': '您现在没有可签到的班次（班次开始前 1 小时至结束），请扫描现场二维码或稍后再试',
      'zh-HK': '您現在沒有可簽到的班次（班次開始前 1 小時至結束），請掃描現場二維碼或稍後再試',
      en: 'You have no shift open for check-in now (from 1 hour before it starts to its end)',
    },
  },
  CHECKIN_CODE_WRONG: {
    status: 400,
    text: {
      'zh-CN': '签到码不正确或已过期，请核对组织方屏幕上显示的 6 位数字',
      'zh-HK': '簽到碼不正確或已過期，請核對組織方屏幕上顯示的 6 位數字',
      en: 'The check-in code is wrong or has expired; check the 6 digits on the organizer’s screen',
    },
  },
  CHECKIN_CODE_LOCKED: {
    status: 429,
    text: {
      'zh-CN': '签到码输错次数过多，请 15 分钟后再试，或直接扫描现场二维码',
      'zh-HK': '簽到碼輸錯次數過多，請 15 分鐘後再試，或直接掃描現場二維碼',
      en: 'Too many wrong check-in codes; try again in 15 minutes or scan the QR code on site',
    },
  },
  CHECKIN_NOT_SIGNED_UP: {
    status: 403,
    text: {
      'zh-CN': '您没有被录用到这个班次',
      'zh-HK': '您沒有被錄用到這個班次',
      en: 'You are not an accepted volunteer of this shift',
    },
  },
  CHECKIN_WINDOW: {
    status: 409,
    text: {
      'zh-CN': '不在签到时间内（班次开始前 1 小时至结束）',
      'zh-HK': '不在簽到時間內（班次開始前 1 小時至結束）',
      en: 'Not within check-in time (from 1 hour before the shift to its end)',
    },
  },
  CHECKIN_POSITION_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '该活动签到需要定位，请允许获取位置',
      'zh-HK': '該活動簽到需要定位，請允許獲取位置',
      en: 'This activity needs your location to check in; allow location access',
    },
  },
  CHECKIN_OUTSIDE_AREA: {
    status: 403,
    text: {
      'zh-CN': '您不在活动签到范围内',
      'zh-HK': '您不在活動簽到範圍內',
      en: 'You are outside the activity’s check-in area',
    },
  },
  CHECKIN_OVERLAP: {
    status: 409,
    text: {
      'zh-CN': '您已在时间重叠的其他班次签到',
      'zh-HK': '您已在時間重疊的其他班次簽到',
      en: 'You are checked in to another shift at an overlapping time',
    },
  },
  CHECKOUT_NOT_CHECKED_IN: {
    status: 409,
    text: {
      'zh-CN': '尚未签到，不能签退',
      'zh-HK': '尚未簽到，不能簽退',
      en: 'Not checked in yet, so you cannot check out',
    },
  },
  ATTENDANCE_STATE: {
    status: 409,
    text: {
      'zh-CN': '签到记录当前状态不允许此操作',
      'zh-HK': '簽到記錄當前狀態不允許此操作',
      en: 'The attendance record’s current status does not allow this',
    },
  },
  /** The organizer is the volunteer who signed up. */
  SIGNUP_SELF_DECISION: {
    status: 403,
    text: {
      'zh-CN': '不能审核本人的报名，请由上级组织或区域管理员审核',
      'zh-HK': '不能審核本人的報名，請由上級組織或區域管理員審核',
      en: 'You cannot decide on your own sign-up; the parent organization or the region administrators must',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
